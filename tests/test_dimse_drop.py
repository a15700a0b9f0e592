"""A PACS that drops the DIMSE association (here Orthanc killed and started again on the same
ports): the loss is reported as PacsUnavailable (the viewer's Italian "PACS non raggiungibile"),
nothing half-open is reused, and asking again works."""

from __future__ import annotations

from pathlib import Path

import pytest

from fse_desk.connectors.dimse import DimseClient, DimsePeer
from fse_desk.errors import PacsUnavailable
from fse_desk.imaging.stack import ImageStack
from tests.fixtures_orthanc import ORTHANC_AE, WORKSTATION_AE, OrthancServer, running_orthanc
from tests.imaging_files import ct_series

PATIENT = "BNCHXX00A01H501X"
STUDY = "2.25.707070"
SLICES = 20  # more than the PACS can have sent when it is killed after the first one


def _upload(orthanc: OrthancServer, slices: list[bytes]) -> None:
    for raw in slices:
        orthanc.upload(raw)


def _ports(orthanc: OrthancServer) -> tuple[int, int, int]:
    return orthanc.http_port, orthanc.dicom_port, orthanc.storage_port


def test_a_dropped_association_is_reported_and_a_retry_works(tmp_path: Path) -> None:
    slices = ct_series(SLICES, patient=PATIENT, uid=STUDY)
    with running_orthanc(tmp_path / "first") as orthanc:
        _upload(orthanc, slices)
        ports = _ports(orthanc)
        client = DimseClient(
            DimsePeer("127.0.0.1", orthanc.dicom_port, ORTHANC_AE, WORKSTATION_AE), timeout_s=10
        )
        client.search_studies(PATIENT)
        (series,) = client.search_series(STUDY)  # its association is kept for the pick
        parts = client.retrieve_series(STUDY, series.series_uid)
        arrived = [next(iter(parts))]
        orthanc.process.kill()  # the PACS goes away mid-series
        with pytest.raises(PacsUnavailable):
            arrived.extend(parts)
        assert len(arrived) < SLICES

    with running_orthanc(tmp_path / "again", ports) as orthanc:
        _upload(orthanc, slices)
        stack = ImageStack()
        for part in client.retrieve_series(STUDY, series.series_uid):  # the retry
            stack.add(part)
        assert len(stack) == SLICES
        opened = client.associations_opened
        client.search_series(STUDY)  # kept again after the retry
        assert client.associations_opened == opened
        orthanc.process.kill()  # now the PACS drops the association while it is kept idle

    with running_orthanc(tmp_path / "third", ports) as orthanc:
        _upload(orthanc, slices[:2])
        # The dropped one is not reused: a fresh association answers.
        assert [s.image_count for s in client.search_series(STUDY)] == [2]
        assert client.associations_opened == opened + 1
        assert len(list(client.retrieve_series(STUDY, series.series_uid))) == 2
        client.close()
