"""'base legal?': the legal basis of the last answer, in full.

Citizens get plain answers; the law behind each step is one question away
(and always shown at the front desk)."""

from __future__ import annotations

from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions.common import EventList, bullets

GENERAL = (
    "As regras do RSI estão na Lei n.º 13/2003, de 21 de maio (com as alterações do Decreto-Lei "
    "n.º 90/2017), e na Portaria n.º 257/2012, de 27 de agosto (republicada pela Portaria n.º 253/2017). "
    "Os prazos contam-se pelo Código do Procedimento Administrativo, art. 87.º. Quando eu calcular um valor "
    "para si, diga «base legal» e mostro a lei de cada passo."
)


class ActionShowLegalBasis(Action):
    def name(self) -> str:
        return "action_show_legal_basis"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> EventList:
        lines = tracker.get_slot("last_legal_basis") or []
        if lines:
            dispatcher.utter_message(text=f"A base legal da última resposta, passo a passo:\n{bullets(lines)}")
        else:
            dispatcher.utter_message(text=GENERAL)
        return []
