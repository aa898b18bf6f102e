"""Normalise and validate text that people type, before it is stored or shown.

Used at the store boundary (``bot.store.requests``, whoever calls it) and by the
conversation readers. Every check raises ``bot.errors.InputError`` with a pt-PT
reason on one line; the value itself is never quoted in the message, so a
hostile value cannot reach logs or terminals through an error.

What an attacker tried, and what stops it here:

- markup and links (``<script>``, ``javascript:``): names and addresses accept
  only a whitelist of characters;
- control characters (NUL, ANSI escapes), format and bidirectional controls
  (right-to-left override, zero-width space, BOM), private-use, unassigned and
  surrogate code points: refused everywhere;
- fake extra lines ("\\n• NIF ..."): one-line fields refuse line breaks;
- huge values: every field has a maximum length (named constants);
- digits of other scripts (full-width, Arabic-Indic...) in identifiers:
  folded to ASCII, so the same number is always stored the same way;
- look-alike names (a Cyrillic "а" inside a Latin name): one script, Latin;
- formulas in a spreadsheet export and escapes on a staff terminal:
  ``csv_safe`` and ``terminal_safe`` for output.

This module has no Rasa and no database import.
"""

from __future__ import annotations

import re
import unicodedata

from email_validator import EmailNotValidError, validate_email

from bot.errors import InputError

__all__ = [
    "ADDRESS_MAX_LENGTH",
    "EMAIL_MAX_LENGTH",
    "NAME_MAX_LENGTH",
    "NAME_MIN_LENGTH",
    "clean_email",
    "clean_identifier",
    "clean_name",
    "clean_one_line",
    "clean_paragraph",
    "clean_postal_address",
    "csv_safe",
    "fold_digits",
    "normalise",
    "terminal_safe",
]

# Longest raw input looked at: beyond this, the value is refused before any
# normalisation work (no legitimate field comes close; it bounds the cost).
RAW_MAX_LENGTH = 10_000

NAME_MIN_LENGTH = 2
NAME_MAX_LENGTH = 120
NAME_MIN_LETTERS = 2
# Portuguese records write names in Latin script (with accents); a name mixing
# scripts is the classic look-alike trick ("Mаria" with a Cyrillic "а").
NAME_SCRIPTS = frozenset({"LATIN"})
NAME_PUNCTUATION = frozenset(" '-.")

ADDRESS_MAX_LENGTH = 200
ADDRESS_PUNCTUATION = frozenset(" ,.ºª°/-'()#&")
# The street part before the postal code needs at least a word of this many letters.
ADDRESS_MIN_STREET_LETTERS = 2
# CP4-CP3: four digits (the first not 0), a hyphen, three digits; then the locality.
_POSTAL_CODE = re.compile(r"(?<![0-9])([1-9][0-9]{3}) ?- ?([0-9]{3})(?![0-9])")
_LOCALITY = re.compile(r" ?,? ?[^\W\d_]{2,}")

# RFC 5321: at most 254 characters in a forward path.
EMAIL_MAX_LENGTH = 254

# Ordinal indicators are "compatibility" characters that NFKC turns into
# plain "o"/"a"; in "2.º esq." they carry meaning, so they are kept.
_KEPT_BY_NFKC = "ºª"
_SPLIT_KEPT = re.compile(f"([{_KEPT_BY_NFKC}])")

# Typographic apostrophes and dashes (phone keyboards' autocorrect) -> ASCII.
_TYPOGRAPHIC = str.maketrans({
    "\u2018": "'", "\u2019": "'", "\u02bc": "'", "\u00b4": "'",
    "\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2013": "-", "\u2014": "-", "\u2212": "-",
})

# Categories never accepted in stored text: control, format (bidi overrides,
# zero-width characters, BOM), surrogate, private use, unassigned.
_REFUSED_CATEGORIES = frozenset({"Cc", "Cf", "Cs", "Co", "Cn"})
# Line and paragraph separators, besides the Cc line breaks (\n, \r, \v, \f, NEL).
_LINE_BREAK_CATEGORIES = frozenset({"Zl", "Zp"})
_LINE_BREAKS = frozenset("\n\r\v\f\x1c\x1d\x1e\x85\u2028\u2029")
# Tabs are spacing, not control: they become a plain space.
_SPACING_CONTROLS = frozenset("\t")

# A spreadsheet runs a cell starting with one of these as a formula (OWASP
# "CSV injection"); tab and carriage return can precede such a character.
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
# Shown escaped on a terminal: everything that moves the cursor, changes
# colours, reorders text or is invisible.
_UNSAFE_FOR_DISPLAY = _REFUSED_CATEGORIES | _LINE_BREAK_CATEGORIES


