"""Every legal figure says where it was checked (issue 9, legal correctness).

The rules here follow docs/legal-sources.md: a value marked ``verified`` was read in a
public copy of the law, so it must name the instrument and the page where it was read;
figures checked against the law on 2026-12-01 keep the status they were given.
"""

from __future__ import annotations

from datetime import date

import pytest

from bot.rules import parameters

CHECKED = date(2026, 12, 1)


def _all_values() -> list[parameters.Param]:
    out = []
    for name in parameters.names():
        series = parameters._series(name)  # the dated values, not only the one in force
        out.extend(series.values)
    return out


def test_every_verified_value_names_its_instrument_and_where_it_was_read() -> None:
    missing = [
        (p.name, p.effective.isoformat())
        for p in _all_values()
        if p.status == "verified" and (p.reference is None and not p.source and "Portaria n.º 257/2012" not in p.legal_basis)
    ]
    # Portaria n.º 257/2012 figures were read in the project's seed of the republished text.
    assert missing == []


def test_every_reference_link_is_an_address() -> None:
    bad = [p.name for p in _all_values() if p.reference and p.reference.link and not p.reference.link.startswith("http")]
    assert bad == []


@pytest.mark.parametrize(
    "name",
    [
        "deadline.certificate",
        "deadline.certificate_electronic",
        "counting.rules",
        "counting.calendar_over_months",
        "rsi_reference_value",
    ],
)
def test_figures_read_in_the_law_on_the_check_date_are_verified(name: str) -> None:
    assert parameters.get(name, CHECKED).status == "verified"


def test_cpa_counting_and_certificates_link_the_consolidated_code() -> None:
    for name in ("deadline.certificate", "counting.rules"):
        ref = parameters.get(name, CHECKED).reference
        assert ref is not None and ref.link and "legislacao-consolidada" in ref.link


def test_decision_deadline_2015_wording_verified_later_wording_not() -> None:
    # CPA art. 128.º: 90 days read in the 2015 wording; amended by Lei n.º 72/2020 for
    # procedures started after 1 December 2020, that wording not read.
    before = parameters.get("application.decision_deadline", date(2020, 11, 30))
    after = parameters.get("application.decision_deadline", date(2020, 12, 1))
    assert (before.value, before.status) == (90, "verified")
    assert after.status == "unverified" and "72/2020" in after.legal_basis


def test_rsi_reference_value_2026_cites_its_portaria() -> None:
    rsi = parameters.get("rsi_reference_value", date(2026, 1, 1))
    assert str(rsi.value) == "247.56"
    assert rsi.reference is not None and rsi.reference.title.startswith("Portaria n.º 71/2026/1")
    # 2025 stays as it was (Portaria n.º 39/2025/1), one day before.
    assert str(parameters.get("rsi_reference_value", date(2025, 12, 31)).value) == "242.23"


@pytest.mark.parametrize(
    "name",
    [
        # Not found in a primary text on the check date: they must keep saying so.
        "deadline.prior_hearing",
        "deadline.complaint",
        "deadline.hierarchical_appeal",
        "deadline.registered_letter",
        "vehicle_limit_ias_multiple",
        "psu_transition_date",
        "psu.reference_share_of_ias",
        "psu.minimum_payment",
        "ias",
    ],
)
def test_figures_not_found_in_the_law_stay_unverified(name: str) -> None:
    assert parameters.latest(name).status == "unverified"
