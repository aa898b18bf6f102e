"""How the counter's messages are read differently from a citizen's (pure, no Rasa).

A clerk describes the citizen's case in one line, in the third person and
without asking anything: «casal com dois filhos menores, ele ganha 600 euros por
mês, ela não trabalha, portugueses». For a citizen such a line, without a
question, is taken for a bare answer; at the counter, outside a journey, a line
that names the household is the start of an estimate (bot/channels/staff.py).
The clerk's greeting is the `channel: staff` variant of `utter_greet` (domain.yml).
"""

from __future__ import annotations

from bot.parsing.facts import PEOPLE_SLOTS, read_facts

# Intents that leave a case description unanswered outside a journey.
UNANSWERED = frozenset({"inform", "nlu_fallback", "out_of_scope", "affirm", "deny", None})
START_ESTIMATE = "check_eligibility"

def starts_estimate(text: str, intent: str | None) -> bool:
    """True when a counter message outside a journey describes a household that the
    classifier left without an answer: the estimate starts with its facts."""
    if not text or text.startswith("/") or intent not in UNANSWERED:
        return False
    return bool(set(read_facts(text).slots()) & PEOPLE_SLOTS)
