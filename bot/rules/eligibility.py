"""Access conditions of the RSI, each one a named Condition with its legal basis.

A condition whose facts are unknown is left out and a notice says so: an
unanswered question is not a failed condition.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from bot.format import money, number
from bot.rules import parameters
from bot.rules.model import Condition, Household


def minimum_age(h: Household, on: date, notices: list[str]) -> Condition | None:
    rule = parameters.get("minimum_age", on)
    exceptions = parameters.get("minimum_age.exceptions", on)
    if h.age is None:
        notices.append(
            f"Não foi indicada a idade do requerente: presume-se que tem {rule.value} anos ou mais."
        )
        return None
    if h.age >= rule.value:
        return Condition(
            "minimum_age", True, rule.legal_basis,
            f"O requerente tem {h.age} anos (mínimo: {rule.value}).",
        )
    reasons = []
    if h.pregnant:
        reasons.append("está grávida")
    if h.married_or_union_2y:
        reasons.append("é casado ou vive em união de facto há mais de dois anos")
    if h.has_dependents:
        reasons.append("tem menores ou pessoas com deficiência a cargo")
    if reasons:
        return Condition(
            "minimum_age", True, exceptions.legal_basis,
            f"O requerente tem {h.age} anos, mas pode ser titular porque {' e '.join(reasons)}.",
        )
    return Condition(
        "minimum_age", False, f"{rule.legal_basis}; {exceptions.legal_basis}",
        f"O requerente tem {h.age} anos. Com menos de {rule.value} anos só pode ser titular "
        f"quem estiver numa destas situações: {exceptions.value}.",
    )


def legal_residence(h: Household, on: date, notices: list[str]) -> Condition | None:
    basic = parameters.get("residence_basic", on)
    if h.nationality == "pt":
        return Condition(
            "legal_residence", True, basic.legal_basis,
            "Cidadão português: basta ter residência legal em Portugal.",
        )
    if h.nationality == "eu":
        return Condition(
            "legal_residence", True, basic.legal_basis,
            "Cidadão da União Europeia ou do Espaço Económico Europeu: basta ter residência legal "
            "em Portugal, provada pelo certificado de registo emitido pela câmara municipal.",
        )
    if h.refugee:
        return Condition(
            "legal_residence", True, basic.legal_basis,
            "Refugiado: basta ter residência legal em Portugal, sem tempo mínimo.",
        )
    years = parameters.get("residence_min_years_other", on)
    minimum = years.value
    unit = "ano" if minimum == 1 else "anos"
    if h.legal_residence_years is None:
        notices.append(
            f"Não foi indicado há quanto tempo reside legalmente em Portugal: para cidadãos de "
            f"países fora da União Europeia exige-se pelo menos {minimum} {unit} de residência legal."
        )
        return None
    held = h.legal_residence_years
    if held >= minimum:
        return Condition(
            "legal_residence", True, years.legal_basis,
            f"Reside legalmente em Portugal há {number(held)} {'ano' if held == 1 else 'anos'} "
            f"(mínimo: {minimum} {unit}).",
        )
    return Condition(
        "legal_residence", False, years.legal_basis,
        f"Para cidadãos de países fora da União Europeia que não sejam refugiados exige-se pelo "
        f"menos {minimum} {unit} de residência legal em Portugal; indicou {number(held)}.",
    )


def income_below_maximum(counted: Decimal, maximum: Decimal, legal_basis: str) -> Condition:
    if counted < maximum:
        return Condition(
            "income_below_maximum", True, legal_basis,
            f"O rendimento considerado ({money(counted)}) é inferior ao montante máximo do "
            f"agregado ({money(maximum)}).",
        )
    return Condition(
        "income_below_maximum", False, legal_basis,
        f"O rendimento considerado ({money(counted)}) iguala ou ultrapassa o montante máximo do "
        f"agregado ({money(maximum)}), por isso não há valor a receber.",
    )


def assets_within_limit(assets: Decimal, limit: Decimal, legal_basis: str) -> Condition:
    if assets <= limit:
        return Condition(
            "assets_within_limit", True, legal_basis,
            f"O património mobiliário ({money(assets)}) não ultrapassa o limite de {money(limit)}.",
        )
    return Condition(
        "assets_within_limit", False, legal_basis,
        f"O património mobiliário ({money(assets)}) ultrapassa o limite de {money(limit)}.",
    )


def employment_centre_registration(h: Household, on: date, notices: list[str]) -> Condition | None:
    rule = parameters.get("employment_centre_registration", on)
    if h.able_to_work is False:
        return None  # not required of people who cannot work
    if h.employment_centre_registered is True:
        return Condition(
            "employment_centre_registration", True, rule.legal_basis,
            "Está inscrito no centro de emprego (IEFP).",
        )
    if h.able_to_work is True and h.employment_centre_registered is False:
        return Condition(
            "employment_centre_registration", False, rule.legal_basis,
            "Quem está em condições de trabalhar tem de estar inscrito no centro de emprego (IEFP); "
            "indicou que não está inscrito.",
        )
    notices.append(
        "Se estiver em condições de trabalhar, pode ser-lhe exigida a inscrição no centro de "
        "emprego (IEFP)."
    )
    return None
