"""Phone line over Twilio Voice, in Portuguese of Portugal (credentials key
`bot.channels.phone.PhoneInput`, webhook `/webhooks/phone/webhook`).

Differences from Rasa's built-in `twilio_voice` channel, and why:
- speech recognition and voice in pt-PT (`language="pt-PT"`, `Polly.Ines`);
- every request must carry a valid `X-Twilio-Signature` (HMAC with the account's
  auth token, env `TWILIO_AUTH_TOKEN`); without the token the line refuses all
  requests, so a misconfigured server is never an open endpoint;
- the conversation id is the `CallSid`, not the caller's number (personal data);
  neither the number nor what the caller said is ever logged here;
- replies are rewritten for the ear (`bot.speech`): bullets, euros and links become
  sentences; a message's buttons become numbered options ("Para sim, diga sim ou
  carregue 1"), answered aloud or with the keypad (DTMF). A key chooses the option
  with that number among the buttons of the call's last bot message, read from the
  tracker (never from this process's memory); questions without options take
  digits ended by "#" (a NIF, an amount);
- what the caller says has its numbers written as the parsers read them
  (`bot.spoken_numbers`: "dois três quatro…" -> "234…");
- "explique as contas" after an estimate reads its steps, which the eligibility
  action left in the tracker (`bot.spoken_result`);
- a `phone_transfer` payload of an action (talking to a person while the Linha
  Segurança Social is open) transfers the call (`<Dial>`, env PHONE_TRANSFER_NUMBER);
- silence: the question is asked again, twice; the third silence in a row ends the
  call politely (the count travels in the signed Gather URL, see `bot.channels.twiml`);
- a turn with no bot reply (action server down) gets a spoken apology with the
  Linha Segurança Social number instead of silence.
"""

from __future__ import annotations

import logging
import os
import re
from collections.abc import Awaitable, Callable
from typing import Any
from urllib.parse import parse_qs

from rasa.core.channels.channel import CollectingOutputChannel, InputChannel, UserMessage
from rasa.core.channels.twilio_voice import TwilioVoiceInput
from rasa.shared.core.events import BotUttered, Event, UserUttered
from sanic import Blueprint, response
from sanic.request import Request, RequestParameters
from sanic.response import HTTPResponse
from twilio.request_validator import RequestValidator
from twilio.twiml.voice_response import VoiceResponse

from bot import speech, spoken_numbers, spoken_result
from bot.channels import twiml

logger = logging.getLogger(__name__)

TOKEN_ENV = "TWILIO_AUTH_TOKEN"
PUBLIC_URL_ENV = "PHONE_PUBLIC_URL"
LANGUAGE = "pt-PT"
VOICE = "Polly.Ines"
# Words the recogniser should expect; Twilio's pt-PT model does not know them.
DEFAULT_HINTS = "RSI, Rendimento Social de Inserção, NIF, NISS, Segurança Social, certidão, declaração"
# Where a caller who asks for a person is transferred while the line is open.
TRANSFER_NUMBER_ENV = "PHONE_TRANSFER_NUMBER"
DEFAULT_TRANSFER_NUMBER = "+351300502502"  # Linha Segurança Social, 300 502 502
_E164 = re.compile(r"\+[1-9]\d{6,14}")
# DialCallStatus values of a transferred call that was answered.
_TRANSFER_ANSWERED = frozenset({"completed", "answered"})


class PhoneCollectingOutputChannel(CollectingOutputChannel):
    """Collects the bot's messages of one turn; named "phone" so responses can have
    `channel: phone` variants in domain.yml."""

    @classmethod
    def name(cls) -> str:
        return "phone"


