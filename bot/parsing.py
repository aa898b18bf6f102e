"""Free pt-PT text -> numbers, money, dates, yes/no, household, nationality, region.

People answer in many ways ("1.234,56 €", "seiscentos euros", "não tenho",
"22 de dezembro", "amanhã", "eu, o meu marido e dois miúdos"), without
accents and with small typos. Every parser here returns ``None`` when it
cannot tell, so the caller asks again instead of guessing.

Number words go through ``text2num`` (``alpha2digit(text, "pt")``); we pass
``threshold=0`` so that small isolated numbers ("dois", "duas", "um") are
converted too, and keep a small table of our own as a safety net for the
feminine forms, which the default threshold leaves untouched.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from dateutil.relativedelta import relativedelta
from text_to_num import alpha2digit

__all__ = [
    "HouseholdGuess",
    "normalise",
    "parse_count",
    "parse_date",
    "parse_household",
    "parse_money",
    "parse_nationality",
    "parse_region",
    "parse_yes_no",
]

CENT = Decimal("0.01")

# A date given without a year is taken in the current year unless that puts it
# more than this many days in the future: then it is last year's. People tell
# the assistant when something happened (a letter arrived, a request was
# made), so a past date is the likely reading ("22 de dezembro" said on
# 10 January means last December).
FUTURE_WINDOW_DAYS = 183


def normalise(text: str) -> str:
    """Lower case, no accents, single spaces: "  Não  TENHO " -> "nao tenho"."""
    # "º"/"ª" (ordinal indicators) would decompose to letters ("1º" -> "1o"): drop them first.
    text = text.replace("\u00ba", "").replace("\u00aa", "")
    decomposed = unicodedata.normalize("NFKD", text)
    no_marks = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return re.sub(r"\s+", " ", no_marks.lower()).strip()


# Small numbers written as words, masculine and feminine; a safety net for
# what text2num leaves as words.
_SMALL_NUMBERS = {
    "zero": 0, "um": 1, "uma": 1, "dois": 2, "duas": 2, "tres": 3, "quatro": 4,
    "cinco": 5, "seis": 6, "sete": 7, "oito": 8, "nove": 9, "dez": 10,
    "onze": 11, "doze": 12,
}

# Where a person corrects themselves, only what follows counts.
_CORRECTION = re.compile(
    r"\b(?:enganei-me|enganei me|engano meu|quer dizer|quero dizer|alias|corrijo|"
    r"corrigindo|afinal|ou melhor|desculpe)\b"
)


def _after_correction(text: str) -> str:
    parts = _CORRECTION.split(text)
    if len(parts) == 1:
        return text
    tail = parts[-1].strip(" ,.;:!-")
    return tail if tail else text


def _numbers_as_digits(text: str) -> str:
    """Normalised text with number words turned into digits."""
    # text2num writes ordinals as "1º": keep the number only.
    converted = alpha2digit(text, "pt", threshold=0).replace("\u00ba", "").replace("\u00aa", "")
    return re.sub(
        r"\b(" + "|".join(_SMALL_NUMBERS) + r")\b",
        lambda m: str(_SMALL_NUMBERS[m.group(1)]),
        converted,
    )


# ---------------------------------------------------------------- money

_ZERO_PHRASES = re.compile(
    r"\b(?:nao tenho|nao recebo|nao ganho|nada|zero|nenhum|nenhuma|sem rendimentos?|"
    r"sem salario|sem dinheiro|sem poupancas|nao temos|nao recebemos|nao ha|nao existe|nao existem)\b"
    # A bare "não" answers "how much …?" with nothing.
    r"|^\s*(?:nao|n)\s*[.!]*\s*$"
)
_NEGATIVE = re.compile(r"(?:^|[\s(])(?:-|\u2212|menos\s)\s*\d")
_CURRENCY = r"(?:€|eur\b|euros?\b)"
# An amount: digits with optional thousands groups (". ", " ", "\u202f") and
# optional decimals after "," or ".".
_AMOUNT = re.compile(
    r"(?<![\d.,])(\d{1,3}(?:[.\s\u202f](?:\d{3}))+(?:[.,]\d{1,2})?|\d+(?:[.,]\d+)?)"
)
_SCALED = re.compile(r"(?<![\d.,])(\d+(?:[.,]\d+)?)\s*(mil|milhao|milhoes)\b")
_MULTIPLIERS = {"mil": 1000, "milhao": 1_000_000, "milhoes": 1_000_000}


def _expand_scaled(match: re.Match[str]) -> str:
    value = Decimal(match.group(1).replace(",", "."))
    return str(value * _MULTIPLIERS[match.group(2)])


def _to_decimal(token: str) -> Decimal | None:
    """'1.234,56' / '1 234,56' / '1234.56' / '1.234' -> Decimal.

    A single "." or "," followed by exactly three digits is a thousands
    separator (pt-PT writes "1.234" for one thousand two hundred and
    thirty-four); with one or two digits it is the decimal separator.
    """
    token = re.sub(r"[\s\u202f]", "", token)
    if "," in token and "." in token:
        decimal_sep = "," if token.rfind(",") > token.rfind(".") else "."
        thousands = "." if decimal_sep == "," else ","
        token = token.replace(thousands, "").replace(decimal_sep, ".")
    elif "," in token or "." in token:
        sep = "," if "," in token else "."
        head, _, tail = token.rpartition(sep)
        if len(tail) == 3 or token.count(sep) > 1:
            token = token.replace(sep, "")
        else:
            token = head.replace(sep, "") + "." + tail
    try:
        return Decimal(token)
    except InvalidOperation:
        return None


def parse_money(text: str | None) -> Decimal | None:
    """A monthly amount or a balance in euros, or ``None`` if there is none.

    "1.234,56 €", "1 234,56", "1234.56", "600€", "seiscentos euros",
    "mil e duzentos", "1,5 mil" -> Decimal; "não tenho", "nada", "zero",
    "nenhum" -> 0; negative amounts -> ``None``. When several amounts appear,
    the first one written with a currency word or sign wins, else the first.
    """
    if not text:
        return None
    norm = _after_correction(normalise(text))
    # "1,5 mil" / "2 mil": text2num would read "mil" on its own.
    norm = _SCALED.sub(_expand_scaled, norm)
    digits = _numbers_as_digits(norm)
    if _NEGATIVE.search(digits):
        return None
    # "1234 euros e 50 centimos", "555 euros e 20"
    cents = re.search(r"(\d+)\s*(?:€|euros?)\s*e\s*(\d{1,2})\s*(?:(?:centimos?|cent)\b|$)", digits)
    if cents:
        return (Decimal(cents.group(1)) + Decimal(cents.group(2)) / 100).quantize(CENT)
    matches = list(_AMOUNT.finditer(digits))
    if not matches:
        return Decimal("0.00") if _ZERO_PHRASES.search(norm) else None
    tagged = [
        m for m in matches
        if re.match(r"\s*" + _CURRENCY, digits[m.end():])
        or re.search(r"€\s*$", digits[:m.start()])
    ]
    chosen = (tagged or matches)[0]
    value = _to_decimal(chosen.group(1))
    if value is None:
        return None
    return value.quantize(CENT, rounding=ROUND_HALF_UP)


# ---------------------------------------------------------------- counts

_ZERO_COUNT = re.compile(r"\b(?:nenhum|nenhuma|zero|nao tenho|nao temos|nao ha|sem)\b|^nao\b")


def parse_count(text: str | None) -> int | None:
    """How many: "dois", "duas", "três", "3", "tenho 2 filhos" -> int;
    "nenhum", "não tenho filhos" -> 0; no number, decimals or negatives -> ``None``.
    The first number in the text is taken.
    """
    if not text:
        return None
    norm = _after_correction(normalise(text))
    if any(p in norm for p in _UNSURE):
        return None
    digits = _numbers_as_digits(norm)
    if _NEGATIVE.search(digits):
        return None
    match = re.search(r"(?<![\d.,])\d+(?:[.,]\d+)?(?![\d.,])", digits)
    if match:
        if not match.group(0).isdigit():
            return None
        return int(match.group(0))
    return 0 if _ZERO_COUNT.search(norm) else None


# ---------------------------------------------------------------- yes / no

_YES_PHRASES = ("claro que sim", "com certeza", "pode ser", "isso mesmo", "e isso", "exatamente",
                "exactamente", "tenho sim", "quero sim", "sim senhor", "sim senhora", "por favor")
_NO_PHRASES = ("claro que nao", "de maneira nenhuma", "de modo nenhum", "nem pensar", "nada disso",
               "acho que nao", "ainda nao", "por enquanto nao")
_UNSURE = ("nao sei", "talvez", "nao tenho a certeza", "nao tenho certeza", "depende", "sei la")
_YES_WORDS = {"sim", "s", "claro", "certo", "ok", "okay", "exato", "exacto", "correto", "correcto",
              "afirmativo", "concordo", "aceito", "yes", "yep", "sem duvida", "tenho", "quero",
              "confirmo", "verdade", "sss", "simm"}
_NO_WORDS = {"nao", "n", "no", "nope", "negativo", "nunca", "nenhum", "nenhuma", "naao", "nao.", "errado"}


def parse_yes_no(text: str | None) -> bool | None:
    """"sim", "s", "claro", "pode ser" -> True; "não", "nao", "n", "claro que não" -> False;
    "não sei", "talvez" or anything else -> ``None``. The first decisive word wins."""
    if not text:
        return None
    norm = normalise(text)
    if any(p in norm for p in _UNSURE):
        return None
    for phrase in _NO_PHRASES:
        if phrase in norm:
            return False
    for phrase in _YES_PHRASES:
        if phrase in norm:
            return True
    for word in re.findall(r"[a-z]+", norm):
        if word in _NO_WORDS:
            return False
        if word in _YES_WORDS:
            return True
    if "👍" in text:
        return True
    return None


# ---------------------------------------------------------------- dates

_MONTHS = {
    "janeiro": 1, "fevereiro": 2, "marco": 3, "abril": 4, "maio": 5, "junho": 6, "julho": 7,
    "agosto": 8, "setembro": 9, "outubro": 10, "novembro": 11, "dezembro": 12,
}
_MONTH_ABBREVIATIONS = {
    "jan": 1, "fev": 2, "mar": 3, "abr": 4, "mai": 5, "jun": 6, "jul": 7, "ago": 8,
    "set": 9, "out": 10, "nov": 11, "dez": 12,
}
_RELATIVE_DAYS = {
    "depois de amanha": 2, "anteontem": -2, "antes de ontem": -2,
    "amanha": 1, "hoje": 0, "ontem": -1,
}


def _month_number(word: str) -> int | None:
    if word in _MONTHS:
        return _MONTHS[word]
    if word in _MONTH_ABBREVIATIONS:
        return _MONTH_ABBREVIATIONS[word]
    if len(word) >= 4:  # typos such as "dezenbro", "febereiro", "otubro"
        close = difflib.get_close_matches(word, list(_MONTHS), n=1, cutoff=0.75)
        if close:
            return _MONTHS[close[0]]
    return None


def _safe_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _infer_year(month: int, day: int, today: date) -> date | None:
    candidate = _safe_date(today.year, month, day)
    if candidate is None:
        # 29 February outside a leap year: try last year only if it fits the rule.
        previous = _safe_date(today.year - 1, month, day)
        return previous
    if candidate - today > timedelta(days=FUTURE_WINDOW_DAYS):
        return _safe_date(today.year - 1, month, day)
    return candidate


def _full_year(year_text: str) -> int:
    year = int(year_text)
    return 2000 + year if len(year_text) == 2 else year


def parse_date(text: str | None, today: date) -> date | None:
    """A calendar date in pt-PT free text, relative to ``today``.

    Accepts "hoje", "amanhã", "ontem", "anteontem", "depois de amanhã",
    "há 3 dias", "daqui a 5 dias", "22/12/2026", "22-12-2026", "22.12.26",
    "2026-12-22", "22 de dezembro [de 2026]", "vinte e dois de dezembro",
    "1 de maio", "22/12". Impossible dates ("31/02/2026") -> ``None``.
    Without a year, see ``FUTURE_WINDOW_DAYS``.
    """
    if not text:
        return None
    norm = _after_correction(normalise(text))

    for phrase, offset in _RELATIVE_DAYS.items():
        if re.search(rf"\b{phrase}\b", norm):
            return today + timedelta(days=offset)

    digits = _numbers_as_digits(norm)
    ago = re.search(r"\b(?:ha|faz)\s+(\d+)\s+(dias?|semanas?|mes|meses)\b", digits)
    ahead = re.search(r"\bdaqui a\s+(\d+)\s+(dias?|semanas?|mes|meses)\b", digits)
    for match, sign in ((ago, -1), (ahead, 1)):
        if match:
            n = int(match.group(1)) * sign
            unit = match.group(2)
            if unit.startswith("dia"):
                return today + timedelta(days=n)
            if unit.startswith("semana"):
                return today + timedelta(weeks=n)
            return today + relativedelta(months=n)

    iso = re.search(r"\b(\d{4})-(\d{1,2})-(\d{1,2})\b", digits)
    if iso:
        return _safe_date(int(iso.group(1)), int(iso.group(2)), int(iso.group(3)))

    numeric = re.search(r"\b(\d{1,2})[/.-](\d{1,2})(?:[/.-](\d{4}|\d{2}))?\b", digits)
    if numeric:
        day, month = int(numeric.group(1)), int(numeric.group(2))
        if numeric.group(3):
            return _safe_date(_full_year(numeric.group(3)), month, day)
        return _infer_year(month, day, today)

    # Every "<day> [de] <word>" pair is tried: in "recebi uma carta a 22 de
    # dezembro" the first pair is "1 carta" ("uma" became 1), not a date.
    pattern = r"\b(\d{1,2})\s*(?:de\s+)?([a-z]{3,})\.?(?:\s*(?:de\s+|,\s*)?(\d{4}))?"
    for words in re.finditer(pattern, digits):
        month = _month_number(words.group(2))
        if month is not None:
            day = int(words.group(1))
            if words.group(3):
                return _safe_date(int(words.group(3)), month, day)
            return _infer_year(month, day, today)
    return None


# ---------------------------------------------------------------- household


@dataclass(frozen=True)
class HouseholdGuess:
    """What a sentence says about the household. ``None`` means "not said".

    ``adults`` includes the person speaking. ``total`` is the head count
    when one was given ("somos quatro").
    """

    adults: int | None
    minors: int | None
    total: int | None = None


_MINOR_NOUNS = (r"(?:criancas?|menor(?:es)?|filhos?|filhas?|miudos?|miudas?|meninos?|meninas?|"
                r"bebes?|putos?|enteados?|enteadas?|netos?|netas?|dependentes?)")
_ADULT_NOUNS = r"(?:adultos?|adultas?|maior(?:es)?|pessoas adultas)"
# Relatives and partners counted as one adult each when named.
_ONE_ADULT = re.compile(
    r"\b(?:marido|mulher|esposa|esposo|companheiro|companheira|namorado|namorada|"
    r"pai|mae|avo|sogro|sogra|irmao|irma|tio|tia|cunhado|cunhada|padrasto|madrasta)\b"
)
_TWO_ADULTS = re.compile(r"\b(?:os meus pais|meus pais|os meus avos|meus avos|os meus sogros|meus sogros)\b")
_ALONE = re.compile(r"\b(?:sozinho|sozinha|so eu|apenas eu|somente eu|eu so|moro so|vivo so)\b")
_LIVE_WITH = re.compile(r"\b(?:moro|vivo|resido|habito) (?:com|junto com)\b")
# Age of majority (Código Civil art. 122.º): older children count as adults.
ADULT_AGE = 18
# "eu" as an item in a list of people ("eu, o meu marido", "eu e dois filhos").
_SELF_IN_LIST = re.compile(r"\beu\b(?=\s*(?:,|\+|\be\b|\bmais\b|\bcom\b|$))")


def parse_household(text: str | None) -> HouseholdGuess:
    """Adults (including the applicant) and minors in a description.

    "somos quatro, eu, o meu marido e dois miúdos" -> (2, 2); "vivo sozinha" -> (1, 0);
    "eu e dois filhos" -> (1, 2); "3 adultos e 1 criança" -> (3, 1);
    "eu e a minha mulher" -> (2, None): minors were not mentioned, so the form asks;
    "enganei-me, são três filhos" -> (None, 3): only the correction counts.
    Adult children ("dois filhos maiores") count as adults.
    """
    if not text:
        return HouseholdGuess(None, None)
    norm = _after_correction(normalise(text))
    digits = _numbers_as_digits(norm)
    alone = _ALONE.search(digits)
    if alone and not re.search(r"\b(?:com|e|mais)\b", digits[alone.end():]):
        return HouseholdGuess(1, 0, 1)

    adults: int | None = None
    minors: int | None = None

    def add_adults(n: int) -> None:
        nonlocal adults
        adults = (adults or 0) + n

    for m in re.finditer(rf"\b(\d+)\s+(?:\w+\s+)?{_MINOR_NOUNS}(\s+(?:maiores|adultos|adultas|"
                         r"maiores de idade|de maior idade))?\b", digits):
        if m.group(2):
            add_adults(int(m.group(1)))
        else:
            minors = (minors or 0) + int(m.group(1))
    for m in re.finditer(rf"\b(\d+)\s+{_ADULT_NOUNS}\b", digits):
        add_adults(int(m.group(1)))
    explicit_adults = adults is not None
    # "o meu filho", "a minha filha de 20 anos": one child, an adult from 18.
    for m in re.finditer(r"\b(?:o meu|a minha|meu|minha) (?:filho|filha|enteado|enteada|neto|neta)"
                         r"(?: de (\d+) anos)?", digits):
        if m.group(1) and int(m.group(1)) >= ADULT_AGE:
            add_adults(1)
        else:
            minors = (minors or 0) + 1

    if not explicit_adults:
        if _SELF_IN_LIST.search(digits) or alone or _LIVE_WITH.search(digits):
            add_adults(1)
        without_pairs = _TWO_ADULTS.sub(" ", digits)
        if without_pairs != digits:
            add_adults(2 * len(_TWO_ADULTS.findall(digits)))
        named = len(_ONE_ADULT.findall(without_pairs))
        if named:
            add_adults(named)
        if re.search(r"\b(?:um casal|somos um casal|casal)\b", digits) and adults is None:
            add_adults(2)
    if minors is None and re.search(r"\b(?:sem filhos|nao temos filhos|nao tenho filhos|"
                                    r"sem criancas|nenhum filho|nenhuma crianca)\b", norm):
        minors = 0

    total_match = re.search(
        r"\b(?:somos|sao|vivemos|vivem|moramos|moram|agregado de)\s+(\d+)\b(?!\s+(?:" + _MINOR_NOUNS + "|" + _ADULT_NOUNS + "))",
        digits,
    ) or re.search(r"\b(\d+)\s+pessoas\b", digits)
    total = int(total_match.group(1)) if total_match else None
    if total is not None:
        if adults is not None and minors is None and total >= adults:
            minors = total - adults
        elif minors is not None and adults is None and total > minors:
            adults = total - minors
    return HouseholdGuess(adults, minors, total)


# ---------------------------------------------------------------- nationality

def _forms(*bases: str) -> set[str]:
    """Masculine base -> masculine/feminine, singular/plural spellings without accents."""
    out: set[str] = set()
    for base in bases:
        out.add(base)
        if base.endswith("ao"):
            out |= {base[:-2] + "a", base[:-2] + "aes", base[:-2] + "as"}
        elif base.endswith("o"):
            out |= {base[:-1] + "a", base + "s", base[:-1] + "as"}
        elif base.endswith("es"):
            out |= {base + "a", base + "as", base[:-2] + "eses"}
        elif base.endswith("ol"):
            out |= {base + "a", base + "as", base[:-2] + "ois"}
        else:
            out.add(base + "s")
    return out


_PT = _forms("portugues") | {"portugal", "tuga"}
# EU member states, the other EEA states (Iceland, Liechtenstein, Norway) and
# Switzerland: their citizens have the same residence rule as the EU's.
_EU = _forms(
    "alemao", "austriaco", "belga", "bulgaro", "cipriota", "croata", "dinamarques",
    "eslovaco", "esloveno", "espanhol", "estonio", "finlandes", "frances", "grego", "hungaro",
    "irlandes", "italiano", "letao", "lituano", "luxemburgues", "maltes", "neerlandes",
    "holandes", "polaco", "romeno", "sueco", "checo", "islandes", "noruegues",
    "liechtensteinense", "suico", "europeu", "comunitario",
) | {"alemanha", "austria", "belgica", "bulgaria",
     "chipre", "croacia", "dinamarca", "eslovaquia", "eslovenia", "espanha", "estonia", "finlandia",
     "franca", "grecia", "hungria", "irlanda", "italia", "letonia", "lituania", "luxemburgo",
     "holanda", "polonia", "romenia", "suecia", "chequia", "islandia", "noruega",
     "liechtenstein", "suica", "ue", "eee", "europa"}
_EU_PHRASES = ("uniao europeia", "espaco economico europeu", "pais europeu", "estado membro",
               "estado-membro", "paises baixos", "republica checa")
_OTHER = _forms(
    "brasileiro", "angolano", "cabo-verdiano", "caboverdiano", "guineense", "sao-tomense",
    "santomense", "mocambicano", "timorense", "ucraniano", "russo", "moldavo", "indiano",
    "nepales", "nepalense", "paquistanes", "bengali", "bangladeshiano", "chines", "americano",
    "norte-americano", "canadiano", "venezuelano", "colombiano", "argentino", "marroquino",
    "argelino", "tunisino", "senegales", "nigeriano", "britanico", "ingles", "escoces", "turco",
    "sirio", "afegao", "iraquiano", "iraniano", "filipino", "tailandes", "vietnamita",
    "georgiano", "bielorrusso", "cubano", "peruano", "equatoriano", "mexicano", "estrangeiro",
) | {"brasil", "angola", "cabo verde", "guine", "mocambique", "ucrania", "russia", "india",
     "nepal", "paquistao", "bangladesh", "china", "eua", "estados unidos", "reino unido",
     "inglaterra", "venezuela", "marrocos", "extracomunitario", "extracomunitaria", "afeganistao"}
_NOT_PT = re.compile(r"\bnao (?:sou|e|somos|tenho nacionalidade) (?:de )?portugues|\bnao sou de portugal")


def _has(tokens: set[str], norm: str, vocabulary: set[str]) -> bool:
    multiword = {w for w in vocabulary if " " in w}
    return bool(tokens & vocabulary) or any(re.search(rf"\b{re.escape(w)}\b", norm) for w in multiword)


def parse_nationality(text: str | None) -> str | None:
    """"portuguesa" -> "pt"; "francesa", "da UE", "norueguês", "suíço" -> "eu";
    "sou brasileiro", "ucraniana" -> "other"; nothing recognisable -> ``None``.

    A Portuguese citizen with a second nationality is "pt" (the most
    favourable rule applies); "não sou portuguesa, sou brasileira" -> "other".
    """
    if not text:
        return None
    norm = normalise(text)
    tokens = set(re.findall(r"[a-z]+(?:-[a-z]+)*", norm))
    if "da ue" in norm or "na ue" in norm:
        tokens.add("ue")
    if not _NOT_PT.search(norm) and _has(tokens, norm, _PT):
        return "pt"
    if any(p in norm for p in _EU_PHRASES) or _has(tokens, norm, _EU):
        if not re.search(r"\b(?:fora da|nao e da|nao sou da) (?:ue|uniao europeia|europa)\b", norm):
            return "eu"
        return "other"
    if _has(tokens, norm, _OTHER):
        return "other"
    # Small typos in a one-word answer ("portugesa", "brasilera").
    words = [t for t in tokens if len(t) >= 6]
    for word in words:
        for vocabulary, code in ((_PT, "pt"), (_EU, "eu"), (_OTHER, "other")):
            if difflib.get_close_matches(word, [v for v in vocabulary if len(v) >= 6], n=1, cutoff=0.85):
                return code
    return None


# ---------------------------------------------------------------- region

# Islands and main towns; ambiguous words ("Flores", "Pico", "Horta", "Corvo")
# only count after "ilha" or alone.
_ACORES = ("acores", "azores", "acoriano", "acoriana", "sao miguel", "terceira", "faial",
           "sao jorge", "graciosa", "santa maria", "ponta delgada", "angra do heroismo",
           "angra", "ribeira grande", "praia da vitoria")
_ACORES_AMBIGUOUS = ("flores", "pico", "corvo", "horta")
_MADEIRA = ("madeira", "porto santo", "funchal", "madeirense", "machico", "camara de lobos",
            "santa cruz da madeira")
_CONTINENTE = ("continente", "continental", "lisboa", "porto", "aveiro", "beja", "braga", "braganca",
               "castelo branco", "coimbra", "evora", "faro", "guarda", "leiria", "portalegre",
               "santarem", "setubal", "viana do castelo", "vila real", "viseu", "algarve",
               "alentejo", "minho", "tras-os-montes", "tras os montes", "amadora", "sintra",
               "cascais", "almada", "loures", "odivelas", "seixal", "gaia", "matosinhos",
               "gondomar", "maia", "oeiras", "barreiro", "ilhavo", "santa maria da feira")


def parse_region(text: str | None) -> str | None:
    """"Açores", "acores", "São Miguel", "Ponta Delgada" -> "acores";
    "Madeira", "Porto Santo", "Funchal" -> "madeira"; "continente", "Lisboa",
    "Porto" and district capitals -> "continente"; otherwise ``None``.
    The codes match ``bot.calendar`` regions.
    """
    if not text:
        return None
    norm = normalise(text)

    def found(names: tuple[str, ...]) -> bool:
        return any(re.search(rf"\b{re.escape(n)}\b", norm) for n in names)

    # Longest, most specific names first: "Santa Maria da Feira" is on the
    # mainland, "Porto Santo" is in Madeira.
    if "santa maria da feira" in norm:
        return "continente"
    if found(_MADEIRA):
        return "madeira"
    if found(_ACORES):
        return "acores"
    island = re.search(r"\bilha d[aeo]s? (\w+)", norm)
    if (island and island.group(1) in _ACORES_AMBIGUOUS) or norm.strip(" .!") in _ACORES_AMBIGUOUS:
        return "acores"
    if found(_CONTINENTE):
        return "continente"
    return None
