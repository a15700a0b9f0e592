"""The sandbox region's resource database, over the standard ``sqlite3`` module.

This is the *region's* data (what the regional FSE would hold), not the
client's encrypted cache. One connection is shared by the seeding thread and
the server thread behind a lock; a file database runs in WAL mode.

Tables: ``resources`` (the current version of each resource, or a tombstone
once deleted), ``history`` (older versions, for vread), ``binary_content``
(each Binary version's raw bytes), ``search_index`` (rows extracted per search
parameter, current versions only) and ``meta`` (small key/value facts, e.g.
which seed the region was generated with).

``meta.lastUpdated`` is assigned here and is strictly increasing over the whole
store, so a client can delta-sync with ``_lastUpdated=gt<last seen>`` and miss
nothing.
"""

from __future__ import annotations

import sqlite3
import threading
import urllib.parse
import uuid
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from itertools import islice
from pathlib import Path
from typing import Any

from fse_desk_sandbox.dates import format_instant, parse_instant
from fse_desk_sandbox.exceptions import (
    BadRequest,
    ResourceGone,
    UnknownResource,
    VersionConflict,
)
from fse_desk_sandbox.extract import index_rows
from fse_desk_sandbox.gp_registry import GpRegistry
from fse_desk_sandbox.realism import Realism
from fse_desk_sandbox.records import (
    BinaryContent,
    StoredResource,
    check_id,
    check_resource,
    same_content,
    split_binary,
    stamped,
    with_binary_data,
)
from fse_desk_sandbox.resource_types import ResourceTypeSpec, spec_for
from fse_desk_sandbox.schema import DROP_SEARCH_INDEXES, SCHEMA, SEARCH_INDEXES
from fse_desk_sandbox.search import SortKey, compile_search

_BULK_CHUNK = 5000
_ONE_MICROSECOND = timedelta(microseconds=1)


@dataclass(frozen=True, slots=True)
class SearchPage:
    """One page of a search: the ``total`` matches, this page, the next position."""

    total: int
    entries: list[StoredResource]
    next_page: str | None
    as_of: str
    """Server time of the search; later writes get a strictly greater lastUpdated."""


