"""With the action server down the REST webhook answers `[]` with HTTP 200.

Our conversation client must treat that as a failure, never as success.
Runs last (file name) and restarts the action server afterwards.
"""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.e2e


def test_empty_reply_is_detected_when_action_server_is_down(chat, action_server):
    assert chat.say("quero falar com uma pessoa")  # works while the server is up
    action_server.stop()
    try:
        assert chat.raw("quero falar com uma pessoa") == []
        with pytest.raises(AssertionError, match="action server down"):
            chat.say("quero falar com uma pessoa")
    finally:
        action_server.start()
        action_server.wait_port(120)
