"""Administrative deadlines counted as the Código do Procedimento Administrativo says (art. 87.º).

The starting day is not counted; Saturdays, Sundays and holidays are skipped; a
deadline that ends on a closed day moves to the next working day; deadlines
fixed for more than six months run on calendar days. Holidays come from the
``holidays`` library (national ones plus the Azores/Madeira regional holidays).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from functools import lru_cache
from typing import Any
from zoneinfo import ZoneInfo

import holidays
from dateutil.relativedelta import relativedelta

from bot.closed_sets import Region
from bot.errors import InputError
from bot.format import date_long, month_long, weekday
from bot.rules import notices, parameters

# Mainland time: the Segurança Social's hours, receipts and "today" are Lisbon's.
LISBON = ZoneInfo("Europe/Lisbon")


def now_lisbon() -> datetime:
    """Current wall-clock time in Lisbon."""
    return datetime.now(LISBON)


# Region -> ISO 3166-2:PT subdivision code of the holidays library (read with plain strings too).
REGIONS: dict[Region, str | None] = {Region.CONTINENTE: None, Region.ACORES: "20", Region.MADEIRA: "30"}
REGION_LABELS: dict[Region, str] = {
    Region.CONTINENTE: "Continente",
    Region.ACORES: "Região Autónoma dos Açores",
    Region.MADEIRA: "Região Autónoma da Madeira",
}
MAINLAND = Region.CONTINENTE.value

DEADLINE_KINDS: dict[str, str] = {
    "missing_documents": "Entrega de documentos em falta",
    "interview_justification": "Justificação da falta à entrevista",
    "renewal_start": "Início do processo de renovação",
    "renewal_notification": "Notificação da decisão de renovação",
    "certificate": "Emissão de certidão",
    "certificate_electronic": "Emissão de certidão por via eletrónica",
    "prior_hearing": "Resposta à audiência prévia",
    "complaint": "Reclamação de uma decisão",
    "hierarchical_appeal": "Recurso hierárquico de uma decisão",
    "report_changes": "Comunicação de uma mudança de situação",
    "insertion_contract": "Celebração do contrato de inserção",
    "registered_letter": "Receção de uma carta registada",
}

# The kind whose answer is the day a registered letter counts as received (CPA art. 113.º);
# its parameter also shifts the start of every deadline counted from a posted letter.
LETTER_KIND = "registered_letter"

# What a person needs to read next to some kinds' dates (plain words, not figures).
KIND_NOTES: dict[str, str] = {
    "prior_hearing": "Conta o prazo escrito na carta, se for maior; este é o mínimo que a lei dá.",
    "hierarchical_appeal": (
        "É o prazo do recurso hierárquico necessário; se o recurso for facultativo, a lei dá mais "
        "tempo, mas apresentá-lo até esta data é sempre seguro."
    ),
    "report_changes": "Conta-se a partir do dia da mudança (novo emprego, mudança de casa, alguém que entra ou sai do agregado).",
    "insertion_contract": "O prazo conta-se a partir da decisão que atribui o RSI; vá às convocatórias do técnico.",
}
# Who reports a figure not read in the law (parameter value ``reported_by``).
REPORTED_BY = {"guia_pratico": "segundo o Guia Prático da Segurança Social"}

# Said once for working-day counts: the calculator knows national and regional
# holidays, not municipal ones nor days off granted by the Government.
LOCAL_DAYS_NOTICE = (
    "Feriados municipais e tolerâncias de ponto não estão incluídos: se algum calhar "
    "neste período{examples}, o prazo acaba mais tarde."
)

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
    # The posting date when the count starts from a registered letter (``start`` is
    # then the day it is presumed received).
    posted: date | None = None
    # "unverified" when the figure was found only in secondary sources.
    status: str = "verified"

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
            "posted": self.posted.isoformat() if self.posted else None,
            "status": self.status,
        }


def _check_region(region: str) -> str | None:
    try:
        return REGIONS[region]
    except KeyError:
        raise InputError(f"região desconhecida: {region} (use {Region.listed()})") from None


@lru_cache(maxsize=8)
def _calendar(region: str) -> holidays.HolidayBase:
    # One growing calendar per region: the library adds years on demand.
    return holidays.Portugal(subdiv=REGIONS[region], language="pt_PT")


@lru_cache(maxsize=8)
def _usual_days_off(region: str) -> holidays.HolidayBase:
    # The library's "optional" days (Carnival, 24/26/31 December, Santo António in
    # Lisbon): usual tolerâncias de ponto or municipal holidays, never counted as closed.
    return holidays.Portugal(subdiv=REGIONS[region], language="pt_PT", categories=(holidays.OPTIONAL,))


def holiday_name(d: date, region: str = MAINLAND) -> str | None:
    _check_region(region)
    return _calendar(region).get(d)


def is_working_day(d: date, region: str = MAINLAND) -> bool:
    _check_region(region)
    return d.weekday() < 5 and d not in _calendar(region)


def next_working_day(d: date, region: str = MAINLAND) -> date:
    """``d`` itself if it is a working day, otherwise the first working day after it."""
    while not is_working_day(d, region):
        d += timedelta(days=1)
    return d


def _check_amount(n: int) -> None:
    if n < 0:
        raise InputError("o prazo não pode ser negativo")


def add_working_days(start: date, n: int, region: str = MAINLAND) -> date:
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


def add_days(start: date, n: int, region: str = MAINLAND) -> date:
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


def on_day(d: date) -> str:
    """"na quinta-feira, 7 de janeiro de 2027" / "no sábado, ..." (pt-PT article agreement)."""
    article = "no" if d.weekday() >= 5 else "na"
    return f"{article} {weekday(d)}, {date_long(d)}"


_on_day = on_day


def received_on(posted: date, region: str = MAINLAND) -> date:
    """Day a notification sent by registered letter on ``posted`` is presumed received
    (CPA art. 113.º, parameter ``deadline.registered_letter``): since Lei n.º 72/2020,
    the 3rd working day after the registration; before it, the 3rd day, moved to the
    next working day when closed."""
    _check_region(region)
    rule = parameters.get(f"deadline.{LETTER_KIND}", posted)
    if rule.value.get("unit") == "working_days":
        # Lei n.º 72/2020: the third *working* day after the registration.
        return add_working_days(posted, rule.value["amount"], region)
    return add_days(posted, rule.value["amount"], region)


def _letter_trace(posted: date, region: str) -> tuple[date, list[str]]:
    """The presumed day of receipt and the lines that explain it."""
    rule = parameters.get(f"deadline.{LETTER_KIND}", posted)
    n = rule.value["amount"]
    received = received_on(posted, region)
    lines = [f"A carta foi registada a {date_long(posted)}."]
    raw = posted + timedelta(days=n)
    if rule.value.get("unit") == "working_days":
        lines.append(f"Conta-se o {n}.º dia útil depois do registo (não contam sábados, domingos e feriados).")
        skipped = _skipped(posted, received, region)
        if skipped:
            lines.append("Feriados não contados: " + ", ".join(skipped) + ".")
    elif raw != received:
        reason = holiday_name(raw, region) or "fim de semana"
        lines.append(f"O {n}.º dia, {date_long(raw)}, é dia encerrado ({reason}): passa para o dia útil seguinte.")
    lines.append(f"A carta presume-se recebida {_on_day(received)} ({rule.legal_basis}).")
    return received, lines


def local_days_notice(first: date, end: date, region: str = MAINLAND) -> str:
    """The sentence about municipal holidays and tolerâncias de ponto, naming the usual
    ones (24 and 31 December, Carnival...) that fall on weekdays in ``[first, end]``."""
    _check_region(region)
    found: list[str] = []
    d = first
    while d <= end:
        name = _usual_days_off(region).get(d)
        if name and d.weekday() < 5 and d not in _calendar(region):
            # "26 de Dezembro" is its own name: say the date once.
            found.append(date_long(d) if name[0].isdigit() else f"{name}, {date_long(d)}")
        d += timedelta(days=1)
    examples = f" (por exemplo: {'; '.join(found)})" if found else ""
    return LOCAL_DAYS_NOTICE.format(examples=examples)


def _anchor(start: date, region: str, letter_posted: bool) -> tuple[date, date | None, list[str]]:
    """The day the count starts from: ``start`` itself, or when ``start`` is the day a
    registered letter was posted, the day it is presumed received."""
    if not letter_posted:
        return start, None, []
    received, lines = _letter_trace(start, region)
    return received, start, lines


def custom_deadline(
    start: date, amount: int, unit: str, region: str = MAINLAND, letter_posted: bool = False
) -> Deadline:
    """A deadline given directly in working days or calendar days (no legal kind).
    With ``letter_posted`` the ``start`` is the posting date of a registered letter."""
    _check_region(region)
    _check_amount(amount)
    posted_on = start
    start, posted, letter_lines = _anchor(start, region, letter_posted)
    counting = parameters.get("counting.rules", start)
    over = parameters.get("counting.calendar_over_months", start)
    notes: list[str] = []
    if unit == "working_days":
        end = add_working_days(start, amount, region)
        trace = _working_day_trace(start, end, amount, region)
        label = f"Prazo de {amount} dias úteis"
        notes.append(local_days_notice(posted_on + timedelta(days=1), end, region))
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
    return Deadline("custom", label, start, end, amount, unit, region, counting.legal_basis,
                    letter_lines + trace, notes, posted)


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


def deadline(kind: str, start: date, region: str = MAINLAND, letter_posted: bool = False) -> Deadline:
    """A deadline from the legal catalogue (``DEADLINE_KINDS``) starting on ``start``.

    With ``letter_posted``, ``start`` is the day a registered letter was posted and
    the count starts from the day it is presumed received (CPA art. 113.º).
    """
    if kind not in DEADLINE_KINDS:
        raise InputError(f"tipo de prazo desconhecido: {kind} (use {', '.join(DEADLINE_KINDS)})")
    _check_region(region)
    if kind == LETTER_KIND:
        return _letter_deadline(start, region)
    posted_on = start
    start, posted, letter_lines = _anchor(start, region, letter_posted)
    rule = parameters.get(f"deadline.{kind}", start)
    spec = rule.value
    amount, unit, basis = spec["amount"], spec["unit"], rule.legal_basis
    if region != Region.CONTINENTE and "regional_amount" in spec:
        amount = spec["regional_amount"]
        basis = f"{basis}; {spec['regional_legal_basis']}"
    notes: list[str] = []
    label = DEADLINE_KINDS[kind]

    if unit in ("working_days", "days"):
        reported = REPORTED_BY.get(spec.get("reported_by", ""))
        rule_line = f"{label}: {amount} {'dias úteis' if unit == 'working_days' else 'dias'}"
        trace = [f"{rule_line}, {reported} ({basis})." if reported else f"{rule_line} ({basis})."]
        trace += letter_lines
        if unit == "working_days":
            end = add_working_days(start, amount, region)
            trace += _working_day_trace(start, end, amount, region)
        else:
            end = add_days(start, amount, region)
            trace += _calendar_day_trace(start, amount, end, region)
            # Only the last day matters in a calendar-day count.
            posted_on = start + timedelta(days=amount - 1)
        if spec.get("also_working_days"):
            # A unit not confirmed in the law: the later reading, said as such.
            trace.append(
                f"Se for contado em dias úteis, como os prazos do procedimento administrativo, termina "
                f"{_on_day(add_working_days(start, amount, region))}."
            )
        notes.append(local_days_notice(posted_on + timedelta(days=1), end, region))
    elif unit == "months":
        end, trace = _renewal_start(start, amount, spec["period_months"])
        trace.insert(0, f"{label} ({basis}).")
    else:
        raise ValueError(f"unit {unit!r} not supported for deadline {kind}")
    if kind in KIND_NOTES:
        trace.append(KIND_NOTES[kind])

    if spec.get("rsi") and notices.psu_applies(end):
        notes.append(notices.psu())
    return Deadline(kind, label, start, end, amount, unit, region, basis, trace, notes, posted,
                    _status(rule))


def _status(rule: parameters.Param) -> str:
    # Parameters without a status (older files, or an older loader) count as verified.
    return getattr(rule, "status", None) or "verified"


def _letter_deadline(posted: date, region: str) -> Deadline:
    """The day a registered letter posted on ``posted`` is presumed received."""
    rule = parameters.get(f"deadline.{LETTER_KIND}", posted)
    received, trace = _letter_trace(posted, region)
    trace.append("Os prazos marcados na carta contam-se a partir do dia seguinte.")
    # Only the presumed day itself (or the days it is moved over) matters.
    notes = [local_days_notice(posted + timedelta(days=rule.value["amount"]), received, region)]
    return Deadline(LETTER_KIND, DEADLINE_KINDS[LETTER_KIND], posted, received, rule.value["amount"],
                    rule.value["unit"], region, rule.legal_basis, trace, notes, posted, _status(rule))
