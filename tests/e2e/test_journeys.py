"""Citizen journeys over real HTTP against the running servers.

Expected figures come from the rules engine for the same inputs and date, so
the test checks that the conversation carries the engine's result (amount,
date, legal basis) to the citizen intact.
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest

from bot.calendar import deadline
from bot.format import date_long, money
from bot.rules import simulate
from bot.rules.model import Household

pytestmark = pytest.mark.e2e


def _today() -> date:
    return datetime.now(ZoneInfo("Europe/Lisbon")).date()


def _plain(text: str) -> str:
    return text.replace("\xa0", " ")


def test_eligibility_and_amount_with_steps(chat):
    chat.say("quero saber se tenho direito ao rsi")
    chat.say("somos quatro, eu, o meu marido e dois miúdos")
    chat.say("seiscentos euros")
    chat.say("nenhum")
    chat.say("nada")
    chat.say("portuguesa")
    summary = chat.say("sim")
    assert "4" in summary or "2 adultos" in summary or "confirma" in summary.lower()
    result = chat.say("sim")

    expected = simulate(
        Household(adults=2, minors=2, employment_income=Decimal("600")), _today()
    )
    assert expected.eligible
    assert _plain(money(expected.monthly_amount)) in result
    assert _plain(money(expected.household_max)) in result
    assert "estimativa" in result.lower()
    assert "Segurança Social" in result
    # plain words first; the law of every step on request
    assert "Lei n.º 13/2003" not in result and "base legal" in result
    basis = chat.say("base legal?")
    assert "Lei n.º 13/2003, art. 10.º" in basis and _plain(money(expected.monthly_amount)) in basis


def test_not_eligible_names_the_failed_condition(chat):
    chat.say("tenho direito ao rsi?")
    chat.say("vivo sozinho")
    chat.say("ganho 2000 euros")
    chat.say("não tenho")
    chat.say("não tenho")
    chat.say("sou portuguesa")
    chat.say("sim")
    result = chat.say("sim")
    assert "não" in result.lower()
    assert "rendimento" in result.lower()
    assert "base legal" in result
    assert "art. 10" in chat.say("base legal")


def test_deadline_for_missing_documents_crosses_christmas(chat):
    reply = chat.say("recebi uma carta a 22/12/2026 a pedir documentos, até quando tenho?")
    if "continente" in reply.lower():
        reply = chat.say("continente")
    expected = deadline("missing_documents", date(2026, 12, 22), "continente")
    assert date_long(expected.end) in reply  # 7 de janeiro de 2027
    assert "art. 4" in reply
    assert "dias úteis" in reply


def test_deadline_in_the_azores_is_longer(chat):
    reply = chat.say("recebi uma carta a 22/12/2026 a pedir documentos, até quando tenho?")
    if "Açores" in reply:
        reply = chat.say("moro nos açores")
    expected = deadline("missing_documents", date(2026, 12, 22), "acores")
    assert date_long(expected.end) in reply
    assert "art. 29" in reply


def test_faq_what_is_rsi(chat):
    reply = chat.say("o que é o rendimento social de inserção?")
    assert "RSI" in reply or "rendimento social de inserção" in reply.lower()
    assert "Lei n.º 13/2003" in reply


def test_faq_inside_the_eligibility_form_then_it_resumes(chat):
    chat.say("tenho direito ao rsi?")
    side = chat.say("como é pago o rsi?")
    assert "transferência" in side.lower()
    resumed = chat.say("vivo sozinha")
    assert "?" in resumed  # the form asks its next question


def test_talk_to_a_person_gives_the_line(chat):
    reply = chat.say("quero falar com uma pessoa")
    assert "300 502 502" in reply
