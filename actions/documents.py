"""Documents journey: a short documents_form that asks only what changes the
list (or nothing, if the eligibility questions already answered it), then
the personalised checklist from bot.documents."""

from __future__ import annotations

import re
from typing import Any

from rasa_sdk import Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions.answers import extract, yes_no
from actions.common import (
    EventList,
    RetryingFormValidation,
    SafeAction,
    apply_age,
    bullets,
    is_front_desk,
    latest_text,
    starting,
    to_decimal,
    today_lisbon,
    utter_all,
)
from actions.eligibility import HELP as ELIGIBILITY_HELP
from actions.facts import describe_document_facts, describe_facts
from bot import household_slots
from bot.documents import checklist
from bot.figures import FilledTexts
from bot.parsing import normalise, parse_nationality
from bot.parsing.documents import states_capital_income
from bot.parsing.facts import read_facts
from bot.rules import parameters
from bot.rules.model import Household


def _income_kind(text: str, tracker: Tracker) -> str | None:
    norm = normalise(text)
    if re.search(r"\bvaria|\bvariav|\bnao e (?:sempre )?igual|\bturnos|\bhoras extra|\bcomiss|\bdiferente|"
                 r"\bmuda\b|\bdepende|\bfaco horas|\bà hora|\ba hora\b|\bconsoante|\bnunca e igual", norm):
        return "dependent_variable"
    if re.search(r"\bfixo|\bcerto|\bsempre o mesmo|\bsempre igual|\bregular", norm):
        return "dependent_regular"
    if re.search(r"\bpens[aoõ]|\breforma|\bsubsidio|\bindependente|\brecibos verdes|\boutros", norm):
        return "other"
    if re.search(r"\bnenhum|\bnada|\bnao trabalh|\bdesempregad|^nao\b|\bsem rendimentos", norm):
        return "none"
    if re.search(r"\bsalario|\bordenado|\btrabalho por conta|\bvencimento", norm):
        return "dependent_regular"
    return None


# Said before any question, only a statement about one's income counts: "que documentos
# preciso ao certo?" is no fixed salary, "não sei que documentos levar" no "none".
_TELLS_INCOME = re.compile(
    r"\b(?:recebo|recebemos|ganho|ganhamos|trabalho|trabalhamos|vivo d[ae]|vivemos d[ae])\b|"
    # about the person applying: "o meu pai tem 70 anos, recebe a reforma"
    r"\b(?:recebe|ganha|trabalha|vive d[ae])\b|"
    r"\bnao (?:trabalho|trabalhamos|tenho rendimentos|temos rendimentos)\b|\bdesempregad\w*|"
    r"\bsem rendimentos\b|\bninguem trabalha\b|\bnenhum de nos trabalha\b"
    # "sou reformado", "estamos aposentados": a pension
    r"|\b(?:sou|estou|somos|estamos|e|esta)\s+(?:\w+\s+)?(?:reformad|aposentad|pensionista)\w*"
)


def _income_kind_answer(text: str, tracker: Tracker | None) -> str | None:
    """The answer to the income question, or told with the first message."""
    asked = tracker is not None and tracker.get_slot("requested_slot") == "income_kind"
    if not asked and tracker is not None and not _TELLS_INCOME.search(normalise(text)):
        return None
    return _income_kind(text, tracker)


def _special(text: str, tracker: Tracker) -> str | None:
    norm = normalise(text)
    pregnant = bool(re.search(r"\bgravid|\bgravidez|\bgestante", norm))
    disability = bool(re.search(r"\bdeficien|\bincapacidade", norm))
    if pregnant and disability or re.search(r"\bas duas|\bambas", norm):
        return "both"
    if pregnant:
        return "pregnant"
    if disability:
        return "disability"
    if yes_no(text, tracker) is False or re.search(r"\bninguem|\bnenhum", norm):
        return "none"
    return None


FORM = "documents_form"


