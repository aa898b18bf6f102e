"""Free pt-PT text -> numbers, money, dates, yes/no, household, nationality, region.

People answer in many ways ("1.234,56 €", "seiscentos euros", "não tenho",
"22 de dezembro", "amanhã", "eu, o meu marido e dois miúdos"), without
accents and with small typos. Every parser here returns ``None`` when it
cannot tell, so the caller asks again instead of guessing.

Number words go through ``text2num`` (``alpha2digit(text, "pt")``); we pass
``threshold=0`` so that small isolated numbers ("dois", "duas", "um") are
converted too, and keep a small table of our own as a safety net for the
feminine forms, which the default threshold leaves untouched.
"""


from bot.parsing.answers import parse_count, parse_yes_no
from bot.parsing.dates import FUTURE_WINDOW_DAYS, parse_date
from bot.parsing.money import parse_money
from bot.parsing.numbers import normalise
from bot.parsing.people import HouseholdGuess, parse_household, parse_nationality, parse_region

__all__ = [
    "FUTURE_WINDOW_DAYS",
    "HouseholdGuess",
    "normalise",
    "parse_count",
    "parse_date",
    "parse_household",
    "parse_money",
    "parse_nationality",
    "parse_region",
    "parse_yes_no",
]
