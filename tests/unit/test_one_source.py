"""One source for every figure (issue 9): a legal figure shown to people comes
from the dated parameters (bot/rules/parameters/*.yaml through bot/figures.py),
never typed again in a text, so that a new Portaria changes one file.

What is checked, in the texts people see:
- domain.yml: every response text and button title (payloads are what the person
  "says" when pressing a button, read by the parsers, not shown);
- actions/*.py, and the texts of bot/ that reach people as they are (the document
  checklist, bot/documents.py; the notices, bot/rules/notices.py): every string
  literal except docstrings (f-string values are code).

A *figure* is a number followed by a unit of the law: %, €/euros, dia(s) [úteis],
mês/meses, ano(s), vezes, ×, kVA, also written as an ordinal ("11.º mês") or in
words from two up ("três meses", "primeiro ano"); and a bare number given for the
Azores and Madeira ("20 nas Regiões Autónomas"). "um"/"uma" are not read as
numbers: they are mostly articles ("um dia do mês").

Not figures of the law, so not looked for:
- text inside «…»: examples of what the person may type («2 anos», «650 €»);
- numbers without a unit: phone numbers (300 502 502), article and diploma numbers
  (art. 15.º, Lei n.º 13/2003), registration numbers (2026/000042), hours (9h-18h),
  identifier formats ("9 algarismos" of a NIF, "11 algarismos" of a NISS: a property
  of the number, not a legal figure that changes) and option numbers ("1 — …").
- ``{placeholders}``: filled from bot/figures.py.

Anything else found must be in NOT_LEGAL (a number that is not law, with the
reason). The list only shrinks: an entry that no longer matches a text fails the
test, so it is removed when the text changes. (The PENDING list of legal figures
still typed is gone: the form questions are asked by actions/questions.py with the
figures filled, and the actions and bot/documents.py render theirs.)
"""

from __future__ import annotations

import ast
import re
import string
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest
import yaml

from bot.figures import FilledChoices, FilledTexts, deadline_text, figures, render
from bot.rules import parameters

ROOT = Path(__file__).resolve().parents[2]
DOMAIN: dict[str, Any] = yaml.safe_load((ROOT / "domain.yml").read_text(encoding="utf-8"))

_NUMBER = r"\d+(?:[ \u00a0.]\d{3})*(?:,\d+)?"
_WORDS = (r"(?:dois|duas|três|quatro|cinco|seis|sete|oito|nove|dez|onze|doze|quinze|vinte|trinta|"
          r"quarenta|cinquenta|sessenta|noventa|cem|cento|primeir[oa]|segund[oa]|terceir[oa])")
_UNIT = r"(?:%|€|euros?\b|dias?\b|mês\b|meses\b|anos?\b|vezes\b|×|kVA\b)"
FIGURE = re.compile(
    rf"(?<![\w/])(?:{_NUMBER}(?:\.?º)?|{_WORDS})[\s\u00a0]*{_UNIT}"
    rf"|(?<![\w/]){_NUMBER}\s+(?:nas Regiões Autónomas|nos Açores)",
    re.IGNORECASE,
)
EXAMPLE = re.compile(r"«[^»]*»")
PLACEHOLDER = re.compile(r"\{([^{}\n]+)\}")

# (where, figure as written) -> why it is not a legal figure.
NOT_LEGAL: dict[tuple[str, str], str] = {
    # Buttons offered after failed answers: rough amounts to choose from, not limits.
    ("actions/eligibility.py", "500 €"): "answer button (salary / assets)",
    ("actions/eligibility.py", "900 €"): "answer button (salary)",
    ("actions/eligibility.py", "200 €"): "answer button (other income)",
    ("actions/eligibility.py", "400 €"): "answer button (other income)",
    ("actions/eligibility.py", "1 000 €"): "answer button (assets)",
    ("actions/eligibility.py", "30 000 €"): "answer button (assets)",
    ("actions/eligibility.py", "35000 €"): "payload of the «Mais de 30 000 €» button",
}

def figures_in(text: str) -> list[str]:
    """The figures written in ``text``, placeholders and «examples» left out."""
    text = EXAMPLE.sub("«»", PLACEHOLDER.sub("{}", text))
    return [match.group(0) for match in FIGURE.finditer(text)]


def response_texts() -> Iterator[tuple[str, str]]:
    """(response name, text shown) for every variant and button title of domain.yml."""
    for name, variants in DOMAIN["responses"].items():
        for variant in variants:
            yield name, variant.get("text") or ""
            for button in variant.get("buttons") or []:
                yield name, button.get("title") or ""


