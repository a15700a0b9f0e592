"""Radiology reports linked to studies: read with the hardened parser, once per version."""

from __future__ import annotations

from dataclasses import replace

from fse_desk._types import DocumentId
from fse_desk.documents.cda import MAX_BODY_BYTES
from fse_desk.domain.document import DocumentMeta
from fse_desk.imaging import ImagingService
from fse_desk.imaging.report import NOT_A_REPORT, read_report
from tests.fixtures_store import RecordFactory

STUDY = "1.2.826.0.1.3680043.8.498.1"
CDA = f"""<?xml version="1.0" encoding="UTF-8"?>
<ClinicalDocument xmlns="urn:hl7-org:v3">
  <title>Referto di radiologia</title>
  <documentationOf><serviceEvent><id root="{STUDY}"/></serviceEvent></documentationOf>
  <component><structuredBody><component><section>
    <title>Conclusioni</title><text>Nessuna lesione   focale.</text>
  </section></component></structuredBody></component>
</ClinicalDocument>""".encode()


def test_a_report_names_its_study_and_its_sections() -> None:
    report = read_report(CDA)
    assert report.study_uid == STUDY and report.title == "Referto di radiologia"
    assert [(s.title, s.text) for s in report.sections] == [
        ("Conclusioni", "Nessuna lesione focale.")
    ]


def test_entities_a_dtd_or_an_oversized_body_are_refused_unread() -> None:
    bomb = (
        b'<?xml version="1.0"?><!DOCTYPE lol [<!ENTITY lol "lol">]>'
        b'<ClinicalDocument xmlns="urn:hl7-org:v3"><title>&lol;</title></ClinicalDocument>'
    )
    assert read_report(bomb) == NOT_A_REPORT
    huge = CDA.replace(b"focale.", b"focale." + b" " * MAX_BODY_BYTES)
    assert read_report(huge) == NOT_A_REPORT
    assert read_report(b"not xml at all") == NOT_A_REPORT


def test_each_report_version_is_read_once(records: RecordFactory) -> None:
    patient = records.patient()
    meta = records.document(patient, type_code="68604-8", content_type="text/xml")
    metas: list[DocumentMeta] = [meta]
    fetched: list[DocumentId] = []

    def body(document_id: DocumentId) -> tuple[str, bytes]:
        fetched.append(document_id)
        return "application/x-hl7-cda+xml", CDA

    service = ImagingService(documents=lambda _pid: metas, document_body=body)
    first = service.report_for_study(patient.id, STUDY)
    again = service.report_for_study(patient.id, STUDY)
    assert first is not None and first == again and first.document_id == meta.id
    assert fetched == [meta.id]  # the second click read nothing
    metas[0] = replace(meta, version_id="2")  # a new version of the report is read anew
    assert service.report_for_study(patient.id, STUDY) is not None
    assert fetched == [meta.id, meta.id]
