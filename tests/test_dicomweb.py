"""DICOMweb against a real Orthanc and against the sandbox's own PACS, over real HTTP."""

from __future__ import annotations

import socket
from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pytest

from fse_desk.config import PacsConfig
from fse_desk.connectors.dicomweb import DicomWebClient
from fse_desk.domain.imaging import StudySource
from fse_desk.domain.patient import ConsentState
from fse_desk.errors import DicomWebError, PacsUnavailable
from fse_desk.imaging.stack import ImageStack
from fse_desk.progress import drive
from fse_desk.startup import open_workstation
from tests.fixtures_orthanc import OrthancServer
from tests.fixtures_region import LiveRegion, region_config
from tests.imaging_files import CF, ct_series, jpeg2000_series


@pytest.fixture(scope="session")
def pacs(orthanc: OrthancServer) -> Iterator[DicomWebClient]:
    for raw in ct_series(6) + jpeg2000_series(4):
        orthanc.upload(raw)
    client = DicomWebClient(orthanc.dicomweb_url)
    yield client
    client.close()


def test_qido_finds_the_patients_studies_with_counts(pacs: DicomWebClient) -> None:
    studies = {s.study_uid: s for s in pacs.search_studies(CF)}
    ct = studies["2.25.424242"]
    assert ct.modalities == ("CT",) and ct.series_count == 1 and ct.image_count == 6
    assert ct.patient_name == "ROSSI MARIO" and ct.source is StudySource.PACS
    assert pacs.search_studies("NOBODY0000000000") == []
    # Literal wildcards: Orthanc does not decode %2A.
    assert {s.study_uid for s in pacs.search_studies("RSSMRA70*")} == set(studies)


def test_wado_rs_streams_a_jpeg2000_series_into_a_stack(pacs: DicomWebClient) -> None:
    series = pacs.search_series("2.25.515151")
    assert [s.image_count for s in series] == [4]
    stack = ImageStack()
    for part in pacs.retrieve_series("2.25.515151", series[0].series_uid):
        stack.add(part)
    assert len(stack) == 4
    assert stack.info(0).transfer_syntax == "1.2.840.10008.1.2.4.90"
    assert stack.frame(0).shape == (512, 512)


def test_unknown_series_is_a_dicomweb_error(pacs: DicomWebClient) -> None:
    with pytest.raises(DicomWebError, match="answered 404") as caught:
        list(pacs.retrieve_series("2.25.1", "2.25.2"))
    assert caught.value.status == 404


def test_unreachable_pacs_is_pacs_unavailable() -> None:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    client = DicomWebClient(f"http://127.0.0.1:{port}/dicom-web", timeout_s=2)
    with pytest.raises(PacsUnavailable, match="cannot talk to the PACS"):
        client.search_studies(CF)


def test_sandbox_pacs_serves_the_studies_of_the_radiology_reports(
    tmp_path: Path, live_region: LiveRegion
) -> None:
    base = live_region.server.base_url
    config = region_config(tmp_path, base)
    from dataclasses import replace

    config = replace(config, pacs=PacsConfig(base.removesuffix("/fhir") + "/dicom-web"))
    workstation = open_workstation(config)
    try:
        workstation.sync()
        refs = [
            r
            for r in live_region.of_type("DocumentReference")
            if r["type"]["coding"][0]["code"] == "68604-8" and "meta" not in r
        ]
        patient_id = refs[0]["subject"]["reference"].removeprefix("Patient/")
        patient = workstation.patient(patient_id)
        assert patient is not None
        listing = drive(workstation.imaging.studies(patient))
        assert listing.pacs_error is None
        linked = [s for s in listing.studies if s.report_document_id]
        assert linked and all(s.source is StudySource.PACS for s in linked)
        study = linked[0]
        report = workstation.imaging.report_for_study(patient.id, study.study_uid)
        assert report is not None and any(s.title == "Referto" for s in report.sections)
        series = workstation.imaging.series(study.study_uid)
        picture = workstation.imaging.series_thumbnail(series[0])  # before the series loads
        assert picture is not None and picture.pixels is not None and picture.pixels.any()
        stack = ImageStack()
        result = drive(workstation.imaging.load_series(series[0], stack))
        assert result.loaded == series[0].image_count and not result.failures
        assert stack.info(0).patient_id == patient.codice_fiscale
    finally:
        workstation.close()


