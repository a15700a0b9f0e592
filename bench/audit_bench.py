"""The cost of the hash-chained audit trail.

Run: ``.venv/bin/python bench/audit_bench.py``. Prints:

- opening 1,000 cached CDA documents through the timeline service with the audit
  (permission check, sealed record, head written to the keyring) against the same
  service with the records not written, interleaved rounds in one run, as a ratio
  (target ≤ 1.2);
- the time to verify a chain of 1,000,000 audit records (target < 10 s).

The same comparison is printed again paired per document: each document opened by
both services one after the other (which goes first alternates), the CPU time of the
opening thread summed for each. On a shared machine this moves least: about 0.02
between runs of one sitting, where the rounds moved by up to 0.15; between sittings at
other loads it still moved by up to 0.09 (the ratio is higher on a quiet machine, where
the opening without audit is faster).

Both print with the machine's load average: on a shared build machine the times
move with it, the ratios much less. Each also prints the CPU time the process used
(every thread of it), which moves least: on a machine with more runnable threads than
cores the wall time mostly measures the queue.

The keyring is an in-memory backend here (no OS keyring on a build machine); a
desktop keyring adds its own write at most once a second (the head keeper).

Where a record's time goes (2026-12-07, this 2-core VM). Sealed one by one, each record
was a commit: a page encrypted (HMAC-SHA512, AES-256-CBC) and written to the WAL, six
fcntl locks and two writes, about 90 us in a loop and 130 among openings, where the
parser leaves the caches cold; with its Python, 205 us (median) a record. So records are
now spooled (fse_desk/store/audit_spool.py): one AES-GCM frame and one write, 44 us in a
loop and 117 among openings, and sealed by the sealer's thread in one transaction a
second, about 30 us a record hot and 50 among openings (decrypting, hashing, the linking
trigger, the shared commit). The paired figure counts that thread's time too; the rounds
end with what is still spooled sealed inside the time measured.
"""

from __future__ import annotations

import base64
import os
import statistics
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import _synthetic
import keyring

from fse_desk._types import PatientId
from fse_desk.audit import AccessControl
from fse_desk.connectors.fhir_client import FhirClient
from fse_desk.domain.patient import ConsentState
from fse_desk.domain.roles import Role
from fse_desk.domain.timeline import AccessAction, Outcome
from fse_desk.security.audit_anchor import AuditAnchor
from fse_desk.store import CacheStore
from fse_desk.store.audit import ChainHead, chain_hash
from fse_desk.timeline import TimelineService
from fse_desk.workstation import Operator
from fse_desk_sandbox.region import generate_region
from tests.conftest import MemoryKeyring

DOCUMENTS = int(os.environ.get("BENCH_DOCUMENTS", "1000"))
ROUNDS = int(os.environ.get("BENCH_ROUNDS", "5"))
PAIRED_ROUNDS = int(os.environ.get("BENCH_PAIRED_ROUNDS", "3"))
CHAIN = int(os.environ.get("BENCH_CHAIN", "1000000"))
KEY = bytes(range(32))
DOCTOR = Operator("Dott. Bench", "BNCDTT70A01A944X", Role.MMG, None, "bench")


class UnauditedAccess(AccessControl):
    """The baseline: the same checks, the records not written (bench only)."""

    def record(self, *_args: object, **_kwargs: object) -> None:
        return None


def cda_bodies() -> list[bytes]:
    resources = [r for b in generate_region(42, 30, date(2026, 11, 1)) for r in b]
    return [
        base64.b64decode(r["data"])
        for r in resources
        if r["resourceType"] == "Binary" and r["contentType"] == "application/x-hl7-cda+xml"
    ]


def fill(store: CacheStore) -> tuple[PatientId, list[str]]:
    [patient] = _synthetic.patients(1)
    patient = patient.__class__(**{**_asdict(patient), "consent": ConsentState.GRANTED})
    docs = _synthetic.documents([patient], DOCUMENTS)
    docs = [
        d.__class__(**{**_asdict(d), "content_type": "application/x-hl7-cda+xml"}) for d in docs
    ]
    bodies = cda_bodies()
    with store.transaction():
        store.patients.upsert_many([patient])
        store.documents.upsert_many(docs)
        for i, doc in enumerate(docs):
            store.bodies.put(doc.id, "application/x-hl7-cda+xml", bodies[i % len(bodies)])
    return patient.id, [d.id for d in docs]


def _asdict(record: object) -> dict[str, object]:
    return {name: getattr(record, name) for name in record.__slots__}  # type: ignore[attr-defined]


def open_all(
    service: TimelineService, ids: list[str], then: Callable[[], None] = lambda: None
) -> tuple[float, float]:
    """Wall and CPU seconds to open every document of ``ids``, then run ``then``."""
    started, cpu = time.perf_counter(), time.process_time()
    for doc_id in ids:
        service.open_document(doc_id)  # type: ignore[arg-type]
    then()
    return time.perf_counter() - started, time.process_time() - cpu


class SealingTime:
    """The CPU time spent sealing spooled records on threads other than this one (the
    sealer's, within the second): the audited side's too, which the paired comparison,
    timing only the opening thread, would otherwise miss."""

    def __init__(self, store: CacheStore) -> None:
        self.elsewhere = 0.0
        here = threading.current_thread()
        seal = store.audit.seal_spooled

        def timed(*, leftovers: bool = False) -> ChainHead | None:
            started = time.thread_time()
            try:
                return seal(leftovers=leftovers)
            finally:
                if threading.current_thread() is not here:
                    self.elsewhere += time.thread_time() - started

        store.audit.seal_spooled = timed  # type: ignore[method-assign]


