"""The shapes of personal data in free text, shared by every scrubber.

One pattern set serves both places that mask personal data: stored
conversations (``bot.redaction``) and log records (``bot.serving.log_privacy``).
Each caller chooses its own marker.

- An identifier: a run of digits, possibly grouped with spaces, dots or dashes,
  in which some consecutive groups add up to 9 (NIF) or 11 (NISS) digits, or
  that has 11 digits or more (a phone number with its country code, an IBAN's
  digits). Dates and times do not add up that way ("2026-05-09 12" is 4+2+2+2).
- An e-mail address: something@domain.tld; an apostrophe inside the local part
  («o'brien@…») is part of the address, a quote before it is not.

Digits are matched with ``\\d`` on str patterns, so Arabic-Indic or full-width
digits count too.
"""

from __future__ import annotations

import re

NIF_DIGITS = 9
NISS_DIGITS = 11

_SEPARATORS = r"[ \t\u00a0\u202f.\-\u2010-\u2015]"
# A leading "+" goes with the number: "+351 912 345 678".
_DIGIT_RUN = re.compile(rf"(?<!\d)\+?\d+(?:{_SEPARATORS}\d+)*(?!\d)")
_GROUP_SPLIT = re.compile(_SEPARATORS)
_NOT_IN_ADDRESS = r"\s@<>()\[\]{}\",;:"
EMAIL = re.compile(
    rf"[^{_NOT_IN_ADDRESS}'][^{_NOT_IN_ADDRESS}]*@[^{_NOT_IN_ADDRESS}']+\.[^{_NOT_IN_ADDRESS}']+"
)


def is_identifier_run(digits: str) -> bool:
    """Whether a run of grouped digits holds a NIF or NISS (or is that long)."""
    groups = [len(g) for g in _GROUP_SPLIT.split(digits.lstrip("+"))]
    if sum(groups) >= NISS_DIGITS:
        return True
    # A NIF may hide in a longer run ("2 123 456 789").
    for start in range(len(groups)):
        total = 0
        for length in groups[start:]:
            total += length
            if total in (NIF_DIGITS, NISS_DIGITS):
                return True
            if total > NISS_DIGITS:
                break
    return False


def mask_identifiers(text: str, marker: str) -> str:
    """``text`` with every NIF-, NISS- or phone-shaped run of digits replaced by ``marker``."""
    return _DIGIT_RUN.sub(lambda m: marker if is_identifier_run(m.group()) else m.group(), text)


def mask_emails(text: str, marker: str) -> str:
    return EMAIL.sub(marker, text)