def _docstrings(tree: ast.AST) -> set[int]:
    found: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef):
            first = node.body[0] if node.body else None
            if isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant):
                found.add(id(first.value))
    return found


# Modules of bot/ whose strings are shown to people as written.
BOT_TEXT_MODULES = ("bot/documents.py", "bot/rules/notices.py")


def action_strings() -> Iterator[tuple[str, int, str]]:
    """(file, line, string) for every string literal of actions/*.py and of
    BOT_TEXT_MODULES but docstrings."""
    paths = [*sorted((ROOT / "actions").glob("*.py")), *(ROOT / name for name in BOT_TEXT_MODULES)]
    for path in paths:
        tree = ast.parse(path.read_text(encoding="utf-8"))
        docstrings = _docstrings(tree)
        for node in ast.walk(tree):
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in docstrings:
                yield str(path.relative_to(ROOT)), node.lineno, node.value


def found_figures() -> dict[tuple[str, str], list[str]]:
    """(where, figure) -> the places it was seen (for the failure message)."""
    found: dict[tuple[str, str], list[str]] = {}
    for name, text in response_texts():
        for figure in figures_in(text):
            found.setdefault((f"domain.yml:{name}", figure), []).append(text[:90])
    for where, line, text in action_strings():
        for figure in figures_in(text):
            found.setdefault((where, figure), []).append(f"line {line}: {text[:80]}")
    return found


# --------------------------------------------------------------------------- the scanner


@pytest.mark.parametrize("text, expected", [
    ("tem 10 dias úteis, 20 nas Regiões Autónomas", ["10 dias", "20 nas Regiões Autónomas"]),
    ("o limite é 60 vezes o IAS: 32 227,80 € em 2026", ["60 vezes", "32 227,80 €"]),
    ("contam 80\xa0%", ["80\xa0%"]),
    ("até ao fim do 11.º mês", ["11.º mês"]),
    ("os recibos dos últimos três meses; proteção no primeiro ano", ["três meses", "primeiro ano"]),
    ("(5 dias úteis, 10 nos Açores e na Madeira)", ["5 dias", "10 nos Açores"]),
    ("tem de ser até 6,9 kVA", ["6,9 kVA"]),
    ("tem {report_changes_deadline}; diga, por exemplo, «2 anos» ou «650 €»", []),
    ("Linha 300 502 502 (dias úteis, 9h-18h); Lei n.º 13/2003, art. 15.º; pedido 2026/000042", []),
    ("Tem 9 algarismos; um dia do mês; todos os anos", []),
])
def test_the_scanner_finds_figures_and_only_them(text: str, expected: list[str]) -> None:
    assert figures_in(text) == expected


# --------------------------------------------------------------------------- the texts


def test_no_legal_figure_is_typed_in_responses_or_actions() -> None:
    unexplained = {key: where for key, where in found_figures().items() if key not in NOT_LEGAL}
    assert not unexplained, (
        "legal figures typed in a text: write a {placeholder} from bot/figures.py "
        "(or, if the number is not law, add it to NOT_LEGAL with the reason):\n"
        + "\n".join(f"  {where} {figure!r}: {places}" for (where, figure), places in unexplained.items())
    )


def test_the_allow_list_names_only_figures_still_in_the_texts() -> None:
    found = found_figures()
    stale = sorted(key for key in NOT_LEGAL if key not in found)
    assert not stale, f"no longer in the texts, remove from NOT_LEGAL: {stale}"


def test_the_scan_reads_the_bot_texts() -> None:
    """bot/documents.py is scanned: its checklist once typed «três meses»."""
    scanned = {where for where, _, _ in action_strings()}
    assert set(BOT_TEXT_MODULES) <= scanned
    assert figures_in("recibos dos três meses anteriores") == ["três meses"]


def test_faq_answers_have_no_allowed_figures() -> None:
    """The FAQ answers are rendered by action_answer_faq: none of their numbers is let through."""
    assert not [key for key in NOT_LEGAL if key[0].startswith("domain.yml:utter_faq/")]


# --------------------------------------------------------------------------- placeholders


