"""DICOM networking (C-FIND, C-GET, C-MOVE) against Orthanc's real DICOM port on loopback."""

from __future__ import annotations

import io
import socket
import threading
from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pytest
from pydicom import dcmread
from pydicom.uid import ExplicitVRLittleEndian
from pynetdicom import AE, build_role

from fse_desk._types import CodiceFiscale
from fse_desk.config import PacsConfig, PacsProtocol, load_config
from fse_desk.connectors._dimse_contexts import StudyRootQueryRetrieveInformationModelGet
from fse_desk.connectors._dimse_records import identifier
from fse_desk.connectors._dimse_retrieval import Arrivals, End, await_answers, storing
from fse_desk.connectors.dimse import DimseClient, DimsePeer, Retrieve
from fse_desk.domain.imaging import StudySource
from fse_desk.errors import Cancelled, ConfigError, DimseError, PacsUnavailable
from fse_desk.imaging.service import ImagingService
from fse_desk.imaging.stack import ImageStack
from fse_desk.imaging.voi import thumbnail
from fse_desk.progress import CancelToken, drive
from tests.fixtures_orthanc import ORTHANC_AE, WORKSTATION_AE, OrthancServer, running_orthanc
from tests.fixtures_store import RecordFactory
from tests.imaging_files import ct_series

PATIENT = "VRDLGU80A01H501U"
STUDY = "2.25.606060"


@pytest.fixture(scope="session")
def dimse_study(orthanc: OrthancServer) -> OrthancServer:
    for raw in ct_series(8, patient=PATIENT, uid=STUDY):
        orthanc.upload(raw)
    return orthanc


def _client(
    orthanc: OrthancServer, retrieve: Retrieve = Retrieve.GET, **peer: object
) -> DimseClient:
    options: dict[str, object] = {
        "host": "127.0.0.1",
        "port": orthanc.dicom_port,
        "called_ae": ORTHANC_AE,
        "calling_ae": WORKSTATION_AE,
        "retrieve": retrieve,
        "storage_port": orthanc.storage_port,
    }
    options.update(peer)
    return DimseClient(DimsePeer(**options), timeout_s=10)  # type: ignore[arg-type]


@pytest.fixture
def service(dimse_study: OrthancServer) -> Iterator[ImagingService]:
    imaging = ImagingService(
        documents=lambda _p: [], document_body=lambda _d: ("", b""), pacs=_client(dimse_study)
    )
    yield imaging
    imaging.close()


def test_c_find_lists_the_patients_studies_and_series(dimse_study: OrthancServer) -> None:
    client = _client(dimse_study)
    (study,) = client.search_studies(PATIENT)
    assert study.study_uid == STUDY and study.source is StudySource.PACS
    assert study.modalities == ("CT",) and study.series_count == 1 and study.image_count == 8
    assert study.patient_name == "ROSSI MARIO"
    assert client.search_studies("NOBODY0000000000") == []
    (series,) = client.search_series(STUDY)
    assert series.modality == "CT" and series.image_count == 8


@pytest.mark.parametrize("retrieve", [Retrieve.GET, Retrieve.MOVE])
def test_a_series_arrives_slice_by_slice_into_a_stack(
    dimse_study: OrthancServer, retrieve: Retrieve
) -> None:
    client = _client(dimse_study, retrieve)
    (series,) = client.search_series(STUDY)
    stack = ImageStack()
    for part in client.retrieve_series(STUDY, series.series_uid):
        stack.add(part)
    assert len(stack) == 8
    assert stack.frame(0).shape == (512, 512)
    positions = [stack.info(i).position for i in range(8)]
    assert positions == sorted(positions)


def test_the_service_loads_with_progress_and_stops_when_cancelled(
    service: ImagingService,
) -> None:
    (series,) = service.series(STUDY)
    stack = ImageStack()
    reports = []
    result = drive(service.load_series(series, stack), reports.append)
    assert result.loaded == 8 and result.failures == ()
    assert [p.done for p in reports] == list(range(9))
    assert {p.total for p in reports} == {8}

    cancel = CancelToken()
    partial = ImageStack()
    loading = service.load_series(series, partial, cancel)
    next(loading), next(loading)  # the first slice is in
    cancel.cancel()
    with pytest.raises(Cancelled):
        drive(loading)
    # The slice in hand when the cancel came may still land; nothing after it does.
    assert len(partial) in (1, 2)
    # The association was abandoned cleanly: the PACS answers the next request.
    assert [s.series_uid for s in service.series(STUDY)] == [series.series_uid]


