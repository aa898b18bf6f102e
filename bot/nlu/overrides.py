"""Decisions the classifier must not get wrong, made after it by rules.

- "base legal?" shows the legal basis of the last answer (``ask_legal_basis``).
- Asking to simulate or calculate always starts the eligibility form
  (``check_eligibility``), whatever the classifier thought; "tenho direito ao
  RSI?" does too when the classifier read it as a bare answer or not at all.
- A short "parar"/"esquece" is ``stop``, "não, quero continuar" is ``deny``
  (the answer to "Quer mesmo parar?"); asking for a person is ``talk_to_human``.
- A status or appeal question about an RSI application (no registration
  number, no certificate) is the ``faq/application_status`` or
  ``faq/refusal_appeal`` answer, not the lookup of a certificate request.
- A FAQ answer is given only when the response selector is confident:
  below ``faq_threshold`` the intent becomes ``nlu_fallback`` (the two-stage
  fallback then offers "Quis dizer…?").

The readers are plain functions in ``bot.parsing.intents``.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.shared.nlu.training_data.message import Message

from bot.parsing.facts import CASE_SLOTS, PEOPLE_SLOTS, is_a_case, read_facts
from bot.parsing.intents import (
    asks_about_appeal,
    asks_about_eligibility,
    asks_about_rsi,
    asks_deadline,
    asks_for_a_statement,
    asks_for_documents,
    asks_for_person,
    asks_how_much,
    asks_how_to_reach_social_security,
    asks_legal_basis,
    asks_to_continue,
    asks_to_simulate,
    asks_to_stop,
    asks_whether_or_how,
    is_bare_answer,
    is_unsure_answer,
    wants_to_apply,
)
from bot.parsing.numbers import normalise

FAQ = "faq"
FALLBACK = "nlu_fallback"
# A stop is a short command; a long sentence with "parar" is something else.
STOP_MAX_WORDS = 6
# "base legal?" is short; a long question naming a law is a question about it.
LEGAL_BASIS_MAX_WORDS = 8


@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER], is_trainable=False)
class IntentOverrides(GraphComponent):
    @staticmethod
    def get_default_config() -> dict[str, Any]:
        return {"faq_threshold": 0.5}

    def __init__(self, config: dict[str, Any]) -> None:
        self.faq_threshold = float(config.get("faq_threshold", 0.5))

    @classmethod
    def create(
        cls,
        config: dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
    ) -> IntentOverrides:
        return cls(config)

    def process(self, messages: list[Message]) -> list[Message]:
        for message in messages:
            text = message.get("text") or ""
            if not text or text.startswith("/"):
                continue
            intent = (message.get("intent") or {}).get("name")
            new = decide(text, intent, faq_confidence(message), self.faq_threshold, faq_key(message),
                         top_intent(message))
            if new and new != intent:
                chosen = {"name": new, "confidence": 1.0}
                message.set("intent", chosen, add_to_output=True)
                if new == FALLBACK:
                    # As FallbackClassifier does: on top of the ranking, so "did you
                    # mean" still offers the classifier's guesses after it.
                    ranking = [chosen, *(message.get("intent_ranking") or [])]
                    message.set("intent_ranking", ranking, add_to_output=True)
        return messages


def faq_confidence(message: Message) -> float | None:
    selector = (message.get("response_selector") or {}).get(FAQ) or {}
    confidence = (selector.get("response") or {}).get("confidence")
    return None if confidence is None else float(confidence)


# So many facts at once describe a case even without a question.
CASE_WITHOUT_ASKING = 4
# Words that ask for help, which turn facts into a case to estimate.
_HELP_WANTED = re.compile(r"\b(?:rsi|rendimento social|rendimento minimo|ajuda|apoio|direito|pedir|receber|"
                          r"subsidio|dinheiro|dificil|dificeis|dificuldades?|aflit\w*|precis\w*)\b")
# "ter/pedir o rsi", and "queria saber do rsi" told with a case.
_WANTS_RSI = re.compile(
    r"\b(?:ter|pedir|receber|requerer|candidatar\w*|saber)\s+(?:o |ao |a |do |sobre o )?(?:rsi|rendimento)"
)
# The FAQ answers a wish to apply may be taken for.
_APPLYING_ANSWERS = ("faq/how_to_apply", "faq/what_is_rsi")
# A certificate request names a document; "quero pedir o rsi" is about the benefit.
_DOCUMENT_WORDS = re.compile(r"declara|certid|comprovativo|documento|papel|atestado")


def tells_a_case(text: str) -> bool:
    """A message that describes a household or a situation (people, or two facts)
    and asks for help: not a bare answer such as "eu e dois filhos"."""
    slots = fact_slots(text)
    if len(slots & CASE_SLOTS) >= CASE_WITHOUT_ASKING:
        return True  # "sou afegão, refugiado, cheguei há 4 meses, vivo com a minha mulher e 3 filhos"
    return bool(_HELP_WANTED.search(normalise(text))) and is_a_case(slots)


@lru_cache(maxsize=64)
def fact_slots(text: str) -> frozenset[str]:
    """The slots a message gives facts for, read once per message for every rule below."""
    return frozenset(read_facts(text).slots())


def describes_a_whole_case(text: str) -> bool:
    """People and at least two more facts (age, income, nationality…): a case, not a question."""
    slots = fact_slots(text) & (CASE_SLOTS | {"age_exception"})
    return bool(slots & PEOPLE_SLOTS) and len(slots - PEOPLE_SLOTS) >= 2


def top_intent(message: Message) -> str | None:
    """The classifier's best guess, under FallbackClassifier's nlu_fallback."""
    ranking = message.get("intent_ranking") or []
    return next((r.get("name") for r in ranking if r.get("name") != FALLBACK), None)


def faq_key(message: Message) -> str | None:
    selector = (message.get("response_selector") or {}).get(FAQ) or {}
    return (selector.get("response") or {}).get("intent_response_key")


# A registration number or a certificate word: the lookup of a request made here.
_CERTIFICATE_WORDS = re.compile(r"declara|certid|registo|comprovativo|\d{4}\s*/\s*\d")
# The selector must be this sure to move a status question to the RSI application answer.
APPLICATION_STATUS_CONFIDENCE = 0.8
# "tenho carro, posso ter o rsi?", "estou preso, tenho direito?": a situation the FAQ answers
# better than the general questions; taken when the answer selector is this sure.
SITUATION_ANSWERS = frozenset({
    "faq/car_and_property", "faq/homeless", "faq/prison", "faq/students", "faq/travel_abroad",
    "faq/work_while_receiving", "faq/application_status", "faq/repayment", "faq/irs",
    "faq/income_counted", "faq/social_energy_tariff", "faq/report_changes",
})
SITUATION_CONFIDENCE = 0.85
# Words without which a situation answer was not asked about: "tenho 17 anos e estou
# grávida, posso pedir o rsi?" is no question about students, whatever the selector says.
_SITUATION_CUES = {
    "faq/students": re.compile(r"\b(?:estud\w*|escola|universi\w*|faculdade|curso|bolsa|propina\w*)\b"),
    "faq/prison": re.compile(r"\b(?:pres[oa]s?|prisao|cadeia|reclus\w*|detid[oa])\b"),
    "faq/car_and_property": re.compile(r"\b(?:carro|carros|mota|viatura|automovel|casa|apartamento|terreno\w*|"
                                       r"imove\w*|propriedade|heranca|predio)\b"),
    "faq/homeless": re.compile(r"\b(?:rua|sem abrigo|sem-abrigo|abrigo|sem casa|albergue|casa de acolhimento|"
                                r"dormir (?:na|no|num|numa)|durmo (?:na|no|num|numa))\b"),
    "faq/travel_abroad": re.compile(r"\b(?:ferias|viaj\w*|estrangeiro|fora do pais|emigr\w*)\b"),
    "faq/work_while_receiving": re.compile(r"\b(?:trabalh\w*|emprego|contrato|(?:ja|estou a|continuar a) receb\w*)\b"),
    # a date at the end of the year is no question about the Prestação Social Única
    "faq/psu_transition": re.compile(r"\b(?:psu|prestacao social unica|nova prestacao|prestacao unica|"
                                     r"(?:acabar|acaba|fim|termina\w*|substitu\w*|mudar|muda)\b.{0,20}\b(?:o )?rsi)\b"
                                     r"|\brsi\b.{0,20}\b(?:acabar|acaba|termina\w*|substitu\w*|vai mudar|muda)\b"),
}


# Being out of work is no question about working while on the RSI: "trabalhava na
# fruta mas agora estou sem trabalho, posso pedir rsi?"
_OUT_OF_WORK = re.compile(r"\b(?:sem (?:trabalho|emprego|contrato)|desempregad\w*|nao (?:tenho|temos) (?:trabalho|emprego)|"
                          r"nao trabalh\w*|trabalhava\w*|fiquei sem \w+|perdi o (?:trabalho|emprego))\b")


def names_the_situation(text: str, key: str | None) -> bool:
    """Whether ``text`` speaks of the situation the FAQ answer ``key`` is about."""
    cue = _SITUATION_CUES.get(key or "")
    norm = normalise(text)
    if key == "faq/work_while_receiving":
        norm = _OUT_OF_WORK.sub(" ", norm)
    return cue is None or bool(cue.search(norm))


# FAQ answers about a step that also has a deadline the calculator knows: "how" and
# "whether" are the FAQ's, "until when" is the calculator's.
DEADLINE_TOPICS = frozenset({
    "faq/refusal_appeal", "faq/report_changes", "faq/change_residence", "faq/insertion_contract",
})
WHETHER_TOPICS = DEADLINE_TOPICS | {"faq/travel_abroad"}
# Below this the answer selector is guessing between answers; from SURE_FAQ it is sure.
UNSURE_FAQ = 0.5
SURE_FAQ = 0.9


def decide(
    text: str,
    intent: str | None,
    faq_conf: float | None,
    faq_threshold: float,
    key: str | None = None,
    top: str | None = None,
) -> str | None:
    """The intent to use instead of ``intent``, or None to keep it (``top``: the
    classifier's best guess when ``intent`` is nlu_fallback)."""
    if asks_legal_basis(text) and len(text.split()) <= LEGAL_BASIS_MAX_WORDS:
        return "ask_legal_basis"
    if asks_for_person(text) and intent != "talk_to_human":
        return "talk_to_human"
    if asks_to_stop(text) and len(text.split()) <= STOP_MAX_WORDS and intent != "stop":
        return "stop"
    if asks_to_continue(text) and len(text.split()) <= STOP_MAX_WORDS:
        return "deny"  # the answer to "Quer mesmo parar?"
    # "preciso de um papel a dizer que recebo o rsi": a statement to order
    if asks_for_a_statement(text) and intent in (FAQ, FALLBACK, "out_of_scope", "inform", "check_eligibility", None):
        return "request_certificate"
    # "por mail se faz favor", "que diga quando entreguei o pedido": answers, not side questions
    if is_bare_answer(text) and intent in (FAQ, FALLBACK, "out_of_scope", None):
        return "inform"
    # "sei lá" is an answer (the forms explain and offer a person), not a FAQ or a greeting
    if is_unsure_answer(text) and intent in (FAQ, FALLBACK, "out_of_scope", "greet", "bot_challenge", None):
        return "inform"
    # "que papéis tenho de levar para pedir o rsi?": the documents list, not the estimate
    if asks_for_documents(text) and intent in ("check_eligibility", "ask_amount", FAQ, "inform", FALLBACK,
                                               "out_of_scope", None) \
            and not (intent == FAQ and (faq_conf or 0) >= SURE_FAQ):
        return "ask_documents"
    if asks_to_simulate(text) and intent not in ("check_eligibility", "ask_amount"):
        return "ask_amount" if asks_how_much(text) else "check_eligibility"
    # Both start the same questions; "quanto…?" asks for the amount (analytics tell them apart).
    if intent == "check_eligibility" and asks_how_much(text):
        return "ask_amount"
    # "vivo com a minha filha de 18 anos que estuda, como faço para ter o rsi?": the case first
    if intent in ("faq", "inform", FALLBACK, "out_of_scope") and _WANTS_RSI.search(normalise(text)) \
            and tells_a_case(text):
        return "check_eligibility"
    # "tenho 17 anos, vivo com a minha avó, ela tem uma reforma de 300 euros e eu estou grávida":
    # a whole case in one message is the start of an estimate, whatever FAQ it resembles
    if intent not in ("check_eligibility", "ask_amount", "stop", "talk_to_human", "ask_legal_basis") \
            and describes_a_whole_case(text):
        return "check_eligibility"
    # "queria pedir o rendimento social" not understood: applying starts with the estimate
    norm = normalise(text)
    if intent in (FALLBACK, "out_of_scope") and _WANTS_RSI.search(norm) and not _DOCUMENT_WORDS.search(norm):
        return "check_eligibility"
    # ...and so does "queria pedir o rsi" taken for the how-to-apply answer or a certificate:
    # a wish to apply, with no question of how, where or which papers.
    if intent in (FAQ, "request_certificate") and wants_to_apply(text) \
            and (intent != FAQ or key in _APPLYING_ANSWERS):
        return "check_eligibility"
    # "tenho 17 anos e estou grávida, posso pedir o rsi?": an eligibility question with
    # facts of the case (an age, an income, a nationality...) is the estimate's, unless
    # it is a situation a FAQ answers (prison, a car, travelling...)
    if asks_about_eligibility(text) and fact_slots(text) & (CASE_SLOTS | {"age_exception"}) \
            and intent in ("faq", "inform", FALLBACK, "out_of_scope") \
            and not (key in SITUATION_ANSWERS and names_the_situation(text, key)):
        return "check_eligibility"
    # "tenho direito ao rsi? vivo sozinho": an eligibility question about a household
    if asks_about_eligibility(text) and fact_slots(text) & PEOPLE_SLOTS \
            and intent in ("check_eligibility", "faq", "inform", FALLBACK, "out_of_scope"):
        return None if intent == "check_eligibility" else "check_eligibility"
    # "até quando posso reclamar?" is the calculator's; "tenho de avisar que mudei de casa?"
    # and "como recorro?" are the FAQ's, whichever the classifier preferred.
    if intent == FAQ and key in DEADLINE_TOPICS and asks_deadline(text):
        return "ask_deadline"
    # The words decide these two, so the selector need only have the right answer on top.
    if intent == "ask_deadline" and key in WHETHER_TOPICS and (faq_conf or 0) >= UNSURE_FAQ \
            and asks_whether_or_how(text):
        return FAQ
    if intent in ("out_of_scope", FALLBACK) and key == "faq/refusal_appeal" and asks_about_appeal(text):
        return FAQ
    # "qual é o horário da segurança social?" taken for another service's hours
    if intent in (FALLBACK, "out_of_scope") and key == "faq/contact_channels" \
            and (faq_conf or 0) >= UNSURE_FAQ and asks_how_to_reach_social_security(text):
        return FAQ
    situation = key in SITUATION_ANSWERS and (faq_conf or 0) >= SITUATION_CONFIDENCE \
        and names_the_situation(text, key)
    if intent in ("check_eligibility", "inform", "out_of_scope") and situation:
        return FAQ
    # "tenho direito ao rsi? somos 3…" read as a bare answer (inform) or not understood
    if asks_about_eligibility(text) and intent in ("inform", FALLBACK, "out_of_scope", None):
        return "check_eligibility"
    if intent == "request_certificate" and asks_about_rsi(text) and not _DOCUMENT_WORDS.search(normalise(text)):
        return "check_eligibility"  # "quero pedir o rsi"
    # "moro com a minha mãe acamada, não consigo trabalhar, há alguma ajuda?": a case told
    # as a story, asking for help, is the start of an estimate
    unsure_faq = intent == FAQ and (faq_conf or 0) < SITUATION_CONFIDENCE
    if (intent in ("inform", FALLBACK, "out_of_scope") or unsure_faq) and tells_a_case(text):
        return "check_eligibility"
    if (intent == "check_request_status" and key in ("faq/application_status", "faq/refusal_appeal")
            and (faq_conf or 0) >= APPLICATION_STATUS_CONFIDENCE and not _CERTIFICATE_WORDS.search(text.lower())):
        return FAQ  # "o meu pedido de RSI": not a certificate request made here
    # The classifier hesitates but its best guess is a FAQ the answer selector is sure of.
    if intent == FALLBACK and top == FAQ and (faq_conf or 0) >= SURE_FAQ:
        return FAQ
    # "bom dia, posso pedir o rsi?" guessed as some FAQ the selector is unsure of, or as
    # a situation it does not name ("estou sem trabalho, posso pedir o rsi?" is no
    # question about working while on the RSI)
    if intent == FAQ and asks_about_eligibility(text) and (
            (faq_conf or 0) < UNSURE_FAQ or (key in _SITUATION_CUES and not names_the_situation(text, key))):
        return "check_eligibility"
    # A deadline question the answer selector is unsure about, or the classifier did not
    # understand, is the deadline calculator's.
    if intent == FAQ and (faq_conf or 0) < UNSURE_FAQ and asks_deadline(text):
        return "ask_deadline"
    if intent in (FALLBACK, "out_of_scope") and asks_deadline(text):
        return "ask_deadline"
    if intent == FAQ and faq_conf is not None and faq_conf < faq_threshold:
        return FALLBACK
    return None
