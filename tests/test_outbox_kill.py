"""SIGKILL the syncing process at random moments, during pulls and during pushes.

The sandbox serves a region over real HTTP from this process (with latency, so
kills land mid-request and mid-transaction); the syncing side is a child
process (tests/_sync_child.py) working on a real SQLCipher file. After each
kill the cache must open, pass ``PRAGMA integrity_check``, have lost no
reading and no outbox entry, and the server must hold no duplicate.
"""

from __future__ import annotations

import os
import random
import secrets
import signal
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from fse_desk.connectors.fhir_client import FhirClient
from fse_desk.connectors.push import IDENTIFIER_SYSTEM, OutboxPusher, local_identifier
from fse_desk.connectors.sync import SyncEngine
from fse_desk.domain.outbox import OutboxEntry, OutboxMethod, OutboxState
from fse_desk.domain.vitals import VitalReading
from fse_desk.progress import drive
from fse_desk.store import CacheStore
from fse_desk_sandbox import FaultConfig, ResourceStore, SandboxServer
from fse_desk_sandbox.region import generate_region
from tests._sync_child import KEY_VARIABLE

ROOT = Path(__file__).resolve().parent.parent
KILLS = 20  # at least this many during pulls, and as many during pushes
PATIENTS = 80
PAGE_SIZE = 40
LATENCY = FaultConfig(latency_ms=10)
TYPES = ("Patient", "Consent", "DocumentReference")


@dataclass
class Region:
    server: SandboxServer
    client: FhirClient


@pytest.fixture(scope="module")
def region(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Region]:
    store = ResourceStore(tmp_path_factory.mktemp("kill-region") / "region.sqlite")
    store.bulk_load(r for batch in generate_region(11, PATIENTS, date(2026, 11, 1)) for r in batch)
    server = SandboxServer(store).start()
    client = FhirClient(server.base_url)
    try:
        yield Region(server, client)
    finally:
        client.close()
        server.stop()
        store.close()


@dataclass
class Run:
    """One child process: what it printed before it died, and whether we killed it."""

    lines: list[str]
    killed: bool
    returncode: int


def _run_child(
    mode: str,
    cache: Path,
    key: bytes,
    url: str,
    kill_after_s: float,
    *extra: str,
    after_pages: int = 0,
) -> Run:
    """Start a child, wait for ``after_pages`` committed pages, then kill it ``kill_after_s``
    later. Counting pages first makes the kill land inside the pull however loaded the
    machine is; the random delay then puts it anywhere within the next page."""
    env = {**os.environ, KEY_VARIABLE: key.hex()}
    child = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "tests._sync_child",
            mode,
            "--cache",
            str(cache),
            "--url",
            url,
            *extra,
        ],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert child.stdout is not None and child.stderr is not None
    try:
        first = child.stdout.readline()  # the cache is open; the work starts now
        assert first == "ready\n", f"child did not start: {first!r} {child.stderr.read()}"
        seen: list[str] = []
        while sum(line.startswith("page ") for line in seen) < after_pages:
            line = child.stdout.readline()
            if not line or line.strip() == "done":
                seen.append(line.strip())
                break
            seen.append(line.rstrip("\n"))
        finished = bool(seen) and seen[-1] == "done"  # never kill a child that said so
        if not finished:
            time.sleep(kill_after_s)  # the random moment of the kill (not a synchronisation)
        killed = not finished and child.poll() is None
        if killed:
            os.kill(child.pid, signal.SIGKILL)
        returncode = child.wait(timeout=30)
        lines = [line for line in seen if line] + child.stdout.read().splitlines()
        errors = child.stderr.read()
    finally:
        if child.poll() is None:
            child.kill()
            child.wait()
        child.stdout.close()
        child.stderr.close()
    # The child may finish between poll() and the signal: then it was not killed.
    killed = killed and returncode == -signal.SIGKILL
    if not killed:
        assert returncode == 0 and lines[-1] == "done", errors
    return Run(lines, killed, returncode)


# -- pulls ---------------------------------------------------------------------------


