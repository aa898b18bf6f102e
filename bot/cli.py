"""Command line: ``python -m bot simulate|deadline|documents|requests``.

Output is pt-PT for people, or one JSON object with ``--json``. Any bad input ends
with a single ``erro: ...`` line on stderr and exit status 2, never a traceback.
"""

from __future__ import annotations

import argparse
import importlib
import json
import re
import sys
from collections.abc import Sequence
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any, NoReturn

from bot import calendar, documents
from bot.cleaning import terminal_safe
from bot.closed_sets import Nationality, Region, WorkSituation
from bot.errors import InputError
from bot.format import date_long, date_short, money, month_long, to_cents
from bot.rules import Household, simulate

EXIT_INPUT = 2
MAX_MONEY = Decimal("1000000000")
MAX_PEOPLE = 99
MAX_WORKING_DAYS = 1000
MAX_DAYS = 3650

# argparse speaks English; these are the messages a person can trigger.
_TRANSLATIONS = (
    ("the following arguments are required", "faltam argumentos obrigatórios"),
    ("one of the arguments", "é obrigatório indicar um dos argumentos"),
    (" is required", ""),
    ("not allowed with argument", "não pode ser usado com"),
    ("unrecognized arguments", "argumentos não reconhecidos"),
    ("invalid choice", "opção inválida"),
    ("choose from", "escolha entre"),
    ("expected one argument", "falta o valor"),
    ("ignored explicit argument", "valor não esperado"),
    ("argument ", "argumento "),
)


def _translate(message: str) -> str:
    for english, portuguese in _TRANSLATIONS:
        message = message.replace(english, portuguese)
    return " ".join(message.split())


class Parser(argparse.ArgumentParser):
    """ArgumentParser whose errors become one-line InputErrors (no usage dump)."""

    def error(self, message: str) -> NoReturn:
        raise InputError(_translate(message))


# --- argument types -----------------------------------------------------------

def _money(text: str) -> Decimal:
    raw = text.strip().replace("€", "").strip()
    if raw.count(",") == 1 and "." not in raw:
        raw = raw.replace(",", ".")  # "612,50" as people write it
    try:
        value = Decimal(raw)
    except InvalidOperation:
        raise argparse.ArgumentTypeError(f"valor inválido: {text!r} (exemplo: 612.50)") from None
    if not value.is_finite():
        raise argparse.ArgumentTypeError(f"valor inválido: {text!r} (exemplo: 612.50)")
    if value < 0:
        raise argparse.ArgumentTypeError(f"o valor tem de ser igual ou superior a zero: {text!r}")
    if value > MAX_MONEY:
        raise argparse.ArgumentTypeError(f"valor demasiado alto: {text!r}")
    return to_cents(value)


def _count(minimum: int, maximum: int, what: str):
    def parse(text: str) -> int:
        if not re.fullmatch(r"\s*\d+\s*", text):
            raise argparse.ArgumentTypeError(f"{what} tem de ser um número inteiro: {text!r}")
        value = int(text)
        if not minimum <= value <= maximum:
            raise argparse.ArgumentTypeError(f"{what} tem de estar entre {minimum} e {maximum}: {text!r}")
        return value
    return parse


def _years(text: str) -> Decimal:
    try:
        value = Decimal(text.strip().replace(",", "."))
    except InvalidOperation:
        raise argparse.ArgumentTypeError(f"número de anos inválido: {text!r}") from None
    if not value.is_finite() or value < 0 or value > 150:
        raise argparse.ArgumentTypeError(f"número de anos inválido: {text!r}")
    return value


def _date(text: str) -> date:
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", text.strip()):
        raise argparse.ArgumentTypeError(f"data inválida: {text!r} (use AAAA-MM-DD)")
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        raise argparse.ArgumentTypeError(f"data inexistente: {text!r}") from None


_YES = {"sim", "s", "yes", "y", "true", "1"}
_NO = {"nao", "não", "n", "no", "false", "0"}


