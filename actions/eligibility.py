"""Eligibility and amount journey: the eligibility_form questions, their
validation, the summary to confirm, and the estimate with its reasons."""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType, FollowupAction, SlotSet, UserUtteranceReverted
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions.answers import extract, yes_no
from actions.common import (
    EventList,
    RetryingFormValidation,
    SafeAction,
    bullets,
    household_from_slots,
    is_front_desk,
    latest_text,
    person_button,
    to_decimal,
    to_int,
    today_lisbon,
    utter_all,
)
from actions.deadlines import asks_a_dated_deadline
from actions.facts import assumed_facts, describe_facts
from actions.reading import (
    ASSUMPTIONS,
    FACT_SLOTS,
    INFO_SLOTS,
    apply_work_answer,
    assumption_text,
    journey_texts,
    read_turn,
)
from bot import rules, speech, spoken_result
from bot.figures import FilledChoices, FilledTexts
from bot.format import date_long, money
from bot.glossary import explain_terms
from bot.parsing import normalise, parse_count, parse_household, parse_money, parse_nationality
from bot.parsing.facts import describes_a_case, read_facts
from bot.rules import parameters
from bot.rules.eligibility import age_exempts_from_registration

# ---------------------------------------------------------------- parsers

# Sanity bounds: beyond these the answer is almost surely a slip of the
# finger, so we ask again rather than compute with it.
MAX_PEOPLE = 30
MAX_MONTHLY_INCOME = Decimal("100000")
MAX_ASSETS = Decimal("100000000")


def _adults(text: str, tracker: Tracker) -> int | None:
    guess = parse_household(text)
    if guess.adults is not None:
        return guess.adults
    if guess.minors is not None:
        return None
    return parse_count(text)


def _minors(text: str, tracker: Tracker) -> int | None:
    guess = parse_household(text)
    if guess.minors is not None:
        return guess.minors
    if tracker.get_slot("requested_slot") == "adults":
        return None  # "somos 2" says nothing about children
    return parse_count(text)


def _money(text: str, tracker: Tracker) -> Decimal | None:
    return parse_money(text)


def _nationality(text: str, tracker: Tracker) -> str | None:
    return parse_nationality(text)


def _residence_years(text: str, tracker: Tracker) -> Decimal | None:
    """"2 anos" -> 2, "8 meses" -> 0.67, "menos de um ano" -> 0.5, "desde 2020"."""
    norm = normalise(text)
    since = re.search(r"\b(?:desde|em)\s+(?:\w+\s+de\s+)?((?:19|20)\d\d)\b", norm)
    if since:
        return Decimal(max(today_lisbon().year - int(since.group(1)), 0))
    if re.search(r"\bmenos de (?:um|1) ano\b", norm):
        return Decimal("0.5")
    count = parse_count(text)
    if count is None:
        return None
    if re.search(r"\bmes(?:es)?\b", norm) and not re.search(r"\banos?\b", norm):
        return (Decimal(count) / 12).quantize(Decimal("0.01"))
    return Decimal(count)


def _is_adult(text: str, tracker: Tracker) -> bool | None:
    age = _stated_age(text)
    if age is not None:
        # The question is "do you have the minimum age?": the rule of today decides.
        return age >= parameters.get("minimum_age", today_lisbon()).value
    norm = normalise(text)
    if re.search(r"\bmenor de idade\b", norm):
        return False
    if re.search(r"\bmaior de idade\b", norm):
        return True
    return yes_no(text, tracker)


def _stated_age(text: str) -> int | None:
    norm = normalise(text)
    if not re.search(r"\d|\banos\b", norm):
        return None
    age = parse_count(text)
    if age is None or age == 0 or not re.search(r"\banos\b|^\s*\d+\s*$", norm):
        return None
    return age


def _age_exception(text: str, tracker: Tracker) -> str | None:
    norm = normalise(text)
    if re.search(r"\bgravida|\bgestante|\bespero um bebe", norm):
        return "pregnant"
    if re.search(r"\bcasad|\buniao de facto|\bjunt[oa]s? ha", norm):
        return "union"
    if re.search(r"\bdependente|\ba meu cargo|\bfilh|\bdeficien|\bcuido de", norm):
        return "dependents"
    if re.search(r"\bnenhum|\bnada disso|^nao\b", norm) or yes_no(text, tracker) is False:
        return "none"
    return None


