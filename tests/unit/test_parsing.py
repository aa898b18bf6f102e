"""pt-PT free-text parsing: how people actually write amounts, counts, dates, households."""

from datetime import date
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.format import money
from bot.parsing import (
    HouseholdGuess,
    normalise,
    parse_count,
    parse_date,
    parse_household,
    parse_money,
    parse_nationality,
    parse_region,
    parse_yes_no,
)

TODAY = date(2026, 3, 10)  # a Tuesday


def test_normalise_removes_accents_case_and_extra_spaces():
    assert normalise("  Não  TENHO  Açúcar ") == "nao tenho acucar"


# ---------------------------------------------------------------- money

@pytest.mark.parametrize("text, expected", [
    ("1.234,56 €", "1234.56"),
    ("1 234,56", "1234.56"),
    ("1\xa0234,56\xa0€", "1234.56"),  # what babel itself prints
    ("1234.56", "1234.56"),
    ("1234,5", "1234.50"),
    ("600 euros", "600.00"),
    ("600€", "600.00"),
    ("€ 600", "600.00"),
    ("600 eur", "600.00"),
    ("recebo 1.000€ por mês", "1000.00"),
    ("1.234", "1234.00"),  # a dot before three digits is a thousands separator
    ("seiscentos euros", "600.00"),
    ("Seiscentos Euros", "600.00"),
    ("mil e duzentos", "1200.00"),
    ("quinhentos e cinquenta", "550.00"),
    ("dois mil e quinhentos", "2500.00"),
    ("1,5 mil euros", "1500.00"),
    ("2 mil", "2000.00"),
    ("1234 euros e 50 cêntimos", "1234.50"),
    ("seiscentos e cinquenta euros e trinta centimos", "650.30"),
    ("cerca de 450 euros por mês", "450.00"),
    ("ganho uns 700 e tal", "700.00"),
    ("tenho 2 filhos e ganho 600 euros", "600.00"),  # the amount with a currency wins
    ("menos de 600 euros", "600.00"),  # "less than", not a negative amount
    ("ganho 500, quer dizer, 550 euros", "550.00"),  # self-correction
    ("não tenho", "0.00"),
    ("Não tenho rendimentos", "0.00"),
    ("nao tenho nada", "0.00"),
    ("nada", "0.00"),
    ("zero", "0.00"),
    ("nenhum", "0.00"),
    ("não", "0.00"),
    ("nao.", "0.00"),
    ("não há", "0.00"),
    ("0", "0.00"),
    ("1234,567", "1234567.00"),
])
def test_parse_money(text, expected):
    assert parse_money(text) == Decimal(expected)


@pytest.mark.parametrize("text", ["", None, "olá", "não sei", "depende do mês", "-50", "- 50 €",
                                  "menos 50 euros", "menos seiscentos"])
def test_parse_money_none(text):
    assert parse_money(text) is None


def test_parse_money_is_rounded_to_the_cent():
    assert parse_money("10.005") == Decimal("10005.00")  # thousands, not decimals
    assert parse_money("10,5") == Decimal("10.50")
    assert parse_money("10,5").as_tuple().exponent == -2


# ---------------------------------------------------------------- counts

@pytest.mark.parametrize("text, expected", [
    ("dois", 2), ("duas", 2), ("Duas", 2), ("três", 3), ("tres", 3), ("3", 3), ("um", 1),
    ("uma", 1), ("quatro", 4), ("onze", 11), ("vinte e duas", 22),
    ("tenho duas filhas", 2), ("tenho 2 filhos", 2), ("são três", 3),
    ("nenhum", 0), ("nada", 0), ("nenhuma", 0), ("zero", 0), ("não tenho filhos", 0), ("Não temos", 0),
    ("sem filhos", 0), ("2, aliás 3", 3),
])
def test_parse_count(text, expected):
    assert parse_count(text) == expected


@pytest.mark.parametrize("text", ["", None, "não sei", "alguns", "2,5", "-1", "talvez"])
def test_parse_count_none(text):
    assert parse_count(text) is None


# ---------------------------------------------------------------- yes / no

@pytest.mark.parametrize("text", ["sim", "Sim", "s", "S", "claro", "Claro!", "sim, claro", "pode ser",
                                  "com certeza", "isso mesmo", "ok", "exato", "claro que sim",
                                  "sim sim", "quero", "afirmativo"])
def test_yes(text):
    assert parse_yes_no(text) is True


