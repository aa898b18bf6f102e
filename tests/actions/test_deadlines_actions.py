"""The deadlines journey: reading the facts and the answer with the end date."""

from __future__ import annotations

import asyncio
from datetime import date
from pathlib import Path

import pytest
import yaml
from freezegun import freeze_time
from journey_helpers import DOMAIN, Conversation, make_tracker, run_action
from rasa_sdk.executor import CollectingDispatcher

from actions.deadlines import (
    NOTIFIED_KINDS,
    START_QUESTIONS,
    ActionAskDeadlineStart,
    ActionComputeDeadline,
    ValidateDeadlineForm,
    deadline_messages,
    parse_deadline_kind,
    says_posted,
    start_question,
)
from bot.calendar import DEADLINE_KINDS

FORM = "deadline_form"


def conversation(**slots) -> Conversation:
    return Conversation(ValidateDeadlineForm(), FORM, **slots)


@freeze_time("2027-01-05 10:00:00")
def test_first_message_gives_kind_and_date_then_region_is_asked():
    c = conversation().start("recebi uma carta a 22 de dezembro a pedir documentos", "ask_deadline")
    assert c.slots["deadline_kind"] == "missing_documents"
    assert c.slots["deadline_start"] == "2026-12-22"
    assert c.asked == "region"


def test_known_region_is_not_asked_again():
    c = conversation(region="madeira").start("faltei à entrevista ontem", "ask_deadline")
    assert c.slots["deadline_kind"] == "interview_justification"
    assert c.asked is None


def test_unreadable_date_is_reprompted_and_side_questions_reject():
    c = conversation(deadline_kind="missing_documents", requested_slot="deadline_start")
    c.say("não me lembro bem")
    assert c.asked == "deadline_start" and "Não percebi a data" in c.text()
    c.say("o que é o rsi?", "faq")
    assert c.rejected


def test_answer_can_carry_two_facts():
    c = conversation(deadline_kind="missing_documents", requested_slot="deadline_start")
    c.say("foi a 3 de março de 2026, moro nos Açores")
    assert c.slots["deadline_start"] == "2026-03-03" and c.slots["region"] == "acores"
    assert c.asked is None


def test_kinds_from_words():
    assert parse_deadline_kind("quanto tempo demora a certidão por email?") == "certificate_electronic"
    assert parse_deadline_kind("pediram-me os recibos") == "missing_documents"
    assert parse_deadline_kind("quando começa a renovação") == "renewal_start"
    assert parse_deadline_kind("olá") is None


@freeze_time("2027-01-05 10:00:00")
def test_missing_documents_over_christmas_with_psu_notice():
    slots = {"deadline_kind": "missing_documents", "deadline_start": "2026-12-22", "region": "continente"}
    events, texts = run_action(ActionComputeDeadline(), make_tracker(slots))
    text = "\n".join(texts)
    # 23, 24, 28, 29, 30, 31 Dec, 4, 5, 6, 7 Jan: 25 Dec, 1 Jan and weekends skipped.
    assert "quinta-feira, 7 de janeiro de 2027" in text
    assert "10 dias úteis" in text
    assert "Portaria n.º 257/2012" in text
    assert "Prestação Social Única" in text
    assert {"event": "slot", "timestamp": None, "name": "deadline_kind", "value": None} in events


@freeze_time("2026-03-20 10:00:00")
def test_azores_interview_justification_uses_the_regional_amount():
    slots = {"deadline_kind": "interview_justification", "deadline_start": "2026-03-02", "region": "acores"}
    text = "\n".join(run_action(ActionComputeDeadline(), make_tracker(slots))[1])
    assert "10 dias úteis" in text  # 5 on the mainland, 10 in the Azores
    assert "Açores" in text


@freeze_time("2026-06-01 10:00:00")
def test_a_deadline_in_the_past_is_flagged():
    slots = {"deadline_kind": "missing_documents", "deadline_start": "2026-03-02", "region": "continente"}
    text = "\n".join(run_action(ActionComputeDeadline(), make_tracker(slots))[1])
    assert "já passou" in text


def test_deadline_reprompts_stay_short_and_keep_no_retry_count():
    c = conversation(deadline_kind="missing_documents", requested_slot="deadline_start")
    c.say("não sei")
    first = c.text()
    c.say("também não sei")
    assert c.text() == first and "Não percebi a data" in first
    assert "retry_count" not in c.slots and "retry_slot" not in c.slots


# --- deadlines citizens meet (issue 9) ---------------------------------------------

