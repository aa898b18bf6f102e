"""read_facts on whole messages the way citizens write them (bot/parsing/facts.py):
one long first message with the household, the money and the situation, and the
short answers that follow. Each case has other wordings of the same thing, so the
rule is tested, not the sentence."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from bot.parsing.facts import read_facts

ON = date(2026, 12, 2)
D = Decimal


def facts(text: str, asking: str | None = None) -> dict:
    return {f.slot: f.value for f in read_facts(text, asking=asking, on=ON)}


# ---------------------------------------------------------------- money

@pytest.mark.parametrize("text, expected", [
    ("recebo a pensao de sobrevivencia 190 euros e uma reformazita minha de 60", D("250.00")),
    ("a pensao dele e 200 euros e uma reforma de 50", D("250.00")),
    ("de pensao recebo 300 euros e 50 centimos", D("300.50")),
    ("a minha reforma e de 300 euros e 50", D("300.50")),
])
def test_euros_and_cents_only_when_cents_are_said(text, expected):
    assert facts(text)["other_income"] == expected


@pytest.mark.parametrize("text", [
    "poupancas nao tenho nenhumas. sou portuguesa",
    "poupancas, nao temos",
    "dinheiro no banco nao tenho",
    "economias, zero",
    "dinheiro guardado nenhum",
])
def test_savings_named_first_then_denied(text):
    assert facts(text)["assets"] == D("0.00")


@pytest.mark.parametrize("text, asking", [
    ("o meu filho anda na faculdade e tem uma bolsa de 110 euros por mes", None),
    ("a minha filha tem uma bolsa da universidade de 150", "other_income"),
    ("ela estuda e recebe uma bolsa de 90 euros", None),
])
def test_a_study_grant_does_not_count(text, asking):
    assert facts(text, asking).get("other_income", D("0")) == D("0")


def test_a_grant_that_is_not_for_studies_still_counts():
    assert facts("recebo uma bolsa de formacao de 200 euros")["other_income"] == D("200.00")


@pytest.mark.parametrize("text", ["o abono conta como rendimento?", "e o abono de familia, tambem conta?"])
def test_asking_whether_the_allowance_counts_is_no_answer(text):
    assert "other_income" not in facts(text, "other_income")


@pytest.mark.parametrize("text", ["entao fora o abono nao recebo mais nada", "so o abono", "so o abono, isso conta?"])
def test_only_the_allowance_is_nothing_else(text):
    assert facts(text, "other_income")["other_income"] == D("0.00")


@pytest.mark.parametrize("text", [
    "ah espera, antes disso. recebi uma carta no dia 27/11 a pedir documentos que faltam, ate quando posso entregar?",
    "recebi uma carta hoje, o que faco?",
])
def test_an_article_or_a_date_is_not_a_wage(text):
    assert "employment_income" not in facts(text, "employment_income")


def test_one_euro_is_still_an_amount():
    assert facts("um euro", "employment_income")["employment_income"] == D("1.00")


# ---------------------------------------------------------------- no wages

@pytest.mark.parametrize("text", [
    "tenho 72 anos e vivo com a minha mulher. ja nao trabalhamos, recebemos a reforma",
    "eu e o meu marido estamos desempregados",
    "eu e a minha mulher nao trabalhamos",
    "eu e o meu marido estamos os dois reformados, recebemos 350 de reforma os dois juntos",
    "somos ambos reformados, eu e a minha mulher, temos 500 euros de pensao",
])
def test_we_do_not_work_means_no_wages_at_home(text):
    assert facts(text)["employment_income"] == D("0.00")


@pytest.mark.parametrize("text", [
    "eu e o meu marido somos reformados, nao temos filhos em casa",
    "estamos os dois reformados",
])
def test_retired_without_the_income_told_leaves_wages_open(text):
    # a pensioner may also work: only the whole home's income told closes the question
    assert "employment_income" not in facts(text)


def test_nobody_works_is_read_after_another_unemployment():
    text = ("estou desempregada e recebo subsidio de desemprego, 380 euros. vivo so com o meu filho de 19 anos, "
            "nenhum de nos trabalha")
    assert facts(text)["employment_income"] == D("0.00")


def test_i_am_unemployed_with_someone_else_at_home_leaves_their_wages_open():
    assert "employment_income" not in facts("estou desempregada, vivo com o meu marido")


@pytest.mark.parametrize("text", [
    "tenho 35 anos vivo sozinho, nao tenho contrato nenhum mas faco uns biscates, uns 150 por mes",
    "vivo sozinha e trabalho sem contrato nas limpezas, uns 100 euros de biscates",
])
def test_no_contract_alone_means_no_wages(text):
    assert facts(text)["employment_income"] == D("0.00")


def test_no_contract_with_a_wage_keeps_the_wage():
    assert facts("trabalho sem contrato, ganho 400", "employment_income")["employment_income"] == D("400.00")


@pytest.mark.parametrize("text", ["sem rendimentos", "vivo sozinha, sem rendimentos nenhuns",
                                  "desempregada, sem quaisquer rendimentos"])
def test_without_income_is_no_other_income(text):
    assert facts(text)["other_income"] == D("0.00")


def test_without_income_from_work_is_not_about_other_income():
    assert "other_income" not in facts("sem rendimentos do trabalho")


# ---------------------------------------------------------------- the household

@pytest.mark.parametrize("text, adults, minors", [
    ("eu e os meus 2 filhos um de 3 e outro de 6 anos", 1, 2),
    ("tenho 2 filhos, um filho de 20 anos e uma filha de 12", 2, 1),
    ("eu e 3 filhos, um de 19, outro de 15 e outro de 10", 2, 2),
    ("somos eu o meu marido e 2 filhos de 3 e 5 anos", 2, 2),
])
def test_ages_after_a_count_are_the_ages_of_those_children(text, adults, minors):
    got = facts(text)
    assert (got["adults"], got["minors"]) == (adults, minors)


@pytest.mark.parametrize("text", [
    "moro so com o meu filho de 12 anos. o pai dele da 150 de alimentos",
    "somos eu e a minha filha de 15 anos, o pai dela paga 200 de pensao de alimentos",
    "vivo com as minhas 2 filhas, o pai paga 100 de pensao de alimentos",
    "eu e o meu filho, a mae do miudo manda 100 euros de pensao",
])
def test_the_other_parent_who_pays_alimony_is_not_at_home(text):
    assert facts(text)["adults"] == 1


def test_a_parent_living_at_home_still_counts():
    assert facts("vivo com a minha mae e o meu filho")["adults"] == 2


@pytest.mark.parametrize("text", [
    "vivo so com o meu filho de 19 anos que anda na faculdade",
    "moro so com a minha mae",
    "vivo apenas com o meu marido",
    "somos so eu e o meu marido",
])
def test_only_with_names_everyone_at_home(text):
    got = facts(text)
    assert got["adults"] == 2 and got["minors"] == 0


def test_living_with_someone_leaves_the_children_open():
    assert "minors" not in facts("vivo com a minha mae")


@pytest.mark.parametrize("text", [
    "em casa somos eu, a minha mulher, o nosso filho de 22 anos e a minha sogra de 80. "
    "so o meu filho e que trabalha",
    "ca em casa vivemos eu, o meu marido e a nossa filha de 25 anos",
    "somos eu, o meu marido e o nosso filho de 19 anos",
])
def test_the_home_listed_with_grown_children_leaves_no_minors(text):
    assert facts(text)["minors"] == 0


@pytest.mark.parametrize("text, asking", [
    ("vivo com a minha filha de 18 anos que ainda estuda", None),
    ("somos 3 adultos, eu o meu marido e a nossa filha de 20 anos", "adults"),
])
def test_living_with_a_grown_child_leaves_the_younger_ones_open(text, asking):
    assert "minors" not in facts(text, asking)


def test_the_same_son_named_again_is_one_son():
    got = facts("somos eu, a minha mulher e o nosso filho de 22 anos. o meu filho e que trabalha")
    assert (got["adults"], got["minors"]) == (3, 0)


@pytest.mark.parametrize("text", [
    "moro com minha esposa e filho pequeno",
    "vivo com o meu marido e filha",
])
def test_a_child_named_without_an_article(text):
    assert facts(text)["minors"] == 1


def test_a_boy_with_his_age_is_one_child():
    assert facts("temos um rapaz de 8 anos", "minors")["minors"] == 1


@pytest.mark.parametrize("text, asking", [
    ("desculpe enganei-me, somos 3 e nao 4, so temos um filho", "employment_income"),
    ("somos 3, so temos um filho", None),
])
def test_a_head_count_with_the_children_gives_the_adults(text, asking):
    got = facts(text, asking)
    assert (got["adults"], got["minors"]) == (2, 1)
    assert "employment_income" not in got  # the head count is never an amount


def test_a_head_count_alone_answers_the_adults_question():
    assert facts("somos 3", "adults")["adults"] == 3


# ---------------------------------------------------------------- ages and nationality

@pytest.mark.parametrize("text, age", [
    ("eu e o meu marido estamos reformados, ele tem 68 e eu 66, recebemos 350 de reforma", 66),
    ("ela tem 40 e eu tenho 45, ganhamos 800 euros", 45),
])
def test_ages_of_a_couple_are_not_money(text, age):
    got = facts(text)
    assert got["applicant_age"] == age
    assert got.get("other_income", got.get("employment_income")) in (D("350.00"), D("800.00"))


def test_both_ages_of_age_say_the_applicant_is_of_age():
    got = facts("casal, ele 45 ela 42, 3 filhos menores, ele ganha 900 euros liquidos")
    assert got["is_adult"] is True and got["employment_income"] == D("900.00")


@pytest.mark.parametrize("text, age", [
    ("requerente 58 anos, vive sozinha, desempregada", 58),
    ("jovem de 17 anos gravida de 6 meses, e ela a requerente", 17),
    ("utente com 40 anos, sem rendimentos", 40),
])
def test_the_applicant_in_the_third_person(text, age):
    assert facts(text)["applicant_age"] == age


@pytest.mark.parametrize("text, nationality", [
    ("casal com 3 filhos, sem poupancas, portugueses", "pt"),
    ("vive com a mae, sem outros rendimentos, ambas portuguesas", "pt"),
    ("temos 1800 euros no banco e somos portugueses", "pt"),
    ("dois adultos, desempregados, cabo-verdianos", "other"),
])
def test_a_nationality_in_a_list_of_facts(text, nationality):
    assert facts(text)["nationality"] == nationality


def test_a_country_in_a_list_is_not_a_nationality():
    assert "nationality" not in facts("vivo com a minha mae, moro perto, india")


@pytest.mark.parametrize("text, years", [
    ("tenho autorizacao de residencia desde marco deste ano", D("0.75")),
    ("tenho titulo de residencia desde outubro do ano passado", D("1.17")),
])
def test_residence_since_a_month(text, years):
    assert facts(text)["legal_residence_years"] == years


def test_residence_since_a_month_answers_the_question_asked():
    assert facts("desde maio", "legal_residence_years")["legal_residence_years"] == D("0.58")


@pytest.mark.parametrize("text", ["nenhum, sao so as duas", "nenhuns, somos os 3 adultos", "nao, somos so os dois"])
def test_no_children_said_first_wins_over_the_head_count(text):
    assert facts(text, "minors")["minors"] == 0
