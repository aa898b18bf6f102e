"""Certificate requests and their status: forms, validation, submission, lookup.

Two journeys:

* ``certificate_form`` collects what a request for a declaration or a
  certidão needs (seed 004 art. 33: subject and requester; art. 45: electronic
  or postal delivery) and ``action_submit_certificate_request`` records it and
  gives the receipt of art. 32 (date, time, registration number).
* ``request_status_form`` asks a registration number and the NIF, and
  ``action_check_request_status`` reports the status of that request.

Every slot is filled here from the text of the latest message (slot mappings
are ``custom``); answers that cannot be read are re-asked with an explanation,
a longer one from the second failed try on. Names, numbers, e-mail and postal
addresses are read through the store's cleaners (``bot.cleaning``, via
``bot.parsing.certificates``): what the form accepts, the store records as it
is, and what the store would refuse is re-asked at once with the reason. Consent and the final yes to the
summary are taken only from a clear «sim» in words (``bot.parsing.consent``),
never from the NLU intent, and the words and time of the consent are recorded
with the request. NIF and NISS are never read back in full. Personal data
(names, NIF, NISS, addresses) is never logged and the slots are emptied once
the request is recorded, refused or cancelled.
"""

from __future__ import annotations

import hashlib
import logging
import re
import threading
import uuid
from abc import ABC, abstractmethod
from collections.abc import Callable
from datetime import datetime, timezone
from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions.common import (
    EXPLAIN_AFTER_FAILURES,
    OFFER_AFTER_FAILURES,
    RetryingFormValidation,
    SafeAction,
    SlotValues,
    conversation_region,
    is_front_desk,
    latest_intent,
    latest_text,
    starting,
)
from bot.certificates import CERTIDAO_ELEMENTS, DOCUMENT_TYPES, certidao_details, join_pt
from bot.closed_sets import Channel, DeliveryMethod, DocumentType, RequestStatus
from bot.errors import InputError
from bot.figures import deadline_text
from bot.format import date_long, date_short
from bot.identifiers import MASK_CHARACTER, mask_nif, mask_niss
from bot.parsing import normalise, parse_yes_no
from bot.parsing.certificates import (
    POSTAL_CODE,
    certidao_elements_told,
    find_nif,
    find_niss,
    has_email_shape,
    names_certidao_elements,
    parse_certidao_elements,
    parse_delivery,
    parse_document_type,
    parse_email,
    parse_postal_address,
    parse_registration_number,
    read_email,
    read_name,
    read_nif,
    read_niss,
    read_postal_address,
)
from bot.parsing.consent import asks_about_data_use, consent_evidence, read_clear_yes_no
from bot.parsing.intents import asks_for_person, asks_why
from bot.rules import parameters
from bot.store.db import database_url
from bot.store.errors import StoreUnavailable
from bot.store.requests import STATUS_LABELS, CertificateRequest, RequestRepository, retention_days

logger = logging.getLogger(__name__)

# --------------------------------------------------------------------------- vocabulary

DELIVERY_LABELS: dict[DeliveryMethod, str] = {
    DeliveryMethod.EMAIL: "por e-mail",
    DeliveryMethod.POST: "por correio",
}

# Rasa input channel -> channel recorded with the request (a Channel code).
STORE_CHANNELS: dict[str, str] = {
    "rest": Channel.REST.value,
    "socketio": Channel.WEB.value,
    "phone": Channel.PHONE.value,
    "twilio": Channel.PHONE.value,
    "twilio_voice": Channel.PHONE.value,
    "staff": Channel.STAFF.value,
}

# Hidden characters of a masked e-mail address: always the same number, so the
# mask does not tell how long the address is.
EMAIL_MASK_LENGTH = 5

# Statuses in which the document is still to be issued.
OPEN_STATUSES = (RequestStatus.REGISTERED, RequestStatus.IN_PROGRESS)

# Intents that are a question or a command, not an answer: the form does not
# read a slot value from them, it steps aside so a rule can answer and then
# resumes. An answer with an unmistakable shape (9 digits, an e-mail address,
# a registration number) is still taken, whatever the intent, except "stop".
SIDE_INTENTS = frozenset({
    "faq", "stop", "out_of_scope", "bot_challenge", "talk_to_human", "greet", "goodbye",
    "thank", "check_eligibility", "ask_amount", "ask_documents", "ask_deadline",
})

CERTIFICATE_SLOTS = (
    "cert_document_type", "cert_certidao_elements", "cert_consent", "cert_consent_evidence",
    "cert_name", "cert_nif", "cert_niss", "cert_delivery", "cert_email", "cert_postal_address",
    "cert_confirmed", "cert_correction", "cert_request_id", "form_retries",
)
STATUS_SLOTS = ("status_number", "status_nif", "form_retries")

