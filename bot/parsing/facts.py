"""Every fact a citizen states in one message, typed, with where it came from.

``read_facts(text, asking=None, on=None)`` reads a pt-PT message (typed or
transcribed from speech: no punctuation, numbers in words, no accents) and
returns ``Facts``: a tuple of ``Fact(slot, value, span, note)`` where

- ``slot`` is the eligibility question the fact answers (the slot names of
  the eligibility form): ``adults`` (people aged 18+, the speaker included),
  ``minors``, ``household_size`` (a head count with no split, "somos 4"),
  ``applicant_age``, ``is_adult``, ``legal_residence_years`` (Decimal; months
  / 12 to the cent), ``employment_income`` / ``other_income`` (Decimal, per
  month, net of the worker's contribution), ``assets`` (Decimal),
  ``nationality`` ("pt", "eu", "other"), ``refugee`` (bool), ``region``
  ("continente", "acores", "madeira"), ``age_exception`` ("pregnant",
  "union", "dependents", "none") and ``employment_centre_registered`` (True,
  False, a ``WorkSituation`` value such as "working" or "carer", "exempt_by_age"
  or "not_applicable");
- ``span`` is ``(start, end)`` in the original text;
- ``note`` says in pt-PT how a value was worked out when it is not literal
  ("salário mínimo de 2026: 920,00 € brutos", "1 000,00 € brutos menos 11 %",
  "12 000,00 € por ano ÷ 12", "400,00 € + 550,00 €").

``asking`` is the question being asked (a slot name). It lets a bare answer
count: "2" answers ``adults``, "nenhum" answers ``minors`` (0), "nada",
"ninguém cá em casa trabalha" or "estou desempregada" answer
``employment_income`` (0), "mais nada", "é só isso", "nenhuns", "zero"
answer ``other_income`` (0), "17" answers ``is_adult`` (age 17). Without
``asking`` (the opening message) only facts stated explicitly are read.

Never read as people: ages ("tenho 17 anos", "a minha filha de 20 anos" is
one adult), durations ("há 3 anos em Portugal" is residence time),
amounts, dates, years. Several amounts of one kind are added ("eu ganho 400
e o meu marido 550" -> 950). Periods are turned into months (a year ÷ 12,
a week × 52 ÷ 12). Gross wages lose the worker's contribution. "Salário
mínimo" comes from the dated parameter ``minimum_wage``.

``Facts.unsure`` is True when the message says the person does not know
("não sei", "sei lá", "não faço ideia") and gives no value for ``asking``.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from bot.fact_labels import EXEMPT_BY_AGE
from bot.format import money
from bot.parsing import people
from bot.parsing.answers import UNSURE, parse_yes_no
from bot.parsing.dates import MONTH_ABBREVIATIONS, MONTHS
from bot.parsing.money import CENT, to_decimal
from bot.parsing.numbers import Digitised, fold
from bot.parsing.people import parse_nationality, parse_region
from bot.rules import parameters
from bot.rules.eligibility import age_exempts_from_registration
from bot.rules.model import WorkSituation

__all__ = ["Fact", "Facts", "read_facts"]

MONEY_SLOTS = ("employment_income", "other_income", "assets")


@dataclass(frozen=True)
class Fact:
    slot: str
    value: Any
    span: tuple[int, int]
    note: str | None = None


@dataclass(frozen=True)
class Facts:
    items: tuple[Fact, ...] = ()
    unsure: bool = False

    def __iter__(self) -> Iterator[Fact]:
        return iter(self.items)

    def __len__(self) -> int:
        return len(self.items)

    def get(self, slot: str) -> Any:
        for fact in self.items:
            if fact.slot == slot:
                return fact.value
        return None

    def fact(self, slot: str) -> Fact | None:
        return next((f for f in self.items if f.slot == slot), None)

    def slots(self) -> set[str]:
        return {f.slot for f in self.items}

    def notes(self) -> list[str]:
        return [f.note for f in self.items if f.note]


@dataclass
class _Message:
    """The digitised text being read; spans already used are blanked out so
    that one number is read once (an age is never also a head count)."""

    source: Digitised
    asking: str | None
    on: date
    text: str = ""
    facts: list[Fact] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.text = self.source.text

    def use(self, start: int, end: int) -> None:
        self.text = self.text[:start] + " " * (end - start) + self.text[end:]

    def add(self, slot: str, value: Any, start: int, end: int, note: str | None = None) -> None:
        if any(f.slot == slot for f in self.facts):
            return
        self.facts.append(Fact(slot, value, self.source.span(start, end), note))

    def has(self, slot: str) -> bool:
        return any(f.slot == slot for f in self.facts)


def read_facts(text: str | None, asking: str | None = None, on: date | None = None) -> Facts:
    """All the facts in ``text`` (see the module docstring)."""
    if not text or not text.strip():
        return Facts()
    msg = _Message(Digitised(text), asking, on or date.today())
    _skip_corrected_part(msg)
    _read_other_ages(msg)  # before durations: "requerente 58 anos" is an age
    _read_residence_time(msg)
    _read_ages(msg)
    _skip_dates(msg)
    _read_money(msg)
    _read_people(msg)
    _read_status(msg)
    _read_bare_answer(msg)
    unsure = not (asking and msg.has(asking)) and _says_unsure(msg.text)
    if unsure and asking and asking in (f.slot for f in msg.facts):
        unsure = False
    return Facts(tuple(msg.facts), unsure)


# Facts that describe a case to estimate, and those that say who lives in the home.
PEOPLE_SLOTS = frozenset({"adults", "minors", "household_size"})
CASE_SLOTS = PEOPLE_SLOTS | {"employment_income", "other_income", "nationality", "legal_residence_years",
                             "refugee", "applicant_age"}


def is_a_case(slots: frozenset[str] | set[str]) -> bool:
    """Facts that make a case: who lives in the home, or two facts of a case."""
    case = set(slots) & CASE_SLOTS
    return bool(case & PEOPLE_SLOTS) or len(case) >= 2


def describes_a_case(text: str | None, on: date | None = None) -> bool:
    """"o meu marido foi embora e agora somos só eu e os meus 2 filhos": a case said
    without being asked."""
    return is_a_case(read_facts(text, on=on).slots())


# ---------------------------------------------------------------- corrections

_CORRECTION = re.compile(
    r"\b(?:enganei-me|enganei me|me enganei|engano meu|quer dizer|quero dizer|alias|corrijo|"
    r"corrigindo|ou melhor|desculpe|desculpa|ah nao|melhor dizendo|espera)\b"
)


def _skip_corrected_part(msg: _Message) -> None:
    """"são 2 filhos, enganei-me, 3": only what follows the correction counts."""
    matches = list(_CORRECTION.finditer(msg.text))
    last = matches[-1] if matches else None
    if last is not None and msg.text[last.end():].strip(" ,.;:!-"):
        msg.use(0, last.end())


# ---------------------------------------------------------------- residence and ages

_RESIDENCE_CUE = re.compile(
    r"\b(?:portugal|pais|ca|aqui|residencia|residente|autorizacao|titulo|visto|cheguei|"
    r"chegamos|vim|viemos|imigr\w*|legal)\b"
)
_DURATION = re.compile(
    r"\b(?:ha|a|faz|fazem|desde ha|mais de|quase|uns|umas|cerca de)?\s*(\d+(?:[.,]5)?)\s*"
    r"(anos?|mes(?:es)?|semanas?|dias?)\b"
)
_SINCE_YEAR = re.compile(r"\b(?:desde|em|no ano de|a partir de)\s+(?:\w+\s+de\s+)?((?:19|20)\d\d)\b")
_SINCE_MONTH = re.compile(r"\bdesde (?:o mes de |o inicio de |o fim de )?(" + "|".join(MONTHS) + r")\b"
                          r"(?:\s+(deste ano|do ano passado))?(?!\s+(?:de\s+)?\d)")
_LESS_THAN_A_YEAR = re.compile(r"\bmenos de (?:1|um) ano\b")


_CLAUSE_ENDS = (",", ".", ";", "!", "?", " mas ")


def _clause_start(text: str, pos: int, separators: tuple[str, ...] = _CLAUSE_ENDS) -> int:
    left = max(text.rfind(sep, 0, pos) for sep in separators)
    return left + 1 if left >= 0 else 0


def _clause_around(text: str, start: int, end: int) -> str:
    rights = [i for i in (text.find(sep, end) for sep in _CLAUSE_ENDS) if i >= 0]
    return text[_clause_start(text, start): min(rights) if rights else len(text)]


def _read_residence_time(msg: _Message) -> None:
    text = msg.text
    asking_residence = msg.asking == "legal_residence_years"
    for m in _SINCE_YEAR.finditer(text):
        year = int(m.group(1))
        if asking_residence or _RESIDENCE_CUE.search(_clause_around(text, m.start(), m.end())):
            if year <= msg.on.year:
                msg.add("legal_residence_years", Decimal(msg.on.year - year), m.start(1), m.end(1))
        msg.use(m.start(1), m.end(1))  # a year is never a count or an amount
    for m in _SINCE_MONTH.finditer(msg.text):
        # "autorização de residência desde março deste ano": the months since then
        year = msg.on.year - (1 if m.group(2) == "do ano passado" else 0)
        month = MONTHS[m.group(1)]
        if m.group(2) is None and month > msg.on.month:
            year -= 1  # "desde outubro" said in March: last October
        months = (msg.on.year - year) * 12 + msg.on.month - month
        if months >= 0 and (asking_residence or _RESIDENCE_CUE.search(_clause_around(msg.text, m.start(), m.end()))):
            msg.add("legal_residence_years", (Decimal(months) / 12).quantize(CENT, rounding=ROUND_HALF_UP),
                    m.start(), m.end(), f"{months} meses desde {m.group(1)}")
            msg.use(m.start(), m.end())
    text = msg.text
    less = _LESS_THAN_A_YEAR.search(text)
    if less and (asking_residence or _RESIDENCE_CUE.search(_clause_around(text, less.start(), less.end()))):
        msg.add("legal_residence_years", Decimal("0.5"), less.start(), less.end(),
                "menos de um ano: considerei meio ano")
        msg.use(less.start(), less.end())
    for m in re.finditer(r"\b(\d+) anos? e (?:(meio)|(\d+) mes(?:es)?)\b", msg.text):
        clause = _clause_around(msg.text, m.start(), m.end())
        if asking_residence or _RESIDENCE_CUE.search(clause):
            extra = Decimal("0.5") if m.group(2) else (Decimal(m.group(3)) / 12)
            msg.add("legal_residence_years", (Decimal(m.group(1)) + extra).quantize(CENT, rounding=ROUND_HALF_UP),
                    m.start(), m.end())
            msg.use(m.start(), m.end())
    for m in _DURATION.finditer(msg.text):
        before = msg.text[max(0, m.start(1) - 14): m.start(1)]
        is_age = re.search(r"\b(?:tenho|tem|temos|fiz|faz anos|com|de|idade)\s*$", before) and \
            not re.search(r"\b(?:ha|a|faz)\s*$", before)
        if is_age and m.group(2).startswith("ano"):
            continue  # an age: _read_ages
        clause = _clause_around(msg.text, m.start(), m.end())
        if asking_residence or _RESIDENCE_CUE.search(clause):
            amount = Decimal(m.group(1).replace(",", "."))
            unit = m.group(2)
            if unit.startswith("mes"):
                amount = (amount / 12).quantize(CENT, rounding=ROUND_HALF_UP)
            elif unit.startswith(("semana", "dia")):
                amount = Decimal("0.0") if amount == 0 else (amount / (52 if unit[0] == "s" else 365)).quantize(CENT)
            msg.add("legal_residence_years", amount, m.start(1), m.end(2))
        msg.use(m.start(1), m.end(2))


_AGE_SELF = re.compile(
    r"\b(?:(?:eu )?tenho|fiz|faco|fazia|com|idade(?: de)?:?|sou (?:uma?\s+)?(?:jovem|rapaz|rapariga|menina|menino)?\s*de)"
    r"\s+(\d{1,3})(?:\s*anos?)?(?:\s*de idade)?\b"
)
# Words about someone else, which no age after them can belong to the speaker.
_NOT_ABOUT_ME = (r"(?:(?!\b(?:filh|net|marido|mulher|esposa|esposo|companheir|mae|pai|irma|entead|sogr|avo|"
                 r"crianc|menor|pessoa|miud|bebe)).)*")
_SELF_BEFORE_AGE = re.compile(
    r"^" + _NOT_ABOUT_ME + r"\b(?:sozinh\w*|eu|sou|estou|vivo|moro|viuv\w*|reformad\w*|divorciad\w*|"
    r"separad\w*|solteir\w*|senhora|senhor)\b" + _NOT_ABOUT_ME + r"$"
)


def _clause_before(text: str, end: int) -> str:
    """The words of the clause (or the part after an «e») before ``end``."""
    return text[_clause_start(text, end, _CLAUSE_ENDS + (" e ",)): end]


_AGE_WORDS = re.compile(r"\b(\d{1,3})\s*anos?\b")


# The applicant in the third person, as the front desk writes: "requerente 58 anos",
# "jovem de 17 anos grávida, é ela a requerente".
_APPLICANT_AGE = re.compile(
    r"\b(?:requerente|utente)\s*(?:tem|com|de|,|:)?\s*(\d{1,3})\s*anos?\b"
    r"|^\W*(?:(?:a|o|uma|um)\s+)?(?:jovem|senhora|senhor|rapariga|rapaz|mulher|homem)\s+(?:de|com)\s+(\d{1,3})\s*anos?\b"
)
# "ele tem 68 e eu 66", "ele 45 ela 42": ages, never amounts; the one after "eu" is the speaker's
_PAIR_AGES = re.compile(
    r"\b(?:ele|ela)\s+(?:tem\s+)?(\d{1,3})(?:\s*anos)?\s*(?:,|e)?\s*(?:(eu)|ele|ela)\s+(?:tenho\s+|tem\s+)?"
    r"(\d{1,3})(?:\s*anos)?\b(?!\s*(?:€|euros?))"
)
_BRACKET_AGE = re.compile(r"\(\s*(?:com\s+|tem\s+)?\d{1,3}\s*anos?\s*\)")
# A couple described by someone else (the counter staff): "casal …" or "avós com um neto…", "ela é doméstica e tem
# 56 anos". Whichever of the two applies, the one whose age is said is of age; and
# grandparents raising their grandchildren are adults.
_GRANDPARENTS_FIRST = r"^\W*(?:os |uns |dois )?avos\b"
_COUPLE = re.compile(r"\bcasal\b|" + _GRANDPARENTS_FIRST)

_THIRD_PERSON_AGE = re.compile(r"\b(?:ele|ela)\s+(?:[^\s,.;]+\s+){0,4}?(?:tem|com)\s+(\d{1,3})\s*anos\b")
_GRANDPARENTS = re.compile(_GRANDPARENTS_FIRST + r"|\b(?:casal de avos|somos (?:os )?avos|sou (?:a |o )?avo|(?:eu )?avo d[oa]s? (?:meus |minhas )?net)")


def _read_other_ages(msg: _Message) -> None:
    for m in _PAIR_AGES.finditer(msg.text):
        if m.group(2) and 0 < int(m.group(3)) < 120:
            age = int(m.group(3))
            msg.add("applicant_age", age, m.start(3), m.end(3))
            msg.add("is_adult", age >= people.ADULT_AGE, m.start(3), m.end(3))
        elif min(int(m.group(1)), int(m.group(3))) >= people.ADULT_AGE:
            # "casal, ele 45 ela 42": whichever of them applies is of age
            msg.add("is_adult", True, m.start(1), m.end(3))
        msg.use(m.start(1), m.end(1))
        msg.use(m.start(3), m.end(3))
    for m in _BRACKET_AGE.finditer(msg.text):
        msg.use(m.start(), m.end())
    if _COUPLE.search(msg.text) and not msg.has("is_adult"):
        ages = [(m, int(m.group(1))) for m in _THIRD_PERSON_AGE.finditer(msg.text)]
        if ages and all(people.ADULT_AGE <= age < 120 for _, age in ages):
            msg.add("is_adult", True, ages[0][0].start(1), ages[-1][0].end(1))
            for m, _ in ages:
                msg.use(m.start(1), m.end(0))
    grandparents = _GRANDPARENTS.search(msg.text)
    if grandparents and not msg.has("is_adult"):
        msg.add("is_adult", True, grandparents.start(), grandparents.end())
    m = _APPLICANT_AGE.search(msg.text)
    if m:
        group = 1 if m.group(1) else 2
        age = int(m.group(group))
        if 0 < age < 120:
            msg.add("applicant_age", age, m.start(group), m.end(group))
            msg.add("is_adult", age >= people.ADULT_AGE, m.start(group), m.end(group))
            msg.use(m.start(group), m.end(0))


def _read_ages(msg: _Message) -> None:
    """The speaker's age; other people's ages are read with the household."""
    text = msg.text
    for m in _AGE_SELF.finditer(text):
        has_years = "ano" in m.group(0)
        # "tenho 2 filhos" is not an age: a bare number needs "anos" unless asked.
        if not has_years and msg.asking not in ("is_adult", "applicant_age"):
            continue
        tail = text[m.end(): m.end() + 15]
        if re.match(r"\s*(?:de )?(?:filh|crianc|menor|pesso|adult|net|mes|dia)", tail):
            continue
        # "o meu filho tem 19 anos" is about the son
        head = text[max(0, m.start() - 25): m.start()]
        if re.search(r"\b(?:filh\w*|net\w*|marido|mulher|esposa|esposo|companheir\w*|mae|pai|irma\w*|"
                     r"entead\w*|sogr\w*|avo)\s*(?:que\s*)?$", head) or m.group(0).startswith("de"):
            continue
        # "com 70 anos" is the speaker's age only after words about the speaker
        # ("vivo sozinha com 70 anos", "eu com 67 anos"), never after someone else.
        if m.group(0).startswith("com") and not _SELF_BEFORE_AGE.search(_clause_before(text, m.start())):
            continue
        age = int(m.group(1))
        if 0 < age < 120:
            msg.add("applicant_age", age, m.start(1), m.end(1))
            msg.add("is_adult", age >= people.ADULT_AGE, m.start(1), m.end(1))
            msg.use(m.start(1), m.end(0))
        break
    said = re.search(r"\b(nao )?sou (maior|menor)\b", msg.text)
    if said:
        # "sou maior de idade", "não sou menor": the "não" turns the answer round
        adult = (said.group(2) == "maior") != bool(said.group(1))
        msg.add("is_adult", adult, said.start(2), said.end(2))


# Words of the other questions: "não somos refugiados" said to the age question
# answers something else, and its "não" must not be taken for "under 18".
_OTHER_QUESTIONS = re.compile(
    r"\b(?:refugiad\w*|asilo|nacionalidade|portugues\w*|brasileir\w*|filh\w*|crianc\w*|trabalh\w*|"
    r"desempregad\w*|iefp|centro de emprego|inscrit\w*|salario|ordenado|pensao|reforma|abono|"
    r"rendimento\w*|dinheiro|banco|poupanc\w*|renda)\b")
_ABOUT_AGE = re.compile(r"\b(?:anos|idade|maior|menor|adult[oa])\b|\d")


def not_about_age(text: str) -> bool:
    """Whether a (normalised) reply to the age question is about another question."""
    return bool(_OTHER_QUESTIONS.search(text)) and not _ABOUT_AGE.search(text)


# ---------------------------------------------------------------- dates

_MONTH = r"(?:" + "|".join((*MONTHS, *MONTH_ABBREVIATIONS)) + r")\.?"
_DATE = re.compile(
    r"\b\d{1,2}\s*(?:de\s+)?" + _MONTH + r"(?:\s*(?:de\s+)?\d{4})?(?!\w)"
    r"|\b" + _MONTH + r"\s+(?:de\s+)?\d{4}\b"
    r"|\b(?:no |o |ao |ate ao |a partir do )?dia \d{1,2}\b(?!\s*(?:€|eur\b|euros?\b))"
    # a year: "em 2025", "desde 2019" (not "uma poupança de 2000", which is money)
    r"|\b(?:em|desde|ate ao ano de|no ano de|o ano de|ano)\s+(?:19|20)\d{2}\b(?!\s*(?:€|eur\b|euros?\b|mil\b))"
)


def _skip_dates(msg: _Message) -> None:
    """"o meu subsídio acaba a 20 de dezembro de 2026": days and years are no amounts."""
    for m in _DATE.finditer(msg.text):
        msg.use(m.start(), m.end())


# ---------------------------------------------------------------- money

_EMPLOYMENT_CUE = re.compile(
    r"\b(?:ganh\w*|salario\w*|ordenado\w*|vencimento\w*|trabalh\w*|limpos?|liquidos?|brutos?|iliquidos?|"
    r"empregad\w*|patrao|contrato|part[- ]?time|meio tempo)\b"
)
_OTHER_CUE = re.compile(
    r"\b(?:pens\w*|reforma\w*|subsidio\w*|abono\w*|alimentos|renda\w*|bolsa\w*|prestac\w*|rsi|"
    r"recibos? verdes?|conta propria|independente|biscates?|invalidez|velhice|viuvez|sobrevivencia|"
    r"desemprego|doenca|baixa)\b"
)
_ASSET_CUE = re.compile(
    r"\b(?:banco|bancos|poupanc\w*|conta|contas|deposit\w*|acoes|fundos?|guardad\w*|amealhad\w*|a prazo|"
    r"de lado|aforro|ppr|aplicac\w*|economias)\b"
)
# Family allowance and school grants: said, but not counted (see EXCLUDED_NOTE).
_FAMILY_CUE = r"abonos?|bolsas? de estudo|prestac\w* familiar\w*|encargos familiares"
# Disability and dependency benefits of the family-protection subsystem are not counted
# either (Decreto-Lei n.º 70/2010, art. 11.º; parameter income.excluded.disability_benefits):
# the prestação social para a inclusão (PSI), the bonificação por deficiência, the
# subsídio por assistência de terceira pessoa, the subsídio de educação especial and
# the complemento por dependência. A «pensão de invalidez» is a pension: it counts.
_DISABILITY_CUE = (
    r"psi|prest\w* soc\w* (?:para |de |da )?(?:a )?inclus\w*|prest\w* (?:de |da |para a )?inclus\w*|"
    r"bonifica\w* (?:por |de )?deficien\w*|subsidios? (?:por |de |da )?deficien\w*|"
    r"(?:subsidio|prestac\w*) (?:por |de )?(?:assistencia (?:de |por )?)?(?:3|terceira) pessoa|"
    r"subsidio (?:de |da )?educacao especial|complemento (?:por |de )?dependencia"
)
_DISABILITY = re.compile(r"\b(?:" + _DISABILITY_CUE + r")\b")
_FAMILY = re.compile(r"\b(?:" + _FAMILY_CUE + r")\b")
_EXCLUDED_CUE = re.compile(r"\b(?:" + _FAMILY_CUE + "|" + _DISABILITY_CUE + r")\b")
EXCLUDED = "excluded"
EXCLUDED_NOTE = ("o abono de família e as bolsas de estudo, em regra, não contam como rendimento para o RSI "
                 "(confirme com a Segurança Social)")
DISABILITY_NOTE = ("as prestações por deficiência ou dependência (como a prestação social para a inclusão) "
                   "não contam como rendimento para o RSI (confirme com a Segurança Social)")


def _excluded_note(text: str) -> str:
    """Which exclusion the message named: the disability benefits, the family ones, or both."""
    disability = bool(_DISABILITY.search(text))
    family = bool(_FAMILY.search(text))
    if disability and family:
        return f"{EXCLUDED_NOTE}; {DISABILITY_NOTE}"
    return DISABILITY_NOTE if disability else EXCLUDED_NOTE
_CUES = (("assets", _ASSET_CUE), (EXCLUDED, _EXCLUDED_CUE), ("other_income", _OTHER_CUE),
         ("employment_income", _EMPLOYMENT_CUE))
_AMOUNT = re.compile(
    r"(?<![\d.,/])(\d{1,3}(?:[.\s](?:\d{3}))+(?:,\d{1,2})?|\d+(?:[.,]\d{1,2})?|\d+)(?![\d/])"
    r"(\s*(?:mil|milhao|milhoes)\b)?"
)
_CURRENCY_AFTER = re.compile(r"\s*(?:€|eur\b|euros?\b|e\s*\d{1,2}\s*(?:centimos|cent)\b)")
_PEOPLE_AFTER = re.compile(
    r"\s*(?:\w+\s+)?(?:filh|crianc|menor|miud|pesso|adult|net|bebe|enteado|dependent|"
    r"meninos|meninas|putos|irma|irmao|h\b|horas|vezes|dias? por)"
)
_PERIOD = (
    (re.compile(r"^\s*(?:€|euros?)?\s*(?:por|ao|num|cada|/)\s*(?:ano|anual)|^\s*(?:€|euros?)?\s*anua(?:l|is)"), "ano"),
    (re.compile(r"^\s*(?:€|euros?)?\s*(?:por|a|à|cada|/)\s*semana|^\s*(?:€|euros?)?\s*semana(?:l|is)"), "semana"),
)
_PER_DAY = re.compile(r"^\s*(?:€|euros?)?\s*(?:por|ao|a|à|cada|/)\s*(?:dia|hora|h)\b|^\s*(?:€|euros?)?\s*(?:diarios|a hora)\b")
_GROSS = re.compile(r"^\s*(?:€|euros?)?\s*(?:brutos?|iliquidos?|antes dos descontos|sem descontos)")
_NET = re.compile(r"^\s*(?:€|euros?)?\s*(?:limpos?|liquidos?|depois dos descontos)")
_MINIMUM_WAGE = re.compile(
    r"\b(?:o |um |uns |dois |2 )?(?:salario|ordenado|vencimento)s? minimos?(?: nacional| nacionais)?\b"
)
_BOTH = re.compile(r"\b(?:os dois|as duas|ambos|ambas|cada um|cada uma|2)\b")


# "anda na faculdade e tem uma bolsa": a study grant, which does not count
_STUDY = re.compile(r"\b(?:estud\w*|faculdade|universidade|escola|curso|licenciatura|mestrado|propinas?)\b")


def _grant_of_study(slot: str, cue: re.Match[str], text: str) -> str:
    if slot == "other_income" and cue.group(0).startswith("bolsa") and _STUDY.search(text):
        return EXCLUDED
    return slot


def _money_kind(text: str, start: int, end: int, previous: str | None) -> str | None:
    after = text[end: end + 30]
    for slot, cue in _CUES:
        m = cue.search(after)
        # "150 de abono", not "150 e o abono" (a conjunction: the cue is the next item's)
        if m and m.start() <= 12 and not re.search(r"[,;.]|\b(?:e|mais|alem)\b", after[: m.start()]):
            return _grant_of_study(slot, m, text)
    # the nearest cue before the amount, in the words since the previous amount
    window_start = max(0, start - 60)
    window = text[window_start:start]
    best: tuple[int, str] | None = None
    for slot, cue in _CUES:
        for m in cue.finditer(window):
            if best is None or m.start() > best[0]:
                best = (m.start(), _grant_of_study(slot, m, text))
    if best is not None:
        return best[1]
    return previous


def _read_money(msg: _Message) -> None:
    text = msg.text
    asking_money = msg.asking in MONEY_SLOTS
    sums: dict[str, list[tuple[Decimal, int, int, str | None]]] = {}
    previous: str | None = None
    consumed_until = -1
    negated: list[tuple[int, int]] = []
    # "o salário mínimo": a dated figure, gross
    for m in _MINIMUM_WAGE.finditer(text):
        said_before = re.search(r"\d{3,}\s*(?:€|euros?)?\s*(?:de|do|o)?\s*$", text[max(0, m.start() - 20): m.start()])
        said_after = re.match(r"\s*(?:de|,|:|que e|que sao|ou seja)?\s*\d{3,}", text[m.end():])
        if said_before or said_after:
            msg.use(m.start(), m.end())  # "870 de salário mínimo": the amount said wins
            continue
        wage = parameters.get("minimum_wage", msg.on)
        times = 2 if _BOTH.search(text[max(0, m.start() - 25): m.end()]) else 1
        rate = parameters.get("worker_contribution_rate", msg.on).value
        net = (wage.value * times * (1 - rate)).quantize(CENT, rounding=ROUND_HALF_UP)
        note = (f"salário mínimo de {msg.on.year}: {money(wage.value)} brutos ({wage.legal_basis})"
                f"{' × 2' if times == 2 else ''}, menos {rate * 100:.0f} % de descontos = {money(net)}")
        sums.setdefault("employment_income", []).append((net, m.start(), m.end(), note))
        previous = "employment_income"
        msg.use(m.start(), m.end())
    text = msg.text
    for m in _AMOUNT.finditer(text):
        start, end = m.span()
        after = text[end:]
        currency = bool(_CURRENCY_AFTER.match(after)) or text[max(0, start - 2):start].strip() == "€"
        if _PER_DAY.match(after):
            negated.append((start, end))  # "30 € por dia": the month is unknown, so it is asked
            continue
        if re.search(r"\b(?:nem|nao|nao sao|e nao)\s*$", text[max(0, start - 12):start]):
            negated.append((start, end))  # "são 550 e não 500": the 500 is what it is not
            continue
        if start < consumed_until or (not currency and (
                _PEOPLE_AFTER.match(after) or re.match(r"\s*(?:anos?|mes|meses|dias?|semanas?)\b", after))):
            continue
        kind = _money_kind(text, start, end, previous)
        if kind is None and asking_money:
            kind = msg.asking
        if kind is None or not (currency or kind == msg.asking or _cue_near(text, start, end)):
            continue
        # "os 2", "uma reforma": small numbers without a currency are words, not amounts
        if not currency and not m.group(2) and len(m.group(1)) == 1 and not (
                kind == msg.asking and len(text.split()) <= 3):
            continue
        value = to_decimal(m.group(1))
        if value is None:
            continue
        if m.group(2):
            scale = 1000 if "mil" == m.group(2).strip() else 1_000_000
            value *= scale
        # "190 euros e 50 (cêntimos)", not "190 euros e uma reforma de 60" ("uma" is 1 here)
        cents = re.match(r"\s*(?:€|euros?)\s*e\s*(\d{1,2})\s*(?:(?:centimos|cent)\b|(?=[,.;!?]|$))", after)
        if cents:
            value += Decimal(cents.group(1)) / 100
            consumed_until = end + cents.end()
        value, note = _per_month(value, after, kind, msg.on, before=_clause_before(text, start))
        sums.setdefault(kind, []).append((value, start, end, note))
        previous = kind
    for start, end in negated:
        msg.use(start, end)
    excluded = sums.pop(EXCLUDED, [])
    for _, start, end, _ in excluded:
        msg.use(start, end)
    mentioned = _EXCLUDED_CUE.search(msg.text)
    # "o abono conta como rendimento?" asks; it does not answer "nothing else"
    asks_if_counted = bool(re.search(r"\?\s*$", msg.source.text.strip())) and not sums.get("other_income") \
        and not re.search(r"\b(?:so|apenas|somente|unicamente)\b", msg.text) and not _ZERO_WORDS.search(msg.text)
    if (excluded or mentioned) and "other_income" not in sums and msg.asking == "other_income" \
            and not asks_if_counted:
        start, end = (excluded[0][1], excluded[0][2]) if excluded else mentioned.span()
        msg.add("other_income", Decimal("0.00"), start, end, _excluded_note(msg.source.text))
    elif excluded or mentioned:
        sums.setdefault("other_income", [])
    for kind, parts in sums.items():
        if not parts:
            continue
        total = sum((p[0] for p in parts), Decimal(0)).quantize(CENT, rounding=ROUND_HALF_UP)
        notes = [p[3] for p in parts if p[3]]
        if kind == "other_income" and (excluded or mentioned):
            notes.append(_excluded_note(msg.source.text))
        if len(parts) > 1:
            notes.append(" + ".join(money(p[0]) for p in parts) + f" = {money(total)}")
        msg.add(kind, total, parts[0][1], parts[-1][2], "; ".join(notes) or None)
        for _, start, end, _ in parts:
            msg.use(start, end)


def _cue_near(text: str, start: int, end: int) -> bool:
    around = text[max(0, start - 40): end + 30]
    return any(cue.search(around) for _, cue in _CUES)


def _clause_before(text: str, start: int) -> str:
    """The words of the sentence before an amount (at most 80 characters)."""
    before = text[max(0, start - 80):start]
    return re.split(r"[.;!?]", before)[-1]


# A yearly or seasonal total said as such: «ganhou 4800 no ano todo», «este ano ganhei
# 3000», «no verão faço 3 meses na fruta, ganho 2000 no total». The estimate spreads it
# over the year (÷ 12) as it does «por ano»; an explicit «por mês» always wins.
_YEAR_AFTER = re.compile(
    r"^\s*(?:€|euros?)?\s*(?:(?:limpos?|liquidos?|brutos?|iliquidos?)\s+)?"
    r"(?:(?:n?o|durante o|em todo o|todo o|durante todo o)\s+ano\s+(?:todo|inteiro)|todo o ano|durante (?:todo )?o ano|"
    r"(?:no|ao)\s+(?:total|todo)\s+(?:d?o|n?o|durante o|em todo o)\s+ano|"
    r"por (?:epoca|temporada|campanha|safra))"
)
_THIS_YEAR_AFTER = re.compile(r"^\s*(?:€|euros?)?\s*(?:(?:limpos?|liquidos?|brutos?|iliquidos?)\s+)?"
                              r"(?:este ano|no ano passado|o ano passado|(?:n|d)esta (?:epoca|temporada|campanha))\b")
_MONTH_AFTER = re.compile(r"^\s*(?:€|euros?)?\s*(?:(?:limpos?|liquidos?|brutos?|iliquidos?)\s+)?"
                          r"(?:(?:por|ao|a cada|cada|/)\s*mes|mensa(?:l|is)|todos os meses)")
_YEAR_BEFORE = re.compile(
    r"\b(?:este ano|no ano passado|o ano passado|durante o ano|ao longo do ano|n?o ano (?:todo|inteiro)|todo o ano|num ano|"
    r"em (?:19|20)\d{2}|(?:por|na|nas|numa) (?:epoca|temporada|campanha|safra)s?|no verao|nas vindimas|"
    r"na vindima|na apanha|nas apanhas|na ceifa|sazona\w*)\b"
)
_TOTAL_SAID = re.compile(r"^\s*(?:€|euros?)?\s*(?:(?:limpos?|liquidos?|brutos?|iliquidos?)\s+)?"
                         r"(?:no total|ao todo|tudo junto|no fim|em tudo)\b")
_PAST_EARNING = re.compile(r"\b(?:ganhou|ganhei|ganhamos|ganharam|recebeu|recebi|recebemos|fez|fiz|fizemos|"
                           r"faturou|faturei|facturou|facturei|tirou|tirei|juntou|juntei)\b")


def _yearly_total(after: str, before: str) -> bool:
    if _MONTH_AFTER.match(after):
        return False
    if _YEAR_AFTER.match(after):
        return True
    if _THIS_YEAR_AFTER.match(after) and _PAST_EARNING.search(before):
        return True
    return bool(_YEAR_BEFORE.search(before)) and bool(_TOTAL_SAID.match(after) or _PAST_EARNING.search(before))


def _per_month(value: Decimal, after: str, kind: str, on: date, before: str = "") -> tuple[Decimal, str | None]:
    note = None
    if kind != "assets" and _yearly_total(after, before):
        monthly = (value / 12).quantize(CENT, rounding=ROUND_HALF_UP)
        note = (f"{money(value)} no ano ÷ 12 = {money(monthly)} por mês (um total do ano conta como a média "
                "de cada mês; a Segurança Social vê os rendimentos dos meses antes do pedido)")
        value = monthly
    for pattern, period in (() if note else _PERIOD):
        if pattern.match(after):
            if period == "ano":
                monthly = (value / 12).quantize(CENT, rounding=ROUND_HALF_UP)
                note = f"{money(value)} por ano ÷ 12 = {money(monthly)} por mês"
            else:
                monthly = (value * 52 / 12).quantize(CENT, rounding=ROUND_HALF_UP)
                note = f"{money(value)} por semana × 52 ÷ 12 = {money(monthly)} por mês"
            value = monthly
            break
    if kind == "employment_income" and _GROSS.match(after):
        rate = parameters.get("worker_contribution_rate", on)
        net = (value * (1 - rate.value)).quantize(CENT, rounding=ROUND_HALF_UP)
        gross_note = f"{money(value)} brutos menos {rate.value * 100:.0f} % de descontos = {money(net)}"
        note = f"{note}; {gross_note}" if note else gross_note
        value = net
    return value.quantize(CENT, rounding=ROUND_HALF_UP), note


# ---------------------------------------------------------------- people

_MINOR_NOUN = (r"(?:criancas?|menor(?:es)?|filhos?|filhas?|filos|filo|fihos|flhos|miudos?|miudas?|meninos?|meninas?|bebes?|putos?|"
               r"enteados?|enteadas?|netos?|netas?|dependentes?|rapazes|raparigas|petizes)")
_CHILD_ONE = r"(?:filho|filha|enteado|enteada|neto|neta|menino|menina|bebe|miudo|miuda|rapaz|rapariga|rapazinho|rapariguinha)"
_PARTNER = (r"(?:marido|mulher|esposa|esposo|companheiro|companheira|namorado|namorada|parceiro|parceira|"
            r"pai|mae|avo|avó|sogro|sogra|irmao|irma|tio|tia|cunhado|cunhada|padrasto|madrasta|genro|nora|"
            r"primo|prima|amigo|amiga|homem|omem|esposu|marid)")
_ABSENT_PARENT = re.compile(
    r"\b(?:pai|mae)\s+(?:dele|dela|deles|delas|d[oa]s?\s+(?:meus?\s+|minhas?\s+)?(?:filh\w*|miud\w*|crianc\w*|"
    r"menin\w*|bebe|petiz\w*))\b"
    r"|\b(?:pai|mae|ex[- ]?marido|ex[- ]?mulher|ex)\b(?=[^,.;]{0,25}\b(?:paga|da|manda|passa|deposita)\b"
    r"[^,.;]{0,25}\b(?:pensao|alimentos)\b)"
)
_ONLY_WITH = re.compile(r"\b(?:moro|vivo|resido|vive|mora|moramos|vivemos|estou|esta)\s+(?:so|apenas|somente|unicamente)\s+"
                        r"(?:eu\s+)?com\b|\b(?:sou|somos)\s+(?:so|apenas)\s+(?:eu e|nos)\b")
_HOME_LIST = re.compile(r"\b(?:em casa|ca em casa|la em casa)\s+(?:somos|vivemos|moramos)\b|\bsomos\s+eu\b")
_PAIRS = re.compile(r"\b(?:os )?(?:meus|nossos) (?:pais|avos|sogros)\b")
# "só eu" alone, not "só eu trabalho" / "só eu é que ganho" (who earns, not who lives there).
_ALONE = re.compile(r"\b(?:sozinh[oa]s?|(?:so|apenas|somente) eu(?! e (?:o|a|os|as|meu|minha|meus|minhas|\d)\b)"
                    r"(?! (?:e que )?(?:trabalh|ganh|receb|tenho (?:salario|"
                    r"ordenado|trabalho|emprego)|estou a trabalhar))|eu so(?! (?:trabalh|ganh|receb))|moro so|vivo so|"
                    r"so mesmo eu|eu sozinh[oa]|sou so eu|so a minha pessoa|"
                    # flatmates are no household: "casa partilhada, mas não somos família"
                    r"nao somos (?:da )?familia|nao (?:sao|e) (?:da )?(?:minha )?familia|sem ser (?:da )?familia|"
                    r"casa partilhada|partilho (?:a )?casa|quarto alugado|alugo um quarto)\b")
_SELF = re.compile(
    r"\beu\b(?=\s*(?:,|\+|\be\b|\bmais\b|\bcom\b|\bo meu\b|\ba minha\b|\bos meus\b|\bas minhas\b|\bmeu\b|\bminha\b|"
    r"\bmeus\b|\bminhas\b|$))|\b(?:moro|vivo|resido|habito|moramos|vivemos) (?:junto )?com\b|\bsomos eu\b|"
    r"\bsou eu e\b|\bcomigo\b|\bsou (?:mae|pai)\b|\bsozinh[oa]s? com\b|"
    r"\b(?:moro|vivo|resido|moramos|vivemos|estou|estamos)\b[^,.]{0,25}\bcom (?:a|o|os|as|\d|meu|minha)"
)
_HELPER_VERB = (r"(?:me\s+)?(?:ajud\w*(?:-me)?(?:\s+a\s+(?:escrever|mandar|enviar|digitar|por))?|"
                r"(?:esta|estava)\s+a\s+(?:escrever|digitar|ajudar)|escrev\w*|digit\w*|mand\w* (?:esta|a) mensagem)")
_HELPER = re.compile(
    r"\b(?:(?:a|o)\s+)?(?:minha|meu)\s+(?:" + _CHILD_ONE + r"|sobrinh[oa])\b(?:\s*,)?\s+(?:que\s+)?"
    r"(?:\w+\s+){0,3}?" + _HELPER_VERB + r"|\bquem\s+(?:me\s+)?(?:escreve|esta a escrever|ajud\w*)\s+(?:\w+\s+)?(?:e|foi)\s+"
    r"(?:a|o)\s+(?:minha|meu)\s+" + _CHILD_ONE + r"\b"
    # the writer on someone's behalf: "sou a neta da dona Rosa e estou a escrever por ela"
    r"|\bsou\s+(?:a|o)\s+(?:" + _CHILD_ONE + r"|sobrinh[oa]|vizinh[oa])\s+d[aeo]s?\b"
)
# "moro em Portugal há 8 meses com minha filha de 4 anos": the speaker lives with the
# people named, wherever the place and the time come between (read on the whole text,
# as the child with an age is already counted and blanked).
_LIVES_SOMEWHERE_WITH = re.compile(
    r"\b(?:moro|vivo|resido|moramos|vivemos|residimos)\b[^,.;]{0,40}\bcom (?:a |o |os |as |\d+ )?(?:meu|minha|meus|minhas)\b"
)
# "sozinha com o meu filho" is not alone; "sozinha com 70 anos" or "com a minha reforma" is.
_LIVES_WITH = re.compile(
    r"\b(?:com|mais)\s+(?:(?:o|a|os|as|meu|minha|meus|minhas|um|uma|dois|duas|\d+)\s+){1,2}(?:\w+\s+)?"
    r"(?:" + _MINOR_NOUN + "|" + _PARTNER + r"|pais|avos|sogros|irmaos|irmas|primos|tios|sobrinh\w*)\b"
)
_HOUSEHOLD_CUE = re.compile(
    r"\b(?:somos|vivo|moro|vivemos|moramos|mora|vive|a gente|resido|casal|agregado|familia|em casa|ca em casa|sozinh\w*|"
    r"eu e|eu,|eu o|eu a|eu os|eu as|eu mais|eu com|tenho \d+ filh\w*|temos \d+ filh\w*|mae solteira|"
    r"pai solteiro|mae sozinha|pai sozinho|cuido d\w+ \d+|com (?:a minha|o meu|os meus|as minhas))\b"
)
_TOTAL = re.compile(
    r"\b(?:somos|sao|vivemos|vivem|moramos|moram|agregado de|a gente (?:e|mora em|vive em|somos)|mora(?:mos)? em)\s+"
    r"(?:so |apenas |ao todo |todos |os |as ){0,2}(\d+)\b(?!\s*(?:\w+\s+)?(?:" + _MINOR_NOUN + r"|adult\w*|maior\w*))|\b(\d+)\s+pessoas\b"
)
_NO_CHILDREN = re.compile(
    r"\b(?:sem filhos|nao (?:tenho|temos) filhos|nenhum filho|nenhuma crianca|sem criancas|nao ha criancas|"
    r"nao temos criancas|nao tenho criancas|filhos nao)\b"
)


_ADULTS_TOTAL = re.compile(r"\b(?:somos|sao|ha|vivem|moram|vivemos|moramos)\s+(?:ao todo\s+)?(\d+)\s+"
                           r"(?:adult\w*|maiores|pessoas adultas|pessoas maiores)\b")


def _read_people(msg: _Message) -> None:
    text = msg.text
    asking_people = msg.asking in ("adults", "minors")
    if not asking_people and not _HOUSEHOLD_CUE.search(text) and not re.search(
            r"\b\d+\s+" + _MINOR_NOUN + r"\b|\b\d+\s+adult", text):
        return
    adults = 0
    minors = 0
    said_adults = said_minors = False
    first, last = len(text), 0

    def mark(m: re.Match[str]) -> None:
        nonlocal first, last
        first, last = min(first, m.start()), max(last, m.end())

    # "3", "três, esqueci-me da minha sogra": a count first is the answer to the count asked
    lead = re.match(r"^[\s,.;:!-]*(\d+)\b(?!\s*(?:\w+\s+)?(?:" + _MINOR_NOUN + r"|adult\w*|maior\w*))", text)
    if lead and msg.asking in ("adults", "minors"):
        msg.add(msg.asking, int(lead.group(1)), lead.start(1), lead.end(1))
        msg.use(lead.start(1), lead.end(1))
        return
    # "foi a minha neta que me ajudou a escrever": whoever types the message for the
    # person is not counted as living with them (unless said: "a minha neta, que vive comigo")
    for m in _HELPER.finditer(text):
        if not re.search(r"\b(?:vive|mora)\s+(?:ca\s+)?(?:comigo|connosco|aqui|ca em casa)\b", m.group(0)):
            msg.use(m.start(), m.end())
    text = msg.text
    alone = _ALONE.search(text)
    if alone and not _LIVES_WITH.search(text[alone.end():]):
        msg.add("adults", 1, alone.start(), alone.end())
        # "só eu" answers how many adults; "vivo sozinha" describes the whole home
        whole_home = msg.asking != "adults" or re.search(r"sozinh|moro so|vivo so", alone.group(0))
        if whole_home and (not re.search(_MINOR_NOUN, text) or _NO_CHILDREN.search(text)):
            msg.add("minors", 0, alone.start(), alone.end())
            msg.use(alone.start(), alone.end())
            return
        msg.use(alone.start(), alone.end())
        text = msg.text

    # a baby not yet born is not in the household yet (the pregnancy is read apart)
    for m in re.finditer(r"\b(?:o|a|um|uma|1|o meu|a minha)\s+bebe\s+(?:que\s+)?(?:ainda nao nasceu|vai nascer|"
                         r"esta a caminho|para nascer|a caminho)", text):
        msg.use(m.start(), m.end())
    text = msg.text
    # "o mais velho tem 20 anos": one of the children counted is an adult
    eldest = re.search(r"\b(?:o|a) mais velh[oa]\s+(?:ja\s+)?(?:tem|com|de|e de)\s+(\d{1,2})\b", text)
    # children with an age: "um filho de 19 anos", "a minha filha tem 15", "uma de 3 e outra de 10"
    aged = re.compile(
        r"\b(?:(?:o|a|um|uma|outro|outra|o meu|a minha|meu|minha|mais um|mais uma)\s+)?"
        r"(?:(?:" + _CHILD_ONE + r"|irmao|irma|primo|prima|sobrinho|sobrinha|cunhado|cunhada|tio|tia)\s+|"
        r"(?:outro|outra)\s+)(?:que\s+)?(?:de|com|tem|c/)\s+(\d{1,2})(?:\s*anos?)?\b"
    )
    counted = re.compile(r"\b(\d+)\s+(?:\w+\s+)?" + _MINOR_NOUN + r"(\s+(?:maiores|adult\w*|maiores de idade|de maior))?\b")
    aged_spans = [m.span() for m in aged.finditer(text)]
    # "1 filho de 20 anos" is one aged child, not a count
    groups = [g for g in counted.finditer(text) if not any(a < g.end() and g.start() < b for a, b in aged_spans)]
    # "os meus 2 filhos, um de 3 e outro de 6 anos": the ages after a count are the
    # ages of the children counted, not more children (an adult among them moves over)
    members = {g.start(): 0 for g in groups}
    grown = {g.start(): 0 for g in groups}
    # "um de 3" names no child: it is one only inside a count ("2 filhos, um de 3 e outro de 6")
    one_of = re.compile(r"\b1\s+(?:de|com)\s+(\d{1,2})(?:\s*anos?)?\b")
    listed = sorted([*aged.finditer(text), *(m for m in one_of.finditer(text)
                                             if not any(a <= m.start() < b for a, b in aged_spans))],
                    key=lambda m: m.start())
    aged_nouns: set[str] = set()
    grown_children = 0
    for m in listed:
        noun = re.search(r"\b" + _CHILD_ONE + r"\b", m.group(0))
        adult = int(m.group(1)) >= people.ADULT_AGE
        if noun:
            aged_nouns.add(noun.group(0))
            grown_children += adult
        group = next((g for g in reversed(groups) if g.end() <= m.start() and not g.group(2)
                      and not re.search(r"[.;!?]", text[g.end(): m.start()])), None)
        if m.re is one_of and (group is None or members[group.start()] >= int(group.group(1))):
            continue
        if group is not None and members[group.start()] < int(group.group(1)):
            members[group.start()] += 1
            grown[group.start()] += adult
        elif adult:
            adults += 1
            said_adults = True
        else:
            minors += 1
            said_minors = True
        mark(m)
        msg.use(m.start(), m.end())
    text = msg.text
    for m in groups:
        n = int(m.group(1))
        if m.group(2):
            adults += n
            said_adults = True
        else:
            minors += n - grown[m.start()]
            adults += grown[m.start()]
            said_minors = True
            said_adults = said_adults or grown[m.start()] > 0
        mark(m)
        msg.use(m.start(), m.end())
    text = msg.text
    for m in re.finditer(r"\b(\d+)\s+(?:adult\w*|maiores|maior|pessoas adultas|pessoas maiores)\b", text):
        adults += int(m.group(1))
        said_adults = True
        mark(m)
        msg.use(m.start(), m.end())
    text = msg.text
    if eldest and int(eldest.group(1)) >= people.ADULT_AGE and minors > 0:
        minors -= 1
        adults += 1
        said_adults = True
        msg.use(eldest.start(), eldest.end())
        text = msg.text
    explicit_adults = said_adults and bool(re.search(r"\b\d+\s+(?:adult|maiores|pessoas adultas)", msg.source.text))
    # "o meu marido foi embora / faleceu": no longer in the household
    for gone in re.finditer(r"\b(?:" + _PARTNER + "|" + _CHILD_ONE + r")\b(?=\s+(?:\w+\s+)?(?:foi embora|faleceu|morreu|"
                            r"saiu de casa|separ\w*|nao vive|ja nao vive|esta pres[oa]|foi pres[oa]|emigrou|abandonou|"
                            r"largou|deixou|foi-se embora))", text):
        msg.use(gone.start(), gone.end())
    text = msg.text
    # one child named without a number: "o meu filho", "a minha filha"
    # ("moro com a minha esposa e filho pequeno": no article after "e"/"com")
    for m in re.finditer(r"\b(?:o meu|a minha|meu|minha|o nosso|a nossa|nosso|nossa|o|a|um|uma|1|e|com)\s+("
                         + _CHILD_ONE + r")\b", text):
        if m.group(1) in aged_nouns:
            # "o nosso filho de 22 anos … só o meu filho é que trabalha": the same son again
            msg.use(m.start(), m.end())
            continue
        minors += 1
        said_minors = True
        mark(m)
        msg.use(m.start(), m.end())
    text = msg.text
    speaker_only = False
    if not explicit_adults:
        pairs = _PAIRS.findall(text)
        adults += 2 * len(pairs)
        rest = _PAIRS.sub(" ", text)
        # "o pai dela paga a pensão de alimentos": the children's other parent, living elsewhere
        rest = _ABSENT_PARENT.sub(" ", rest)
        named = re.findall(r"\b(?:o|a|os|as|meu|minha|o meu|a minha|com|e|,)\s*(" + _PARTNER + r")\b", rest)
        named += re.findall(r"^\s*(" + _PARTNER + r")\b", rest)
        named = sorted(set(named))  # "o meu marido … o meu marido ganha 650": one husband
        adults += len(named)
        if _COUPLE.search(text) and not named:  # "casal com 2 filhos", "avós com um neto"
            adults += 2
        elif _SELF.search(text) or _LIVES_SOMEWHERE_WITH.search(msg.source.text) or alone or (
                msg.asking == "adults" and re.search(r"\beu\b", text)):
            adults += 1
        elif named or pairs or (re.search(r"\b(?:tenho|temos) \d+\s+" + _MINOR_NOUN, msg.source.text)
                                and msg.asking != "minors"):
            # the speaker lives with the people they list; asked only about the
            # children ("temos uma filha de 6 anos"), they say nothing about the adults
            adults += 1
            speaker_only = not named and not pairs
        if msg.asking == "adults" and re.search(r"\beu e (?:ele|ela)\b", text) and not named:
            adults += 1
        said_adults = said_adults or adults > 0
    if said_adults:
        m_self = _SELF.search(text) or re.search(r"\b(?:casal|eu)\b", text)
        if m_self:
            mark(m_self)
    total_match = _TOTAL.search(text)
    total = int(total_match.group(1) or total_match.group(2)) if total_match else None
    if total_match:
        mark(total_match)
        if msg.asking not in ("adults", "minors"):  # then it is also the bare answer
            group = 1 if total_match.group(1) else 2
            msg.use(total_match.start(group), total_match.end(group))  # a head count, never an amount
    if _NO_CHILDREN.search(text):
        said_minors, minors = True, 0
        mark(_NO_CHILDREN.search(text))
    # "vivo só com o meu filho de 19 anos": the people named are everyone at home;
    # "em casa somos eu, a minha mulher e o nosso filho de 22 anos": the home listed,
    # its children told with their ages, all grown up: no child under 18 at home
    home_listed = msg.asking is None and _HOME_LIST.search(msg.source.text)
    if said_adults and not said_minors and (_ONLY_WITH.search(msg.source.text) or (grown_children and home_listed)):
        said_minors = True
    if total is not None and speaker_only and said_minors and total > adults + minors:
        # "somos 3, só temos um filho": the speaker was the only adult inferred; the
        # head count says who else is there
        adults = total - minors
    if total is not None:
        if said_adults and not said_minors and total >= adults:
            minors, said_minors = total - adults, True
        elif said_minors and not said_adults and total > minors:
            adults, said_adults = total - minors, True
    # "somos 3 adultos, eu, o meu marido e a nossa filha de 20 anos": the count said is
    # the total; the people named after it are inside it, not added to it.
    stated = _ADULTS_TOTAL.search(msg.source.text)
    if stated:
        adults, said_adults = int(stated.group(1)), True
    start, end = (first, last) if first < last else (0, len(text))
    if said_adults and adults > 0:
        msg.add("adults", adults, start, end)
    if said_minors:
        msg.add("minors", minors, start, end)
    if total is not None and not (said_adults and said_minors):
        msg.add("household_size", total, total_match.start(), total_match.end())


# ---------------------------------------------------------------- status, nationality, region

_NATIONALITY_PHRASE = re.compile(
    r"\b(?:sou|somos|e|nacionalidade|cidada|cidadao|naturalidade|vim|viemos|venho|natural)\s+"
    r"(?:d[oa]s?\s+|de\s+)?([a-z-]+(?:\s+[a-z-]+)?)"
)
_REFUGEE = re.compile(r"\b(?:refugiad[oa]s?|protecao internacional|asilo|protecao subsidiaria)\b")
_NOT_REFUGEE = re.compile(r"\bnao (?:sou|somos|tenho|temos) (?:\w+ )?(?:refugiad|protecao|asilo|estatuto)")
_REGION_PHRASE = re.compile(
    r"\b(?:moro|vivo|resido|moramos|vivemos|residimos|estou|estamos|sou|somos|habito)\s+"
    r"(?:em|no|na|nos|nas|de|do|da|dos|das|ali em)\s+((?:[a-z-]+\s*){1,4})"
)
_PREGNANT = re.compile(r"\b(?:gravida|gravidas|gestante|espero (?:um|1) bebe|estou a espera de (?:um|1) bebe|"
                       r"estou de \d+ meses|vou ter (?:um|1) bebe)\b")
_UNION = re.compile(r"\b(?:casad[oa]|uniao de facto|junt[oa]s? ha|vivo com o meu namorado|vivo com a minha namorada)\b")
_DEPENDENTS = re.compile(r"\b(?:dependentes?|a meu cargo|filh\w*|bebes?|deficien\w*|cuido d)")
_REGISTERED = re.compile(r"\b(?:inscrit[oa]s?|registad[oa]s?)\b.{0,25}\b(?:centro de emprego|iefp|emprego)\b|"
                         r"\b(?:centro de emprego|iefp)\b.{0,20}\binscrit")
_NOT_REGISTERED = re.compile(r"\bnao (?:estou|estamos|sou|me) (?:\w+ )?(?:inscrit|registad)")
# Why someone need not register at the IEFP, said while that question is open. The
# slot takes the WorkSituation value (bot.rules.model); the rules decide what exempts.
# Checked in this order: a carer often names the illness of the person cared for.
_CARER = re.compile(
    r"\b(?:cuidador\w*|cuid(?:o|a|ar|ando|amos) d\w*|tomo conta d\w*|(?:presto|dou) (?:apoio|assistencia)|a meu cargo|"
    r"(?:filh\w*|pai|mae|marido|mulher|esposa|esposo|irma\w*|avo|avos|sogr\w*|companheir\w*)\s+"
    r"(?:\w+\s+){0,2}(?:deficien\w*|acamad\w*|incapacitad\w*|dependente))"
)
_UNABLE_TO_WORK = re.compile(
    r"\b(?:nao posso trabalhar|nao consigo trabalhar|doente|doenca|incapacidade|incapacitad\w*|"
    r"deficien\w*|invalidez|baixa medica|de baixa|acamad\w*)\b"
)
_RETIRED = re.compile(r"\b(?:reformad\w*|aposentad\w*|pensionista)\b")
_STUDENT = re.compile(r"\b(?:estudante|estudo|a estudar|estou estudando)\b")
_NOT_APPLICABLE = re.compile(r"\bnao se aplica\b")
_SITUATIONS = (
    (_CARER, WorkSituation.CARER.value),
    (_UNABLE_TO_WORK, WorkSituation.UNABLE_TO_WORK.value),
    (_RETIRED, WorkSituation.RETIRED.value),
    (_STUDENT, WorkSituation.STUDENT.value),
)
# "trabalho" alone answers the IEFP question; "não trabalho" does not start with it.
_WORKING_BARE = re.compile(r"^\s*(?:sim\s+)?(?:eu\s+)?trabalho\b")
# The IEFP answer when the person gives an age that exempts them ("tenho 67 anos").
_WORKING = re.compile(r"\b(?:ja trabalho|estou a trabalhar|to trabalhando|estou trabalhando|estou empregad\w*|"
                      r"tenho (?:um )?(?:trabalho|emprego)|trabalho (?:a tempo|em|num|numa|como|de|part))\b")
_UNEMPLOYED_ZERO = re.compile(
    r"\b(?:ninguem (?:\w+ ){0,3}trabalha|nenhum de nos trabalha|nao trabalh\w*|desempregad\w*|sem trabalho|"
    r"sem emprego|nao tenho (?:trabalho|emprego|salario|ordenado)|to parad[oa]|estou parad[oa]|"
    r"nao (?:ganho|ganhamos|recebo|recebemos) (?:nada|salario|ordenado)|ninguem recebe salario)\b"
)


# "estamos os dois desempregados", "ambos sem trabalho": nobody in the home earns wages.
_ALL_OF_US = re.compile(
    r"\b(?:estamos|somos|ficamos|andamos|estao|ficaram)\s+(?:os (?:dois|2)|as (?:duas|2)|ambos|ambas|todos|todas)\b"
    r"|\b(?:os (?:dois|2)|as (?:duas|2)|ambos|ambas|nenhum de nos|todos) (?:\w+ )?(?:desempregad\w*|sem (?:trabalho|emprego))"
)


# "já não trabalhamos", "estamos desempregados": said of everyone at home
_WE_VERB = re.compile(r"\b(?:trabalhamos|ganhamos|recebemos|desempregad[oa]s|parad[oa]s)\b")
_NO_CONTRACT = re.compile(r"\b(?:nao tenho|nao tem|sem) (?:nenhum )?contrato(?: de trabalho)?(?: nenhum)?\b")
_ALL_RETIRED = re.compile(
    r"\b(?:estamos|somos|ficamos|andamos)\s+(?:os (?:dois|2)|as (?:duas|2)|ambos|ambas|todos|todas)\s+"
    r"(?:reformad[oa]s|aposentad[oa]s|pensionistas)\b"
    r"|\b(?:os (?:dois|2)|as (?:duas|2)|ambos|ambas) (?:\w+ )?(?:reformad[oa]s|aposentad[oa]s)\b"
)


_NATIONALITY_ITEM = re.compile(
    r"(?:^|[,.;:]|\be\b)\s*(?:(?:ambos|ambas|todos|todas|os dois|as duas|os 2|as 2)\s+)?([a-z-]+)\s*(?=[,.;!?]|$)"
)


def _nationality_word(word: str) -> str | None:
    """A nationality adjective alone ("portugueses", "cabo-verdiana"), not a country
    named in a list, nor a word that merely resembles one."""
    return people.NATIONALITY_ADJECTIVES.get(word.strip("-"))


def _overlapping(pattern: re.Pattern[str], text: str) -> Iterator[re.Match[str]]:
    """Every match starting at a word, also inside another ("banco e somos portugueses":
    "e somos" and "somos portugueses")."""
    for word in re.finditer(r"\b\w", text):
        m = pattern.match(text, word.start())
        if m:
            yield m


def _read_status(msg: _Message) -> None:
    text = msg.text
    if msg.asking == "nationality":
        value = parse_nationality(msg.source.original)
        if value:
            msg.add("nationality", value, 0, len(text))
    else:
        for m in _overlapping(_NATIONALITY_PHRASE, text):
            phrase = m.group(1)
            if re.match(r"(?:de |em )?portugal\b", phrase) and m.group(0).startswith(("vim", "venho", "e ")):
                continue
            value = parse_nationality(phrase) or parse_nationality(phrase.replace(" ", "-"))
            if value and not (m.group(0).startswith("e ") and not re.search(r"\bnacionalidade\b", text)):
                msg.add("nationality", value, m.start(1), m.end(1))
                break
    if not msg.has("nationality") and msg.asking != "nationality":
        origin = re.search(r"\b(?:sou|somos|vim|viemos|venho|refugiad[oa]s?)\b[^,.]{0,20}?\bd[oa]s?\s+([a-z-]+(?:\s[a-z-]+)?)",
                           text)
        if origin and not origin.group(1).startswith("portugal"):
            value = parse_nationality(origin.group(1))
            if value and value != "pt":
                msg.add("nationality", value, origin.start(1), origin.end(1))
    if not msg.has("nationality") and msg.asking != "nationality":
        # a list of facts ending in "…, sem poupanças, portugueses" / "ambas portuguesas"
        for m in _NATIONALITY_ITEM.finditer(text):
            value = _nationality_word(m.group(1))
            if value:
                msg.add("nationality", value, m.start(1), m.end(1))
                break
    if _NOT_REFUGEE.search(text):
        m = _NOT_REFUGEE.search(text)
        msg.add("refugee", False, m.start(), m.end())
    elif _REFUGEE.search(text):
        m = _REFUGEE.search(text)
        msg.add("refugee", True, m.start(), m.end())
    if msg.asking == "region":
        value = parse_region(msg.source.original)
        if value:
            msg.add("region", value, 0, len(text))
    else:
        # on the original words: "ilha terceira" must not become "ilha 3"
        for m in _REGION_PHRASE.finditer(fold(msg.source.original)):
            value = parse_region(m.group(1))
            if value:
                msg.add("region", value, m.start(1), m.end(1))
                break
    age = next((f.value for f in msg.facts if f.slot == "applicant_age"), None)
    young = msg.asking == "age_exception" or (age is not None and age < people.ADULT_AGE)
    text = msg.source.text  # children read with the household still count as dependents
    pregnant = _PREGNANT.search(text)
    if pregnant:
        msg.add("age_exception", "pregnant", pregnant.start(), pregnant.end())
    elif young:
        for pattern, value in ((_UNION, "union"), (_DEPENDENTS, "dependents")):
            m = pattern.search(text)
            if m:
                msg.add("age_exception", value, m.start(), m.end())
                break
    _read_work(msg)


_NO_SAVINGS = re.compile(r"\b(?:nao (?:tenho|temos) (?:\w+ )?(?:poupancas|dinheiro (?:no banco|guardado)|nada no banco)|"
                         r"sem poupancas|sem dinheiro no banco|nem (?:\w+ )?(?:dinheiro no banco|poupancas)|"
                         # the thing first: "poupanças não tenho nenhumas", "dinheiro no banco, zero"
                         r"(?:poupancas|economias|dinheiro (?:no banco|guardado|de lado))\s*,?\s*"
                         r"(?:nao (?:tenho|temos|ha)|nenhumas?|nenhuns|nenhum|zero|0|nada|nem (?:1|um) (?:tostao|centimo|euro)))\b")
_NO_OTHER_INCOME = re.compile(r"\b(?:nao (?:temos|tenho|recebemos|recebo|ha) (?:\w+ )?(?:outros rendimentos|"
                              r"mais rendimentos|outro dinheiro|pensoes|subsidios|reformas?)|sem outros rendimentos|"
                              # "sem rendimentos" (of any kind), not "sem rendimentos do trabalho"
                              r"sem (?:quaisquer |nenhuns )?rendimentos?(?: nenhuns| nenhum)?(?! d[eo] (?:trabalho|salario)))\b")


_ONLY_A_BENEFIT = re.compile(
    r"\b(?:so|apenas|somente|unicamente) (?:tenho|recebo|temos|recebemos|vivo d[ae]|vivemos d[ae]|ganho) "
    r"(?:a |uma |o |um )?(?:minha |nossa |meu |nosso )?(?:reforma|pensao|pensaozinha|subsidio|rsi|baixa)\b"
)
_RECEIVES_NOTHING = re.compile(r"\bnao (?:recebo|recebemos|temos|tenho) (?:rendimento )?nenhum\b|"
                               r"\bnao (?:recebo|recebemos) nada\b|\bsem rendimentos? nenhum\b")


def states_unemployment(text: str) -> bool:
    """"estou desempregado", "não tenho trabalho": out of work, which says nothing
    about being registered at the IEFP (so it is never a "no" to that question)."""
    return bool(_UNEMPLOYED_ZERO.search(Digitised(text).text))


def _read_work_situation(msg: _Message, yes_no: bool = True) -> None:
    """The answer to the IEFP question when it is not "I am registered": an age that
    exempts, a situation (carer, unable to work, retired, student, working), or a
    plain yes/no. "tenho 40 anos" or "estou desempregado" answer nothing: asked again."""
    text = msg.text
    age = next((f.value for f in msg.facts if f.slot == "applicant_age"), None)
    if age is not None:
        if age_exempts_from_registration(age, msg.on):
            span = next(f.span for f in msg.facts if f.slot == "applicant_age")
            msg.facts.append(Fact("employment_centre_registered", EXEMPT_BY_AGE, span, None))
        return  # "tenho" of an age is not a yes
    m = _NOT_APPLICABLE.search(text)
    if m:
        msg.add("employment_centre_registered", "not_applicable", m.start(), m.end())
        return
    for pattern, value in _SITUATIONS:
        m = pattern.search(text)
        if m:
            msg.add("employment_centre_registered", value, m.start(), m.end())
            return
    if _UNEMPLOYED_ZERO.search(text):
        return  # out of work, but registered or not was not said
    m = _WORKING.search(text) or _WORKING_BARE.search(text)
    if m:
        msg.add("employment_centre_registered", WorkSituation.WORKING.value, m.start(), m.end())
        return
    answer = parse_yes_no(text) if yes_no else None
    if answer is not None:
        msg.add("employment_centre_registered", answer, 0, len(text))


# The only other adult at home cannot work: "o meu filho de 24 anos tem paralisia cerebral
# e precisa de mim o dia inteiro", "a minha mãe está acamada".
_CANNOT_WORK = re.compile(
    r"\b(?:filh[oa]|marido|mulher|esposa|esposo|companheir[oa]|mae|pai|irma|irmao|sogr[oa]|avo)\b[^.;]{0,60}?"
    r"\b(?:deficien\w*|paralisia|paralitic\w*|acamad\w*|incapacitad\w*|invalid[oa]|dependente|"
    r"precisa de mim|nao (?:pode|consegue) trabalhar|doente|demencia|alzheimer|autis\w*|cadeira de rodas)"
)


def _read_work(msg: _Message) -> None:
    alone = any(f.slot == "adults" and f.value == 1 for f in msg.facts)
    # "não trabalho. somos só os dois", the other one unable to work: nobody earns wages
    pair_not_working = any(f.slot == "adults" and f.value == 2 for f in msg.facts) \
        and len(_CANNOT_WORK.findall(msg.source.text)) >= 1 and not re.search(
            r"\b(?:ele|ela|o meu \w+|a minha \w+) (?:trabalha|ganha)\b", msg.source.text)
    _read_no_income(msg, alone)
    _read_registration(msg)
    _read_no_wages(msg, alone or pair_not_working)


def _read_no_income(msg: _Message, alone: bool) -> None:
    for pattern, slot in ((_NO_SAVINGS, "assets"), (_NO_OTHER_INCOME, "other_income")):
        said = pattern.search(msg.text)
        if said and not msg.has(slot):
            msg.add(slot, Decimal("0.00"), said.start(), said.end())
    # "vivo sozinha, só tenho a reforma": for someone alone, the pension is the only
    # income, so no wages (with anyone else at home, their wages are still asked).
    only = _ONLY_A_BENEFIT.search(msg.text)
    if only and alone and msg.asking is None and not msg.has("employment_income") \
            and not re.search(r"\b(?:trabalh\w*|ganh\w*|salario|ordenado|vencimento)\b", msg.source.text):
        msg.add("employment_income", Decimal("0.00"), only.start(), only.end())
    # "estou desempregado, não recebo nada" told unasked: no income of any kind.
    said = _RECEIVES_NOTHING.search(msg.text)
    if said and not msg.asking and _UNEMPLOYED_ZERO.search(msg.text) and not msg.has("other_income"):
        msg.add("other_income", Decimal("0.00"), said.start(), said.end())


# Working for oneself: "sou trabalhador independente", "passo recibos verdes", "trabalho por
# conta própria". Someone who works need not register at the IEFP (WorkSituation.WORKING);
# the income itself is asked with the other income.
_SELF_EMPLOYED = re.compile(
    r"\b(?:sou|estou como|trabalho como|sou um|sou uma)\s+(?:trabalhador\w*\s+|trabalhadora\s+)?(?:independente|freelancer|"
    r"empresari[oa]|empreendedor\w*)\b|\b(?:passo|passamos|faco|fazemos)\s+recibos?\s+verdes?\b"
    r"|\btrabalho\s+(?:a|com|por|em)\s+(?:recibos?\s+verdes?|conta propria)\b|\bpor conta propria\b"
    r"|\b(?:tenho|temos)\s+(?:uma |um )?(?:atividade aberta|actividade aberta|negocio proprio)\b"
)


def _read_registration(msg: _Message) -> None:
    """The IEFP answer: registered or not, or why registration is not needed."""
    text = msg.text
    working = _SELF_EMPLOYED.search(text)
    if working and msg.asking in (None, "employment_income", "other_income", "employment_centre_registered") \
            and not _NOT_REGISTERED.search(text) and not _REGISTERED.search(text) \
            and not re.search(r"\b(?:ja nao|deixei de|fechei|ex[- ])", text[max(0, working.start() - 15):working.start()]):
        msg.add("employment_centre_registered", WorkSituation.WORKING.value, working.start(), working.end())
        return
    if _NOT_REGISTERED.search(text):
        # "não estou inscrita, cuido da minha mãe": the reason given is the answer
        # (an exemption), not the bare "not registered" — and never a yes.
        _read_work_situation(msg, yes_no=False)
        if msg.has("employment_centre_registered") and \
                next(f.value for f in msg.facts if f.slot == "employment_centre_registered") is not False:
            return
        msg.facts[:] = [f for f in msg.facts if f.slot != "employment_centre_registered"]
    for pattern, value in ((_NOT_REGISTERED, False), (_REGISTERED, True)):
        m = pattern.search(text)
        if m:
            msg.add("employment_centre_registered", value, m.start(), m.end())
            return
    if msg.asking == "employment_centre_registered":
        said = re.search(r"\b(?:inscrit|registad)\w*", text)
        if said and not re.search(r"\bnao\b", text):
            msg.add("employment_centre_registered", True, said.start(), said.end())  # "estamos os dois inscritos"
            return
        _read_work_situation(msg)


def _read_no_wages(msg: _Message, alone: bool) -> None:
    """"ninguém trabalha", "estamos os dois desempregados": no wages in the home."""
    if msg.asking not in ("employment_income", None):
        return
    if msg.has("employment_income"):
        return
    all_of_us = _ALL_OF_US.search(msg.text)
    for m in _UNEMPLOYED_ZERO.finditer(msg.text):
        # "ninguém trabalha", "já não trabalhamos" (we: the people at home), or one person alone
        whole_household = m.group(0).startswith(("ninguem", "nenhum")) or _WE_VERB.search(m.group(0)) \
            or alone or msg.asking == "employment_income" or all_of_us
        if whole_household:
            msg.add("employment_income", Decimal("0.00"), m.start(), m.end())
            return
    # "não tenho contrato nenhum, faço uns biscates": no wages from an employer (the odd
    # jobs are other income), for someone who lives alone
    no_contract = _NO_CONTRACT.search(msg.text)
    if no_contract and (alone or msg.asking == "employment_income"):
        msg.add("employment_income", Decimal("0.00"), no_contract.start(), no_contract.end())
        return
    # "estamos os dois reformados, recebemos 350 de reforma": the whole home retired and
    # its income told; a bare "somos reformados" leaves wages open (a pensioner may work)
    retired = _ALL_RETIRED.search(msg.text)
    if retired and msg.has("other_income"):
        msg.add("employment_income", Decimal("0.00"), retired.start(), retired.end())


# ---------------------------------------------------------------- a bare answer to the question asked

_ZERO_WORDS = re.compile(
    r"\b(?:nada|zero|nenhum|nenhuma|nenhuns|nenhumas|mais nada|so isso|e so|mais nenhum|nao tenho|nao temos|"
    r"nao recebo|nao recebemos|nao ha|sem rendimentos?|ninguem|sem poupancas?|sem dinheiro|nao existe|nadinha|"
    r"nem um tostao|nem\s+(?:1\s+)?(?:tostao|centimo|euro)|nem pensao|nada de nada|nao tenho nada|niente|nao ganho|nao ganhamos)\b|^\s*(?:nao|n|no)\s*[.!]*\s*$"
)


# A number that counts people, said to the age question: "os dois", "as 3", "somos 2",
# "2 adultos".
_PEOPLE_COUNT_BEFORE = re.compile(r"\b(?:os|as|nos|todos os|todas as|somos|sao)\s*$")
_PEOPLE_COUNT_AFTER = re.compile(r"\s*(?:pessoas?|adult\w*|filh\w*|crianc\w*|irma\w*|de nos)\b")


def _bare_number(msg: _Message) -> re.Match[str] | None:
    """The first number that can be an answer: not a date ("dia 27/11") and not the
    article "uma" of "recebi uma carta"."""
    text = msg.text
    for m in re.finditer(r"(?<![\d.,/])\d+(?:[.,]\d+)?(?![\d.,]*\d)(?!\s*/\s*\d)", text):
        if re.search(r"\bdia\s*$", text[max(0, m.start() - 5): m.start()]):
            continue
        start, end = msg.source.span(m.start(), m.end())
        word = fold(msg.source.original[start:end]).strip()
        if msg.asking in MONEY_SLOTS and word in ("um", "uma") and re.match(r"\s+[a-z]", text[m.end():]) \
                and not re.match(r"\s+(?:mil|milhao|euros?|pessoas?|adult\w*)\b", text[m.end():]):
            continue
        if msg.asking in ("is_adult", "applicant_age") and (
                _PEOPLE_COUNT_BEFORE.search(text[max(0, m.start() - 15):m.start()])
                or _PEOPLE_COUNT_AFTER.match(text[m.end():])):
            continue  # "sim temos os dois mais de 18": the two people, not an age
        return m
    return None


def _read_bare_answer(msg: _Message) -> None:
    asking, text = msg.asking, msg.text
    if asking is None or msg.has(asking) or _says_unsure(text):
        return
    number = _bare_number(msg)
    if asking in MONEY_SLOTS:
        if number and text[max(0, number.start() - 4):number.start()] != "nem ":
            value = to_decimal(number.group(0))
            if value is not None:
                msg.add(asking, value.quantize(CENT, rounding=ROUND_HALF_UP), number.start(), number.end())
                return
        zero = _ZERO_WORDS.search(text)
        if zero:
            msg.add(asking, Decimal("0.00"), zero.start(), zero.end())
        return
    if asking in ("adults", "minors"):
        zero = re.search(r"\b(?:nenhum|nenhuma|nenhuns|zero|nao tenho|nao temos|nao ha|mais nenhum|"
                         r"mais ninguem|ninguem|nao)\b", text)
        # "nenhum, somos só as duas": the answer comes first; the number after it is the home
        zero_first = zero and asking == "minors" and not text[:zero.start()].strip(" ,.;:!-")
        if number and number.group(0).isdigit() and not zero_first:
            msg.add(asking, int(number.group(0)), number.start(), number.end())
            return
        if zero and asking == "minors":
            msg.add("minors", 0, zero.start(), zero.end())
        return
    if asking == "is_adult":
        if not_about_age(text):
            return  # "não somos refugiados": a "não" about something else
        if number and number.group(0).isdigit() and 0 < int(number.group(0)) < 120:
            age = int(number.group(0))
            msg.add("applicant_age", age, number.start(), number.end())
            msg.add("is_adult", age >= people.ADULT_AGE, number.start(), number.end())
            return
        answer = parse_yes_no(text)
        if answer is not None:
            msg.add("is_adult", answer, 0, len(text))
        return
    if asking == "legal_residence_years" and number:
        value = to_decimal(number.group(0))
        if value is not None:
            msg.add(asking, value, number.start(), number.end())
        return
    if asking == "refugee":
        answer = parse_yes_no(text)
        if answer is not None:
            msg.add("refugee", answer, 0, len(text))
        return
    if asking == "age_exception" and re.search(r"\b(?:nenhum\w*|nada disso|nao)\b", text):
        msg.add("age_exception", "none", 0, len(text))


_UNSURE_EXTRA = ("nao faco ideia", "nao faco a minima", "nao me lembro", "nao sei bem", "sei la",
                 "nao tenho ideia", "nao sabemos", "desconheco", "nao tenho como saber")


def _says_unsure(text: str) -> bool:
    return any(p in text for p in UNSURE + _UNSURE_EXTRA if p != "depende")
