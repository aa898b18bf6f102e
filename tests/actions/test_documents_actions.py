"""The documents journey: which questions are asked and the personalised checklist."""

from __future__ import annotations

from journey_helpers import Conversation, make_tracker, run_action

from actions.documents import ActionDocumentChecklist, ValidateDocumentsForm

FORM = "documents_form"


def conversation(**slots) -> Conversation:
    return Conversation(ValidateDocumentsForm(), FORM, **slots)


def checklist_text(**slots) -> str:
    _, texts = run_action(ActionDocumentChecklist(), make_tracker(slots))
    return "\n".join(texts)


def test_nationality_given_in_the_first_message_is_not_asked_again():
    c = conversation().start("que documentos preciso? sou brasileira", "ask_documents")
    assert c.slots["nationality"] == "other"
    assert c.asked == "income_kind"


def test_facts_from_the_eligibility_questions_are_reused():
    c = conversation(adults=1, minors=0, nationality="pt", employment_income="0.00",
                     other_income="0.00").start("que papéis tenho de levar?", "ask_documents")
    assert c.asked == "capital_or_property_income"


def test_all_questions_in_order_with_a_reprompt():
    c = conversation().start("que documentos tenho de entregar?", "ask_documents")
    assert c.asked == "nationality"
    c.say("portuguesa")
    assert c.asked == "income_kind"
    c.say("hmm")
    assert c.asked == "income_kind" and "salário fixo" in c.text()
    c.say("o salário varia de mês para mês")
    assert c.slots["income_kind"] == "dependent_variable"
    c.say("não")
    assert c.slots["capital_or_property_income"] is False
    # An adult (or someone whose age is unknown) is never asked about pregnancy or
    # disability: those proofs are for applicants under the minimum age only.
    assert c.asked == "already_in_ss_system"
    c.say("sim")
    assert c.slots["already_in_ss_system"] is True
    assert c.asked is None


def test_an_adult_applicant_is_not_asked_about_pregnancy_or_disability():
    c = conversation(applicant_age=34, nationality="pt", income_kind="none",
                     capital_or_property_income=False).start("que documentos levo?", "ask_documents")
    assert c.asked == "already_in_ss_system"


def test_an_applicant_under_the_minimum_age_is_asked_and_gets_the_proof():
    c = conversation(applicant_age=17, nationality="pt", income_kind="none",
                     capital_or_property_income=False).start("que documentos levo?", "ask_documents")
    assert c.asked == "pregnancy_or_disability"
    c.say("estou grávida")
    assert c.slots["pregnancy_or_disability"] == "pregnant"
    assert c.asked == "already_in_ss_system"


def test_side_question_inside_the_form_is_rejected_for_the_rules():
    c = conversation(requested_slot="income_kind").say("o que é o rsi?", "faq")
    assert c.rejected


def test_checklist_for_an_eu_citizen_with_variable_salary_and_pregnancy():
    text = checklist_text(nationality="eu", income_kind="dependent_variable",
                          capital_or_property_income=False, pregnancy_or_disability="pregnant",
                          already_in_ss_system=False)
    assert "Mod. RSI 1-DGSS" in text
    assert "câmara municipal" in text
    assert "3 meses anteriores" in text  # documents.variable_wage_payslip_months
    assert "Portaria n.º 257/2012, art. 3.º" in text
    # The proof of pregnancy is for the under-18 exception only (art. 3.º n.º 1 h)).
    assert "gravidez" not in text


def test_an_applicant_under_18_who_is_pregnant_brings_the_proof():
    text = checklist_text(adults=1, minors=0, nationality="pt", income_kind="none", applicant_age=17,
                          capital_or_property_income=False, pregnancy_or_disability="pregnant",
                          already_in_ss_system=False)
    assert "gravidez" in text


def test_checklist_reuses_the_eligibility_household():
    text = checklist_text(adults=2, minors=1, employment_income="600.00", nationality="pt",
                          income_kind="dependent_regular", capital_or_property_income=True,
                          pregnancy_or_disability="none", already_in_ss_system=False)
    assert "todos os membros do agregado, incluindo menores" in text
    assert "mês anterior" in text
    assert "recibos de renda" in text
    assert "câmara municipal" not in text


def test_already_in_the_system_skips_identification_documents():
    with_ids = checklist_text(nationality="pt", income_kind="none", already_in_ss_system=False)
    without = checklist_text(nationality="pt", income_kind="none", already_in_ss_system=True)
    assert "identificação civil" in with_ids
    assert "identificação civil" not in without


def test_second_unreadable_answer_explains_why_the_question_is_asked():
    c = conversation(nationality="pt", income_kind="none", requested_slot="capital_or_property_income")
    c.say("talvez")
    assert c.text() == "Responda «sim» ou «não», por favor."
    assert (c.slots["retry_slot"], c.slots["retry_count"]) == ("capital_or_property_income", 1)
    c.say("hmm, depende")
    assert "art. 3.º, n.º 2" in c.text() and c.slots["retry_count"] == 2
    c.say("não")
    assert c.slots["capital_or_property_income"] is False
    assert (c.slots["retry_slot"], c.slots["retry_count"]) == (None, 0)


def test_what_is_that_is_explained_and_never_read_as_a_yes():
    c = conversation(nationality="other", income_kind="none", requested_slot="capital_or_property_income")
    c.say("o que e isso?", "affirm")
    assert c.slots.get("capital_or_property_income") is None
    assert "juros, dividendos ou rendas" in c.text()
    assert c.slots.get("retry_count") in (None, 0)
    c.say("nao, nao tenho nada disso")
    assert c.slots["capital_or_property_income"] is False


# ---------------------------------------------------------------- told with the first message

def test_an_applicant_under_age_who_says_she_is_pregnant_is_not_asked_again():
    c = conversation().start("tenho 17 anos e to gravida, q documentos preciso para pedir rsi?", "ask_documents")
    assert c.slots["applicant_age"] == 17
    assert c.slots["pregnancy_or_disability"] == "pregnant"
    assert c.asked == "nationality"
    for answer in ("portuguesa", "nao tenho rendimentos nenhuns", "nao", "acho que nao"):
        c.say(answer)
    assert c.asked is None and c.slots["pregnancy_or_disability"] == "pregnant"


def test_a_pension_and_a_rented_out_house_told_first_are_not_asked():
    c = conversation().start("o meu pai tem 70 anos, recebe a reforma e tem uma casa arrendada. que papeis e "
                             "que ele tem de levar para pedir o rsi?", "ask_documents")
    assert c.slots["income_kind"] == "other"
    assert c.slots["capital_or_property_income"] is True
    assert c.asked == "nationality"


def test_living_in_a_rented_home_is_no_property_income():
    c = conversation().start("vivo numa casa arrendada, que documentos preciso?", "ask_documents")
    assert c.slots.get("capital_or_property_income") is None
    assert c.slots.get("pregnancy_or_disability") is None


def test_a_savings_account_answers_the_capital_income_question():
    c = conversation(nationality="eu", income_kind="other").start("o que tenho de levar?", "ask_documents")
    assert c.asked == "capital_or_property_income"
    c.say("tenho uma conta poupanca com 2 mil euros")
    assert c.slots["capital_or_property_income"] is True
    c2 = conversation(nationality="eu", income_kind="other").start("o que tenho de levar?", "ask_documents")
    c2.say("nao tenho nada disso")
    assert c2.slots["capital_or_property_income"] is False