# --------------------------------------------------------------------------- basics

def _require_text(value: object, field: str) -> str:
    if not isinstance(value, str):
        raise InputError(f"{field} tem de ser texto")
    if len(value) > RAW_MAX_LENGTH:
        raise InputError(f"{field} excede o limite de {RAW_MAX_LENGTH} caracteres")
    return value


def normalise(text: str) -> str:
    """Unicode NFKC (full-width letters, ligatures, "ﬁ"...), keeping "º" and "ª"."""
    parts = _SPLIT_KEPT.split(text)
    return "".join(part if part in _KEPT_BY_NFKC else unicodedata.normalize("NFKC", part)
                   for part in parts)


def fold_digits(text: str) -> str:
    """Every decimal digit of any script as its ASCII digit: "١٢٣" and "１２３" -> "123"."""
    return "".join(str(unicodedata.decimal(ch)) if ch.isdecimal() and not ch.isascii() else ch
                   for ch in text)


def _check_characters(text: str, field: str, *, line_breaks: bool) -> None:
    """Refuse invisible/control characters; line breaks only where ``line_breaks``."""
    for ch in text:
        if ch in _LINE_BREAKS or unicodedata.category(ch) in _LINE_BREAK_CATEGORIES:
            if not line_breaks:
                raise InputError(f"{field} tem de estar numa só linha")
            continue
        if ch in _SPACING_CONTROLS:
            continue
        if unicodedata.category(ch) in _REFUSED_CATEGORIES:
            raise InputError(f"{field} contém caracteres de controlo ou invisíveis, que não são aceites")


def _collapse_spaces(text: str) -> str:
    return " ".join(text.split())


def _check_length(text: str, field: str, maximum: int) -> None:
    if len(text) > maximum:
        raise InputError(f"{field} excede o limite de {maximum} caracteres")


def clean_one_line(value: object, *, field: str, max_length: int) -> str:
    """Free text on one line: NFKC, no control/invisible characters, spaces collapsed.

    Returns ``""`` for blank text; the caller decides whether blank is allowed.
    """
    text = normalise(_require_text(value, field))
    _check_characters(text.strip(), field, line_breaks=False)
    text = _collapse_spaces(text)
    _check_length(text, field, max_length)
    return text


def clean_paragraph(value: object, *, field: str, max_length: int) -> str:
    """Free text kept as one paragraph: line breaks become spaces, nothing invisible."""
    text = normalise(_require_text(value, field))
    _check_characters(text, field, line_breaks=True)
    text = _collapse_spaces(text)
    _check_length(text, field, max_length)
    return text


# --------------------------------------------------------------------------- identifiers

def clean_identifier(value: object, *, field: str = "o número") -> str:
    """NFKC and ASCII digits, for NIF, NISS and registration numbers typed in any digits.

    Separators are left for ``bot.identifiers.compact``; invisible characters
    are refused, so "123\\u200b456789" is never taken for "123456789".
    """
    text = fold_digits(normalise(_require_text(value, field)))
    _check_characters(text.strip(), field, line_breaks=False)
    return _collapse_spaces(text)  # a tab between groups becomes one space


# --------------------------------------------------------------------------- names

def _script(ch: str) -> str:
    """First word of the character's Unicode name: "LATIN", "CYRILLIC", "GREEK"..."""
    return unicodedata.name(ch, "UNKNOWN").split(" ", 1)[0]


def _check_letters_script(text: str, field: str) -> None:
    scripts = {_script(ch) for ch in text if ch.isalpha() and ch not in _KEPT_BY_NFKC}
    if len(scripts) > 1:
        raise InputError(f"{field} mistura alfabetos diferentes (por exemplo letras latinas e cirílicas)")
    if scripts - NAME_SCRIPTS:
        raise InputError(f"{field} tem de usar caracteres latinos, como no documento de identificação")


