"""Helpers shared by the journey actions: the clock, a failure-safe base class,
a form-validation base with re-prompts, the household facts already given in
the conversation, answer routing and front-desk mode."""

from __future__ import annotations

import asyncio
import logging
from abc import ABC, abstractmethod
from collections.abc import Mapping
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.forms import FormValidationAction
from rasa_sdk.types import DomainDict

from bot import household_slots
from bot.calendar import REGIONS, now_lisbon
from bot.parsing.intents import asks_why
from bot.rules.model import Household

logger = logging.getLogger(__name__)


# Messages with these intents are never read as an answer to a form question:
# the form is rejected and the rules answer the side question (or stop).
NOT_AN_ANSWER = frozenset(
    {
        "faq",
        "stop",
        "out_of_scope",
        "bot_challenge",
        "greet",
        "goodbye",
        "thank",
        "talk_to_human",
        "ask_documents",
        "ask_deadline",
        "request_certificate",
        "check_request_status",
        "ask_legal_basis",
    }
)

EventList = list[dict[str, Any]]
SlotValues = dict[str, Any]

# Region of the conversation when none was given: the mainland's calendar.
DEFAULT_REGION = "continente"


def today_lisbon() -> date:
    return now_lisbon().date()


# Input channel of the counter staff (bot.channels.staff.StaffInput.name()).
STAFF_CHANNEL = "staff"


def is_front_desk(tracker: Tracker) -> bool:
    """True when the latest message came from the staff channel: answers then show
    every condition, step and legal basis in full (DESIGN.md, "Habits")."""
    return tracker.get_latest_input_channel() == STAFF_CHANNEL


def latest_intent(tracker: Tracker) -> str | None:
    return (tracker.latest_message.get("intent") or {}).get("name")


def latest_text(tracker: Tracker) -> str:
    return tracker.latest_message.get("text") or ""


def conversation_region(tracker: Tracker) -> str:
    """The region already given in the conversation (slot ``region``), else the mainland."""
    region = tracker.get_slot("region")
    return region if region in REGIONS else DEFAULT_REGION


def is_answer(tracker: Tracker) -> bool:
    """False when the last message is a side question or a command, not an answer."""
    text = latest_text(tracker)
    if not text or text.startswith("/"):
        # "/intent" payloads from buttons carry no answer text.
        return latest_intent(tracker) in {"affirm", "deny"}
    return latest_intent(tracker) not in NOT_AN_ANSWER


def starting(tracker: Tracker, form: str, slots: tuple[str, ...] | frozenset[str]) -> bool:
    """True while ``form`` is being started, so the message that started it is read
    for what it already says: the form is not the active loop yet, or the question
    pending is another form's («quero pedir uma declaração» in the middle of the
    documents checklist's questions)."""
    return tracker.active_loop.get("name") != form or tracker.get_slot("requested_slot") not in slots


# The helpline is always one button away (payload: the talk_to_human intent).
def person_button() -> dict[str, str]:
    return {"title": "Falar com uma pessoa", "payload": "/talk_to_human"}


def bullets(lines: list[str]) -> str:
    """Lines as a bulleted list, one a line."""
    return "\n".join(f"• {line}" for line in lines)


def utter_all(dispatcher: CollectingDispatcher, texts: list[str]) -> None:
    """Each text as its own message, in order."""
    for text in texts:
        dispatcher.utter_message(text=text)


def to_decimal(value: Any) -> Decimal | None:
    if value is None:
        return None
    try:
        return Decimal(str(value))
    except (InvalidOperation, ValueError):
        return None


def to_int(value: Any) -> int | None:
    number = to_decimal(value)
    return None if number is None else int(number)


