"""A clear «sim» or «não», for consent and for confirming what will be recorded.

Consent to the processing of personal data must be "a clear affirmative act"
(GDPR art. 4(11) and art. 7), and the final yes to a summary records a request
in the citizen's name. So, unlike ``parse_yes_no`` (which reads the first
decisive word of any answer), this reader accepts a message only when *every*
word in it belongs to a short list of answers:

- a yes: «sim», «aceito», «autorizo», «concordo», «dou o meu consentimento»,
  «pode ser», «claro», «com certeza», «de acordo», «confirmo», «está certo»...
  «ok» and «está bem» are accepted too: asked «Aceita...?», they are the usual
  pt-PT way of saying yes, and the question has only two answers;
- a no: «não», «não aceito», «recuso», «não autorizo», «de maneira nenhuma»...;
- words that change nothing: «eu», «obrigado», «por favor», «o tratamento dos
  meus dados»...

Anything else makes the whole message unclear (``None``), which is what we
want: a hedge («talvez», «acho que sim», «pode ser que sim», «se calhar»), a
condition («sim mas o que fazem aos dados»), indifference («tanto faz», «não
me importo»), doubt («não sei se aceito») all contain a word outside the lists.
A question mark, an emoji (even 👍: its tone cannot be read, 🤔 or 🙄 would
mean the opposite), digits or symbols, a single letter («s», a slip of the
thumb as often as a yes) and a message with both a yes and a no («sim não»)
are unclear as well. The person is simply asked again.

Tolerated, because they do not make an answer less clear: no accents
(«nao»), repeated letters («siiim», «simm»), one typo in a long word
(«acieto», «autoriso»), repeated answers («sim sim», «aceito sim»).

No Rasa import: this module is tested on its own (tests/unit/test_consent.py).
"""

from __future__ import annotations

import re
from functools import cache

from bot.parsing.numbers import normalise

__all__ = ["EVIDENCE_MAX_LENGTH", "asks_about_data_use", "consent_evidence", "read_clear_yes_no"]

# The evidence of consent kept with a request: the words as typed, on one line
# (no longer than the store keeps, bot.store.models.CONSENT_EVIDENCE_LENGTH).
EVIDENCE_MAX_LENGTH = 200

# Fuzzy matching is only safe for long words: among short ones a single typo
# easily makes another word («nao» -> «mao», «sim» -> «sem»).
TYPO_MIN_LENGTH = 6
TYPO_MAX_EDITS = 1

_YES = (
    "sim", "sim senhor", "sim senhora", "ya",
    "aceito", "autorizo", "concordo", "consinto", "confirmo",
    "dou o meu consentimento", "dou consentimento", "dou o consentimento",
    "dou a minha autorizacao", "dou autorizacao", "dou o meu acordo",
    "de acordo", "estou de acordo", "pode ser", "pode", "quero",
    "claro", "claro que sim", "claro que aceito", "com certeza", "certamente",
    "ok", "okay", "esta bem", "ta bem", "tudo bem", "esta tudo bem",
    # The final confirmation: «sim, está tudo certo».
    "certo", "esta certo", "tudo certo", "esta tudo certo", "correto", "esta correto",
    "esta tudo correto", "exato", "isso mesmo", "pode registar", "pode avancar",
)
_NO = (
    "nao", "nao aceito", "nao autorizo", "nao concordo", "nao consinto", "nao confirmo",
    "nao dou", "nao dou o meu consentimento", "nao dou consentimento", "nao quero",
    "nao estou de acordo", "nao esta certo", "nao esta correto", "nao obrigado",
    "recuso", "recuso me", "rejeito", "discordo", "nego", "negativo", "nunca",
    "claro que nao", "de maneira nenhuma", "de modo nenhum", "nem pensar",
    "esta errado", "errado",
)
# Said along with an answer, they neither make it clearer nor weaken it.
_NEUTRAL = (
    "eu", "obrigado", "obrigada", "muito obrigado", "muito obrigada", "por favor",
    "o tratamento", "dos dados", "dos meus dados", "os dados", "os meus dados",
    "os termos", "as condicoes", "o pedido",
    # Spoken links: «ok, então sim, aceito», «pronto, aceito» (not «pois»: «pois sim» is irony).
    "entao", "pronto", "sendo assim", "nesse caso", "bom dia", "boa tarde", "boa noite",
)

# Real words one letter away from an answer: never read as its typo
# («aceita?» asks, «recusa» is not «recuso»).
_NOT_TYPOS = frozenset({
    "aceita", "aceite", "aceitou", "autoriza", "autorize", "autorizou", "concorda",
    "concorde", "concordou", "confirma", "confirme", "confirmou", "consinta", "consente",
    "recusa", "recuse", "recusou", "recurso", "rejeita", "rejeite", "rejeitou", "discorda",
    "acorda", "correta", "corretos",
})

_YES_MARK, _NO_MARK, _NEUTRAL_MARK = "yes", "no", "neutral"

# What a clear answer may contain besides letters: commas, full stops, «!».
# «?» is not here on purpose: «sim?» asks, it does not answer.
_PUNCTUATION = re.compile(r"[.,;:!\-]+")
_LETTERS_ONLY = re.compile(r"[a-z ]*")
_REPEATED_LETTER = re.compile(r"(.)\1+")


def _squeeze(word: str) -> str:
    """«siiim», «simm» -> «sim»: repeated letters are emphasis, not spelling."""
    return _REPEATED_LETTER.sub(r"\1", word)


