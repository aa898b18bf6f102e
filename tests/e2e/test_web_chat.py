"""The website chat (`/chat/`, `/chat/widget.js`) in a real browser.

Debian's Chromium (installed by scripts/browser.sh), headless, driven by
Playwright, against the real servers started by conftest.py: the page, the
widget's JavaScript, the socket.io client from npm and the socket.io channel
all run for real. axe-core comes from the npm registry (package-lock.json).
"""

from __future__ import annotations

import json
import os
import threading
import time
from collections.abc import Iterator
from datetime import datetime
from decimal import Decimal
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
import requests
from browser_helpers import Watch, run_axe
from conftest import (
    EMBED_ORIGIN,
    EMBED_PORT,
    SPARE_RASA_PORT,
    rasa_server,
    wait_for_answer,
)
from playwright.sync_api import Browser, Page
from test_socketio import user_turns

from bot.format import money
from bot.rules import simulate
from bot.rules.model import Household

pytestmark = pytest.mark.e2e

REPLY_TIMEOUT_S = 45.0
# Where to save pictures of the page for a person to look at (unset: none).
SCREENSHOTS = os.environ.get("E2E_SCREENSHOTS")
SETTLE_S = 1.2  # a turn may bring several bot messages: wait until none comes for this long

LOG = "#rsi-chat-log"
INPUT = "#rsi-chat-input"
STATUS = "#rsi-chat-status"
BOT = f"{LOG} .rsi-chat__msg--bot:not(.rsi-chat__welcome)"
USER = f"{LOG} .rsi-chat__msg--user"


# --------------------------------------------------------------------------- fixtures


@pytest.fixture
def page(browser: Browser, rasa_url: str) -> Iterator[Page]:
    context = browser.new_context(locale="pt-PT", viewport={"width": 1024, "height": 800})
    page = context.new_page()
    page.set_default_timeout(REPLY_TIMEOUT_S * 1000)
    page.watch = Watch(page, (rasa_url, EMBED_ORIGIN))
    yield page
    context.close()


