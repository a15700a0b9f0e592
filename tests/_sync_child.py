"""The syncing process that tests/test_outbox_kill.py kills with SIGKILL.

Run as ``python -m tests._sync_child MODE --cache FILE --url BASE_URL``. The
cache key comes hex-encoded in the environment (``FSE_DESK_TEST_CACHE_KEY``):
a child has no test keyring. Every line it prints is flushed at once and only
after the work it names is committed, so the parent knows what was durable
when it killed the child:

- ``pull``: ``ready``, then ``page <label>|<done>`` after each committed page, ``done``.
- ``push``: ``ready``, then repeatedly ``recorded <id> <id>`` (one record of two
  readings, committed), ``push-start`` / ``push-end <sent>``; ``done`` at the end.
"""

from __future__ import annotations

import argparse
import os
import random
import sys
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

from fse_desk.audit import AccessControl
from fse_desk.connectors.fhir_client import FhirClient
from fse_desk.connectors.push import OutboxPusher
from fse_desk.connectors.sync import SyncEngine
from fse_desk.domain.roles import Role
from fse_desk.domain.vitals import Vital
from fse_desk.progress import drive
from fse_desk.store import CacheStore
from fse_desk.vitals import VitalsService

KEY_VARIABLE = "FSE_DESK_TEST_CACHE_KEY"


@dataclass(frozen=True)
class Nurse:
    display_name: str
    codice_fiscale: str
    role: Role


def say(line: str) -> None:
    sys.stdout.write(line + "\n")
    sys.stdout.flush()


def pull(store: CacheStore, client: FhirClient, page_size: int) -> None:
    say("ready")
    drive(
        SyncEngine(store, client, page_size=page_size).pull(),
        lambda progress: say(f"page {progress.label}|{progress.done}"),
    )
    say("done")


def push(store: CacheStore, client: FhirClient, records: int, seed: int) -> None:
    rng = random.Random(seed)
    # Imports kept light: the kill tests start this child many times.
    nurse = Nurse("Inf. Paolo Neri", "NREPLA80A01A944X", Role.NURSE)
    vitals = VitalsService(store, AccessControl(store, nurse))
    pusher = OutboxPusher(store, client, rng=random.Random(seed))
    patients = [p.id for p in store.patients.search("", limit=5)]
    say("ready")
    for n in range(records):
        readings = vitals.record(
            rng.choice(patients),
            {
                Vital.HEART_RATE: (float(rng.randint(50, 110)),),
                Vital.SPO2: (float(rng.randint(88, 100)),),
            },
            effective_at=datetime.now(UTC) - timedelta(minutes=1),
            performer="Inf. Carla Neri",
            note=f"child {seed} record {n}",
        )
        say("recorded " + " ".join(r.id for r in readings))
        if n % 2:
            say("push-start")
            say(f"push-end {drive(pusher.push()).sent}")
    say("push-start")
    say(f"push-end {drive(pusher.push()).sent}")
    say("done")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("mode", choices=("pull", "push"))
    parser.add_argument("--cache", type=Path, required=True)
    parser.add_argument("--url", required=True)
    parser.add_argument("--page-size", type=int, default=40)
    parser.add_argument("--records", type=int, default=12)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    key = bytes.fromhex(os.environ[KEY_VARIABLE])
    with CacheStore.open(args.cache, key) as store, FhirClient(args.url) as client:
        if args.mode == "pull":
            pull(store, client, args.page_size)
        else:
            push(store, client, args.records, args.seed)


if __name__ == "__main__":
    main()
