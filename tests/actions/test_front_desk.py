"""Front-desk mode: the same actions answer staff (input channel "staff") with every
condition, step, day and legal basis, and citizens (other channels) briefly."""

from __future__ import annotations

from datetime import date

import pytest
from freezegun import freeze_time
from journey_helpers import make_tracker, run_action
from rasa_sdk import Tracker

from actions.common import is_front_desk
from actions.deadlines import ActionComputeDeadline
from actions.documents import ActionDocumentChecklist
from actions.eligibility import ActionComputeEligibility
from bot.calendar import deadline
from bot.documents import checklist
from bot.rules import simulate
from bot.rules.model import Household

ANSWERED = {
    "adults": 2, "minors": 1, "employment_income": "0.00", "other_income": "0.00",
    "assets": "0.00", "nationality": "pt", "is_adult": True, "employment_centre_registered": True,
}


def plain(text: str) -> str:
    return text.replace("\xa0", " ")


def answer(action, slots: dict, channel: str) -> str:
    _, texts = run_action(action, make_tracker(slots, channel=channel))
    return plain("\n".join(texts))


def _user(channel: str | None) -> dict:
    event = {"event": "user", "text": "olá", "parse_data": {}}
    if channel is not None:
        event["input_channel"] = channel
    return event


@pytest.mark.parametrize(
    ("events", "expected"),
    [
        ([_user("staff")], True),
        ([_user("rest")], False),
        ([_user("socketio")], False),
        ([_user(None)], False),
        ([], False),
        # The latest user message decides.
        ([_user("rest"), _user("staff"), {"event": "bot", "text": "olá"}], True),
        ([_user("staff"), _user("rest")], False),
    ],
)
def test_is_front_desk_reads_the_latest_input_channel(events, expected):
    tracker = Tracker("t", {}, {}, events, False, None, {}, "action_listen")
    assert is_front_desk(tracker) is expected


# --------------------------------------------------------------------------- eligibility


@freeze_time("2026-03-02 10:00:00")
def test_staff_eligibility_lists_every_condition_with_its_legal_basis_and_the_full_trace():
    text = answer(ActionComputeEligibility(), ANSWERED, "staff")
    sim = simulate(Household(adults=2, minors=1, age=18, employment_centre_registered=True,
                             able_to_work=True), date(2026, 3, 2))
    assert sim.eligible and len(sim.conditions) >= 3
    assert "544,63 €" in text
    assert f"Condições verificadas ({len(sim.conditions)})" in text
    for condition in sim.conditions:
        assert plain(f"Cumprida: {condition.explanation} Base legal: {condition.legal_basis}.") in text
    for number, step in enumerate(sim.trace, 1):
        assert plain(f"{number}. {step.text} Base legal: {step.legal_basis}.") in text
    assert "data de referência: 2 de março de 2026" in text
    assert "agregado: 2 adultos (contando consigo) e 1 menor" in text
    assert "estimativa" in text


@freeze_time("2026-03-02 10:00:00")
def test_citizen_eligibility_stays_short_without_the_passed_conditions():
    citizen = answer(ActionComputeEligibility(), ANSWERED, "rest")
    staff = answer(ActionComputeEligibility(), ANSWERED, "staff")
    assert "parece ter direito ao RSI: cerca de 544,63 €" in citizen
    assert "Condições verificadas" not in citizen and "Cumprida" not in citizen
    assert "Cidadão português" not in citizen  # a passed condition is not spelt out
    assert "Cidadão português" in staff
    assert len(citizen) < len(staff)


@freeze_time("2026-03-02 10:00:00")
def test_staff_sees_passed_and_failed_conditions_and_the_trace_when_assets_fail():
    slots = {**ANSWERED, "assets": "50000.00"}
    citizen = answer(ActionComputeEligibility(), slots, "rest")
    staff = answer(ActionComputeEligibility(), slots, "staff")
    # Citizens get the failed condition only, and no amount steps (income is not the reason).
    assert "não tem direito" in citizen and "Como fiz as contas" not in citizen
    assert "parece não ter direito" in staff
    assert "NÃO cumprida: O património mobiliário" in staff
    assert "Cumprida: Cidadão português" in staff
    assert "Cálculo completo:" in staff and "Limite do património mobiliário" in staff
    assert "Lei n.º 13/2003, art. 6.º" in staff


# --------------------------------------------------------------------------- deadlines

CHRISTMAS = {"deadline_kind": "missing_documents", "deadline_start": "2026-12-22", "region": "continente"}


