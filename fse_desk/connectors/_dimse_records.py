"""C-FIND identifiers: the query datasets we send and the study and series records read from
the PACS's answers (PS3.4 C.6.2, Study Root)."""

from __future__ import annotations

from datetime import date

from pydicom.dataset import Dataset

from fse_desk.domain.imaging import (
    SeriesInstanceUid,
    SeriesSummary,
    StudyInstanceUid,
    StudySource,
    StudySummary,
)
from fse_desk.errors import DimseError


def identifier(level: str, **keys: str) -> Dataset:
    ds = Dataset()
    ds.QueryRetrieveLevel = level
    for keyword, value in keys.items():
        setattr(ds, keyword, value)
    return ds


def text_of(ds: Dataset, keyword: str) -> str:
    return str(ds.get(keyword, "") or "").replace("^", " ").strip()


def values_of(ds: Dataset, keyword: str) -> tuple[str, ...]:
    value = ds.get(keyword) or ()
    return (str(value),) if isinstance(value, str) else tuple(str(v) for v in value)


def number_of(ds: Dataset, keyword: str) -> int | None:
    try:
        value = ds.get(keyword)
        return None if value in (None, "") else int(value)
    except (TypeError, ValueError):
        return None


def _date(ds: Dataset, keyword: str) -> date | None:
    text = text_of(ds, keyword)
    try:
        return date(int(text[:4]), int(text[4:6]), int(text[6:8])) if len(text) >= 8 else None
    except ValueError:
        return None


def study_record(ds: Dataset) -> StudySummary:
    uid = text_of(ds, "StudyInstanceUID")
    if not uid:
        raise DimseError("a C-FIND study without StudyInstanceUID")
    return StudySummary(
        study_uid=StudyInstanceUid(uid),
        patient_id=text_of(ds, "PatientID"),
        patient_name=text_of(ds, "PatientName"),
        study_date=_date(ds, "StudyDate"),
        modalities=values_of(ds, "ModalitiesInStudy"),
        description=text_of(ds, "StudyDescription"),
        series_count=number_of(ds, "NumberOfStudyRelatedSeries"),
        image_count=number_of(ds, "NumberOfStudyRelatedInstances"),
        source=StudySource.PACS,
    )


def series_record(study_uid: str, ds: Dataset) -> SeriesSummary:
    uid = text_of(ds, "SeriesInstanceUID")
    if not uid:
        raise DimseError("a C-FIND series without SeriesInstanceUID")
    return SeriesSummary(
        study_uid=StudyInstanceUid(study_uid),
        series_uid=SeriesInstanceUid(uid),
        modality=text_of(ds, "Modality"),
        description=text_of(ds, "SeriesDescription"),
        number=number_of(ds, "SeriesNumber"),
        image_count=number_of(ds, "NumberOfSeriesRelatedInstances") or 0,
    )
