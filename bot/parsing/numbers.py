"""Shared text plumbing: normalising pt-PT text, number words to digits,
self-corrections ("enganei-me, ...") and the small-number table."""

from __future__ import annotations

import difflib
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
    # Dictated decimals: "532 virgula 50" (text2num knows only the accented "vírgula",
    # which the folded text no longer has).
    converted = re.sub(r"\b(\d+) virgula (\d{1,2})\b", r"\1,\2", converted)
    return re.sub(
        r"\b(" + "|".join(_SMALL_NUMBERS) + r")\b",
        lambda m: str(_SMALL_NUMBERS[m.group(1)]),
        converted,
    )


# A minus sign or "menos" before a number: amounts and counts are never negative.
NEGATIVE = re.compile(r"(?:^|[\s(])(?:-|\u2212|menos\s)\s*\d")


def fold(text: str) -> str:
    """Lower case without accents, one character for one: offsets into the
    result are offsets into ``text`` ("Não" -> "nao")."""
    out = []
    for ch in text:
        if ch in "\u00ba\u00aa":
            out.append(" ")
            continue
        base = [c for c in unicodedata.normalize("NFKD", ch.lower()) if not unicodedata.combining(c)]
        out.append(base[0] if base else " ")
    return "".join(out)


class Digitised:
    """A message folded and with number words as digits ("seiscentos euros" ->
    "600 euros"), remembering where each character came from, so a value read
    here can point at its words in the original text."""

    def __init__(self, text: str) -> None:
        self.original = text
        folded = fold(text)
        # "2 mil", "1,5 mil": text2num would read "mil" on its own ("2 1000")
        scaled = re.sub(r"(?<![\d.,])(\d+)(?:[.,](\d+))?\s*mil\b",
                        lambda m: str(int(m.group(1)) * 1000 + (int(m.group(2).ljust(3, "0")[:3]) if m.group(2) else 0)),
                        folded)
        self.text = numbers_as_digits(scaled)
        self._map = _align(folded, self.text)

    def span(self, start: int, end: int) -> tuple[int, int]:
        """The original text's (start, end) for this text's [start, end)."""
        if not self._map:
            return (0, 0)
        end = max(end, start + 1)
        first = self._map[min(start, len(self._map) - 1)][0]
        last = self._map[min(end - 1, len(self._map) - 1)][1]
        return (first, max(last, first + 1))


def _align(source: str, target: str) -> list[tuple[int, int]]:
    """For each character of ``target``, the (start, end) in ``source`` it stands for."""
    mapping: list[tuple[int, int]] = [(0, 0)] * len(target)
    matcher = difflib.SequenceMatcher(None, source, target, autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        for j in range(j1, j2):
            mapping[j] = (i1 + (j - j1), i1 + (j - j1) + 1) if op == "equal" else (i1, max(i2, i1 + 1))
    return mapping
