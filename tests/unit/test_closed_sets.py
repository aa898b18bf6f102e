"""Closed sets defined once (issue 9): regions, nationalities, document types,
delivery methods, channels, request statuses, age exceptions and work situations
live in ``bot.closed_sets``; everything else takes its values from there.

Checked here:
- the values still equal what the store's migrations created (they are stored,
  and a migration never changes with the code), and the models' CHECK
  constraints come from the enums;
- the dicts keyed by a set (labels, holidays subdivisions, transitions) cover it
  exactly, the command line offers exactly the set, and the readers of free
  text only give its values;
- every value the code puts in a slot of ``domain.yml`` that holds a set, or
  compares such a slot with, is one of its values;
- no module but ``bot.closed_sets`` spells out a whole set again.
"""

from __future__ import annotations

import ast
import importlib
import inspect
import re
import textwrap
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest
import yaml
from rasa_sdk import Tracker
from sqlalchemy import CheckConstraint
from sqlalchemy import inspect as sql_inspect

from bot import calendar
from bot.certificates import DOCUMENT_TYPES
from bot.cli import build_parser
from bot.closed_sets import (
    AgeException,
    Channel,
    ClosedSet,
    DeliveryMethod,
    DocumentType,
    Nationality,
    Region,
    RequestStatus,
    WorkSituation,
)
from bot.errors import InputError
from bot.parsing.certificates import parse_delivery, parse_document_type
from bot.parsing.facts import read_facts
from bot.parsing.people import parse_nationality, parse_region
from bot.rules import Household, parameters
from bot.rules import model as rules_model
from bot.rules.eligibility import (
    _AGE_EXCEPTION_REASONS,
    _EXEMPTION_REASONS,
    age_exceptions,
    minimum_age,
)
from bot.store import cli as store_cli
from bot.store.db import make_engine, migrate
from bot.store.models import RequestRow
from bot.store.requests import DOCUMENT_LABELS, STATUS_LABELS, TRANSITIONS

ROOT = Path(__file__).resolve().parents[2]
DOMAIN: dict[str, Any] = yaml.safe_load((ROOT / "domain.yml").read_text(encoding="utf-8"))
SETS: tuple[type[ClosedSet], ...] = (
    Region, Nationality, DocumentType, DeliveryMethod, Channel, RequestStatus, AgeException, WorkSituation,
)
ON = date(2026, 6, 1)

# --------------------------------------------------------------------------- the enums


def test_every_closed_set_is_here_and_its_codes_are_plain_lowercase_words():
    assert set(ClosedSet.__subclasses__()) == set(SETS)
    for closed_set in SETS:
        values = closed_set.values()
        assert len(values) == len(set(values)) >= 2, closed_set
        assert all(re.fullmatch(r"[a-z][a-z_]*", v) for v in values), closed_set


def test_members_behave_as_their_stored_string():
    # The code relies on this: dicts keyed by members are read with the strings
    # that come from slots and from the database, and f-strings show the code.
    assert Region.ACORES == "acores" and str(Region.ACORES) == "acores" and f"{Region.ACORES}" == "acores"
    assert calendar.REGIONS["acores"] == "20" and STATUS_LABELS["in_progress"] == "em tratamento"
    assert "sent" in TRANSITIONS["issued"] and "registered" not in TRANSITIONS["issued"]
    assert Region.has("madeira") and not Region.has("Madeira") and not Region.has(None) and not Region.has(["acores"])
    assert Region.listed() == "continente, acores ou madeira"
    assert DeliveryMethod.listed("e") == "email e post"


def test_work_situation_is_still_importable_from_the_rules_model():
    assert rules_model.WorkSituation is WorkSituation
    assert rules_model.WORK_SITUATIONS == WorkSituation.values()
    assert rules_model.NATIONALITIES == Nationality.values()


# --------------------------------------------------------------------------- the store

# Column of certificate_requests -> set its CHECK constraint allows.
STORED = {
    "document_type": DocumentType,
    "delivery": DeliveryMethod,
    "channel": Channel,
    "status": RequestStatus,
    "region": Region,
}


def _allowed(sqltext: str) -> tuple[str, str, ...]:
    """"region IN ('continente', 'acores')" -> ("region", "continente", "acores")."""
    match = re.fullmatch(r"\(?\s*(\w+) IN \((.*)\)\s*\)?", sqltext.strip())
    assert match, sqltext
    return (match.group(1), *re.findall(r"'([^']*)'", match.group(2)))


