"""Administrative deadlines counted as the Código do Procedimento Administrativo says (art. 87.º).

The starting day is not counted; Saturdays, Sundays and holidays are skipped; a
deadline that ends on a closed day moves to the next working day; deadlines
fixed for more than six months run on calendar days. Holidays come from the
``holidays`` library (national ones plus the Azores/Madeira regional holidays).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import lru_cache
from typing import Any

import holidays
from dateutil.relativedelta import relativedelta

from bot.errors import InputError
from bot.format import date_long, month_long, weekday
from bot.rules import notices, parameters

# Region name used by people -> ISO 3166-2:PT subdivision code of the holidays library.
REGIONS: dict[str, str | None] = {"continente": None, "acores": "20", "madeira": "30"}
REGION_LABELS = {"continente": "Continente", "acores": "Região Autónoma dos Açores",
                 "madeira": "Região Autónoma da Madeira"}

DEADLINE_KINDS: dict[str, str] = {
    "missing_documents": "Entrega de documentos em falta",
    "interview_justification": "Justificação da falta à entrevista",
    "renewal_start": "Início do processo de renovação",
    "renewal_notification": "Notificação da decisão de renovação",
    "certificate": "Emissão de certidão",
    "certificate_electronic": "Emissão de certidão por via eletrónica",
}

UNITS = ("working_days", "days", "months")


@dataclass
class Deadline:
    kind: str
    label: str
    start: date
    end: date
    amount: int
    unit: str
    region: str
    legal_basis: str
    trace: list[str] = field(default_factory=list)
    notices: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "label": self.label,
            "start": self.start.isoformat(),
            "end": self.end.isoformat(),
            "amount": self.amount,
            "unit": self.unit,
            "region": self.region,
            "legal_basis": self.legal_basis,
            "trace": list(self.trace),
            "notices": list(self.notices),
        }


def _check_region(region: str) -> str | None:
    try:
        return REGIONS[region]
    except KeyError:
        raise InputError(f"região desconhecida: {region} (use continente, acores ou madeira)") from None


@lru_cache(maxsize=8)
def _calendar(region: str) -> holidays.HolidayBase:
    # One growing calendar per region: the library adds years on demand.
    return holidays.Portugal(subdiv=REGIONS[region], language="pt_PT")


def holiday_name(d: date, region: str = "continente") -> str | None:
    _check_region(region)
    return _calendar(region).get(d)


def is_working_day(d: date, region: str = "continente") -> bool:
    _check_region(region)
    return d.weekday() < 5 and d not in _calendar(region)


def next_working_day(d: date, region: str = "continente") -> date:
    """``d`` itself if it is a working day, otherwise the first working day after it."""
    while not is_working_day(d, region):
        d += timedelta(days=1)
    return d


def _check_amount(n: int) -> None:
    if n < 0:
        raise InputError("o prazo não pode ser negativo")


def add_working_days(start: date, n: int, region: str = "continente") -> date:
    """End of a deadline of ``n`` working days counted from the day after ``start``."""
    _check_region(region)
    _check_amount(n)
    d = start
    counted = 0
    while counted < n:
        d += timedelta(days=1)
        if is_working_day(d, region):
            counted += 1
    return d


def add_days(start: date, n: int, region: str = "continente") -> date:
    """End of a deadline of ``n`` calendar days, moved to the next working day if it falls on a closed day."""
    _check_region(region)
    _check_amount(n)
    return next_working_day(start + timedelta(days=n), region)


def _skipped(start: date, end: date, region: str) -> list[str]:
    """Holidays falling on weekdays inside (start, end]: the ones worth telling people about."""
    out = []
    d = start + timedelta(days=1)
    while d <= end:
        name = holiday_name(d, region)
        if name and d.weekday() < 5:
            out.append(f"{date_long(d)} ({name})")
        d += timedelta(days=1)
    return out


def _working_day_trace(start: date, end: date, n: int, region: str) -> list[str]:
    counting = parameters.latest("counting.rules")
    lines = [
        f"O dia {date_long(start)} não conta; a contagem começa no dia seguinte "
        f"({counting.legal_basis}).",
        f"Contam-se {n} dias úteis, sem sábados, domingos nem feriados ({REGION_LABELS[region]}).",
    ]
    skipped = _skipped(start, end, region)
    if skipped:
        lines.append("Feriados não contados: " + ", ".join(skipped) + ".")
    lines.append(f"O prazo termina {_on_day(end)}.")
    return lines


def _calendar_day_trace(start: date, n: int, end: date, region: str) -> list[str]:
    counting = parameters.latest("counting.rules")
    raw = start + timedelta(days=n)
    lines = [
        f"O dia {date_long(start)} não conta; contam-se {n} dias seguidos a partir do dia seguinte.",
    ]
    if raw != end:
        reason = holiday_name(raw, region) or "fim de semana"
        lines.append(
            f"O {n}.º dia, {date_long(raw)}, é dia encerrado ({reason}): o termo passa para o "
            f"dia útil seguinte ({counting.legal_basis})."
        )
    lines.append(f"O prazo termina {_on_day(end)}.")
    return lines


def _on_day(d: date) -> str:
    """"na quinta-feira, 7 de janeiro de 2027" / "no sábado, ..." (pt-PT article agreement)."""
    article = "no" if d.weekday() >= 5 else "na"
    return f"{article} {weekday(d)}, {date_long(d)}"


def custom_deadline(start: date, amount: int, unit: str, region: str = "continente") -> Deadline:
    """A deadline given directly in working days or calendar days (no legal kind)."""
    _check_region(region)
    _check_amount(amount)
    counting = parameters.get("counting.rules", start)
    over = parameters.get("counting.calendar_over_months", start)
    notes: list[str] = []
    if unit == "working_days":
        end = add_working_days(start, amount, region)
        trace = _working_day_trace(start, end, amount, region)
        label = f"Prazo de {amount} dias úteis"
    elif unit == "days":
        end = add_days(start, amount, region)
        trace = _calendar_day_trace(start, amount, end, region)
        label = f"Prazo de {amount} dias seguidos"
        if start + timedelta(days=amount) <= start + relativedelta(months=over.value):
            # Under the CPA a procedural deadline of up to six months is suspended on
            # weekends and holidays; only longer ones run on calendar days.
            notes.append(
                f"Nos procedimentos administrativos, um prazo até {over.value} meses suspende-se aos "
                f"sábados, domingos e feriados ({over.legal_basis}): se for esse o caso, conte em dias úteis."
            )
    else:
        raise InputError(f"unidade de prazo desconhecida: {unit}")
    return Deadline("custom", label, start, end, amount, unit, region, counting.legal_basis, trace, notes)


def _renewal_start(start: date, months_before: int, period: int) -> tuple[date, list[str]]:
    """First day of the 2nd month before the month in which the 12-month period ends."""
    period_end = start + relativedelta(months=period) - timedelta(days=1)
    begin = (period_end.replace(day=1)) - relativedelta(months=months_before)
    trace = [
        f"A prestação foi atribuída a {date_long(start)}; o período de {period} meses termina a "
        f"{date_long(period_end)}.",
        f"A renovação começa no {months_before}.º mês anterior ao do termo: {month_long(begin)}.",
        "A renovação é feita oficiosamente pela Segurança Social, com base nos dados do sistema.",
    ]
    return begin, trace


def deadline(kind: str, start: date, region: str = "continente") -> Deadline:
    """A deadline from the legal catalogue (``DEADLINE_KINDS``) starting on ``start``."""
    if kind not in DEADLINE_KINDS:
        raise InputError(f"tipo de prazo desconhecido: {kind} (use {', '.join(DEADLINE_KINDS)})")
    _check_region(region)
    rule = parameters.get(f"deadline.{kind}", start)
    spec = rule.value
    amount, unit, basis = spec["amount"], spec["unit"], rule.legal_basis
    if region != "continente" and "regional_amount" in spec:
        amount = spec["regional_amount"]
        basis = f"{basis}; {spec['regional_legal_basis']}"
    notes: list[str] = []

    if unit == "working_days":
        end = add_working_days(start, amount, region)
        trace = [f"{DEADLINE_KINDS[kind]}: {amount} dias úteis ({basis})."]
        trace += _working_day_trace(start, end, amount, region)
    elif unit == "months":
        end, trace = _renewal_start(start, amount, spec["period_months"])
        trace.insert(0, f"{DEADLINE_KINDS[kind]} ({basis}).")
    else:
        raise ValueError(f"unit {unit!r} not supported for deadline {kind}")

    if spec.get("rsi") and notices.psu_applies(end):
        notes.append(notices.psu())
    return Deadline(kind, DEADLINE_KINDS[kind], start, end, amount, unit, region, basis, trace, notes)
