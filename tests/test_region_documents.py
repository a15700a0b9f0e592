"""The FSE documents of the synthetic region: index entries, CDA bodies, PDFs."""

from __future__ import annotations

import base64
import hashlib
import io
import statistics
from datetime import date, datetime
from typing import Any

import pytest
from defusedxml import ElementTree
from pypdf import PdfReader

from fse_desk.domain import DOCUMENT_TYPES, OSCURAMENTO_SYSTEM
from fse_desk.domain.identifiers import is_valid_oid
from fse_desk.pss import read_cda, validate_cda_structure
from fse_desk_sandbox.region import generate_region

TODAY = date(2026, 11, 1)
NS = {"h": "urn:hl7-org:v3"}
XSI_TYPE = "{http://www.w3.org/2001/XMLSchema-instance}type"
CF_OID = "2.16.840.1.113883.2.9.4.3.2"
LOINC_OID = "2.16.840.1.113883.6.1"
DOC_OID = "2.16.840.1.113883.2.9.2.80.4.4"  # an OID arc has no leading zero
NRE_OID = "2.16.840.1.113883.2.9.4.3.9"  # a prescription's id is its NRE
PRESCRIPTIONS = ("57833-6", "57832-8")


@pytest.fixture(scope="module")
def batches() -> list[list[dict[str, Any]]]:
    return list(generate_region(5, 100, TODAY))


@pytest.fixture(scope="module")
def documents(
    batches: list[list[dict[str, Any]]],
) -> list[tuple[dict[str, Any], dict[str, Any], bytes]]:
    """(Patient, DocumentReference, body bytes) for every document of the region."""
    out = []
    for batch in batches[1:]:
        patient = batch[0]
        binaries = {f"Binary/{r['id']}": r for r in batch if r["resourceType"] == "Binary"}
        for ref in (r for r in batch if r["resourceType"] == "DocumentReference"):
            binary = binaries[ref["content"][0]["attachment"]["url"]]
            out.append((patient, ref, base64.b64decode(binary["data"])))
    return out


def _cda(body: bytes) -> Any:
    return ElementTree.fromstring(body)


def _of_type(
    documents: list[tuple[dict[str, Any], dict[str, Any], bytes]], code: str
) -> list[tuple[dict[str, Any], dict[str, Any], bytes]]:
    return [d for d in documents if d[1]["type"]["coding"][0]["code"] == code]


def test_document_references_follow_the_client_conventions(
    batches: list[list[dict[str, Any]]],
    documents: list[tuple[dict[str, Any], dict[str, Any], bytes]],
) -> None:
    organizations = {
        f"Organization/{r['id']}": r for r in batches[0] if r["resourceType"] == "Organization"
    }
    practitioners = {
        f"Practitioner/{r['id']}" for r in batches[0] if r["resourceType"] == "Practitioner"
    }
    assert len(documents) > 100 * 10
    replaced = {
        r["relatesTo"][0]["target"]["reference"].removeprefix("DocumentReference/")
        for _p, r, _b in documents
        if "relatesTo" in r
    }
    assert replaced  # the region has PSS version chains
    for patient, ref, _body in documents:
        # A replaced PSS stays readable, marked superseded; everything else is current.
        assert ref["status"] == ("superseded" if ref["id"] in replaced else "current")
        coding = ref["type"]["coding"][0]
        root = NRE_OID if coding["code"] in PRESCRIPTIONS else DOC_OID
        assert ref["masterIdentifier"]["system"] == f"urn:oid:{root}"
        assert coding["system"] == "http://loinc.org"
        assert coding["code"] in DOCUMENT_TYPES
        assert coding["display"] == DOCUMENT_TYPES[coding["code"]].title
        assert (
            ref["category"][0]["coding"][0]["code"]
            == DOCUMENT_TYPES[coding["code"]].doc_class.value
        )
        assert ref["subject"]["reference"] == f"Patient/{patient['id']}"
        author = ref["author"][0]
        assert author["display"]
        assert (
            author["reference"] in practitioners
            or author["reference"] == f"Patient/{patient['id']}"
        )
        assert organizations[ref["custodian"]["reference"]]["name"] == ref["custodian"]["display"]
        assert ref["description"]
        assert ref["securityLabel"][0]["coding"][0]["code"] in ("N", "R", "V")
        signed = datetime.fromisoformat(ref["date"])
        assert signed.utcoffset() is not None
        assert date(2015, 1, 1) <= signed.date() <= TODAY
        assert datetime.fromisoformat(ref["context"]["period"]["start"]) <= signed


