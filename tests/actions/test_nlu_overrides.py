"""The rule-based intent decisions made after the classifier (bot.nlu.overrides)."""

from __future__ import annotations

import pytest

from bot.nlu.overrides import decide


def test_simulate_always_starts_the_eligibility_form():
    assert decide("quero simular o rsi", "faq", 0.9, 0.25) == "check_eligibility"
    assert decide("quanto vou receber?", "ask_amount", None, 0.25) is None  # already right
    assert decide("quanto vou receber de rsi?", "faq", 0.9, 0.25) == "ask_amount"
    assert decide("quanto posso receber de rsi?", "check_eligibility", None, 0.25) == "ask_amount"


def test_unsure_faq_answers_become_the_fallback():
    assert decide("posso ir de ferias?", "faq", 0.1, 0.25) == "nlu_fallback"
    assert decide("como é pago o rsi?", "faq", 0.9, 0.25) is None


def test_stop_continue_and_person():
    assert decide("esquece", "inform", None, 0.25) == "stop"
    assert decide("não, quero continuar", "stop", None, 0.25) == "deny"
    assert decide("posso ligar para onde?", "nlu_fallback", None, 0.25) == "talk_to_human"
    assert decide("esquece isso, tenho 3 filhos e o meu marido ganha 600 euros", "inform", None, 0.25) is None


def test_an_rsi_application_is_not_a_certificate_lookup():
    text = "entreguei os papéis todos, como sei em que ponto está o meu pedido?"
    assert decide(text, "check_request_status", 0.95, 0.25, "faq/application_status") == "faq"
    assert decide("como está o pedido 2026/000042?", "check_request_status", 0.95, 0.25,
                  "faq/application_status") is None


def test_asking_for_the_rsi_with_facts_starts_the_form():
    text = "keria saber se tenho dereito ao rendimento minimo somos 3 eu o meu omem e o meu filho de 20 anos"
    assert decide(text, "inform", None, 0.2) == "check_eligibility"
    assert decide("tenho direito ao subsidio de desemprego?", "out_of_scope", None, 0.2) is None
    assert decide("tenho carro, posso ter o rsi?", "faq", 0.9, 0.2) is None


def test_a_situation_the_faq_answers_wins_over_the_general_question():
    assert decide("estou preso, tenho direito?", "check_eligibility", 0.95, 0.2, "faq/prison") == "faq"
    assert decide("tenho direito ao rsi?", "check_eligibility", 0.4, 0.2, "faq/what_is_rsi") is None
    assert decide("quero simular, tenho carro", "faq", 0.95, 0.2, "faq/car_and_property") == "check_eligibility"


def test_an_unsure_faq_about_a_deadline_goes_to_the_deadline_calculator():
    text = "tenho um prazo para cumprir no rsi, quando é que acaba?"
    assert decide(text, "faq", 0.21, 0.2, "faq/renewal") == "ask_deadline"
    assert decide("quando começa a renovação do rsi?", "faq", 0.9, 0.2, "faq/renewal") is None


def test_a_hesitant_classifier_with_a_sure_answer_selector_answers_the_faq():
    text = "a pensão de alimentos que recebo do pai dos meus filhos conta como rendimento?"
    assert decide(text, "nlu_fallback", 1.0, 0.2, "faq/income_counted", "faq") == "faq"
    assert decide(text, "nlu_fallback", 0.6, 0.2, "faq/income_counted", "faq") is None
    assert decide("bla", "nlu_fallback", 1.0, 0.2, "faq/irs", "greet") is None


def test_an_eligibility_question_guessed_as_an_unsure_faq_starts_the_form():
    assert decide("bom dia, posso pedir o rsi?", "faq", 0.27, 0.2, "faq/payment_date") == "check_eligibility"
    assert decide("posso pedir o rsi se tiver carro?", "faq", 0.95, 0.2, "faq/car_and_property") is None


