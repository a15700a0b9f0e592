"""The sync's one way to read a resource type: patient-scoped, cursor-safe, never blocked.

:func:`walk` reads one :class:`Feed` (a resource type, its search parameters, how
to map one resource and how to apply a page of mapped records) and is what every
pulled type goes through: Patient, Consent, DocumentReference, and any later one
(Observation for telemonitoring folds in as one more feed).

Why the queries look the way they do:

- **Patient-scoped by id lists.** ``patient=<id>,<id>,…`` is core FHIR search: a
  comma is OR on any reference parameter, and HAPI FHIR, Medplum and Firely all
  answer it. Chained parameters (``patient.general-practitioner=…``) and ``_has``
  would save the id lists but are optional features: Firely and Medplum restrict
  them, and a server may ignore an unknown parameter and answer for everyone. An
  id list can only ever name our own patients. ``IDS_PER_REQUEST`` keeps the URL
  well under the 8 KB most servers and proxies accept.
- **Pages by ``link[next]`` only**, whatever the server's paging (offset, keyset,
  opaque cursor): see :meth:`FhirClient.walk`.
- **The cursor is the server's clock** at the first page of the walk (Bundle
  ``meta.lastUpdated`` or HTTP ``Date``), saved only after the whole walk, and the
  next walk asks ``_lastUpdated=ge<cursor − overlap>``. ``ge`` because many
  resources share a stamp (milliseconds, or one per transaction); the overlap for
  a transaction that committed after the walk started but carries an earlier
  stamp. What comes back twice is skipped by id and ``versionId``.
- **Offset paging shifts under edits.** A resource edited while the pages are
  walked moves to the end and can push another past a page boundary: the walk
  counts distinct ids against the Bundle's ``total`` and walks the query again
  when some are missing (the repeat costs only the pages: known versions are
  skipped). Still short, the cursor stays where it was and the shortfall is
  reported.
- **One bad record never stops the rest.** A resource whose mapping raises is
  quarantined (type, id, version, reason: never its content) and the page goes on;
  its next version is tried again.
"""

from __future__ import annotations

import json
import logging
import queue
import threading
from collections.abc import Callable, Generator, Iterator, Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from functools import partial
from typing import Any, Generic, TypeVar

from fse_desk.connectors.fhir_client import FhirClient, SearchPage
from fse_desk.connectors.fhir_mapping import parse_instant
from fse_desk.errors import InvalidRecord
from fse_desk.gc_pause import cyclic_gc_paused
from fse_desk.progress import CancelToken, Progress
from fse_desk.store import CacheStore

log = logging.getLogger(__name__)

IDS_PER_REQUEST = 100
FETCH_WORKERS = 4
_COVERED = "sync_covered:"  # + type: the patients whose resources the type's cursor covers
OVERLAP = timedelta(seconds=30)
"""For a write stamped before a walk's first page but committed after it: on the servers
we know that is a transaction's duration, well under a second."""
T = TypeVar("T")
P = TypeVar("P")
_ITEM = TypeVar("_ITEM")

MAPPING_ERRORS: tuple[type[Exception], ...] = (
    InvalidRecord,
    ValueError,
    KeyError,
    AttributeError,
    TypeError,
    IndexError,
)
"""What a malformed resource makes a mapper raise (a wrong shape, an impossible date)."""


@dataclass(frozen=True, slots=True)
class Feed(Generic[T]):
    """One resource type as the sync reads it.

    ``map`` turns one resource into a record and raises (any of
    :data:`MAPPING_ERRORS`) when it cannot: the resource is quarantined.
    ``apply`` writes one page of records; it runs inside the page's transaction.
    ``known_version`` gives the cached ``versionId`` of an id (skip what is cached).
    ``patient_param`` is the reference parameter that scopes the search to patients.
    ``regroup`` rewrites a page's matches before they are mapped one by one (two
    Observations that make one blood pressure become one).
    """

    resource_type: str
    label: str
    map: Callable[[dict[str, Any]], T]
    apply: Callable[[list[T]], None]
    params: Mapping[str, str] = field(default_factory=dict)
    patient_param: str = "patient"
    known_version: Callable[[str], str | None] = lambda _id: None
    regroup: Callable[[list[dict[str, Any]]], list[dict[str, Any]]] | None = None


