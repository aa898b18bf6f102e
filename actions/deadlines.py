"""Deadlines journey: which deadline, from which day, in which region; the
end date is counted by bot.calendar (working days, holidays, CPA art. 87.º)."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date, timedelta
from typing import Any

from dateutil.relativedelta import relativedelta
from rasa_sdk import Action, Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions.common import (
    EventList,
    RetryingFormValidation,
    SafeAction,
    bullets,
    conversation_region,
    is_answer,
    is_front_desk,
    latest_text,
    starting,
    today_lisbon,
    utter_all,
)
from bot.calendar import LETTER_KIND, REGION_LABELS, deadline, holiday_name, is_working_day, on_day
from bot.closed_sets import Region
from bot.errors import InputError
from bot.format import date_long, date_short, weekday
from bot.parsing import normalise, parse_date, parse_region
from bot.parsing.dates import parse_month_year
from bot.parsing.intents import asks_deadline, asks_when_it_starts
from bot.rules import parameters

FORM = "deadline_form"
SLOTS = ("deadline_kind", "deadline_start", "region")
# True when deadline_start is the day a registered letter was posted, not the day it
# arrived: the count then starts from the day the letter is presumed received.
POSTED_SLOT = "deadline_letter_posted"


# Citizens' words for each kind, tried in this order: the first match wins. Specific
# situations come before the generic words of later kinds ("reclamar da decisão da
# renovação" is a complaint; "recebi uma carta registada a pedir documentos" is about
# the documents; a registered letter alone is asked about only when nothing else fits).
KIND_WORDS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("interview_justification", re.compile(r"\bentrevista|\bfaltei|\bjustifica")),
    ("prior_hearing", re.compile(
        r"\baudiencia|\bprojeto de decisao|\bprojecto de decisao|\bintencao de (?:indeferi|recusa|cortar|cessar)"
        r"|\b(?:vao|querem|quer|pensam) (?:indeferir|recusar|cortar)|\bpronunciar-me")),
    ("complaint", re.compile(r"\breclam")),
    ("hierarchical_appeal", re.compile(r"\brecor+e|\brecurso\b|\bimpugn")),
    ("insertion_contract", re.compile(
        r"\bcontrato de insercao|\bcontrato do rsi|\bassinar o contrato\b(?! de trabalho)|\bnucleo local|\bnli\b")),
    ("report_changes", re.compile(
        r"\bmudei\b|\bmudanca|\bmudar de (?:casa|morada)|\bcomecei a trabalhar|\barranjei (?:um )?(?:emprego|trabalho)"
        r"|\bnovo emprego|\bfiquei desempregad|\bavisar\b|\bcomunicar\b|\bmudou\b"
        r"|\balterac\w* (?:de|dos|do|da|no|na) (?:rendimento|agregado|morada|residencia|situacao)"
        r"|\bnasceu\b|\bsaiu de casa|\bveio viver|\bfoi viver|\bfui viver|\bcasei\b|\bseparei\b|\bdivorciei")),
    ("renewal_notification", re.compile(r"\bnotifica\w* da renova|\bdecisao da renova|\bresposta da renova")),
    ("renewal_start", re.compile(r"\brenova")),
    ("certificate", re.compile(r"\bcertid|\bdeclarac")),
    ("missing_documents", re.compile(
        r"\bdocumento|\bpapeis|\bpapel|\brecibos|\bcomprovativ|\bem falta|\bpedir\b|\bpediram")),
    ("registered_letter", re.compile(r"\bcarta regist(?:r)?ada|\bcorreio regist(?:r)?ado|\bregist(?:r)?ad[ao] (?:nos|pelos) ctt")),
)
_ELECTRONIC = re.compile(r"\beletronic|\belectronic|\bonline|\bemail|\be-mail|\bdireta|\binternet")


def parse_deadline_kind(text: str) -> str | None:
    """Which legal deadline a message is about ("faltei à entrevista" -> interview_justification,
    "quero reclamar da decisão" -> complaint, "mudei de casa" -> report_changes)."""
    norm = normalise(text)
    for kind, words in KIND_WORDS:
        if words.search(norm):
            if kind == "certificate" and _ELECTRONIC.search(norm):
                return "certificate_electronic"
            return kind
    return None


# "22 de dezembro [de 2026]" inside a longer sentence.
_DAY_MONTH = re.compile(r"\b\d{1,2} de [a-zç]+(?: de \d{4})?", re.IGNORECASE)


# "no dia 3" without a month: the last day 3 on or before today (letters are in the past).
_DAY_ONLY = re.compile(r"\bdia (\d{1,2})\b(?! de [a-z])", re.IGNORECASE)


def _last_day_numbered(day: int, today: date) -> date | None:
    for months_back in range(2):  # this month, else the previous one
        month_start = today.replace(day=1) - relativedelta(months=months_back)
        try:
            candidate = month_start.replace(day=day)
        except ValueError:
            continue
        if candidate <= today:
            return candidate
    return None


def read_date(text: str) -> date | None:
    """parse_date on the whole message, then on each "<day> de <month>" in it
    (parse_date stops at the first number, e.g. "uma carta a 22 de dezembro"),
    then a bare "no dia 3" (this month's, or last month's if still to come)."""
    today = today_lisbon()
    found = parse_date(text, today)
    for match in _DAY_MONTH.finditer(text):
        if found is not None:
            break
        found = parse_date(match.group(0), today)
    if found is None and (bare := _DAY_ONLY.search(text)):
        found = _last_day_numbered(int(bare.group(1)), today)
    return found


def _reads_from_message(tracker: Tracker) -> bool:
    # The first message ("recebi uma carta a 22 de dezembro a pedir documentos")
    # has intent ask_deadline and is read whole, also when another form's question
    # was pending; later ones must be answers.
    return starting(tracker, FORM, SLOTS) or is_answer(tracker)


def asks_a_dated_deadline(text: str) -> bool:
    """"recebi uma carta registada a dizer que vão indeferir, o carimbo diz 20/11/2026,
    até que dia posso responder?": the deadline, the day it starts and «até quando» in
    one message are a count for the calculator, whichever FAQ or answer it resembles."""
    kind = parse_deadline_kind(text)
    if kind is None or not (asks_deadline(text) or asks_when_it_starts(text)):
        return False
    # a count in months needs only the month ("atribuído em março de 2026")
    return read_date(text) is not None or (not region_matters(kind) and parse_month_year(text) is not None)


def _start_date(text: str) -> str | None:
    start = read_date(text)
    return start.isoformat() if start else None


# How each fact is read from a message.
READERS: dict[str, Callable[[str], str | None]] = {
    "deadline_kind": parse_deadline_kind,
    "deadline_start": _start_date,
    "region": parse_region,
}

# The start-date question of each kind (action_ask_deadline_start): the day the count
# starts from is not the same event for every deadline. Kinds not listed get the
# general question, utter_ask_deadline_start.
START_QUESTIONS: dict[str, str] = {
    "missing_documents": "utter_ask_deadline_start_documents",
    "interview_justification": "utter_ask_deadline_start_interview",
    "renewal_start": "utter_ask_deadline_start_renewal",
    "certificate": "utter_ask_deadline_start_certificate",
    "certificate_electronic": "utter_ask_deadline_start_certificate",
    "prior_hearing": "utter_ask_deadline_start_hearing",
    "complaint": "utter_ask_deadline_start_decision",
    "hierarchical_appeal": "utter_ask_deadline_start_decision",
    "report_changes": "utter_ask_deadline_start_change",
    "insertion_contract": "utter_ask_deadline_start_contract",
    LETTER_KIND: "utter_ask_deadline_start_letter",
}
GENERAL_START_QUESTION = "utter_ask_deadline_start"

# Kinds counted from a notification that may come by registered letter: for them a
# posting date ("registada a 3 de março") is taken as such (CPA art. 113.º).
# The registered_letter kind itself always starts from the posting date.
NOTIFIED_KINDS = frozenset(
    {"missing_documents", "prior_hearing", "complaint", "hierarchical_appeal", "insertion_contract"}
)

# The date given is the day a registered letter was posted: words about the registration
# itself ("a data do registo é…", "foi registada a…", "o carimbo do registo diz…"). A posting
# date read as the day of receipt gives an earlier end, which is safe; the reverse is not,
# so only words naming the registration count, and "registada a 3" only when nothing
# says "recebi"/"chegou" (then the date is most likely the day it came).
_POSTED_CLEAR = re.compile(
    r"\bdata d[oe] registo\b|\bregisto (?:e|foi|diz|tem|foi feito)\b|\bfoi registada\b|\bregistaram(?:-na)?\b"
    r"|\bcarimbo d[oe] registo\b|\bfoi (?:enviada|expedida|mandada) (?:por carta |por correio )?registad[ao]\b"
)
_POSTED_SHORT = re.compile(r"\bregistada (?:(?:a|em|no dia|dia|no)\s+\d|ontem|hoje|anteontem)")
_RECEIVED = re.compile(r"\b(?:recebi|recebemos|recebeu|chegou|chegaram|entregaram|foi entregue)\b")


# The postmark of a letter said to be registered: «recebi uma carta registada…, no carimbo
# diz 20/11». A postmark alone may be an ordinary letter's (no presumed receipt).
_POSTMARK = re.compile(r"\bcarimbo\b")
_REGISTERED_LETTER = re.compile(r"\b(?:carta|aviso|notificacao) registad[ao]\b|\bregisto\b|\bcorreio registado\b")


def says_posted(text: str) -> bool:
    """True when the date in ``text`` is the day a registered letter was posted
    ("registada a 3 de março", "a data do registo é 2/3", the postmark of a registered
    letter), not the day it came."""
    norm = normalise(text)
    if _POSTED_CLEAR.search(norm) or (_POSTMARK.search(norm) and _REGISTERED_LETTER.search(norm)):
        return True
    return bool(_POSTED_SHORT.search(norm)) and not _RECEIVED.search(norm)


def region_matters(kind: str | None) -> bool:
    """Whether the region changes the end of a ``kind`` deadline: a count in days (the
    regions' longer periods and their holidays), not one in months (the renewal starts
    in a month, wherever the person lives). Unknown kinds: asked, to be safe."""
    if not kind or kind == LETTER_KIND:
        return True
    try:
        rule = parameters.get(f"deadline.{kind}", today_lisbon())
    except (KeyError, LookupError, InputError):
        return True
    return rule.value.get("unit") != "months"


REPROMPTS = {
    "deadline_kind": "Não percebi de que prazo se trata. Escolha uma das opções, por exemplo «documentos em falta».",
    "deadline_start": "Não percebi a data. Diga, por exemplo, «22 de dezembro», «22/12/2026» ou «ontem».",
    "region": "Não percebi. Diga «continente», «Açores» ou «Madeira».",
}


class ValidateDeadlineForm(RetryingFormValidation):
    """Every answer is read for all three facts: dates, regions and deadline
    names are distinctive enough that a message can fill several at once.
    Three short questions: a failed answer gets the same short re-prompt each time."""

    SLOTS = SLOTS
    HELP = {slot: (text, text) for slot, text in REPROMPTS.items()}
    COUNT_FAILURES = False

    def name(self) -> str:
        return "validate_deadline_form"

    def questions(self, tracker: Tracker) -> list[str]:
        if not region_matters(tracker.get_slot("deadline_kind")):
            return [slot for slot in SLOTS if slot != "region"]
        return list(SLOTS)

    def extract_answer(
        self, slot: str, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        text = latest_text(tracker)
        answering = tracker.get_slot("requested_slot") == slot
        # Answers first: a readable answer to the question asked counts
        # whatever the classifier thought ("é para justificar a falta").
        if not answering and not _reads_from_message(tracker):
            return {}
        value = READERS[slot](text) if not text.startswith("/") else None
        if slot == "deadline_start" and value is None and not text.startswith("/") \
                and not region_matters(tracker.get_slot("deadline_kind") or parse_deadline_kind(text)):
            # a count in months needs only the month: "recebo desde março de 2026"
            month = parse_month_year(text)
            value = month.isoformat() if month else None
        if answering and value is None and not _reads_from_message(tracker):
            return {}
        if slot == "deadline_kind" and value == LETTER_KIND and not answering \
                and tracker.get_slot(slot) not in (None, LETTER_KIND):
            # "a carta registada é de 3 de março" answers when the complaint starts:
            # the letter brought the deadline already named, it is not a new question.
            return {}
        if value is not None:
            return {slot: value}
        # Nothing readable in an answer to this very question: ask again.
        return {slot: None} if tracker.get_slot("requested_slot") == slot else {}

    def check_answer(
        self, slot: str, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        """A date is recorded with whether it is the posting day of a registered letter."""
        checked = super().check_answer(slot, value, dispatcher, tracker, domain)
        if slot == "deadline_start" and checked.get(slot) is not None:
            checked[POSTED_SLOT] = says_posted(latest_text(tracker))
        return checked


class ActionAskDeadlineStart(Action):
    """The start-date question in the words of the deadline asked about: the day the
    letter was posted, the day of the change, the day the decision arrived…"""

    def name(self) -> str:
        return "action_ask_deadline_start"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> EventList:
        dispatcher.utter_message(response=start_question(tracker.get_slot("deadline_kind")))
        return []


def start_question(kind: str | None) -> str:
    """The response that asks when ``kind``'s count starts."""
    return START_QUESTIONS.get(kind or "", GENERAL_START_QUESTION)


