"""The coded entries of the demo region's documents, and their CDA rendering.

Each kind is what one national schematron requires of a section (facts from the HL7
Italia guides, as the Ministry's schematrons check them): the performed service of a
specialist or radiology report, the exemption and the prescribed drugs or services of
an electronic prescription, the administered vaccine, the televisit's record.
"""

from __future__ import annotations

import base64
from dataclasses import dataclass
from xml.sax.saxutils import quoteattr

from fse_desk.domain.identifiers import LOINC_OID

AIC = "2.16.840.1.113883.2.9.6.1.5"
ATC = "2.16.840.1.113883.6.73"
EXEMPTIONS = "2.16.840.1.113883.2.9.6.1.22"
"""Catalogo nazionale delle esenzioni."""
NO_EXEMPTION = ("NE", "2.16.840.1.113883.2.9.5.2.2")
"""Nessuna esenzione: the code a prescription states when the patient pays."""
AIFA_NOTES = "2.16.840.1.113883.2.9.6.1.24"
ACT_CODE = "2.16.840.1.113883.5.4"
PRIORITY = "2.16.840.1.113883.5.7"
PRIORITY_IT = "2.16.840.1.113883.2.9.5.2.3"
# The national priority classes (U, B, D, P) and their HL7 v3 ActPriority equivalents.
PRIORITY_V3 = {"U": "S", "B": "A", "D": "EL", "P": "R"}
ACCESS_TEMPLATE = "2.16.840.1.113883.3.1937.777.63.10.276"
"""Prescrizione specialistica: the kind of access (first visit or follow-up)."""
BRANCA_TEMPLATE = "2.16.840.1.113883.3.1937.777.63.10.703"
DISCIPLINA_TEMPLATE = "2.16.840.1.113883.3.1937.777.63.10.704"
VACCINATION_TEMPLATE = "2.16.840.1.113883.2.9.10.1.11.4.1"
DOSE_TEMPLATE = "2.16.840.1.113883.2.9.10.1.11.4.3"
DOSE_NUMBER = "30973-2"
ROUTE = "2.16.840.1.113883.5.112"  # HL7 RouteOfAdministration
SITE = "2.16.840.1.113883.5.1052"  # HL7 ActSite
NOTE = "48767-8"
# Verbale di pronto soccorso: the EMUR value sets and the guide's entry templates.
ED_SENDER = "2.16.840.1.113883.2.9.6.1.54.1"  # responsabile dell'invio
ED_PROBLEM = "2.16.840.1.113883.2.9.6.1.54.2"  # problema principale
ED_TRIAGE = "2.16.840.1.113883.2.9.6.1.54.4"  # codice triage
ED_OUTCOME = "2.16.840.1.113883.2.9.6.1.54.5"  # esito del trattamento
ED_ARRIVAL = "2.16.840.1.113883.2.9.6.1.54.6"  # modalità di arrivo
ICD9CM = "2.16.840.1.113883.6.103"
CF_ROOT = "2.16.840.1.113883.2.9.4.3.2"
ED_ACT_CODES = "2.16.840.1.113883.2.9.5.1.4"
TRANSPORT_TEMPLATE = "2.16.840.1.113883.2.9.10.1.6.40"
PROBLEM_TEMPLATE = "2.16.840.1.113883.2.9.10.1.6.37"
CAUSE_TEMPLATE = "2.16.840.1.113883.2.9.10.1.6.87"
TRIAGE_TEMPLATE = "2.16.840.1.113883.2.9.10.1.6.39"
DISCHARGE_TEMPLATE = "2.16.840.1.113883.2.9.10.1.6.66"
OUTCOME_TEMPLATE = "2.16.840.1.113883.2.9.10.1.6.69"
DIAGNOSIS_TEMPLATE = "2.16.840.1.113883.2.9.10.1.6.70"


@dataclass(frozen=True, slots=True)
class Performed:
    """A service performed (Prestazioni, Esame eseguito): an act in EVN mood.

    Coded with ``nullFlavor="OTH"`` and its wording: the nomenclatore code stays in the
    narrative table, since no national code system is required here."""

    description: str
    with_specialty: bool = False  # televisit: the branca and disciplina observations


