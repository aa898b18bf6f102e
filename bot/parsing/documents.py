"""Readers for the documents checklist's questions (pure text -> value)."""

from __future__ import annotations

import re

from bot.parsing.numbers import normalise

# Something the household owns and can let: «uma casa», «uma casinha na aldeia», «um T1».
_PROPERTY = (r"(?:casa|casas|casinha|casita|casota|apartamento|apartamentos|andar|quarto|quartos|loja|lojas|"
             r"terreno|terrenos|terra|terras|imovel|imoveis|predio|moradia|vivenda|garagem|armazem|quinta|"
             r"anexo|barraca|t[0-4]|res-do-chao|r/c|cave|sotao|primeiro andar)")
# Income from capital or property told in a statement: «tem uma casa arrendada», «recebo a
# renda de um terreno», «tenho uma casinha alugada na aldeia», «arrendo a casa dos meus
# pais», «tenho uma conta poupança». Living in a rented home («vivo numa casa arrendada»,
# «pago renda») is not such income.
_CAPITAL_INCOME = re.compile(
    r"\b(?:tenho|tem|temos|possuo|possui|possuimos|herdei|herdamos)\s+(?:\w+\s+){0,3}" + _PROPERTY
    + r"\s+(?:\w+\s+){0,3}(?:arrendad[oa]s?|alugad[oa]s?|que (?:arrendo|alugo|arrendamos|alugamos|esta arrendad|"
    r"esta alugad|da renda))\b"
    # «alugo um quarto» alone is a tenant's words: the owner says to whom, or that it is theirs
    r"|\b(?:arrendo|alugo|arrendamos|alugamos)\s+(?:[\w-]+\s+){0,3}" + _PROPERTY + r"\b"
    r"(?=[^.,;]*\b(?:a (?:um|uma|uns|umas|turistas|estudantes)|ao|aos|que (?:e|sao) (?:minha|meu|nossa|nosso)s?|"
    r"que herdei|que herdamos|de que sou don[oa]|que comprei|que compramos)\b)"
    # a second home let: "a minha casa da aldeia está arrendada" (not "a minha casa é
    # arrendada", a tenant's words)
    r"|\b(?:minha|nossa|meu|nosso)\s+" + _PROPERTY + r"\s+(?:[\w-]+\s+){1,3}(?:esta|estao|anda)\s+"
    r"(?:arrendad|alugad)\w*"
    r"|\b(?:recebo|recebe|recebemos|tenho|temos|ganho)\s+(?:\w+\s+){0,2}(?:rendas?|juros|dividendos)\b"
    r"(?!\s+(?:em atraso|para pagar|da casa onde))"
    r"|\bconta[s]? (?:a prazo|poupanca)\b|\bdeposito a prazo\b|\bacoes\b|\bcertificados de aforro\b"
)
# «pago a renda», «vivo numa casa arrendada», «moro num quarto alugado»: the person rents.
_TENANT = re.compile(r"\b(?:pago|pagamos|paga)\s+(?:\w+\s+){0,2}rendas?\b|\b(?:vivo|moro|vivemos|moramos)\s+"
                     r"(?:num|numa|em|no|na)\s+(?:\w+\s+){0,2}(?:arrendad|alugad)\w*")


def states_capital_income(text: str) -> bool:
    """Whether the message says the household receives rents, interest or dividends
    or owns savings products that yield them (Portaria n.º 257/2012, art. 3.º, n.º 2)."""
    norm = normalise(text)
    tenant = _TENANT.search(norm)
    for m in _CAPITAL_INCOME.finditer(norm):
        if tenant and tenant.start() <= m.start() < tenant.end():
            continue
        return True
    return False