def _employment_centre(text: str, tracker: Tracker) -> Any:
    """Read as in the answers-first path (bot.parsing.facts): registered or not, an
    age that exempts, or the work situation ("trabalho", "cuido da minha mãe")."""
    facts = read_facts(text, asking="employment_centre_registered", on=today_lisbon())
    value = facts.get("employment_centre_registered")
    if value is not None or facts.get("applicant_age") is not None:
        return value
    return yes_no(text, tracker)


def _confirmed(text: str, tracker: Tracker) -> bool | None:
    return yes_no(text, tracker)


PARSERS = {
    "adults": _adults,
    "minors": _minors,
    "employment_income": _money,
    "other_income": _money,
    "assets": _money,
    "nationality": _nationality,
    "refugee": lambda text, tracker: yes_no(text, tracker),
    "legal_residence_years": _residence_years,
    "is_adult": _is_adult,
    "age_exception": _age_exception,
    "employment_centre_registered": _employment_centre,
    "eligibility_confirmed": _confirmed,
}

# How a message refers to an earlier answer it corrects (normalised text).
KEYWORDS = {
    "adults": re.compile(r"\b(adult\w*|agregado|somos|vivo sozinh\w|pessoas)\b"),
    "minors": re.compile(r"\b(filh\w*|crianc\w*|miud\w*|menores|bebes?|jovens)\b"),
    "employment_income": re.compile(r"\b(ganh\w*|salario|ordenado|vencimento|rendimentos do trabalho)\b"),
    "other_income": re.compile(r"\b(pensao|pensoes|subsidio\w*|outros rendimentos|reforma)\b"),
    "assets": re.compile(r"\b(poupanc\w*|deposito\w*|conta bancaria|acoes|fundos|no banco)\b"),
    "nationality": re.compile(r"\b(nacionalidade)\b"),
    "refugee": re.compile(r"\b(refugiad\w*|protecao internacional)\b"),
    "legal_residence_years": re.compile(r"\b(residencia|autorizacao)\b"),
    "is_adult": re.compile(r"\b(idade|tenho \d+ anos)\b"),
    "employment_centre_registered": re.compile(r"\b(centro de emprego|iefp)\b"),
}


# ---------------------------------------------------------------- help texts

