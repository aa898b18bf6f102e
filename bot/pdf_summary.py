"""The case summary (bot.case_summary.CaseSummary) as a PDF, made with fpdf2.

fpdf2 is pure Python. The PDF uses the standard Helvetica font in the
Windows-1252 encoding, which holds every letter of Portuguese and the euro sign,
so nothing depends on fonts installed on the server; the few symbols outside
it (the minus sign of the steps, typographic spaces) are written with their
nearest equivalent.
"""

from __future__ import annotations

from fpdf import FPDF
from fpdf.enums import XPos, YPos

from bot.case_summary import CaseSummary
from bot.format import date_long

ENCODING = "windows-1252"
# Symbols of the rules' texts that Windows-1252 lacks, and what is written instead.
REPLACEMENTS = {"\u2212": "-", "\u202f": " ", "\u2009": " ", "\u2011": "-", "\u2264": "<=", "\u2265": ">="}
MARGIN_MM = 18
BODY_PT = 10
SMALL_PT = 8.5
TITLE_PT = 15
HEADING_PT = 12
LINE_MM = 5
GREY = (80, 80, 80)
BLACK = (0, 0, 0)


def safe(text: str) -> str:
    """``text`` with every character the PDF's font encoding can hold."""
    for symbol, plain in REPLACEMENTS.items():
        text = text.replace(symbol, plain)
    return text.encode(ENCODING, errors="replace").decode(ENCODING)


class _Document(FPDF):
    def __init__(self, summary: CaseSummary) -> None:
        super().__init__(format="A4")
        self.summary = summary
        self.core_fonts_encoding = ENCODING
        self.set_margins(MARGIN_MM, MARGIN_MM, MARGIN_MM)
        self.set_auto_page_break(True, margin=MARGIN_MM)
        self.set_title(safe(f"Resumo do atendimento RSI, {summary.date_text}"))
        self.set_lang("pt-PT")
        self.set_creator("Assistente RSI")

    def footer(self) -> None:
        self.set_y(-12)
        self.set_font("Helvetica", size=SMALL_PT)
        self.set_text_color(*GREY)
        self.cell(0, 5, safe(f"Resumo de {self.summary.date_text} - página {self.page_no()}/{{nb}}"),
                  align="C")
        self.set_text_color(*BLACK)

    def text_block(self, text: str, size: float = BODY_PT, style: str = "", indent: float = 0) -> None:
        self.set_font("Helvetica", style=style, size=size)
        self.set_x(self.l_margin + indent)
        self.multi_cell(0, LINE_MM, safe(text), new_x=XPos.LMARGIN, new_y=YPos.NEXT)

    def heading(self, text: str) -> None:
        self.ln(2)
        self.text_block(text, HEADING_PT, "B")
        self.ln(1)

    def item(self, marker: str, text: str, basis: str | None = None) -> None:
        self.text_block(f"{marker} {text}", indent=2)
        if basis:
            self.set_text_color(*GREY)
            self.text_block(f"Base legal: {basis}", SMALL_PT, indent=6)
            self.set_text_color(*BLACK)


def render(summary: CaseSummary) -> bytes:
    """The PDF of ``summary``."""
    pdf = _Document(summary)
    pdf.add_page()
    pdf.text_block("Segurança Social - atendimento", SMALL_PT)
    pdf.text_block("Resumo do atendimento: Rendimento Social de Inserção", TITLE_PT, "B")
    pdf.text_block(f"Data: {summary.date_text}")
    pdf.ln(2)
    pdf.text_block(summary.headline, BODY_PT + 1, "B")
    if summary.identifiers:
        pdf.heading("Identificação")
        for fact in summary.identifiers:
            pdf.item("-", f"{fact.label}: {fact.value}")
    pdf.heading("Factos declarados")
    if not summary.facts:
        pdf.text_block("Ainda não foram registados factos.")
    for fact in summary.facts:
        pdf.item("-", f"{fact.label}: {fact.value}")
    if summary.conditions:
        pdf.heading("Condições de acesso")
        for condition in summary.conditions:
            state = "Cumprida" if condition.passed else "NÃO cumprida"
            pdf.item("-", f"{state}: {condition.text}", condition.legal_basis)
    if summary.steps:
        pdf.heading("Cálculo do valor")
        pdf.text_block(f"Valor mensal estimado: {summary.amount_text}", style="B")
        for number, step in enumerate(summary.steps, 1):
            pdf.item(f"{number}.", step.text, step.legal_basis)
    if summary.notices:
        pdf.heading("Notas")
        for note in summary.notices:
            pdf.item("-", note)
    if summary.documents:
        pdf.heading("Documentos a entregar")
        for number, document in enumerate(summary.documents, 1):
            pdf.item(f"{number}.", f"{document.text} Quem: {document.who}.", document.legal_basis)
        for note in summary.document_notes:
            pdf.item("Nota:", note.text, note.legal_basis)
    if summary.deadlines:
        pdf.heading("Prazos")
        for line in summary.deadlines:
            pdf.item("-", f"{line.label}: até {date_long(line.end)} ({line.counting}, a contar de "
                     f"{date_long(line.start)}). " + " ".join(line.notes), line.legal_basis)
    pdf.heading("Próximos passos")
    for number, step in enumerate(summary.next_steps, 1):
        pdf.item(f"{number}.", step)
    pdf.ln(3)
    pdf.text_block(summary.disclaimer, SMALL_PT, "I")
    return bytes(pdf.output())