def _one_of_constraints(constraints: list[tuple[str, str]]) -> dict[str, tuple[str, ...]]:
    found = {}
    for name, sqltext in constraints:
        if " IN " in sqltext:
            column, *values = _allowed(sqltext)
            assert name.endswith(column), (name, sqltext)
            found[column] = tuple(values)
    return found


def test_the_models_constraints_are_the_enums():
    constraints = [(c.name, str(c.sqltext)) for c in RequestRow.__table__.constraints
                   if isinstance(c, CheckConstraint)]
    assert _one_of_constraints(constraints) == {column: s.values() for column, s in STORED.items()}


def test_the_enums_are_what_the_migrations_created(tmp_path):
    """The migrations keep frozen copies of the values; a database migrated to
    head must allow exactly the enums' values (a new value needs a migration)."""
    engine = make_engine(f"sqlite:///{tmp_path / 'requests.db'}")
    try:
        migrate(engine)
        checks = sql_inspect(engine).get_check_constraints("certificate_requests")
    finally:
        engine.dispose()
    found = _one_of_constraints([(c["name"], c["sqltext"]) for c in checks])
    assert {column: set(values) for column, values in found.items()} == {
        column: set(s.values()) for column, s in STORED.items()
    }
    status_events = RequestRow.__table__.metadata.tables["request_status_events"]
    assert status_events.c.status.type.length >= max(len(v) for v in RequestStatus.values())
    for column, closed_set in STORED.items():
        length = RequestRow.__table__.c[column].type.length
        assert length >= max(len(v) for v in closed_set.values()), column


# --------------------------------------------------------------------------- dicts keyed by a set


def test_dicts_keyed_by_a_set_cover_it_exactly():
    assert tuple(DOCUMENT_TYPES) == DocumentType.values()  # also the order of the numbered options
    assert set(DOCUMENT_LABELS) == set(DocumentType)
    assert set(STATUS_LABELS) == set(RequestStatus) == set(TRANSITIONS)
    assert all(targets <= set(RequestStatus) for targets in TRANSITIONS.values())
    assert set(calendar.REGIONS) == set(calendar.REGION_LABELS) == set(Region)
    assert set(_AGE_EXCEPTION_REASONS) == set(AgeException) - {AgeException.NONE}
    assert set(_EXEMPTION_REASONS) <= set(WorkSituation)


def test_dicts_of_the_actions_cover_the_sets():
    labels = importlib.import_module("bot.fact_labels")
    reading = importlib.import_module("actions.reading")
    certificates = importlib.import_module("actions.certificates")
    assert set(labels.NATIONALITY_LABELS) == set(Nationality.values())
    assert set(labels.AGE_EXCEPTION_LABELS) == set(AgeException.values())
    # every answer to the IEFP question has its words: yes, no, and each situation
    assert set(WorkSituation.values()) | {True, False, "not_applicable", labels.EXEMPT_BY_AGE} \
        == set(labels.EMPLOYMENT_CENTRE_LABELS)
    assert AgeException.has(reading.ASSUMPTIONS["age_exception"])
    assert set(certificates.DELIVERY_LABELS) == set(DeliveryMethod)
    # Every channel a request can be made on, and only those.
    assert set(certificates.STORE_CHANNELS.values()) == set(Channel.values())
    assert Channel.has(certificates.store_channel(None)) and Channel.has(certificates.store_channel("other"))
    assert set(certificates.OPEN_STATUSES) < set(RequestStatus)


def test_the_exempting_situations_of_the_parameters_are_work_situations():
    situations = parameters.get("employment_centre_registration.exemptions", ON).value["situations"]
    assert situations and all(WorkSituation.has(s) for s in situations), situations


def test_each_age_exception_lets_a_minor_apply_and_none_does_not():
    for exception, field in ((AgeException.PREGNANT, "pregnant"), (AgeException.UNION, "married_or_union_2y"),
                             (AgeException.DEPENDENTS, "has_dependents")):
        household = Household(adults=1, age=17, **{field: True})
        assert age_exceptions(household) == [exception]
        assert minimum_age(household, ON, []).passed is True
    household = Household(adults=1, age=17)
    assert age_exceptions(household) == [] and minimum_age(household, ON, []).passed is False


# --------------------------------------------------------------------------- the command lines


def _choices(parser, command: str, option: str) -> tuple[Any, Any]:
    sub = next(a for a in parser._actions if a.dest == "command")
    action = next(a for a in sub.choices[command]._actions if option in a.option_strings)
    return action.choices, action.default


