""" "Apri…": find DICOM images in files, folders or on a CD (DICOMDIR), grouped by study.

A CD is read by its index, the DICOMDIR (PS3.10 file-set): the files it lists,
filed under its studies and series; files it lists but the disc lacks are
reported as missing, and DICOM files on the disc it does not list are set
apart ("file non indicizzati"), never mixed into the indexed studies. A folder
without a DICOMDIR is scanned file by file.

Only headers are read while scanning (never the pixels), so a folder of
thousands of files or one huge stray file does not stall. Every file that
cannot be used is listed with its :class:`FailureReason`; nothing is dropped
silently. A study of a patient other than the one open is flagged.
"""

from __future__ import annotations

import os
import warnings
from collections import defaultdict
from collections.abc import Generator, Iterable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from pydicom.dataset import Dataset
from pydicom.fileset import FileSet

from fse_desk.domain.imaging import (
    FailureReason,
    LoadFailure,
    LocalInstance,
    LocalScan,
    LocalSeries,
    LocalStudy,
    SeriesInstanceUid,
    SeriesSummary,
    StudyInstanceUid,
    StudySource,
    StudySummary,
)
from fse_desk.errors import DicomFileError
from fse_desk.imaging.checks import check_decodable, check_pixel_data
from fse_desk.imaging.decode import image_info, looks_like_dicom, read_dataset, read_header
from fse_desk.progress import CancelToken, Progress

_MIN_DATE = date(1900, 1, 1)


@dataclass(frozen=True, slots=True)
class _Found:
    """A file to read; from a DICOMDIR, the study and series its index files it under."""

    path: Path
    study_uid: str = ""
    series_uid: str = ""


@dataclass(slots=True)
class _Plan:
    files: list[_Found] = field(default_factory=list)
    missing: list[LoadFailure] = field(default_factory=list)
    unindexed: list[Path] = field(default_factory=list)


def _plan(paths: Iterable[Path]) -> _Plan:
    """Files to read: a DICOMDIR's records (a folder with one at its root is a CD), else every
    file under a folder, or the files given."""
    plan = _Plan()
    seen: set[Path] = set()
    for path in paths:
        index = _dicomdir_in(path)
        found: list[_Found] = []
        if index is not None:
            try:
                found = _read_index(index, plan)
            except DicomFileError as exc:  # a damaged index: say so, then scan the disc
                plan.missing.append(LoadFailure(str(index), FailureReason(exc.reason), str(exc)))
                found = [_Found(p) for p in _walk(index.parent)]
        elif path.is_dir():
            found = [_Found(p) for p in _walk(path)]
        else:
            found = [_Found(path)]
        for item in found:
            resolved = item.path.resolve()
            if resolved not in seen:
                seen.add(resolved)
                plan.files.append(item)
    return plan


def _dicomdir_in(path: Path) -> Path | None:
    if path.is_file():
        return path if path.name.upper() == "DICOMDIR" else None
    if path.is_dir():
        for child in path.iterdir():
            if child.name.upper() == "DICOMDIR" and child.is_file():
                return child
    return None


def _walk(folder: Path) -> list[Path]:
    return sorted(
        Path(root) / name
        for root, _dirs, names in os.walk(folder)
        for name in names
        if name.upper() != "DICOMDIR"
    )


