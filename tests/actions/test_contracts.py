"""Contracts between the Python actions and the domain/rules: every slot the
code reads or writes exists in domain.yml, and every intent the rules answer
inside a form is one the form lets go (never read as an answer)."""

from __future__ import annotations

import re
from pathlib import Path

import yaml

from actions import eligibility, reading
from actions.common import NOT_AN_ANSWER

ROOT = Path(__file__).resolve().parents[2]
DOMAIN = yaml.safe_load((ROOT / "domain.yml").read_text(encoding="utf-8"))
SLOTS = set(DOMAIN["slots"]) | {"requested_slot"}


def _slot_names_in_code() -> set[str]:
    names: set[str] = set()
    pattern = re.compile(r"""(?:get_slot|SlotSet)\(\s*["']([a-z_]+)["']""")
    for path in (ROOT / "actions").glob("*.py"):
        names |= set(pattern.findall(path.read_text(encoding="utf-8")))
    return names


def test_every_slot_named_in_the_actions_exists_in_the_domain():
    missing = _slot_names_in_code() - SLOTS
    assert not missing, f"slots used in actions/ but not in domain.yml: {sorted(missing)}"


def test_the_answer_reader_and_the_form_tables_use_domain_slots():
    tables = {
        "FACT_SLOTS": set(reading.FACT_SLOTS), "INFO_SLOTS": set(reading.INFO_SLOTS),
        "ASSUMPTIONS": set(reading.ASSUMPTIONS), "HELP": set(eligibility.HELP),
        "CHOICES": set(eligibility.CHOICES), "PARSERS": set(eligibility.PARSERS),
    }
    for name, slots in tables.items():
        assert slots <= SLOTS, f"{name} names unknown slots: {sorted(slots - SLOTS)}"
    form = set(DOMAIN["forms"]["eligibility_form"]["required_slots"])
    assert set(reading.FACT_SLOTS) <= form
    assert set(eligibility.HELP) == form, "every question needs its re-prompt and explanation"


def _side_intents(form: str) -> set[str]:
    intents: set[str] = set()
    for path in (ROOT / "data" / "rules").glob("*.yml"):
        for rule in yaml.safe_load(path.read_text(encoding="utf-8")).get("rules", []):
            if {"active_loop": form} not in (rule.get("condition") or []):
                continue
            intents |= {step["intent"] for step in rule["steps"] if "intent" in step}
    return intents


def test_side_question_rules_of_the_eligibility_form_match_what_the_form_lets_go():
    side = _side_intents("eligibility_form")
    assert side, "no side-question rules found"
    assert side <= NOT_AN_ANSWER, f"rules answer intents the form would read as answers: {side - NOT_AN_ANSWER}"


def test_every_faq_answer_has_a_suggestion_button_and_a_response():
    from actions.core import FAQ_QUESTIONS

    responses = {name[len("utter_"):] for name in DOMAIN["responses"] if name.startswith("utter_faq/")}
    assert set(FAQ_QUESTIONS) == responses
