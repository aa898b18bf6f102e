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
    if decimals and not decimals.strip(",0"):
        decimals = None  # "600,00 €" is said "600 euros"
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


# -- phone menus, keypad and silences ---------------------------------------------
#
# A message with buttons is a menu. On the phone its options are numbered, so the
# caller can say one or press its key (DTMF); a menu whose options are numbers
# themselves ("Nenhum", "1", "2"…) is not numbered, because "carregue 2 para 1"
# confuses: the keys then type the number, as for any question answered with one.

# Custom payloads an action sends to the phone channel (dispatcher.utter_message(json_message=…)).
TRANSFER_KEY = "phone_transfer"  # {"say": "…"}: say it, then transfer the call (<Dial>)
STEPS_KEY = "phone_steps"  # ["…", …]: how the last amount was worked out, read on request

MAX_KEYPAD_OPTIONS = 9  # one key each, 1 to 9
KEYPAD_HINT = "Pode dizer o número ou marcá-lo no teclado, terminando com a tecla cardinal."
REGISTRATION_HINT = (
    "Pode dizer o número ou marcá-lo no teclado: o ano, a tecla asterisco, o número do pedido, "
    "e no fim a tecla cardinal."
)
# Questions answered with a number of their own (slot names of the forms).
KEYPAD_SLOTS = {
    "cert_nif": KEYPAD_HINT, "cert_niss": KEYPAD_HINT, "status_nif": KEYPAD_HINT,
    "status_number": REGISTRATION_HINT, "adults": KEYPAD_HINT, "minors": KEYPAD_HINT,
    "employment_income": KEYPAD_HINT, "other_income": KEYPAD_HINT, "assets": KEYPAD_HINT,
}
NO_SUCH_OPTION = "Não há a opção {digits}."

# Silences in a row: after the first and the second the question is asked again
# (the second time saying the call will end); the third ends it.
MAX_SILENCES = 2
SILENCE_AGAIN = "Desculpe, não ouvi a sua resposta."
SILENCE_LAST = "Ainda está em linha? Se não ouvir resposta, vou terminar a chamada."
SILENCE_GOODBYE = (
    "Como não ouço resposta, vou terminar a chamada. Pode ligar de novo quando quiser. "
    "Obrigado, e até breve."
)
TRANSFER_DONE = "Obrigado por ter ligado. Até breve."
TRANSFER_FAILED = (
    "Não foi possível passar a chamada: a linha pode estar ocupada. Pode ligar mais tarde para a "
    "Linha Segurança Social, 300 502 502. Entretanto, posso continuar a ajudar."
)
ANYTHING_ELSE = "Em que mais posso ajudar?"

_NUMBER_TITLE = re.compile(r"\s*\d+\s*")
_SAID_OPTION = re.compile(r"^\s*(?:a\s+)?(?:opcao|tecla)\s+(?:numero\s+)?(\w+)\s*[.!]*\s*$")
_OPTION_WORDS = {"um": 1, "uma": 1, "dois": 2, "duas": 2, "tres": 3, "quatro": 4, "cinco": 5,
                 "seis": 6, "sete": 7, "oito": 8, "nove": 9}


def folded(text: str) -> str:
    """Lower case without accents, for matching what a caller said."""
    decomposed = unicodedata.normalize("NFKD", text.lower())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def menu(messages: Sequence[dict]) -> list[dict]:
    """The options the caller is answering: the buttons of the turn's last message
    that has any (the channel's messages or the tracker's bot events, same shape)."""
    for message in reversed(messages):
        buttons = message.get("buttons") or []
        if buttons:
            return list(buttons)
    return []


def is_keypad_menu(buttons: Sequence[dict]) -> bool:
    """Whether the options get numbers: 1 to 9 of them, none of them a number."""
    titles = [str(b.get("title") or "") for b in buttons]
    return 0 < len(titles) <= MAX_KEYPAD_OPTIONS and not any(_NUMBER_TITLE.fullmatch(t) for t in titles)


def _option_name(title: str) -> str:
    name = speakable(title).rstrip(_END_PUNCTUATION)
    # "Sim" -> "sim", but "RSI" or "IEFP" stay as they are.
    if len(name) > 1 and name[0].isupper() and not name[1].isupper():
        name = name[0].lower() + name[1:]
    return name


def numbered_choices(titles: Sequence[str]) -> str:
    """"Para sim, diga sim ou carregue 1. Para não, diga não ou carregue 2."."""
    names = [_option_name(t) for t in titles]
    return " ".join(f"Para {n}, diga {n} ou carregue {i}." for i, n in enumerate(names, 1) if n)


def keypad_choices(titles: Sequence[str]) -> str:
    """Options that are numbers: "Pode dizer ou marcar no teclado: nenhum, 1, 2 ou 3."."""
    names = [n for n in (_option_name(t) for t in titles) if n]
    if not names:
        return ""
    listed = ", ".join(names[:-1]) + " ou " + names[-1] if len(names) > 1 else names[0]
    return f"Pode dizer ou marcar no teclado: {listed}."


def keypad_answer(digits: str, buttons: Sequence[dict]) -> str | None:
    """What the keys pressed say: the payload of the option with that number in a
    numbered menu, otherwise the digits themselves (a NIF, an amount, "2026*42" a
    registration number "2026/42"). ``None`` for a key with no option."""
    digits = digits.strip().rstrip("#")
    if is_keypad_menu(buttons):
        if digits.isdigit() and 1 <= int(digits) <= len(buttons):
            button = buttons[int(digits) - 1]
            return str(button.get("payload") or button.get("title") or "")
        return None
    return digits.replace("*", "/")


def said_option(text: str, buttons: Sequence[dict]) -> str | None:
    """"opção 2", "a tecla dois" said aloud choose like the key; anything else is None."""
    if not is_keypad_menu(buttons):
        return None
    match = _SAID_OPTION.match(folded(text))
    if not match:
        return None
    word = match.group(1)
    number = int(word) if word.isdigit() else _OPTION_WORDS.get(word)
    return keypad_answer(str(number), buttons) if number else None


def spoken_turn(messages: Sequence[dict], hint: str | None = None) -> list[str]:
    """A turn's messages as things to say: text read for the ear, the menu numbered
    (or its numbers listed), other buttons as "Pode dizer: …", then ``hint``.
    Custom payloads are not said (the channel acts on them)."""
    options = menu(messages)
    menu_message = next((m for m in reversed(messages) if m.get("buttons")), None)
    spoken: list[str] = []
    for message in messages:
        titles = [str(b.get("title") or "") for b in message.get("buttons") or []]
        if message is menu_message:
            offer = numbered_choices(titles) if is_keypad_menu(options) else keypad_choices(titles)
        else:
            offer = choices(titles)
        said = " ".join(part for part in (speakable(message.get("text")), offer) if part)
        if said:
            spoken.append(said)
    if hint and not options:
        spoken.append(hint)
    return spoken


def prompt(messages: Sequence[dict]) -> list[dict]:
    """What to say again when the caller was silent: from the menu (or the last
    message with text) to the end of the turn, so the options are heard again."""
    for index in range(len(messages) - 1, -1, -1):
        if messages[index].get("buttons"):
            return list(messages[index:])
    for index in range(len(messages) - 1, -1, -1):
        if messages[index].get("text"):
            return list(messages[index:])
    return []
