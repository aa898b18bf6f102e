"""Conversation-wide actions: the "did you mean…?" step of the two-stage fallback."""

from __future__ import annotations

from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.executor import CollectingDispatcher

# What each intent means, in the words a citizen would recognise.
INTENT_LABELS: dict[str, str] = {
    "check_eligibility": "Saber se tenho direito ao RSI",
    "ask_amount": "Saber quanto posso receber",
    "ask_documents": "Saber que documentos entregar",
    "ask_deadline": "Saber um prazo",
    "request_certificate": "Pedir uma declaração ou certidão",
    "check_request_status": "Saber como está um pedido",
    "talk_to_human": "Falar com uma pessoa",
    "bot_challenge": "Saber se estou a falar com uma pessoa",
}

# FAQ topics cannot be chosen with an "/intent" payload (the answer comes from
# the response selector), so the button sends a clear question instead.
FAQ_QUESTIONS: dict[str, tuple[str, str]] = {
    "faq/what_is_rsi": ("O que é o RSI", "o que é o rendimento social de inserção?"),
    "faq/how_to_apply": ("Como pedir o RSI", "como faço o pedido do rendimento social de inserção?"),
    "faq/renewal": ("Renovar o RSI", "como se renova o rendimento social de inserção?"),
    "faq/insertion_contract": ("O contrato de inserção", "o que é o contrato de inserção?"),
    "faq/payment": ("Quando e como é pago", "quando é pago o rendimento social de inserção?"),
    "faq/report_changes": ("Comunicar mudanças", "como comunico mudanças no meu agregado?"),
    "faq/change_residence": ("Mudar de casa ou concelho", "mudei de concelho, o que faço ao RSI?"),
    "faq/refusal_appeal": ("Recusa e reclamação", "o meu pedido foi recusado, posso reclamar?"),
    "faq/contact_channels": ("Contactos da Segurança Social", "quais são os contactos da segurança social?"),
    "faq/psu_transition": ("A Prestação Social Única", "o que é a prestação social única?"),
    "faq/application_status": ("O meu pedido de RSI", "fiz o pedido do rsi e ainda não tive resposta"),
    "faq/income_counted": ("Que rendimentos contam", "que rendimentos contam para o rsi?"),
    "faq/car_and_property": ("Carro, casa e poupanças", "posso ter rsi se tiver carro ou casa?"),
    "faq/students": ("Estudantes", "posso estudar e receber o rsi?"),
    "faq/homeless": ("Sem morada fixa", "não tenho casa, posso pedir o rsi?"),
    "faq/prison": ("Prisão e saída da prisão", "estou preso, posso pedir o rsi antes de sair?"),
    "faq/irs": ("RSI e IRS", "o rsi conta para o irs?"),
    "faq/repayment": ("Devolver dinheiro", "pedem-me para devolver dinheiro do rsi"),
    "faq/travel_abroad": ("Viajar para fora", "posso ir ao estrangeiro e continuar com o rsi?"),
    "faq/work_while_receiving": ("Trabalhar e receber RSI", "posso trabalhar em part-time e receber o rsi?"),
    "faq/payment_date": ("Dia do pagamento", "em que dia do mês é pago o rsi?"),
    "faq/iefp_registration": ("Inscrição no IEFP", "tenho de me inscrever no centro de emprego?"),
    "faq/social_energy_tariff": ("Tarifa social de energia", "quem tem rsi tem tarifa social de energia?"),
}

MAX_SUGGESTIONS = 2


def suggestions(latest_message: dict[str, Any]) -> list[dict[str, str]]:
    """Buttons for the most likely meanings of the last message, best first."""
    buttons: list[dict[str, str]] = []
    for ranked in latest_message.get("intent_ranking", []):
        name = ranked.get("name")
        if name == "faq":
            key = (
                latest_message.get("response_selector", {})
                .get("faq", {})
                .get("response", {})
                .get("intent_response_key")
            )
            if key in FAQ_QUESTIONS:
                title, question = FAQ_QUESTIONS[key]
                buttons.append({"title": title, "payload": question})
        elif name in INTENT_LABELS:
            buttons.append({"title": INTENT_LABELS[name], "payload": f"/{name}"})
        if len(buttons) == MAX_SUGGESTIONS:
            break
    return buttons


class ActionAskAffirmation(Action):
    """Replaces Rasa's default, which would show raw intent names in English."""

    def name(self) -> str:
        return "action_default_ask_affirmation"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[dict[str, Any]]:
        buttons = suggestions(tracker.latest_message)
        buttons.append({"title": "Outra coisa", "payload": "/out_of_scope"})
        if len(buttons) == 1:
            dispatcher.utter_message(response="utter_ask_rephrase")
            return []
        dispatcher.utter_message(text="Não tenho a certeza de ter percebido. Quis dizer…", buttons=buttons)
        return []
