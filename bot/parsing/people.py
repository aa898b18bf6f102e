"""Households, nationality and region in pt-PT free text."""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass

from bot.closed_sets import Nationality, Region
from bot.parsing.numbers import after_correction, normalise, numbers_as_digits


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
    norm = after_correction(normalise(text))
    digits = numbers_as_digits(norm)
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
_EU_ADJECTIVES = _forms(
    "alemao", "austriaco", "belga", "bulgaro", "cipriota", "croata", "dinamarques",
    "eslovaco", "esloveno", "espanhol", "estonio", "finlandes", "frances", "grego", "hungaro",
    "irlandes", "italiano", "letao", "lituano", "luxemburgues", "maltes", "neerlandes",
    "holandes", "polaco", "romeno", "sueco", "checo", "islandes", "noruegues",
    "liechtensteinense", "suico", "europeu", "comunitario",
)
_EU = _EU_ADJECTIVES | {"alemanha", "austria", "belgica", "bulgaria",
     "chipre", "croacia", "dinamarca", "eslovaquia", "eslovenia", "espanha", "estonia", "finlandia",
     "franca", "grecia", "hungria", "irlanda", "italia", "letonia", "lituania", "luxemburgo",
     "holanda", "polonia", "romenia", "suecia", "chequia", "islandia", "noruega",
     "liechtenstein", "suica", "ue", "eee", "europa"}
_EU_PHRASES = ("uniao europeia", "espaco economico europeu", "pais europeu", "estado membro",
               "estado-membro", "paises baixos", "republica checa")
_OTHER_ADJECTIVES = _forms(
    "brasileiro", "angolano", "cabo-verdiano", "caboverdiano", "guineense", "sao-tomense",
    "santomense", "mocambicano", "timorense", "ucraniano", "russo", "moldavo", "indiano",
    "nepales", "nepalense", "paquistanes", "bengali", "bangladeshiano", "chines", "americano",
    "norte-americano", "canadiano", "venezuelano", "colombiano", "argentino", "marroquino",
    "argelino", "tunisino", "senegales", "nigeriano", "britanico", "ingles", "escoces", "turco",
    "sirio", "afegao", "iraquiano", "iraniano", "filipino", "tailandes", "vietnamita",
    "georgiano", "bielorrusso", "cubano", "peruano", "equatoriano", "mexicano", "estrangeiro",
)
_OTHER = _OTHER_ADJECTIVES | {"brasil", "angola", "cabo verde", "guine", "mocambique", "ucrania", "russia", "india",
     "nepal", "paquistao", "bangladesh", "china", "eua", "estados unidos", "reino unido",
     "inglaterra", "venezuela", "marrocos", "extracomunitario", "extracomunitaria", "afeganistao"}
# The adjectives alone ("portugueses", "cabo-verdiana"), not the names of countries.
NATIONALITY_ADJECTIVES: dict[str, str] = {
    **{w: Nationality.OTHER.value for w in _OTHER_ADJECTIVES},
    **{w: Nationality.EU.value for w in _EU_ADJECTIVES},
    **{w: Nationality.PT.value for w in _forms("portugues")},
}
_NOT_PT = re.compile(r"\bnao (?:sou|e|somos|tenho nacionalidade) (?:de )?portugues|\bnao sou de portugal")


def _has(tokens: set[str], norm: str, vocabulary: set[str]) -> bool:
    multiword = {w for w in vocabulary if " " in w}
    return bool(tokens & vocabulary) or any(re.search(rf"\b{re.escape(w)}\b", norm) for w in multiword)


_VOCABULARIES = ((_PT, Nationality.PT), (_EU, Nationality.EU), (_OTHER, Nationality.OTHER))


def parse_nationality(text: str | None) -> str | None:
    """A ``Nationality`` code: "portuguesa" -> "pt"; "francesa", "da UE", "norueguês", "suíço" -> "eu";
    "sou brasileiro", "ucraniana" -> "other"; nothing recognisable -> ``None``.

    A Portuguese citizen with a second nationality is "pt" (the most
    favourable rule applies); "não sou portuguesa, sou brasileira" -> "other".
    """
    if not text:
        return None
    norm = normalise(text)
    words = re.findall(r"[a-z]+(?:-[a-z]+)*", norm)
    tokens = set(words)
    # "cabo verdiana", "sao tomense": compound names written without their hyphen
    tokens |= {f"{a}-{b}" for a, b in zip(words, words[1:], strict=False)}
    if "da ue" in norm or "na ue" in norm:
        tokens.add("ue")
    if not _NOT_PT.search(norm) and _has(tokens, norm, _PT):
        return Nationality.PT.value
    if any(p in norm for p in _EU_PHRASES) or _has(tokens, norm, _EU):
        if not re.search(r"\b(?:fora da|nao e da|nao sou da) (?:ue|uniao europeia|europa)\b", norm):
            return Nationality.EU.value
        return Nationality.OTHER.value
    if _has(tokens, norm, _OTHER):
        return Nationality.OTHER.value
    # Small typos in a one-word answer ("portugesa", "brasilera").
    words = [t for t in tokens if len(t) >= 6]
    for word in words:
        for vocabulary, code in _VOCABULARIES:
            if difflib.get_close_matches(word, [v for v in vocabulary if len(v) >= 6], n=1, cutoff=0.85):
                return code.value
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
    """A ``Region`` code: "Açores", "acores", "São Miguel", "Ponta Delgada" -> "acores";
    "Madeira", "Porto Santo", "Funchal" -> "madeira"; "continente", "Lisboa",
    "Porto" and district capitals -> "continente"; otherwise ``None``.
    """
    if not text:
        return None
    norm = normalise(text)

    def found(names: tuple[str, ...]) -> bool:
        return any(re.search(rf"\b{re.escape(n)}\b", norm) for n in names)

    # Longest, most specific names first: "Santa Maria da Feira" is on the
    # mainland, "Porto Santo" is in Madeira.
    if "santa maria da feira" in norm:
        return Region.CONTINENTE.value
    if found(_MADEIRA):
        return Region.MADEIRA.value
    if found(_ACORES):
        return Region.ACORES.value
    island = re.search(r"\bilha d[aeo]s? (\w+)", norm)
    if (island and island.group(1) in _ACORES_AMBIGUOUS) or norm.strip(" .!") in _ACORES_AMBIGUOUS:
        return Region.ACORES.value
    if found(_CONTINENTE):
        return Region.CONTINENTE.value
    return None
