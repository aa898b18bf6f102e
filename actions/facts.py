"""The facts a person has already given, in plain pt-PT: shown for
confirmation before computing, and handed over when they ask for a person."""

from __future__ import annotations

from datetime import date

from rasa_sdk import Tracker

from actions.common import to_decimal, today_lisbon
from actions.reading import assumption_text
from bot.calendar import DEADLINE_KINDS, REGION_LABELS
from bot.fact_labels import (
    EMPLOYMENT_CENTRE_LABELS,
    INCOME_KIND_LABELS,
    age_text,
    household_text,
    nationality_text,
)
from bot.format import date_long, money


def _money_fact(tracker: Tracker, slot: str, label: str, per_month: bool = True) -> str | None:
    value = to_decimal(tracker.get_slot(slot))
    if value is None:
        return None
    return f"{label}: {money(value)}{' por mês' if per_month else ''}"


def _annotate(tracker: Tracker, slot: str, line: str) -> str:
    """How a value was worked out ("salário mínimo…") and whether it is an assumption."""
    note = (tracker.get_slot("fact_notes") or {}).get(slot)
    if note:
        line += f" ({note})"
    if slot in (tracker.get_slot("assumed_slots") or []):
        line += " — suposição, porque não sabia"
    return line


def assumed_facts(tracker: Tracker) -> list[str]:
    """The assumptions made for questions answered "não sei", in words."""
    return [assumption_text(slot) for slot in tracker.get_slot("assumed_slots") or []]


def describe_facts(tracker: Tracker) -> list[str]:
    """One line per fact known so far, in the order the questions are asked,
    with how each value was worked out and which ones are assumptions."""
    facts: list[str] = []
    household = household_text(tracker.slots, "consigo")
    if household is not None:
        facts.append(_annotate(tracker, "minors", f"agregado: {household}"))
    for slot, label in (
        ("employment_income", "salários do agregado, depois dos descontos"),
        ("other_income", "outros rendimentos"),
    ):
        line = _money_fact(tracker, slot, label)
        if line:
            facts.append(_annotate(tracker, slot, line))
    line = _money_fact(tracker, "assets", "poupanças e aplicações", per_month=False)
    if line:
        facts.append(_annotate(tracker, "assets", line))
    nationality = nationality_text(tracker.slots)
    if nationality is not None:
        facts.append(_annotate(tracker, "refugee", f"nacionalidade: {nationality}"))
    # The age is described once the question was answered (an age said in passing waits).
    age = age_text(tracker.slots, today_lisbon()) if tracker.get_slot("is_adult") is not None else None
    if age is not None:
        facts.append(_annotate(tracker, "is_adult", f"idade: {age}"))
    centre = tracker.get_slot("employment_centre_registered")
    if centre in EMPLOYMENT_CENTRE_LABELS:
        facts.append(_annotate(tracker, "employment_centre_registered",
                               f"trabalho: {EMPLOYMENT_CENTRE_LABELS[centre]}"))
    income_kind = tracker.get_slot("income_kind")
    if income_kind in INCOME_KIND_LABELS:
        facts.append(f"rendimentos: {INCOME_KIND_LABELS[income_kind]}")
    return facts


SPECIAL_SITUATION_LABELS = {
    "pregnant": "gravidez no agregado",
    "disability": "pessoa com deficiência no agregado",
    "both": "gravidez e pessoa com deficiência no agregado",
    "none": "sem gravidez nem deficiência no agregado",
}


def describe_document_facts(tracker: Tracker) -> list[str]:
    """The answers of the documents questions not covered by describe_facts."""
    facts: list[str] = []
    capital = tracker.get_slot("capital_or_property_income")
    if isinstance(capital, bool):
        facts.append(f"rendimentos de capitais ou prediais: {'sim' if capital else 'não'}")
    special = tracker.get_slot("pregnancy_or_disability")
    if special in SPECIAL_SITUATION_LABELS:
        facts.append(f"situações especiais: {SPECIAL_SITUATION_LABELS[special]}")
    known = tracker.get_slot("already_in_ss_system")
    if isinstance(known, bool):
        facts.append(
            "dados já no sistema da Segurança Social" if known
            else "dados ainda não constam do sistema da Segurança Social"
        )
    return facts


def describe_deadline_facts(tracker: Tracker) -> list[str]:
    facts: list[str] = []
    kind = tracker.get_slot("deadline_kind")
    if kind in DEADLINE_KINDS:
        text = f"prazo em causa: {DEADLINE_KINDS[kind].lower()}"
        start = tracker.get_slot("deadline_start")
        if start:
            text += f", a contar de {date_long(date.fromisoformat(start))}"
        facts.append(text)
    region = tracker.get_slot("region")
    if region in REGION_LABELS:
        facts.append(f"região: {REGION_LABELS[region]}")
    return facts
