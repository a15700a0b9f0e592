"""What the national schematrons require of each document type of the demo region, checked
in our own words on a small region (the Ministry's files cannot ship with the project:
``./dev conformance CATALOGS`` runs them where a checkout is at hand).

Each rule is one the demo region broke before (``./dev conformance``: 5,422 errors over
RAD, RSA, PrF, PrS, VACC, VPS and televisit reports); each is an XPath that must be true.
"""

from __future__ import annotations

from collections import Counter

import pytest
from lxml import etree

from tools.conformance.runner import Document

NS = {"h": "urn:hl7-org:v3", "xsi": "http://www.w3.org/2001/XMLSchema-instance"}
LOINC = "2.16.840.1.113883.6.1"
NRE = "2.16.840.1.113883.2.9.4.3.9"
CF = "2.16.840.1.113883.2.9.4.3.2"
BODY = "h:component/h:structuredBody/h:component/h:section"


def _section(code: str) -> str:
    return f"{BODY}[h:code[@code='{code}' and @codeSystem='{LOINC}']]"


def _only_sections(*codes: str) -> str:
    allowed = " or ".join(f"@code='{c}'" for c in codes)
    return f"count({BODY}[not(h:code[{allowed}])]) = 0"


RSA_SECTIONS = (
    "29299-5", "11329-0", "30954-2", "29545-1", "62387-6", "93126-1",
    "47045-0", "29548-5", "55110-1", "62385-0", "80615-8", "93341-6",
)  # fmt: skip
PRESCRIPTION_SECTIONS = ("57827-8", "57828-6", "48767-8", "51851-4", "8716-3", "48765-2", "47420-5")
VPS_SECTIONS = (
    "11459-5", "46239-0", "54094-8", "78337-3", "46240-8", "8648-8", "55109-3",
    "62387-6", "30954-2", "8716-3", "29549-3", "28574-2", "18776-5", "75311-1",
)  # fmt: skip
PRESTAZIONI = _section("62387-6")
EXEMPTIONS = _section("57827-8")
PRESCRIBED = _section("57828-6")
NOTES = _section("48767-8")


def _prescription_rules() -> dict[str, str]:
    return {
        "the document id is the NRE": f"count(h:id[@root='{NRE}' and @extension]) = 1",
        "an Esenzioni section with the NRE as id": (
            f"count({EXEMPTIONS}) = 1 and count({EXEMPTIONS}/h:id[@root='{NRE}']) = 1"
        ),
        "one exemption, from the national catalogue or 'NE'": (
            f"count({EXEMPTIONS}/h:entry) = 1 and count({EXEMPTIONS}/h:entry/h:act["
            "@classCode='ACT' and @moodCode='EVN']/h:code[@codeSystem="
            "'2.16.840.1.113883.2.9.6.1.22' or (@code='NE' and @codeSystem="
            "'2.16.840.1.113883.2.9.5.2.2')]) = 1"
        ),
        "the Prescrizioni section has the NRE as id and entries": (
            f"count({PRESCRIBED}/h:id[@root='{NRE}']) = 1 and count({PRESCRIBED}/h:entry) >= 1"
        ),
        "notes have the NRE as id and an entry pointing at their text": (
            f"count({NOTES}) = 0 or (count({NOTES}/h:id[@root='{NRE}']) = 1 and "
            f"count({NOTES}/h:entry/h:act/h:text/h:reference[@value]) >= 1)"
        ),
        "only the sections the guide names": _only_sections(*PRESCRIPTION_SECTIONS),
    }


