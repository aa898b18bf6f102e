"""The front-desk page (`/balcao/`) in a real browser, and its staff-only API over HTTP.

Debian's Chromium driven headless by Playwright, as the web chat's tests do
(test_web_chat.py: the browser, its arguments, axe-core from npm), against the
real servers of conftest.py (STAFF_TOKEN="e2e-staff-token"): the clerk signs in,
types a case in one line, sees the amount and the facts panel, previews the
printable summary and downloads its PDF, which is read back with pypdf.
"""

from __future__ import annotations

import io
import os
import uuid
from collections.abc import Iterator
from datetime import datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
import requests
from browser_helpers import Watch, run_axe
from playwright.sync_api import Browser, Page, expect
from pypdf import PdfReader

from bot.format import money
from bot.rules import simulate
from bot.rules.model import Household

pytestmark = pytest.mark.e2e

STAFF_TOKEN = "e2e-staff-token"
REPLY_TIMEOUT_S = 60.0
# A case typed in one line, as a clerk would, then the two questions it leaves open.
ONE_LINE_CASE = ("casal com dois filhos menores, ele ganha 600 euros por mês, ela não trabalha, "
                 "sem outros rendimentos, sem poupanças, nacionalidade portuguesa")
BOT = "#mensagens .msg-assistente"
# Where to save pictures of the page and the PDF for a person to look at (unset: none).
SCREENSHOTS = os.environ.get("E2E_SCREENSHOTS")


def _plain(text: str) -> str:
    return text.replace("\xa0", " ").replace("\u202f", " ")


def _expected_amount() -> str:
    today = datetime.now(ZoneInfo("Europe/Lisbon")).date()
    household = Household(adults=2, minors=2, employment_income=Decimal("600"), age=18)
    return _plain(money(simulate(household, today).monthly_amount))


@pytest.fixture
def page(browser: Browser, rasa_url: str) -> Iterator[Page]:
    context = browser.new_context(locale="pt-PT", viewport={"width": 1200, "height": 900},
                                  accept_downloads=True)
    page = context.new_page()
    page.set_default_timeout(REPLY_TIMEOUT_S * 1000)
    page.watch = Watch(page, (rasa_url,))
    page.goto(f"{rasa_url}/balcao/")
    yield page
    context.close()


def sign_in(page: Page, token: str = STAFF_TOKEN) -> None:
    page.get_by_label("Token de acesso").fill(token)
    page.get_by_label("Token de acesso").press("Enter")


def say(page: Page, text: str) -> str:
    """Types ``text`` and returns what the assistant answered to it."""
    before = page.locator(BOT).count()
    box = page.get_by_label("Mensagem para o assistente")
    box.fill(text)
    box.press("Enter")
    expect(page.locator(BOT).nth(before)).to_be_visible()
    expect(page.locator("#estado")).to_have_text("")
    return _plain("\n".join(page.locator(BOT).all_inner_texts()[before:]))


def test_a_case_in_one_line_gives_the_amount_the_facts_and_the_summary(page: Page, rasa_url: str):
    sign_in(page)
    expect(page.get_by_role("heading", name="Factos registados")).to_be_visible()
    # The token is kept for this tab only and never put in the address.
    assert page.evaluate("sessionStorage.getItem('rsi-balcao-token')") == STAFF_TOKEN
    conversation = page.evaluate("sessionStorage.getItem('rsi-balcao-conversa')")
    assert len(conversation) == 32 and STAFF_TOKEN not in page.url

    greeting = say(page, "olá")
    assert "Modo de balcão" in greeting and "Posso ajudar a ver se pode ter direito" not in greeting

    first = say(page, ONE_LINE_CASE)
    assert "Desculpe, não percebi" not in first
    # The facts of the line are recorded at once, before any question is answered.
    panel = page.locator(".factos")
    expect(panel).to_contain_text("2 adultos")
    expect(panel).to_contain_text("600,00 €")
    expect(panel).to_contain_text("Portuguesa")
    assert "18 anos ou mais" in first  # the one fact the line left out
    confirm = say(page, "sim")
    assert "Confirme" in confirm
    answer = say(page, "sim")
    amount = _expected_amount()
    assert amount in answer
    assert "Base legal: Lei n.º 13/2003" in answer
    expect(page.locator("#factos-estimativa")).to_contain_text("parece ter direito ao RSI")
    assert amount in _plain(page.locator("#factos-estimativa").inner_text())
    if SCREENSHOTS:
        page.screenshot(path=f"{SCREENSHOTS}/balcao.png")

    # The summary: previewed for printing, then downloaded as a PDF.
    page.get_by_role("button", name="Imprimir resumo").click()
    expect(page.get_by_role("heading", name="Resumo para o cidadão")).to_be_focused()
    page.get_by_role("button", name="Ver resumo").click()
    sheet = page.frame_locator("#resumo-folha")
    expect(sheet.get_by_role("heading", name="Condições de acesso")).to_be_visible()
    expect(sheet.locator("body")).to_contain_text("Documentos a entregar")
    expect(sheet.locator("body")).to_contain_text("Lei n.º 13/2003")
    assert amount in _plain(sheet.locator("body").inner_text())
    expect(page.get_by_role("button", name="Imprimir", exact=True)).to_be_enabled()
    if SCREENSHOTS:
        page.screenshot(path=f"{SCREENSHOTS}/balcao-resumo.png", full_page=True)

    with page.expect_download() as download:
        page.get_by_role("button", name="Descarregar PDF").click()
    data = open(download.value.path(), "rb").read()
    if SCREENSHOTS:
        download.value.save_as(f"{SCREENSHOTS}/balcao-resumo.pdf")
    assert data.startswith(b"%PDF")
    text = _plain("\n".join(p.extract_text() for p in PdfReader(io.BytesIO(data)).pages))
    assert amount in text
    assert "Condições de acesso" in text and "Documentos a entregar" in text
    assert "a decisão cabe à" in text.replace("\n", " ")
    assert "NIF:" not in text
    page.watch.assert_clean()

    # A new case starts a new conversation: the panel is empty again.
    page.get_by_role("button", name="Novo atendimento").click()
    expect(page.locator("#factos-vazio")).to_be_visible()
    assert page.evaluate("sessionStorage.getItem('rsi-balcao-conversa')") != conversation


