"""Income by kind: parameters with unit and status, one trace step per kind, invariants."""

from __future__ import annotations

from dataclasses import fields
from datetime import date
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.rules import Household, parameters, simulate
from bot.rules.entitlement import _EXCLUDED, _WEIGHTED, MONEY_FIELDS

ON = date(2026, 3, 1)
INCOME_PARAMETERS = [n for n in parameters.names() if n.startswith("income.")]


def test_income_parameters_are_dated_with_basis_unit_and_status():
    assert INCOME_PARAMETERS
    for name in INCOME_PARAMETERS:
        param = parameters.get(name, ON)
        assert param.legal_basis.strip(), name
        assert param.status in parameters.STATUSES, name
        if param.unit is None:
            assert isinstance(param.value, str), f"{name}: a number needs a unit"


def test_parameters_without_the_new_keys_still_load(tmp_path, monkeypatch):
    (tmp_path / "old.yaml").write_text(
        "parameters:\n  old_style:\n    description: sem unidade nem estado\n    type: decimal\n"
        "    values:\n      - {effective: 2020-01-01, value: '1.5', legal_basis: 'Lei n.º 1/2020'}\n",
        encoding="utf-8",
    )
    monkeypatch.setattr(parameters, "_DIR", tmp_path)
    parameters._load.cache_clear()
    try:
        param = parameters.get("old_style", ON)
        assert param.value == Decimal("1.5") and param.legal_basis == "Lei n.º 1/2020"
        assert param.unit is None and param.status is None and param.source is None
    finally:
        monkeypatch.undo()
        parameters._load.cache_clear()


def test_extrapolated_values_keep_unit_and_status():
    param = parameters.get("employment_income_weight", date(2030, 1, 1))
    assert param.unit == "share" and param.status == "verified"
    assert parameters.unit("income.capital_presumed_rate") == "share_per_year"


def test_the_presumption_rates_are_five_percent_and_the_home_limit_450_ias():
    assert parameters.get("income.capital_presumed_rate", ON).value == Decimal("0.05")
    assert parameters.get("income.property_presumed_rate", ON).value == Decimal("0.05")
    assert parameters.get("income.permanent_home_ias_multiple", ON).value == Decimal("450")


def test_every_money_field_of_household_is_validated_and_every_kind_is_a_field():
    decimal_fields = {f.name for f in fields(Household) if isinstance(f.default, Decimal)}
    assert {name for name, _ in MONEY_FIELDS} == decimal_fields
    for field_name, *_ in (*_WEIGHTED, *_EXCLUDED):
        assert field_name in decimal_fields


def test_each_kind_gives_one_step_with_its_legal_basis():
    h = Household(adults=2, minors=1, employment_income=Decimal("100"), self_employment_income=Decimal("100"),
                  pensions=Decimal("10"), unemployment_benefit=Decimal("10"), sickness_benefit=Decimal("10"),
                  alimony=Decimal("10"), housing_support=Decimal("10"), other_income=Decimal("10"),
                  capital_income_yearly=Decimal("12"), assets=Decimal("100"), property_income=Decimal("10"),
                  property_value=Decimal("100"), permanent_home_value=Decimal("1000"),
                  family_allowance=Decimal("10"), study_grant=Decimal("10"), disability_benefits=Decimal("10"),
                  student_holiday_work=Decimal("10"))
    result = simulate(h, ON)
    kinds = [i.kind for i in result.income]
    assert len(kinds) == len(set(kinds)) == 15
    steps = {s.text for s in result.trace}
    for item in result.income:
        assert item.text in steps and item.legal_basis
    assert sum(i.counted for i in result.income) == result.counted_income
    excluded = {i.kind for i in result.income if i.excluded}
    assert excluded == {"family_allowance", "study_grant", "disability_benefits", "student_holiday_work",
                        "permanent_home"}


def test_capital_step_names_both_amounts_and_the_monthly_share():
    result = simulate(Household(adults=1, assets=Decimal("20000"), capital_income_yearly=Decimal("300")), ON)
    text = next(i.text for i in result.income if i.kind == "capital").replace("\xa0", " ")
    assert text == ("Rendimentos de capitais: o maior entre o recebido (300,00 €) e 5 % do património "
                    "mobiliário de 20 000,00 € (1 000,00 €) = 1 000,00 € por ano, 83,33 € por mês.")


def test_no_capital_step_without_assets_or_capital_income():
    assert not any(s.text.startswith("Rendimentos de capitais") for s in simulate(Household(adults=1), ON).trace)


def test_json_income_block_shape():
    data = simulate(Household(adults=1, assets=Decimal("1000"), family_allowance=Decimal("5")), ON).to_dict()
    block = data["income"]
    assert block["counted_total"] == data["counted_income"] == "4.17"
    for kind in block["kinds"]:
        assert set(kind) == {"kind", "label", "declared", "counted", "excluded", "text", "legal_basis",
                             "status", "details"}


money = st.decimals(min_value=0, max_value=3000, places=2, allow_nan=False, allow_infinity=False)
dates = st.dates(min_value=date(2017, 1, 1), max_value=date(2027, 12, 31))
COUNTED = ["employment_income", "self_employment_income", "pensions", "unemployment_benefit",
           "sickness_benefit", "alimony", "housing_support", "other_income", "capital_income_yearly",
           "assets", "property_income", "property_value", "permanent_home_value"]
EXCLUDED = [name for name, *_ in _EXCLUDED]
households = st.builds(
    Household, adults=st.integers(1, 4), minors=st.integers(0, 4),
    **{name: money for name in COUNTED if name not in ("permanent_home_value",)},
    permanent_home_value=st.decimals(min_value=0, max_value=400000, places=2),
)


@settings(max_examples=200, deadline=None)
@given(households, dates, money, st.sampled_from(COUNTED))
def test_more_of_any_counted_kind_never_raises_the_amount(h, on, extra, name):
    before = simulate(h, on).monthly_amount
    setattr(h, name, getattr(h, name) + extra)
    assert simulate(h, on).monthly_amount <= before


@settings(max_examples=200, deadline=None)
@given(households, dates, money, st.sampled_from(EXCLUDED))
def test_excluded_kinds_never_change_the_amount(h, on, extra, name):
    before = simulate(h, on)
    setattr(h, name, extra)
    after = simulate(h, on)
    assert (after.monthly_amount, after.counted_income) == (before.monthly_amount, before.counted_income)


@settings(max_examples=200, deadline=None)
@given(money, st.decimals(min_value=0, max_value=60000, places=2))
def test_capital_counts_at_least_the_received_and_the_presumption(received, assets):
    result = simulate(Household(adults=1, capital_income_yearly=received, assets=assets), ON)
    item = next((i for i in result.income if i.kind == "capital"), None)
    if received == 0 and assets == 0:
        assert item is None
        return
    assert item is not None
    assert item.details["counted_yearly"] == max(received, item.details["presumed_yearly"])
    assert abs(item.counted * 12 - item.details["counted_yearly"]) <= Decimal("0.06")


@pytest.mark.parametrize("name", [n for n, _ in MONEY_FIELDS])
def test_negative_amount_of_any_kind_is_an_input_error(name):
    from bot.errors import InputError

    h = Household(adults=1)
    setattr(h, name, Decimal("-0.01"))
    with pytest.raises(InputError):
        simulate(h, ON)