class PhoneInput(TwilioVoiceInput):
    """Twilio Voice webhook in pt-PT with request signatures checked."""

    @classmethod
    def name(cls) -> str:
        return "phone"

    @classmethod
    def from_credentials(cls, credentials: dict[str, Any] | None) -> InputChannel:
        credentials = credentials or {}
        return cls(
            initial_prompt=credentials.get("initial_prompt", speech.INITIAL_PROMPT),
            reprompt_fallback_phrase=credentials.get(
                "reprompt_fallback_phrase", speech.REPROMPT_FALLBACK
            ),
            assistant_voice=credentials.get("assistant_voice", VOICE),
            speech_timeout=str(credentials.get("speech_timeout", "3")),
            speech_model=credentials.get("speech_model", "default"),
            enhanced=str(credentials.get("enhanced", "false")).lower(),
            no_reply_phrase=credentials.get("no_reply_phrase", speech.NO_REPLY_APOLOGY),
            hints=credentials.get("hints", DEFAULT_HINTS),
            transfer_number=credentials.get("transfer_number"),
        )

    def __init__(
        self,
        initial_prompt: str | None = speech.INITIAL_PROMPT,
        reprompt_fallback_phrase: str | None = speech.REPROMPT_FALLBACK,
        assistant_voice: str | None = VOICE,
        speech_timeout: str = "3",
        speech_model: str = "default",
        enhanced: str = "false",
        no_reply_phrase: str = speech.NO_REPLY_APOLOGY,
        hints: str | None = DEFAULT_HINTS,
        transfer_number: str | None = None,
    ) -> None:
        # The parent validates voice, timeout and speech model against Twilio's options.
        super().__init__(
            initial_prompt, reprompt_fallback_phrase, assistant_voice,
            speech_timeout, speech_model, enhanced,
        )
        self.no_reply_phrase = no_reply_phrase
        self.hints = hints or None
        self.transfer_number = _transfer_number(transfer_number)
        token = os.environ.get(TOKEN_ENV, "").strip()
        self._validator = RequestValidator(token) if token else None
        self._warned_unconfigured = False

    @property
    def voice(self) -> twiml.Voice:
        return twiml.Voice(
            webhook=f"/webhooks/{self.name()}/webhook",
            voice=self.assistant_voice or VOICE,
            language=LANGUAGE,
            speech_timeout=self.speech_timeout,
            speech_model=self.speech_model,
            enhanced=self.enhanced,
            hints=self.hints,
        )

    # -- request checks -------------------------------------------------------

    def _public_url(self, request: Request) -> str:
        """The URL Twilio signed: behind a proxy the request URL is not the public one."""
        base = os.environ.get(PUBLIC_URL_ENV, "").strip().rstrip("/")
        if not base:
            return request.url
        query = f"?{request.query_string}" if request.query_string else ""
        return f"{base}{request.path}{query}"

    def _is_signed(self, request: Request) -> bool:
        if self._validator is None:
            if not self._warned_unconfigured:
                logger.error(
                    "Phone channel not configured: %s is not set, refusing every request.",
                    TOKEN_ENV,
                )
                self._warned_unconfigured = True
            return False
        signature = request.headers.get("X-Twilio-Signature")
        if not signature:
            return False
        return self._validator.validate(self._public_url(request), form_of(request), signature)

    # -- webhook ----------------------------------------------------------------

    def blueprint(
        self, on_new_message: Callable[[UserMessage], Awaitable[Any]]
    ) -> Blueprint:
        phone_webhook = Blueprint("phone_webhook", __name__)

        @phone_webhook.route("/", methods=["GET"])
        async def health(request: Request) -> HTTPResponse:
            return response.json({"status": "ok"})

        @phone_webhook.route("/webhook", methods=["POST"])
        async def receive(request: Request) -> HTTPResponse:
            if not self._is_signed(request):
                return response.text("forbidden", status=403)
            call_sid = form_of(request).get("CallSid")
            if not call_sid:
                return response.text("missing CallSid", status=400)
            answer = await self._reply(request, on_new_message, call_sid)
            # Explicit charset: without it HTTP clients read text/* as Latin-1.
            return response.text(str(answer), content_type="text/xml; charset=utf-8")

        return phone_webhook

    async def _reply(
        self, request: Request, on_new_message: Callable[[UserMessage], Awaitable[Any]], call_sid: str
    ) -> VoiceResponse:
        form, args = form_of(request), request.args
        events = await self._events(request, call_sid)
        turn = last_bot_turn(events)
        if args.get(twiml.TRANSFER_PARAM):
            return self._after_transfer(form.get("DialCallStatus") or "", turn)
        options = speech.menu(turn)
        # A lone "#" is no answer: as silent as no key at all.
        digits = (form.get("Digits") or "").strip().rstrip("#")
        said = (form.get("SpeechResult") or "").strip()
        text: str | None = ""
        if digits:
            text = speech.keypad_answer(digits, options)
            if text is None:
                return self._again(turn, [speech.NO_SUCH_OPTION.format(digits=digits)])
        elif said:
            text = speech.said_option(said, options) or spoken_numbers.normalise(said)
        elif form.get("CallStatus") == "ringing":
            text = self.initial_prompt or ""
        if not text:
            return self._silence(turn, _count(args.get(twiml.SILENCES_PARAM)) + 1)
        if spoken_result.asks_for_steps(text):
            steps = last_steps(events)
            if steps:
                return self._again(turn, spoken_result.steps_messages(steps))
        messages = await self._answer(on_new_message, text, call_sid)
        return await self._turn(request, call_sid, messages)

    async def _answer(
        self, on_new_message: Callable[[UserMessage], Awaitable[Any]], text: str, call_sid: str
    ) -> list[dict[str, Any]]:
        collector = PhoneCollectingOutputChannel()
        try:
            await on_new_message(
                UserMessage(text, collector, call_sid, input_channel=self.name())
            )
        except Exception as error:  # the caller must hear something, never silence
            # Only the error type: the message could quote what the caller said.
            logger.error("Phone turn failed for call %s: %s", call_sid, type(error).__name__)
        return collector.messages

    async def _tracker(self, request: Request, call_sid: str) -> Any:
        """The call's tracker, or None if there is none or the store cannot be read:
        the turn goes on without it (logged by error type only)."""
        try:
            return await request.app.ctx.agent.tracker_store.retrieve(call_sid)
        except Exception as error:
            logger.error("Phone call %s: tracker not read: %s", call_sid, type(error).__name__)
            return None

    async def _events(self, request: Request, call_sid: str) -> list[Event]:
        """The call's events so far; none if unreadable (a key then types digits, a
        silence gets the fallback phrase)."""
        tracker = await self._tracker(request, call_sid)
        return list(tracker.events) if tracker else []

    # -- TwiML --------------------------------------------------------------------

    async def _turn(self, request: Request, call_sid: str, messages: list[dict[str, Any]]) -> VoiceResponse:
        hint = await self._keypad_hint(request, call_sid)
        return answer_twiml(messages, self.voice, self.transfer_number, hint,
                            speech.speakable(self.no_reply_phrase))

    async def _keypad_hint(self, request: Request, call_sid: str) -> str | None:
        """How to type the answer, when the question asked is a number (a NIF, an amount);
        read after the turn, since the turn changes the question."""
        tracker = await self._tracker(request, call_sid)  # none: no hint rather than no answer
        slot = tracker.get_slot("requested_slot") if tracker else None
        return speech.KEYPAD_SLOTS.get(slot) if isinstance(slot, str) else None

    def _again(self, turn: list[dict[str, Any]], before: list[str], silences: int = 0) -> VoiceResponse:
        """``before``, then the last question again with its options."""
        question = speech.prompt(turn)
        spoken = before + speech.spoken_turn(question)
        return twiml.gather(spoken, self.voice, menu_size=menu_size(question), silences=silences)

    def _silence(self, turn: list[dict[str, Any]], silences: int) -> VoiceResponse:
        if silences > speech.MAX_SILENCES:
            return twiml.hang_up([speech.SILENCE_GOODBYE], self.voice)
        if not speech.prompt(turn):
            # Nothing to repeat (the call did not start with "ringing").
            spoken = [self.reprompt_fallback_phrase or speech.REPROMPT_FALLBACK]
            if silences > 1:
                spoken.insert(0, speech.SILENCE_LAST)
            return twiml.gather(spoken, self.voice, silences=silences)
        first = silences == 1
        return self._again(turn, [speech.SILENCE_AGAIN if first else speech.SILENCE_LAST], silences)

    def _after_transfer(self, status: str, turn: list[dict[str, Any]]) -> VoiceResponse:
        """Twilio's post when the transferred call ends: answered, the call is over;
        busy or unanswered, the assistant carries on where it was."""
        if status in _TRANSFER_ANSWERED:
            return twiml.hang_up([speech.TRANSFER_DONE], self.voice)
        if not speech.prompt(turn):
            return twiml.gather([speech.TRANSFER_FAILED, speech.ANYTHING_ELSE], self.voice)
        return self._again(turn, [speech.TRANSFER_FAILED])


