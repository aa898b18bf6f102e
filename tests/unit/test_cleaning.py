"""bot.cleaning: what an attacker typed is refused or made harmless; what people type is kept."""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.cleaning import (
    ADDRESS_MAX_LENGTH,
    EMAIL_MAX_LENGTH,
    NAME_MAX_LENGTH,
    clean_email,
    clean_identifier,
    clean_name,
    clean_one_line,
    clean_paragraph,
    clean_postal_address,
    csv_safe,
    fold_digits,
    terminal_safe,
)
from bot.errors import InputError
from bot.identifiers import compact, valid_nif

ATTACK_LENGTH = 5000
EXAMPLES = 300
INVISIBLE_CATEGORIES = {"Cc", "Cf", "Cs", "Co", "Cn", "Zl", "Zp"}
ADDRESS = "Rua das Flores, 12, 2.º esq., 4000-123 Porto"
NIF = "123456789"

ATTACKS = [
    "<script>alert(1)</script>",
    "javascript:alert(1)",
    "Maria\x00Silva",
    "Maria\x1b[2JSilva",
    "Maria \u202eavliS",
    "Maria Silva\n• NIF 123456789",
    "=HYPERLINK(\"http://x\")",
    "Maria\u200bSilva",
    "\ufeffMaria Silva",
    "Maria\ue000Silva",
]


def invisible(text: str) -> list[str]:
    return [ch for ch in text if unicodedata.category(ch) in INVISIBLE_CATEGORIES]


# --------------------------------------------------------------------------- digits

@pytest.mark.parametrize("typed", [
    "１２３４５６７８９",  # full-width
    "١٢٣٤٥٦٧٨٩",  # Arabic-Indic
    "۱۲۳۴۵۶۷۸۹",  # extended Arabic-Indic (Persian)
    "१२३४५६७८९",  # Devanagari
    "123 ٤٥٦ ७८९",  # mixed, with spaces
])
def test_digits_of_any_script_become_the_same_ascii_nif(typed):
    assert compact(clean_identifier(typed)) == NIF
    assert valid_nif(typed)


@given(st.text(alphabet=st.characters(categories=["Nd"])))
def test_fold_digits_gives_ascii_digits_of_the_same_value(digits):
    folded = fold_digits(digits)
    assert folded.isascii() and len(folded) == len(digits)
    assert [int(d) for d in folded] == [unicodedata.decimal(d) for d in digits]


def test_identifier_with_invisible_characters_is_refused():
    with pytest.raises(InputError):
        clean_identifier("123\u200b456789")
    assert not valid_nif("123\u200b456789")


# --------------------------------------------------------------------------- names

@pytest.mark.parametrize("typed, kept", [
    ("Maria Antónia Silva", "Maria Antónia Silva"),
    ("  Ana   d’Almeida ", "Ana d'Almeida"),
    ("João Pedro Sousa-Lemos", "João Pedro Sousa-Lemos"),
    ("Ma. Conceição Gonçalves", "Ma. Conceição Gonçalves"),
    ("ＭＡＲＩＡ Silva", "MARIA Silva"),  # full-width letters folded by NFKC
    ("Jo", "Jo"),
    ("Zoë Ångström Øvergaard", "Zoë Ångström Øvergaard"),
])
def test_names_people_write_are_kept(typed, kept):
    assert clean_name(typed) == kept


@pytest.mark.parametrize("typed, reason", [
    ("<script>alert(1)</script>", "só pode ter letras"),
    ("javascript:alert(1)", "só pode ter letras"),
    ("=HYPERLINK(\"http://x\")", "só pode ter letras"),
    ("Maria\x00Silva", "invisíveis"),
    ("Maria\x1b[2JSilva", "invisíveis"),
    ("Maria \u202eavliS", "invisíveis"),
    ("Maria\u200bSilva", "invisíveis"),
    ("Maria Silva\n• NIF 123456789", "numa só linha"),
    ("Mаria Silva", "mistura alfabetos"),  # Cyrillic "а" (U+0430)
    ("Олена Шевченко", "caracteres latinos"),
    ("M", "pelo menos 2 letras"),
    ("- Maria", "começar por uma letra"),
    ("Maria 2", "só pode ter letras"),
    ("   ", "falta"),
    ("M" * ATTACK_LENGTH, "limite"),
    ("M" * (NAME_MAX_LENGTH + 1), "limite"),
])
def test_hostile_names_are_refused_with_a_reason(typed, reason):
    with pytest.raises(InputError) as error:
        clean_name(typed)
    assert reason in str(error.value)
    assert typed not in str(error.value) or len(typed) < 2  # the value is never echoed


def test_a_name_that_is_not_text_is_refused():
    with pytest.raises(InputError, match="texto"):
        clean_name(42)


