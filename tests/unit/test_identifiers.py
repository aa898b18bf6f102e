"""NIF and NISS validation and masking."""

import pytest
from stdnum.pt import nif as stdnum_nif

from bot.identifiers import (
    MASK_CHARACTER,
    clean_digits,
    compact,
    mask,
    mask_nif,
    mask_niss,
    niss_check_digit,
    valid_nif,
    valid_niss,
)


@pytest.mark.parametrize("value", [
    "123456789", "123 456 789", "123.456.789", "PT123456789", "pt 123456789", "501964843",
    "2" + "2345678" + stdnum_nif.calc_check_digit("22345678"),
])
def test_valid_nif(value):
    assert valid_nif(value)


@pytest.mark.parametrize("value", [
    "123456780",  # wrong check digit
    "12345678",  # too short
    "1234567890",  # too long
    "12345678a",
    "abc",
    "",
    None,
    "423456789",  # NIF never starts with 4 alone
])
def test_invalid_nif(value):
    assert not valid_nif(value)


@pytest.mark.parametrize("value", [
    "12345678910",  # worked example: weighted sum 449, 9 - 9 = 0
    "123 4567 8910",
    "20000000001",  # 2*29 = 58 -> 9 - 8 = 1
    "10000000000",  # 1*29 = 29 -> 9 - 9 = 0
])
def test_valid_niss(value):
    assert valid_niss(value)


@pytest.mark.parametrize("value", [
    "12345678911",  # wrong check digit
    "99999999999",  # first digit must be 1 or 2
    "30000000008",
    "1234567891",  # 10 digits
    "123456789101",
    "1234567891a",
    "",
    None,
])
def test_invalid_niss(value):
    assert not valid_niss(value)


def test_niss_check_digit_uses_prime_weights():
    # 1*29 + 2*23 + 3*19 + 4*17 + 5*13 + 6*11 + 7*7 + 8*5 + 9*3 + 1*2 = 449
    assert niss_check_digit("1234567891") == 0
    assert niss_check_digit("1000000001") == 9 - (29 + 2) % 10


def test_every_niss_has_exactly_one_check_digit():
    for base in ("1000000000", "1234567891", "2987654321"):
        valid = [d for d in "0123456789" if valid_niss(base + d)]
        assert len(valid) == 1


def test_clean_digits():
    assert clean_digits("PT 123.456-789") == "123456789"
    assert clean_digits(None) == ""


def test_masks_show_only_the_last_digits():
    assert mask_nif("123456789") == "••••••789"
    assert mask_nif("123 456 789") == "••••••789"
    assert mask_niss("12345678910") == "••••••••910"
    assert mask_nif("") == ""


def test_masks_use_bullets_not_markdown_asterisks():
    # "**" is bold in web chats' Markdown: the masked number would change or vanish.
    assert MASK_CHARACTER == "•"
    assert mask("1234", visible=0) == "••••"
    for masked in (mask_nif("123456789"), mask_niss("12345678910")):
        assert "*" not in masked and masked.lstrip(MASK_CHARACTER).isdigit()
        assert " " not in masked  # one word: a line break never splits it


@pytest.mark.parametrize("typed", [
    "١٢٣٤٥٦٧٨٩",  # Arabic-Indic
    "１２３４５６７８９",  # full-width
    "१२३४५६७८९",  # Devanagari
    "ＰＴ １２３ ٤٥٦ ७८९",  # full-width prefix, mixed digits
])
def test_digits_of_any_script_are_folded_to_ascii(typed):
    assert compact(typed) == "123456789"
    assert valid_nif(typed)
    assert clean_digits(typed) == "123456789"
    assert mask_nif(typed) == "••••••789"


@pytest.mark.parametrize("typed", ["123\u200b456789", "12345678\u202e9", "123456789\x00"])
def test_invisible_characters_make_a_nif_invalid(typed):
    assert not valid_nif(typed)
