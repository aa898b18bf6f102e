"""What a certificate request says, read from free pt-PT text.

Pure functions used by the certificate and request-status forms
(``actions/certificates.py``): which document, which elements a certidão
must show, how to deliver it, an e-mail address (also dictated, "maria
arroba gmail ponto com"), a postal address, a person's name, NIF/NISS-shaped
numbers and registration numbers. Every parser returns ``None`` (or an empty
list) when it cannot tell, so the form asks again instead of guessing.
"""

from __future__ import annotations

import re

from bot.certificates import CERTIDAO_ELEMENTS, DOCUMENT_TYPES
from bot.parsing.numbers import normalise

_DIGIT_SEPARATORS = re.compile(r"(?<=\d)[ .\-](?=\d)")


def digit_runs(text: str) -> list[str]:
    """Runs of digits, allowing spaces, dots and dashes inside: "245 678 901" -> ["245678901"]."""
    return re.findall(r"\d+", _DIGIT_SEPARATORS.sub("", text))


def find_nif(text: str) -> str | None:
    """The 9-digit number in the text, valid or not (``None`` if there is none)."""
    return next((run for run in digit_runs(text) if len(run) == 9), None)


def find_niss(text: str) -> str | None:
    """The 11-digit number in the text, valid or not (``None`` if there is none)."""
    return next((run for run in digit_runs(text) if len(run) == 11), None)


_REGISTRATION = re.compile(r"\b(\d{4})\s*[/\-]\s*(\d{1,6})\b")


def parse_registration_number(text: str) -> str | None:
    """"2026/42", "2026-000042", "n.º 2026 / 42" -> "2026/000042"."""
    match = _REGISTRATION.search(text)
    if not match:
        return None
    return f"{match.group(1)}/{int(match.group(2)):06d}"


# --------------------------------------------------------------------------- what is asked


def parse_document_type(text: str, allow_number: bool = False) -> str | None:
    """Which document is asked for, or ``None`` when the text does not say.

    With ``allow_number``, "1", "a 2", "opção 3" pick the numbered option
    (the order of ``DOCUMENT_TYPES``).
    """
    norm = normalise(text)
    if re.search(r"contributiva|3042|dividas?\b|nao devo", norm):
        return "declaracao_situacao_contributiva"
    if re.search(r"\b(recebo|recebe|recebidos?|recebidas?|beneficiari[oa]s?|prestac(ao|oes)|valores)\b", norm):
        return "declaracao_prestacoes"
    if re.search(r"certidao|\brequerimento\b|\bpedido\b|candidatura|\bprocesso\b", norm):
        return "certidao_requerimento"
    if re.search(r"\brsi\b|rendimento social", norm):
        return "declaracao_prestacoes"
    if allow_number:
        match = re.fullmatch(r"(?:a |o |opcao |numero )?([123])(?:a|o)?", norm.strip(" .!"))
        if match:
            return list(DOCUMENT_TYPES)[int(match.group(1)) - 1]
    return None


_ELEMENT_PATTERNS = {
    "data": r"\bdatas?\b|\bquando\b|\b1\b",
    "conteudo": r"conteudo|pretens|o que pedi|\b2\b",
    "andamento": r"andamento|situacao|ponto|estado|fase|\b3\b",
    "decisao": r"decis|resoluc|despacho|deferi|indeferi|resposta|\b4\b",
}


def parse_certidao_elements(text: str) -> list[str]:
    """Which elements the certidão must show, in the order of art. 43 n.º 1 (``[]`` if none)."""
    norm = normalise(text)
    if re.search(r"\btud[oa]s?\b|\btodos?\b|\btodas?\b", norm):
        return list(CERTIDAO_ELEMENTS)
    return [code for code, pattern in _ELEMENT_PATTERNS.items() if re.search(pattern, norm)]


def parse_delivery(text: str) -> str | None:
    """"por e-mail" -> "email"; "pelo correio", "em papel", "para casa" -> "post"."""
    norm = normalise(text)
    if re.search(r"e-?mail|\bmail\b|correio eletronico|eletronic|\bonline\b|internet|@", norm):
        return "email"
    if re.search(r"correio|carta|postal|\bctt\b|papel|morada|para casa|\bcasa\b|\bposta\b", norm):
        return "post"
    return None


# --------------------------------------------------------------------------- contacts

# Dots only between characters of the local part ("maria.@gmail.com" and
# "maria..silva@gmail.com" are not addresses), and no match inside a longer word.
_EMAIL = re.compile(
    r"(?<![\w.%+\-])[a-z0-9_%+\-]+(?:\.[a-z0-9_%+\-]+)*@[a-z0-9\-]+(?:\.[a-z0-9\-]+)*\.[a-z]{2,}",
    re.IGNORECASE,
)

