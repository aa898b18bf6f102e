"""Messages whose meaning does not depend on the classifier: asking to
simulate or calculate, asking why a question is asked, stopping, asking
for a person. Read on normalised text; used by the NLU override component
and by the forms."""

from __future__ import annotations

import re

from bot.parsing.answers import UNSURE
from bot.parsing.numbers import normalise

_SIMULATE = re.compile(
    r"\b(?:simul(?:ar|acao|acoes|a|e|em)|calcular|calcule|calculem|calcula(?:-me)? (?:o|a|me|ai|quanto)|"
    r"fazer (?:o |um |uma |as )?(?:calculo|contas?)|"
    r"quanto (?:e que )?(?:eu )?(?:vou |iria |ia |irei |posso |poderia |podia |devo )?(?:receber|recebia|recebo|"
    r"receberia|ganhar|ter direito))\b"
)
_ABOUT_RSI = re.compile(r"\b(?:rsi|rendimento social|rendimento minimo|insercao)\b")
# Other benefits: "calcular o abono" is not about the RSI.
_OTHER_BENEFIT = re.compile(
    r"\b(?:abono|desemprego|pensao|reforma|parentalidade|doenca|tarifa|energia|irs|imposto|juros|prazo|"
    r"dias uteis|multa|divida|ordenado minimo|salario minimo)\b"
)
_WHY = re.compile(
    r"^(?:e\s+)?(?:porque|porqu[e]|por que|pq|pra que|para que|para que serve|porque pergunta|porque quer saber|"
    r"o que e isso|o que quer dizer|o que significa|que e isso|como assim|nao percebi a pergunta|"
    r"nao entendi a pergunta|nao percebi|nao entendi|explique|explica)"
    r"(?:\s+(?:isso|essa pergunta|a pergunta|isto|precisa de saber|quer saber|me pergunta|pergunta isso|"
    r"e preciso|interessa))*\s*[?!.]*$"
)
_STOP = re.compile(
    r"\b(?:parar|para com isso|pare|cancel\w*|desist\w*|esquece|esqueca|sair|chega|"
    r"nao quero (?:continuar|mais)|deixa (?:estar|pra la|para la)|"
    # "quero acabar", "acabar": stopping; "o rsi vai acabar?" is a question about the RSI
    r"(?:quero|queria|vamos|podemos|pode|posso|para) (?:acabar|terminar)|^\W*(?:acabar|terminar))\b"
)
_PERSON = re.compile(
    r"\b(?:pessoa|humano|humana|alguem|operador\w*|funcionari\w*|tecnic[oa]|atendente|assistente social)\b"
)


def asks_to_simulate(text: str | None) -> bool:
    """"quero simular o rsi", "calcular quanto recebo", "quanto é que eu ia receber"."""
    norm = normalise(text or "")
    if not _SIMULATE.search(norm):
        return False
    return bool(_ABOUT_RSI.search(norm)) or not _OTHER_BENEFIT.search(norm)


_ELIGIBILITY = re.compile(
    r"\b(?:tenho|teria|terei|temos|tem|tenho eu) (?:direito|dereito|direitu)\b|\b(?:posso|podemos|consigo) "
    r"(?:ja |entao |tambem |eu |logo )?(?:ter|receber|pedir)\b|\bsou elegivel\b"
)


def asks_about_eligibility(text: str | None) -> bool:
    """"tenho direito ao rsi?", "keria saber se tenho dereito ao rendimento minimo" (about the RSI)."""
    norm = normalise(text or "")
    # "quanto dinheiro posso ter…?", "até quando posso…?" ask about a rule, not "am I eligible"
    if re.search(r"\b(?:quanto|quantos|quantas|quando|qual|quais|como)\b", norm):
        return False
    asked = _ELIGIBILITY.search(norm)
    if not asked or not _ABOUT_RSI.search(norm):
        return False
    # "o meu subsídio de desemprego acaba em dezembro, posso já pedir o rsi?": the RSI
    # named right after the question is what is asked about, whatever else is told
    named = _ABOUT_RSI.search(norm, asked.end(), asked.end() + 25)
    if named and not _OTHER_BENEFIT.search(norm, asked.end(), named.start()):
        return True
    return not _OTHER_BENEFIT.search(norm)


