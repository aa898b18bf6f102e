"""The eligibility journey's actions, run with SDK trackers (no Rasa server, no mocks of bot/)."""

from __future__ import annotations

from decimal import Decimal

import pytest
from freezegun import freeze_time
from journey_helpers import Conversation, make_tracker, run_action

from actions.eligibility import (
    ActionAskEligibilityConfirmed,
    ActionComputeEligibility,
    ValidateEligibilityForm,
)
from actions.legal import ActionShowLegalBasis

FORM = "eligibility_form"


def conversation(**slots) -> Conversation:
    return Conversation(ValidateEligibilityForm(), FORM, **slots)


ANSWERED = {
    "adults": 2, "minors": 1, "employment_income": "0.00", "other_income": "0.00",
    "assets": "0.00", "nationality": "pt", "is_adult": True, "employment_centre_registered": True,
}


def test_first_message_fills_the_household_and_the_next_question_is_income():
    c = conversation().start("tenho direito? somos quatro, eu, o meu marido e dois miúdos", "check_eligibility")
    assert (c.slots["adults"], c.slots["minors"]) == (2, 2)
    assert c.asked == "employment_income"


def test_an_activation_without_facts_asks_the_household_first():
    c = conversation().start("quero saber se tenho direito ao rsi", "check_eligibility")
    assert c.slots.get("adults") is None
    assert c.asked == "adults"


@pytest.mark.parametrize(
    ("answer", "expected"),
    [("1.250,50 €", Decimal("1250.50")), ("seiscentos euros", Decimal("600.00")),
     ("não tenho rendimentos", Decimal("0.00")), ("nenhum", Decimal("0.00"))],
)
def test_natural_money_answers(answer, expected):
    c = conversation(adults=1, minors=0, requested_slot="employment_income").say(answer)
    assert c.slots["employment_income"] == expected
    assert c.asked == "other_income"


def test_correction_of_an_earlier_answer_while_asked_about_income():
    c = conversation(adults=2, minors=2, requested_slot="employment_income")
    c.say("enganei-me, são três filhos")
    assert c.slots["minors"] == 3
    assert c.slots.get("employment_income") is None
    assert c.asked == "employment_income"
    assert "Corrigido: 3 menores" in c.text()


def test_household_answer_that_also_gives_the_minors_is_not_a_correction():
    c = conversation(requested_slot="adults").say("eu e os meus 2 filhos")
    assert (c.slots["adults"], c.slots["minors"]) == (1, 2)
    assert "Corrigido" not in c.text()
    assert c.asked == "employment_income"


def test_afinal_ganho_corrects_the_salary_while_asked_other_income():
    c = conversation(adults=1, minors=0, employment_income="500.00", requested_slot="other_income")
    c.say("afinal ganho 700")
    assert c.slots["employment_income"] == Decimal("700.00")
    assert c.slots.get("other_income") is None
    assert c.asked == "other_income"


def test_unreadable_answer_is_reprompted_then_explained():
    c = conversation(requested_slot="adults").say("batatas")
    assert c.slots.get("adults") is None and not c.rejected
    assert c.asked == "adults"
    assert "Não percebi quantos adultos" in c.text()
    c.say("nem sei bem")
    assert "Lei n.º 13/2003" in c.text() and "por exemplo" in c.text()
    assert c.slots["retry_count"] == 2
    c.say("3")
    assert c.slots["adults"] == 3 and c.slots["retry_count"] == 0


def test_impossible_household_is_refused():
    c = conversation(requested_slot="adults").say("0")
    assert c.slots.get("adults") is None
    assert "pelo menos uma pessoa" in c.text()


@pytest.mark.parametrize("intent", ["faq", "stop", "talk_to_human", "ask_documents"])
def test_side_questions_and_stop_are_not_answers(intent):
    c = conversation(adults=2, requested_slot="minors").say("quanto tempo demora o pagamento de 2 meses?", intent)
    assert c.rejected
    assert c.slots.get("minors") is None


def test_nationality_outside_the_eu_brings_the_residence_questions():
    c = conversation(**{**ANSWERED, "nationality": None}, requested_slot="nationality")
    c.say("sou brasileira")
    assert c.slots["nationality"] == "other" and c.asked == "refugee"
    c.say("não")
    assert c.slots["refugee"] is False and c.asked == "legal_residence_years"
    c.say("8 meses")
    assert c.slots["legal_residence_years"] == Decimal("0.67")
    assert c.asked == "eligibility_confirmed"


def test_under_18_is_asked_about_the_exceptions_and_the_age_is_kept():
    c = conversation(**{**ANSWERED, "is_adult": None}, requested_slot="is_adult")
    c.say("tenho 17 anos")
    assert c.slots["is_adult"] is False and c.slots["applicant_age"] == 17
    assert c.asked == "age_exception"
    c.say("estou grávida")
    assert c.slots["age_exception"] == "pregnant"


