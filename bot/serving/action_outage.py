"""When a part is down, the citizen is told at once and given the other channels.

Left alone, Rasa 3.6 handles a failed call to the action server (refused,
an error status, or no answer for five minutes) by logging it, dropping the
action's events and predicting again: every following action fails too and
the citizen gets an empty reply. A failure of the tracker store or the lock
store (the database or Redis down) ends the request with an error. Neither
tells the citizen anything, and asking for a person fails like the rest.

``install`` changes three points of Rasa, once, in the Rasa server process:

- ``RemoteAction.run``: a call that cannot reach the action server, gets an
  error status from it or takes longer than the timeout sends, once per
  message, an apology with the other channels through the message's own
  output channel. Asking for a person gets the helpline (and on the phone,
  while the line is open, the transfer), built here from ``bot.helpline``.
  The error is then raised as before, so Rasa discards the action's events
  and a form never takes an answer its validation did not see.
- ``MessageProcessor._run_action``: after such a failure nothing else runs in
  that turn; the bot listens, and the conversation goes on where it stood
  when the action server is back.
- ``Agent.handle_message``: any other failure while handling a message (the
  tracker store's database or the lock store's Redis down) gets the same
  apology instead of an error, and the next message tries again.
- ``FailSafeTrackerStore``, Rasa's wrapper around every tracker store, no
  longer hides a database failure: Rasa would start the citizen over with an
  empty conversation and keep the turn in a memory store that is never read
  back. The failure reaches ``Agent.handle_message`` and the citizen is told.

The apology's words are the domain's ``utter_action_failed``; the log gets
one line with the action's name and the error's type, never what was typed.
"""

from __future__ import annotations

import asyncio
import logging
import os
import time
from contextvars import ContextVar
from dataclasses import dataclass
from typing import Any

from rasa.core.actions.action import ActionExecutionRejection, RemoteAction
from rasa.core.agent import Agent
from rasa.core.channels.channel import OutputChannel, UserMessage
from rasa.core.processor import MessageProcessor
from rasa.core.tracker_store import FailSafeTrackerStore
from rasa.shared.core.constants import ACTION_LISTEN_NAME
from rasa.shared.core.events import ActionExecuted
from rasa.shared.core.trackers import DialogueStateTracker
from rasa.shared.exceptions import RasaException

from bot import helpline, speech
from bot.calendar import now_lisbon

logger = logging.getLogger(__name__)

APOLOGY_RESPONSE = "utter_action_failed"
HUMAN_ACTION = "action_talk_to_human"
PHONE_CHANNEL = "phone"
TIMEOUT_ENV = "RSI_ACTION_TIMEOUT_S"
# Longer than the store's own database timeouts (bot.store.db), so a slow
# database answers "not recorded" through the action before this gives up.
DEFAULT_TIMEOUT_S = 20.0
# Said when not even the domain's words can be had (no agent loaded yet): the
# phone line's own apology for a turn with no reply, plain enough for any channel.
FALLBACK_APOLOGY = speech.NO_REPLY_APOLOGY


class ActionServerUnavailable(RasaException):
    """A call to the action server failed; the citizen has been told."""


class _QuietTraceback(logging.Filter):
    """Rasa logs the failed action with a traceback; the one line above says it all."""

    def filter(self, record: logging.LogRecord) -> bool:
        # The privacy filter (bot.serving.log_privacy) may already have turned
        # exc_info into exc_text when the record was made.
        ours = (record.exc_info and isinstance(record.exc_info[1], ActionServerUnavailable)) or (
            ActionServerUnavailable.__name__ in (record.exc_text or ""))
        if ours:
            record.exc_info, record.exc_text = None, None
        return True


@dataclass
class _Turn:
    """What went wrong while handling one message."""

    apologised: bool = False
    failed: bool = False


_TURN: ContextVar[_Turn | None] = ContextVar("rsi_outage_turn", default=None)
_installed = False


def action_timeout() -> float:
    """Seconds to wait for one action server call (``RSI_ACTION_TIMEOUT_S``)."""
    try:
        value = float(os.environ.get(TIMEOUT_ENV, "") or DEFAULT_TIMEOUT_S)
    except ValueError:
        return DEFAULT_TIMEOUT_S
    return value if value > 0 else DEFAULT_TIMEOUT_S


