"""The first conversation over real HTTP: greeting, bot challenge, out of scope, fallback."""

from __future__ import annotations

import requests

pytestmark = __import__("pytest").mark.e2e


def test_greeting_says_what_it_can_do(chat):
    reply = chat.say("olá")
    assert "RSI" in reply
    assert "documentos" in reply and "prazo" in reply


def test_bot_challenge_is_honest(chat):
    reply = chat.say("estou a falar com um robô?")
    assert "assistente automático" in reply


def test_out_of_scope_offers_the_topics(chat):
    reply = chat.say("qual é o resultado do jogo do benfica?")
    assert "fora do que sei fazer" in reply
    assert "documentos" in reply


def test_goodbye_and_thanks(chat):
    assert "De nada" in chat.say("muito obrigado")
    assert "Até breve" in chat.say("adeus")


def test_unclear_message_gets_did_you_mean_or_rephrase(chat):
    reply = chat.say("hmm xpto blargh")
    assert "percebi" in reply


def test_http_api_requires_the_token(rasa_url, api_token):
    assert requests.get(f"{rasa_url}/status", timeout=10).status_code == 401
    ok = requests.get(f"{rasa_url}/status", headers={"Authorization": f"Bearer {api_token}"}, timeout=10)
    assert ok.status_code == 200
    assert ok.json()["model_file"].endswith("rsi.tar.gz")
