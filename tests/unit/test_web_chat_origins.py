"""The website chat's origin check and the files the server may send (no server here)."""

from __future__ import annotations

import pytest

from bot.channels.website import origin_allowed, own_origins
from bot.serving import web_chat

ENVIRON = {"wsgi.url_scheme": "http", "HTTP_HOST": "127.0.0.1:5005"}


def test_the_server_own_origin_is_always_allowed(monkeypatch):
    monkeypatch.setenv("RSI_CORS_ORIGINS", "https://www.seg-social.example")
    assert origin_allowed("http://127.0.0.1:5005", ENVIRON)
    assert origin_allowed("https://www.seg-social.example", ENVIRON)
    assert origin_allowed("https://www.seg-social.example/", ENVIRON)


@pytest.mark.parametrize("origin", [
    "https://evil.example", "http://127.0.0.1:5006", "https://127.0.0.1:5005", "null",
    "http://127.0.0.1:5005.evil.example",
])
def test_other_origins_are_refused(monkeypatch, origin):
    monkeypatch.setenv("RSI_CORS_ORIGINS", "https://www.seg-social.example")
    assert not origin_allowed(origin, ENVIRON)


def test_a_star_allows_nobody_else(monkeypatch):
    monkeypatch.setenv("RSI_CORS_ORIGINS", "*")
    assert not origin_allowed("https://evil.example", ENVIRON)
    assert origin_allowed("http://127.0.0.1:5005", ENVIRON)


def test_behind_a_proxy_the_forwarded_origin_counts():
    environ = {**ENVIRON, "HTTP_X_FORWARDED_PROTO": "https", "HTTP_X_FORWARDED_HOST": "rsi.example.pt"}
    assert own_origins(environ) == ["http://127.0.0.1:5005", "https://rsi.example.pt"]
    assert own_origins({}) == []


def test_only_listed_files_are_served_and_all_exist_in_the_repository():
    assert all(path.startswith("/chat/") for path in web_chat.FILES)
    for path, (file, _, _) in web_chat.FILES.items():
        if "vendor" not in path:  # the vendor files come from `npm ci` (scripts/setup.sh)
            assert file.is_file(), path
    assert web_chat.RETENTION_PLACEHOLDER in (web_chat.WEB / "widget.js").read_text(encoding="utf-8")


def test_the_retention_in_the_privacy_note_follows_the_setting(monkeypatch):
    monkeypatch.setenv("RSI_RETENTION_DAYS", "90")
    assert web_chat._retention() == "90"
    monkeypatch.setenv("RSI_RETENTION_DAYS", "um ano")
    assert web_chat._retention() == ""  # the note then names no figure rather than a wrong one