def contact_replies(action_name: str, channel: str, apology: str) -> list[dict[str, Any]]:
    """The messages to send when ``action_name`` could not run, on ``channel``."""
    now = now_lisbon()
    if action_name == HUMAN_ACTION:
        # Asking for a person works with the action server down.
        if channel == PHONE_CHANNEL:
            reply = helpline.phone_human_message(now)
            custom = reply.get("json_message")
            return [{"custom": custom}] if custom else [{"text": reply["text"]}]
        return [{"text": text} for text in helpline.contact_messages(now)]
    if channel == PHONE_CHANNEL:
        return [{"text": f"{apology} {helpline.phone_line_status(now)}"}]
    return [{"text": apology}, {"text": helpline.line_status(now)}]


async def _apology_text(nlg: Any, tracker: DialogueStateTracker, channel: str) -> str:
    try:
        rendered = await nlg.generate(APOLOGY_RESPONSE, tracker, channel)
    except Exception:  # noqa: BLE001 - the apology must go out whatever failed
        rendered = None
    return (rendered or {}).get("text") or FALLBACK_APOLOGY


async def apologise(output_channel: OutputChannel, nlg: Any, tracker: DialogueStateTracker,
                    action_name: str) -> None:
    """Send the apology once per message (a turn may fail more than once)."""
    turn = _TURN.get()
    if turn is not None:
        turn.failed = True
        if turn.apologised:
            return
        turn.apologised = True
    channel = output_channel.name()
    apology = await _apology_text(nlg, tracker, channel) if nlg is not None else FALLBACK_APOLOGY
    for message in contact_replies(action_name, channel, apology):
        try:
            await output_channel.send_response(tracker.sender_id, message)
        except Exception as error:  # noqa: BLE001 - nothing more can be done for this citizen
            logger.warning("could not send the apology (%s)", type(error).__name__)
            return


def _is_transient(error: BaseException) -> bool:
    """The action server unreachable, failing or late; not an action's own refusal."""
    return not isinstance(error, ActionExecutionRejection) and isinstance(
        error, (RasaException, asyncio.TimeoutError, OSError))


def install() -> None:
    """Patch Rasa as the module docstring says; idempotent."""
    global _installed
    if _installed:
        return
    _installed = True
    remote_run = RemoteAction.run
    run_action = MessageProcessor._run_action
    handle_message = Agent.handle_message

    async def guarded_remote_run(self: RemoteAction, output_channel: OutputChannel, nlg: Any,
                                 tracker: DialogueStateTracker, domain: Any) -> list:
        started = time.monotonic()
        try:
            return await asyncio.wait_for(
                remote_run(self, output_channel, nlg, tracker, domain), action_timeout())
        except Exception as error:
            if not _is_transient(error):
                raise
            logger.error("action server call failed: %s (%s, %.1f s)", self.name(),
                         type(error).__name__, time.monotonic() - started)
            await apologise(output_channel, nlg, tracker, self.name())
            raise ActionServerUnavailable(f"action server unavailable for '{self.name()}'") from None

    async def listen_after_failure(self: MessageProcessor, action: Any,
                                   tracker: DialogueStateTracker, output_channel: OutputChannel,
                                   nlg: Any, prediction: Any) -> bool:
        turn = _TURN.get()
        if turn is not None and turn.failed:
            # An earlier call of this turn failed: say nothing more, wait for the citizen.
            tracker.update(ActionExecuted(ACTION_LISTEN_NAME))
            return False
        go_on = await run_action(self, action, tracker, output_channel, nlg, prediction)
        if turn is not None and turn.failed and action.name() != ACTION_LISTEN_NAME:
            tracker.update(ActionExecuted(ACTION_LISTEN_NAME))
            return False
        return go_on

    async def answer_even_when_down(self: Agent, message: UserMessage) -> Any:
        token = _TURN.set(_Turn())
        try:
            return await handle_message(self, message)
        except Exception as error:  # noqa: BLE001 - the database or Redis is down
            logger.error("message not handled: %s", type(error).__name__)
            output = message.output_channel
            if output is not None:
                tracker = DialogueStateTracker(message.sender_id or "", [])
                await apologise(output, getattr(self, "nlg", None), tracker, "")
            return None
        finally:
            _TURN.reset(token)

    logging.getLogger("rasa.core.processor").addFilter(_QuietTraceback())
    async def retrieve_or_fail(self: FailSafeTrackerStore, sender_id: str) -> Any:
        return await self._tracker_store.retrieve(sender_id)

    async def save_or_fail(self: FailSafeTrackerStore, tracker: DialogueStateTracker) -> None:
        await self._tracker_store.save(tracker)

    FailSafeTrackerStore.retrieve = retrieve_or_fail
    FailSafeTrackerStore.save = save_or_fail
    RemoteAction.run = guarded_remote_run
    MessageProcessor._run_action = listen_after_failure
    Agent.handle_message = answer_even_when_down