def overhead(folder: Path) -> None:
    with CacheStore.open(folder / "open.sqlcipher", KEY) as store:
        _patient, ids = fill(store)
        sealing = SealingTime(store)  # before the service takes the method
        client = FhirClient("http://127.0.0.1:9")
        audited = TimelineService(
            store, client, DOCTOR, access=AccessControl(store, DOCTOR, anchor=AuditAnchor("bench"))
        )
        plain = TimelineService(store, client, DOCTOR, access=UnauditedAccess(store, DOCTOR))
        open_all(plain, ids[:50])  # warm the page cache and the parser
        # Each audited round ends with its records sealed and the head in the keyring, as
        # at close: what was still spooled is sealed inside the time measured.
        seal = audited.access.save_head
        with_audit, without = [], []
        for n in range(ROUNDS):  # alternate which goes first: the machine's load drifts
            if n % 2:
                with_audit.append(open_all(audited, ids, seal))
                without.append(open_all(plain, ids))
            else:
                without.append(open_all(plain, ids))
                with_audit.append(open_all(audited, ids, seal))
        a, b = (statistics.median(t[0] for t in runs) for runs in (with_audit, without))
        ca, cb = (statistics.median(t[1] for t in runs) for runs in (with_audit, without))
        print(
            f"open {len(ids)} documents: with audit {a * 1000:.0f} ms, without {b * 1000:.0f} ms, "
            f"ratio {a / b:.2f} (target <= 1.2); CPU {ca * 1000:.0f} ms against "
            f"{cb * 1000:.0f} ms, ratio {ca / cb:.2f}; records written {store.audit.count()}"
        )
        pa, pb = paired(audited, plain, ids, sealing)
        print(
            f"paired per document ({PAIRED_ROUNDS} x {len(ids)}): CPU with audit "
            f"{pa * 1000:.0f} ms, without {pb * 1000:.0f} ms, ratio {pa / pb:.2f} (target <= 1.2), "
            f"{(pa - pb) / len(ids) * 1e6:.0f} us per record; load average {os.getloadavg()[0]:.1f}"
        )


def paired(
    audited: TimelineService, plain: TimelineService, ids: list[str], sealing: SealingTime
) -> tuple[float, float]:
    """CPU seconds per round, each document opened by both services in turn: the opening
    thread's time, and for the audited side the sealing of its records (on the sealer's
    thread within the second, and what is left at the end of the round).

    Side by side, both openings of a document meet the same machine: the rounds above
    drift with the load of a shared machine by more than the audit costs.
    """
    with_audit = without = 0.0
    for _ in range(PAIRED_ROUNDS):
        audited.access.save_head()
        sealed_before = sealing.elsewhere
        for i, doc_id in enumerate(ids):
            for service in (audited, plain) if i % 2 else (plain, audited):
                started = time.thread_time()
                service.open_document(doc_id)  # type: ignore[arg-type]
                took = time.thread_time() - started
                if service is audited:
                    with_audit += took
                else:
                    without += took
        started = time.thread_time()
        audited.access.save_head()  # what is still spooled, sealed here
        with_audit += time.thread_time() - started + sealing.elsewhere - sealed_before
    return with_audit / PAIRED_ROUNDS, without / PAIRED_ROUNDS


def verify_million(folder: Path) -> None:
    with CacheStore.open(folder / "chain.sqlcipher", KEY) as store:
        started = time.perf_counter()
        prev = ""
        at = datetime(2025, 1, 1, tzinfo=UTC)
        rows = []
        for n in range(1, CHAIN + 1):
            fields = (
                (at + timedelta(seconds=n)).isoformat(),
                DOCTOR.codice_fiscale,
                DOCTOR.display_name,
                "MMG",
                "TREATMENT",
                f"pat-{n % 1500}",
                f"doc-{n}",
                None,
                AccessAction.OPEN_DOCUMENT.value,
                Outcome.SUCCESS.value,
            )
            digest = chain_hash(prev, fields)
            rows.append((*fields, prev, digest))
            prev = digest
        with store._db.transaction("bench") as conn:
            conn.executemany(
                "INSERT INTO audit_event (at, user_cf, user_name, role, purpose, patient_id, "
                "document_id, resource, action, outcome, prev_hash, hash) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                rows,
            )
        print(f"built a chain of {CHAIN:,} records in {time.perf_counter() - started:.1f} s")
        started = time.perf_counter()
        with store._db.reading("bench") as conn:  # the floor: decrypting every page
            rows_read = sum(1 for _ in conn.execute("SELECT n FROM audit_event ORDER BY n"))
        floor = time.perf_counter() - started
        print(f"read {rows_read:,} rows (the decryption floor) in {floor:.1f} s")
        started, cpu = time.perf_counter(), time.process_time()
        report = store.audit.verify(ChainHead(CHAIN, prev))
        took, cpu = time.perf_counter() - started, time.process_time() - cpu
        print(
            f"verified {report.records:,} records in {took:.2f} s (target < 10 s), "
            f"{cpu:.2f} s of CPU; reading the table alone took {floor:.2f} s "
            f"(ratio {took / floor:.2f}); load average {os.getloadavg()[0]:.1f}"
        )


def main() -> None:
    print(f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs")
    keyring.set_keyring(MemoryKeyring())
    with tempfile.TemporaryDirectory() as tmp:
        overhead(Path(tmp))
        verify_million(Path(tmp))


if __name__ == "__main__":
    main()
