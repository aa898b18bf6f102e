"""Reading a certificate request from what people write or dictate (bot.certificates)."""

from __future__ import annotations

import pytest

from bot.certificates import CERTIDAO_ELEMENTS, certidao_details, join_pt
from bot.cleaning import clean_email, clean_identifier, clean_name, clean_postal_address
from bot.errors import InputError
from bot.identifiers import compact, niss_check_digit
from bot.parsing.certificates import (
    digit_runs,
    find_nif,
    find_niss,
    parse_certidao_elements,
    parse_delivery,
    parse_document_type,
    parse_email,
    parse_name,
    parse_postal_address,
    parse_registration_number,
    read_email,
    read_name,
    read_nif,
    read_niss,
    read_postal_address,
)


def test_the_module_does_not_need_rasa():
    import subprocess
    import sys

    code = (
        "import sys, bot.certificates, bot.parsing.certificates; "
        "sys.exit(any(m.split('.')[0] in ('rasa', 'rasa_sdk') for m in sys.modules))"
    )
    assert subprocess.run([sys.executable, "-c", code], timeout=60).returncode == 0


# --------------------------------------------------------------------------- document type


@pytest.mark.parametrize(("text", "expected"), [
    ("declaração de situação contributiva", "declaracao_situacao_contributiva"),
    ("Preciso de provar que não tenho dívidas à Segurança Social", "declaracao_situacao_contributiva"),
    ("o modelo RC 3042", "declaracao_situacao_contributiva"),
    ("preciso de uma declaração de que recebo rsi", "declaracao_prestacoes"),
    ("uma declaração com os valores que recebi do RSI", "declaracao_prestacoes"),
    ("quero uma certidão do meu pedido de rsi", "certidao_requerimento"),
    ("quero saber em que ponto está a minha candidatura, por escrito", "certidao_requerimento"),
    ("quero pedir uma declaração", None),
    ("bom dia", None),
])
def test_document_type_is_read_from_the_words(text, expected):
    assert parse_document_type(text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("1", "declaracao_situacao_contributiva"),
    ("a 2", "declaracao_prestacoes"),
    ("opção 3", "certidao_requerimento"),
    ("3.º", "certidao_requerimento"),
    ("4", None),
    ("12", None),
])
def test_document_type_by_option_number_only_when_options_were_offered(text, expected):
    assert parse_document_type(text, allow_number=True) == expected
    assert parse_document_type(text) is None


# --------------------------------------------------------------------------- certidão elements


@pytest.mark.parametrize(("text", "expected"), [
    ("o andamento e a decisão", ["andamento", "decisao"]),
    ("a decisão e a data em que entreguei", ["data", "decisao"]),
    ("em que ponto está", ["andamento"]),
    ("o conteúdo do que pedi", ["conteudo"]),
    ("1 e 4", ["data", "decisao"]),
    ("quero tudo", list(CERTIDAO_ELEMENTS)),
    ("todos os elementos", list(CERTIDAO_ELEMENTS)),
    ("não sei", []),
])
def test_certidao_elements_in_the_order_of_article_43(text, expected):
    assert parse_certidao_elements(text) == expected


def test_certidao_details_join_the_elements_in_portuguese():
    assert certidao_details(["decisao", "data"]) == (
        "a certidão deve indicar a data de apresentação e a decisão"
    )
    assert certidao_details(list(CERTIDAO_ELEMENTS)) == (
        "a certidão deve indicar a data de apresentação, o conteúdo do pedido, "
        "o andamento e a decisão"
    )
    assert certidao_details(["andamento", "andamento", "xpto"]) == "a certidão deve indicar o andamento"
    assert certidao_details([]) is None
    assert certidao_details(None) is None
    assert certidao_details(["xpto"]) is None


def test_join_pt_has_no_serial_comma():
    assert join_pt([]) == ""
    assert join_pt(["a"]) == "a"
    assert join_pt(["a", "b"]) == "a e b"
    assert join_pt(["a", "b", "c"]) == "a, b e c"


# --------------------------------------------------------------------------- delivery


