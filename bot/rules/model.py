"""Data shapes of the rules engine: the household asked about and the answer given."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any

from bot.closed_sets import Nationality, WorkSituation
from bot.format import money_plain

__all__ = [
    "NATIONALITIES", "WORK_SITUATIONS", "Condition", "Household", "IncomeItem", "Nationality",
    "Simulation", "Step", "WorkSituation",
]

# The closed sets live in bot.closed_sets; kept importable from here.
NATIONALITIES: tuple[str, ...] = Nationality.values()
WORK_SITUATIONS: tuple[str, ...] = WorkSituation.values()


@dataclass
class Household:
    """What we know about the applicant's household. Unknown answers stay None."""

    adults: int  # includes the applicant
    minors: int = 0
    employment_income: Decimal = Decimal("0")  # monthly, after mandatory contributions
    other_income: Decimal = Decimal("0")  # monthly, any other kind, counted in full
    # Movable assets (deposits, shares, funds) on 31 December of the previous year:
    # checked against the assets limit and the base of the presumed capital income.
    assets: Decimal = Decimal("0")
    # Income by kind (bot/rules/parameters/income.yaml). Monthly unless the name says yearly.
    self_employment_income: Decimal = Decimal("0")  # relevant income, after contributions
    pensions: Decimal = Decimal("0")
    unemployment_benefit: Decimal = Decimal("0")
    sickness_benefit: Decimal = Decimal("0")
    alimony: Decimal = Decimal("0")  # pensão de alimentos received
    housing_support: Decimal = Decimal("0")  # regular housing support
    capital_income_yearly: Decimal = Decimal("0")  # interest, dividends received last year
    property_income: Decimal = Decimal("0")  # rents received
    property_value: Decimal = Decimal("0")  # other property than the permanent home, on 31 Dec
    permanent_home_value: Decimal = Decimal("0")  # patrimonial value of the permanent home
    # Declared but not counted: kept so the answer can say why.
    family_allowance: Decimal = Decimal("0")
    study_grant: Decimal = Decimal("0")
    disability_benefits: Decimal = Decimal("0")
    student_holiday_work: Decimal = Decimal("0")
    age: int | None = None
    nationality: Nationality | str = Nationality.PT  # a Nationality code
    legal_residence_years: Decimal | None = None
    refugee: bool = False
    pregnant: bool = False
    married_or_union_2y: bool = False
    has_dependents: bool = False
    employment_centre_registered: bool | None = None
    able_to_work: bool | None = None  # kept for older callers; False reads as UNABLE_TO_WORK
    work_situation: WorkSituation | None = None
    # Household members of another nationality than the applicant's: they bring
    # their own proof of legal residence. None: not asked.
    foreign_members: bool | None = None
    # Receives the RSI already (matters from the PSU transition: automatic
    # conversion, never lower). None: not asked; treated as a new applicant.
    current_beneficiary: bool | None = None
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


@dataclass(frozen=True)
class IncomeItem:
    """One kind of income: what was declared and what counts per month (0 if excluded)."""

    kind: str  # code in English snake_case, e.g. "capital"
    label: str  # pt-PT
    declared: Decimal
    counted: Decimal  # monthly
    excluded: bool
    text: str  # the trace step's text, pt-PT
    legal_basis: str
    status: str | None = None  # "verified" / "unverified" (see income.yaml)
    details: dict[str, Decimal] = field(default_factory=dict)  # e.g. yearly figures

    def to_dict(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "label": self.label,
            "declared": money_plain(self.declared),
            "counted": money_plain(self.counted),
            "excluded": self.excluded,
            "text": self.text,
            "legal_basis": self.legal_basis,
            "status": self.status,
            "details": {k: money_plain(v) for k, v in self.details.items()},
        }


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
    income: list[IncomeItem] = field(default_factory=list)
    # "rsi" before the PSU transition date, "psu" from it; with "psu", the RSI
    # amount it replaces and the PSU estimate (bot.rules.psu.PsuEstimate).
    regime: str = "rsi"
    rsi_amount: Decimal | None = None
    psu: Any = None

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
            "income": {
                "counted_total": money_plain(self.counted_income),
                "kinds": [i.to_dict() for i in self.income],
            },
            "regime": self.regime,
            **({"rsi_amount": money_plain(self.rsi_amount), "psu": self.psu.to_dict()}
               if self.psu is not None and self.rsi_amount is not None else {}),
        }
