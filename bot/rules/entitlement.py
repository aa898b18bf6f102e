"""Monthly RSI amount for a household on a given date, with a step-by-step trace."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from bot.errors import InputError
from bot.format import money, percent, to_cents
from bot.rules import eligibility, notices, parameters
from bot.rules.model import NATIONALITIES, Condition, Household, Simulation, Step

ZERO = Decimal("0")


def validate(h: Household) -> None:
    """Reject households that cannot exist; messages are one pt-PT line."""
    if h.adults < 1:
        raise InputError("o agregado tem de ter pelo menos 1 adulto (o requerente)")
    if h.minors < 0:
        raise InputError("o número de menores não pode ser negativo")
    for label, value in (
        ("rendimento do trabalho", h.employment_income),
        ("outros rendimentos", h.other_income),
        ("património", h.assets),
    ):
        if not Decimal(value).is_finite() or value < 0:
            raise InputError(f"o valor de {label} tem de ser um número igual ou superior a zero")
    if h.age is not None and h.age < 0:
        raise InputError("a idade não pode ser negativa")
    if h.nationality not in NATIONALITIES:
        raise InputError(f"nacionalidade desconhecida: {h.nationality} (use pt, eu ou other)")
    if h.legal_residence_years is not None and h.legal_residence_years < 0:
        raise InputError("os anos de residência legal não podem ser negativos")


def _count(n: int, one: str, many: str) -> str:
    return f"{n} {one if n == 1 else many}"


def _household_max(h: Household, on: date, rsi: Decimal, trace: list[Step]) -> Decimal:
    """Sum of per-member amounts, each rounded half-up to the cent (as in published examples)."""
    members = (
        ("equivalence_scale.applicant", 1, ("requerente", "requerente")),
        ("equivalence_scale.other_adult", h.adults - 1, ("outro adulto", "outros adultos")),
        ("equivalence_scale.minor", h.minors, ("menor", "menores")),
    )
    parts: list[Decimal] = []
    basis = ""
    for name, count, (one, many) in members:
        if count == 0:
            continue
        weight = parameters.get(name, on)
        basis = weight.legal_basis
        each = to_cents(rsi * weight.value)
        subtotal = each * count
        parts.append(subtotal)
        who = "Requerente" if name.endswith("applicant") else _count(count, one, many)
        text = f"{who}: {percent(weight.value)} de {money(rsi)} = {money(each)}"
        if count > 1:
            text += f" por pessoa, {money(subtotal)} no total"
        trace.append(Step(text + ".", weight.legal_basis))
    total = sum(parts, ZERO)
    sums = " + ".join(money(p) for p in parts)
    trace.append(Step(f"Montante máximo do agregado: {sums} = {money(total)}.", basis))
    return total


def _counted_income(h: Household, on: date, trace: list[Step]) -> Decimal:
    weight = parameters.get("employment_income_weight", on)
    rule = parameters.get("counted_income_rule", on)
    employment = to_cents(Decimal(h.employment_income) * weight.value)
    other = to_cents(h.other_income)
    if h.employment_income > 0:
        trace.append(Step(
            f"Rendimentos do trabalho dependente: contam {percent(weight.value)} de "
            f"{money(h.employment_income)} = {money(employment)}.",
            weight.legal_basis,
        ))
    if h.other_income > 0:
        trace.append(Step(f"Outros rendimentos, contados por inteiro: {money(other)}.", rule.legal_basis))
    total = employment + other
    trace.append(Step(f"Rendimento do agregado considerado: {money(total)}.", rule.legal_basis))
    return total


def simulate(household: Household, on: date) -> Simulation:
    """Estimate eligibility and the monthly RSI amount for ``household`` on ``on``."""
    validate(household)
    h = household
    notes: list[str] = []
    trace: list[Step] = []

    rsi = parameters.get("rsi_reference_value", on)
    ias = parameters.get("ias", on)
    if rsi.extrapolated or ias.extrapolated:
        notes.append(notices.extrapolated(on, max(rsi.effective, ias.effective)))
    trace.append(Step(f"Valor de referência do RSI em vigor: {money(rsi.value)}.", rsi.legal_basis))

    maximum = _household_max(h, on, rsi.value, trace)
    counted = _counted_income(h, on, trace)

    amount_rule = parameters.get("amount_rule", on)
    floor_share = parameters.get("minimum_payment_share", on)
    minimum_payment = to_cents(rsi.value * floor_share.value)
    difference = maximum - counted
    trace.append(Step(
        f"Diferença entre o montante máximo e o rendimento: {money(maximum)} − {money(counted)} = "
        f"{money(difference)}.",
        amount_rule.legal_basis,
    ))
    amount = max(difference, ZERO)
    if ZERO < difference < minimum_payment:
        amount = minimum_payment
        trace.append(Step(
            f"O valor apurado é inferior a {percent(floor_share.value)} do valor de referência, "
            f"por isso considera-se o mínimo de {money(minimum_payment)}.",
            floor_share.legal_basis,
        ))

    multiple = parameters.get("asset_limit_ias_multiple", on)
    asset_limit = to_cents(ias.value * multiple.value)
    trace.append(Step(
        f"Limite do património mobiliário: {multiple.value} × IAS ({money(ias.value)}) = "
        f"{money(asset_limit)}; declarado: {money(h.assets)}.",
        f"{multiple.legal_basis}; IAS: {ias.legal_basis}",
    ))

    conditions: list[Condition] = [
        c for c in (
            eligibility.minimum_age(h, on, notes),
            eligibility.legal_residence(h, on, notes),
            eligibility.income_below_maximum(counted, maximum, amount_rule.legal_basis),
            eligibility.assets_within_limit(to_cents(h.assets), asset_limit, multiple.legal_basis),
            eligibility.employment_centre_registration(h, on, notes),
        )
        if c is not None
    ]
    eligible = all(c.passed for c in conditions)
    if not eligible:
        amount = ZERO
        failed = "; ".join(c.explanation for c in conditions if not c.passed)
        trace.append(Step(f"Sem direito ao RSI: {failed}", amount_rule.legal_basis))
    else:
        trace.append(Step(f"Valor mensal estimado: {money(amount)}.", amount_rule.legal_basis))

    notes.append(notices.ESTIMATE)
    if notices.psu_applies(on):
        notes.append(notices.psu())

    return Simulation(
        on=on,
        eligible=eligible,
        monthly_amount=to_cents(amount),
        household_max=maximum,
        counted_income=counted,
        reference_value=rsi.value,
        ias=ias.value,
        asset_limit=asset_limit,
        minimum_payment=minimum_payment,
        conditions=conditions,
        trace=trace,
        notices=notes,
    )
