"""Terminal chat with the running assistant over the REST channel (`make chat`)."""

from __future__ import annotations

import argparse
import sys
import uuid

import requests


def main() -> int:
    parser = argparse.ArgumentParser(description="Conversar com o assistente no terminal.")
    parser.add_argument("--url", default="http://127.0.0.1:5005", help="endereço do servidor Rasa")
    args = parser.parse_args()
    sender = f"terminal-{uuid.uuid4().hex[:8]}"
    endpoint = f"{args.url.rstrip('/')}/webhooks/rest/webhook"
    print("Escreva a sua mensagem (ou «/sair» para terminar).")
    while True:
        try:
            text = input("você> ").strip()
        except (EOFError, KeyboardInterrupt):
            print()
            return 0
        if not text:
            continue
        if text in {"/sair", "/quit", "/exit"}:
            return 0
        try:
            response = requests.post(endpoint, json={"sender": sender, "message": text}, timeout=60)
            response.raise_for_status()
        except requests.RequestException:
            print(f"erro: o assistente não está a responder em {args.url} (está a correr 'make run'?)",
                  file=sys.stderr)
            return 2
        replies = response.json()
        if not replies:
            print("assistente> (sem resposta — o servidor de ações pode estar em baixo)")
        for reply in replies:
            if "text" in reply:
                print(f"assistente> {reply['text']}")
            for button in reply.get("buttons", []):
                print(f"   [{button.get('title')}]")
    return 0


if __name__ == "__main__":
    sys.exit(main())
