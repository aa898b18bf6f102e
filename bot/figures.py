"""Legal figures written for people, from the dated parameters (one source).

Texts that quote a figure (the FAQ answers in domain.yml, messages of the
actions) name it as a placeholder, ``{asset_limit}``, and get its value from
``figures(on)``: a new Portaria changes the parameter file and every text with it.
Values are formatted the pt-PT way (bot.format): ``"32 227,80 €"``, ``"80 %"``,
``"10 dias úteis"``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from bot.format import date_long, money, number, percent
from bot.rules import parameters

# How a count of each unit is written: (singular, plural).
_DURATION_WORDS: dict[str, tuple[str, str]] = {
    "working_days": ("dia útil", "dias úteis"),
    "days": ("dia", "dias"),
    "months": ("mês", "meses"),
    "years": ("ano", "anos"),
}


def duration(amount: int | Decimal, unit: str) -> str:
    """``(10, "working_days")`` -> ``"10 dias úteis"``; ``(1, "years")`` -> ``"1 ano"``."""
    singular, plural = _DURATION_WORDS[unit]
    return f"{number(amount)} {singular if amount == 1 else plural}"


def ordinal_month(n: int) -> str:
    """``2`` -> ``"2.º mês"`` (the Portaria's "2.º mês anterior", "11.º mês")."""
    return f"{n}.º mês"


def _deadline(kind: str, on: date) -> dict[str, Any]:
    """A deadline of bot/rules/parameters/deadlines.yaml: amount, unit, regional amount."""
    value: dict[str, Any] = parameters.get(f"deadline.{kind}", on).value
    return value


def deadline_text(kind: str, on: date, regional: bool = False) -> str:
    """A deadline of bot/rules/parameters/deadlines.yaml in words: ``"10 dias úteis"``.

    For texts that quote one deadline on a date of their own (a receipt dated the day of
    the request), where ``figures(on)`` would need every other figure on that date too.
    """
    spec = _deadline(kind, on)
    return duration(spec["regional_amount" if regional else "amount"], spec["unit"])


def _value(name: str, on: date) -> Any:
    return parameters.get(name, on).value


def _quantity(name: str, on: date, default_unit: str) -> str:
    """A count parameter written in the unit its file declares (``default_unit``
    for files that declare none)."""
    unit = parameters.unit(name) or default_unit
    value = _value(name, on)
    return ordinal_month(value) if unit == "month_ordinal" else duration(value, unit)


def figures(on: date) -> dict[str, str]:
    """Every figure a text may quote, in force on ``on``, by placeholder name.

    Placeholder names must not be slot names (Rasa fills both; keyword values win)
    nor ``text``/``buttons`` (keys of a bot message). ``on`` must be in the
    Portaria's current wording (from 9 August 2017): earlier dates have no value
    for some figures and raise InputError.
    """
    ias = parameters.get("ias", on)
    ias_value: Decimal = ias.value
    asset_multiple: Decimal = _value("asset_limit_ias_multiple", on)
    # The vehicle limit ended with Decreto-Lei n.º 90/2017: the day after its last value.
    vehicle_limit_end = parameters.known_until("vehicle_limit_ias_multiple") + timedelta(days=1)
    home_multiple: Decimal = _value("income.permanent_home_ias_multiple", on)
    renewal = _deadline("renewal_start", on)
    psu = parameters.latest("psu_transition_date")
    return {
        # Reference values. ias_year: the year of the IAS used, said next to amounts
        # derived from it (after the last known year the latest value is used).
        "ias": money(ias_value),
        "ias_year": str(ias.effective.year),
        "rsi_value": money(_value("rsi_reference_value", on)),
        # Assets (Lei n.º 13/2003, art. 6.º) and property income (art. 15.º-F).
        # The multiple with its unit, so no text types «vezes» after a figure.
        "asset_limit_in_ias": f"{number(asset_multiple)} vezes o IAS",
        "asset_limit": money(asset_multiple * ias_value),
        "vehicle_limit_end": date_long(vehicle_limit_end),
        "home_value_limit_in_ias": f"{number(home_multiple)} vezes o IAS",
        "home_value_limit": money(home_multiple * ias_value),
        "property_income_rate": percent(_value("income.property_presumed_rate", on)),
        # How the household maximum and the counted income are built.
        "applicant_weight": percent(_value("equivalence_scale.applicant", on)),
        "other_adult_weight": percent(_value("equivalence_scale.other_adult", on)),
        "minor_weight": percent(_value("equivalence_scale.minor", on)),
        "employment_income_weight": percent(_value("employment_income_weight", on)),
        "new_work_protection": _quantity("new_work_protection_period", on, "months"),
        # Conditions: the minimum age and the union that is an exception to it (Lei
        # n.º 13/2003, art. 4.º); legal residence asked of other nationals (Portaria
        # n.º 257/2012, art. 3.º, n.º 3, alínea b)).
        "minimum_age": _quantity("minimum_age", on, "years"),
        "union_period": _quantity("minimum_age.union_years", on, "years"),
        "residence_period_other": _quantity("residence_min_years_other", on, "years"),
        # Deadlines (Portaria n.º 257/2012 and the CPA); *_regional: Azores and Madeira.
        "missing_documents_deadline": deadline_text("missing_documents", on),
        "missing_documents_deadline_regional": deadline_text("missing_documents", on, regional=True),
        "interview_justification_deadline": deadline_text("interview_justification", on),
        "interview_justification_deadline_regional": deadline_text(
            "interview_justification", on, regional=True
        ),
        "renewal_start_month": ordinal_month(renewal["amount"]),
        "renewal_period": duration(renewal["period_months"], "months"),
        "renewal_notification_deadline": deadline_text("renewal_notification", on),
        "report_changes_deadline": deadline_text("report_changes", on),
        "insertion_contract_deadline": deadline_text("insertion_contract", on),
        "insertion_contract_report_month": _quantity("insertion_contract.report_month", on, "month_ordinal"),
        "variable_wage_payslips": _quantity("documents.variable_wage_payslip_months", on, "months"),
        "file_request_deadline": _quantity("residence_change.file_request", on, "working_days"),
        "decision_deadline": _quantity("application.decision_deadline", on, "working_days"),
        # Certificates (Código do Procedimento Administrativo, art. 84.º): on paper, and
        # when the procedure is electronic.
        "certificate_deadline": deadline_text("certificate", on),
        "certificate_electronic_deadline": deadline_text("certificate_electronic", on),
        "prison_application_period": _quantity("prison.application_before_release", on, "days"),
        "repayment_lump_sum_deadline": _quantity("repayment.lump_sum_deadline", on, "days"),
        "repayment_max_instalments": _quantity("repayment.max_instalment_months", on, "months"),
        # IEFP registration: who is exempt by age (Lei n.º 13/2003, art. 6.º-A).
        "employment_centre_exempt_under_age": duration(
            _value("employment_centre_registration.exemptions", on)["under_age"], "years"
        ),
        "employment_centre_exempt_from_age": duration(
            _value("employment_centre_registration.exemptions", on)["from_age"], "years"
        ),
        "social_tariff_max_power": f"{number(_value('social_energy_tariff.max_power', on))} kVA",
        # The successor regime: reported, not read in the Diário da República.
        "psu_date": date_long(psu.value),
        "psu_decree": psu.legal_basis.split(" (")[0],
    }


def render(template: str, on: date) -> str:
    """``template`` with its ``{placeholders}`` filled by ``figures(on)``."""
    return template.format_map(figures(on))


class FilledTexts(Mapping[str, tuple[str, ...]]):
    """A table of texts (e.g. a form's re-prompt and explanation per question)
    whose figures are placeholders, filled with the figures of ``today()`` each
    time an entry is read: a running server never quotes last year's value."""

    def __init__(self, templates: Mapping[str, tuple[str, ...]], today: Callable[[], date]) -> None:
        self._templates = dict(templates)
        self._today = today

    def __getitem__(self, key: str) -> tuple[str, ...]:
        templates = self._templates[key]
        try:
            return tuple(render(text, self._today()) for text in templates)
        except KeyError as error:
            # Not a missing entry: Mapping.get would swallow a KeyError and return
            # its default, hiding a placeholder or parameter that does not exist.
            raise RuntimeError(f"no figure for {error} in the texts of {key!r}") from error

    def __iter__(self) -> Iterator[str]:
        return iter(self._templates)

    def __len__(self) -> int:
        return len(self._templates)

    def templates(self) -> dict[str, tuple[str, ...]]:
        """The unfilled texts (for tests that check every placeholder is known)."""
        return dict(self._templates)


class FilledChoices(Mapping[str, list[tuple[str, str]]]):
    """Like FilledTexts, for buttons offered after failed answers: (title, payload)
    pairs whose figures are placeholders («1 ano ou mais» must follow the rule it
    names, and so must the answer the button sends)."""

    def __init__(self, templates: Mapping[str, list[tuple[str, str]]], today: Callable[[], date]) -> None:
        self._templates = {key: list(pairs) for key, pairs in templates.items()}
        # Titles and payloads one after the other, filled (and checked) by FilledTexts.
        self._texts = FilledTexts(
            {key: tuple(text for pair in pairs for text in pair) for key, pairs in self._templates.items()},
            today,
        )

    def __getitem__(self, key: str) -> list[tuple[str, str]]:
        texts = self._texts[key]
        return list(zip(texts[::2], texts[1::2], strict=True))

    def __iter__(self) -> Iterator[str]:
        return iter(self._templates)

    def __len__(self) -> int:
        return len(self._templates)

    def templates(self) -> dict[str, list[tuple[str, str]]]:
        """The unfilled buttons (for tests that check every placeholder is known)."""
        return {key: list(pairs) for key, pairs in self._templates.items()}
