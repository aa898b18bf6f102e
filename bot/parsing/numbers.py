"""Shared text plumbing: normalising pt-PT text, number words to digits,
self-corrections ("enganei-me, ...") and the small-number table."""

from __future__ import annotations

import re
import unicodedata

from text_to_num import alpha2digit


def normalise(text: str) -> str:
    """Lower case, no accents, single spaces: "  Não  TENHO " -> "nao tenho"."""
    # "º"/"ª" (ordinal indicators) would decompose to letters ("1º" -> "1o"): drop them first.
    text = text.replace("\u00ba", "").replace("\u00aa", "")
    decomposed = unicodedata.normalize("NFKD", text)
    no_marks = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return re.sub(r"\s+", " ", no_marks.lower()).strip()


# Small numbers written as words, masculine and feminine; a safety net for
# what text2num leaves as words.
_SMALL_NUMBERS = {
    "zero": 0, "um": 1, "uma": 1, "dois": 2, "duas": 2, "tres": 3, "quatro": 4,
    "cinco": 5, "seis": 6, "sete": 7, "oito": 8, "nove": 9, "dez": 10,
    "onze": 11, "doze": 12,
}

# Where a person corrects themselves, only what follows counts.
_CORRECTION = re.compile(
    r"\b(?:enganei-me|enganei me|engano meu|quer dizer|quero dizer|alias|corrijo|"
    r"corrigindo|afinal|ou melhor|desculpe)\b"
)


def after_correction(text: str) -> str:
    parts = _CORRECTION.split(text)
    if len(parts) == 1:
        return text
    tail = parts[-1].strip(" ,.;:!-")
    return tail if tail else text


def numbers_as_digits(text: str) -> str:
    """Normalised text with number words turned into digits."""
    # text2num writes ordinals as "1º": keep the number only.
    converted = alpha2digit(text, "pt", threshold=0).replace("\u00ba", "").replace("\u00aa", "")
    return re.sub(
        r"\b(" + "|".join(_SMALL_NUMBERS) + r")\b",
        lambda m: str(_SMALL_NUMBERS[m.group(1)]),
        converted,
    )


# A minus sign or "menos" before a number: amounts and counts are never negative.
NEGATIVE = re.compile(r"(?:^|[\s(])(?:-|\u2212|menos\s)\s*\d")
