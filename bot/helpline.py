"""The Linha Segurança Social and the other ways to reach a person.

Pure: used by the action that answers «quero falar com uma pessoa» and by the
Rasa server itself when the action server cannot be reached
(``bot.serving.action_outage``), so a citizen who asks for a person always
gets the channels, whatever is down.

On the phone line the caller is already on a call: while the line is open the
call is transferred (a ``phone_transfer`` payload the phone channel turns into
<Dial>); when it is closed, the caller hears when it opens.
"""

from __future__ import annotations

from datetime import datetime, time, timedelta
from typing import Any

from bot.calendar import is_working_day
from bot.format import date_long, weekday
from bot.speech import TRANSFER_KEY

# Linha Segurança Social: 300 502 502, working days 9h-18h (seg-social.pt, «Contactos»).
HELPLINE = "300 502 502"
OPENS, CLOSES = time(9, 0), time(18, 0)
# A national line: it follows the national calendar, not the regional one.
LINE_REGION = "continente"

def next_opening(now: datetime) -> datetime | None:
    """When the line next opens, or None if it is open at ``now``."""
    day = now.date()
    if is_working_day(day, LINE_REGION):
        if OPENS <= now.time() < CLOSES:
            return None
        if now.time() < OPENS:
            return datetime.combine(day, OPENS, now.tzinfo)
    day += timedelta(days=1)
    while not is_working_day(day, LINE_REGION):
        day += timedelta(days=1)
    return datetime.combine(day, OPENS, now.tzinfo)


def line_status(now: datetime) -> str:
    opening = next_opening(now)
    if opening is None:
        return "Neste momento a linha está aberta (fecha às 18h)."
    if opening.date() == now.date():
        return "Neste momento a linha está fechada; abre hoje às 9h."
    if opening.date() == now.date() + timedelta(days=1):
        return "Neste momento a linha está fechada; abre amanhã às 9h."
    return (
        f"Neste momento a linha está fechada; abre na {weekday(opening.date())}, "
        f"{date_long(opening.date())}, às 9h."
    )


def phone_line_status(now: datetime) -> str:
    """When the closed line opens, said for the ear ("abre amanhã às 9 horas")."""
    opening = next_opening(now)
    if opening is None:
        return "Neste momento a linha está aberta, até às 18 horas."
    if opening.date() == now.date():
        when = "hoje"
    elif opening.date() == now.date() + timedelta(days=1):
        when = "amanhã"
    else:
        when = f"na {weekday(opening.date())}, {date_long(opening.date())},"
    return f"Neste momento a linha está fechada: abre {when} às 9 horas."


def phone_human_message(now: datetime) -> dict[str, Any]:
    """What the phone line does for "quero falar com uma pessoa" at ``now``: the
    arguments of one ``dispatcher.utter_message`` call. Open: transfer the call;
    closed: say when the line opens, and go on."""
    if next_opening(now) is None:
        return {"json_message": {TRANSFER_KEY: {
            "say": "Vou passar a sua chamada para a Linha Segurança Social. Aguarde um momento, por favor.",
        }}}
    return {"text": (
        f"A Linha Segurança Social, {HELPLINE}, atende nos dias úteis, das 9 às 18 horas. "
        f"{phone_line_status(now)} Entretanto, posso continuar a ajudar: diga o que precisa."
    )}


def contact_messages(now: datetime) -> list[str]:
    """The ways to reach a person, in writing: the line (open now or when), the
    counters and the online service, and what to have at hand."""
    return [
        f"Pode falar com uma pessoa pela Linha Segurança Social, {HELPLINE}, nos dias úteis "
        f"das 9h às 18h. {line_status(now)}",
        "Também pode ir a um serviço de atendimento da Segurança Social (convém marcar antes, "
        "na Segurança Social Direta ou pela linha) ou tratar de muitos assuntos online na "
        "Segurança Social Direta, em www.seg-social.pt.",
        "Tenha à mão o seu NISS (número de identificação da Segurança Social), o documento de "
        "identificação e, se já fez o pedido, a carta que recebeu ou o número do processo.",
    ]
