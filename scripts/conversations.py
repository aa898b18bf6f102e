"""Plays a conversation file against running servers and prints the pass rate.

    .venv/bin/python scripts/conversations.py tests/conversations/heldout.yml \
        --url http://127.0.0.1:5005 [--show-failures]

The API token comes from RASA_AUTH_TOKEN or var/auth_token, never the command line.

Used for the held-out set, which is never tuned against (make test plays
tuning.yml through pytest).
"""

from __future__ import annotations

import argparse
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "tests" / "e2e")]

from conversation_runner import load, play  # noqa: E402

from bot.serving.settings import secret  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("file", type=Path)
    parser.add_argument("--url", required=True)
    parser.add_argument("--show-failures", action="store_true")
    parser.add_argument("--workers", type=int, default=4)
    args = parser.parse_args()
    conversations = load(args.file.name)
    token = secret("RASA_AUTH_TOKEN")

    def run(conv: dict) -> tuple[str, str | None]:
        try:
            play(conv, args.url, token)
            return conv["id"], None
        except AssertionError as error:
            return conv["id"], str(error)
        except Exception as error:  # noqa: BLE001 - a crash is a failure of that conversation
            return conv["id"], f"{type(error).__name__}: {error}"

    with ThreadPoolExecutor(args.workers) as pool:
        results = list(pool.map(run, conversations))
    failed = [(cid, err) for cid, err in results if err]
    passed = len(results) - len(failed)
    print(f"{args.file.name}: {passed}/{len(results)} conversations passed ({passed / len(results):.0%})")
    for cid, err in failed:
        first = err.splitlines()[0] if err else ""
        print(f"  ✗ {cid}: {first}")
        if args.show_failures:
            print("\n".join("      " + line for line in err.splitlines()[1:]))
    return 0 if not failed else 1


if __name__ == "__main__":
    sys.exit(main())
