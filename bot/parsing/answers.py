"""Short answers: how many, yes or no, "não sei"."""

from __future__ import annotations

import re

from bot.parsing.numbers import NEGATIVE, after_correction, normalise, numbers_as_digits

# «nada» to "how many children?" is an informal none.
_ZERO_COUNT = re.compile(r"\b(?:nenhum|nenhuma|zero|nao tenho|nao temos|nao ha|sem)\b|^(?:nao|nada)\b")


def parse_count(text: str | None) -> int | None:
    """How many: "dois", "duas", "três", "3", "tenho 2 filhos" -> int;
    "nenhum", "não tenho filhos" -> 0; no number, decimals or negatives -> ``None``.
    The first number in the text is taken.
    """
    if not text:
        return None
    norm = after_correction(normalise(text))
    if any(p in norm for p in UNSURE):
        return None
    digits = numbers_as_digits(norm)
    if NEGATIVE.search(digits):
        return None
    match = re.search(r"(?<![\d.,])\d+(?:[.,]\d+)?(?![\d.,])", digits)
    if match:
        if not match.group(0).isdigit():
            return None
        return int(match.group(0))
    return 0 if _ZERO_COUNT.search(norm) else None


# ---------------------------------------------------------------- yes / no

_YES_PHRASES = ("claro que sim", "com certeza", "pode ser", "isso mesmo", "e isso", "exatamente",
                "exactamente", "tenho sim", "quero sim", "sim senhor", "sim senhora", "por favor")
_NO_PHRASES = ("claro que nao", "de maneira nenhuma", "de modo nenhum", "nem pensar", "nada disso",
               "acho que nao", "ainda nao", "por enquanto nao")
UNSURE = ("nao sei", "talvez", "nao tenho a certeza", "nao tenho certeza", "depende", "sei la",
          "nao faco ideia", "nao faco a minima", "nao tenho ideia", "nao me lembro", "nao sabemos")
_YES_WORDS = {"sim", "s", "claro", "certo", "ok", "okay", "exato", "exacto", "correto", "correcto",
              "afirmativo", "concordo", "aceito", "yes", "yep", "sem duvida", "tenho", "quero",
              "confirmo", "verdade", "sss", "simm"}
_NO_WORDS = {"nao", "n", "no", "nope", "negativo", "nunca", "nenhum", "nenhuma", "naao", "nao.", "errado"}


def parse_yes_no(text: str | None) -> bool | None:
    """"sim", "s", "claro", "pode ser" -> True; "não", "nao", "n", "claro que não" -> False;
    "não sei", "talvez" or anything else -> ``None``. The first decisive word wins."""
    if not text:
        return None
    norm = normalise(text)
    if any(p in norm for p in UNSURE):
        return None
    for phrase in _NO_PHRASES:
        if phrase in norm:
            return False
    for phrase in _YES_PHRASES:
        if phrase in norm:
            return True
    for word in re.findall(r"[a-z]+", norm):
        if word in _NO_WORDS:
            return False
        if word in _YES_WORDS:
            return True
    if "👍" in text:
        return True
    return None


