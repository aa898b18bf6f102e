"""The working set of citizen conversations (tests/conversations/tuning.yml),
end to end over HTTP. The held-out set is played by scripts/heldout.py."""

from __future__ import annotations

import pytest
from conversation_runner import load, play

pytestmark = pytest.mark.e2e

CONVERSATIONS = load("tuning.yml")


@pytest.mark.parametrize("conv", CONVERSATIONS, ids=[c["id"] for c in CONVERSATIONS])
def test_conversation(conv, rasa_url, api_token):
    play(conv, rasa_url, api_token)