@dataclass(slots=True)
class WalkReport:
    """What walks saw, for the sync summary and the status area."""

    pages: int = 0
    applied: int = 0
    skipped_known: int = 0
    quarantined: int = 0
    incomplete: list[str] = field(default_factory=list)
    seen_ids: set[str] = field(default_factory=set)


@dataclass(slots=True)
class WalkResult:
    """One walk: the server time its cursor is taken from, and whether it is whole."""

    server_time: str | None = None
    complete: bool = True


def since(cursor: str | None, overlap: timedelta = OVERLAP) -> str | None:
    """The ``_lastUpdated=ge`` bound for ``cursor`` (a server instant), ``overlap`` earlier."""
    if cursor is None:
        return None
    moment: datetime = parse_instant(cursor) - overlap
    return moment.isoformat().replace("+00:00", "Z")


def walk(
    client: FhirClient,
    store: CacheStore,
    feed: Feed[T],
    *,
    patient_ids: Sequence[str] | None,
    since_instant: str | None,
    report: WalkReport,
    cancel: CancelToken,
    page_size: int = 500,
    extra_params: Mapping[str, str] | None = None,
) -> Generator[Progress, None, WalkResult]:
    """Read ``feed`` for ``patient_ids`` (None: one unscoped query) changed since then.

    Yields progress after each committed batch of pages; returns the walk's server time (the
    next cursor) and whether every query came back whole.
    """
    result = WalkResult()
    queries = _queries(feed, patient_ids, extra_params or {})
    for query in queries:
        query.update({"_count": str(page_size), "_sort": "_lastUpdated"})
        if since_instant:
            query["_lastUpdated"] = f"ge{since_instant}"
    seen_versions: set[tuple[str, str]] = set()
    held = store.sync_records.quarantined_versions(feed.resource_type)
    pending = list(range(len(queries)))
    done = 0
    # Pages parse into many short-lived containers: see fse_desk.gc_pause.
    with cyclic_gc_paused():
        for attempt in (1, 2):
            totals: dict[int, int] = {}
            distinct: dict[int, set[str]] = {i: set() for i in pending}
            batches = fetch_batches(
                client, feed.resource_type, [queries[i] for i in pending], partial(_prepare, feed)
            )
            for batch in batches:
                # The pages that arrived while the previous batch was written go in one
                # transaction: one commit instead of one per page, and no write ever waits
                # on the network. Unsynced: the WAL keeps commits in order, so a power cut
                # can lose the newest pages but never keep a cursor without its pages.
                with store.transaction(synced=False):
                    for index, (page, prepared) in batch:
                        number = pending[index]
                        if result.server_time is None:
                            result.server_time = page.server_time
                        if number not in totals and isinstance(page.bundle.get("total"), int):
                            totals[number] = int(page.bundle["total"])
                        distinct[number].update(str(r.get("id", "")) for r, _ in prepared)
                        _apply_page(
                            store, feed, prepared, seen_versions, held, report, since_instant
                        )
                done += len(batch)
                cancel.raise_if_cancelled()
                yield Progress(done, 0, feed.label)
            for ids in distinct.values():
                report.seen_ids |= ids
            short = [i for i in pending if i in totals and len(distinct[i]) < totals[i]]
            if not short:
                break
            if attempt == 2:
                result.complete = False
                for i in short:
                    report.incomplete.append(
                        f"{feed.resource_type}: {len(distinct[i])} of {totals[i]} matches came back"
                    )
                log.warning(
                    "%s: %d searches came back short twice; cursor kept",
                    feed.resource_type,
                    len(short),
                )
            pending = short
    return result