@pytest.mark.parametrize("answer", ["nao somos refugiados", "não, eu trabalho", "nao tenho filhos",
                                    "não recebo pensão nenhuma"])
def test_a_no_about_another_question_is_not_taken_for_under_18(answer):
    c = conversation(**{**ANSWERED, "is_adult": None}, requested_slot="is_adult")
    c.say(answer, "deny")
    assert c.slots.get("is_adult") is None and c.asked == "is_adult"


@pytest.mark.parametrize("answer, adult", [("não", False), ("nao sou maior de idade", False),
                                           ("não, tenho 16", False), ("sim, sou maior", True)])
def test_yes_or_no_to_the_age_question_still_count(answer, adult):
    c = conversation(**{**ANSWERED, "is_adult": None}, requested_slot="is_adult")
    c.say(answer, "deny" if answer.startswith("n") else "affirm")
    assert c.slots["is_adult"] is adult


def test_employment_centre_question_only_without_a_salary():
    with_salary = conversation(**{**ANSWERED, "employment_income": "600.00",
                                  "employment_centre_registered": None, "is_adult": None},
                               requested_slot="is_adult").say("sim")
    assert with_salary.asked == "eligibility_confirmed"
    without = conversation(**{**ANSWERED, "employment_centre_registered": None, "is_adult": None},
                           requested_slot="is_adult").say("sim")
    assert without.asked == "employment_centre_registered"
    without.say("não se aplica, estou doente")
    assert without.slots["employment_centre_registered"] == "not_applicable"


def test_summary_then_deny_then_correction_by_value():
    slots = {**ANSWERED, "requested_slot": "eligibility_confirmed"}
    _, texts = run_action(ActionAskEligibilityConfirmed(), make_tracker(slots, form=FORM))
    summary = "\n".join(texts).replace("\xa0", " ")
    assert "2 adultos (contando consigo) e 1 menor" in summary
    assert "0,00 €" in summary

    c = conversation(**slots).say("não", "deny")
    assert c.slots.get("eligibility_confirmed") is None
    _, texts = run_action(ActionAskEligibilityConfirmed(), make_tracker(c.slots, form=FORM))
    assert "O que quer corrigir?" in texts[0]

    c.say("são 3 filhos")
    assert c.slots["minors"] == 3 and c.asked == "eligibility_confirmed"
    c.say("sim", "affirm")
    assert c.slots["eligibility_confirmed"] is True
    assert c.asked is None  # form complete


def test_naming_what_to_correct_asks_that_question_again():
    c = conversation(**ANSWERED, requested_slot="eligibility_confirmed").say("corrigir o salário")
    assert c.slots["employment_income"] is None
    assert c.asked == "employment_income"


@freeze_time("2024-06-03 10:00:00")
def test_published_example_2_adults_1_minor_in_2024():
    slots = {**ANSWERED, "eligibility_confirmed": True}
    events, texts = run_action(ActionComputeEligibility(), make_tracker(slots))
    text = "\n".join(texts).replace("\xa0", " ")
    assert "parece ter direito ao RSI: cerca de 521,96 € por mês" in text
    assert "237,25 €" in text  # the steps show the reference value
    assert "Segurança Social" in text and "estimativa" in text
    assert {"event": "slot", "timestamp": None, "name": "eligibility_confirmed", "value": None} in events


@freeze_time("2026-03-02 10:00:00")
def test_not_eligible_names_the_failed_condition_and_its_law():
    slots = {**ANSWERED, "assets": "50000.00"}
    events, texts = run_action(ActionComputeEligibility(), make_tracker(slots))
    text = "\n".join(texts).replace("\xa0", " ")
    assert "não tem direito" in text
    assert "património" in text.lower() or "60" in text
    # plain words for the citizen; the law is one question away ("base legal")
    assert "Lei n.º" not in text and "«base legal»" in text
    basis = next(e["value"] for e in events if e.get("name") == "last_legal_basis")
    assert any("Lei n.º 13/2003" in line and "património" in line.lower() for line in basis)
    _, shown = run_action(ActionShowLegalBasis(), make_tracker({**slots, "last_legal_basis": basis}))
    assert "Lei n.º 13/2003" in shown[0] and "património" in shown[0].lower()