# Spoken symbols of a dictated address (speech-to-text writes them as words).
_SPOKEN_SYMBOLS = (
    (r"arroba", "@"),
    (r"ponto", "."),
    (r"traco|hifen|menos", "-"),
    (r"underscore|sublinhado|underline", "_"),
)
_EMAIL_LEAD_IN = re.compile(
    r"^(?:(?:o )?(?:meu )?(?:endereco (?:de )?)?(?:e-?mail|mail|correio eletronico)(?:\s+e|\s*:)?"
    r"|e|para|fica)\s+"
)


def parse_email(text: str) -> str | None:
    """An e-mail address, also when dictated ("maria ponto silva arroba gmail ponto com").

    A typed address ("... é maria.silva@gmail.com") is found anywhere in the
    text. A dictated one must be the whole answer, after an optional lead-in
    ("o meu e-mail é ..."): in "maria silva arroba gmail ponto com" the words
    before "arroba" do not make one address, and taking only "silva@gmail.com"
    would record somebody else's.
    """
    if "@" in text:
        match = _EMAIL.search(text.strip())
        return match.group(0).lower() if match else None
    norm = normalise(text).strip(" .!")
    if not re.search(r"\barroba\b", norm):
        return None
    for spoken, symbol in _SPOKEN_SYMBOLS:
        norm = re.sub(rf"\s*\b(?:{spoken})\b\s*", symbol, norm)
    norm = _EMAIL_LEAD_IN.sub("", norm)
    return norm if _EMAIL.fullmatch(norm) else None


POSTAL_CODE = re.compile(r"\b(\d{4})\s*-\s*(\d{3})\b")

_ADDRESS_LEAD_IN = re.compile(
    r"^(?:a minha morada (?:e|é)|a morada (?:e|é)|moro na|moro no|moro em|vivo na|vivo no|morada:?)\s+",
    re.IGNORECASE,
)


def parse_postal_address(text: str) -> str | None:
    """A postal address with a Portuguese postal code (NNNN-NNN) and a street; else ``None``.

    "moro na Rua do Sol 3, 3000 - 100 Coimbra" -> "Rua do Sol 3, 3000-100 Coimbra".
    """
    match = POSTAL_CODE.search(text)
    if not match:
        return None
    address = POSTAL_CODE.sub(f"{match.group(1)}-{match.group(2)}", text.strip(), count=1)
    address = _ADDRESS_LEAD_IN.sub("", address)
    words_without_code = POSTAL_CODE.sub("", address)
    if len(re.findall(r"[^\W\d_]{2,}", words_without_code)) < 2:
        return None
    return address.strip(" .")


# --------------------------------------------------------------------------- names

_NAME_PREFIX = re.compile(
    r"^(?:o meu nome (?:completo )?(?:e|é)|chamo-me|chamo me|eu sou (?:o|a)|sou (?:o|a)|nome:?|é (?:o|a)|é)\s+",
    re.IGNORECASE,
)
_NAME = re.compile(r"[^\W\d_]+(?:['\-][^\W\d_]+)*")
_NAME_PARTICLES = {"da", "de", "do", "das", "dos", "e"}
# Words of everyday answers that are never part of a name: "não sei" or
# "quero cancelar" must not be recorded as the requester's name.
_NOT_NAME_WORDS = {
    "nao", "sim", "sei", "quero", "prefiro", "tenho", "porque", "obrigado", "obrigada",
    "ok", "cancelar", "ajuda", "meu", "minha", "nome", "que", "como", "qual", "o", "a",
    "os", "as", "um", "uma",
}


def parse_name(text: str) -> str | None:
    """A full name (two words or more, letters only).

    Names written all in lower case or all in capitals get initial capitals
    ("ana rita da costa" -> "Ana Rita da Costa"); mixed case is kept as typed.
    """
    candidate = _NAME_PREFIX.sub("", text.strip()).strip(" .!")
    words = candidate.split()
    if not 2 <= len(words) <= 10 or len(candidate) > 120:
        return None
    if not all(_NAME.fullmatch(word) for word in words):
        return None
    if any(normalise(word) in _NOT_NAME_WORDS for word in words):
        return None
    if sum(1 for word in words if word.lower() not in _NAME_PARTICLES) < 2:
        return None
    if candidate in (candidate.lower(), candidate.upper()):
        words = [_capitalise(w.lower()) for w in words]
    return " ".join(words)


def _capitalise(word: str) -> str:
    """"costa" -> "Costa", "santa-rita" -> "Santa-Rita", "d'almeida" -> "d'Almeida"; particles stay."""
    if word in _NAME_PARTICLES:
        return word
    elided = "d'" if word.startswith("d'") and len(word) > 2 else ""
    rest = word[len(elided):]
    return elided + re.sub(r"[^\W\d_]+", lambda m: m.group(0)[:1].upper() + m.group(0)[1:], rest)