@pytest.mark.parametrize("text", [
    "moro com a minha mãe que está acamada e eu cuido dela, não consigo trabalhar. há alguma ajuda para nós?",
    "Boa tarde, sou do Bangladesh, estou cá há 8 meses com a minha mulher. Queria pedir o rendimento social",
    "fiquei sem emprego e queria saber do rsi. somos só os dois lá em casa, eu e o meu filho de 19 anos",
])
def test_a_case_told_as_a_story_starts_the_estimate(text):
    assert decide(text, "inform", None, 0.2) == "check_eligibility"
    assert decide(text, "faq", 0.6, 0.2, "faq/students") == "check_eligibility"


@pytest.mark.parametrize("text", ["eu e dois filhos", "somos quatro, eu, o meu marido e dois miúdos", "600 euros"])
def test_bare_answers_stay_answers(text):
    assert decide(text, "inform", None, 0.2) is None


def test_an_eligibility_question_about_a_household_is_not_a_situation_faq():
    assert decide("tenho direito ao rsi? vivo sozinho", "check_eligibility", 0.9, 0.2, "faq/homeless") is None
    assert decide("tenho direito ao rsi? vivo sozinho", "faq", 0.9, 0.2, "faq/homeless") == "check_eligibility"
    assert decide("estou preso, tenho direito ao rsi?", "check_eligibility", 0.95, 0.2, "faq/prison") == "faq"


def test_an_appeal_is_not_a_certificate_lookup():
    text = "eles negaram meu pedido e eu não concordo de jeito nenhum, tem como recorrer?"
    assert decide(text, "check_request_status", 0.9, 0.2, "faq/refusal_appeal") == "faq"


def test_a_whole_case_in_one_message_starts_the_estimate_whatever_faq_it_resembles():
    text = "tenho 17 anos vivo com a minha avo ela tem uma reforma de 300 euros e eu estou gravida"
    assert decide(text, "faq", 0.95, 0.2, "faq/students") == "check_eligibility"
    assert decide("o meu filho está preso, continua a contar no agregado para o rsi?", "faq", 0.95, 0.2,
                  "faq/prison") is None


# "how" and "whether" are FAQ answers; "until when" is the deadline calculator's.
@pytest.mark.parametrize("text, key", [
    ("tenho de avisar que mudei de casa?", "faq/report_changes"),
    ("mudei de casa, é preciso informar a seguranca social?", "faq/change_residence"),
    ("sou obrigada a comunicar que o meu filho saiu de casa?", "faq/report_changes"),
    ("vou de ferias ao brasil, tenho que avisar?", "faq/travel_abroad"),
    ("como faço para recorrer?", "faq/refusal_appeal"),
])
def test_whether_or_how_questions_taken_for_deadlines_get_the_faq(text, key):
    assert decide(text, "ask_deadline", 0.7, 0.25, key) == "faq"


@pytest.mark.parametrize("text", [
    "até quando tenho de avisar que mudei de casa?",
    "qual é o prazo para comunicar a mudança de morada?",
    "tenho quantos dias para reclamar?",
    "em quanto tempo tenho de assinar o contrato de inserção?",
])
def test_until_when_questions_stay_with_the_deadline_calculator(text):
    assert decide(text, "ask_deadline", 0.9, 0.25, "faq/report_changes") is None


@pytest.mark.parametrize("text, key", [
    ("até quando posso reclamar da decisão?", "faq/refusal_appeal"),
    ("qual o prazo para avisar que mudei de morada?", "faq/change_residence"),
    ("ate qnd tenho pra comunicar o novo emprego", "faq/report_changes"),
])
def test_until_when_questions_taken_for_faq_go_to_the_calculator(text, key):
    assert decide(text, "faq", 0.95, 0.25, key) == "ask_deadline"


@pytest.mark.parametrize("text", ["como recorro?", "como faço para reclamar?", "quero contestar isto",
                                  "indeferiram-me, e agora?"])
def test_an_appeal_taken_for_another_service_gets_the_appeal_answer(text):
    assert decide(text, "out_of_scope", 0.2, 0.25, "faq/refusal_appeal") == "faq"


@pytest.mark.parametrize("text", ["como reclamo do irs?", "quero contestar a multa das finanças"])
def test_appeals_about_other_services_stay_out_of_scope(text):
    assert decide(text, "out_of_scope", 0.2, 0.25, "faq/refusal_appeal") is None


