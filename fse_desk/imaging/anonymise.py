"""Export a study as anonymised DICOM, per the Basic Application Level Confidentiality Profile.

The de-identification is dicognito's (chosen over deid because it is a plain library
call with no recipe files to ship, applies the profile's replace actions with
consistent pseudonyms from one seed: the same patient gets the same fake name and ID,
every UID is remapped the same way across the study and its references, dates shift
by one offset so intervals survive). Before it runs, what dicognito leaves is removed
here from PS3.15 Annex E Table E.1-1: private attributes, the attributes the profile
removes (X) or empties (Z) that dicognito does not touch (medical alerts, allergies,
requested procedure text, station names, comments...), and any free text (LT/ST/UT),
where a name or a codice fiscale can hide. The result records what was done (Patient
Identity Removed = YES, De-identification Method and its codes).

Burned-in annotation (text drawn into the pixels) cannot be removed this way: images
marked ``BurnedInAnnotation = YES``, or of modalities known to burn text (US, SC...)
unless they say NO, are detected so the user can be warned and skip them.
"""

from __future__ import annotations

import hashlib
from collections.abc import Generator, Sequence
from dataclasses import dataclass
from pathlib import Path

from dicognito.anonymizer import Anonymizer
from pydicom.dataset import Dataset, FileMetaDataset
from pydicom.sequence import Sequence as DicomSequence

from fse_desk.imaging.decode import read_dataset
from fse_desk.progress import CancelToken, Progress

PROFILE_NAME = "DICOM PS3.15 E.1 Basic Application Level Confidentiality Profile"
BURNING_MODALITIES = frozenset({"US", "SC", "XC", "ES", "OT"})
"""Modalities whose images often carry the patient's name drawn into the pixels."""
_FREE_TEXT_VRS = frozenset({"LT", "ST", "UT"})
_METHOD_CODES = (  # PS3.16 CID 7050
    ("113100", "Basic Application Confidentiality Profile"),
    ("113107", "Retain Longitudinal Temporal Information Modified Dates Option"),
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
    # Further X/Z attributes of Table E.1-1 that can name or describe the patient.
    "MedicalAlerts",
    "Allergies",
    "PatientTelecomInformation",
    "RequestedProcedureDescription",
    "ReasonForTheRequestedProcedure",
    "ReasonForStudy",
    "RequestedContrastAgent",
    "PerformedStationName",
    "PerformedStationAETitle",
    "PerformedLocation",
    "ScheduledStationName",
    "ScheduledStationAETitle",
    "ScheduledPerformingPhysicianName",
    "ScheduledProcedureStepDescription",
    "ScheduledProcedureStepLocation",
    "SmokingStatus",
    "PregnancyStatus",
    "LastMenstrualDate",
    "SpecialNeeds",
    "PatientSexNeutered",
    "PatientTransportArrangements",
    "VisitComments",
    "ReasonForVisit",
    "AdmittingDate",
    "AdmittingTime",
    "DischargeDiagnosisDescription",
    "ServiceEpisodeDescription",
    "ServiceEpisodeID",
    "IssuerOfAdmissionIDSequence",
    "ImagePresentationComments",
    "InterpretationText",
    "InterpretationDiagnosisDescription",
    "ResultsComments",
    "TextComments",
    "TopicTitle",
    "TopicSubject",
    "TopicAuthor",
    "TopicKeywords",
    "FrameComments",
    "AcquisitionComments",
    "ContrastBolusAgent",
    "DeviceDescription",
    "GantryID",
    "DetectorID",
    "PlateID",
    "CassetteID",
    "ModifiedAttributesSequence",
    "DigitalSignaturesSequence",
    "DataSetTrailingPadding",
    "PersonTelephoneNumbers",
    "PersonTelecomInformation",
    "PersonAddress",
)


@dataclass(frozen=True, slots=True)
class AnonymisedExport:
    """What an export wrote, and how many images it left out for burned-in text."""

    written: tuple[Path, ...]
    skipped_burned_in: int


def has_burned_in_text(ds: Dataset) -> bool:
    """The pixels may carry identifying text: marked so, or a modality that burns it in."""
    flag = str(ds.get("BurnedInAnnotation", "")).strip().upper()
    if flag:
        return flag == "YES"
    return str(ds.get("Modality", "")).strip().upper() in BURNING_MODALITIES


def burned_in_count(sources: Sequence[Path | bytes]) -> int:
    """How many of ``sources`` may show burned-in text (headers only)."""
    return sum(has_burned_in_text(read_dataset(s, header_only=True)) for s in sources)


def anonymise(ds: Dataset, anonymizer: Anonymizer) -> Dataset:
    """A de-identified copy of ``ds`` (the original is not touched)."""
    out = ds.copy()
    if hasattr(ds, "file_meta"):
        out.file_meta = FileMetaDataset(ds.file_meta)
    out.remove_private_tags()
    _strip(out)
    anonymizer.anonymize(out)
    if hasattr(out, "file_meta") and "MediaStorageSOPInstanceUID" in out.file_meta:
        out.file_meta.MediaStorageSOPInstanceUID = out.SOPInstanceUID
    out.PatientIdentityRemoved = "YES"
    out.DeidentificationMethod = PROFILE_NAME
    codes = []
    for value, meaning in _METHOD_CODES:
        code = Dataset()
        code.CodeValue = value
        code.CodingSchemeDesignator = "DCM"
        code.CodeMeaning = meaning
        codes.append(code)
    out.DeidentificationMethodCodeSequence = DicomSequence(codes)
    return out


def _strip(ds: Dataset) -> None:
    """Remove what the profile removes and dicognito keeps, at every nesting level."""
    for keyword in _REMOVE:
        if keyword in ds:
            del ds[keyword]
    for element in list(ds):
        if element.VR in _FREE_TEXT_VRS:
            del ds[element.tag]
        elif element.VR == "SQ":
            for item in element.value:
                _strip(item)


def export_study(
    sources: Sequence[Path | bytes],
    folder: Path,
    *,
    salt: bytes,
    skip_burned_in: bool = False,
    cancel: CancelToken | None = None,
) -> Generator[Progress, None, AnonymisedExport]:
    """Write every instance of a study, anonymised, as ``folder/IM00001.dcm``…

    One pseudonymiser for the whole study (seeded from ``salt``), so its instances keep
    one fake patient, one study and their series, references included."""
    folder.mkdir(parents=True, exist_ok=True)
    anonymizer = Anonymizer(seed=hashlib.sha256(salt).hexdigest())
    written: list[Path] = []
    skipped = 0
    for number, source in enumerate(sources, start=1):
        yield Progress(number - 1, len(sources), "Anonymised export")
        if cancel is not None:  # checked on resuming, so a cancel writes nothing more
            cancel.raise_if_cancelled()
        ds = read_dataset(source)
        if skip_burned_in and has_burned_in_text(ds):
            skipped += 1
            continue
        target = folder / f"IM{len(written) + 1:05d}.dcm"
        anonymise(ds, anonymizer).save_as(target, enforce_file_format=True)
        written.append(target)
    yield Progress(len(sources), len(sources), "Anonymised export")
    return AnonymisedExport(tuple(written), skipped)
