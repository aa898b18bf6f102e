"""Prints intent accuracy and macro-F1 from `rasa test nlu` results; fails below a floor."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("results", type=Path)
    parser.add_argument("--min-accuracy", type=float, default=0.97)
    parser.add_argument("--min-intent-f1", type=float, default=0.90)
    parser.add_argument("--min-faq-accuracy", type=float, default=0.97)
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
    errors = []
    selector = args.results / "response_selection_report.json"
    if not selector.exists():
        errors.append("falta o relatório do seletor de respostas (FAQ)")
    else:
        rs = json.loads(selector.read_text(encoding="utf-8"))
        faq_accuracy = rs.get("accuracy", 0.0)
        print(f"FAQ (response selector): exatidão {faq_accuracy:.3f}")
        if faq_accuracy < args.min_faq_accuracy:
            errors.append(f"exatidão das FAQ {faq_accuracy:.3f} abaixo de {args.min_faq_accuracy}")
    if accuracy < args.min_accuracy:
        errors.append(f"exatidão {accuracy:.3f} abaixo do mínimo {args.min_accuracy}")
    for name, f1 in worst:
        if f1 < args.min_intent_f1:
            errors.append(f"F1 de {name} {f1:.3f} abaixo de {args.min_intent_f1}")
    for error in errors:
        print(f"erro: {error}", file=sys.stderr)
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