@pytest.mark.parametrize("text, kind", [
    ("tenho de responder à audiência prévia", "prior_hearing"),
    ("recebi um projeto de decisão de indeferimento", "prior_hearing"),
    ("dizem que vão indeferir o meu pedido", "prior_hearing"),
    ("quero reclamar da decisão", "complaint"),
    ("quero fazer uma reclamação", "complaint"),
    ("quero reclamar da decisão da renovação", "complaint"),
    ("recorrer", "hierarchical_appeal"),
    ("quero recorrer do indeferimento", "hierarchical_appeal"),
    ("como faço um recurso hierárquico?", "hierarchical_appeal"),
    ("mudei de casa, até quando tenho de avisar?", "report_changes"),
    ("comecei a trabalhar, até quando tenho de avisar?", "report_changes"),
    ("arranjei emprego", "report_changes"),
    ("o meu filho saiu de casa", "report_changes"),
    ("contrato de inserção", "insertion_contract"),
    ("quando tenho de assinar o contrato de inserção?", "insertion_contract"),
    ("recebi uma carta registada no dia 3", "registered_letter"),
    ("carta registada", "registered_letter"),
    # the older kinds keep their words
    ("recebi uma carta a 22 de dezembro a pedir documentos", "missing_documents"),
    ("recebi uma carta registada a pedir documentos", "missing_documents"),
    ("faltei à entrevista", "interview_justification"),
    ("quando começa a renovação", "renewal_start"),
])
def test_new_kinds_from_citizens_words(text, kind):
    assert parse_deadline_kind(text) == kind


@pytest.mark.parametrize("text", ["olá", "condição de recursos", "tenho uma dúvida", "contrato de trabalho"])
def test_words_that_name_no_deadline(text):
    assert parse_deadline_kind(text) is None


@pytest.mark.parametrize("payload", [
    "documentos em falta", "justificar a falta à entrevista", "audiência prévia", "reclamar da decisão",
    "recorrer da decisão", "avisar de uma mudança", "contrato de inserção", "carta registada",
    "renovação", "certidão",
])
def test_every_button_of_the_kind_question_is_understood(payload):
    assert parse_deadline_kind(payload) is not None


def test_the_kind_question_offers_the_new_kinds():
    domain = yaml.safe_load((Path(__file__).resolve().parents[2] / "domain.yml").read_text(encoding="utf-8"))
    buttons = domain["responses"]["utter_ask_deadline_kind"][0]["buttons"]
    kinds = {parse_deadline_kind(b["payload"]) for b in buttons}
    assert {"prior_hearing", "complaint", "hierarchical_appeal", "report_changes",
            "insertion_contract", "registered_letter"} <= kinds


@freeze_time("2026-03-10 10:00:00")
def test_answer_to_the_kind_question_with_a_new_kind_and_a_bare_day():
    c = conversation(requested_slot="deadline_kind")
    c.say("recebi uma carta registada no dia 3")
    assert c.slots["deadline_kind"] == "registered_letter"
    assert c.slots["deadline_start"] == "2026-03-03"
    assert c.asked == "region"


@freeze_time("2026-03-10 10:00:00")
def test_a_bare_day_still_to_come_this_month_is_last_months():
    c = conversation(deadline_kind="complaint", requested_slot="deadline_start")
    c.say("foi no dia 20")
    assert c.slots["deadline_start"] == "2026-02-20"


def test_kind_answer_even_when_the_classifier_thinks_it_is_a_faq():
    c = conversation(requested_slot="deadline_kind")
    c.say("quero reclamar da decisão", "faq")
    assert c.slots["deadline_kind"] == "complaint"


@freeze_time("2026-03-10 10:00:00")
def test_registered_letter_answer_gives_the_presumed_day():
    slots = {"deadline_kind": "registered_letter", "deadline_start": "2026-03-05", "region": "continente"}
    texts = run_action(ActionComputeDeadline(), make_tracker(slots))[1]
    # the 3rd working day after Thursday 5 March: Fri 6, Mon 9, Tue 10
    assert texts[0].startswith("Uma carta registada a 5 de março de 2026 presume-se recebida na terça-feira, "
                               "10 de março de 2026")
    text = "\n".join(texts)
    assert "art. 113.º" in text and "já passou" not in text and "dias úteis contados" not in text


@freeze_time("2026-03-10 10:00:00")
def test_complaint_answer_with_the_local_days_notice_once():
    slots = {"deadline_kind": "complaint", "deadline_start": "2026-03-09", "region": "continente"}
    texts = run_action(ActionComputeDeadline(), make_tracker(slots))[1]
    assert "segunda-feira, 30 de março de 2026" in texts[0] and "15 dias úteis" in texts[0]
    assert sum("tolerâncias de ponto" in t for t in texts) == 1
    assert "art. 191.º" in "\n".join(texts)
    assert not any("Nota para o atendimento" in t for t in texts)  # citizens: no staff note