def _capital_income(text: str, tracker: Tracker) -> bool | None:
    """Asked: a yes/no, or a statement of such income. Told before any question:
    only the statement counts ("tem uma casa arrendada")."""
    said = states_capital_income(text) or None
    if tracker.get_slot("requested_slot") != "capital_or_property_income":
        return said
    answer = yes_no(text, tracker)
    return said if said is not None and answer is not False else answer


def _special_told(text: str, tracker: Tracker) -> str | None:
    """Before any question, only a pregnancy or a disability said counts, never a "no"."""
    if starting(tracker, FORM, tuple(PARSERS)):
        value = _special(text, tracker)
        return value if value in ("pregnant", "disability", "both") else None
    return _special(text, tracker)


PARSERS = {
    "nationality": lambda text, tracker: parse_nationality(text),
    "income_kind": _income_kind_answer,
    "capital_or_property_income": _capital_income,
    "pregnancy_or_disability": _special_told,
    "already_in_ss_system": lambda text, tracker: yes_no(text, tracker),
}
KEYWORDS = {
    "nationality": re.compile(r"\bnacionalidade\b"),
    "income_kind": re.compile(r"\b(salario|ordenado|vencimento)\b"),
    "pregnancy_or_disability": re.compile(r"\b(gravid\w*|deficien\w*)\b"),
}
# "que documentos preciso? sou brasileira" already answers the nationality, and "recebo
# uma pensão de velhice, que documentos levo?" the kind of income.
ON_ACTIVATION = frozenset({"nationality", "income_kind", "capital_or_property_income", "pregnancy_or_disability"})
# Facts of the applicant told with the first message that decide which questions apply:
# "tenho 17 anos e tô grávida" (the proofs of an applicant under the minimum age).
TOLD_FACTS = ("applicant_age", "is_adult")

# {placeholders} are legal figures (bot/figures.py), filled when the text is said.
HELP = FilledTexts({
    "nationality": ELIGIBILITY_HELP["nationality"],
    "income_kind": (
        "Escolha uma das opções: salário fixo, salário variável, outros rendimentos ou nenhum.",
        "Pergunto porque, com salário variável, pedem os recibos dos últimos {variable_wage_payslips} e, com "
        "salário fixo, só o do último mês (Portaria n.º 257/2012, art. 3.º). Diga, por exemplo, "
        "«salário fixo» ou «nenhum».",
    ),
    "capital_or_property_income": (
        "Responda «sim» ou «não», por favor.",
        "Quem recebe juros, dividendos ou rendas tem de juntar os comprovativos (Portaria n.º 257/2012, "
        "art. 3.º, n.º 2). Responda «sim» ou «não».",
    ),
    "pregnancy_or_disability": (
        "Diga «gravidez», «deficiência», «as duas» ou «não».",
        "A gravidez e a deficiência comprovam-se com documentos próprios (Portaria n.º 257/2012, "
        "art. 3.º, n.º 1, alíneas g) e h)). Diga «gravidez», «deficiência», «as duas» ou «não».",
    ),
    "already_in_ss_system": (
        "Responda «sim» ou «não», por favor.",
        "Se a Segurança Social já tem os seus dados, não lhe pedem de novo os documentos de "
        "identificação (Portaria n.º 257/2012, art. 3.º, n.º 5). Responda «sim» ou «não».",
    ),
}, today_lisbon)


def required_document_slots(tracker: Tracker) -> list[str]:
    """Only the questions whose answer is not known yet from this conversation."""
    # Known answers stay in the list (a filled slot is not asked again); only
    # questions that do not apply are left out, or their answers would be dropped.
    slots = ["nationality"]
    salary = to_decimal(tracker.get_slot("employment_income"))
    other = to_decimal(tracker.get_slot("other_income"))
    # With no salary the regular/variable question does not arise.
    if not (salary == 0 and other is not None):
        slots.append("income_kind")
    slots.append("capital_or_property_income")
    # The proofs of pregnancy and of a dependant's disability are asked only of an
    # applicant under the minimum age (Lei n.º 13/2003, art. 4.º, n.º 2): nobody
    # else is asked about them.
    if applicant_under_age(tracker):
        slots.append("pregnancy_or_disability")
    slots.append("already_in_ss_system")
    return slots


