"""The words for the values a conversation records, in pt-PT (one list for the
chat's summary, actions/facts.py, and the front desk's printed summary,
bot/case_summary.py, which capitalises them)."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from decimal import Decimal
from typing import Any

from bot.closed_sets import AgeException, Nationality, WorkSituation
from bot.figures import render
from bot.household_slots import Slots, to_decimal, to_int

# The IEFP answer when an age exempts (bot.parsing.facts.EXEMPT_BY_AGE).
EXEMPT_BY_AGE = "exempt_by_age"

NATIONALITY_LABELS = {
    Nationality.PT: "portuguesa",
    Nationality.EU: "de um país da União Europeia (ou EEE/Suíça)",
    Nationality.OTHER: "de um país fora da União Europeia",
}
# {placeholders}: legal figures (bot/figures.py), filled when the text is said.
AGE_EXCEPTION_LABELS = {
    AgeException.PREGNANT: "grávida",
    AgeException.UNION: "casado/a ou em união de facto há mais de {union_period}",
    AgeException.DEPENDENTS: "com menores ou pessoas com deficiência a cargo",
    AgeException.NONE: "sem nenhuma das exceções à idade mínima",
}
# The answers to the IEFP question: registered or not, or what the person does.
EMPLOYMENT_CENTRE_LABELS: dict[bool | str, str] = {
    True: "inscrito/a no centro de emprego (IEFP)",
    False: "não inscrito/a no centro de emprego (IEFP)",
    "not_applicable": "não pode trabalhar (a inscrição no centro de emprego não se aplica)",
    WorkSituation.WORKING: "está a trabalhar",
    WorkSituation.CARER: "cuida de alguém da família com quem vive",
    WorkSituation.UNABLE_TO_WORK: "não pode trabalhar (doença ou incapacidade)",
    WorkSituation.RETIRED: "está reformado/a",
    WorkSituation.STUDENT: "está a estudar",
    WorkSituation.UNEMPLOYED: "está desempregado/a",
    EXEMPT_BY_AGE: "pela idade, não precisa de inscrição no centro de emprego",
}
INCOME_KIND_LABELS = {
    "dependent_regular": "salário certo todos os meses",
    "dependent_variable": "salário que varia de mês para mês",
    "other": "pensões, subsídios ou trabalho independente",
    "none": "sem rendimentos de trabalho",
}


def capitalised(label: str) -> str:
    """"portuguesa" -> "Portuguesa", for a label that starts a line."""
    return label[:1].upper() + label[1:]


def plural(n: int, one: str, many: str) -> str:
    return f"{n} {one if n == 1 else many}"


def years_text(value: Decimal) -> str:
    """2.5 -> "2 anos"; 0.67 -> "8 meses"."""
    if value < 1:
        return plural(int((value * 12).to_integral_value()), "mês", "meses")
    return plural(int(value), "ano", "anos")


def household_text(slots: Mapping[str, Any], applicant: str) -> str | None:
    """"2 adultos (contando consigo) e 1 menor", or None before the adults are known;
    ``applicant`` names who is counted ("consigo" to the citizen, "com o requerente")."""
    conversation = Slots(slots)
    adults, minors = to_int(conversation.get_slot("adults")), to_int(conversation.get_slot("minors"))
    if adults is None:
        return None
    text = plural(adults, "adulto", "adultos") + f" (contando {applicant})"
    if minors is not None:
        text += " e " + plural(minors, "menor", "menores")
    return text


def nationality_text(slots: Mapping[str, Any]) -> str | None:
    """"de um país fora da União Europeia, com residência legal há 3 anos", or None."""
    conversation = Slots(slots)
    nationality = conversation.get_slot("nationality")
    if nationality not in NATIONALITY_LABELS:
        return None
    text = NATIONALITY_LABELS[nationality]
    if conversation.get_slot("refugee") is True:
        text += ", com estatuto de refugiado"
    years = to_decimal(conversation.get_slot("legal_residence_years"))
    if years is not None and conversation.get_slot("refugee") is False:
        text += f", com residência legal há {years_text(years)}"
    return text


def age_text(slots: Mapping[str, Any], on: date) -> str | None:
    """"17 anos, grávida", "18 anos ou mais", or None when the age was not said."""
    conversation = Slots(slots)
    age, is_adult = to_int(conversation.get_slot("applicant_age")), conversation.get_slot("is_adult")
    if age is None and is_adult is None:
        return None
    if age is not None:
        text = f"{age} anos"
    else:
        text = render("{minimum_age} ou mais" if is_adult else "menos de {minimum_age}", on)
    exception = conversation.get_slot("age_exception")
    if is_adult is False and exception in AGE_EXCEPTION_LABELS:
        text += ", " + render(AGE_EXCEPTION_LABELS[exception], on)
    return text
