"""Export a study as anonymised DICOM, per the Basic Application Level Confidentiality Profile.

PS3.15 Annex E, Table E.1-1: identifying attributes are removed (X), emptied
(Z) or replaced with a dummy (D); UIDs are replaced consistently (U) so the
study, its series and their references still hang together; private
attributes are removed. The result records what was done (Patient Identity
Removed = YES, De-identification Method and its code 113100).
"""

from __future__ import annotations

import copy
import hashlib
from collections.abc import Generator, Sequence
from pathlib import Path

from pydicom.dataelem import DataElement
from pydicom.dataset import Dataset
from pydicom.sequence import Sequence as DicomSequence
from pydicom.tag import BaseTag, Tag

from fse_desk.imaging.decode import read_dataset
from fse_desk.progress import CancelToken, Progress

PROFILE_NAME = "DICOM PS3.15 E.1 Basic Application Level Confidentiality Profile"
ANONYMOUS_NAME = "ANONIMO"

_DUMMY = {  # D: replaced with a dummy value of the same VR
    "PatientName": ANONYMOUS_NAME,
    "PatientID": "ANONIMO",
    "StudyDate": "19000101",
    "ContentDate": "19000101",
    "StudyTime": "000000",
    "ContentTime": "000000",
}
_EMPTY = (  # Z: kept, emptied
    "PatientBirthDate",
    "PatientSex",
    "ReferringPhysicianName",
    "StudyID",
    "AccessionNumber",
)
_REMOVE = (  # X: removed
    "InstitutionName",
    "InstitutionAddress",
    "InstitutionalDepartmentName",
    "ReferringPhysicianAddress",
    "ReferringPhysicianTelephoneNumbers",
    "PhysiciansOfRecord",
    "PerformingPhysicianName",
    "NameOfPhysiciansReadingStudy",
    "OperatorsName",
    "StationName",
    "OtherPatientIDs",
    "OtherPatientNames",
    "OtherPatientIDsSequence",
    "PatientBirthName",
    "PatientAge",
    "PatientSize",
    "PatientWeight",
    "PatientAddress",
    "PatientMotherBirthName",
    "MilitaryRank",
    "BranchOfService",
    "MedicalRecordLocator",
    "PatientTelephoneNumbers",
    "EthnicGroup",
    "Occupation",
    "AdditionalPatientHistory",
    "PatientComments",
    "PatientBirthTime",
    "PatientInsurancePlanCodeSequence",
    "PatientReligiousPreference",
    "CountryOfResidence",
    "RegionOfResidence",
    "ResponsiblePerson",
    "ResponsibleOrganization",
    "DeviceSerialNumber",
    "ProtocolName",
    "RequestingPhysician",
    "RequestingService",
    "RequestedProcedureID",
    "RequestAttributesSequence",
    "PerformedProcedureStepID",
    "PerformedProcedureStepStartDate",
    "PerformedProcedureStepStartTime",
    "PerformedProcedureStepDescription",
    "ScheduledProcedureStepID",
    "ImageComments",
    "StudyComments",
    "InstanceCreatorUID",
    "AcquisitionDateTime",
    "AcquisitionDate",
    "AcquisitionTime",
    "SeriesDate",
    "SeriesTime",
    "InstanceCreationDate",
    "InstanceCreationTime",
    "IssuerOfPatientID",
    "PatientState",
    "ReferencedPatientSequence",
    "ReferencedStudySequence",
    "AdmittingDiagnosesDescription",
    "DerivationDescription",
    "OriginalAttributesSequence",
    "ContentSequence",
    "PersonName",
    "CurrentPatientLocation",
    "AdmissionID",
    "ConsultingPhysicianName",
    "PerformingPhysicianIdentificationSequence",
    "ReferringPhysicianIdentificationSequence",
    "RequestingPhysicianIdentificationSequence",
    "OperatorIdentificationSequence",
    "InstitutionCodeSequence",
    "IconImageSequence",
    "StudyDescription",
    "SeriesDescription",
)
_UIDS = (  # U: replaced consistently
    "StudyInstanceUID",
    "SeriesInstanceUID",
    "SOPInstanceUID",
    "FrameOfReferenceUID",
    "ReferencedSOPInstanceUID",
    "ReferencedFrameOfReferenceUID",
    "IrradiationEventUID",
    "SynchronizationFrameOfReferenceUID",
    "StorageMediaFileSetUID",
    "ConcatenationUID",
    "DimensionOrganizationUID",
    "MediaStorageSOPInstanceUID",
)