@freeze_time("2026-12-22 10:00:00")
def test_staff_deadline_counts_day_by_day_with_the_holidays_and_their_legal_basis():
    text = answer(ActionComputeDeadline(), CHRISTMAS, "staff")
    assert "quinta-feira, 7 de janeiro de 2027" in text
    assert "Dias úteis contados (10): 1.º 23/12/2026, 2.º 24/12/2026, 3.º 28/12/2026" in text
    assert "10.º 07/01/2027" in text
    assert "25/12/2026 (Dia de Natal, feriado nacional: Código do Trabalho, art. 234.º)" in text
    assert "01/01/2027 (Ano Novo, feriado nacional: Código do Trabalho, art. 234.º)" in text
    assert "26/12/2026 (sábado)" in text and "27/12/2026 (domingo)" in text
    assert "Regra de contagem:" in text and "Código do Procedimento Administrativo, art. 87.º" in text
    assert "Portaria n.º 257/2012, art. 4.º, n.º 2" in text


@freeze_time("2026-12-22 10:00:00")
def test_citizen_deadline_has_no_day_by_day_count():
    citizen = answer(ActionComputeDeadline(), CHRISTMAS, "rest")
    assert "7 de janeiro de 2027" in citizen and "Portaria n.º 257/2012" in citizen
    assert "Contagem dia a dia" not in citizen and "1.º 23/12/2026" not in citizen
    assert len(citizen) < len(answer(ActionComputeDeadline(), CHRISTMAS, "staff"))


@freeze_time("2026-05-20 10:00:00")
def test_staff_deadline_in_the_azores_names_the_regional_holiday():
    slots = {"deadline_kind": "interview_justification", "deadline_start": "2026-05-20", "region": "acores"}
    text = answer(ActionComputeDeadline(), slots, "staff")
    expected = deadline("interview_justification", date(2026, 5, 20), "acores")
    assert f"Dias úteis contados ({expected.amount})" in text
    assert "25/05/2026 (Dia da Região Autónoma dos Açores, feriado regional: Região Autónoma dos Açores)" in text
    assert "04/06/2026 (Corpo de Deus, feriado nacional" in text
    assert "art. 29.º, n.º 2" in text


@freeze_time("2026-03-02 10:00:00")
def test_staff_renewal_start_keeps_its_trace_without_a_day_count():
    slots = {"deadline_kind": "renewal_start", "deadline_start": "2026-01-15", "region": "continente"}
    text = answer(ActionComputeDeadline(), slots, "staff")
    assert "Portaria n.º 257/2012, art. 15.º, n.º 2" in text
    assert "Contagem dia a dia" not in text


# --------------------------------------------------------------------------- documents

DOCUMENT_ANSWERS = {
    "adults": 2, "minors": 1, "employment_income": "600.00", "nationality": "eu",
    "income_kind": "dependent_variable", "capital_or_property_income": True,
    "pregnancy_or_disability": "pregnant", "already_in_ss_system": False,
}


def test_staff_checklist_numbers_every_document_with_its_legal_basis_and_the_data_used():
    text = answer(ActionDocumentChecklist(), DOCUMENT_ANSWERS, "staff")
    items = checklist(Household(adults=2, minors=1, nationality="eu", employment_income=600,
                                variable_income=True, capital_or_property_income=True, pregnant=True))
    documents = [i for i in items if i.who != "nota"]
    assert f"Documentos a entregar neste caso ({len(documents)})" in text
    for number, item in enumerate(documents, 1):
        assert plain(f"{number}. {item.text} Quem: {item.who}. Base legal: {item.legal_basis}.") in text
    for note in (i for i in items if i.who == "nota"):
        assert plain(f"Nota: {note.text} Base legal: {note.legal_basis}.") in text
    assert "Dados considerados:" in text
    assert "rendimentos de capitais ou prediais: sim" in text
    assert "situações especiais: gravidez no agregado" in text
    assert "dados ainda não constam do sistema da Segurança Social" in text


def test_citizen_checklist_is_unchanged_and_shorter():
    citizen = answer(ActionDocumentChecklist(), DOCUMENT_ANSWERS, "rest")
    assert citizen.startswith("Para o seu caso, os documentos a entregar são:\n• ")
    assert "Dados considerados" not in citizen and "Base legal:" not in citizen
    assert len(citizen) < len(answer(ActionDocumentChecklist(), DOCUMENT_ANSWERS, "staff"))