@pytest.mark.parametrize("text, intent", [
    ("preciso de ajuda por favor, queria pedir o rendimento social", "nlu_fallback"),
    ("queria pedir o rsi", "out_of_scope"),
])
def test_wanting_to_apply_starts_the_estimate(text, intent):
    assert decide(text, intent, 0.3, 0.25, "faq/how_to_apply") == "check_eligibility"


@pytest.mark.parametrize("text, key", [
    ("ola tenho 17 anos e estou gravida de 5 meses, posso pedir o rsi?", "faq/students"),
    ("sou brasileira e estou ca ha 3 anos, tenho direito ao rsi?", "faq/contact_channels"),
    ("ganho 400 euros, posso receber o rsi?", "faq/work_while_receiving"),
])
def test_an_eligibility_question_with_facts_of_the_case_starts_the_estimate(text, key):
    assert decide(text, "faq", 0.8, 0.25, key) == "check_eligibility"


def test_a_situation_faq_keeps_its_answer_even_with_facts():
    assert decide("tenho 30 anos e estou preso, tenho direito ao rsi?", "faq", 0.95, 0.25, "faq/prison") is None


def test_a_situation_answer_needs_its_situation_named():
    # The selector's "students" for a pregnant 17-year-old's question is no reason to leave the estimate.
    text = "ola tenho 17 anos e estou gravida de 5 meses, posso pedir o rsi?"
    assert decide(text, "check_eligibility", 0.95, 0.25, "faq/students") is None
    assert decide("sou estudante, tenho direito ao rsi?", "check_eligibility", 0.95, 0.25, "faq/students") == "faq"


# ---------------------------------------------------------------- added with tuning4

@pytest.mark.parametrize("text, key", [
    ("namaste. sou do nepal, trabalhava na apanha da fruta mas agora estou sem trabalho. posso pedir rsi?",
     "faq/work_while_receiving"),
    ("estou sem trabalho. posso pedir rsi?", "faq/work_while_receiving"),
    ("fiquei desempregado, posso pedir o rsi?", "faq/work_while_receiving"),
])
def test_out_of_work_asking_for_the_rsi_is_no_question_about_working_on_it(text, key):
    assert decide(text, "faq", 0.9, 0.5, key, "faq") == "check_eligibility"


def test_working_while_on_the_rsi_keeps_its_answer():
    text = "se arranjar um part time perco o rsi todo ou da para trabalhar e receber na mesma?"
    assert decide(text, "faq", 0.9, 0.5, "faq/work_while_receiving", "faq") is None


@pytest.mark.parametrize("text, intent", [
    ("o meu pai tem 70 anos, recebe a reforma. que papeis e que ele tem de levar para pedir o rsi?", "nlu_fallback"),
    ("bonjour, sou frances e vivo no algarve, o que tenho de levar para pedir o rsi?", "check_eligibility"),
    ("q documentos preciso para pedir rsi?", "faq"),
])
def test_asking_what_to_bring_is_the_documents_list(text, intent):
    assert decide(text, intent, 0.4, 0.5, "faq/homeless", intent) == "ask_documents"


@pytest.mark.parametrize("text", [
    "sou do funchal. mandaram-me uma carta a 26/11 a dizer que faltam documentos. quantos dias tenho?",
    "foi registada nos correios a 30 de novembro. a partir de que dia e que conta que fui notificado?",
])
def test_a_deadline_question_not_understood_goes_to_the_calculator(text):
    assert decide(text, "nlu_fallback", 0.2, 0.5, "faq/income_counted", "faq") == "ask_deadline"


def test_until_which_day_with_an_unsure_faq_goes_to_the_calculator():
    text = "recebi uma carta da seg social no dia 20 do mes passado a pedir mais papeis, ate q dia tenho pra entregar?"
    assert decide(text, "faq", 0.46, 0.5, "faq/payment_date", "faq") == "ask_deadline"


@pytest.mark.parametrize("text, intent", [
    ("por mail se faz favor", "out_of_scope"),
    ("que diga quando entreguei o pedido e qual foi a decisao", "faq"),
])
def test_bare_answers_are_answers(text, intent):
    assert decide(text, intent, 1.0, 0.5, "faq/application_status", intent) == "inform"