def _keywords_given_to_responses() -> dict[str, set[str]]:
    """response -> keyword names passed with it in ``utter_message(response=..., k=...)``
    calls of actions/*.py; ``**figures(...)`` gives every figure, and so do the
    action_ask_<slot> of actions/questions.py (their response is a class attribute)."""
    from actions import questions

    every_figure = set(figures(date(2026, 6, 1)))
    given: dict[str, set[str]] = {response: set(every_figure) for response in questions.RESPONSES}
    for path in (ROOT / "actions").glob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
                    and node.func.attr == "utter_message"):
                continue
            keywords = {k.arg: k.value for k in node.keywords}
            response = keywords.get("response")
            if not isinstance(response, ast.Constant) or not isinstance(response.value, str):
                continue  # computed names: the FAQ answers, checked below
            names = given.setdefault(response.value, set())
            for keyword in node.keywords:
                if keyword.arg is not None and keyword.arg != "response":
                    names.add(keyword.arg)
                elif (keyword.arg is None and isinstance(keyword.value, ast.Call)
                      and isinstance(keyword.value.func, ast.Name) and keyword.value.func.id == "figures"):
                    names |= every_figure
    return given


def _placeholders(text: str) -> set[str]:
    return {field for _, field, _, _ in string.Formatter().parse(text) if field}


@pytest.mark.parametrize("on", [date(2024, 3, 1), date(2026, 6, 1), date(2027, 2, 1)])
def test_every_faq_placeholder_is_a_figure(on: date) -> None:
    known = set(figures(on))
    for name, text in response_texts():
        if name.startswith("utter_faq/"):
            missing = _placeholders(text) - known
            assert not missing, f"{name} uses {sorted(missing)}, which bot.figures.figures() does not give"


def test_every_other_placeholder_is_given_by_its_action_or_a_slot() -> None:
    given = _keywords_given_to_responses()
    slots = set(DOMAIN["slots"])
    for name, text in response_texts():
        if name.startswith("utter_faq/"):
            continue
        missing = _placeholders(text) - slots - given.get(name, set())
        assert not missing, f"{name} uses {sorted(missing)}: no slot, and no action passes them"


def test_filled_text_tables_use_known_figures() -> None:
    """Tables of action texts with placeholders (FilledTexts) name only figures."""
    from actions import documents, eligibility

    known = set(figures(date(2026, 6, 1)))
    tables = {"actions.documents.HELP": documents.HELP, "actions.eligibility.HELP": eligibility.HELP}
    for table_name, table in tables.items():
        assert isinstance(table, FilledTexts)
        for key, texts in table.templates().items():
            for text in texts:
                assert _placeholders(text) <= known, f"{table_name}[{key!r}]: {_placeholders(text) - known}"
            assert all("{" not in text for text in table[key])


def test_filled_choices_use_known_figures() -> None:
    """Buttons offered after failed answers (FilledChoices): titles and payloads."""
    from actions import eligibility

    known = set(figures(date(2026, 6, 1)))
    assert isinstance(eligibility.CHOICES, FilledChoices)
    for key, pairs in eligibility.CHOICES.templates().items():
        for title, payload in pairs:
            assert _placeholders(title) | _placeholders(payload) <= known, key
        assert all("{" not in text for pair in eligibility.CHOICES[key] for text in pair)
    # The residence buttons follow the rule they name, and the answer sent is read as such.
    assert eligibility.CHOICES["legal_residence_years"][1] == ("1 ano ou mais", "1 ano")


def test_filled_choices_refuse_unknown_figures() -> None:
    table = FilledChoices({"q": [("{no_such_figure}", "x")]}, lambda: date(2026, 6, 1))
    with pytest.raises(RuntimeError):
        table.get("q")
    assert list(table) == ["q"] and len(table) == 1


# --------------------------------------------------------------------------- figures and parameters


def test_figures_are_written_the_portuguese_way() -> None:
    values = figures(date(2026, 6, 1))
    assert values["asset_limit"] == "32\xa0227,80\xa0€"
    assert values["asset_limit_in_ias"] == "60 vezes o IAS"
    assert values["other_adult_weight"] == "70\xa0%"
    assert values["employment_income_weight"] == "80\xa0%"
    assert values["missing_documents_deadline"] == "10 dias úteis"
    assert values["missing_documents_deadline_regional"] == "20 dias úteis"
    assert values["renewal_start_month"] == "2.º mês"
    assert values["insertion_contract_report_month"] == "11.º mês"
    assert values["social_tariff_max_power"] == "6,9 kVA"
    assert values["psu_date"] == "31 de dezembro de 2026"


