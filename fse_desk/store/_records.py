"""Rows ↔ domain records. Raw rows never leave the store."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import UTC, date, datetime
from typing import Any

import orjson

from fse_desk._types import CodiceFiscale, DocumentId, PatientId
from fse_desk.domain import ConsentState, DocumentMeta, DocumentStatus, Patient, Sex
from fse_desk.errors import InvalidRecord

PATIENT_COLUMNS = (
    "id",
    "codice_fiscale",
    "family_name",
    "given_name",
    "sex",
    "birth_date",
    "birth_place",
    "consent",
    "version_id",
    "last_updated",
    "general_practitioner_id",
)
DOCUMENT_COLUMNS = (
    "id",
    "patient_id",
    "type_code",
    "doc_class",
    "title",
    "date",
    "author",
    "facility",
    "content_type",
    "body_url",
    "master_identifier",
    "confidentiality",
    "version_id",
    "last_updated",
    "status",
)


def utc_text(moment: datetime, *, what: str = "timestamp") -> str:
    """ISO-8601 in UTC with microseconds: fixed width, so text order is time order."""
    if moment.tzinfo is UTC:  # what the sync's mapping gives: twice per document written
        return moment.isoformat(timespec="microseconds")
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise InvalidRecord(
            f"{what} {moment.isoformat()} has no time zone; the cache stores UTC instants, "
            "so give an aware datetime",
            field=what,
        )
    return moment.astimezone(UTC).isoformat(timespec="microseconds")


def now_text() -> str:
    return utc_text(datetime.now(UTC))


def _utc_or_none(moment: datetime | None, what: str) -> str | None:
    return None if moment is None else utc_text(moment, what=what)


def _parse_or_none(text: str | None) -> datetime | None:
    return None if text is None else datetime.fromisoformat(text)


def patient_row(p: Patient) -> tuple[Any, ...]:
    return (
        p.id,
        p.codice_fiscale,
        p.family_name,
        p.given_name,
        p.sex.value,
        p.birth_date.isoformat(),
        p.birth_place,
        p.consent.value,
        p.version_id,
        _utc_or_none(p.last_updated, "last_updated"),
        p.general_practitioner_id,
    )


def patient_from_row(row: Sequence[Any]) -> Patient:
    return Patient(
        id=PatientId(row[0]),
        codice_fiscale=CodiceFiscale(row[1]),
        family_name=row[2],
        given_name=row[3],
        sex=Sex(row[4]),
        birth_date=date.fromisoformat(row[5]),
        birth_place=row[6],
        consent=ConsentState(row[7]),
        version_id=row[8],
        last_updated=_parse_or_none(row[9]),
        general_practitioner_id=row[10],
        departed=bool(row[11]) if len(row) > len(PATIENT_COLUMNS) else False,
    )


def document_row(d: DocumentMeta) -> tuple[Any, ...]:
    return (
        d.id,
        d.patient_id,
        d.type_code,
        d.doc_class.value,
        d.title,
        utc_text(d.date, what="date"),
        d.author,
        d.facility,
        d.content_type,
        d.body_url,
        d.master_identifier,
        d.confidentiality,
        d.version_id,
        _utc_or_none(d.last_updated, "last_updated"),
        d.status.value,
    )


def document_from_row(row: Sequence[Any]) -> DocumentMeta:
    return DocumentMeta(
        id=DocumentId(row[0]),
        patient_id=PatientId(row[1]),
        type_code=row[2],
        # row[3] is doc_class, derived from type_code; stored for queries only.
        title=row[4],
        date=datetime.fromisoformat(row[5]),
        author=row[6],
        facility=row[7],
        content_type=row[8],
        body_url=row[9],
        master_identifier=row[10],
        confidentiality=row[11],
        version_id=row[12],
        last_updated=_parse_or_none(row[13]),
        status=DocumentStatus(row[14]),
    )


def upsert_sql(table: str, columns: Sequence[str], key: str = "id") -> str:
    """``INSERT … ON CONFLICT(key) DO UPDATE`` of every row in one JSON parameter.

    Keeps the row's rowid, so FTS stays put. Bind :func:`json_array` of the rows: one
    statement writes a whole page. ``executemany`` binds each row's parameters in
    Python and gives up and retakes Python's lock around each row's step, with the
    sync's fetching threads parsing the next pages meanwhile; one statement reading a
    JSON array took 40 % less CPU for the documents of ``bench/sync_bench.py``'s first
    sync (0.66 s instead of 1.09 s).
    """
    names = ", ".join(columns)
    values = ", ".join(f"value ->> {i}" for i in range(len(columns)))
    updates = ", ".join(f"{c} = excluded.{c}" for c in columns if c != key)
    # WHERE true: without it SQLite would read ON CONFLICT as a join's ON.
    return (
        f"INSERT INTO {table} ({names}) SELECT {values} FROM json_each(?) WHERE true "
        f"ON CONFLICT ({key}) DO UPDATE SET {updates}"
    )


def json_array(items: Iterable[Any]) -> tuple[str]:
    """The parameters of a statement that reads its rows (or ids) with ``json_each(?)``.

    Text, not bytes: SQLite takes a BLOB argument for its binary JSONB.
    """
    return (orjson.dumps(list(items)).decode(),)
