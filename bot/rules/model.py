"""Data shapes of the rules engine: the household asked about and the answer given."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any, Literal

from bot.format import money_plain

Nationality = Literal["pt", "eu", "other"]
NATIONALITIES: tuple[str, ...] = ("pt", "eu", "other")


@dataclass
class Household:
    """What we know about the applicant's household. Unknown answers stay None."""

    adults: int  # includes the applicant
    minors: int = 0
    employment_income: Decimal = Decimal("0")  # monthly, after mandatory contributions
    other_income: Decimal = Decimal("0")
    assets: Decimal = Decimal("0")  # movable assets: deposits, shares, funds
    age: int | None = None
    nationality: Nationality = "pt"
    legal_residence_years: Decimal | None = None
    refugee: bool = False
    pregnant: bool = False
    married_or_union_2y: bool = False
    has_dependents: bool = False
    employment_centre_registered: bool | None = None
    able_to_work: bool | None = None
    variable_income: bool = False
    capital_or_property_income: bool = False
    disability: bool = False
    already_in_ss_system: bool = False


@dataclass(frozen=True)
class Condition:
    code: str
    passed: bool
    legal_basis: str
    explanation: str  # pt-PT

    def to_dict(self) -> dict[str, Any]:
        return {
            "code": self.code,
            "passed": self.passed,
            "legal_basis": self.legal_basis,
            "explanation": self.explanation,
        }


@dataclass(frozen=True)
class Step:
    text: str  # pt-PT
    legal_basis: str

    def to_dict(self) -> dict[str, str]:
        return {"text": self.text, "legal_basis": self.legal_basis}


@dataclass
class Simulation:
    on: date
    eligible: bool
    monthly_amount: Decimal
    household_max: Decimal
    counted_income: Decimal
    reference_value: Decimal
    ias: Decimal
    asset_limit: Decimal
    minimum_payment: Decimal
    conditions: list[Condition] = field(default_factory=list)
    trace: list[Step] = field(default_factory=list)
    notices: list[str] = field(default_factory=list)

    @property
    def failed_conditions(self) -> list[str]:
        return [c.code for c in self.conditions if not c.passed]

    def to_dict(self) -> dict[str, Any]:
        return {
            "date": self.on.isoformat(),
            "eligible": self.eligible,
            "monthly_amount": money_plain(self.monthly_amount),
            "household_max": money_plain(self.household_max),
            "counted_income": money_plain(self.counted_income),
            "reference_value": money_plain(self.reference_value),
            "ias": money_plain(self.ias),
            "asset_limit": money_plain(self.asset_limit),
            "minimum_payment": money_plain(self.minimum_payment),
            "failed_conditions": self.failed_conditions,
            "conditions": [c.to_dict() for c in self.conditions],
            "trace": [s.to_dict() for s in self.trace],
            "notices": list(self.notices),
        }
