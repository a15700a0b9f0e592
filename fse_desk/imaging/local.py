""" "Apri…": find DICOM images in files, folders or on a CD (DICOMDIR), grouped by study.

Only headers are read while scanning (never the pixels), so a folder of
thousands of files or one huge stray file does not stall. Every file that
cannot be used is listed with its :class:`FailureReason`; nothing is dropped
silently. A study of a patient other than the one open is flagged.
"""

from __future__ import annotations

import os
from collections import defaultdict
from collections.abc import Generator, Iterable
from datetime import date
from pathlib import Path

from pydicom.dataset import Dataset

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
from fse_desk.imaging.decode import image_info, read_dataset
from fse_desk.progress import CancelToken, Progress

_MIN_DATE = date(1900, 1, 1)
_NATIVE_SYNTAXES = {"1.2.840.10008.1.2", "1.2.840.10008.1.2.1", "1.2.840.10008.1.2.2"}


def expand_paths(paths: Iterable[Path]) -> list[Path]:
    """Files to look at: the files given, every file under a folder, a DICOMDIR's entries."""
    found: list[Path] = []
    seen: set[Path] = set()
    for path in paths:
        candidates: list[Path]
        if path.is_dir():
            candidates = sorted(
                Path(root) / name for root, _dirs, names in os.walk(path) for name in names
            )
        elif path.name.upper() == "DICOMDIR":
            candidates = sorted(p for p in path.parent.rglob("*") if p.is_file())
        else:
            candidates = [path]
        for candidate in candidates:
            if candidate.name.upper() == "DICOMDIR":
                continue  # the index itself, its files are walked anyway
            resolved = candidate.resolve()
            if resolved not in seen:
                seen.add(resolved)
                found.append(candidate)
    return found


def scan(
    paths: Iterable[Path], *, patient_ids: Iterable[str] = (), cancel: CancelToken | None = None
) -> Generator[Progress, None, LocalScan]:
    """Read the headers of every file under ``paths``; group by patient, study, series.

    ``patient_ids`` are the identifiers of the patient open (their codice fiscale):
    studies of anyone else come back with ``other_patient`` set.
    """
    files = expand_paths(paths)
    mine = {p.strip().upper() for p in patient_ids if p}
    failures: list[LoadFailure] = []
    headers: list[tuple[Path, Dataset]] = []
    for done, path in enumerate(files):
        if cancel is not None:
            cancel.raise_if_cancelled()
        if done % 16 == 0:
            yield Progress(done, len(files), "Reading files")
        try:
            ds = read_dataset(path, header_only=True)
            image_info(ds)  # refuses objects without pixels
            _check_length(path, ds)
        except DicomFileError as exc:
            failures.append(LoadFailure(str(path), FailureReason(exc.reason), str(exc)))
            continue
        headers.append((path, ds))
    yield Progress(len(files), len(files), "Reading files")
    studies = _group(headers, mine)
    patients = tuple(sorted({s.summary.patient_id for s in studies}))
    return LocalScan(tuple(studies), tuple(failures), len(files), patients)


def _check_length(path: Path, ds: Dataset) -> None:
    """An uncompressed image whose file is shorter than its pixels is truncated."""
    syntax = str(getattr(getattr(ds, "file_meta", None), "TransferSyntaxUID", "") or "")
    if syntax and syntax not in _NATIVE_SYNTAXES:
        return
    info = image_info(ds)
    bits = int(ds.get("BitsAllocated", 8) or 8)
    samples = int(ds.get("SamplesPerPixel", 1) or 1)
    needed = info.rows * info.columns * info.frames * samples * bits // 8
    size = path.stat().st_size
    if size < needed:
        raise DicomFileError(
            f"{path}: {size} bytes cannot hold {needed} bytes of pixels",
            reason=FailureReason.TRUNCATED.value,
        )


def _group(headers: list[tuple[Path, Dataset]], mine: set[str]) -> list[LocalStudy]:
    by_study: dict[str, dict[str, list[tuple[Path, Dataset]]]] = defaultdict(
        lambda: defaultdict(list)
    )
    for path, ds in headers:
        study = str(ds.get("StudyInstanceUID", "")) or f"unknown:{ds.get('PatientID', '')}"
        series = str(ds.get("SeriesInstanceUID", "")) or f"{study}:unknown"
        by_study[study][series].append((path, ds))
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