# "quero pedir o rsi", "queria candidatar-me ao rendimento social" («quero fazer o pedido
# do rsi» is labelled as the how-to-apply question in the training data, so it is left to it)
_WANT_TO_APPLY = re.compile(
    r"\b(?:quero|queria|queriamos|gostava|gostaria|pretendo|pretendia|venho|vinha|precisava|preciso)"
    r"\s+(?:de\s+)?(?:(?:eu|ja|entao|agora|mesmo|hoje)\s+)?"
    r"(?:pedir|requerer|solicitar|candidatar\w*|concorrer)"
    r"(?:-me)?\s+(?:o\s+|ao\s+|a\s+|do\s+|de\s+|para\s+o\s+|pelo\s+)?(?:rsi|rendimento)\b"
)
# ...unless the same message asks how, where or with which papers (the FAQ and documents answers).
_HOW_OR_WHAT_TO_BRING = re.compile(
    r"\b(?:como|onde|quando|qual|quais|que|internet|online|net|computador|site|portal|telefone|"
    r"presencial\w*|balcao|formulario|modelo)\b|declara|certid|comprovativo|documento|papel|papeis|atestado"
)


def wants_to_apply(text: str | None) -> bool:
    """"queria pedir o rsi": a wish to apply, told without asking how, where or what to bring.

    The assistant cannot apply for anyone; applying starts with the estimate."""
    norm = normalise(text or "")
    return bool(_WANT_TO_APPLY.search(norm)) and not _HOW_OR_WHAT_TO_BRING.search(norm)


def asks_why(text: str | None) -> bool:
    """"porquê?", "para que precisa de saber isso?", "o que é isso?" (about the question asked)."""
    return bool(_WHY.match(normalise(text or "")))


_CONTINUE = re.compile(r"^(?:nao[,.!]?\s+)?(?:eu\s+)?(?:quero|vamos|pode|podemos)?\s*continu\w*\b|\bquero continuar\b")


def asks_to_stop(text: str | None) -> bool:
    norm = normalise(text or "")
    return bool(_STOP.search(norm)) and not asks_to_continue(text)


def asks_to_continue(text: str | None) -> bool:
    """"não, quero continuar", "continuar": the answer to "Quer mesmo parar?"."""
    norm = normalise(text or "")
    return bool(_CONTINUE.search(norm)) and not re.search(r"\bnao quero continuar\b", norm)


_PHONE = re.compile(r"\b(?:ligar|telefonar)\b.{0,20}\b(?:onde|que numero|para quem)\b")
# "estou a falar com uma pessoa?" asks what the assistant is (bot_challenge), not for a person.
_CHALLENGE = re.compile(r"\b(?:estou a falar|estou falando|falo) com\b|\b(?:robo|bot|maquina|automatico|virtual)\b|"
                        r"\b(?:e|es|voce e|tu es) (?:uma )?pessoa\b")


def asks_for_person(text: str | None) -> bool:
    """"quero falar com uma pessoa", "posso ligar para onde?"."""
    norm = normalise(text or "")
    if _PHONE.search(norm):
        return True
    if _CHALLENGE.search(norm):
        return False
    return bool(_PERSON.search(norm)) and bool(re.search(r"\b(?:falar|ligar|contact|atend|quero|preciso|pode)", norm))


_LEGAL_BASIS = re.compile(
    r"\bbase legal\b|\bbase juridica\b|\bem que lei\b|\bque lei\b.{0,20}\b(?:diz|base|baseia)|"
    r"\bonde (?:e que )?diz (?:isso|a lei)\b|\bque artigos?\b|\bqual (?:e )?o artigo\b|^(?:e a )?lei\s*\??$"
)


def asks_legal_basis(text: str | None) -> bool:
    """"base legal?", "em que lei se baseia?", "que artigo diz isso?"."""
    return bool(_LEGAL_BASIS.search(normalise(text or "")))