@pytest.fixture(scope="module")
def embedding_site(rasa_url: str) -> Iterator[str]:
    """A page on another origin (listed in RSI_CORS_ORIGINS) with the widget's one tag."""
    html = f"""<!doctype html>
<html lang="pt-PT"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Junta de Freguesia — apoio social</title></head>
<body><main><h1>Apoio social na freguesia</h1>
<p>Tem dúvidas sobre o Rendimento Social de Inserção? Fale com o assistente.</p></main>
<script src="{rasa_url}/chat/widget.js" data-server="{rasa_url}" defer></script>
</body></html>""".encode()

    class Page(BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802 (http.server's name)
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(html)))
            self.end_headers()
            self.wfile.write(html)

        def log_message(self, *_: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", EMBED_PORT), Page)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield EMBED_ORIGIN
    server.shutdown()
    server.server_close()


# --------------------------------------------------------------------------- helpers


def focused(page: Page) -> dict:
    return page.evaluate(
        "() => { const e = document.activeElement;"
        " return {tag: e.tagName, id: e.id, text: (e.textContent || '').trim()}; }"
    )


def settle(page: Page, selector: str, before: int) -> int:
    """Waits for a new message after `before`, then until no more arrive for SETTLE_S."""
    page.wait_for_function(
        "([s, n]) => document.querySelectorAll(s).length > n", arg=[selector, before]
    )
    count, still_since = page.locator(selector).count(), time.monotonic()
    while time.monotonic() - still_since < SETTLE_S:
        time.sleep(0.2)
        now = page.locator(selector).count()
        if now != count:
            count, still_since = now, time.monotonic()
    return count


def type_and_send(page: Page, text: str) -> str:
    """Types in the focused message box, presses Enter, returns the bot's whole answer."""
    assert focused(page)["id"] == "rsi-chat-input"
    before = page.locator(BOT).count()
    page.keyboard.type(text)
    page.keyboard.press("Enter")
    return answer_after(page, before)


def answer_after(page: Page, before: int) -> str:
    after = settle(page, BOT, before)
    texts = page.locator(BOT).all_inner_texts()[before:after]
    return "\n".join(texts).replace("\xa0", " ")


def choose_by_keyboard(page: Page, title: str) -> str:
    """From the message box, Shift+Tab back to the button `title`, press Enter."""
    before = page.locator(BOT).count()
    for _ in range(12):
        page.keyboard.press("Shift+Tab")
        now = focused(page)
        if now["tag"] == "BUTTON" and now["text"] == title:
            page.keyboard.press("Enter")
            reply = answer_after(page, before)
            assert focused(page)["id"] == "rsi-chat-input", "focus should come back to the box"
            return reply
    pytest.fail(f"no button {title!r} reachable with Shift+Tab")


def open_chat_page(page: Page, rasa_url: str) -> None:
    page.goto(f"{rasa_url}/chat/")
    page.wait_for_selector(INPUT)
    # Keyboard only: the first Tab reaches the skip link, Enter takes focus to the box.
    page.keyboard.press("Tab")
    assert focused(page)["tag"] == "A"
    page.keyboard.press("Enter")
    assert focused(page)["id"] == "rsi-chat-input"


def stored(page: Page, rasa_url: str) -> dict:
    return json.loads(page.evaluate("k => sessionStorage.getItem(k)", f"rsi-chat:{rasa_url}"))


def no_horizontal_scroll(page: Page, width: int) -> None:
    page.set_viewport_size({"width": width, "height": 700})
    sizes = page.evaluate(
        "() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]"
    )
    assert sizes[0] <= sizes[1], f"horizontal scroll at {width} px: {sizes}"
    for selector in (INPUT, "button.rsi-chat__send"):
        box = page.locator(selector).bounding_box()
        assert box and box["x"] >= 0 and box["x"] + box["width"] <= width, (selector, box)


def today():
    return datetime.now(ZoneInfo("Europe/Lisbon")).date()


# --------------------------------------------------------------------------- tests


def test_keyboard_only_eligibility_journey_shows_the_amount(page: Page, rasa_url: str):
    open_chat_page(page, rasa_url)
    assert page.evaluate("document.documentElement.lang") == "pt-PT"
    type_and_send(page, "quero saber se tenho direito ao rsi")
    type_and_send(page, "somos quatro, eu, o meu marido e dois miúdos")
    type_and_send(page, "seiscentos euros")
    type_and_send(page, "nenhum")
    type_and_send(page, "nada")
    assert "18 anos" in choose_by_keyboard(page, "Portuguesa")
    summary = choose_by_keyboard(page, "Sim")
    assert "Confirme" in summary and "2 adultos" in summary and "2 menores" in summary
    result = choose_by_keyboard(page, "Sim, calcular")

    expected = simulate(Household(adults=2, minors=2, employment_income=Decimal("600")), today())
    assert expected.eligible
    assert money(expected.monthly_amount).replace("\xa0", " ") in result
    assert "estimativa" in result.lower()
    # The buttons used were real <button>s and the answers are in the log as the citizen chose them.
    assert page.locator(f"{USER} .rsi-chat__text").all_inner_texts()[-3:] == [
        "Portuguesa", "Sim", "Sim, calcular"]
    if SCREENSHOTS:
        page.screenshot(path=f"{SCREENSHOTS}/chat-1024.png", full_page=True)
    assert page.context.cookies() == [], "the chat sets no cookie"
    page.watch.assert_clean()


def test_a_reload_keeps_the_conversation(page: Page, rasa_url: str, api_token: str):
    open_chat_page(page, rasa_url)
    first = type_and_send(page, "olá")
    session_id = stored(page, rasa_url)["sessionId"]
    assert session_id

    page.reload()
    page.wait_for_selector(f"{USER} >> text=olá")
    assert first.splitlines()[0] in page.locator(LOG).inner_text().replace("\xa0", " ")
    page.locator(INPUT).focus()
    type_and_send(page, "obrigado")
    # The server re-confirmed the same signed id: one conversation on its side too.
    assert stored(page, rasa_url)["sessionId"] == session_id
    assert user_turns(rasa_url, api_token, session_id, until=["olá", "obrigado"]) == ["olá", "obrigado"]
    page.watch.assert_clean()


HOSTILE = [
    '<img src=x onerror="window.__fired = 1">',
    "[clique aqui](javascript:window.__fired=2) javascript:window.__fired=3",
    "<script>window.__fired = 4</script><b>negrito</b>",
]


def test_html_and_javascript_links_are_shown_as_text_and_fire_nothing(page: Page, rasa_url: str):
    open_chat_page(page, rasa_url)
    for text in HOSTILE:
        type_and_send(page, text)
    assert page.locator(f"{USER} .rsi-chat__text").all_inner_texts() == HOSTILE
    log = page.locator(LOG)
    assert log.locator("img, script, b").count() == 0
    assert log.locator("a").count() == 0
    page.get_by_text("javascript:window.__fired=3", exact=False).click()
    assert page.evaluate("window.__fired") is None
    assert page.url.split("#")[0] == f"{rasa_url}/chat/"

    # Bot text goes through the same door: an entry in the page's storage (which
    # any script of an embedding page could write) is redrawn after a reload.
    state = stored(page, rasa_url)
    state["log"].append({"from": "bot", "buttons": [{"title": "<b>Sim</b>", "payload": "sim"}],
                         "text": "Veja https://www.seg-social.pt/rsi. ou javascript:window.__fired=5\n"
                                 "• ligue tel:+351300502502\n• escreva mailto:rsi@example.pt\n"
                                 "• <img src=x onerror=\"window.__fired=6\"> data:text/html,oi"})
    page.evaluate("([k, v]) => sessionStorage.setItem(k, v)",
                  [f"rsi-chat:{rasa_url}", json.dumps(state)])
    page.reload()
    page.wait_for_selector(f"{LOG} .rsi-chat__list")
    hrefs = page.locator(f"{LOG} a").evaluate_all("links => links.map(a => a.href)")
    assert hrefs == ["https://www.seg-social.pt/rsi", "tel:+351300502502", "mailto:rsi@example.pt"]
    assert log.locator("img, script, b").count() == 0
    assert page.locator(f"{LOG} button", has_text="<b>Sim</b>").count() == 1
    assert page.locator(f"{LOG} li").count() == 3
    page.get_by_text("javascript:window.__fired=5", exact=False).click()
    assert page.evaluate("window.__fired") is None
    page.watch.assert_clean()


def test_axe_finds_no_wcag_aa_violation_and_the_page_reflows(page: Page, rasa_url: str):
    open_chat_page(page, rasa_url)
    type_and_send(page, "quero saber se tenho direito ao rsi")
    type_and_send(page, "somos quatro, eu, o meu marido e dois miúdos")
    type_and_send(page, "seiscentos euros")
    type_and_send(page, "nenhum")  # the log now holds a question with buttons
    assert run_axe(page) == []
    log = page.locator(LOG)
    assert log.get_attribute("aria-live") == "polite" and log.get_attribute("role") == "log"
    assert page.locator("label[for='rsi-chat-input']").inner_text() == "A sua mensagem"
    # The privacy note says how long a request is kept (RSI_RETENTION_DAYS, 365 by default).
    assert "365 dias" in page.locator(".rsi-chat__privacy").inner_text()
    # Focus is visible: a focused control draws an outline.
    page.locator(INPUT).focus()
    assert page.evaluate(
        "s => getComputedStyle(document.querySelector(s)).outlineStyle", INPUT) != "none"
    # 320 px is WCAG's reflow width; 640 px is what a 1280 px window shows at 200 % zoom.
    for width in (320, 640):
        no_horizontal_scroll(page, width)
        if SCREENSHOTS:
            page.screenshot(path=f"{SCREENSHOTS}/chat-{width}.png", full_page=True)
    page.watch.assert_clean()


def test_the_widget_works_embedded_in_a_page_on_another_origin(
    page: Page, rasa_url: str, embedding_site: str
):
    page.goto(f"{embedding_site}/")
    page.wait_for_selector("button.rsi-chat__launcher")
    page.keyboard.press("Tab")
    assert focused(page)["text"] == "Conversar com o assistente RSI"
    page.keyboard.press("Enter")
    assert focused(page)["id"] == "rsi-chat-input"
    try:
        reply = type_and_send(page, "olá")
    except Exception:
        print(page.watch.console)
        raise
    assert "RSI" in reply
    if SCREENSHOTS:
        page.screenshot(path=f"{SCREENSHOTS}/embedded.png")
    assert run_axe(page) == []
    no_horizontal_scroll(page, 320)
    # A 1280 x 800 window at 200 % zoom: the open panel still fits, the box can be reached.
    page.set_viewport_size({"width": 640, "height": 400})
    panel = page.locator("#rsi-chat-panel").bounding_box()
    assert panel and panel["y"] >= 0 and panel["y"] + panel["height"] <= 400, panel
    page.locator(INPUT).focus()
    box = page.locator(INPUT).bounding_box()
    assert box and 0 <= box["y"] and box["y"] + box["height"] <= 400, box
    page.keyboard.press("Escape")
    assert page.locator("#rsi-chat-panel").is_hidden()
    assert focused(page)["text"] == "Conversar com o assistente RSI"
    page.watch.assert_clean()


def test_a_page_on_an_origin_not_listed_cannot_talk_to_the_server(browser: Browser, rasa_url: str,
                                                                   embedding_site: str):
    # localhost is another origin than 127.0.0.1, and only the latter is listed.
    context = browser.new_context(locale="pt-PT")
    try:
        page = context.new_page()
        page.goto(f"http://localhost:{EMBED_PORT}/")
        page.locator("button.rsi-chat__launcher").click()
        page.locator(INPUT).fill("olá")
        page.keyboard.press("Enter")
        page.wait_for_function(
            "s => document.querySelector(s).textContent.includes('A ligar novamente')",
            arg=STATUS, timeout=20_000)
        time.sleep(3)
        assert page.locator(BOT).count() == 0
    finally:
        context.close()


def test_the_server_stopped_and_restarted_shows_the_notice_and_the_conversation_goes_on(
    browser: Browser, work_dir: Path, action_server
):
    """A spare Rasa server of its own, so the other tests keep theirs."""
    server = rasa_server(work_dir, SPARE_RASA_PORT, "rasa-spare.log")
    base = f"http://127.0.0.1:{SPARE_RASA_PORT}"
    context = browser.new_context(locale="pt-PT")
    try:
        server.start()
        wait_for_answer(server, base)
        page = context.new_page()
        page.set_default_timeout(REPLY_TIMEOUT_S * 1000)
        watch = Watch(page, (base,))
        open_chat_page(page, base)
        type_and_send(page, "olá")
        session_id = stored(page, base)["sessionId"]

        server.stop()
        page.wait_for_function(
            "s => document.querySelector(s).textContent === 'A ligar novamente…'", arg=STATUS,
            timeout=20_000)
        assert page.locator(STATUS).is_visible()
        assert page.locator(STATUS).get_attribute("aria-live") == "polite"

        server.start()
        wait_for_answer(server, base)
        page.wait_for_function(
            "s => document.querySelector(s).textContent === 'Ligação restabelecida.'",
            arg=STATUS, timeout=60_000)
        # Same signed id, re-confirmed by the restarted server (same key).
        assert stored(page, base)["sessionId"] == session_id
        reply = type_and_send(page, "quero saber se tenho direito ao rsi")
        assert reply
        assert "perdeu a sessão" not in reply
        watch.assert_clean()
    finally:
        context.close()
        server.stop()


@pytest.mark.parametrize("origin, allowed", [
    (None, True),  # no browser page
    ("{rasa}", True),  # the chat page the server serves itself
    (EMBED_ORIGIN, True),  # listed in RSI_CORS_ORIGINS
    ("https://evil.example", False),
    ("null", False),
])
def test_socketio_accepts_its_own_and_the_listed_origins_only(rasa_url: str, origin, allowed):
    headers = {"Origin": origin.format(rasa=rasa_url)} if origin else {}
    response = requests.get(f"{rasa_url}/socket.io/", params={"EIO": "4", "transport": "polling"},
                            headers=headers, timeout=10)
    assert (response.status_code == 200) is allowed, response.text
    if allowed and origin:
        # Exactly one header (a browser refuses two), and never with credentials.
        assert response.headers.get("Access-Control-Allow-Origin") == headers["Origin"]
        assert response.headers.get("Access-Control-Allow-Credentials") != "true"
