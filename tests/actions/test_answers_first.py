"""The eligibility form reads answers before trusting the classifier: real
SDK trackers, the real validation action (actions/reading.py)."""

from __future__ import annotations

from decimal import Decimal

import pytest
from journey_helpers import Conversation

from actions.eligibility import ValidateEligibilityForm

FORM = "eligibility_form"


def conversation(**slots) -> Conversation:
    return Conversation(ValidateEligibilityForm(), FORM, **slots)


@pytest.mark.parametrize(("text", "misread_as", "expected"), [
    ("o meu marido é que trabalha, ganha 650", "out_of_scope", Decimal("650.00")),
    ("ninguém cá em casa trabalha", "talk_to_human", Decimal("0.00")),
    ("estou desempregada", "faq", Decimal("0.00")),
    ("não trabalho", "deny", Decimal("0.00")),
])
def test_a_salary_answer_counts_whatever_the_classifier_said(text, misread_as, expected):
    c = conversation(adults=1, minors=1, requested_slot="employment_income").say(text, misread_as)
    assert not c.rejected
    assert c.slots["employment_income"] == expected
    assert c.asked == "other_income"


@pytest.mark.parametrize("text", ["mais nada", "é só isso", "nenhuns", "zero", "mais nenhum"])
def test_minimal_answers_to_other_income(text):
    c = conversation(adults=1, minors=0, employment_income="0.00", requested_slot="other_income")
    c.say(text, "out_of_scope")
    assert c.slots["other_income"] == Decimal("0.00")


def test_just_me_answers_the_adults_and_still_asks_the_children():
    c = conversation(requested_slot="adults").say("só eu", "goodbye")
    assert c.slots["adults"] == 1
    assert c.slots.get("minors") is None and c.asked == "minors"


def test_a_side_question_still_leaves_the_form():
    c = conversation(adults=1, minors=0, requested_slot="other_income").say("como é pago o rsi?", "faq")
    assert c.rejected


def test_a_stop_leaves_the_form_even_when_it_reads_as_no():
    c = conversation(adults=1, requested_slot="minors").say("não quero continuar", "stop")
    assert c.rejected


def test_an_opening_with_age_and_pregnancy_is_never_a_household():
    c = conversation().start("tenho 17 anos e estou grávida, tenho direito ao rsi?", "check_eligibility")
    assert c.slots.get("adults") is None and c.slots.get("minors") is None
    assert (c.slots["applicant_age"], c.slots["is_adult"], c.slots["age_exception"]) == (17, False, "pregnant")
    assert c.asked == "adults"


def test_several_facts_in_the_opening_skip_their_questions():
    c = conversation().start(
        "sou brasileira refugiada, vivo cá há 2 anos com os meus dois filhos e ganho 400 euros", "check_eligibility")
    assert (c.slots["adults"], c.slots["minors"]) == (1, 2)
    assert c.slots["employment_income"] == Decimal("400.00")
    assert (c.slots["nationality"], c.slots["refugee"]) == ("other", True)
    assert c.slots["legal_residence_years"] == Decimal("2")
    assert c.asked == "other_income"


def test_two_salaries_are_added_and_the_summary_says_how():
    c = conversation(adults=2, minors=0, requested_slot="employment_income")
    c.say("eu ganho 400 e o meu marido 550", "inform")
    assert c.slots["employment_income"] == Decimal("950.00")
    assert "400" in c.slots["fact_notes"]["employment_income"]


def test_not_knowing_continues_with_a_stated_assumption():
    c = conversation(adults=1, minors=0, employment_income="0.00", requested_slot="other_income")
    c.say("não sei", "deny")
    assert c.slots["other_income"] == Decimal("0.00")
    assert c.slots["assumed_slots"] == ["other_income"]
    assert "considero" in c.text() and c.asked == "assets"


def test_not_knowing_the_household_offers_a_person_instead_of_guessing():
    c = conversation(requested_slot="adults").say("não sei", "inform")
    assert c.slots.get("adults") is None and c.asked == "adults"
    assert "pessoa" in c.text()


