"""action_answer_faq: the answer the response selector chose, with the legal
figures of the day filled in from the parameters (bot/figures.py)."""

from __future__ import annotations

import asyncio
from datetime import date
from pathlib import Path
from typing import Any

import pytest
import yaml
from journey_helpers import DOMAIN, make_tracker
from rasa.core.nlg.interpolator import interpolate_text
from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions import faq
from actions.core import FAQ_QUESTIONS

ROOT = Path(__file__).resolve().parents[2]
NBSP = "\xa0"


def faq_tracker(key: str | None, where: str = "faq") -> Tracker:
    tracker = make_tracker({}, "pergunta", intent="faq")
    if key is not None:
        tracker.latest_message["response_selector"] = {
            "all_retrieval_intents": ["faq"],
            where: {"response": {"intent_response_key": key, "confidence": 0.97,
                                 "utter_action": f"utter_{key}"}, "ranking": []},
        }
    return tracker


def answer(key: str | None, on: date, monkeypatch: pytest.MonkeyPatch, where: str = "faq") -> list[dict[str, Any]]:
    monkeypatch.setattr(faq, "today_lisbon", lambda: on)
    dispatcher = CollectingDispatcher()
    events = faq.ActionAnswerFaq().act(dispatcher, faq_tracker(key, where), DOMAIN)
    assert events == []
    return dispatcher.messages


def rendered(message: dict[str, Any]) -> str:
    """The text Rasa sends: the domain response filled as its NLG does (keyword values)."""
    template = DOMAIN["responses"][message["response"]][0]["text"]
    values = {k: v for k, v in message.items() if k not in ("response", "text", "buttons")}
    return interpolate_text(template, values)


@pytest.mark.parametrize("key", sorted(FAQ_QUESTIONS))
def test_every_answer_is_uttered_with_all_its_figures(key: str, monkeypatch: pytest.MonkeyPatch) -> None:
    (message,) = answer(key, date(2026, 6, 1), monkeypatch)
    assert message["response"] == f"utter_{key}"
    text = rendered(message)
    assert "{" not in text and "}" not in text, text


def test_the_asset_limit_follows_the_ias_of_the_day(monkeypatch: pytest.MonkeyPatch) -> None:
    text_2026 = rendered(answer("faq/car_and_property", date(2026, 6, 1), monkeypatch)[0])
    assert "60 vezes o IAS" in text_2026
    assert f"32{NBSP}227,80{NBSP}€ em 2026" in text_2026
    assert f"241{NBSP}708,50{NBSP}€ (450 vezes o IAS)" in text_2026
    # A year earlier the same text quotes that year's IAS (60 × 522,50 €).
    text_2025 = rendered(answer("faq/car_and_property", date(2025, 6, 1), monkeypatch)[0])
    assert f"31{NBSP}350,00{NBSP}€ em 2025" in text_2025


def test_cars_have_no_limit_since_decreto_lei_90_2017(monkeypatch: pytest.MonkeyPatch) -> None:
    # DL 90/2017 struck out the vehicle limit from 29 July 2017 (parameter known_until).
    text = rendered(answer("faq/car_and_property", date(2026, 6, 1), monkeypatch)[0])
    assert "desde 29 de julho de 2017 (Decreto-Lei n.º 90/2017) não há limite" in text
    assert "alínea e)" not in text and " e e)" not in text


def test_deadlines_and_shares_come_from_the_parameters(monkeypatch: pytest.MonkeyPatch) -> None:
    on = date(2026, 6, 1)
    how = rendered(answer("faq/how_to_apply", on, monkeypatch)[0])
    assert "tem 10 dias úteis para o entregar, 20 dias úteis nas Regiões Autónomas" in how
    students = rendered(answer("faq/students", on, monkeypatch)[0])
    assert f"Conta no valor máximo com 70{NBSP}%" in students and f"a 80{NBSP}%" in students
    psu = rendered(answer("faq/psu_transition", on, monkeypatch)[0])
    assert "Decreto-Lei n.º 166/2026, de 13 de agosto" in psu and "31 de dezembro de 2026" in psu


def test_the_selector_output_under_default_is_read_too(monkeypatch: pytest.MonkeyPatch) -> None:
    (message,) = answer("faq/payment", date(2026, 6, 1), monkeypatch, where="default")
    assert message["response"] == "utter_faq/payment"


@pytest.mark.parametrize("key", [None, "payment", "greet"])
def test_without_a_chosen_answer_it_asks_to_rephrase(key: str | None, monkeypatch: pytest.MonkeyPatch) -> None:
    (message,) = answer(key, date(2026, 6, 1), monkeypatch)
    assert message["response"] == "utter_ask_rephrase"


def test_a_failure_gets_the_apology_not_silence(monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(on: date) -> dict[str, str]:
        raise KeyError("unknown parameter")

    monkeypatch.setattr(faq, "figures", broken)
    dispatcher = CollectingDispatcher()
    asyncio.run(faq.ActionAnswerFaq().run(dispatcher, faq_tracker("faq/payment"), DOMAIN))
    assert [m["response"] for m in dispatcher.messages] == ["utter_action_failed"]


def _action_steps(path: Path) -> list[str]:
    doc = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    steps = [step for block in doc.get("rules", []) + doc.get("stories", []) for step in block.get("steps", [])]
    return [step["action"] for step in steps if "action" in step]


def test_rules_and_stories_answer_faqs_with_the_action_not_utter_faq() -> None:
    """Rasa's own utter_faq would leave the {placeholders} unfilled."""
    files = [*(ROOT / "data" / "rules").glob("*.yml"), *(ROOT / "data" / "stories").glob("*.yml"),
             *(ROOT / "tests" / "stories").glob("*.yml")]
    wrong = [str(p.relative_to(ROOT)) for p in files if "utter_faq" in _action_steps(p)]
    assert not wrong, f"use action_answer_faq instead of utter_faq in: {wrong}"
    assert any("action_answer_faq" in _action_steps(p) for p in files)
