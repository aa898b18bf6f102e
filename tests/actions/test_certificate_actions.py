"""Certificate request and request status actions, run as the action server runs them.

The forms are driven turn by turn the way Rasa's FormAction drives them: the
validation action gets the latest message and the slots, and its SlotSet
events (including the next ``requested_slot``) are applied before the next
turn. Submission and lookup use a real SQLite store in a temporary file, and
an unreachable PostgreSQL URL for the "database down" replies.
"""

from __future__ import annotations

import asyncio
import logging
import re
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

import pytest
import yaml
from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions import certificates as cert
from bot.identifiers import mask_nif, mask_niss, niss_check_digit

ROOT = Path(__file__).resolve().parents[2]
DOMAIN = yaml.safe_load((ROOT / "domain.yml").read_text(encoding="utf-8"))

NIF = "123456789"  # valid check digit
OTHER_NIF = "245678905"
BAD_NIF = "123456780"
NISS = "1234567890" + str(niss_check_digit("1234567890"))
DOWN_URL = "postgresql://u@127.0.0.1:1/x"


def run(coro: Any) -> Any:
    return asyncio.run(coro)


def make_tracker(
    slots: dict[str, Any],
    text: str | None = None,
    intent: str = "inform",
    form: str | None = "certificate_form",
    sender: str = "conversa-1",
    channel: str = "rest",
) -> Tracker:
    latest = {"text": text, "intent": {"name": intent, "confidence": 0.95}, "entities": []}
    events: list[dict[str, Any]] = [
        {"event": "user", "text": text, "parse_data": latest, "input_channel": channel},
    ]
    if form:
        events.append({"event": "action", "name": form})
    return Tracker(
        sender, dict(slots), latest, events, False, None,
        {"name": form} if form and slots.get("requested_slot") else {}, "action_listen",
    )


class Conversation:
    """The slots of one conversation, answered one message at a time."""

    def __init__(self, form: str = "certificate_form", sender: str = "conversa-1") -> None:
        self.form, self.sender = form, sender
        self.slots: dict[str, Any] = {"requested_slot": None}
        self.validator = (
            cert.ValidateCertificateForm()
            if form == "certificate_form"
            else cert.ValidateRequestStatusForm()
        )

    def say(self, text: str, intent: str = "inform") -> list[str]:
        tracker = make_tracker(self.slots, text, intent, self.form, self.sender)
        dispatcher = CollectingDispatcher()
        events = run(self.validator.run(dispatcher, tracker, DOMAIN))
        for event in events:
            self.slots[event["name"]] = event["value"]
        if not any(e["name"] == "requested_slot" for e in events):
            # When the SDK's list equals the domain's, Rasa's FormAction picks the next slot.
            after = make_tracker(self.slots, text, intent, self.form, self.sender)
            required = run(self.validator.required_slots(
                self.validator.domain_slots(DOMAIN), dispatcher, after, DOMAIN
            ))
            missing = [s for s in required if self.slots.get(s) is None]
            self.slots["requested_slot"] = missing[0] if missing else None
        self.last_events = events
        return [m.get("text") or m.get("response") for m in dispatcher.messages]

    @property
    def asking(self) -> str | None:
        return self.slots.get("requested_slot")

    def run_action(self, action: Any, channel: str = "rest") -> tuple[list[dict], list[dict]]:
        tracker = make_tracker(self.slots, None, "inform", None, self.sender, channel)
        dispatcher = CollectingDispatcher()
        events = run(action.run(dispatcher, tracker, DOMAIN))
        return dispatcher.messages, events


def filled_request(
    delivery: str = "email", sender: str = "conversa-1", certidao_elements: str | None = None
) -> Conversation:
    talk = Conversation(sender=sender)
    if certidao_elements is None:
        talk.say("quero pedir uma declaração de situação contributiva", "request_certificate")
    else:
        talk.say("quero uma certidão do meu requerimento de RSI", "request_certificate")
        assert talk.asking == "cert_certidao_elements"
        talk.say(certidao_elements)
    talk.say("sim, aceito", "affirm")
    talk.say("maria joão da silva")
    talk.say(f"o meu nif é {NIF[:3]} {NIF[3:6]} {NIF[6:]}")
    talk.say(NISS)
    if delivery == "email":
        talk.say("por e-mail")
        talk.say("Maria.Silva@Gmail.com")
    else:
        talk.say("pelo correio")
        talk.say("Rua das Flores, 12, 2.º esq., 4000 - 123 Porto")
    talk.say("sim", "affirm")
    return talk