# --------------------------------------------------------------------------- parsers
# The parsers of names, numbers, addresses and of a clear yes or no are pure and
# live in bot/; this one reads an answer in terms of this form's slots.
# Consent and the final confirmation are read by bot.parsing.consent alone,
# never from the NLU intent: the classifier says "affirm" for many non-answers.


_CORRECTION_FIELDS = (
    (r"\bniss\b|seguranca social", ("cert_niss",)),
    (r"\bnif\b|contribuinte|fiscal", ("cert_nif",)),
    (r"\bnome\b", ("cert_name",)),
    (r"e-?mail|correio eletronico", ("cert_email",)),
    (r"morada|endereco|codigo postal", ("cert_postal_address",)),
    (r"entrega|correio|forma de (envio|receber)|envio", ("cert_delivery", "cert_email", "cert_postal_address")),
    (r"tipo|documento|declaracao|certidao|elementos", ("cert_document_type", "cert_certidao_elements")),
)


def parse_correction(text: str) -> tuple[str, ...] | None:
    """Which slots a person wants to correct ("o NIF está errado" -> ("cert_nif",))."""
    norm = normalise(text)
    for pattern, slots in _CORRECTION_FIELDS:
        if re.search(pattern, norm):
            return slots
    return None


# --------------------------------------------------------------------------- messages

OTHER_CHANNELS = (
    "na Segurança Social Direta (www.seg-social.pt), pela Linha Segurança Social, "
    "300 502 502 (dias úteis, 9h-18h), ou presencialmente num serviço da Segurança Social"
)

# First failed try, then from the second one on: a longer explanation.
RETRY_HELP: dict[str, tuple[str, str]] = {
    "cert_document_type": (
        "Não percebi que documento pretende.",
        "Ainda não percebi o documento. Escolha uma destas opções, escrevendo o número:\n"
        "1 — declaração de situação contributiva (mostra se tem dívidas à Segurança Social)\n"
        "2 — declaração de que recebe o RSI, com os valores recebidos\n"
        "3 — certidão do seu requerimento de RSI (data, conteúdo, andamento ou decisão)",
    ),
    "cert_certidao_elements": (
        "Não percebi o que deve constar da certidão.",
        "Pode escolher um ou vários, por exemplo «o andamento e a decisão», ou os números: "
        "1 — data de apresentação, 2 — conteúdo, 3 — andamento, 4 — decisão. "
        "Se quiser tudo, diga «tudo».",
    ),
    # Consent must be a clear yes (GDPR art. 4(11)); the question that follows
    # is asked again with its two buttons, «Sim, aceito» and «Não aceito».
    "cert_consent": (
        "Só um «sim» claro conta como autorização.",
        "Os dados (nome, NIF, NISS e contacto) servem só para emitir e enviar este documento. "
        "Só um «sim» claro conta como autorização: escolha «Sim, aceito» ou «Não aceito».",
    ),
    "cert_name": (
        "Preciso do nome completo, com o nome próprio e pelo menos um apelido, só com letras.",
        "O nome tem de ser igual ao do Cartão de Cidadão, por exemplo «Maria João Silva». "
        "Escreva só o nome, sem números.",
    ),
    "cert_nif": (
        "Esse número não é um NIF válido. O NIF (número de identificação fiscal) tem "
        "9 algarismos e está no Cartão de Cidadão.",
        "Continua a não ser um NIF válido. O último algarismo é de controlo: basta um algarismo "
        "trocado para o número não ser aceite. Encontra o NIF no verso do Cartão de Cidadão, "
        "no cartão de contribuinte ou numa fatura em seu nome. Se não o tiver à mão, diga "
        "«cancelar» e faça o pedido mais tarde.",
    ),
    "cert_niss": (
        "Esse número não é um NISS válido. O NISS (número de identificação da Segurança "
        "Social) tem 11 algarismos e está no Cartão de Cidadão.",
        "Continua a não ser um NISS válido. Tem 11 algarismos e o último é de controlo. "
        "Encontra-o no verso do Cartão de Cidadão ou em cartas da Segurança Social. "
        "Se não o tiver à mão, diga «cancelar» e faça o pedido mais tarde.",
    ),
    "cert_delivery": (
        "Não percebi como quer receber o documento.",
        "Pode receber o documento por e-mail (fica pronto mais depressa) ou por correio, "
        "em papel. Responda «e-mail» ou «correio».",
    ),
    "cert_email": (
        "Esse endereço de e-mail não parece completo.",
        "Um endereço de e-mail tem a forma nome@dominio.pt, por exemplo «maria.silva@gmail.com». "
        "Se preferir receber em papel, diga «prefiro por correio».",
    ),
    "cert_postal_address": (
        "Preciso da morada completa, com rua, número, código postal (por exemplo 1000-001) e localidade.",
        "Escreva tudo numa linha, por exemplo «Rua das Flores, 12, 2.º esq., 4000-123 Porto». "
        "O código postal tem 4 algarismos, um hífen e mais 3.",
    ),
    "cert_confirmed": (
        "Só registo o pedido com um «sim» claro. Responda «sim» para registar ou «não» para "
        "corrigir algum dado.",
        "Se estiver tudo certo, diga «sim». Se algum dado estiver errado, diga «não» e depois "
        "qual é (por exemplo «o NIF»). Para desistir do pedido, diga «cancelar».",
    ),
    "cert_correction": (
        "Que dado quer corrigir?",
        "Diga um destes: tipo de documento, nome, NIF, NISS, forma de entrega, e-mail ou morada. "
        "Para desistir do pedido, diga «cancelar».",
    ),
    "status_number": (
        "Não encontrei um número de registo nessa mensagem. Tem a forma ano/número, "
        "por exemplo 2026/000042.",
        "O número de registo está no comprovativo que recebeu quando fez o pedido, por exemplo "
        "2026/000042 (também pode escrever 2026/42). Se não o tiver, pode ligar para a Linha "
        "Segurança Social, 300 502 502.",
    ),
    "status_nif": (
        "Esse número não é um NIF válido. O NIF tem 9 algarismos e está no Cartão de Cidadão.",
        "Continua a não ser um NIF válido. Use o NIF de quem fez o pedido: 9 algarismos, no verso "
        "do Cartão de Cidadão. Para desistir, diga «cancelar».",
    ),
}


