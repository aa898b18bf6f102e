"""A conversation in the middle of the eligibility form survives a restart of the Rasa server.

The conversations are kept by the SQL tracker store (endpoints.yml): here the
embedded default, a SQLite file under the test's RSI_VAR_DIR. The spare Rasa
server of the e2e suite is stopped (SIGTERM to its process group) and started
again; the next answer must continue the form with the household given before.
"""

from __future__ import annotations

import sqlite3
from datetime import datetime
from decimal import Decimal
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from conftest import SPARE_RASA_PORT, Conversation, Server, rasa_server, wait_for_answer

from bot.format import money
from bot.rules import simulate
from bot.rules.model import Household

pytestmark = pytest.mark.e2e


def test_the_form_goes_on_after_a_restart(work_dir: Path, action_server: Server) -> None:
    server = rasa_server(work_dir, SPARE_RASA_PORT, "rasa-restart.log")
    base = f"http://127.0.0.1:{SPARE_RASA_PORT}"
    server.start()
    try:
        wait_for_answer(server, base)
        chat = Conversation(base)
        assert "vivem na sua casa" in chat.say("quero saber se tenho direito ao rsi")
        assert "por conta de outrem" in chat.say("somos quatro, eu, o meu marido e dois miúdos")

        server.stop()
        server.start()
        wait_for_answer(server, base)

        # The next question of the form, not the greeting nor a misunderstanding.
        reply = chat.say("seiscentos euros")
        assert "outro dinheiro entra em casa" in reply and "Olá" not in reply
        assert "31 de dezembro" in chat.say("nenhum")
        chat.say("nada")
        chat.say("portuguesa")
        chat.say("sim")
        result = chat.say("sim").replace("\xa0", " ")
    finally:
        server.stop()

    # The household given before the restart (2 adults, 2 children) is the one counted.
    today = datetime.now(ZoneInfo("Europe/Lisbon")).date()
    expected = simulate(Household(adults=2, minors=2, employment_income=Decimal("600")), today)
    assert money(expected.monthly_amount).replace("\xa0", " ") in result

    with sqlite3.connect(work_dir / "var" / "conversations.db") as db:
        rows = db.execute("SELECT COUNT(*) FROM events WHERE sender_id = ?", (chat.sender,)).fetchone()[0]
    assert rows > 0
