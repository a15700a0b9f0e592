"""Pull the practice's assistiti and their FSE document metadata into the cache.

Every type is read through :func:`~fse_desk.connectors.sync_walk.walk` (patient
scoped, cursor from the server's clock, ``ge`` with overlap, de-duplicated by id
and version, bad records quarantined). In order:

1. **Patients**: ``Patient?general-practitioner=Practitioner/<me>`` changed since
   the cursor (the practice's own); then, when the server's count of them differs
   from the patients cached, the cached patients by ``_id`` lists: one
   whose ``generalPractitioner`` is now someone else has left the practice and is
   purged at once (documents, bodies, text index, findings); unsent PSS drafts
   stay, and their own-MMG check fails from then on, so ``can_publish`` is false.
2. **Consents** of those patients, by ``patient=<id list>``.
3. **Documents** of the consenting patients only, by ``patient=<id list>``. A
   patient whose documents were never read (new to the practice, consent just
   given) is read in full; the others from the cursor. Into an empty cache (a first
   sync) they go without per-row indexing, indexed once when the walk ends
   (:mod:`fse_desk.store.first_fill`).
4. **Deletions**: a deleted document answers 410 and vanishes from searches. Where
   the server lists deletions (``DocumentReference/_history?_since=``, advertised
   in its CapabilityStatement) they are read from there; otherwise each patient
   group's count of documents is checked, and the ids of a group whose count
   changed are listed. Either way a deletion leaves the cache within one sync.

Privacy rules, applied before anything reaches the cache and whatever else fails:
- a document hidden by the patient (oscuramento P99) is never stored, and is
  removed if it was cached before the patient hid it;
- a patient without consent to consultation has no FSE documents in the cache;
- a document entered in error is never stored, and is removed if cached.

A document the gateway replaced (``superseded``) is kept with its status, whatever
its type: the PSS tab lists earlier PSS versions, and the timeline shows any replaced
document marked as such, since a clinician may have acted on the earlier version.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Generator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime, timedelta
from typing import Any

from fse_desk._types import DocumentId, PatientId
from fse_desk.connectors.fhir_client import FhirClient
from fse_desk.connectors.fhir_mapping import (
    consent_from_fhir,
    document_from_fhir,
    is_hidden,
    parse_instant,
    patient_from_fhir,
    reference_id,
)
from fse_desk.connectors.sync_walk import (
    IDS_PER_REQUEST,
    OVERLAP,
    Feed,
    WalkReport,
    fetch_pages,
    since,
    walk,
    walk_patients,
    whole_page,
)
from fse_desk.domain.document import DocumentMeta, DocumentStatus
from fse_desk.domain.patient import ConsentState, Patient
from fse_desk.errors import FhirError
from fse_desk.progress import CancelToken, Progress
from fse_desk.store import CacheStore

log = logging.getLogger(__name__)

LAST_SYNC_KEY = "last_sync_at"
_HISTORY_KNOWN = "sync_history_type"  # "<when asked> yes|no": the server lists deletions
CAPABILITIES_TTL = timedelta(days=1)
COUNT_WORKERS = 10
"""Counts in flight at once: an answer is a few hundred bytes, so the 1,000-patient
practice's ten groups cost one round trip on a regional link, not three."""
_LISTED_STATUSES = frozenset({DocumentStatus.CURRENT, DocumentStatus.SUPERSEDED})
"""The documents the deletion check counts: every status a cached document can have."""
_LISTED = ",".join(sorted(s.value for s in _LISTED_STATUSES))


