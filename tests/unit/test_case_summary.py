"""The front-desk case summary built from a conversation's slot values and events.

Amounts worked out by hand from the parameters in force on 1 December 2026
(bot/rules/parameters/): RSI reference value 247,56 €; equivalence scale 100 % for
the applicant, 70 % for each other adult, 50 % for each minor; wages count at
80 %; movable assets up to 60 × IAS (537,13 €) = 32 227,80 €; presumed capital
income 5 % of the assets a year.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from bot.case_summary import build, deadlines_asked, declared_facts
from bot.front_desk_reading import starts_estimate

ON = date(2026, 12, 1)

COUPLE = {
    "adults": 2, "minors": 2, "employment_income": 600.0, "other_income": 0, "assets": 0,
    "nationality": "pt", "is_adult": True, "cert_nif": "123456789", "cert_niss": "12345678901",
}
# Alone, unemployed, able to work and not registered at the IEFP, 40 000 € saved.
SAVER = {
    "adults": 1, "minors": 0, "employment_income": 0, "other_income": 0, "assets": 40000,
    "nationality": "pt", "applicant_age": 45, "is_adult": True, "employment_centre_registered": False,
}


def _text(lines) -> str:
    return " ".join(line.text for line in lines).replace("\xa0", " ")


def test_an_eligible_couple_gets_the_amount_worked_out_by_hand():
    summary = build(COUPLE, [], ON)
    # 247,56 + 70 % (173,29) + 2 × 50 % (123,78) = 668,41; 80 % of 600 = 480,00
    assert summary.eligible is True
    assert summary.monthly_amount == Decimal("188.41")
    assert summary.amount_text.replace("\xa0", " ") == "188,41 €"
    steps = _text(summary.steps)
    assert "247,56 € + 173,29 € + 247,56 € = 668,41 €" in steps
    assert "80 % de 600,00 € = 480,00 €" in steps
    assert all(step.legal_basis for step in summary.steps)
    assert [c.passed for c in summary.conditions] == [True] * len(summary.conditions)
    assert "Lei n.º 13/2003, art. 10.º, n.º 1" in [c.legal_basis for c in summary.conditions]
    assert summary.headline.replace("\xa0", " ") == "Estimativa: parece ter direito ao RSI: 188,41 € por mês."


def test_the_facts_are_labelled_and_identifiers_only_on_request():
    summary = build(COUPLE, [], ON)
    facts = {f.label: f.value.replace("\xa0", " ") for f in summary.facts}
    assert facts["Agregado"] == "2 adultos (contando com o requerente) e 2 menores"
    assert facts["Salários do agregado (líquidos)"] == "600,00 € por mês"
    assert facts["Nacionalidade"] == "Portuguesa"
    assert facts["Idade do requerente"] == "18 anos ou mais"
    assert summary.identifiers == []
    assert "123456789" not in str(summary.to_dict())
    asked = build(COUPLE, [], ON, with_identifiers=True)
    assert {(f.label, f.value) for f in asked.identifiers} == {("NIF", "123456789"), ("NISS", "12345678901")}


def test_an_ineligible_household_shows_each_failed_condition_with_its_basis():
    summary = build(SAVER, [], ON)
    assert summary.eligible is False
    assert summary.monthly_amount == Decimal("0")
    failed = [c for c in summary.conditions if not c.passed]
    assert len(failed) == 2
    assert "40 000,00 €" in failed[0].text.replace("\xa0", " ")
    assert "32 227,80 €" in failed[0].text.replace("\xa0", " ")
    assert "Lei n.º 13/2003, art. 6.º" in failed[0].legal_basis
    assert "centro de emprego" in failed[1].text
    # Income still passes: 5 % of 40 000 € = 2 000,00 € a year, 166,67 € a month < 247,56 €.
    passed = {c.text.replace("\xa0", " ") for c in summary.conditions if c.passed}
    assert any("(166,67 €)" in text and "(247,56 €)" in text for text in passed)
    assert summary.next_steps[0].startswith("Inscrever-se no centro de emprego")
    assert "parece não ter direito ao RSI" in summary.headline


def test_the_checklist_follows_the_household():
    couple = build(COUPLE, [], ON)
    codes = " ".join(d.text for d in couple.documents)
    assert "Mod. RSI 1-DGSS" in codes and "recibos de vencimento" in codes.lower()
    assert all(d.legal_basis and d.who for d in couple.documents)
    assert couple.document_notes  # what the Segurança Social already holds
    alone = build(SAVER, [], ON)
    assert "recibos de vencimento" not in " ".join(d.text for d in alone.documents).lower()


def test_deadlines_computed_in_the_conversation_come_with_their_end_dates():
    # The deadline slots are emptied right after the computation, as in a real conversation.
    events = [
        {"event": "slot", "name": "deadline_kind", "value": "complaint"},
        {"event": "slot", "name": "deadline_start", "value": "2026-11-20"},
        {"event": "action", "name": "action_compute_deadline"},
        {"event": "slot", "name": "deadline_kind", "value": None},
        {"event": "slot", "name": "deadline_start", "value": None},
        {"event": "slot", "name": "deadline_kind", "value": "prior_hearing"},  # asked, never computed
    ]
    assert [(d.kind, d.start) for d in deadlines_asked(events)] == [("complaint", date(2026, 11, 20))]
    summary = build(COUPLE, events, ON)
    [complaint] = summary.deadlines
    # 15 working days from Friday 20 November 2026, skipping 1 and 8 December (holidays).
    assert complaint.end == date(2026, 12, 15)
    assert complaint.counting == "15 dias úteis"
    assert "Código do Procedimento Administrativo" in complaint.legal_basis
    assert complaint.to_dict()["end_text"] == "15 de dezembro de 2026"


def test_without_a_household_there_is_no_estimate_but_the_facts_remain():
    summary = build({"nationality": "eu", "region": "acores"}, [], ON)
    assert summary.eligible is None and summary.monthly_amount is None
    assert summary.conditions == [] and summary.documents == []
    assert {f.label for f in summary.facts} == {"Nacionalidade", "Região"}
    assert "falta o agregado" in summary.headline
    assert summary.disclaimer.startswith("Este resultado é uma estimativa")


def test_assumed_answers_and_notes_are_marked():
    slots = {**COUPLE, "assumed_slots": ["assets"], "fact_notes": {"employment_income": "salário mínimo"}}
    facts = {f.label: f.value for f in declared_facts(slots, ON)}
    assert facts["Poupanças e aplicações"].endswith("(suposição: não sabia)")
    assert "(salário mínimo)" in facts["Salários do agregado (líquidos)"]


def test_a_case_told_in_one_line_at_the_counter_starts_the_estimate():
    line = "casal com dois filhos menores, ele ganha 600 euros por mês, ela não trabalha, portugueses"
    assert starts_estimate(line, "inform")
    assert starts_estimate(line, "nlu_fallback")
    assert not starts_estimate(line, "faq")  # a question the classifier answered stays answered
    assert not starts_estimate("ele ganha 600 euros", "inform")  # no household: not a case
    assert not starts_estimate("/affirm", None)