@freeze_time("2026-02-13 10:00:00")
def test_insertion_contract_answer_counts_calendar_days_and_names_the_guia():
    slots = {"deadline_kind": "insertion_contract", "deadline_start": "2026-02-12", "region": "continente"}
    texts = run_action(ActionComputeDeadline(), make_tracker(slots))[1]
    assert texts[0].startswith("Celebração do contrato de inserção: o prazo termina na segunda-feira, 30 de março")
    assert "45 dias seguidos" in texts[0] and "dia útil seguinte" in texts[0]
    text = "\n".join(texts)
    assert "Guia Prático" in text and "17 de abril de 2026" in text


@freeze_time("2026-12-22 10:00:00")
def test_front_desk_sees_the_day_count_and_the_unverified_note():
    from bot.calendar import deadline as compute

    result = compute("hierarchical_appeal", date(2026, 12, 22))
    staff = deadline_messages(result, date(2026, 12, 22), front_desk=True)
    assert any(t.startswith("Contagem dia a dia") for t in staff)
    assert any("Nota para o atendimento" in t for t in staff)
    # The letter counts working days too: Wed 23, Thu 24, [25 Natal, weekend], Mon 28 Dec.
    letter = deadline_messages(compute("registered_letter", date(2026, 12, 22)), date(2026, 12, 22), True)
    count = next(t for t in letter if t.startswith("Contagem dia a dia"))
    assert "28 de dezembro" in count or "28/12" in count


# --- the start-date question follows the deadline (action_ask_deadline_start) -----------

def _asked_start(kind: str | None) -> list[dict]:
    dispatcher = CollectingDispatcher()
    slots = {"deadline_kind": kind, "requested_slot": "deadline_start"}
    asyncio.run(ActionAskDeadlineStart().run(dispatcher, make_tracker(slots, form=FORM), DOMAIN))
    return dispatcher.messages


def _response_text(name: str) -> str:
    return DOMAIN["responses"][name][0]["text"]


@pytest.mark.parametrize("kind, response, words", [
    ("registered_letter", "utter_ask_deadline_start_letter", "registada nos correios"),
    ("report_changes", "utter_ask_deadline_start_change", "aconteceu a mudança"),
    ("insertion_contract", "utter_ask_deadline_start_contract", "foi aprovado"),
    ("prior_hearing", "utter_ask_deadline_start_hearing", "audiência prévia"),
    ("complaint", "utter_ask_deadline_start_decision", "com a decisão"),
    ("hierarchical_appeal", "utter_ask_deadline_start_decision", "com a decisão"),
    ("missing_documents", "utter_ask_deadline_start_documents", "a pedir os documentos"),
    ("interview_justification", "utter_ask_deadline_start_interview", "entrevista"),
    ("renewal_start", "utter_ask_deadline_start_renewal", "começou a receber"),
    ("certificate_electronic", "utter_ask_deadline_start_certificate", "pediu a certidão"),
    ("renewal_notification", "utter_ask_deadline_start", "começa a contar"),
    (None, "utter_ask_deadline_start", "começa a contar"),
])
def test_the_start_question_names_the_day_the_deadline_counts_from(kind, response, words):
    messages = _asked_start(kind)
    assert [m["response"] for m in messages] == [response]
    assert words in _response_text(response)


def test_every_kind_has_a_start_question_in_the_domain():
    assert "action_ask_deadline_start" in DOMAIN["actions"]
    for kind in DEADLINE_KINDS:
        assert start_question(kind) in DOMAIN["responses"], kind
    # a notification that may come by registered letter: the question says the posting date will do
    for kind in NOTIFIED_KINDS:
        assert "data do registo" in _response_text(start_question(kind)), kind


@pytest.mark.parametrize("name", sorted({*START_QUESTIONS.values(), "utter_ask_deadline_start"}))
def test_start_questions_read_well_on_the_phone(name):
    text = _response_text(name)
    assert "/" not in text and "(" not in text and "buttons" not in DOMAIN["responses"][name][0]
    assert len(text) <= 200  # one breath on the phone line: a question and an example


@pytest.mark.parametrize("text, posted", [
    ("foi registada a 16 de novembro de 2026", True),
    ("registada a 3 de março", True),
    ("a data do registo é 3 de março", True),
    ("o carimbo do registo diz 2/3/2026", True),
    ("3 de março", False),
    ("recebi a carta registada a 5 de março", False),  # the day it came
    ("chegou ontem, registada", False),
    ("o carimbo dos ctt diz 3 de março", False),  # a postmark only: maybe not a registered letter
])
def test_a_posting_date_is_told_apart_from_the_day_the_letter_came(text, posted):
    assert says_posted(text) is posted


