"""Answers first: what the latest message says for the eligibility form.

While a question is open, the message is read as an answer to it (and to
any other question it also answers) before the intent classifier is
trusted; only an explicit stop, a request for a person, or a message that
answers nothing leaves the form (bot.parsing.facts does the reading).
"""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal
from typing import Any

from rasa_sdk import Tracker

from actions.common import NOT_AN_ANSWER, latest_intent, latest_text, starting, today_lisbon
from bot.figures import render
from bot.format import money
from bot.parsing.facts import not_about_age, read_facts, states_unemployment
from bot.parsing.intents import asks_for_person, asks_to_stop, asks_why
from bot.parsing.numbers import normalise
from bot.rules.model import Household, WorkSituation

# Questions of the eligibility form a message can answer.
FACT_SLOTS = (
    "adults", "minors", "employment_income", "other_income", "assets", "nationality", "refugee",
    "legal_residence_years", "is_adult", "age_exception", "employment_centre_registered",
)
FORM = "eligibility_form"
# Kept with the answers, never asked.
INFO_SLOTS = ("applicant_age", "household_size", "region", "fact_notes", "assumed_slots", "unsure_turn")
YES_NO_SLOTS = ("refugee", "is_adult", "employment_centre_registered")

# "não sei": the estimate goes on with these values, said and marked as assumptions.
ASSUMPTIONS: dict[str, Any] = {
    "minors": 0,
    "employment_income": Decimal("0.00"),
    "other_income": Decimal("0.00"),
    "assets": Decimal("0.00"),
    "refugee": False,
    "is_adult": True,
    "age_exception": "none",
    "employment_centre_registered": True,
}
# {placeholders}: legal figures (bot/figures.py), filled on the day the text is said.
_ASSUMPTION_TEXTS = {
    "minors": "considero que não vivem menores consigo",
    "employment_income": f"considero {money(Decimal(0))} de salários; se houver salários, o valor do RSI será menor",
    "other_income": f"considero {money(Decimal(0))} de outros rendimentos; se os houver, o valor do RSI será menor",
    "assets": f"considero {money(Decimal(0))} em poupanças",
    "refugee": "considero que não tem estatuto de refugiado",
    "is_adult": "considero que tem {minimum_age} ou mais",
    "age_exception": "considero que nenhuma das exceções se aplica",
    "employment_centre_registered": (
        "considero que está inscrito/a no centro de emprego (IEFP); se não estiver, tem de se inscrever"
    ),
}


def assumption_text(slot: str) -> str:
    return render(_ASSUMPTION_TEXTS[slot], today_lisbon())


def read_turn(tracker: Tracker, today: date) -> dict[str, Any] | None:
    """The slot values the latest message gives, or None when it is not an
    answer (a side question, a stop, a request for a person). The question
    being asked gets None when the message says nothing readable about it,
    so the form asks again (or explains, or assumes on "não sei")."""
    requested = tracker.get_slot("requested_slot")
    if requested is not None and starting(tracker, FORM, (*FACT_SLOTS, "eligibility_confirmed")):
        # another form's question was pending: this message starts the estimate
        requested = None
    text = latest_text(tracker)
    intent = latest_intent(tracker)
    if not text or text.startswith("/"):
        # button payloads ("/affirm") carry no text to read
        if requested in YES_NO_SLOTS and intent in ("affirm", "deny"):
            return {requested: intent == "affirm", "unsure_turn": False}
        return None if requested else {}
    facts = read_facts(text, asking=requested, on=today)
    values: dict[str, Any] = {
        f.slot: f.value for f in facts if f.slot in FACT_SLOTS or f.slot in INFO_SLOTS
    }
    if requested is None:
        # what was told just before the questions started counts too
        earlier = _earlier_facts(tracker, today)
        return _with_notes({**earlier, **values}, facts, tracker)
    _keep_household_unless_corrected(values, requested, text, tracker)
    if asks_why(text):
        # "porquê?", "o que é isso?": explained, then asked again (never a yes)
        values.pop(requested, None)
    answered = requested in values
    leaving = intent in ("stop", "talk_to_human") or asks_to_stop(text) or asks_for_person(text)
    if leaving and (not answered or asks_to_stop(text) or asks_for_person(text)):
        return None
    if not answered:
        if asks_why(text) or facts.unsure:
            values[requested] = None
        elif requested in YES_NO_SLOTS and intent in ("affirm", "deny") and not _other_answer(requested, text, facts):
            values[requested] = intent == "affirm"
        elif not values and intent in NOT_AN_ANSWER:
            return None
        elif not values:
            values[requested] = None
        # else: it answered earlier questions (a correction): asked again, no complaint
    _no_wages_when_alone(values, tracker, text)
    values["unsure_turn"] = facts.unsure and values.get(requested) is None
    return _with_notes(values, facts, tracker)