def answer_twiml(
    messages: list[dict[str, Any]], voice: twiml.Voice, transfer_number: str,
    hint: str | None = None, no_reply: str = speech.NO_REPLY_APOLOGY,
) -> VoiceResponse:
    """The assistant's turn as TwiML: a transfer if an action asked for one (what
    comes after it is left for when the transfer fails), else the messages said
    with their options, listening for the next answer; ``no_reply`` if nothing."""
    for index, message in enumerate(messages):
        order = _custom(message).get(speech.TRANSFER_KEY)
        if isinstance(order, dict):
            spoken = speech.spoken_turn(messages[:index]) + [speech.speakable(order.get("say"))]
            return twiml.transfer([s for s in spoken if s], transfer_number, voice)
    spoken = speech.spoken_turn(messages, hint)
    if not spoken:
        return twiml.gather([no_reply], voice)
    return twiml.gather(spoken, voice, menu_size=menu_size(messages))


def form_of(request: Request) -> RequestParameters:
    """The posted fields, empty ones included: Twilio signs every field it sends
    ("Digits=" after a lone "#", "CallerCity=" abroad), and Sanic's ``request.form``
    drops empty values, which would make a genuine request look forged."""
    cached = getattr(request.ctx, "phone_form", None)
    if cached is not None:
        return cached
    if request.content_type.split(";")[0].strip() != "application/x-www-form-urlencoded":
        return request.form
    try:
        form = RequestParameters(parse_qs(request.body.decode("utf-8"), keep_blank_values=True))
    except UnicodeDecodeError:
        form = RequestParameters()
    request.ctx.phone_form = form
    return form


