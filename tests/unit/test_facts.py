"""read_facts: every fact a citizen states in one message (bot/parsing/facts.py).

Written from the specification (the module docstring of ``bot.parsing.facts``),
not from the code. The messages are written the way people really write to the
chatbot or say it to the microphone: no accents, no punctuation, typos, numbers
in words, Brazilian and informal phrasing.

Each table row is ``(text, asking, expected, absent)``:

- ``expected``: slot -> value that must be read. ``Either(...)`` lists the
  values that are acceptable, ``None`` meaning "not read" (used where a slot
  may or may not be read but must never take a wrong value, e.g. an age must
  never become a number of adults).
- ``absent``: slots that must NOT be read from this message.

Every call passes ``on=ON`` so that the minimum wage (920,00 € gross in 2026,
Decreto-Lei n.º 139/2025, 11 % worker contribution -> 818,80 € net) and
"desde 2023" do not depend on the day the tests run.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

try:
    from bot.parsing.facts import Fact, Facts, read_facts
except ImportError as _error:  # the implementation is still being written
    _IMPORT_ERROR = _error
    Fact = Facts = None

    def read_facts(text, asking=None, on=None):
        pytest.fail(f"bot.parsing.facts.read_facts is not importable yet: {_IMPORT_ERROR}")


D = Decimal
ON = date(2026, 12, 1)

MIN_WAGE_NET = D("818.80")  # 920,00 € gross - 11 %

SLOTS = {
    "adults", "minors", "household_size", "applicant_age", "is_adult",
    "legal_residence_years", "employment_income", "other_income", "assets",
    "nationality", "refugee", "region", "age_exception", "employment_centre_registered",
}
MONEY = {"employment_income", "other_income", "assets"}
PEOPLE = ("adults", "minors", "household_size")
AGE = ("applicant_age", "is_adult")


class Either:
    """Any of these values is acceptable; ``None`` means the slot is not read."""

    def __init__(self, *values):
        self.values = values

    def __repr__(self):
        return f"Either{self.values!r}"


def row(text, asking, expected, absent=()):
    return pytest.param(text, asking, expected, tuple(absent), id=f"{asking or '-'}|{text}")


def check(text, asking, expected, absent):
    facts = read_facts(text, asking=asking, on=ON)
    read = facts.slots()
    got_all = {slot: facts.get(slot) for slot in read}
    for slot, want in expected.items():
        got = facts.get(slot)
        if isinstance(want, Either):
            assert any(
                (got is None) if v is None else (got is not None and got == v and type(got) is type(v))
                for v in want.values
            ), f"{slot}: got {got!r}, want one of {want.values!r}; read {got_all!r}"
            continue
        assert slot in read, f"{slot} not read (want {want!r}); read {got_all!r}"
        assert got == want, f"{slot}: got {got!r}, want {want!r}; read {got_all!r}"
        # bool is an int subclass: is_adult must be a bool, adults an int, money a Decimal
        assert type(got) is type(want), f"{slot}: got type {type(got).__name__}, want {type(want).__name__}"
        if slot in MONEY:
            assert got.as_tuple().exponent == -2, f"{slot}: {got!r} is not quantized to cents"
    for slot in absent:
        assert slot not in read, f"{slot} must not be read, got {facts.get(slot)!r}; read {got_all!r}"
        assert facts.get(slot) is None
    return facts


# =============================================================== 1. households

HOUSEHOLDS = [
    row("vivo sozinha", None, {"adults": 1, "minors": 0}),
    row("moro so eu", None, {"adults": 1, "minors": 0}),
    row("nao tenho filhos e vivo sozinho", None, {"adults": 1, "minors": 0}),
    row("eu e os meus dois filhos", None, {"adults": 1, "minors": 2}),
    row("eu o meu marido e dois filhos", None, {"adults": 2, "minors": 2}),  # no commas
    row("eu e o meu marido e 2 filho", None, {"adults": 2, "minors": 2}),  # "filho" after 2
    row("moro com o meu marido e os meus 2 filhos", None, {"adults": 2, "minors": 2}),
    row("casal com 3 filhos", None, {"adults": 2, "minors": 3}),
    row("somos um casal com tres filhos", None, {"adults": 2, "minors": 3}),
    # the 19-year-old son is an adult; nobody under 18 is mentioned
    row("eu a minha mae e o meu filho de 19 anos", None,
        {"adults": 3, "minors": Either(None, 0)}, AGE),
    # The speaker writes about the children she has; the expected reading is
    # that she lives with them: the speaker and the 20-year-old daughter are 2
    # adults, the 15-year-old son is 1 minor. Neither age is the speaker's.
    row("tenho uma filha de 20 anos e um filho de 15", None,
        {"adults": 2, "minors": 1}, AGE + ("household_size",)),
    row("somos 4", None, {"household_size": 4}, ("adults", "minors")),
    row("somos quatro", None, {"household_size": 4}, ("adults", "minors")),
    row("somos seis pessoas", None, {"household_size": 6}, ("adults", "minors")),
    row("somos cinco ca em casa", None, {"household_size": 5}, ("adults", "minors")),
    row("moro com os meus pais", None, {"adults": 3, "minors": Either(None, 0)}),
    row("vivo com os meus avos", None, {"adults": 3, "minors": Either(None, 0)}),
    # grandparents bringing up grandchildren
    row("sou avo e vivo com os meus dois netos", None, {"adults": 1, "minors": 2}),
    row("eu e o meu marido criamos os nossos 3 netos", None, {"adults": 2, "minors": 3}),
    row("vivo com a minha mulher e os nossos dois netos", None, {"adults": 2, "minors": 2}),
    row("moro com a minha avo e o meu irmao de doze anos", None,
        {"adults": 2, "minors": 1}, AGE),
    # feminine number words
    row("eu e duas criancas", None, {"adults": 1, "minors": 2}),
    row("eu e as minhas duas filhas", None, {"adults": 1, "minors": 2}),
    row("vivo com as minhas duas meninas", None, {"adults": 1, "minors": 2}),
    row("eu o meu companheiro e uma crianca", None, {"adults": 2, "minors": 1}),
    # "sozinha" here means without a partner, not without the children
    row("sou mae sozinha com tres criancas", None, {"adults": 1, "minors": 3}),
    row("vivo sozinho com o meu filho de 10 anos", None, {"adults": 1, "minors": 1}, AGE),
    row("somos 3 adultos e 2 criancas", None, {"adults": 3, "minors": 2}),
    row("dois adultos e tres criancas", None, {"adults": 2, "minors": 3}),
    row("eu mais os meus 3 filhos", None, {"adults": 1, "minors": 3}),
    row("eu mais o meu homem e 2 criancas", None, {"adults": 2, "minors": 2}),
    row("vivo com a minha filha de 20 anos", None, {"adults": 2}, AGE),
    row("a minha filha tem 20 anos e ainda vive comigo", None, {"adults": 2}, AGE),
    row("vivo com o meu filho de 16 anos", None, {"adults": 1, "minors": 1}, AGE),
    row("eu e a minha companheira e um bebe de oito meses", None,
        {"adults": 2, "minors": 1}, AGE + ("legal_residence_years",)),
    row("vivo com o meu namorado", None, {"adults": 2, "minors": Either(None, 0)}),
    # the husband is gone: he is not counted
    row("preciso de ajuda tenho 3 filhos e o meu marido foi embora", None,
        {"minors": 3, "adults": Either(None, 1)}),
    row("o meu marido faleceu e fiquei com os meus dois filhos", None,
        {"minors": 2, "adults": Either(None, 1)}),
    # Brazilian / informal
    row("moro com meu esposo e nossos dois filhos", None, {"adults": 2, "minors": 2}),
    row("eu meu marido e meus 3 filho", None, {"adults": 2, "minors": 3}),
    row("a gente e em quatro eu meu marido e dois filho", None, {"adults": 2, "minors": 2}),
    # asking="adults": a bare number or a short list answers it
    row("2", "adults", {"adults": 2}, ("minors", "household_size")),
    row("dois", "adults", {"adults": 2}, ("minors", "household_size")),
    row("so eu", "adults", {"adults": 1}),
    row("só eu", "adults", {"adults": 1}),
    row("eu e ele", "adults", {"adults": 2}),
    row("eu e a minha esposa", "adults", {"adults": 2}),
    row("tres adultos", "adults", {"adults": 3}),
    row("eu e o meu marido e dois filhos", "adults", {"adults": 2, "minors": 2}),
    # asking="minors"
    row("nenhum", "minors", {"minors": 0}, ("adults", "household_size")),
    row("dois", "minors", {"minors": 2}, ("adults", "household_size")),
    row("duas", "minors", {"minors": 2}, ("adults", "household_size")),
    row("uma", "minors", {"minors": 1}, ("adults", "household_size")),
    row("3", "minors", {"minors": 3}, ("adults", "household_size")),
    row("nao tenho filhos", "minors", {"minors": 0}, ("adults",)),
    row("mais nenhum", "minors", {"minors": 0}, ("adults",)),
    row("nenhuma crianca", "minors", {"minors": 0}, ("adults",)),
    row("so uma menina", "minors", {"minors": 1}, ("adults",)),
    # alone "with" an age or an income is still alone; "with" a person is not
    row("vivo sozinha com 70 anos", None, {"adults": 1, "minors": 0, "applicant_age": 70}),
    row("moro sozinho com a minha reforma", None, {"adults": 1, "minors": 0}),
    row("estou sozinha com uma pensao pequena", None, {"adults": 1, "minors": 0}),
    row("vivo sozinha com o meu neto", None, {"adults": 1, "minors": 1}),
    row("vivo sozinho com a minha mae", None, {"adults": 2}),
    row("vivo so com 2 filhos", None, {"adults": 1, "minors": 2}),
    # "só eu trabalho" says who earns, not that the speaker lives alone
    row("vivo com a minha mulher e o nosso filho de 3 anos, so eu trabalho e ganho 600 euros", None,
        {"adults": 2, "minors": 1, "employment_income": D("600")}),
    row("eu o meu marido e os 2 miudos, apenas eu e que recebo salario", None, {"adults": 2, "minors": 2}),
    # the count of adults said is the total: the people named after it are inside it
    row("somos 3 adultos, eu o meu marido e a nossa filha de 20 anos", None, {"adults": 3}),
    row("somos tres adultos eu o meu marido e a minha sogra", None, {"adults": 3}),
    # asked about the children, "temos uma filha" says nothing about the adults
    row("temos uma filha de 6 anos", "minors", {"minors": 1}, ("adults",)),
    row("tenho 2 filhos", "minors", {"minors": 2}, ("adults",)),
]


@pytest.mark.parametrize("text, asking, expected, absent", HOUSEHOLDS)
def test_households(text, asking, expected, absent):
    check(text, asking, expected, absent)


# ====================================================== 2. ages and durations

RESIDENCE_ONLY = PEOPLE + AGE + ("nationality",)

AGES_AND_DURATIONS = [
    row("tenho 17 anos e estou gravida", None,
        {"applicant_age": 17, "is_adult": False, "age_exception": "pregnant"},
        PEOPLE + ("legal_residence_years",)),
    row("estou gravida de 5 meses e tenho 17 anos", None,
        {"applicant_age": 17, "is_adult": False, "age_exception": "pregnant"},
        PEOPLE + ("legal_residence_years",)),
    row("tenho 45 anos e vivo sozinho", None,
        {"applicant_age": 45, "is_adult": True, "adults": 1, "minors": 0},
        ("legal_residence_years",)),
    row("tenho 19 anos", None, {"applicant_age": 19, "is_adult": True}, PEOPLE),
    row("tenho 18 anos", None, {"applicant_age": 18, "is_adult": True}, PEOPLE),
    row("fiz 18 anos em maio", None, {"applicant_age": 18, "is_adult": True},
        PEOPLE + ("legal_residence_years",)),
    row("tenho 17 anos e sou casada", None,
        {"applicant_age": 17, "is_adult": False, "age_exception": "union"}, PEOPLE),
    row("tenho 30 anos e dois filhos", None,
        {"applicant_age": 30, "is_adult": True, "minors": 2, "adults": Either(None, 1)}),
    row("eu tenho 40 anos o meu filho tem 12", None,
        {"applicant_age": 40, "is_adult": True, "adults": Either(None, 1),
         "minors": Either(None, 1)}),
    # somebody else's age is not the applicant's
    row("o meu marido tem 50 anos", None, {"adults": Either(None, 2)}, AGE + ("minors",)),
    row("o meu filho tem 3 anos", None, {"minors": Either(None, 1), "adults": Either(None, 1)},
        AGE + ("legal_residence_years", "household_size")),
    row("tenho um filho de 3 anos", None, {"minors": 1}, AGE + ("legal_residence_years",)),
    # durations: residence time, never people
    row("estou em portugal ha 3 anos", None, {"legal_residence_years": D("3")}, RESIDENCE_ONLY),
    row("vivo ca ha 8 meses", None, {"legal_residence_years": D("0.67")}, RESIDENCE_ONLY),
    row("vivo em portugal ha seis meses", None, {"legal_residence_years": D("0.50")},
        RESIDENCE_ONLY),
    row("ha 5 anos que vivo em portugal", None, {"legal_residence_years": D("5")},
        RESIDENCE_ONLY),
    row("tenho residencia ha um ano e meio", None, {"legal_residence_years": D("1.50")},
        RESIDENCE_ONLY),
    row("tenho autorizacao de residencia desde 2023", None, {"legal_residence_years": D("3")},
        RESIDENCE_ONLY),
    row("cheguei a portugal em 2024", None, {"legal_residence_years": D("2")}, RESIDENCE_ONLY),
    row("moro aqui faz 2 anos", None, {"legal_residence_years": D("2")}, PEOPLE + AGE),
    # durations that are not residence
    row("estou desempregada ha 2 anos", None, {},
        PEOPLE + AGE + ("legal_residence_years",)),
    row("estou casada ha 10 anos", None, {"adults": Either(None, 2)},
        ("minors", "household_size") + AGE + ("legal_residence_years",)),
    row("trabalho ha 3 anos na mesma empresa", None, {},
        PEOPLE + AGE + ("legal_residence_years",)),
    # with asking
    row("tenho 17 anos", "is_adult", {"applicant_age": 17, "is_adult": False}, PEOPLE),
    # "com N anos" after words about the speaker is the speaker's age; after someone else, not
    row("sou viuva com 58 anos", None, {"applicant_age": 58}),
    row("eu com 67 anos e o meu marido", None, {"applicant_age": 67}),
    row("moro com a minha mae com 80 anos", None, {}, AGE),
    row("tenho um filho com 5 anos", None, {}, AGE),

    row("3 anos", "legal_residence_years", {"legal_residence_years": D("3")}, PEOPLE + AGE),
    row("8 meses", "legal_residence_years", {"legal_residence_years": D("0.67")}, PEOPLE + AGE),
    row("desde 2020", "legal_residence_years", {"legal_residence_years": D("6")}, PEOPLE + AGE),
    row("ha um ano", "legal_residence_years", {"legal_residence_years": D("1")}, PEOPLE + AGE),
    row("dois anos e meio", "legal_residence_years", {"legal_residence_years": D("2.50")},
        PEOPLE + AGE),
]


@pytest.mark.parametrize("text, asking, expected, absent", AGES_AND_DURATIONS)
def test_ages_and_durations(text, asking, expected, absent):
    check(text, asking, expected, absent)


# ==================================================================== 3. money

NOT_OTHER_MONEY = ("other_income", "assets")

MONEY_CASES = [
    row("ganho 600 euros", None, {"employment_income": D("600.00")},
        NOT_OTHER_MONEY + PEOPLE),
    row("ganho 600 euro", None, {"employment_income": D("600.00")}, NOT_OTHER_MONEY),
    row("ganho 850€ por mes", None, {"employment_income": D("850.00")}, NOT_OTHER_MONEY),
    row("o meu marido ganha 650", None, {"employment_income": D("650.00")}, NOT_OTHER_MONEY),
    row("meu marido ganha 700 euros", None, {"employment_income": D("700.00")}, NOT_OTHER_MONEY),
    row("meu esposo ganha 1500", None, {"employment_income": D("1500.00")}, NOT_OTHER_MONEY),
    row("meu esposo ganha uns mil e cem", None, {"employment_income": D("1100.00")},
        NOT_OTHER_MONEY),
    # several wages are added
    row("eu ganho 400 e o meu marido 550", None, {"employment_income": D("950.00")},
        NOT_OTHER_MONEY),
    # minimum wage of 2026: 920,00 € gross -> 818,80 € net
    row("ganho o ordenado minimo", None, {"employment_income": MIN_WAGE_NET}, NOT_OTHER_MONEY),
    row("ganho o salario minimo", None, {"employment_income": MIN_WAGE_NET}, NOT_OTHER_MONEY),
    row("ganhamos os dois o salario minimo", None, {"employment_income": D("1637.60")},
        NOT_OTHER_MONEY),
    row("ganho 600 euros e o meu marido ganha o salario minimo", None,
        {"employment_income": D("1418.80")}, NOT_OTHER_MONEY),
    row("a gente vive com um salario minimo so", None, {"employment_income": MIN_WAGE_NET},
        NOT_OTHER_MONEY),
    # formats and words
    row("ganho 1.250,50 €", None, {"employment_income": D("1250.50")}, NOT_OTHER_MONEY),
    row("ganho 1.250,50 € liquidos", None, {"employment_income": D("1250.50")}, NOT_OTHER_MONEY),
    row("o salario do meu marido e 900 liquidos", None, {"employment_income": D("900.00")},
        NOT_OTHER_MONEY),
    row("ganho mil e duzentos euros", None, {"employment_income": D("1200.00")}, NOT_OTHER_MONEY),
    row("ganho uns 300 por mes a fazer limpezas", None, {"employment_income": D("300.00")},
        NOT_OTHER_MONEY),
    # gross wages lose the worker's 11 %
    row("ganho 1000 brutos", None, {"employment_income": D("890.00")}, NOT_OTHER_MONEY),
    row("ganho 1000 euros brutos por mes", None, {"employment_income": D("890.00")},
        NOT_OTHER_MONEY),
    row("ganho 920 brutos", None, {"employment_income": MIN_WAGE_NET}, NOT_OTHER_MONEY),
    row("ganho 1000 brutos e o meu marido 700 liquidos", None,
        {"employment_income": D("1590.00")}, NOT_OTHER_MONEY),
    # periods become months
    row("ganho 12000 por ano", None, {"employment_income": D("1000.00")}, NOT_OTHER_MONEY),
    row("ganho 9000 por ano", None, {"employment_income": D("750.00")}, NOT_OTHER_MONEY),
    row("ganho 150 por semana", None, {"employment_income": D("650.00")}, NOT_OTHER_MONEY),
    row("ganho 50 por semana", None, {"employment_income": D("216.67")}, NOT_OTHER_MONEY),
    row("ganho 600 por mes e o meu marido 200 por semana", None,
        {"employment_income": D("1466.67")}, NOT_OTHER_MONEY),
    # other income: pensions, benefits, maintenance
    row("recebo 300 de pensao", None, {"other_income": D("300.00")},
        ("employment_income", "assets")),
    row("a minha mae tem uma reforma de 320", None, {"other_income": D("320.00")},
        ("employment_income", "assets")),
    row("recebo 450 de subsidio de desemprego", None, {"other_income": D("450.00")},
        ("employment_income", "assets")),
    row("recebo 150 de pensao de alimentos", None, {"other_income": D("150.00")},
        ("employment_income", "assets")),
    row("eu recebo 250 de pensao e o meu marido 400 de reforma", None,
        {"other_income": D("650.00")}, ("employment_income", "assets")),
    # assets
    row("tenho 2000 no banco", None, {"assets": D("2000.00")},
        ("employment_income", "other_income") + PEOPLE),
    row("temos uns 500 euros de poupancas", None, {"assets": D("500.00")},
        ("employment_income", "other_income")),
    row("tenho mil euros na conta", None, {"assets": D("1000.00")},
        ("employment_income", "other_income")),
    row("a gente tem uns 300 guardado", None, {"assets": D("300.00")},
        ("employment_income", "other_income")),
    # wages, pensions and savings in one message are kept apart
    row("eu ganho 650 e a minha mae recebe 300 de reforma", None,
        {"employment_income": D("650.00"), "other_income": D("300.00")}, ("assets",)),
    row("o meu marido ganha 800 e eu tenho uma pensao de invalidez de 250", None,
        {"employment_income": D("800.00"), "other_income": D("250.00")}, ("assets",)),
    row("ganho 650 euros e tenho 1500 de poupancas", None,
        {"employment_income": D("650.00"), "assets": D("1500.00")}, ("other_income",)),
    row("recebo 320 de reforma e tenho 800 no banco", None,
        {"other_income": D("320.00"), "assets": D("800.00")}, ("employment_income",)),
    # amounts next to people: neither is the other
    row("somos 2 e ganhamos 1200", None,
        {"household_size": 2, "employment_income": D("1200.00")}, ("adults", "minors")),
    row("tenho 2 filhos e ganho 600 euros", None,
        {"minors": 2, "employment_income": D("600.00"), "adults": Either(None, 1)}),
    row("o meu filho de 19 anos ganha 700", None, {"employment_income": D("700.00")}, AGE),
    # bare answers with asking
    row("600", "employment_income", {"employment_income": D("600.00")}, NOT_OTHER_MONEY + PEOPLE),
    row("mil e duzentos euros", "employment_income", {"employment_income": D("1200.00")},
        NOT_OTHER_MONEY),
    row("seiscentos e cinquenta", "employment_income", {"employment_income": D("650.00")},
        NOT_OTHER_MONEY),
    row("1.250,50 €", "employment_income", {"employment_income": D("1250.50")}, NOT_OTHER_MONEY),
    row("1000 brutos", "employment_income", {"employment_income": D("890.00")}, NOT_OTHER_MONEY),
    row("o salario minimo", "employment_income", {"employment_income": MIN_WAGE_NET},
        NOT_OTHER_MONEY),
    row("12 mil por ano", "employment_income", {"employment_income": D("1000.00")},
        NOT_OTHER_MONEY),
    row("eu 400 e ele 550", "employment_income", {"employment_income": D("950.00")},
        NOT_OTHER_MONEY),
    row("eu ganho 600 e o meu pai recebe 380 de reforma", "employment_income",
        {"employment_income": D("600.00"), "other_income": D("380.00")}, ("assets",)),
    row("300", "other_income", {"other_income": D("300.00")}, ("employment_income", "assets")),
    row("uns 2 mil", "assets", {"assets": D("2000.00")}, ("employment_income", "other_income")),
]


@pytest.mark.parametrize("text, asking, expected, absent", MONEY_CASES)
def test_money(text, asking, expected, absent):
    check(text, asking, expected, absent)


# ======================================== 4. negative and minimal answers

ZERO = D("0.00")

NEGATIVE_ANSWERS = [
    # employment_income
    *[row(text, "employment_income", {"employment_income": ZERO}, NOT_OTHER_MONEY + PEOPLE)
      for text in ("nada", "ninguem ca em casa trabalha", "estou desempregada", "nao trabalho",
                   "zero", "nenhum", "0", "0 euros", "ninguem trabalha", "nao ganho nada",
                   "tô desempregada", "ta todo mundo desempregado", "nenhum de nos trabalha",
                   "nao temos salario nenhum")],
    # "os dois" may or may not be read as two adults; the wages are 0 either way
    row("estamos os dois desempregados", "employment_income", {"employment_income": ZERO},
        NOT_OTHER_MONEY + ("minors",)),
    # other_income
    *[row(text, "other_income", {"other_income": ZERO}, ("employment_income", "assets"))
      for text in ("mais nada", "e so isso", "é só isso", "so isso", "nenhuns", "zero",
                   "nao recebemos mais nada", "nao", "nada", "nao temos outros rendimentos",
                   "nao recebo pensao nenhuma")],
    # assets
    *[row(text, "assets", {"assets": ZERO}, ("employment_income", "other_income"))
      for text in ("nada", "nao temos nada no banco", "zero euros", "nenhumas",
                   "nao tenho poupancas", "a conta ta a zero", "nem um tostao",
                   "a gente nao tem nada guardado", "nao")],
    # stated explicitly, so read even without a question
    row("ninguem ca em casa trabalha", None, {"employment_income": ZERO}, NOT_OTHER_MONEY),
    row("nao tenho poupancas nenhumas", None, {"assets": ZERO},
        ("employment_income", "other_income")),
]


@pytest.mark.parametrize("text, asking, expected, absent", NEGATIVE_ANSWERS)
def test_negative_and_minimal_answers(text, asking, expected, absent):
    facts = check(text, asking, expected, absent)
    assert facts.unsure is False


# ===================================== 5. nationality, refugee, region

NATIONALITY_REGION = [
    row("sou brasileira", None, {"nationality": "other"}, ("region",) + PEOPLE),
    row("sou portugues", None, {"nationality": "pt"}, ("region",)),
    row("sou portugesa", None, {"nationality": "pt"}, ("region",)),  # typo
    row("tenho nacionalidade portuguesa", None, {"nationality": "pt"}),
    row("nasci em angola mas tenho nacionalidade portuguesa", None, {"nationality": "pt"}),
    # the applicant's nationality, not the husband's
    row("eu sou portuguesa mas o meu marido e brasileiro", None, {"nationality": "pt"}),
    row("sou frances", None, {"nationality": "eu"}),
    row("sou espanhola", None, {"nationality": "eu"}),
    row("sou romeno", None, {"nationality": "eu"}),
    row("sou cabo verdiana", None, {"nationality": "other"}),
    row("sou de angola", None, {"nationality": "other"}),
    row("sou da ucrania e tenho protecao internacional", None,
        {"nationality": "other", "refugee": True}),
    row("sou refugiado da siria", None, {"nationality": "other", "refugee": True}),
    row("sou do brasil e estou ca ha 8 meses", None,
        {"nationality": "other", "legal_residence_years": D("0.67")}, PEOPLE + AGE),
    row("sou brasileira e estou ca ha 4 anos", None,
        {"nationality": "other", "legal_residence_years": D("4")}, PEOPLE + AGE),
    # living in Portugal says nothing about nationality, nor about which region
    row("moro em portugal ha 2 anos", None, {"legal_residence_years": D("2")},
        ("nationality", "region") + PEOPLE + AGE),
    row("a gente mora em portugal", None, {}, ("nationality", "region")),
    # region
    row("vivo nos acores", None, {"region": "acores"}, ("nationality",)),
    row("moro em ponta delgada", None, {"region": "acores"}, ("nationality",)),
    row("moro na ilha terceira", None, {"region": "acores"}, ("nationality",)),
    row("moro em sao miguel", None, {"region": "acores"}, ("nationality",)),
    row("moro no funchal", None, {"region": "madeira"}, ("nationality",)),
    row("moro na madeira", None, {"region": "madeira"}, ("nationality",)),
    row("vivo em lisboa", None, {"region": "continente"}, ("nationality",)),
    row("sou brasileira mas vivo em lisboa", None,
        {"nationality": "other", "region": "continente"}),
    row("moro em lisboa com os meus dois filhos", None,
        {"region": "continente", "adults": 1, "minors": 2}),
    # asking nationality
    row("portuguesa", "nationality", {"nationality": "pt"}),
    row("brasileira", "nationality", {"nationality": "other"}),
    row("brasilera", "nationality", {"nationality": "other"}),  # typo
    row("ucraniana", "nationality", {"nationality": "other"}),
    row("sou alemao", "nationality", {"nationality": "eu"}),
    row("da ue sou espanhola", "nationality", {"nationality": "eu"}),
    # asking refugee
    row("nao", "refugee", {"refugee": False}, MONEY | set(PEOPLE)),
    row("nao sou refugiada", "refugee", {"refugee": False}),
    row("sim sou refugiado", "refugee", {"refugee": True}),
    row("tenho estatuto de refugiado", "refugee", {"refugee": True}),
]


@pytest.mark.parametrize("text, asking, expected, absent", NATIONALITY_REGION)
def test_nationality_refugee_region(text, asking, expected, absent):
    check(text, asking, expected, absent)


# ============================================= 6. yes / no, age and IEFP

YES_NO = [
    # is_adult
    row("sim", "is_adult", {"is_adult": True}, ("applicant_age",) + PEOPLE),
    row("nao", "is_adult", {"is_adult": False}, ("applicant_age",) + PEOPLE),
    row("tenho 34", "is_adult", {"is_adult": True, "applicant_age": 34}, PEOPLE),
    row("17", "is_adult", {"is_adult": False, "applicant_age": 17}, PEOPLE + tuple(MONEY)),
    row("tenho 18 anos", "is_adult", {"is_adult": True, "applicant_age": 18}, PEOPLE),
    row("dezassete", "is_adult", {"is_adult": False, "applicant_age": 17}, PEOPLE),
    row("sim tenho 25", "is_adult", {"is_adult": True, "applicant_age": 25}, PEOPLE),
    row("tenho 65 anos", "is_adult", {"is_adult": True, "applicant_age": 65}, PEOPLE),
    row("to com 19 anos", "is_adult", {"is_adult": True, "applicant_age": 19}, PEOPLE),
    row("sou maior de idade", "is_adult", {"is_adult": True}, ("applicant_age",)),
    row("sou menor de idade", "is_adult", {"is_adult": False}, ("applicant_age",)),
    # age_exception
    row("estou gravida", "age_exception", {"age_exception": "pregnant"}),
    row("sou casada", "age_exception", {"age_exception": "union"}),
    row("vivo em uniao de facto ha 3 anos", "age_exception", {"age_exception": "union"},
        ("legal_residence_years",) + AGE),
    row("tenho um filho a meu cargo", "age_exception", {"age_exception": "dependents"}, AGE),
    row("nenhuma", "age_exception", {"age_exception": "none"}),
    # employment_centre_registered
    row("sim estou inscrita", "employment_centre_registered",
        {"employment_centre_registered": True}),
    # "não estou inscrita" is never read as a yes, whatever else the sentence has
    row("so tenho a reforma de 230 euros e nao estou inscrita no centro de emprego", None,
        {"employment_centre_registered": False}),
    row("sim tenho filhos mas nao estou inscrito no iefp", None, {"employment_centre_registered": False}),
    row("to inscrita sim", "employment_centre_registered", {"employment_centre_registered": True}),
    row("sim no iefp", "employment_centre_registered", {"employment_centre_registered": True}),
    row("nao", "employment_centre_registered", {"employment_centre_registered": False},
        tuple(MONEY)),
    row("nao estou inscrito", "employment_centre_registered",
        {"employment_centre_registered": False}),
    row("ainda nao", "employment_centre_registered", {"employment_centre_registered": False}),
    row("estou a trabalhar", "employment_centre_registered",
        {"employment_centre_registered": "working"}),
    row("ja trabalho", "employment_centre_registered",
        {"employment_centre_registered": "working"}),
    # why registration is not needed: the work situation (Lei n.º 13/2003, art. 6.º-A)
    row("estou doente nao posso trabalhar", "employment_centre_registered",
        {"employment_centre_registered": "unable_to_work"}),
    row("estou de baixa medica", "employment_centre_registered",
        {"employment_centre_registered": "unable_to_work"}),
    row("sou estudante", "employment_centre_registered",
        {"employment_centre_registered": "student"}),
    row("cuido do meu pai que esta acamado", "employment_centre_registered",
        {"employment_centre_registered": "carer"}),
    row("tenho deficiencia e nao posso trabalhar", "employment_centre_registered",
        {"employment_centre_registered": "unable_to_work"}),
    row("nao se aplica", "employment_centre_registered",
        {"employment_centre_registered": "not_applicable"}),
    row("trabalho", "employment_centre_registered", {"employment_centre_registered": "working"}),
    row("trabalho nas limpezas", "employment_centre_registered",
        {"employment_centre_registered": "working"}, tuple(MONEY)),
    row("sou cuidador da minha mãe", "employment_centre_registered",
        {"employment_centre_registered": "carer"}, PEOPLE),
    row("sou cuidadora", "employment_centre_registered", {"employment_centre_registered": "carer"}),
    row("não posso trabalhar, tenho de cuidar da minha mãe o dia todo", "employment_centre_registered",
        {"employment_centre_registered": "carer"}, PEOPLE),
    row("cuida do pai que está acamado", "employment_centre_registered",
        {"employment_centre_registered": "carer"}, PEOPLE),
    row("não estou inscrita, cuido da minha mãe", "employment_centre_registered",
        {"employment_centre_registered": "carer"}, PEOPLE),
    row("nao estou inscrito, estou a trabalhar", "employment_centre_registered",
        {"employment_centre_registered": "working"}),
    row("não estou inscrito, não posso trabalhar, estou doente", "employment_centre_registered",
        {"employment_centre_registered": "unable_to_work"}),
    row("não estou inscrito", "employment_centre_registered", {"employment_centre_registered": False}),
    row("tenho um filho deficiente a meu cargo", "employment_centre_registered",
        {"employment_centre_registered": "carer"}),
    row("sou reformado", "employment_centre_registered", {"employment_centre_registered": "retired"}),
    row("sou reformada por invalidez", "employment_centre_registered",
        {"employment_centre_registered": "unable_to_work"}),
    row("estou doente", "employment_centre_registered",
        {"employment_centre_registered": "unable_to_work"}),
    row("tenho uma incapacidade", "employment_centre_registered",
        {"employment_centre_registered": "unable_to_work"}),
    row("estou a estudar", "employment_centre_registered", {"employment_centre_registered": "student"}),
    # an age that exempts answers it; "tenho" of any other age is not a yes
    row("tenho 67 anos", "employment_centre_registered",
        {"employment_centre_registered": "exempt_by_age", "applicant_age": 67, "is_adult": True}, PEOPLE),
    row("tenho 65 anos", "employment_centre_registered",
        {"employment_centre_registered": "exempt_by_age", "applicant_age": 65}),
    row("tenho 64 anos", "employment_centre_registered", {"applicant_age": 64},
        ("employment_centre_registered",)),
    row("tenho 40 anos", "employment_centre_registered", {"applicant_age": 40},
        ("employment_centre_registered",)),
    # out of work, registration not said: asked again, never read as "no"
    row("nao tenho trabalho", "employment_centre_registered", {}, ("employment_centre_registered",)),
    row("estou desempregado", "employment_centre_registered", {}, ("employment_centre_registered",)),
    row("nao trabalho", "employment_centre_registered", {}, ("employment_centre_registered",)),
    row("estou desempregada e nao estou inscrita", "employment_centre_registered",
        {"employment_centre_registered": False}),
    # stated without a question
    row("estou inscrita no centro de emprego", None, {"employment_centre_registered": True}),
    row("nao estou inscrito no iefp", None, {"employment_centre_registered": False}),
]


@pytest.mark.parametrize("text, asking, expected, absent", YES_NO)
def test_yes_no_age_and_employment_centre(text, asking, expected, absent):
    check(text, asking, expected, absent)


# =================================================================== 7. unsure

UNSURE = [
    row("nao sei", "employment_income", {}, ("employment_income",)),
    row("sei la", "employment_income", {}, ("employment_income",)),
    row("nao faco ideia", "employment_income", {}, ("employment_income",)),
    row("Não faço ideia", "employment_income", {}, ("employment_income",)),
    # "não" in "não sei" is not "no income"
    row("nao sei", "other_income", {}, ("other_income",)),
    row("nao faco ideia", "assets", {}, ("assets",)),
    row("nao sei", "refugee", {}, ("refugee",)),
    row("nao sei", "adults", {}, ("adults", "minors", "household_size")),
    row("nao sei", "legal_residence_years", {}, ("legal_residence_years",)),
    row("nao sei", "employment_centre_registered", {}, ("employment_centre_registered",)),
]

UNSURE_BUT_GAVE_A_VALUE = [
    row("nao sei bem uns 600", "employment_income", {"employment_income": D("600.00")}),
    row("sei la uns 400", "employment_income", {"employment_income": D("400.00")}),
    row("nao sei ao certo mas uns 700", "employment_income", {"employment_income": D("700.00")}),
    row("olhe nao sei bem mas acho que sao uns seiscentos", "employment_income",
        {"employment_income": D("600.00")}),
    row("600", "employment_income", {"employment_income": D("600.00")}),
    row("nao sei bem talvez uns 300 euros", "assets", {"assets": D("300.00")}),
]


@pytest.mark.parametrize("text, asking, expected, absent", UNSURE)
def test_unsure(text, asking, expected, absent):
    facts = check(text, asking, expected, absent)
    assert facts.unsure is True


@pytest.mark.parametrize("text, asking, expected, absent", UNSURE_BUT_GAVE_A_VALUE)
def test_not_unsure_when_a_value_is_given(text, asking, expected, absent):
    facts = check(text, asking, expected, absent)
    assert facts.unsure is False


@pytest.mark.parametrize("text", ["", "ola bom dia", "quero saber se tenho direito ao rsi",
                                  "quanto tempo demora o pedido", "obrigada"])
def test_nothing_to_read(text):
    facts = read_facts(text, on=ON)
    assert facts.slots() == set()
    assert list(facts) == []
    assert facts.unsure is False


# ============================================================ 9. speech

SPEECH = [
    row("somos eu a minha mulher e dois filhos ela ganha seiscentos euros", None,
        {"adults": 2, "minors": 2, "employment_income": D("600.00")}, NOT_OTHER_MONEY),
    row("eu vivo com o meu marido e tres filhos ele ganha oitocentos e cinquenta euros e eu "
        "nao trabalho", None,
        {"adults": 2, "minors": 3, "employment_income": D("850.00")}, NOT_OTHER_MONEY),
    row("sou eu e as minhas duas filhas e a minha mae", None, {"adults": 2, "minors": 2}),
    row("a gente mora em quatro eu meu esposo e duas crianca", None, {"adults": 2, "minors": 2}),
    row("um adulto e uma crianca", None, {"adults": 1, "minors": 1}),
    row("tenho trinta e dois anos sou brasileira e estou ca ha dois anos", None,
        {"applicant_age": 32, "is_adult": True, "nationality": "other",
         "legal_residence_years": D("2")}, PEOPLE),
    row("tenho quarenta e cinco anos e vivo sozinho", None,
        {"applicant_age": 45, "is_adult": True, "adults": 1, "minors": 0}),
    row("tenho dezassete anos e estou gravida de cinco meses", None,
        {"applicant_age": 17, "is_adult": False, "age_exception": "pregnant"},
        PEOPLE + ("legal_residence_years",)),
    row("estou em portugal ha um ano e oito meses", None,
        {"legal_residence_years": D("1.67")}, RESIDENCE_ONLY),
    row("vivo em portugal ha seis meses", None, {"legal_residence_years": D("0.50")},
        RESIDENCE_ONLY),
    row("a minha mae vive comigo e recebe uma reforma de trezentos e vinte euros", None,
        {"adults": 2, "other_income": D("320.00")}, ("employment_income", "assets")),
    row("eu ganho seiscentos e a minha mae recebe trezentos de reforma", None,
        {"employment_income": D("600.00"), "other_income": D("300.00")}, ("assets",)),
    row("recebo duzentos e cinquenta de pensao de invalidez", None,
        {"other_income": D("250.00")}, ("employment_income", "assets")),
    row("temos mil e quinhentos euros no banco", None, {"assets": D("1500.00")},
        ("employment_income", "other_income")),
    row("tenho uns dois mil euros de poupancas", None, {"assets": D("2000.00")},
        ("employment_income", "other_income")),
    row("ganho o salario minimo e o meu marido ganha setecentos", None,
        {"employment_income": D("1518.80")}, NOT_OTHER_MONEY),
    row("ganhamos os dois o ordenado minimo", None, {"employment_income": D("1637.60")},
        NOT_OTHER_MONEY),
    row("o meu marido ganha novecentos e vinte brutos", None,
        {"employment_income": MIN_WAGE_NET}, NOT_OTHER_MONEY),
    row("ganho mil euros brutos", None, {"employment_income": D("890.00")}, NOT_OTHER_MONEY),
    row("o meu marido ganha cento e cinquenta por semana", None,
        {"employment_income": D("650.00")}, NOT_OTHER_MONEY),
    row("ganho doze mil euros por ano", None, {"employment_income": D("1000.00")},
        NOT_OTHER_MONEY),
    row("eu ganho quatrocentos e o meu marido quinhentos e cinquenta", None,
        {"employment_income": D("950.00")}, NOT_OTHER_MONEY),
    row("ganho mil duzentos e cinquenta euros e cinquenta centimos", None,
        {"employment_income": D("1250.50")}, NOT_OTHER_MONEY),
    row("sou portuguesa e moro nos acores com os meus dois filhos", None,
        {"nationality": "pt", "region": "acores", "adults": 1, "minors": 2}),
    row("moro no funchal com o meu companheiro", None, {"region": "madeira", "adults": 2}),
    row("sou da ucrania tenho protecao internacional e estou ca ha oito meses", None,
        {"nationality": "other", "refugee": True, "legal_residence_years": D("0.67")},
        PEOPLE + AGE),
    row("ninguem trabalha ca em casa estamos todos desempregados", "employment_income",
        {"employment_income": ZERO}, NOT_OTHER_MONEY),
    row("nao recebemos mais nada", "other_income", {"other_income": ZERO},
        ("employment_income", "assets")),
    row("sim estou inscrita no centro de emprego", "employment_centre_registered",
        {"employment_centre_registered": True}),
    row("dezassete", "is_adult", {"applicant_age": 17, "is_adult": False}, PEOPLE),
    row("tenho trinta e quatro", "is_adult", {"applicant_age": 34, "is_adult": True}, PEOPLE),
    row("tres", "minors", {"minors": 3}, ("adults",)),
    row("seiscentos e cinquenta euros", "employment_income", {"employment_income": D("650.00")},
        NOT_OTHER_MONEY),
]


@pytest.mark.parametrize("text, asking, expected, absent", SPEECH)
def test_speech_transcripts(text, asking, expected, absent):
    check(text, asking, expected, absent)


# ========================================================== 8. spans and notes

SPANS = [
    ("ganho 600 euros", None, "employment_income", "600"),
    ("recebo 300 de pensao", None, "other_income", "300"),
    ("tenho 2000 no banco", None, "assets", "2000"),
    ("ganho mil e duzentos euros", None, "employment_income", "mil e duzentos"),
    ("somos eu a minha mulher e dois filhos", None, "minors", "dois"),
    ("somos 4", None, "household_size", "4"),
    ("estou em portugal ha 3 anos", None, "legal_residence_years", "3"),
    ("tenho 17 anos e estou gravida", None, "applicant_age", "17"),
    ("tenho 17 anos e estou gravida", None, "age_exception", "gravida"),
    ("sou brasileira", None, "nationality", "brasileira"),
    ("vivo nos acores", None, "region", "acores"),
    # accents and capitals before the value: the span is into the original text
    ("Ganho 1.250,50 € por mês", None, "employment_income", "1.250,50"),
    ("Não sei bem, uns 600 €", "employment_income", "employment_income", "600"),
    ("Vivo nos Açores", None, "region", "Açores"),
    ("Sou brasileira e estou cá há 3 anos", None, "legal_residence_years", "3"),
    ("Ela ganha seiscentos euros e eu não trabalho", None, "employment_income", "seiscentos"),
]


@pytest.mark.parametrize("text, asking, slot, source", SPANS)
def test_span_points_at_the_source(text, asking, slot, source):
    facts = read_facts(text, asking=asking, on=ON)
    [fact] = [f for f in facts if f.slot == slot]
    start, end = fact.span
    assert 0 <= start < end <= len(text)
    assert source in text[start:end], f"span {fact.span} is {text[start:end]!r}"


@pytest.mark.parametrize("text, on, expected", [
    ("ganho o salario minimo", ON, D("818.80")),  # 920,00 € (2026) - 11 %
    ("ganho o salario minimo", date(2025, 6, 1), D("774.30")),  # 870,00 € (2025) - 11 %
    ("ganho o salario minimo", date(2024, 6, 1), D("729.80")),  # 820,00 € (2024) - 11 %
])
def test_minimum_wage_comes_from_the_dated_parameter(text, on, expected):
    assert read_facts(text, on=on).get("employment_income") == expected


def _note(text, slot, asking=None):
    [fact] = [f for f in read_facts(text, asking=asking, on=ON) if f.slot == slot]
    return fact.note


@pytest.mark.parametrize("text", ["ganho o salario minimo", "ganhamos os dois o salario minimo",
                                  "ganho o ordenado minimo"])
def test_minimum_wage_note_gives_the_gross_figure(text):
    note = _note(text, "employment_income")
    assert note and "920" in note


def test_summed_wages_have_a_note_with_both_amounts():
    note = _note("eu ganho 400 e o meu marido 550", "employment_income")
    assert note and "400" in note and "550" in note


def test_gross_wage_note_mentions_the_contribution():
    note = _note("ganho 1000 brutos", "employment_income")
    assert note and "11" in note


@pytest.mark.parametrize("text", ["ganho 12000 por ano", "ganho 150 por semana"])
def test_period_conversion_has_a_note(text):
    assert _note(text, "employment_income")


def test_a_literal_amount_has_no_note():
    assert _note("ganho 600 euros", "employment_income") is None


# ====================================================== invariants of Facts

ALL_ROWS = (HOUSEHOLDS + AGES_AND_DURATIONS + MONEY_CASES + NEGATIVE_ANSWERS
            + NATIONALITY_REGION + YES_NO + UNSURE + UNSURE_BUT_GAVE_A_VALUE + SPEECH)


@pytest.mark.parametrize("text, asking, expected, absent", ALL_ROWS)
def test_facts_are_well_formed(text, asking, expected, absent):
    facts = read_facts(text, asking=asking, on=ON)
    slots = [f.slot for f in facts]
    assert len(slots) == len(set(slots)), f"a slot is read twice: {slots}"
    assert facts.slots() == set(slots)
    assert isinstance(facts.unsure, bool)
    for fact in facts:
        if Fact is not None:
            assert isinstance(fact, Fact)
        assert fact.slot in SLOTS
        assert facts.get(fact.slot) == fact.value
        start, end = fact.span
        assert isinstance(start, int) and isinstance(end, int)
        assert 0 <= start < end <= len(text), f"{fact.slot}: span {fact.span} outside {text!r}"
        assert fact.note is None or isinstance(fact.note, str)
        if fact.slot in MONEY:
            assert isinstance(fact.value, Decimal) and fact.value >= 0
        if fact.slot in ("adults", "minors", "household_size", "applicant_age"):
            assert type(fact.value) is int and fact.value >= 0


# =============================================================== whole cases told at once

WHOLE_CASES = [
    row("boa tarde, tenho 50 anos, vivo sozinho sem filhos, estou desempregado e inscrito no centro de "
        "emprego, nao recebo nada, sou portugues, mas tenho 40 mil euros a prazo no banco", None,
        {"applicant_age": 50, "adults": 1, "minors": 0, "employment_income": D("0"), "other_income": D("0"),
         "assets": D("40000"), "nationality": "pt", "employment_centre_registered": True}),
    row("eu e a minha mulher estamos os dois desempregados", None,
        {"adults": 2, "employment_income": D("0")}),
    row("ambos sem trabalho, eu e o meu companheiro", None, {"employment_income": D("0")}),
    # alone with only a pension: no wages; with someone else at home, their wages are still asked
    row("vivo sozinha com 70 anos so tenho a reforma de 230 euros", None,
        {"adults": 1, "minors": 0, "other_income": D("230"), "employment_income": D("0")}),
    row("o meu marido trabalha e eu so tenho a reforma", None, {}, ("employment_income",)),
    row("so recebo a pensao de 300", "other_income", {"other_income": D("300")}, ("employment_income",)),
    # the reason for not registering never hides the rest of the sentence
    row("nao estou inscrita porque cuido da minha mae, ninguem ca em casa trabalha", None,
        {"employment_centre_registered": "carer", "employment_income": D("0")}),
    # one of two out of work says nothing about the household's wages
    row("estou desempregado mas a minha mulher trabalha", None, {}, ("employment_income",)),
]


@pytest.mark.parametrize("text, asking, expected, absent", WHOLE_CASES)
def test_whole_cases(text, asking, expected, absent):
    check(text, asking, expected, absent)


# =============================================================== counted and excluded incomes together

EXCLUDED_AND_COUNTED = [
    # the alimony counts; the family allowance named after "e" is the next item, not its kind
    row("recebo pensao de alimentos de 150 e o abono dos miudos", "other_income", {"other_income": D("150")}),
    row("pensao de alimentos 150 euros e abono de 80", "other_income", {"other_income": D("150")}),
    row("recebo o abono e uma pensao de alimentos de 150 euros", "other_income", {"other_income": D("150")}),
    row("so o abono, 120", "other_income", {"other_income": D("0")}),
    row("tenho 90 de abono", "other_income", {"other_income": D("0")}),
]


@pytest.mark.parametrize("text, asking, expected, absent", EXCLUDED_AND_COUNTED)
def test_counted_and_excluded_incomes_together(text, asking, expected, absent):
    check(text, asking, expected, absent)


@pytest.mark.parametrize("text, adult", [("nao sou maior de idade", False), ("não sou menor", True),
                                         ("sou maior de idade", True), ("sou menor", False)])
def test_a_negated_age_statement_turns_the_answer_round(text, adult):
    assert read_facts(text, asking="is_adult", on=ON).get("is_adult") is adult


@pytest.mark.parametrize("text", ["nao somos refugiados", "não, eu trabalho", "nao tenho filhos"])
def test_a_no_about_another_question_does_not_answer_the_age_question(text):
    assert "is_adult" not in read_facts(text, asking="is_adult", on=ON).slots()


@pytest.mark.parametrize("text, amount", [
    ("ganho quinhentos e trinta e dois vírgula cinquenta por mês limpo", Decimal("532.50")),
    ("ganho quinhentos e trinta e dois virgula cinquenta", Decimal("532.50")),
    ("são seiscentos virgula cinco", Decimal("600.50")),
])
def test_a_dictated_decimal_comma(text, amount):
    assert read_facts(text, asking="employment_income", on=ON).get("employment_income") == amount


@pytest.mark.parametrize("text", [
    "moro num quarto alugado, a casa é partilhada com mais dois rapazes mas não somos família. não tenho filhos",
    "vivo numa casa partilhada com outras pessoas que nao sao da familia",
])
def test_flatmates_are_not_the_household(text):
    facts = read_facts(text, on=ON)
    assert facts.get("adults") == 1 and facts.get("minors") == 0


# ---------------------------------------------------------------- people counted, said to the age question
# Found holding a citizen's conversation: «sim temos os dois mais de 18» was read as age 2.

@pytest.mark.parametrize("text, age", [
    ("sim temos os dois mais de 18", 18),
    ("os dois temos mais de dezoito anos", 18),
    ("sim, as 2 temos mais de 18", 18),
    ("somos 3 e eu tenho 40", 40),
])
def test_a_number_counting_people_is_no_age(text, age):
    got = {f.slot: f.value for f in read_facts(text, asking="is_adult").items}
    assert got.get("applicant_age") == age and got.get("is_adult") is True


@pytest.mark.parametrize("text, adult", [("sim temos os dois", True), ("tenho 45", True), ("dezassete", False)])
def test_the_age_question_still_reads_a_bare_age_or_a_yes(text, adult):
    got = {f.slot: f.value for f in read_facts(text, asking="is_adult").items}
    assert got.get("is_adult") is adult