RULES: dict[str, dict[str, str]] = {
    "68604-8": {  # referto di radiologia
        "patientRole carries the CF and the PACS id": (
            f"count(h:recordTarget/h:patientRole/h:id[@root='{CF}']) = 1 and "
            "count(h:recordTarget/h:patientRole/h:id) >= 2"
        ),
        "the exam performed is an act with status and time": (
            f"count({_section('55111-9')}/h:entry/h:act[h:statusCode and h:effectiveTime]) >= 1"
        ),
    },
    "11488-4": {  # referto specialistico ambulatoriale
        "only the sections the guide names": _only_sections(*RSA_SECTIONS),
        "a Prestazioni section with an act performed at a time": (
            f"count({PRESTAZIONI}/h:text) = 1 and count({PRESTAZIONI}/h:entry/h:act["
            "@classCode='ACT' and @moodCode='EVN']/h:effectiveTime[@value]) >= 1"
        ),
        "a Referto section with text": f"count({_section('47045-0')}/h:text) = 1",
        "the encounter's organisation says what it is part of": (
            "count(h:componentOf//h:serviceProviderOrganization/h:asOrganizationPartOf) = 0 or "
            "count(h:componentOf//h:serviceProviderOrganization/h:asOrganizationPartOf/h:id) = 1"
        ),
    },
    "75496-0": {  # referto di televisita
        "only the sections the guide names": _only_sections(*RSA_SECTIONS),
        "it answers a request": "count(h:inFulfillmentOf) >= 1",
        "the service provider is an organisation part of another": (
            "count(h:componentOf//h:serviceProviderOrganization[@classCode='ORG']"
            "/h:asOrganizationPartOf/h:id) = 1"
        ),
        "Prestazioni: the act with branca and disciplina, and the record as B64 media": (
            f"count({PRESTAZIONI}/h:entry) >= 2 and count({PRESTAZIONI}/h:entry/"
            "h:observationMedia/h:value[@representation='B64']) = 1 and "
            f"count({PRESTAZIONI}/h:entry/h:act/h:entryRelationship/h:observation/h:templateId"
            "[@root='2.16.840.1.113883.3.1937.777.63.10.703' or "
            "@root='2.16.840.1.113883.3.1937.777.63.10.704']) = 2"
        ),
        "a Referto section with text": f"count({_section('47045-0')}/h:text) = 1",
    },
    "57833-6": {  # prescrizione farmaceutica
        **_prescription_rules(),
        "each drug: requested, with a period, AIC code and ATC, and the packs": (
            f"count({PRESCRIBED}/h:entry) = count({PRESCRIBED}/h:entry/h:substanceAdministration"
            "[@moodCode='RQO'][h:effectiveTime[@xsi:type='IVL_TS']]"
            "[h:consumable/h:manufacturedProduct/h:manufacturedLabeledDrug/h:code"
            "[@codeSystem='2.16.840.1.113883.2.9.6.1.5']/h:translation[@code and @codeSystem]]"
            "[h:entryRelationship[@typeCode='COMP']/h:supply[@classCode='SPLY' and "
            "@moodCode='RQO'][h:independentInd[@value='false']]/h:quantity[@value]])"
        ),
    },
    "57832-8": {  # prescrizione specialistica
        **_prescription_rules(),
        "the encounter is an outpatient one (AMB)": (
            "count(h:componentOf/h:encompassingEncounter/h:code"
            "[@code='AMB' and @codeSystem='2.16.840.1.113883.5.4']) = 1"
        ),
        "each service: requested, with its kind of access": (
            f"count({PRESCRIBED}/h:entry) = count({PRESCRIBED}/h:entry/h:observation"
            "[@moodCode='RQO']/h:entryRelationship[@typeCode='REFR']/h:encounter"
            "[@classCode='ENC' and @moodCode='INT'][h:code]"
            "/h:templateId[@root='2.16.840.1.113883.3.1937.777.63.10.276'])"
        ),
    },
    "87273-9": {  # certificato di singola vaccinazione
        "one vaccination section, one administered dose with its AIC": (
            f"count({BODY}) = 1 and count({BODY}/h:templateId"
            "[@root='2.16.840.1.113883.2.9.10.1.11.3.1']) = 1 and "
            f"count({BODY}/h:entry) = 1 and count({BODY}/h:entry/h:substanceAdministration"
            "[@classCode='SBADM' and @moodCode='EVN'][h:statusCode[@code='completed']]"
            "[h:effectiveTime][h:templateId[@root='2.16.840.1.113883.2.9.10.1.11.4.1']]"
            "/h:consumable[@typeCode='CSM']/h:manufacturedProduct/h:manufacturedMaterial"
            "/h:code[@codeSystem='2.16.840.1.113883.2.9.6.1.5']) = 1"
        ),
    },
    "59258-4": {  # verbale di pronto soccorso
        "only the sections the guide names": _only_sections(*VPS_SECTIONS),
        "the stay in the service event is a period": (
            "count(h:documentationOf/h:serviceEvent/h:effectiveTime[h:low and h:high]) = 1"
        ),
        "transport: one act with the EMUR arrival and sender": (
            f"count({_section('11459-5')}/h:entry) = 1 and count({_section('11459-5')}/h:entry"
            "/h:act[h:code/@codeSystem='2.16.840.1.113883.2.9.6.1.54.6']/h:participant"
            "/h:participantRole/h:code[@codeSystem='2.16.840.1.113883.2.9.6.1.54.1']) = 1"
        ),
        "visit reason: the EMUR main problem": (
            f"count({_section('46239-0')}/h:entry/h:observation[h:code/@code='56817-0']"
            "[h:statusCode/@code='completed']"
            "/h:value[@codeSystem='2.16.840.1.113883.2.9.6.1.54.2']) = 1"
        ),
        "triage: the EMUR level": (
            f"count({_section('54094-8')}/h:entry/h:observation[h:code/@code='11283-9']"
            "/h:value[@codeSystem='2.16.840.1.113883.2.9.6.1.54.4']) >= 1"
        ),
        "discharge: by a named doctor, with EMUR outcome and ICD-9-CM diagnosis": (
            f"count({_section('28574-2')}/h:entry/h:act[h:code/@code='dimissione']"
            f"[h:performer/h:assignedEntity/h:id/@root='{CF}']"
            "[h:entryRelationship/h:observation[h:code/@code='11302-7']"
            "/h:value/@codeSystem='2.16.840.1.113883.2.9.6.1.54.5']"
            "[h:entryRelationship/h:observation[h:code/@code='29308-4']"
            "/h:value/@codeSystem='2.16.840.1.113883.6.103']) = 1"
        ),
        "every section has the guide's templateId": (f"count({BODY}[not(h:templateId)]) = 0"),
    },
}


