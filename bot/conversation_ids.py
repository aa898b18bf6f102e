"""Conversation ids that cannot be guessed or borrowed.

Whoever knows a conversation's id can continue it and read what was said in it
(NIF, NISS, e-mail). So the id is a bearer secret: it must carry at least 128
random bits, like a UUID4, and ids people or scripts pick by hand ("default",
"test", a phone number) are refused at the door.
"""

from __future__ import annotations

import math
import re
import secrets

# 128 bits, the strength of a random UUID (122 random bits) rounded to what
# hex and base64url ids of the usual lengths carry.
MIN_BITS = 128
MAX_LENGTH = 128
_UUID = re.compile(r"^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$")
_ALLOWED = re.compile(r"^[A-Za-z0-9_.\-]+$")
_HEX = re.compile(r"^[0-9a-fA-F]+$")
# A random id shows many distinct symbols; "aaaaaaaa…" or "1212121212…" do not.
# The bar is set so that a genuine random id is practically never refused: with
# 10 distinct symbols asked of every id, 1 random UUID in about 12 000 had fewer
# and was refused (measured over 200 000), which broke a real conversation now
# and then; below 6 (hex) or 8 (base64url) none of 200 000 fell.
MIN_DISTINCT_HEX = 6
MIN_DISTINCT = 8


def new_id() -> str:
    """A fresh random conversation id (128 bits, 32 hex characters)."""
    return secrets.token_hex(MIN_BITS // 8)


def _bits(value: str) -> float:
    """The most random bits a string of this length and alphabet could carry."""
    if _HEX.fullmatch(value):
        alphabet = 16
    elif value.isdigit():
        alphabet = 10
    else:
        alphabet = 64
    return len(value) * math.log2(alphabet)


def is_unguessable(sender: object) -> bool:
    """True when ``sender`` is shaped like a random id of at least 128 bits.

    Accepted: a UUID, 32+ hex characters, or 22+ base64url characters.
    Refused: missing, non-text, short, only digits, too few distinct symbols.
    """
    if not isinstance(sender, str) or not sender or len(sender) > MAX_LENGTH:
        return False
    if _UUID.fullmatch(sender):
        return len(set(sender.replace("-", "").lower())) >= MIN_DISTINCT_HEX
    if not _ALLOWED.fullmatch(sender) or sender.isdigit():
        return False
    core = sender.replace(".", "")  # "-" and "_" are base64url symbols
    distinct = MIN_DISTINCT_HEX if _HEX.fullmatch(core) else MIN_DISTINCT
    return _bits(core) >= MIN_BITS and len(set(core.lower())) >= distinct
