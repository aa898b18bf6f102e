"""Portuguese personal identifiers: NIF (tax) and NISS (social security).

The NIF check uses python-stdnum. The NISS has 11 digits: the first is 1
(a person) or 2 (a collective body), the last is a check digit computed from
the first ten with the prime weights 29, 23, 19, 17, 13, 11, 7, 5, 3, 2:
check = 9 - (weighted sum mod 10).
"""

from __future__ import annotations

import re

from stdnum.pt import nif as _nif

from bot.cleaning import fold_digits, normalise

__all__ = [
    "MASK_CHARACTER", "clean_digits", "mask", "mask_nif", "mask_niss", "valid_nif", "valid_niss",
]

NISS_LENGTH = 11
NISS_WEIGHTS = (29, 23, 19, 17, 13, 11, 7, 5, 3, 2)
NISS_FIRST_DIGITS = ("1", "2")
# Stands for each hidden character of a masked value. Not "*": in web chats
# asterisks are Markdown emphasis ("**...**" would turn bold or vanish), and a
# bullet reads as a hidden digit. The phone line says it otherwise (bot.speech).
MASK_CHARACTER = "•"
# Last digits left visible, enough for a person to recognise their number.
MASK_VISIBLE_DIGITS = 3
# Separators people type inside numbers: "123 456 789", "123.456.789", "123-456-789".
_SEPARATORS = re.compile(r"[\s.\-/]")


def _ascii_digits(value: str) -> str:
    # Full-width ("１２３") and other scripts' digits ("١٢٣") typed or pasted
    # are the same number: one stored form, so lookups and erasure find it.
    return fold_digits(normalise(value))


def clean_digits(value: str | None) -> str:
    """Only the digits of ``value``, in ASCII: "PT 123.456.789" -> "123456789"."""
    if not value:
        return ""
    return re.sub(r"[^0-9]", "", _ascii_digits(value))


def compact(value: str | None) -> str:
    """Remove separators and a "PT" prefix but keep anything else, so "12a456789" stays invalid.

    Digits of any script become ASCII digits ("١٢٣٤٥٦٧٨٩" -> "123456789").
    """
    if not value:
        return ""
    result = _SEPARATORS.sub("", _ascii_digits(value).strip())
    if result[:2].upper() == "PT":
        result = result[2:]
    return result


def _ascii_number(value: str) -> bool:
    # str.isdigit() alone also accepts "²" and other scripts' digits.
    return value.isascii() and value.isdigit()


def valid_nif(value: str | None) -> bool:
    """True for a well-formed Portuguese NIF (9 digits, valid prefix and check digit)."""
    compact_value = compact(value)
    return _ascii_number(compact_value) and bool(_nif.is_valid(compact_value))


def niss_check_digit(first_ten: str) -> int:
    """The NISS check digit for its first ten digits."""
    total = sum(int(d) * w for d, w in zip(first_ten, NISS_WEIGHTS, strict=True))
    return 9 - total % 10


def valid_niss(value: str | None) -> bool:
    """True for an 11-digit NISS starting with 1 or 2 whose check digit matches."""
    compact_value = compact(value)
    if len(compact_value) != NISS_LENGTH or not _ascii_number(compact_value):
        return False
    if compact_value[0] not in NISS_FIRST_DIGITS:
        return False
    return niss_check_digit(compact_value[:10]) == int(compact_value[10])


def mask(value: str | None, visible: int = MASK_VISIBLE_DIGITS) -> str:
    """All but the last ``visible`` digits hidden: "123456789" -> "••••••789".

    One bullet per hidden digit, no spaces, so the mask stays one word (a line
    break never splits it). For screens and receipts where a person must
    recognise their number without it being readable by others; never log even
    the masked form together with a name.
    """
    digits = clean_digits(value)
    if not digits:
        return ""
    shown = digits[-visible:] if visible > 0 else ""
    return MASK_CHARACTER * (len(digits) - len(shown)) + shown


def mask_nif(value: str | None) -> str:
    """"123456789" -> "••••••789"."""
    return mask(value)


def mask_niss(value: str | None) -> str:
    """"12345678910" -> "••••••••910"."""
    return mask(value)