@pytest.mark.parametrize(("text", "expected"), [
    ("por e-mail", "email"),
    ("mandem para o meu mail", "email"),
    ("por correio eletrónico", "email"),
    ("maria@gmail.com", "email"),
    ("pelo correio", "post"),
    ("em papel, para casa", "post"),
    ("por carta", "post"),
    ("tanto faz", None),
    # the channel the person does not have is not the one chosen
    ("pelo correio, nao tenho email", "post"),
    ("sem e-mail, mandem por carta", "post"),
    ("nao uso mail", None),
    ("por mail se faz favor", "email"),
])
def test_delivery(text, expected):
    assert parse_delivery(text) == expected


# --------------------------------------------------------------------------- e-mail


@pytest.mark.parametrize(("text", "expected"), [
    ("maria.silva@gmail.com", "maria.silva@gmail.com"),
    ("O meu email é Maria.Silva@Gmail.com.", "maria.silva@gmail.com"),
    ("é o rui_costa+rsi@sapo.pt, obrigado", "rui_costa+rsi@sapo.pt"),
    # dictated (speech-to-text writes the symbols as words)
    ("maria arroba gmail ponto com", "maria@gmail.com"),
    ("o meu e-mail é maria arroba gmail ponto com", "maria@gmail.com"),
    ("Maria Ponto Silva Arroba Sapo Ponto PT", "maria.silva@sapo.pt"),
    # Speech recognition spells the words ("joão"); addresses have no accents.
    ("joão traço pereira arroba hotmail ponto com", "joao-pereira@hotmail.com"),
    ("ana underscore costa arroba outlook ponto pt", "ana_costa@outlook.pt"),
    ("email: eva arroba iol ponto pt", "eva@iol.pt"),
    ("eva arroba iol ponto pt", "eva@iol.pt"),
])
def test_email_typed_or_dictated(text, expected):
    assert parse_email(text) == expected


@pytest.mark.parametrize("text", [
    "maria.silva@gmail",  # no top-level domain
    "maria.silva arroba",  # unfinished
    "arroba gmail ponto com",  # no name
    "maria silva arroba gmail ponto com",  # two words before "arroba": which one?
    "maria ponto arroba gmail ponto com",  # "maria.@gmail.com"
    "maria..silva@gmail.com",
    "não tenho e-mail",
    "",
])
def test_incomplete_or_ambiguous_email_is_refused(text):
    assert parse_email(text) is None


# --------------------------------------------------------------------------- postal address


@pytest.mark.parametrize(("text", "expected"), [
    ("moro na Rua do Sol 3, 3000 - 100 Coimbra", "Rua do Sol 3, 3000-100 Coimbra"),
    ("A minha morada é Avenida da Liberdade, 100, 1.º dto., 1250-146 Lisboa",
     "Avenida da Liberdade, 100, 1.º dto., 1250-146 Lisboa"),
    ("Lugar de Cima, 4900-123 Viana do Castelo", "Lugar de Cima, 4900-123 Viana do Castelo"),
    ("morada: Rua 5 de Outubro 12, 9000-123 Funchal.", "Rua 5 de Outubro 12, 9000-123 Funchal"),
])
def test_postal_address(text, expected):
    assert parse_postal_address(text) == expected


@pytest.mark.parametrize("text", [
    "Rua do Sol 3, Coimbra",  # no postal code
    "Rua Direita 1, 3830 Ílhavo",  # postal code without its 3-digit extension
    "3830-044",  # postal code alone
    "3830-044 Ílhavo",  # no street
])
def test_incomplete_postal_address_is_refused(text):
    assert parse_postal_address(text) is None


# --------------------------------------------------------------------------- names


@pytest.mark.parametrize(("text", "expected"), [
    ("chamo-me ana rita da costa", "Ana Rita da Costa"),
    ("O meu nome é Maria João Silva", "Maria João Silva"),
    ("o meu nome completo é José Carlos dos Santos", "José Carlos dos Santos"),
    ("sou a ana da silva", "Ana da Silva"),
    ("é o José Carlos", "José Carlos"),
    ("MARIA SILVA", "Maria Silva"),
    ("joão d'almeida", "João d'Almeida"),
    ("Maria-José Santos.", "Maria-José Santos"),
    ("McDonald Ferreira", "McDonald Ferreira"),  # mixed case is kept as typed
])
def test_full_names(text, expected):
    assert parse_name(text) == expected