def test_a_statement_asked_for_in_other_words_is_a_certificate_request():
    text = "preciso de um papel a dizer que recebo o rsi para entregar na escola do meu filho"
    assert decide(text, "nlu_fallback", 0.9, 0.25) == "request_certificate"
    assert decide(text, "faq", 0.95, 0.25) == "request_certificate"
    assert decide(text, "request_certificate", None, 0.25) is None


def test_a_date_at_the_end_of_the_year_is_no_question_about_the_psu():
    text = "o meu subsídio de desemprego acaba a 20 de dezembro de 2026 e depois fico sem nada. posso já pedir o rsi?"
    assert decide(text, "faq", 0.9, 0.25, key="faq/psu_transition") == "check_eligibility"
    assert decide("o rsi vai acabar?", "faq", 0.95, 0.25, key="faq/psu_transition") is None
    assert decide("estou a dormir num abrigo, tenho direito ao rsi?", "faq", 0.95, 0.25, key="faq/homeless") is None


# ---------------------------------------------------------------- a wish to apply (DIET of one layer)

@pytest.mark.parametrize("text", [
    "queria pedir o rsi", "quero pedir o rsi", "gostava de pedir o rendimento social",
    "queria candidatar-me ao rsi", "boa tarde, pretendo requerer o rsi", "preciso de pedir o rsi",
    "vinha pedir o rendimento social de insercao", "queria solicitar o rsi",
])
@pytest.mark.parametrize("key", ["faq/how_to_apply", "faq/what_is_rsi"])
def test_a_wish_to_apply_taken_for_the_how_to_apply_answer_starts_the_estimate(text, key):
    assert decide(text, "faq", 0.99, 0.99, key) == "check_eligibility"


@pytest.mark.parametrize("text", [
    "queria pedir o rsi, como faço?", "quero pedir o rsi pela internet", "onde posso pedir o rsi?",
    "queria pedir o rsi, que papeis preciso?", "quero pedir o rsi, qual é o formulário?",
    "queria pedir uma declaração do rsi",
])
def test_asking_how_or_what_to_bring_is_no_wish_to_apply(text):
    assert decide(text, "faq", 0.99, 0.99, "faq/how_to_apply") != "check_eligibility"


def test_a_wish_to_apply_does_not_override_another_faq():
    assert decide("queria pedir o rsi", "faq", 0.99, 0.99, "faq/prison") is None


# ---------------------------------------------------------------- found comparing the models

@pytest.mark.parametrize("text, intent", [
    ("sei la", "faq"), ("Sei lá...", "greet"), ("olhe, não faço ideia", "out_of_scope"),
    ("nao sei ao certo", "nlu_fallback"), ("sei lá eu!", "bot_challenge"), ("não me lembro", "faq"),
])
def test_not_knowing_is_an_answer_not_a_side_question(text, intent):
    assert decide(text, intent, 0.27, 0.2, "faq/application_status") == "inform"


@pytest.mark.parametrize("text", ["não sei se tenho direito ao rsi", "sei la quanto ganho, uns 300"])
def test_a_message_that_says_more_than_not_knowing_is_left_to_the_other_rules(text):
    assert decide(text, "faq", 0.27, 0.2, "faq/application_status") != "inform"


@pytest.mark.parametrize("text", [
    "qual é o horário da segurança social?", "a que horas abre a seg social", "telefone da seguranca social",
    "qual o contacto da segurança social do porto",
])
def test_how_to_reach_the_social_security_taken_for_another_service_gets_the_contacts(text):
    assert decide(text, "out_of_scope", 0.98, 0.2, "faq/contact_channels") == "faq"


@pytest.mark.parametrize("text, key", [
    ("qual é o horário do centro de saúde?", "faq/contact_channels"),
    ("qual é o horário da segurança social?", "faq/payment_date"),
])
def test_other_hours_stay_out_of_scope(text, key):
    assert decide(text, "out_of_scope", 0.98, 0.2, key) is None
