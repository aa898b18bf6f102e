"""Plays the conversations of tests/conversations/*.yml over real HTTP (see
FORMAT.md there): scripted turns, then the citizen's answer to whichever
question the assistant asks, then checks the recorded facts and the answer."""

from __future__ import annotations

import re
import uuid
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

import requests
import yaml

HERE = Path(__file__).resolve().parents[1] / "conversations"
MONTHS = ("janeiro", "fevereiro", "março", "abril", "maio", "junho", "julho", "agosto", "setembro",
          "outubro", "novembro", "dezembro")
# Words that name each failed condition in the answer.
CONDITION_WORDS = {
    "minimum_age": ("18 anos", "idade"),
    "legal_residence": ("residência",),
    "income_below_maximum": ("rendimento",),
    "assets_within_limit": ("património", "poupanças", "contas"),
    "employment_centre_registration": ("centro de emprego", "IEFP"),
}
MAX_TURNS = 40


def load(name: str) -> list[dict[str, Any]]:
    return yaml.safe_load((HERE / name).read_text(encoding="utf-8"))["conversations"]


def money_pt(amount: str) -> str:
    """"1163.53" -> "1 163,53 €" (the way the assistant writes it, plain spaces)."""
    value = Decimal(amount).quantize(Decimal("0.01"))
    whole, cents = f"{value:.2f}".split(".")
    groups = []
    while len(whole) > 3:
        groups.insert(0, whole[-3:])
        whole = whole[:-3]
    groups.insert(0, whole)
    return f"{' '.join(groups)},{cents} €"


def date_pt(iso: str) -> str:
    d = date.fromisoformat(iso)
    return f"{d.day} de {MONTHS[d.month - 1]} de {d.year}"


@dataclass
class Replay:
    base_url: str
    token: str
    channel: str = "rest"
    sender: str = field(default_factory=lambda: str(uuid.uuid4()))
    transcript: list[str] = field(default_factory=list)

    def send(self, text: str) -> list[dict[str, Any]]:
        path = "staff" if self.channel == "staff" else "rest"
        headers = {"Authorization": "Bearer e2e-staff-token"} if self.channel == "staff" else {}
        r = requests.post(f"{self.base_url}/webhooks/{path}/webhook", headers=headers,
                          json={"sender": self.sender, "message": text}, timeout=60)
        assert r.status_code == 200, r.text
        replies = r.json()
        self.transcript.append(f"> {text}")
        self.transcript += [f"< {m.get('text', '')}" + (f" {[b['title'] for b in m['buttons']]}" if m.get("buttons") else "")
                            for m in replies]
        assert replies, f"empty reply to {text!r}\n" + self.dump()
        return replies

    def tracker(self) -> dict[str, Any]:
        r = requests.get(f"{self.base_url}/conversations/{self.sender}/tracker",
                         headers={"Authorization": f"Bearer {self.token}"}, timeout=30)
        assert r.status_code == 200, r.text
        return r.json()

    def dump(self) -> str:
        return "\n".join(self.transcript[-40:])


def _text(replies: list[dict[str, Any]]) -> str:
    return "\n".join(m.get("text") or "" for m in replies).replace("\xa0", " ").replace("\u202f", " ")


def _same(expected: Any, actual: Any) -> bool:
    if isinstance(expected, bool) or isinstance(actual, bool):
        return expected == actual
    if isinstance(expected, (int, float, Decimal)) or (isinstance(expected, str) and re.fullmatch(r"-?\d+(\.\d+)?", expected)):
        try:
            return Decimal(str(expected)) == Decimal(str(actual))
        except Exception:  # noqa: BLE001 - a non-number is simply different
            return False
    return expected == actual


def recorded(tracker: dict[str, Any]) -> dict[str, Any]:
    """Each slot's last non-empty value in the conversation: a journey may empty
    its slots once it has answered (the deadline form does, to take another)."""
    values: dict[str, Any] = {}
    for event in tracker["events"]:
        if event.get("event") == "slot" and event.get("value") is not None:
            values[event["name"]] = event["value"]
    return {**values, **{k: v for k, v in tracker["slots"].items() if v is not None}}


