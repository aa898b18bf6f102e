"""The citizens' REST channel, pinned to its own name.

Rasa's RestInput takes the conversation's input channel from the request body
(`"input_channel": "staff"`), so anyone could ask for front-desk answers and
have a certificate request recorded as made at the counter. This subclass
always reports "rest".
"""

from __future__ import annotations

from rasa.core.channels.rest import RestInput
from sanic.request import Request


class PinnedRestInput(RestInput):
    @classmethod
    def name(cls) -> str:
        return "rest"

    def _extract_input_channel(self, req: Request) -> str:
        return self.name()