_DEADLINE = re.compile(
    r"\bprazos?\b|\bpraso\b|\bate quando\b|\bate (?:que|qual) (?:dia|data)\b|\bdata limite\b|\bultimo dia\b"
    r"|\bquantos dias (?:tenho|temos|uteis|me dao|sao)\b"
    # "quanto tempo tenho para assinar…?" (not "quanto tempo tenho de esperar pela resposta?")
    r"|\bquanto tempo (?:e que )?(?:eu )?(?:tenho|temos|me dao) (?:para|pra|ate)\b"
    r"|\b(?:ainda )?(?:vou|estou|vamos|estamos) a tempo\b(?! parcial| inteiro)|\bainda da tempo\b"
    # "recebi uma carta registada, quando conta como recebida?" (CPA art. 113.º)
    r"|\bquando (?:e que )?(?:conta|se considera|e considerada|fica) (?:como )?(?:recebida|notificad[oa])\b"
    r"|\bquando (?:e que )?(?:conta|se considera\w*)\s*\??$"
    # "tenho quantos dias para responder?", "em quanto tempo tenho de assinar?", "ate qnd tenho pra reclamar"
    r"|\b(?:tenho|temos) quantos dias\b|\bem quanto tempo (?:tenho|temos)\b|\bate (?:qnd|qdo|kd)\b"
    # "até q dia tenho pra entregar?", "a partir de que dia é que conta que fui notificado?"
    r"|\bate (?:q|k) (?:dia|data)\b|\ba partir de (?:que|qual|q) (?:dia|data)\b"
    r"|\b(?:que|qual|q) (?:dia|data) (?:e que )?(?:conta|acaba|termina|fica notificad\w*|se considera)\b"
    r"|\bquanto tempo (?:e que )?(?:eu )?(?:tenho|temos)\s*\??$"
)
# "tenho de avisar que mudei de casa?", "como recorro?": whether one must, or how —
# a FAQ answer — unlike "até quando tenho de avisar?", a deadline.
_WHETHER_OR_HOW = re.compile(
    r"\b(?:tenho|temos|tem|preciso|precisamos|devo|devemos|e preciso|e obrigatorio|sou obrigad\w*|"
    r"somos obrigad\w*)\b(?:\s+\w+){0,2}\s+(?:de |que |a )?(?:avisar|informar|comunicar|dizer|declarar|participar)\b"
    r"|^(?:e |mas |entao )?como\b|\bcomo (?:e que )?(?:faco|fazemos|posso|podemos|se faz|se pode|devo)\b"
    r"|\bonde (?:e que )?(?:entrego|faco|posso|se faz)\b"
)
# Appealing a decision: the FAQ answers it, even when the classifier took it for another service.
_APPEAL = re.compile(r"\b(?:recorr\w*|recorer\w*|reclam\w*|recurso|contest\w*|indefer\w*|audiencia previa)\b")


def asks_deadline(text: str | None) -> bool:
    """"tenho um prazo para cumprir, quando acaba?", "até quando posso recorrer?",
    "quanto tempo tenho para assinar o contrato?", "ainda vou a tempo de reclamar?",
    "quando conta como recebida?" (not "como recorro?", "tenho de avisar?")."""
    return bool(_DEADLINE.search(normalise(text or "")))


def asks_whether_or_how(text: str | None) -> bool:
    """"tenho de avisar que mudei de casa?", "como recorro?" (not "até quando tenho de avisar?")."""
    norm = normalise(text or "")
    return bool(_WHETHER_OR_HOW.search(norm)) and not _DEADLINE.search(norm)


def asks_about_appeal(text: str | None) -> bool:
    """"como recorro?", "quero reclamar da decisão", "indeferiram-me o pedido"."""
    norm = normalise(text or "")
    return bool(_APPEAL.search(norm)) and not _OTHER_BENEFIT.search(norm)


_HOW_MUCH = re.compile(r"\bquanto\b(?! dinheiro| tempo| posso ter)[^?]{0,30}\b(?:receb\w*|dao|pagam|pagaria)\b")