def _yes_no(text: str) -> bool:
    value = text.strip().lower()
    if value in _YES:
        return True
    if value in _NO:
        return False
    raise argparse.ArgumentTypeError(f"responda sim ou não: {text!r}")


# --- household options shared by simulate and documents ----------------------

def _add_household(p: argparse.ArgumentParser, date_required: bool) -> None:
    p.add_argument("--date", type=_date, required=date_required,
                   help="data a que se refere a simulação (AAAA-MM-DD)")
    p.add_argument("--adults", type=_count(1, MAX_PEOPLE, "o número de adultos"), required=True,
                   help="adultos do agregado, incluindo o requerente")
    p.add_argument("--minors", type=_count(0, MAX_PEOPLE, "o número de menores"), default=0)
    p.add_argument("--employment-income", type=_money, default=Decimal("0"),
                   help="rendimento mensal do trabalho por conta de outrem, após contribuições (conta 80 %%)")
    p.add_argument("--other-income", type=_money, default=Decimal("0"),
                   help="outros rendimentos mensais (contam 100 %%)")
    p.add_argument("--assets", type=_money, default=Decimal("0"),
                   help="património mobiliário em 31 de dezembro do ano anterior: depósitos, ações, fundos "
                        "(conta como rendimento de capitais o maior entre o recebido e 5 %% deste valor)")
    _add_income_kinds(p)
    p.add_argument("--age", type=_count(0, 150, "a idade"))
    p.add_argument("--nationality", choices=Nationality.values(), default=Nationality.PT.value)
    p.add_argument("--legal-residence-years", type=_years)
    p.add_argument("--refugee", action="store_true")
    p.add_argument("--pregnant", action="store_true")
    p.add_argument("--married-or-union-2y", action="store_true")
    p.add_argument("--has-dependents", action="store_true",
                   help="tem menores ou pessoas com deficiência a cargo")
    p.add_argument("--disability", action="store_true")
    p.add_argument("--variable-income", action="store_true")
    p.add_argument("--already-in-ss-system", action="store_true")
    p.add_argument("--able-to-work", type=_yes_no, help="sim/não")
    p.add_argument("--employment-centre-registered", type=_yes_no, help="sim/não")
    p.add_argument("--work-situation", choices=WorkSituation.values(),
                   help="situação de trabalho do requerente (decide se a inscrição no IEFP é exigida)")
    p.add_argument("--current-beneficiary", action="store_true",
                   help="já recebe o RSI (a partir da PSU: conversão automática, nunca para menos)")
    p.add_argument("--json", action="store_true", help="saída em JSON")


# Income by kind: (option, Household field, help). Amounts are monthly unless the
# help says otherwise; how each counts is in bot/rules/parameters/income.yaml.
_INCOME_OPTIONS: tuple[tuple[str, str, str], ...] = (
    ("--self-employment-income", "self_employment_income",
     "rendimento mensal do trabalho independente (rendimento relevante, após contribuições; conta 80 %%)"),
    ("--pension", "pensions", "pensões mensais: velhice, invalidez, sobrevivência (contam 100 %%)"),
    ("--unemployment-benefit", "unemployment_benefit", "subsídio de desemprego mensal (conta 100 %%)"),
    ("--sickness-benefit", "sickness_benefit", "subsídio de doença mensal (conta 100 %%)"),
    ("--alimony", "alimony", "pensão de alimentos recebida por mês (conta 100 %%)"),
    ("--housing-support", "housing_support", "apoios à habitação regulares, por mês (contam 100 %%)"),
    ("--property-income", "property_income", "rendas recebidas por mês"),
    ("--property-value", "property_value",
     "valor patrimonial dos imóveis que não são a habitação permanente (conta o maior entre as rendas e 5 %% "
     "deste valor por ano)"),
    ("--permanent-home-value", "permanent_home_value",
     "valor patrimonial da habitação permanente (só conta a parte acima de 450 × IAS)"),
    ("--family-allowance", "family_allowance", "abono de família por mês (não conta)"),
    ("--study-grant", "study_grant", "bolsas de estudo por mês (não contam)"),
    ("--disability-benefits", "disability_benefits",
     "prestações por deficiência ou dependência, por mês (não contam)"),
    ("--student-holiday-work", "student_holiday_work",
     "salário de estudante nas férias escolares, por mês (não conta)"),
)