# --------------------------------------------------------------------------- store access


_repositories: dict[str, RequestRepository] = {}
# The store's actions run in worker threads (SafeAction.OFF_LOOP): one makes the repository.
_repositories_lock = threading.Lock()
# A citizen waits at most this long for a locked or slow database before being told
# the request was not recorded; shorter than the Rasa server's wait for an action
# (bot.serving.action_outage), so the action's own answer arrives first.
STORE_WAIT_S = 10.0


def _repository() -> RequestRepository:
    """The request repository on ``DATABASE_URL``, made (and its schema migrated) once per URL.

    A failure is not cached: when the database comes back, the next call works.
    """
    url = database_url()
    with _repositories_lock:
        if url not in _repositories:
            _repositories[url] = RequestRepository.from_env(wait_s=STORE_WAIT_S)
        return _repositories[url]


def idempotency_key(sender_id: str, request_id: str) -> str:
    """One key per confirmed summary of one conversation; hashed so no conversation id is stored."""
    return hashlib.sha256(f"{sender_id}\n{request_id}".encode()).hexdigest()


def store_channel(input_channel: str | None) -> str:
    return STORE_CHANNELS.get(input_channel or "", Channel.WEB.value)




# --------------------------------------------------------------------------- helpers


def _text(tracker: Tracker) -> str:
    return latest_text(tracker).strip()


def _answering(tracker: Tracker, slot: str, strong_shape: bool = False) -> bool:
    """Whether the latest message should be read as the answer to ``slot``.

    Only the slot being asked is read. Side questions are left to the rules,
    unless the answer has an unmistakable shape (then only "stop" stops it).
    """
    if tracker.get_slot("requested_slot") != slot or not _text(tracker):
        return False
    intent = latest_intent(tracker)
    if intent == "stop":
        return False
    if strong_shape:
        return True
    return intent not in SIDE_INTENTS


def retention_note() -> str:
    """How long the request's data is kept (the store's retention, RSI_RETENTION_DAYS)."""
    try:
        days = retention_days()
    except InputError:  # a misconfigured server: say nothing rather than a wrong figure
        return ""
    return f"Ficam guardados com o pedido durante {days} dias e depois são apagados."


def reset_events(slots: tuple[str, ...]) -> list[EventType]:
    return [SlotSet(slot, None) for slot in slots]


def describe_document(document_type: str | None, elements: list[str] | None) -> str:
    label = DOCUMENT_TYPES.get(document_type or "", "documento")
    if document_type == DocumentType.CERTIDAO_REQUERIMENTO and elements:
        label += ", com " + join_pt([CERTIDAO_ELEMENTS[e] for e in elements if e in CERTIDAO_ELEMENTS])
    return label


def describe_delivery(
    delivery: str | None, email: str | None, address: str | None, *, masked: bool = False
) -> str:
    """How the document is sent; ``masked`` hides most of the e-mail address (for the
    receipt: once the request is recorded there is nothing left to check in it)."""
    if delivery == DeliveryMethod.EMAIL:
        return f"por e-mail, para {mask_email(email) if masked else email}"
    if delivery == DeliveryMethod.POST:
        return f"por correio, para {address}"
    return "—"


def mask_email(email: str | None) -> str:
    """"maria.silva@gmail.com" -> "m•••••@gmail.com": enough for its owner to recognise.

    The same hiding character as ``bot.identifiers.mask``; the domain stays whole."""
    local, at, domain = (email or "").rpartition("@")
    if not at or not local:
        return ""
    return f"{local[0]}{MASK_CHARACTER * EMAIL_MASK_LENGTH}@{domain}"


