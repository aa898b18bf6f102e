"""A deadline told with its kind and its day goes to the calculator whatever the
classifier made of it; a postmark is the day of posting; the certidão's parts are read
even when the classifier took them for a status question."""

from __future__ import annotations

from freezegun import freeze_time
from journey_helpers import Conversation, make_tracker, run_action

from actions.certificates import ValidateCertificateForm
from actions.deadlines import asks_a_dated_deadline, says_posted
from actions.documents import ValidateDocumentsForm
from actions.eligibility import ActionReadCase
from actions.faq import ActionAnswerFaq
from bot.parsing.certificates import names_certidao_elements

DATED = "o meu marido saiu de casa no dia 3 de novembro de 2026, ate quando tenho de avisar a seguranca social?"


def test_a_dated_deadline_question_is_recognised():
    assert asks_a_dated_deadline(DATED)
    assert asks_a_dated_deadline("chegou uma carta registada, carimbo de 20/11/2026, vao indeferir, "
                                 "ate que dia posso responder?")
    assert not asks_a_dated_deadline("ate quando tenho de avisar?")  # no day: the form asks it
    assert not asks_a_dated_deadline("o que e a prestacao social unica?")


def test_the_postmark_is_the_day_of_posting():
    assert says_posted("recebi uma carta registada, no carimbo dos ctt diz 20/11/2026")
    assert says_posted("chegou-me um aviso registado; o carimbo é de 3 de março")
    # a postmark alone may be an ordinary letter's: no presumed receipt
    assert not says_posted("recebi a carta, o carimbo é de 3 de março")
    assert not says_posted("recebi a carta registada a 3 de março")


@freeze_time("2026-12-02 10:00:00")
def test_a_faq_answer_gives_way_to_the_deadline_calculator():
    tracker = make_tracker({}, DATED, "faq")
    tracker.latest_message["response_selector"] = {
        "faq": {"response": {"intent_response_key": "faq/psu_transition", "confidence": 0.95}}}
    events, texts = run_action(ActionAnswerFaq(), tracker)
    assert events == [{"event": "followup", "name": "deadline_form", "timestamp": None}]
    assert texts == []


@freeze_time("2026-12-02 10:00:00")
def test_a_bare_answer_that_asks_a_dated_deadline_starts_the_calculator():
    events, texts = run_action(ActionReadCase(), make_tracker({}, DATED, "inform"))
    assert events == [{"event": "followup", "name": "deadline_form", "timestamp": None}]


def test_the_certidao_parts_are_named():
    assert names_certidao_elements("quero a data em que fiz o pedido e a decisao")
    assert names_certidao_elements("tudo")
    assert not names_certidao_elements("quando fica pronto?")


def test_the_certidao_parts_are_read_under_a_status_intent():
    c = Conversation(ValidateCertificateForm(), "certificate_form",
                     cert_document_type="certidao_requerimento", requested_slot="cert_certidao_elements")
    c.say("a data em que entreguei o pedido e a decisão", "check_request_status")
    assert c.slots["cert_certidao_elements"] == ["data", "decisao"]


def test_the_certidao_parts_told_with_the_request_are_not_asked():
    c = Conversation(ValidateCertificateForm(), "certificate_form")
    c.say("queria uma certidão do meu requerimento do rsi com a data de entrega e a decisão", "request_certificate")
    assert c.slots["cert_document_type"] == "certidao_requerimento"
    assert c.slots["cert_certidao_elements"] == ["data", "decisao"]
    assert c.asked == "cert_consent"


def test_a_number_in_the_request_is_no_part_of_the_certidao():
    c = Conversation(ValidateCertificateForm(), "certificate_form")
    c.say("preciso de uma certidão do meu requerimento em 3 dias", "request_certificate")
    assert c.asked == "cert_certidao_elements"


@freeze_time("2026-12-02 10:00:00")
def test_a_renewal_asked_with_the_month_it_was_granted_is_counted():
    assert asks_a_dated_deadline("a partir de quando renovam o meu rsi? foi-me atribuido em março de 2026")
    assert not asks_a_dated_deadline("quando é pago o rsi? recebo desde março de 2026")
    # a day count needs the day itself
    assert not asks_a_dated_deadline("mudei de casa em novembro de 2026, até quando tenho de avisar?")


def test_a_pensioner_told_in_the_documents_question_is_not_asked_the_income_kind():
    c = Conversation(ValidateDocumentsForm(), "documents_form")
    c.say("que papeis tenho de entregar? sou reformado e tenho um apartamento alugado a uns estudantes",
          "ask_documents")
    assert c.slots["income_kind"] == "other"
    assert c.slots["capital_or_property_income"] is True
    assert c.asked == "nationality"