def asks_how_much(text: str | None) -> bool:
    """"quanto posso receber?", "quanto me dão?" (not "quanto dinheiro posso ter?")."""
    return bool(_HOW_MUCH.search(normalise(text or "")))


def asks_about_rsi(text: str | None) -> bool:
    """The message names the RSI ("rsi", "rendimento social", "rendimento mínimo")."""
    return bool(_ABOUT_RSI.search(normalise(text or "")))


# "que papéis é que ele tem de levar?", "o que tenho de levar para pedir o rsi?",
# "q documentos preciso?": the list of documents for an application (not a
# certificate, and not "faltam documentos, até quando?").
_DOCUMENTS_LIST = re.compile(
    r"\b(?:que|quais|q|k) (?:sao os |os )?(?:papeis|documentos|docs)\b"
    r"|\bo que (?:e que )?(?:eu |ele |ela )?(?:tenho|tem|temos|preciso|precisa|devo|deve) (?:de |que )?"
    r"(?:levar|entregar|apresentar|juntar)\b"
    r"|\b(?:papeis|documentos) (?:sao |e que sao )?(?:precisos|necessarios)\b"
)


def asks_for_documents(text: str | None) -> bool:
    """"que papéis tenho de levar para pedir o rsi?", "o que tenho de levar?" (not a
    certificate: "preciso de uma declaração")."""
    norm = normalise(text or "")
    return bool(_DOCUMENTS_LIST.search(norm)) and not re.search(r"declara|certid|comprovativo|atestado", norm)


# "preciso de um papel a dizer que recebo o rsi", "um comprovativo de que não devo nada
# à segurança social": a statement to order (a certificate request), not a question.
_STATEMENT = re.compile(
    r"\b(?:papel|declaracao|comprovativo|certidao|atestado|documento|prova)\b.{0,40}?"
    r"\b(?:a dizer|que diga|a comprovar|que comprove|a provar|que prove|a atestar|que ateste|a confirmar|"
    r"que confirme|a mostrar|que mostre|de que|em como)\b.{0,40}?"
    r"\b(?:recebo|recebe|recebemos|beneficiari\w*|rsi|rendimento social|nao devo|nao tenho dividas|"
    r"sem dividas|situacao contributiva|contribuicoes em dia|tenho a situacao)"
)


# Asking for it: "recebi um papel a dizer que o rsi foi cortado" tells of a letter.
_WANTING = re.compile(r"\b(?:preciso|precisava|necessito|queria|quero|pedir|peco|passar|passam|passem|arranjar|"
                      r"tirar|obter|emitir|solicitar|requerer|pode|podem|podia|podiam|pede|pedem|exige|exigem)\b")


# "queria pedir uma certidão do meu requerimento", "preciso de uma declaração".
# Not other services' papers: a birth certificate, the tax return...
_ORDER = re.compile(r"\b(?:pedir|tirar|obter|requerer|solicitar|preciso d[ea]|precisava d[ea]|queria|quero|"
                    r"gostava de|gostaria de)\s+(?:\w+\s+){0,2}?(?:uma|um|a|o)\s+(?:certidao|declaracao)\b"
                    r"(?!\s+(?:de|do|da)\s+(?:nascimento|casamento|obito|divorcio|registo|irs|teor|domicilio|"
                    r"residencia|matricula|finanças|financas|habilitac|escolaridade|predial|permanente))")


def asks_for_a_statement(text: str | None) -> bool:
    """"preciso de um papel a dizer que recebo o rsi", "queria pedir uma certidão do
    meu requerimento": a declaration or certificate to order."""
    norm = normalise(text or "")
    found = _STATEMENT.search(norm)
    wanted = bool(found) and bool(_WANTING.search(norm[:found.start()]))
    return (wanted or bool(_ORDER.search(norm))) and not asks_for_documents(text)