@freeze_time("2026-12-01 10:00:00")
def test_a_posting_date_answer_is_recorded_as_such_and_the_kind_is_kept():
    c = conversation(deadline_kind="complaint", requested_slot="deadline_start")
    c.say("a carta registada foi registada a 16 de novembro de 2026")
    assert c.slots["deadline_kind"] == "complaint"  # "carta registada" does not change the question
    assert c.slots["deadline_start"] == "2026-11-16" and c.slots["deadline_letter_posted"] is True
    c = conversation(deadline_kind="complaint", requested_slot="deadline_start")
    c.say("recebi-a a 19 de novembro de 2026")
    assert c.slots["deadline_start"] == "2026-11-19" and c.slots["deadline_letter_posted"] is False


@freeze_time("2026-12-01 10:00:00")
def test_prior_hearing_counted_from_the_posting_date_of_the_registered_letter():
    slots = {"deadline_kind": "prior_hearing", "deadline_start": "2026-03-05", "region": "continente",
             "deadline_letter_posted": True}
    events, texts = run_action(ActionComputeDeadline(), make_tracker(slots))
    # Posted Thursday 5 March 2026; the 3rd working day after it: Fri 6, Mon 9, Tue 10 March.
    # 10 working days after 10 March: 11-13 (3), 16-20 (8), 23, 24 (10) -> Tuesday 24 March 2026.
    assert texts[0].startswith("Resposta à audiência prévia: o prazo termina na terça-feira, 24 de março de 2026.")
    assert "10 dias úteis contados a partir de 10 de março de 2026 (o dia em que a carta registada a " \
           "5 de março de 2026 se presume recebida)" in texts[0]
    text = "\n".join(texts)
    assert "art. 113.º" in text and "art. 121.º" in text and "já passou" in text
    assert {"event": "slot", "timestamp": None, "name": "deadline_letter_posted", "value": None} in events


@freeze_time("2026-12-01 10:00:00")
def test_the_posting_date_is_ignored_for_a_deadline_not_counted_from_a_letter():
    slots = {"deadline_kind": "report_changes", "deadline_start": "2026-11-27", "region": "continente",
             "deadline_letter_posted": True}
    texts = run_action(ActionComputeDeadline(), make_tracker(slots))[1]
    # Changed Friday 27 November 2026; 10 working days without 1 and 8 December (holidays):
    # 30 Nov (1), 2-4 Dec (4), 7 (5), 9-11 (8), 14 (9), 15 (10) -> Tuesday 15 December 2026.
    assert texts[0].startswith("Comunicação de uma mudança de situação: o prazo termina na terça-feira, "
                               "15 de dezembro de 2026.")
    assert "presume recebida" not in texts[0]
    text = "\n".join(texts)
    assert "Guia Prático" in text and "a partir do dia da mudança" in text


@freeze_time("2026-12-01 10:00:00")
def test_hierarchical_appeal_over_the_december_holidays():
    slots = {"deadline_kind": "hierarchical_appeal", "deadline_start": "2026-11-16", "region": "continente"}
    texts = run_action(ActionComputeDeadline(), make_tracker(slots))[1]
    # 30 working days after Monday 16 November 2026, without 1, 8 and 25 December:
    # 17-20 Nov (4), 23-27 (9), 30 (10), 2-4 Dec (13), 7 (14), 9-11 (17), 14-18 (22),
    # 21-24 (26), 28-31 (30) -> Thursday 31 December 2026.
    assert "quinta-feira, 31 de dezembro de 2026" in texts[0] and "30 dias úteis" in texts[0]
    assert "Prestação Social Única" in "\n".join(texts)


@pytest.mark.parametrize("text, kind", [
    ("me mandaram uma carta registrada, quando conta?", "registered_letter"),
    ("fui viver com o meu namorado, qual o prazo para comunicar?", "report_changes"),
    ("a segurança social quer indeferir o meu pedido", "prior_hearing"),
    ("qual o prazo pra recorer", "hierarchical_appeal"),
])
def test_kinds_from_informal_words(text, kind):
    assert parse_deadline_kind(text) == kind


@pytest.mark.parametrize("text, kind, asked", [
    ("recebi uma carta registada, quando conta como recebida?", "registered_letter", "deadline_start"),
    ("tenho de responder à audiência prévia até quando?", "prior_hearing", "deadline_start"),
    ("quanto tempo tenho para assinar o contrato de inserção?", "insertion_contract", "deadline_start"),
])
def test_a_first_message_names_the_kind_and_the_start_is_asked(text, kind, asked):
    c = conversation().start(text, "ask_deadline")
    assert c.slots["deadline_kind"] == kind and c.asked == asked
    assert c.slots.get("deadline_start") is None
