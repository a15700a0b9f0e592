"""The anonymised export, read back: nothing of the PS3.15 Basic Profile's identifying
attributes, no codice fiscale or name anywhere, UIDs remapped consistently, private tags gone,
burned-in text detected and skippable, progress and cancel."""

from __future__ import annotations

import io
from pathlib import Path

import numpy as np
import pytest
from pydicom import dcmread
from pydicom.dataset import Dataset
from pydicom.sequence import Sequence

from fse_desk.errors import Cancelled
from fse_desk.imaging.anonymise import _REMOVE, export_study, has_burned_in_text
from fse_desk.progress import CancelToken, drive
from tests.imaging_files import CF, ct_series

NAME = "ROSSI^MARIO"

# Identifying attributes of Table E.1-1 (X, Z, D) a hospital fills, each holding the patient.
_IDENTIFYING = {
    "PatientName": NAME,
    "PatientID": CF,
    "OtherPatientIDs": CF,
    "PatientBirthDate": "19700101",
    "PatientAddress": "Via Roma 1, Bologna",
    "PatientTelephoneNumbers": "+39 051 123456",
    "PatientTelecomInformation": "mario.rossi@example.it",
    "MedicalAlerts": f"allergia penicillina {CF}",
    "Allergies": f"penicillina ({NAME})",
    "RequestedProcedureDescription": f"TC torace {NAME}",
    "ReasonForTheRequestedProcedure": f"dispnea, paziente {CF}",
    "PerformedStationName": "TC-ROSSI-01",
    "InstitutionName": "Ospedale Maggiore",
    "ReferringPhysicianName": "BIANCHI^LUCA",
    "PerformingPhysicianName": "VERDI^ANNA",
    "OperatorsName": "NERI^PAOLO",
    "AccessionNumber": "ACC12345",
    "StudyID": "S1",
    "AdditionalPatientHistory": f"storia di {NAME}",
    "PatientComments": CF,
    "ImageComments": f"{NAME} {CF}",
    "StudyDescription": f"TC {NAME}",
    "DeviceSerialNumber": "SN998877",
    "StationName": "CT01",
}


def _identified_series() -> list[bytes]:
    out = []
    for raw in ct_series(3):
        ds = dcmread(io.BytesIO(raw))
        for keyword, value in _IDENTIFYING.items():
            setattr(ds, keyword, value)
        ds.add_new(0x00091010, "LO", CF)  # a private tag carrying the CF
        ds.add_new(0x00090010, "LO", "VENDOR")
        ref = Dataset()
        ref.ReferencedSOPClassUID = ds.SOPClassUID
        ref.ReferencedSOPInstanceUID = ds.SOPInstanceUID
        ref.PatientName = NAME  # a name nested in a sequence
        ds.ReferencedImageSequence = Sequence([ref])
        buffer = io.BytesIO()
        ds.save_as(buffer, enforce_file_format=True)
        out.append(buffer.getvalue())
    return out


def _all_text(ds: Dataset) -> str:
    parts = [str(e.value) for e in ds.file_meta.iterall()] if hasattr(ds, "file_meta") else []
    parts += [str(e.value) for e in ds.iterall() if e.tag != 0x7FE00010]
    return "\n".join(parts).upper()


def test_the_export_leaves_nothing_that_identifies_the_patient(tmp_path: Path) -> None:
    sources = _identified_series()
    originals = [dcmread(io.BytesIO(raw)) for raw in sources]
    result = drive(export_study(list(sources), tmp_path / "out", salt=b"one"))
    assert len(result.written) == 3 and result.skipped_burned_in == 0
    clean = [dcmread(p) for p in result.written]
    for ds in clean:
        text = _all_text(ds)
        assert CF not in text and "ROSSI" not in text and "MARIO" not in text
        for keyword, value in _IDENTIFYING.items():
            assert keyword not in ds or str(ds[keyword].value) != value, keyword
        for keyword in _REMOVE:
            assert keyword not in ds, keyword
        assert not [e for e in ds.iterall() if e.tag.is_private]
        assert ds.PatientIdentityRemoved == "YES"
        assert {c.CodeValue for c in ds.DeidentificationMethodCodeSequence} >= {"113100"}
    # One fake patient, one study, one series; every UID new, references remapped alike.
    assert len({(str(ds.PatientName), ds.PatientID) for ds in clean}) == 1
    assert len({ds.StudyInstanceUID for ds in clean}) == 1
    assert len({ds.SeriesInstanceUID for ds in clean}) == 1
    old_uids = {o.SOPInstanceUID for o in originals} | {originals[0].StudyInstanceUID}
    new_uids = {ds.SOPInstanceUID for ds in clean} | {clean[0].StudyInstanceUID}
    assert not old_uids & new_uids
    for ds in clean:
        assert ds.ReferencedImageSequence[0].ReferencedSOPInstanceUID == ds.SOPInstanceUID
        assert ds.file_meta.MediaStorageSOPInstanceUID == ds.SOPInstanceUID
    assert np.array_equal(clean[0].pixel_array, originals[0].pixel_array)


def test_two_exports_give_the_patient_different_pseudonyms(tmp_path: Path) -> None:
    sources = list(_identified_series())
    first = dcmread(drive(export_study(sources, tmp_path / "a", salt=b"one")).written[0])
    second = dcmread(drive(export_study(sources, tmp_path / "b", salt=b"two")).written[0])
    assert first.PatientID != second.PatientID
    assert first.StudyInstanceUID != second.StudyInstanceUID


def _ultrasound() -> bytes:
    ds = dcmread(io.BytesIO(ct_series(1)[0]))
    ds.Modality = "US"
    buffer = io.BytesIO()
    ds.save_as(buffer, enforce_file_format=True)
    return buffer.getvalue()


def test_burned_in_text_is_detected_and_can_be_skipped(tmp_path: Path) -> None:
    marked = dcmread(io.BytesIO(ct_series(1)[0]))
    marked.BurnedInAnnotation = "YES"
    assert has_burned_in_text(marked)
    assert has_burned_in_text(dcmread(io.BytesIO(_ultrasound())))
    marked.BurnedInAnnotation = "NO"
    marked.Modality = "US"
    assert not has_burned_in_text(marked)  # the file says it has none
    sources: list[Path | bytes] = [*ct_series(2), _ultrasound()]
    skipped = drive(export_study(sources, tmp_path / "s", salt=b"x", skip_burned_in=True))
    assert (len(skipped.written), skipped.skipped_burned_in) == (2, 1)
    kept = drive(export_study(sources, tmp_path / "k", salt=b"x"))
    assert (len(kept.written), kept.skipped_burned_in) == (3, 0)


def test_the_export_reports_progress_and_stops_when_cancelled(tmp_path: Path) -> None:
    sources: list[Path | bytes] = list(ct_series(4))
    reports = []
    drive(export_study(sources, tmp_path / "p", salt=b"x"), reports.append)
    assert [r.done for r in reports] == [0, 1, 2, 3, 4]
    cancel = CancelToken()
    exporting = export_study(sources, tmp_path / "c", salt=b"x", cancel=cancel)
    next(exporting), next(exporting)
    cancel.cancel()
    with pytest.raises(Cancelled):
        drive(exporting)
    assert len(list((tmp_path / "c").glob("*.dcm"))) == 1
