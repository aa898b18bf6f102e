"""Loads a trained model Rasa's way and the fast way (bot.serving.rasa_speedups), parses
every sentence of the NLU test split with each, and prints whether the results are equal.

Usage: python scripts/compare_model_load.py MODEL [NLU_FILE]
Prints one JSON line: {"sentences": N, "different": K, "load_s": {...}}; exit 0 if equal,
1 if not, 2 on bad arguments.
"""

from __future__ import annotations

import asyncio
import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


async def parse_all(model: str, texts: list[str]) -> tuple[float, list[dict]]:
    from rasa.core.agent import load_agent

    started = time.perf_counter()
    agent = await load_agent(model_path=model)
    load_s = time.perf_counter() - started
    results = []
    for text in texts:
        parsed = await agent.parse_message(text)
        results.append({
            "intents": [(i["name"], i["confidence"]) for i in parsed["intent_ranking"]],
            "faq": parsed.get("response_selector", {}).get("faq", {}).get("ranking", []),
        })
    return load_s, results


async def main_async(model: str, nlu_file: str) -> int:
    from rasa.shared.nlu.training_data.loading import load_data

    from bot.serving import rasa_speedups

    texts = [example.get("text") for example in load_data(nlu_file).intent_examples]
    rasa_s, rasa_results = await parse_all(model, texts)
    rasa_speedups.install()
    fast_s, fast_results = await parse_all(model, texts)
    different = sum(a != b for a, b in zip(rasa_results, fast_results, strict=True))
    print(json.dumps({"sentences": len(texts), "different": different,
                      "load_s": {"rasa": round(rasa_s, 1), "fast": round(fast_s, 1)}}))
    return 0 if different == 0 else 1


def main() -> int:
    if len(sys.argv) not in (2, 3) or not Path(sys.argv[1]).is_file():
        print("erro: uso: compare_model_load.py MODELO [FICHEIRO_NLU]", file=sys.stderr)
        return 2
    nlu_file = sys.argv[2] if len(sys.argv) == 3 else str(ROOT / "tests" / "nlu" / "test_nlu.yml")
    return asyncio.run(main_async(sys.argv[1], nlu_file))


if __name__ == "__main__":
    sys.exit(main())
