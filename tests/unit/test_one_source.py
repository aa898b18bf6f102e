"""One source for every figure (issue 9): a legal figure shown to people comes
from the dated parameters (bot/rules/parameters/*.yaml through bot/figures.py),
never typed again in a text, so that a new Portaria changes one file.

What is checked, in the texts people see:
- domain.yml: every response text and button title (payloads are what the person
  "says" when pressing a button, read by the parsers, not shown);
- actions/*.py: every string literal except docstrings (f-string values are code).

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
reason) or in PENDING (a legal figure still typed, in a text this change could
not render; each entry says why). Both lists only shrink: an entry that no longer
matches a text fails the test, so it is removed when the text is fixed.
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

from bot.figures import FilledTexts, figures, render
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

# (where, figure) -> why it is still typed. Legal figures outside this change
# (issue 9, «one source for every figure»): to be rendered with bot.figures.
_FORM_QUESTION = ("form question: Rasa fills utter_ask_* from slots only; needs an "
                  "action_ask_<slot> uttering it with figures(), or the figures as slots")
PENDING: dict[tuple[str, str], str] = {
    ("domain.yml:utter_ask_adults", "18 anos"): _FORM_QUESTION,
    ("domain.yml:utter_ask_minors", "18 anos"): _FORM_QUESTION,
    ("domain.yml:utter_ask_is_adult", "18 anos"): _FORM_QUESTION,
    ("domain.yml:utter_ask_age_exception", "18 anos"): _FORM_QUESTION,
    ("domain.yml:utter_ask_age_exception", "2 anos"): _FORM_QUESTION + " (union for 2+ years)",
    ("domain.yml:utter_ask_cert_delivery", "3 dias"): _FORM_QUESTION + " (deadline.certificate_electronic)",
    ("domain.yml:utter_ask_cert_delivery", "10 dias"): _FORM_QUESTION + " (deadline.certificate)",
    ("actions/certificates.py", "3 dias"): "receipt: deadline.certificate_electronic",
    ("actions/certificates.py", "10 dias"): "receipt: deadline.certificate",
    ("actions/eligibility.py", "100 %"): "HELP: equivalence_scale.applicant",
    ("actions/eligibility.py", "70 %"): "HELP: equivalence_scale.other_adult",
    ("actions/eligibility.py", "50 %"): "HELP: equivalence_scale.minor",
    ("actions/eligibility.py", "80 %"): "HELP: employment_income_weight",
    ("actions/eligibility.py", "60 vezes"): "HELP: asset_limit_ias_multiple",
    ("actions/eligibility.py", "18 anos"): "HELP: minimum_age",
    ("actions/eligibility.py", "2 anos"): "HELP: union for 2+ years (minimum_age.exceptions)",
    ("actions/eligibility.py", "1 ano"): "HELP and CHOICES: residence_min_years_other",
    ("actions/facts.py", "2 anos"): "summary: union for 2+ years (minimum_age.exceptions)",
    ("actions/facts.py", "18 anos"): "summary: minimum_age",
    ("actions/reading.py", "18 anos"): "stated assumption: minimum_age",
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


def action_strings() -> Iterator[tuple[str, int, str]]:
    """(file, line, string) for every string literal of actions/*.py but docstrings."""
    for path in sorted((ROOT / "actions").glob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        docstrings = _docstrings(tree)
        for node in ast.walk(tree):
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in docstrings:
                yield f"actions/{path.name}", node.lineno, node.value


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
    unexplained = {key: where for key, where in found_figures().items()
                   if key not in NOT_LEGAL and key not in PENDING}
    assert not unexplained, (
        "legal figures typed in a text: write a {placeholder} from bot/figures.py "
        "(or, if the number is not law, add it to NOT_LEGAL with the reason):\n"
        + "\n".join(f"  {where} {figure!r}: {places}" for (where, figure), places in unexplained.items())
    )


def test_the_allow_lists_name_only_figures_still_in_the_texts() -> None:
    found = found_figures()
    stale = sorted(key for key in (*NOT_LEGAL, *PENDING) if key not in found)
    assert not stale, f"no longer in the texts, remove from NOT_LEGAL/PENDING: {stale}"


def test_faq_answers_have_no_pending_figures() -> None:
    """The FAQ answers are rendered by action_answer_faq: nothing of theirs may wait."""
    assert not [key for key in PENDING if key[0].startswith("domain.yml:utter_faq/")]
    assert not [key for key in NOT_LEGAL if key[0].startswith("domain.yml:utter_faq/")]


# --------------------------------------------------------------------------- placeholders


def _keywords_given_to_responses() -> dict[str, set[str]]:
    """response -> keyword names passed with it in ``utter_message(response=..., k=...)``
    calls of actions/*.py; ``**figures(...)`` gives every figure."""
    given: dict[str, set[str]] = {}
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
                    names |= set(figures(date(2026, 6, 1)))
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
    from actions import documents

    known = set(figures(date(2026, 6, 1)))
    tables = {"actions.documents.HELP": documents.HELP}
    for table_name, table in tables.items():
        assert isinstance(table, FilledTexts)
        for key, texts in table.templates().items():
            for text in texts:
                assert _placeholders(text) <= known, f"{table_name}[{key!r}]: {_placeholders(text) - known}"
            assert all("{" not in text for text in table[key])


# --------------------------------------------------------------------------- figures and parameters


def test_figures_are_written_the_portuguese_way() -> None:
    values = figures(date(2026, 6, 1))
    assert values["asset_limit"] == "32\xa0227,80\xa0€"
    assert values["asset_limit_ias_multiple"] == "60"
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


ANSWER_PARAMETERS = [name for name in parameters.names()
                     if name in yaml.safe_load((ROOT / "bot/rules/parameters/answers.yaml")
                                               .read_text(encoding="utf-8"))["parameters"]]


@pytest.mark.parametrize("name", ANSWER_PARAMETERS)
def test_quoted_parameters_say_their_unit_status_and_reference(name: str) -> None:
    param = parameters.latest(name)
    assert param.unit, name
    assert param.status in ("verified", "unverified"), name
    assert param.reference is not None and param.reference.title, name


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
