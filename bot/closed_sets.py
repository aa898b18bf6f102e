"""The closed sets of values the assistant knows, each defined once.

Regions, nationalities, document types, delivery methods, channels, request
statuses, the exceptions to the minimum age and work situations. The rules,
the store's CHECK constraints, the command line's choices, the readers of
free text and the conversation's slots all take their values from here.

The values are stored: in the request database (certificate requests) and in
the slots of conversations. They must never change; a new value needs a
migration of the store (``bot/store/migrations``) and, for a slot, a look at
``domain.yml``. The migrations keep frozen copies of the values of their
time; ``tests/unit/test_closed_sets.py`` checks that they still agree.

Members are ``str``: ``Region.ACORES == "acores"``, they hash like their
value (a dict keyed by members is read with plain strings) and ``str()`` or
an f-string gives the value. Code that hands a value to the outside (a slot,
the database, JSON) passes ``.value``, a plain string.
"""

from __future__ import annotations

from enum import Enum

__all__ = [
    "AgeException",
    "Channel",
    "ClosedSet",
    "DeliveryMethod",
    "DocumentType",
    "Nationality",
    "Region",
    "RequestStatus",
    "WorkSituation",
]


class ClosedSet(str, Enum):
    """A closed set of string codes (``StrEnum`` of Python 3.11, for 3.10)."""

    def __str__(self) -> str:
        return self.value

    @classmethod
    def values(cls) -> tuple[str, ...]:
        """The codes, in the order they are defined (the order they are offered in)."""
        return tuple(member.value for member in cls)

    @classmethod
    def has(cls, value: object) -> bool:
        """Whether ``value`` is one of the codes (``"x" in cls`` raises on Python 3.10)."""
        return isinstance(value, str) and value in cls.values()

    @classmethod
    def listed(cls, conjunction: str = "ou") -> str:
        """The codes as pt-PT words for a message: "continente, acores ou madeira"."""
        codes = cls.values()
        return f"{', '.join(codes[:-1])} {conjunction} {codes[-1]}" if len(codes) > 1 else "".join(codes)


class Region(ClosedSet):
    """Where the person lives: the regional holidays and some regional deadlines differ."""

    CONTINENTE = "continente"
    ACORES = "acores"
    MADEIRA = "madeira"


class Nationality(ClosedSet):
    """The applicant's nationality as far as the legal residence condition is
    concerned (Lei n.º 13/2003, art. 6.º, n.º 1, alínea a))."""

    PT = "pt"
    EU = "eu"  # the EU, the other EEA states and Switzerland
    OTHER = "other"


class DocumentType(ClosedSet):
    """Documents that can be requested; the order is that of the numbered options (1, 2, 3)."""

    DECLARACAO_SITUACAO_CONTRIBUTIVA = "declaracao_situacao_contributiva"
    DECLARACAO_PRESTACOES = "declaracao_prestacoes"
    CERTIDAO_REQUERIMENTO = "certidao_requerimento"


class DeliveryMethod(ClosedSet):
    EMAIL = "email"
    POST = "post"


class Channel(ClosedSet):
    """Where a certificate request was made."""

    WEB = "web"
    REST = "rest"
    PHONE = "phone"
    STAFF = "staff"  # typed in by staff at a front desk


class RequestStatus(ClosedSet):
    """The life of a certificate request; the allowed changes are in ``bot.store.requests``."""

    REGISTERED = "registered"
    IN_PROGRESS = "in_progress"
    ISSUED = "issued"
    SENT = "sent"
    REFUSED = "refused"


class AgeException(ClosedSet):
    """Why someone under the minimum age may still be the applicant (Lei n.º 13/2003,
    art. 4.º, n.º 2), as the answer to that question (slot ``age_exception``)."""

    PREGNANT = "pregnant"
    UNION = "union"  # married or living in a de facto union for more than two years
    DEPENDENTS = "dependents"  # minors or disabled people in their care
    NONE = "none"  # the answer "none of these"


class WorkSituation(ClosedSet):
    """What the applicant does, as far as the IEFP registration is concerned.

    Registration is asked of the unemployed who can work (Lei n.º 13/2003,
    art. 6.º, n.º 1, alínea g)); art. 6.º-A exempts some of the others. Which
    situations exempt is a dated parameter (``employment_centre_registration.
    exemptions``), not this list.
    """

    WORKING = "working"
    UNEMPLOYED = "unemployed"
    STUDENT = "student"
    CARER = "carer"  # gives indispensable care to a household member
    UNABLE_TO_WORK = "unable_to_work"  # illness, disability, invalidity
    RETIRED = "retired"
