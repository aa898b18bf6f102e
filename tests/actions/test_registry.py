"""The action server registers exactly the custom actions the domain names: the
shared base classes (form validation with re-prompts, cancel) are not actions."""

from __future__ import annotations

from journey_helpers import DOMAIN
from rasa_sdk.executor import ActionExecutor


def test_registered_actions_match_the_domain():
    executor = ActionExecutor()
    executor.register_package("actions")
    custom = {a for a in DOMAIN["actions"] if a.startswith(("action_", "validate_"))}
    assert set(executor.actions) == custom
