"""Numbers as a phone caller says them, written as the parsers read them (pt-PT).

On the phone a NIF is said digit by digit ("dois três quatro cinco…"), a postal
code as "quatro mil e cem traço zero zero um", a registration number as "dois
mil e vinte e seis barra quarenta e dois"; the recogniser writes them in words,
in digits with spaces ("2 3 4") or mixed ("duzentos e 30"). The assistant's
parsers (bot.parsing) already read number words in ordinary answers ("um
filho", "duzentos euros", "três de março"), so this module changes only what
they cannot read:

- three or more numbers in a row, said one after the other, are one identifier:
  "dois três quatro" -> "234", "2 3 4" -> "234", "912, 345, 678" -> "912345678";
- a number half in words, half in digits: "duzentos e 30" -> "230";
- "traço", "barra" and "vírgula" between two numbers: "4100 traço 001" ->
  "4100-001", "2026 barra 42" -> "2026/42", "230 vírgula 50" -> "230,50".

Everything else is left as it was said: "um filho" stays "um filho". Pure
text functions, no Rasa import; the phone channel calls ``normalise``.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

_UNITS = {"zero": 0, "um": 1, "dois": 2, "duas": 2, "tres": 3, "quatro": 4, "cinco": 5,
          "seis": 6, "sete": 7, "oito": 8, "nove": 9}
_TEENS = {"dez": 10, "onze": 11, "doze": 12, "treze": 13, "catorze": 14, "quatorze": 14,
          "quinze": 15, "dezasseis": 16, "dezesseis": 16, "dezassete": 17, "dezessete": 17,
          "dezoito": 18, "dezanove": 19, "dezenove": 19}
_TENS = {"vinte": 20, "trinta": 30, "quarenta": 40, "cinquenta": 50, "sessenta": 60,
         "setenta": 70, "oitenta": 80, "noventa": 90}
_HUNDREDS = {"cem": 100, "cento": 100, "duzentos": 200, "duzentas": 200, "trezentos": 300,
             "trezentas": 300, "quatrocentos": 400, "quatrocentas": 400, "quinhentos": 500,
             "quinhentas": 500, "seiscentos": 600, "seiscentas": 600, "setecentos": 700,
             "setecentas": 700, "oitocentos": 800, "oitocentas": 800, "novecentos": 900,
             "novecentas": 900}
_THOUSAND = "mil"
# Said between two numbers, these words are the characters written there.
_JOINERS = {"traco": "-", "hifen": "-", "barra": "/", "virgula": ","}
# A pause the recogniser wrote between two pieces of one number.
_COMMA_GAP = re.compile(r"\s*,\s*")
# A run this long is an identifier or a code, not a list of separate numbers.
MIN_RUN = 3

_TOKEN = re.compile(r"\d+(?:[.,]\d+)*|[^\W\d_]+|\s+|.", re.UNICODE)


def _fold(word: str) -> str:
    decomposed = unicodedata.normalize("NFKD", word.lower())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


@dataclass
class _Number:
    """A number found in the text: tokens [start, end), its value, how it was said."""

    start: int
    end: int
    digits: str  # as it is to be written: "001" keeps its zeros
    words: bool  # said (at least partly) in words
    integer: bool = True  # digits only ("250,50" is not)
    changed: bool = False  # written differently from how it was said

    @property
    def value(self) -> int:
        return int(self.digits)


def _group(tokens: list[str], i: int) -> tuple[int, int, int] | None:
    """A number below one thousand in words from token i: (value, next token, parts).

    Parts after the first need "e" ("duzentos e trinta e quatro"), as pt-PT
    says them; "vinte três" is two numbers, as a caller reading digits says them.
    """
    value, parts, last, j = 0, 0, None, i
    while j < len(tokens):
        k = j
        if parts:
            # "e" between parts: skip the spaces around it.
            if k + 2 < len(tokens) and tokens[k].isspace() and _fold(tokens[k + 1]) == "e" \
                    and tokens[k + 2].isspace():
                k += 3
            else:
                break
        word = _fold(tokens[k]) if k < len(tokens) else ""
        if word in _HUNDREDS and last is None:
            step, kind = _HUNDREDS[word], "H"
        elif word in _TENS and last in (None, "H"):
            step, kind = _TENS[word], "T"
        elif word in _TEENS and last in (None, "H"):
            step, kind = _TEENS[word], "U"
        elif word in _UNITS and last in (None, "H", "T") and (word != "zero" or last is None):
            step, kind = _UNITS[word], "U"
        else:
            break
        if word == "cem" and k + 2 < len(tokens) and _fold(tokens[k + 2]) == "e":
            break  # "cem e dez" is not said: "cento e dez"
        value += step
        parts += 1
        last = kind
        j = k + 1
        if word == "zero":
            break
    return (value, j, parts) if parts else None


def _spaces_then(tokens: list[str], i: int, word: str) -> int | None:
    """The index after ``word`` if tokens[i:] is spaces then ``word``, else None."""
    if i + 1 < len(tokens) and tokens[i].isspace() and _fold(tokens[i + 1]) == word:
        return i + 2
    return None


def _number_at(tokens: list[str], i: int) -> _Number | None:
    """The number that starts at token i, in digits, words or "2 mil e 300"."""
    token = tokens[i]
    if token[0].isdigit():
        if not token.isdigit():
            return _Number(i, i + 1, token, words=False, integer=False)
        after = _spaces_then(tokens, i + 1, _THOUSAND)
        if after is None:
            return _Number(i, i + 1, token, words=False)
        thousands, j = int(token) * 1000, after
    else:
        group = _group(tokens, i)
        if _fold(token) == _THOUSAND:
            thousands, j = 1000, i + 1
        elif group is None:
            return None
        else:
            value, j, _ = group
            after = _spaces_then(tokens, j, _THOUSAND)
            if after is None or value == 0:
                return _Number(i, j, str(value), words=True)
            thousands, j = value * 1000, after
    # After "mil": the rest, with or without "e" ("mil e cem", "mil duzentos").
    for skip in ((" ", "e", " "), (" ",)):
        k = j + len(skip)
        if k < len(tokens) and all(
            (tokens[j + n].isspace() if s == " " else _fold(tokens[j + n]) == s)
            for n, s in enumerate(skip)
        ):
            rest = _group(tokens, k)
            if rest is not None and rest[0] > 0:
                return _Number(i, rest[1], str(thousands + rest[0]), words=True)
    return _Number(i, j, str(thousands), words=True)


def _numbers(tokens: list[str]) -> list[_Number]:
    found, i = [], 0
    while i < len(tokens):
        number = _number_at(tokens, i) if not tokens[i].isspace() else None
        if number is None:
            i += 1
            continue
        found.append(number)
        i = number.end
    return found


def _between(tokens: list[str], left: _Number, right: _Number) -> str:
    return "".join(tokens[left.end:right.start])


def _trailing_zeros(value: int) -> int:
    count = 0
    while value and value % 10 == 0:
        value //= 10
        count += 1
    return count


def _mixed_sum(left: _Number, right: _Number, gap: str) -> str | None:
    """"duzentos e 30" -> "230": one side in words, the other in digits, and the
    second fills the zeros of the first, as a number said in full would."""
    if _fold(gap).strip() != "e" or not (left.integer and right.integer):
        return None
    if left.words == right.words:
        return None
    if left.value < 20 or len(str(right.value)) > _trailing_zeros(left.value):
        return None
    return str(left.value + right.value)


def _is_digit_item(number: _Number) -> bool:
    """A number that can be part of a longer one said in pieces: "nove", "912", "2"."""
    return number.integer and (not number.words or number.value < 1000)


def _runs(tokens: list[str], numbers: list[_Number]) -> list[list[_Number]]:
    """The numbers grouped as said one after the other.

    Pieces separated by spaces go together when all are said the same way (all in
    words or all in digits). A comma (a pause) is crossed only between pieces of two
    digits or more ("nove um dois, três quatro cinco"): "Rua do Sol três, quatro um
    zero zero…" keeps the door number apart from the postal code.
    """
    pieces: list[list[_Number]] = []
    for number in numbers:
        last = pieces[-1][-1] if pieces else None
        if (last is not None and _is_digit_item(last) and _is_digit_item(number)
                and last.words == number.words and _between(tokens, last, number).isspace()):
            pieces[-1].append(number)
        else:
            pieces.append([number])
    groups: list[list[list[_Number]]] = []
    for piece in pieces:
        if groups:
            before = groups[-1][-1]
            if (_is_digit_item(before[-1]) and _is_digit_item(piece[0])
                    and before[-1].words == piece[0].words
                    and _COMMA_GAP.fullmatch(_between(tokens, before[-1], piece[0]))
                    and _width(before) >= 2 and _width(piece) >= 2):
                groups[-1].append(piece)
                continue
        groups.append([piece])
    return [[n for piece in group for n in piece] for group in groups]


def _width(numbers: list[_Number]) -> int:
    return sum(len(n.digits) for n in numbers)


def _merge(tokens: list[str], numbers: list[_Number]) -> list[_Number]:
    """Applies the mixed sums, the runs and the joiners, left to right."""
    # 1. mixed sums ("duzentos e 30", "2 mil e 300")
    merged: list[_Number] = []
    for number in numbers:
        if merged:
            total = _mixed_sum(merged[-1], number, _between(tokens, merged[-1], number))
            if total is not None:
                merged[-1] = _Number(merged[-1].start, number.end, total, words=True, changed=True)
                continue
        merged.append(number)
    # 2. runs of MIN_RUN or more integers said one after the other
    runs: list[_Number] = []
    for group in _runs(tokens, merged):
        if len(group) >= MIN_RUN:
            digits = "".join(n.digits for n in group)
            runs.append(_Number(group[0].start, group[-1].end, digits, words=True, changed=True))
        else:
            runs.extend(group)
    # 3. joiners between two numbers ("4100 traço 001")
    result: list[_Number] = []
    for number in runs:
        if result:
            gap = _fold(_between(tokens, result[-1], number)).strip()
            if gap in _JOINERS and result[-1].integer and number.integer:
                # Still "integer" so a date can go on: "22 barra 12 barra 2026".
                result[-1] = _Number(result[-1].start, number.end,
                                     result[-1].digits + _JOINERS[gap] + number.digits,
                                     words=True, changed=True)
                continue
        result.append(number)
    return result


def normalise(text: str | None) -> str:
    """The caller's words with identifiers, codes and mixed numbers in digits.

    "o meu nif é dois três quatro cinco seis sete oito nove zero" ->
    "o meu nif é 234567890"; "quatro mil e cem traço zero zero um" -> "4100-001";
    "duzentos e 30 euros" -> "230 euros"; "tenho um filho" is unchanged.
    """
    if not text:
        return ""
    tokens = _TOKEN.findall(text)
    out: list[str] = []
    position = 0
    for number in _merge(tokens, _numbers(tokens)):
        if not number.changed:
            continue
        out.append("".join(tokens[position:number.start]))
        out.append(number.digits)
        position = number.end
    out.append("".join(tokens[position:]))
    return "".join(out)
