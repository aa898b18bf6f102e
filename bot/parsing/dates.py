"""Calendar dates in pt-PT free text."""

from __future__ import annotations

import difflib
import re
from datetime import date, timedelta

from dateutil.relativedelta import relativedelta

from bot.parsing.numbers import after_correction, normalise, numbers_as_digits

# A date given without a year is taken in the current year unless that puts it
# more than this many days in the future: then it is last year's. People tell
# the assistant when something happened (a letter arrived, a request was
# made), so a past date is the likely reading ("22 de dezembro" said on
# 10 January means last December).
FUTURE_WINDOW_DAYS = 183

MONTHS = {
    "janeiro": 1, "fevereiro": 2, "marco": 3, "abril": 4, "maio": 5, "junho": 6, "julho": 7,
    "agosto": 8, "setembro": 9, "outubro": 10, "novembro": 11, "dezembro": 12,
}
MONTH_ABBREVIATIONS = {
    "jan": 1, "fev": 2, "mar": 3, "abr": 4, "mai": 5, "jun": 6, "jul": 7, "ago": 8,
    "set": 9, "out": 10, "nov": 11, "dez": 12,
}
_RELATIVE_DAYS = {
    "depois de amanha": 2, "anteontem": -2, "antes de ontem": -2,
    "amanha": 1, "hoje": 0, "ontem": -1,
}


def _month_number(word: str) -> int | None:
    if word in MONTHS:
        return MONTHS[word]
    if word in MONTH_ABBREVIATIONS:
        return MONTH_ABBREVIATIONS[word]
    if len(word) >= 4:  # typos such as "dezenbro", "febereiro", "otubro"
        close = difflib.get_close_matches(word, list(MONTHS), n=1, cutoff=0.75)
        if close:
            return MONTHS[close[0]]
    return None


def _safe_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _infer_year(month: int, day: int, today: date) -> date | None:
    candidate = _safe_date(today.year, month, day)
    if candidate is None:
        # 29 February outside a leap year: try last year only if it fits the rule.
        previous = _safe_date(today.year - 1, month, day)
        return previous
    if candidate - today > timedelta(days=FUTURE_WINDOW_DAYS):
        return _safe_date(today.year - 1, month, day)
    return candidate


def _full_year(year_text: str) -> int:
    year = int(year_text)
    return 2000 + year if len(year_text) == 2 else year


def parse_date(text: str | None, today: date) -> date | None:
    """A calendar date in pt-PT free text, relative to ``today``.

    Accepts "hoje", "amanhã", "ontem", "anteontem", "depois de amanhã",
    "há 3 dias", "daqui a 5 dias", "22/12/2026", "22-12-2026", "22.12.26",
    "2026-12-22", "22 de dezembro [de 2026]", "vinte e dois de dezembro",
    "1 de maio", "22/12". Impossible dates ("31/02/2026") -> ``None``.
    Without a year, see ``FUTURE_WINDOW_DAYS``.
    """
    if not text:
        return None
    norm = after_correction(normalise(text))

    for phrase, offset in _RELATIVE_DAYS.items():
        if re.search(rf"\b{phrase}\b", norm):
            return today + timedelta(days=offset)

    digits = numbers_as_digits(norm)
    ago = re.search(r"\b(?:ha|faz)\s+(\d+)\s+(dias?|semanas?|mes|meses)\b", digits)
    ahead = re.search(r"\bdaqui a\s+(\d+)\s+(dias?|semanas?|mes|meses)\b", digits)
    for match, sign in ((ago, -1), (ahead, 1)):
        if match:
            n = int(match.group(1)) * sign
            unit = match.group(2)
            if unit.startswith("dia"):
                return today + timedelta(days=n)
            if unit.startswith("semana"):
                return today + timedelta(weeks=n)
            return today + relativedelta(months=n)

    iso = re.search(r"\b(\d{4})-(\d{1,2})-(\d{1,2})\b", digits)
    if iso:
        return _safe_date(int(iso.group(1)), int(iso.group(2)), int(iso.group(3)))

    numeric = re.search(r"\b(\d{1,2})[/.-](\d{1,2})(?:[/.-](\d{4}|\d{2}))?\b", digits)
    if numeric:
        day, month = int(numeric.group(1)), int(numeric.group(2))
        if numeric.group(3):
            return _safe_date(_full_year(numeric.group(3)), month, day)
        return _infer_year(month, day, today)

    # Every "<day> [de] <word>" pair is tried: in "recebi uma carta a 22 de
    # dezembro" the first pair is "1 carta" ("uma" became 1), not a date.
    pattern = r"\b(\d{1,2})\s*(?:de\s+)?([a-z]{3,})\.?(?:\s*(?:de\s+|,\s*)?(\d{4}))?"
    for words in re.finditer(pattern, digits):
        month = _month_number(words.group(2))
        if month is not None:
            day = int(words.group(1))
            if words.group(3):
                return _safe_date(int(words.group(3)), month, day)
            return _infer_year(month, day, today)
    return _weekday(norm, today)


