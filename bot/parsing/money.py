"""Amounts of money in pt-PT free text."""

from __future__ import annotations

import re
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from bot.parsing.numbers import NEGATIVE, after_correction, normalise, numbers_as_digits

CENT = Decimal("0.01")

_ZERO_PHRASES = re.compile(
    r"\b(?:nao tenho|nao recebo|nao ganho|nada|zero|nenhum|nenhuma|sem rendimentos?|"
    r"sem salario|sem dinheiro|sem poupancas|nao temos|nao recebemos|nao ha|nao existe|nao existem)\b"
    # A bare "não" answers "how much …?" with nothing.
    r"|^\s*(?:nao|n)\s*[.!]*\s*$"
)
_CURRENCY = r"(?:€|eur\b|euros?\b)"
# An amount: digits with optional thousands groups (". ", " ", "\u202f") and
# optional decimals after "," or ".".
_AMOUNT = re.compile(
    r"(?<![\d.,])(\d{1,3}(?:[.\s\u202f](?:\d{3}))+(?:[.,]\d{1,2})?|\d+(?:[.,]\d+)?)"
)
_SCALED = re.compile(r"(?<![\d.,])(\d+(?:[.,]\d+)?)\s*(mil|milhao|milhoes)\b")
_MULTIPLIERS = {"mil": 1000, "milhao": 1_000_000, "milhoes": 1_000_000}


def _expand_scaled(match: re.Match[str]) -> str:
    value = Decimal(match.group(1).replace(",", "."))
    return str(value * _MULTIPLIERS[match.group(2)])


def to_decimal(token: str) -> Decimal | None:
    """'1.234,56' / '1 234,56' / '1234.56' / '1.234' -> Decimal.

    A single "." or "," followed by exactly three digits is a thousands
    separator (pt-PT writes "1.234" for one thousand two hundred and
    thirty-four); with one or two digits it is the decimal separator.
    """
    token = re.sub(r"[\s\u202f]", "", token)
    if "," in token and "." in token:
        decimal_sep = "," if token.rfind(",") > token.rfind(".") else "."
        thousands = "." if decimal_sep == "," else ","
        token = token.replace(thousands, "").replace(decimal_sep, ".")
    elif "," in token or "." in token:
        sep = "," if "," in token else "."
        head, _, tail = token.rpartition(sep)
        if len(tail) == 3 or token.count(sep) > 1:
            token = token.replace(sep, "")
        else:
            token = head.replace(sep, "") + "." + tail
    try:
        return Decimal(token)
    except InvalidOperation:
        return None


def parse_money(text: str | None) -> Decimal | None:
    """A monthly amount or a balance in euros, or ``None`` if there is none.

    "1.234,56 €", "1 234,56", "1234.56", "600€", "seiscentos euros",
    "mil e duzentos", "1,5 mil" -> Decimal; "não tenho", "nada", "zero",
    "nenhum" -> 0; negative amounts -> ``None``. When several amounts appear,
    the first one written with a currency word or sign wins, else the first.
    """
    if not text:
        return None
    norm = after_correction(normalise(text))
    # "1,5 mil" / "2 mil": text2num would read "mil" on its own.
    norm = _SCALED.sub(_expand_scaled, norm)
    digits = numbers_as_digits(norm)
    if NEGATIVE.search(digits):
        return None
    # "1234 euros e 50 centimos", "555 euros e 20"
    cents = re.search(r"(\d+)\s*(?:€|euros?)\s*e\s*(\d{1,2})\s*(?:(?:centimos?|cent)\b|$)", digits)
    if cents:
        return (Decimal(cents.group(1)) + Decimal(cents.group(2)) / 100).quantize(CENT)
    matches = list(_AMOUNT.finditer(digits))
    if not matches:
        return Decimal("0.00") if _ZERO_PHRASES.search(norm) else None
    tagged = [
        m for m in matches
        if re.match(r"\s*" + _CURRENCY, digits[m.end():])
        or re.search(r"€\s*$", digits[:m.start()])
    ]
    chosen = (tagged or matches)[0]
    value = to_decimal(chosen.group(1))
    if value is None:
        return None
    return value.quantize(CENT, rounding=ROUND_HALF_UP)