def evidence_of(text: str) -> dict[str, str]:
    """How consent was given: the words as typed (or the button's payload) and when, in UTC."""
    return {"words": consent_evidence(text), "at": datetime.now(timezone.utc).isoformat()}


def reason_sentence(error: InputError) -> str:
    """The cleaner's reason as a sentence: "o nome só pode ter letras..." -> "O nome só pode ter letras...".

    ``bot.cleaning`` never quotes the refused value in its reasons, so nothing
    the person typed is echoed back (nor reaches a log through the reply)."""
    reason = str(error).strip()
    if not reason:
        return ""
    return reason[0].upper() + reason[1:] + ("" if reason.endswith((".", "!", "?")) else ".")


# «não sei o NISS de cor», «não tenho o NIF aqui»: where to find the number, not «that
# number is not valid» (no number was given); the question is asked again.
WHERE_TO_FIND = {
    "cert_nif": "Sem problema. O NIF está no verso do Cartão de Cidadão, no cartão de contribuinte "
                "ou numa fatura em seu nome.",
    "cert_niss": "Sem problema. O NISS está no verso do Cartão de Cidadão, nas cartas da Segurança "
                 "Social e na Segurança Social Direta (www.seg-social.pt).",
    "status_number": "O número de registo está no comprovativo que recebeu quando fez o pedido "
                     "(por exemplo 2026/000042).",
    "status_nif": "O NIF está no verso do Cartão de Cidadão, no cartão de contribuinte ou numa fatura.",
}
_DOES_NOT_HAVE = re.compile(r"\b(?:nao sei|nao me lembro|nao tenho (?:aqui|comigo|a mao|agora)|"
                            r"nao (?:o |a )?tenho|de cor|sei la|esqueci)")
LATER = "Se não o tiver à mão agora, diga «cancelar» e faça o pedido quando o tiver."


def _not_at_hand(text: str) -> bool:
    """«não sei onde está», «não o tenho aqui»: said to a number's question, an answer
    (where to find it follows), whatever FAQ it resembles; never a request for a person."""
    return bool(_DOES_NOT_HAVE.search(normalise(text))) and not asks_for_person(text)


# Answers whose shape is unmistakable are read even under a side-question intent.
STRONG_SHAPES: dict[str, Callable[[str], bool]] = {
    "cert_nif": lambda text: find_nif(text, words=True) is not None or _not_at_hand(text),
    "cert_niss": lambda text: find_niss(text, words=True) is not None or _not_at_hand(text),
    "cert_email": has_email_shape,
    "cert_postal_address": lambda text: POSTAL_CODE.search(text) is not None,
    "status_number": lambda text: parse_registration_number(text) is not None,
    "status_nif": lambda text: find_nif(text, words=True) is not None or _not_at_hand(text),
    # «não sei bem o que fazem com os dados»: a doubt about the consent asked, answered
    # with the explanation, whatever general question the classifier took it for.
    "cert_consent": lambda text: asks_about_data_use(text) or asks_why(text),
}

# Answers read by one reader: the value as the store keeps it (bot.cleaning), None
# (asked again) or InputError (asked again, saying why: the store would refuse it).
READERS: dict[str, Callable[[str], Any]] = {
    "cert_name": read_name,
    "cert_nif": read_nif,
    "cert_niss": read_niss,
    "cert_postal_address": read_postal_address,
    "status_number": parse_registration_number,
    "status_nif": read_nif,
}