_WEEKDAYS = {"segunda": 0, "terca": 1, "quarta": 2, "quinta": 3, "sexta": 4, "sabado": 5, "domingo": 6}
_WEEKDAY = r"(segunda|terca|quarta|quinta|sexta|sabado|domingo)(?:[- ]feira)?"
# "a semana passada na terça", "na terça da semana passada": that day of last week
_LAST_WEEK = re.compile(
    r"\b(?:(?:na|a) semana passada,?\s*(?:na|no|a|ao|em)?\s*" + _WEEKDAY
    + r"|" + _WEEKDAY + r",?\s*(?:da|na) semana passada)\b"
)
# "esta segunda", "nesta segunda-feira", "segunda desta semana": that day of this week
_THIS_WEEK = re.compile(
    r"\b(?:esta|nesta|desta|este|neste)\s+" + _WEEKDAY + r"|\b" + _WEEKDAY + r"\s+(?:desta|nesta|esta) semana\b"
)
# "sexta passada", "na terça", "no sábado": the last such day before today
_LAST_DAY = re.compile(r"\b(?:(?:na|no|a|ao|em|n[ao] passad[oa])\s+)?" + _WEEKDAY + r"(?:\s+(passad[oa]))?\b")


def _weekday(norm: str, today: date) -> date | None:
    """A day of the week said in words ("a semana passada na terça", "esta segunda",
    "sexta passada", "na terça"), read as the day it names around ``today``: things
    told to the assistant have happened, so a bare weekday is the last one before today."""
    monday = today - timedelta(days=today.weekday())
    last = _LAST_WEEK.search(norm)
    if last:
        day = _WEEKDAYS[last.group(1) or last.group(2)]
        return monday - timedelta(days=7) + timedelta(days=day)
    this = _THIS_WEEK.search(norm)
    if this:
        return monday + timedelta(days=_WEEKDAYS[this.group(1) or this.group(2)])
    for bare in _LAST_DAY.finditer(norm):
        # "segunda" is also "second" ("a segunda via") and "quinta" a farm: a bare weekday
        # counts with "feira" or "passada", at the end of a phrase, or as "na terça porque…"
        rest = norm[bare.end():]
        explicit = "feira" in bare.group(0) or bare.group(2)
        prefixed = bare.group(0) != bare.group(1)
        ends = re.match(r"\s*(?:$|[,.;:!?])", rest)
        connector = re.match(r"\s*(?:pq|porque|e|que|mas|de manha|a tarde|a noite|dia|quando)\b", rest)
        if not (explicit or ends or (prefixed and connector)):
            continue
        back = (today.weekday() - _WEEKDAYS[bare.group(1)]) % 7 or 7
        return today - timedelta(days=back)
    return None


_MONTH_YEAR = re.compile(r"\b([a-z]{3,10})\.?\s+(?:de\s+)?(\d{4})\b")


def parse_month_year(text: str | None) -> date | None:
    """"em março de 2026", "desde marco 2026" -> 2026-03-01: a month without its day,
    for counts in months (the renewal starts in a month, whatever the day). ``None``
    when no month and year are said."""
    if not text:
        return None
    digits = numbers_as_digits(after_correction(normalise(text)))
    for m in _MONTH_YEAR.finditer(digits):
        month = _month_number(m.group(1))
        year = int(m.group(2))
        if month is not None and 1990 <= year <= 2100:
            return date(year, month, 1)
    return None