def test_studies_of_the_patient_come_from_the_dimse_pacs(
    service: ImagingService, records: RecordFactory
) -> None:
    patient = records.patient(codice_fiscale=CodiceFiscale(PATIENT))
    result = drive(service.studies(patient))
    assert result.pacs_error is None and result.pacs_configured
    assert [(s.study_uid, s.source) for s in result.studies] == [(STUDY, StudySource.PACS)]


def test_a_wrong_called_ae_is_refused_and_a_closed_port_is_unavailable(
    dimse_study: OrthancServer,
) -> None:
    with pytest.raises(DimseError, match="rejected the association"):
        _client(dimse_study, called_ae="NOTORTHANC").search_studies(PATIENT)
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    with pytest.raises(PacsUnavailable):
        _client(dimse_study, port=port).search_studies(PATIENT)


def test_a_dimse_pacs_is_configured_beside_the_dicomweb_one(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    ca = tmp_path / "pacs-ca.pem"
    ca.write_text("-----BEGIN CERTIFICATE-----\n")  # only its existence is checked here
    path.write_text(
        '[pacs]\nprotocol = "dimse"\nhost = "pacs.asl.example"\nport = 2762\n'
        'called_ae = "ASLPACS"\nretrieve = "move"\nstorage_port = 11119\n'
        f'ca_bundle = "{ca}"\n'
    )
    assert load_config(path, data_dir=tmp_path).pacs == PacsConfig(
        protocol=PacsProtocol.DIMSE,
        host="pacs.asl.example",
        port=2762,
        called_ae="ASLPACS",
        calling_ae="FSEDESK",
        retrieve="move",
        storage_port=11119,
        tls=True,
        ca_bundle=ca,
    )
    path.write_text(
        '[pacs]\nprotocol = "dimse"\nhost = "pacs"\ncalled_ae = "ASLPACS"\ntls = false\n'
    )
    assert load_config(path, data_dir=tmp_path).pacs.tls is False  # type: ignore[union-attr]
    for bad, message in [
        ('protocol = "wado"', "deve essere uno tra"),
        ('protocol = "dimse"\nhost = "pacs"\ncalled_ae = "A_TITLE_MUCH_TOO_LONG"', "da 1 a 16"),
        ('protocol = "dimse"\nhost = "pacs"\ncalled_ae = "ASL"\nretrieve = "push"', "get"),
        ('protocol = "dimse"\ncalled_ae = "ASL"', "pacs.host"),
    ]:
        path.write_text(f"[pacs]\n{bad}\n")
        with pytest.raises(ConfigError, match=message):
            load_config(path, data_dir=tmp_path)


@pytest.fixture(scope="module")
def moves_only(tmp_path_factory: pytest.TempPathFactory) -> Iterator[OrthancServer]:
    """A PACS that refuses C-GET and only moves."""
    with running_orthanc(tmp_path_factory.mktemp("moves-only"), allow_get=False) as orthanc:
        for raw in ct_series(8, patient=PATIENT, uid=STUDY):
            orthanc.upload(raw)
        yield orthanc


@pytest.mark.parametrize("pacs", ["gets", "moves only"])
def test_a_series_picture_comes_before_the_series(
    request: pytest.FixtureRequest, pacs: str
) -> None:
    # A PACS that only moves gives its pictures by C-MOVE, as it gives the series.
    if pacs == "gets":
        client = _client(request.getfixturevalue("dimse_study"))
    else:
        client = _client(request.getfixturevalue("moves_only"), Retrieve.MOVE)
    service = ImagingService(
        documents=lambda _p: [], document_body=lambda _d: ("", b""), pacs=client
    )
    (series,) = service.series(STUDY)
    found = service.series_thumbnail(series)
    service.close()
    assert found is not None and found.pixels is not None and found.encoded == b""
    assert max(found.pixels.shape) <= 128 and found.pixels.dtype == np.uint8
    # The middle slice of the eight, windowed as the file says.
    stack = ImageStack()
    for raw in ct_series(8, patient=PATIENT, uid=STUDY):
        stack.add(raw)
    info = stack.info(4)
    expected = thumbnail(stack.frame(4), info.window, invert=info.invert_default)
    assert np.array_equal(found.pixels, expected)


def test_a_kept_association_serves_the_next_series_without_strays(
    dimse_study: OrthancServer,
) -> None:
    client = _client(dimse_study)
    client.search_studies(PATIENT)
    (series,) = client.search_series(STUDY)
    parts = client.retrieve_series(STUDY, series.series_uid)
    next(iter(parts))
    # Cancelled after the first slice: the association goes back to the pool.
    parts.close()  # type: ignore[attr-defined]
    for _ in range(2):  # each time all eight, nothing left over from the cancelled one
        stack = ImageStack()
        for part in client.retrieve_series(STUDY, series.series_uid):
            stack.add(part)
        assert len(stack) == 8
        assert len({stack.info(i).position for i in range(8)}) == 8
    client.close()
    (again,) = client.search_series(STUDY)  # after close, a fresh association
    assert again.series_uid == series.series_uid


def test_the_series_pictures_keep_their_own_association_beside_the_picked_series(
    dimse_study: OrthancServer,
) -> None:
    client = _client(dimse_study)
    client.search_studies(PATIENT)
    (series,) = client.search_series(STUDY)  # kept for the pick
    opened = client.associations_opened
    parts = client.retrieve_series(STUDY, series.series_uid)
    first = next(iter(parts))
    # The viewer asks for the pictures while the picked series still comes in.
    picture = client.series_thumbnail(STUDY, series.series_uid)
    assert picture is not None and picture[0] == "application/dicom"
    assert first[128:132] == b"DICM"  # a whole Part 10 file, not an empty part
    rest = list(parts)
    assert len(rest) == 7  # the other seven of the study's eight slices
    assert client.associations_opened == opened + 1  # the pick reused the listing's
    # Each lane reuses its own: the pictures' query and retrieve, then the series again.
    assert client.series_thumbnail(STUDY, series.series_uid) is not None
    assert len(list(client.retrieve_series(STUDY, series.series_uid))) == 8
    assert client.associations_opened == opened + 1
    client.close()


def test_the_pacs_waits_with_the_second_image_until_the_first_has_been_taken(
    dimse_study: OrthancServer,
) -> None:
    # The first slice is decoded while nothing else arrives; then the rest flows.
    sop_class = dcmread(io.BytesIO(ct_series(1, patient=PATIENT, uid=STUDY)[0])).SOPClassUID
    ae = AE(ae_title=WORKSTATION_AE)
    ae.add_requested_context(StudyRootQueryRetrieveInformationModelGet)
    ae.add_requested_context(sop_class, ExplicitVRLittleEndian)
    role = build_role(sop_class, scp_role=True)
    assoc = ae.associate("127.0.0.1", dimse_study.dicom_port, ae_title=ORTHANC_AE, ext_neg=[role])
    arrived = Arrivals()
    for event, handler in storing(arrived):
        assoc.bind(event, handler)
    query = identifier("STUDY", StudyInstanceUID=STUDY)
    responses = assoc.send_c_get(query, StudyRootQueryRetrieveInformationModelGet)
    settled = threading.Event()
    await_answers(assoc, responses, arrived, settled, where="test")
    first = arrived.queue.get(timeout=10)
    assert isinstance(first, bytes)
    assert not settled.wait(0.5) and arrived.queue.empty()  # the PACS is held
    arrived.resumed.set()  # the consumer asks for the next
    assert settled.wait(10)
    rest = [arrived.queue.get(timeout=10) for _ in range(8)]
    assert all(isinstance(part, bytes) for part in rest[:7]) and rest[7] == End()