@pytest.mark.parametrize("text", [
    "Ana",  # one word
    "Ana 123",  # digits
    "da Silva",  # a particle and one name
    "não sei",
    "quero cancelar",
    "maria@gmail.com",
    " ".join(["Ana"] * 11),  # too many words
])
def test_not_a_full_name(text):
    assert parse_name(text) is None


# --------------------------------------------------------------------------- numbers


def test_nif_and_niss_shaped_numbers_with_separators():
    assert digit_runs("245.678.901 e 12-34") == ["245678901", "1234"]
    assert find_nif("o meu nif é 123 456 789") == "123456789"
    assert find_nif("12345") is None
    assert find_niss("NISS 123 4567 8910") == "12345678910"
    assert find_niss("123456789") is None


@pytest.mark.parametrize(("text", "expected"), [
    ("2026/42", "2026/000042"),
    ("o número é 2026/000107", "2026/000107"),
    ("registo 2027 - 3", "2027/000003"),
    ("n.º 2026 / 42", "2026/000042"),
    ("não sei o número", None),
    ("22/12/2026", None),  # a date
    ("2026/1234567", None),  # more than 6 digits
])
def test_registration_numbers_are_normalised(text, expected):
    assert parse_registration_number(text) == expected


# --------------------------------------------------------------------------- what the store accepts
# The readers give only values RequestRepository.create keeps as they are
# (bot.cleaning): a value the form accepts is never refused at the very end.
# Refusals raise InputError with the cleaner's pt-PT reason, without the value.

NIF = "123456789"  # valid check digit
NISS = "1234567891" + str(niss_check_digit("1234567891"))

ACCEPTED_EMAILS = [
    ("o'brien@example.pt", "o'brien@example.pt"),
    ("O meu e-mail é O'Brien@Example.pt.", "o'brien@example.pt"),
    ("o’brien@example.pt", "o'brien@example.pt"),  # a phone's "smart" apostrophe
    ("rui+rsi@sapo.pt", "rui+rsi@sapo.pt"),
    ("maria.silva+certidoes@gmail.com", "maria.silva+certidoes@gmail.com"),
    ("ana-rita.costa@mail.sapo.pt", "ana-rita.costa@mail.sapo.pt"),
    ("joe!#$%&*=?^`{|}~x@example.pt", "joe!#$%&*=?^`{|}~x@example.pt"),
    ("Maria Silva <maria@sapo.pt>", "maria@sapo.pt"),
    ("«maria@sapo.pt»", "maria@sapo.pt"),
    ("e-mail:maria@sapo.pt", "maria@sapo.pt"),
    ("ｍａｒｉａ＠ｓａｐｏ．ｐｔ", "maria@sapo.pt"),  # full-width
    ("o meu email é maria@sapo.pt, repito, maria@sapo.pt", "maria@sapo.pt"),
    ("a" * 64 + "@example.pt", "a" * 64 + "@example.pt"),  # the longest local part
]


@pytest.mark.parametrize(("text", "expected"), ACCEPTED_EMAILS, ids=lambda value: value[:40])
def test_email_keeps_every_character_allowed_before_the_at(text, expected):
    assert read_email(text) == expected


@pytest.mark.parametrize(("text", "reason"), [
    ("a" * 300 + "@example.pt", "64 caracteres antes do @"),  # 300-character local part
    ("a" * 65 + "@example.pt", "64 caracteres antes do @"),
    ("a" * 5000 + "@example.pt", "64 caracteres antes do @"),
    ("maria@" + "a" * 300 + ".pt", "254 caracteres"),
    ("mar\u200bia@sapo.pt", "invisíveis"),  # zero-width space: never read as "ia@sapo.pt"
    ("maria@sapo.pt\u202e", "invisíveis"),  # right-to-left override
    ("joão@sapo.pt", "acentuadas"),
    ("mаria@sapo.pt", "outros alfabetos"),  # Cyrillic "а"
    ("maria@gmail.com<script>", "formato válido"),
    ("maria..silva@gmail.com", "formato válido"),
    ("maria@gmail", "formato válido"),
], ids=lambda value: value[:40] if isinstance(value, str) else value)
def test_email_too_long_or_hostile_is_refused_whole_never_cut_short(text, reason):
    with pytest.raises(InputError) as refused:
        read_email(text)
    assert reason in str(refused.value)
    assert "aaaa" not in str(refused.value) and "maria" not in str(refused.value)
    assert parse_email(text) is None