class SafeAction(Action, ABC):
    """An action that never leaves the citizen without an answer: on an
    unexpected error it says so (utter_action_failed) instead of going silent.

    ``OFF_LOOP``: run ``act`` in a worker thread. For actions that wait on the
    database, so a slow or locked database delays only the citizen who needs
    it, not every conversation the action server is serving.
    """

    OFF_LOOP = False

    @abstractmethod
    def act(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> EventList:
        """The action's work; may raise."""

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> EventList:
        try:
            if self.OFF_LOOP:
                return await asyncio.to_thread(self.act, dispatcher, tracker, domain)
            return self.act(dispatcher, tracker, domain)
        except Exception:
            # Only the action name and the exception type: slots hold personal data.
            logger.error("action %s failed", self.name(), exc_info=False)
            logger.debug("action failure details", exc_info=True)
            dispatcher.utter_message(response="utter_action_failed")
            return []


# --------------------------------------------------------------------------- forms

# (short re-prompt, explanation of why the question is asked)
RetryHelp = tuple[str, str]
UNKNOWN_HELP: RetryHelp = ("Não percebi. Pode repetir?", "Não percebi. Pode repetir?")
# From this failed try on the same question, the explanation replaces the re-prompt.
EXPLAIN_AFTER_FAILURES = 2
# From this one, the question is not repeated: choices, "não sei" and a person are offered.
OFFER_AFTER_FAILURES = 3


class RetryingFormValidation(FormValidationAction):
    """Base of the journeys' form validations.

    - ``questions(tracker)``: the slots that apply to this conversation, in order
      (None: the domain's list).
    - ``SLOTS``: slots that get ``extract_<slot>``/``validate_<slot>`` methods
      calling ``extract_answer``/``check_answer`` (the SDK looks methods up by
      name); a method the subclass writes itself is kept.
    - ``retry``/``accept``: an unreadable answer is asked again, with the short
      re-prompt of ``HELP`` the first time and its explanation from the second
      failed try on the same question; an accepted answer forgets the failures.
      Failures are kept in ``retry_slot``/``retry_count`` (the question last
      failed), or not at all with ``COUNT_FAILURES = False``; override
      ``failures``/``count_failure``/``forget_failures`` to keep them elsewhere.
    """

    SLOTS: tuple[str, ...] = ()
    # Mappings, not dicts: the tables may be bot.figures.FilledTexts/FilledChoices,
    # whose legal figures are filled when an entry is read.
    HELP: Mapping[str, RetryHelp] = {}
    # slot -> [(button title, payload)] offered after repeated failures
    CHOICES: Mapping[str, list[tuple[str, str]]] = {}
    # questions for which "não sei" continues with a stated assumption
    ASSUMABLE: frozenset[str] = frozenset()
    COUNT_FAILURES = True

    @abstractmethod
    def name(self) -> str:
        """validate_<form>; abstract so the action server does not register this base."""

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        for slot in cls.SLOTS:
            if f"extract_{slot}" not in vars(cls):
                setattr(cls, f"extract_{slot}", _extractor(slot))
            if f"validate_{slot}" not in vars(cls):
                setattr(cls, f"validate_{slot}", _validator(slot))

    def questions(self, tracker: Tracker) -> list[str] | None:
        return None

    async def required_slots(
        self,
        domain_slots: list[str],
        dispatcher: CollectingDispatcher,
        tracker: Tracker,
        domain: DomainDict,
    ) -> list[str]:
        questions = self.questions(tracker)
        return domain_slots if questions is None else questions

    def extract_answer(
        self, slot: str, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> SlotValues:
        raise NotImplementedError(f"{type(self).__name__} reads no answer for {slot}")

    def check_answer(
        self, slot: str, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> SlotValues:
        """A value read from the answer is accepted; None is ``unreadable``."""
        if value is None:
            return self.unreadable(slot, dispatcher, tracker)
        return self.accept(slot, value, tracker)

    def unreadable(self, slot: str, dispatcher: CollectingDispatcher, tracker: Tracker) -> SlotValues:
        """No value: asked again with ``retry`` if it answered the question being
        asked; a slot emptied on purpose (a correction) is simply asked later."""
        if slot != tracker.get_slot("requested_slot"):
            return {slot: None}
        return self.answer_why(slot, dispatcher, tracker) or self.retry(slot, dispatcher, tracker)

    def answer_why(self, slot: str, dispatcher: CollectingDispatcher, tracker: Tracker) -> SlotValues | None:
        """"porquê?", "o que é isso?" to the question asked: its explanation at once, asked
        again, and no failed try counted. None when the message asks no such thing."""
        if slot != tracker.get_slot("requested_slot") or not asks_why(latest_text(tracker)):
            return None
        dispatcher.utter_message(text=self.HELP.get(slot, UNKNOWN_HELP)[1])
        return {slot: None}

    # -- failed tries

    def failures(self, slot: str, tracker: Tracker) -> int:
        if not self.COUNT_FAILURES:
            return 0
        previous = tracker.get_slot("retry_count") if tracker.get_slot("retry_slot") == slot else 0
        return int(previous or 0)

    def count_failure(self, slot: str, count: int, tracker: Tracker) -> SlotValues:
        return {"retry_slot": slot, "retry_count": count} if self.COUNT_FAILURES else {}

    def forget_failures(self, slot: str, tracker: Tracker) -> SlotValues:
        # Only an answer to the question being asked ends its failed tries (a
        # correction of an earlier answer does not).
        if not self.COUNT_FAILURES or slot != tracker.get_slot("requested_slot"):
            return {}
        return {"retry_slot": None, "retry_count": 0}

    def retry(
        self, slot: str, dispatcher: CollectingDispatcher, tracker: Tracker, problem: str | None = None
    ) -> SlotValues:
        """Ask ``slot`` again: ``problem`` (what was wrong) or the short re-prompt,
        then from the second failed try on, the explanation."""
        count = self.failures(slot, tracker) + 1
        reprompt, explanation = self.HELP.get(slot, UNKNOWN_HELP)
        if count >= OFFER_AFTER_FAILURES and self.COUNT_FAILURES:
            self.offer_choices(slot, dispatcher, problem or explanation)
        else:
            dispatcher.utter_message(text=explanation if count >= EXPLAIN_AFTER_FAILURES else (problem or reprompt))
        return {slot: None, **self.count_failure(slot, count, tracker)}

    def offer_choices(self, slot: str, dispatcher: CollectingDispatcher, explanation: str) -> None:
        """No third repetition of the same question: choices, "não sei" or a person."""
        buttons = [{"title": title, "payload": payload} for title, payload in self.CHOICES.get(slot, [])]
        if not buttons and slot not in self.ASSUMABLE:
            # Free answers (a name, an address): nothing to choose, so say again what
            # is needed and offer a person.
            dispatcher.utter_message(text=f"{explanation} Se preferir, pode falar com uma pessoa.",
                                     buttons=[person_button()])
            return
        unsure = ""
        if slot in self.ASSUMABLE:
            buttons.append({"title": "Não sei", "payload": "não sei"})
            unsure = " Se não souber, diga «não sei»."
        dispatcher.utter_message(
            text=f"Vamos tentar de outra forma: escolha uma opção.{unsure} "
            "Se preferir, pode falar com uma pessoa.",
            buttons=[*buttons, person_button()],
        )

    def accept(self, slot: str, value: Any, tracker: Tracker) -> SlotValues:
        return {slot: value, **self.forget_failures(slot, tracker)}


def _extractor(slot: str):  # noqa: ANN202
    def extract(self, dispatcher, tracker, domain):  # noqa: ANN001, ANN202
        return self.extract_answer(slot, dispatcher, tracker, domain)

    extract.__name__ = f"extract_{slot}"
    return extract


def _validator(slot: str):  # noqa: ANN202
    def validate(self, value, dispatcher, tracker, domain):  # noqa: ANN001, ANN202
        return self.check_answer(slot, value, dispatcher, tracker, domain)

    validate.__name__ = f"validate_{slot}"
    return validate


# --------------------------------------------------------------------------- household


def household_from_slots(tracker: Tracker) -> Household | None:
    """The Household described so far in this conversation, or None if the
    household size is unknown (bot.household_slots reads the slot values)."""
    return household_slots.household_from_values(tracker.slots, today_lisbon())


def apply_age(household: Household, tracker: Tracker) -> None:
    household_slots.apply_age(household, tracker.slots, today_lisbon())


def apply_work_availability(household: Household, answer: Any) -> None:
    """Slot values: True / False (registered or not) or "not_applicable"."""
    household_slots.apply_work_availability(household, answer)


def apply_document_answers(household: Household, tracker: Tracker) -> None:
    household_slots.apply_document_answers(household, tracker.slots)
