"""The case summary as a PDF (fpdf2), read back with pypdf; and as HTML."""

from __future__ import annotations

import io
from datetime import date

from pypdf import PdfReader

from bot import pdf_summary, summary_html
from bot.case_summary import build

ON = date(2026, 12, 1)
CASE = {
    "adults": 2, "minors": 2, "employment_income": 600, "other_income": 0, "assets": 0,
    "nationality": "pt", "is_adult": True, "cert_nif": "123456789", "cert_niss": "12345678901",
}
EVENTS = [
    {"event": "slot", "name": "deadline_kind", "value": "complaint"},
    {"event": "slot", "name": "deadline_start", "value": "2026-11-20"},
    {"event": "action", "name": "action_compute_deadline"},
]


def _pdf_text(data: bytes) -> str:
    reader = PdfReader(io.BytesIO(data))
    return "\n".join(page.extract_text() for page in reader.pages).replace("\xa0", " ")


def test_the_pdf_holds_the_amount_the_legal_basis_the_checklist_and_the_disclaimer():
    data = pdf_summary.render(build(CASE, EVENTS, ON))
    assert data.startswith(b"%PDF-")
    text = _pdf_text(data)
    assert "Data: 1 de dezembro de 2026" in text
    assert "Valor mensal estimado: 188,41 €" in text
    assert "Base legal: Lei n.º 13/2003, art. 10.º, n.º 1" in text
    assert "Cumprida: O rendimento considerado (480,00 €)" in text
    assert "Documentos a entregar" in text and "Mod. RSI 1-DGSS" in text
    assert "Reclamação de uma decisão: até 15 de dezembro de 2026" in text
    # The minus sign of the steps, outside the font's encoding, is written as a hyphen.
    assert "668,41 € - 480,00 € = 188,41 €" in text
    flat = " ".join(text.split())
    assert "a decisão cabe à Segurança Social" in flat
    assert "não é uma decisão" in flat


def test_the_pdf_has_no_nif_or_niss_unless_asked():
    plain = _pdf_text(pdf_summary.render(build(CASE, [], ON)))
    assert "123456789" not in plain and "12345678901" not in plain
    assert "NIF:" not in plain and "NISS:" not in plain and "Identificação" not in plain
    asked = _pdf_text(pdf_summary.render(build(CASE, [], ON, with_identifiers=True)))
    assert "NIF: 123456789" in asked and "NISS: 12345678901" in asked


def test_the_html_page_is_escaped_and_print_ready():
    slots = {**CASE, "fact_notes": {"employment_income": "<script>alert(1)</script>"}}
    page = summary_html.render(build(slots, EVENTS, ON))
    assert page.startswith("<!DOCTYPE html>") and '<html lang="pt-PT">' in page
    assert "<script>" not in page and "&lt;script&gt;" in page
    assert '<link rel="stylesheet" href="/balcao/resumo.css">' in page
    assert "188,41" in page and "Base legal: Lei n.º 13/2003" in page
    assert '<time datetime="2026-12-15">15 de dezembro de 2026</time>' in page
    assert "123456789" not in page
