"""Each structural rule fails on a CDA broken for it; each clinical rule names its field."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from datetime import date, datetime
from xml.etree import ElementTree as ET

import pytest

from fse_desk.pss import codes
from fse_desk.pss.cda_writer import write_cda
from fse_desk.pss.model import (
    CarePlan,
    Clinician,
    Coded,
    Problem,
    ProblemStatus,
    Therapy,
    VitalSign,
)
from fse_desk.pss.validator import validate_cda_structure, validate_pss
from tests.test_pss_support import MMG, ROME, TODAY, atc, full_pss, icd9, loinc, minimal_pss

V3 = "{urn:hl7-org:v3}"
Mutation = Callable[[ET.Element], None]


def _q(path: str) -> str:
    return "/".join(f"{V3}{p}" if p and p[0].isalpha() else p for p in path.split("/"))


def _remove(path: str) -> Mutation:
    def mutate(root: ET.Element) -> None:
        parent_path, _, child = path.rpartition("/")
        parent = root.find(_q(parent_path)) if parent_path else root
        assert parent is not None
        target = parent.find(_q(child))
        assert target is not None, path
        parent.remove(target)

    return mutate


def _unset(path: str, attr: str) -> Mutation:
    def mutate(root: ET.Element) -> None:
        target = root.find(_q(path))
        assert target is not None and attr in target.attrib, path
        del target.attrib[attr]

    return mutate


def _set(path: str, attr: str, value: str) -> Mutation:
    def mutate(root: ET.Element) -> None:
        target = root.find(_q(path)) if path else root
        assert target is not None, path
        target.set(attr, value)

    return mutate


def _sections(root: ET.Element) -> ET.Element:
    body = root.find(_q("component/structuredBody"))
    assert body is not None
    return body


def _section(loinc_code: str) -> Callable[[ET.Element], ET.Element]:
    def find(root: ET.Element) -> ET.Element:
        for comp in _sections(root):
            section = comp.find(_q("section"))
            code = section.find(_q("code")) if section is not None else None
            if code is not None and code.get("code") == loinc_code:
                return comp
        raise AssertionError(loinc_code)

    return find


def _drop_section(loinc_code: str) -> Mutation:
    return lambda root: _sections(root).remove(_section(loinc_code)(root))


def _in_section(loinc_code: str, path: str, attr: str, value: str) -> Mutation:
    def mutate(root: ET.Element) -> None:
        target = _section(loinc_code)(root).find(_q(path))
        assert target is not None, path
        target.set(attr, value)

    return mutate


def _drop_in_section(loinc_code: str, path: str, child: str) -> Mutation:
    def mutate(root: ET.Element) -> None:
        parent = _section(loinc_code)(root).find(_q(path))
        assert parent is not None, path
        target = parent.find(_q(child))
        assert target is not None, child
        parent.remove(target)

    return mutate


def _drop_entries(loinc_code: str) -> Mutation:
    def mutate(root: ET.Element) -> None:
        section = _section(loinc_code)(root).find(_q("section"))
        assert section is not None
        for entry in section.findall(_q("entry")):
            section.remove(entry)

    return mutate


def _duplicate_entry(loinc_code: str) -> Mutation:
    def mutate(root: ET.Element) -> None:
        section = _section(loinc_code)(root).find(_q("section"))
        assert section is not None
        entry = section.find(_q("entry"))
        assert entry is not None
        section.append(ET.fromstring(ET.tostring(entry)))

    return mutate


def _all(*mutations: Mutation) -> Mutation:
    def mutate(root: ET.Element) -> None:
        for mutation in mutations:
            mutation(root)

    return mutate


def _duplicate(loinc_code: str) -> Mutation:
    def mutate(root: ET.Element) -> None:
        comp = _section(loinc_code)(root)
        _sections(root).append(ET.fromstring(ET.tostring(comp)))

    return mutate


def _double_record_target(root: ET.Element) -> None:
    target = root.find(_q("recordTarget"))
    assert target is not None
    root.insert(list(root).index(target), ET.fromstring(ET.tostring(target)))


def _therapy_as_observation(root: ET.Element) -> None:
    section = _section("10160-0")(root).find(_q("section"))
    assert section is not None
    entry = section.find(_q("entry"))
    assert entry is not None
    entry[0].tag = f"{V3}observation"


def _add_related(root: ET.Element) -> None:
    related = ET.SubElement(root, f"{V3}relatedDocument", {"typeCode": "RPLC"})
    ET.SubElement(
        ET.SubElement(related, f"{V3}parentDocument"),
        f"{V3}id",
        {"root": "1.2", "extension": "old"},
    )


PROBLEM_ENTRY = "section/entry/act/entryRelationship/observation"
ALLERGY = "section/entry/act/entryRelationship/observation"
AGENT = ALLERGY + "/participant/participantRole/playingEntity/code"
VACCINE = "section/entry/substanceAdministration"
FAMILY = "section/entry/organizer"
XSI_TYPE = "{http://www.w3.org/2001/XMLSchema-instance}type"
STRUCTURAL: dict[str, tuple[Mutation, str]] = {
    "no allergies section": (_drop_section("48765-2"), "section.required"),
    "no therapies section": (_drop_section("10160-0"), "section.required"),
    "no problems section": (_drop_section("11450-4"), "section.required"),
    "no family history section": (_drop_section("10157-6"), "section.required"),
    "document templateId": (
        _set("templateId", "root", "2.16.840.1.113883.2.9.10.1.4.1.9"),
        "header.template_id",
    ),
    "section templateId": (
        _in_section("11450-4", "section/templateId", "root", "2.16.840.1.113883.2.9.10.1.4.2.5"),
        "section.template_id",
    ),
    "document code": (_set("code", "code", "34105-7"), "header.code"),
    "section code": (_in_section("11450-4", "section/code", "code", "11111-1"), "section.code"),
    "legalAuthenticator missing": (_remove("legalAuthenticator"), "header.legal_authenticator"),
    "signatureCode": (
        _set("legalAuthenticator/signatureCode", "code", "X"),
        "header.signature_code",
    ),
    "legal id": (_set("legalAuthenticator/assignedEntity/id", "root", "1.2.3"), "header.legal_id"),
    "realmCode": (_set("realmCode", "code", "US"), "header.realm"),
    "typeId": (_set("typeId", "extension", "POCD_HD000040"), "header.type_id"),
    "document id": (_remove("id"), "header.id"),
    "title": (_remove("title"), "header.title"),
    "effectiveTime": (_remove("effectiveTime"), "header.effective_time"),
    "confidentiality": (_set("confidentialityCode", "code", "X"), "header.confidentiality"),
    "language": (_set("languageCode", "code", "en-US"), "header.language"),
    "setId": (_remove("setId"), "header.set_id"),
    "versionNumber": (_set("versionNumber", "value", "0"), "header.version"),
    "two recordTargets": (_double_record_target, "header.record_target"),
    "patient id not a CF": (
        _set("recordTarget/patientRole/id", "root", "1.2.3"),
        "header.patient_id",
    ),
    "patient birth time": (_remove("recordTarget/patientRole/patient/birthTime"), "header.patient"),
    "author id": (_set("author/assignedAuthor/id", "root", "1.2.3"), "header.author_id"),
    "author telecom": (
        lambda r: [_remove("author/assignedAuthor/telecom")(r) for _ in "ab"],
        "header.author_telecom",
    ),
    "author time": (_remove("author/time"), "header.author_time"),
    "custodian": (_remove("custodian"), "header.custodian"),
    "serviceEvent": (_remove("documentationOf"), "header.service_event"),
    "version 2 without RPLC": (_set("versionNumber", "value", "2"), "header.rplc"),
    "version 1 with RPLC": (_add_related, "header.rplc"),
    "structuredBody": (_remove("component"), "body.missing"),
    "entry reference": (
        _in_section("11450-4", PROBLEM_ENTRY + "/text/reference", "value", "#nowhere"),
        "entry.reference",
    ),
    "problem code system": (
        _in_section("11450-4", PROBLEM_ENTRY + "/value", "codeSystem", codes.ATC),
        "entry.code_system",
    ),
    "therapy drug system": (
        _in_section(
            "10160-0",
            "section/entry/substanceAdministration/consumable/manufacturedProduct/"
            "manufacturedMaterial/code",
            "codeSystem",
            codes.ICD9CM,
        ),
        "entry.code_system",
    ),
    "entry mood": (_in_section("11450-4", PROBLEM_ENTRY, "moodCode", "INT"), "entry.shape"),
    "entry element": (_therapy_as_observation, "entry.shape"),
    "entry status": (_drop_in_section("11450-4", PROBLEM_ENTRY, "statusCode"), "entry.status"),
    "required section empty": (_drop_entries("48765-2"), "section.empty"),
    "duplicate section": (_duplicate("11369-6"), "section.duplicate"),
    # -- checks added after running the official PSS schematron -----------------------------
    "templateId without version": (_unset("templateId", "extension"), "header.template_version"),
    "confidentiality R": (_set("confidentialityCode", "code", "R"), "header.confidentiality"),
    "author role outside the PSS roles": (
        _set("author/assignedAuthor/code", "codeSystem", "2.16.840.1.113883.5.111"),
        "header.author_role",
    ),
    "telecom without use": (_unset("author/assignedAuthor/telecom", "use"), "header.telecom_use"),
    "criticality coded in LOINC": (
        _in_section(
            "48765-2",
            "section/entry/act/entryRelationship/observation/entryRelationship[2]/observation/code",
            "code",
            "82606-5",
        ),
        "national.allergy_criticality",
    ),
    "reaction without a start": (
        _drop_in_section(
            "48765-2",
            "section/entry/act/entryRelationship/observation/entryRelationship/observation",
            "effectiveTime",
        ),
        "national.reaction_time",
    ),
    "therapy without route": (
        _drop_in_section("10160-0", "section/entry/substanceAdministration", "routeCode"),
        "national.therapy_route",
    ),
    "device outside the CND": (
        _in_section("46264-8", "section/entry/supply/code", "codeSystem", codes.ICD9CM),
        "national.device_code",
    ),
    "care plan as an intent": (
        _in_section("18776-5", "section/entry/observation", "moodCode", "INT"),
        "national.care_plan_mood",
    ),
    "procedure period without an end": (
        _drop_in_section("47519-4", "section/entry/procedure/effectiveTime", "high"),
        "national.procedure_period",
    ),
    "encounter period without an end": (
        _drop_in_section("46240-8", "section/entry/encounter/effectiveTime", "high"),
        "national.encounter_period",
    ),
    "motor capacity at a point in time": (
        _drop_in_section(
            "47420-5", "section/entry/organizer/component/observation/effectiveTime", "low"
        ),
        "national.functional_time",
    ),
    "diagnostic battery without code": (
        _drop_in_section("30954-2", "section/entry/organizer", "code"),
        "national.diagnostic_code",
    ),
    "disease network section coded in LOINC": (
        _in_section("PSSIT99", "section/code", "codeSystem", codes.LOINC),
        "section.code",
    ),
    "optional section without entry": (_drop_entries("11369-6"), "section.empty"),
    "concern act template": (
        _in_section(
            "11450-4", "section/entry/act/templateId", "root", "2.16.840.1.113883.2.9.10.1.4.3.4.9"
        ),
        "entry.template_id",
    ),
    "problem observation id": (_drop_in_section("11450-4", PROBLEM_ENTRY, "id"), "entry.id"),
    "concern act without low": (
        _drop_in_section("48765-2", "section/entry/act/effectiveTime", "low"),
        "entry.period",
    ),
    "completed concern without high": (
        _in_section("11450-4", "section/entry/act/statusCode", "code", "completed"),
        "entry.period",
    ),
    "therapy period not an interval": (
        _in_section(
            "10160-0", "section/entry/substanceAdministration/effectiveTime", XSI_TYPE, "TS"
        ),
        "entry.period",
    ),
    "exemption completed without end": (
        _in_section("57827-8", "section/entry/act/statusCode", "code", "completed"),
        "entry.period",
    ),
    "allergy agent in ICD-9-CM": (
        _all(
            _in_section("48765-2", AGENT, "code", "995.2"),
            _in_section("48765-2", AGENT, "codeSystem", codes.ICD9CM),
        ),
        "entry.code_system",
    ),
    "uncoded allergy agent without reference": (
        _drop_in_section("48765-2", AGENT, "originalText"),
        "entry.allergy",
    ),
    "allergy value not an intolerance type": (
        _in_section("48765-2", ALLERGY + "/value", "codeSystem", codes.LOINC),
        "entry.allergy",
    ),
    "vaccine without lot": (
        _drop_in_section(
            "11369-6",
            VACCINE + "/consumable/manufacturedProduct/manufacturedMaterial",
            "lotNumberText",
        ),
        "entry.vaccination",
    ),
    "vaccination code": (
        _in_section("11369-6", VACCINE + "/code", "code", "VACC"),
        "entry.vaccination",
    ),
    "family member not a person": (
        _in_section("10157-6", FAMILY + "/subject/relatedSubject", "classCode", "PSN"),
        "entry.family",
    ),
    "family age code": (
        _in_section(
            "10157-6",
            FAMILY + "/component/observation/entryRelationship/observation/code",
            "code",
            "21612-7",
        ),
        "entry.family",
    ),
    "note act template": (
        _drop_in_section("11450-4", PROBLEM_ENTRY + "/entryRelationship/act", "templateId"),
        "entry.note",
    ),
    "procedure under the procedure OID": (
        _in_section(
            "47519-4", "section/entry/procedure/code", "codeSystem", codes.ICD9CM_PROCEDURES
        ),
        "entry.code_system",
    ),
    "device not under the device catalogue": (
        _in_section("46264-8", "section/entry/supply/code", "codeSystem", codes.ICD9CM),
        "entry.code_system",
    ),
    "motor capacity value system": (
        _in_section(
            "47420-5",
            "section/entry/organizer/component/observation/value",
            "codeSystem",
            codes.ICD9CM,
        ),
        "entry.code_system",
    ),
}

NONE_CASES: dict[str, tuple[Mutation, str]] = {
    "therapy 'none' code": (
        _in_section("10160-0", VACCINE + "/code", "code", "no-therapy"),
        "entry.absence",
    ),
    "allergy 'none' code system": (
        _in_section("48765-2", ALLERGY + "/value", "codeSystem", codes.LOINC),
        "entry.absence",
    ),
    "therapies 'none' twice": (_duplicate_entry("10160-0"), "section.absence_mixed"),
    "problems without entry": (_drop_entries("11450-4"), "section.empty"),
    "no known allergies in the IPS code system": (
        _in_section(
            "48765-2",
            "section/entry/act/entryRelationship/observation/value",
            "codeSystem",
            "2.16.840.1.113883.5.1150.1",
        ),
        "national.allergy_absent",
    ),
    "no therapy in the IPS code system": (
        _in_section(
            "10160-0",
            "section/entry/substanceAdministration/code",
            "codeSystem",
            "2.16.840.1.113883.5.1150.1",
        ),
        "national.therapy_absent",
    ),
}


@pytest.mark.parametrize("case", sorted(STRUCTURAL))
def test_structural_rule_fails_on_a_document_broken_for_it(case: str) -> None:
    mutate, code = STRUCTURAL[case]
    good = write_cda(full_pss())
    assert not [p for p in validate_cda_structure(good) if p.code == code]
    root = ET.fromstring(good)
    mutate(root)
    problems = validate_cda_structure(ET.tostring(root))
    found = [p for p in problems if p.code == code]
    assert found, problems
    assert all(p.message and p.location.startswith("/") and p.field == "" for p in found)


@pytest.mark.parametrize("case", sorted(NONE_CASES))
def test_rule_on_sections_stated_empty_fails_on_a_document_broken_for_it(case: str) -> None:
    mutate, code = NONE_CASES[case]
    good = write_cda(minimal_pss())
    assert validate_cda_structure(good) == []
    root = ET.fromstring(good)
    mutate(root)
    found = [p for p in validate_cda_structure(ET.tostring(root)) if p.code == code]
    assert found and all(p.message and p.location.startswith("/") for p in found)


def test_location_is_an_xpath_like_path() -> None:
    root = ET.fromstring(write_cda(full_pss()))
    _remove("legalAuthenticator")(root)
    (problem,) = validate_cda_structure(ET.tostring(root))
    assert problem.location == "/ClinicalDocument/legalAuthenticator"
    assert problem.message == "legalAuthenticator is missing"


@pytest.mark.parametrize(
    ("data", "code"),
    [
        (b"not xml at all", "xml.unreadable"),
        (b'<?xml version="1.0"?><!DOCTYPE a [<!ENTITY b "c">]><a>&b;</a>', "xml.unreadable"),
        (b'<ClinicalDocument xmlns="urn:other"/>', "xml.root"),
    ],
)
def test_unreadable_input_is_one_problem(data: bytes, code: str) -> None:
    assert [p.code for p in validate_cda_structure(data)] == [code]


def test_problem_is_a_frozen_record() -> None:
    (problem,) = validate_cda_structure(b"nope")
    with pytest.raises(dataclasses.FrozenInstanceError):
        problem.code = "x"


# -- clinical rules -------------------------------------------------------------------------

FUTURE = date(2027, 1, 1)
CLINICAL: dict[str, tuple[dict[str, object], str, str]] = {
    "allergies neither filled nor none": (
        {"no_known_allergies": False},
        "allergies",
        "section.required_empty",
    ),
    "therapies neither filled nor none": (
        {"no_current_therapy": False},
        "therapies",
        "section.required_empty",
    ),
    "problems neither filled nor none": (
        {"no_problems": False},
        "problems",
        "section.required_empty",
    ),
    "family history neither filled nor none": (
        {"family_history_negative": False},
        "family_history",
        "section.required_empty",
    ),
    "none flag with entries": (
        {"problems": (Problem(icd9("250.00", "Diabete")),)},
        "no_problems",
        "section.none_with_entries",
    ),
    "onset in the future": (
        {"problems": (Problem(icd9("250.00", "D"), FUTURE),), "no_problems": False},
        "problems[0].onset",
        "date.future",
    ),
    "therapy start after today": (
        {
            "therapies": (Therapy(atc("A10BA02", "M"), None, "1", "1/die", FUTURE),),
            "no_current_therapy": False,
        },
        "therapies[0].start",
        "date.future",
    ),
    "resolved without end": (
        {
            "problems": (Problem(icd9("486", "P"), date(2024, 1, 1), ProblemStatus.RESOLVED),),
            "no_problems": False,
        },
        "problems[0].end",
        "problem.end_missing",
    ),
    "end before onset": (
        {
            "problems": (
                Problem(
                    icd9("486", "P"),
                    date(2024, 1, 1),
                    ProblemStatus.RESOLVED,
                    False,
                    date(2023, 1, 1),
                ),
            ),
            "no_problems": False,
        },
        "problems[0].end",
        "problem.end_before_onset",
    ),
    "active with end": (
        {
            "problems": (
                Problem(
                    icd9("486", "P"),
                    date(2024, 1, 1),
                    ProblemStatus.ACTIVE,
                    False,
                    date(2024, 2, 1),
                ),
            ),
            "no_problems": False,
        },
        "problems[0].status",
        "problem.end_while_active",
    ),
    "problem not ICD-9-CM": (
        {"problems": (Problem(atc("A10BA02", "M")),), "no_problems": False},
        "problems[0].code",
        "code.system",
    ),
    "drug not ATC": (
        {
            "therapies": (Therapy(icd9("250.00", "D"), None, "1", "1/die"),),
            "no_current_therapy": False,
        },
        "therapies[0].drug",
        "code.system",
    ),
    "AIC not AIC": (
        {
            "therapies": (Therapy(atc("A10BA02", "M"), atc("A10BA02", "M"), "1", "1/die"),),
            "no_current_therapy": False,
        },
        "therapies[0].aic",
        "code.system",
    ),
    "dose missing": (
        {
            "therapies": (Therapy(atc("A10BA02", "M"), None, "", "1/die"),),
            "no_current_therapy": False,
        },
        "therapies[0].dose",
        "therapy.posology_missing",
    ),
    "frequency missing": (
        {
            "therapies": (Therapy(atc("A10BA02", "M"), None, "1000 mg"),),
            "no_current_therapy": False,
        },
        "therapies[0].frequency",
        "therapy.posology_missing",
    ),
    "vital without unit": (
        {"vital_signs": (VitalSign(loinc("8480-6", "PAS"), 120.0, " ", date(2026, 1, 1)),)},
        "vital_signs[0].unit",
        "vital.unit_missing",
    ),
    "vital not LOINC": (
        {"vital_signs": (VitalSign(icd9("401.9", "I"), 120.0, "mm[Hg]", date(2026, 1, 1)),)},
        "vital_signs[0].code",
        "code.system",
    ),
    "care plan inverted": (
        {"care_plans": (CarePlan("Piano", date(2026, 5, 1), date(2026, 1, 1)),)},
        "care_plans[0].end",
        "period.inverted",
    ),
    "document date in the future": (
        {"effective_time": datetime(2027, 1, 1, tzinfo=ROME)},
        "effective_time",
        "date.future",
    ),
    "author without telecom": (
        {
            "author": dataclasses.replace(MMG, telecom=()),
            "legal_authenticator": dataclasses.replace(MMG, telecom=()),
        },
        "author.telecom",
        "author.telecom_missing",
    ),
    "signed by someone else": (
        {"legal_authenticator": Clinician("BNCLRA80A41A944Z", "Laura", "Bianchi")},
        "legal_authenticator",
        "author.not_authenticator",
    ),
    "before birth": (
        {"problems": (Problem(icd9("250.00", "D"), date(1950, 1, 1)),), "no_problems": False},
        "problems[0].onset",
        "date.before_birth",
    ),
    "text with stray spaces": (
        {
            "problems": (
                Problem(icd9("250.00", "D"), None, ProblemStatus.ACTIVE, False, None, " nota "),
            ),
            "no_problems": False,
        },
        "problems[0].note",
        "text.spaces",
    ),
}


def test_a_full_pss_passes_the_clinical_rules() -> None:
    assert validate_pss(full_pss(), TODAY) == []
    assert validate_pss(minimal_pss(), TODAY) == []


@pytest.mark.parametrize("case", sorted(CLINICAL))
def test_clinical_rule_names_its_field(case: str) -> None:
    changes, field, code = CLINICAL[case]
    problems = validate_pss(minimal_pss(**changes), TODAY)
    assert [(p.code, p.field) for p in problems if p.code == code] == [(code, field)], problems
    assert all(p.message and p.location == "" for p in problems)


def test_planned_end_of_a_care_plan_may_be_in_the_future() -> None:
    plan = CarePlan("Gestione integrata", date(2026, 1, 1), FUTURE)
    assert validate_pss(minimal_pss(care_plans=(plan,)), TODAY) == []


def test_exemption_code_system_is_checked() -> None:
    from fse_desk.pss.model import Exemption

    bad = Exemption(Coded("013.250", codes.ICD9CM, "Diabete"))
    problems = validate_pss(minimal_pss(exemptions=(bad,)), TODAY)
    assert [(p.code, p.field) for p in problems] == [("code.system", "exemptions[0].code")]
