"""Personal data taken out of stored conversations (bot/redaction.py)."""

from __future__ import annotations

from bot.redaction import MARK, redact_events, scrub_text

NIF = "123456789"
NISS = "12345678901"


def user(text: str, entities: list[dict] | None = None) -> dict:
    return {"event": "user", "text": text,
            "parse_data": {"text": text, "intent": {"name": "inform"}, "entities": entities or []}}


def bot(text: str, buttons: list[dict] | None = None) -> dict:
    return {"event": "bot", "text": text, "data": {"buttons": buttons or []}}


def slot(name: str, value: object) -> dict:
    return {"event": "slot", "name": name, "value": value}


def loop(name: str | None) -> dict:
    return {"event": "active_loop", "name": name}


def certificate_conversation(closed: bool) -> list[dict]:
    events = [
        user("quero uma declaração"), loop("certificate_form"),
        slot("requested_slot", "cert_name"), bot("Qual é o seu nome completo?"),
        user("Maria Antónia Silva"), slot("cert_name", "Maria Antónia Silva"),
        slot("requested_slot", "cert_nif"), bot("Qual é o seu NIF?"),
        user(f"o meu nif é {NIF}", [{"entity": "nif", "value": NIF}]), slot("cert_nif", NIF),
        slot("requested_slot", "cert_email"), bot("E o e-mail?"),
        user("maria.silva@example.pt"), slot("cert_email", "maria.silva@example.pt"),
        slot("requested_slot", None),
        bot("Confirme: Maria Antónia Silva, NIF •••••6 789, maria.silva@example.pt"),
    ]
    if closed:
        events += [loop(None), slot("cert_name", None), slot("cert_nif", None),
                   bot("Pedido registado.")]
    return events


def text_of(events: list[dict]) -> str:
    return repr(events)


def test_after_the_form_closes_no_personal_value_is_left_anywhere():
    stored = text_of(redact_events(certificate_conversation(closed=True)))
    for value in ("Maria Antónia Silva", NIF, "maria.silva@example.pt"):
        assert value not in stored
    assert "quero uma declaração" in stored  # ordinary messages are kept


def test_while_the_form_is_open_the_slots_keep_their_values_but_messages_are_masked():
    events = redact_events(certificate_conversation(closed=False))
    slots = {e["name"]: e["value"] for e in events if e["event"] == "slot"}
    assert slots["cert_nif"] == NIF and slots["cert_name"] == "Maria Antónia Silva"
    texts = [e["text"] for e in events if e["event"] in ("user", "bot")]
    assert not any(NIF in t or "Maria Antónia" in t or "@example.pt" in t for t in texts)


def test_answers_to_personal_questions_are_replaced_whole():
    events = redact_events(certificate_conversation(closed=True))
    answers = [e for e in events if e["event"] == "user"][1:]
    assert all(e["text"] == MARK and e["parse_data"]["text"] == MARK for e in answers)
    assert all(ent["value"] == MARK for e in answers for ent in e["parse_data"]["entities"])


def test_numbers_and_emails_given_unprompted_are_masked():
    events = redact_events([user(f"o meu NISS é {NISS[:3]} {NISS[3:7]} {NISS[7:]} e o email a@b.pt")])
    assert events[0]["text"] == f"o meu NISS é {MARK} e o email {MARK}"


def test_the_input_is_not_changed():
    original = certificate_conversation(closed=True)
    before = text_of(original)
    redact_events(original)
    assert text_of(original) == before


def test_amounts_dates_and_short_numbers_stay():
    text = "ganho 760,50 € por mês desde 01/03/2025, somos 4 em casa, pedido 2026/000123"
    assert scrub_text(text) == text


def test_full_width_and_dotted_numbers_are_masked():
    assert scrub_text("nif １２３４５６７８９") == f"nif {MARK}"
    assert scrub_text("nif 123.456.789") == f"nif {MARK}"


def test_buttons_repeating_a_value_are_masked():
    events = certificate_conversation(closed=True)
    events.append(bot("Corrigir?", [{"title": "Maria Antónia Silva", "payload": "/x"}]))
    assert "Maria Antónia" not in text_of(redact_events(events))
