"""Reading a form answer out of a free-text message.

bot.parsing turns text into values; this module decides WHICH question a
message answers: the one just asked, or an earlier one the person is
correcting ("enganei-me, são três filhos" while being asked about income).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from rasa_sdk import Tracker

from actions.common import is_answer, latest_intent, latest_text, starting
from bot.parsing import normalise, parse_yes_no
from bot.parsing.intents import asks_for_person, asks_to_stop, asks_why

Parser = Callable[[str, Tracker], Any]

# Words that announce a correction of an earlier answer.
CORRECTION = re.compile(
    r"\b(enganei|engano|afinal|corrig\w*|errad\w*|na verdade|quer dizer|quero dizer|alias|"
    r"ou melhor|em vez de|nao sao|nao e)\b"
)


def mentions(keywords: dict[str, re.Pattern[str]], slot: str, norm: str) -> bool:
    pattern = keywords.get(slot)
    return bool(pattern and pattern.search(norm))


def yes_no(text: str, tracker: Tracker) -> bool | None:
    """parse_yes_no, falling back on the affirm/deny intent ("isso mesmo", "negativo")."""
    answer = parse_yes_no(text)
    if answer is None:
        answer = {"affirm": True, "deny": False}.get(latest_intent(tracker) or "")
    return answer


def extract(
    slot: str,
    tracker: Tracker,
    parsers: dict[str, Parser],
    keywords: dict[str, re.Pattern[str]],
    on_activation: frozenset[str] = frozenset(),
    free_corrections: bool = False,
    form: str = "",
) -> dict[str, Any]:
    """The value of ``slot`` in the latest message, as an ``extract_<slot>`` result.

    - Not an answer (side question, stop...) -> {} so the form is rejected and
      the rules take over.
    - The message answers the slot being asked -> {slot: value}; {slot: None}
      when it cannot be read, so the form asks again (validate explains).
    - Another slot mentioned by its keywords -> {slot: value} if there is a
      correction word ("afinal", "enganei-me") or ``free_corrections``; a keyword
      with no readable value clears that slot, so the form asks it again.
    - At activation (nothing of ``form`` asked yet, also when the question pending
      is another form's) only the slots in ``on_activation`` are read, and only
      when a value is found.
    """
    requested = tracker.get_slot("requested_slot")
    text = latest_text(tracker)
    beginning = starting(tracker, form, tuple(parsers)) if form else requested is None
    if slot == requested and text and not text.startswith("/") and not is_answer(tracker):
        # Answers first: a readable answer to the question asked counts whatever
        # the classifier thought, unless the person asks to stop or for a person.
        value = parsers[slot](text, tracker)
        if value is not None and not asks_to_stop(text) and not asks_for_person(text) and not asks_why(text):
            return {slot: value}
    if not is_answer(tracker) and not (beginning and text):
        return {}
    parser = parsers[slot]
    if beginning:
        if slot not in on_activation:
            return {}
        value = parser(text, tracker)
        return {} if value is None else {slot: value}

    if slot == requested and asks_why(text):
        return {slot: None}  # "o que é isso?": explained and asked again, never read as a yes
    norm = normalise(text)
    correcting = free_corrections or bool(CORRECTION.search(norm))
    others = [s for s in keywords if s != requested and mentions(keywords, s, norm)]
    if slot == requested:
        if correcting and others and not mentions(keywords, slot, norm):
            return {}  # the message is about an earlier answer
        return {slot: parser(text, tracker)}
    if correcting and slot in others:
        value = parser(text, tracker)
        if value is not None or free_corrections:
            return {slot: value}
    return {}
