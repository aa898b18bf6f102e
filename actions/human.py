"""Talking to a person: the Segurança Social channels (``bot.helpline``) and a
summary of what the citizen already told us, so they need not repeat it."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions.common import EventList, SafeAction, bullets, now_lisbon, utter_all
from actions.facts import describe_deadline_facts, describe_facts
from bot.helpline import contact_messages, phone_human_message

# The forms a request for a person pauses, and what to say to take them up again
# (each starts its form, which asks only what is still missing).
RESUME_PHRASES = {
    "eligibility_form": "quero simular o RSI",
    "documents_form": "que documentos preciso?",
    "deadline_form": "que prazo tenho?",
}


class ActionTalkToHuman(SafeAction):
    def name(self) -> str:
        return "action_talk_to_human"

    def act(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> EventList:
        if tracker.get_latest_input_channel() == "phone":
            dispatcher.utter_message(**phone_human_message(now_lisbon()))
        else:
            utter_all(dispatcher, human_messages(tracker, now_lisbon()))
        # "isto é muito complicado, quero falar com uma pessoa": the questions wait,
        # with the answers kept, instead of being asked again at once.
        form = tracker.active_loop.get("name")
        if form in RESUME_PHRASES:
            dispatcher.utter_message(
                text=f"Deixei as perguntas em pausa, com o que já me disse. Se quiser continuar aqui, "
                f"diga «{RESUME_PHRASES[form]}» e retomo onde ficámos."
            )
        # The rules then deactivate the form (action_deactivate_loop); its slots stay.
        return []


def human_messages(tracker: Tracker, now: datetime) -> list[str]:
    messages = contact_messages(now)
    facts = describe_facts(tracker) + describe_deadline_facts(tracker)
    if facts:
        messages.append(f"Para não ter de repetir, o que já me disse foi:\n{bullets(facts)}")
    return messages
