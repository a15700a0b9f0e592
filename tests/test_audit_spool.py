"""Audit records spooled at once and sealed onto the chain in groups (store/audit_spool.py,
audit/sealer.py): nothing lost to a killed process, nothing readable in the spool, nothing
sealed twice or out of turn, and a spool someone altered reported as tampering."""

from __future__ import annotations

import subprocess
import sys
import threading
import time
from datetime import UTC, datetime
from pathlib import Path

import pytest

from fse_desk._types import DocumentId, PatientId
from fse_desk.audit import AccessControl
from fse_desk.audit.sealer import Sealer
from fse_desk.domain.roles import Role
from fse_desk.domain.timeline import AccessAction, AccessRecord, Purpose
from fse_desk.errors import AuditTampered, StoreError
from fse_desk.security.audit_anchor import AuditAnchor
from fse_desk.store import CacheStore
from fse_desk.store.audit_spool import spool_folder
from fse_desk.workstation import Operator

KEY = bytes(range(32))
NURSE = Operator("Inf. Carla Neri", "NRECRL80A41A944K", Role.NURSE, None, "test")
PATIENT = PatientId("RSSMRA80A01H501U")  # a codice fiscale, as a patient's id can be


def _record(document: str) -> AccessRecord:
    return AccessRecord(
        at=datetime.now(UTC),
        user_cf=NURSE.codice_fiscale,
        user_name=NURSE.display_name,
        role=NURSE.role.value,
        patient_id=PATIENT,
        document_id=DocumentId(document),
        action=AccessAction.OPEN_DOCUMENT,
        purpose=Purpose.TREATMENT,
    )


def _documents(store: CacheStore) -> list[str | None]:
    return [r.document_id for r in store.audit.for_patient(PATIENT)]


def _spools(cache: Path) -> list[Path]:
    return sorted(spool_folder(cache).glob("*.spool"))


# A process that opens the cache, has an operator open documents in a burst (the first is
# sealed at once, the rest wait in the spool for the second to pass) and is killed.
_KILLED_WHILE_SPOOLED = """
import os, signal, sys
from pathlib import Path
import keyring
from keyring.backends.fail import Keyring as NoKeyring
from fse_desk._types import DocumentId, PatientId
from fse_desk.audit import AccessControl
from fse_desk.domain.roles import Role
from fse_desk.domain.timeline import AccessAction
from fse_desk.security.audit_anchor import AuditAnchor
from fse_desk.store import CacheStore
from fse_desk.workstation import Operator

keyring.set_keyring(NoKeyring())
cache = Path(sys.argv[1])
store = CacheStore.open(cache, bytes(range(32)))
nurse = Operator("Inf. Carla Neri", "NRECRL80A41A944K", Role.NURSE, None, "test")
access = AccessControl(store, nurse, anchor=AuditAnchor("spool", Path(sys.argv[2])))
for n in range(int(sys.argv[3])):
    access.record(PatientId("RSSMRA80A01H501U"), AccessAction.OPEN_DOCUMENT,
                  document_id=DocumentId(f"doc-{n}"))
os.kill(os.getpid(), signal.SIGKILL)
"""


def _killed_while_spooled(tmp_path: Path, records: int) -> Path:
    cache = tmp_path / "cache.sqlcipher"
    head_file = tmp_path / "cache.sqlcipher.audit"
    done = subprocess.run(
        [sys.executable, "-c", _KILLED_WHILE_SPOOLED, str(cache), str(head_file), str(records)],
        capture_output=True,
        timeout=60,
        cwd=Path(__file__).resolve().parent.parent,
    )
    assert done.returncode == -9, done.stderr.decode()
    return cache


def test_records_spooled_by_a_killed_process_are_sealed_at_the_next_verification(
    tmp_path: Path,
) -> None:
    cache = _killed_while_spooled(tmp_path, 40)
    assert len(_spools(cache)) == 1  # 39 records were still waiting in the spool
    with CacheStore.open(cache, KEY) as store:
        assert store.audit.count() == 1  # only the first was sealed before the kill
        anchor = AuditAnchor("spool", tmp_path / "cache.sqlcipher.audit")
        report = AccessControl(store, NURSE, anchor=anchor).verify()
        assert report.records == store.audit.count() == 40
        assert _documents(store) == [f"doc-{n}" for n in range(40)]
    assert _spools(cache) == []
    with CacheStore.open(cache, KEY) as store:  # sealed once: nothing comes back
        assert store.audit.count() == 40