def _read_index(dicomdir: Path, plan: _Plan) -> list[_Found]:
    """The files a DICOMDIR lists, with its study and series; the ones it lists but the disc
    lacks go to ``plan.missing``, DICOM files on the disc it does not list to ``plan.unindexed``."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            index = read_dataset(dicomdir)
            # FileSet leaves out the records whose file is missing: list those from the raw ones.
            referenced = [
                _referenced_path(dicomdir, r.ReferencedFileID)
                for r in index.get("DirectoryRecordSequence", [])
                if r.get("ReferencedFileID")
            ]
            file_set = FileSet(index)
            records = [
                (
                    Path(i.path),
                    str(getattr(i, "StudyInstanceUID", "")),
                    str(getattr(i, "SeriesInstanceUID", "")),
                )
                for i in file_set
            ]
    except DicomFileError:
        raise
    except Exception as exc:  # pydicom refuses an index it cannot follow in many ways
        raise DicomFileError(
            f"{dicomdir}: the DICOMDIR cannot be followed: {type(exc).__name__}: {exc}",
            reason=FailureReason.BAD_ENCODING.value,
        ) from exc
    found = [_Found(path, study, series) for path, study, series in records if path.is_file()]
    listed = {path.resolve() for path in referenced}
    plan.missing += [
        LoadFailure(str(path), FailureReason.MISSING, f"{path}: listed by {dicomdir}, not on disc")
        for path in referenced
        if not path.is_file()
    ]
    plan.unindexed += [
        p for p in _walk(dicomdir.parent) if p.resolve() not in listed and looks_like_dicom(p)
    ]
    return found


def _referenced_path(dicomdir: Path, file_id: object) -> Path:
    """A record's Referenced File ID (path components, PS3.10 8.5) under the DICOMDIR's folder."""
    parts = [str(file_id)] if isinstance(file_id, str) else [str(p) for p in file_id]  # type: ignore[attr-defined]
    return dicomdir.parent.joinpath(*parts)


def scan(
    paths: Iterable[Path], *, patient_ids: Iterable[str] = (), cancel: CancelToken | None = None
) -> Generator[Progress, None, LocalScan]:
    """Read the headers of every file under ``paths``; group by patient, study, series.

    ``patient_ids`` are the identifiers of the patient open (their codice fiscale):
    studies of anyone else come back with ``other_patient`` set. A CD is read by its
    DICOMDIR: files it does not list come back in ``unindexed``, to be opened apart.
    """
    plan = _plan(paths)
    files = plan.files
    mine = {p.strip().upper() for p in patient_ids if p}
    failures: list[LoadFailure] = list(plan.missing)
    headers: list[tuple[_Found, Dataset]] = []
    for done, item in enumerate(files):
        if cancel is not None:
            cancel.raise_if_cancelled()
        if done % 16 == 0:
            yield Progress(done, len(files), "Reading files")
        try:
            ds, pixels_at = read_header(item.path)
            image_info(ds)  # refuses objects without Rows/Columns
            check_pixel_data(ds, pixels_at, item.path.stat().st_size, str(item.path))
            check_decodable(ds)
        except DicomFileError as exc:
            failures.append(
                LoadFailure(str(item.path), FailureReason(exc.reason), str(exc), exc.codec)
            )
            continue
        headers.append((item, ds))
    yield Progress(len(files), len(files), "Reading files")
    studies = _group(headers, mine)
    patients = tuple(sorted({s.summary.patient_id for s in studies}))
    return LocalScan(tuple(studies), tuple(failures), len(files), patients, tuple(plan.unindexed))


def _group(headers: list[tuple[_Found, Dataset]], mine: set[str]) -> list[LocalStudy]:
    """Studies and series as the DICOMDIR files them, else as each header says."""
    by_study: dict[str, dict[str, list[tuple[Path, Dataset]]]] = defaultdict(
        lambda: defaultdict(list)
    )
    for item, ds in headers:
        study = (
            item.study_uid
            or str(ds.get("StudyInstanceUID", ""))
            or f"unknown:{ds.get('PatientID', '')}"
        )
        series = item.series_uid or str(ds.get("SeriesInstanceUID", "")) or f"{study}:unknown"
        by_study[study][series].append((item.path, ds))
    studies: list[LocalStudy] = []
    for study_uid, series_map in by_study.items():
        series_list: list[LocalSeries] = []
        first: Dataset | None = None
        images = 0
        for series_uid, members in series_map.items():
            instances = []
            for path, ds in members:
                info = image_info(ds)
                instances.append(
                    LocalInstance(
                        path, info.sop_uid, info.instance_number, info.frames, info.position
                    )
                )
            instances.sort(
                key=lambda i: (
                    i.position if i.position is not None else float(i.instance_number or 0),
                    i.instance_number or 0,
                )
            )
            ds0 = members[0][1]
            first = first or ds0
            images += len(instances)
            series_list.append(
                LocalSeries(
                    SeriesSummary(
                        StudyInstanceUid(study_uid),
                        SeriesInstanceUid(series_uid),
                        str(ds0.get("Modality", "OT")),
                        str(ds0.get("SeriesDescription", "")),
                        _int(ds0.get("SeriesNumber")),
                        len(instances),
                    ),
                    tuple(instances),
                )
            )
        series_list.sort(key=lambda s: (s.summary.number or 0, s.summary.series_uid))
        assert first is not None
        info = image_info(first)
        patient_id = info.patient_id
        summary = StudySummary(
            StudyInstanceUid(study_uid),
            patient_id,
            info.patient_name,
            info.study_date,
            tuple(sorted({s.summary.modality for s in series_list})),
            info.study_description,
            len(series_list),
            images,
            StudySource.LOCAL,
        )
        other = bool(mine) and patient_id.strip().upper() not in mine
        studies.append(LocalStudy(summary, tuple(series_list), other))
    studies.sort(
        key=lambda s: (s.summary.patient_id, s.summary.study_date or _MIN_DATE), reverse=False
    )
    return studies


def _int(value: object) -> int | None:
    try:
        return None if value in (None, "") else int(str(value))
    except ValueError:
        return None
