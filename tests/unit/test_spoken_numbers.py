"""Numbers as callers say them, written as the parsers read them (bot.spoken_numbers).

The transcriptions are the shapes a speech recogniser gives for pt-PT callers:
words, digits with spaces, both mixed, with the recogniser's capitals and full stops.
"""

from __future__ import annotations

from datetime import date

import pytest

from bot.parsing.certificates import find_nif, find_niss, parse_registration_number
from bot.parsing.dates import parse_date
from bot.parsing.money import parse_money
from bot.parsing.numbers import numbers_as_digits
from bot.spoken_numbers import normalise


@pytest.mark.parametrize(
    ("said", "written"),
    [
        # A NIF said digit by digit, in words or as the recogniser writes it.
        ("dois três quatro cinco seis sete oito nove zero", "234567890"),
        ("Dois três quatro cinco seis sete oito nove zero.", "234567890."),
        ("dois tres quatro cinco seis sete oito nove zero", "234567890"),
        ("2 3 4 5 6 7 8 9 0", "234567890"),
        ("O meu NIF é 2 3 4 5 6 7 8 9 0.", "O meu NIF é 234567890."),
        ("o meu contribuinte é um dois três quatro cinco seis sete oito nove",
         "o meu contribuinte é 123456789"),
        # In groups, as people read a number off a card.
        ("nove um dois, três quatro cinco, seis sete oito", "912345678"),
        ("234 567 890", "234567890"),
        ("novecentos e doze, trezentos e quarenta e cinco, seiscentos e setenta e oito", "912345678"),
        ("2 3 4, 5 6 7, 8 9 0", "234567890"),
        ("Rua do Sol três, quatro um zero zero traço zero zero um", "Rua do Sol três, 4100-001"),
        ("Rua do Sol 3, quatro um zero zero traço zero zero um", "Rua do Sol 3, 4100-001"),
        # An 11-digit NISS.
        ("um dois zero zero três quatro cinco seis sete oito nove", "12003456789"),
        # Postal codes.
        ("quatro mil e cem traço zero zero um", "4100-001"),
        ("quatro um zero zero traço zero zero um", "4100-001"),
        ("4100 traço 001 Porto", "4100-001 Porto"),
        ("Rua do Sol 3, três mil hífen cem, Coimbra", "Rua do Sol 3, 3000-100, Coimbra"),
        # Registration numbers and dates with "barra".
        ("dois mil e vinte e seis barra quarenta e dois", "2026/42"),
        ("2026 barra 42", "2026/42"),
        ("dois mil e vinte e seis barra 42", "2026/42"),
        ("22 barra 12 barra 2026", "22/12/2026"),
        # Amounts half in words, half in digits.
        ("duzentos e 30", "230"),
        ("Duzentos e 30 euros.", "230 euros."),
        ("ganho seiscentos e 50 por mês", "ganho 650 por mês"),
        ("mil e 200 euros", "1200 euros"),
        ("2 mil e 300 euros", "2300 euros"),
        ("vinte e 5", "25"),
        ("200 e trinta", "230"),
        # A decimal comma said aloud.
        ("duzentos e trinta vírgula cinquenta euros", "230,50 euros"),
    ],
)
def test_numbers_the_parsers_could_not_read_are_written_in_digits(said, written):
    assert normalise(said) == written


@pytest.mark.parametrize(
    "said",
    [
        "um filho",
        "tenho um filho e uma filha",
        "somos quatro",
        "eu e os meus dois filhos",
        "tenho 2 filhos e 3 netos",
        "quero falar com uma pessoa",
        "duzentos e trinta euros",  # bot.parsing.money reads it
        "mil duzentos e cinquenta",
        "três de março",  # bot.parsing.dates reads it
        "a carta chegou a vinte e dois de dezembro",
        "1 250,50 euros",
        "1.250,50 €",
        "entre 200 e 300 euros",  # two numbers, not one
        "200 e 30",  # both in digits: the recogniser meant two numbers
        "dois três",  # two in a row are not yet an identifier ("dois, três filhos")
        "às 9 e 30",
        "nove e 30",
        "o código postal é 4100-001",
        "cem",
        "zero",
        "",
    ],
)
def test_ordinary_answers_are_left_as_said(said):
    assert normalise(said) == said


def test_none_is_empty():
    assert normalise(None) == ""


def test_a_nif_said_in_words_reaches_the_nif_reader():
    said = "o meu nif é dois três quatro cinco seis sete oito nove zero"
    assert find_nif(said) is None  # what the reader got before
    assert find_nif(normalise(said)) == "234567890"


def test_a_niss_said_in_words_reaches_the_niss_reader():
    said = "um dois zero zero três quatro cinco seis sete oito nove"
    assert find_niss(normalise(said)) == "12003456789"


def test_a_registration_number_said_aloud_is_read():
    assert parse_registration_number("dois mil e vinte e seis barra quarenta e dois") is None
    assert parse_registration_number(normalise("dois mil e vinte e seis barra quarenta e dois")) == "2026/000042"


def test_amounts_still_read_the_same_after_normalising():
    for said in ("duzentos e trinta euros", "duzentos e 30 euros", "230 euros", "mil e 200 euros"):
        value = parse_money(normalise(said))
        assert value is not None and value > 0, said
    assert parse_money(normalise("duzentos e 30 euros")) == parse_money("230 euros")


def test_dates_still_read_the_same_after_normalising():
    today = date(2026, 12, 1)
    for said in ("três de março", "vinte e dois barra doze barra dois mil e vinte e seis"):
        assert parse_date(normalise(said), today) is not None, said
    assert parse_date(normalise("vinte e dois barra doze barra dois mil e vinte e seis"), today) == date(2026, 12, 22)


def test_one_child_is_still_one_child_for_the_parsers():
    assert numbers_as_digits(normalise("um filho")) == "1 filho"
