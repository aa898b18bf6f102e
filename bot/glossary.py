"""Plain-language explanations of the words the answers cannot avoid.

Citizens' answers explain each term the first time it appears (the issue of
plain language: "agregado", "IAS", "património mobiliário" are not words
people use)."""

from __future__ import annotations

import re

# term (as written in the answers, lower case) -> explanation
TERMS: dict[str, str] = {
    "agregado": "agregado são as pessoas que vivem consigo e partilham as despesas da casa",
    "ias": "IAS é o indexante dos apoios sociais, um valor fixado todos os anos que serve de base a vários apoios",
    "património mobiliário": "património mobiliário é o dinheiro em contas, depósitos, ações e fundos",
    "valor de referência": "valor de referência é o valor do RSI para uma pessoa sozinha, fixado todos os anos",
    "trabalho dependente": "trabalho dependente é o trabalho por conta de outrem, com contrato e salário",
}


def explain_terms(texts: list[str]) -> list[str]:
    """One explanation per term used in ``texts``, in the order of TERMS."""
    joined = " ".join(texts).lower()
    return [text for term, text in TERMS.items() if re.search(rf"\b{re.escape(term)}\b", joined)]
