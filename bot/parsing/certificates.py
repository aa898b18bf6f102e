"""What a certificate request says, read from free pt-PT text.

Pure functions used by the certificate and request-status forms
(``actions/certificates.py``): which document, which elements a certidão
must show, how to deliver it, an e-mail address (also dictated, "maria
arroba gmail ponto com"), a postal address, a person's name, NIF/NISS-shaped
numbers and registration numbers. Every parser returns ``None`` (or an empty
list) when it cannot tell, so the form asks again instead of guessing.

The readers of what gets stored (``read_name``, ``read_nif``, ``read_niss``,
``read_email``, ``read_postal_address``) pass what they extract through the
store's own cleaners (``bot.cleaning``), so the form never accepts a value
that ``RequestRepository.create`` would refuse at the very end. They return
``None`` when the message holds nothing of the kind, and raise
``bot.errors.InputError`` with the cleaner's pt-PT reason (never quoting the
value) when it holds one that cannot be stored. The ``parse_*`` forms of the
same readers return ``None`` in both cases.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from bot.certificates import CERTIDAO_ELEMENTS
from bot.cleaning import (
    RAW_MAX_LENGTH,
    clean_email,
    clean_name,
    clean_paragraph,
    clean_postal_address,
    fold_digits,
)
from bot.cleaning import normalise as nfkc
from bot.closed_sets import DeliveryMethod, DocumentType
from bot.errors import InputError
from bot.identifiers import NISS_LENGTH, valid_nif, valid_niss
from bot.parsing.numbers import normalise
from bot.spoken_numbers import normalise as spoken_numbers

NIF_LENGTH = 9

# ASCII digits only: every reader folds other scripts' digits first ("１２３", "١٢٣").
_DIGIT_SEPARATORS = re.compile(r"(?<=[0-9])[ .\-](?=[0-9])")


def ascii_text(text: str) -> str:
    """NFKC and ASCII digits: "ＮＩＦ １２３ ٤٥٦ ७८९" -> "NIF 123 456 789".

    Never raises: used to tell the shape of an answer. The readers below also
    refuse invisible characters (``bot.cleaning``), so a zero-width space in
    "123\u200b456789" is never read around.
    """
    return fold_digits(nfkc(text))


def digit_runs(text: str) -> list[str]:
    """Runs of digits, allowing spaces, dots and dashes inside: "245 678 901" -> ["245678901"]."""
    return re.findall(r"[0-9]+", _DIGIT_SEPARATORS.sub("", ascii_text(text)))


def _identifier(text: str, length: int, words: bool) -> str | None:
    """The number of ``length`` digits in the text; with ``words``, also dictated digit by
    digit in words («dois três quatro…», as typed or as a phone recogniser writes it:
    bot.spoken_numbers). With several, the one after a correction («…, enganei-me, é
    234…») wins."""
    runs = [run for run in digit_runs(text) if len(run) == length]
    if not runs and words:
        runs = [run for run in digit_runs(spoken_numbers(ascii_text(text))) if len(run) == length]
    if len(runs) > 1 and _CORRECTED.search(normalise(text)):
        return runs[-1]
    return runs[0] if runs else None


_CORRECTED = re.compile(r"\b(?:enganei|engano|corrig\w*|errad\w*|alias|quer dizer|quero dizer|ou melhor|o certo e)\b")


def find_nif(text: str, words: bool = False) -> str | None:
    """The 9-digit number in the text, in ASCII digits, valid or not (``None`` if there is none);
    ``words``: also one typed in words, digit by digit."""
    return _identifier(text, NIF_LENGTH, words)


def find_niss(text: str, words: bool = False) -> str | None:
    """The 11-digit number in the text, in ASCII digits, valid or not (``None`` if there is none);
    ``words``: also one typed in words, digit by digit."""
    return _identifier(text, NISS_LENGTH, words)


def _message(text: str, field: str) -> str:
    """The whole message as one clean paragraph; ``InputError`` if it hides control or
    invisible characters (the store would refuse them, and reading around them is guessing)."""
    return clean_paragraph(text, field=field, max_length=RAW_MAX_LENGTH)


def read_nif(text: str) -> str | None:
    """A valid NIF in the message, as 9 ASCII digits; ``None`` if there is none or it is invalid."""
    nif = find_nif(_message(text, "o NIF"), words=True)
    return nif if nif is not None and valid_nif(nif) else None


def read_niss(text: str) -> str | None:
    """A valid NISS in the message, as 11 ASCII digits; ``None`` if there is none or it is invalid."""
    niss = find_niss(_message(text, "o NISS"), words=True)
    return niss if niss is not None and valid_niss(niss) else None


_REGISTRATION = re.compile(r"(?<![0-9])([0-9]{4})\s*[/\-]\s*([0-9]{1,6})(?![0-9])")


def parse_registration_number(text: str) -> str | None:
    """"2026/42", "2026-000042", "n.º 2026 / 42", "٢٠٢٦/٤٢" -> "2026/000042"."""
    match = _REGISTRATION.search(ascii_text(text))
    if not match:
        return None
    return f"{match.group(1)}/{int(match.group(2)):06d}"


# --------------------------------------------------------------------------- what is asked


def parse_document_type(text: str, allow_number: bool = False) -> str | None:
    """Which document is asked for (a ``DocumentType`` code), or ``None`` when the text does not say.

    With ``allow_number``, "1", "a 2", "opção 3" pick the numbered option
    (the order of ``DocumentType``).
    """
    norm = normalise(text)
    if re.search(r"contributiva|3042|dividas?\b|nao devo", norm):
        return DocumentType.DECLARACAO_SITUACAO_CONTRIBUTIVA.value
    if re.search(r"\b(recebo|recebe|recebidos?|recebidas?|beneficiari[oa]s?|prestac(ao|oes)|valores)\b", norm):
        return DocumentType.DECLARACAO_PRESTACOES.value
    if re.search(r"certidao|\brequerimento\b|\bpedido\b|candidatura|\bprocesso\b", norm):
        return DocumentType.CERTIDAO_REQUERIMENTO.value
    if re.search(r"\brsi\b|rendimento social", norm):
        return DocumentType.DECLARACAO_PRESTACOES.value
    if allow_number:
        match = re.fullmatch(r"(?:a |o |opcao |numero )?([123])(?:a|o)?", norm.strip(" .!"))
        if match:
            return DocumentType.values()[int(match.group(1)) - 1]
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


def names_certidao_elements(text: str) -> bool:
    """An answer that plainly names what the certidão must show («a data em que entreguei
    o pedido e a decisão», «tudo»), whatever else it sounds like; a question never does."""
    if "?" in text:
        return False
    return bool(parse_certidao_elements(text))


# In the message that orders the certidão, only the elements' own words count: its numbers
# («preciso dela em 3 dias») and «quando» are about something else.
_ELEMENT_WORDS = {
    "data": r"\bdata (?:de |da |do |em que )(?:entrega|apresentac\w*|pedido|requerimento|entreguei|fiz|meti)",
    "conteudo": r"\bconteudo\b|\bo que pedi\b",
    "andamento": r"\bandamento\b|\bem que (?:fase|ponto|estado) (?:esta|vai)\b",
    "decisao": r"\bdecis(?:ao|oes)\b|\bdespacho\b",
}


def certidao_elements_told(text: str) -> list[str]:
    """The elements named with the request itself: «quero uma certidão do meu pedido com
    a data de entrega e a decisão» -> ["data", "decisao"] (``[]`` if none is named)."""
    norm = normalise(text)
    if re.search(r"\b(?:com )?tudo\b|\btodos os elementos\b|\bcompleta\b", norm):
        return list(CERTIDAO_ELEMENTS)
    return [code for code, pattern in _ELEMENT_WORDS.items() if re.search(pattern, norm)]


def parse_delivery(text: str) -> str | None:
    """"por e-mail" -> "email"; "pelo correio", "em papel", "para casa" -> "post"
    (``DeliveryMethod`` codes)."""
    # "pelo correio, não tenho email": the channel refused is not the one chosen
    norm = re.sub(r"\b(?:nao (?:tenho|uso|tem|temos|sei usar o|sei mexer n[oa])|sem)\s+(?:\w+\s+)?(?:e-?mail|mail|internet|computador)\b",
                  " ", normalise(text))
    if re.search(r"e-?mail|\bmail\b|correio eletronico|eletronic|\bonline\b|internet|@", norm):
        return DeliveryMethod.EMAIL.value
    if re.search(r"correio|carta|postal|\bctt\b|papel|morada|para casa|\bcasa\b|\bposta\b", norm):
        return DeliveryMethod.POST.value
    return None


# --------------------------------------------------------------------------- contacts

# A dictated address after the spoken symbols became symbols (ASCII only: the
# words come from speech-to-text, without accents). Dots only between characters
# of the local part ("maria.@gmail.com" and "maria..silva@gmail.com" are not addresses).
_EMAIL = re.compile(
    r"[a-z0-9_%+\-]+(?:\.[a-z0-9_%+\-]+)*@[a-z0-9\-]+(?:\.[a-z0-9\-]+)*\.[a-z]{2,}",
    re.IGNORECASE,
)

# A typed address is the word with the "@", split at spaces and at punctuation
# never found in an unquoted address (", ; :": "e-mail:maria@sapo.pt"), then
# freed of the brackets or quotes around it and of the sentence's punctuation
# after it ("<maria@sapo.pt>.", "«maria@sapo.pt»"). Everything else stays in the
# candidate and is checked with it, so an address is refused whole, never cut
# short: splitting at any character not allowed in an address is what turned
# "o'brien@..." into "brien@..." and "mar\u200bia@..." into "ia@...".
_EMAIL_WORDS = re.compile(r"[\s,;:]+")
_EMAIL_OPENING = "<([{«\"“'‘"
_EMAIL_CLOSING = ">)]}»\"”'’.!?"
# Phones' "smart punctuation" types ’ for ' ("o’brien@..."): the same address.
_EMAIL_APOSTROPHES = str.maketrans({"\u2019": "'", "\u2018": "'"})
# RFC 5321 (4.5.3.1.1): mail servers refuse a longer mailbox name before the "@";
# email-validator checks it only in its strict mode.
EMAIL_LOCAL_MAX_LENGTH = 64

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
EMAIL_FIELD = "o endereço de e-mail"


def has_email_shape(text: str) -> bool:
    """Whether the message has an "@" (also a full-width "＠"): then it answers the e-mail question."""
    return "@" in nfkc(text)


def read_email(text: str) -> str | None:
    """An e-mail address, also when dictated ("maria ponto silva arroba gmail ponto com").

    A typed address ("... é maria.silva@gmail.com") is found anywhere in the
    text, and kept whole: every character allowed before the "@" stays
    ("o'brien@example.pt", "rui+rsi@sapo.pt"), and an address too long or
    malformed is refused, not cut short. Two different addresses in one
    message are ``None``: which one is it? A dictated address must be the
    whole answer, after an optional lead-in ("o meu e-mail é ..."): in "maria
    silva arroba gmail ponto com" the words before "arroba" do not make one
    address, and taking only "silva@gmail.com" would record somebody else's.
    The address is returned in lower case, as ``bot.cleaning.clean_email`` keeps it.
    """
    message = _message(text, EMAIL_FIELD)
    if "@" in message:
        candidates = {
            word.lstrip(_EMAIL_OPENING).rstrip(_EMAIL_CLOSING).translate(_EMAIL_APOSTROPHES).lower()
            for word in _EMAIL_WORDS.split(message) if "@" in word
        }
        if len(candidates) != 1:
            return None
        return _stored_email(candidates.pop())
    norm = normalise(message).strip(" .!")
    if not re.search(r"\barroba\b", norm):
        return None
    for spoken, symbol in _SPOKEN_SYMBOLS:
        norm = re.sub(rf"\s*\b(?:{spoken})\b\s*", symbol, norm)
    norm = _EMAIL_LEAD_IN.sub("", norm)
    return _stored_email(norm) if _EMAIL.fullmatch(norm) else None


def _stored_email(address: str) -> str:
    local = address.rpartition("@")[0]
    # Internationalised mailboxes exist, but a Portuguese provider's address
    # with "ã" or a Cyrillic "а" before the "@" is almost surely a mistyped one,
    # and the document would go to nobody (or to a stranger).
    if not local.isascii():
        raise InputError(f"{EMAIL_FIELD} não pode ter letras acentuadas nem de outros alfabetos antes do @")
    if len(local) > EMAIL_LOCAL_MAX_LENGTH:
        raise InputError(f"{EMAIL_FIELD} não pode ter mais de {EMAIL_LOCAL_MAX_LENGTH} caracteres antes do @")
    return clean_email(address, field=EMAIL_FIELD)


POSTAL_CODE = re.compile(r"\b(\d{4})\s*-\s*(\d{3})\b")

_ADDRESS_LEAD_IN = re.compile(
    r"^(?:(?:pelo|por) correio|em papel|por carta)?[ ,]*(?:para )?"
    r"(?:a minha morada (?:e|é)|a morada (?:e|é)|moro na|moro no|moro em|vivo na|vivo no|morada:?)?\s*",
    re.IGNORECASE,
)
ADDRESS_FIELD = "a morada"


def read_postal_address(text: str) -> str | None:
    """A postal address as the store keeps it: street, CP4-CP3 and locality, on one line.

    "moro na Rua do Sol 3, 3000 - 100 Coimbra" -> "Rua do Sol 3, 3000-100 Coimbra".
    ``None`` for an empty answer; ``InputError`` with the reason (no postal code,
    a character that has no place in an address, more than one line, too long).
    """
    candidate = _ADDRESS_LEAD_IN.sub("", text.strip(), count=1).strip(" .")
    if not candidate:
        return None
    return clean_postal_address(candidate, field=ADDRESS_FIELD)


# --------------------------------------------------------------------------- names

_NAME_PREFIX = re.compile(
    r"^(?:o meu nome (?:completo )?(?:e|é)|chamo-me|chamo me|eu sou (?:o|a)|sou (?:o|a)|nome:?|é (?:o|a)|é)\s+",
    re.IGNORECASE,
)
_NAME = re.compile(r"[^\W\d_]+(?:['\-][^\W\d_]+)*")
NAME_MIN_WORDS = 2
NAME_MAX_WORDS = 10
_NAME_PARTICLES = {"da", "de", "do", "das", "dos", "e"}
# Words of everyday answers that are never part of a name: "não sei" or
# "quero cancelar" must not be recorded as the requester's name.
_NOT_NAME_WORDS = {
    "nao", "sim", "sei", "quero", "prefiro", "tenho", "porque", "obrigado", "obrigada",
    "ok", "cancelar", "ajuda", "meu", "minha", "nome", "que", "como", "qual", "o", "a",
    "os", "as", "um", "uma",
}
NAME_FIELD = "o nome"


def read_name(text: str) -> str | None:
    """A full name (two words or more, letters only), as the store keeps it.

    Names written all in lower case or all in capitals get initial capitals
    ("ana rita da costa" -> "Ana Rita da Costa"); mixed case is kept as typed.
    ``None`` when it is not a full name ("não sei", one word); ``InputError``
    with the reason when it cannot be a name at all (a character other than
    letters, spaces, ' - and ., letters of another alphabet, invisible characters).
    """
    candidate = _NAME_PREFIX.sub("", text.strip()).strip(" .!")
    if not candidate:
        return None
    # NFKC, typographic apostrophes, one script, no markup or invisible characters.
    cleaned = clean_name(candidate, field=NAME_FIELD)
    words = cleaned.split()
    if not NAME_MIN_WORDS <= len(words) <= NAME_MAX_WORDS:
        return None
    if not all(_NAME.fullmatch(word) for word in words):
        return None
    if any(normalise(word) in _NOT_NAME_WORDS for word in words):
        return None
    if sum(1 for word in words if word.lower() not in _NAME_PARTICLES) < NAME_MIN_WORDS:
        return None
    if cleaned in (cleaned.lower(), cleaned.upper()):
        words = [_capitalise(w.lower()) for w in words]
    # Capitals can change a letter ("ß" -> "SS"): what is returned is checked again.
    return clean_name(" ".join(words), field=NAME_FIELD)


def _capitalise(word: str) -> str:
    """"costa" -> "Costa", "santa-rita" -> "Santa-Rita", "d'almeida" -> "d'Almeida"; particles stay."""
    if word in _NAME_PARTICLES:
        return word
    elided = "d'" if word.startswith("d'") and len(word) > 2 else ""
    rest = word[len(elided):]
    return elided + re.sub(r"[^\W\d_]+", lambda m: m.group(0)[:1].upper() + m.group(0)[1:], rest)


# --------------------------------------------------------------------------- lenient forms


def _or_none(reader: Callable[[str], str | None]) -> Callable[[str], str | None]:
    """``reader`` with a refusal read as "nothing found", for answers read in passing
    ("por e-mail, para ..." while the delivery is asked): the slot is asked later."""

    def lenient(text: str) -> str | None:
        try:
            return reader(text)
        except InputError:
            return None

    lenient.__name__ = reader.__name__.replace("read_", "parse_")
    lenient.__doc__ = f"``{reader.__name__}``, with ``None`` instead of ``InputError``."
    return lenient


parse_email = _or_none(read_email)
parse_postal_address = _or_none(read_postal_address)
parse_name = _or_none(read_name)