def test_two_different_email_addresses_are_not_guessed():
    assert read_email("maria@sapo.pt ou então joao@sapo.pt") is None


@pytest.mark.parametrize(("text", "reason"), [
    ("Mаria Silva", "alfabetos diferentes"),  # Cyrillic "а" among Latin letters
    ("Αλέξης Silva", "alfabetos diferentes"),  # Greek and Latin
    ("Иван Петров", "caracteres latinos"),
    ("Maria\u200b Silva", "invisíveis"),  # zero-width space
    ("Maria\u200dSilva Costa", "invisíveis"),  # zero-width joiner
    ("Maria \u202eavliS", "invisíveis"),  # right-to-left override
    ("\ufeffMaria Silva", "invisíveis"),  # byte order mark
    ("Ana Silva\x1b[31m", "invisíveis"),  # terminal colour escape
    ("<script>alert(1)</script>", "só pode ter letras"),
    ("Maria <b>Silva</b>", "só pode ter letras"),
    ("Ana Silva\n• NIF: 123456789", "numa só linha"),
    ("Ana " + "Silva " * 30, "120 caracteres"),
])
def test_names_the_store_would_refuse_are_refused_with_the_reason(text, reason):
    with pytest.raises(InputError) as refused:
        read_name(text)
    assert reason in str(refused.value)
    assert "script" not in str(refused.value) and "Silva" not in str(refused.value)
    assert parse_name(text) is None


@pytest.mark.parametrize(("text", "expected"), [
    ("ＭＡＲＩＡ ＳＩＬＶＡ", "Maria Silva"),  # full-width letters
    ("joão d’almeida", "João d'Almeida"),  # typographic apostrophe
    ("Jose\u0301 Silva", "José Silva"),  # decomposed accent
    ("ana  rita   costa", "Ana Rita Costa"),
])
def test_names_are_read_as_the_store_keeps_them(text, expected):
    assert read_name(text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("１２３４５６７８９", NIF),  # full-width
    ("١٢٣٤٥٦٧٨٩", NIF),  # Arabic-Indic
    ("۱۲۳۴۵۶۷۸۹", NIF),  # extended Arabic-Indic (Persian)
    ("o meu NIF é １２３ ４５６ ７８９", NIF),
    ("NIF: ١٢٣.٤٥٦.٧٨٩", NIF),
    (f"o meu nif é\n{NIF}", NIF),
])
def test_nif_in_any_digits_is_read_in_ascii(text, expected):
    assert read_nif(text) == expected
    assert find_nif(text) == expected


@pytest.mark.parametrize("typed", [
    str.maketrans("0123456789", "０１２３４５６７８９"),  # full-width
    str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩"),  # Arabic-Indic
])
def test_niss_in_any_digits_is_read_in_ascii(typed):
    text = "o meu NISS é " + NISS.translate(typed)
    assert not text.isascii()
    assert read_niss(text) == NISS
    assert find_niss(text) == NISS


@pytest.mark.parametrize(("reader", "text"), [
    (read_nif, "123\u200b456789"),
    (read_nif, "12345678\u202e9"),
    (read_nif, "123456789\x00"),
    (read_niss, NISS[:5] + "\u200b" + NISS[5:]),
])
def test_numbers_with_invisible_characters_are_refused(reader, text):
    with pytest.raises(InputError, match="invisíveis"):
        reader(text)


def test_invalid_numbers_are_not_understood_rather_than_refused():
    assert read_nif("123456780") is None  # wrong check digit: the form explains the NIF
    assert read_niss(NISS[:-1] + str((int(NISS[-1]) + 1) % 10)) is None
    assert read_nif("não sei") is None


@pytest.mark.parametrize(("text", "expected"), [
    ("٢٠٢٦/٤٢", "2026/000042"),
    ("２０２６／４２", "2026/000042"),
])
def test_registration_number_in_any_digits(text, expected):
    assert parse_registration_number(text) == expected