@settings(max_examples=EXAMPLES)
@given(st.text(max_size=200))
def test_a_cleaned_name_is_clean_and_stable(typed):
    try:
        name = clean_name(typed)
    except InputError:
        return
    assert not invisible(name)
    assert 2 <= len(name) <= NAME_MAX_LENGTH and name == name.strip() and "  " not in name
    assert all(ch.isalpha() or ch in " '-." for ch in name)
    assert {unicodedata.name(ch).split()[0] for ch in name if ch.isalpha()} == {"LATIN"}
    assert clean_name(name) == name


# --------------------------------------------------------------------------- postal address

@pytest.mark.parametrize("typed, kept", [
    (ADDRESS, ADDRESS),
    ("Rua das Flores, 12, 2.º esq., 4000 - 123 Porto", ADDRESS),
    ("  Av. da República, n.º 5 – 3.º Dto.,  1050-187 Lisboa, Portugal ",
     "Av. da República, n.º 5 - 3.º Dto., 1050-187 Lisboa, Portugal"),
    ("Rua ١٢, ٤٠٠٠-١٢٣ Porto", "Rua 12, 4000-123 Porto"),
    ("Largo D'Ouro (Bloco B) #3 & R/C, 9000-001 Funchal", "Largo D'Ouro (Bloco B) #3 & R/C, 9000-001 Funchal"),
    ("Rua Direita 1, 3830-044 Ílhavo", "Rua Direita 1, 3830-044 Ílhavo"),
])
def test_real_addresses_are_kept_on_one_line(typed, kept):
    assert clean_postal_address(typed) == kept


@pytest.mark.parametrize("typed, reason", [
    ("<script>alert(1)</script> Rua A, 1000-001 Lisboa", "só pode ter"),
    ("javascript:alert(1) Rua A, 1000-001 Lisboa", "só pode ter"),
    ("Rua A 1, 1000-001 Lisboa\x00", "invisíveis"),
    ("Rua A 1, \x1b[2J1000-001 Lisboa", "invisíveis"),
    ("Rua A 1, 1000-001 \u202eLisboa", "invisíveis"),
    ("Rua A 1, 1000-001 Lisboa\n• NIF 123456789", "numa só linha"),
    ("Rua A 1, 1000-001 Lisboa\u2028• NIF 123456789", "numa só linha"),
    ("=HYPERLINK(\"http://x\") Rua A, 1000-001 Lisboa", "só pode ter"),
    ("Rua A 1, 1000-001 Lisboa" + " x" * ATTACK_LENGTH, "limite"),
    ("Rua Direita 1, 3830 Ílhavo", "código postal"),
    ("Rua A 1, 0123-456 Lisboa", "código postal"),  # no postal code starts with 0
    ("Rua A 1, 1000-001", "código postal"),  # no locality
    ("1000-001 Lisboa", "código postal"),  # no street
    ("Rua Аnа 1, 1000-001 Lisboa", "mistura alfabetos"),
    ("- Rua A, 1000-001 Lisboa", "começar"),
])
def test_hostile_or_incomplete_addresses_are_refused(typed, reason):
    with pytest.raises(InputError) as error:
        clean_postal_address(typed)
    assert reason in str(error.value)


@settings(max_examples=EXAMPLES)
@given(st.text(max_size=40), st.text(max_size=40))
def test_a_cleaned_address_is_clean_and_stable(street, tail):
    try:
        address = clean_postal_address(f"{street} 1000-001 {tail}")
    except InputError:
        return
    assert not invisible(address) and len(address) <= ADDRESS_MAX_LENGTH
    assert not set(address) & set("<>:;\"=\\")
    assert clean_postal_address(address) == address


# --------------------------------------------------------------------------- e-mail

@pytest.mark.parametrize("typed, kept", [
    ("o'brien@example.pt", "o'brien@example.pt"),
    ("  maria.silva+rsi@Example.PT ", "maria.silva+rsi@example.pt"),
    ("joão@exemplo.pt", "joão@exemplo.pt"),
])
def test_addresses_are_kept_as_written(typed, kept):
    assert clean_email(typed) == kept


@pytest.mark.parametrize("typed, reason", [
    ("sem-arroba", "formato"),
    ("a@b", "formato"),
    ("Maria <maria@example.pt>", "formato"),
    ("\"a b\"@example.pt", "formato"),
    ("maria@example.pt\nBcc: x@example.pt", "numa só linha"),
    ("maria\x00@example.pt", "invisíveis"),
    ("maria\u202e@example.pt", "invisíveis"),
    ("x" * ATTACK_LENGTH + "@example.pt", "limite"),
    ("x" * EMAIL_MAX_LENGTH + "@example.pt", "limite"),
])
def test_bad_addresses_are_refused(typed, reason):
    with pytest.raises(InputError) as error:
        clean_email(typed)
    assert reason in str(error.value)


