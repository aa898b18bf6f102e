"""Answers to frequent questions, with their legal figures filled in.

The answers stay in domain.yml (``utter_faq/<topic>``) but quote figures as
placeholders (``{asset_limit}``); Rasa's own ``utter_faq`` would fill them from
slots only, so the rules run this action instead: it takes the topic the
response selector chose and utters that response with ``bot.figures`` as values.
"""

from __future__ import annotations

import logging
from typing import Any

from rasa_sdk import Tracker
from rasa_sdk.events import FollowupAction
from rasa_sdk.executor import CollectingDispatcher

from actions.common import EventList, SafeAction, latest_text, today_lisbon
from actions.deadlines import asks_a_dated_deadline
from bot.figures import figures

logger = logging.getLogger(__name__)

# The retrieval intent whose answers this action gives (domain.yml, data/nlu/faq.yml).
RETRIEVAL_INTENT = "faq"


def selected_faq(latest_message: dict[str, Any]) -> str | None:
    """The answer key the response selector chose, e.g. ``"faq/payment"``.

    Looked up as Rasa's ActionRetrieveResponse does: under the retrieval intent,
    else under ``default`` (a selector trained without a retrieval_intent).
    """
    selectors = latest_message.get("response_selector") or {}
    selector = selectors.get(RETRIEVAL_INTENT) or selectors.get("default") or {}
    key = (selector.get("response") or {}).get("intent_response_key")
    if isinstance(key, str) and key.startswith(f"{RETRIEVAL_INTENT}/"):
        return key
    return None


class ActionAnswerFaq(SafeAction):
    def name(self) -> str:
        return "action_answer_faq"

    def act(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> EventList:
        key = selected_faq(tracker.latest_message)
        if key is None:
            # No topic chosen (a message without selector output): asking again is
            # better than guessing an answer.
            logger.warning("action_answer_faq without a selected answer")
            dispatcher.utter_message(response="utter_ask_rephrase")
            return []
        if not tracker.active_loop.get("name") and asks_a_dated_deadline(latest_text(tracker)):
            # a deadline with its kind and its day: counted, not answered in general
            return [FollowupAction("deadline_form")]
        dispatcher.utter_message(response=f"utter_{key}", **figures(today_lisbon()))
        return []
