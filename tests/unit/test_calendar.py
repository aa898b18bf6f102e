"""Working-day deadlines (CPA art. 87.º) with national and regional holidays."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.calendar import (
    DEADLINE_KINDS,
    LOCAL_DAYS_NOTICE,
    add_days,
    add_working_days,
    custom_deadline,
    deadline,
    is_working_day,
    local_days_notice,
    received_on,
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


def _psu(result) -> bool:
    return any("Prestação Social Única" in n for n in result.notices)


def test_psu_notice_for_rsi_deadlines_ending_from_31_december_2026():
    assert _psu(deadline("missing_documents", date(2026, 12, 22)))
    assert not _psu(deadline("missing_documents", date(2026, 6, 1)))
    assert not _psu(deadline("certificate", date(2026, 12, 22)))


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


# --------------------------------------------------------------------------- issue 9
# Deadlines citizens meet: golden cases in tests/cases/deadlines_cpa.yaml.

CPA_CASES = Path(__file__).resolve().parents[1] / "cases" / "deadlines_cpa.yaml"
NEW_KINDS = ("prior_hearing", "complaint", "hierarchical_appeal", "report_changes",
             "insertion_contract", "registered_letter")


def _cpa_cases():
    doc = yaml.safe_load(CPA_CASES.read_text(encoding="utf-8"))
    assert doc["type"] == "deadlines"
    return [pytest.param(case, id=case["name"]) for case in doc["cases"]]


def test_every_new_kind_has_golden_cases():
    kinds = {case.values[0]["kind"] for case in _cpa_cases()}
    assert set(NEW_KINDS) <= kinds
    assert len(_cpa_cases()) >= 15


@pytest.mark.parametrize("case", _cpa_cases())
def test_cpa_golden_case(case):
    posted = "posted" in case
    start = case["posted"] if posted else case["from"]
    region = case.get("region", "continente")
    expect = case["expect"]
    if "error" in expect:
        with pytest.raises(InputError, match=expect["error"]):
            deadline(case["kind"], start, region, letter_posted=posted)
        return
    data = deadline(case["kind"], start, region, letter_posted=posted).to_dict()
    for key in ("end", "start", "posted"):
        if key in expect:
            assert data[key] == expect[key].isoformat(), key
    for key in ("amount", "unit", "status"):
        if key in expect:
            assert data[key] == expect[key], key
    trace, notices = " ".join(data["trace"]), " ".join(data["notices"])
    for text in expect.get("trace_include", []):
        assert text in trace
    for text in expect.get("trace_exclude", []):
        assert text not in trace
    for text in expect.get("notices_include", []):
        assert text in notices
    for text in expect.get("notices_exclude", []):
        assert text not in notices


# Lei n.º 72/2020 changed CPA art. 113.º, n.º 1 from this day (bot/rules/parameters/deadlines.yaml).
LEI_72_2020 = date(2020, 11, 17)


def test_registered_letter_is_presumed_received_on_the_third_working_day():
    # CPA art. 113.º, n.º 1 (Lei n.º 72/2020): the 3rd working day after the registration.
    assert received_on(date(2026, 3, 5)) == date(2026, 3, 10)  # Thu -> Fri 6, Mon 9, Tue 10
    assert received_on(date(2026, 3, 4)) == date(2026, 3, 9)  # Wed -> Thu 5, Fri 6, Mon 9
    assert received_on(date(2026, 3, 3)) == date(2026, 3, 6)  # Tue -> Wed, Thu, Fri 6
    assert received_on(date(2026, 4, 30)) == date(2026, 5, 6)  # [Fri 1 May] Mon 4, Tue 5, Wed 6
    assert received_on(date(2026, 6, 7)) == date(2026, 6, 11)  # Mon 8, Tue 9, [10 June], Thu 11


def test_before_lei_72_2020_the_third_day_counted_in_calendar_days():
    # The 2015 wording: the 3rd day, moved to the next working day when closed.
    assert received_on(date(2019, 3, 7)) == date(2019, 3, 11)  # Thu + 3 = Sun 10 -> Mon 11
    assert received_on(date(2020, 11, 12)) == date(2020, 11, 16)  # Thu + 3 = Sun 15 -> Mon 16
    assert received_on(date(2020, 11, 19)) == date(2020, 11, 24)  # Thu -> Fri 20, Mon 23, Tue 24
    # At the change: the day before it, the old rule; on it, the new one.
    assert received_on(date(2020, 11, 16)) == date(2020, 11, 19)  # Mon + 3 = Thu 19
    assert received_on(date(2020, 11, 17)) == date(2020, 11, 20)  # Wed 18, Thu 19, Fri 20


def test_registered_letter_uses_regional_holidays():
    # Posted Friday 22 May 2026; Monday 25 May is the Dia da Região in the Azores.
    assert received_on(date(2026, 5, 22)) == date(2026, 5, 27)  # Mon 25, Tue 26, Wed 27
    assert received_on(date(2026, 5, 22), "acores") == date(2026, 5, 28)  # [25], 26, 27, 28


def test_posted_letter_shifts_the_start_of_every_deadline():
    from_posting = deadline("missing_documents", date(2026, 3, 5), letter_posted=True)
    from_receipt = deadline("missing_documents", date(2026, 3, 10))
    # received Tue 10 Mar; then 11-13, 16-20, 23, 24 Mar
    assert from_posting.end == from_receipt.end == date(2026, 3, 24)
    assert from_posting.posted == date(2026, 3, 5) and from_posting.start == date(2026, 3, 10)
    assert from_receipt.posted is None
    assert any("a carta presume-se recebida" in line.lower() for line in from_posting.trace)


def test_registered_letter_kind_ignores_the_posted_flag():
    # The kind's own start is already the posting date: never shifted twice.
    assert deadline("registered_letter", date(2026, 3, 5), letter_posted=True).end == date(2026, 3, 10)


def test_custom_deadline_from_a_posted_letter():
    result = custom_deadline(date(2026, 12, 22), 5, "working_days", letter_posted=True)
    assert result.start == date(2026, 12, 28) and result.end == date(2027, 1, 5)
    assert result.trace[0].startswith("A carta foi registada a 22 de dezembro de 2026")


def test_local_days_notice_names_the_usual_days_off_only_on_weekdays():
    plain = LOCAL_DAYS_NOTICE.format(examples="")
    assert local_days_notice(date(2026, 3, 3), date(2026, 3, 20)) == plain
    christmas = local_days_notice(date(2026, 12, 23), date(2027, 1, 7))
    assert "Véspera de Natal, 24 de dezembro de 2026" in christmas
    assert "Véspera de Ano Novo, 31 de dezembro de 2026" in christmas
    assert "26 de dezembro" not in christmas  # a Saturday in 2026
    assert "Carnaval, 17 de fevereiro de 2026" in local_days_notice(date(2026, 2, 16), date(2026, 2, 20))
    # 26 December 2025 (Friday) is a day off on the mainland, a holiday in Madeira.
    assert "26 de dezembro de 2025" in local_days_notice(date(2025, 12, 26), date(2025, 12, 26))
    assert local_days_notice(date(2025, 12, 26), date(2025, 12, 26), "madeira") == plain


def test_the_local_days_notice_is_said_once_for_every_working_day_count():
    for kind in DEADLINE_KINDS:
        result = deadline(kind, date(2026, 3, 2))
        said = [n for n in result.notices if n.startswith("Feriados municipais")]
        assert len(said) == (0 if result.unit == "months" else 1), kind
    assert len(custom_deadline(date(2026, 3, 2), 3, "working_days").notices) == 1


def test_new_kinds_are_marked_unverified_and_guia_figures_say_so():
    for kind in NEW_KINDS:
        assert deadline(kind, date(2026, 3, 2)).status == "unverified", kind
    assert deadline("missing_documents", date(2026, 3, 2)).to_dict()["status"] == "verified"
    assert "segundo o Guia Prático" in deadline("report_changes", date(2026, 3, 2)).trace[0]


def test_prior_hearing_says_the_letter_may_give_more_days():
    assert any("se for maior" in line for line in deadline("prior_hearing", date(2026, 3, 2)).trace)


@settings(max_examples=200, deadline=None)
@given(st.dates(min_value=date(2016, 1, 1), max_value=date(2030, 12, 31)),
       st.sampled_from(["continente", "acores", "madeira"]))
def test_a_letter_is_presumed_received_on_a_working_day_at_least_three_days_later(posted, region):
    received = received_on(posted, region)
    assert is_working_day(received, region)
    assert received >= posted + timedelta(days=3)
    if posted >= LEI_72_2020:
        # Exactly three working days in (posted, received].
        days = [posted + timedelta(days=k) for k in range(1, (received - posted).days + 1)]
        assert sum(is_working_day(d, region) for d in days) == 3
    else:
        # Never later than needed: every day between the 3rd day and the receipt is closed.
        day = posted + timedelta(days=3)
        while day < received:
            assert not is_working_day(day, region)
            day += timedelta(days=1)
