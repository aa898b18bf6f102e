"""Messages whose meaning does not depend on the classifier (bot.parsing.intents)."""

from __future__ import annotations

import pytest

from bot.parsing.intents import (
    asks_for_a_statement,
    asks_for_person,
    asks_to_continue,
    asks_to_simulate,
    asks_to_stop,
    asks_why,
)


@pytest.mark.parametrize("text", [
    "quero simular o rsi", "fazer uma simulação", "quero fazer uma simulacao", "calcular o valor do rsi",
    "simular quanto recebo", "calcula o meu rsi", "quanto vou receber de rsi", "quanto eu ia receber",
    "dá para fazer as contas?", "Simular RSI", "quero calcular quanto recebia do rendimento social",
])
def test_asking_to_simulate(text):
    assert asks_to_simulate(text)


@pytest.mark.parametrize("text", [
    "o abono conta para o calculo do rsi?", "calcular o prazo", "calcular o abono", "o que é o rsi?",
    "como é pago o rsi?", "tenho direito ao subsidio de desemprego?", "quero calcular o irs",
])
def test_not_asking_to_simulate(text):
    assert not asks_to_simulate(text)


@pytest.mark.parametrize("text", ["porquê?", "porque?", "pq", "para que precisa de saber isso?",
                                  "o que é isso?", "o que quer dizer", "nao percebi a pergunta", "Porquê???"])
def test_why(text):
    assert asks_why(text)


@pytest.mark.parametrize("text", ["porque não tenho trabalho", "o que é o rsi", "sim", "600 euros"])
def test_not_why(text):
    assert not asks_why(text)


@pytest.mark.parametrize("text", ["parar", "esquece", "cancelar", "desisto", "não quero continuar", "sair"])
def test_stop(text):
    assert asks_to_stop(text) and not asks_to_continue(text)


@pytest.mark.parametrize("text", ["não, quero continuar", "continuar", "nao continua", "vamos continuar"])
def test_continue(text):
    assert asks_to_continue(text) and not asks_to_stop(text)


@pytest.mark.parametrize("text", ["quero falar com uma pessoa", "posso falar com alguém?", "preciso de um humano",
                                  "posso ligar para onde?", "quero um operador"])
def test_person(text):
    assert asks_for_person(text)


@pytest.mark.parametrize("text", ["ninguém cá em casa trabalha", "o meu marido ganha 600", "vivo sozinha",
                                  "estou a falar com um robô ou com uma pessoa?", "é uma pessoa real?"])
def test_not_person(text):
    assert not asks_for_person(text)


def test_how_much_is_about_receiving():
    from bot.parsing.intents import asks_how_much

    assert asks_how_much("quanto posso receber de rsi?") and asks_how_much("quanto é que me dão?")
    assert not asks_how_much("quanto dinheiro posso ter na conta para ter rsi?")
    assert not asks_how_much("quanto tempo demora a receber?")


def test_about_eligibility():
    from bot.parsing.intents import asks_about_eligibility

    assert asks_about_eligibility("bom dia, posso pedir o rsi?")
    assert asks_about_eligibility("keria saber se tenho dereito ao rendimento minimo")
    assert not asks_about_eligibility("quanto dinheiro posso ter na conta para ter rsi?")
    assert not asks_about_eligibility("tenho direito ao abono?")


@pytest.mark.parametrize("text", [
    "tenho de responder à audiência prévia até quando?",
    "quero reclamar da decisão do rsi, que prazo tenho?",
    "qual é o prazo para recorrer?",
    "até quando posso recorrer?",
    "mudei de casa, até quando tenho de avisar a segurança social?",
    "quanto tempo tenho para assinar o contrato de inserção?",
    "recebi uma carta registada, quando conta como recebida?",
    "quantos dias tenho pra reclamar",
    "ainda vou a tempo de recorrer?",
    "ate que data posso entregar a reclamacao",
    "qual o praso pra responder a audiencia",
    "quanto tempo é que tenho para comunicar que arranjei trabalho?",
])
def test_asks_deadline(text):
    from bot.parsing.intents import asks_deadline

    assert asks_deadline(text)


@pytest.mark.parametrize("text", [
    # how, whether, what: the FAQ answers (faq/refusal_appeal, faq/report_changes, faq/insertion_contract)
    "como recorro?", "como reclamo da decisão?", "posso recorrer da decisão?",
    "arranjei trabalho, tenho de avisar?", "o que é o contrato de inserção?",
    "recebi uma carta de audiência prévia, o que é?", "quanto tempo demora a resposta ao pedido de rsi?",
    "quanto tempo posso estar fora sem perder o rsi", "quanto tempo tenho de esperar pela resposta?",
    "estou a tempo parcial, posso ter rsi?",
])
def test_does_not_ask_deadline(text):
    from bot.parsing.intents import asks_deadline

    assert not asks_deadline(text)