@dataclass(slots=True)
class SyncSummary:
    """What one pull changed in the cache."""

    patients: int = 0
    consents: int = 0
    documents: int = 0
    documents_removed: int = 0
    departed: int = 0
    quarantined: int = 0
    pages: int = 0
    bytes_received: int = 0
    requests: int = 0
    seconds: float = 0.0
    incomplete: list[str] = field(default_factory=list)

    @property
    def rejected(self) -> int:
        """Records this pull could not read (kept in quarantine)."""
        return self.quarantined

    def describe(self) -> str:
        return (
            f"{self.patients} patients, {self.consents} consents, {self.documents} documents "
            f"updated, {self.documents_removed} removed, {self.departed} departed, "
            f"{self.quarantined} quarantined; {self.pages} pages, "
            f"{self.bytes_received / 1e6:.1f} MB in {self.seconds:.1f} s"
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
        overlap: timedelta = OVERLAP,
    ) -> None:
        self._store = store
        self._client = client
        self._practitioner_id = practitioner_id
        self._page_size = page_size
        self._overlap = overlap
        self._consents: dict[PatientId, ConsentState] = {}
        self._documents: dict[str, str] = {}

    def pull(self, cancel: CancelToken | None = None) -> Generator[Progress, None, SyncSummary]:
        """Yield progress after each committed batch of pages; return the summary.

        Cancellation is checked after each committed batch and raises
        :class:`~fse_desk.errors.Cancelled`; everything before it is kept.
        """
        cancel = cancel or CancelToken()
        summary = SyncSummary()
        report = WalkReport()
        started, bytes_before = time.monotonic(), self._client.bytes_received
        requests_before = self._client.requests_sent
        self._consents = self._store.patients.consent_states()
        self._documents = self._store.sync_records.versions("document")
        yield from self._pull_patients(summary, report, cancel)
        present = self._store.sync_records.present_patient_ids()
        yield from self._walk_patients(self._consent_feed(summary), present, report, cancel)
        consenting = [p for p in present if self._consents.get(p) is ConsentState.GRANTED]
        with self._store.documents.first_fill():
            yield from self._walk_patients(self._document_feed(summary), consenting, report, cancel)
        yield from self._pull_deletions(consenting, summary, cancel)
        summary.pages = report.pages
        summary.quarantined = report.quarantined
        summary.incomplete = report.incomplete
        summary.seconds = time.monotonic() - started
        summary.bytes_received = self._client.bytes_received - bytes_before
        summary.requests = self._client.requests_sent - requests_before
        self._store.sync_state.set(LAST_SYNC_KEY, _utc_now_iso())
        return summary

    # -- patients and departures --------------------------------------------------------
    def _pull_patients(
        self, summary: SyncSummary, report: WalkReport, cancel: CancelToken
    ) -> Generator[Progress, None, None]:
        feed = self._patient_feed(summary)
        cursor = self._store.sync_state.cursor("Patient")
        mine = (
            {"general-practitioner": f"Practitioner/{self._practitioner_id}"}
            if self._practitioner_id
            else {}
        )
        cached = self._store.sync_records.present_patient_ids()
        first = yield from walk(
            self._client,
            self._store,
            feed,
            patient_ids=None,
            since_instant=self._since(cursor),
            report=report,
            cancel=cancel,
            page_size=self._page_size,
            extra_params=mine,
        )
        complete = first.complete
        if self._practitioner_id and cached and cursor is not None and self._someone_left(mine):
            # The cached patients changed since: one who moved to another MMG no longer
            # matches the search above, and is found (and purged) here.
            known = walk(
                self._client,
                self._store,
                replace(feed, patient_param="_id"),
                patient_ids=cached,
                since_instant=self._since(cursor),
                report=report,
                cancel=cancel,
                page_size=self._page_size,
            )
            complete = (yield from known).complete and complete
        if complete and first.server_time:
            self._store.sync_state.set_cursor("Patient", first.server_time)

    def _someone_left(self, mine: dict[str, str]) -> bool:
        """Whether the server counts the practice's patients otherwise than the cache.

        Arrivals (and returns) change the Patient, so the delta just applied brought
        them: after it, equal counts mean nobody left, and the cached patients need not
        be asked about one by one (on a quiet day that is most of a sync's bytes).
        """
        listed = self._client.count("Patient", mine)
        return listed is None or listed != len(self._store.sync_records.present_patient_ids())

    def _patient_feed(self, summary: SyncSummary) -> Feed[Patient]:
        versions = self._store.sync_records.versions("patient")

        def to_patient(resource: dict[str, Any]) -> Patient:
            consent = self._consents.get(PatientId(str(resource.get("id", ""))))
            return patient_from_fhir(resource, consent or ConsentState.UNKNOWN)

        def apply(patients: list[Patient]) -> None:
            summary.patients += self._store.patients.upsert_many(patients)
            for patient in patients:
                versions[patient.id] = patient.version_id
            staying: list[PatientId] = []
            for patient in patients:
                self._consents.setdefault(patient.id, patient.consent)
                if self._practitioner_id and (
                    patient.general_practitioner_id != self._practitioner_id
                ):
                    summary.documents_removed += self._store.sync_records.mark_departed(patient.id)
                    summary.departed += 1
                else:
                    staying.append(patient.id)
            self._store.sync_records.mark_present(staying)

        return Feed("Patient", "Patients", to_patient, apply, known_version=versions.get)

    # -- consents -----------------------------------------------------------------------
    def _consent_feed(self, summary: SyncSummary) -> Feed[tuple[PatientId | None, ConsentState]]:
        def apply(consents: list[tuple[PatientId | None, ConsentState]]) -> None:
            changes: dict[PatientId, ConsentState] = {}
            for patient_id, state in consents:
                if patient_id is None or patient_id not in self._consents:
                    continue  # not one of our patients
                if self._consents[patient_id] is state:
                    continue  # no change
                changes[patient_id] = self._consents[patient_id] = state
                if state is not ConsentState.GRANTED:
                    summary.documents_removed += self._store.documents.delete_for_patient(
                        patient_id
                    )
            summary.consents += self._store.patients.set_consents(changes)

        return Feed("Consent", "Consents", consent_from_fhir, apply)

    # -- documents ----------------------------------------------------------------------
    def _document_feed(self, summary: SyncSummary) -> Feed[tuple[DocumentMeta, bool]]:
        def to_document(resource: dict[str, Any]) -> tuple[DocumentMeta, bool]:
            return document_from_fhir(resource), is_hidden(resource)

        def apply(documents: list[tuple[DocumentMeta, bool]]) -> None:
            keep = [
                d
                for d, hidden in documents
                if not hidden
                and d.status is not DocumentStatus.ENTERED_IN_ERROR
                and self._consents.get(d.patient_id) is ConsentState.GRANTED
            ]
            kept = {d.id for d in keep}
            drop = [d.id for d, _hidden in documents if d.id not in kept]
            summary.documents += self._store.documents.upsert_many(keep)
            if drop:
                summary.documents_removed += self._store.documents.delete(drop)
            # What the deletion check counts beside the cache: listed, hidden (P99).
            withheld = [
                (d.id, d.patient_id)
                for d, hidden in documents
                if hidden and d.status in _LISTED_STATUSES
            ]
            self._store.sync_records.forget_withheld(d.id for d, _hidden in documents)
            self._store.sync_records.withhold(withheld)
            for doc in keep:
                self._documents[doc.id] = doc.version_id
            for doc_id in drop:
                self._documents.pop(doc_id, None)

        return Feed(
            "DocumentReference",
            "Documents",
            to_document,
            apply,
            known_version=self._documents.get,
        )

    def _walk_patients(
        self, feed: Feed[Any], patients: list[PatientId], report: WalkReport, cancel: CancelToken
    ) -> Generator[Progress, None, None]:
        yield from walk_patients(
            self._client,
            self._store,
            feed,
            patients,
            report=report,
            cancel=cancel,
            page_size=self._page_size,
            overlap=self._overlap,
        )

    def _since(self, cursor: str | None) -> str | None:
        return since(cursor, self._overlap)

    # -- deletions ------------------------------------------------------------------------
    def _pull_deletions(
        self, consenting: list[PatientId], summary: SyncSummary, cancel: CancelToken
    ) -> Generator[Progress, None, None]:
        if self._supports_history():
            cursor = self._store.sync_state.cursor("DocumentReference/_history")
            try:
                yield from self._deletions_from_history(cursor, summary, cancel)
                return
            except FhirError as exc:  # no longer served: asked again at the next sync
                log.warning("DocumentReference/_history refused (%s): counting instead", exc)
                self._store.sync_state.set(_HISTORY_KNOWN, "")
        yield from self._deletions_by_count(consenting, summary, cancel)

    def _supports_history(self) -> bool:
        """Whether the server lists deletions (``history-type`` on DocumentReference).

        Its CapabilityStatement is read at most once a day (10 KB: a fifth of a quiet
        sync); a server that stops serving ``_history`` is noticed when it refuses it.
        """
        known = self._store.sync_state.get(_HISTORY_KNOWN)
        if known:
            when, _, answer = known.partition(" ")
            if datetime.now(UTC) - parse_instant(when) < CAPABILITIES_TTL:
                return answer == "yes"
        try:
            statement = self._client.capabilities()
        except FhirError:
            return False
        supported = any(
            "history-type" in {i.get("code") for i in resource.get("interaction", [])}
            for rest in statement.get("rest", [])
            for resource in rest.get("resource", [])
            if resource.get("type") == "DocumentReference"
        )
        self._store.sync_state.set(
            _HISTORY_KNOWN, f"{_utc_now_iso()} {'yes' if supported else 'no'}"
        )
        return supported

    def _deletions_from_history(
        self, cursor: str | None, summary: SyncSummary, cancel: CancelToken
    ) -> Generator[Progress, None, None]:
        if cursor is None:
            # A first sync read every live document: only later deletions matter.
            now = self._store.sync_state.cursor("DocumentReference")
            if now:
                self._store.sync_state.set_cursor("DocumentReference/_history", now)
            return
        params = {"_since": self._since(cursor) or cursor, "_count": str(self._page_size)}
        server_time: str | None = None
        for _index, page in fetch_pages(
            self._client, "DocumentReference/_history", [params], whole_page
        ):
            server_time = server_time or page.server_time
            gone = [
                doc_id
                for doc_id in (_deleted_id(e) for e in page.bundle.get("entry", []))
                if doc_id is not None
            ]
            if gone:
                summary.documents_removed += self._store.documents.delete(gone)
                self._store.sync_records.forget_withheld(gone)
                for doc_id in gone:
                    self._documents.pop(doc_id, None)
            cancel.raise_if_cancelled()
            yield Progress(0, 0, "Deletions")
        if server_time:
            self._store.sync_state.set_cursor("DocumentReference/_history", server_time)

    def _deletions_by_count(
        self, consenting: list[PatientId], summary: SyncSummary, cancel: CancelToken
    ) -> Generator[Progress, None, None]:
        """Without ``_history``: a deleted document only vanishes from searches.

        At every sync, for each group of patients, the server's count of their listed
        documents (``_summary=count``: core search, tiny answers) is compared with what
        the cache holds or withholds for them, after the documents' delta has been
        applied. Only a group whose count differs has its ids listed (``_elements=id``),
        and the cached documents the listing lacks are removed: a deletion leaves the
        cache within the sync that follows it, and a quiet day costs a few hundred bytes
        per group. A group whose count the server does not give is listed every time.
        """
        groups = [
            consenting[i : i + IDS_PER_REQUEST] for i in range(0, len(consenting), IDS_PER_REQUEST)
        ]
        queries = [{"patient": ",".join(g), "status": _LISTED} for g in groups]
        workers = min(COUNT_WORKERS, max(len(queries), 1))
        with ThreadPoolExecutor(workers, thread_name_prefix="sync-count") as pool:
            counts = list(pool.map(lambda q: self._client.count("DocumentReference", q), queries))
        known = [self._store.sync_records.listed_documents(g) for g in groups]
        differ = [i for i, n in enumerate(counts) if n is None or n != len(known[i])]
        cancel.raise_if_cancelled()
        yield Progress(0, 0, "Deletions")
        if not differ:
            return
        listing = [
            {**queries[i], "_elements": "id", "_count": str(max(self._page_size, 1000))}
            for i in differ
        ]
        listed: dict[int, set[str]] = {i: set() for i in range(len(differ))}
        for index, page in fetch_pages(self._client, "DocumentReference", listing, whole_page):
            listed[index].update(
                str(e["resource"].get("id"))
                for e in page.bundle.get("entry", [])
                if isinstance(e.get("resource"), dict)
            )
            cancel.raise_if_cancelled()
            yield Progress(0, 0, "Deletions")
        gone = [doc_id for n, i in enumerate(differ) for doc_id in known[i] - listed[n]]
        if gone:
            log.info("%d documents no longer listed by the server: removed", len(gone))
            summary.documents_removed += self._store.documents.delete(gone)
            self._store.sync_records.forget_withheld(gone)
            for doc_id in gone:
                self._documents.pop(doc_id, None)


def _deleted_id(entry: dict[str, Any]) -> DocumentId | None:
    """The id of a history entry that records a deletion, else None."""
    request = entry.get("request", {})
    response = entry.get("response", {})
    deleted = request.get("method") == "DELETE" or str(response.get("status", "")).startswith("410")
    if not deleted:
        return None
    found = reference_id(request.get("url") or entry.get("fullUrl"), "DocumentReference")
    return DocumentId(found) if found else None


def _utc_now_iso() -> str:
    return datetime.now(UTC).isoformat()
