"""Standard pt-PT notices added to answers (estimate, outdated figures, successor regime)."""

from __future__ import annotations

from datetime import date

from bot.format import date_long
from bot.rules import parameters

ESTIMATE = (
    "Este resultado é uma estimativa feita com os dados indicados: a decisão cabe à "
    "Segurança Social, depois de analisar o requerimento e os documentos."
)


def extrapolated(on: date, effective: date) -> str:
    return (
        f"Ainda não são conhecidos os valores oficiais para {date_long(on)}: usou-se o último "
        f"valor publicado (em vigor desde {date_long(effective)}), que pode vir a ser atualizado."
    )


def psu_applies(on: date) -> bool:
    """True when ``on`` falls on or after the reported start of the Prestação Social Única."""
    return on >= parameters.latest("psu_transition_date").value


def psu() -> str:
    param = parameters.latest("psu_transition_date")
    return (
        f"Segundo informação noticiada, a partir de {date_long(param.value)} o RSI passa a ser "
        f"substituído pela Prestação Social Única (PSU), criada pelo {param.legal_basis.split(' (')[0]}: "
        "quem já recebe o RSI passa automaticamente para a PSU, nunca para um valor mais baixo. "
        "As contas aqui feitas seguem as regras do RSI; confirme a situação junto da Segurança Social."
    )


def psu_new_applicant(on: date) -> str:
    param = parameters.latest("psu_transition_date")
    return (
        f"Para um pedido a partir de {date_long(param.value)}, o que se pede é a Prestação Social "
        f"Única (PSU), que substitui o RSI ({param.legal_basis.split(' (')[0]}, segundo informação "
        "noticiada). O valor indicado é uma estimativa da PSU com as regras publicadas; confirme-o "
        "junto da Segurança Social."
    )


def psu_current_beneficiary() -> str:
    param = parameters.latest("psu_transition_date")
    return (
        f"Quem já recebe o RSI passa automaticamente para a Prestação Social Única em "
        f"{date_long(param.value)}, sem novo pedido e nunca para um valor mais baixo (segundo "
        "informação noticiada; confirme junto da Segurança Social)."
    )