def test_descriptions_are_specific_titles(
    documents: list[tuple[dict[str, Any], dict[str, Any], bytes]],
) -> None:
    generic = sum(
        ref["description"] == ref["type"]["coding"][0]["display"] for _p, ref, _b in documents
    )
    assert generic == 0
    labs = {ref["description"] for _p, ref, _b in _of_type(documents, "11502-2")}
    assert any(d.startswith("Emocromo, glicemia") for d in labs)
    radiology = {ref["description"] for _p, ref, _b in _of_type(documents, "68604-8")}
    assert "RX torace 2 proiezioni" in radiology or "Ecografia addome completo" in radiology


def test_attachments_point_to_their_binary_with_size_and_sha1(
    batches: list[list[dict[str, Any]]],
) -> None:
    for batch in batches[1:]:
        binaries = {f"Binary/{r['id']}": r for r in batch if r["resourceType"] == "Binary"}
        refs = [r for r in batch if r["resourceType"] == "DocumentReference"]
        assert len(binaries) == len(refs)
        for ref in refs:
            attachment = ref["content"][0]["attachment"]
            binary = binaries[attachment["url"]]
            data = base64.b64decode(binary["data"])
            assert binary["contentType"] == attachment["contentType"]
            assert attachment["size"] == len(data)
            assert attachment["hash"] == base64.b64encode(hashlib.sha1(data).digest()).decode()
            assert attachment["title"]


def test_cda_bodies_carry_the_hl7_italia_header(
    documents: list[tuple[dict[str, Any], dict[str, Any], bytes]],
) -> None:
    cdas = [
        d
        for d in documents
        if d[1]["content"][0]["attachment"]["contentType"] == "application/x-hl7-cda+xml"
    ]
    assert len(cdas) > len(documents) * 0.8
    for patient, ref, body in cdas:
        root = _cda(body)
        assert root.tag == "{urn:hl7-org:v3}ClinicalDocument"
        assert root.find("h:realmCode", NS).get("code") == "IT"
        assert root.find("h:typeId", NS).get("extension") == "POCD_MT000040UV02"
        assert root.find("h:templateId", NS).get("root").startswith("2.16.840.1.113883.2.9.10.1")
        doc_id = root.find("h:id", NS)
        prescription = ref["type"]["coding"][0]["code"] in PRESCRIPTIONS
        assert doc_id.get("root") == (NRE_OID if prescription else DOC_OID)
        assert ref["masterIdentifier"]["system"] == f"urn:oid:{doc_id.get('root')}"
        assert doc_id.get("extension") == ref["masterIdentifier"]["value"]
        assert root.find("h:code", NS).get("code") == ref["type"]["coding"][0]["code"]
        assert root.find("h:code", NS).get("codeSystem") == LOINC_OID
        if ref["type"]["coding"][0]["code"] == "60591-5":  # the PSS guide fixes the title
            assert root.find("h:title", NS).text == "Profilo Sanitario Sintetico"
        else:
            assert root.find("h:title", NS).text == ref["description"]
        assert root.find("h:effectiveTime", NS).get("value")
        assert (
            root.find("h:confidentialityCode", NS).get("code")
            == ref["securityLabel"][0]["coding"][0]["code"]
        )
        assert root.find("h:languageCode", NS).get("code") == "it-IT"
        assert root.find("h:setId", NS) is not None
        assert root.find("h:versionNumber", NS).get("value")
        target = root.find("h:recordTarget/h:patientRole", NS)
        assert target.find("h:id", NS).get("root") == CF_OID
        assert target.find("h:id", NS).get("extension") == patient["identifier"][0]["value"]
        assert target.find("h:patient/h:name/h:family", NS).text == patient["name"][0]["family"]
        assert target.find("h:patient/h:birthTime", NS).get("value") == patient[
            "birthDate"
        ].replace("-", "")
        assert root.find("h:author/h:assignedAuthor/h:id", NS) is not None
        assert root.find("h:custodian//h:name", NS).text == ref["custodian"]["display"]
        assert root.find("h:legalAuthenticator/h:signatureCode", NS).get("code") == "S"
        sections = root.findall("h:component/h:structuredBody/h:component/h:section", NS)
        assert sections and all(s.find("h:title", NS).text for s in sections)
        assert all(s.find("h:text", NS) is not None for s in sections)


