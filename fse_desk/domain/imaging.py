"""Plain records of diagnostic imaging: studies, series, local scans, load failures.

No I/O, no Qt. In the domain layer because both the PACS connector and the imaging
capability use them.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import NewType

StudyInstanceUid = NewType("StudyInstanceUid", str)
SeriesInstanceUid = NewType("SeriesInstanceUid", str)


class StudySource(enum.Enum):
    """Where a study was found."""

    PACS = "pacs"  # QIDO-RS on the PACS
    REPORT = "report"  # named by a radiology report, not (or not yet) found on the PACS
    LOCAL = "local"  # files, a folder or a CD (DICOMDIR)


class FailureReason(enum.Enum):
    """Why a file could not be used; the UI words each one in Italian."""

    EMPTY = "empty"  # zero-length file
    NOT_DICOM = "not_dicom"  # no DICOM structure at all (random bytes, another format)
    TRUNCATED = "truncated"  # the file ends before its data does
    BAD_ENCODING = "bad_encoding"  # invalid VR, lengths or transfer syntax
    NO_IMAGE = "no_image"  # a DICOM object without pixels (report, DICOMDIR, ...)
    UNSUPPORTED = "unsupported"  # pixel encoding we cannot decode
    TOO_LARGE = "too_large"  # pixels would not fit the memory budget
    UNREADABLE = "unreadable"  # the operating system refused to read it
    MISSING = "missing"  # listed by the CD's DICOMDIR, absent from the disc


@dataclass(frozen=True, slots=True)
class LoadFailure:
    """One file that could not be loaded; ``detail`` is English, for the log; ``codec`` names the
    compression a file of reason UNSUPPORTED would need (a DICOM syntax name, no patient data)."""

    path: str
    reason: FailureReason
    detail: str
    codec: str = ""


@dataclass(frozen=True, slots=True)
class SeriesSummary:
    study_uid: StudyInstanceUid
    series_uid: SeriesInstanceUid
    modality: str
    description: str
    number: int | None
    image_count: int


@dataclass(frozen=True, slots=True)
class StudySummary:
    """One study as the study list shows it."""

    study_uid: StudyInstanceUid
    patient_id: str
    patient_name: str
    study_date: date | None
    modalities: tuple[str, ...]
    description: str
    series_count: int | None
    image_count: int | None
    source: StudySource
    report_document_id: str | None = None


@dataclass(frozen=True, slots=True)
class LocalInstance:
    """A readable DICOM image file found on disk (header only)."""

    path: Path
    sop_uid: str
    instance_number: int | None
    frames: int
    position: float | None


@dataclass(frozen=True, slots=True)
class LocalSeries:
    summary: SeriesSummary
    instances: tuple[LocalInstance, ...]


@dataclass(frozen=True, slots=True)
class LocalStudy:
    summary: StudySummary
    series: tuple[LocalSeries, ...]
    other_patient: bool  # not the patient open in the workspace


@dataclass(frozen=True, slots=True)
class LocalScan:
    """What "Apri…" found: studies grouped by patient, and every failure with its reason."""

    studies: tuple[LocalStudy, ...]
    failures: tuple[LoadFailure, ...]
    files_seen: int
    patients: tuple[str, ...] = field(default=())
    unindexed: tuple[Path, ...] = field(default=())  # DICOM files on a CD its DICOMDIR omits
