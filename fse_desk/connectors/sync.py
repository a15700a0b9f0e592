"""Pull the practice's assistiti and their FSE document metadata into the cache.

Delta by ``_lastUpdated`` per resource type: each page is written in one
transaction together with the type's cursor (the last ``meta.lastUpdated`` on
the page), so a sync killed at any moment resumes where it stopped and a sync
with no server change transfers only empty pages.

Privacy rules applied here, before anything reaches the cache:
- a document hidden by the patient (oscuramento P99) is never stored, and is
  removed if it was cached before the patient hid it;
- a patient without consent to consultation has no FSE documents in the cache;
  when their consent is granted later their documents are fetched in full;
- a document entered in error is never stored, and is removed if cached.

A document the gateway replaced (``superseded``) is kept with its status, whatever
its type: the PSS tab lists earlier PSS versions, and the timeline shows any replaced
document marked as such, since a clinician may have acted on the earlier version
(the FSE keeps it readable too). Lab trends and "new" marks skip superseded ones.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Generator, Iterable, Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import UTC, datetime
from functools import partial
from typing import Any, TypeVar

from fse_desk._types import DocumentId, PatientId
from fse_desk.connectors.fhir_client import FhirClient
from fse_desk.connectors.fhir_mapping import (
    consent_from_fhir,
    document_from_fhir,
    is_hidden,
    patient_from_fhir,
)
from fse_desk.domain.document import DocumentMeta, DocumentStatus
from fse_desk.domain.patient import ConsentState, Patient
from fse_desk.errors import InvalidRecord
from fse_desk.progress import CancelToken, Progress
from fse_desk.security.redaction import redact
from fse_desk.store import CacheStore

log = logging.getLogger(__name__)

LAST_SYNC_KEY = "last_sync_at"
T = TypeVar("T")


@dataclass(slots=True)
class SyncSummary:
    """What one pull changed in the cache."""

    patients: int = 0
    consents: int = 0
    documents: int = 0
    documents_removed: int = 0
    rejected: int = 0
    pages: int = 0
    bytes_received: int = 0
    seconds: float = 0.0
    rejected_reasons: list[str] = field(default_factory=list)

    def describe(self) -> str:
        return (
            f"{self.patients} patients, {self.consents} consents, {self.documents} documents "
            f"updated, {self.documents_removed} removed, {self.rejected} rejected; "
            f"{self.pages} pages, {self.bytes_received / 1e6:.1f} MB in {self.seconds:.1f} s"
        )


class SyncEngine:
    """One pull of the regional FSE into a :class:`CacheStore`."""

    def __init__(
        self,
        store: CacheStore,
        client: FhirClient,
        *,
        practitioner_id: str | None = None,
        page_size: int = 500,
    ) -> None:
        self._store = store
        self._client = client
        self._practitioner_id = practitioner_id
        self._page_size = page_size
        self._consents: dict[PatientId, ConsentState] = {}

    def pull(self, cancel: CancelToken | None = None) -> Generator[Progress, None, SyncSummary]:
        """Yield progress after each committed page; return the summary.

        Cancellation is checked after each committed page and raises
        :class:`~fse_desk.errors.Cancelled`; everything before it is kept.
        """
        cancel = cancel or CancelToken()
        summary = SyncSummary()
        # One read of every cached patient's consent, kept current as pages are applied,
        # instead of a query per resource.
        self._consents = self._store.patients.consent_states()
        started, bytes_before = time.monotonic(), self._client.bytes_received
        patient_filter = (
            {"general-practitioner": f"Practitioner/{self._practitioner_id}"}
            if self._practitioner_id
            else {}
        )
        yield from self._pull_type(
            "Patient", "Patients", patient_filter, self._store_patients, summary, cancel
        )
        granted: list[PatientId] = []
        yield from self._pull_type(
            "Consent",
            "Consents",
            {},
            partial(self._store_consents, granted=granted),
            summary,
            cancel,
        )
        first_document_pull = self._store.sync_state.cursor("DocumentReference") is None
        yield from self._pull_type(
            "DocumentReference", "Documents", {}, self._store_documents, summary, cancel
        )
        if not first_document_pull:
            for done, patient_id in enumerate(granted, 1):
                for page in self._client.search_pages(
                    "DocumentReference",
                    {"patient": f"Patient/{patient_id}", "_count": str(self._page_size)},
                ):
                    with self._store.transaction():
                        self._store_documents(_resources(page), summary)
                    cancel.raise_if_cancelled()
                yield Progress(done, len(granted), "Documents of new consents")
        summary.seconds = time.monotonic() - started
        summary.bytes_received = self._client.bytes_received - bytes_before
        self._store.sync_state.set(LAST_SYNC_KEY, _utc_now_iso())
        return summary

    # -- one resource type, page by page ---------------------------------------
    def _pull_type(
        self,
        resource_type: str,
        label: str,
        extra_params: dict[str, str],
        apply: Callable[[list[dict[str, Any]], SyncSummary], None],
        summary: SyncSummary,
        cancel: CancelToken,
    ) -> Generator[Progress, None, None]:
        params = {"_sort": "_lastUpdated", "_count": str(self._page_size), **extra_params}
        cursor = self._store.sync_state.cursor(resource_type)
        if cursor:
            params["_lastUpdated"] = f"gt{cursor}"
        done = 0
        for page in read_ahead(self._client.search_pages(resource_type, params)):
            resources = list(_resources(page))
            summary.pages += 1
            with self._store.transaction():
                apply(resources, summary)
                if resources:
                    last = resources[-1].get("meta", {}).get("lastUpdated")
                    if last:
                        self._store.sync_state.set_cursor(resource_type, last)
            done += len(resources)
            cancel.raise_if_cancelled()
            yield Progress(done, int(page.get("total", done)), label)

    # -- appliers: run inside the page transaction ------------------------------
    def _store_patients(self, resources: list[dict[str, Any]], summary: SyncSummary) -> None:
        patients: list[Patient] = []
        for resource in resources:
            consent = self._consents.get(PatientId(str(resource.get("id", ""))))
            try:
                patients.append(patient_from_fhir(resource, consent or ConsentState.UNKNOWN))
            except InvalidRecord as exc:
                _reject(summary, exc)
        summary.patients += self._store.patients.upsert_many(patients)
        for patient in patients:
            self._consents[patient.id] = patient.consent

    def _store_consents(
        self, resources: list[dict[str, Any]], summary: SyncSummary, *, granted: list[PatientId]
    ) -> None:
        changes: dict[PatientId, ConsentState] = {}
        for resource in resources:
            patient_id, state = consent_from_fhir(resource)
            if patient_id is None or self._consents.get(patient_id, state) is state:
                continue  # not our patient, or no change
            changes[patient_id] = self._consents[patient_id] = state
            if state is ConsentState.GRANTED:
                granted.append(patient_id)
            else:
                summary.documents_removed += self._store.documents.delete_for_patient(patient_id)
        summary.consents += self._store.patients.set_consents(changes)

    def _store_documents(self, resources: Iterable[dict[str, Any]], summary: SyncSummary) -> None:
        keep: list[DocumentMeta] = []
        drop: list[DocumentId] = []
        for resource in resources:
            doc_id = DocumentId(str(resource.get("id", "")))
            try:
                doc = document_from_fhir(resource)
            except InvalidRecord as exc:
                _reject(summary, exc)
                continue
            visible = (
                not is_hidden(resource)
                and doc.status is not DocumentStatus.ENTERED_IN_ERROR
                and self._consents.get(doc.patient_id) is ConsentState.GRANTED
            )
            if visible:
                keep.append(doc)
            else:
                drop.append(doc_id)
        summary.documents += self._store.documents.upsert_many(keep)
        if drop:
            summary.documents_removed += self._store.documents.delete(drop)


class _End:
    """The sentinel ``read_ahead`` gets when the items run out."""


_END = _End()


def read_ahead(items: Iterator[T]) -> Iterator[T]:
    """Yield from ``items``, fetching the next one on a helper thread meanwhile.

    The next page travels over the network (and is parsed) while the current one
    is written to the cache; SQLite releases the GIL while it works, so the two
    overlap. Errors raised fetching a page surface where that page is consumed.
    """
    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="sync-read-ahead") as pool:
        pending = pool.submit(next, items, _END)
        while True:
            item = pending.result()
            if isinstance(item, _End):
                return
            pending = pool.submit(next, items, _END)
            yield item


def _resources(bundle: dict[str, Any]) -> Iterable[dict[str, Any]]:
    for entry in bundle.get("entry", []):
        if entry.get("search", {}).get("mode", "match") == "match" and "resource" in entry:
            yield entry["resource"]


def _reject(summary: SyncSummary, exc: InvalidRecord) -> None:
    # A rejection may quote the offending value (a malformed codice fiscale): redacted.
    reason = redact(str(exc))
    log.warning("resource rejected by sync: %s", reason)
    summary.rejected += 1
    summary.rejected_reasons.append(reason)


def _utc_now_iso() -> str:
    return datetime.now(UTC).isoformat()
