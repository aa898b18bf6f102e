"""Monthly RSI amount for a household on a given date, with a step-by-step trace."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from bot.errors import InputError
from bot.format import money, number, percent, to_cents
from bot.rules import eligibility, notices, parameters, psu
from bot.rules.model import NATIONALITIES, Condition, Household, IncomeItem, Simulation, Step

ZERO = Decimal("0")
# Yearly figures (capital income, the presumptions on assets and property) become
# monthly ones: the RSI compares monthly income with a monthly maximum.
MONTHS_PER_YEAR = 12

# Household money fields and how an error message names them (pt-PT).
MONEY_FIELDS: tuple[tuple[str, str], ...] = (
    ("employment_income", "rendimento do trabalho"),
    ("other_income", "outros rendimentos"),
    ("assets", "património"),
    ("self_employment_income", "rendimento do trabalho independente"),
    ("pensions", "pensões"),
    ("unemployment_benefit", "subsídio de desemprego"),
    ("sickness_benefit", "subsídio de doença"),
    ("alimony", "pensão de alimentos"),
    ("housing_support", "apoios à habitação"),
    ("capital_income_yearly", "rendimentos de capitais"),
    ("property_income", "rendas recebidas"),
    ("property_value", "valor dos imóveis"),
    ("permanent_home_value", "valor da habitação permanente"),
    ("family_allowance", "abono de família"),
    ("study_grant", "bolsas de estudo"),
    ("disability_benefits", "prestações por deficiência"),
    ("student_holiday_work", "trabalho de estudantes nas férias"),
)

# Kinds counted at a share of the declared monthly amount:
# (Household field, code, pt-PT label, parameter with the share).
_WEIGHTED: tuple[tuple[str, str, str, str], ...] = (
    ("employment_income", "employment", "Rendimentos do trabalho dependente", "employment_income_weight"),
    ("self_employment_income", "self_employment", "Rendimentos do trabalho independente",
     "income.self_employment_weight"),
    ("pensions", "pension", "Pensões", "income.pension_weight"),
    ("unemployment_benefit", "unemployment_benefit", "Subsídio de desemprego", "income.social_benefit_weight"),
    ("sickness_benefit", "sickness_benefit", "Subsídio de doença", "income.social_benefit_weight"),
    ("alimony", "alimony", "Pensão de alimentos", "income.alimony_weight"),
    ("housing_support", "housing_support", "Apoios à habitação", "income.housing_support_weight"),
)

# Kinds declared but not counted: (Household field, code, pt-PT label, parameter with the reason).
_EXCLUDED: tuple[tuple[str, str, str, str], ...] = (
    ("family_allowance", "family_allowance", "Abono de família", "income.excluded.family_allowance"),
    ("study_grant", "study_grant", "Bolsas de estudo", "income.excluded.study_grant"),
    ("disability_benefits", "disability_benefits", "Prestações por deficiência ou dependência",
     "income.excluded.disability_benefits"),
    ("student_holiday_work", "student_holiday_work", "Trabalho de estudante nas férias escolares",
     "income.excluded.student_holiday_work"),
)


def validate(h: Household) -> None:
    """Reject households that cannot exist; messages are one pt-PT line."""
    if h.adults < 1:
        raise InputError("o agregado tem de ter pelo menos 1 adulto (o requerente)")
    if h.minors < 0:
        raise InputError("o número de menores não pode ser negativo")
    for name, label in MONEY_FIELDS:
        value = getattr(h, name)
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


def _monthly(yearly: Decimal) -> Decimal:
    return to_cents(yearly / MONTHS_PER_YEAR)


def _weighted(h: Household, on: date) -> list[IncomeItem]:
    items: list[IncomeItem] = []
    for field_name, code, label, param_name in _WEIGHTED:
        declared = to_cents(getattr(h, field_name))
        if declared <= 0:
            continue
        weight = parameters.get(param_name, on)
        counted = to_cents(declared * weight.value)
        if weight.value == 1:
            text = f"{label}: contam por inteiro, {money(counted)}."
        else:
            text = f"{label}: contam {percent(weight.value)} de {money(declared)} = {money(counted)}."
        items.append(IncomeItem(code, label, declared, counted, False, text, weight.legal_basis, weight.status))
    return items


def _capital(h: Household, on: date) -> IncomeItem | None:
    """The higher of the capital income received and the presumed share of the movable assets."""
    received = to_cents(h.capital_income_yearly)
    assets = to_cents(h.assets)
    if received <= 0 and assets <= 0:
        return None
    rate = parameters.get("income.capital_presumed_rate", on)
    presumed = to_cents(assets * rate.value)
    yearly = max(received, presumed)
    monthly = _monthly(yearly)
    text = (
        f"Rendimentos de capitais: o maior entre o recebido ({money(received)}) e {percent(rate.value)} "
        f"do património mobiliário de {money(assets)} ({money(presumed)}) = {money(yearly)} por ano, "
        f"{money(monthly)} por mês."
    )
    details = {"received_yearly": received, "assets": assets, "presumed_yearly": presumed, "counted_yearly": yearly}
    return IncomeItem("capital", "Rendimentos de capitais", received, monthly, False, text,
                      rate.legal_basis, rate.status, details)


def _property(h: Household, on: date) -> IncomeItem | None:
    """Rents received, or the presumed share of the value of property other than the permanent home."""
    rents = to_cents(h.property_income)
    value = to_cents(h.property_value)
    if rents <= 0 and value <= 0:
        return None
    rate = parameters.get("income.property_presumed_rate", on)
    rents_yearly = rents * MONTHS_PER_YEAR
    presumed = to_cents(value * rate.value)
    # The law compares each property's rents with its own presumption; with totals
    # only, the comparison is made on the totals (the same when there is one property).
    yearly = max(rents_yearly, presumed)
    monthly = rents if yearly == rents_yearly else _monthly(yearly)
    text = (
        f"Rendimentos prediais: o maior entre as rendas recebidas ({money(rents_yearly)} por ano) e "
        f"{percent(rate.value)} do valor dos imóveis que não são a habitação permanente, {money(value)} "
        f"({money(presumed)}) = {money(yearly)} por ano, {money(monthly)} por mês."
    )
    details = {"rents_yearly": rents_yearly, "property_value": value, "presumed_yearly": presumed,
               "counted_yearly": yearly}
    return IncomeItem("property", "Rendimentos prediais", rents, monthly, False, text,
                      rate.legal_basis, rate.status, details)


def _permanent_home(h: Household, on: date, ias: parameters.Param) -> IncomeItem | None:
    """The permanent home produces presumed income only on the part of its value above the limit."""
    value = to_cents(h.permanent_home_value)
    if value <= 0:
        return None
    rate = parameters.get("income.property_presumed_rate", on)
    multiple = parameters.get("income.permanent_home_ias_multiple", on)
    limit = to_cents(ias.value * multiple.value)
    excess = max(value - limit, ZERO)
    basis = f"{multiple.legal_basis}; IAS: {ias.legal_basis}"
    if excess == 0:
        text = (
            f"Habitação permanente ({money(value)}): não conta como rendimento, porque o valor patrimonial "
            f"não ultrapassa {number(multiple.value)} × IAS ({money(limit)})."
        )
        return IncomeItem("permanent_home", "Habitação permanente", value, ZERO, True, text,
                          basis, multiple.status, {"limit": limit})
    yearly = to_cents(excess * rate.value)
    monthly = _monthly(yearly)
    text = (
        f"Habitação permanente: conta {percent(rate.value)} do valor que ultrapassa {number(multiple.value)} × IAS "
        f"({money(limit)}): {percent(rate.value)} de {money(excess)} = {money(yearly)} por ano, "
        f"{money(monthly)} por mês."
    )
    return IncomeItem("permanent_home", "Habitação permanente", value, monthly, False, text, basis,
                      multiple.status, {"limit": limit, "excess": excess, "counted_yearly": yearly})


def _excluded(h: Household, on: date) -> list[IncomeItem]:
    items: list[IncomeItem] = []
    for field_name, code, label, param_name in _EXCLUDED:
        declared = to_cents(getattr(h, field_name))
        if declared <= 0:
            continue
        reason = parameters.get(param_name, on)
        text = f"{label} ({money(declared)}): não conta como rendimento, porque {reason.value}."
        items.append(IncomeItem(code, label, declared, ZERO, True, text, reason.legal_basis, reason.status))
    return items


def _counted_income(h: Household, on: date, ias: parameters.Param, trace: list[Step]) -> tuple[Decimal, list[IncomeItem]]:
    """Each kind of income with its own rule, a trace step each, and their sum."""
    rule = parameters.get("counted_income_rule", on)
    items = _weighted(h, on)
    other = to_cents(h.other_income)
    if other > 0:
        items.append(IncomeItem("other", "Outros rendimentos", other, other, False,
                                f"Outros rendimentos, contados por inteiro: {money(other)}.", rule.legal_basis))
    items += [i for i in (_capital(h, on), _property(h, on), _permanent_home(h, on, ias)) if i is not None]
    items += _excluded(h, on)
    trace.extend(Step(i.text, i.legal_basis) for i in items)
    total = sum((i.counted for i in items), ZERO)
    trace.append(Step(f"Rendimento do agregado considerado: {money(total)}.", rule.legal_basis))
    return total, items


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
    counted, income = _counted_income(h, on, ias, trace)

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
    regime = psu.regime_on(on)
    # From the PSU transition the RSI figures are the regime being replaced.
    rsi_label = "RSI (regime que a PSU substitui)" if regime is psu.Regime.PSU else "RSI"
    eligible = all(c.passed for c in conditions)
    if not eligible:
        amount = ZERO
        failed = "; ".join(c.explanation for c in conditions if not c.passed)
        trace.append(Step(f"Sem direito ao {rsi_label}: {failed}", amount_rule.legal_basis))
    elif regime is psu.Regime.PSU:
        trace.append(Step(f"Valor mensal do {rsi_label}: {money(amount)}.", amount_rule.legal_basis))
    else:
        trace.append(Step(f"Valor mensal estimado: {money(amount)}.", amount_rule.legal_basis))

    notes.append(notices.ESTIMATE)
    rsi_amount = to_cents(amount)
    estimate = None
    if regime is psu.Regime.PSU:
        estimate = psu.estimate(h, on, counted)
        trace.extend(estimate.trace)
        eligible, amount = _under_psu(h, conditions, estimate, rsi_amount, counted, trace)
        notes.append(notices.psu_current_beneficiary() if h.current_beneficiary
                     else notices.psu_new_applicant(on))
        # The maximum of the regime that pays: the PSU's, or the higher of both on conversion.
        maximum = (max(maximum, estimate.household_max) if h.current_beneficiary
                   else estimate.household_max)
        minimum_payment = parameters.get("psu.minimum_payment", on).value  # the PSU pays

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
        income=income,
        regime=regime.value,
        rsi_amount=rsi_amount if estimate is not None else None,
        psu=estimate,
    )


def _under_psu(h: Household, conditions: list[Condition], estimate: psu.PsuEstimate,
               rsi_amount: Decimal, counted: Decimal, trace: list[Step]) -> tuple[bool, Decimal]:
    """Eligibility and amount once the PSU replaces the RSI.

    A current beneficiary keeps the higher of the two (automatic conversion, never
    lower); a new applicant is assessed on the PSU's maximum instead of the RSI's.
    """
    basis = parameters.latest("psu_transition_date").legal_basis
    others_pass = all(c.passed for c in conditions if c.code != "income_below_maximum")
    psu_amount = estimate.monthly_amount if others_pass else ZERO
    if h.current_beneficiary:
        amount = max(rsi_amount, psu_amount)
        trace.append(Step(
            f"Quem já recebe o RSI passa para a PSU sem perder: fica o maior entre o RSI "
            f"({money(rsi_amount)}) e a PSU estimada ({money(psu_amount)}) = {money(amount)}.", basis,
        ))
        return amount > ZERO, amount
    for i, condition in enumerate(conditions):
        if condition.code == "income_below_maximum":
            conditions[i] = eligibility.income_below_maximum(counted, estimate.household_max, basis)
    trace.append(Step(f"Para um pedido novo conta a PSU: {money(psu_amount)} por mês.", basis))
    return psu_amount > ZERO, psu_amount
