"""The assistiti in the cache."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from datetime import date

from fse_desk._types import CodiceFiscale, PatientId
from fse_desk.domain import ConsentState, Patient
from fse_desk.store._fts import prefix_query
from fse_desk.store._records import (
    PATIENT_COLUMNS,
    json_array,
    patient_from_row,
    patient_row,
    upsert_sql,
)
from fse_desk.store.database import Database

# The departure flag follows the stored columns (see ``patient_from_row``).
_COLUMNS = "SELECT " + ", ".join(f"p.{c}" for c in PATIENT_COLUMNS) + ", p.departed_at IS NOT NULL"
_SELECT = f"{_COLUMNS} FROM patient p"
# The assistiti list: the practice's patients, and one who left only while an unsent
# PSS draft of theirs waits here (to be discarded: it can no longer be published).
_LISTED = "(p.departed_at IS NULL OR EXISTS (SELECT 1 FROM pss_draft d WHERE d.patient_id = p.id))"
_ORDER = "ORDER BY p.family_name COLLATE NOCASE, p.given_name COLLATE NOCASE, p.id"
_UPSERT = upsert_sql("patient", PATIENT_COLUMNS)
_MATCHES = "SELECT rowid FROM patient_fts WHERE patient_fts MATCH ?"
# Above this many matches (a one- or two-letter prefix in a large cache) it is
# cheaper to walk the name index in order and stop at ``limit`` hits than to
# fetch and sort every match. Worst case either way: ~10 ms on 100,000 patients
# (bench/patient_search_bench.py).
_MANY_MATCHES = 10_000
# A birth year ("1952"), month ("03/1952") or date ("12/03/1952", also with '-' or '.'),
# as a front desk types it next to or instead of a name.
_BIRTH = re.compile(r"(?<![\w/.-])(?:(\d{1,2})[/.-])?(?:(\d{1,2})[/.-])?(\d{4})(?![\w/.-])")


def birth_patterns(text: str) -> tuple[str, list[str]]:
    """Split ``text`` into the words left for the name search and LIKE patterns over the
    ISO birth date: ``"rossi 1952"`` → ``("rossi ", ["1952-%"])``. A number that is not a
    plausible date stays a word (a CF fragment like "80A01" never matches here)."""
    patterns: list[str] = []

    def take(match: re.Match[str]) -> str:
        first, second, year = match.group(1), match.group(2), int(match.group(3))
        day, month = (first, second) if second is not None else (None, first)
        try:
            date(year, int(month or 1), int(day or 1))
        except ValueError:
            return match.group(0)
        if not 1850 <= year <= 2200:
            return match.group(0)
        pattern = f"{year:04d}-" + (f"{int(month):02d}-" if month else "%")
        patterns.append(pattern + (f"{int(day):02d}" if day else ("%" if month else "")))
        return " "

    return _BIRTH.sub(take, text), patterns


class PatientRepository:
    """Patients in and out as :class:`Patient` records."""

    def __init__(self, db: Database) -> None:
        self._db = db

    def upsert_many(self, patients: Iterable[Patient]) -> int:
        """Insert or replace by id, in one transaction; return how many were written."""
        rows = [patient_row(p) for p in patients]
        with self._db.transaction("saving patients") as conn:
            conn.execute(_UPSERT, json_array(rows))
        return len(rows)

    def get(self, patient_id: PatientId | str) -> Patient | None:
        return self._one(f"{_SELECT} WHERE p.id = ?", patient_id)

    def get_by_cf(self, cf: CodiceFiscale | str) -> Patient | None:
        return self._one(f"{_SELECT} WHERE p.codice_fiscale = ?", cf.strip().upper())

    def search(self, text: str, limit: int = 200) -> list[Patient]:
        """Instant search: every word of ``text`` is a prefix of a name or of the CF; a
        year, month/year or date narrows to patients born then.

        Lists the practice's patients; one who left it only while an unsent PSS draft
        of theirs is kept (``Patient.departed`` set).

        Case and accents do not matter; any input is safe. Without words, the
        first ``limit`` patients alphabetically. Ordered by family, given name.
        """
        words, births = birth_patterns(text)
        query = prefix_query(words)
        with self._db.reading("searching patients") as conn:
            if births:
                born = " AND ".join("p.birth_date LIKE ?" for _ in births)
                rows = conn.execute(
                    f"{_SELECT} WHERE {born} AND {_LISTED}"
                    + ("" if query is None else f" AND p.n IN ({_MATCHES})")
                    + f" {_ORDER} LIMIT ?",
                    (*births, *(() if query is None else (query,)), limit),
                ).fetchall()
            elif query is None:
                rows = conn.execute(
                    f"{_SELECT} WHERE {_LISTED} {_ORDER} LIMIT ?", (limit,)
                ).fetchall()
            else:
                many = (
                    conn.execute(
                        f"SELECT count(*) FROM ({_MATCHES} LIMIT ?)", (query, _MANY_MATCHES + 1)
                    ).fetchone()[0]
                    > _MANY_MATCHES
                )
                source = "patient p INDEXED BY patient_by_name" if many else "patient p"
                rows = conn.execute(
                    f"{_COLUMNS} FROM {source} WHERE p.n IN ({_MATCHES}) AND {_LISTED} "
                    f"{_ORDER} LIMIT ?",
                    (query, limit),
                ).fetchall()
        return [patient_from_row(r) for r in rows]

    def names(self) -> list[tuple[str, str, str]]:
        """``(family, given, codice fiscale)`` of every cached patient, departed included."""
        with self._db.reading("reading patient names") as conn:
            rows = conn.execute("SELECT family_name, given_name, codice_fiscale FROM patient")
            return [(str(r[0]), str(r[1]), str(r[2])) for r in rows]

    def count(self) -> int:
        """How many the assistiti list holds (see :meth:`search`)."""
        with self._db.reading("counting patients") as conn:
            n: int = conn.execute(f"SELECT count(*) FROM patient p WHERE {_LISTED}").fetchone()[0]
        return n

    def set_consents(self, changes: Mapping[PatientId, ConsentState]) -> int:
        """Record consents by patient id in one statement; return how many patients exist."""
        with self._db.transaction("saving consent") as conn:
            before = conn.total_changes
            conn.execute(
                "UPDATE patient SET consent = change.value ->> 1 FROM json_each(?) AS change "
                "WHERE patient.id = change.value ->> 0",
                json_array((patient_id, state.value) for patient_id, state in changes.items()),
            )
            return int(conn.total_changes - before)

    def consent_states(self) -> dict[PatientId, ConsentState]:
        """Every cached patient's consent, by id (the sync filters documents with it)."""
        with self._db.reading("reading consents") as conn:
            rows = conn.execute("SELECT id, consent FROM patient").fetchall()
        return {PatientId(r[0]): ConsentState(r[1]) for r in rows}

    def _one(self, sql: str, value: str) -> Patient | None:
        with self._db.reading("reading a patient") as conn:
            row = conn.execute(sql, (value,)).fetchone()
        return None if row is None else patient_from_row(row)
