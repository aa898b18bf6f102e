"""Helpers shared by the journey actions: the clock, a failure-safe base class,
the household facts already given in the conversation, and answer routing."""

from __future__ import annotations

import logging
from abc import ABC, abstractmethod
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from typing import Any
from zoneinfo import ZoneInfo

from rasa_sdk import Action, Tracker
from rasa_sdk.executor import CollectingDispatcher

from bot.rules.model import Household

logger = logging.getLogger(__name__)

LISBON = ZoneInfo("Europe/Lisbon")

# Messages with these intents are never read as an answer to a form question:
# the form is rejected and the rules answer the side question (or stop).
NOT_AN_ANSWER = frozenset(
    {
        "faq",
        "stop",
        "out_of_scope",
        "bot_challenge",
        "greet",
        "goodbye",
        "thank",
        "talk_to_human",
        "ask_documents",
        "ask_deadline",
        "request_certificate",
        "check_request_status",
    }
)

EventList = list[dict[str, Any]]


def now_lisbon() -> datetime:
    """Current wall-clock time in Portugal (the helpline's hours are local)."""
    return datetime.now(LISBON)


def today_lisbon() -> date:
    return now_lisbon().date()


def latest_intent(tracker: Tracker) -> str | None:
    return (tracker.latest_message.get("intent") or {}).get("name")


def latest_text(tracker: Tracker) -> str:
    return tracker.latest_message.get("text") or ""


def is_answer(tracker: Tracker) -> bool:
    """False when the last message is a side question or a command, not an answer."""
    text = latest_text(tracker)
    if not text or text.startswith("/"):
        # "/intent" payloads from buttons carry no answer text.
        return latest_intent(tracker) in {"affirm", "deny"}
    return latest_intent(tracker) not in NOT_AN_ANSWER


def to_decimal(value: Any) -> Decimal | None:
    if value is None:
        return None
    try:
        return Decimal(str(value))
    except (InvalidOperation, ValueError):
        return None


def to_int(value: Any) -> int | None:
    number = to_decimal(value)
    return None if number is None else int(number)


class SafeAction(Action, ABC):
    """An action that never leaves the citizen without an answer: on an
    unexpected error it says so (utter_action_failed) instead of going silent."""

    @abstractmethod
    def act(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> EventList:
        """The action's work; may raise."""

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> EventList:
        try:
            return self.act(dispatcher, tracker, domain)
        except Exception:
            # Only the action name and the exception type: slots hold personal data.
            logger.error("action %s failed", self.name(), exc_info=False)
            logger.debug("action failure details", exc_info=True)
            dispatcher.utter_message(response="utter_action_failed")
            return []


def household_from_slots(tracker: Tracker) -> Household | None:
    """The Household described so far in this conversation, or None if the
    household size is unknown. Unknown answers keep the model's defaults."""
    adults = to_int(tracker.get_slot("adults"))
    if adults is None or adults < 1:
        return None
    household = Household(adults=adults, minors=to_int(tracker.get_slot("minors")) or 0)
    for name in ("employment_income", "other_income", "assets"):
        value = to_decimal(tracker.get_slot(name))
        if value is not None:
            setattr(household, name, value)
    nationality = tracker.get_slot("nationality")
    if nationality in ("pt", "eu", "other"):
        household.nationality = nationality
    household.refugee = tracker.get_slot("refugee") is True
    household.legal_residence_years = to_decimal(tracker.get_slot("legal_residence_years"))
    apply_age(household, tracker)
    apply_work_availability(household, tracker.get_slot("employment_centre_registered"))
    apply_document_answers(household, tracker)
    return household


# Without a stated age, an applicant who said "18 or more" is treated as 18
# and one who said "under 18" as 17: only which side of 18 matters to the rules.
ADULT_AGE_DEFAULT = 18
UNDER_AGE_DEFAULT = 17


def apply_age(household: Household, tracker: Tracker) -> None:
    age = to_int(tracker.get_slot("applicant_age"))
    is_adult = tracker.get_slot("is_adult")
    if age is not None:
        household.age = age
    elif is_adult is False:
        household.age = UNDER_AGE_DEFAULT
    elif is_adult is True:
        household.age = ADULT_AGE_DEFAULT
    exception = tracker.get_slot("age_exception")
    household.pregnant = household.pregnant or exception == "pregnant"
    household.married_or_union_2y = exception == "union"
    household.has_dependents = exception == "dependents"


def apply_work_availability(household: Household, answer: Any) -> None:
    """Slot values: True / False (registered or not) or "not_applicable"
    (cannot work: illness, disability, age, caring for someone)."""
    if answer is True or answer is False:
        household.employment_centre_registered = answer
        household.able_to_work = True
    elif answer == "not_applicable":
        household.able_to_work = False


def apply_document_answers(household: Household, tracker: Tracker) -> None:
    household.variable_income = tracker.get_slot("income_kind") == "dependent_variable"
    household.capital_or_property_income = tracker.get_slot("capital_or_property_income") is True
    special = tracker.get_slot("pregnancy_or_disability")
    household.pregnant = household.pregnant or special in ("pregnant", "both")
    household.disability = special in ("disability", "both")
    household.already_in_ss_system = tracker.get_slot("already_in_ss_system") is True
