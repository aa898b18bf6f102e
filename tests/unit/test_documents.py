"""Personalised document checklist (Portaria 257/2012, art. 3.º and art. 30.º)."""

from __future__ import annotations

from decimal import Decimal

import pytest

from bot.documents import checklist
from bot.errors import InputError
from bot.rules import Household


def codes(h: Household) -> list[str]:
    return [item.code for item in checklist(h)]


def test_basic_household_gets_form_identification_irs_and_note():
    assert codes(Household(adults=1)) == [
        "application_form", "civil_id", "tax_id", "irs_declaration", "already_in_system_note",
    ]


def test_every_item_has_text_legal_basis_and_who():
    h = Household(adults=2, minors=2, nationality="other", employment_income=Decimal("500"),
                  capital_or_property_income=True, pregnant=True, disability=True, able_to_work=False)
    for item in checklist(h):
        assert item.text and item.who and item.legal_basis.startswith("Portaria n.º 257/2012")


def test_identification_is_for_every_member_including_minors():
    items = {i.code: i for i in checklist(Household(adults=2, minors=1))}
    assert "todos os membros" in items["civil_id"].who and "menores" in items["civil_id"].who
    assert items["tax_id"].legal_basis.endswith("n.º 1, alínea b)")


def test_eu_citizen_needs_registration_certificate_from_the_camara_municipal():
    items = {i.code: i for i in checklist(Household(adults=1, nationality="eu"))}
    assert "câmara municipal" in items["residence_registration_certificate"].text
    assert items["residence_registration_certificate"].legal_basis.endswith("n.º 3, alínea a)")
    assert "residence_permit" not in items


def test_other_nationals_need_a_residence_title_held_for_one_year():
    items = {i.code: i for i in checklist(Household(adults=1, nationality="other"))}
    assert "pelo menos um ano" in items["residence_permit"].text
    assert items["residence_permit"].legal_basis.endswith("n.º 3, alínea b)")


def test_refugee_is_not_asked_for_one_year():
    got = codes(Household(adults=1, nationality="other", refugee=True))
    assert "refugee_status" in got and "residence_permit" not in got


def test_portuguese_citizens_need_no_separate_residence_proof():
    assert not {"legal_residence", "residence_permit"} & set(codes(Household(adults=1)))


def test_pay_slips_one_month_regular_three_months_variable():
    regular = codes(Household(adults=1, employment_income=Decimal("600")))
    variable = codes(Household(adults=1, employment_income=Decimal("600"), variable_income=True))
    assert "pay_slips_1_month" in regular and "pay_slips_3_months" not in regular
    assert "pay_slips_3_months" in variable and "pay_slips_1_month" not in variable
    assert not any(c.startswith("pay_slips") for c in codes(Household(adults=1)))


def test_capital_or_property_income_adds_n2_documents():
    got = codes(Household(adults=1, capital_or_property_income=True))
    assert {"rent_receipts", "bank_statements"} <= set(got)


def test_health_documents_only_when_relevant():
    got = codes(Household(adults=1, pregnant=True, disability=True, able_to_work=False))
    assert {"pregnancy_certificate", "disability_proof", "sick_leave_certificate"} <= set(got)
    assert not {"pregnancy_certificate", "disability_proof", "sick_leave_certificate"} & set(
        codes(Household(adults=1)))


def test_already_in_system_drops_identification_and_says_why():
    items = checklist(Household(adults=1, already_in_ss_system=True))
    got = [i.code for i in items]
    assert "civil_id" not in got and "tax_id" not in got
    assert "já constam" in items[-1].text and "n.ºs 4 e 5" in items[-1].legal_basis


def test_invalid_household_is_rejected():
    with pytest.raises(InputError):
        checklist(Household(adults=0))
