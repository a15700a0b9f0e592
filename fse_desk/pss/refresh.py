""" "Aggiorna dal fascicolo" over the encrypted cache, from the findings kept there.

Every body that enters the cache has its findings read and kept beside it
(the timeline's ``cache_body`` calls :class:`FindingsIndexer`), so a click
reads the findings of the patient's documents in one query and merges them; it parses
only the documents without findings for their current version and vocabularies (a
body cached before migration 7, a new vocabulary import, a new version), and keeps
theirs for the next click. The result is :func:`suggest_updates`'s on the same bodies.
"""

from __future__ import annotations

from collections.abc import Generator
from pathlib import Path

from fse_desk._types import PatientId
from fse_desk.documents import CdaDocument
from fse_desk.domain.document import DocumentMeta
from fse_desk.progress import CancelToken, Progress
from fse_desk.pss._findings import Findings
from fse_desk.pss.model import Pss
from fse_desk.pss.suggestions import (
    CDA_TYPES,
    SuggestionSet,
    Vocabularies,
    collect,
    document_findings,
    read_filter,
    suggestion_vocabularies,
)
from fse_desk.store import CacheStore
from fse_desk.store.findings import Row


def findings_row(meta: DocumentMeta, vocab: Vocabularies, findings: Findings | None) -> Row:
    return (
        meta.id,
        meta.version_id,
        vocab.fingerprint,
        None if findings is None else findings.to_json(),
    )


class FindingsIndexer:
    """What the timeline keeps beside each body it caches: the body's findings.

    Handed to :class:`~fse_desk.timeline.TimelineService` (``read_findings``), so the
    timeline stores them in the body's transaction without knowing the PSS.
    ``vocabulary_dir``: the administrator's code lists the findings are read with.
    """

    def __init__(self, vocabulary_dir: Path | None = None) -> None:
        self._vocabulary_dir = vocabulary_dir

    def __call__(self, meta: DocumentMeta, data: bytes, cda: CdaDocument | None) -> Row | None:
        """The findings row of a body whose metadata, as cached, is ``meta``."""
        if meta.type_code not in CDA_TYPES:
            return None
        vocab = suggestion_vocabularies(self._vocabulary_dir)
        return findings_row(meta, vocab, document_findings(meta, data, vocab, cda))


INDEX_BATCH = 200


def index_missing(
    store: CacheStore, vocab: Vocabularies, cancel: CancelToken | None = None
) -> Generator[Progress, None, int]:
    """Read and keep the findings of every cached body that has none for ``vocab`` (bodies
    cached before migration 7, or all of them after a vocabulary import), so that no
    first click has to parse them. Batches commit as they go; returns how many were read.
    """
    cancel = cancel or CancelToken()
    done = 0
    while not store.read_only:
        ids = store.findings.missing(vocab.fingerprint, CDA_TYPES, INDEX_BATCH)
        if not ids:
            break
        rows: list[Row] = []
        for document_id in ids:
            meta, body = store.documents.get(document_id), store.bodies.get(document_id)
            if meta is None or body is None:  # removed meanwhile by a sync
                continue
            rows.append(findings_row(meta, vocab, document_findings(meta, body[1], vocab)))
        store.findings.put_many(rows)
        done += len(ids)
        yield Progress(done, 0, "Indexing documents for the PSS")
        if len(ids) < INDEX_BATCH:
            break
        cancel.raise_if_cancelled()
    return done


def suggest_from_cache(
    store: CacheStore, patient_id: PatientId, previous: Pss | None, vocab: Vocabularies
) -> SuggestionSet:
    """:func:`suggest_updates` over the patient's current cached documents, read with
    ``vocab`` (the lists bodies are cached with, for their findings to be used).

    Bodies never fetched are not fetched: they are counted in ``not_downloaded``.
    Consent is the caller's to check. On a read-only cache the findings read here are
    used, not kept.
    """
    wanted = read_filter(previous)
    metas = [m for m in store.documents.list_for_patient(patient_id) if wanted(m)]
    kept = store.findings.for_patient(patient_id, vocab.fingerprint)
    documents: list[tuple[DocumentMeta, Findings | None]] = []
    new: list[Row] = []
    not_downloaded = 0
    for meta in metas:
        if meta.id in kept:
            text = kept[meta.id]
            documents.append((meta, None if text is None else Findings.from_json(text)))
            continue
        body = store.bodies.get(meta.id)
        if body is None:
            not_downloaded += 1
            continue
        findings = document_findings(meta, body[1], vocab)
        documents.append((meta, findings))
        new.append(findings_row(meta, vocab, findings))
    if new and not store.read_only:
        store.findings.put_many(new)
    return collect(previous, documents, not_downloaded)
