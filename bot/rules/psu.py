"""The Prestação Social Única (PSU), the regime reported to replace the RSI.

From the transition date (parameter `psu_transition_date`) a new applicant asks
for the PSU, not the RSI, and a current RSI beneficiary is moved to the PSU
automatically, never to a lower amount. The PSU's figures were reported by a
public source, not read in the decree (every parameter is `unverified`), so the
estimate here is always presented as one to confirm.

What is modelled: the reference value (a share of the IAS), the equivalence
weights, the minimum payment and the ceiling. The household's counted income is
taken as the RSI counts it, since no other rule was published that we could
read; eligibility conditions are the RSI's for the same reason.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from enum import Enum
from typing import Any

from bot.format import money, money_plain, number, percent, to_cents
from bot.rules import parameters
from bot.rules.model import Household, Step

ZERO = Decimal("0")


class Regime(str, Enum):
    RSI = "rsi"
    PSU = "psu"


def regime_on(on: date) -> Regime:
    """Which regime a request or a payment on ``on`` falls under."""
    return Regime.PSU if on >= parameters.latest("psu_transition_date").value else Regime.RSI


@dataclass(frozen=True)
class PsuEstimate:
    monthly_amount: Decimal
    household_max: Decimal
    reference_value: Decimal
    trace: list[Step] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {
            "monthly_amount": money_plain(self.monthly_amount),
            "household_max": money_plain(self.household_max),
            "reference_value": money_plain(self.reference_value),
            "trace": [s.to_dict() for s in self.trace],
            "status": "unverified",
        }


def estimate(h: Household, on: date, counted_income: Decimal) -> PsuEstimate:
    """The PSU's monthly amount for ``h`` with the income the RSI counts."""
    ias = parameters.get("ias", on)
    share = parameters.get("psu.reference_share_of_ias", on)
    reference = to_cents(ias.value * share.value)
    trace = [Step(
        f"Valor de referência da PSU: {percent(share.value)} do IAS ({money(ias.value)}) = "
        f"{money(reference)}.", share.legal_basis,
    )]
    parts: list[Decimal] = []
    for key, count, label in (("applicant", 1, "Requerente"),
                              ("other_adult", h.adults - 1,
                               "1 outro adulto" if h.adults == 2 else f"{h.adults - 1} outros adultos"),
                              ("minor", h.minors, "1 menor" if h.minors == 1 else f"{h.minors} menores")):
        if count <= 0:
            continue
        weight = parameters.get(f"psu.weight.{key}", on)
        each = to_cents(reference * weight.value)
        subtotal = each * count
        parts.append(subtotal)
        total = f" por pessoa, {money(subtotal)} no total" if count > 1 else ""
        trace.append(Step(
            f"{label}: {percent(weight.value)} de {money(reference)} = {money(each)}{total}.",
            weight.legal_basis,
        ))
    maximum = sum(parts, ZERO)
    ceiling = parameters.get("psu.ceiling_ias_multiple", on)
    ceiling_amount = to_cents(ias.value * ceiling.value)
    if maximum > ceiling_amount:
        trace.append(Step(
            f"O máximo do agregado ({money(maximum)}) fica limitado a {number(ceiling.value)} × IAS = "
            f"{money(ceiling_amount)}.", ceiling.legal_basis,
        ))
        maximum = ceiling_amount
    difference = maximum - counted_income
    minimum = parameters.get("psu.minimum_payment", on)
    amount = max(difference, ZERO)
    if ZERO < amount < minimum.value:
        amount = minimum.value
    trace.append(Step(
        f"PSU estimada: {money(maximum)} − rendimento considerado {money(counted_income)} = "
        f"{money(max(difference, ZERO))}"
        + (f"; abaixo do mínimo, paga-se {money(amount)}." if amount != max(difference, ZERO) else "."),
        minimum.legal_basis,
    ))
    return PsuEstimate(to_cents(amount), maximum, reference, trace)
