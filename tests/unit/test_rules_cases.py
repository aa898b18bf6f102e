"""Golden cases in tests/cases/*.yaml, one file per household type."""

from __future__ import annotations

from dataclasses import fields
from decimal import Decimal
from pathlib import Path

import pytest
import yaml

from bot.errors import InputError
from bot.rules import Household, simulate

CASES_DIR = Path(__file__).resolve().parents[1] / "cases"
# Every Decimal field of Household (the money of each income kind, assets, property
# values) plus the years of residence: YAML gives numbers or strings, the rules want Decimal.
MONEY_FIELDS = tuple(
    f.name for f in fields(Household) if isinstance(f.default, Decimal)
) + ("legal_residence_years",)


def _load():
    for path in sorted(CASES_DIR.glob("*.yaml")):
        doc = yaml.safe_load(path.read_text(encoding="utf-8"))
        if doc.get("type") == "deadlines":
            continue  # deadline cases: tests/unit/test_calendar.py
        for case in doc["cases"]:
            yield pytest.param(case, id=f"{path.stem}: {case['name']}")


def _household(spec: dict) -> Household:
    spec = dict(spec)
    for key in MONEY_FIELDS:
        if key in spec:
            spec[key] = Decimal(str(spec[key]))
    return Household(**spec)


def test_cases_exist():
    assert len(list(_load())) >= 40


@pytest.mark.parametrize("case", list(_load()))
def test_golden_case(case):
    expect = case["expect"]
    if "error" in expect:
        with pytest.raises(InputError, match=expect["error"]):
            simulate(_household(case["household"]), case["date"])
        return
    result = simulate(_household(case["household"]), case["date"])
    data = result.to_dict()
    for key in ("eligible", "monthly_amount", "household_max", "counted_income",
                "reference_value", "asset_limit", "minimum_payment", "failed_conditions",
                "regime", "rsi_amount"):
        if key in expect:
            assert data[key] == expect[key], key
    codes = [c["code"] for c in data["conditions"]]
    for code in expect.get("conditions_include", []):
        assert code in codes
    for code in expect.get("conditions_exclude", []):
        assert code not in codes
    notices = " ".join(data["notices"])
    for text in expect.get("notices_include", []):
        assert text in notices
    for text in expect.get("notices_exclude", []):
        assert text not in notices
    trace = " ".join(step["text"] for step in data["trace"]).replace("\xa0", " ")
    for text in expect.get("trace_include", []):
        assert text in trace
    for text in expect.get("trace_exclude", []):
        assert text not in trace
    _check_income(data["income"], expect)
    if "psu_amount" in expect:
        assert data["psu"]["monthly_amount"] == expect["psu_amount"]


def _check_income(income: dict, expect: dict) -> None:
    """``income``: counted monthly amount per kind; ``income_details``: the yearly
    figures of a kind; ``excluded``: kinds declared but not counted."""
    kinds = {k["kind"]: k for k in income["kinds"]}
    if "counted_income" in expect:
        assert income["counted_total"] == expect["counted_income"]
    for kind, counted in expect.get("income", {}).items():
        assert kind in kinds, f"{kind} missing from the income block"
        assert kinds[kind]["counted"] == counted, kind
        assert kinds[kind]["legal_basis"], kind
    for kind, details in expect.get("income_details", {}).items():
        for key, value in details.items():
            assert kinds[kind]["details"][key] == value, f"{kind}.{key}"
    for kind in expect.get("excluded", []):
        assert kinds[kind]["excluded"] is True and kinds[kind]["counted"] == "0.00", kind
