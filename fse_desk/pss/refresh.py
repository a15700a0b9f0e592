""""Aggiorna dal fascicolo" over the encrypted cache, from the findings kept there.

Every body that enters the cache has its findings read and kept beside it
(:func:`fse_desk.timeline.bodies.cache_body` calls :func:`findings_row`), so a click
reads the findings of the patient's documents in one query and merges them; it parses
only the documents without findings for their current version and vocabularies (a
body cached before migration 7, a new vocabulary import, a new version), and keeps
theirs for the next click. The result is :func:`suggest_updates`'s on the same bodies.
"""

from __future__ import annotations

from fse_desk._types import PatientId
from fse_desk.domain.document import DocumentMeta
from fse_desk.pss._findings import Findings
from fse_desk.pss.model import Pss
from fse_desk.pss.suggestions import (
    SuggestionSet,
    Vocabularies,
    collect,
    document_findings,
    read_filter,
)
from fse_desk.store import CacheStore
from fse_desk.store.findings import Row


def findings_row(meta: DocumentMeta, vocab: Vocabularies, findings: Findings | None) -> Row:
    return (meta.id, meta.version_id, vocab.fingerprint,
            None if findings is None else findings.to_json())


def suggest_from_cache(store: CacheStore, patient_id: PatientId, previous: Pss | None,
                       vocab: Vocabularies) -> SuggestionSet:
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
