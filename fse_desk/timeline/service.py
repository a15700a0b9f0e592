"""The patient timeline: filtered document lists, reading, offline pre-fetch, access audit.

Every view of a patient's timeline, every opening of a document, lab trend and
pre-fetch is checked against the operator's role and sealed onto the audit trail
(:class:`fse_desk.audit.AccessControl`); the timeline lists only the document
classes the role may read. A patient without
consent to consultation gets an empty timeline that says so; documents hidden
by the patient (P99) never reach the cache (see :mod:`fse_desk.connectors.sync`), so
they are never listed, counted, searched or fetched here.
"""

from __future__ import annotations

import enum
from collections import Counter
from collections.abc import Callable, Generator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

from fse_desk._types import DocumentId, PatientId
from fse_desk.audit import AccessControl, OperatorLike
from fse_desk.connectors.fhir_client import FhirClient
from fse_desk.documents import LAB_REPORT_LOINC, CdaDocument, inspect_pdf, parse_cda, pdf_text
from fse_desk.domain.document import DocumentClass, DocumentMeta
from fse_desk.domain.patient import ConsentState, Patient
from fse_desk.domain.timeline import (
    AccessAction,
    AccessRecord,
    Purpose,
    ReviewUndo,
    TimelineEntry,
    TimelineFilter,
)
from fse_desk.errors import (
    BodyNotAvailableOffline,
    ConnectorTimeout,
    ConsentMissing,
    DocumentError,
    ResourceNotFound,
    ServerUnavailable,
)
from fse_desk.events import Event
from fse_desk.progress import CancelToken, Progress
from fse_desk.security.permissions import Action, readable_classes
from fse_desk.store import CacheStore
from fse_desk.store.findings import Row as FindingsRow
from fse_desk.timeline._opened import BodyKind, LabPoint, LabSeries, OpenedDocument


class Period(enum.Enum):
    """The period quick choices."""

    LAST_YEAR = "last_year"
    LAST_5_YEARS = "last_5_years"
    ALL = "all"

    def since(self, now: datetime) -> datetime | None:
        if self is Period.LAST_YEAR:
            return now - timedelta(days=365)
        if self is Period.LAST_5_YEARS:
            return now - timedelta(days=5 * 365 + 1)
        return None


@dataclass(frozen=True, slots=True)
class TimelineView:
    """What the timeline tab shows for one patient under one filter."""

    patient_id: PatientId
    consent: bool
    entries: tuple[TimelineEntry, ...] = ()
    counts: Mapping[DocumentClass, int] = field(default_factory=dict)
    new_count: int = 0
    # With a text search: documents whose body is not downloaded, so their text is not searched.
    not_searchable: int = 0


@dataclass(frozen=True, slots=True)
class PrefetchSummary:
    fetched: int
    total: int


def _kind(content_type: str) -> BodyKind:
    if "pdf" in content_type:
        return BodyKind.PDF
    if "xml" in content_type or "cda" in content_type:
        return BodyKind.CDA
    return BodyKind.OTHER


def _parsed(content_type: str, data: bytes) -> tuple[CdaDocument | None, str | None]:
    """The parsed CDA (None for another kind) and the text to index (None: nothing)."""
    try:
        kind = _kind(content_type)
        if kind is BodyKind.CDA:
            cda = parse_cda(data)
            return cda, cda.plain_text()
        if kind is BodyKind.PDF:
            return None, pdf_text(data)
    except DocumentError:
        pass  # shown as an error card when opened; nothing to index
    return None, None


FindingsReader = Callable[[DocumentMeta, bytes, CdaDocument | None], FindingsRow | None]
"""Reads what the PSS keeps of a body as it is cached (``None``: nothing for this document).

The PSS capability provides it (:class:`fse_desk.pss.refresh.FindingsIndexer`); the
timeline only stores the row, in the body's transaction, and knows nothing of the PSS.
"""