class ResourceStore:
    """Versioned FHIR resources with search, in one SQLite database (``:memory:`` default)."""

    def __init__(self, path: Path | str = ":memory:", realism: Realism | None = None) -> None:
        self.path = str(path)
        self.realism = realism or Realism()
        self.registry = GpRegistry()  # moves citizens between GPs in the gp_changes mode
        self._lock = threading.RLock()
        self._db = sqlite3.connect(self.path, check_same_thread=False, isolation_level=None)
        if self.path != ":memory:":
            self._db.execute("PRAGMA journal_mode=WAL")
            self._db.execute("PRAGMA synchronous=NORMAL")
        self._db.executescript(SCHEMA + SEARCH_INDEXES)
        latest = self._db.execute(
            "SELECT MAX(m) FROM (SELECT MAX(last_updated) AS m FROM resources "
            "UNION ALL SELECT MAX(last_updated) FROM history)"
        ).fetchone()[0]
        self._last_instant = parse_instant(latest) if latest else datetime.min.replace(tzinfo=UTC)

    # -- life cycle -------------------------------------------------------

    def close(self) -> None:
        with self._lock:
            self._db.close()

    def __enter__(self) -> ResourceStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def clear(self) -> None:
        """Remove every resource, version, content and meta entry."""
        with self._lock, self._transaction():
            for table in ("resources", "history", "binary_content", "search_index", "meta"):
                self._db.execute(f"DELETE FROM {table}")

    # -- meta -------------------------------------------------------------

    def get_meta(self, key: str) -> str | None:
        with self._lock:
            row = self._db.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
        return None if row is None else str(row[0])

    def set_meta(self, key: str, value: str) -> None:
        with self._lock:
            self._db.execute("INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)", (key, value))

    def count(self, type_name: str | None = None) -> int:
        """How many live (not deleted) resources, of one type or in all."""
        sql = "SELECT COUNT(*) FROM resources WHERE deleted = 0"
        args: tuple[str, ...] = ()
        if type_name is not None:
            sql, args = sql + " AND type = ?", (type_name,)
        with self._lock:
            return int(self._db.execute(sql, args).fetchone()[0])

    # -- reads ------------------------------------------------------------

    def read(self, type_name: str, resource_id: str) -> StoredResource:
        """The current version; :class:`UnknownResource` or :class:`ResourceGone`."""
        self._spec(type_name)
        with self._lock:
            row = self._current(type_name, resource_id)
            if row is None:
                raise UnknownResource(f"{type_name}/{resource_id} does not exist")
            _rid, version, updated, deleted, text = row
            if deleted:
                raise ResourceGone(f"{type_name}/{resource_id} was deleted")
            return self._stored(type_name, resource_id, version, updated, text)

    def vread(self, type_name: str, resource_id: str, version_id: str) -> StoredResource:
        """One version; :class:`UnknownResource` if missing, :class:`ResourceGone` if a deletion."""
        self._spec(type_name)
        if not version_id.isdigit():
            raise UnknownResource(f"{type_name}/{resource_id} has no version {version_id!r}")
        version = int(version_id)
        with self._lock:
            row = self._db.execute(
                "SELECT version_id, last_updated, deleted, json FROM resources "
                "WHERE type = ? AND id = ? AND version_id = ? UNION ALL "
                "SELECT version_id, last_updated, deleted, json FROM history "
                "WHERE type = ? AND id = ? AND version_id = ?",
                (type_name, resource_id, version, type_name, resource_id, version),
            ).fetchone()
            if row is None:
                raise UnknownResource(f"{type_name}/{resource_id} has no version {version_id}")
            _version, updated, deleted, text = row
            if deleted:
                raise ResourceGone(f"{type_name}/{resource_id} version {version_id} is a deletion")
            return self._stored(type_name, resource_id, version, updated, text)

    def binary_content(self, binary_id: str, version_id: str | None = None) -> BinaryContent:
        """The raw bytes and content type of a Binary (current version unless given)."""
        stored = (
            self.read("Binary", binary_id)
            if version_id is None
            else self.vread("Binary", binary_id, version_id)
        )
        with self._lock:
            row = self._db.execute(
                "SELECT content_type, data FROM binary_content WHERE id = ? AND version_id = ?",
                (binary_id, int(stored.version_id)),
            ).fetchone()
        content_type, data = row if row is not None else ("application/octet-stream", b"")
        return BinaryContent(
            binary_id, stored.version_id, stored.last_updated, content_type, bytes(data)
        )

    def search(
        self, type_name: str, params: Sequence[tuple[str, str]], *, strict: bool = False
    ) -> SearchPage:
        """One page of matches for FHIR search ``params`` (see :mod:`fse_desk_sandbox.search`)."""
        spec = self._spec(type_name)
        compiled = compile_search(spec, params, strict=strict)
        if self.realism.gp_changes and type_name == "Patient":
            with self._lock:
                self.registry.asked(self, params)
        base = "FROM resources r WHERE r.type = ? AND r.deleted = 0" + compiled.where()
        args: list[object] = [type_name, *compiled.args]
        with self._lock:
            as_of = format_instant(self._next_instant())
            total = int(self._db.execute(f"SELECT COUNT(*) {base}", args).fetchone()[0])
            if compiled.summary_count or compiled.count == 0:
                return SearchPage(total, [], None, as_of)
            page_sql, page_args = base, list(args)
            if self.realism.offset_paging or self.realism.millisecond_ties:
                compiled.sort = compiled.sort or [SortKey("_lastUpdated", False, "r.last_updated")]
                compiled.force_offset = True
            if compiled.keyset and compiled.keyset_after is not None:
                # First, so SQLite bounds its index scan by the page position.
                position = "r.last_updated " + ("< ?" if compiled.descending else "> ?")
                page_sql = (
                    "FROM resources r WHERE r.type = ? AND r.deleted = 0 AND "
                    + position
                    + compiled.where()
                )
                page_args = [type_name, compiled.keyset_after, *compiled.args]
            offset = 0 if compiled.keyset else compiled.offset
            rows = self._db.execute(
                f"SELECT r.id, r.version_id, r.last_updated, r.json {page_sql} "
                f"ORDER BY {compiled.order_by()} LIMIT ? OFFSET ?",
                [*page_args, compiled.count + 1, offset],
            ).fetchall()
            more = len(rows) > compiled.count
            rows = rows[: compiled.count]
            entries = [self._stored(type_name, rid, ver, upd, txt) for rid, ver, upd, txt in rows]
        next_page = None
        if more:
            next_page = (
                f"k{rows[-1][2]}" if compiled.keyset else f"o{compiled.offset + compiled.count}"
            )
        return SearchPage(total, entries, next_page, as_of)

    def history_since(self, type_name: str, since: str) -> list[tuple[str, str, str, bool, str]]:
        """Every version of ``type_name`` stamped at or after ``since``, oldest first.

        ``(id, version_id, last_updated, deleted, json)``; a deletion has no json.
        """
        self._spec(type_name)
        bound = format_instant(parse_instant(since.replace("Z", "+00:00")))
        with self._lock:
            rows = self._db.execute(
                "SELECT id, version_id, last_updated, deleted, COALESCE(json, '') FROM ("
                "SELECT id, version_id, last_updated, deleted, json FROM resources "
                "WHERE type = ? AND last_updated >= ? UNION ALL "
                "SELECT id, version_id, last_updated, deleted, json FROM history "
                "WHERE type = ? AND last_updated >= ?) ORDER BY last_updated, id",
                (type_name, bound, type_name, bound),
            ).fetchall()
        return [(str(r[0]), str(r[1]), str(r[2]), bool(r[3]), str(r[4])) for r in rows]

    # -- writes -----------------------------------------------------------

    def create(
        self, resource: dict[str, Any], *, if_none_exist: str | None = None
    ) -> tuple[StoredResource, bool]:
        """Store a new resource under a server-assigned id; ``(stored, created)``.

        With ``if_none_exist`` (a search query such as ``identifier=sys|val``)
        an existing single match is returned instead (``created`` False); more
        than one match is a :class:`VersionConflict` (412).
        """
        spec = check_resource(resource)
        with self._lock:
            if if_none_exist is not None:
                query = if_none_exist.partition("?")[2] if "?" in if_none_exist else if_none_exist
                params = urllib.parse.parse_qsl(query, keep_blank_values=True)
                if not params:
                    raise BadRequest("If-None-Exist needs a search query")
                page = self.search(spec.name, [*params, ("_count", "2")], strict=True)
                if page.total == 1:
                    return page.entries[0], False
                if page.total > 1:
                    raise VersionConflict(
                        f"If-None-Exist {if_none_exist!r} matched {page.total} {spec.name}"
                    )
            with self._transaction():
                stored = self._write(spec, str(uuid.uuid4()), resource, version=1, rid=None)
            return stored, True

    def update(
        self,
        type_name: str,
        resource_id: str,
        resource: dict[str, Any],
        *,
        if_match: str | None = None,
    ) -> tuple[StoredResource, bool]:
        """Replace (or create, with the client's id) a resource; ``(stored, created)``.

        ``if_match`` (``W/"3"``) must name the current version, else
        :class:`VersionConflict`. A body equal to the current version (apart
        from id and server meta) changes nothing and keeps the version, as
        HAPI does, so retried updates are harmless.
        """
        spec = check_resource(resource, type_name)
        check_id(resource_id)
        body_id = resource.get("id")
        if body_id != resource_id:
            raise BadRequest(f"the body's id {body_id!r} does not match the URL's {resource_id!r}")
        with self._lock:
            row = self._current(type_name, resource_id)
            if if_match is not None:
                expected = _version_from_etag(if_match)
                if row is None or row[1] != expected:
                    current = "none" if row is None else f'W/"{row[1]}"'
                    raise VersionConflict(
                        f"{type_name}/{resource_id}: If-Match {if_match} but current is {current}"
                    )
            if row is None:
                with self._transaction():
                    return self._write(spec, resource_id, resource, version=1, rid=None), True
            rid, version, updated, deleted, text = row
            if not deleted and self._unchanged(type_name, resource_id, version, text, resource):
                return self._stored(type_name, resource_id, version, updated, text), False
            with self._transaction():
                self._archive(type_name, resource_id)
                stored = self._write(spec, resource_id, resource, version=version + 1, rid=rid)
            return stored, bool(deleted)

    def delete(self, type_name: str, resource_id: str) -> None:
        """Delete a resource (a new, deleted version); deleting twice is harmless."""
        self._spec(type_name)
        with self._lock:
            row = self._current(type_name, resource_id)
            if row is None:
                raise UnknownResource(f"{type_name}/{resource_id} does not exist")
            rid, version, _updated, deleted, _text = row
            if deleted:
                return
            with self._transaction():
                self._archive(type_name, resource_id)
                self._db.execute(
                    "UPDATE resources SET version_id = ?, last_updated = ?, deleted = 1, "
                    "json = NULL WHERE rid = ?",
                    (version + 1, format_instant(self._next_instant()), rid),
                )
                self._db.execute("DELETE FROM search_index WHERE rid = ?", (rid,))

    def bulk_load(self, resources: Iterable[dict[str, Any]]) -> int:
        """Insert many new resources fast (seeding); returns how many were stored.

        Resources keep their ``id`` (one is assigned if missing) and become
        version 1. An id already in the store is a :class:`BadRequest`, and
        the chunk that carried it is rolled back.
        """
        loaded = 0
        iterator = iter(resources)
        # Into an empty store it is much faster to build the search indexes once at the end.
        rebuild = self.count() == 0
        if rebuild:
            with self._lock:
                self._db.executescript(DROP_SEARCH_INDEXES)
        try:
            while chunk := list(islice(iterator, _BULK_CHUNK)):
                with self._lock, self._transaction():
                    self._bulk_chunk(chunk)
                loaded += len(chunk)
        finally:
            if rebuild:
                with self._lock:
                    self._db.executescript(SEARCH_INDEXES)
        return loaded

    # -- internals --------------------------------------------------------

    def _bulk_chunk(self, chunk: list[dict[str, Any]]) -> None:
        next_rid = (
            int(self._db.execute("SELECT COALESCE(MAX(rid), 0) FROM resources").fetchone()[0]) + 1
        )
        resource_rows: list[tuple[int, str, str, int, str, str]] = []
        index: list[tuple[object, ...]] = []
        contents: list[tuple[str, int, str, bytes]] = []
        shared = format_instant(self._next_instant()) if self.realism.millisecond_ties else None
        for resource in chunk:
            spec = check_resource(resource)
            resource_id = check_id(str(resource.get("id") or uuid.uuid4()))
            body, content = split_binary(resource)
            # One stamp for the whole transaction in the millisecond_ties mode.
            instant = shared or format_instant(self._next_instant())
            text = stamped(body, resource_id, 1, instant)
            resource_rows.append((next_rid, spec.name, resource_id, 1, instant, text))
            index.extend((next_rid, spec.name, *row) for row in index_rows(spec, body))
            if content is not None:
                contents.append((resource_id, 1, body["contentType"], content))
            next_rid += 1
        try:
            self._db.executemany(
                "INSERT INTO resources (rid, type, id, version_id, last_updated, json) "
                "VALUES (?, ?, ?, ?, ?, ?)",
                resource_rows,
            )
        except sqlite3.IntegrityError as exc:
            raise BadRequest(f"bulk load would overwrite an existing resource: {exc}") from exc
        self._db.executemany(
            "INSERT INTO search_index (rid, type, param, sys, val, low, high) "
            "VALUES (?, ?, ?, ?, ?, ?, ?)",
            index,
        )
        self._db.executemany(
            "INSERT OR REPLACE INTO binary_content (id, version_id, content_type, data) "
            "VALUES (?, ?, ?, ?)",
            contents,
        )

    def _write(
        self,
        spec: ResourceTypeSpec,
        resource_id: str,
        resource: dict[str, Any],
        *,
        version: int,
        rid: int | None,
    ) -> StoredResource:
        body, content = split_binary(resource)
        instant = format_instant(self._next_instant())
        text = stamped(body, resource_id, version, instant)
        if rid is None:
            cursor = self._db.execute(
                "INSERT INTO resources (type, id, version_id, last_updated, json) "
                "VALUES (?, ?, ?, ?, ?)",
                (spec.name, resource_id, version, instant, text),
            )
            rid = int(cursor.lastrowid or 0)
        else:
            self._db.execute(
                "UPDATE resources SET version_id = ?, last_updated = ?, deleted = 0, json = ? "
                "WHERE rid = ?",
                (version, instant, text, rid),
            )
            self._db.execute("DELETE FROM search_index WHERE rid = ?", (rid,))
        self._db.executemany(
            "INSERT INTO search_index (rid, type, param, sys, val, low, high) "
            "VALUES (?, ?, ?, ?, ?, ?, ?)",
            [(rid, spec.name, *row) for row in index_rows(spec, body)],
        )
        if content is not None:
            self._db.execute(
                "INSERT OR REPLACE INTO binary_content (id, version_id, content_type, data) "
                "VALUES (?, ?, ?, ?)",
                (resource_id, version, body["contentType"], content),
            )
            text = with_binary_data(text, content)
        return StoredResource(spec.name, resource_id, str(version), instant, text)

    def _archive(self, type_name: str, resource_id: str) -> None:
        """Copy the current version into the history before it is replaced."""
        self._db.execute(
            "INSERT OR REPLACE INTO history (type, id, version_id, last_updated, deleted, json) "
            "SELECT type, id, version_id, last_updated, deleted, json FROM resources "
            "WHERE type = ? AND id = ?",
            (type_name, resource_id),
        )

    def _unchanged(
        self, type_name: str, resource_id: str, version: int, text: str, resource: dict[str, Any]
    ) -> bool:
        if type_name == "Binary":
            text = self._stored(type_name, resource_id, version, "", text).json
        return same_content(text, resource)

    def _current(self, type_name: str, resource_id: str) -> tuple[Any, ...] | None:
        row: tuple[Any, ...] | None = self._db.execute(
            "SELECT rid, version_id, last_updated, deleted, json FROM resources "
            "WHERE type = ? AND id = ?",
            (type_name, resource_id),
        ).fetchone()
        return row

    def _stored(
        self, type_name: str, resource_id: str, version: int, updated: str, text: str
    ) -> StoredResource:
        if type_name == "Binary":
            row = self._db.execute(
                "SELECT data FROM binary_content WHERE id = ? AND version_id = ?",
                (resource_id, version),
            ).fetchone()
            if row is not None:
                text = with_binary_data(text, bytes(row[0]))
        return StoredResource(type_name, resource_id, str(version), updated, text)

    def _spec(self, type_name: str) -> ResourceTypeSpec:
        spec = spec_for(type_name)
        if spec is None:
            raise UnknownResource(f"unknown resource type {type_name!r}")
        return spec

    def _next_instant(self) -> datetime:
        """Now, or 1 µs after the last instant handed out if the clock has not moved.

        In the ``millisecond_ties`` realism mode: now to the millisecond, ties allowed.
        """
        now = datetime.now(UTC)
        if self.realism.millisecond_ties:
            return now.replace(microsecond=now.microsecond // 1000 * 1000)
        if now <= self._last_instant:
            now = self._last_instant + _ONE_MICROSECOND
        self._last_instant = now
        return now

    @contextmanager
    def _transaction(self) -> Iterator[None]:
        self._db.execute("BEGIN IMMEDIATE")
        try:
            yield
        except BaseException:
            self._db.execute("ROLLBACK")
            raise
        self._db.execute("COMMIT")


def _version_from_etag(etag: str) -> int:
    """``3`` from ``W/"3"``, ``"3"`` or ``3``; :class:`BadRequest` otherwise."""
    text = etag.strip()
    if text.startswith("W/"):
        text = text[2:]
    text = text.strip('"')
    if not text.isdigit():
        raise BadRequest(f'If-Match {etag!r} is not a version ETag like W/"3"')
    return int(text)
