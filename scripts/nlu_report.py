"""Prints intent accuracy and macro-F1 from `rasa test nlu` results; fails below a floor."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("results", type=Path)
    parser.add_argument("--min-accuracy", type=float, default=0.95)
    args = parser.parse_args()
    report = json.loads((args.results / "intent_report.json").read_text(encoding="utf-8"))
    accuracy = report["accuracy"]
    macro_f1 = report["macro avg"]["f1-score"]
    print(f"intenções: exatidão {accuracy:.3f}, F1 macro {macro_f1:.3f}")
    worst = sorted(
        (name, v["f1-score"]) for name, v in report.items() if isinstance(v, dict) and "support" in v
        and name not in {"macro avg", "weighted avg", "micro avg"}
    )
    for name, f1 in sorted(worst, key=lambda x: x[1])[:5]:
        print(f"  F1 {f1:.3f}  {name}")
    selector = args.results / "response_selection_report.json"
    if selector.exists():
        rs = json.loads(selector.read_text(encoding="utf-8"))
        print(f"FAQ (response selector): exatidão {rs.get('accuracy', float('nan')):.3f}")
    if accuracy < args.min_accuracy:
        print(f"erro: exatidão {accuracy:.3f} abaixo do mínimo {args.min_accuracy}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