# slot: (short re-prompt, explanation after two failed tries). {placeholders} are
# legal figures (bot/figures.py), filled with today's values each time a text is said.
HELP = FilledTexts({
    "adults": (
        "Não percebi quantos adultos são. Diga um número, contando consigo.",
        "Pergunto quantos adultos vivem consigo porque o valor do RSI depende do agregado: "
        "{applicant_weight} para si e {other_adult_weight} por cada outro adulto (Lei n.º 13/2003, art. 10.º). "
        "Responda, por exemplo, «2» ou «eu e a minha mulher».",
    ),
    "minors": (
        "Não percebi quantos menores são. Diga um número; se não houver, diga «nenhum».",
        "Cada criança ou jovem com menos de {minimum_age} conta {minor_weight} do valor de referência "
        "(Lei n.º 13/2003, art. 10.º). Responda, por exemplo, «2» ou «nenhum».",
    ),
    "employment_income": (
        "Não percebi o valor. Diga quanto ganham por mês, por exemplo «650 €»; se ninguém trabalha, diga «nada».",
        "Os salários contam a {employment_income_weight} para o cálculo do RSI, já sem os descontos. "
        "Some o que cada pessoa da casa recebe por mês, por exemplo «1.250,50 €» ou "
        "«seiscentos euros», ou diga «nada».",
    ),
    "other_income": (
        "Não percebi o valor. Diga, por exemplo, «200 €», ou «nenhum».",
        "Pensões, subsídios, pensões de alimentos ou rendas contam por inteiro no cálculo "
        "(Lei n.º 13/2003, art. 15.º). Diga o total mensal do agregado, por exemplo «350 €», ou «nenhum».",
    ),
    "assets": (
        "Não percebi o valor. Diga, por exemplo, «1500 €», ou «nada».",
        "O património mobiliário (contas, depósitos, ações, fundos) não pode passar de "
        "{asset_limit_in_ias} (Lei n.º 13/2003, art. 6.º). Um valor aproximado chega, "
        "por exemplo «2 mil euros» ou «nada».",
    ),
    "nationality": (
        "Não percebi a nacionalidade. Diga, por exemplo, «portuguesa», «francesa» ou «brasileira».",
        "A nacionalidade muda a regra de residência: cidadãos de fora da União Europeia precisam, "
        "em regra, de {residence_period_other} de residência legal (Portaria n.º 257/2012, art. 3.º). "
        "Escolha uma opção ou diga o país, por exemplo «brasileira».",
    ),
    "refugee": (
        "Responda «sim» ou «não», por favor.",
        "Os refugiados não precisam do tempo mínimo de residência legal ({residence_period_other}) "
        "exigido a outros cidadãos de fora da UE. "
        "Responda «sim» ou «não».",
    ),
    "legal_residence_years": (
        "Não percebi há quanto tempo. Diga, por exemplo, «2 anos» ou «8 meses».",
        "Cidadãos de fora da União Europeia precisam, em regra, de pelo menos {residence_period_other} "
        "de residência legal (Portaria n.º 257/2012, art. 3.º). Diga há quanto tempo tem autorização "
        "de residência, por exemplo «3 anos» ou «desde 2022».",
    ),
    "is_adult": (
        "Responda «sim» ou «não», ou diga a sua idade.",
        "O RSI pede-se a partir dos {minimum_age}, com algumas exceções (Lei n.º 13/2003, art. 6.º). "
        "Responda «sim», «não» ou diga a idade, por exemplo «17 anos».",
    ),
    "age_exception": (
        "Escolha uma das opções ou diga «nenhuma».",
        "Com menos de {minimum_age} só pode pedir o RSI quem está grávida, é casado/a ou vive em união de "
        "facto há mais de {union_period}, ou tem menores ou pessoas com deficiência a cargo "
        "(Lei n.º 13/2003, art. 6.º). Diga qual se aplica, ou «nenhuma».",
    ),
    "employment_centre_registered": (
        "Responda «sim» ou «não». Se não precisa de inscrição, diga porquê, por exemplo «trabalho» "
        "ou «cuido da minha mãe».",
        "Quem está desempregado e pode trabalhar tem de estar inscrito no centro de emprego "
        "(Lei n.º 13/2003, art. 6.º). Não precisa quem trabalha, quem tem "
        "{employment_centre_exempt_from_age} ou mais, quem não pode trabalhar por doença ou incapacidade, "
        "ou quem cuida de alguém da família com quem vive. Diga «sim», «não» ou qual é o seu caso.",
    ),
    "eligibility_confirmed": (
        "Diga «sim» se está tudo certo, ou diga o que quer corrigir, por exemplo «são 3 filhos».",
        "Antes de calcular confirmo os seus dados. Diga «sim» se estão certos, ou diga o valor correto, "
        "por exemplo «ganho 700 €» ou «somos 3 adultos».",
    ),
}, today_lisbon)

# Offered after repeated failures (with "não sei" and a person); figures filled as in HELP.
CHOICES = FilledChoices({
    "adults": [("Só eu", "só eu"), ("2", "2"), ("3", "3"), ("4", "4")],
    "minors": [("Nenhum", "nenhum"), ("1", "1"), ("2", "2"), ("3", "3")],
    "employment_income": [("Ninguém trabalha", "nada"), ("Até 500 €", "500 €"), ("Cerca de 900 €", "900 €")],
    "other_income": [("Nenhum", "nenhum"), ("Cerca de 200 €", "200 €"), ("Cerca de 400 €", "400 €")],
    "assets": [("Nada", "nada"), ("Menos de 1 000 €", "500 €"), ("Mais de 30 000 €", "35000 €")],
    "nationality": [("Portuguesa", "portuguesa"), ("União Europeia", "de outro país da União Europeia"),
                    ("Fora da União Europeia", "de um país fora da União Europeia")],
    "refugee": [("Sim", "sim"), ("Não", "não")],
    # "menos de um ano" is read as half a year: below any minimum of a year or more.
    "legal_residence_years": [("Menos de {residence_period_other}", "menos de um ano"),
                              ("{residence_period_other} ou mais", "{residence_period_other}")],
    "is_adult": [("Sim", "sim"), ("Não", "não")],
    "age_exception": [("Grávida", "estou grávida"), ("Nenhuma", "nenhuma")],
    "employment_centre_registered": [
        ("Sim", "sim"), ("Não", "não"), ("Trabalho", "estou a trabalhar"),
        ("Não posso trabalhar", "não posso trabalhar"), ("Cuido de alguém", "cuido de um familiar"),
    ],
}, today_lisbon)

