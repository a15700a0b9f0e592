"""What the user can do with the outbox: look, retry, discard, settle a conflict.

Every decision is recorded: a discarded change stays in the outbox as
``discarded`` with who discarded it; a conflict settled for the server's
version applies that version to the local record first.
"""

from __future__ import annotations

from collections.abc import Callable

from fse_desk.audit import AccessControl
from fse_desk.domain.outbox import ACCESS_LOG_TYPE, OutboxEntry, OutboxState
from fse_desk.domain.timeline import AccessAction
from fse_desk.errors import InvalidRecord
from fse_desk.security.permissions import Action
from fse_desk.store import CacheStore
from fse_desk.vitals.observation import reading_from_observation


class OutboxService:
    def __init__(
        self, store: CacheStore, access: AccessControl, on_change: Callable[[], None]
    ) -> None:
        self._store = store
        self._access = access
        self._operator_name = access.operator.display_name
        self._on_change = on_change

    def entries(self, *, include_closed: bool = False) -> list[OutboxEntry]:
        return self._store.outbox.entries(include_closed=include_closed)

    def pending_count(self) -> int:
        return self._store.outbox.count_pending()

    def retry(self, entry_id: int) -> None:
        self._store.outbox.retry_now(entry_id)
        self._on_change()

    def discard(self, entry_id: int) -> None:
        """Give the change up (the UI has asked for confirmation); recorded with the user.

        Only roles that may make clinical changes may give one up (PermissionDenied);
        access records on their way to the region are never given up (InvalidRecord).
        """
        entry = self._store.outbox.get(entry_id)
        if entry is not None and entry.resource_type == ACCESS_LOG_TYPE:
            # The region's copy of the access log: giving it up would erase a record there.
            raise InvalidRecord(
                f"outbox entry {entry_id} is an access record for the region: it cannot be "
                "discarded",
                field="resource_type",
            )
        patient = None if entry is None else entry.patient_id
        self._access.require(Action.DISCARD_OUTBOX, patient, audit_as=AccessAction.DISCARD_OUTBOX)
        self._store.outbox.discard(entry_id, self._operator_name)
        if patient is not None:
            self._access.record(patient, AccessAction.DISCARD_OUTBOX, resource=f"outbox/{entry_id}")
        self._on_change()

    def keep_mine(self, entry_id: int) -> None:
        """Settle a conflict by sending ours over the server's current version."""
        entry = self._conflict(entry_id)
        server = entry.conflict_payload or {}
        version = str(server.get("meta", {}).get("versionId", ""))
        if not version:
            raise InvalidRecord(
                "the server's version of this change is unknown: retry first",
                field="conflict_payload",
            )
        self._store.outbox.keep_mine(entry_id, version)
        self._on_change()

    def take_theirs(self, entry_id: int) -> None:
        """Settle a conflict with the server's version: the local record takes its values."""
        entry = self._conflict(entry_id)
        server = entry.conflict_payload
        if not server:
            raise InvalidRecord(
                "the server's version of this change is unknown: retry first",
                field="conflict_payload",
            )
        with self._store.transaction():
            if entry.resource_type == "Observation":
                local = self._store.vitals.get(entry.resource_id)
                if local is not None:
                    self._store.vitals.save(reading_from_observation(server, local))
            self._store.outbox.take_theirs(
                entry_id,
                self._operator_name,
                str(server["id"]),
                str(server.get("meta", {}).get("versionId", "")),
            )
        self._on_change()

    def _conflict(self, entry_id: int) -> OutboxEntry:
        entry = self._store.outbox.get(entry_id)
        if entry is None or entry.state is not OutboxState.CONFLICT:
            raise InvalidRecord(f"outbox entry {entry_id} is not in conflict", field="state")
        return entry
