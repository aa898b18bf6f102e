"""A tracker store that keeps conversations without the personal data they no longer need.

Rasa's in-memory store with `bot.redaction` applied on every save: what the
store holds (and what the HTTP API's /conversations/…/tracker returns) never has
the answers to the NIF, NISS, name, e-mail and address questions, and the
personal slots' values go once the form that needed them is closed. The turn
being processed still sees everything: Rasa saves after the turn.

Selected in endpoints.yml: `tracker_store: {type: bot.serving.tracker_store.RedactingTrackerStore}`.
"""

from __future__ import annotations

import json

from rasa.core.tracker_store import InMemoryTrackerStore
from rasa.shared.core.trackers import DialogueStateTracker

from bot.redaction import redact_events


class RedactingTrackerStore(InMemoryTrackerStore):
    async def save(self, tracker: DialogueStateTracker) -> None:
        await self.stream_events(tracker)
        dialogue = tracker.as_dialogue().as_dict()
        dialogue["events"] = redact_events(dialogue["events"])
        self.store[tracker.sender_id] = json.dumps(dialogue)
