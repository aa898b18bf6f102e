"""Terminal chat with the running assistant over the REST channel (`make chat`).

With `--staff` it talks to the front-desk channel (`/webhooks/staff/webhook`),
which needs the staff token: `--token`, or env `STAFF_TOKEN`.
"""

from __future__ import annotations

import argparse
import os
import sys
import uuid

import requests


def main() -> int:
    parser = argparse.ArgumentParser(description="Conversar com o assistente no terminal.")
    parser.add_argument("--url", default="http://127.0.0.1:5005", help="endereço do servidor Rasa")
    parser.add_argument("--staff", action="store_true",
                        help="modo de atendimento ao balcão (canal staff, base legal sempre visível)")
    parser.add_argument("--token", help="token do canal staff (por omissão, a variável STAFF_TOKEN)")
    args = parser.parse_args()
    sender = str(uuid.uuid4())
    headers: dict[str, str] = {}
    if args.staff:
        token = (args.token or os.environ.get("STAFF_TOKEN", "")).strip()
        if not token:
            print("erro: o modo --staff precisa de um token (--token ou a variável STAFF_TOKEN)",
                  file=sys.stderr)
            return 2
        headers["Authorization"] = f"Bearer {token}"
    channel = "staff" if args.staff else "rest"
    endpoint = f"{args.url.rstrip('/')}/webhooks/{channel}/webhook"
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
            response = requests.post(
                endpoint, json={"sender": sender, "message": text}, headers=headers, timeout=60
            )
        except requests.RequestException:
            response = None
        if response is not None and response.status_code == 401:
            print("erro: o canal staff recusou o token (confirme STAFF_TOKEN no servidor e aqui)",
                  file=sys.stderr)
            return 2
        if response is None or not response.ok:
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