def test_figures_follow_the_date() -> None:
    assert figures(date(2024, 6, 1))["asset_limit"] == "30\xa0555,60\xa0€"  # 60 × 509,26
    assert figures(date(2026, 6, 1))["ias_year"] == "2026"
    # After the last known year the latest IAS is used, and the text says which year.
    assert figures(date(2027, 6, 1))["ias_year"] == "2026"


def test_render_fills_placeholders_and_refuses_unknown_ones() -> None:
    assert render("até {missing_documents_deadline}", date(2026, 6, 1)) == "até 10 dias úteis"
    with pytest.raises(KeyError):
        render("{no_such_figure}", date(2026, 6, 1))
    table = FilledTexts({"q": ("{no_such_figure}",)}, lambda: date(2026, 6, 1))
    with pytest.raises(RuntimeError):
        table.get("q")  # not swallowed as a missing entry


def _parameters_of(*files: str) -> list[str]:
    names: list[str] = []
    for file in files:
        doc = yaml.safe_load((ROOT / "bot/rules/parameters" / file).read_text(encoding="utf-8"))
        names += sorted(doc["parameters"])
    return names


ANSWER_PARAMETERS = _parameters_of("answers.yaml")
# Files whose every parameter says its status and reference; numbers also their unit.
DOCUMENTED_PARAMETERS = _parameters_of("answers.yaml", "deadlines.yaml", "eligibility.yaml")
# Not a number: no unit to state (texts; a mapping of ages and situations).
WITHOUT_UNIT = frozenset({"counting.rules", "minimum_age.exceptions", "residence_basic",
                          "employment_centre_registration", "employment_centre_registration.exemptions"})


@pytest.mark.parametrize("name", ANSWER_PARAMETERS)
def test_quoted_parameters_say_their_unit_status_and_reference(name: str) -> None:
    param = parameters.latest(name)
    assert param.unit, name
    assert param.status in ("verified", "unverified"), name
    assert param.reference is not None and param.reference.title, name


@pytest.mark.parametrize("name", DOCUMENTED_PARAMETERS)
def test_every_value_says_its_status_and_reference(name: str) -> None:
    """Every dated value, not only the latest: an old value may be shown for an old date."""
    series = parameters._series(name)
    assert (series.unit is not None) != (name in WITHOUT_UNIT), name
    for value in series.values:
        assert value.status in ("verified", "unverified"), (name, value.effective)
        assert value.reference is not None and value.reference.title, (name, value.effective)


@pytest.mark.parametrize("name", [n for n in _parameters_of("deadlines.yaml") if n.startswith("deadline.")])
def test_a_deadline_states_the_unit_its_value_counts_in(name: str) -> None:
    """The parameter's unit repeats the unit inside the value (what the calendar counts):
    they must not drift apart."""
    for value in parameters._series(name).values:
        assert value.unit == value.value["unit"], (name, value.effective)


def test_certificate_deadlines_are_rendered_from_their_parameters() -> None:
    on = date(2026, 6, 1)
    assert deadline_text("certificate", on) == figures(on)["certificate_deadline"] == "10 dias úteis"
    assert figures(on)["certificate_electronic_deadline"] == "3 dias úteis"
    assert deadline_text("missing_documents", on, regional=True) == "20 dias úteis"


def test_the_age_figures_come_from_the_eligibility_parameters() -> None:
    values = figures(date(2026, 6, 1))
    assert values["minimum_age"] == "18 anos"
    assert values["union_period"] == "2 anos"
    assert values["residence_period_other"] == "1 ano"


def test_a_reference_is_structured_and_can_stand_for_the_legal_basis() -> None:
    from bot.rules.parameters import Reference, _legal_basis, _reference

    ref = _reference({"title": "Portaria n.º 257/2012", "article": "art. 20.º, n.º 2",
                      "date": date(2017, 8, 8)}, "x")
    assert ref == Reference("Portaria n.º 257/2012", "art. 20.º, n.º 2", date(2017, 8, 8))
    assert _legal_basis({}, ref, "x") == "Portaria n.º 257/2012, art. 20.º, n.º 2"
    assert _legal_basis({"legal_basis": "Lei n.º 13/2003"}, ref, "x") == "Lei n.º 13/2003"
    assert _reference(None, "x") is None  # optional: older files have none
    for bad in ({"article": "art. 1.º"}, {"title": "T", "page": 3}, {"title": "T", "date": "2017"}):
        with pytest.raises(ValueError):
            _reference(bad, "x")
    with pytest.raises(ValueError):
        _legal_basis({}, None, "x")