def _transfer_number(configured: str | None) -> str:
    """The number calls are transferred to: credentials, else env, else the Linha."""
    number = (configured or os.environ.get(TRANSFER_NUMBER_ENV, "")).strip().replace(" ", "")
    if not number:
        return DEFAULT_TRANSFER_NUMBER
    if not _E164.fullmatch(number):
        logger.error(
            "%s is not an E.164 number (like +351300502502): transferring to %s instead.",
            TRANSFER_NUMBER_ENV, DEFAULT_TRANSFER_NUMBER,
        )
        return DEFAULT_TRANSFER_NUMBER
    return number


def _count(value: str | None) -> int:
    try:
        return max(int(value or 0), 0)
    except ValueError:
        return 0


def _custom(message: dict[str, Any]) -> dict[str, Any]:
    custom = message.get("custom")
    return custom if isinstance(custom, dict) else {}


def last_bot_turn(events: list[Event]) -> list[dict[str, Any]]:
    """The bot's messages since the caller last spoke, shaped like the channel's
    messages ({"text", "buttons", "custom"}): what a key or a silence answers."""
    turn: list[dict[str, Any]] = []
    for event in reversed(events):
        if isinstance(event, UserUttered):
            break
        if isinstance(event, BotUttered):
            data = event.data or {}
            turn.append({"text": event.text, "buttons": data.get("buttons") or [],
                         "custom": data.get("custom")})
    return list(reversed(turn))


def last_steps(events: list[Event]) -> list[str]:
    """The steps of the call's last estimate (``bot.speech.STEPS_KEY``), or []."""
    for event in reversed(events):
        if isinstance(event, BotUttered):
            custom = (event.data or {}).get("custom")
            if isinstance(custom, dict) and speech.STEPS_KEY in custom:
                steps = custom[speech.STEPS_KEY]
                return [str(s) for s in steps] if isinstance(steps, list) else []
    return []


def menu_size(messages: list[dict[str, Any]]) -> int:
    """How many numbered options the caller can choose with one key (0: none)."""
    options = speech.menu(messages)
    return len(options) if speech.is_keypad_menu(options) else 0
