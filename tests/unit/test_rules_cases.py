"""Golden cases in tests/cases/*.yaml, one file per household type."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
import yaml

from bot.errors import InputError
from bot.rules import Household, simulate

CASES_DIR = Path(__file__).resolve().parents[1] / "cases"
MONEY_FIELDS = ("employment_income", "other_income", "assets", "legal_residence_years")


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
                "reference_value", "asset_limit", "minimum_payment", "failed_conditions"):
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
