"""The autosaving process that tests/test_pss_drafts_kill.py kills with SIGKILL.

Run as ``python -m tests._draft_child --cache FILE`` with the cache key hex-encoded in
``FSE_DESK_TEST_CACHE_KEY``. It saves the same draft over and over through
``PssService.save_draft``, as the editor's autosave does, each time with the note of
its first problem set to ``rev <n>``, and prints ``saved <n>`` once that save has
returned (committed). ``ready`` first, when the cache is open.
"""

from __future__ import annotations

import argparse
import os
from dataclasses import replace
from pathlib import Path

from fse_desk.connectors.fhir_client import FhirClient
from fse_desk.pss.refresh import FindingsIndexer
from fse_desk.pss.service import PssService
from fse_desk.store import CacheStore
from fse_desk.timeline import TimelineService
from tests._sync_child import KEY_VARIABLE, say
from tests.test_pss_support import full_pss
from tests.timeline_support import DOCTOR

PATIENT_ID = "pat-draft"
SAVES = 100_000  # more than a test lets it live


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--cache", type=Path, required=True)
    args = parser.parse_args()
    store = CacheStore.open(args.cache, bytes.fromhex(os.environ[KEY_VARIABLE]))
    # The timeline's client is never called: saving a draft is local.
    service = PssService(
        store,
        TimelineService(
            store, FhirClient("http://127.0.0.1:9"), DOCTOR, read_findings=FindingsIndexer()
        ),
    )
    draft = full_pss()
    say("ready")
    for n in range(1, SAVES + 1):
        first = replace(draft.problems[0], note=f"rev {n}")
        service.save_draft(PATIENT_ID, replace(draft, problems=(first, *draft.problems[1:])))
        say(f"saved {n}")


if __name__ == "__main__":
    main()