def _lab_values(
    documents: list[tuple[dict[str, Any], dict[str, Any], bytes]], loinc: str
) -> dict[str, list[float]]:
    out: dict[str, list[float]] = {}
    for patient, _ref, body in _of_type(documents, "11502-2"):
        for obs in _cda(body).iter("{urn:hl7-org:v3}observation"):
            if obs.find("h:code", NS).get("code") == loinc:
                value = float(obs.find("h:value", NS).get("value"))
                out.setdefault(patient["id"], []).append(value)
    return out


def test_lab_reports_have_loinc_entries_with_ucum_units_and_ranges(
    documents: list[tuple[dict[str, Any], dict[str, Any], bytes]],
) -> None:
    labs = _of_type(documents, "11502-2")
    assert labs
    codes: set[str] = set()
    for _patient, _ref, body in labs:
        root = _cda(body)
        observations = list(root.iter("{urn:hl7-org:v3}observation"))
        assert observations
        for obs in observations:
            code = obs.find("h:code", NS)
            assert code.get("codeSystem") == LOINC_OID
            codes.add(code.get("code"))
            value = obs.find("h:value", NS)
            assert value.get(XSI_TYPE) == "PQ" and value.get("unit")
            number = float(value.get("value"))
            range_value = obs.find("h:referenceRange/h:observationRange/h:value", NS)
            low, high = range_value.find("h:low", NS), range_value.find("h:high", NS)
            assert low is not None or high is not None
            expected = "N"
            if low is not None and number < float(low.get("value")):
                expected = "L"
            if high is not None and number > float(high.get("value")):
                expected = "H"
            assert obs.find("h:interpretationCode", NS).get("code") == expected
        table = root.find(".//h:section/h:text/h:table", NS)
        assert table is not None and "Unità di misura" in body.decode("utf-8")
    assert {"718-7", "2345-7", "2160-0", "2093-3", "4548-4", "62238-1"} <= codes


def test_diabetics_have_high_glycated_haemoglobin(
    documents: list[tuple[dict[str, Any], dict[str, Any], bytes]],
) -> None:
    diabetics = {
        p["id"] for p, ref, _b in _of_type(documents, "57827-8") if "013.250" in ref["description"]
    }
    hba1c = _lab_values(documents, "4548-4")
    sick = [statistics.mean(v) for pid, v in hba1c.items() if pid in diabetics]
    healthy = [statistics.mean(v) for pid, v in hba1c.items() if pid not in diabetics]
    assert sick, "no diabetic in the sample"
    assert statistics.mean(sick) > 6.5
    assert not healthy or statistics.mean(healthy) < 6.0


def test_pdf_documents_are_readable_and_name_the_patient(
    documents: list[tuple[dict[str, Any], dict[str, Any], bytes]],
) -> None:
    pdfs = [
        d for d in documents if d[1]["content"][0]["attachment"]["contentType"] == "application/pdf"
    ]
    assert 0.08 < len(pdfs) / len(documents) < 0.2
    for patient, ref, body in pdfs[::7]:
        assert body.startswith(b"%PDF")
        text = PdfReader(io.BytesIO(body)).pages[0].extract_text()
        assert patient["name"][0]["family"].upper() in text
        assert ref["description"][:40] in text


def test_radiology_reports_name_a_dicom_study(
    documents: list[tuple[dict[str, Any], dict[str, Any], bytes]],
) -> None:
    reports = _of_type(documents, "68604-8")
    assert reports
    for _patient, ref, body in reports:
        identifier = ref["context"]["related"][0]["identifier"]
        assert identifier["system"] == "urn:dicom:uid"
        uid = identifier["value"].removeprefix("urn:oid:")
        assert uid.startswith("2.25.") and len(uid) <= 64
        event = _cda(body).find("h:documentationOf/h:serviceEvent/h:id", NS)
        assert event.get("root") == uid


