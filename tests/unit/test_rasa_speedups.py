"""The action server's answers are checked as strictly with the kept validator as by Rasa."""

from __future__ import annotations

import pytest
from jsonschema import ValidationError
from rasa.core.actions.action import RemoteAction

from bot.serving import rasa_speedups

GOOD = {
    "events": [{"event": "slot", "name": "adults", "value": 2, "timestamp": None},
               {"event": "active_loop", "name": None}],
    "responses": [{"text": "Quantos adultos vivem consigo?"}],
}
BAD = [
    {"events": "not a list"},
    {"events": [{"name": "adults"}]},             # an event without its type
    {"events": [{"event": "no_such_event"}]},
    {"events": [], "responses": ["not an object"]},
    ["not an object"],
]


def test_a_valid_answer_passes():
    assert rasa_speedups.validate_action_result(RemoteAction("x", None), GOOD) is True


@pytest.mark.parametrize("answer", BAD)
def test_an_invalid_answer_is_refused_as_rasa_refuses_it(answer):
    with pytest.raises(ValidationError):
        RemoteAction("x", None)._validate_action_result(answer)  # Rasa's own check
    with pytest.raises(ValidationError, match="Failed to validate Action server response"):
        rasa_speedups.validate_action_result(RemoteAction("x", None), answer)


def test_the_schema_is_checked_once():
    rasa_speedups.action_response_validator.cache_clear()
    for _ in range(3):
        rasa_speedups.validate_action_result(RemoteAction("x", None), GOOD)
    assert rasa_speedups.action_response_validator.cache_info().misses == 1