@pytest.mark.parametrize("text", ["não", "Não", "nao", "NAO", "n", "claro que não", "nunca",
                                  "não, obrigado", "nem pensar", "ainda não", "não tenho"])
def test_no(text):
    assert parse_yes_no(text) is False


@pytest.mark.parametrize("text", ["", None, "não sei", "talvez", "depende", "olá", "qual é o prazo?"])
def test_yes_no_unknown(text):
    assert parse_yes_no(text) is None


# ---------------------------------------------------------------- dates

@pytest.mark.parametrize("text, expected", [
    ("hoje", TODAY),
    ("amanhã", date(2026, 3, 11)),
    ("amanha", date(2026, 3, 11)),
    ("depois de amanhã", date(2026, 3, 12)),
    ("ontem", date(2026, 3, 9)),
    ("anteontem", date(2026, 3, 8)),
    ("há 3 dias", date(2026, 3, 7)),
    ("daqui a 2 semanas", date(2026, 3, 24)),
    ("22/12/2026", date(2026, 12, 22)),
    ("22-12-2026", date(2026, 12, 22)),
    ("22.12.26", date(2026, 12, 22)),
    ("2026-12-22", date(2026, 12, 22)),
    ("recebi a carta a 5/3/2026", date(2026, 3, 5)),
    ("22 de dezembro de 2026", date(2026, 12, 22)),
    ("22 dezembro 2026", date(2026, 12, 22)),
    ("1 de maio", date(2026, 5, 1)),
    ("1º de maio", date(2026, 5, 1)),
    ("primeiro de maio", date(2026, 5, 1)),
    ("dia 5 de abril", date(2026, 4, 5)),
    ("5 abr", date(2026, 4, 5)),
    ("vinte e dois de fevereiro", date(2026, 2, 22)),
    ("10 de Março", date(2026, 3, 10)),
    ("10 de marco", date(2026, 3, 10)),
    ("22 de dezenbro", date(2025, 12, 22)),  # typo in the month
    ("10 de otubro", date(2025, 10, 10)),
    # an earlier "uma carta" must not hide the date that follows
    ("recebi uma carta a 22 de dezembro a pedir documentos", date(2025, 12, 22)),
    ("pediram-me um documento a 15 de março", date(2026, 3, 15)),
])
def test_parse_date(text, expected):
    assert parse_date(text, TODAY) == expected


@pytest.mark.parametrize("text, today, expected", [
    # Without a year: this year, unless that is more than ~6 months ahead.
    ("22 de dezembro", date(2026, 3, 10), date(2025, 12, 22)),
    ("22 de dezembro", date(2026, 12, 1), date(2026, 12, 22)),
    ("22 de dezembro", date(2026, 7, 1), date(2026, 12, 22)),  # under 6 months ahead
    ("15 de setembro", date(2026, 3, 10), date(2025, 9, 15)),
    ("3 de janeiro", date(2026, 12, 30), date(2026, 1, 3)),
    ("22/12", date(2026, 1, 5), date(2025, 12, 22)),
])
def test_parse_date_infers_the_year(text, today, expected):
    assert parse_date(text, today) == expected


@pytest.mark.parametrize("text", ["", None, "31/02/2026", "30 de fevereiro de 2026", "32/01/2026",
                                  "2026-13-01", "nada", "3 filhos", "quando puder", "29/02/2026"])
def test_parse_date_none(text):
    assert parse_date(text, TODAY) is None


def test_parse_date_29_february_in_a_leap_year():
    assert parse_date("29/02/2028", TODAY) == date(2028, 2, 29)


# ---------------------------------------------------------------- household

@pytest.mark.parametrize("text, adults, minors", [
    ("somos quatro, eu, o meu marido e dois miúdos", 2, 2),
    ("Somos 4: eu, o meu marido e 2 miudos", 2, 2),
    ("eu e a minha mulher", 2, None),  # children not mentioned: the form asks
    ("vivo sozinho", 1, 0),
    ("Vivo sozinha.", 1, 0),
    ("só eu", 1, 0),
    ("eu e dois filhos", 1, 2),
    ("eu e duas filhas", 1, 2),
    ("3 adultos e 1 criança", 3, 1),
    ("dois adultos e duas crianças", 2, 2),
    ("enganei-me, são três filhos", None, 3),
    ("casal com dois filhos", 2, 2),
    ("vivo sozinha com os meus 2 filhos", 1, 2),
    ("eu, o meu marido, a minha mãe e três filhos", 3, 3),
    ("somos cinco: eu, a minha mulher e três crianças", 2, 3),
    ("eu, a minha companheira e um filho e uma filha", 2, 2),
    ("eu e os meus pais", 3, None),
    ("moro com o meu namorado", 2, None),
    ("eu e o meu filho de 20 anos", 2, None),
    ("eu e a minha filha", 1, 1),
    ("tenho 2 filhos maiores e 1 menor", 2, 1),
    ("somos 3, eu e 2 filhos", 1, 2),
    ("eu e a minha esposa, sem filhos", 2, 0),
    ("somos quatro: eu e três crianças", 1, 3),
])
def test_parse_household(text, adults, minors):
    guess = parse_household(text)
    assert (guess.adults, guess.minors) == (adults, minors)