class RequestFormValidation(RetryingFormValidation):
    """What the certificate and status forms share: the raw text of the answer to
    the slot being asked is extracted, and failed tries are counted per slot in
    ``form_retries`` (a dict), so each question escalates on its own."""

    HELP = RETRY_HELP

    def extract_answer(
        self, slot: str, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> SlotValues:
        shape = STRONG_SHAPES.get(slot)
        strong = shape is not None and shape(_text(tracker))
        return {slot: _text(tracker)} if _answering(tracker, slot, strong) else {}

    def check_answer(
        self, slot: str, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> SlotValues:
        try:
            found = READERS[slot](str(value or ""))
        except InputError as error:
            return self.refuse(slot, error, dispatcher, tracker)
        if found is None and slot in WHERE_TO_FIND and not any(c.isdigit() for c in str(value or "")) \
                and _DOES_NOT_HAVE.search(normalise(str(value or ""))):
            dispatcher.utter_message(text=f"{WHERE_TO_FIND[slot]} {LATER}")
            return {slot: None}
        if found is None:
            return self.retry(slot, dispatcher, tracker)
        return self.accept(slot, found, tracker)

    def refuse(
        self, slot: str, error: InputError, dispatcher: CollectingDispatcher, tracker: Tracker
    ) -> SlotValues:
        """Ask ``slot`` again, saying why the answer cannot be kept (the reason of
        ``bot.cleaning``, which the store would give at the very end).

        Like ``retry``, but the reason stays in front of the explanation from
        the second try on: "O nome mistura alfabetos diferentes..." says what
        the usual explanation does not.
        """
        reason = reason_sentence(error)
        if not reason:
            return self.retry(slot, dispatcher, tracker)
        explained = f"{reason} {self.HELP[slot][1]}"
        count = self.failures(slot, tracker) + 1
        if count >= OFFER_AFTER_FAILURES:
            # The base class offers choices or a person, with what is needed.
            return self.retry(slot, dispatcher, tracker, problem=explained)
        dispatcher.utter_message(text=reason if count < EXPLAIN_AFTER_FAILURES else explained)
        return {slot: None, **self.count_failure(slot, count, tracker)}

    def failures(self, slot: str, tracker: Tracker) -> int:
        return (tracker.get_slot("form_retries") or {}).get(slot, 0)

    def count_failure(self, slot: str, count: int, tracker: Tracker) -> SlotValues:
        return {"form_retries": {**(tracker.get_slot("form_retries") or {}), slot: count}}

    def forget_failures(self, slot: str, tracker: Tracker) -> SlotValues:
        counts = dict(tracker.get_slot("form_retries") or {})
        if counts.pop(slot, None) is None:
            return {}
        return {"form_retries": counts}


# --------------------------------------------------------------------------- certificate form


class ValidateCertificateForm(RequestFormValidation):
    """Reads and checks each answer of ``certificate_form``."""

    SLOTS = (
        "cert_document_type", "cert_certidao_elements", "cert_consent", "cert_name", "cert_nif",
        "cert_niss", "cert_delivery", "cert_email", "cert_postal_address", "cert_confirmed",
        "cert_correction",
    )

    def name(self) -> str:
        return "validate_certificate_form"

    def questions(self, tracker: Tracker) -> list[str]:
        """The questions depend on earlier answers (certidão elements, e-mail or address,
        correction after a "no"), and a refused consent ends the form at once."""
        slots = ["cert_document_type"]
        if tracker.get_slot("cert_document_type") == DocumentType.CERTIDAO_REQUERIMENTO:
            slots.append("cert_certidao_elements")
        slots.append("cert_consent")
        if tracker.get_slot("cert_consent") is False:
            return []
        slots += ["cert_name", "cert_nif", "cert_niss", "cert_delivery"]
        delivery = tracker.get_slot("cert_delivery")
        if delivery == DeliveryMethod.EMAIL:
            slots.append("cert_email")
        elif delivery == DeliveryMethod.POST:
            slots.append("cert_postal_address")
        if tracker.get_slot("cert_confirmed") is False:
            slots.append("cert_correction")
        else:
            slots.append("cert_confirmed")
        return slots

    # -- extraction: the raw text of the answer to the slot being asked

    async def extract_cert_document_type(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        # At activation nothing is asked yet: "quero uma declaração de situação
        # contributiva" already says which document.
        if starting(tracker, "certificate_form", CERTIFICATE_SLOTS):
            if latest_intent(tracker) == "request_certificate":
                found = parse_document_type(_text(tracker))
                if found == DocumentType.CERTIDAO_REQUERIMENTO.value and (told := certidao_elements_told(_text(tracker))):
                    # "…uma certidão do meu pedido com a data de entrega e a decisão"
                    return {"cert_document_type": found, "cert_certidao_elements": told}
                return {"cert_document_type": found} if found else {}
            return {}
        return self.extract_answer("cert_document_type", dispatcher, tracker, domain)

    async def extract_cert_certidao_elements(self, dispatcher, tracker, domain) -> dict[str, Any]:
        if _answering(tracker, "cert_certidao_elements", names_certidao_elements(_text(tracker))):
            return {"cert_certidao_elements": [_text(tracker)]}
        return {}

    # -- validation: raw text -> clean value, or an explanation and the question again

    def validate_cert_document_type(self, value, dispatcher, tracker, domain) -> dict[str, Any]:
        if value in DOCUMENT_TYPES:
            return self.accept("cert_document_type", value, tracker)
        found = parse_document_type(str(value or ""), allow_number=True)
        if found is None:
            return self.retry("cert_document_type", dispatcher, tracker)
        return self.accept("cert_document_type", found, tracker)

    def validate_cert_certidao_elements(self, value, dispatcher, tracker, domain) -> dict[str, Any]:
        texts = value if isinstance(value, list) else [str(value or "")]
        if texts and all(t in CERTIDAO_ELEMENTS for t in texts):
            return self.accept("cert_certidao_elements", texts, tracker)
        elements = parse_certidao_elements(" ".join(texts))
        if not elements:
            return self.retry("cert_certidao_elements", dispatcher, tracker)
        return self.accept("cert_certidao_elements", elements, tracker)

    def validate_cert_consent(self, value, dispatcher, tracker, domain) -> dict[str, Any]:
        # Only the words count: not the intent, not a value set some other way.
        text = value if isinstance(value, str) else ""
        answer = read_clear_yes_no(text)
        if answer is None and (asks_why(text) or asks_about_data_use(text)):
            # "porquê?", "o que fazem com os dados?": a question, not a failed answer —
            # answered at once, however often it is asked, and consent asked again.
            dispatcher.utter_message(
                text=f"{RETRY_HELP['cert_consent'][1]} Só quem trata do pedido tem acesso a eles. "
                f"{retention_note()}".strip()
            )
            return {"cert_consent": None}
        if answer is None:
            return self.retry("cert_consent", dispatcher, tracker)
        return {
            **self.accept("cert_consent", answer, tracker),
            # Kept with the request so the consent can be shown (GDPR art. 7(1)).
            "cert_consent_evidence": evidence_of(text) if answer else None,
        }

    def validate_cert_delivery(self, value, dispatcher, tracker, domain) -> dict[str, Any]:
        text = str(value or "")
        delivery = value if value in DELIVERY_LABELS else parse_delivery(text)
        if delivery is None:
            return self.retry("cert_delivery", dispatcher, tracker)
        result = self.accept("cert_delivery", delivery, tracker)
        # "por e-mail, para maria@gmail.com" answers two questions at once.
        if delivery == DeliveryMethod.EMAIL and (email := parse_email(text)):
            result["cert_email"] = email
        if delivery == DeliveryMethod.POST and (address := parse_postal_address(text)):
            result["cert_postal_address"] = address
        return result

    def validate_cert_email(self, value, dispatcher, tracker, domain) -> dict[str, Any]:
        text = str(value or "")
        try:
            email = read_email(text)
        except InputError as error:
            return self.refuse("cert_email", error, dispatcher, tracker)
        if email is None:
            if tracker.get_slot("requested_slot") == "cert_email" and parse_delivery(text) == DeliveryMethod.POST:
                # Changed their mind: "afinal prefiro por correio".
                return {"cert_email": None, "cert_delivery": DeliveryMethod.POST.value}
            return self.retry("cert_email", dispatcher, tracker)
        return self.accept("cert_email", email, tracker)

    def validate_cert_confirmed(self, value, dispatcher, tracker, domain) -> dict[str, Any]:
        text = value if isinstance(value, str) else ""
        answer = read_clear_yes_no(text)
        # "não, o NIF está errado" is no clear no, but it names what to correct:
        # going to that question records nothing, so the lenient reader may decide.
        fields = parse_correction(text) if answer is not True and parse_yes_no(text) is False else None
        if answer is not True and (changed := delivery_change(text, tracker.get_slot("cert_delivery"))):
            # "afinal prefiro por email: ana@gmail.com": the new way, then the summary again.
            dispatcher.utter_message(text="Com certeza, vamos corrigir.")
            return {**changed, "cert_confirmed": None, "cert_request_id": None}
        if answer is None and not fields:
            return self.retry("cert_confirmed", dispatcher, tracker)
        if answer:
            # The request id is made once, when the summary is confirmed: with the
            # conversation id it is the idempotency key, so a repeated submission
            # cannot create a second record.
            request_id = tracker.get_slot("cert_request_id") or uuid.uuid4().hex
            return {**self.accept("cert_confirmed", True, tracker), "cert_request_id": request_id}
        if fields:
            return {**{slot: None for slot in fields}, "cert_confirmed": None}
        return {"cert_confirmed": False}

    def validate_cert_correction(self, value, dispatcher, tracker, domain) -> dict[str, Any]:
        text = str(value or "")
        fields = parse_correction(text)
        if fields is None:
            if parse_yes_no(text) is True:
                # "afinal está tudo certo": back to the summary, which still needs a clear yes.
                return {"cert_correction": None, "cert_confirmed": None}
            return self.retry("cert_correction", dispatcher, tracker)
        dispatcher.utter_message(text="Com certeza, vamos corrigir.")
        return {
            **{slot: None for slot in fields},
            "cert_correction": None,
            "cert_confirmed": None,
            "cert_request_id": None,
        }


def delivery_change(text: str, current: str | None) -> dict[str, Any] | None:
    """The slots a change of delivery said at the summary sets: «afinal prefiro por
    correio» (the address is then asked), «por email: ana@gmail.com», or a new e-mail
    address alone; None when the message changes no delivery."""
    delivery = parse_delivery(text)
    email = parse_email(text)
    if delivery is None and email is not None and current == DeliveryMethod.EMAIL:
        delivery = DeliveryMethod.EMAIL
    if delivery is None or (delivery == current and email is None):
        return None
    if delivery == DeliveryMethod.EMAIL:
        return {"cert_delivery": delivery, "cert_email": email, "cert_postal_address": None}
    return {"cert_delivery": delivery, "cert_email": None, "cert_postal_address": parse_postal_address(text)}


class ActionAskCertConfirmed(SafeAction):
    """Shows everything that will be recorded and asks for a yes or no."""

    def name(self) -> str:
        return "action_ask_cert_confirmed"

    def act(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
        slot = tracker.get_slot
        lines = [
            "Antes de registar, confirme os dados do pedido:",
            f"• Documento: {describe_document(slot('cert_document_type'), slot('cert_certidao_elements'))}",
            f"• Nome: {slot('cert_name')}",
            # Never read back in full: the check digits already caught the typos a
            # person could spot here, and the screen may be seen by others.
            f"• NIF: {mask_nif(slot('cert_nif'))}",
            f"• NISS: {mask_niss(slot('cert_niss'))}",
            # The name and the e-mail address are shown whole: nothing checks them
            # but the person, and a wrong address would send the document to a stranger.
            f"• Entrega: {describe_delivery(slot('cert_delivery'), slot('cert_email'), slot('cert_postal_address'))}",
            "Está tudo certo? Responda «sim» para registar ou «não» para corrigir.",
        ]
        dispatcher.utter_message(
            text="\n".join(lines),
            buttons=[
                {"title": "Sim, registar", "payload": "sim"},
                {"title": "Não, corrigir", "payload": "não"},
            ],
        )
        return []


class ActionSubmitCertificateRequest(SafeAction):
    """Records the confirmed request and gives the receipt (seed 004 art. 32 n.º 3)."""

    OFF_LOOP = True

    def name(self) -> str:
        return "action_submit_certificate_request"

    def act(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
        slot = tracker.get_slot
        reset = reset_events(CERTIFICATE_SLOTS)
        if slot("cert_consent") is False:
            dispatcher.utter_message(response="utter_certificate_no_consent")
            return reset
        evidence = read_evidence(slot("cert_consent_evidence"))
        # No record without a clear yes whose words and time we keep (GDPR art. 7(1):
        # the consent must be demonstrable), nor without a confirmed summary.
        if (slot("cert_consent") is not True or evidence is None
                or slot("cert_confirmed") is not True or not slot("cert_request_id")):
            dispatcher.utter_message(response="utter_certificate_cancelled")
            return reset
        consent_words, consent_at = evidence

        document_type = slot("cert_document_type")
        try:
            record = _repository().create(
                requester_name=slot("cert_name"),
                nif=slot("cert_nif"),
                niss=slot("cert_niss"),
                document_type=document_type,
                # What the certidão must show (art. 43 n.º 1), for the staff who issue it.
                details=(certidao_details(slot("cert_certidao_elements"))
                         if document_type == DocumentType.CERTIDAO_REQUERIMENTO else None),
                delivery=slot("cert_delivery"),
                email=slot("cert_email"),
                postal_address=slot("cert_postal_address"),
                channel=store_channel(tracker.get_latest_input_channel()),
                # Its public holidays count in the expected issue date.
                region=conversation_region(tracker),
                consent=True,
                consent_evidence=consent_words,
                consent_at=consent_at,
                idempotency_key=idempotency_key(tracker.sender_id, slot("cert_request_id")),
            )
        except (StoreUnavailable, InputError) as error:
            # Never claim success: the request is not recorded anywhere.
            logger.warning("certificate request not recorded (%s)", type(error).__name__)
            dispatcher.utter_message(response="utter_certificate_not_recorded")
            return reset

        receipt = receipt_text(record, slot("cert_certidao_elements"))
        if is_front_desk(tracker):
            receipt += "\n" + issue_deadline_basis(record)
        dispatcher.utter_message(text=receipt)
        return reset


def read_evidence(value: Any) -> tuple[str, datetime] | None:
    """The (words, aware UTC time) of ``cert_consent_evidence``; None if missing or malformed."""
    if not isinstance(value, dict) or not isinstance(value.get("words"), str):
        return None
    try:
        at = datetime.fromisoformat(str(value.get("at")))
    except ValueError:
        return None
    if at.tzinfo is None or not value["words"]:
        return None
    return value["words"], at.astimezone(timezone.utc)


def receipt_text(record: CertificateRequest, elements: list[str] | None = None) -> str:
    """The receipt: registration number, date and time in Lisbon, subject, delivery, due date."""
    created = record.created_at_local
    # The deadline in force on the day of the request, the one its due date was counted with.
    if record.electronic:
        term = f"{deadline_text('certificate_electronic', created.date())}, por ser tratado por via eletrónica"
    else:
        term = deadline_text("certificate", created.date())
    return "\n".join([
        "O seu pedido ficou registado. Guarde este comprovativo:",
        f"• Número de registo: {record.number}",
        f"• Data e hora: {date_short(created.date())}, às {created:%H:%M} (hora de Lisboa)",
        f"• Pedido: {describe_document(record.document_type, elements)}",
        f"• Entrega: {describe_delivery(record.delivery, record.email, record.postal_address, masked=True)}",
        f"• Emissão prevista até {date_long(record.expected_issue_date)} (prazo de {term}).",
        "Para saber como está o pedido, diga «estado do pedido» e indique este número e o seu NIF.",
    ])


class CancelAction(Action, ABC):
    """The person stopped a form: say so (``RESPONSE``) and forget its slots (``SLOTS``)."""

    RESPONSE: str
    SLOTS: tuple[str, ...]

    @abstractmethod
    def name(self) -> str:
        """The action's name; abstract so the action server does not register this base."""

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
        dispatcher.utter_message(response=self.RESPONSE)
        return reset_events(self.SLOTS)


class ActionCancelCertificateRequest(CancelAction):
    """The person stopped the form: nothing is recorded and nothing is kept."""

    RESPONSE = "utter_certificate_cancelled"
    SLOTS = CERTIFICATE_SLOTS

    def name(self) -> str:
        return "action_cancel_certificate_request"


# --------------------------------------------------------------------------- status form


class ValidateRequestStatusForm(RequestFormValidation):
    """Reads the registration number and the NIF of ``request_status_form``."""

    SLOTS = ("status_number", "status_nif")

    def name(self) -> str:
        return "validate_request_status_form"

    async def extract_status_number(self, dispatcher, tracker, domain) -> dict[str, Any]:
        if starting(tracker, "request_status_form", STATUS_SLOTS):
            # "quero saber o estado do pedido 2026/000042" at activation.
            number = parse_registration_number(_text(tracker))
            return {"status_number": number} if number else {}
        return self.extract_answer("status_number", dispatcher, tracker, domain)


class ActionCheckRequestStatus(SafeAction):
    """Looks a request up by number and NIF; never says which of the two did not match."""

    OFF_LOOP = True

    def name(self) -> str:
        return "action_check_request_status"

    def act(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
        number, nif = tracker.get_slot("status_number"), tracker.get_slot("status_nif")
        reset = reset_events(STATUS_SLOTS)
        if not number or not nif:
            dispatcher.utter_message(response="utter_request_status_cancelled")
            return reset
        try:
            # Repeated wrong NIFs lock the number and the conversation for a while,
            # so a registration number cannot be tried against NIF after NIF.
            outcome = _repository().guarded_lookup(number, nif, requester_key=tracker.sender_id)
        except StoreUnavailable:
            logger.warning("request status lookup failed: store unavailable")
            dispatcher.utter_message(response="utter_request_status_unavailable")
            return reset
        if outcome.locked:
            dispatcher.utter_message(response="utter_request_status_locked",
                                     wait=minutes_pt(outcome.retry_after or 1))
            return reset
        record = outcome.request
        if record is None:
            # Same reply for an unknown number and a wrong NIF: the number alone
            # must not reveal that a request exists.
            dispatcher.utter_message(response="utter_request_not_found")
            return reset
        text = status_text(record)
        if is_front_desk(tracker) and record.status in OPEN_STATUSES:
            text += "\n" + issue_deadline_basis(record)
        dispatcher.utter_message(text=text)
        return reset


def minutes_pt(minutes: int) -> str:
    """"1 minuto", "15 minutos"."""
    return f"{minutes} minuto" if minutes == 1 else f"{minutes} minutos"


def issue_deadline_basis(record: CertificateRequest) -> str:
    """For staff: where the issuing deadline of this request comes from."""
    kind = "certificate_electronic" if record.electronic else "certificate"
    rule = parameters.get(f"deadline.{kind}", record.created_at_local.date())
    return f"Base legal do prazo de emissão: {rule.legal_basis}."


def status_text(record: CertificateRequest) -> str:
    """The status of a request in plain pt-PT, with the date of each step."""
    lines = [
        f"O pedido {record.number} ({DOCUMENT_TYPES.get(record.document_type, 'documento')}) "
        f"está {STATUS_LABELS.get(record.status, record.status)}.",
    ]
    for change in record.history:
        when = change.at.astimezone(record.created_at_local.tzinfo)
        lines.append(f"• {STATUS_LABELS.get(change.status, change.status).capitalize()} "
                     f"a {date_long(when.date())}")
    if record.status in OPEN_STATUSES:
        lines.append(f"A emissão está prevista até {date_long(record.expected_issue_date)}.")
    elif record.status == RequestStatus.REFUSED:
        lines.append("Para saber o motivo, contacte a Linha Segurança Social, 300 502 502 "
                     "(dias úteis, 9h-18h), ou um serviço da Segurança Social.")
    return "\n".join(lines)


class ActionCancelRequestStatus(CancelAction):
    """The person stopped the status question."""

    RESPONSE = "utter_request_status_cancelled"
    SLOTS = STATUS_SLOTS

    def name(self) -> str:
        return "action_cancel_request_status"
