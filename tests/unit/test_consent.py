"""The strict yes/no of consent and of the final confirmation (bot.parsing.consent).

Consent must be a clear affirmative act (GDPR art. 4(11), art. 7): the replies
an attacker got accepted as consent («talvez», «hmm», «?», «porquê?», «...»,
an emoji) are the first unclear cases below.
"""

from __future__ import annotations

import subprocess
import sys

import pytest

from bot.parsing.consent import (
    EVIDENCE_MAX_LENGTH,
    asks_about_data_use,
    consent_evidence,
    read_clear_yes_no,
)

CLEAR_YES = [
    # the buttons' payloads
    "sim, aceito", "sim", "Sim, aceito", "SIM",
    # plain words
    "aceito", "Aceito.", "autorizo", "concordo", "consinto", "confirmo",
    "dou o meu consentimento", "dou consentimento", "dou a minha autorização",
    "de acordo", "estou de acordo", "pode ser", "claro", "claro que sim", "com certeza",
    "certamente", "ok", "OK!", "okay", "está bem", "tá bem", "ta bem", "tudo bem",
    "sim senhor", "sim senhora", "ya",
    # informal but clear
    "sim aceito", "ok então sim aceito", "pronto, aceito", "sim sim", "siiim", "simm", "SIMMM!!", "aceito sim", "sim, sim, aceito",
    "eu aceito", "sim, autorizo", "claro que aceito", "sim, claro", "sim por favor",
    "aceito, obrigado", "sim, concordo.", "ok, aceito", "sim pode", "sim quero",
    # with what is accepted
    "aceito o tratamento dos meus dados", "autorizo o tratamento dos dados", "aceito os termos",
    # one typo in a long word, no accents
    "acieto", "aceitp", "sim aseito", "autoriso", "concrodo", "dou o meu consentimeto",
    "esta bem", "sim, esta tudo certo",
    # the final confirmation of the summary
    "sim, está tudo certo", "está tudo certo", "sim, confirmo", "correto", "está correto",
    "isso mesmo", "pode registar", "certo",
]

CLEAR_NO = [
    # the buttons' payloads
    "não aceito", "não",
    # negations win over the verb they negate
    "nao", "Não.", "NAO", "naaao", "nao aceito", "não autorizo", "não concordo",
    "não consinto", "não dou o meu consentimento", "não quero", "recuso", "recuso-me",
    "rejeito", "não, obrigado", "nao obrigada", "não, não aceito", "claro que não",
    "de maneira nenhuma", "nem pensar", "nunca", "discordo", "não estou de acordo",
    # the final confirmation
    "não está certo", "está errado", "errado",
]

UNCLEAR = [
    # what the attacker got accepted
    "talvez", "hmm", "hum", "?", "porquê?", "porque", "...", "👍", "🙂", "👌", "🤔",
    # hedged, conditional, indifferent, doubtful
    "não sei se aceito", "não me importo", "se calhar", "acho que sim", "acho que aceito",
    "penso que sim", "sim?", "sim mas o que fazem aos dados?", "sim mas o que fazem aos dados",
    "depende", "tanto faz", "pode ser que sim", "não sei", "nao sei", "sei lá",
    "em princípio sim", "provavelmente", "sim, em princípio", "pois sim",
    "ok?", "aceito?", "aceita?", "posso aceitar depois?", "para que servem os dados?",
    "e se eu não aceitar?", "o que acontece aos meus dados",
    # a yes and a no
    "sim não", "não sim", "sim, não aceito", "não, pode ser", "aceito não",
    # too short or not an answer
    "s", "n", "ss", "", "   ", "!!!", "1", "sim 👍", "/affirm", "aceita",
    "quero falar com uma pessoa", "o que é o NISS", "recurso", "bom dia",
    "sim\u200b",
]


@pytest.mark.parametrize("text", CLEAR_YES)
def test_a_clear_yes(text: str) -> None:
    assert read_clear_yes_no(text) is True


@pytest.mark.parametrize("text", CLEAR_NO)
def test_a_clear_no(text: str) -> None:
    assert read_clear_yes_no(text) is False


@pytest.mark.parametrize("text", UNCLEAR)
def test_anything_else_is_unclear(text: str) -> None:
    assert read_clear_yes_no(text) is None


def test_none_is_unclear() -> None:
    assert read_clear_yes_no(None) is None


def test_enough_phrasings_are_checked() -> None:
    assert len(CLEAR_YES) + len(CLEAR_NO) + len(UNCLEAR) >= 80


def test_no_phrase_means_both_yes_and_no_once_letters_are_squeezed() -> None:
    from bot.parsing import consent

    seen: dict[tuple[str, ...], str] = {}
    for mark, phrases in (("yes", consent._YES), ("no", consent._NO), ("neutral", consent._NEUTRAL)):
        for phrase in phrases:
            key = tuple(consent._squeeze(w) for w in phrase.split())
            assert seen.setdefault(key, mark) == mark, phrase


def test_evidence_is_one_short_line() -> None:
    assert consent_evidence("  Sim,\n  aceito ") == "Sim, aceito"
    assert len(consent_evidence("sim " * 100)) == EVIDENCE_MAX_LENGTH


def test_the_evidence_fits_in_the_store() -> None:
    from bot.store.models import CONSENT_EVIDENCE_LENGTH

    assert EVIDENCE_MAX_LENGTH <= CONSENT_EVIDENCE_LENGTH


def test_the_module_does_not_need_rasa() -> None:
    code = (
        "import sys, bot.parsing.consent; "
        "sys.exit(any(m.split('.')[0] in ('rasa', 'rasa_sdk') for m in sys.modules))"
    )
    assert subprocess.run([sys.executable, "-c", code], timeout=60).returncode == 0


# -- a question about the data, asked while consent is asked -----------------------


@pytest.mark.parametrize("text", [
    "hmm nao sei bem o que fazem com os dados",
    "para que querem o meu nif?",
    "pra que precisam do meu niss",
    "quem vai ver isto?",
    "alguem tem acesso aos meus dados?",
    "os meus dados ficam guardados?",
    "vao ser partilhados com alguem?",
    "quanto tempo guardam os dados",
    "e seguro dar o meu contribuinte aqui",
    "porque precisam disso",
    "o que vao fazer com a minha morada",
    "pq e q precisam dos meus dados?",
    "pq pedem o niss",
])
def test_a_question_about_the_data_is_recognised(text):
    assert asks_about_data_use(text)


@pytest.mark.parametrize("text", [
    "sim", "aceito", "nao", "não aceito", "talvez", "o que é o rsi?", "quero uma declaração",
    "onde fica a segurança social mais perto", "quanto tempo demora a certidão",
])
def test_answers_and_other_questions_are_not(text):
    assert not asks_about_data_use(text)
