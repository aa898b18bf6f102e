"""Personalised document checklist (Portaria 257/2012, art. 3.º and art. 30.º)."""

from __future__ import annotations

from decimal import Decimal

import pytest

from bot.documents import checklist
from bot.errors import InputError
from bot.rules import Household
from bot.rules.model import WorkSituation


def codes(h: Household) -> list[str]:
    return [item.code for item in checklist(h)]


def test_basic_household_gets_form_identification_authorisation_irs_and_note():
    assert codes(Household(adults=1)) == [
        "application_form", "civil_id", "tax_id", "information_access_authorisation",
        "irs_declaration", "already_in_system_note",
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
    got = codes(Household(adults=1, age=17, pregnant=True, has_dependents=True, disability=True,
                          able_to_work=False))
    assert {"pregnancy_certificate", "disability_proof", "sick_leave_certificate"} <= set(got)
    assert not {"pregnancy_certificate", "disability_proof", "sick_leave_certificate"} & set(
        codes(Household(adults=1)))


# Portaria n.º 257/2012, art. 3.º, n.º 1: g) proves Lei n.º 13/2003, art. 4.º, n.º 2,
# alínea a) (disabled person in one's care), h) proves alínea b) (pregnancy) — the
# exceptions that let someone under 18 be the applicant.
@pytest.mark.parametrize("age", [18, 30, None])
def test_pregnancy_and_disability_proofs_are_not_asked_of_adults(age):
    got = codes(Household(adults=1, age=age, pregnant=True, disability=True, has_dependents=True))
    assert "pregnancy_certificate" not in got and "disability_proof" not in got


def test_pregnant_applicant_under_18_proves_the_pregnancy():
    items = {i.code: i for i in checklist(Household(adults=1, age=17, pregnant=True))}
    assert items["pregnancy_certificate"].legal_basis.endswith("n.º 1, alínea h)")
    assert "menos de 18" in items["pregnancy_certificate"].who
    assert "disability_proof" not in items


def test_applicant_under_18_with_a_disabled_person_in_care_proves_the_disability():
    items = {i.code: i for i in checklist(Household(adults=2, age=17, has_dependents=True, disability=True))}
    assert items["disability_proof"].legal_basis.endswith("n.º 1, alínea g)")
    assert "pregnancy_certificate" not in items


def test_applicant_under_18_caring_only_for_children_needs_no_disability_proof():
    got = codes(Household(adults=1, minors=1, age=17, has_dependents=True))
    assert "disability_proof" not in got
    # without minors, the person in care can only be a disabled person
    assert "disability_proof" in codes(Household(adults=2, age=17, has_dependents=True))


def test_under_18_without_the_exception_gets_neither_proof():
    got = codes(Household(adults=1, age=17, disability=True))
    assert "pregnancy_certificate" not in got and "disability_proof" not in got


def test_carer_and_unable_to_work_bring_a_medical_certificate():
    carer = {i.code: i for i in checklist(Household(adults=2, work_situation=WorkSituation.CARER))}
    assert carer["care_certificate"].legal_basis.endswith("n.º 1, alínea f)")
    unable = codes(Household(adults=1, work_situation=WorkSituation.UNABLE_TO_WORK))
    assert "sick_leave_certificate" in unable
    assert not {"care_certificate", "sick_leave_certificate"} & set(
        codes(Household(adults=1, work_situation=WorkSituation.WORKING)))


# Portaria n.º 257/2012, art. 5.º, n.ºs 5 e 6: without the authorisation to reach
# information held by others, the application is archived.
def test_every_adult_signs_the_authorisation_to_reach_information_held_by_others():
    alone = {i.code: i for i in checklist(Household(adults=1, minors=2))}["information_access_authorisation"]
    assert alone.who == "requerente"
    assert "arquivado" in alone.text
    assert alone.legal_basis.startswith("Portaria n.º 257/2012, art. 5.º, n.ºs 5 e 6")
    couple = {i.code: i for i in checklist(Household(adults=3))}["information_access_authorisation"]
    assert "cada um dos outros adultos" in couple.who
    in_system = codes(Household(adults=2, already_in_ss_system=True))
    assert "information_access_authorisation" in in_system


def test_foreign_members_of_a_portuguese_applicant_prove_their_residence():
    items = {i.code: i for i in checklist(Household(adults=2, foreign_members=True))}
    assert "não sejam cidadãos portugueses" in items["legal_residence"].who
    assert items["legal_residence"].legal_basis.endswith("alínea c), e n.º 3")
    unknown = {i.code: i for i in checklist(Household(adults=1, minors=1))}
    assert unknown["legal_residence"].who.endswith("(se houver)")
    assert "legal_residence" not in codes(Household(adults=2, foreign_members=False))
    assert "legal_residence" not in codes(Household(adults=1))  # nobody else to prove it for


def test_already_in_system_drops_identification_and_says_why():
    items = checklist(Household(adults=1, already_in_ss_system=True))
    got = [i.code for i in items]
    assert "civil_id" not in got and "tax_id" not in got
    assert "já constam" in items[-1].text and "n.ºs 4 e 5" in items[-1].legal_basis


def test_invalid_household_is_rejected():
    with pytest.raises(InputError):
        checklist(Household(adults=0))