class ActionComputeDeadline(SafeAction):
    def name(self) -> str:
        return "action_compute_deadline"

    def act(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> EventList:
        kind = tracker.get_slot("deadline_kind")
        start = date.fromisoformat(tracker.get_slot("deadline_start"))
        region = conversation_region(tracker)
        posted = bool(tracker.get_slot(POSTED_SLOT)) and kind in NOTIFIED_KINDS
        try:
            result = deadline(kind, start, region, letter_posted=posted)
        except InputError:
            # A date before the rules we know (e.g. a typo in the year).
            dispatcher.utter_message(
                text="Não consigo contar prazos a partir dessa data. Confirme a data, por favor."
            )
            return [SlotSet("deadline_start", None), SlotSet(POSTED_SLOT, None)]
        utter_all(dispatcher, deadline_messages(result, today_lisbon(), is_front_desk(tracker)))
        # The region stays known; the next deadline question starts afresh.
        return [SlotSet("deadline_kind", None), SlotSet("deadline_start", None), SlotSet(POSTED_SLOT, None)]


def deadline_messages(result: Any, today: date, front_desk: bool = False) -> list[str]:
    """The end date, how it was counted and its legal basis; at the counter
    (``front_desk``) also the counting rule and every day counted or skipped."""
    end = result.end
    counted = result.unit == "working_days"
    if result.unit == "months":
        headline = f"{result.label}: a partir de {date_long(end)}."
    elif result.kind == LETTER_KIND:
        headline = (
            f"Uma carta registada a {date_long(result.start)} presume-se recebida {on_day(end)}. "
            "Os prazos que a carta marca contam a partir do dia seguinte."
        )
    else:
        received = (f" (o dia em que a carta registada a {date_long(result.posted)} se presume recebida)"
                    if result.posted else "")
        holidays_said = f"feriados{' (incluindo os regionais)' if result.region != Region.CONTINENTE else ''}"
        how = (
            f"São {result.amount} dias úteis contados a partir de {date_long(result.start)}{received}, "
            f"sem contar esse dia, os fins de semana e os {holidays_said}."
            if counted else
            f"São {result.amount} dias seguidos contados a partir de {date_long(result.start)}{received}, "
            f"sem contar esse dia; se o último calhar num fim de semana ou num dos {holidays_said}, "
            "passa para o dia útil seguinte."
        )
        headline = f"{result.label}: o prazo termina {on_day(end)}. {how}"
    messages = [headline]
    if result.unit in ("working_days", "days") and result.kind != LETTER_KIND and end < today:
        messages.append(
            "Atenção: essa data já passou. Fale quanto antes com os serviços da Segurança Social "
            "e explique o que aconteceu."
        )
    messages.append(f"Como contei:\n{bullets(result.trace)}")
    if front_desk and counted:
        messages.append(f"Contagem dia a dia:\n{bullets(counting_detail(result))}")
    messages.append(f"Base legal: {result.legal_basis}. Região: {REGION_LABELS[result.region]}.")
    if front_desk and result.status == "unverified":
        # Staff cite the law to people: tell them which figures still need checking.
        messages.append(UNVERIFIED_NOTE)
    messages.extend(result.notices)
    return messages


UNVERIFIED_NOTE = (
    "Nota para o atendimento: este prazo só foi confirmado em fontes secundárias; "
    "confirme o artigo antes de o citar como lei."
)


# Where the national holidays skipped in the count are set (DESIGN.md, counting):
# a citation shown to staff, not a figure used in the count.
NATIONAL_HOLIDAYS_BASIS = "Código do Trabalho, art. 234.º"


def counting_days(result: Any) -> tuple[list[str], list[str]]:
    """Every day from the day after the start to the end of a working-day deadline:
    the ones counted ("1.º 23/12/2026") and the ones skipped, each with the reason."""
    counted: list[str] = []
    skipped: list[str] = []
    day = result.start
    while day < result.end:
        day += timedelta(days=1)
        if is_working_day(day, result.region):
            counted.append(f"{len(counted) + 1}.º {date_short(day)}")
            continue
        holiday = holiday_name(day, result.region)
        if holiday is None:
            skipped.append(f"{date_short(day)} ({weekday(day)})")
        elif holiday_name(day, Region.CONTINENTE.value) is not None:
            skipped.append(f"{date_short(day)} ({holiday}, feriado nacional: {NATIONAL_HOLIDAYS_BASIS})")
        else:
            skipped.append(f"{date_short(day)} ({holiday}, feriado regional: {REGION_LABELS[result.region]})")
    return counted, skipped


def counting_detail(result: Any) -> list[str]:
    """The counting rule and the day-by-day count of a working-day deadline."""
    counting = parameters.latest("counting.rules")
    counted, skipped = counting_days(result)
    return [
        f"Regra de contagem: {counting.value} ({counting.legal_basis}).",
        f"Dias úteis contados ({len(counted)}): {', '.join(counted)}.",
        f"Dias não contados ({len(skipped)}): {'; '.join(skipped) if skipped else 'nenhum'}.",
    ]