def walk_patients(
    client: FhirClient,
    store: CacheStore,
    feed: Feed[Any],
    patients: Sequence[str],
    *,
    report: WalkReport,
    cancel: CancelToken,
    page_size: int = 500,
    overlap: timedelta = OVERLAP,
) -> Generator[Progress, None, None]:
    """Read ``feed`` for ``patients``: from the type's cursor for the patients it covers,
    in full for the others (new to the practice, consent just given, just enrolled).

    The cursor, and the patients it covers, move only when every query came back whole.
    """
    cursor = store.sync_state.cursor(feed.resource_type)
    covered = _covered(store, feed.resource_type) if cursor else set()
    old = [p for p in patients if p in covered]
    new = [p for p in patients if p not in covered]
    server_time: str | None = None
    complete = True
    for group, bound in ((old, since(cursor, overlap)), (new, None)):
        if not group:
            continue
        result = yield from walk(
            client,
            store,
            feed,
            patient_ids=group,
            since_instant=bound,
            report=report,
            cancel=cancel,
            page_size=page_size,
        )
        server_time = server_time or result.server_time
        complete = complete and result.complete
    if not complete:
        return
    server_time = server_time or cursor  # nobody to ask about: nothing changes
    if server_time is not None:
        with store.transaction():
            store.sync_state.set_cursor(feed.resource_type, server_time)
            store.sync_state.set(_COVERED + feed.resource_type, json.dumps(sorted(patients)))


def _covered(store: CacheStore, resource_type: str) -> set[str]:
    text = store.sync_state.get(_COVERED + resource_type)
    return set(json.loads(text)) if text else set()


def whole_page(page: SearchPage) -> SearchPage:
    """The page itself: :func:`fetch_pages` with nothing to prepare."""
    return page


def fetch_pages(
    client: FhirClient,
    resource_type: str,
    queries: Sequence[Mapping[str, str]],
    prepare: Callable[[SearchPage], P],
    workers: int = FETCH_WORKERS,
) -> Iterator[tuple[int, P]]:
    """``(query index, prepare(page))`` of every query, several queries in flight at once."""
    for batch in fetch_batches(client, resource_type, queries, prepare, workers):
        yield from batch


def fetch_batches(
    client: FhirClient,
    resource_type: str,
    queries: Sequence[Mapping[str, str]],
    prepare: Callable[[SearchPage], P],
    workers: int = FETCH_WORKERS,
) -> Iterator[list[tuple[int, P]]]:
    """The pages of every query, several queries in flight at once, in batches: each
    batch is what had arrived when the caller asked (at least one page).

    ``prepare`` runs on the fetching thread (parsing and mapping a page while the
    caller's SQLite writes, which release the GIL, commit the previous batch).

    On a regional link the round trip, not the bytes, is what a sync waits for: a
    few searches travel together while the caller parses and writes the pages that
    already arrived. Pages of one query keep their order; a failure in any query
    surfaces here, after the pages that arrived before it. Leaving early (cancel,
    error) stops the helpers.
    """
    if len(queries) == 1:
        for item in read_ahead(map(prepare, client.walk(resource_type, queries[0]))):
            yield [(0, item)]
        return
    arrived: queue.Queue[tuple[int, P | None, BaseException | None]] = queue.Queue(
        maxsize=2 * workers
    )
    stop = threading.Event()

    def run(index: int, query: Mapping[str, str]) -> None:
        try:
            for page in client.walk(resource_type, query):
                item = prepare(page)
                while not stop.is_set():
                    try:
                        arrived.put((index, item, None), timeout=0.1)
                        break
                    except queue.Full:
                        continue
                if stop.is_set():
                    return
        except BaseException as exc:  # handed to the consumer, raised there
            _put_final(arrived, stop, (index, None, exc))
            return
        _put_final(arrived, stop, (index, None, None))

    pool = ThreadPoolExecutor(max_workers=workers, thread_name_prefix="sync-fetch")
    try:
        for index, query in enumerate(queries):
            pool.submit(run, index, query)
        finished = 0
        failure: BaseException | None = None
        while finished < len(queries) and failure is None:
            batch: list[tuple[int, P]] = []
            event = arrived.get()
            while True:
                index, arrival, error = event
                if error is not None:
                    failure = error
                    break
                if arrival is None:
                    finished += 1
                else:
                    batch.append((index, arrival))
                if len(batch) >= 2 * workers:
                    break
                try:
                    event = arrived.get_nowait()
                except queue.Empty:
                    break
            if batch:
                yield batch
        if failure is not None:
            raise failure
    finally:
        stop.set()
        pool.shutdown(wait=True, cancel_futures=True)


def _put_final(
    arrived: queue.Queue[tuple[int, P | None, BaseException | None]],
    stop: threading.Event,
    item: tuple[int, P | None, BaseException | None],
) -> None:
    while not stop.is_set():
        try:
            arrived.put(item, timeout=0.1)
            return
        except queue.Full:
            continue


