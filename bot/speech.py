"""Turns the assistant's written replies into text a voice can read aloud (pt-PT).

The chat replies are written for a screen: bullet lists, "217,91 €", links to
www.seg-social.pt, buttons. On the phone line a speech synthesiser reads them, so
this module rewrites them into plain sentences. Pure text functions, no Rasa import:
the phone channel (`bot.channels.phone`) calls them.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from urllib.parse import urlsplit

from bot.identifiers import MASK_CHARACTER

# What the line says when it answers, as if the caller had said it (plays the greeting).
INITIAL_PROMPT = "olá"
# When the caller said nothing and there is no earlier bot message to repeat.
REPROMPT_FALLBACK = "Desculpe, não ouvi a sua resposta. Pode repetir, por favor?"
# When the assistant produced no reply (action server down, internal error): never silence.
NO_REPLY_APOLOGY = (
    "Peço desculpa: de momento não consigo responder, por um problema técnico. "
    "Pode tentar mais tarde ou ligar para a Linha Segurança Social, 300 502 502, "
    "nos dias úteis, das 9 às 18 horas."
)
SOCIAL_SECURITY_SITE = "o site da Segurança Social"

_SPACES = re.compile(r"[ \t\xa0\u202f\u2007]+")
_BULLET = re.compile(r"^\s*[•·◦▪\-–*]\s+")
_URL = re.compile(r"(?:https?://|www\.)[^\s()«»<>\"']+", re.IGNORECASE)
# An amount before the euro sign, with optional thousands groups ("1 234,56", "1.250,50").
_AMOUNT = r"(\d{1,3}(?:[ .]\d{3})+|\d+)(,\d+)?"
_AMOUNT_EURO = re.compile(_AMOUNT + r"\s*€")
_EURO_AMOUNT = re.compile(r"€\s*" + _AMOUNT)
_HOURS = re.compile(r"\b(\d{1,2})h\s*[-–]\s*(\d{1,2})h\b")
# Abbreviations of legal references, read letter by letter by the synthesiser otherwise.
_ABBREVIATIONS = (
    (re.compile(r"\bn\.\s?[º°]"), "número"),
    (re.compile(r"\barts\.(?=\s)"), "artigos"),
    (re.compile(r"\bart\.(?=\s)"), "artigo"),
)
_END_PUNCTUATION = ".!?…:;,"
# Masked personal data (bot.identifiers.mask, actions.certificates.mask_email):
# a voice would read every bullet ("marca, marca, marca...") or skip them and
# read "789" as if it were the whole number. A run of two or more, so a list
# bullet ("• NIF: ...") is left to _BULLET.
_HIDDEN = re.escape(MASK_CHARACTER) + "{2,}"
_MASKED_DIGITS = re.compile(_HIDDEN + r" ?(\d+)")
_MASKED_EMAIL = re.compile(r"(\w)" + _HIDDEN + r"@")
_MASKED_OTHER = re.compile(r"\s*" + _HIDDEN + r"\s*")


def _site_name(match: re.Match[str]) -> str:
    url = match.group(0).rstrip(".,;:!?")
    trailing = match.group(0)[len(url):]
    host = urlsplit(url if "://" in url else "http://" + url).hostname or ""
    host = host.removeprefix("www.")
    # Other addresses keep their domain name, so the caller is not sent to the wrong site.
    spoken = SOCIAL_SECURITY_SITE if host.endswith("seg-social.pt") or not host else f"o site {host}"
    return spoken + trailing


def _euros(whole: str, decimals: str | None) -> str:
    digits = re.sub(r"[ .]", "", whole)
    amount = digits + (decimals or "")
    singular = int(digits) == 1 and not (decimals or ",0").strip(",0")
    return f"{amount} {'euro' if singular else 'euros'}"


def _unmasked(line: str) -> str:
    """"NIF: ••••••789" -> "NIF: terminado em 7 8 9" (digit by digit, as a number is
    checked); "m•••••@gmail.com" -> "o endereço começado por m, arroba gmail.com"."""
    line = _MASKED_DIGITS.sub(lambda m: "terminado em " + " ".join(m.group(1)), line)
    line = _MASKED_EMAIL.sub(r"o endereço começado por \1, arroba ", line)
    return _MASKED_OTHER.sub(" ", line)


def _without_symbols(text: str) -> str:
    """Drops emoji and pictographs, which a voice cannot read."""
    return "".join(c for c in text if unicodedata.category(c) != "So")


# Legal citations are for the screen and the counter; on the phone they are
# noise ("Lei número 13/2003, artigo 10.º…"): the caller can ask for them.
_CITATION = re.compile(
    r"\s*\((?:[^()]|\([^()]*\))*?\b(?:Lei|Portaria|Decreto|Código|art\.|artigo|DL|CPA|Guia Prático)"
    r"(?:[^()]|\([^()]*\))*\)"
)
_LEGAL_SENTENCE = re.compile(r"(?:^|(?<=[.!?]))\s*Base legal:[^\n]*$")
# "casado/a" is read "casado ou casada"; any other "/" between words as "ou".
_SLASH_WORD = re.compile(r"(?<=[a-zà-ú])/(?=[a-zà-ú])", re.IGNORECASE)
_SYMBOLS = ((re.compile(r"\s*×\s*"), " vezes "), (re.compile(r"\s+[−-]\s+"), " menos "),
            (re.compile(r"\s*=\s*"), " igual a "), (re.compile(r"\s*\+\s*"), " mais "),
            (re.compile(r"\s*÷\s*"), " a dividir por "))


def without_citations(text: str) -> str:
    """The reply without its legal citations (parentheses naming a law, "Base legal: …")."""
    lines = [_LEGAL_SENTENCE.sub("", _CITATION.sub("", line)) for line in text.splitlines()]
    return "\n".join(lines)


def _speak_line(line: str) -> str:
    line = _SPACES.sub(" ", line)  # babel writes "1 234,56 €" with no-break spaces
    line = _unmasked(line)
    line = _URL.sub(_site_name, line)
    line = _AMOUNT_EURO.sub(lambda m: _euros(m.group(1), m.group(2)), line)
    line = _EURO_AMOUNT.sub(lambda m: _euros(m.group(1), m.group(2)), line)
    line = line.replace("€", "euros")
    line = _HOURS.sub(r"das \1 às \2 horas", line)
    for pattern, words in _ABBREVIATIONS:
        line = pattern.sub(words, line)
    line = re.sub(r"\s*%", " por cento", line)
    line = re.sub(r"\b(\d+(?:-[A-Z])?)/(\d{4})\b", r"\1 de \2", line)  # "13/2003": "13 de 2003"
    line = re.sub(r"\b([a-zà-ú]+)o/a\b", r"\1o ou \1a", line, flags=re.IGNORECASE)
    line = _SLASH_WORD.sub(" ou ", line)
    for pattern, words in _SYMBOLS:
        line = pattern.sub(words, line)
    line = re.sub(r"[«»\"“”]", "", line)
    line = _without_symbols(line)
    return _SPACES.sub(" ", line).strip()


def _ended(sentence: str, mark: str = ".") -> str:
    return sentence if sentence[-1] in _END_PUNCTUATION else sentence + mark


def speakable(text: str | None) -> str:
    """Rewrites a written reply as sentences to read aloud.

    Bullet lists become one sentence with items separated by ";", "217,91 €" becomes
    "217,91 euros", links become "o site da Segurança Social", "9h-18h" becomes
    "das 9 às 18 horas". Returns "" when nothing speakable is left.
    """
    if not text:
        return ""
    text = without_citations(text)
    sentences: list[str] = []
    items: list[str] = []

    def close_list() -> None:
        if items:
            joined = " ".join(_ended(item, ";") for item in items[:-1])
            sentences.append((joined + " " if joined else "") + _ended(items[-1]))
            items.clear()

    for raw in text.splitlines():
        is_item = bool(_BULLET.match(raw))
        line = _speak_line(_BULLET.sub("", raw))
        if not line:
            continue
        if is_item:
            items.append(line)
            continue
        close_list()
        sentences.append(_ended(line))
    close_list()
    return " ".join(sentences)


def choices(titles: Sequence[str]) -> str:
    """Button titles read as what the caller may say: "Pode dizer: sim, não."."""
    spoken = [speakable(title).rstrip(_END_PUNCTUATION) for title in titles]
    spoken = [title for title in spoken if title]
    if not spoken:
        return ""
    return "Pode dizer: " + ", ".join(spoken) + "."


def spoken_reply(text: str | None, button_titles: Sequence[str] = ()) -> str:
    """One bot message (text and its buttons) as a single thing to say; "" if nothing."""
    return " ".join(part for part in (speakable(text), choices(button_titles)) if part)
