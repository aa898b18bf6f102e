"""TwiML for the phone line: what Twilio does next in the call (no Rasa import).

Three kinds of answer (https://www.twilio.com/docs/voice/twiml):
- ``gather``: say the turn inside one <Gather input="dtmf speech">, so the
  caller can interrupt, answer aloud or press keys. A numbered menu takes one
  key (numDigits=1); any other question takes digits ended by "#" (finishOnKey).
  How many silences in a row came before travels in the action URL
  (``?silencios=N``): Twilio signs that URL, so the count cannot be forged, and
  the server keeps no memory per call;
- ``transfer``: say why, then <Dial> the Linha Segurança Social; when the dialled
  call ends, Twilio posts to the action URL with ``?transferencia=1`` and
  ``DialCallStatus``;
- ``hang_up``: say goodbye, then <Hangup>.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from urllib.parse import urlencode

from twilio.twiml.voice_response import Dial, Gather, VoiceResponse

SILENCES_PARAM = "silencios"
TRANSFER_PARAM = "transferencia"
FINISH_KEY = "#"
# Seconds the transferred call may ring before Twilio gives up (busy line, no answer).
DIAL_TIMEOUT = 30


@dataclass(frozen=True)
class Voice:
    """How the line speaks and listens."""

    webhook: str  # path of the webhook, e.g. "/webhooks/phone/webhook"
    voice: str = "Polly.Ines"
    language: str = "pt-PT"
    speech_timeout: str = "3"
    speech_model: str = "default"
    enhanced: str = "false"
    hints: str | None = None

    def url(self, **params: int) -> str:
        query = urlencode({k: v for k, v in params.items() if v})
        return f"{self.webhook}?{query}" if query else self.webhook

    def say_all(self, target: VoiceResponse | Gather, spoken: Sequence[str]) -> None:
        for i, text in enumerate(spoken):
            if i:
                target.pause(length=1)
            target.say(text, voice=self.voice, language=self.language)


def gather(spoken: Sequence[str], voice: Voice, *, menu_size: int = 0, silences: int = 0) -> VoiceResponse:
    """Say ``spoken`` and listen for speech or keys.

    ``menu_size``: options numbered 1..n, one key chooses (0: digits ended by "#").
    ``silences``: silent turns in a row so far, posted back with the answer.
    """
    options: dict[str, object] = {
        "input": "dtmf speech",
        "action": voice.url(**{SILENCES_PARAM: silences}),
        "method": "POST",
        "actionOnEmptyResult": True,
        "language": voice.language,
        "speechTimeout": voice.speech_timeout,
        "speechModel": voice.speech_model,
        "enhanced": voice.enhanced,
        "finishOnKey": FINISH_KEY,
    }
    if menu_size:
        options["numDigits"] = 1
    if voice.hints:
        options["hints"] = voice.hints
    listen = Gather(**options)
    voice.say_all(listen, spoken)
    response = VoiceResponse()
    response.append(listen)
    return response


def transfer(spoken: Sequence[str], number: str, voice: Voice) -> VoiceResponse:
    """Say ``spoken``, then connect the caller to ``number`` (E.164)."""
    response = VoiceResponse()
    voice.say_all(response, spoken)
    dial = Dial(action=voice.url(**{TRANSFER_PARAM: 1}), method="POST", timeout=DIAL_TIMEOUT)
    dial.number(number)
    response.append(dial)
    return response


def hang_up(spoken: Sequence[str], voice: Voice) -> VoiceResponse:
    """Say ``spoken``, then end the call."""
    response = VoiceResponse()
    voice.say_all(response, spoken)
    response.hangup()
    return response