@pytest.mark.parametrize(("text", "reason"), [
    ("Rua <script>alert(1)</script> 1, 4000-123 Porto", "só pode ter letras"),
    ("Rua do Sol 3, Coimbra", "código postal"),
    ("Rua Direita 1, 3830 Ílhavo", "código postal"),
    ("3830-044 Ílhavo", "código postal"),  # no street
    ("Rua do Sol 3, 4000-123 Porto\n• NIF: 123456789", "numa só linha"),
    ("Rua do Sol 3, 4000-123 Porto\u2028NIF 123456789", "numa só linha"),
    ("Rua do Sol 3, 4000-123 Porto https://exemplo.pt", "só pode ter letras"),
    ("Rua do Sol 3, 4000-123 Porto\u200b", "invisíveis"),
    ("Rua " + "das Flores " * 20 + "1, 4000-123 Porto", "200 caracteres"),
])
def test_addresses_the_store_would_refuse_are_refused_with_the_reason(text, reason):
    with pytest.raises(InputError) as refused:
        read_postal_address(text)
    assert reason in str(refused.value)
    assert "script" not in str(refused.value) and "Porto" not in str(refused.value)
    assert parse_postal_address(text) is None


@pytest.mark.parametrize(("text", "expected"), [
    ("pelo correio, para Rua das Flores 12, 4000-123 Porto", "Rua das Flores 12, 4000-123 Porto"),
    ("Rua do Sol ３, ３０００ - １００ Coimbra", "Rua do Sol 3, 3000-100 Coimbra"),
    ("Rua D’Ouro 5, 1100-060 Lisboa", "Rua D'Ouro 5, 1100-060 Lisboa"),
])
def test_addresses_are_read_as_the_store_keeps_them(text, expected):
    assert read_postal_address(text) == expected


def test_an_empty_answer_is_nothing_found_not_a_refusal():
    for reader in (read_name, read_email, read_postal_address, read_nif, read_niss):
        assert reader("") is None


ACCEPTED_NAMES = [
    "chamo-me ana rita da costa", "O meu nome é Maria João Silva", "joão d'almeida",
    "Maria-José Santos.", "McDonald Ferreira", "ＭＡＲＩＡ ＳＩＬＶＡ", "Jose\u0301 Silva",
]
ACCEPTED_ADDRESSES = [
    "moro na Rua do Sol 3, 3000 - 100 Coimbra",
    "A minha morada é Avenida da Liberdade, 100, 1.º dto., 1250-146 Lisboa",
    "morada: Rua 5 de Outubro 12, 9000-123 Funchal.",
    "Rua do Sol ３, ３０００ - １００ Coimbra",
    "Lugar de Cima, 4900-123 Viana do Castelo",
]


@pytest.mark.parametrize("text", ACCEPTED_NAMES)
def test_accepted_names_are_fixed_points_of_the_store_cleaner(text):
    name = read_name(text)
    assert name is not None and clean_name(name) == name


@pytest.mark.parametrize("text", [text for text, _ in ACCEPTED_EMAILS] + [
    "maria arroba gmail ponto com", "Maria Ponto Silva Arroba Sapo Ponto PT",
], ids=lambda value: value[:40])
def test_accepted_emails_are_fixed_points_of_the_store_cleaner(text):
    email = read_email(text)
    assert email is not None and clean_email(email) == email


@pytest.mark.parametrize("text", ACCEPTED_ADDRESSES)
def test_accepted_addresses_are_fixed_points_of_the_store_cleaner(text):
    address = read_postal_address(text)
    assert address is not None and clean_postal_address(address) == address


@pytest.mark.parametrize(("reader", "text"), [
    (read_nif, "１２３４５６７８９"), (read_nif, f"o meu nif é {NIF[:3]} {NIF[3:6]} {NIF[6:]}"),
    (read_niss, NISS.translate(str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩"))), (read_niss, NISS),
])
def test_accepted_numbers_are_stored_as_they_are_read(reader, text):
    number = reader(text)
    assert number is not None and number.isascii()
    assert compact(clean_identifier(number)) == number