@cache
def _phrases() -> dict[tuple[str, ...], str]:
    """Every known phrase, as a tuple of squeezed words, with its meaning."""
    table: dict[tuple[str, ...], str] = {}
    for mark, phrases in ((_YES_MARK, _YES), (_NO_MARK, _NO), (_NEUTRAL_MARK, _NEUTRAL)):
        for phrase in phrases:
            table[tuple(_squeeze(w) for w in phrase.split())] = mark
    return table


@cache
def _vocabulary() -> frozenset[str]:
    return frozenset(word for phrase in _phrases() for word in phrase)


def _within_one_edit(a: str, b: str) -> bool:
    """One letter added, dropped, changed, or two neighbours swapped («acieto»)."""
    if a == b:
        return True
    if abs(len(a) - len(b)) > TYPO_MAX_EDITS:
        return False
    if len(a) == len(b):
        diffs = [i for i in range(len(a)) if a[i] != b[i]]
        if len(diffs) == 1:
            return True
        first, second = diffs[0], diffs[-1]
        return (len(diffs) == 2 and second == first + 1
                and a[first] == b[second] and a[second] == b[first])
    shorter, longer = sorted((a, b), key=len)
    for i in range(len(longer)):
        if longer[:i] + longer[i + 1:] == shorter:
            return True
    return False


def _known_word(word: str) -> str | None:
    """The vocabulary word ``word`` stands for, allowing one typo in a long word."""
    word = _squeeze(word)
    vocabulary = _vocabulary()
    if word in vocabulary:
        return word
    if len(word) < TYPO_MIN_LENGTH or word in _NOT_TYPOS:
        return None
    close = {known for known in vocabulary
             if len(known) >= TYPO_MIN_LENGTH and _within_one_edit(word, known)}
    # Two candidates: the typo does not say which word was meant.
    return close.pop() if len(close) == 1 else None


def _meanings(words: list[str]) -> list[str] | None:
    """The meaning of each phrase, longest phrase first; None when a word is not known."""
    table = _phrases()
    longest = max(len(phrase) for phrase in table)
    found: list[str] = []
    start = 0
    while start < len(words):
        for size in range(min(longest, len(words) - start), 0, -1):
            mark = table.get(tuple(words[start:start + size]))
            if mark is not None:
                found.append(mark)
                start += size
                break
        else:
            return None
    return found


def read_clear_yes_no(text: str | None) -> bool | None:
    """True for a clear yes, False for a clear no, None for anything else.

    "sim, aceito", "Aceito.", "siiim", "dou o meu consentimento" -> True;
    "não aceito", "nao", "recuso" -> False; "talvez", "sim?", "👍", "acho que
    sim", "não sei se aceito", "sim não" -> None.
    """
    if not text or "?" in text:
        return None
    plain = _PUNCTUATION.sub(" ", normalise(text))
    if not _LETTERS_ONLY.fullmatch(plain):
        # Emojis, digits, symbols, a leftover "/intent" payload.
        return None
    words = [known for word in plain.split() if (known := _known_word(word))]
    if len(words) != len(plain.split()):
        return None
    meanings = _meanings(words)
    if meanings is None:
        return None
    said = set(meanings) - {_NEUTRAL_MARK}
    if said == {_YES_MARK}:
        return True
    if said == {_NO_MARK}:
        return False
    # Nothing said, or both a yes and a no («sim não»).
    return None


def consent_evidence(text: str) -> str:
    """The words of a consent as kept with the request: one line, at most
    ``EVIDENCE_MAX_LENGTH`` characters (only accepted answers get here, so it
    holds no personal data)."""
    return " ".join(text.split())[:EVIDENCE_MAX_LENGTH]


# A question or a doubt about what is done with the data, said while consent is
# asked: «não sei bem o que fazem com os dados», «para que querem o meu nif?»,
# «quem vai ver isto?», «ficam guardados?». It is answered with the explanation
# and the question asked again, never sent to the general questions.
_DATA = r"(?:dados|dado|informac\w*|nif|niss|contribuinte|nome|morada|email|e-mail|contacto|isso|isto)"
_DATA_USE = re.compile(
    r"\b(?:o que|que|para que|pra que|porque|por que|como|pq|p q|prq) (?:\w+ ){0,3}(?:fazem|fazer|faz|usam|usar|querem|"
    r"precisam|serve|servem|tratam|guardam|pedem)\b"
    r"|\b(?:quem|alguem) (?:\w+ ){0,2}(?:ve|vai ver|vao ver|tem acesso|fica com|recebe|le)\b"
    r"|\b(?:ficam|fica|sao|vao ser|serao) (?:\w+ ){0,1}(?:guardad\w*|partilhad\w*|vendid\w*|gravad\w*|arquivad\w*)\b"
    r"|\b(?:quanto tempo|ate quando) (?:\w+ ){0,3}(?:guard\w*|fica\w*|mant\w*)\b"
    r"|\b(?:protecao|privacidade|rgpd|consentimento)\b.*\?"
    r"|\b(?:seguro|seguros|seguranca)\b.{0,30}\b" + _DATA + r"\b"
    r"|\b" + _DATA + r"\b.{0,30}\b(?:seguro|seguros|seguranca|para que|porque|porqu)\b"
)


def asks_about_data_use(text: str | None) -> bool:
    """Whether ``text`` asks, or doubts, what happens to the personal data."""
    norm = normalise(text or "")
    return bool(_DATA_USE.search(norm)) and read_clear_yes_no(text or "") is None
