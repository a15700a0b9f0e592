"""SIGKILL a process while it autosaves a PSS draft: the draft is never lost or torn.

The child (tests/_draft_child.py) saves the draft over and over through
``PssService.save_draft`` on a real SQLCipher file and reports each committed save.
After each kill the cache opens, passes ``PRAGMA integrity_check``, and holds a whole,
readable draft: the last one reported, or the one being written when the kill landed.
"""

from __future__ import annotations

import os
import random
import re
import secrets
import signal
import subprocess
import sys
import time
from pathlib import Path

from fse_desk._types import PatientId
from fse_desk.connectors.fhir_client import FhirClient
from fse_desk.pss.refresh import FindingsIndexer
from fse_desk.pss.service import PssService
from fse_desk.store import CacheStore
from fse_desk.timeline import TimelineService
from tests._draft_child import PATIENT_ID
from tests._sync_child import KEY_VARIABLE
from tests.fixtures_store import RecordFactory
from tests.test_pss_support import full_pss
from tests.timeline_support import DOCTOR

ROOT = Path(__file__).resolve().parent.parent
KILLS = 12
REV = re.compile(r"^rev (\d+)$")


def _kill_while_saving(cache: Path, key: bytes, after_saves: int, delay_s: float) -> int:
    """Start the child, let it report ``after_saves`` saves, kill it ``delay_s`` later;
    the last save it reported (it keeps saving until the kill)."""
    child = subprocess.Popen(
        [sys.executable, "-m", "tests._draft_child", "--cache", str(cache)],
        cwd=ROOT,
        env={**os.environ, KEY_VARIABLE: key.hex()},
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert child.stdout is not None and child.stderr is not None
    try:
        first = child.stdout.readline()
        assert first == "ready\n", f"child did not start: {first!r} {child.stderr.read()}"
        for _ in range(after_saves):
            assert child.stdout.readline().startswith("saved ")
        time.sleep(delay_s)  # the random moment of the kill (not a synchronisation)
        os.kill(child.pid, signal.SIGKILL)
        assert child.wait(timeout=30) == -signal.SIGKILL, child.stderr.read()
        lines = child.stdout.read().splitlines()
    finally:
        if child.poll() is None:
            child.kill()
            child.wait()
        child.stdout.close()
        child.stderr.close()
    reported = [int(line.split()[1]) for line in lines if line.startswith("saved ")]
    return max(reported, default=after_saves)


def test_a_killed_autosave_leaves_the_last_whole_draft(tmp_path: Path) -> None:
    cache, key = tmp_path / "cache.sqlcipher", secrets.token_bytes(32)
    store = CacheStore.open(cache, key)
    store.patients.upsert_many([RecordFactory().patient(id=PatientId(PATIENT_ID))])
    store.close()
    rng = random.Random(5)
    for _ in range(KILLS):
        last = _kill_while_saving(cache, key, rng.randint(1, 20), rng.uniform(0, 0.05))
        store = CacheStore.open(cache, key)
        try:
            assert store.integrity_ok()
            service = PssService(
                store,
                TimelineService(
                    store, FhirClient("http://127.0.0.1:9"), DOCTOR, read_findings=FindingsIndexer()
                ),
            )
            found = service.draft(PatientId(PATIENT_ID), full_pss().author.cf)
        finally:
            store.close()
        assert found is not None
        draft = found[0]
        match = REV.match(draft.problems[0].note)
        assert match is not None
        revision = int(match.group(1))
        assert revision in (last, last + 1)  # nothing committed is lost, nothing is torn
        assert draft.problems[1:] == full_pss().problems[1:]
        assert draft.therapies == full_pss().therapies