@pytest.fixture
def sqlite_store(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    from bot.store.db import migrate

    url = f"sqlite:///{tmp_path / 'pedidos.db'}"
    monkeypatch.setenv("DATABASE_URL", url)
    migrate(url)
    return url


@pytest.fixture
def database_down(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DATABASE_URL", DOWN_URL)


# The parsers themselves (bot.certificates) are tested in tests/unit/test_certificate_parsing.py.


# --------------------------------------------------------------------------- certificate form


def test_activation_message_already_says_which_document() -> None:
    talk = Conversation()
    talk.say("quero pedir uma declaração de situação contributiva", "request_certificate")
    assert talk.slots["cert_document_type"] == "declaracao_situacao_contributiva"
    assert talk.asking == "cert_consent"


@pytest.mark.parametrize("other_form, pending", [
    ("documents_form", "nationality"), ("eligibility_form", "minors"), ("deadline_form", "region")])
def test_a_request_made_in_the_middle_of_other_questions_says_which_document(other_form, pending) -> None:
    # The checklist asked the nationality; the citizen asks for a statement instead.
    tracker = make_tracker({"requested_slot": pending}, "quero pedir uma declaração de situação contributiva",
                           "request_certificate", other_form)
    events = run(cert.ValidateCertificateForm().run(CollectingDispatcher(), tracker, DOMAIN))
    assert {"event": "slot", "timestamp": None, "name": "cert_document_type",
            "value": "declaracao_situacao_contributiva"} in events


def test_a_status_question_in_the_middle_of_other_questions_keeps_its_number() -> None:
    tracker = make_tracker({"requested_slot": "nationality"}, "como está o meu pedido 2026/000042?",
                           "check_request_status", "documents_form")
    events = run(cert.ValidateRequestStatusForm().run(CollectingDispatcher(), tracker, DOMAIN))
    assert any(e.get("name") == "status_number" and e.get("value") == "2026/000042" for e in events)


@pytest.mark.parametrize("answer", ["o niss nao sei de cor", "não tenho aqui o cartão", "esqueci-me"])
def test_not_having_the_number_gets_where_to_find_it_not_invalid(answer) -> None:
    talk = Conversation()
    talk.say("quero pedir uma declaração de situação contributiva", "request_certificate")
    talk.say("sim", "affirm")
    talk.say("Maria João Silva")
    talk.say("o meu nif é 123456789")
    assert talk.asking == "cert_niss"
    said = " ".join(talk.say(answer))
    assert "Cartão de Cidadão" in said and "cancelar" in said and "não é um NISS válido" not in said
    assert talk.asking == "cert_niss"


def at_summary_by_post() -> Conversation:
    talk = Conversation()
    for text, intent in [("quero pedir uma declaração de situação contributiva", "request_certificate"),
                         ("sim", "affirm"), ("Maria João Silva", "inform"), ("o meu nif é 123456789", "inform"),
                         ("12345678902", "inform"), ("por correio", "inform"),
                         ("Rua das Flores, 12, 4000-123 Porto", "inform")]:
        talk.say(text, intent)
    assert talk.asking == "cert_confirmed"
    return talk


def test_a_new_delivery_said_at_the_summary_replaces_the_old_one() -> None:
    talk = at_summary_by_post()
    talk.say("afinal prefiro por email: ana.santos@gmail.com")
    assert talk.slots["cert_delivery"] == "email" and talk.slots["cert_email"] == "ana.santos@gmail.com"
    assert talk.slots["cert_postal_address"] is None and talk.slots["cert_confirmed"] is None
    assert talk.asking == "cert_confirmed"


def test_by_email_without_the_address_at_the_summary_asks_for_it() -> None:
    talk = at_summary_by_post()
    talk.say("afinal quero por email")
    assert talk.slots["cert_delivery"] == "email" and talk.asking == "cert_email"


def test_full_request_collects_everything_then_asks_for_confirmation() -> None:
    talk = Conversation()
    talk.say("quero pedir uma declaração", "request_certificate")
    assert talk.asking == "cert_document_type"
    talk.say("3")
    assert talk.slots["cert_document_type"] == "certidao_requerimento"
    assert talk.asking == "cert_certidao_elements"
    talk.say("o andamento e a decisão")
    assert talk.slots["cert_certidao_elements"] == ["andamento", "decisao"]
    for text, intent, next_slot in [
        ("sim", "affirm", "cert_name"),
        ("Maria Silva", "inform", "cert_nif"),
        (NIF, "inform", "cert_niss"),
        (NISS, "inform", "cert_delivery"),
        ("pelo correio", "inform", "cert_postal_address"),
        ("Rua das Flores, 12, 4000-123 Porto", "inform", "cert_confirmed"),
    ]:
        talk.say(text, intent)
        assert talk.asking == next_slot, text
    assert talk.slots.get("cert_request_id") is None  # made only when the summary is confirmed
    talk.say("sim, está tudo certo", "affirm")
    assert talk.slots["cert_confirmed"] is True
    assert talk.slots["cert_request_id"]
    assert talk.asking is None


def test_invalid_nif_is_asked_again_with_more_help_the_second_time() -> None:
    talk = Conversation()
    talk.say("declaração de situação contributiva", "request_certificate")
    talk.say("sim", "affirm")
    talk.say("Maria Silva")
    first = talk.say(BAD_NIF)
    assert talk.asking == "cert_nif" and talk.slots["cert_nif"] is None
    assert "9 algarismos" in first[0]
    second = talk.say("12345")
    assert talk.asking == "cert_nif"
    assert "verso do Cartão de Cidadão" in second[0] and second[0] != first[0]
    talk.say(NIF)
    assert talk.slots["cert_nif"] == NIF and talk.asking == "cert_niss"
    assert "cert_nif" not in (talk.slots["form_retries"] or {})


def test_invalid_niss_and_email_are_refused() -> None:
    talk = Conversation()
    talk.say("declaração de situação contributiva", "request_certificate")
    for text, intent in [("sim", "affirm"), ("Maria Silva", "inform"), (NIF, "inform")]:
        talk.say(text, intent)
    talk.say(NISS[:-1] + str((int(NISS[-1]) + 1) % 10))
    assert talk.asking == "cert_niss" and talk.slots["cert_niss"] is None
    talk.say(NISS)
    talk.say("por email")
    talk.say("maria.silva arroba")
    assert talk.asking == "cert_email"


def test_side_question_is_not_taken_as_an_answer() -> None:
    talk = Conversation()
    talk.say("declaração de situação contributiva", "request_certificate")
    talk.say("sim", "affirm")
    talk.say("o que é o rsi?", "faq")
    changed = {e["name"] for e in talk.last_events} - {"requested_slot"}
    # Nothing extracted: Rasa rejects the form and the faq rule answers.
    assert changed == set()
    assert talk.asking == "cert_name"


def test_stop_is_never_read_as_an_answer_even_with_digits() -> None:
    talk = Conversation()
    talk.say("declaração de situação contributiva", "request_certificate")
    talk.say("sim", "affirm")
    talk.say("Maria Silva")
    talk.say(f"cancela, não quero dar o {NIF}", "stop")
    assert {e["name"] for e in talk.last_events} - {"requested_slot"} == set()


def test_refused_consent_ends_the_form_and_nothing_is_stored(sqlite_store: str) -> None:
    talk = Conversation()
    talk.say("declaração de situação contributiva", "request_certificate")
    talk.say("não aceito", "deny")
    assert talk.slots["cert_consent"] is False
    assert talk.asking is None
    messages, events = talk.run_action(cert.ActionSubmitCertificateRequest())
    assert [m["response"] for m in messages] == ["utter_certificate_no_consent"]
    assert cert._repository().list() == []
    assert all(e["value"] is None for e in events if e["name"].startswith("cert_"))


# --------------------------------------------------------------------------- consent (issue 11)

# Replies an attacker got accepted as consent and as the final yes. The NLU
# classifier says "affirm" for many of them: the worst case is tested.
AMBIGUOUS = ["não sei se aceito", "talvez", "?", "não me importo", "hmm", "...", "👍", "porquê?"]


def at_consent() -> Conversation:
    talk = Conversation()
    talk.say("quero pedir uma declaração de situação contributiva", "request_certificate")
    assert talk.asking == "cert_consent"
    return talk


def test_the_consent_question_has_the_two_buttons() -> None:
    # Rasa asks it again after every unclear reply (the form re-asks the requested slot).
    [question] = DOMAIN["responses"]["utter_ask_cert_consent"]
    assert [(b["title"], b["payload"]) for b in question["buttons"]] == [
        ("Sim, aceito", "sim, aceito"), ("Não aceito", "não aceito"),
    ]
    assert cert.read_clear_yes_no("sim, aceito") is True
    assert cert.read_clear_yes_no("não aceito") is False


@pytest.mark.parametrize("reply", AMBIGUOUS)
@pytest.mark.parametrize("intent", ["affirm", "inform"])
def test_an_unclear_reply_is_not_consent(reply: str, intent: str) -> None:
    talk = at_consent()
    said = talk.say(reply, intent)
    assert talk.slots.get("cert_consent") is None
    assert talk.slots.get("cert_consent_evidence") is None
    assert talk.asking == "cert_consent"
    assert len(said) == 1 and "«sim» claro" in said[0]


def test_why_gets_the_reason_at_once() -> None:
    talk = at_consent()
    [said] = talk.say("porquê?", "affirm")
    assert "servem só para emitir e enviar este documento" in said


@pytest.mark.parametrize("reply, intent", [
    ("hmm nao sei bem o que fazem com os dados", "faq"),
    ("para que querem o meu nif?", "out_of_scope"),
    ("quanto tempo guardam isso?", "ask_deadline"),
    ("quem vai ver os meus dados?", "faq"),
])
def test_a_question_about_the_data_gets_the_explanation_not_another_answer(reply: str, intent: str) -> None:
    # Whatever general question the classifier took it for, it is about the consent asked.
    talk = at_consent()
    [said] = talk.say(reply, intent)
    assert "servem só para emitir e enviar este documento" in said
    assert "dias e depois são apagados" in said
    assert talk.slots.get("cert_consent") is None and talk.asking == "cert_consent"


def test_unclear_replies_escalate_instead_of_looping() -> None:
    talk = at_consent()
    first = talk.say("talvez", "affirm")
    second = talk.say("hmm", "affirm")
    assert "«Sim, aceito» ou «Não aceito»" in second[0] and second != first
    third = talk.say("👍", "affirm")
    assert "«sim» claro" in third[0] and "pessoa" in third[0]
    assert talk.slots.get("cert_consent") is None and talk.asking == "cert_consent"
    talk.say("sim, aceito", "affirm")
    assert talk.slots["cert_consent"] is True and talk.asking == "cert_name"
    assert "cert_consent" not in (talk.slots["form_retries"] or {})


@pytest.mark.parametrize("reply", ["sim, aceito", "Sim aceito", "siiim", "aceito sim", "autorizo"])
def test_a_clear_yes_is_consent_and_its_words_and_time_are_kept(reply: str) -> None:
    from freezegun import freeze_time

    talk = at_consent()
    with freeze_time("2026-06-29 10:00:00"):
        talk.say(reply, "inform")  # whatever the intent
    assert talk.slots["cert_consent"] is True and talk.asking == "cert_name"
    assert talk.slots["cert_consent_evidence"] == {
        "words": " ".join(reply.split()), "at": "2026-06-29T10:00:00+00:00",
    }


@pytest.mark.parametrize("reply", ["não aceito", "nao", "recuso", "não autorizo"])
def test_a_clear_no_refuses_even_under_an_affirm_intent(reply: str) -> None:
    talk = at_consent()
    talk.say(reply, "affirm")
    assert talk.slots["cert_consent"] is False and talk.asking is None
    assert talk.slots.get("cert_consent_evidence") is None


def test_an_affirm_intent_alone_is_not_consent() -> None:
    # A button sending "/affirm" has no words: no consent is read from it.
    talk = at_consent()
    talk.say("/affirm", "affirm")
    assert talk.slots.get("cert_consent") is None and talk.asking == "cert_consent"


@pytest.mark.parametrize("reply", AMBIGUOUS + ["sim?", "acho que sim", "sim mas o nif está errado"])
def test_an_unclear_reply_to_the_summary_records_nothing(sqlite_store: str, reply: str) -> None:
    talk = filled_request()
    talk.slots.update(cert_confirmed=None, cert_request_id=None, requested_slot="cert_confirmed")
    said = talk.say(reply, "affirm")
    assert talk.slots["cert_confirmed"] is None and talk.slots.get("cert_request_id") is None
    assert talk.asking == "cert_confirmed"
    assert "«sim» claro" in said[0]
    # Even if the submission ran now, nothing would be recorded.
    messages, _ = talk.run_action(cert.ActionSubmitCertificateRequest())
    assert [m.get("response") for m in messages] == ["utter_certificate_cancelled"]
    assert cert._repository().list() == []


def test_no_record_without_the_evidence_of_consent(sqlite_store: str) -> None:
    talk = filled_request()
    talk.slots["cert_consent_evidence"] = None
    messages, _ = talk.run_action(cert.ActionSubmitCertificateRequest())
    assert [m.get("response") for m in messages] == ["utter_certificate_cancelled"]
    assert cert._repository().list() == []


def test_the_evidence_of_consent_is_recorded_with_the_request(sqlite_store: str) -> None:
    from freezegun import freeze_time

    with freeze_time("2026-06-29 10:00:00") as clock:
        talk = Conversation()
        talk.say("quero pedir uma declaração de situação contributiva", "request_certificate")
        talk.say("Sim,   aceito!", "affirm")
        clock.tick(120)  # the rest of the form takes two minutes
        for text in ("maria joão da silva", NIF, NISS, "por e-mail", "maria.silva@gmail.com", "sim"):
            talk.say(text)
        messages, _ = talk.run_action(cert.ActionSubmitCertificateRequest())
    assert "ficou registado" in messages[0]["text"]
    [record] = cert._repository().list()
    assert record.consent is True
    assert record.consent_evidence == "Sim, aceito!"
    assert record.consent_at == datetime(2026, 6, 29, 10, 0, tzinfo=timezone.utc)
    assert record.created_at > record.consent_at


def test_numbers_are_never_read_back_in_full(sqlite_store: str) -> None:
    talk = Conversation()
    said: list[str] = []
    for text, intent in [
        ("quero pedir uma declaração de situação contributiva", "request_certificate"),
        ("sim, aceito", "affirm"), ("maria joão da silva", "inform"),
        (f"o meu nif é {NIF}", "inform"), ("1234567890", "inform"), (NISS, "inform"),
        ("por e-mail", "inform"), ("maria.silva@gmail.com", "inform"),
    ]:
        said += talk.say(text, intent)
    summary, _ = talk.run_action(cert.ActionAskCertConfirmed())
    said += talk.say("não, o NIF está errado", "deny")
    said += talk.say(OTHER_NIF)
    again, _ = talk.run_action(cert.ActionAskCertConfirmed())
    said += talk.say("sim", "affirm")
    receipt, _ = talk.run_action(cert.ActionSubmitCertificateRequest())
    texts = [t for t in said if t] + [m["text"] for m in summary + again + receipt]
    assert mask_nif(OTHER_NIF) in again[0]["text"] and mask_niss(NISS) in again[0]["text"]
    for number in (NIF, OTHER_NIF, NISS):
        assert not any(number in text for text in texts), number
    # The receipt shows the e-mail address masked too: nothing is left to check in it.
    assert "por e-mail, para m•••••@gmail.com" in receipt[0]["text"]
    assert "maria.silva" not in receipt[0]["text"]


@pytest.mark.parametrize(("email", "masked"), [
    ("maria.silva@gmail.com", "m•••••@gmail.com"), ("a@b.pt", "a•••••@b.pt"), (None, ""), ("x", ""),
])
def test_mask_email(email: str | None, masked: str) -> None:
    assert cert.mask_email(email) == masked


def test_no_with_a_field_goes_straight_to_that_question() -> None:
    talk = filled_request()
    talk.slots.update(cert_confirmed=None, cert_request_id=None, requested_slot="cert_confirmed")
    talk.say("não, o NIF está errado", "deny")
    assert talk.slots["cert_nif"] is None and talk.asking == "cert_nif"
    talk.say(OTHER_NIF)
    assert talk.asking == "cert_confirmed"


def test_plain_no_asks_what_to_correct() -> None:
    talk = filled_request()
    talk.slots.update(cert_confirmed=None, cert_request_id=None, requested_slot="cert_confirmed")
    talk.say("não", "deny")
    assert talk.asking == "cert_correction"
    talk.say("o e-mail")
    assert talk.asking == "cert_email"
    talk.say("outro@sapo.pt")
    assert talk.asking == "cert_confirmed"


def test_summary_shows_the_data_to_confirm_with_the_numbers_masked() -> None:
    talk = filled_request()
    talk.slots.update(cert_confirmed=None, requested_slot="cert_confirmed")
    messages, _ = talk.run_action(cert.ActionAskCertConfirmed())
    text = messages[0]["text"]
    # The name and the e-mail address are shown whole: only the person can check them.
    assert "Maria João da Silva" in text and "maria.silva@gmail.com" in text
    assert "RC 3042-DGSS" in text
    assert f"NIF: {mask_nif(NIF)}" in text and f"NISS: {mask_niss(NISS)}" in text
    assert NIF not in text and NISS not in text
    assert [b["payload"] for b in messages[0]["buttons"]] == ["sim", "não"]


# --------------------------------------------------------------------------- submission


def test_submission_records_once_and_gives_a_receipt(sqlite_store: str) -> None:
    talk = filled_request()
    before = dict(talk.slots)
    messages, events = talk.run_action(cert.ActionSubmitCertificateRequest(), channel="socketio")
    receipt = messages[0]["text"]
    number = re.search(r"\d{4}/\d{6}", receipt).group(0)
    assert "hora de Lisboa" in receipt and "3 dias úteis" in receipt
    assert re.search(r"\d{2}/\d{2}/\d{4}, às \d{2}:\d{2}", receipt)
    assert re.search(r"até \d{1,2} de [a-zç]+ de \d{4}", receipt)
    assert all(e["value"] is None for e in events)

    # The same confirmed request submitted again (a retried call): no second record.
    talk.slots = before
    again, _ = talk.run_action(cert.ActionSubmitCertificateRequest(), channel="socketio")
    records = cert._repository().list()
    assert len(records) == 1 and records[0].number == number
    assert number in again[0]["text"]


def test_certidao_records_the_elements_it_must_show(sqlite_store: str) -> None:
    talk = filled_request(certidao_elements="a data em que entreguei e a decisão")
    messages, _ = talk.run_action(cert.ActionSubmitCertificateRequest())
    assert "com a data de apresentação e a decisão" in messages[0]["text"]
    [record] = cert._repository().list()
    assert record.document_type == "certidao_requerimento"
    assert record.details == "a certidão deve indicar a data de apresentação e a decisão"


def test_declaration_records_no_details(sqlite_store: str) -> None:
    talk = filled_request()
    # An answer left over from a corrected certidão is not recorded with a declaration.
    talk.slots["cert_certidao_elements"] = ["decisao"]
    talk.run_action(cert.ActionSubmitCertificateRequest())
    [record] = cert._repository().list()
    assert record.document_type == "declaracao_situacao_contributiva"
    assert record.details is None


@pytest.mark.parametrize(("region", "stored", "due"), [
    (None, "continente", "até 2 de julho de 2026"),
    ("madeira", "madeira", "até 3 de julho de 2026"),  # 1 July: Dia da Região Autónoma da Madeira
])
def test_region_given_earlier_counts_its_holidays(
    sqlite_store: str, region: str | None, stored: str, due: str
) -> None:
    from freezegun import freeze_time

    with freeze_time("2026-06-29 10:00:00"):  # a Monday; e-mail: 3 working days
        # Consent is given before the request is recorded, so within the same frozen time.
        talk = filled_request()
        talk.slots["region"] = region
        messages, _ = talk.run_action(cert.ActionSubmitCertificateRequest())
    assert due in messages[0]["text"]
    assert cert._repository().list()[0].region == stored


def test_postal_request_expects_ten_working_days(sqlite_store: str) -> None:
    talk = filled_request(delivery="post")
    messages, _ = talk.run_action(cert.ActionSubmitCertificateRequest(), channel="phone")
    assert "10 dias úteis" in messages[0]["text"]
    assert "4000-123 Porto" in messages[0]["text"]


def test_database_down_never_claims_success(database_down: None) -> None:
    talk = filled_request()
    messages, events = talk.run_action(cert.ActionSubmitCertificateRequest())
    assert [m.get("response") for m in messages] == ["utter_certificate_not_recorded"]
    text = next(r for r in DOMAIN["responses"]["utter_certificate_not_recorded"])["text"]
    assert "NÃO ficou registado" in text and "300 502 502" in text and "Segurança Social Direta" in text
    assert all(e["value"] is None for e in events)


def test_no_personal_data_in_logs(sqlite_store: str, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG)
    talk = filled_request()
    talk.run_action(cert.ActionSubmitCertificateRequest())
    for secret in (NIF, NISS, "Silva", "maria.silva@gmail.com"):
        assert secret not in caplog.text


# --------------------------------------------------------------------------- request status


def submitted_number() -> str:
    talk = filled_request()
    messages, _ = talk.run_action(cert.ActionSubmitCertificateRequest())
    return re.search(r"\d{4}/\d{6}", messages[0]["text"]).group(0)


def ask_status(number_text: str, nif: str) -> list[dict]:
    talk = Conversation(form="request_status_form", sender="conversa-2")
    talk.say(f"quero saber o estado do pedido {number_text}", "check_request_status")
    if talk.asking == "status_number":
        talk.say(number_text)
    talk.say(nif)
    assert talk.asking is None
    messages, events = talk.run_action(cert.ActionCheckRequestStatus())
    assert all(e["value"] is None for e in events)
    return messages


def test_status_with_the_right_nif(sqlite_store: str) -> None:
    number = submitted_number()
    year, order = number.split("/")
    messages = ask_status(f"{year}/{int(order)}", NIF)  # short form "2026/1"
    assert number in messages[0]["text"] and "registado" in messages[0]["text"]


def test_wrong_nif_and_unknown_number_get_the_same_reply(sqlite_store: str) -> None:
    number = submitted_number()
    wrong_nif = ask_status(number, OTHER_NIF)
    year = number.split("/")[0]
    unknown = ask_status(f"{year}/999999", NIF)
    assert [m.get("response") for m in wrong_nif] == ["utter_request_not_found"]
    assert unknown == wrong_nif


def test_status_when_the_database_is_down(database_down: None) -> None:
    messages = ask_status("2026/000001", NIF)
    assert [m.get("response") for m in messages] == ["utter_request_status_unavailable"]


def test_repeated_wrong_nifs_lock_the_number_politely(sqlite_store: str) -> None:
    from bot.store.requests import LOOKUP_MAX_FAILURES_PER_NUMBER

    number = submitted_number()
    for _ in range(LOOKUP_MAX_FAILURES_PER_NUMBER):
        assert [m.get("response") for m in ask_status(number, OTHER_NIF)] == ["utter_request_not_found"]
    # Now even the right NIF waits: the lock is on the number.
    [locked] = ask_status(number, NIF)
    assert locked["response"] == "utter_request_status_locked"
    assert re.fullmatch(r"\d+ minutos?", locked["wait"])
    [text] = [r["text"] for r in DOMAIN["responses"]["utter_request_status_locked"]]
    assert "Por segurança" in text and "{wait}" in text and "300 502 502" in text


@pytest.mark.parametrize(("minutes", "words"), [(1, "1 minuto"), (15, "15 minutos")])
def test_minutes_in_words(minutes: int, words: str) -> None:
    assert cert.minutes_pt(minutes) == words


def test_status_form_reasks_a_missing_number() -> None:
    talk = Conversation(form="request_status_form")
    talk.say("como está o meu pedido?", "check_request_status")
    assert talk.asking == "status_number"
    first = talk.say("não sei")
    assert talk.asking == "status_number" and "2026/000042" in first[0]


def test_receipt_time_is_lisbon_time_and_due_date_counts_working_days(sqlite_store: str) -> None:
    from freezegun import freeze_time

    # 23:30 UTC on Wednesday 1 July 2026 is 00:30 on Thursday 2 July in Lisbon (summer time).
    with freeze_time("2026-07-01 23:30:00"):
        talk = filled_request()
        messages, _ = talk.run_action(cert.ActionSubmitCertificateRequest())
    receipt = messages[0]["text"]
    assert "02/07/2026, às 00:30 (hora de Lisboa)" in receipt
    # E-mail delivery: 3 working days after Thursday 2 July -> Tuesday 7 July.
    assert "até 7 de julho de 2026" in receipt
    assert re.search(r"2026/\d{6}", receipt)


# --------------------------------------------------------------------------- front desk


def test_staff_receipt_gives_the_legal_basis_of_the_issuing_deadline(sqlite_store: str) -> None:
    talk = filled_request()
    staff, _ = talk.run_action(cert.ActionSubmitCertificateRequest(), channel="staff")
    receipt = staff[0]["text"]
    assert "3 dias úteis" in receipt
    assert "Base legal do prazo de emissão: Código do Procedimento Administrativo, art. 84.º, n.º 3" in receipt
    [record] = cert._repository().list()
    assert record.channel == "staff"

    citizen = filled_request(delivery="post", sender="conversa-3")
    messages, _ = citizen.run_action(cert.ActionSubmitCertificateRequest(), channel="socketio")
    assert "10 dias úteis" in messages[0]["text"] and "Base legal" not in messages[0]["text"]


# --------------------------------------------------------------------------- what the store accepts
# The form reads answers with the store's own cleaners (bot.cleaning): what it
# accepts is recorded as it is, and what the store would refuse is asked again
# at once, saying why, instead of losing the whole request at the very end.

FULL_WIDTH = str.maketrans("0123456789", "０１２３４５６７８９")
ARABIC_INDIC = str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩")


def at_question(slot: str, delivery: str = "email") -> Conversation:
    talk = Conversation()
    answers = {
        "cert_name": "maria joão da silva", "cert_nif": NIF, "cert_niss": NISS,
        "cert_delivery": "por e-mail" if delivery == "email" else "pelo correio",
    }
    talk.say("quero pedir uma declaração de situação contributiva", "request_certificate")
    talk.say("sim, aceito", "affirm")
    while talk.asking != slot:
        talk.say(answers[talk.asking])
    return talk


@pytest.mark.parametrize(("slot", "hostile", "reason"), [
    ("cert_name", "Mаria Silva", "O nome mistura alfabetos diferentes"),  # Cyrillic "а"
    ("cert_name", "Maria\u200b Silva", "O nome contém caracteres de controlo ou invisíveis"),
    ("cert_name", "Maria \u202eavliS", "O nome contém caracteres de controlo ou invisíveis"),
    ("cert_name", "<script>alert(1)</script>", "O nome só pode ter letras"),
    ("cert_nif", "123\u200b456789", "O NIF contém caracteres de controlo ou invisíveis"),
    ("cert_email", "a" * 5000 + "@example.pt",
     "O endereço de e-mail não pode ter mais de 64 caracteres antes do @"),
    ("cert_email", "mar\u200bia@sapo.pt", "O endereço de e-mail contém caracteres de controlo ou invisíveis"),
], ids=lambda value: value[:40])
def test_a_hostile_answer_is_asked_again_saying_why(slot: str, hostile: str, reason: str) -> None:
    talk = at_question(slot)
    [said] = talk.say(hostile)
    assert talk.asking == slot and talk.slots[slot] is None
    assert said.startswith(reason) and said.endswith(".")
    # Nothing the person typed is echoed back.
    for part in ("script", "aaaa", "avliS", "Silva", "456789", "maria"):
        assert part not in said


def test_the_reason_stays_in_front_of_the_longer_explanation() -> None:
    talk = at_question("cert_postal_address", delivery="post")
    [first] = talk.say("Rua das Flores 12, Porto")
    assert first == ("A morada tem de ter a rua, o código postal (por exemplo 1000-001) "
                     "e a localidade, por esta ordem.")
    [second] = talk.say("Rua das Flores 12, 4000-123 Porto\n• NIF: 123456789")
    assert second.startswith("A morada tem de estar numa só linha.")
    assert "Escreva tudo numa linha" in second and "NIF" not in second
    [third] = talk.say("Rua <b>das Flores</b> 12, 4000-123 Porto")
    assert "pessoa" in third  # no third repetition of the same question: a person is offered
    talk.say("Rua das Flores 12, 4000 - 123 Porto")
    assert talk.slots["cert_postal_address"] == "Rua das Flores 12, 4000-123 Porto"
    assert talk.asking == "cert_confirmed"


def test_digits_of_any_script_are_accepted_and_stored_in_ascii(sqlite_store: str) -> None:
    talk = at_question("cert_nif")
    talk.say("o meu NIF é " + NIF.translate(FULL_WIDTH))
    assert talk.slots["cert_nif"] == NIF and talk.asking == "cert_niss"
    talk.say(NISS.translate(ARABIC_INDIC))
    assert talk.slots["cert_niss"] == NISS
    talk.say("por e-mail")
    talk.say("O meu e-mail é O'Brien@Example.pt.")
    assert talk.slots["cert_email"] == "o'brien@example.pt"
    summary, _ = talk.run_action(cert.ActionAskCertConfirmed())
    assert f"NIF: {mask_nif(NIF)}" in summary[0]["text"] and "•" in summary[0]["text"]
    talk.say("sim")
    messages, _ = talk.run_action(cert.ActionSubmitCertificateRequest())
    assert "ficou registado" in messages[0]["text"]
    [record] = cert._repository().list()
    assert (record.nif, record.niss, record.email) == (NIF, NISS, "o'brien@example.pt")


def test_every_value_the_form_accepts_is_recorded_as_accepted(sqlite_store: str) -> None:
    talk = Conversation()
    talk.say("quero pedir uma declaração de situação contributiva", "request_certificate")
    talk.say("sim, aceito", "affirm")
    for hostile, good in [
        ("Mаria Silva", "ＭＡＲＩＡ  JOÃO  D’ALMEIDA"),
        ("123\u200b456789", NIF.translate(ARABIC_INDIC)),
        (NISS[:4] + "\u202e" + NISS[4:], NISS.translate(FULL_WIDTH)),
        ("tanto faz", "pelo correio"),
        ("Rua <script>x</script> 1, 1000-001 Lisboa", "moro na Rua D’Ouro, 5, 2.º esq., 1100 - 060 Lisboa."),
    ]:
        slot = talk.asking
        talk.say(hostile)
        assert talk.asking == slot, hostile
        talk.say(good)
        assert talk.asking != slot, good
    accepted = {slot: talk.slots[slot] for slot in ("cert_name", "cert_nif", "cert_niss", "cert_postal_address")}
    talk.say("sim")
    messages, _ = talk.run_action(cert.ActionSubmitCertificateRequest())
    assert "ficou registado" in messages[0]["text"]
    [record] = cert._repository().list()
    assert accepted == {
        "cert_name": "Maria João d'Almeida", "cert_nif": NIF, "cert_niss": NISS,
        "cert_postal_address": "Rua D'Ouro, 5, 2.º esq., 1100-060 Lisboa",
    }
    assert (record.requester_name, record.nif, record.niss, record.postal_address) == tuple(accepted.values())


def test_status_nif_in_full_width_digits_finds_the_request(sqlite_store: str) -> None:
    number = submitted_number()
    messages = ask_status(number.translate(ARABIC_INDIC), NIF.translate(FULL_WIDTH))
    assert number in messages[0]["text"]


def test_questions_about_the_data_are_answered_each_time_and_never_count_as_failures() -> None:
    talk = at_consent()
    for question in ("o que fazem com os dados?", "e quanto tempo ficam guardados?", "porquê?"):
        [said] = talk.say(question, "faq")
        assert "dias e depois são apagados" in said
    assert "cert_consent" not in (talk.slots.get("form_retries") or {})
    talk.say("sim, aceito", "affirm")
    assert talk.slots["cert_consent"] is True


# Found holding a citizen's conversation: «nao sei onde esta», said to the NISS question,
# got the application-status FAQ the classifier chose; it is an answer (where to find it).
@pytest.mark.parametrize("slot", ["cert_nif", "cert_niss", "status_nif"])
@pytest.mark.parametrize("text", ["nao sei onde esta", "não o tenho aqui comigo", "esqueci-me do cartão"])
def test_not_having_the_number_at_hand_is_an_answer_to_its_question(slot, text):
    from actions.certificates import STRONG_SHAPES
    assert STRONG_SHAPES[slot](text)


@pytest.mark.parametrize("text", ["não sei, quero falar com uma pessoa", "como está o meu pedido?"])
def test_a_person_or_another_question_is_no_answer_to_the_number(text):
    from actions.certificates import STRONG_SHAPES
    assert not STRONG_SHAPES["cert_niss"](text)
