"""Personalised list of documents for an RSI application.

Follows Portaria n.º 257/2012 (republished by Portaria n.º 253/2017), art. 3.º:
n.º 1 alíneas a) a i) for the applicant and every household member, n.º 2 for
capital or property income, n.º 3 for the proof of legal residence, n.ºs 4 e 5 for
what the Segurança Social already holds; the form itself is art. 30.º; the
authorisation to reach information held by others is art. 5.º, n.ºs 5 e 6.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from bot.closed_sets import Nationality, WorkSituation
from bot.figures import duration
from bot.rules import parameters
from bot.rules.eligibility import work_situation
from bot.rules.entitlement import validate
from bot.rules.model import Household

PORTARIA = "Portaria n.º 257/2012, art. 3.º"  # republished by Portaria n.º 253/2017
AUTHORISATION_BASIS = "Portaria n.º 257/2012, art. 5.º, n.ºs 5 e 6; Lei n.º 13/2003, art. 17.º, n.º 8"


@dataclass(frozen=True)
class DocumentItem:
    code: str
    text: str  # pt-PT
    legal_basis: str
    who: str  # pt-PT

    def to_dict(self) -> dict[str, Any]:
        return {"code": self.code, "text": self.text, "legal_basis": self.legal_basis, "who": self.who}


def _everyone(h: Household) -> str:
    if h.adults == 1 and h.minors == 0:
        return "requerente"
    return "requerente e todos os membros do agregado, incluindo menores" if h.minors else \
        "requerente e todos os membros do agregado"


def _foreign_members_residence(h: Household) -> list[DocumentItem]:
    """A Portuguese applicant's household members of another nationality bring
    their own proof (art. 3.º, n.º 1 covers every member of the household)."""
    if h.foreign_members is False or (h.adults == 1 and h.minors == 0):
        return []
    who = "membros do agregado que não sejam cidadãos portugueses"
    if h.foreign_members is None:
        who += " (se houver)"
    return [DocumentItem(
        "legal_residence",
        "Cópia dos documentos que comprovam a residência legal em Portugal de quem não tem "
        "nacionalidade portuguesa, emitidos pela entidade competente, onde conste há quanto tempo reside.",
        f"{PORTARIA}, n.º 1, alínea c), e n.º 3",
        who,
    )]


def _residence(h: Household) -> list[DocumentItem]:
    if h.nationality == Nationality.PT:
        # the applicant's civil identification document already shows it
        return _foreign_members_residence(h)
    generic = DocumentItem(
        "legal_residence",
        "Cópia dos documentos que comprovam a residência legal em Portugal, emitidos pela "
        "entidade competente, onde conste há quanto tempo reside.",
        f"{PORTARIA}, n.º 1, alínea c)",
        "requerente e membros do agregado que não sejam cidadãos portugueses",
    )
    if h.nationality == Nationality.EU:
        specific = DocumentItem(
            "residence_registration_certificate",
            "Certidão do registo do direito de residência, emitida pela câmara municipal da área "
            "onde reside (cidadãos da União Europeia, do Espaço Económico Europeu ou de Estado com "
            "acordo de livre circulação com a UE).",
            f"{PORTARIA}, n.º 3, alínea a)",
            "requerente",
        )
    elif h.refugee:
        specific = DocumentItem(
            "refugee_status",
            "Documento que prove o estatuto de refugiado e o título de residência (não se exige "
            "o ano mínimo de residência).",
            f"{PORTARIA}, n.º 3, alínea b)",
            "requerente",
        )
    else:
        specific = DocumentItem(
            "residence_permit",
            "Visto de estada temporária, visto de residência ou autorização de residência "
            "(temporária ou permanente), com permanência em Portugal ao abrigo desses títulos "
            "durante pelo menos um ano.",
            f"{PORTARIA}, n.º 3, alínea b)",
            "requerente",
        )
    return [generic, specific]


# The checklist has no date: like the age rule below, the figures it quotes are the
# latest values of their parameters (one source, bot/rules/parameters/).


def _figure(name: str, unit: str) -> str:
    """The latest value of a count parameter in words: ``"3 meses"``, ``"18 anos"``."""
    return duration(parameters.latest(name).value, unit)


def _income(h: Household) -> list[DocumentItem]:
    items: list[DocumentItem] = []
    if h.employment_income > 0:
        if h.variable_income:
            months = _figure("documents.variable_wage_payslip_months", "months")
            items.append(DocumentItem(
                # The code names the item, not the count: it stays when the months change.
                "pay_slips_3_months",
                f"Cópia dos recibos de vencimento dos {months} anteriores ao do requerimento "
                "(rendimentos variáveis).",
                f"{PORTARIA}, n.º 1, alínea e)",
                "membros do agregado que trabalham por conta de outrem",
            ))
        else:
            items.append(DocumentItem(
                "pay_slips_1_month",
                "Cópia dos recibos de vencimento do mês anterior ao do requerimento "
                "(rendimentos regulares).",
                f"{PORTARIA}, n.º 1, alínea d)",
                "membros do agregado que trabalham por conta de outrem",
            ))
    if h.capital_or_property_income:
        items.append(DocumentItem(
            "rent_receipts",
            "Cópia dos recibos de renda emitidos (rendimentos prediais).",
            f"{PORTARIA}, n.º 2, alínea a)",
            "membros do agregado com rendimentos prediais",
        ))
        items.append(DocumentItem(
            "bank_statements",
            "Cópia dos comprovativos do valor dos depósitos bancários e dos valores mobiliários "
            "(por exemplo, extratos de conta) e dos respetivos rendimentos.",
            f"{PORTARIA}, n.º 2, alínea b)",
            "membros do agregado com rendimentos de capitais",
        ))
    return items


def _under_age(h: Household) -> bool:
    """Only an applicant under the minimum age proves the exceptions of Lei n.º 13/2003,
    art. 4.º, n.º 2: items g) and h) of the list are the proofs of alíneas a) and b)."""
    return h.age is not None and h.age < parameters.latest("minimum_age").value


def _health(h: Household) -> list[DocumentItem]:
    items: list[DocumentItem] = []
    situation = work_situation(h)
    if situation is WorkSituation.UNABLE_TO_WORK:
        items.append(DocumentItem(
            "sick_leave_certificate",
            "Certificado de incapacidade temporária para o trabalho por doença (CIT), se não puder "
            "trabalhar por motivo de doença.",
            f"{PORTARIA}, n.º 1, alínea f)",
            "membro do agregado que está doente",
        ))
    elif situation is WorkSituation.CARER:
        # Art. 6.º-A of the Lei proves the care given the same way as an illness:
        # by medical certification (the CIT of alínea f)).
        items.append(DocumentItem(
            "care_certificate",
            "Certificado médico (CIT) que comprove que presta apoio indispensável a uma pessoa "
            "do agregado.",
            f"{PORTARIA}, n.º 1, alínea f)",
            "membro do agregado que presta esse apoio",
        ))
    minimum_age = _figure("minimum_age", "years")
    # The dependants exception is a proof of disability only when the dependant is
    # a disabled person: with no minors in the household, or when one was declared.
    if _under_age(h) and h.has_dependents and (h.disability or h.minors == 0):
        items.append(DocumentItem(
            "disability_proof",
            f"Comprovativo da deficiência da pessoa a seu cargo (porque tem menos de {minimum_age} e "
            "pede o RSI por ter a seu cargo uma pessoa com deficiência).",
            f"{PORTARIA}, n.º 1, alínea g)",
            f"requerente com menos de {minimum_age}",
        ))
    if _under_age(h) and h.pregnant:
        items.append(DocumentItem(
            "pregnancy_certificate",
            f"Declaração médica que comprove a gravidez (porque tem menos de {minimum_age} e pede o "
            "RSI por estar grávida).",
            f"{PORTARIA}, n.º 1, alínea h)",
            f"requerente com menos de {minimum_age}",
        ))
    return items


def _adults_who(h: Household) -> str:
    return "requerente" if h.adults == 1 else "requerente e cada um dos outros adultos do agregado"


def checklist(household: Household) -> list[DocumentItem]:
    """Documents to bring for ``household``, each with its legal basis."""
    validate(household)
    h = household
    everyone = _everyone(h)
    items = [DocumentItem(
        "application_form",
        "Requerimento preenchido no formulário próprio (Mod. RSI 1-DGSS), disponível no portal da "
        "Segurança Social.",
        "Portaria n.º 257/2012, art. 30.º",
        "requerente",
    )]
    if not h.already_in_ss_system:
        items += [
            DocumentItem(
                "civil_id",
                "Cópia do documento de identificação civil (por exemplo, cartão de cidadão, "
                "passaporte ou título de residência).",
                f"{PORTARIA}, n.º 1, alínea a)",
                everyone,
            ),
            DocumentItem(
                "tax_id",
                "Cópia do documento de identificação fiscal (NIF).",
                f"{PORTARIA}, n.º 1, alínea b)",
                everyone,
            ),
        ]
    items += _residence(h)
    items += _income(h)
    items += _health(h)
    items.append(DocumentItem(
        "information_access_authorisation",
        "Declaração de autorização para a Segurança Social pedir a outras entidades (por exemplo, "
        "as Finanças) informação sobre os rendimentos, assinada por cada adulto. Se a pedirem e não "
        "for entregue, o pedido é arquivado.",
        AUTHORISATION_BASIS,
        _adults_who(h),
    ))
    items.append(DocumentItem(
        "irs_declaration",
        "Cópia da declaração de IRS do ano anterior, se estiver obrigado a entregá-la e a "
        "Segurança Social não tiver já essa informação.",
        f"{PORTARIA}, n.º 1, alínea i)",
        "membros do agregado obrigados a entregar declaração de IRS",
    ))
    if h.already_in_ss_system:
        note = ("Como os seus dados de identificação já constam atualizados no sistema da Segurança "
                "Social, não precisa de entregar de novo os documentos de identificação. Os restantes "
                "só lhe serão pedidos se lá não constarem.")
    else:
        note = ("Os documentos cujos dados já constem atualizados no sistema de informação da "
                "Segurança Social não são pedidos de novo: só tem de os entregar se lhos pedirem.")
    items.append(DocumentItem("already_in_system_note", note, f"{PORTARIA}, n.ºs 4 e 5", "nota"))
    return items