def test_the_command_line_offers_exactly_the_sets_as_plain_strings():
    parser = build_parser()
    for command in ("simulate", "documents"):
        assert _choices(parser, command, "--nationality") == (Nationality.values(), "pt")
        choices, default = _choices(parser, command, "--work-situation")
        assert choices == WorkSituation.values() and default is None
    assert _choices(parser, "deadline", "--region") == (Region.values(), "continente")
    assert all(type(v) is str for v in (*Nationality.values(), *Region.values(), *WorkSituation.values()))
    # argparse shows the choices with repr(): plain strings, not members.
    with pytest.raises(InputError, match=r"'pt', 'eu', 'other'"):
        build_parser().parse_args(["simulate", "--date", "2026-01-01", "--adults", "1", "--nationality", "br"])
    with pytest.raises(InputError, match=r"'continente', 'acores', 'madeira'"):
        build_parser().parse_args(["deadline", "--from", "2026-01-05", "--days", "3", "--region", "lisboa"])


def test_the_store_command_line_takes_exactly_the_statuses():
    assert store_cli.STATUSES == RequestStatus.values()
    assert [store_cli._status(v) for v in RequestStatus.values()] == list(RequestStatus.values())
    with pytest.raises(InputError, match="registered, in_progress, issued, sent, refused"):
        store_cli._status("closed")


# --------------------------------------------------------------------------- readers of free text

REGION_PHRASES = {
    "Açores": Region.ACORES, "moro em Ponta Delgada": Region.ACORES, "ilha das Flores": Region.ACORES,
    "Madeira": Region.MADEIRA, "Funchal": Region.MADEIRA, "Porto Santo": Region.MADEIRA,
    "continente": Region.CONTINENTE, "Lisboa": Region.CONTINENTE, "Santa Maria da Feira": Region.CONTINENTE,
}
NATIONALITY_PHRASES = {
    "portuguesa": Nationality.PT, "portugesa": Nationality.PT, "sou francês": Nationality.EU,
    "da UE": Nationality.EU, "suíça": Nationality.EU, "sou brasileiro": Nationality.OTHER,
    "não sou portuguesa, sou brasileira": Nationality.OTHER, "ucraniana": Nationality.OTHER,
}
DOCUMENT_PHRASES = {
    "declaração de situação contributiva": DocumentType.DECLARACAO_SITUACAO_CONTRIBUTIVA,
    "quero saber se tenho dívidas": DocumentType.DECLARACAO_SITUACAO_CONTRIBUTIVA,
    "uma declaração do que recebo": DocumentType.DECLARACAO_PRESTACOES,
    "certidão do meu requerimento": DocumentType.CERTIDAO_REQUERIMENTO,
}
DELIVERY_PHRASES = {
    "por e-mail": DeliveryMethod.EMAIL, "para o mail": DeliveryMethod.EMAIL,
    "pelo correio": DeliveryMethod.POST, "em papel para casa": DeliveryMethod.POST,
}


@pytest.mark.parametrize(("reader", "phrases"), [
    (parse_region, REGION_PHRASES),
    (parse_nationality, NATIONALITY_PHRASES),
    (parse_document_type, DOCUMENT_PHRASES),
    (parse_delivery, DELIVERY_PHRASES),
], ids=["region", "nationality", "document_type", "delivery"])
def test_readers_give_every_value_of_their_set_and_only_those(reader, phrases):
    closed_set = type(next(iter(phrases.values())))
    read = {text: reader(text) for text in phrases}
    assert read == phrases
    assert all(type(v) is str for v in read.values())  # slot values stay plain strings
    assert set(read.values()) == set(closed_set), "a value of the set is never read"


def test_numbered_document_options_follow_the_set():
    assert [parse_document_type(n, allow_number=True) for n in ("1", "2", "3")] == list(DocumentType.values())


FACT_MESSAGES = [
    ("sou brasileira e vivo nos Açores", None),
    ("somos portugueses, moramos no Funchal", None),
    ("sou francês e moro em Lisboa", None),
    ("tenho 17 anos e estou grávida", None),
    ("sou casada há 3 anos", "age_exception"),
    ("tenho um filho a meu cargo", "age_exception"),
    ("nenhuma", "age_exception"),
    ("estou a trabalhar", "employment_centre_registered"),
    ("não estou inscrita, cuido da minha mãe", "employment_centre_registered"),
    ("estou reformado", "employment_centre_registered"),
]
# employment_centre_registered: yes/no, a work situation, or one of these.
EMPLOYMENT_CENTRE_OTHERS = {"exempt_by_age", "not_applicable"}


