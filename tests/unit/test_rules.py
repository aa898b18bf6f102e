"""Parameters, entitlement invariants and the shape of a simulation."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.errors import InputError
from bot.rules import Household, parameters, simulate


def test_every_parameter_value_has_a_legal_basis_and_sorted_dates():
    for name in parameters.names():
        series = parameters._load()[name].values
        assert [p.effective for p in series] == sorted(p.effective for p in series)
        for p in series:
            assert p.legal_basis.strip(), name


def test_get_picks_the_value_in_force():
    assert parameters.get("ias", date(2025, 12, 31)).value == Decimal("522.50")
    assert parameters.get("ias", date(2026, 1, 1)).value == Decimal("537.13")
    assert parameters.get("rsi_reference_value", date(2023, 7, 1)).legal_basis.startswith("Portaria n.º 32/2023")


def test_get_before_first_value_is_an_input_error():
    with pytest.raises(InputError):
        parameters.get("rsi_reference_value", date(2016, 12, 31))


def test_get_after_last_known_value_is_flagged():
    param = parameters.get("ias", date(2027, 1, 1))
    assert param.extrapolated and param.value == Decimal("537.13")
    assert not parameters.get("ias", date(2026, 12, 31)).extrapolated


def test_equivalence_scale_changed_with_dl_1_2016():
    assert parameters.get("equivalence_scale.other_adult", date(2016, 1, 31)).value == Decimal("0.5")
    assert parameters.get("equivalence_scale.minor", date(2016, 1, 31)).value == Decimal("0.3")
    assert parameters.get("equivalence_scale.other_adult", date(2016, 2, 1)).value == Decimal("0.7")
    assert parameters.get("equivalence_scale.minor", date(2016, 2, 1)).value == Decimal("0.5")


def test_asset_limit_2026_is_sixty_ias():
    result = simulate(Household(adults=1), date(2026, 5, 1))
    assert result.asset_limit == Decimal("32227.80")


def test_trace_steps_carry_legal_basis_and_pt_money():
    result = simulate(Household(adults=1, employment_income=Decimal("100")), date(2026, 5, 1))
    assert all(step.legal_basis for step in result.trace)
    assert all(c.legal_basis and c.explanation for c in result.conditions)
    texts = " ".join(s.text for s in result.trace).replace("\xa0", " ")
    assert "247,56 €" in texts
    assert "80 % de 100,00 € = 80,00 €" in texts


def test_to_dict_money_are_strings_with_two_decimals():
    data = simulate(Household(adults=2, minors=1), date(2024, 5, 1)).to_dict()
    assert data["household_max"] == "521.96"
    assert data["monthly_amount"] == "521.96"
    assert data["reference_value"] == "237.25"
    assert data["counted_income"] == "0.00"
    assert isinstance(data["eligible"], bool)
    assert data["failed_conditions"] == []


money = st.decimals(min_value=0, max_value=5000, places=2, allow_nan=False, allow_infinity=False)
dates = st.dates(min_value=date(2017, 1, 1), max_value=date(2028, 12, 31))
households = st.builds(
    Household,
    adults=st.integers(1, 6),
    minors=st.integers(0, 6),
    employment_income=money,
    other_income=money,
)


@settings(max_examples=300, deadline=None)
@given(households, dates)
def test_amount_is_never_negative_nor_above_household_max(h, on):
    result = simulate(h, on)
    assert Decimal("0") <= result.monthly_amount <= result.household_max
    assert result.eligible == (result.monthly_amount > 0)


@settings(max_examples=300, deadline=None)
@given(households, dates, money, st.sampled_from(["employment_income", "other_income"]))
def test_amount_never_increases_when_income_increases(h, on, extra, field):
    before = simulate(h, on).monthly_amount
    setattr(h, field, getattr(h, field) + extra)
    assert simulate(h, on).monthly_amount <= before


@settings(max_examples=200, deadline=None)
@given(households, dates)
def test_positive_amount_is_at_least_the_minimum_payment(h, on):
    result = simulate(h, on)
    if result.monthly_amount > 0:
        assert result.monthly_amount >= result.minimum_payment


# --------------------------------------------------------------- IEFP registration

def _registration(**fields):
    result = simulate(Household(adults=1, **fields), date(2026, 3, 1))
    found = [c for c in result.conditions if c.code == "employment_centre_registration"]
    return (found[0] if found else None), result


@pytest.mark.parametrize(("fields", "reason"), [
    ({"work_situation": "working"}, "porque trabalha"),
    ({"work_situation": "carer"}, "porque presta apoio indispensável"),
    ({"work_situation": "unable_to_work"}, "porque não está em condições de trabalhar"),
    ({"age": 67, "work_situation": "unemployed"}, "porque tem 67 anos"),
])
def test_exemption_is_named_with_its_article(fields, reason):
    condition, _ = _registration(employment_centre_registered=False, **fields)
    assert condition.passed
    assert reason in condition.explanation
    assert "Lei n.º 13/2003, art. 6.º-A" in condition.explanation
    assert condition.legal_basis.startswith("Lei n.º 13/2003, art. 6.º-A")


def test_refusal_says_who_would_not_need_registration():
    condition, result = _registration(age=40, work_situation="unemployed", employment_centre_registered=False)
    assert not condition.passed and not result.eligible
    assert "65 anos ou mais" in condition.explanation and "trabalha" in condition.explanation
    assert "art. 6.º, n.º 1, alínea g)" in condition.legal_basis


def test_age_exemption_uses_the_applicant_age_over_the_stated_situation():
    younger, _ = _registration(age=64, work_situation="unemployed", employment_centre_registered=False)
    older, _ = _registration(age=65, work_situation="unemployed", employment_centre_registered=False)
    assert not younger.passed and older.passed


def test_exemptions_parameter_is_dated_and_cited():
    first = parameters.get("employment_centre_registration.exemptions", date(2012, 7, 1))
    assert first.value["from_age"] == 65 and first.value["under_age"] == 16
    assert set(first.value["situations"]) == {"working", "unable_to_work", "carer"}
    assert "6.º-A" in first.legal_basis and first.status == "verified"
    # the current wording (Decreto-Lei n.º 90/2017) was not read: said so
    assert parameters.get("employment_centre_registration.exemptions", date(2026, 1, 1)).status == "unverified"
    with pytest.raises(InputError):
        parameters.get("employment_centre_registration.exemptions", date(2012, 6, 30))


# --------------------------------------------------------------- citations

def test_one_year_residence_cites_the_portaria_not_dl_1_2016():
    basis = parameters.get("residence_min_years_other", date(2026, 1, 1)).legal_basis
    assert basis.startswith("Portaria n.º 257/2012, art. 3.º, n.º 3, alínea b)")
    assert "296/2015" in basis and "1/2016" not in basis


def test_cpa_suspension_cites_alinea_c():
    basis = parameters.get("counting.calendar_over_months", date(2026, 1, 1)).legal_basis
    assert "art. 87.º, alíneas c) e d)" in basis


def test_automatic_renewal_starts_with_portaria_253_2017():
    for kind in ("deadline.renewal_start", "deadline.renewal_notification"):
        assert parameters.get(kind, date(2017, 8, 9)).effective == date(2017, 8, 9)
        with pytest.raises(InputError):
            parameters.get(kind, date(2017, 8, 8))


def test_ias_2026_names_its_portaria():
    ias = parameters.get("ias", date(2026, 6, 1))
    assert ias.legal_basis.startswith("Portaria n.º 480-A/2025/1")
    assert ias.status == "unverified"  # read in secondary sources only


def test_the_union_exception_quotes_its_years_from_the_parameter():
    result = simulate(Household(adults=2, age=17, married_or_union_2y=True), date(2026, 3, 1))
    [condition] = [c for c in result.conditions if c.code == "minimum_age"]
    years = parameters.get("minimum_age.union_years", date(2026, 3, 1)).value
    assert condition.passed and f"há mais de {years} anos" in condition.explanation
