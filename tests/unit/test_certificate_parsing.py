"""Reading a certificate request from what people write or dictate (bot.certificates)."""

from __future__ import annotations

import pytest

from bot.certificates import CERTIDAO_ELEMENTS, certidao_details, join_pt
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