def test_axe_finds_no_wcag_aa_violation_on_the_page_with_a_conversation(page: Page):
    sign_in(page)
    say(page, ONE_LINE_CASE)
    say(page, "sim")
    page.get_by_role("button", name="Imprimir resumo").click()
    assert run_axe(page) == []
    # The summary page itself, in its preview frame, and the page around it.
    page.get_by_role("button", name="Ver resumo").click()
    expect(page.frame_locator("#resumo-folha").get_by_role("heading", name="Factos declarados")).to_be_visible()
    summary = next(frame for frame in page.frames if frame != page.main_frame)
    assert run_axe(summary) == []
    assert run_axe(page) == []
    page.watch.assert_clean()


@pytest.mark.parametrize("width", [320, 640])
def test_the_page_reflows_at_320_px_and_at_200_percent_zoom(page: Page, width: int):
    # 640 px stands for 200 % zoom on a 1280 px window (WCAG 2.1, 1.4.4 and 1.4.10).
    sign_in(page)
    say(page, ONE_LINE_CASE)
    page.set_viewport_size({"width": width, "height": 700})
    sizes = page.evaluate("() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]")
    assert sizes[0] <= sizes[1], f"horizontal scroll at {width} px: {sizes}"
    for control in (page.get_by_label("Mensagem para o assistente"), page.get_by_role("button", name="Enviar"),
                    page.get_by_role("button", name="Imprimir resumo")):
        control.scroll_into_view_if_needed()
        box = control.bounding_box()
        assert box and box["x"] >= 0 and box["x"] + box["width"] <= width, box


def test_a_wrong_token_gets_a_clear_message_and_no_access(page: Page):
    sign_in(page, "token-errado")
    expect(page.get_by_role("alert")).to_contain_text("Token de acesso errado")
    expect(page.get_by_label("Mensagem para o assistente")).to_be_hidden()
    assert page.evaluate("sessionStorage.getItem('rsi-balcao-token')") is None
    # An empty token is refused before anything is sent.
    page.get_by_label("Token de acesso").fill("")
    page.get_by_role("button", name="Entrar").click()
    expect(page.get_by_role("alert")).to_contain_text("Escreva o token")


def test_the_summary_api_answers_only_with_the_staff_token(rasa_url: str):
    sender = uuid.uuid4().hex
    staff = {"Authorization": f"Bearer {STAFF_TOKEN}"}
    reply = requests.post(f"{rasa_url}/webhooks/staff/webhook", headers=staff, timeout=60,
                          json={"sender": sender, "message": ONE_LINE_CASE})
    assert reply.status_code == 200 and reply.json()
    case = f"{rasa_url}/balcao/api/casos/{sender}"
    for headers in ({}, {"Authorization": "Bearer wrong"}, {"Authorization": f"Basic {STAFF_TOKEN}"}):
        assert requests.get(case, headers=headers, timeout=30).status_code == 401
        refused = requests.post(f"{case}/resumo", json={"formato": "pdf"}, headers=headers, timeout=30)
        assert refused.status_code == 401
        assert "600" not in refused.text
    facts = requests.get(case, headers=staff, timeout=30)
    assert facts.status_code == 200 and facts.headers["Cache-Control"] == "no-store"
    assert {"label": "Agregado", "value": "2 adultos (contando com o requerente) e 2 menores"} \
        in facts.json()["facts"]
    pdf = requests.post(f"{case}/resumo", headers=staff, timeout=30,
                        json={"formato": "pdf", "identificacao": True, "nif": "123456789"})
    assert pdf.status_code == 200 and pdf.headers["Cache-Control"] == "no-store"
    assert pdf.headers["Content-Type"] == "application/pdf"
    assert "NIF: 123456789" in PdfReader(io.BytesIO(pdf.content)).pages[0].extract_text()
    wrong_nif = requests.post(f"{case}/resumo", headers=staff, timeout=30,
                              json={"formato": "html", "identificacao": True, "nif": "123456780"})
    assert wrong_nif.status_code == 400 and "NIF" in wrong_nif.json()["message"]
    # A citizen's conversation is not the counter's to read, nor a made-up id.
    citizen = uuid.uuid4().hex
    requests.post(f"{rasa_url}/webhooks/rest/webhook", json={"sender": citizen, "message": ONE_LINE_CASE},
                  timeout=60)
    assert requests.get(f"{rasa_url}/balcao/api/casos/{citizen}", headers=staff, timeout=30).status_code == 404
    assert requests.get(f"{rasa_url}/balcao/api/casos/default", headers=staff, timeout=30).status_code == 400


def test_the_page_is_served_same_origin_with_its_policy(rasa_url: str):
    page = requests.get(f"{rasa_url}/balcao/", timeout=30)
    assert page.status_code == 200 and 'lang="pt-PT"' in page.text
    policy = page.headers["Content-Security-Policy"]
    assert "default-src 'none'" in policy and "connect-src 'self'" in policy
    assert STAFF_TOKEN not in page.text
    for asset in ("balcao.js", "balcao.css", "resumo.css"):
        assert requests.get(f"{rasa_url}/balcao/{asset}", timeout=30).status_code == 200