def _snapshot(store: CacheStore) -> dict[str, Any]:
    """Everything a pull puts in the cache, comparable between two caches."""
    patients = store.patients.search("", limit=100_000)
    return {
        "patients": sorted(patients, key=lambda p: p.id),
        "consents": store.patients.consent_states(),
        "documents": {p.id: store.documents.list_for_patient(p.id) for p in patients},
        "document_count": store.documents.count(),
        "cursors": {t: store.sync_state.cursor(t) for t in TYPES},
    }


def _records(snapshot: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in snapshot.items() if k != "cursors"}


def _check_reported_pages(lines: list[str], snapshot: dict[str, Any]) -> None:
    """Every page the child reported as committed before it died is in the cache.

    The cursors move only when a whole walk has ended (a killed walk resumes from the
    previous cursor, with an overlap, de-duplicated), so what a committed page leaves
    behind is its records, not a cursor."""
    reported: dict[str, int] = {}
    for line in lines:
        if line.startswith("page "):
            label, _, done = line[5:].rpartition("|")
            reported[label] = max(reported.get(label, 0), int(done))
    assert len(snapshot["patients"]) >= reported.get("Patients", 0)
    if reported.get("Consents", 0):
        assert snapshot["consents"], "Consents: committed page not kept"
    if reported.get("Documents", 0):
        assert snapshot["document_count"] > 0, "Documents: committed page not kept"


# Forty-odd child pulls of a region: 20 s here, minutes on a machine loaded several times
# over. Slow is not wrong, so the limit is the suite's CI budget, not the default 300 s.
@pytest.mark.timeout(900)
def test_sigkill_during_pulls_loses_nothing_and_resumes(region: Region, tmp_path: Path) -> None:
    rng = random.Random(20261120)
    region.server.faults = FaultConfig()
    reference_key = secrets.token_bytes(32)
    with CacheStore.open(tmp_path / "reference.sqlcipher", reference_key) as reference:
        drive(SyncEngine(reference, region.client, page_size=PAGE_SIZE).pull())
        clean = _snapshot(reference)
    assert len(clean["patients"]) == PATIENTS and clean["document_count"] > 1000

    region.server.faults = LATENCY  # a full pull now takes about a second
    kills = mid_pull = caches = 0
    started = time.monotonic()
    while kills < KILLS:
        caches += 1
        path, key = tmp_path / f"pulled-{caches}.sqlcipher", secrets.token_bytes(32)
        # Kill this cache's pull once or twice, then let a run complete: a killed walk
        # resumes from the last complete one (cursors move when a walk ends), so a pull
        # killed every few pages forever would never finish, on a laptop as here.
        attempts = rng.randint(2, 3)
        for attempt in range(attempts):
            last = attempt == attempts - 1 or rng.random() < 0.3
            run = _run_child(
                "pull",
                path,
                key,
                region.server.base_url,
                rng.uniform(0.0, 0.05),
                "--page-size",
                str(PAGE_SIZE),
                after_pages=1 << 30 if last else rng.randint(0, 6),
            )
            pages = sum(line.startswith("page ") for line in run.lines)
            with CacheStore.open(path, key) as store:
                assert store.integrity_ok(), f"integrity check failed after kill {kills}"
                snapshot = _snapshot(store)
                _check_reported_pages(run.lines, snapshot)
            if not run.killed:
                break
            kills += 1
            mid_pull += pages > 0
        assert not run.killed, "the last run on a cache is let finish"
        # Resumed after every kill, the cache ends as a clean pull's; its cursors are the
        # server's clock at its own last walk, so they are set, not equal to the clean one's.
        assert all(snapshot["cursors"].values()), f"cache {caches} ended without cursors"
        assert _records(snapshot) == _records(clean), f"cache {caches} differs from a clean pull"
    elapsed = time.monotonic() - started
    print(
        f"\npull kills: {kills} ({mid_pull} after at least one committed page) "
        f"over {caches} caches in {elapsed:.1f} s"
    )
    assert kills >= KILLS
    assert mid_pull >= KILLS // 2  # the kills really landed inside pulls


# -- pushes --------------------------------------------------------------------------


