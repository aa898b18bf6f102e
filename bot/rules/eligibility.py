"""Access conditions of the RSI, each one a named Condition with its legal basis.

A condition whose facts are unknown is left out and a notice says so: an
unanswered question is not a failed condition.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from bot.closed_sets import AgeException, Nationality
from bot.errors import InputError
from bot.format import money, number
from bot.rules import parameters
from bot.rules.model import WORK_SITUATIONS, Condition, Household, WorkSituation

# How each exception to the minimum age is said ("... porque está grávida").
_AGE_EXCEPTION_REASONS: dict[AgeException, str] = {
    AgeException.PREGNANT: "está grávida",
    AgeException.UNION: "é casado ou vive em união de facto há mais de {union_years} anos",
    AgeException.DEPENDENTS: "tem menores ou pessoas com deficiência a cargo",
}


def age_exceptions(h: Household) -> list[AgeException]:
    """The exceptions to the minimum age the household states, in the order of the law."""
    stated = {
        AgeException.PREGNANT: h.pregnant,
        AgeException.UNION: h.married_or_union_2y,
        AgeException.DEPENDENTS: h.has_dependents,
    }
    return [exception for exception, applies in stated.items() if applies]


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
    union_years = parameters.get("minimum_age.union_years", on).value
    reasons = [_AGE_EXCEPTION_REASONS[exception].format(union_years=union_years)
               for exception in age_exceptions(h)]
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
    if h.nationality == Nationality.PT:
        return Condition(
            "legal_residence", True, basic.legal_basis,
            "Cidadão português: basta ter residência legal em Portugal.",
        )
    if h.nationality == Nationality.EU:
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


# How each exempting situation is said in an explanation ("... porque trabalha").
_EXEMPTION_REASONS: dict[WorkSituation, str] = {
    WorkSituation.WORKING: "trabalha",
    WorkSituation.UNABLE_TO_WORK: "não está em condições de trabalhar (doença ou incapacidade)",
    WorkSituation.CARER: "presta apoio indispensável a alguém da família com quem vive",
}


def work_situation(h: Household) -> WorkSituation | None:
    """The applicant's work situation; ``able_to_work=False`` of older callers is
    read as unable to work."""
    if h.work_situation is not None:
        try:
            return WorkSituation(h.work_situation)
        except ValueError:
            raise InputError(
                f"situação de trabalho desconhecida: {h.work_situation} (use {', '.join(WORK_SITUATIONS)})"
            ) from None
    if h.able_to_work is False:
        return WorkSituation.UNABLE_TO_WORK
    return None


def _short_basis(legal_basis: str) -> str:
    """"Lei n.º 13/2003, art. 6.º-A, n.os 1 e 3 (redação ...)" -> the article only."""
    return legal_basis.split(" (", 1)[0]


def _exemption(h: Household, situation: WorkSituation | None, rule: dict) -> str | None:
    """Why registration is not required, in words, or None. Age first: it is the
    one fact that does not depend on how the person described their situation."""
    if h.age is not None and h.age >= rule["from_age"]:
        return f"tem {h.age} anos, e a partir dos {rule['from_age']} anos não é exigida"
    if h.age is not None and h.age < rule["under_age"]:
        return f"tem {h.age} anos, e abaixo dos {rule['under_age']} anos não é exigida"
    if situation is not None and situation.value in rule["situations"]:
        return _EXEMPTION_REASONS[situation]
    return None


def age_exempts_from_registration(age: int, on: date) -> bool:
    """Whether an applicant of ``age`` need not register at the IEFP whatever they do
    (art. 6.º-A ages; after the last known date the latest rule)."""
    try:
        limits = parameters.get("employment_centre_registration.exemptions", on).value
    except InputError:
        limits = parameters.latest("employment_centre_registration.exemptions").value
    return age >= limits["from_age"] or age < limits["under_age"]


def _who_is_exempt(rule: dict) -> str:
    reasons = [_EXEMPTION_REASONS[WorkSituation(s)] for s in rule["situations"]]
    reasons.append(f"tem {rule['from_age']} anos ou mais")
    return "quem " + ", quem ".join(reasons[:-1]) + ", ou quem " + reasons[-1]


def employment_centre_registration(h: Household, on: date, notices: list[str]) -> Condition | None:
    """Registration at the employment centre (IEFP), asked of the unemployed who can
    work; passed with the exemption named, failed only for an unemployed person who
    can work and said they are not registered, None when it cannot be told."""
    rule = parameters.get("employment_centre_registration", on)
    exemptions = parameters.get("employment_centre_registration.exemptions", on)
    if h.work_situation is None and h.able_to_work is False and h.employment_centre_registered is not True:
        return None  # older callers' "cannot work": not required, and no situation to name
    situation = work_situation(h)
    if h.employment_centre_registered is True:
        return Condition(
            "employment_centre_registration", True, rule.legal_basis,
            "Está inscrito no centro de emprego (IEFP).",
        )
    reason = _exemption(h, situation, exemptions.value)
    if reason is not None:
        return Condition(
            "employment_centre_registration", True, exemptions.legal_basis,
            f"Não precisa de inscrição no centro de emprego (IEFP) porque {reason} "
            f"({_short_basis(exemptions.legal_basis)}).",
        )
    if situation is WorkSituation.RETIRED:
        # Retirement is not itself on the list: the age or an invalidity is.
        notices.append(
            f"Disse que está reformado/a: não precisa de inscrição no centro de emprego (IEFP) se tiver "
            f"{exemptions.value['from_age']} anos ou mais ou se a reforma for por invalidez. "
            "Noutros casos, confirme na Segurança Social."
        )
        return None
    if situation is WorkSituation.STUDENT:
        notices.append(
            "Não sei dizer se quem estuda tem de estar inscrito no centro de emprego (IEFP): "
            "confirme na Segurança Social."
        )
        return None
    able = situation is WorkSituation.UNEMPLOYED or (situation is None and h.able_to_work is True)
    if able and h.employment_centre_registered is False:
        return Condition(
            "employment_centre_registration", False, f"{rule.legal_basis}; {exemptions.legal_basis}",
            "Quem está desempregado e pode trabalhar tem de estar inscrito no centro de emprego (IEFP); "
            f"indicou que não está inscrito. Não precisa de se inscrever {_who_is_exempt(exemptions.value)}.",
        )
    notices.append(
        "Se estiver desempregado e puder trabalhar, tem de estar inscrito no centro de emprego (IEFP)."
    )
    return None
