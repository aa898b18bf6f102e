"""Written replies rewritten for the phone line (bot.speech)."""

from __future__ import annotations

from decimal import Decimal

import pytest

from bot.format import money
from bot.speech import (
    NO_REPLY_APOLOGY,
    SOCIAL_SECURITY_SITE,
    choices,
    speakable,
    spoken_reply,
)


@pytest.mark.parametrize(
    ("written", "spoken"),
    [
        ("Recebe 217,91 € por mês.", "Recebe 217,91 euros por mês."),
        ("Recebe 217,91\xa0€ por mês.", "Recebe 217,91 euros por mês."),
        ("Diga, por exemplo, «1.250,50 €».", "Diga, por exemplo, 1250,50 euros."),
        ("Ganho 600€", "Ganho 600 euros."),
        ("Fica com 1 € por dia", "Fica com 1 euro por dia."),
        ("Fica com 1,50 € por dia", "Fica com 1,50 euros por dia."),
        ("Um valor de € 20", "Um valor de 20 euros."),
        ("Valores em €", "Valores em euros."),
        ("Salários: 600,00 € por mês", "Salários: 600 euros por mês."),
        ("Poupanças: 0,00 €", "Poupanças: 0 euros."),
    ],
)
def test_euro_amounts_are_read_as_euros(written, spoken):
    assert speakable(written) == spoken


def test_babel_money_with_thousands_is_read_as_one_number():
    # money() writes "1 234,56 €" with no-break spaces; a voice would read two numbers.
    assert speakable(f"Valor: {money(Decimal('1234.56'))}") == "Valor: 1234,56 euros."


def test_phone_numbers_keep_their_groups():
    assert speakable("Ligue 300 502 502") == "Ligue 300 502 502."


def test_bullets_become_one_sentence():
    written = (
        "Posso ajudar com:\n"
        "• ver se tem direito ao RSI\n"
        "• os documentos a entregar\n"
        "• falar com uma pessoa\n"
        "Em que posso ajudar?"
    )
    assert speakable(written) == (
        "Posso ajudar com: ver se tem direito ao RSI; os documentos a entregar; "
        "falar com uma pessoa. Em que posso ajudar?"
    )
    assert "•" not in speakable(written)


def test_bullet_items_that_are_sentences_keep_their_punctuation():
    written = "Falta:\n- O cartão de cidadão.\n- A declaração de IRS"
    assert speakable(written) == "Falta: O cartão de cidadão. A declaração de IRS."


@pytest.mark.parametrize(
    "written",
    [
        "Use a Segurança Social Direta (www.seg-social.pt).",
        "Use a Segurança Social Direta (https://www.seg-social.pt/inicio?x=1).",
        "Use a Segurança Social Direta (http://seg-social.pt).",
    ],
)
def test_social_security_links_become_the_site(written):
    assert speakable(written) == f"Use a Segurança Social Direta ({SOCIAL_SECURITY_SITE})."


def test_link_at_the_end_of_a_sentence_keeps_the_full_stop():
    assert speakable("Online: www.seg-social.pt. Até breve") == (
        f"Online: {SOCIAL_SECURITY_SITE}. Até breve."
    )


def test_other_links_name_their_own_site():
    spoken = speakable("Veja https://diariodarepublica.pt/dr/detalhe/123")
    assert spoken == "Veja o site diariodarepublica.pt."
    assert "https" not in spoken and SOCIAL_SECURITY_SITE not in spoken


def test_office_hours_legal_references_and_percentages_are_words():
    written = "Linha 300 502 502 (dias úteis, 9h-18h), Portaria n.º 257/2012, art. 3.º, 70\xa0%"
    assert speakable(written) == (
        "Linha 300 502 502 (dias úteis, das 9 às 18 horas), "
        "Portaria número 257 de 2012, artigo 3.º, 70 por cento."
    )


def test_emoji_and_quotes_are_dropped():
    assert speakable("Pedido registado ✅ Diga «sim»") == "Pedido registado Diga sim."


@pytest.mark.parametrize("empty", [None, "", "  \n\n ", "✅"])
def test_nothing_speakable_gives_empty_text(empty):
    assert speakable(empty) == ""


def test_buttons_are_read_as_choices():
    assert choices(["opção A", "opção B"]) == "Pode dizer: opção A, opção B."
    assert choices(["Nenhum", "1", "3 ou mais"]) == "Pode dizer: Nenhum, 1, 3 ou mais."
    assert choices([]) == ""
    assert choices(["", " "]) == ""


def test_reply_with_buttons_says_the_text_then_the_choices():
    assert spoken_reply("Confirma o pedido?", ["Sim, confirmo", "Não"]) == (
        "Confirma o pedido? Pode dizer: Sim, confirmo, Não."
    )
    assert spoken_reply(None, ["Sim"]) == "Pode dizer: Sim."
    assert spoken_reply("", []) == ""


def test_apology_gives_the_phone_number_in_portuguese():
    assert "300 502 502" in NO_REPLY_APOLOGY
    assert speakable(NO_REPLY_APOLOGY) == NO_REPLY_APOLOGY


def test_citations_slashes_and_symbols_are_not_read_on_the_phone():
    written = (
        "Como fiz as contas:\n"
        "• Requerente: 100 % de 247,56 € = 247,56 €. (Lei n.º 13/2003, art. 10.º, n.º 2 "
        "(redação do Decreto-Lei n.º 1/2016))\n"
        "• 2 adultos − 480,00 € × 2\n"
        "Está inscrito/a? Base legal: Lei n.º 13/2003, art. 6.º."
    )
    spoken = speakable(written)
    assert "Lei" not in spoken and "Decreto" not in spoken and "Base legal" not in spoken
    assert "/" not in spoken and "=" not in spoken and "×" not in spoken and "−" not in spoken
    assert "igual a 247,56 euros" in spoken and "inscrito ou inscrita" in spoken


def test_masked_numbers_and_email_are_not_read_as_bullets():
    from bot.identifiers import mask_nif, mask_niss

    written = (
        "Antes de registar, confirme os dados do pedido:\n"
        f"• NIF: {mask_nif('123456789')}\n"
        f"• NISS: {mask_niss('12345678910')}\n"
        "• Entrega: por e-mail, para m•••••@gmail.com\n"
        "Está tudo certo?"
    )
    spoken = speakable(written)
    assert "•" not in spoken
    assert "NIF: terminado em 7 8 9;" in spoken and "NISS: terminado em 9 1 0;" in spoken
    assert "para o endereço começado por m, arroba gmail.com." in spoken


def test_a_mask_grouped_with_a_space_is_read_the_same():
    assert speakable("NIF ••••••  789") == "NIF terminado em 7 8 9."
    assert "•" not in speakable("O código: ••••••")
