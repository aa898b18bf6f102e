"""Form questions that quote a legal figure («Tem 18 anos ou mais?»).

Rasa fills an ``utter_ask_<slot>`` response from slots only, so a question whose
figure comes from the parameters is asked by ``action_ask_<slot>`` (Rasa calls it
instead of the response when the domain lists it): the action utters the same
response, with its buttons and any channel variants, passing the figures of the day
(``bot.figures.figures``) as the values of its ``{placeholders}``.
"""

from __future__ import annotations

from abc import ABC, abstractmethod

from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions.common import EventList, SafeAction, today_lisbon
from bot.figures import figures
from bot.parsing.intents import asks_reference_value


class AskWithFigures(SafeAction, ABC):
    """Utters ``RESPONSE`` with every legal figure in force today."""

    RESPONSE: str

    @abstractmethod
    def name(self) -> str:
        """action_ask_<slot>; abstract so the action server does not register this base."""

    def act(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> EventList:
        # A failure (a parameter missing for today) falls to SafeAction's apology: a
        # question with «{minimum_age}» in it would make no sense to the person.
        dispatcher.utter_message(response=self.RESPONSE, **figures(today_lisbon()))
        return []


# eligibility_form: who counts as an adult, and the exceptions below that age.


class ActionAskAdults(AskWithFigures):
    RESPONSE = "utter_ask_adults"

    def name(self) -> str:
        return "action_ask_adults"

    def act(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> EventList:
        # "qual é o valor de referência do rsi?" started the estimate: the figure first,
        # then the questions that turn it into this household's amount.
        if tracker.get_slot("adults") is None and asks_reference_value(tracker.latest_message.get("text")):
            dispatcher.utter_message(text=REFERENCE_VALUE_TEXT.format(**figures(today_lisbon())))
        return super().act(dispatcher, tracker, domain)


REFERENCE_VALUE_TEXT = (
    "O valor de referência do RSI em vigor é {rsi_value} por mês: é o montante para uma pessoa sozinha "
    "sem rendimentos. Cada outro adulto da casa conta {other_adult_weight} desse valor e cada menor "
    "{minor_weight}; os rendimentos do agregado são descontados. Para ver quanto seria no seu caso:"
)


class ActionAskMinors(AskWithFigures):
    RESPONSE = "utter_ask_minors"

    def name(self) -> str:
        return "action_ask_minors"


class ActionAskIsAdult(AskWithFigures):
    RESPONSE = "utter_ask_is_adult"

    def name(self) -> str:
        return "action_ask_is_adult"


class ActionAskAgeException(AskWithFigures):
    RESPONSE = "utter_ask_age_exception"

    def name(self) -> str:
        return "action_ask_age_exception"


# certificate_form: how long each delivery takes to be issued.


class ActionAskCertDelivery(AskWithFigures):
    RESPONSE = "utter_ask_cert_delivery"

    def name(self) -> str:
        return "action_ask_cert_delivery"


# The responses these actions utter, for tests (every placeholder must be a figure).
RESPONSES: tuple[str, ...] = tuple(action.RESPONSE for action in AskWithFigures.__subclasses__())