@dataclass(frozen=True, slots=True)
class Exemption:
    """The one exemption a prescription applies; ``code`` empty: none (NE)."""

    code: str
    description: str


@dataclass(frozen=True, slots=True)
class PrescribedDrug:
    name: str
    aic: str
    atc: str
    packs: int
    aifa_note: str = ""  # the AIFA note number, e.g. "13"


@dataclass(frozen=True, slots=True)
class PrescribedService:
    description: str
    priority: str  # U, B, D or P
    follow_up: bool


@dataclass(frozen=True, slots=True)
class Note:
    """Annotazioni of a prescription: an act whose text points into the narrative."""

    reference: str  # the ID of the narrative element (without '#')


@dataclass(frozen=True, slots=True)
class Vaccine:
    name: str
    aic: str
    atc: str
    dose: int
    site: str  # HL7 ActSite: LD or RD (deltoid)
    volume_ml: str  # one dose, e.g. "0.5"


@dataclass(frozen=True, slots=True)
class VisitRecord:
    """The televisit's record for the FSE, attached as text (observationMedia B64)."""

    summary: str


@dataclass(frozen=True, slots=True)
class Coded:
    code: str
    display: str


@dataclass(frozen=True, slots=True)
class Arrival:
    """Modalità di trasporto: how the patient came (EMUR arrival) and who sent them."""

    means: Coded
    sender: Coded


@dataclass(frozen=True, slots=True)
class VisitReason:
    """Motivo della visita: the main problem (EMUR) and, in words, the cause of access."""

    problem: Coded
    cause: str


@dataclass(frozen=True, slots=True)
class Triage:
    level: Coded


@dataclass(frozen=True, slots=True)
class Discharge:
    """Dimissione: outcome (EMUR) and diagnosis (ICD-9-CM), by the discharging doctor."""

    outcome: Coded
    diagnosis: Coded
    doctor_cf: str
    doctor_given: str
    doctor_family: str
    when: str  # CDA TS of the discharge


Entry = (
    Performed
    | Exemption
    | PrescribedDrug
    | PrescribedService
    | Note
    | Vaccine
    | VisitRecord
    | Arrival
    | VisitReason
    | Triage
    | Discharge
)


