"""Deadlines journey: which deadline, from which day, in which region; the
end date is counted by bot.calendar (working days, holidays, CPA art. 87.º)."""

from __future__ import annotations

import re
from datetime import date
from typing import Any

from rasa_sdk import Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.forms import FormValidationAction
from rasa_sdk.types import DomainDict

from actions.common import (
    EventList,
    SafeAction,
    is_answer,
    latest_text,
    today_lisbon,
)
from bot.calendar import REGION_LABELS, deadline
from bot.errors import InputError
from bot.format import date_long, weekday
from bot.parsing import normalise, parse_date, parse_region

SLOTS = ("deadline_kind", "deadline_start", "region")


def parse_deadline_kind(text: str) -> str | None:
    """Which legal deadline a message is about ("faltei à entrevista" -> interview_justification)."""
    norm = normalise(text)
    if re.search(r"\bentrevista|\bfaltei|\bjustifica", norm):
        return "interview_justification"
    if re.search(r"\bnotifica\w* da renova|\bdecisao da renova|\bresposta da renova", norm):
        return "renewal_notification"
    if re.search(r"\brenova", norm):
        return "renewal_start"
    if re.search(r"\bcertid|\bdeclarac", norm):
        if re.search(r"\beletronic|\belectronic|\bonline|\bemail|\be-mail|\bdireta|\binternet", norm):
            return "certificate_electronic"
        return "certificate"
    if re.search(r"\bdocumento|\bpapeis|\bpapel|\brecibos|\bcomprovativ|\bem falta|\bpedir\b|\bpediram", norm):
        return "missing_documents"
    return None


# "22 de dezembro [de 2026]" inside a longer sentence.
_DAY_MONTH = re.compile(r"\b\d{1,2} de [a-zç]+(?: de \d{4})?", re.IGNORECASE)


def read_date(text: str) -> date | None:
    """parse_date on the whole message, then on each "<day> de <month>" in it
    (parse_date stops at the first number, e.g. "uma carta a 22 de dezembro")."""
    today = today_lisbon()
    found = parse_date(text, today)
    for match in _DAY_MONTH.finditer(text):
        if found is not None:
            break
        found = parse_date(match.group(0), today)
    return found


def _reads_from_message(tracker: Tracker) -> bool:
    # The first message ("recebi uma carta a 22 de dezembro a pedir documentos")
    # has intent ask_deadline and is read whole; later ones must be answers.
    return tracker.get_slot("requested_slot") is None or is_answer(tracker)


class ValidateDeadlineForm(FormValidationAction):
    """Every answer is read for all three facts: dates, regions and deadline
    names are distinctive enough that a message can fill several at once."""

    def name(self) -> str:
        return "validate_deadline_form"

    async def required_slots(
        self,
        domain_slots: list[str],
        dispatcher: CollectingDispatcher,
        tracker: Tracker,
        domain: DomainDict,
    ) -> list[str]:
        return list(SLOTS)

    def _extract(self, slot: str, value: Any, tracker: Tracker) -> dict[str, Any]:
        if not _reads_from_message(tracker):
            return {}
        if value is not None:
            return {slot: value}
        # Nothing readable in an answer to this very question: ask again.
        return {slot: None} if tracker.get_slot("requested_slot") == slot else {}

    def extract_deadline_kind(self, dispatcher, tracker, domain):  # noqa: ANN001, ANN201
        return self._extract("deadline_kind", parse_deadline_kind(latest_text(tracker)), tracker)

    def extract_deadline_start(self, dispatcher, tracker, domain):  # noqa: ANN001, ANN201
        start = read_date(latest_text(tracker))
        return self._extract("deadline_start", start.isoformat() if start else None, tracker)

    def extract_region(self, dispatcher, tracker, domain):  # noqa: ANN001, ANN201
        return self._extract("region", parse_region(latest_text(tracker)), tracker)

    def _validate(self, slot: str, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker) -> dict:
        if value is not None or tracker.get_slot("requested_slot") != slot:
            return {slot: value}
        dispatcher.utter_message(text=REPROMPTS[slot])
        return {slot: None}

    def validate_deadline_kind(self, value, dispatcher, tracker, domain):  # noqa: ANN001, ANN201
        return self._validate("deadline_kind", value, dispatcher, tracker)

    def validate_deadline_start(self, value, dispatcher, tracker, domain):  # noqa: ANN001, ANN201
        return self._validate("deadline_start", value, dispatcher, tracker)

    def validate_region(self, value, dispatcher, tracker, domain):  # noqa: ANN001, ANN201
        return self._validate("region", value, dispatcher, tracker)


REPROMPTS = {
    "deadline_kind": "Não percebi de que prazo se trata. Escolha uma das opções, por exemplo «documentos em falta».",
    "deadline_start": "Não percebi a data. Diga, por exemplo, «22 de dezembro», «22/12/2026» ou «ontem».",
    "region": "Não percebi. Diga «continente», «Açores» ou «Madeira».",
}


class ActionComputeDeadline(SafeAction):
    def name(self) -> str:
        return "action_compute_deadline"

    def act(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> EventList:
        kind = tracker.get_slot("deadline_kind")
        start = date.fromisoformat(tracker.get_slot("deadline_start"))
        region = tracker.get_slot("region") or "continente"
        try:
            result = deadline(kind, start, region)
        except InputError:
            # A date before the rules we know (e.g. a typo in the year).
            dispatcher.utter_message(
                text="Não consigo contar prazos a partir dessa data. Confirme a data, por favor."
            )
            return [SlotSet("deadline_start", None)]
        for text in deadline_messages(result, today_lisbon()):
            dispatcher.utter_message(text=text)
        # The region stays known; the next deadline question starts afresh.
        return [SlotSet("deadline_kind", None), SlotSet("deadline_start", None)]


def deadline_messages(result: Any, today: date) -> list[str]:
    end = result.end
    if result.unit == "months":
        headline = f"{result.label}: a partir de {date_long(end)}."
    else:
        headline = (
            f"{result.label}: o prazo termina na {weekday(end)}, {date_long(end)}. São "
            f"{result.amount} dias úteis contados a partir de {date_long(result.start)}, "
            "sem contar esse dia, os fins de semana e os feriados"
            f"{' (incluindo os regionais)' if result.region != 'continente' else ''}."
        )
    messages = [headline]
    if result.unit != "months" and end < today:
        messages.append(
            "Atenção: essa data já passou. Fale quanto antes com os serviços da Segurança Social "
            "e explique o que aconteceu."
        )
    steps = "\n".join(f"• {line}" for line in result.trace)
    messages.append(f"Como contei:\n{steps}")
    messages.append(f"Base legal: {result.legal_basis}. Região: {REGION_LABELS[result.region]}.")
    messages.extend(result.notices)
    return messages
