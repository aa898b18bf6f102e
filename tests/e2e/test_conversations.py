"""The working sets of citizen conversations (tests/conversations/tuning.yml,
tuning2.yml and tuning3.yml), end to end over HTTP. The held-out set (heldout.yml) is never
tuned against: scripts/conversations.py prints its pass rate."""

from __future__ import annotations

import pytest
from conversation_runner import load, play

pytestmark = pytest.mark.e2e

CONVERSATIONS = load("tuning.yml") + load("tuning2.yml") + load("tuning3.yml")


@pytest.mark.parametrize("conv", CONVERSATIONS, ids=[c["id"] for c in CONVERSATIONS])
def test_conversation(conv, rasa_url, api_token):
    play(conv, rasa_url, api_token)