def responses_since_last_user(tracker: dict[str, Any]) -> list[str]:
    names: list[str] = []
    for event in reversed(tracker["events"]):
        if event.get("event") == "user":
            break
        if event.get("event") == "bot":
            name = (event.get("metadata") or {}).get("utter_action")
            if name:
                names.append(name)
        if event.get("event") == "action" and event.get("name", "").startswith("utter_"):
            names.append(event["name"])
    return names


def play(conv: dict[str, Any], base_url: str, token: str) -> None:
    """Plays one conversation; an AssertionError says what went wrong, with the transcript."""
    replay = Replay(base_url, token, conv.get("channel", "rest"))
    answers = {k: list(v) if isinstance(v, list) else [v] for k, v in (conv.get("answers") or {}).items()}
    last: list[dict[str, Any]] = []
    result: list[dict[str, Any]] | None = None

    def form_turns() -> None:
        nonlocal last, result
        for _ in range(MAX_TURNS):
            tracker = replay.tracker()
            loop = (tracker.get("active_loop") or {}).get("name")
            asked = tracker["slots"].get("requested_slot")
            if not loop or not asked:
                return
            queue = answers.get(asked)
            if queue:
                text = queue.pop(0)
            elif asked in ("eligibility_confirmed", "cert_confirmed"):
                text = "sim"
            else:
                raise AssertionError(f"[{conv['id']}] the assistant asked {asked!r}, which this citizen "
                                     f"already said or cannot answer\n" + replay.dump())
            last = replay.send(str(text))
            after = replay.tracker()
            if not (after.get("active_loop") or {}).get("name"):
                result = last
        raise AssertionError(f"[{conv['id']}] more than {MAX_TURNS} turns\n" + replay.dump())

    for text in conv.get("turns") or []:
        last = replay.send(str(text))
        if not (replay.tracker().get("active_loop") or {}).get("name"):
            result = last
    form_turns()
    for text in conv.get("after") or []:
        last = replay.send(str(text))
        form_turns()
    unused = {k: v for k, v in answers.items() if v and k not in ("eligibility_confirmed",)}
    assert not unused, f"[{conv['id']}] answers never asked for: {unused}\n" + replay.dump()
    check(conv, replay, _text(last), _text(result if result is not None else last))


def check(conv: dict[str, Any], replay: Replay, last_text: str, result_text: str) -> None:
    expect = conv.get("expect") or {}
    where = f"[{conv['id']}] {conv.get('about', '')}"
    tracker = replay.tracker()
    slots = recorded(tracker)
    for slot, value in (expect.get("facts") or {}).items():
        assert _same(value, slots.get(slot)), (
            f"{where}: {slot} recorded {slots.get(slot)!r}, expected {value!r}\n" + replay.dump())
    for slot in expect.get("assumed") or []:
        assert slot in (slots.get("assumed_slots") or []), f"{where}: {slot} not marked as assumed\n" + replay.dump()
    if "eligible" in expect:
        phrase = "parece ter direito ao RSI" if expect["eligible"] else "parece que não tem direito"
        alt = "parece ter direito" if expect["eligible"] else "parece não ter direito"
        assert phrase in result_text or alt in result_text, f"{where}: expected {phrase!r}\n" + replay.dump()
    if "amount" in expect:
        assert money_pt(str(expect["amount"])) in result_text, (
            f"{where}: expected {money_pt(str(expect['amount']))}\n" + replay.dump())
    for code in expect.get("failed") or []:
        assert any(w.lower() in result_text.lower() for w in CONDITION_WORDS[code]), (
            f"{where}: failed condition {code} not named\n" + replay.dump())
    if "deadline_end" in expect:
        assert date_pt(str(expect["deadline_end"])) in result_text, (
            f"{where}: expected {date_pt(str(expect['deadline_end']))}\n" + replay.dump())
    if "response" in expect:
        names = responses_since_last_user(tracker)
        assert any(n == expect["response"] or n.startswith(expect["response"] + "/") for n in names), (
            f"{where}: expected {expect['response']}, got {names}\n" + replay.dump())
    for text in expect.get("reply_contains") or []:
        assert text.lower() in last_text.lower(), f"{where}: {text!r} not in the reply\n" + replay.dump()
    for text in expect.get("reply_not_contains") or []:
        assert text.lower() not in last_text.lower(), f"{where}: {text!r} in the reply\n" + replay.dump()
