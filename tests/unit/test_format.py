from datetime import date
from decimal import Decimal

from bot.format import date_long, date_short, money, money_plain, percent, to_cents


def test_money_pt_pt():
    assert money(Decimal("1234.56")).replace("\xa0", " ") == "1 234,56 €"
    assert money(Decimal("217.91")).replace("\xa0", " ") == "217,91 €"
    assert money(Decimal("0")).replace("\xa0", " ") == "0,00 €"


def test_rounding_is_half_up_to_the_cent():
    assert to_cents(Decimal("118.625")) == Decimal("118.63")
    assert to_cents(Decimal("104.555")) == Decimal("104.56")
    assert money_plain(Decimal("217.905")) == "217.91"


def test_dates():
    assert date_long(date(2027, 1, 7)) == "7 de janeiro de 2027"
    assert date_short(date(2027, 1, 7)) == "07/01/2027"


def test_percent():
    assert percent(Decimal("0.7")).replace("\xa0", " ") == "70 %"
    assert percent(Decimal("0.05")).replace("\xa0", " ") == "5 %"