@pytest.fixture(scope="module")
def documents() -> list[Document]:
    from tools.conformance.corpus import demo_region_documents

    return list(demo_region_documents(20))


def _code(root: etree._Element) -> str:
    code = root.find("h:code", NS)
    return "" if code is None else str(code.get("code", ""))


def test_the_small_region_has_every_checked_type(documents: list[Document]) -> None:
    kinds = Counter(_code(etree.fromstring(d.content)) for d in documents)
    assert {kind for kind in RULES if kinds[kind] == 0} == set()


@pytest.mark.parametrize("kind", sorted(RULES))
def test_each_document_keeps_the_rules_that_once_failed(
    documents: list[Document], kind: str
) -> None:
    broken: Counter[str] = Counter()
    checked = 0
    for document in documents:
        root = etree.fromstring(document.content)
        if _code(root) != kind:
            continue
        checked += 1
        for words, test in RULES[kind].items():
            if not root.xpath(f"boolean({test})", namespaces=NS):
                broken[words] += 1
    assert checked
    assert dict(broken) == {}


def test_a_broken_document_is_caught() -> None:
    """The checks can fail: a radiology report with only the CF breaks its first rule."""
    doc = (
        '<ClinicalDocument xmlns="urn:hl7-org:v3"><recordTarget><patientRole>'
        f'<id root="{CF}" extension="X"/></patientRole></recordTarget></ClinicalDocument>'
    )
    root = etree.fromstring(doc.encode())
    results = {
        words: bool(root.xpath(f"boolean({test})", namespaces=NS))
        for words, test in RULES["68604-8"].items()
    }
    assert results == {
        "patientRole carries the CF and the PACS id": False,
        "the exam performed is an act with status and time": False,
    }