@freeze_time("2026-03-02 10:00:00")
def test_salary_reduces_the_amount():
    low = run_action(ActionComputeEligibility(), make_tracker(ANSWERED))[1]
    high = run_action(ActionComputeEligibility(),
                      make_tracker({**ANSWERED, "employment_income": "300.00"}))[1]
    # 2026: 247,56 + 173,29 + 123,78 = 544,63; minus 80 % of 300 = 240 -> 304,63
    assert "544,63 €" in low[0].replace("\xa0", " ")
    assert "304,63 €" in high[0].replace("\xa0", " ")


def test_a_bad_household_gives_the_failure_message_not_silence():
    _, texts = run_action(ActionComputeEligibility(), make_tracker({**ANSWERED, "minors": -5}))
    assert texts == ["utter_action_failed"]


def test_household_description_answers_adults_and_minors_at_once():
    c = conversation(requested_slot="adults").say("somos quatro, eu, o meu marido e dois miúdos")
    assert (c.slots["adults"], c.slots["minors"]) == (2, 2)
    assert c.asked == "employment_income"


@freeze_time("2026-03-02 10:00:00")
def test_an_adult_is_not_told_their_age_was_missing_and_the_estimate_is_said_once():
    text = "\n".join(run_action(ActionComputeEligibility(), make_tracker(ANSWERED))[1])
    assert "Não foi indicada a idade" not in text
    assert text.count("estimativa") == 1


@freeze_time("2026-03-02 10:00:00")
def test_savings_answer_counts_five_percent_as_capital_income():
    # The savings answer is Household.assets; the rules presume 5 % of it a year as
    # capital income (Decreto-Lei n.º 70/2010, art. 8.º): 20 000 € -> 1 000 € a year,
    # 83,33 € a month; 544,63 € - 83,33 € = 461,30 €.
    slots = {**ANSWERED, "assets": "20000.00"}
    events, texts = run_action(ActionComputeEligibility(), make_tracker(slots))
    text = "\n".join(texts).replace("\xa0", " ")
    assert "cerca de 461,30 € por mês" in text
    assert "5 % do património mobiliário de 20 000,00 € (1 000,00 €) = 1 000,00 € por ano, 83,33 € por mês" in text
    basis = next(e["value"] for e in events if e.get("name") == "last_legal_basis")
    assert any("Rendimentos de capitais" in line and "Decreto-Lei n.º 70/2010" in line for line in basis)


# Registration at the IEFP: exempt people are never refused, and the reason is said
# (Lei n.º 13/2003, art. 6.º-A).
@freeze_time("2026-03-02 10:00:00")
@pytest.mark.parametrize(("answer", "extra", "reason"), [
    ("working", {}, "trabalha"),
    ("carer", {}, "presta apoio indispensável"),
    ("unable_to_work", {}, "não está em condições de trabalhar"),
    ("exempt_by_age", {"applicant_age": 67}, "tem 67 anos"),
])
def test_exempt_answers_are_eligible_and_the_exemption_is_named(answer, extra, reason):
    slots = {**ANSWERED, **extra, "employment_centre_registered": answer}
    events, texts = run_action(ActionComputeEligibility(), make_tracker(slots))
    text = "\n".join(texts).replace("\xa0", " ")
    assert "parece ter direito ao RSI" in text
    basis = next(e["value"] for e in events if e.get("name") == "last_legal_basis")
    assert any(reason in line and "art. 6.º-A" in line for line in basis)


@freeze_time("2026-03-02 10:00:00")
def test_unemployed_not_registered_is_refused_with_who_would_be_exempt():
    slots = {**ANSWERED, "employment_centre_registered": False}
    _, texts = run_action(ActionComputeEligibility(), make_tracker(slots))
    text = "\n".join(texts)
    assert "não tem direito" in text and "centro de emprego" in text
    assert "65 anos ou mais" in text


@freeze_time("2026-03-02 10:00:00")
@pytest.mark.parametrize(("answer", "notice"), [("retired", "reformado"), ("student", "estuda")])
def test_retired_and_students_are_not_refused_but_told_to_check(answer, notice):
    slots = {**ANSWERED, "employment_centre_registered": answer}
    _, texts = run_action(ActionComputeEligibility(), make_tracker(slots))
    text = "\n".join(texts)
    assert "parece ter direito ao RSI" in text and notice in text


@pytest.mark.parametrize(("answer", "line"), [
    ("carer", "cuida de alguém da família"),
    ("exempt_by_age", "pela idade"),
    ("working", "está a trabalhar"),
])
def test_summary_shows_the_iefp_answer(answer, line):
    slots = {**ANSWERED, "employment_centre_registered": answer, "requested_slot": "eligibility_confirmed"}
    _, texts = run_action(ActionAskEligibilityConfirmed(), make_tracker(slots, form=FORM))
    assert line in "\n".join(texts)


