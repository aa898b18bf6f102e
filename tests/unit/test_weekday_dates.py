"""parse_date on days of the week said in words (bot/parsing/dates.py): what people
tell has happened, so a bare weekday is the last one before today."""

from __future__ import annotations

from datetime import date

import pytest

from bot.parsing import parse_date

WEDNESDAY = date(2026, 12, 2)


@pytest.mark.parametrize("text, expected", [
    ("faltei a entrevista a semana passada na terca pq tive o meu filho doente", date(2026, 11, 24)),
    ("foi na terça-feira da semana passada", date(2026, 11, 24)),
    ("na semana passada, na sexta", date(2026, 11, 27)),
    ("o meu marido começou a trabalhar esta segunda", date(2026, 11, 30)),
    ("nesta segunda-feira", date(2026, 11, 30)),
    ("faltei à entrevista na sexta passada porque estava doente", date(2026, 11, 27)),
    ("quarta passada", date(2026, 11, 25)),
    ("foi na terça", date(2026, 12, 1)),
    ("sexta-feira", date(2026, 11, 27)),
    ("no sábado", date(2026, 11, 28)),
    ("faltei na quinta e não fui", date(2026, 11, 26)),
])
def test_weekdays(text, expected):
    assert parse_date(text, WEDNESDAY) == expected


@pytest.mark.parametrize("text", [
    "preciso da segunda via do documento",
    "é a segunda vez que peço",
    "moro na quinta do anjo",
    "a minha segunda filha",
])
def test_words_that_are_not_weekdays(text):
    assert parse_date(text, WEDNESDAY) is None


def test_a_calendar_date_wins_over_a_weekday():
    assert parse_date("na terça, 24/11", WEDNESDAY) == date(2026, 11, 24)