def test_the_sandbox_pacs_hides_the_images_of_a_hidden_report(live_region: LiveRegion) -> None:
    import httpx

    base = live_region.server.base_url.removesuffix("/fhir") + "/dicom-web"
    report = next(
        r
        for r in live_region.of_type("DocumentReference")
        if r["type"]["coding"][0]["code"] == "68604-8" and "meta" not in r
    )
    uid = report["context"]["related"][0]["identifier"]["value"].removeprefix("urn:oid:")
    studies = f"{base}/studies?StudyInstanceUID={uid}"
    assert len(httpx.get(studies).json()) == 1
    current = live_region.client.read("DocumentReference", report["id"])
    current["meta"]["security"] = [
        {"system": "urn:oid:2.16.840.1.113883.2.9.3.3.6.1.3", "code": "P99"}
    ]
    live_region.client.update(current)  # the patient hides the report
    assert httpx.get(studies).json() == []
    assert httpx.get(f"{base}/studies/{uid}/series").status_code == 404


def test_without_the_pacs_the_report_studies_are_still_listed(
    tmp_path: Path, live_region: LiveRegion
) -> None:
    from dataclasses import replace

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    config = replace(
        region_config(tmp_path, live_region.server.base_url),
        pacs=PacsConfig(f"http://127.0.0.1:{port}/dicom-web", timeout_s=2),
    )
    workstation = open_workstation(config)
    try:
        workstation.sync()
        refs = [
            r
            for r in live_region.of_type("DocumentReference")
            if r["type"]["coding"][0]["code"] == "68604-8" and "meta" not in r
        ]
        patient = workstation.patient(refs[0]["subject"]["reference"].removeprefix("Patient/"))
        assert patient is not None
        listing = drive(workstation.imaging.studies(patient))
        assert isinstance(listing.pacs_error, PacsUnavailable)
        assert listing.studies and all(s.source is StudySource.REPORT for s in listing.studies)
        denied = replace(patient, consent=ConsentState.DENIED)
        hidden = drive(workstation.imaging.studies(denied))
        assert hidden.consent_missing and hidden.studies == ()
    finally:
        workstation.close()


def test_the_first_image_is_usable_before_the_series_has_arrived(
    pacs: DicomWebClient,
) -> None:
    from fse_desk.imaging.service import ImagingService

    service = ImagingService(
        documents=lambda _p: [],
        document_body=lambda _d: ("", b""),
        pacs=DicomWebClient(pacs.base_url),
    )
    summary = service.series("2.25.424242")[0]
    stack = ImageStack()
    loading = service.load_series(summary, stack)
    assert next(loading).done == 0
    first = next(loading)
    assert first.done == 1 and first.total == 6
    assert len(stack) == 1 and stack.frame(0).shape == (512, 512)  # 5 not yet parsed
    result = drive(loading)
    assert result.loaded == 6 and len(stack) == 6
    service.close()


def test_pacs_configuration_is_read_and_plain_http_refused(tmp_path: Path) -> None:
    from fse_desk.config import load_config
    from fse_desk.errors import ConfigError

    path = tmp_path / "config.toml"
    path.write_text('[pacs]\ndicomweb_base_url = "https://pacs.asl.example/dicom-web"\n')
    assert load_config(path, data_dir=tmp_path).pacs == PacsConfig(
        "https://pacs.asl.example/dicom-web"
    )
    path.write_text('[pacs]\ndicomweb_base_url = "http://pacs.asl.example/dicom-web"\n')
    with pytest.raises(ConfigError, match="indirizzo https://"):
        load_config(path, data_dir=tmp_path)


def test_a_series_picture_comes_before_the_series(pacs: DicomWebClient) -> None:
    from fse_desk.imaging.service import ImagingService

    service = ImagingService(documents=lambda _p: [], document_body=lambda _d: ("", b""), pacs=pacs)
    (series,) = service.series("2.25.515151")
    found = service.series_thumbnail(series)
    assert found is not None
    # Orthanc renders a thumbnail, or the middle instance is decoded here: a picture either way.
    if found.pixels is None:
        assert found.encoded[:4] in (b"\x89PNG", b"\xff\xd8\xff\xe0", b"\xff\xd8\xff\xdb")
    else:
        assert found.pixels.dtype == np.uint8 and max(found.pixels.shape) <= 128
