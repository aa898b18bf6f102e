"""The held-out NLU split measures generalisation only if none of its
utterances is also a training example."""

from __future__ import annotations

from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[2]


def _examples(path: Path) -> dict[str, str]:
    found: dict[str, str] = {}
    for block in yaml.safe_load(path.read_text(encoding="utf-8")).get("nlu", []):
        for line in (block.get("examples") or "").splitlines():
            if line.strip().startswith("- "):
                found[line.strip()[2:].strip().lower()] = block["intent"]
    return found


def test_no_test_utterance_is_trained_on():
    train: dict[str, str] = {}
    for path in sorted((ROOT / "data" / "nlu").glob("*.yml")):
        train.update(_examples(path))
    test = _examples(ROOT / "tests" / "nlu" / "test_nlu.yml")
    assert not set(test) & set(train)


def test_every_intent_and_faq_answer_is_in_the_test_split():
    domain = yaml.safe_load((ROOT / "domain.yml").read_text(encoding="utf-8"))
    tested = set(_examples(ROOT / "tests" / "nlu" / "test_nlu.yml").values())
    faq = {name[len("utter_"):] for name in domain["responses"] if name.startswith("utter_faq/")}
    missing = (set(domain["intents"]) - {"faq", "inform", "stop"} | faq) - tested
    assert not missing, f"no held-out examples for {sorted(missing)}"
