"""Readers for answers the blind set tuning5 found misread, each tried with other
wordings than the set's (typos, no accents, informal pt-PT and pt-BR)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from bot.parsing.certificates import certidao_elements_told, find_nif, read_nif, read_niss
from bot.parsing.dates import parse_month_year
from bot.parsing.documents import states_capital_income
from bot.parsing.facts import read_facts
from bot.parsing.intents import asks_when_it_starts

ON = date(2026, 12, 2)


def facts(text: str, asking: str | None = None) -> dict[str, object]:
    return {f.slot: f.value for f in read_facts(text, asking=asking, on=ON)}


# ---------------------------------------------------------------- disability benefits are not income
# Decreto-Lei n.º 70/2010, art. 11.º: social benefits count, except those for family,
# disability and dependency charges (parameter income.excluded.disability_benefits).


@pytest.mark.parametrize("text", [
    "a minha filha tem a PSI, 324,55",
    "o meu irmao recebe a prestacao social de inclusao de 300 euros",
    "recebe 310 de psi e mais nada",
    "ele tem a prestação de inclusão, uns 320€",
    "o meu filho recebe subsidio por deficiencia 120 euros",
    "bonificaçao por deficiencia, 65 euros",
    "subsídio por assistência de terceira pessoa 110 euros",
])
def test_disability_benefits_are_declared_not_counted(text: str) -> None:
    read = read_facts(text, asking="other_income", on=ON)
    assert read.get("other_income") == Decimal("0.00")
    assert "deficiência" in (read.fact("other_income").note or "")


def test_a_disability_pension_counts_and_the_psi_beside_it_does_not() -> None:
    # «pensão de invalidez» is a pension (DL 70/2010, art. 10.º): it counts in full
    said = "tenho pensao de invalidez de 280 e o meu filho a psi de 320"
    assert facts(said, "other_income")["other_income"] == Decimal("280.00")
    assert facts("recebo pensão de invalidez 300 euros", "other_income")["other_income"] == Decimal("300.00")


# ---------------------------------------------------------------- a yearly or seasonal total


@pytest.mark.parametrize(("text", "monthly"), [
    ("o ano todo ele ganhou 3600 euros", None),  # the total said before the period: not read as such
    ("ele ganhou 3600 euros no ano inteiro", Decimal("300.00")),
    ("na campanha da azeitona ganhei uns 1200 no total", Decimal("100.00")),
    ("trabalho nas vindimas, faço 1500 por temporada", Decimal("125.00")),
    ("este ano so fiz 2400 euros, é trabalho sazonal", Decimal("200.00")),
    ("no verao trabalho 2 meses na praia e ganho 1800 ao todo", Decimal("150.00")),
    ("ganhei 6000 limpos durante todo o ano", Decimal("500.00")),
])
def test_a_yearly_total_is_spread_over_twelve_months(text: str, monthly: Decimal | None) -> None:
    value = facts(text, "employment_income").get("employment_income")
    if monthly is None:
        assert value is not None
    else:
        assert value == monthly


@pytest.mark.parametrize(("text", "monthly"), [
    ("este ano tenho tido pouco trabalho, ganho uns 300", Decimal("300.00")),
    ("na epoca ganho 700 por mes", Decimal("700.00")),
    ("ganhamos 900 ao todo os dois", Decimal("900.00")),
])
def test_a_monthly_amount_stays_monthly(text: str, monthly: Decimal) -> None:
    assert facts(text, "employment_income")["employment_income"] == monthly


# ---------------------------------------------------------------- dates are not amounts


@pytest.mark.parametrize("text", [
    "o subsidio de desemprego acaba a 20 de dezembro de 2026, posso pedir ja o rsi?",
    "o meu subsidio termina no dia 15 e depois nao tenho nada",
    "fico sem subsidio em janeiro de 2027",
    "acaba dia vinte de dezembro o meu fundo de desemprego",
])
def test_a_date_is_no_income(text: str) -> None:
    read = facts(text)
    assert "other_income" not in read and "employment_income" not in read


def test_an_amount_beside_a_date_is_still_read() -> None:
    assert facts("recebo 480 de subsidio ate 20 de dezembro", "other_income")["other_income"] == Decimal("480.00")


# ---------------------------------------------------------------- who lives in the home


@pytest.mark.parametrize("text", [
    "quem me esta a escrever isto e o meu neto. vivo sozinho e tenho a reforma de 300",
    "o meu neto esta a escrever por mim, moro sozinha",
    "foi a minha filha que me ajudou a mandar esta mensagem. sou viuvo e vivo sozinho",
])
def test_a_relative_who_helps_write_is_not_the_household(text: str) -> None:
    read = facts(text)
    assert read["adults"] == 1
    assert read.get("minors", 0) == 0


@pytest.mark.parametrize(("text", "minors"), [
    ("moro no porto ha 2 anos com minha filha de 6", 1),
    ("vivo em portugal desde o ano passado com os meus 2 filhos", 2),
    ("eu moro aqui em lisboa com meu filho de 3 anos", 1),
])
def test_living_somewhere_with_the_children_makes_the_speaker_an_adult(text: str, minors: int) -> None:
    read = facts(text)
    assert read["adults"] == 1
    assert read["minors"] == minors


# ---------------------------------------------------------------- documents: rents and interest


@pytest.mark.parametrize("text", [
    "tenho uma casita alugada la na terra",
    "temos um apartamento arrendado em faro",
    "arrendo o rés-do-chão da minha casa a um casal, a casa que herdei",
    "recebo a renda de um terreno",
])
def test_property_income_is_told(text: str) -> None:
    assert states_capital_income(text)


@pytest.mark.parametrize("text", [
    "vivo numa casa arrendada",
    "moro num quarto alugado em lisboa",
    "pago 400 de renda",
    "alugo um quarto perto do trabalho",
    "tenho rendas em atraso",
])
def test_a_tenant_has_no_property_income(text: str) -> None:
    assert not states_capital_income(text)


# ---------------------------------------------------------------- identifiers dictated in words


def test_a_nif_typed_in_words_is_read() -> None:
    assert find_nif("dois tres quatro cinco seis sete oito nove zero", words=True) == "234567890"
    assert read_nif("desculpe, o ultimo esta errado, e dois três quatro cinco seis sete oito nove nove") == "234567899"
    # a wrong number then the right one: the corrected one counts
    assert read_nif("234567890, enganei-me, o certo é 234567899") == "234567899"


def test_a_niss_typed_in_words_is_read() -> None:
    assert read_niss("um dois zero três quatro cinco seis sete oito nove sete") == "12034567897"


# ---------------------------------------------------------------- work and age told in a description


@pytest.mark.parametrize("text", [
    "moro com a minha mae acamada e eu nao trabalho, somos as duas",
    "vivo com o meu irmao que tem deficiencia, eu estou desempregado. somos so os dois",
    "eu e o meu filho de 40 anos, ele e autista e precisa de mim, nao trabalho",
])
def test_no_wages_when_the_only_other_adult_cannot_work(text: str) -> None:
    read = facts(text)
    assert read["adults"] == 2
    assert read["employment_income"] == Decimal("0.00")


def test_wages_stay_open_when_the_other_adult_works() -> None:
    assert "employment_income" not in facts("vivo com o meu marido doente, ele trabalha, eu estou desempregada")
    # the speaker works: wages are asked
    assert "employment_income" not in facts("vivo com a minha filha de 25 anos que tem deficiencia, trabalho em part-time")


@pytest.mark.parametrize("text", [
    "trabalho a recibos verdes e ganho pouco",
    "sou freelancer, tenho tido pouco trabalho",
    "passo recibos verdes como explicadora",
    "trabalho por conta propria nas limpezas",
])
def test_self_employment_is_working_for_the_iefp_question(text: str) -> None:
    assert facts(text)["employment_centre_registered"] == "working"


def test_self_employment_that_ended_is_not_working() -> None:
    assert "employment_centre_registered" not in facts("ja nao sou independente, fechei a atividade")


@pytest.mark.parametrize("text", [
    "casal com 3 netos a cargo, ele esta reformado, ela tem 61 anos",
    "um casal, ele com 40 anos e desempregado, 2 filhos",
    "sou avó e tenho os meus 2 netos comigo",
])
def test_a_couple_or_grandparents_described_by_others_are_of_age(text: str) -> None:
    assert facts(text)["is_adult"] is True


def test_a_couple_with_a_minor_age_is_not_read_as_of_age() -> None:
    assert facts("casal jovem, ela tem 17 anos, ele trabalha").get("is_adult") is not True


# ---------------------------------------------------------------- the certidão's parts told with the request


@pytest.mark.parametrize(("text", "parts"), [
    ("queria a certidao do meu pedido com a data de entrega e a decisão", ["data", "decisao"]),
    ("certidão do requerimento, com tudo", ["data", "conteudo", "andamento", "decisao"]),
    ("uma certidão com o andamento do processo", ["andamento"]),
    ("preciso da certidão do requerimento em 3 dias", []),
    ("quero a certidao do meu requerimento, quando fica pronta", []),
])
def test_the_certidao_parts_told_with_the_request(text: str, parts: list[str]) -> None:
    assert certidao_elements_told(text) == parts


@pytest.mark.parametrize(("text", "first"), [
    ("foi-me atribuido em marco de 2026", date(2026, 3, 1)),
    ("recebo desde Fevereiro 2025", date(2025, 2, 1)),
    ("comecei a receber em setembro de dois mil e vinte e cinco", date(2025, 9, 1)),
])
def test_a_month_and_year_without_the_day(text: str, first: date) -> None:
    assert parse_month_year(text) == first


def test_no_month_and_year() -> None:
    assert parse_month_year("comecei a receber ha pouco tempo") is None
    assert parse_month_year("em 2026") is None


def test_savings_that_look_like_a_year_are_money() -> None:
    assert facts("tenho uma poupança de 2000", "assets")["assets"] == Decimal("2000.00")


@pytest.mark.parametrize(("text", "asks"), [
    ("a partir de quando renovam o meu rsi?", True),
    ("quando e que comeca a renovacao", True),
    ("qnd acaba o meu rsi?", False),  # no "quando": left to the classifier
    ("quando é pago o rsi?", False),
])
def test_when_something_starts_or_ends(text: str, asks: bool) -> None:
    assert asks_when_it_starts(text) is asks


def test_grandparents_named_at_the_start_are_a_couple_of_adults() -> None:
    read = facts("avos com um neto de 10 anos a cargo, ele reformado, ela tem 62 anos")
    assert (read["adults"], read["minors"], read["is_adult"]) == (2, 1, True)
    assert facts("vivo com os meus avós")["adults"] == 3


def test_a_second_home_let_is_property_income_a_rented_home_is_not() -> None:
    assert states_capital_income("a minha casita da terra está arrendada")
    assert not states_capital_income("a minha casa é arrendada, pago 350")