def clean_name(value: object, *, field: str = "o nome") -> str:
    """A person's name: Latin letters (accents included), spaces, ' - . only.

    "  Ana   d’Almeida " -> "Ana d'Almeida". 2 to 120 characters, at least two
    letters, starting with a letter.
    """
    text = clean_one_line(_require_text(value, field).translate(_TYPOGRAPHIC),
                          field=field, max_length=NAME_MAX_LENGTH)
    if not text:
        raise InputError(f"falta {field}")
    if any(not (ch.isalpha() or ch in NAME_PUNCTUATION) or ch in _KEPT_BY_NFKC for ch in text):
        raise InputError(f"{field} só pode ter letras, espaços, apóstrofos, hífenes e pontos")
    _check_letters_script(text, field)
    if len(text) < NAME_MIN_LENGTH or sum(ch.isalpha() for ch in text) < NAME_MIN_LETTERS:
        raise InputError(f"{field} tem de ter pelo menos {NAME_MIN_LETTERS} letras")
    if not text[0].isalpha():
        raise InputError(f"{field} tem de começar por uma letra")
    return text


# --------------------------------------------------------------------------- postal address

def clean_postal_address(value: object, *, field: str = "a morada") -> str:
    """A Portuguese postal address on one line: street, then CP4-CP3 and the locality.

    "Rua das Flores, 12, 2.º esq., 4000 - 123 Porto" -> "Rua das Flores, 12, 2.º esq.,
    4000-123 Porto". Letters, digits, spaces and ``, . º ª ° / - ' ( ) # &`` only:
    no markup, no links, no line breaks. At most 200 characters.
    """
    raw = _require_text(value, field).translate(_TYPOGRAPHIC)
    text = fold_digits(clean_one_line(raw, field=field, max_length=ADDRESS_MAX_LENGTH))
    text = text.strip(" ,")
    if not text:
        raise InputError(f"falta {field}")
    if any(not (ch.isalnum() or ch in ADDRESS_PUNCTUATION) for ch in text):
        raise InputError(f"{field} só pode ter letras, algarismos, espaços e a pontuação , . º ª ° / - ' ( ) # &")
    if any(ch.isdigit() and not ch.isascii() for ch in text):
        raise InputError(f"{field} só pode ter algarismos comuns (0 a 9)")
    _check_letters_script(text, field)
    if not text[0].isalnum():
        raise InputError(f"{field} tem de começar pela rua (uma letra ou um algarismo)")
    for match in _POSTAL_CODE.finditer(text):
        street = text[:match.start()]
        locality = _LOCALITY.match(text, match.end())
        if locality and re.search(rf"[^\W\d_]{{{ADDRESS_MIN_STREET_LETTERS},}}", street):
            return f"{street}{match.group(1)}-{match.group(2)}{text[match.end():]}"
    raise InputError(
        f"{field} tem de ter a rua, o código postal (por exemplo 1000-001) e a localidade, por esta ordem"
    )


# --------------------------------------------------------------------------- e-mail

def clean_email(value: object, *, field: str = "o endereço de e-mail") -> str:
    """An e-mail address checked by ``email-validator`` (syntax only, no DNS query).

    Returns the library's normalised form (domain in lower case, Unicode NFC)
    and nothing else changed: "o'brien@example.pt" stays as it is.
    """
    text = _require_text(value, field).strip()
    if not text:
        raise InputError(f"falta {field}")
    _check_characters(text, field, line_breaks=False)
    _check_length(text, field, EMAIL_MAX_LENGTH)
    try:
        result = validate_email(text, check_deliverability=False)
    except EmailNotValidError:
        # The library's reason is in English: give a pt-PT one.
        raise InputError(f"{field} não tem um formato válido (exemplo: nome@exemplo.pt)") from None
    normalized = result.normalized
    _check_length(normalized, field, EMAIL_MAX_LENGTH)
    return normalized


# --------------------------------------------------------------------------- output

def _escape(ch: str) -> str:
    """"\\x1b" -> "\\\\x1b", "\\u202e" -> "\\\\u202e" (Python's own escapes)."""
    return ch.encode("unicode_escape").decode("ascii")


def terminal_safe(value: object) -> str:
    """``value`` as text that cannot drive a terminal: control, invisible and
    reordering characters (ESC, NUL, line breaks, RLO, zero-width...) shown as escapes."""
    text = "" if value is None else str(value)
    return "".join(_escape(ch) if unicodedata.category(ch) in _UNSAFE_FOR_DISPLAY else ch
                   for ch in text)


def csv_safe(value: object) -> object:
    """A CSV cell that a spreadsheet shows as text, never runs as a formula.

    Text starting with ``= + - @``, tab or carriage return gets a leading
    apostrophe; control and invisible characters (a NUL included) are escaped.
    Numbers, booleans and ``None`` are returned unchanged.
    """
    if not isinstance(value, str):
        return value
    safe = terminal_safe(value)
    return "'" + safe if value.startswith(_FORMULA_STARTS) else safe