def test_confidentiality_and_oscuramento(
    documents: list[tuple[dict[str, Any], dict[str, Any], bytes]],
) -> None:
    labels = [ref["securityLabel"][0]["coding"][0]["code"] for _p, ref, _b in documents]
    assert labels.count("N") > len(labels) * 0.95
    psychiatry = [
        ref for _p, ref, _b in _of_type(documents, "11488-4") if "psichiatr" in ref["description"]
    ]
    assert all(ref["securityLabel"][0]["coding"][0]["code"] == "R" for ref in psychiatry)
    hidden = [ref for _p, ref, _b in documents if "meta" in ref]
    assert 0.01 < len(hidden) / len(documents) < 0.05
    for ref in hidden:
        assert ref["meta"]["security"] == [
            {"system": f"urn:oid:{OSCURAMENTO_SYSTEM}", "code": "P99"}
        ]


def test_discharge_letters_have_diagnosis_and_therapy(
    documents: list[tuple[dict[str, Any], dict[str, Any], bytes]],
) -> None:
    letters = _of_type(documents, "34105-7")
    assert letters
    for _patient, ref, body in letters:
        codes = {s.get("code") for s in _cda(body).iter("{urn:hl7-org:v3}code")}
        assert {"11535-2", "10183-2", "8648-8"} <= codes
        assert "end" in ref["context"]["period"]


def test_consents_and_vitals(batches: list[list[dict[str, Any]]]) -> None:
    consents = [r for b in batches[1:] for r in b if r["resourceType"] == "Consent"]
    assert len(consents) == 100
    for consent in consents:
        assert consent["status"] == "active"
        assert consent["scope"]["coding"][0]["code"] == "patient-privacy"
        assert consent["category"][0]["coding"][0] == {
            "system": "http://loinc.org",
            "code": "59284-0",
            "display": consent["category"][0]["coding"][0]["display"],
        }
        assert consent["provision"]["type"] in ("permit", "deny")
    assert any(c["provision"]["type"] == "deny" for c in consents)
    vitals = [r for b in batches[1:] for r in b if r["resourceType"] == "Observation"]
    assert vitals
    assert {v["code"]["coding"][0]["code"] for v in vitals} <= {
        "8480-6",
        "8462-4",
        "8867-4",
        "29463-7",
        "59408-5",
        "85354-9",  # telemonitoring: the blood-pressure panel of a home device
        "99504-3",  # telemonitoring: interstitial glucose from a CGM sensor
    }


def test_pss_documents_are_valid_pss_cdas_chained_by_version(
    documents: list[tuple[dict[str, Any], dict[str, Any], bytes]],
) -> None:
    by_patient: dict[str, list[tuple[dict[str, Any], Any]]] = {}
    for patient, ref, body in _of_type(documents, "60591-5"):
        assert validate_cda_structure(body) == [], ref["id"]
        by_patient.setdefault(patient["id"], []).append((ref, read_cda(body)))
    assert len(by_patient) > 20
    assert any(len(versions) >= 2 for versions in by_patient.values())
    for patient_id, versions in by_patient.items():
        versions.sort(key=lambda v: v[1].version)
        first = versions[0][1]
        assert first.version == 1 and first.set_id == first.document_id
        for n, (ref, pss) in enumerate(versions, start=1):
            assert pss.version == n
            assert pss.document_id == ref["masterIdentifier"]["value"]
            assert pss.set_id == first.document_id
            assert (
                pss.patient.cf
                == next(p for p, r, _b in documents if p["id"] == patient_id)["identifier"][0][
                    "value"
                ]
            )
            if n > 1:
                previous_ref, previous = versions[n - 2]
                assert pss.replaced_id == previous.document_id
                assert pss.effective_time > previous.effective_time
                assert (
                    ref["relatesTo"][0]["target"]["reference"]
                    == f"DocumentReference/{previous_ref['id']}"
                )
            assert pss.no_known_allergies == (not pss.allergies)
            assert pss.vital_signs and pss.lifestyle


def test_every_root_in_the_region_documents_is_a_valid_oid(
    documents: list[tuple[dict[str, Any], dict[str, Any], bytes]],
) -> None:
    cdas = [body for _, ref, body in documents if body.startswith(b"<?xml")]
    assert cdas
    bad = {
        e.get("root")
        for body in cdas
        for e in _cda(body).iter()
        if e.get("root") is not None and not is_valid_oid(e.get("root"))
    }
    assert bad == set()
