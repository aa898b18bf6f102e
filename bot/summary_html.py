"""The case summary (bot.case_summary.CaseSummary) as a print-ready HTML page, pt-PT.

Every value is escaped: the facts come from what people typed. The styles are
in /balcao/resumo.css (print CSS, A4), so the page needs no inline style and
runs under the front-desk page's content security policy.
"""

from __future__ import annotations

from html import escape

from bot.case_summary import CaseSummary, Line
from bot.format import date_long

STYLESHEET = "/balcao/resumo.css"


def _e(text: str) -> str:
    return escape(text, quote=True)


def _list(items: list[str], tag: str = "ul") -> str:
    return f"<{tag}>" + "".join(f"<li>{item}</li>" for item in items) + f"</{tag}>"


def _basis(line: Line) -> str:
    return f'<span class="base">Base legal: {_e(line.legal_basis)}</span>'


def _section(title: str, body: str) -> str:
    return f"<section><h2>{_e(title)}</h2>{body}</section>"


def render(summary: CaseSummary) -> str:
    """A complete HTML document (lang pt-PT) for ``summary``."""
    parts = [
        f'<header><p class="emissor">Segurança Social — atendimento</p>'
        f"<h1>Resumo do atendimento: Rendimento Social de Inserção</h1>"
        f'<p>Data: <time datetime="{summary.made_on.isoformat()}">{_e(summary.date_text)}</time></p></header>',
        f'<p class="resultado">{_e(summary.headline)}</p>',
    ]
    if summary.identifiers:
        rows = "".join(f"<tr><th scope=\"row\">{_e(f.label)}</th><td>{_e(f.value)}</td></tr>"
                       for f in summary.identifiers)
        parts.append(_section("Identificação", f"<table>{rows}</table>"))
    if summary.facts:
        rows = "".join(f"<tr><th scope=\"row\">{_e(f.label)}</th><td>{_e(f.value)}</td></tr>"
                       for f in summary.facts)
        parts.append(_section("Factos declarados", f"<table>{rows}</table>"))
    else:
        parts.append(_section("Factos declarados", "<p>Ainda não foram registados factos.</p>"))
    if summary.conditions:
        items = [
            f'<span class="{"cumprida" if c.passed else "falhada"}">{"Cumprida" if c.passed else "Não cumprida"}:'
            f"</span> {_e(c.text)} {_basis(c)}"
            for c in summary.conditions
        ]
        parts.append(_section("Condições de acesso", _list(items)))
    if summary.steps:
        items = [f"{_e(s.text)} {_basis(s)}" for s in summary.steps]
        amount = f"<p>Valor mensal estimado: <strong>{_e(summary.amount_text or '')}</strong></p>"
        parts.append(_section("Cálculo do valor", amount + _list(items, "ol")))
    if summary.notices:
        parts.append(_section("Notas", _list([_e(n) for n in summary.notices])))
    if summary.documents:
        items = [f"{_e(d.text)} <span class=\"quem\">Quem: {_e(d.who or '')}.</span> {_basis(d)}"
                 for d in summary.documents]
        notes = "".join(f"<p>{_e(n.text)} {_basis(n)}</p>" for n in summary.document_notes)
        parts.append(_section("Documentos a entregar", _list(items) + notes))
    if summary.deadlines:
        items = [
            f"<strong>{_e(d.label)}</strong>: até <time datetime=\"{d.end.isoformat()}\">"
            f"{_e(date_long(d.end))}</time> ({_e(d.counting)}, a contar de {_e(date_long(d.start))}). "
            f"{_basis(Line('', d.legal_basis))}" + "".join(f" <span class=\"nota\">{_e(n)}</span>" for n in d.notes)
            for d in summary.deadlines
        ]
        parts.append(_section("Prazos", _list(items)))
    parts.append(_section("Próximos passos", _list([_e(s) for s in summary.next_steps], "ol")))
    parts.append(f'<footer><p class="aviso">{_e(summary.disclaimer)}</p></footer>')
    body = "".join(parts)
    return (
        '<!DOCTYPE html><html lang="pt-PT"><head><meta charset="utf-8">'
        f"<title>Resumo do atendimento — {_e(summary.date_text)}</title>"
        f'<link rel="stylesheet" href="{STYLESHEET}"></head>'
        f'<body class="resumo"><main>{body}</main></body></html>'
    )
