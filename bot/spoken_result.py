"""The eligibility estimate said on the phone (pt-PT), from the same simulation
the chat shows (bot.rules.Simulation).

A caller cannot scroll back: the chat's answer (every step, every citation,
"668,41 € − 480,00 € = 188,41 €") is far more than anyone follows by ear. On
the phone the answer is the amount and the one or two reasons that matter;
the steps are read only when the caller asks for them ("explique as contas"),
and never with citations or symbols. Pure functions, no Rasa import: the
eligibility action calls them when the conversation comes from the phone.
"""

from __future__ import annotations

import re
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from bot import speech

CENT = Decimal("0.01")
# At most this many unmet conditions are said; the others are for the counter.
MAX_REASONS = 2
# The option that asks for the steps (a menu payload the phone channel answers).
STEPS_REQUEST = "explique as contas"
STEPS_OPTION = {"title": "Explicar as contas", "payload": STEPS_REQUEST}
ESTIMATE = "É uma estimativa: a decisão é sempre da Segurança Social, depois de analisar o pedido."
FOLLOW_UP = "Quer que explique as contas, saber que documentos são precisos, ou como fazer o pedido?"
FOLLOW_UP_NO_STEPS = "Quer saber que documentos são precisos, ou como fazer o pedido?"
STEPS_INTRO = "Como fiz as contas:"

# "188,41 €", "1 600,00 €" (babel writes no-break spaces), "-1 352,44 €".
_MONEY = re.compile(r"(-?)(\d{1,3}(?:[ \xa0\u202f]\d{3})*|\d+),(\d{2})[ \xa0\u202f]?€")
_PARENTHESES = re.compile(r"\s*\(([^()]*)\)")
_TERMS = ((re.compile(r"\b(do|no|ao) IAS\b"), r"\1 indexante dos apoios sociais"),
          (re.compile(r"\bIAS\b"), "o indexante dos apoios sociais"))
# "explique as contas", "como chegou a esse valor", "como é que fez o cálculo"…
# The object is required close by: "quero saber os passos para fazer o pedido" or
# "as contas bancárias contam?" are other questions.
_ASKS_STEPS = re.compile(
    r"\b(?:expli\w*|mostr\w*|diga|dig\w*|repit\w*)(?:-me|\s+me)?\s+(?:melhor\s+)?"
    r"(?:as|o|essas|esse)\s+(?:contas|calculos?)\b"
    r"|\bquero (?:saber|ouvir|perceber) (?:as|o) (?:contas|calculo)\b"
    r"|\bcomo (?:e que )?(?:chegou|chegaste|calculou|calculaste)(?:\s+\w+){0,2}\s+"
    r"(?:valor|montante|quantia|resultado|isso)\b"
    r"|\bcomo (?:e que )?(?:calculou|calculaste)\b"
    r"|\bcomo (?:e que )?(?:fez|fizeste) (?:as|essas|o|esse) (?:contas|calculo)\b"
    r"|\b(?:de onde|donde) (?:vem|veio|sai) (?:esse|este|o) (?:valor|montante)\b"
)


def spoken_money(value: Decimal | int | str) -> str:
    """``188.41`` -> "188 euros e 41 cêntimos"; ``1600`` -> "1600 euros"; ``1`` -> "1 euro"."""
    amount = Decimal(value).quantize(CENT, rounding=ROUND_HALF_UP)
    sign = "menos " if amount < 0 else ""
    euros, cents = divmod(int(abs(amount) * 100), 100)
    said = f"{euros} {'euro' if euros == 1 else 'euros'}"
    if cents:
        said += f" e {cents} {'cêntimo' if cents == 1 else 'cêntimos'}"
    return sign + said


def _said_money(match: re.Match[str]) -> str:
    whole = re.sub(r"\D", "", match.group(2))
    return spoken_money(Decimal(f"{match.group(1)}{whole}.{match.group(3)}"))


def for_the_ear(text: str) -> str:
    """A sentence written for the screen, said: amounts in euros and cents,
    parentheses as pauses, "IAS" in words; the rest is left to bot.speech."""
    text = _MONEY.sub(_said_money, text)
    text = _PARENTHESES.sub(lambda m: f", {m.group(1)},", text)
    for pattern, words in _TERMS:
        text = pattern.sub(words, text)
    text = re.sub(r",\s*([.;:,])", r"\1", text)
    return speech.speakable(text)


def _lower_first(sentence: str) -> str:
    if len(sentence) > 1 and sentence[0].isupper() and not sentence[1].isupper():
        return sentence[0].lower() + sentence[1:]
    return sentence


def _maximum(sim: Any) -> Decimal:
    psu = getattr(sim, "psu", None)
    return psu.household_max if sim.regime == "psu" and psu is not None else sim.household_max


def _why_this_amount(sim: Any) -> str:
    maximum, income = _maximum(sim), sim.counted_income
    if sim.monthly_amount != maximum - income:
        return ("A diferença entre o máximo para o seu agregado e os rendimentos que contam é "
                "pequena, por isso conta o valor mínimo.")
    if income == 0:
        return (f"Como não indicou rendimentos, é o valor máximo para o seu agregado, "
                f"{spoken_money(maximum)}.")
    return (f"É a diferença entre o máximo para o seu agregado, {spoken_money(maximum)}, e os "
            f"rendimentos que contam, {spoken_money(income)}.")


def result_messages(sim: Any, benefit: str) -> list[str]:
    """The estimate said in a few sentences: yes or no, the amount, why.

    ``benefit`` names what is asked for, as the chat says it ("ao RSI").
    """
    if sim.eligible:
        messages = [
            f"Pelas respostas que deu, parece ter direito {benefit}: cerca de "
            f"{spoken_money(sim.monthly_amount)} por mês.",
            _why_this_amount(sim),
        ]
        if sim.regime == "psu":
            messages.append("Para um pedido novo, o que se pede é a Prestação Social Única, "
                            "que substitui o RSI.")
    else:
        failed = [c for c in sim.conditions if not c.passed]
        reasons = [for_the_ear(c.explanation) for c in failed[:MAX_REASONS]]
        messages = [f"Pelas respostas que deu, parece que não tem direito {benefit}."]
        if len(reasons) == 1:
            messages.append("Porque " + _lower_first(reasons[0]))
        elif reasons:
            messages.append("Há duas razões. " + " ".join(reasons))
    messages.append(ESTIMATE)
    return [for_the_ear(m) for m in messages]


def steps(sim: Any) -> list[str]:
    """How the amount was worked out, step by step, for the ear; empty when the
    steps explain nothing (not entitled for a reason other than income)."""
    failed = [c for c in sim.conditions if not c.passed]
    if not sim.trace or not (sim.eligible or all(c.code == "income_below_maximum" for c in failed)):
        return []
    return [for_the_ear(step.text) for step in sim.trace]


def steps_messages(lines: list[str]) -> list[str]:
    """The steps as one thing to say after "Como fiz as contas:"."""
    if not lines:
        return []
    # Read as one list, items separated by pauses (bot.speech reads bullets so).
    listed = "\n".join(f"• {line.rstrip('.')}" for line in lines)
    return [speech.speakable(f"{STEPS_INTRO}\n{listed}")]


def asks_for_steps(text: str | None) -> bool:
    """Whether the caller asks how the amount was worked out."""
    if not text:
        return False
    return bool(_ASKS_STEPS.search(speech.folded(text)))
