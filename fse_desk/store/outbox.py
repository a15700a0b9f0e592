"""The outbox: local changes written with their domain rows, pushed later in order.

Every state change is committed at once, so a process killed at any moment
leaves each entry in a state the pusher can resume from: an entry found in
``sending`` is simply sent again (pushes are idempotent).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

import orjson

from fse_desk._types import PatientId
from fse_desk.domain.outbox import ACCESS_LOG_TYPE, OutboxEntry, OutboxMethod, OutboxState
from fse_desk.store._records import now_text, utc_text
from fse_desk.store.database import Connection, Database

_COLUMNS = (
    "id",
    "created_at",
    "resource_type",
    "resource_id",
    "method",
    "payload",
    "description",
    "patient_id",
    "state",
    "attempts",
    "last_error",
    "next_attempt_at",
    "base_version",
    "server_version",
    "conflict_payload",
    "discarded_by",
)
_SELECT = f"SELECT {', '.join(_COLUMNS)} FROM outbox"
_UPSERT_REF = (
    "INSERT INTO server_ref (resource_type, local_id, server_id, version_id) VALUES (?, ?, ?, ?)"
    " ON CONFLICT (resource_type, local_id)"
    " DO UPDATE SET server_id = excluded.server_id, version_id = excluded.version_id"
)
_OPEN_STATES = tuple(s.value for s in OutboxState if s.open)
_USER_CHANGE = f"resource_type != '{ACCESS_LOG_TYPE}'"  # what the user sees and counts


@dataclass(frozen=True, slots=True)
class SendResult:
    entry_id: int
    resource_type: str
    local_id: str
    server_id: str
    server_version: str


def _entry(row: Sequence[Any]) -> OutboxEntry:
    return OutboxEntry(
        id=row[0],
        created_at=datetime.fromisoformat(row[1]),
        resource_type=row[2],
        resource_id=row[3],
        method=OutboxMethod(row[4]),
        payload=orjson.loads(row[5]),
        description=row[6],
        patient_id=PatientId(row[7]) if row[7] else None,
        state=OutboxState(row[8]),
        attempts=row[9],
        last_error=row[10] or "",
        next_attempt_at=datetime.fromisoformat(row[11]) if row[11] else None,
        base_version=row[12],
        server_version=row[13],
        conflict_payload=orjson.loads(row[14]) if row[14] else None,
        discarded_by=row[15],
    )


class OutboxRepository:
    def __init__(self, db: Database) -> None:
        self._db = db

    def enqueue(
        self,
        *,
        resource_type: str,
        resource_id: str,
        method: OutboxMethod,
        payload: dict[str, Any],
        description: str,
        patient_id: str | None,
        base_version: str | None = None,
    ) -> int:
        """Add a change; call inside the transaction that writes its domain row."""
        now = now_text()
        with self._db.transaction("queuing a change") as conn:
            cur = conn.execute(
                "INSERT INTO outbox (created_at, updated_at, resource_type, resource_id, method,"
                " payload, description, patient_id, base_version, state)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'pending')",
                (
                    now,
                    now,
                    resource_type,
                    resource_id,
                    method.value,
                    orjson.dumps(payload).decode(),
                    description,
                    patient_id,
                    base_version,
                ),
            )
            return int(cur.lastrowid or 0)

    def get(self, entry_id: int) -> OutboxEntry | None:
        with self._db.reading("reading the outbox") as conn:
            row = conn.execute(f"{_SELECT} WHERE id = ?", (entry_id,)).fetchone()
        return _entry(row) if row else None

    def entries(self, *, include_closed: bool = False, limit: int = 1000) -> list[OutboxEntry]:
        """The user's changes, newest first; by default only what has not reached the server."""
        where = f"WHERE {_USER_CHANGE}"
        if not include_closed:
            where += f" AND state IN {_OPEN_STATES!r}"
        with self._db.reading("listing the outbox") as conn:
            rows = conn.execute(f"{_SELECT} {where} ORDER BY id DESC LIMIT ?", (limit,)).fetchall()
        return [_entry(r) for r in rows]

    def sendable(self) -> list[OutboxEntry]:
        """Pending or interrupted entries in order (the pusher applies group rules)."""
        with self._db.reading("reading the outbox") as conn:
            rows = conn.execute(
                f"{_SELECT} WHERE state IN ('pending', 'sending', 'awaiting', 'error', 'conflict')"
                " ORDER BY id"
            ).fetchall()
        return [_entry(r) for r in rows]

    def count_pending(self) -> int:
        """The user's changes not yet on the server (waiting, in flight, refused or in
        conflict)."""
        with self._db.reading("counting the outbox") as conn:
            row = conn.execute(
                f"SELECT count(*) FROM outbox WHERE {_USER_CHANGE} AND state IN {_OPEN_STATES!r}"
            ).fetchone()
        return int(row[0])

    def count_by_state(self) -> dict[OutboxState, int]:
        with self._db.reading("counting the outbox") as conn:
            rows = conn.execute("SELECT state, count(*) FROM outbox GROUP BY state").fetchall()
        return {OutboxState(state): n for state, n in rows}

    # -- state changes, each committed at once -------------------------------------
    def _set(self, entry_id: int, action: str, **columns: Any) -> None:
        columns["updated_at"] = now_text()
        assignments = ", ".join(f"{name} = ?" for name in columns)
        with self._db.transaction(action) as conn:
            conn.execute(
                f"UPDATE outbox SET {assignments} WHERE id = ?", (*columns.values(), entry_id)
            )

    def mark_retry(self, entry_id: int, error: str, next_attempt_at: datetime) -> None:
        self._failed(
            entry_id,
            "scheduling a retry",
            OutboxState.PENDING,
            error,
            next_attempt_at=utc_text(next_attempt_at),
        )

    def mark_error(self, entry_id: int, error: str, payload: dict[str, Any] | None = None) -> None:
        """Refused for good; ``payload`` keys (e.g. the gateway's problem) join the payload."""
        with self._db.transaction("recording a refused change") as conn:
            if payload:
                self._merge_payload(conn, entry_id, payload)
            self._failed(entry_id, "recording a refused change", OutboxState.ERROR, error)

    def mark_awaiting(self, entry_id: int, workflow_instance_id: str) -> None:
        """The gateway accepted the entry (202): keep its workflow id, wait for the outcome."""
        with self._db.transaction("recording an accepted publication") as conn:
            self._merge_payload(conn, entry_id, {"workflowInstanceId": workflow_instance_id})
            conn.execute(
                "UPDATE outbox SET state = 'awaiting', last_error = NULL, next_attempt_at = NULL,"
                " updated_at = ? WHERE id = ?",
                (now_text(), entry_id),
            )

    @staticmethod
    def _merge_payload(conn: Connection, entry_id: int, changes: dict[str, Any]) -> None:
        row = conn.execute("SELECT payload FROM outbox WHERE id = ?", (entry_id,)).fetchone()
        if row is None:
            return
        merged = {**orjson.loads(row[0]), **changes}
        conn.execute(
            "UPDATE outbox SET payload = ? WHERE id = ?", (orjson.dumps(merged).decode(), entry_id)
        )

    def mark_conflict(self, entry_id: int, error: str, server: dict[str, Any] | None) -> None:
        self._failed(
            entry_id,
            "recording a conflict",
            OutboxState.CONFLICT,
            error,
            conflict_payload=orjson.dumps(server).decode() if server else None,
        )

    def _failed(
        self, entry_id: int, action: str, state: OutboxState, error: str, **columns: Any
    ) -> None:
        columns.update(state=state.value, last_error=error, updated_at=now_text())
        assignments = ", ".join(f"{name} = ?" for name in columns)
        with self._db.transaction(action) as conn:
            conn.execute(
                f"UPDATE outbox SET {assignments}, attempts = attempts + 1 WHERE id = ?",
                (*columns.values(), entry_id),
            )

    def mark_sending(self, entry_ids: Sequence[int]) -> None:
        """Mark a batch as in flight (one commit for the batch, not one per entry)."""
        now = now_text()
        with self._db.transaction("sending changes") as conn:
            conn.executemany(
                "UPDATE outbox SET state = 'sending', updated_at = ? WHERE id = ?",
                [(now, i) for i in entry_ids],
            )

    def release_sending(self, entry_ids: Sequence[int]) -> None:
        """Those of ``entry_ids`` still marked in flight go back to waiting."""
        with self._db.transaction("releasing unsent changes") as conn:
            conn.executemany(
                "UPDATE outbox SET state = 'pending' WHERE id = ? AND state = 'sending'",
                [(i,) for i in entry_ids],
            )

    def record_results(self, results: Sequence[SendResult]) -> None:
        """Record sent entries and where their resources now live, in one commit.

        Batched on purpose: if the process dies before this commit, those entries
        are simply sent again, and the server recognises them (idempotent push).
        """
        now = now_text()
        with self._db.transaction("recording sent changes") as conn:
            conn.executemany(
                "UPDATE outbox SET state = 'sent', attempts = attempts + 1, server_version = ?,"
                " last_error = NULL, next_attempt_at = NULL, updated_at = ? WHERE id = ?",
                [(r.server_version, now, r.entry_id) for r in results],
            )
            conn.executemany(
                _UPSERT_REF,
                [(r.resource_type, r.local_id, r.server_id, r.server_version) for r in results],
            )

    def server_ref(self, resource_type: str, local_id: str) -> tuple[str, str] | None:
        """(server id, version) of a resource this workstation created, once sent."""
        with self._db.reading("reading a server reference") as conn:
            row = conn.execute(
                "SELECT server_id, version_id FROM server_ref"
                " WHERE resource_type = ? AND local_id = ?",
                (resource_type, local_id),
            ).fetchone()
        return (row[0], row[1]) if row else None

    # -- the user's choices ------------------------------------------------------------
    def retry_now(self, entry_id: int) -> None:
        """Send a refused or waiting entry again at the next push."""
        self._set(
            entry_id, "retrying a change", state=OutboxState.PENDING.value, next_attempt_at=None
        )

    def discard(self, entry_id: int, by: str) -> None:
        """Give up a change; the row stays as the record of who discarded it and when."""
        self._set(
            entry_id,
            "discarding a change",
            state=OutboxState.DISCARDED.value,
            discarded_by=by,
            next_attempt_at=None,
        )

    def take_theirs(self, entry_id: int, by: str, server_id: str, server_version: str) -> None:
        """Resolve a conflict with the server's version: ours is discarded (and recorded),
        and later corrections are based on the server's version."""
        entry = self.get(entry_id)
        if entry is None:
            return
        with self._db.transaction("resolving a conflict"):
            self.discard(entry_id, by)
            self.record_server_ref(
                entry.resource_type, entry.resource_id, server_id, server_version
            )

    def record_server_ref(
        self, resource_type: str, local_id: str, server_id: str, version: str
    ) -> None:
        with self._db.transaction("recording a server reference") as conn:
            conn.execute(_UPSERT_REF, (resource_type, local_id, server_id, version))

    def keep_mine(self, entry_id: int, server_version: str) -> None:
        """Resolve a conflict by sending ours over the server's current version."""
        self._set(
            entry_id,
            "resolving a conflict",
            state=OutboxState.PENDING.value,
            base_version=server_version,
            next_attempt_at=None,
        )
