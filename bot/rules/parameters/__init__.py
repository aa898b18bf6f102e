"""Dated legal parameters loaded from the YAML files next to this module.

Each parameter is a list of values keyed by the date from which they apply, each
with its legal source. ``get(name, on)`` answers "which value applied on this day".

Optional keys (older files need none of them): ``unit`` on a parameter (what the
number measures: ``share``, ``euros_per_month``...), and on a value ``status``
(``verified`` when the wording was read in a public copy of the law,
``unverified`` when only a secondary source was found) and ``source`` (the public
page where it was read). A value without ``status`` inherits the parameter's.
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
            values = tuple(
                sorted(
                    (
                        Param(
                            name=name,
                            value=_convert(kind, item["value"], name),
                            effective=item["effective"],
                            legal_basis=item["legal_basis"],
                            unit=unit,
                            status=_status(item.get("status", default_status), name),
                            source=item.get("source"),
                        )
                        for item in spec["values"]
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
