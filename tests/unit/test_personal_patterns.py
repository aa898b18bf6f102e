"""One pattern set for personal data: stored conversations and logs mask the same shapes."""

from __future__ import annotations

import pytest

from bot.redaction import MARK
from bot.redaction import scrub_text as scrub_conversation
from bot.serving.log_privacy import REDACTED
from bot.serving.log_privacy import scrub_text as scrub_log

PERSONAL = [
    "o meu nif é 123456789",
    "NIF 123 456 789",
    "niss 12345678901",
    "o meu niss é 1-2345-6789-01",
    "contacto +351 912 345 678",
    "escrevam para o'brien@exemplo.pt por favor",
    "maria.silva+rsi@mail.example.com",
    "NIF ١٢٣٤٥٦٧٨٩ em algarismos árabes",
]
NOT_PERSONAL = [
    "recebi a carta a 2026-05-09 12:30",
    "somos 4 e ganhamos 650 por mês",
    "o pedido 2026/000042",
]


@pytest.mark.parametrize("text", PERSONAL)
def test_both_scrubbers_mask_identifiers_and_emails(text):
    conversation, log = scrub_conversation(text), scrub_log(text)
    assert MARK in conversation and REDACTED in log
    for digits in ("123456789", "456 789", "12345678901", "912 345 678", "brien@", "silva+rsi"):
        assert digits not in conversation and digits not in log


@pytest.mark.parametrize("text", NOT_PERSONAL)
def test_dates_counts_and_registration_numbers_stay_in_stored_conversations(text):
    assert scrub_conversation(text) == text