def _add_income_kinds(p: argparse.ArgumentParser) -> None:
    for option, dest, text in _INCOME_OPTIONS:
        p.add_argument(option, dest=dest, type=_money, default=Decimal("0"), help=text)
    # Without a value it keeps its old meaning ("has capital or property income",
    # for the document checklist); with one it is the capital income received last year.
    p.add_argument("--capital-income", type=_money, nargs="?", const=Decimal("0"), default=None,
                   metavar="EUROS_POR_ANO",
                   help="rendimentos de capitais recebidos no ano anterior (juros, dividendos)")


def _income_kinds(args: argparse.Namespace) -> dict[str, Any]:
    kinds: dict[str, Any] = {dest: getattr(args, dest) for _, dest, _ in _INCOME_OPTIONS}
    kinds["capital_income_yearly"] = args.capital_income or Decimal("0")
    kinds["capital_or_property_income"] = (
        args.capital_income is not None or args.property_income > 0 or args.property_value > 0
    )
    return kinds


def _household(args: argparse.Namespace) -> Household:
    return Household(
        adults=args.adults,
        minors=args.minors,
        employment_income=args.employment_income,
        other_income=args.other_income,
        assets=args.assets,
        **_income_kinds(args),
        age=args.age,
        nationality=args.nationality,
        legal_residence_years=args.legal_residence_years,
        refugee=args.refugee,
        pregnant=args.pregnant,
        married_or_union_2y=args.married_or_union_2y,
        has_dependents=args.has_dependents,
        employment_centre_registered=args.employment_centre_registered,
        able_to_work=args.able_to_work,
        work_situation=args.work_situation,
        variable_income=args.variable_income,
        disability=args.disability,
        already_in_ss_system=args.already_in_ss_system,
        current_beneficiary=getattr(args, "current_beneficiary", False) or None,
    )


def _print_json(obj: Any) -> None:
    print(json.dumps(obj, ensure_ascii=False, indent=2))


def _notices(lines: list[str], notices: list[str]) -> None:
    if notices:
        lines.append("Avisos:")
        lines += [f"  - {n}" for n in notices]


# --- commands ----------------------------------------------------------------

def cmd_simulate(args: argparse.Namespace) -> int:
    result = simulate(_household(args), args.date)
    if args.json:
        _print_json(result.to_dict())
        return 0
    # From the PSU transition the estimate is of the Prestação Social Única (feminine in pt-PT).
    of_the = "da PSU (Prestação Social Única)" if result.regime == "psu" else "do RSI"
    to_the = "à PSU" if result.regime == "psu" else "ao RSI"
    lines = [f"Simulação {of_the} a {date_long(args.date)}"]
    if result.eligible:
        lines.append(f"Resultado: valor mensal estimado de {money(result.monthly_amount)}.")
    else:
        lines.append(f"Resultado: sem direito {to_the} com os dados indicados.")
    lines.append("Condições:")
    for c in result.conditions:
        state = "cumprida" if c.passed else "NÃO cumprida"
        lines.append(f"  [{state}] {c.explanation} ({c.legal_basis})")
    lines.append("Cálculo:")
    for i, step in enumerate(result.trace, 1):
        lines.append(f"  {i}. {step.text} ({step.legal_basis})")
    _notices(lines, result.notices)
    print("\n".join(lines))
    return 0


