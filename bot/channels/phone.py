"""Phone line over Twilio Voice, in Portuguese of Portugal (credentials key
`bot.channels.phone.PhoneInput`, webhook `/webhooks/phone/webhook`).

Differences from Rasa's built-in `twilio_voice` channel, and why:
- speech recognition and voice in pt-PT (`language="pt-PT"`, `Polly.Ines`);
- every request must carry a valid `X-Twilio-Signature` (HMAC with the account's
  auth token, env `TWILIO_AUTH_TOKEN`); without the token the line refuses all
  requests, so a misconfigured server is never an open endpoint;
- the conversation id is the `CallSid`, not the caller's number (personal data);
  neither the number nor what the caller said is ever logged here;
- replies are rewritten for the ear (`bot.speech`): buttons become "Pode dizer: …",
  bullets, euros and links become sentences;
- a turn with no bot reply (action server down) gets a spoken apology with the
  Linha Segurança Social number instead of silence.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Awaitable, Callable
from typing import Any

from rasa.core.channels.channel import CollectingOutputChannel, InputChannel, UserMessage
from rasa.core.channels.twilio_voice import TwilioVoiceInput
from rasa.shared.core.events import BotUttered
from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse
from twilio.request_validator import RequestValidator
from twilio.twiml.voice_response import Gather, VoiceResponse

from bot import speech

logger = logging.getLogger(__name__)

TOKEN_ENV = "TWILIO_AUTH_TOKEN"
PUBLIC_URL_ENV = "PHONE_PUBLIC_URL"
LANGUAGE = "pt-PT"
VOICE = "Polly.Ines"
# Words the recogniser should expect; Twilio's pt-PT model does not know them.
DEFAULT_HINTS = "RSI, Rendimento Social de Inserção, NIF, NISS, Segurança Social, certidão, declaração"


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
    ) -> None:
        # The parent validates voice, timeout and speech model against Twilio's options.
        super().__init__(
            initial_prompt, reprompt_fallback_phrase, assistant_voice,
            speech_timeout, speech_model, enhanced,
        )
        self.no_reply_phrase = no_reply_phrase
        self.hints = hints or None
        token = os.environ.get(TOKEN_ENV, "").strip()
        self._validator = RequestValidator(token) if token else None
        self._warned_unconfigured = False

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
        return self._validator.validate(self._public_url(request), request.form, signature)

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
            call_sid = request.form.get("CallSid")
            if not call_sid:
                return response.text("missing CallSid", status=400)
            text = (request.form.get("SpeechResult") or "").strip()
            if not text and request.form.get("CallStatus") == "ringing":
                text = self.initial_prompt or ""

            if text:
                messages = await self._answer(on_new_message, text, call_sid)
            else:
                # Nothing heard: say the last bot message again, as Rasa's channel does.
                messages = await self._last_bot_message(request, call_sid)
            twiml = self._build_twilio_voice_response(messages)
            # Explicit charset: without it HTTP clients read text/* as Latin-1.
            return response.text(str(twiml), content_type="text/xml; charset=utf-8")

        return phone_webhook

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

    async def _last_bot_message(self, request: Request, call_sid: str) -> list[dict[str, Any]]:
        tracker = await request.app.ctx.agent.tracker_store.retrieve(call_sid)
        events = tracker.events if tracker else []
        last = next((e for e in reversed(events) if isinstance(e, BotUttered) and e.text), None)
        if last is None:
            return [{"text": self.reprompt_fallback_phrase}]
        return [{"text": last.text, "buttons": (last.data or {}).get("buttons") or []}]

    # -- TwiML --------------------------------------------------------------------

    def _build_twilio_voice_response(self, messages: list[dict[str, Any]]) -> VoiceResponse:
        """All the turn's messages inside one pt-PT <Gather>, so the caller can interrupt."""
        spoken = [
            speech.spoken_reply(
                message.get("text"),
                [b.get("title", "") for b in message.get("buttons") or []],
            )
            for message in messages
        ]
        spoken = [s for s in spoken if s] or [speech.speakable(self.no_reply_phrase)]

        gather_options: dict[str, Any] = {
            "input": "speech",
            "action": f"/webhooks/{self.name()}/webhook",
            "method": "POST",
            "actionOnEmptyResult": True,
            "language": LANGUAGE,
            "speechTimeout": self.speech_timeout,
            "speechModel": self.speech_model,
            "enhanced": self.enhanced,
        }
        if self.hints:
            gather_options["hints"] = self.hints
        gather = Gather(**gather_options)
        for i, text in enumerate(spoken):
            if i:
                gather.pause(length=1)
            gather.say(text, voice=self.assistant_voice, language=LANGUAGE)
        voice_response = VoiceResponse()
        voice_response.append(gather)
        return voice_response
