"""This commit's benchmark figures beside a baseline commit's, as ratios.

scripts/bench.sh runs scripts/bench.py against each commit's own servers, one
after the other, and hands the figures it wrote (--json) to this script, which
prints one table: metric, baseline, now, the ratio and the target of issue 12
with whether today's figure meets it. Without a baseline (--no-base) the table
has this commit's column and the targets only.

    bench_compare.py --now NOW.json --now-rev SHA [--base BASE.json --base-rev SHA]
                     [--train-now SECONDS --train-base SECONDS]
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

# Figures as bench.py writes them: latencies in seconds, memory in MB.
Figures = dict


@dataclass(frozen=True)
class Metric:
    label: str
    unit: str
    get: Callable[[Figures], float | None]
    scale: float = 1.0          # shown value = figure × scale (seconds → ms)
    decimals: int = 0
    lower_is_better: bool = True
    # Target of issue 12 on today's figure: (text, test(now, base)); None when the issue sets none.
    target: tuple[str, Callable[[float, float | None], bool | None]] | None = None


def _at(*keys: str) -> Callable[[Figures], float | None]:
    def get(figures: Figures) -> float | None:
        value = figures
        for key in keys:
            if not isinstance(value, dict) or key not in value:
                return None
            value = value[key]
        return float(value)
    return get


def _errors(figures: Figures) -> float | None:
    parts = [figures.get(k, {}).get("errors") for k in ("single", "multi")]
    return None if all(p is None for p in parts) else float(sum(p or 0 for p in parts))


def _at_most(limit: float) -> Callable[[float, float | None], bool | None]:
    return lambda now, base: now <= limit


def _times_base(factor: float) -> Callable[[float, float | None], bool | None]:
    # Relative to the baseline's figure ("today's" when the issue was written).
    return lambda now, base: None if not base else now >= factor * base


METRICS: list[Metric] = [
    Metric("arranque até à 1.ª resposta", "s", _at("startup"), decimals=1,
           target=("≤ 15 s", _at_most(15))),
    Metric("/model/parse p50", "ms", _at("parse", "p50"), 1000),
    Metric("/model/parse p95", "ms", _at("parse", "p95"), 1000),
    Metric("1 conversa: turno p50", "ms", _at("single", "p50"), 1000,
           target=("≤ 40 ms", _at_most(0.040))),
    Metric("1 conversa: turno p95", "ms", _at("single", "p95"), 1000,
           target=("≤ 80 ms", _at_most(0.080))),
    Metric("1 conversa: turno p99", "ms", _at("single", "p99"), 1000),
    Metric("1 conversa: turnos/s", "/s", _at("single", "rate"), decimals=1, lower_is_better=False),
    Metric("20 conversas: turnos/s", "/s", _at("multi", "rate"), decimals=1, lower_is_better=False,
           target=("≥ 3× a base", _times_base(3))),
    Metric("20 conversas: turno p50", "ms", _at("multi", "p50"), 1000),
    Metric("20 conversas: turno p95", "ms", _at("multi", "p95"), 1000,
           target=("≤ 1000 ms", _at_most(1.0))),
    Metric("20 conversas: turno p99", "ms", _at("multi", "p99"), 1000),
    Metric("respostas vazias/erros", "", _errors),
    Metric("memória do servidor Rasa", "MB", _at("rss_rasa"),
           target=("≤ 900 MB", _at_most(900))),
    Metric("memória do servidor de ações", "MB", _at("rss_actions")),
]
TRAINING = Metric("treino (sem cache)", "s", _at("training"), target=("≤ 120 s", _at_most(120)))


def number(value: float, decimals: int) -> str:
    """Portuguese decimal comma: 12.5 -> «12,5»."""
    return f"{value:.{decimals}f}".replace(".", ",")


def shown(metric: Metric, value: float | None) -> str:
    if value is None:
        return "—"
    text = number(value * metric.scale, metric.decimals)
    return f"{text} {metric.unit}".rstrip()


def ratio(metric: Metric, base: float | None, now: float | None) -> str:
    """now/base for costs (lower is better), the speed-up now/base for rates (higher is better)."""
    if base is None or now is None or base == 0:
        return "—"
    value = round(now / base, 2)  # the verdict follows the figure shown: ×1,00 is «igual»
    if metric.lower_is_better:
        verdict = "melhor" if value < 1 else "pior" if value > 1 else "igual"
        return f"×{number(value, 2)} ({verdict}; menor é melhor)"
    verdict = "melhor" if value > 1 else "pior" if value < 1 else "igual"
    return f"{number(value, 2)}× mais depressa ({verdict}; maior é melhor)"


def target(metric: Metric, base: float | None, now: float | None) -> str:
    if metric.target is None:
        return "—"
    text, test = metric.target
    met = None if now is None else test(now, base)
    return f"{text}: " + ("?" if met is None else "cumprido" if met else "NÃO cumprido")


def table(now: Figures, now_rev: str, base: Figures | None = None, base_rev: str = "") -> str:
    """The comparison as aligned text columns."""
    metrics = METRICS + ([TRAINING] if "training" in now or (base and "training" in base) else [])
    header = ["métrica"] + ([f"base {base_rev}"] if base is not None else []) + [f"agora {now_rev}"]
    header += (["agora/base"] if base is not None else []) + ["meta (issue 12)"]
    rows = [header]
    for metric in metrics:
        value_now = metric.get(now)
        value_base = metric.get(base) if base is not None else None
        row = [metric.label]
        if base is not None:
            row.append(shown(metric, value_base))
        row.append(shown(metric, value_now))
        if base is not None:
            row.append(ratio(metric, value_base, value_now))
        row.append(target(metric, value_base, value_now))
        rows.append(row)
    widths = [max(len(r[i]) for r in rows) for i in range(len(header))]
    numeric = {i for i in range(1, len(header) - 1)} - ({len(header) - 2} if base is not None else set())
    lines = []
    for n, row in enumerate(rows):
        cells = [c.rjust(widths[i]) if i in numeric else c.ljust(widths[i]) for i, c in enumerate(row)]
        lines.append(" | ".join(cells).rstrip())
        if n == 0:
            lines.append("-+-".join("-" * w for w in widths))
    return "\n".join(lines)


class BadFigures(Exception):
    """A figures file that cannot be read (the message is the one line to print)."""


def _load(path: Path) -> Figures:
    try:
        figures = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise BadFigures(f"não consigo ler os números de {path} ({exc.__class__.__name__})") from exc
    if not isinstance(figures, dict):
        raise BadFigures(f"{path} não tem os números do benchmark")
    return figures


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # one line and status 2, not argparse's usage block
        print(f"erro: {message}", file=sys.stderr)
        raise SystemExit(2)


def main(argv: list[str] | None = None) -> int:
    parser = _Parser(description=__doc__)
    parser.add_argument("--now", type=Path, required=True)
    parser.add_argument("--now-rev", required=True)
    parser.add_argument("--base", type=Path)
    parser.add_argument("--base-rev", default="base")
    parser.add_argument("--train-now", type=float)
    parser.add_argument("--train-base", type=float)
    args = parser.parse_args(argv)
    try:
        now = _load(args.now)
        base = _load(args.base) if args.base else None
    except BadFigures as exc:
        print(f"erro: {exc}", file=sys.stderr)
        return 2
    if args.train_now is not None:
        now["training"] = args.train_now
    if base is not None and args.train_base is not None:
        base["training"] = args.train_base
    print(table(now, args.now_rev, base, args.base_rev))
    return 0


if __name__ == "__main__":
    sys.exit(main())
