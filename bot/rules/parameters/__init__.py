"""Dated legal parameters loaded from the YAML files next to this module.

Each parameter is a list of values keyed by the date from which they apply, each
with its legal source. ``get(name, on)`` answers "which value applied on this day".

Optional keys (older files need none of them): ``unit`` on a parameter (what the
number measures: ``share``, ``euros_per_month``...), and on a value ``status``
(``verified`` when the wording was read in a public copy of the law,
``unverified`` when only a secondary source was found) and ``source`` (the public
page where it was read). A value without ``status`` inherits the parameter's.
``reference`` (on a parameter or a value, the value's wins) is the instrument as
fields: ``title``, and optionally ``article``, ``date`` and ``link`` (the official
text, where public); a value with a ``reference`` may leave out ``legal_basis``,
which is then made from it ("Lei n.º 13/2003, art. 6.º").
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date
from decimal import Decimal
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from bot.errors import InputError
from bot.format import date_long

_DIR = Path(__file__).parent


@dataclass(frozen=True)
class Reference:
    """Where a figure is written: ``title`` is the instrument ("Lei n.º 13/2003, de 21 de maio")."""

    title: str
    article: str | None = None
    date: date | None = None
    link: str | None = None

    def citation(self) -> str:
        return f"{self.title}, {self.article}" if self.article else self.title


@dataclass(frozen=True)
class Param:
    name: str
    value: Any
    effective: date
    legal_basis: str
    # True when ``on`` is past the period the data is known to cover: the latest
    # value is returned and callers tell the person it may be outdated.
    extrapolated: bool = False
    unit: str | None = None
    status: str | None = None
    source: str | None = None
    reference: Reference | None = None


@dataclass(frozen=True)
class _Series:
    name: str
    description: str
    values: tuple[Param, ...]
    known_until: date | None
    unit: str | None = None


STATUSES = ("verified", "unverified")


def _status(raw: Any, name: str) -> str | None:
    if raw is not None and raw not in STATUSES:
        raise ValueError(f"{name}: status must be one of {STATUSES}, got {raw!r}")
    return raw


_REFERENCE_FIELDS = frozenset({"title", "article", "date", "link"})


def _reference(raw: Any, name: str) -> Reference | None:
    if raw is None:
        return None
    if not isinstance(raw, dict) or not raw.get("title") or set(raw) - _REFERENCE_FIELDS:
        raise ValueError(f"{name}: reference needs a title and only {sorted(_REFERENCE_FIELDS)}, got {raw!r}")
    when = raw.get("date")
    if when is not None and not isinstance(when, date):
        raise ValueError(f"{name}: reference date must be a date, got {when!r}")
    return Reference(raw["title"], raw.get("article"), when, raw.get("link"))


def _legal_basis(item: dict[str, Any], reference: Reference | None, name: str) -> str:
    if item.get("legal_basis"):
        return str(item["legal_basis"])
    if reference is None:
        raise ValueError(f"{name}: a value needs a legal_basis or a reference")
    return reference.citation()


def _convert(kind: str, raw: Any, name: str) -> Any:
    if kind == "decimal":
        return Decimal(str(raw))
    if kind == "int":
        return int(raw)
    if kind == "date":
        if not isinstance(raw, date):
            raise ValueError(f"{name}: expected a date, got {raw!r}")
        return raw
    if kind in ("text", "mapping"):
        return raw
    raise ValueError(f"{name}: unknown parameter type {kind!r}")


@lru_cache(maxsize=1)
def _load() -> dict[str, _Series]:
    series: dict[str, _Series] = {}
    for path in sorted(_DIR.glob("*.yaml")):
        doc = yaml.safe_load(path.read_text(encoding="utf-8"))
        for name, spec in doc["parameters"].items():
            if name in series:
                raise ValueError(f"parameter {name} defined twice ({path.name})")
            kind = spec["type"]
            unit = spec.get("unit")
            default_status = _status(spec.get("status"), name)
            default_reference = spec.get("reference")
            values = tuple(
                sorted(
                    (
                        Param(
                            name=name,
                            value=_convert(kind, item["value"], name),
                            effective=item["effective"],
                            legal_basis=_legal_basis(item, reference, name),
                            # A dated value may change the unit itself (CPA art. 113.º:
                            # calendar days, then working days from Lei n.º 72/2020).
                            unit=item.get("unit", unit),
                            status=_status(item.get("status", default_status), name),
                            source=item.get("source"),
                            reference=reference,
                        )
                        for item in spec["values"]
                        for reference in [_reference(item.get("reference", default_reference), name)]
                    ),
                    key=lambda p: p.effective,
                )
            )
            series[name] = _Series(name, spec["description"], values, spec.get("known_until"), unit)
    return series


def names() -> list[str]:
    """All parameter names, for listings and tests."""
    return sorted(_load())


def description(name: str) -> str:
    return _series(name).description


def unit(name: str) -> str | None:
    return _series(name).unit


def _series(name: str) -> _Series:
    try:
        return _load()[name]
    except KeyError:
        raise KeyError(f"unknown parameter {name!r}") from None


def get(name: str, on: date) -> Param:
    """The value of ``name`` in force on ``on``.

    Raises InputError for a date before the first known value (no data, not a guess).
    """
    series = _series(name)
    first = series.values[0]
    if on < first.effective:
        raise InputError(
            f"não há dados para {date_long(on)}: os valores conhecidos começam a {date_long(first.effective)}"
        )
    current = first
    for param in series.values:
        if param.effective <= on:
            current = param
    if series.known_until is not None and on > series.known_until:
        return replace(current, extrapolated=True)
    return current


def latest(name: str) -> Param:
    """The most recent value, whatever the date (for facts such as a transition date)."""
    return _series(name).values[-1]


def known_until(name: str) -> date | None:
    return _series(name).known_until
