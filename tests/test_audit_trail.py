"""The audit trail nobody can erase: refused through the app's connection, detected otherwise."""

from __future__ import annotations

import io
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pypdf
import pytest
import sqlcipher3.dbapi2 as sqlcipher
from pytestqt.qtbot import QtBot

from fse_desk._types import DocumentId
from fse_desk.audit import AccessControl
from fse_desk.audit.head_keeper import HeadKeeper
from fse_desk.domain.patient import Patient
from fse_desk.domain.roles import Role
from fse_desk.domain.timeline import AccessAction, Outcome, Purpose
from fse_desk.errors import AuditTampered, PermissionDenied, StoreError
from fse_desk.security.audit_anchor import AuditAnchor
from fse_desk.store import CacheStore
from fse_desk.store.audit import ChainHead, chain_hash
from fse_desk.workstation import Operator
from tests.fixtures_store import RecordFactory

KEY = bytes(range(32))
NURSE = Operator("Inf. Carla Neri", "NRECRL80A41A944K", Role.NURSE, None, "test")


@pytest.fixture
def logged(tmp_path: Path) -> Iterator[tuple[CacheStore, Patient, AccessControl]]:
    """A cache with five sealed audit records, their head in the (in-memory) keyring."""
    store = CacheStore.open(tmp_path / "cache.sqlcipher", KEY)
    patient = RecordFactory().patient()
    store.patients.upsert_many([patient])
    access = AccessControl(store, NURSE, anchor=AuditAnchor("test"))
    for _ in range(5):
        access.record(patient.id, AccessAction.VIEW_TIMELINE)
    access.save_head()  # as at close, or once the second is over
    yield store, patient, access
    # As the workstation closes: no head held for a second later, when the keyring
    # already belongs to the next test.
    access.save_head()
    store.close()


def raw(path: Path) -> sqlcipher.Connection:
    """A connection of another program: no authorizer, only the triggers."""
    conn = sqlcipher.connect(str(path), isolation_level=None)
    conn.execute(f"PRAGMA key = \"x'{KEY.hex()}'\"")
    return conn


@pytest.mark.parametrize("table", ["audit_event", "access_audit"])
@pytest.mark.parametrize(
    "statement",
    [
        "DROP TRIGGER {table}_no_delete",
        "DROP TRIGGER {table}_no_update",
        "DROP TABLE {table}",
        "ALTER TABLE {table} RENAME TO old_log",
        "ALTER TABLE {table} ADD COLUMN note TEXT",
        "DELETE FROM {table}",
        "UPDATE {table} SET user_cf = 'X'",
        "CREATE TRIGGER quiet BEFORE INSERT ON {table} BEGIN SELECT RAISE(IGNORE); END",
        "PRAGMA writable_schema = ON",
    ],
)
def test_the_apps_connection_cannot_touch_the_audit(
    logged: tuple[CacheStore, Patient, AccessControl], table: str, statement: str
) -> None:
    store, patient, access = logged
    with pytest.raises(StoreError, match="not authorized"), store._db.transaction("tamper") as conn:
        conn.execute(statement.format(table=table))
    assert store.audit.count() == 5
    assert access.verify().records == 5
    access.record(patient.id, AccessAction.OPEN_DOCUMENT)  # still logging
    assert store.audit.count() == 6


def test_only_the_retired_index_of_the_audit_may_be_dropped(
    logged: tuple[CacheStore, Patient, AccessControl],
) -> None:
    """Migration 16 dropped audit_event's per-patient index (each record's commit wrote a
    second page for it); the older table's index stays out of reach, and the access log
    still finds a patient's records."""
    store, patient, access = logged
    with pytest.raises(StoreError, match="not authorized"), store._db.transaction("x") as conn:
        conn.execute("DROP INDEX access_audit_by_patient")
    with store._db.reading("listing indexes") as conn:
        indexes = conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name LIKE '%audit%'"
        ).fetchall()
    assert [tuple(r) for r in indexes] == [("access_audit_by_patient",)]
    factory = RecordFactory()
    factory.patient()  # the fixture's patient
    other = factory.patient()
    store.patients.upsert_many([other])
    access.record(other.id, AccessAction.VIEW_TIMELINE)
    assert [len(access.access_log(p)) for p in (patient.id, other.id)] == [5, 1]