def _outbox_by_reading(store: CacheStore) -> dict[str, list[OutboxEntry]]:
    entries: dict[str, list[OutboxEntry]] = {}
    for entry in store.outbox.entries(include_closed=True, limit=100_000):
        entries.setdefault(entry.resource_id, []).append(entry)
    return entries


def _readings(store: CacheStore, patients: list[str]) -> dict[str, VitalReading]:
    return {r.id: r for pid in patients for r in store.vitals.for_patient(pid, limit=100_000)}


def _copies_on_server(client: FhirClient) -> Counter[str]:
    """How many Observations the server holds per workstation identifier."""
    copies: Counter[str] = Counter()
    for resource in client.search(
        "Observation", {"identifier": f"{IDENTIFIER_SYSTEM}|", "_count": "500"}
    ):
        for ident in resource.get("identifier", []):
            if ident.get("system") == IDENTIFIER_SYSTEM:
                copies[ident["value"]] += 1
    return copies


def test_sigkill_during_pushes_loses_nothing_and_never_duplicates(
    region: Region, tmp_path: Path
) -> None:
    rng = random.Random(20261121)
    region.server.faults = FaultConfig()
    path, key = tmp_path / "pushing.sqlcipher", secrets.token_bytes(32)
    with CacheStore.open(path, key) as store:
        drive(SyncEngine(store, region.client, page_size=500).pull())
        patients = [p.id for p in store.patients.search("", limit=5)]

    reported: list[str] = []  # readings the children said were committed
    kills = in_push = in_record = runs = 0
    started = time.monotonic()
    while in_push < KILLS:
        runs += 1
        region.server.faults = FaultConfig(latency_ms=rng.choice((5, 15, 30)))
        run = _run_child(
            "push",
            path,
            key,
            region.server.base_url,
            rng.uniform(0.0, 0.5),
            "--records",
            "12",
            "--seed",
            str(runs),
        )
        region.server.faults = FaultConfig()
        for line in run.lines:
            if line.startswith("recorded "):
                reported.extend(line.split()[1:])
        if run.killed:
            kills += 1
            last = next((x for x in reversed(run.lines) if x.startswith("push-")), "")
            if last == "push-start":
                in_push += 1
            else:
                in_record += 1

        with CacheStore.open(path, key) as store:
            assert store.integrity_ok(), f"integrity check failed after run {runs}"
            readings = _readings(store, patients)
            outbox = _outbox_by_reading(store)
        missing = [r for r in reported if r not in readings]
        assert not missing, f"run {runs}: {len(missing)} committed readings lost"
        # Nothing half-written: each reading has exactly one queued create, and back.
        assert set(outbox) == set(readings)
        assert all(len(e) == 1 and e[0].method is OutboxMethod.CREATE for e in outbox.values())
        # A record is two readings, kept or lost together.
        per_record = Counter(r.note for r in readings.values())
        assert set(per_record.values()) == {2}
        copies = _copies_on_server(region.client)
        assert max(copies.values(), default=1) == 1, f"run {runs}: a duplicate on the server"
        # What the outbox says was sent is on the server.
        sent = [rid for rid, [e] in outbox.items() if e.state is OutboxState.SENT]
        assert all(copies[local_identifier(rid)["value"]] == 1 for rid in sent)

    with CacheStore.open(path, key) as store:
        states = Counter(e.state for es in _outbox_by_reading(store).values() for e in es)
        later = datetime.now(UTC) + timedelta(days=1)  # past any backoff
        drive(OutboxPusher(store, region.client, now=lambda: later).push())
        assert store.outbox.count_pending() == 0
        readings = _readings(store, patients)
    copies = _copies_on_server(region.client)
    assert {local_identifier(rid)["value"] for rid in readings} == set(copies)
    assert set(copies.values()) == {1}
    elapsed = time.monotonic() - started
    print(
        f"\npush kills: {kills} ({in_push} during a push, {in_record} while recording) "
        f"in {runs} runs, {elapsed:.1f} s; {len(readings)} readings "
        f"({states[OutboxState.SENT]} sent, {states[OutboxState.PENDING]} pending, "
        f"{states[OutboxState.SENDING]} in flight before the final push), "
        "each on the server once"
    )
    assert in_push >= KILLS
