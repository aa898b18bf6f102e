"""Certificate requests: the documents offered, what a certidão can show,
and how a request's details are put in words. The readers of free text are
in ``bot.parsing.certificates``."""

from __future__ import annotations

from bot.closed_sets import DocumentType

__all__ = ["CERTIDAO_ELEMENTS", "DOCUMENT_TYPES", "certidao_details", "join_pt"]

# Document types offered (seed 004 art. 43 n.º 1 for the certidão; form
# RC 3042-DGSS for the declaração de situação contributiva), in the order of
# ``DocumentType``: the order of the numbered options offered to the person (1, 2, 3).
DOCUMENT_TYPES: dict[DocumentType, str] = {
    DocumentType.DECLARACAO_SITUACAO_CONTRIBUTIVA: "declaração de situação contributiva (modelo RC 3042-DGSS)",
    DocumentType.DECLARACAO_PRESTACOES: "declaração de prestações recebidas (RSI)",
    DocumentType.CERTIDAO_REQUERIMENTO: "certidão do seu requerimento de RSI",
}

# What a certidão of an application can certify (seed 004 art. 43 n.º 1 a)-d)),
# in the order of the article.
CERTIDAO_ELEMENTS: dict[str, str] = {
    "data": "a data de apresentação",
    "conteudo": "o conteúdo do pedido",
    "andamento": "o andamento",
    "decisao": "a decisão",
}


def join_pt(items: list[str]) -> str:
    """["a", "b", "c"] -> "a, b e c" (no serial comma in Portuguese)."""
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " e " + items[-1]


def certidao_details(elements: list[str] | None) -> str | None:
    """The text recorded with a certidão request: which elements it must show.

    ["decisao", "data"] -> "a certidão deve indicar a data de apresentação e a decisão"
    (order of art. 43 n.º 1, repetitions and unknown codes dropped); ``None``
    when no known element is given.
    """
    chosen = set(elements or ())
    labels = [label for code, label in CERTIDAO_ELEMENTS.items() if code in chosen]
    if not labels:
        return None
    return "a certidão deve indicar " + join_pt(labels)


# --------------------------------------------------------------------------- numbers