def test_a_sealed_record_must_link_to_the_last_one_whoever_inserts_it(
    logged: tuple[CacheStore, Patient, AccessControl],
) -> None:
    store, patient, access = logged
    head = store.audit.head()
    assert head is not None
    conn = raw(store.path)  # another program: the trigger still holds
    fields = ("2026-01-01T00:00:00.000000+00:00", "X", "X", "MMG", "TREATMENT", patient.id)
    insert = (
        "INSERT INTO audit_event (at, user_cf, user_name, role, purpose, patient_id, "
        "action, outcome, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, 'view', 'success', ?, ?)"
    )
    for stale in ("", "0" * 64, None):
        with pytest.raises(sqlcipher.IntegrityError, match="does not link"):
            conn.execute(insert, (*fields, stale, "1" * 64))
    conn.execute(insert, (*fields, head.hash, "1" * 64))  # linked (its hash is checked later)
    conn.close()
    with pytest.raises(AuditTampered, match="record 6 does not match"):
        access.verify()


def test_an_edited_record_breaks_the_chain(
    logged: tuple[CacheStore, Patient, AccessControl],
) -> None:
    store, _patient, access = logged
    conn = raw(store.path)
    conn.execute("DROP TRIGGER audit_event_no_update")  # another program can do this
    conn.execute("UPDATE audit_event SET user_cf = 'RSSMRA70A01A944X' WHERE n = 3")
    conn.close()
    with pytest.raises(AuditTampered, match="record 3 does not match"):
        access.verify()


def test_a_removed_record_breaks_the_chain(
    logged: tuple[CacheStore, Patient, AccessControl],
) -> None:
    store, _patient, access = logged
    conn = raw(store.path)
    with pytest.raises(sqlcipher.IntegrityError, match="append-only"):
        conn.execute("DELETE FROM audit_event WHERE n = 2")
    conn.execute("DROP TRIGGER audit_event_no_delete")
    conn.execute("DELETE FROM audit_event WHERE n = 2")
    conn.close()
    with pytest.raises(AuditTampered, match="record 3 does not match"):
        access.verify()


def test_cutting_the_last_records_is_detected_by_the_keyring_head(
    logged: tuple[CacheStore, Patient, AccessControl],
) -> None:
    store, _patient, access = logged
    conn = raw(store.path)
    conn.execute("DROP TRIGGER audit_event_no_delete")
    conn.execute("DELETE FROM audit_event WHERE n > 3")  # the chain left is consistent
    conn.close()
    with pytest.raises(AuditTampered, match="ends at record 3, but record 5 was written"):
        access.verify()


def test_putting_back_an_older_copy_of_the_file_is_detected(tmp_path: Path) -> None:
    path = tmp_path / "cache.sqlcipher"
    patient = RecordFactory().patient()
    with CacheStore.open(path, KEY) as store:
        store.patients.upsert_many([patient])
        AccessControl(store, NURSE, anchor=AuditAnchor("test")).record(
            patient.id, AccessAction.VIEW_TIMELINE
        )
    shutil.copyfile(path, tmp_path / "before.sqlcipher")
    with CacheStore.open(path, KEY) as store:
        AccessControl(store, NURSE, anchor=AuditAnchor("test")).record(
            patient.id, AccessAction.OPEN_DOCUMENT
        )
    shutil.copyfile(tmp_path / "before.sqlcipher", path)
    with CacheStore.open(path, KEY) as store, pytest.raises(AuditTampered, match="removed"):
        AccessControl(store, NURSE, anchor=AuditAnchor("test")).verify()