class UidMap:
    """Old UID → new UID, stable within one export (2.25 root, hashed with a salt)."""

    def __init__(self, salt: bytes) -> None:
        self._salt = salt
        self._map: dict[str, str] = {}

    def __call__(self, uid: str) -> str:
        if uid not in self._map:
            digest = hashlib.sha256(self._salt + uid.encode("ascii", "replace")).digest()
            self._map[uid] = f"2.25.{int.from_bytes(digest[:15], 'big')}"
        return self._map[uid]


def anonymise(ds: Dataset, uids: UidMap) -> Dataset:
    """A de-identified copy of ``ds`` (the original is not touched)."""
    out = ds.copy()
    # copy.copy keeps the FileMetaDataset type (Dataset.copy() is annotated as a plain Dataset)
    out.file_meta = copy.copy(ds.file_meta) if hasattr(ds, "file_meta") else out.file_meta
    out.remove_private_tags()
    _clean(out, uids)
    if hasattr(out, "file_meta") and "MediaStorageSOPInstanceUID" in out.file_meta:
        out.file_meta.MediaStorageSOPInstanceUID = out.SOPInstanceUID
    out.PatientIdentityRemoved = "YES"
    out.DeidentificationMethod = PROFILE_NAME
    code = Dataset()
    code.CodeValue = "113100"
    code.CodingSchemeDesignator = "DCM"
    code.CodeMeaning = "Basic Application Confidentiality Profile"
    out.DeidentificationMethodCodeSequence = DicomSequence([code])
    return out


def _clean(ds: Dataset, uids: UidMap) -> None:
    for keyword in _REMOVE:
        if keyword in ds:
            del ds[keyword]
    for keyword in _EMPTY:
        if keyword in ds:
            ds[keyword].value = ""
    for keyword, value in _DUMMY.items():
        if keyword in ds:
            ds[keyword].value = value
    for keyword in _UIDS:
        if keyword in ds and ds[keyword].value:
            element: DataElement = ds[keyword]
            if element.VM > 1:
                element.value = [uids(str(v)) for v in element.value]
            else:
                element.value = uids(str(element.value))
    for element in list(ds):
        if element.VR == "SQ":
            for item in element.value:
                _clean(item, uids)
        elif element.VR == "PN" and element.tag not in _kept_names():
            ds[element.tag].value = ""


def _kept_names() -> set[BaseTag]:
    return {Tag("PatientName")}


def export_study(
    sources: Sequence[Path | bytes], folder: Path, *, salt: bytes, cancel: CancelToken | None = None
) -> Generator[Progress, None, list[Path]]:
    """Write every instance of a study, anonymised, as ``folder/IM00001.dcm``…"""
    folder.mkdir(parents=True, exist_ok=True)
    uids = UidMap(salt)
    written: list[Path] = []
    for number, source in enumerate(sources, start=1):
        if cancel is not None:
            cancel.raise_if_cancelled()
        yield Progress(number - 1, len(sources), "Anonymised export")
        clean = anonymise(read_dataset(source), uids)
        target = folder / f"IM{number:05d}.dcm"
        clean.save_as(target, enforce_file_format=True)
        written.append(target)
    yield Progress(len(sources), len(sources), "Anonymised export")
    return written
