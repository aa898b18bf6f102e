"""The working sets of citizen conversations (tests/conversations/tuning.yml …
tuning5.yml), end to end over HTTP. The held-out set
(heldout.yml) is never tuned against: scripts/conversations.py prints its pass rate."""

from __future__ import annotations

from datetime import date

import pytest
from conversation_runner import load, play

from bot.calendar import now_lisbon

pytestmark = pytest.mark.e2e

# Known misses, kept visible: strict, so a fix that makes one pass must remove it here.
KNOWN_MISSES = {
    ("tuning4", "w007"): "«estou sem trabalho» then «só eu»: the wages question is still asked, as "
                         "tuning2 u022 expects of the same words; the two sets disagree and one must be decided",
    ("tuning4", "w049"): "«qual é o valor de referência?» has no answer of its own: the figure is said, "
                         "then the estimate starts (a new FAQ answer needs training data)",
    ("tuning5", "w008"): "self-employment counts at 80 % (income.self_employment_weight): the reader knows "
                         "it, but no slot carries it to the rules yet (a new slot needs retraining)",
}
# Told with dates relative to the day they were written («dia 20 do mês passado», «a semana
# passada na terça»), their expected end dates hold on that day only; the readers of those
# dates are unit-tested against a fixed day (tests/unit).
WRITTEN_ON = {"tuning4": date(2026, 12, 2)}
DATE_BOUND = {("tuning4", i) for i in ("w007", "w025", "w026", "w029", "w031", "w032")}
SETS = ("tuning", "tuning2", "tuning3", "tuning4", "tuning5")


def _marks(key: tuple[str, str]) -> list:
    marks = []
    if key in KNOWN_MISSES:
        marks.append(pytest.mark.xfail(strict=True, reason=KNOWN_MISSES[key]))
    if key in DATE_BOUND and now_lisbon().date() != WRITTEN_ON[key[0]]:
        marks.append(pytest.mark.skip(reason=f"relative dates, written for {WRITTEN_ON[key[0]]:%d/%m/%Y}"))
    return marks


CASES = [pytest.param(conv, id=f"{name}-{conv['id']}", marks=_marks((name, conv["id"])))
         for name in SETS for conv in load(f"{name}.yml")]


@pytest.mark.parametrize("conv", CASES)
def test_conversation(conv, rasa_url, api_token):
    play(conv, rasa_url, api_token)
