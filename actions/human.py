"""Talking to a person: the Segurança Social channels, whether the phone line
is open right now, and a summary of what the citizen already told us.

On the phone line the caller is already on a call: while the Linha Segurança
Social is open the call is transferred to it (a ``phone_transfer`` payload the
phone channel turns into <Dial>); when it is closed, the caller hears when it
opens and the conversation goes on."""

from __future__ import annotations

from datetime import datetime, time, timedelta
from typing import Any

from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions.common import EventList, SafeAction, bullets, now_lisbon, utter_all
from actions.facts import describe_deadline_facts, describe_facts
from bot.calendar import is_working_day
from bot.format import date_long, weekday
from bot.speech import TRANSFER_KEY

# Linha Segurança Social: 300 502 502, working days 9h-18h (DESIGN.md, channels).
HELPLINE = "300 502 502"
OPENS, CLOSES = time(9, 0), time(18, 0)
# A national line: it follows the national calendar, not the regional one.
LINE_REGION = "continente"


def next_opening(now: datetime) -> datetime | None:
    """When the line next opens, or None if it is open at ``now``."""
    day = now.date()
    if is_working_day(day, LINE_REGION):
        if OPENS <= now.time() < CLOSES:
            return None
        if now.time() < OPENS:
            return datetime.combine(day, OPENS, now.tzinfo)
    day += timedelta(days=1)
    while not is_working_day(day, LINE_REGION):
        day += timedelta(days=1)
    return datetime.combine(day, OPENS, now.tzinfo)


def line_status(now: datetime) -> str:
    opening = next_opening(now)
    if opening is None:
        return "Neste momento a linha está aberta (fecha às 18h)."
    if opening.date() == now.date():
        return "Neste momento a linha está fechada; abre hoje às 9h."
    if opening.date() == now.date() + timedelta(days=1):
        return "Neste momento a linha está fechada; abre amanhã às 9h."
    return (
        f"Neste momento a linha está fechada; abre na {weekday(opening.date())}, "
        f"{date_long(opening.date())}, às 9h."
    )


def phone_line_status(now: datetime) -> str:
    """When the closed line opens, said for the ear ("abre amanhã às 9 horas")."""
    opening = next_opening(now)
    if opening is None:
        return "Neste momento a linha está aberta, até às 18 horas."
    if opening.date() == now.date():
        when = "hoje"
    elif opening.date() == now.date() + timedelta(days=1):
        when = "amanhã"
    else:
        when = f"na {weekday(opening.date())}, {date_long(opening.date())},"
    return f"Neste momento a linha está fechada: abre {when} às 9 horas."


def phone_human_message(now: datetime) -> dict[str, Any]:
    """What the phone line does for "quero falar com uma pessoa" at ``now``: the
    arguments of one ``dispatcher.utter_message`` call. Open: transfer the call;
    closed: say when the line opens, and go on."""
    if next_opening(now) is None:
        return {"json_message": {TRANSFER_KEY: {
            "say": "Vou passar a sua chamada para a Linha Segurança Social. Aguarde um momento, por favor.",
        }}}
    return {"text": (
        f"A Linha Segurança Social, {HELPLINE}, atende nos dias úteis, das 9 às 18 horas. "
        f"{phone_line_status(now)} Entretanto, posso continuar a ajudar: diga o que precisa."
    )}


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
    messages = [
        f"Pode falar com uma pessoa pela Linha Segurança Social, {HELPLINE}, nos dias úteis "
        f"das 9h às 18h. {line_status(now)}",
        "Também pode ir a um serviço de atendimento da Segurança Social (convém marcar antes, "
        "na Segurança Social Direta ou pela linha) ou tratar de muitos assuntos online na "
        "Segurança Social Direta, em www.seg-social.pt.",
        "Tenha à mão o seu NISS (número de identificação da Segurança Social), o documento de "
        "identificação e, se já fez o pedido, a carta que recebeu ou o número do processo.",
    ]
    facts = describe_facts(tracker) + describe_deadline_facts(tracker)
    if facts:
        messages.append(f"Para não ter de repetir, o que já me disse foi:\n{bullets(facts)}")
    return messages
