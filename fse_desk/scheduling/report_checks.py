"""Our structure checks of a Referto di televisita CDA (what the gateway's schematron
blocks on, in the part FSE Desk writes); an empty list means valid."""

from __future__ import annotations

from xml.etree.ElementTree import Element

from fse_desk.documents.cda import parse_xml
from fse_desk.domain.identifiers import CF_OID
from fse_desk.errors import DocumentError
from fse_desk.pss.check_issue import CheckIssue
from fse_desk.scheduling.report import REPORT_LOINC
from fse_desk.scheduling.report_cda import DOCUMENT_TEMPLATE, PRESTAZIONI, REFERTO

_N = "{urn:hl7-org:v3}"


def _find(root: Element, path: str) -> list[Element]:
    steps = [f"{_N}{s}" if s and s != "." else s for s in path.split("/")]
    return root.findall("/".join(steps))


_REQUIRED = (
    ("realmCode[@code='IT']", "header.realm", "realmCode IT"),
    (f"templateId[@root='{DOCUMENT_TEMPLATE}']", "header.template", "the national templateId"),
    (f"code[@code='{REPORT_LOINC}']", "header.code", "code 75496-0"),
    ("confidentialityCode", "header.confidentiality", "confidentialityCode"),
    ("languageCode", "header.language", "languageCode"),
    (f"recordTarget/patientRole/id[@root='{CF_OID}']", "header.patient", "patient CF"),
    ("recordTarget/patientRole/patient/name/family", "header.patient.name", "patient name"),
    ("recordTarget/patientRole/patient/birthTime", "header.patient.birth", "birthTime"),
    (f"author/assignedAuthor/id[@root='{CF_OID}']", "header.author", "author CF"),
    (
        "custodian/assignedCustodian/representedCustodianOrganization/name",
        "header.custodian",
        "custodian name",
    ),
    ("legalAuthenticator/signatureCode[@code='S']", "header.legal", "legal authenticator (S)"),
    (
        "legalAuthenticator/assignedEntity/assignedPerson/name/given",
        "header.legal.name",
        "signer name",
    ),
    ("inFulfillmentOf/order/id", "header.order", "inFulfillmentOf (the booking)"),
    ("documentationOf/serviceEvent/code", "header.service_event", "serviceEvent code"),
    (
        "componentOf/encompassingEncounter/location/healthCareFacility/serviceProviderOrganization"
        "[@classCode='ORG']",
        "header.encounter",
        "encounter location organization",
    ),
)


def validate_report_structure(xml: bytes) -> list[CheckIssue]:
    try:
        root = parse_xml(xml)
    except DocumentError as exc:
        return [CheckIssue("xml.unreadable", str(exc), "/")]
    if root.tag != f"{_N}ClinicalDocument":
        return [CheckIssue("xml.root", f"root element {root.tag!r} is not a ClinicalDocument", "/")]
    problems = [
        CheckIssue(check, f"missing {what}", path)
        for path, check, what in _REQUIRED
        if not _find(root, f"./{path}")
    ]
    encounter = _find(root, "./componentOf/encompassingEncounter/code")
    if not encounter or encounter[0].get("code") not in ("VR", "AMB", "HH"):
        problems.append(
            CheckIssue("header.encounter.class", "encounter class is not VR/HH/AMB", "")
        )
    present = {
        c.get("code") for c in _find(root, "./component/structuredBody/component/section/code")
    }
    for required, title, _template in (PRESTAZIONI, REFERTO):
        if required not in present:
            problems.append(
                CheckIssue("section.missing", f"the {title} section is missing", required)
            )
    for section in _find(root, "./component/structuredBody/component/section"):
        coded = section.find(f"{_N}code")
        key = (coded.get("code") or "") if coded is not None else ""
        text = section.find(f"{_N}text")
        if text is None or not "".join(text.itertext()).strip():
            problems.append(CheckIssue("section.text", f"section {key} has no text", key or ""))
        if key == PRESTAZIONI[0]:
            entries = section.findall(f"{_N}entry")
            media = section.findall(
                f"{_N}entry/{_N}observationMedia/{_N}value[@representation='B64']"
            )
            if len(entries) < 2 or len(media) != 1:
                problems.append(
                    CheckIssue(
                        "section.prestazioni", "prestazioni needs two entries, one media", key
                    )
                )
    return problems