def applicant_under_age(tracker: Tracker) -> bool:
    household = Household(adults=1)
    apply_age(household, tracker)
    return household.age is not None and household.age < parameters.get("minimum_age", today_lisbon()).value


class ValidateDocumentsForm(RetryingFormValidation):
    SLOTS = tuple(PARSERS)
    HELP = HELP

    def name(self) -> str:
        return "validate_documents_form"

    def questions(self, tracker: Tracker) -> list[str]:
        return required_document_slots(tracker)

    def extract_answer(
        self, slot: str, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        return extract(slot, tracker, PARSERS, KEYWORDS, ON_ACTIVATION, form=FORM)

    async def required_slots(
        self, domain_slots: list[str], dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[str]:
        # The applicant's age told with the first message is kept with the answers.
        questions = self.questions(tracker)
        given = tracker.slots_to_validate()
        return questions + [s for s in TOLD_FACTS if s in given and tracker.get_slot(s) is not None]

    async def get_extraction_events(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
        told: list[EventType] = []
        text = latest_text(tracker)
        if starting(tracker, FORM, tuple(PARSERS)) and text and not text.startswith("/"):
            facts = read_facts(text, on=today_lisbon())
            values = {slot: facts.get(slot) for slot in TOLD_FACTS
                      if facts.get(slot) is not None and tracker.get_slot(slot) is None}
            tracker.slots.update(values)
            told = [SlotSet(slot, value) for slot, value in values.items()]
        return told + await super().get_extraction_events(dispatcher, tracker, domain)


def household_for_documents(tracker: Tracker) -> Household:
    """The household known so far, completed with the documents questions."""
    return household_slots.household_for_documents(tracker.slots, today_lisbon())


class ActionDocumentChecklist(SafeAction):
    def name(self) -> str:
        return "action_document_checklist"

    def act(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> EventList:
        items = checklist(household_for_documents(tracker))
        if is_front_desk(tracker):
            facts = describe_facts(tracker) + describe_document_facts(tracker)
            utter_all(dispatcher, front_desk_checklist_messages(items, facts))
        else:
            utter_all(dispatcher, checklist_messages(items))
        return []


def checklist_messages(items: list[Any]) -> list[str]:
    """The citizen's list: each document, who brings it and its legal basis, then the notes."""
    documents = [i for i in items if i.who != "nota"]
    notes = [i for i in items if i.who == "nota"]
    lines = bullets([f"{i.text} Quem: {i.who}. ({i.legal_basis})" for i in documents])
    return [
        f"Para o seu caso, os documentos a entregar são:\n{lines}",
        *(f"{note.text} ({note.legal_basis})" for note in notes),
        "Pode entregar o pedido num serviço de atendimento da Segurança Social ou pela "
        "Segurança Social Direta. Quer saber mais alguma coisa, por exemplo os prazos?",
    ]


def front_desk_checklist_messages(items: list[Any], facts: list[str]) -> list[str]:
    """The staff's list: the answers it was built from, then every document and note
    numbered, with who brings it and its legal basis spelt out."""
    documents = [i for i in items if i.who != "nota"]
    notes = [i for i in items if i.who == "nota"]
    lines = "\n".join(
        f"{number}. {i.text} Quem: {i.who}. Base legal: {i.legal_basis}."
        for number, i in enumerate(documents, 1)
    )
    messages = []
    if facts:
        messages.append(f"Dados considerados:\n{bullets(facts)}")
    messages.append(f"Documentos a entregar neste caso ({len(documents)}):\n{lines}")
    messages.extend(f"Nota: {note.text} Base legal: {note.legal_basis}." for note in notes)
    messages.append(
        "O pedido entrega-se num serviço de atendimento da Segurança Social ou pela Segurança Social Direta."
    )
    return messages
