"""The citizen's case summary handed over at the counter, from a conversation's slots.

One structure (`CaseSummary`) built from the slot values and events of a
front-desk conversation with the domain code alone: the facts declared, each
eligibility condition with its legal basis, the amount with its steps
(bot.rules), the document checklist (bot.documents), the deadlines computed in
the conversation with their end dates (bot.calendar), the next steps and the
disclaimer. The print page and the PDF (bot/summary_render.py,
bot/pdf_summary.py) both render it; neither computes anything.

NIF and NISS are personal identifiers: they are in the summary only when the
clerk asks for them (``with_identifiers``).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any

from bot import documents, household_slots
from bot.calendar import DEADLINE_KINDS, MAINLAND, REGION_LABELS, REGIONS, Deadline, deadline
from bot.errors import InputError
from bot.fact_labels import (
    EMPLOYMENT_CENTRE_LABELS,
    INCOME_KIND_LABELS,
    age_text,
    capitalised,
    household_text,
    nationality_text,
    plural,
)
from bot.format import date_long, money
from bot.household_slots import Slots, to_decimal, to_int
from bot.rules import entitlement, notices
from bot.rules.model import Household, Simulation

# The action that computes a deadline; the deadline slots are emptied right after it,
# so the deadlines of a conversation are read from its events.
COMPUTE_DEADLINE = "action_compute_deadline"
# A salary said only as "salário certo / variável" in the documents journey: enough
# for the checklist to ask for pay slips (as actions/documents.py does).

DISCLAIMER = (
    f"{notices.ESTIMATE} Este resumo regista os dados declarados no atendimento e não é uma decisão "
    "nem um comprovativo de entrega do pedido."
)

SPECIAL_LABELS = {
    "pregnant": "Gravidez no agregado",
    "disability": "Pessoa com deficiência no agregado",
    "both": "Gravidez e pessoa com deficiência no agregado",
    "none": "Nenhuma",
}
ASSUMED = " (suposição: não sabia)"


@dataclass(frozen=True)
class Fact:
    label: str  # pt-PT
    value: str  # pt-PT, formatted

    def to_dict(self) -> dict[str, str]:
        return {"label": self.label, "value": self.value}


@dataclass(frozen=True)
class Line:
    """A condition, a step of the amount or a document, with its legal basis."""

    text: str
    legal_basis: str
    passed: bool | None = None  # conditions only
    who: str | None = None  # documents only

    def to_dict(self) -> dict[str, Any]:
        return {"text": self.text, "legal_basis": self.legal_basis, "passed": self.passed, "who": self.who}


@dataclass(frozen=True)
class DeadlineLine:
    label: str
    start: date
    end: date
    legal_basis: str
    counting: str  # "15 dias úteis"
    notes: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {"label": self.label, "start": self.start.isoformat(), "end": self.end.isoformat(),
                "end_text": date_long(self.end), "legal_basis": self.legal_basis,
                "counting": self.counting, "notes": list(self.notes)}


@dataclass(frozen=True)
class DeadlineAsked:
    """A deadline computed in the conversation, as its slots stood at that moment."""

    kind: str
    start: date
    region: str = MAINLAND
    letter_posted: bool = False


@dataclass
class CaseSummary:
    made_on: date
    facts: list[Fact]
    identifiers: list[Fact] = field(default_factory=list)
    # None: the household is not known yet, so there is no estimate.
    eligible: bool | None = None
    benefit: str = "RSI"
    monthly_amount: Decimal | None = None
    conditions: list[Line] = field(default_factory=list)
    steps: list[Line] = field(default_factory=list)
    notices: list[str] = field(default_factory=list)
    documents: list[Line] = field(default_factory=list)
    document_notes: list[Line] = field(default_factory=list)
    deadlines: list[DeadlineLine] = field(default_factory=list)
    next_steps: list[str] = field(default_factory=list)
    disclaimer: str = DISCLAIMER

    @property
    def date_text(self) -> str:
        return date_long(self.made_on)

    @property
    def amount_text(self) -> str | None:
        return None if self.monthly_amount is None else money(self.monthly_amount)

    @property
    def benefit_phrase(self) -> str:
        return "à PSU" if self.benefit == "PSU" else "ao RSI"

    @property
    def headline(self) -> str:
        if self.eligible is None:
            return "Ainda não há dados suficientes para estimar o direito (falta o agregado)."
        if self.eligible:
            return f"Estimativa: parece ter direito {self.benefit_phrase}: {self.amount_text} por mês."
        return f"Estimativa: parece não ter direito {self.benefit_phrase} (ver as condições não cumpridas)."

    def to_dict(self) -> dict[str, Any]:
        return {
            "date": self.made_on.isoformat(), "date_text": self.date_text, "headline": self.headline,
            "facts": [f.to_dict() for f in self.facts],
            "identifiers": [f.to_dict() for f in self.identifiers],
            "eligible": self.eligible, "benefit": self.benefit,
            "monthly_amount": None if self.monthly_amount is None else f"{self.monthly_amount:.2f}",
            "amount_text": self.amount_text,
            "conditions": [c.to_dict() for c in self.conditions],
            "steps": [s.to_dict() for s in self.steps],
            "notices": list(self.notices),
            "documents": [d.to_dict() for d in self.documents],
            "document_notes": [d.to_dict() for d in self.document_notes],
            "deadlines": [d.to_dict() for d in self.deadlines],
            "next_steps": list(self.next_steps), "disclaimer": self.disclaimer,
        }


# ------------------------------------------------------------------ facts


def _mark(slots: Mapping[str, Any], slot: str, value: str) -> str:
    """How a value was worked out (the note kept with it) and whether it was assumed."""
    conversation = Slots(slots)
    note = (conversation.get_slot("fact_notes") or {}).get(slot) if isinstance(conversation.get_slot("fact_notes"), dict) else None
    if note:
        value += f" ({note})"
    if slot in (conversation.get_slot("assumed_slots") or []):
        value += ASSUMED
    return value


def declared_facts(slots: Mapping[str, Any], on: date) -> list[Fact]:
    """Every fact recorded so far, labelled, in the order the questions are asked.
    Identifiers (NIF, NISS, name, contacts) are never among them."""
    conversation = Slots(slots)
    facts: list[Fact] = []
    household = household_text(slots, "com o requerente")
    if household is not None:
        facts.append(Fact("Agregado", _mark(slots, "minors", household)))
    elif to_int(conversation.get_slot("household_size")) is not None:
        facts.append(Fact("Agregado", plural(to_int(conversation.get_slot("household_size")), "pessoa", "pessoas")))
    for slot, label, suffix in (
        ("employment_income", "Salários do agregado (líquidos)", " por mês"),
        ("other_income", "Outros rendimentos", " por mês"),
        ("assets", "Poupanças e aplicações", ""),
    ):
        amount = to_decimal(conversation.get_slot(slot))
        if amount is not None:
            facts.append(Fact(label, _mark(slots, slot, money(amount) + suffix)))
    nationality = nationality_text(slots)
    if nationality is not None:
        facts.append(Fact("Nacionalidade", _mark(slots, "refugee", capitalised(nationality))))
    age = age_text(slots, on)
    if age is not None:
        facts.append(Fact("Idade do requerente", _mark(slots, "is_adult", age)))
    work = conversation.get_slot("employment_centre_registered")
    if isinstance(work, (bool, str)) and work in EMPLOYMENT_CENTRE_LABELS:
        facts.append(Fact("Trabalho e IEFP", _mark(slots, "employment_centre_registered", capitalised(EMPLOYMENT_CENTRE_LABELS[work]))))
    if conversation.get_slot("income_kind") in INCOME_KIND_LABELS:
        facts.append(Fact("Tipo de rendimentos", capitalised(INCOME_KIND_LABELS[conversation.get_slot("income_kind")])))
    capital = conversation.get_slot("capital_or_property_income")
    if isinstance(capital, bool):
        facts.append(Fact("Rendimentos de capitais ou prediais", "Sim" if capital else "Não"))
    if conversation.get_slot("pregnancy_or_disability") in SPECIAL_LABELS:
        facts.append(Fact("Situações especiais", SPECIAL_LABELS[conversation.get_slot("pregnancy_or_disability")]))
    known = conversation.get_slot("already_in_ss_system")
    if isinstance(known, bool):
        facts.append(Fact("Dados no sistema da Segurança Social", "Sim, atualizados" if known else "Não"))
    if conversation.get_slot("region") in REGION_LABELS:
        facts.append(Fact("Região", REGION_LABELS[conversation.get_slot("region")]))
    return facts


def identifier_facts(slots: Mapping[str, Any]) -> list[Fact]:
    """NIF and NISS given in the conversation (certificate or status requests)."""
    conversation = Slots(slots)
    facts = []
    nif = conversation.get_slot("cert_nif") or conversation.get_slot("status_nif")
    if isinstance(nif, str) and nif:
        facts.append(Fact("NIF", nif))
    niss = conversation.get_slot("cert_niss")
    if isinstance(niss, str) and niss:
        facts.append(Fact("NISS", niss))
    return facts


# ------------------------------------------------------------------ deadlines


def deadlines_asked(events: Iterable[Mapping[str, Any]]) -> list[DeadlineAsked]:
    """The deadlines computed in a conversation, read from its events (the slots
    as they stood when ``action_compute_deadline`` ran); the latest of each kind."""
    state: dict[str, Any] = {}
    found: dict[str, DeadlineAsked] = {}
    for event in events:
        if event.get("event") == "slot":
            state[event.get("name")] = event.get("value")
        elif event.get("event") == "action" and event.get("name") == COMPUTE_DEADLINE:
            kind, start = state.get("deadline_kind"), state.get("deadline_start")
            if kind not in DEADLINE_KINDS or not isinstance(start, str):
                continue
            try:
                begins = date.fromisoformat(start)
            except ValueError:
                continue
            region = state.get("region") if state.get("region") in REGIONS else MAINLAND
            found.pop(kind, None)  # a later count of the same kind replaces it, in its new place
            found[kind] = DeadlineAsked(kind, begins, region, bool(state.get("deadline_letter_posted")))
    return list(found.values())


_UNITS = {"working_days": ("dia útil", "dias úteis"), "days": ("dia", "dias"), "months": ("mês", "meses")}


def _deadline_line(result: Deadline) -> DeadlineLine:
    one, many = _UNITS.get(result.unit, ("", ""))
    counting = plural(result.amount, one, many) if one else ""
    return DeadlineLine(result.label, result.start, result.end, result.legal_basis, counting,
                        tuple(result.notices))


def deadline_lines(asked: Iterable[DeadlineAsked]) -> list[DeadlineLine]:
    lines = []
    for item in asked:
        try:
            lines.append(_deadline_line(deadline(item.kind, item.start, item.region, item.letter_posted)))
        except InputError:
            continue  # a date outside the rules known: the conversation said so already
    return lines


# ------------------------------------------------------------------ the summary


def household_for_summary(slots: Mapping[str, Any], on: date) -> Household | None:
    conversation = Slots(slots)
    household = household_slots.household_from_values(slots, on)
    if household is not None:
        household_slots.apply_work_situation(household, conversation.get_slot("employment_centre_registered"))
    return household


def household_for_documents(slots: Mapping[str, Any], on: date) -> Household | None:
    """The household of the documents journey; None when neither journey was started."""
    document_answers = ("income_kind", "capital_or_property_income", "pregnancy_or_disability",
                        "already_in_ss_system")
    if household_slots.household_from_values(slots, on) is None and \
            all(Slots(slots).get_slot(name) is None for name in document_answers):
        return None
    return household_slots.household_for_documents(slots, on)


def _next_steps(sim: Simulation | None, has_deadlines: bool) -> list[str]:
    steps = []
    if sim is not None and not sim.eligible:
        failed = {c.code for c in sim.conditions if not c.passed}
        if "employment_centre_registration" in failed:
            steps.append("Inscrever-se no centro de emprego (IEFP), se estiver desempregado/a e puder trabalhar.")
        steps.append("Mesmo com esta estimativa, pode entregar o requerimento: a decisão cabe à Segurança "
                     "Social. Se a situação mudar (rendimentos, agregado), peça nova avaliação.")
    steps += [
        "Reunir os documentos da lista abaixo (os que já constam do sistema da Segurança Social "
        "não são pedidos de novo).",
        "Entregar o requerimento (Mod. RSI 1-DGSS) num serviço de atendimento da Segurança Social "
        "ou pela Segurança Social Direta.",
        "Responder aos pedidos de documentos e às convocatórias da Segurança Social dentro dos prazos "
        "indicados nas cartas.",
        "Depois de atribuída a prestação, comunicar qualquer mudança de rendimentos, de agregado ou de morada.",
    ]
    if has_deadlines:
        steps.append("Respeitar os prazos indicados neste resumo: contam-se em dias úteis quando assim se diz.")
    return steps


def build(slots: Mapping[str, Any], events: Iterable[Mapping[str, Any]], on: date,
          with_identifiers: bool = False) -> CaseSummary:
    """The case summary of a conversation on ``on`` from its slot values and events."""
    summary = CaseSummary(made_on=on, facts=declared_facts(slots, on))
    if with_identifiers:
        summary.identifiers = identifier_facts(slots)
    household = household_for_summary(slots, on)
    sim = None
    if household is not None:
        try:
            sim = entitlement.simulate(household, on)
        except InputError:
            sim = None  # impossible values: the conversation refused them already
    if sim is not None:
        summary.eligible = sim.eligible
        summary.benefit = "PSU" if sim.regime == "psu" else "RSI"
        summary.monthly_amount = sim.monthly_amount
        summary.conditions = [Line(c.explanation, c.legal_basis, passed=c.passed) for c in sim.conditions]
        summary.steps = [Line(s.text, s.legal_basis) for s in sim.trace]
        summary.notices = [n for n in sim.notices if n != notices.ESTIMATE]
    for_documents = household_for_documents(slots, on)
    if for_documents is not None:
        try:
            items = documents.checklist(for_documents)
        except InputError:
            items = []
        summary.documents = [Line(i.text, i.legal_basis, who=i.who) for i in items if i.who != "nota"]
        summary.document_notes = [Line(i.text, i.legal_basis) for i in items if i.who == "nota"]
    summary.deadlines = deadline_lines(deadlines_asked(events))
    summary.next_steps = _next_steps(sim, bool(summary.deadlines))
    return summary
