"""Drive form validation actions the way Rasa does, without a Rasa server.

A ``Conversation`` keeps the slots between turns, builds an SDK ``Tracker``
for each message (latest message, active form, requested slot), runs the
real action and applies the SlotSet events it returns.
"""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Any

import yaml
from rasa_sdk import Action, Tracker
from rasa_sdk.executor import CollectingDispatcher

DOMAIN: dict[str, Any] = yaml.safe_load(
    (Path(__file__).resolve().parents[2] / "domain.yml").read_text(encoding="utf-8")
)


def make_tracker(
    slots: dict[str, Any],
    text: str = "",
    intent: str = "inform",
    form: str | None = None,
    channel: str = "rest",
) -> Tracker:
    """``channel`` is the input channel of the user event ("staff" at the counter)."""
    all_slots = {name: None for name in DOMAIN["slots"]}
    all_slots["requested_slot"] = None
    all_slots.update(slots)
    latest = {"text": text, "intent": {"name": intent, "confidence": 0.9}, "entities": []}
    # As in a real tracker, earlier answers are slot events before the user turn.
    events = [{"event": "slot", "name": name, "value": value} for name, value in slots.items()]
    events.append({"event": "user", "text": text, "parse_data": latest, "input_channel": channel})
    return Tracker(
        "test-user",
        all_slots,
        latest,
        events,
        False,
        None,
        {"name": form} if form else {},
        "action_listen",
    )


def run_action(action: Action, tracker: Tracker) -> tuple[list[dict[str, Any]], list[str]]:
    dispatcher = CollectingDispatcher()
    events = asyncio.run(action.run(dispatcher, tracker, DOMAIN))
    texts = [m.get("text") or m.get("response") or "" for m in dispatcher.messages]
    return events, texts


class Conversation:
    def __init__(self, validator: Action, form: str, **slots: Any) -> None:
        self.validator = validator
        self.form = form
        self.slots: dict[str, Any] = dict(slots)
        self.rejected = False
        self.messages: list[str] = []

    @property
    def asked(self) -> str | None:
        return self.slots.get("requested_slot")

    def start(self, text: str, intent: str) -> Conversation:
        """The activating message (nothing asked yet)."""
        return self.say(text, intent)

    def say(self, text: str, intent: str = "inform") -> Conversation:
        tracker = make_tracker(self.slots, text, intent, self.form)
        events, self.messages = run_action(self.validator, tracker)
        changed = [e for e in events if e.get("event") == "slot" and e["name"] != "requested_slot"]
        # Rasa rejects the form when a requested slot got nothing: the
        # rules then answer the side question and the form asks again.
        self.rejected = self.asked is not None and not changed
        for event in events:
            if event.get("event") == "slot":
                self.slots[event["name"]] = event["value"]
        if not any(e.get("event") == "slot" and e["name"] == "requested_slot" for e in events):
            # The SDK leaves the choice to Rasa when the dynamic list equals the
            # domain's: Rasa then asks the first empty slot of the domain list.
            required = DOMAIN["forms"][self.form]["required_slots"]
            self.slots["requested_slot"] = next((s for s in required if self.slots.get(s) is None), None)
        return self

    def text(self) -> str:
        return "\n".join(self.messages).replace("\xa0", " ")