class TimelineService:
    """The timeline capability; the UI reaches it as ``workstation.timeline``."""

    def __init__(
        self,
        store: CacheStore,
        client: FhirClient,
        operator: OperatorLike,
        *,
        clock: Callable[[], datetime] = lambda: datetime.now(UTC),
        purpose: Purpose = Purpose.TREATMENT,
        read_findings: FindingsReader | None = None,
        access: AccessControl | None = None,
    ) -> None:
        """``read_findings``: what is kept beside each cached body for the PSS
        (see :meth:`cache_body`); without it only the body and its text are kept.
        ``access``: the workstation's (by default one over ``store`` for ``operator``)."""
        self._store = store
        self._client = client
        self._operator = operator
        self._clock = clock
        self._read_findings = read_findings
        self.access = access or AccessControl(store, operator, purpose=purpose, clock=clock)
        # A patient's "new" documents changed for this user (marked seen, or a mark undone).
        self.reviews_changed: Event[PatientId] = Event()

    # -- listing ------------------------------------------------
    def _consenting(self, patient_id: PatientId) -> Patient | None:
        patient = self._store.patients.get(patient_id)
        if patient is None or patient.consent is not ConsentState.GRANTED:
            return None
        return patient

    def view(self, patient_id: PatientId, flt: TimelineFilter | None = None) -> TimelineView:
        """The patient's documents under ``flt``, newest first, with counts per class."""
        flt = flt or TimelineFilter()
        self.access.require(Action.VIEW_TIMELINE)
        if self._consenting(patient_id) is None:
            return TimelineView(patient_id, consent=False)
        repo = self._store.timeline
        seen = self._operator.codice_fiscale
        readable = readable_classes(self._operator)
        entries = [e for e in repo.entries(patient_id, flt, seen) if e.doc_class in readable]
        if flt == TimelineFilter():  # the usual first view: derive the rest, no more queries
            counts = dict(Counter(e.doc_class for e in entries))
            new_count = sum(e.new for e in entries)
        else:
            counts = {
                c: k for c, k in repo.class_counts(patient_id, flt, seen).items() if c in readable
            }
            unfiltered = repo.class_counts(patient_id, TimelineFilter(only_new=True), seen)
            new_count = sum(k for c, k in unfiltered.items() if c in readable)
        missing = len(repo.missing_bodies(patient_id)) if flt.text.strip() else 0
        return TimelineView(patient_id, True, tuple(entries), counts, new_count, missing)

    def period_filter(self, period: Period) -> datetime | None:
        return period.since(self._clock())

    def facilities(self, patient_id: PatientId) -> list[str]:
        if self._consenting(patient_id) is None:
            return []
        return self._store.timeline.facilities(patient_id)

    def record_timeline_view(self, patient_id: PatientId) -> None:
        """Log that this user looked at the patient's timeline (call once per showing)."""
        self.access.require(Action.VIEW_TIMELINE, patient_id, audit_as=AccessAction.VIEW_TIMELINE)
        self.access.record(patient_id, AccessAction.VIEW_TIMELINE)

    # -- "new since I last looked" ------------------------------------------------
    def mark_reviewed(self, patient_id: PatientId) -> ReviewUndo:
        """Everything arrived so far for this patient is no longer "new" for this user.

        Returns how to take it back (:meth:`undo_review`)."""
        undo = self._store.reviews.mark_reviewed(self._operator.codice_fiscale, patient_id)
        self.reviews_changed.emit(patient_id)
        return undo

    def mark_seen(self, document_id: DocumentId) -> ReviewUndo | None:
        """One document is no longer "new" for this user (until a newer version arrives).

        None when it was not new: nothing changed, nothing to undo."""
        undo = self._store.reviews.mark_seen(self._operator.codice_fiscale, document_id)
        if undo is not None:
            self.reviews_changed.emit(undo.patient_id)
        return undo

    def undo_review(self, undo: ReviewUndo) -> None:
        """Restore the mark as it was before the action that returned ``undo``."""
        if undo.user_cf != self._operator.codice_fiscale:
            raise ValueError("a review mark can be undone only by the user who made it")
        self._store.reviews.undo(undo)
        self.reviews_changed.emit(undo.patient_id)

    def new_counts(self, patient_ids: Sequence[PatientId]) -> dict[PatientId, int]:
        """Per patient, the documents new for this user among the classes their role may
        read (patients with none are left out); one query for the whole list."""
        return self._store.reviews.new_counts(
            self._operator.codice_fiscale, patient_ids, readable_classes(self._operator)
        )

    def access_log(self, patient_id: PatientId) -> list[AccessRecord]:
        return self.access.access_log(patient_id)

    # -- bodies ------------------------------------------------
    def _meta(self, document_id: DocumentId) -> DocumentMeta:
        meta = self._store.documents.get(document_id)
        if meta is None:
            raise ResourceNotFound(f"document {document_id} is not in the cache", status=404)
        if self._consenting(meta.patient_id) is None:
            raise ConsentMissing(
                f"patient {meta.patient_id} has not consented to the consultation of the FSE"
            )
        return meta

    def _body(self, meta: DocumentMeta) -> tuple[str, bytes]:
        cached = self._store.bodies.get(meta.id)
        if cached is not None:
            return cached
        try:
            content_type, data = self.fetch_body(meta)
        except (ServerUnavailable, ConnectorTimeout) as exc:
            raise BodyNotAvailableOffline(
                f"document {meta.id} was never downloaded and the FSE server cannot be "
                "reached now; download it when back online",
                url=exc.url,
            ) from exc
        return self.cache_body(meta, content_type, data), data

    def fetch_body(self, meta: DocumentMeta) -> tuple[str, bytes]:
        """The body from the server. One the server says is gone (410) leaves the cache
        with its document at once, not at the next sync, and the error is raised."""
        try:
            return self._client.binary(meta.body_url)
        except ResourceNotFound as exc:
            if exc.status == 410:
                self._store.documents.delete([meta.id])
                self._store.sync_records.forget_withheld([meta.id])
            raise

    def cache_body(self, meta: DocumentMeta, content_type: str, data: bytes) -> str:
        """Keep a fetched body with what derives from it, in one transaction: its text for
        the search, and its findings for "Aggiorna dal fascicolo" (see
        :mod:`fse_desk.pss.refresh`). Every path that caches a body comes here.

        A body that cannot be parsed is kept all the same (it opens as an error card),
        without text. Returns the content type kept (the document's when none was sent).
        The document must be cached; its findings are read with its cached metadata, as
        a click sees it (dates in the cache's time zone).
        """
        content_type = content_type or meta.content_type
        cda, text = _parsed(content_type, data)
        row = None
        if self._read_findings is not None:
            row = self._read_findings(self._store.documents.get(meta.id) or meta, data, cda)
        with self._store.transaction():
            self._store.bodies.put(meta.id, content_type, data)
            if text is not None:
                self._store.timeline.index_text(meta.id, text)
            if row is not None:
                self._store.findings.put_many([row])
        return content_type

    def open_document(self, document_id: DocumentId) -> OpenedDocument:
        """The document's body, parsed, from the cache or fetched once (then cached).

        Logs the access. Raises :class:`BodyNotAvailableOffline` when the body was
        never fetched and the server cannot be reached; a body that cannot be
        parsed comes back with ``error`` set (the viewer shows an error card).
        """
        meta = self._meta(document_id)
        self.access.require(
            Action.READ_DOCUMENT,
            meta.patient_id,
            doc_class=meta.doc_class,
            audit_as=AccessAction.OPEN_DOCUMENT,
            document_id=meta.id,
        )
        content_type, data = self._body(meta)
        # Sealed on this thread before parsing: a sealing thread beside the parser cost
        # more than the record (each SQLite call hands the GIL back and waits for it).
        self.access.record(meta.patient_id, AccessAction.OPEN_DOCUMENT, document_id=meta.id)
        return self._opened(meta, content_type, data)

    def _opened(self, meta: DocumentMeta, content_type: str, data: bytes) -> OpenedDocument:
        kind = _kind(content_type)
        try:
            if kind is BodyKind.CDA:
                return OpenedDocument(meta, kind, content_type, data, cda=parse_cda(data))
            if kind is BodyKind.PDF:
                info = inspect_pdf(data)
                cda = None
                error: DocumentError | None = None
                if info.embedded_cda is not None:
                    try:
                        cda = parse_cda(info.embedded_cda)
                    except DocumentError as exc:
                        error = exc
                return OpenedDocument(
                    meta, kind, content_type, data, cda=cda, pdf=info, error=error
                )
        except DocumentError as exc:
            return OpenedDocument(meta, kind, content_type, data, error=exc)
        return OpenedDocument(meta, kind, content_type, data)

    def prefetch(
        self,
        patient_id: PatientId,
        cancel: CancelToken | None = None,
        *,
        wanted: Callable[[DocumentMeta], bool] | None = None,
    ) -> Generator[Progress, None, PrefetchSummary]:
        """Download every body of the patient not cached yet ("Scarica per uso offline"),
        or only those of the documents ``wanted`` (what "Aggiorna dal fascicolo" reads).

        Stops at the next document when cancelled (what was fetched stays cached).
        """
        if self._consenting(patient_id) is None:
            raise ConsentMissing(
                f"patient {patient_id} has not consented to the consultation of the FSE"
            )
        self.access.require(Action.VIEW_TIMELINE, patient_id, audit_as=AccessAction.PREFETCH)
        readable = readable_classes(self._operator)
        todo = self._store.timeline.missing_bodies(patient_id)
        if wanted is not None:
            todo = [i for i in todo if (m := self._store.documents.get(i)) and wanted(m)]
        total = len(todo)
        self.access.record(patient_id, AccessAction.PREFETCH, resource=f"{total} documents")
        yield Progress(0, total, "Downloading documents")
        for done, doc_id in enumerate(todo, start=1):
            if cancel is not None:
                cancel.raise_if_cancelled()
            meta = self._store.documents.get(doc_id)
            if meta is not None and meta.doc_class in readable:
                self._body(meta)
            yield Progress(done, total, "Downloading documents")
        return PrefetchSummary(total, total)

    # -- lab results over time ------------------------------------------------
    def lab_series(self, patient_id: PatientId, loinc: str) -> LabSeries:
        """One analyte across all the patient's lab reports, oldest first.

        Uses cached bodies and fetches the missing ones when online; reports that
        cannot be fetched now are counted in ``reports_not_available``.
        """
        if self._consenting(patient_id) is None:
            raise ConsentMissing(
                f"patient {patient_id} has not consented to the consultation of the FSE"
            )
        self.access.require(
            Action.READ_DOCUMENT,
            patient_id,
            doc_class=DocumentClass.REF,
            audit_as=AccessAction.VIEW_LAB_TREND,
            resource=f"loinc:{loinc}",
        )
        self.access.record(patient_id, AccessAction.VIEW_LAB_TREND, resource=f"loinc:{loinc}")
        points: list[LabPoint] = []
        missing = 0
        name = unit = ""
        for doc_id in self._store.timeline.ids_of_type(patient_id, LAB_REPORT_LOINC):
            meta = self._store.documents.get(doc_id)
            if meta is None:
                continue
            try:
                content_type, data = self._body(meta)
                cda = parse_cda(data) if _kind(content_type) is BodyKind.CDA else None
            except (BodyNotAvailableOffline, DocumentError):
                missing += 1
                continue
            if cda is None:
                continue
            for r in cda.lab_results:
                if r.loinc == loinc and r.value is not None:
                    name, unit = name or r.name, unit or r.unit
                    points.append(
                        LabPoint(
                            doc_id, r.time or meta.date, r.value, r.unit, r.flag, r.low, r.high
                        )
                    )
        points.sort(key=lambda p: p.when)
        return LabSeries(loinc, name or f"LOINC {loinc}", unit, tuple(points), missing)