def test_facts_read_from_messages_are_values_of_their_sets():
    seen: dict[str, set[Any]] = {}
    for text, asking in FACT_MESSAGES:
        for fact in read_facts(text, asking=asking, on=ON):
            seen.setdefault(fact.slot, set()).add(fact.value)
    assert seen["nationality"] == set(Nationality.values())
    assert seen["region"] == {Region.ACORES, Region.MADEIRA, Region.CONTINENTE}
    assert seen["age_exception"] == set(AgeException.values())
    situations = {v for v in seen["employment_centre_registered"] if isinstance(v, str)}
    assert situations and all(WorkSituation.has(v) or v in EMPLOYMENT_CENTRE_OTHERS for v in situations)
    assert {WorkSituation.WORKING, WorkSituation.CARER, WorkSituation.RETIRED} <= situations


def _tracker(text: str) -> Tracker:
    latest = {"text": text, "intent": {"name": "inform", "confidence": 0.9}, "entities": []}
    slots = {name: None for name in DOMAIN["slots"]}
    return Tracker("closed-sets", slots, latest, [{"event": "user", "text": text, "parse_data": latest}],
                   False, None, {"name": "eligibility_form"}, "action_listen")


def test_the_eligibility_forms_readers_give_values_of_their_sets():
    parsers = importlib.import_module("actions.eligibility").PARSERS
    answers = {
        "age_exception": ["estou grávida", "sou casado", "tenho dependentes a meu cargo", "nenhuma"],
        "nationality": ["portuguesa", "sou espanhola", "sou angolano"],
    }
    for slot, closed_set in (("age_exception", AgeException), ("nationality", Nationality)):
        read = {parsers[slot](text, _tracker(text)) for text in answers[slot]}
        assert read == set(closed_set.values()), slot


# --------------------------------------------------------------------------- slots of domain.yml

# Slot -> the set its values come from.
SLOT_SETS: dict[str, type[ClosedSet]] = {
    "nationality": Nationality,
    "region": Region,
    "age_exception": AgeException,
    "cert_document_type": DocumentType,
    "cert_delivery": DeliveryMethod,
    "employment_centre_registered": WorkSituation,
}
# Values a slot holds besides its set's (the IEFP answer is also yes/no or these).
SLOT_EXTRAS: dict[str, set[str]] = {"employment_centre_registered": EMPLOYMENT_CENTRE_OTHERS}


def test_the_slots_holding_a_set_are_declared_and_any_categorical_values_are_the_set():
    slots = DOMAIN["slots"]
    for slot, closed_set in SLOT_SETS.items():
        assert slot in slots, slot
        if slots[slot]["type"] == "categorical":
            assert set(map(str, slots[slot]["values"])) == set(closed_set.values()) | SLOT_EXTRAS.get(slot, set())
        else:
            # Free slots: filled by the actions, whose values are checked below.
            assert slots[slot]["type"] == "any", slot


def _python_files() -> Iterator[Path]:
    yield from sorted((ROOT / "actions").rglob("*.py"))
    yield from sorted(p for p in (ROOT / "bot").rglob("*.py") if "migrations" not in p.parts)


def _str(node: ast.AST | None) -> str | None:
    return node.value if isinstance(node, ast.Constant) and isinstance(node.value, str) else None


def _code(node: ast.AST | None) -> str | None:
    """A string literal shaped like a code ("pregnant", "in_progress"), not a text."""
    value = _str(node)
    return value if value is not None and re.fullmatch(r"[a-z][a-z_]*", value) else None


def _slot_read(node: ast.AST) -> str | None:
    """``tracker.get_slot("region")`` -> "region"."""
    if (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "get_slot"
            and node.args):
        return _str(node.args[0])
    return None


def _returned_strings(function: Any) -> list[str]:
    try:
        tree = ast.parse(textwrap.dedent(inspect.getsource(function)))
    except (OSError, TypeError):
        return []
    return [v for n in ast.walk(tree) if isinstance(n, ast.Return) and (v := _str(n.value)) is not None]


