"""Working-day deadlines (CPA art. 87.º) with national and regional holidays."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.calendar import (
    DEADLINE_KINDS,
    add_days,
    add_working_days,
    custom_deadline,
    deadline,
    is_working_day,
)
from bot.errors import InputError


def test_christmas_and_new_year_are_skipped():
    # 23, 24, 28, 29, 30, 31 Dec and 4, 5, 6, 7 Jan: 25 Dec and 1 Jan are holidays.
    assert add_working_days(date(2026, 12, 22), 10) == date(2027, 1, 7)


def test_good_friday_is_skipped_but_easter_monday_is_not():
    # 2026: Good Friday 3 April; Easter Monday is not a national holiday.
    assert add_working_days(date(2026, 4, 1), 5) == date(2026, 4, 9)
    assert is_working_day(date(2026, 4, 6))


def test_corpus_christi_and_portugal_day_are_skipped():
    # Corpus Christi 4 June 2026 and 10 June.
    assert add_working_days(date(2026, 6, 2), 5) == date(2026, 6, 11)


def test_azores_regional_holiday():
    # Dia da Região Autónoma dos Açores: Monday 25 May 2026 (Pentecost Monday).
    assert add_working_days(date(2026, 5, 22), 1) == date(2026, 5, 25)
    assert add_working_days(date(2026, 5, 22), 1, "acores") == date(2026, 5, 26)


def test_madeira_regional_holidays():
    # 1 July (Dia da Região) and 26 December (Primeira Oitava).
    assert add_working_days(date(2026, 6, 30), 1) == date(2026, 7, 1)
    assert add_working_days(date(2026, 6, 30), 1, "madeira") == date(2026, 7, 2)
    assert is_working_day(date(2025, 12, 26))
    assert not is_working_day(date(2025, 12, 26), "madeira")


def test_start_on_a_friday_does_not_count_the_start_day():
    friday = date(2026, 3, 6)
    assert add_working_days(friday, 1) == date(2026, 3, 9)
    assert add_working_days(friday, 10) == date(2026, 3, 20)


def test_carnival_is_not_a_mandatory_holiday():
    assert is_working_day(date(2026, 2, 17))


def test_calendar_days_ending_on_closed_day_move_to_next_working_day():
    assert add_days(date(2026, 3, 6), 2) == date(2026, 3, 9)  # Sunday -> Monday
    assert add_days(date(2026, 12, 22), 3) == date(2026, 12, 28)  # Christmas, weekend
    assert add_days(date(2026, 3, 2), 2) == date(2026, 3, 4)  # plain Wednesday


def test_missing_documents_mainland_and_regions():
    mainland = deadline("missing_documents", date(2026, 3, 2))
    assert (mainland.amount, mainland.unit, mainland.end) == (10, "working_days", date(2026, 3, 16))
    assert "art. 4.º, n.º 2" in mainland.legal_basis
    azores = deadline("missing_documents", date(2026, 3, 2), "acores")
    assert azores.amount == 20 and "art. 29.º, n.º 2" in azores.legal_basis
    assert azores.end == date(2026, 3, 30)


def test_interview_justification_mainland_and_madeira():
    assert deadline("interview_justification", date(2026, 3, 2)).end == date(2026, 3, 9)
    madeira = deadline("interview_justification", date(2026, 3, 2), "madeira")
    assert madeira.amount == 10 and madeira.end == date(2026, 3, 16)


def test_non_rsi_deadlines_have_no_regional_amount():
    assert deadline("certificate", date(2026, 3, 2), "acores").amount == 10
    assert deadline("certificate_electronic", date(2026, 3, 2)).end == date(2026, 3, 5)
    assert deadline("renewal_notification", date(2026, 3, 2), "madeira").amount == 10


def test_renewal_starts_in_the_second_month_before_the_end_of_the_year():
    # Awarded 10 March 2025: the 12 months end on 9 March 2026, so renewal starts in January 2026.
    result = deadline("renewal_start", date(2025, 3, 10))
    assert result.end == date(2026, 1, 1) and result.unit == "months"
    assert any("janeiro de 2026" in line for line in result.trace)


def test_trace_names_skipped_holidays_in_portuguese():
    result = deadline("missing_documents", date(2026, 12, 22))
    text = " ".join(result.trace)
    assert "25 de dezembro de 2026" in text and "Natal" in text
    assert "7 de janeiro de 2027" in text


def test_psu_notice_for_rsi_deadlines_ending_from_31_december_2026():
    assert any("Prestação Social Única" in n for n in deadline("missing_documents", date(2026, 12, 22)).notices)
    assert deadline("missing_documents", date(2026, 6, 1)).notices == []
    assert deadline("certificate", date(2026, 12, 22)).notices == []


def test_every_kind_has_a_label_and_legal_basis():
    for kind, label in DEADLINE_KINDS.items():
        result = deadline(kind, date(2026, 3, 2))
        assert result.label == label and result.legal_basis and result.trace


@pytest.mark.parametrize("call", [
    lambda: deadline("nope", date(2026, 3, 2)),
    lambda: deadline("certificate", date(2026, 3, 2), "lua"),
    lambda: add_working_days(date(2026, 3, 2), -1),
    lambda: add_days(date(2026, 3, 2), -1),
    lambda: custom_deadline(date(2026, 3, 2), 3, "weeks"),
])
def test_bad_input_is_an_input_error(call):
    with pytest.raises(InputError):
        call()


@settings(max_examples=200, deadline=None)
@given(st.dates(min_value=date(2017, 1, 1), max_value=date(2030, 12, 31)), st.integers(1, 60),
       st.sampled_from(["continente", "acores", "madeira"]))
def test_working_day_deadline_ends_on_a_working_day_after_counting_exactly_n(start, n, region):
    end = add_working_days(start, n, region)
    assert is_working_day(end, region)
    days = [start + timedelta(days=i) for i in range(1, (end - start).days + 1)]
    assert sum(is_working_day(d, region) for d in days) == n