def _t(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _performed(entry: Performed, when: str) -> str:
    specialty = (
        "".join(
            '<entryRelationship typeCode="COMP"><observation classCode="OBS" moodCode="EVN">'
            f'<templateId root="{template}"/><code nullFlavor="UNK" displayName="{label}"/>'
            "</observation></entryRelationship>"
            for template, label in (
                (BRANCA_TEMPLATE, "branca"),
                (DISCIPLINA_TEMPLATE, "disciplina"),
            )
        )
        if entry.with_specialty
        else ""
    )
    return (
        '<entry><act classCode="ACT" moodCode="EVN"><code nullFlavor="OTH">'
        f"<originalText>{_t(entry.description)}</originalText></code>"
        f'<statusCode code="completed"/><effectiveTime value="{when}"/>{specialty}</act></entry>'
    )


def _exemption(entry: Exemption) -> str:
    if entry.code:
        code = f'code={quoteattr(entry.code)} codeSystem="{EXEMPTIONS}"'
    else:
        code = f'code="{NO_EXEMPTION[0]}" codeSystem="{NO_EXEMPTION[1]}"'
    return (
        '<entry><act classCode="ACT" moodCode="EVN">'
        f"<code {code} displayName={quoteattr(entry.description)}/></act></entry>"
    )


def _drug(entry: PrescribedDrug, when: str) -> str:
    note = (
        '<entryRelationship typeCode="REFR"><act classCode="ACT" moodCode="EVN">'
        f'<code code="{entry.aifa_note}" codeSystem="{AIFA_NOTES}"'
        f' displayName="Nota AIFA {entry.aifa_note}"/></act></entryRelationship>'
        if entry.aifa_note
        else ""
    )
    return (
        '<entry><substanceAdministration classCode="SBADM" moodCode="RQO">'
        f'<effectiveTime xsi:type="IVL_TS"><low value="{when}"/></effectiveTime>'
        "<consumable><manufacturedProduct><manufacturedLabeledDrug>"
        f'<code code="{entry.aic}" codeSystem="{AIC}" displayName={quoteattr(entry.name)}>'
        f'<translation code="{entry.atc}" codeSystem="{ATC}"/></code>'
        "</manufacturedLabeledDrug></manufacturedProduct></consumable>"
        '<entryRelationship typeCode="COMP"><supply classCode="SPLY" moodCode="RQO">'
        f'<independentInd value="false"/><quantity value="{entry.packs}"/></supply>'
        f"</entryRelationship>{note}</substanceAdministration></entry>"
    )


def _service(entry: PrescribedService) -> str:
    access = "Accesso successivo" if entry.follow_up else "Primo accesso"
    return (
        '<entry><observation classCode="OBS" moodCode="RQO"><code nullFlavor="OTH">'
        f"<originalText>{_t(entry.description)}</originalText></code>"
        f'<priorityCode code="{PRIORITY_V3[entry.priority]}" codeSystem="{PRIORITY}">'
        f'<translation code="{entry.priority}" codeSystem="{PRIORITY_IT}"/></priorityCode>'
        '<entryRelationship typeCode="REFR"><encounter classCode="ENC" moodCode="INT">'
        f'<templateId root="{ACCESS_TEMPLATE}"/>'
        f'<code nullFlavor="OTH" displayName="{access}"/></encounter></entryRelationship>'
        "</observation></entry>"
    )


def _note(entry: Note) -> str:
    return (
        '<entry><act classCode="ACT" moodCode="EVN">'
        f'<code code="{NOTE}" codeSystem="{LOINC_OID}"/>'
        f'<text><reference value="#{entry.reference}"/></text></act></entry>'
    )


def _vaccine(entry: Vaccine, when: str) -> str:
    return (
        '<entry><substanceAdministration classCode="SBADM" moodCode="EVN">'
        f'<templateId root="{VACCINATION_TEMPLATE}"/><statusCode code="completed"/>'
        f'<effectiveTime value="{when}"/>'
        f'<routeCode code="IM" codeSystem="{ROUTE}" displayName="Injection, intramuscular"/>'
        f'<approachSiteCode code="{entry.site}" codeSystem="{SITE}"/>'
        f'<doseQuantity value="{entry.volume_ml}" unit="ml"/>'
        '<consumable typeCode="CSM"><manufacturedProduct><manufacturedMaterial>'
        f'<code code="{entry.aic}" codeSystem="{AIC}" displayName={quoteattr(entry.name)}>'
        f'<translation code="{entry.atc}" codeSystem="{ATC}"/></code>'
        "</manufacturedMaterial></manufacturedProduct></consumable>"
        '<entryRelationship typeCode="SUBJ" inversionInd="true">'
        f'<observation classCode="OBS" moodCode="EVN"><templateId root="{DOSE_TEMPLATE}"/>'
        f'<code code="{DOSE_NUMBER}" codeSystem="{LOINC_OID}"/><statusCode code="completed"/>'
        f'<value xsi:type="INT" value="{entry.dose}"/></observation></entryRelationship>'
        "</substanceAdministration></entry>"
    )


def _record(entry: VisitRecord) -> str:
    data = base64.b64encode(entry.summary.encode("utf-8")).decode("ascii")
    return (
        '<entry><observationMedia classCode="OBS" moodCode="EVN">'
        f'<value mediaType="text/plain" representation="B64">{data}</value>'
        "</observationMedia></entry>"
    )


def _cd(tag: str, coded: Coded, system: str, typed: bool = False) -> str:
    kind = ' xsi:type="CD"' if typed else ""
    return (
        f'<{tag}{kind} code={quoteattr(coded.code)} codeSystem="{system}"'
        f" displayName={quoteattr(coded.display)}/>"
    )


def _arrival(entry: Arrival) -> str:
    return (
        f'<entry><act classCode="ACT" moodCode="EVN"><templateId root="{TRANSPORT_TEMPLATE}"/>'
        f'{_cd("code", entry.means, ED_ARRIVAL)}<statusCode code="completed"/>'
        f'<participant typeCode="REF"><participantRole>{_cd("code", entry.sender, ED_SENDER)}'
        "</participantRole></participant></act></entry>"
    )


def _reason(entry: VisitReason, when: str) -> str:
    return (
        '<entry><observation classCode="OBS" moodCode="EVN">'
        f'<templateId root="{PROBLEM_TEMPLATE}"/><code code="56817-0" codeSystem="{LOINC_OID}"/>'
        f'<statusCode code="completed"/><effectiveTime value="{when}"/>'
        f"{_cd('value', entry.problem, ED_PROBLEM, typed=True)}</observation></entry>"
        '<entry><observation classCode="OBS" moodCode="EVN">'
        f'<templateId root="{CAUSE_TEMPLATE}"/><code code="29298-7" codeSystem="{LOINC_OID}"/>'
        f'<statusCode code="completed"/><value xsi:type="ST">{_t(entry.cause)}</value>'
        "</observation></entry>"
    )


def _triage(entry: Triage, when: str) -> str:
    return (
        '<entry><observation classCode="OBS" moodCode="EVN">'
        f'<templateId root="{TRIAGE_TEMPLATE}"/><code code="11283-9" codeSystem="{LOINC_OID}"/>'
        f'<statusCode code="completed"/><effectiveTime value="{when}"/>'
        f"{_cd('value', entry.level, ED_TRIAGE, typed=True)}</observation></entry>"
    )


def _discharge(entry: Discharge) -> str:
    return (
        f'<entry><act classCode="ACT" moodCode="EVN"><templateId root="{DISCHARGE_TEMPLATE}"/>'
        f'<code code="dimissione" codeSystem="{ED_ACT_CODES}"/><statusCode code="completed"/>'
        f'<effectiveTime value="{entry.when}"/><performer><assignedEntity>'
        f'<id root="{CF_ROOT}" extension="{entry.doctor_cf}"/><assignedPerson><name>'
        f"<given>{_t(entry.doctor_given)}</given><family>{_t(entry.doctor_family)}</family>"
        "</name></assignedPerson></assignedEntity></performer>"
        '<entryRelationship typeCode="OUTC"><observation classCode="OBS" moodCode="EVN">'
        f'<templateId root="{OUTCOME_TEMPLATE}"/><code code="11302-7" codeSystem="{LOINC_OID}"/>'
        f'<statusCode code="completed"/>{_cd("value", entry.outcome, ED_OUTCOME, typed=True)}'
        "</observation></entryRelationship>"
        '<entryRelationship typeCode="SUBJ"><observation classCode="OBS" moodCode="EVN">'
        f'<templateId root="{DIAGNOSIS_TEMPLATE}"/><code code="29308-4" codeSystem="{LOINC_OID}"/>'
        f'<statusCode code="completed"/>{_cd("value", entry.diagnosis, ICD9CM, typed=True)}'
        "</observation></entryRelationship></act></entry>"
    )


def render_entry(entry: Entry, when: str) -> str:
    """One ``<entry>``; ``when`` is the service time (CDA TS)."""
    if isinstance(entry, Performed):
        return _performed(entry, when)
    if isinstance(entry, Exemption):
        return _exemption(entry)
    if isinstance(entry, PrescribedDrug):
        return _drug(entry, when)
    if isinstance(entry, PrescribedService):
        return _service(entry)
    if isinstance(entry, Note):
        return _note(entry)
    if isinstance(entry, Vaccine):
        return _vaccine(entry, when)
    if isinstance(entry, Arrival):
        return _arrival(entry)
    if isinstance(entry, VisitReason):
        return _reason(entry, when)
    if isinstance(entry, Triage):
        return _triage(entry, when)
    if isinstance(entry, Discharge):
        return _discharge(entry)
    return _record(entry)