def test_household_total_fills_the_missing_part():
    assert parse_household("somos quatro, eu e o meu marido") == HouseholdGuess(2, 2, 4)
    assert parse_household("somos 5 pessoas") == HouseholdGuess(None, None, 5)


@pytest.mark.parametrize("text", ["", None, "olá", "não sei"])
def test_household_unknown(text):
    guess = parse_household(text)
    assert (guess.adults, guess.minors) == (None, None)


# ---------------------------------------------------------------- nationality

@pytest.mark.parametrize("text, expected", [
    ("portuguesa", "pt"), ("Português", "pt"), ("sou portugues", "pt"), ("portugesa", "pt"),
    ("tenho dupla nacionalidade, portuguesa e brasileira", "pt"),
    ("sou brasileiro", "other"), ("brasileira", "other"), ("brasilera", "other"),
    ("não sou portuguesa, sou brasileira", "other"), ("ucraniana", "other"),
    ("cabo-verdiano", "other"), ("nepalês", "other"), ("inglesa", "other"),  # UK left the EU
    ("sou de fora da UE", "other"), ("angolano", "other"),
    ("francesa", "eu"), ("espanhol", "eu"), ("da UE", "eu"), ("sou da União Europeia", "eu"),
    ("alemã", "eu"), ("alemão", "eu"), ("polaca", "eu"), ("romeno", "eu"), ("italiana", "eu"),
    ("norueguês", "eu"), ("islandesa", "eu"), ("suíço", "eu"), ("sou da Suíça", "eu"),
    ("neerlandesa", "eu"), ("dos Países Baixos", "eu"),
])
def test_parse_nationality(text, expected):
    assert parse_nationality(text) == expected


@pytest.mark.parametrize("text", ["", None, "sei lá", "qual é o valor?"])
def test_parse_nationality_unknown(text):
    assert parse_nationality(text) is None


# ---------------------------------------------------------------- region

@pytest.mark.parametrize("text, expected", [
    ("Açores", "acores"), ("acores", "acores"), ("nos Açores", "acores"), ("São Miguel", "acores"),
    ("sao miguel", "acores"), ("Terceira", "acores"), ("Ponta Delgada", "acores"),
    ("moro na ilha das Flores", "acores"), ("Pico", "acores"), ("Santa Maria", "acores"),
    ("Madeira", "madeira"), ("madeira", "madeira"), ("Porto Santo", "madeira"), ("Funchal", "madeira"),
    ("continente", "continente"), ("Lisboa", "continente"), ("Porto", "continente"),
    ("vivo em Évora", "continente"), ("Santa Maria da Feira", "continente"),
])
def test_parse_region(text, expected):
    assert parse_region(text) == expected


@pytest.mark.parametrize("text", ["", None, "Paris", "comprei flores ontem"])
def test_parse_region_unknown(text):
    assert parse_region(text) is None


# ---------------------------------------------------------------- properties

amounts = st.decimals(min_value=0, max_value=Decimal("9999999.99"), places=2)


@given(amounts)
def test_money_as_babel_prints_it_parses_back(value):
    assert parse_money(money(value)) == value


@given(amounts)
def test_money_with_dot_thousands_parses_back(value):
    text = f"{value:,.2f}".replace(",", " ").replace(".", ",").replace(" ", ".") + " €"
    assert parse_money(text) == value


@given(st.dates(min_value=date(1990, 1, 1), max_value=date(2100, 12, 31)))
def test_numeric_dates_parse_back(d):
    assert parse_date(d.strftime("%d/%m/%Y"), TODAY) == d
    assert parse_date(d.isoformat(), TODAY) == d
