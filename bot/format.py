"""How money and dates are shown to people (pt-PT), using babel rather than hand-made rules."""

from __future__ import annotations

from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from babel.dates import format_date
from babel.numbers import format_currency, format_decimal

LOCALE = "pt_PT"
CENT = Decimal("0.01")


def to_cents(value: Decimal | int | str) -> Decimal:
    """Round a monetary value half-up to the cent (the rounding used in published examples)."""
    return Decimal(value).quantize(CENT, rounding=ROUND_HALF_UP)


def money(value: Decimal | int | str) -> str:
    """``Decimal("1234.56")`` -> ``"1 234,56 €"`` (babel uses no-break spaces)."""
    return format_currency(to_cents(value), "EUR", locale=LOCALE)


def money_plain(value: Decimal | int | str) -> str:
    """Money for JSON and machines: ``"217.91"``."""
    return f"{to_cents(value):.2f}"


def percent(share: Decimal) -> str:
    """``Decimal("0.7")`` -> ``"70 %"``; ``Decimal("0.43634")`` -> ``"43,634 %"``."""
    return f"{format_decimal(Decimal(share) * 100, format='#,##0.###', locale=LOCALE)}\xa0%"


def number(value: Decimal | int) -> str:
    """``Decimal("1.5")`` -> ``"1,5"``."""
    return format_decimal(value, locale=LOCALE)


def date_long(d: date) -> str:
    """``date(2027, 1, 7)`` -> ``"7 de janeiro de 2027"``."""
    return format_date(d, "d 'de' MMMM 'de' y", locale=LOCALE)


def date_short(d: date) -> str:
    """``date(2027, 1, 7)`` -> ``"07/01/2027"``."""
    return format_date(d, "dd/MM/y", locale=LOCALE)


def month_long(d: date) -> str:
    """``date(2027, 1, 7)`` -> ``"janeiro de 2027"``."""
    return format_date(d, "MMMM 'de' y", locale=LOCALE)


def weekday(d: date) -> str:
    """``date(2027, 1, 7)`` -> ``"quinta-feira"``."""
    return format_date(d, "EEEE", locale=LOCALE)
