"""``python -m bot requests ...``: the staff commands of the request store.

    requests list [--status S] [--year Y] [--json | --csv FILE | --format table|json|csv]
    requests show NUMBER [--json]
    requests set-status NUMBER STATUS [--note TEXT]
    requests purge [--older-than-days N] [--dry-run]
    requests purge-conversations [--older-than-days N] [--dry-run]
    requests erase --nif NIF

Bad input raises ``bot.errors.InputError`` (the main CLI prints one line and
exits 2). When the database cannot be used the command prints one
``erro: ...`` line and returns 3, so scripts can tell "retry later" from
"fix the command".

Stored values are shown through ``bot.cleaning``: ``terminal_safe`` on the
terminal (an escape sequence in an old row cannot clear the staff screen),
``csv_safe`` in CSV (no live spreadsheet formula, no NUL), and JSON with
invisible characters written as JSON escapes.
"""

from __future__ import annotations

import argparse
import csv
import json
import sys
import unicodedata
from typing import IO, Any

from bot.cleaning import csv_safe, terminal_safe
from bot.closed_sets import RequestStatus
from bot.errors import InputError
from bot.identifiers import mask_nif
from bot.store.errors import RequestNotFound, StoreUnavailable
from bot.store.requests import STATUS_LABELS, CertificateRequest, RequestRepository, retention_days

EXIT_STORE_UNAVAILABLE = 3
# Characters escaped in JSON output (not the indentation's line breaks): control, format (bidi, zero-width),
# surrogate, private use, unassigned, line/paragraph separators.
_JSON_ESCAPED_CATEGORIES = frozenset({"Cc", "Cf", "Cs", "Co", "Cn", "Zl", "Zp"})

CSV_FIELDS = (
    "number", "created_at", "document_type", "details", "documents_attached", "requester_name", "nif", "niss",
    "delivery", "email", "postal_address", "channel", "region", "electronic", "status",
    "expected_issue_date",
)


def _repository() -> RequestRepository:
    return RequestRepository.from_env()


def _store_command(handler):  # noqa: ANN001, ANN202 - small decorator
    """Run ``handler(args, repository)``; a database failure -> one line, exit 3."""

    def run(args: argparse.Namespace) -> int:
        try:
            return handler(args, _repository())
        except StoreUnavailable as error:
            print(f"erro: {error}", file=sys.stderr)
            return EXIT_STORE_UNAVAILABLE
        except RequestNotFound as error:
            raise InputError(str(error)) from None

    return run


STATUSES = RequestStatus.values()


def _status(text: str) -> str:
    if text not in STATUSES:
        raise InputError(f"estado desconhecido: {text!r}; use um de: {', '.join(STATUSES)}")
    return text


def _positive_int(label: str, minimum: int = 0):  # noqa: ANN202
    def convert(text: str) -> int:
        if not text.strip().isdigit() or int(text) < minimum:
            raise InputError(f"{label} inválido: {text!r}")
        return int(text)

    return convert


# ------------------------------------------------------------------ output

def _table(requests: list[CertificateRequest], out: IO[str]) -> None:
    if not requests:
        print("nenhum pedido", file=out)
        return
    header = ("número", "data", "documento", "estado", "emissão até", "NIF", "canal")
    rows = [
        (
            r.number,
            r.created_at_local.strftime("%d/%m/%Y %H:%M"),
            r.document_type,
            r.status,
            r.expected_issue_date.strftime("%d/%m/%Y"),
            mask_nif(r.nif),
            r.channel,
        )
        for r in requests
    ]
    rows = [tuple(terminal_safe(cell) for cell in row) for row in rows]
    widths = [max(len(str(row[i])) for row in (header, *rows)) for i in range(len(header))]
    for row in (header, *rows):
        print("  ".join(str(cell).ljust(width) for cell, width in zip(row, widths, strict=True)).rstrip(), file=out)


def _csv(requests: list[CertificateRequest], out: IO[str]) -> None:
    writer = csv.DictWriter(out, fieldnames=CSV_FIELDS, extrasaction="ignore", lineterminator="\n")
    writer.writeheader()
    for request in requests:
        writer.writerow({key: csv_safe(value) for key, value in request.to_dict().items()
                         if key in CSV_FIELDS})


def _json_escape(ch: str) -> str:
    """The JSON escape of one character ("\\u202e"; a surrogate pair beyond the BMP)."""
    return json.dumps(ch, ensure_ascii=True)[1:-1]


def _json(data: Any) -> None:
    # ensure_ascii=False keeps accents readable; invisible characters can only
    # be inside JSON strings, where a \uXXXX escape means the same.
    # json.dumps escapes C0 controls inside strings itself; "\n" outside them
    # is the indentation's. DEL, C1 controls and the rest are escaped here.
    text = json.dumps(data, ensure_ascii=False, indent=2)
    print("".join(_json_escape(ch) if ch != "\n" and unicodedata.category(ch) in _JSON_ESCAPED_CATEGORIES
                  else ch for ch in text))


def _show(request: CertificateRequest) -> None:
    safe = terminal_safe
    lines = [
        f"Pedido {safe(request.number)} ({request.status_label})",
        f"  registado em: {request.created_at_local.strftime('%d/%m/%Y %H:%M')} (hora de Lisboa)",
        f"  documento: {request.document_label} ({request.documents_attached} documento(s) junto(s))",
        f"  detalhes: {safe(request.details) if request.details else '—'}",
        f"  requerente: {safe(request.requester_name)}, NIF {safe(request.nif)}"
        + (f", NISS {safe(request.niss)}" if request.niss else ""),
        "  entrega: "
        + (f"por e-mail ({safe(request.email)})" if request.delivery == "email"
           else f"por correio ({safe(request.postal_address)})"),
        f"  canal: {safe(request.channel)}; região: {safe(request.region)}",
        f"  emissão prevista até: {request.expected_issue_date.strftime('%d/%m/%Y')}"
        + (" (via eletrónica)" if request.electronic else ""),
        "  histórico:",
    ]
    for change in request.history:
        note = f" — {safe(change.note)}" if change.note else ""
        lines.append(
            f"    {change.at.astimezone(request.created_at_local.tzinfo).strftime('%d/%m/%Y %H:%M')}"
            f"  {STATUS_LABELS[change.status]}{note}"
        )
    print("\n".join(lines))