def slot_values_in_code(tree: ast.AST, resolve: Any = None) -> Iterator[tuple[str, str, int]]:
    """(slot, string, line) for each string literal the code puts in a slot or compares it with:
    ``f("slot", "value")`` calls (SlotSet, accept, add), ``{"slot": "value"}``,
    ``get_slot("slot") == "value"`` or ``in ("a", "b")`` (also through a variable assigned
    from ``get_slot``), and the literals returned by a reader in ``{"slot": reader}``
    (``resolve(name)`` gives the module's object of that name)."""
    from_slot: dict[str, str] = {}  # variable name -> slot it was read from (per module: names are short-lived)
    for node in ast.walk(tree):
        if isinstance(node, ast.Assign) and len(node.targets) == 1 and isinstance(node.targets[0], ast.Name):
            slot = _slot_read(node.value)
            if slot:
                from_slot[node.targets[0].id] = slot
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and len(node.args) >= 2:
            slot, value = _str(node.args[0]), _str(node.args[1])
            if slot in SLOT_SETS and value is not None:
                yield slot, value, node.lineno
        elif isinstance(node, ast.Dict):
            for key, value in zip(node.keys, node.values, strict=True):
                slot = _str(key)
                if slot not in SLOT_SETS:
                    continue
                if _code(value) is not None:  # texts keyed by slot (questions, help) are not values
                    yield slot, _code(value), value.lineno
                elif isinstance(value, ast.Name) and resolve is not None:
                    for returned in _returned_strings(resolve(value.id)):
                        yield slot, returned, value.lineno
        elif isinstance(node, ast.Compare) and len(node.ops) == 1:
            left = node.left
            slot = _slot_read(left) or (from_slot.get(left.id) if isinstance(left, ast.Name) else None)
            if slot not in SLOT_SETS:
                continue
            right = node.comparators[0]
            items = right.elts if isinstance(right, (ast.Tuple, ast.List, ast.Set)) else [right]
            for item in items:
                if _str(item) is not None:
                    yield slot, _str(item), node.lineno


def _allowed_in_slot(slot: str, value: str) -> bool:
    return SLOT_SETS[slot].has(value) or value in SLOT_EXTRAS.get(slot, set())


def test_the_slot_scanner_finds_a_wrong_value():
    code = textwrap.dedent('''
        def f(tracker, msg):
            exception = tracker.get_slot("age_exception")
            if exception == "pregnat" or tracker.get_slot("region") in ("acores", "azores"):
                msg.add("nationality", "br", 0, 1)
            return {"cert_delivery": "fax"}
    ''')
    wrong = {(s, v) for s, v, _ in slot_values_in_code(ast.parse(code)) if not _allowed_in_slot(s, v)}
    assert wrong == {("age_exception", "pregnat"), ("region", "azores"), ("nationality", "br"),
                     ("cert_delivery", "fax")}


def test_every_value_the_code_puts_in_a_slot_is_one_of_its_set():
    found, wrong = 0, []
    for path in _python_files():
        relative = path.relative_to(ROOT)
        name = ".".join(relative.with_suffix("").parts).removesuffix(".__init__")

        def resolve(attribute: str, name: str = name) -> Any:
            # Imported only when a reader is named: some modules run on import (bot/__main__.py).
            return getattr(importlib.import_module(name), attribute, None)

        for slot, value, line in slot_values_in_code(ast.parse(path.read_text(encoding="utf-8")), resolve):
            found += 1
            if not _allowed_in_slot(slot, value):
                wrong.append(f"{relative}:{line}: {slot} = {value!r}")
    assert found >= 10, "the scan no longer sees the slot values"
    assert wrong == []


# --------------------------------------------------------------------------- defined once

# Whole sets still spelled out in files of other engineers' current work, to be
# replaced with the enums there. The list only shrinks: an entry that no longer
# matches fails the test, so it is removed when the file changes.
NOT_YET: set[tuple[str, str]] = set()


def whole_sets_spelled(tree: ast.AST) -> Iterator[tuple[str, int]]:
    """(set name, line) of each tuple, list, set or dict literal holding every value of a set."""
    for node in ast.walk(tree):
        if isinstance(node, (ast.Tuple, ast.List, ast.Set)):
            items = node.elts
        elif isinstance(node, ast.Dict):
            items = [k for k in node.keys if k is not None]
        else:
            continue
        strings = {s for s in map(_str, items) if s is not None}
        for closed_set in SETS:
            if set(closed_set.values()) <= strings:
                yield closed_set.__name__, node.lineno


def test_the_spelling_scanner_finds_a_set_written_again():
    code = 'REGIONS = ("continente", "acores", "madeira")\nLABELS = {"email": 1, "post": 2}\nOK = ("pt", "eu")'
    assert [name for name, _ in whole_sets_spelled(ast.parse(code))] == ["Region", "DeliveryMethod"]


def test_no_module_but_the_enums_spells_out_a_whole_set():
    found = set()
    for path in _python_files():
        relative = path.relative_to(ROOT).as_posix()
        if relative == "bot/closed_sets.py":
            continue
        for name, line in whole_sets_spelled(ast.parse(path.read_text(encoding="utf-8"))):
            if (relative, name) not in NOT_YET:
                pytest.fail(f"{relative}:{line} spells out {name}: use bot.closed_sets.{name}")
            found.add((relative, name))
    assert NOT_YET <= found, f"no longer spelled out, remove from NOT_YET: {sorted(NOT_YET - found)}"