@settings(max_examples=EXAMPLES)
@given(st.emails())
def test_generated_addresses_are_accepted_or_refused_cleanly(address):
    try:
        cleaned = clean_email(address)
    except InputError:
        return
    assert len(cleaned) <= EMAIL_MAX_LENGTH and "@" in cleaned and not invisible(cleaned)
    assert cleaned.split("@")[0] == address.split("@")[0]  # the local part is never rewritten


# --------------------------------------------------------------------------- free text

def test_paragraph_joins_lines_and_refuses_invisible_characters():
    assert clean_paragraph("  a certidão\ndeve indicar\r\na decisão ", field="o texto", max_length=100) == (
        "a certidão deve indicar a decisão"
    )
    for attack in ("a\x00b", "a\x1b[2Jb", "a\u202eb", "a\u200bb"):
        with pytest.raises(InputError):
            clean_paragraph(attack, field="o texto", max_length=100)
    with pytest.raises(InputError, match="limite"):
        clean_paragraph("x" * ATTACK_LENGTH, field="o texto", max_length=100)


def test_one_line_refuses_line_breaks_inside_but_not_at_the_ends():
    assert clean_one_line(" sim, concordo\n", field="o texto", max_length=100) == "sim, concordo"
    with pytest.raises(InputError, match="numa só linha"):
        clean_one_line("sim\nnão", field="o texto", max_length=100)


@settings(max_examples=EXAMPLES)
@given(st.text(max_size=300))
def test_any_text_is_cleaned_or_refused_with_an_input_error(typed):
    for clean in (clean_name, clean_postal_address, clean_email, clean_identifier):
        try:
            result = clean(typed)
        except InputError:
            continue
        assert not invisible(result)
    try:
        paragraph = clean_paragraph(typed, field="o texto", max_length=ADDRESS_MAX_LENGTH)
    except InputError:
        return
    assert not invisible(paragraph) and len(paragraph) <= ADDRESS_MAX_LENGTH


# --------------------------------------------------------------------------- output

@pytest.mark.parametrize("cell", [
    "=HYPERLINK(\"http://x\")", "+1+1", "-2+3", "@SUM(A1)", "\t=1", "\r=1",
])
def test_csv_cells_never_start_a_formula(cell):
    safe = csv_safe(cell)
    assert safe.startswith("'") and not invisible(safe)


def test_csv_safe_leaves_ordinary_values_alone():
    assert csv_safe("Maria Silva") == "Maria Silva"
    assert csv_safe("2026/000001") == "2026/000001"
    assert csv_safe(3) == 3 and csv_safe(None) is None and csv_safe(True) is True
    assert csv_safe("a\x00b") == "a\\x00b"


@given(st.text())
def test_csv_safe_output_is_never_a_formula_and_never_invisible(value):
    safe = csv_safe(value)
    assert safe[:1] not in ("=", "+", "-", "@", "\t", "\r")
    assert not invisible(safe)


@pytest.mark.parametrize("value, shown", [
    ("\x1b[2J", "\\x1b[2J"),
    ("a\u202eb", "a\\u202eb"),
    ("a\nb", "a\\nb"),
    ("a\x00b", "a\\x00b"),
    ("a\u200bb", "a\\u200bb"),
    ("Maria Antónia", "Maria Antónia"),
])
def test_terminal_safe_shows_escapes_instead_of_running_them(value, shown):
    assert terminal_safe(value) == shown


@given(st.text())
def test_terminal_safe_output_has_no_control_or_invisible_character(value):
    assert not invisible(terminal_safe(value))


@pytest.mark.parametrize("attack", ATTACKS)
def test_every_attack_string_is_refused_as_a_name_and_as_an_address(attack):
    with pytest.raises(InputError):
        clean_name(attack)
    with pytest.raises(InputError):
        clean_postal_address(f"{attack} Rua A 1, 1000-001 Lisboa")


LATIN_NAME_ALPHABET = st.characters(categories=["Lu", "Ll"], max_codepoint=0x24F) | st.sampled_from(" '-.")


@settings(max_examples=EXAMPLES)
@given(st.text(alphabet=LATIN_NAME_ALPHABET, min_size=2, max_size=NAME_MAX_LENGTH))
def test_latin_names_are_accepted_unless_they_break_a_stated_rule(typed):
    try:
        name = clean_name(typed)
    except InputError as error:
        stated = ("pelo menos", "começar por uma letra", "falta", "só pode ter", "alfabetos", "latinos")
        assert any(reason in str(error) for reason in stated)
        return
    assert clean_name(name) == name and NAME_MAX_LENGTH >= len(name) >= 2