def test_a_truncated_file_does_not_open(logged: tuple[CacheStore, Patient, AccessControl]) -> None:
    store, _patient, _access = logged
    path = store.path
    store.close()
    size = path.stat().st_size
    with path.open("r+b") as f:
        f.truncate(size // 2)
    with pytest.raises(StoreError):
        CacheStore.open(path, KEY).audit.verify(None)


def test_each_record_says_who_role_purpose_patient_resource_action_outcome(
    logged: tuple[CacheStore, Patient, AccessControl],
) -> None:
    store, patient, access = logged
    access.record(patient.id, AccessAction.EXPORT_IMAGES, resource="ImagingStudy/1.2.3")
    last = store.audit.for_patient(patient.id)[-1]
    assert (last.user_cf, last.user_name, last.role, last.purpose) == (
        NURSE.codice_fiscale,
        NURSE.display_name,
        "INFERMIERE",
        Purpose.TREATMENT,
    )
    assert (last.patient_id, last.resource, last.action, last.outcome) == (
        patient.id,
        "ImagingStudy/1.2.3",
        AccessAction.EXPORT_IMAGES,
        Outcome.SUCCESS,
    )
    assert access.verify().head is not None


def test_a_first_verification_keeps_the_head(tmp_path: Path) -> None:
    with CacheStore.open(tmp_path / "c.sqlcipher", KEY) as store:
        patient = RecordFactory().patient()
        store.patients.upsert_many([patient])
        AccessControl(store, NURSE).record(patient.id, AccessAction.VIEW_TIMELINE)  # no anchor
        anchor = AuditAnchor("fresh")
        assert anchor.load() is None
        report = AccessControl(store, NURSE, anchor=anchor).verify()
        assert report.head is not None
        assert anchor.load() == (report.head.n, report.head.hash)


def test_the_patient_gets_a_pdf_of_who_accessed_their_data(
    logged: tuple[CacheStore, Patient, AccessControl],
) -> None:
    store, patient, _access = logged
    front_desk = Operator("Sig.ra Anna Sportello", "SPRNNA80A41A944K", Role.ADMIN_STAFF, None, "t")
    pdf = AccessControl(store, front_desk).access_report(patient.id)
    pages = pypdf.PdfReader(io.BytesIO(pdf)).pages
    text = " ".join(" ".join(page.extract_text() for page in pages).split())  # cells wrap
    assert patient.codice_fiscale in text
    assert text.count("Inf. Carla Neri") == 5  # the five readings of the fixture
    assert "Consultazione dell'elenco dei documenti" in text
    assert "Infermiere" in text and "Cura" in text
    assert "Stampa di questo resoconto" in text  # printing it is an access too


def test_a_nurse_cannot_print_the_access_report(
    logged: tuple[CacheStore, Patient, AccessControl],
) -> None:
    store, patient, access = logged
    with pytest.raises(PermissionDenied):
        access.access_report(patient.id)
    assert store.audit.for_patient(patient.id)[-1].outcome is Outcome.DENIED


def test_records_sealed_by_two_writers_and_after_a_rollback_stay_one_chain(
    logged: tuple[CacheStore, Patient, AccessControl],
) -> None:
    """Each append links to the head it last knew only if that is still the chain's last
    hash: another writer's record or a rolled-back one makes it read the head again. The
    spooled records of the operator with the keyring head are sealed onto the same chain."""
    store, patient, access = logged
    # Without the keyring head, records are sealed one by one as they come (no spool).
    unanchored = AccessControl(store, NURSE)
    with CacheStore.open(store._db.path, KEY) as other:  # another process on the file
        elsewhere = AccessControl(other, NURSE)
        for n in range(3):
            unanchored.record(
                patient.id, AccessAction.OPEN_DOCUMENT, document_id=DocumentId(f"doc-{n}")
            )
            elsewhere.record(patient.id, AccessAction.VIEW_TIMELINE)
    with pytest.raises(ValueError), store.transaction():
        unanchored.record(patient.id, AccessAction.OPEN_DOCUMENT, document_id=DocumentId("undone"))
        raise ValueError("the write it was part of failed")
    access.record(patient.id, AccessAction.OPEN_DOCUMENT, document_id=DocumentId("after"))
    access.save_head()
    report = access.verify()
    assert report.head is not None and report.head.n == store.audit.count() == 12
    assert AuditAnchor("test").load() == (report.head.n, report.head.hash)
    assert [r.document_id for r in store.audit.for_patient(patient.id)][5:] == [
        "doc-0",
        None,
        "doc-1",
        None,
        "doc-2",
        None,
        "after",
    ]


def test_a_record_rolled_back_with_its_transaction_leaves_the_keyring_head_behind(
    logged: tuple[CacheStore, Patient, AccessControl],
) -> None:
    """The keyring keeps a head only once its record is committed: a record sealed inside
    a write that fails (or a savepoint that is undone) must not leave the head ahead of
    the chain, which the next verification would take for records cut from the file."""
    store, patient, access = logged
    kept = AuditAnchor("test")
    before = kept.load()
    with pytest.raises(ValueError), store.transaction():
        access.record(patient.id, AccessAction.OPEN_DOCUMENT, document_id=DocumentId("undone"))
        raise ValueError("the write it was part of failed")
    assert kept.load() == before
    assert access.verify().records == 5  # no false tamper alarm
    with store.transaction():
        access.record(patient.id, AccessAction.OPEN_DOCUMENT, document_id=DocumentId("kept"))
        with pytest.raises(ValueError), store.transaction():  # a savepoint, undone alone
            access.record(patient.id, AccessAction.OPEN_DOCUMENT, document_id=DocumentId("inner"))
            raise ValueError("the inner write failed")
        assert kept.load() == before  # nothing committed yet
    for expected in (6, 7):
        access.save_head()
        report = access.verify()
        assert report.head is not None and report.records == report.head.n == expected
        assert kept.load() == (report.head.n, report.head.hash)
        # The numbers of rolled-back records are taken again by the records that follow.
        access.record(patient.id, AccessAction.OPEN_DOCUMENT, document_id=DocumentId("next"))
    records = store.audit.for_patient(patient.id)[5:]
    assert [r.document_id for r in records] == ["kept", "next", "next"]


_CRASHING_WRITER = """
import os, sys
from pathlib import Path
from fse_desk.audit import AccessControl
from fse_desk.domain.timeline import AccessAction
from fse_desk.store import CacheStore
from tests.test_audit_trail import KEY, NURSE
store = CacheStore.open(Path(sys.argv[1]), KEY)
access = AccessControl(store, NURSE)
for n in range(4):
    access.record(sys.argv[2], AccessAction.OPEN_DOCUMENT, document_id=f"doc-{n}")
head = store.audit.verify(None).head
print(f"{head.n}:{head.hash}", flush=True)
os._exit(0)  # dies without closing: no checkpoint, the WAL left as it is
"""


def test_a_program_that_dies_after_sealing_loses_no_record(
    logged: tuple[CacheStore, Patient, AccessControl],
) -> None:
    store, patient, _access = logged
    path = store._db.path
    store.close()
    done = subprocess.run(
        [sys.executable, "-c", _CRASHING_WRITER, str(path), patient.id],
        capture_output=True,
        text=True,
        check=True,
        cwd=Path(__file__).resolve().parent.parent,
    )
    n, _, digest = done.stdout.strip().partition(":")
    with CacheStore.open(path, KEY) as reopened:
        report = reopened.audit.verify(ChainHead(int(n), digest))
        assert report.records == int(n) == 9
        assert [r.document_id for r in reopened.audit.for_patient(patient.id)][5:] == [
            f"doc-{i}" for i in range(4)
        ]


def test_a_record_that_cannot_be_sealed_fails(
    logged: tuple[CacheStore, Patient, AccessControl],
) -> None:
    store, patient, access = logged
    store.close()
    with pytest.raises(StoreError):
        access.record(patient.id, AccessAction.OPEN_DOCUMENT)


def _long_chain(path: Path, unsealed: int, sealed: int) -> ChainHead:
    """Rows copied from before the chain, then a chain of ``sealed`` records, written by
    another program (as the migration and the benchmark write them)."""
    rows: list[tuple[object, ...]] = []
    for n in range(unsealed):
        fields = (f"2024-01-01T00:00:{n:02d}.000000+00:00", NURSE.codice_fiscale, "Neri")
        rows.append((*fields, "INFERMIERE", "TREATMENT", "pat", None, None, "view", "success"))
    rows = [(*r, None, None) for r in rows]
    prev = ""
    for n in range(sealed):
        fields = (
            f"2025-01-01T00:00:00.{n:06d}+00:00",
            NURSE.codice_fiscale,
            "Neri",
            "INFERMIERE",
            "TREATMENT",
            f"pat-{n % 7}",
            f"doc-{n}",
            None,
            "open_document",
            "success",
        )
        digest = chain_hash(prev, fields)
        rows.append((*fields, prev, digest))
        prev = digest
    conn = raw(path)
    conn.execute("BEGIN")  # one transaction, not one synced commit per row
    conn.executemany(
        "INSERT INTO audit_event (at, user_cf, user_name, role, purpose, patient_id, "
        "document_id, resource, action, outcome, prev_hash, hash) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        rows,
    )
    conn.execute("COMMIT")
    conn.close()
    return ChainHead(unsealed + sealed, prev)


def test_a_long_chain_after_unsealed_rows_is_verified_to_its_last_record(
    tmp_path: Path,
) -> None:
    path = tmp_path / "cache.sqlcipher"
    CacheStore.open(path, KEY).close()
    head = _long_chain(path, unsealed=3, sealed=9_000)
    with CacheStore.open(path, KEY) as store:
        report = store.audit.verify(head)
        assert (report.records, report.unsealed, report.head) == (9_003, 3, head)
        with pytest.raises(AuditTampered, match="record 9000 differs from the head"):
            store.audit.verify(ChainHead(9000, "0" * 64))
    conn = raw(path)
    conn.execute("DROP TRIGGER audit_event_no_update")
    for n in (8192, 8193):
        conn.execute(f"UPDATE audit_event SET role = 'MMG' WHERE n = {n}")
        with CacheStore.open(path, KEY) as store, pytest.raises(AuditTampered, match=f"{n} does"):
            store.audit.verify(head)
        conn.execute(f"UPDATE audit_event SET role = 'INFERMIERE' WHERE n = {n}")
    conn.execute("UPDATE audit_event SET hash = NULL, prev_hash = NULL WHERE n = 8500")
    conn.close()
    with CacheStore.open(path, KEY) as store, pytest.raises(AuditTampered, match="8500 has no"):
        store.audit.verify(head)


def test_the_keyring_head_is_written_at_most_once_a_second_and_at_close() -> None:
    """A keyring write is a D-Bus round trip on a desktop: a burst of opened documents
    writes the head once, then the latest head when the second is over, or at close."""
    anchor = AuditAnchor("burst")
    now = [100.0]
    # A long "second", so that its timer cannot fire while this test looks.
    keeper = HeadKeeper(anchor, every_s=600.0, monotonic=lambda: now[0])
    heads = [ChainHead(n, f"{n:064x}") for n in range(1, 6)]
    keeper.moved(heads[0])
    assert anchor.load() == (1, heads[0].hash)  # the first at once
    keeper.moved(heads[1])
    keeper.moved(heads[2])
    assert anchor.load() == (1, heads[0].hash)  # within the interval: held
    now[0] += 600.0
    keeper.moved(heads[3])
    assert anchor.load() == (4, heads[3].hash)  # the interval over: the newest, at once
    keeper.moved(heads[4])
    keeper.moved(heads[2])  # an older head never moves it back
    keeper.flush()
    assert anchor.load() == (5, heads[4].hash)


def test_a_held_head_reaches_the_keyring_when_its_second_is_over(qtbot: QtBot) -> None:
    anchor = AuditAnchor("timer")
    keeper = HeadKeeper(anchor, every_s=0.05)
    keeper.moved(ChainHead(1, "1" * 64))
    keeper.moved(ChainHead(2, "2" * 64))
    qtbot.waitUntil(lambda: anchor.load() == (2, "2" * 64), timeout=5_000)
