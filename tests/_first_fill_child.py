"""The process tests/test_store_first_fill.py kills with SIGKILL in the middle of a first fill.

Run as ``python -m tests._first_fill_child CACHE``, the cache key hex-encoded in the
environment (``FSE_DESK_TEST_CACHE_KEY``). It writes :func:`practice` into the empty
cache the way a first sync does (a first fill, a transaction per page, one document
replaced and one removed on the way), prints ``written <whether it was a first fill>``
once all of it is committed, and waits to be killed: the fill never ends.
"""

from __future__ import annotations

import os
import signal
import sys
from dataclasses import replace
from pathlib import Path

from fse_desk.domain import DocumentMeta, Patient
from fse_desk.store import CacheStore
from tests.fixtures_store import RecordFactory

KEY_VARIABLE = "FSE_DESK_TEST_CACHE_KEY"
_NAMES = (
    ("Referto di laboratorio", "Dott. Bianchi", "Ospedale Maggiore"),
    ("Lettera di dimissione", "Dott.ssa Nicolò D'Angelo", "Policlinico di Sant'Orsola"),
    ("Visita cardiologica", "Dott. Rossi", "Casa della Salute di Vergato"),
    ("Emocromo completo", "Laboratorio unico", "AUSL di Bologna"),
)


def practice() -> tuple[list[Patient], list[list[DocumentMeta]], DocumentMeta, DocumentMeta]:
    """Patients, pages of their documents, a later version of one, and one to remove."""
    records = RecordFactory()
    patients = [records.patient() for _ in range(12)]
    documents = [
        records.document(patient, title=f"{title} {n}", author=author, facility=facility)
        for n, patient in enumerate(patients * 10)
        for title, author, facility in [_NAMES[n % len(_NAMES)]]
    ]
    pages = [documents[start : start + 25] for start in range(0, len(documents), 25)]
    corrected = replace(documents[7], title="Referto rettificato", version_id="2")
    return patients, pages, corrected, documents[30]


def write(store: CacheStore) -> None:
    """The practice as a sync writes it: page by page, then the change and the removal."""
    _patients, pages, corrected, removed = practice()
    for page in pages:
        with store.transaction(synced=False):
            store.documents.upsert_many(page)
    store.documents.upsert_many([corrected])
    store.documents.delete([removed.id])


def main() -> None:
    store = CacheStore.open(Path(sys.argv[1]), bytes.fromhex(os.environ[KEY_VARIABLE]))
    store.patients.upsert_many(practice()[0])
    fill = store.documents.first_fill()
    started = fill.__enter__()
    write(store)
    sys.stdout.write(f"written {started}\n")
    sys.stdout.flush()
    signal.pause()  # killed here, inside the fill


if __name__ == "__main__":
    main()