# ------------------------------------------------------------------ commands

@_store_command
def cmd_list(args: argparse.Namespace, repository: RequestRepository) -> int:
    requests = repository.list(status=args.status, year=args.year)
    output = "json" if args.json else args.format
    if args.csv:
        try:
            with open(args.csv, "w", encoding="utf-8", newline="") as handle:
                _csv(requests, handle)
        except OSError as error:
            raise InputError(f"não foi possível escrever {args.csv}: {error.strerror}") from None
        print(f"{len(requests)} pedido(s) exportado(s) para {args.csv}")
    elif output == "json":
        _json([r.to_dict() for r in requests])
    elif output == "csv":
        _csv(requests, sys.stdout)
    else:
        _table(requests, sys.stdout)
    return 0


@_store_command
def cmd_show(args: argparse.Namespace, repository: RequestRepository) -> int:
    request = repository.get(args.number)
    if args.json:
        _json(request.to_dict())
    else:
        _show(request)
    return 0


@_store_command
def cmd_set_status(args: argparse.Namespace, repository: RequestRepository) -> int:
    before = repository.get(args.number).status
    request = repository.set_status(args.number, args.status, note=args.note)
    print(f"pedido {request.number}: {STATUS_LABELS[before]} -> {request.status_label}")
    return 0


@_store_command
def cmd_purge(args: argparse.Namespace, repository: RequestRepository) -> int:
    days = retention_days() if args.older_than_days is None else args.older_than_days
    count = repository.purge(older_than_days=days, dry_run=args.dry_run)
    verb = "seriam apagados" if args.dry_run else "apagados"
    print(f"{count} pedido(s) com mais de {days} dias {verb}")
    return 0


def cmd_purge_conversations(args: argparse.Namespace) -> int:
    """The conversations' events older than the retention period (bot.store.conversations)."""
    from bot.store.conversations import conversations_engine, purge_conversations

    days = retention_days() if args.older_than_days is None else args.older_than_days
    engine = conversations_engine()
    try:
        count = purge_conversations(engine, older_than_days=days, dry_run=args.dry_run)
    except StoreUnavailable as error:
        print(f"erro: {error}", file=sys.stderr)
        return EXIT_STORE_UNAVAILABLE
    finally:
        engine.dispose()
    verb = "seriam apagados" if args.dry_run else "apagados"
    print(f"{count} evento(s) de conversas com mais de {days} dias {verb}")
    return 0


@_store_command
def cmd_erase(args: argparse.Namespace, repository: RequestRepository) -> int:
    count = repository.erase_by_nif(args.nif)
    print(f"{count} pedido(s) apagado(s) para o NIF {mask_nif(args.nif)}")
    return 0


def add_parser(subparsers: argparse._SubParsersAction) -> argparse.ArgumentParser:
    """Add ``requests`` and its sub-commands to the main CLI."""
    parser = subparsers.add_parser("requests", help="pedidos de certidão (uso dos serviços)")
    sub = parser.add_subparsers(dest="requests_command", metavar="AÇÃO")
    sub.required = True

    p = sub.add_parser("list", help="listar pedidos")
    p.add_argument("--status", type=_status, help=", ".join(STATUSES))
    p.add_argument("--year", type=_positive_int("ano", 1900))
    formats = p.add_mutually_exclusive_group()
    formats.add_argument("--json", action="store_true", help="saída em JSON")
    formats.add_argument("--csv", metavar="FICHEIRO", help="exportar para um ficheiro CSV")
    formats.add_argument("--format", choices=("table", "json", "csv"), default="table")
    p.set_defaults(func=cmd_list)

    p = sub.add_parser("show", help="mostrar um pedido")
    p.add_argument("number", metavar="NÚMERO", help="por exemplo 2026/000042")
    p.add_argument("--json", action="store_true", help="saída em JSON")
    p.set_defaults(func=cmd_show)

    p = sub.add_parser("set-status", help="mudar o estado de um pedido")
    p.add_argument("number", metavar="NÚMERO")
    p.add_argument("status", metavar="ESTADO", type=_status, help=", ".join(STATUSES))
    p.add_argument("--note", help="nota interna (sem dados pessoais)")
    p.set_defaults(func=cmd_set_status)

    p = sub.add_parser("purge", help="apagar pedidos mais antigos do que o prazo de conservação")
    p.add_argument("--older-than-days", type=_positive_int("número de dias"),
                   help="por omissão RSI_RETENTION_DAYS ou 365")
    p.add_argument("--dry-run", action="store_true", help="só contar, sem apagar")
    p.set_defaults(func=cmd_purge)

    p = sub.add_parser("purge-conversations",
                       help="apagar conversas mais antigas do que o prazo de conservação")
    p.add_argument("--older-than-days", type=_positive_int("número de dias"),
                   help="por omissão RSI_RETENTION_DAYS ou 365")
    p.add_argument("--dry-run", action="store_true", help="só contar, sem apagar")
    p.set_defaults(func=cmd_purge_conversations)

    p = sub.add_parser("erase", help="apagar todos os pedidos de um NIF (direito ao apagamento)")
    p.add_argument("--nif", required=True)
    p.set_defaults(func=cmd_erase)
    return parser
