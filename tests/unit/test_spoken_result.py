"""The eligibility estimate said on the phone (bot.spoken_result)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from bot.rules import Household, simulate
from bot.spoken_result import (
    STEPS_INTRO,
    asks_for_steps,
    for_the_ear,
    result_messages,
    spoken_money,
    steps,
    steps_messages,
)

ON = date(2026, 12, 1)  # before the PSU replaces the RSI
# Written for a screen or the counter, never said on the phone.
NOT_FOR_THE_EAR = ("€", "•", "Lei", "artigo", "art.", "n.º", "Decreto", "Portaria", "×", "=", "−", "%", "(", ")")


def said(messages: list[str]) -> str:
    return " ".join(messages)


def assert_for_the_ear(text: str) -> None:
    for written in NOT_FOR_THE_EAR:
        assert written not in text, (written, text)


@pytest.mark.parametrize(
    ("value", "spoken"),
    [
        (Decimal("188.41"), "188 euros e 41 cêntimos"),
        (Decimal("1600"), "1600 euros"),
        (Decimal("1"), "1 euro"),
        (Decimal("0.01"), "0 euros e 1 cêntimo"),
        (Decimal("247.5"), "247 euros e 50 cêntimos"),
        (Decimal("-1352.44"), "menos 1352 euros e 44 cêntimos"),
        ("32227.80", "32227 euros e 80 cêntimos"),
    ],
)
def test_amounts_are_said_in_euros_and_cents(value, spoken):
    assert spoken_money(value) == spoken


def test_amounts_written_by_babel_are_said():
    assert for_the_ear("O rendimento (1\xa0600,00\xa0€) ultrapassa 247,56 €.") == (
        "O rendimento, 1600 euros, ultrapassa 247 euros e 56 cêntimos."
    )


def test_entitled_hears_the_amount_and_why_not_the_steps():
    sim = simulate(Household(adults=2, minors=2, employment_income=Decimal("600")), ON)
    text = said(result_messages(sim, "ao RSI"))
    assert "parece ter direito ao RSI: cerca de 188 euros e 41 cêntimos por mês" in text
    assert "máximo para o seu agregado, 668 euros e 41 cêntimos" in text
    assert "rendimentos que contam, 480 euros" in text
    assert "estimativa" in text
    assert "Valor de referência" not in text and "80 por cento" not in text  # steps on request only
    assert_for_the_ear(text)
    assert len(result_messages(sim, "ao RSI")) <= 4


def test_no_income_hears_that_it_is_the_maximum():
    sim = simulate(Household(adults=1), ON)
    text = said(result_messages(sim, "ao RSI"))
    assert "cerca de 247 euros e 56 cêntimos por mês" in text
    assert "Como não indicou rendimentos" in text
    assert_for_the_ear(text)


def test_not_entitled_hears_the_reason_without_citation():
    sim = simulate(Household(adults=1, employment_income=Decimal("2000")), ON)
    text = said(result_messages(sim, "ao RSI"))
    assert "parece que não tem direito ao RSI" in text
    assert "Porque o rendimento considerado, 1600 euros" in text
    assert_for_the_ear(text)


def test_at_most_two_reasons_are_said():
    household = Household(adults=1, assets=Decimal("50000"), nationality="other",
                          legal_residence_years=Decimal("0.5"), age=16)
    sim = simulate(household, ON)
    assert len([c for c in sim.conditions if not c.passed]) == 3
    text = said(result_messages(sim, "ao RSI"))
    assert "Há duas razões" in text
    failed = [c for c in sim.conditions if not c.passed]
    assert for_the_ear(failed[2].explanation) not in text
    assert_for_the_ear(text)


def test_steps_are_said_without_symbols_or_citations():
    sim = simulate(Household(adults=2, minors=2, employment_income=Decimal("600")), ON)
    lines = steps(sim)
    assert len(lines) == len(sim.trace)
    (text,) = steps_messages(lines)
    assert text.startswith(STEPS_INTRO)
    assert "Rendimentos do trabalho dependente: contam 80 por cento de 600 euros igual a 480 euros" in text
    assert "60 vezes o indexante dos apoios sociais" in text
    assert_for_the_ear(text)


def test_no_steps_when_they_explain_nothing():
    # Not entitled because of savings: the amount's steps are beside the point.
    sim = simulate(Household(adults=1, assets=Decimal("50000")), ON)
    assert steps(sim) == []
    assert steps_messages([]) == []


def test_steps_when_only_the_income_is_too_high():
    sim = simulate(Household(adults=1, employment_income=Decimal("2000")), ON)
    assert steps(sim)


def test_psu_estimate_is_said_with_its_own_maximum():
    sim = simulate(Household(adults=2, minors=1, employment_income=Decimal("500")), date(2027, 9, 1))
    assert sim.regime == "psu"
    text = said(result_messages(sim, "à Prestação Social Única (PSU)"))
    assert "cerca de 190 euros e 86 cêntimos por mês" in text
    assert "590 euros e 86 cêntimos" in text
    assert "Prestação Social Única" in text
    assert_for_the_ear(text)
    assert_for_the_ear(said(steps_messages(steps(sim))))


@pytest.mark.parametrize(
    "asked",
    [
        "explique as contas",
        "Explique as contas.",
        "pode explicar as contas?",
        "explica-me o cálculo",
        "como chegou a esse valor",
        "Como é que chegou a esse valor?",
        "como fez as contas",
        "como calculou",
        "de onde vem esse valor",
        "explique-me melhor as contas",
        "como é que fez o cálculo?",
        "quero perceber as contas",
    ],
)
def test_asking_for_the_steps(asked):
    assert asks_for_steps(asked)


@pytest.mark.parametrize(
    "other",
    [
        "quero falar com uma pessoa", "como faço o pedido", "como fez o pedido", "sim", "lista de documentos",
        "quero saber os passos para fazer o pedido", "quero saber se as contas bancárias contam",
        "como chegou a carta", "explique o que é o RSI", "", None,
    ],
)
def test_other_questions_are_not_asking_for_the_steps(other):
    assert not asks_for_steps(other)