def test_why_explains_the_question_without_counting_a_failure():
    c = conversation(adults=1, minors=0, employment_income="0.00", other_income="0.00", requested_slot="assets")
    c.say("porquê?", "faq")
    assert "60 vezes o IAS" in c.text()
    assert c.slots.get("retry_count") in (None, 0) and c.asked == "assets"


def test_what_is_that_is_never_a_yes():
    c = conversation(**{"adults": 1, "minors": 0, "employment_income": "0.00", "other_income": "0.00",
                        "assets": "0.00", "nationality": "pt", "is_adult": True,
                        "requested_slot": "employment_centre_registered"})
    c.say("o que é isso?", "affirm")
    assert c.slots.get("employment_centre_registered") is None
    assert c.asked == "employment_centre_registered"


def test_no_third_repetition_choices_not_sure_and_a_person_instead():
    c = conversation(adults=1, minors=0, requested_slot="employment_income")
    c.say("bla bla", "inform")
    c.say("hmm", "inform")
    assert "Os salários contam a 80 %" in c.text()  # the second failure explains
    c.say("???", "inform")
    assert "escolha uma opção" in c.text() and "não sei" in c.text() and "pessoa" in c.text()
    assert "Os salários contam" not in c.text()  # the question is not repeated a third time


def test_a_child_mentioned_in_another_answer_does_not_change_the_household():
    c = conversation(**{"adults": 1, "minors": 3, "employment_income": "0.00", "other_income": "0.00",
                        "assets": "0.00", "nationality": "pt", "is_adult": True,
                        "requested_slot": "employment_centre_registered"})
    c.say("não estou porque tenho um filho deficiente a meu cargo", "inform")
    assert c.slots["minors"] == 3 and c.slots["adults"] == 1
    assert c.slots["employment_centre_registered"] == "carer"  # caring for someone exempts


def test_a_household_correction_in_another_answer_is_taken():
    c = conversation(adults=1, minors=2, requested_slot="other_income")
    c.say("enganei-me, são 3 filhos", "inform")
    assert c.slots["minors"] == 3


# The IEFP question (Lei n.º 13/2003, art. 6.º, n.º 1, g) and art. 6.º-A): why someone
# need not register is an answer, whatever the classifier said.
IEFP_ASKED = {"adults": 1, "minors": 0, "employment_income": "0.00", "other_income": "0.00",
              "assets": "0.00", "nationality": "pt", "is_adult": True,
              "requested_slot": "employment_centre_registered"}


@pytest.mark.parametrize(("text", "misread_as", "expected"), [
    ("estou a trabalhar", "inform", "working"),
    ("trabalho", "out_of_scope", "working"),
    ("sou cuidador da minha mãe", "faq", "carer"),
    ("sou reformado", "inform", "retired"),
    ("tenho 67 anos", "inform", "exempt_by_age"),
    ("estou doente", "out_of_scope", "unable_to_work"),
    ("tenho uma incapacidade", "inform", "unable_to_work"),
    ("estou a estudar", "faq", "student"),
])
def test_why_no_registration_answers_the_iefp_question(text, misread_as, expected):
    c = conversation(**IEFP_ASKED).say(text, misread_as)
    assert not c.rejected
    assert c.slots["employment_centre_registered"] == expected
    assert c.asked == "eligibility_confirmed"


@pytest.mark.parametrize("misread_as", ["inform", "affirm"])
def test_an_age_that_does_not_exempt_is_kept_and_the_question_asked_again(misread_as):
    c = conversation(**IEFP_ASKED).say("tenho 40 anos", misread_as)
    assert c.slots["applicant_age"] == 40
    assert c.slots.get("employment_centre_registered") is None
    assert c.asked == "employment_centre_registered"


def test_unemployed_without_saying_registered_is_asked_again_never_read_as_no():
    c = conversation(**IEFP_ASKED).say("não tenho trabalho", "deny")
    assert c.slots.get("employment_centre_registered") is not False
    assert c.asked == "employment_centre_registered"