def cmd_deadline(args: argparse.Namespace) -> int:
    # --posted D: the count starts from the day a registered letter posted on D is
    # presumed received (CPA art. 113.º), not from D itself.
    posted = args.posted is not None
    start = args.posted if posted else args.start
    if args.kind is not None:
        result = calendar.deadline(args.kind, start, args.region, letter_posted=posted)
    elif args.working_days is not None:
        result = calendar.custom_deadline(start, args.working_days, "working_days", args.region, posted)
    else:
        result = calendar.custom_deadline(start, args.days, "days", args.region, posted)
    if args.json:
        _print_json(result.to_dict())
        return 0
    when = (month_long(result.end) if result.unit == "months"
            else f"{date_long(result.end)} ({date_short(result.end)})")
    lines = [f"{result.label}: {when}",
             f"Base legal: {result.legal_basis}", "Como se contou:"]
    lines += [f"  - {t}" for t in result.trace]
    _notices(lines, result.notices)
    print("\n".join(lines))
    return 0


def cmd_documents(args: argparse.Namespace) -> int:
    items = documents.checklist(_household(args))
    if args.json:
        _print_json({"documents": [i.to_dict() for i in items]})
        return 0
    lines = ["Documentos para o pedido de RSI:"]
    for n, item in enumerate(items, 1):
        lines.append(f"  {n}. {item.text}")
        lines.append(f"     Quem: {item.who}. Base legal: {item.legal_basis}.")
    print("\n".join(lines))
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = Parser(prog="python -m bot", description="Assistente RSI: simulação, prazos e documentos.")
    sub = parser.add_subparsers(dest="command", metavar="COMANDO")
    sub.required = True

    p = sub.add_parser("simulate", help="estimar o direito e o valor do RSI")
    _add_household(p, date_required=True)
    p.set_defaults(func=cmd_simulate)

    p = sub.add_parser("deadline", help="calcular um prazo")
    when = p.add_mutually_exclusive_group(required=True)
    when.add_argument("--from", dest="start", type=_date, help="data do evento (AAAA-MM-DD)")
    when.add_argument("--posted", type=_date,
                      help="data de registo de uma carta registada (AAAA-MM-DD): conta-se a partir "
                           "do dia em que se presume recebida")
    group = p.add_mutually_exclusive_group(required=True)
    group.add_argument("--working-days", type=_count(0, MAX_WORKING_DAYS, "o número de dias úteis"))
    group.add_argument("--days", type=_count(0, MAX_DAYS, "o número de dias"))
    group.add_argument("--kind", choices=tuple(calendar.DEADLINE_KINDS), metavar="TIPO",
                       help=", ".join(calendar.DEADLINE_KINDS))
    p.add_argument("--region", choices=Region.values(), default=Region.CONTINENTE.value)
    p.add_argument("--json", action="store_true", help="saída em JSON")
    p.set_defaults(func=cmd_deadline)

    p = sub.add_parser("documents", help="lista de documentos a entregar")
    _add_household(p, date_required=False)
    p.set_defaults(func=cmd_documents)

    try:
        store_cli = importlib.import_module("bot.store.cli")
    except ModuleNotFoundError as exc:
        # Only tolerate the store package being absent, not a broken import inside it.
        if exc.name not in ("bot.store", "bot.store.cli"):
            raise
    else:
        store_cli.add_parser(sub)
    return parser


def _store_unavailable() -> tuple[type[BaseException], ...]:
    try:
        errors = importlib.import_module("bot.store.errors")
    except ModuleNotFoundError:
        return ()
    return (errors.StoreUnavailable,)


def _fail(message: str, status: int) -> int:
    # One line, and escape sequences from the command line ("argumentos não
    # reconhecidos: <raw text>") shown escaped, never run by the terminal.
    print(f"erro: {terminal_safe(' '.join(str(message).split()))}", file=sys.stderr)
    return status


def main(argv: Sequence[str] | None = None) -> int:
    try:
        args = build_parser().parse_args(argv)
        return int(args.func(args) or 0)
    except InputError as exc:
        return _fail(str(exc), EXIT_INPUT)
    except _store_unavailable() as exc:
        return _fail(f"base de dados indisponível ({type(exc).__name__})", 1)
    except KeyboardInterrupt:
        return 130
    except Exception as exc:  # noqa: BLE001 - the CLI promises no tracebacks
        return _fail(f"falha interna inesperada ({type(exc).__name__})", 1)