def test_an_altered_spool_is_reported_as_tampering(tmp_path: Path) -> None:
    cache = _killed_while_spooled(tmp_path, 5)
    [spool] = _spools(cache)
    data = bytearray(spool.read_bytes())
    data[-3] ^= 0x01  # one bit of the last record
    spool.write_bytes(bytes(data))
    with CacheStore.open(cache, KEY) as store, pytest.raises(AuditTampered, match="altered"):
        store.audit.verify(None)


def test_the_spool_holds_nothing_readable(tmp_path: Path) -> None:
    cache = tmp_path / "cache.sqlcipher"
    with CacheStore.open(cache, KEY) as store:
        for n in range(3):
            store.audit.spool(_record(f"referto-{n}"))
        [spool] = _spools(cache)
        data = spool.read_bytes()
        assert len(data) > 3 * 100  # three records are there
        for clear in (PATIENT, NURSE.codice_fiscale, "Neri", "referto", "open_document"):
            assert clear.encode() not in data
        assert store.audit.count() == 3  # and they open with the cache's key


def test_a_spool_another_process_is_writing_is_left_to_it(tmp_path: Path) -> None:
    cache = tmp_path / "cache.sqlcipher"
    with CacheStore.open(cache, KEY) as first:
        first.audit.spool(_record("first-0"))
        with CacheStore.open(cache, KEY) as second:  # another process on the same cache
            second.audit.spool(_record("second-0"))
            second.audit.verify(None)  # seals its own spool and what crashed processes left
            assert _documents(second) == ["second-0"]
        first.audit.spool(_record("first-1"))
    with CacheStore.open(cache, KEY) as store:
        assert _documents(store) == ["second-0", "first-0", "first-1"]
        assert store.audit.verify(None).records == 3


def test_a_burst_is_sealed_by_the_sealer_within_the_second(tmp_path: Path) -> None:
    cache = tmp_path / "cache.sqlcipher"
    anchor = AuditAnchor("burst")
    with CacheStore.open(cache, KEY) as store:
        access = AccessControl(store, NURSE, anchor=anchor)
        for n in range(5):
            access.record(PATIENT, AccessAction.OPEN_DOCUMENT, document_id=DocumentId(f"d{n}"))
        # The first was sealed at once and its head kept; the others wait in the spool.
        saved = anchor.load()
        assert saved is not None and saved[0] == 1
        assert len(_spools(cache)) == 1
        deadline = time.monotonic() + 10
        while anchor.load() != (5, _last_hash(cache)) and time.monotonic() < deadline:
            time.sleep(0.05)  # no read of the trail here: that would seal them itself
        saved = anchor.load()
        assert saved is not None and saved[0] == 5
        assert _spools(cache) == []
        assert _documents(store) == [f"d{n}" for n in range(5)]
        access.save_head()


def _last_hash(cache: Path) -> str | None:
    """The chain's last hash read by a second connection, which seals nothing."""
    with CacheStore.open(cache, KEY, read_only=True) as reader:
        head = reader.audit.head()
    return None if head is None else head.hash


def test_records_spooled_before_a_key_change_are_sealed_and_later_ones_use_the_new_key(
    tmp_path: Path,
) -> None:
    cache = tmp_path / "cache.sqlcipher"
    new_key = bytes(range(1, 33))
    with CacheStore.open(cache, KEY) as store:
        store.audit.spool(_record("before"))
        store.rekey(new_key)
        store.audit.spool(_record("after"))
    with pytest.raises(StoreError):
        CacheStore.open(cache, KEY)
    with CacheStore.open(cache, new_key) as store:
        assert _documents(store) == ["before", "after"]
        assert store.audit.verify(None).records == 2


def test_a_closed_cache_refuses_to_spool(tmp_path: Path) -> None:
    store = CacheStore.open(tmp_path / "cache.sqlcipher", KEY)
    store.close()
    with pytest.raises(StoreError, match="closed"):
        store.audit.spool(_record("late"))


def test_a_sealing_that_fails_is_tried_again() -> None:
    calls: list[float] = []
    sealed = threading.Event()

    def seal() -> None:
        calls.append(time.monotonic())
        if len(calls) == 1:
            raise StoreError("the cache is busy")
        sealed.set()

    sealer = Sealer(seal, every_s=0.05)
    sealer.spooled()  # after a quiet second: at once, on this thread, and it fails
    assert len(calls) == 1 and not sealed.is_set()
    sealer.spooled()  # the next record: the thread tries again within the interval
    assert sealed.wait(5)
    sealer.close()
