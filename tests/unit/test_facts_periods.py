"""Amounts per day or hour are not monthly amounts: they are not read, so the
form asks for the month; other periods become months."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from bot.parsing.facts import read_facts

ON = date(2026, 12, 1)


@pytest.mark.parametrize("text", ["ganho 30 euros por dia", "ganho 5 euros a hora", "uns 40 € ao dia", "30 por dia"])
def test_daily_and_hourly_amounts_are_asked_again(text):
    facts = read_facts(text, asking="employment_income", on=ON)
    assert facts.get("employment_income") is None


@pytest.mark.parametrize(("text", "expected"), [
    ("ganho 600 à semana", Decimal("2600.00")),
    ("trabalho a dias, ganho uns 400", Decimal("400.00")),
    ("o meu marido ganha 14 mil por ano", Decimal("1166.67")),
])
def test_other_periods_become_months(text, expected):
    assert read_facts(text, on=ON).get("employment_income") == expected


def test_an_adult_child_said_as_one_adult():
    facts = read_facts("tenho tres filhos menores e um maior", on=ON)
    assert (facts.get("adults"), facts.get("minors")) == (2, 3)
