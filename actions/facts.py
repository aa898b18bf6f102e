"""The facts a person has already given, in plain pt-PT: shown for
confirmation before computing, and handed over when they ask for a person."""

from __future__ import annotations

from datetime import date
from typing import Any

from rasa_sdk import Tracker

from actions.common import to_decimal, to_int, today_lisbon
from actions.reading import assumption_text
from bot.calendar import DEADLINE_KINDS, REGION_LABELS
from bot.closed_sets import AgeException, Nationality
from bot.figures import render
from bot.format import date_long, money

NATIONALITY_LABELS = {
    Nationality.PT: "portuguesa",
    Nationality.EU: "de um país da União Europeia (ou EEE/Suíça)",
    Nationality.OTHER: "de um país fora da União Europeia",
}
# {placeholders}: legal figures (bot/figures.py), filled when the summary is made.
AGE_EXCEPTION_LABELS = {
    AgeException.PREGNANT: "grávida",
    AgeException.UNION: "casado/a ou em união de facto há mais de {union_period}",
    AgeException.DEPENDENTS: "com menores ou pessoas com deficiência a cargo",
    AgeException.NONE: "sem nenhuma das exceções",
}
EMPLOYMENT_CENTRE_LABELS = {
    True: "inscrito/a no centro de emprego",
    False: "não inscrito/a no centro de emprego",
    "not_applicable": "não pode trabalhar (a inscrição no centro de emprego não se aplica)",
    "working": "está a trabalhar",
}
INCOME_KIND_LABELS = {
    "dependent_regular": "salário certo todos os meses",
    "dependent_variable": "salário que varia de mês para mês",
    "other": "pensões, subsídios ou trabalho independente",
    "none": "sem rendimentos de trabalho",
}


def _plural(n: int, one: str, many: str) -> str:
    return f"{n} {one if n == 1 else many}"


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
    adults, minors = to_int(tracker.get_slot("adults")), to_int(tracker.get_slot("minors"))
    if adults is not None:
        household = _plural(adults, "adulto", "adultos") + " (contando consigo)"
        if minors is not None:
            household += " e " + _plural(minors, "menor", "menores")
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
    nationality = tracker.get_slot("nationality")
    if nationality in NATIONALITY_LABELS:
        text = f"nacionalidade: {NATIONALITY_LABELS[nationality]}"
        if tracker.get_slot("refugee") is True:
            text += ", com estatuto de refugiado"
        years = to_decimal(tracker.get_slot("legal_residence_years"))
        if years is not None and tracker.get_slot("refugee") is False:
            text += f", com residência legal há {_years(years)}"
        facts.append(_annotate(tracker, "refugee", text))
    is_adult = tracker.get_slot("is_adult")
    age = to_int(tracker.get_slot("applicant_age"))
    if is_adult is not None:
        today = today_lisbon()
        if age is not None:
            text = f"idade: {age} anos"
        else:
            text = render("idade: {minimum_age} ou mais" if is_adult else "idade: menos de {minimum_age}", today)
        exception = tracker.get_slot("age_exception")
        if is_adult is False and exception in AGE_EXCEPTION_LABELS:
            text += ", " + render(AGE_EXCEPTION_LABELS[exception], today)
        facts.append(_annotate(tracker, "is_adult", text))
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


def _years(years: Any) -> str:
    value = to_decimal(years)
    if value is not None and value < 1:
        months = int((value * 12).to_integral_value())
        return _plural(months, "mês", "meses")
    return _plural(int(value or 0), "ano", "anos")