def test_after_failures_the_iefp_choices_include_working_and_caring():
    c = conversation(**{**ANSWERED, "employment_centre_registered": None},
                     requested_slot="employment_centre_registered")
    for text in ("bla", "hmm", "???"):
        c.say(text)
    assert "escolha uma opção" in c.text()


@freeze_time("2026-12-30 10:00:00")
def test_the_day_before_the_psu_the_answer_is_the_rsi():
    _, texts = run_action(ActionComputeEligibility(), make_tracker(ANSWERED))
    text = "\n".join(texts).replace("\xa0", " ")
    assert "parece ter direito ao RSI: cerca de 544,63 €" in text
    assert "Prestação Social Única" not in text


@freeze_time("2026-12-31 10:00:00")
def test_from_the_psu_date_a_new_applicant_is_told_to_ask_for_the_psu():
    _, texts = run_action(ActionComputeEligibility(), make_tracker(ANSWERED))
    text = "\n".join(texts).replace("\xa0", " ")
    # PSU: 50 % of IAS 537,13 € = 268,57 €; 268,57 + 188,00 + 134,29 = 590,86 € (reported figures)
    assert "parece ter direito à Prestação Social Única (PSU): cerca de 590,86 €" in text
    assert "o que se pede é a Prestação Social Única" in text
    assert "544,63 €" in text  # the RSI it replaces, beside it in the steps


# --- a bare answer outside any question (action_read_case) ----------------------------

from actions.eligibility import ActionReadCase  # noqa: E402


@pytest.mark.parametrize("text", [
    "o meu marido foi embora e agora somos so eu e os meus 2 filhos",
    "somos eu o meu companheiro e dois filhos pequenos",
    "tenho 45 anos e ganho 500 euros",
])
def test_a_case_described_outside_any_question_starts_the_estimate(text):
    events, _ = run_action(ActionReadCase(), make_tracker({}, text, "inform"))
    assert {"event": "followup", "timestamp": None, "name": "eligibility_form"} in events


@pytest.mark.parametrize("text", ["600 euros", "portuguesa", "sim"])
def test_a_lone_answer_outside_any_question_is_not_understood(text):
    events, texts = run_action(ActionReadCase(), make_tracker({}, text, "inform"))
    assert events == [{"event": "rewind", "timestamp": None}]


def test_inside_a_form_a_bare_answer_never_starts_another():
    events, _ = run_action(ActionReadCase(), make_tracker({}, "somos eu e 2 filhos", "inform", form="documents_form"))
    assert not any(e.get("event") == "followup" for e in events)


# ---------------------------------------------------------------- added with tuning4

def _with_earlier_message(tracker, text: str):
    """The tracker with one earlier user message (what started the estimate)."""
    tracker.events.insert(0, {"event": "user", "text": text, "parse_data": {}})
    return tracker


def test_out_of_work_first_then_alone_means_no_wages_are_asked():
    slots = {"requested_slot": "adults"}
    tracker = _with_earlier_message(make_tracker(slots, "moro sozinho", "inform", FORM),
                                    "eu queria saber se consigo receber o rsi, to desempregado faz 4 meses")
    events, _ = run_action(ValidateEligibilityForm(), tracker)
    values = {e["name"]: e["value"] for e in events if e.get("event") == "slot"}
    assert values["adults"] == 1
    assert Decimal(str(values["employment_income"])) == 0
    assert values["requested_slot"] == "other_income"


@pytest.mark.parametrize("answer, adults", [("vivo com a minha mulher", 2), ("só eu", 1)])
def test_out_of_work_first_then_not_the_whole_home_alone_still_asks_the_wages(answer, adults):
    # "só eu" answers how many adults; children may follow, and the question stays
    slots = {"requested_slot": "adults"}
    tracker = _with_earlier_message(make_tracker(slots, answer, "inform", FORM),
                                    "estou desempregado, posso pedir o rsi?")
    events, _ = run_action(ValidateEligibilityForm(), tracker)
    values = {e["name"]: e["value"] for e in events if e.get("event") == "slot"}
    assert values["adults"] == adults and "employment_income" not in values


@pytest.mark.parametrize("text, asked", [
    ("sou cabo-verdiana, residente legal ha 12 anos", "is_adult"),
    ("tenho autorização de residência há 3 anos", "is_adult"),
    ("moramos cá há 3 anos", "refugee"),  # how long, not that it is legal
    ("residente legal há 6 meses", "refugee"),  # not enough: being a refugee would change it
])
def test_refugee_status_is_asked_only_when_it_can_change_the_answer(text, asked):
    c = conversation(adults=1, minors=0, employment_income="0.00", other_income="0.00", assets="0.00",
                     nationality="other")
    c.start(text, "inform")
    assert c.slots.get("legal_residence_years") is not None
    assert c.asked == asked
