"""A form started while another form's question is pending reads its first message
(actions.common.starting): ``requested_slot`` then holds the OTHER form's slot."""

from __future__ import annotations

from freezegun import freeze_time
from journey_helpers import Conversation

from actions.deadlines import ValidateDeadlineForm, region_matters
from actions.documents import ValidateDocumentsForm
from actions.eligibility import ValidateEligibilityForm


@freeze_time("2026-12-02 10:00:00")
def test_a_deadline_asked_in_the_middle_of_the_documents_questions_reads_its_first_message():
    c = Conversation(ValidateDeadlineForm(), "deadline_form", requested_slot="income_kind")
    c.say("e ja agora, recebi uma carta a 12 de novembro de 2026 a pedir documentos em falta, ate quando?",
          "ask_deadline")
    assert c.slots["deadline_kind"] == "missing_documents"
    assert c.slots["deadline_start"] == "2026-11-12"
    assert c.asked == "region"


def test_the_documents_checklist_asked_in_the_middle_of_the_estimate_reads_its_first_message():
    c = Conversation(ValidateDocumentsForm(), "documents_form", requested_slot="assets")
    c.say("espere, que papeis levo? sou brasileira e estou gravida, tenho 17 anos", "ask_documents")
    assert c.slots["nationality"] == "other"
    assert c.slots["pregnancy_or_disability"] == "pregnant"
    assert c.slots.get("assets") is None


@freeze_time("2026-12-02 10:00:00")
def test_the_estimate_asked_in_the_middle_of_a_deadline_reads_its_first_message():
    c = Conversation(ValidateEligibilityForm(), "eligibility_form", deadline_kind="missing_documents",
                     deadline_start="2026-11-12", requested_slot="region")
    c.say("afinal quero saber se tenho direito, vivo sozinho e estou desempregado", "check_eligibility")
    assert c.slots["adults"] == 1
    # the other form's answers are left as they were, not "asked again"
    assert c.slots["deadline_start"] == "2026-11-12"
    assert "region" not in c.slots or c.slots["region"] is None
    assert "Não percebi" not in c.text()


@freeze_time("2026-12-02 10:00:00")
def test_the_region_is_not_asked_for_a_count_in_months():
    assert not region_matters("renewal_start")
    assert region_matters("missing_documents") and region_matters("complaint")
    c = Conversation(ValidateDeadlineForm(), "deadline_form")
    c.say("a partir de quando renovam o meu rsi? recebo desde 1 de marco de 2026", "ask_deadline")
    assert c.slots["deadline_kind"] == "renewal_start"
    assert c.slots["deadline_start"] == "2026-03-01"
    assert c.asked is None


@freeze_time("2026-12-02 10:00:00")
def test_the_renewal_counted_from_a_month_without_its_day():
    c = Conversation(ValidateDeadlineForm(), "deadline_form")
    c.say("quando renovam o meu rsi? foi-me atribuido em marco de 2026", "ask_deadline")
    assert c.slots["deadline_kind"] == "renewal_start"
    assert c.slots["deadline_start"] == "2026-03-01"
    assert c.asked is None


@freeze_time("2026-12-02 10:00:00")
def test_a_day_count_still_needs_the_day():
    c = Conversation(ValidateDeadlineForm(), "deadline_form")
    c.say("mudei de casa em novembro de 2026, ate quando tenho de avisar?", "ask_deadline")
    assert c.slots["deadline_kind"] == "report_changes"
    assert c.asked == "deadline_start"