CORRECTION_PROMPT = "correcting"  # retry_slot value while the person says what to correct


def _check_range(slot: str, value: Any) -> str | None:
    """An error message if ``value`` is impossible for ``slot``."""
    if slot == "adults" and not 1 <= value <= MAX_PEOPLE:
        return "O agregado tem pelo menos uma pessoa adulta (contando consigo). Quantos adultos são?"
    if slot == "minors" and not 0 <= value <= MAX_PEOPLE:
        return "Esse número parece-me demasiado alto. Quantos menores são?"
    if slot in ("employment_income", "other_income") and value > MAX_MONTHLY_INCOME:
        return "Esse valor parece-me muito alto para um mês. Pode confirmar o valor mensal?"
    if slot == "assets" and value > MAX_ASSETS:
        return "Esse valor parece-me demasiado alto. Pode confirmar?"
    return None


def _value_before_this_turn(tracker: Tracker, slot: str) -> Any:
    """The slot's value before the latest user message (the SDK has already
    added this turn's extracted values to the tracker)."""
    seen_user = False
    for event in reversed(tracker.events):
        if event.get("event") == "user":
            seen_user = True
        elif seen_user and event.get("event") == "slot" and event.get("name") == slot:
            return event.get("value")
    return None


class ValidateEligibilityForm(RetryingFormValidation):
    """Reads every message as answers first (bot.parsing.facts), then decides
    which questions apply. A message that answers nothing is a side question."""

    SLOTS = tuple(PARSERS)
    HELP = HELP
    CHOICES = CHOICES
    ASSUMABLE = frozenset(ASSUMPTIONS)

    def name(self) -> str:
        return "validate_eligibility_form"

    def questions(self, tracker: Tracker) -> list[str]:
        return required_eligibility_slots(tracker)

    async def required_slots(
        self, domain_slots: list[str], dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[str]:
        # Facts given this turn for questions not (yet) asked, and the notes
        # about them, are kept: "sou brasileira, refugiada, cá há 2 anos".
        questions = self.questions(tracker)
        given = tracker.slots_to_validate()
        extras = [s for s in (*FACT_SLOTS, *INFO_SLOTS)
                  if s in given and s not in questions and tracker.get_slot(s) is not None]
        return questions + extras

    async def get_extraction_events(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
        if tracker.get_slot("requested_slot") == "eligibility_confirmed":
            return await super().get_extraction_events(dispatcher, tracker, domain)
        values = read_turn(tracker, today_lisbon())
        if values is None:
            return []  # not an answer: the form is rejected and the rules answer
        tracker.slots.update(values)
        return [SlotSet(slot, value) for slot, value in values.items()]

    def extract_answer(
        self, slot: str, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        # Only the confirmation step reads slot by slot (corrections of the summary).
        return extract(slot, tracker, PARSERS, KEYWORDS, free_corrections=True)

    def check_answer(
        self, slot: str, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        requested = tracker.get_slot("requested_slot")
        if value is None:
            why = self.answer_why(slot, dispatcher, tracker)
            if why is not None:
                return why
            if slot == requested and slot in ASSUMPTIONS and tracker.get_slot("unsure_turn"):
                return self.assume(slot, dispatcher, tracker)
            if slot == requested and tracker.get_slot("unsure_turn"):
                dispatcher.utter_message(
                    text=f"{HELP[slot][1]} Se preferir, pode falar com uma pessoa.",
                    buttons=[person_button()],
                )
                return {slot: None, **self.count_failure(slot, self.failures(slot, tracker) + 1, tracker)}
            return self.unreadable(slot, dispatcher, tracker)
        problem = _check_range(slot, value)
        if problem:
            return self.retry(slot, dispatcher, tracker, problem)
        if slot == "eligibility_confirmed" and value is False:
            return {slot: None, "retry_slot": CORRECTION_PROMPT, "retry_count": 0}
        result = self.accept(slot, value, tracker)
        if slot == "adults":
            result.update(_minors_from_head_count(value, tracker))
        assumed = list(tracker.get_slot("assumed_slots") or [])
        if slot in assumed and tracker.get_slot(slot) is not None and slot in tracker.slots_to_validate():
            # an answer given later replaces the assumption
            if not tracker.get_slot("unsure_turn"):
                assumed.remove(slot)
                result["assumed_slots"] = assumed
        # Only a changed earlier answer is a correction; "eu e os meus 2 filhos"
        # answering the adults question fills the minors for the first time.
        earlier = _value_before_this_turn(tracker, slot)
        if slot != requested and requested is not None and earlier is not None and earlier != value:
            dispatcher.utter_message(text=f"Corrigido: {describe_value(slot, value)}.")
        return result

    def assume(self, slot: str, dispatcher: CollectingDispatcher, tracker: Tracker) -> dict[str, Any]:
        """"não sei": the estimate goes on with a stated assumption."""
        assumed = list(tracker.get_slot("assumed_slots") or [])
        if slot not in assumed:
            assumed.append(slot)
        dispatcher.utter_message(
            text=f"Está bem. Para continuar, {assumption_text(slot)}. Fica assinalado no resumo, "
            "e pode corrigir quando souber."
        )
        return {slot: ASSUMPTIONS[slot], "assumed_slots": assumed, **self.forget_failures(slot, tracker)}


def _minors_from_head_count(adults: int, tracker: Tracker) -> dict[str, Any]:
    """"somos 4" said earlier, "2 adultos" now: 2 minors."""
    size = tracker.get_slot("household_size")
    if size is None or tracker.get_slot("minors") is not None:
        return {}
    try:
        minors = int(size) - int(adults)
    except (TypeError, ValueError):
        return {}
    return {"minors": minors} if minors >= 0 else {}


_LEGAL_RESIDENCE = re.compile(r"\b(?:residente legal|residencia legal|legalmente|autorizacao de residencia|"
                             r"titulo de residencia|cartao de residencia|residente permanente)\b")


def says_legal_residence(tracker: Tracker) -> bool:
    """Whether the person said their residence is legal (a permit, "residente legal")."""
    texts = [latest_text(tracker), *journey_texts(tracker)]
    return any(_LEGAL_RESIDENCE.search(normalise(text)) for text in texts if text)


def required_eligibility_slots(tracker: Tracker) -> list[str]:
    """The questions that apply to this person, in the order they are asked."""
    slots = ["adults", "minors", "employment_income", "other_income", "assets", "nationality"]
    if tracker.get_slot("nationality") == "other":
        # "residente legal há 12 anos": enough legal residence either way, so being a
        # refugee changes nothing and is not asked (unless already answered); "moramos
        # cá há 3 anos" says how long, not that the residence is legal, so it is asked
        years = to_decimal(tracker.get_slot("legal_residence_years"))
        enough = years is not None and years >= parameters.get("residence_min_years_other", today_lisbon()).value \
            and says_legal_residence(tracker)
        if not enough or tracker.get_slot("refugee") is not None:
            slots.append("refugee")
        if tracker.get_slot("refugee") is False:
            slots.append("legal_residence_years")
    slots.append("is_adult")
    if tracker.get_slot("is_adult") is False:
        slots.append("age_exception")
    # Registration at the employment centre only matters for people without a job,
    # and not at an age the law exempts («vivo sozinha com 70 anos»).
    age = to_int(tracker.get_slot("applicant_age"))
    exempt = age is not None and age_exempts_from_registration(age, today_lisbon())
    if to_decimal(tracker.get_slot("employment_income")) == 0 and not exempt:
        slots.append("employment_centre_registered")
    slots.append("eligibility_confirmed")
    return slots


def describe_value(slot: str, value: Any) -> str:
    """A corrected answer in words: "3 menores", "700,00 € de salários"."""
    if slot == "adults":
        return f"{value} adulto{'s' if value != 1 else ''}"
    if slot == "minors":
        return f"{value} menor{'es' if value != 1 else ''}"
    if slot == "employment_income":
        return f"{money(Decimal(str(value)))} por mês de trabalho"
    if slot == "other_income":
        return f"{money(Decimal(str(value)))} por mês de outros rendimentos"
    if slot == "assets":
        return f"{money(Decimal(str(value)))} em poupanças"
    return "resposta atualizada"


class ActionAskEligibilityConfirmed(Action):
    """Shows the answers before computing; after a "não", asks what to correct."""

    def name(self) -> str:
        return "action_ask_eligibility_confirmed"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> EventList:
        if tracker.get_slot("retry_slot") == CORRECTION_PROMPT:
            dispatcher.utter_message(
                text="O que quer corrigir? Diga o valor certo, por exemplo «são 3 filhos» "
                "ou «ganho 700 €», ou escolha o que quer responder de novo.",
                buttons=[
                    {"title": "O agregado", "payload": "corrigir o agregado"},
                    {"title": "Os salários", "payload": "corrigir o salário"},
                    {"title": "Outros rendimentos", "payload": "corrigir outros rendimentos"},
                    {"title": "As poupanças", "payload": "corrigir as poupanças"},
                ],
            )
            return [SlotSet("retry_slot", None)]
        lines = bullets(describe_facts(tracker))
        dispatcher.utter_message(
            text=f"Confirme, por favor, o que me disse:\n{lines}\nEstá tudo certo?",
            buttons=[
                {"title": "Sim, calcular", "payload": "sim"},
                {"title": "Não, quero corrigir", "payload": "não"},
            ],
        )
        return []


class ActionReadCase(SafeAction):
    """A bare answer (intent inform) outside any question: "o meu marido foi embora e
    agora somos só eu e os meus 2 filhos" describes a case, so the estimate starts
    with it; anything else gets the usual "não percebi" (and is forgotten, as Rasa's
    default fallback does)."""

    def name(self) -> str:
        return "action_read_case"

    def act(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> EventList:
        if not tracker.active_loop.get("name") and asks_a_dated_deadline(latest_text(tracker)):
            # "a minha filha foi trabalhar para a suíça no dia 23 de novembro, tenho de
            # avisar até quando": a deadline to count, not a case to estimate
            return [FollowupAction("deadline_form")]
        if not tracker.active_loop.get("name") and describes_a_case(latest_text(tracker), today_lisbon()):
            dispatcher.utter_message(response="utter_eligibility_start")
            return [FollowupAction("eligibility_form")]
        dispatcher.utter_message(response="utter_default")
        return [UserUtteranceReverted()]


class ActionComputeEligibility(SafeAction):
    """The estimate: eligible or not and why, the amount with its steps."""

    def name(self) -> str:
        return "action_compute_eligibility"

    def act(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> EventList:
        household = household_from_slots(tracker)
        reset = [SlotSet("eligibility_confirmed", None)]
        if household is not None:
            apply_work_answer(household, tracker.get_slot("employment_centre_registered"))
        if household is None:
            dispatcher.utter_message(
                text="Ainda não sei quantas pessoas vivem consigo. Diga «quero ver se tenho direito» para começarmos."
            )
            return reset
        sim = rules.simulate(household, today_lisbon())
        buttons = [
            {"title": "Lista de documentos", "payload": "/ask_documents"},
            {"title": "Como fazer o pedido", "payload": "como faço o pedido do rendimento social de inserção?"},
        ]
        on_phone = tracker.get_latest_input_channel() == "phone"
        steps: list[str] = []
        if is_front_desk(tracker):
            messages = front_desk_eligibility_messages(sim, describe_facts(tracker))
            follow_up = "Quer ver a lista de documentos para este caso, ou como se faz o pedido?"
        elif on_phone:
            # For the ear: the amount and why; the steps only on request (bot.spoken_result).
            messages = spoken_result.result_messages(sim, benefit_name(sim))
            steps = spoken_result.steps(sim)
            follow_up = spoken_result.FOLLOW_UP if steps else spoken_result.FOLLOW_UP_NO_STEPS
            buttons = [dict(spoken_result.STEPS_OPTION), *buttons] if steps else buttons
        else:
            messages = eligibility_messages(sim)
            follow_up = "Quer ver a lista de documentos para o seu caso, ou saber como fazer o pedido?"
        assumptions = assumed_facts(tracker)
        if assumptions:
            messages.insert(1, "Atenção: este cálculo usa suposições, porque não sabia algumas respostas:\n"
                            + bullets(assumptions))
        utter_all(dispatcher, messages)
        if on_phone:
            # Kept in the tracker for "explique as contas" (read by the phone channel);
            # an empty list says this estimate has no steps to explain.
            dispatcher.utter_message(json_message={speech.STEPS_KEY: steps})
        reset.append(SlotSet("last_legal_basis", legal_basis_lines(sim)))
        dispatcher.utter_message(text=follow_up, buttons=buttons)
        return reset


def benefit_name(sim: Any) -> str:
    """«ao RSI», or «à PSU» from the date the Prestação Social Única replaces it."""
    return "à Prestação Social Única (PSU)" if getattr(sim, "regime", "rsi") == "psu" else "ao RSI"


def eligibility_messages(sim: Any) -> list[str]:
    """The answer to "do I qualify and how much", as a few short messages in
    plain words; the legal basis of each step is kept for "base legal?"."""
    messages: list[str] = []
    failed = [c for c in sim.conditions if not c.passed]
    if sim.eligible:
        messages.append(
            f"Pelas respostas que deu, parece ter direito {benefit_name(sim)}: cerca de "
            f"{money(sim.monthly_amount)} por mês."
        )
    else:
        reasons = bullets([c.explanation for c in failed])
        messages.append(
            f"Pelas respostas que deu, parece que não tem direito {benefit_name(sim)}, porque:\n{reasons}"
        )
    only_income_failed = all(c.code == "income_below_maximum" for c in failed)
    shown = [m for m in messages]
    if sim.trace and (sim.eligible or only_income_failed):
        steps = [step.text for step in sim.trace]
        messages.append(f"Como fiz as contas:\n{bullets(steps)}")
        shown += steps
    words = explain_terms(shown)
    if words:
        messages.append("Palavras usadas: " + "; ".join(words) + ".")
    messages.extend(sim.notices)
    if not any("estimativa" in notice for notice in sim.notices):
        messages.append(
            "Isto é uma estimativa com base no que me disse: a decisão cabe sempre à Segurança Social, "
            "depois de analisar o pedido e os documentos."
        )
    messages.append("Se quiser ver a lei em que se baseia cada passo, diga «base legal».")
    return messages


def legal_basis_lines(sim: Any) -> list[str]:
    """Every condition and step with its legal basis, for "base legal?"."""
    lines = [f"{c.explanation} — {c.legal_basis}" for c in sim.conditions]
    lines += [f"{step.text} — {step.legal_basis}" for step in sim.trace]
    return lines


def front_desk_eligibility_messages(sim: Any, facts: list[str]) -> list[str]:
    """The complete answer for counter staff: the data used, every condition
    (passed or not) with its legal basis, every step of the amount, the notices."""
    if sim.eligible:
        headline = (
            f"Com os dados indicados, o agregado parece ter direito {benefit_name(sim)}: "
            f"{money(sim.monthly_amount)} "
            "por mês (estimativa)."
        )
    else:
        headline = (
            f"Com os dados indicados, o agregado parece não ter direito {benefit_name(sim)} "
            "(veja abaixo as condições não cumpridas)."
        )
    data = [f"data de referência: {date_long(sim.on)}", *facts]
    conditions = [
        f"{'Cumprida' if c.passed else 'NÃO cumprida'}: {c.explanation} Base legal: {c.legal_basis}."
        for c in sim.conditions
    ]
    steps = "\n".join(
        f"{number}. {step.text} Base legal: {step.legal_basis}." for number, step in enumerate(sim.trace, 1)
    )
    messages = [
        headline,
        f"Dados considerados:\n{bullets(data)}",
        f"Condições verificadas ({len(conditions)}):\n{bullets(conditions)}",
        f"Cálculo completo:\n{steps}",
        *sim.notices,
    ]
    if not any("estimativa" in notice for notice in sim.notices):
        messages.append(
            "É uma estimativa com os dados indicados: a decisão cabe à Segurança Social, depois de "
            "analisar o requerimento e os documentos."
        )
    return messages