def _no_wages_when_alone(values: dict[str, Any], tracker: Tracker, text: str) -> None:
    """"to desempregado faz 4 meses" first, "moro sozinho" later: a person who lives
    alone and said they are out of work earns no wages, so that is not asked."""
    # the whole home said at once ("moro sozinho": 1 adult, no children); "só eu" answers
    # only how many adults, and children's wages are not the question
    if values.get("adults") != 1 or values.get("minors") != 0 or "employment_income" in values \
            or tracker.get_slot("employment_income") is not None:
        return
    if any(states_unemployment(said) for said in (text, *journey_texts(tracker))):
        values["employment_income"] = Decimal("0.00")


def journey_texts(tracker: Tracker) -> list[str]:
    """What the person typed since the last journey ended (the latest message excluded)."""
    texts: list[str] = []
    seen_latest = False
    for event in reversed(tracker.events):
        if event.get("event") == "action" and event.get("name") in JOURNEY_ENDS:
            break
        if event.get("event") == "user":
            if seen_latest:
                text = event.get("text") or ""
                if text and not text.startswith("/"):
                    texts.append(text)
            seen_latest = True
    return texts


def _other_answer(requested: str, text: str, facts: Any) -> bool:
    """A message the classifier took for a yes or a no that says something else, so
    the question is asked again: to the IEFP question an age ("tenho 40 anos") or
    being out of work ("não tenho trabalho") is not "registered" or "not
    registered"; to the age question a "não" about another question ("não somos
    refugiados", "não tenho filhos") is not "under 18"."""
    if requested == "employment_centre_registered":
        return facts.get("applicant_age") is not None or states_unemployment(text)
    if requested == "is_adult":
        return not_about_age(normalise(text))
    return False


# A journey that ended: what was said before it belongs to it, not to a new estimate.
JOURNEY_ENDS = frozenset({
    "action_compute_eligibility", "action_compute_deadline", "action_document_checklist",
    "action_submit_certificate_request", "action_check_request_status", "utter_form_stopped",
})
EARLIER_MESSAGES = 3


def _earlier_facts(tracker: Tracker, today: date) -> dict[str, Any]:
    """Facts of the few messages before the one that started the form ("vivo com o
    meu marido e 2 filhos…" misunderstood, then "queria ver se temos direito")."""
    texts = journey_texts(tracker)[:EARLIER_MESSAGES]
    values: dict[str, Any] = {}
    for text in reversed(texts):  # oldest first: later messages win
        values.update({f.slot: f.value for f in read_facts(text, on=today)
                       if f.slot in FACT_SLOTS or f.slot in INFO_SLOTS})
    return values


PEOPLE_SLOTS = ("adults", "minors", "household_size")
# Words that say the household itself is being described or corrected.
_HOUSEHOLD_AGAIN = re.compile(
    r"\b(?:enganei|engano|afinal|corrig\w*|na verdade|alias|somos|agregado|vivemos|moramos|"
    r"ca em casa|em casa somos|esqueci)", re.IGNORECASE
)


def _keep_household_unless_corrected(
    values: dict[str, Any], requested: str, text: str, tracker: Tracker
) -> None:
    """"não estou inscrita porque tenho um filho deficiente" answers the IEFP question;
    it does not say the household has one child. People already counted change
    only when the message corrects or describes the household."""
    if requested in PEOPLE_SLOTS or _HOUSEHOLD_AGAIN.search(normalise(text)):
        return
    for slot in PEOPLE_SLOTS:
        if slot in values and tracker.get_slot(slot) is not None:
            values.pop(slot)


def _with_notes(values: dict[str, Any], facts: Any, tracker: Tracker) -> dict[str, Any]:
    notes = {f.slot: f.note for f in facts if f.note and f.slot in values}
    if notes:
        values["fact_notes"] = {**(tracker.get_slot("fact_notes") or {}), **notes}
    return values


# ---------------------------------------------------------------- IEFP answers

# Answers to the IEFP question that say what the person does. True / False
# (registered or not), "not_applicable" and "working" are turned into the household
# by actions.common.household_from_slots; these add the work situation the rules need.
_WORK_ANSWERS = {situation.value: situation for situation in WorkSituation}


def apply_work_answer(household: Household, answer: Any) -> None:
    """The work situation said in answer to the IEFP question ("sou cuidadora da minha
    mãe" -> carer). An age that exempts needs nothing more: the age is in the household."""
    situation = _WORK_ANSWERS.get(answer) if isinstance(answer, str) else None
    if situation is not None:
        household.work_situation = situation
