"""The household a conversation describes, from its slot values (a plain dict).

The eligibility and documents journeys keep their answers in Rasa slots; the
actions (actions/common.py) and the front-desk case summary (bot/case_summary.py)
both turn those values into a `Household` here, so the two read them alike.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any

from bot.closed_sets import Nationality, WorkSituation
from bot.rules import parameters
from bot.rules.model import Household

SlotValues = Mapping[str, Any]


class Slots:
    """Slot values read as a rasa_sdk Tracker reads them (``get_slot``), so the same
    checks of the values (tests/unit/test_closed_sets.py) see this code too."""

    def __init__(self, values: SlotValues) -> None:
        self.values = values

    def get_slot(self, name: str) -> Any:
        return self.values.get(name)


# Without a stated age, an applicant who said they have the minimum age is treated
# as that age, and one who said they do not as a year younger: only which side of
# the minimum (parameter minimum_age) matters to the rules.
YEAR_BELOW_MINIMUM = 1


def to_decimal(value: Any) -> Decimal | None:
    if value is None or isinstance(value, bool):
        return None
    try:
        number = Decimal(str(value))
    except (InvalidOperation, ValueError):
        return None
    return number if number.is_finite() else None


def to_int(value: Any) -> int | None:
    number = to_decimal(value)
    return None if number is None else int(number)


def household_from_values(slots: SlotValues, on: date) -> Household | None:
    """The Household described by ``slots``, or None if the household size is
    unknown. Unknown answers keep the model's defaults."""
    conversation = Slots(slots)
    adults = to_int(conversation.get_slot("adults"))
    if adults is None or adults < 1:
        return None
    household = Household(adults=adults, minors=to_int(conversation.get_slot("minors")) or 0)
    for name in ("employment_income", "other_income", "assets"):
        value = to_decimal(conversation.get_slot(name))
        if value is not None:
            setattr(household, name, value)
    nationality = conversation.get_slot("nationality")
    if Nationality.has(nationality):
        household.nationality = nationality
    household.refugee = conversation.get_slot("refugee") is True
    household.legal_residence_years = to_decimal(conversation.get_slot("legal_residence_years"))
    apply_age(household, slots, on)
    apply_work_availability(household, conversation.get_slot("employment_centre_registered"))
    apply_document_answers(household, slots)
    return household


def apply_age(household: Household, slots: SlotValues, on: date) -> None:
    conversation = Slots(slots)
    age = to_int(conversation.get_slot("applicant_age"))
    is_adult = conversation.get_slot("is_adult")
    if age is not None:
        household.age = age
    elif is_adult is not None:
        minimum: int = parameters.get("minimum_age", on).value
        household.age = minimum if is_adult else minimum - YEAR_BELOW_MINIMUM
    exception = conversation.get_slot("age_exception")
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


def apply_work_situation(household: Household, answer: Any) -> None:
    """A work situation given in answer to the IEFP question ("cuido da minha mãe"
    is stored as "carer"); the same reading as actions.reading.apply_work_answer."""
    if isinstance(answer, str) and answer in WorkSituation.values():
        household.work_situation = WorkSituation(answer)


def apply_document_answers(household: Household, slots: SlotValues) -> None:
    conversation = Slots(slots)
    household.variable_income = conversation.get_slot("income_kind") == "dependent_variable"
    household.capital_or_property_income = conversation.get_slot("capital_or_property_income") is True
    special = conversation.get_slot("pregnancy_or_disability")
    household.pregnant = household.pregnant or special in ("pregnant", "both")
    household.disability = special in ("disability", "both")
    household.already_in_ss_system = conversation.get_slot("already_in_ss_system") is True


# The checklist only needs to know THAT someone earns a salary, not how much.
SOME_SALARY = Decimal("1")


def household_for_documents(slots: SlotValues, on: date) -> Household:
    """The household known so far (a lone adult if none), completed with the answers
    of the documents questions."""
    conversation = Slots(slots)
    household = household_from_values(slots, on)
    if household is None:
        household = Household(adults=1)
        apply_age(household, slots, on)
    apply_document_answers(household, slots)
    if Nationality.has(conversation.get_slot("nationality")):
        household.nationality = conversation.get_slot("nationality")
    kind = conversation.get_slot("income_kind")
    if kind in ("dependent_regular", "dependent_variable") and household.employment_income <= 0:
        household.employment_income = SOME_SALARY
    elif kind in ("none", "other"):
        household.employment_income = Decimal("0")
    return household