def _queries(
    feed: Feed[Any], patient_ids: Sequence[str] | None, extra: Mapping[str, str]
) -> list[dict[str, str]]:
    base = {**feed.params, **extra}
    if patient_ids is None:
        return [base]
    ids = list(dict.fromkeys(patient_ids))
    return [
        {**base, feed.patient_param: ",".join(ids[start : start + IDS_PER_REQUEST])}
        for start in range(0, len(ids), IDS_PER_REQUEST)
    ]


def _matches(page: SearchPage) -> Iterator[dict[str, Any]]:
    for entry in page.bundle.get("entry", []):
        if entry.get("search", {}).get("mode", "match") == "match" and "resource" in entry:
            resource = entry["resource"]
            if isinstance(resource, dict):
                yield resource


Prepared = list[tuple[dict[str, Any], Any]]
"""Each match of a page with its mapped record, or the exception its mapping raised."""


def _prepare(feed: Feed[Any], page: SearchPage) -> tuple[SearchPage, Prepared]:
    prepared: Prepared = []
    matches = list(_matches(page))
    for resource in feed.regroup(matches) if feed.regroup else matches:
        try:
            prepared.append((resource, feed.map(resource)))
        except MAPPING_ERRORS as exc:
            prepared.append((resource, _Unmappable(exc)))
    return page, prepared


@dataclass(frozen=True, slots=True)
class _Unmappable:
    error: Exception


def _apply_page(
    store: CacheStore,
    feed: Feed[T],
    resources: Prepared,
    seen_versions: set[tuple[str, str]],
    held_versions: dict[str, str],
    report: WalkReport,
    since_instant: str | None,
) -> None:
    quarantine = store.sync_records
    mapped: list[T] = []
    released: list[str] = []
    bad: list[tuple[str, str, str]] = []
    report.pages += 1
    for resource, outcome in resources:
        rid = str(resource.get("id", ""))
        meta = resource.get("meta")
        version = str(meta.get("versionId", "")) if isinstance(meta, dict) else ""
        if version and (rid, version) in seen_versions:
            continue  # the same version twice in one walk (overlap, shifting offsets)
        seen_versions.add((rid, version))
        # A full read (no cursor: first sync, or a migration that dropped the cursor to
        # fill a new column) rewrites what it reads; a delta skips the versions cached.
        if since_instant and version and feed.known_version(rid) == version:
            report.skipped_known += 1
            continue
        held = held_versions.get(rid)
        if held is not None and held == version:
            continue  # still the version that could not be read
        if isinstance(outcome, _Unmappable):
            bad.append((rid, version, quarantine_reason(outcome.error)))
            continue
        mapped.append(outcome)
        if held is not None:
            released.append(rid)
    with store.transaction():
        feed.apply(mapped)
        for rid, version, reason in bad:
            quarantine.quarantine(feed.resource_type, rid, version, reason)
        if released:
            quarantine.release(feed.resource_type, released)
    for rid, version, _reason_text in bad:
        held_versions[rid] = version
    for rid in released:
        held_versions.pop(rid, None)
    for rid, version, reason in bad:
        # Type, id, version and the kind of fault only: never a value from the record.
        log.warning(
            "%s/%s version %s quarantined: %s", feed.resource_type, rid, version or "?", reason
        )
    report.applied += len(mapped)
    report.quarantined += len(bad)


def quarantine_reason(exc: Exception) -> str:
    """Why a record was quarantined, without any value from it (no patient data)."""
    if isinstance(exc, InvalidRecord) and exc.field:
        return f"invalid {exc.field}"
    return f"unreadable ({type(exc).__name__})"


_END = object()


def read_ahead(items: Iterator[_ITEM]) -> Iterator[_ITEM]:
    """Yield from ``items``, fetching the next one on a helper thread meanwhile.

    The next page travels over the network (and is parsed) while the current one
    is written to the cache; SQLite releases the GIL while it works, so the two
    overlap. Errors raised fetching a page surface where that page is consumed.
    """
    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="sync-read-ahead") as pool:
        pending = pool.submit(next, items, _END)
        while True:
            item = pending.result()
            if item is _END:
                return
            pending = pool.submit(next, items, _END)
            yield item  # type: ignore[misc]