# ---------------------------------------------------------------- added with tuning4

from bot.parsing.intents import asks_deadline, asks_for_documents, is_bare_answer  # noqa: E402


@pytest.mark.parametrize("text", [
    "recebi uma carta no dia 20 do mes passado a pedir mais papeis, ate q dia tenho pra entregar?",
    "a partir de que dia e que conta que fui notificado?",
    "que dia conta como notificado?",
    "ate que data posso entregar?",
])
def test_deadline_questions(text):
    assert asks_deadline(text)


@pytest.mark.parametrize("text", [
    "o meu pai tem 70 anos. que papeis e que ele tem de levar para pedir o rsi?",
    "o que tenho de levar para pedir o rsi?",
    "q documentos preciso para pedir rsi?",
    "quais sao os documentos necessarios?",
    "que documentos sao precisos pro rsi",
])
def test_asking_for_the_documents_list(text):
    assert asks_for_documents(text)


@pytest.mark.parametrize("text", [
    "preciso de uma declaracao de que recebo o rsi",
    "recebi uma carta a dizer que faltam documentos, quantos dias tenho?",
    "tenho direito ao rsi?",
])
def test_not_asking_for_the_documents_list(text):
    assert not asks_for_documents(text)


@pytest.mark.parametrize("text", [
    "por mail se faz favor", "pelo correio", "por e-mail por favor", "em papel",
    "que diga quando entreguei o pedido e qual foi a decisao", "que conste a decisão",
])
def test_answers_that_are_only_answers(text):
    assert is_bare_answer(text)


@pytest.mark.parametrize("text", [
    "por email e possivel pedir o rsi?", "que documentos levo?", "que dia é hoje?",
])
def test_questions_are_not_bare_answers(text):
    assert not is_bare_answer(text)


from bot.parsing.intents import asks_reference_value  # noqa: E402


@pytest.mark.parametrize("text", [
    "qual e o valor de referencia do rsi em 2026?", "quanto é o rsi este ano?", "qual é o valor do rsi?",
])
def test_asking_the_reference_value(text):
    assert asks_reference_value(text)


@pytest.mark.parametrize("text", [
    "quanto vou receber de rsi?", "qual é o valor do rsi para uma familia de 4 com 600 euros?",
    "tenho direito ao rsi?",
])
def test_not_asking_the_reference_value(text):
    assert not asks_reference_value(text)


@pytest.mark.parametrize("text", [
    "preciso de um papel a dizer que recebo o rsi para entregar na escola do meu filho",
    "queria um comprovativo de que nao tenho dividas a seguranca social",
    "preciso de uma declaração em como sou beneficiária do rsi",
    "podem passar-me uma declaracao a dizer que recebo rsi?",
    "a escola pede um documento que prove que recebo o rendimento social",
    "Bom dia. Queria pedir uma certidão do meu requerimento do rendimento social de inserção, para o advogado.",
    "preciso de uma declaração",
])
def test_asking_for_a_statement(text):
    assert asks_for_a_statement(text)


@pytest.mark.parametrize("text", [
    "que papeis tenho de levar para pedir o rsi?", "o rsi conta para o irs?",
    "recebi um papel a dizer que o rsi foi cortado", "tenho de entregar um comprovativo de morada?",
    "recebi uma carta a dizer que tenho de entregar documentos",
    "preciso de uma certidão de nascimento", "quanto tempo demoram a emitir uma certidão?",
    "que declarações preciso de entregar?",
])
def test_not_asking_for_a_statement(text):
    assert not asks_for_a_statement(text)


def test_a_question_about_the_rsi_ending_is_no_request_to_stop():
    assert not asks_to_stop("o rsi vai acabar?")
    assert asks_to_stop("quero acabar") and asks_to_stop("acabar")


def test_an_eligibility_question_after_another_benefit_is_about_the_rsi_named():
    from bot.parsing.intents import asks_about_eligibility
    assert asks_about_eligibility("o meu subsídio de desemprego acaba a 20 de dezembro e depois fico sem nada. "
                                  "posso já pedir o rsi?")
    assert not asks_about_eligibility("posso receber o abono e o rsi?")
    assert not asks_about_eligibility("tenho direito ao subsidio de desemprego?")