# Answers that only make sense as the answer to a question, never as a request of their
# own: "por mail se faz favor" (how to receive a document), "que diga quando entreguei
# o pedido e a decisão" (what a certificate must show).
_BARE_ANSWER = re.compile(
    r"^(?:(?:e |entao |pode ser |prefiro |quero )?(?:por|pelo|via|em|no) (?:e-?mail|mail|correio(?: eletronico)?|carta|papel)\b"
    r"(?:\s+(?:se faz favor|por favor|pf|pfv|obrigad[oa]|sff|se puder|se possivel|mesmo|e melhor))*\s*[.!]*$)"
    r"|^(?:que|q) (?:diga|digam|conste|constem|mostre|mostrem|indique|indiquem|refira|tenha|tenham|fale)\b"
)


def is_bare_answer(text: str | None) -> bool:
    """"por mail se faz favor", "que diga quando entreguei o pedido": an answer to the
    question asked, whatever question it resembles."""
    return bool(_BARE_ANSWER.search(normalise(text or "")))


# "sei lá", "olhe, não faço ideia", "não sei ao certo": the whole message is not knowing
# (the phrases are the answer readers' own, bot.parsing.answers.UNSURE).
_UNSURE_ANSWER = re.compile(
    r"^(?:(?:olhe|olha|epa|eh|hmm+|hum+|sinceramente|ai|bem|pois|sei|e)[ ,.]+)*"
    r"(?:" + "|".join(re.escape(phrase) for phrase in sorted(UNSURE, key=len, reverse=True)) + r")"
    r"(?:[ ,]+(?:eu|mesmo|bem|ao certo|de cor|ainda|agora|nao|sinceramente|nenhuma))*[ .!?…]*$"
)


def is_unsure_answer(text: str | None) -> bool:
    """"sei lá", "olhe, não faço ideia": an answer that says only that the person does not
    know, whatever side question or greeting it may resemble."""
    return bool(_UNSURE_ANSWER.match(normalise(text or "").strip()))


# "qual é o horário da segurança social?", "a que horas abre a segurança social": how to
# reach the Segurança Social itself (not a health centre's or the trains' hours).
_CONTACT = re.compile(r"\b(?:horarios?|a que horas|abre|abrem|fecha|fecham|telefone|telefonar|ligar|contacto|contato|"
                      r"numero de telefone|atendimento|balcao|balcoes|morada|email|e-mail)\b")
_SOCIAL_SECURITY = re.compile(r"\b(?:seguranca social|seg social|seg\. social|linha ss|issp?)\b")


def asks_how_to_reach_social_security(text: str | None) -> bool:
    """"qual é o horário da segurança social?", "telefone da seg social"."""
    norm = normalise(text or "")
    return bool(_CONTACT.search(norm)) and bool(_SOCIAL_SECURITY.search(norm))


_REFERENCE_VALUE = re.compile(
    r"\bvalor de referencia\b|\b(?:qual|quanto) (?:e|e que e) (?:o valor d[oa] |o montante d[oa] |o |a )?(?:rsi|rendimento social)"
    r"(?: (?:este ano|em \d{4}|agora|hoje em dia))?\s*\??$"
)


def asks_reference_value(text: str | None) -> bool:
    """"qual é o valor de referência do rsi em 2026?", "quanto é o rsi este ano?": the
    figure itself, not an estimate for a household."""
    return bool(_REFERENCE_VALUE.search(normalise(text or "")))


# "a partir de quando renovam o meu rsi?", "quando começa a renovação?": when something
# starts or ends, said with the event it counts from (the caller checks the date).
_WHEN_IT_STARTS = re.compile(
    r"\b(?:a partir de |desde )?quando\b(?:\s+(?:e que|e))?\s+(?:\w+\s+){0,2}?"
    r"(?:comeca|inicia|renova\w*|acaba|termina|fica (?:renovad|pront)\w*|e a renovacao)\b"
)


def asks_when_it_starts(text: str | None) -> bool:
    """"quando começa a renovação do rsi?", "a partir de quando renovam?" (a start or an
    end asked about, not "quando é pago?")."""
    return bool(_WHEN_IT_STARTS.search(normalise(text or "")))
