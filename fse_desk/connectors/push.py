"""Push the outbox to the regional FHIR server: in order, idempotently, with backoff.

- Creates are conditional (``If-None-Exist`` on the resource's client-generated
  identifier, or on ``_source`` for an AuditEvent, which has no identifier), so a
  resend after a lost answer finds the first copy instead of making a second one.
- Updates carry ``If-Match`` on the version they were based on. A 412 whose
  server copy already equals ours was our own earlier attempt: it counts as
  sent. Any other 412/409 is a conflict, kept with the server's version for the
  user to decide; nothing is overwritten silently.
- Transient failures (5xx, timeouts, dropped or garbled answers) back off
  exponentially with full jitter; permanent refusals (other 4xx) stop that entry
  with the reason. No connection at all stops the round without penalising any
  entry: nothing reached the server, and everything goes as soon as it is back.
- Entries of one resource keep their order; a blocked entry holds only its own
  resource's later entries.
- ``PUBLISH`` entries go to the FSE 2.0 gateway instead (:mod:`fse_desk.connectors.gateway_push`);
  the gateway client is opened, and the signing certificate read, only when one is due.
"""

from __future__ import annotations

import logging
import random
from collections.abc import Callable, Generator
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

from fse_desk.connectors.backoff import Backoff
from fse_desk.connectors.fhir_client import FhirClient
from fse_desk.connectors.gateway_push import (
    Awaiting,
    Connect,
    GatewayPublisher,
    Refused,
    no_gateway,
)
from fse_desk.domain.outbox import ACCESS_LOG_TYPE, OutboxEntry, OutboxMethod, OutboxState
from fse_desk.errors import (
    AuthFailed,
    CertificateError,
    ConfigError,
    ConnectorError,
    ConnectorTimeout,
    FhirError,
    InvalidResponse,
    PreconditionFailed,
    SecretStoreError,
    ServerUnavailable,
    ServerUnreachable,
)
from fse_desk.progress import CancelToken, Progress
from fse_desk.store import CacheStore
from fse_desk.store.outbox import SendResult

log = logging.getLogger(__name__)

IDENTIFIER_SYSTEM = "urn:ietf:rfc:3986"
BATCH = 100
# After this many transient failures in a row the server is taken as down for this round.
GIVE_UP_AFTER = 3
_TRANSIENT = (ServerUnavailable, ConnectorTimeout, InvalidResponse)
# Types without an ``identifier`` element: a resend is found by ``meta.source`` instead.
_NO_IDENTIFIER = frozenset({"AuditEvent"})


# An entry that failed waits 2 s, then up to 4, 8, ... 15 min (at least 1 s) before its next try.
OUTBOX_BACKOFF = Backoff(base_s=2.0, cap_s=15 * 60.0, floor_s=1.0)


@dataclass(slots=True)
class PushSummary:
    sent: int = 0  # the users' own changes
    access_records: int = 0  # access-log AuditEvents, sent beside them but not changes
    retrying: int = 0
    refused: int = 0
    conflicts: int = 0
    waiting: int = 0  # held back by backoff or by an earlier entry of the same resource
    awaiting: int = 0  # accepted by the gateway, outcome still to come
    stopped_early: bool = False
    errors: list[str] = field(default_factory=list)


def local_identifier(local_id: str) -> dict[str, str]:
    """The identifier that makes a workstation-created resource findable (If-None-Exist)."""
    return {"system": IDENTIFIER_SYSTEM, "value": f"urn:uuid:{local_id}"}


def same_content(ours: dict[str, Any], theirs: dict[str, Any]) -> bool:
    """Equal apart from the server's bookkeeping (meta, text)."""

    def strip(resource: dict[str, Any]) -> dict[str, Any]:
        return {k: v for k, v in resource.items() if k not in ("meta", "text")}

    return strip(ours) == strip(theirs)


class OutboxPusher:
    def __init__(
        self,
        store: CacheStore,
        client: FhirClient,
        *,
        backoff: Backoff | None = None,
        now: Callable[[], datetime] = lambda: datetime.now(UTC),
        rng: random.Random | None = None,
        gateway: Connect | None = None,
        follow_timeout_s: float = 30.0,
        gateway_status: bool = False,
    ) -> None:
        self._store = store
        self._client = client
        self._publisher = GatewayPublisher(
            store,
            client,
            gateway or no_gateway,
            follow_timeout_s=follow_timeout_s,
            status_endpoint=gateway_status,
        )
        self._backoff = backoff or OUTBOX_BACKOFF
        self._now = now
        self._rng = rng or random.Random()

    def due(self) -> tuple[list[OutboxEntry], int]:
        """Entries to send now, in order, and how many wait behind backoff or their group.

        A resource's entries are due up to its first one that is held (backing
        off, refused or in conflict); everything after that one waits.
        """
        now = self._now()
        held_groups: set[str] = set()
        ready: list[OutboxEntry] = []
        waiting = 0
        for entry in self._store.outbox.sendable():
            settled_badly = entry.state in (OutboxState.ERROR, OutboxState.CONFLICT)
            backing_off = entry.next_attempt_at is not None and entry.next_attempt_at > now
            if entry.group in held_groups or settled_badly or backing_off:
                held_groups.add(entry.group)
                waiting += not settled_badly
                continue
            ready.append(entry)
        return ready, waiting

    def push(self, cancel: CancelToken | None = None) -> Generator[Progress, None, PushSummary]:
        """Send what is due; yield progress after each committed batch."""
        cancel = cancel or CancelToken()
        summary = PushSummary()
        ready, summary.waiting = self.due()
        # Server refs of resources created in this round, before their batch is recorded.
        self._fresh_refs: dict[str, tuple[str, str]] = {}
        try:
            yield from self._push_batches(ready, summary, cancel)
        finally:
            self._publisher.close()
        return summary

    def _push_batches(
        self, ready: list[OutboxEntry], summary: PushSummary, cancel: CancelToken
    ) -> Generator[Progress, None, None]:
        failures_in_a_row = 0
        failed_groups: set[str] = set()
        for start in range(0, len(ready), BATCH):
            batch = ready[start : start + BATCH]
            self._store.outbox.mark_sending([e.id for e in batch])
            results: list[SendResult] = []
            access_records = 0
            try:
                for entry in batch:
                    if entry.group in failed_groups:
                        continue  # an earlier change of this resource did not go through
                    try:
                        outcome = self._send(entry, summary)
                    except ServerUnreachable as exc:
                        summary.stopped_early = True
                        summary.errors.append(str(exc))
                        break
                    if isinstance(outcome, SendResult):
                        results.append(outcome)
                        access_records += entry.resource_type == ACCESS_LOG_TYPE
                        self._fresh_refs[entry.group] = (outcome.server_id, outcome.server_version)
                        failures_in_a_row = 0
                        continue
                    failed_groups.add(entry.group)
                    if outcome == "transient":
                        failures_in_a_row += 1
                        if failures_in_a_row >= GIVE_UP_AFTER:
                            summary.stopped_early = True
                            break
            finally:
                # Also when cancelled or failing: what was sent is recorded.
                if results:
                    self._store.outbox.record_results(results)
                    summary.sent += len(results) - access_records
                    summary.access_records += access_records
                # Entries not tried (stopped early, cancelled) are no longer in flight.
                self._store.outbox.release_sending([e.id for e in batch])
            yield Progress(min(start + BATCH, len(ready)), len(ready), "Sending changes")
            if summary.stopped_early:
                break
            cancel.raise_if_cancelled()

    # -- one entry ---------------------------------------------------------------------
    def _send(self, entry: OutboxEntry, summary: PushSummary) -> SendResult | str:
        if entry.method is OutboxMethod.PUBLISH:
            return self._publish(entry, summary)
        if entry.payload.get("resourceType") != entry.resource_type:
            self._store.outbox.mark_error(
                entry.id,
                f"payload is a {entry.payload.get('resourceType')}, "
                f"not the {entry.resource_type} queued",
            )
            summary.refused += 1
            return "refused"
        try:
            if entry.method is OutboxMethod.CREATE:
                return self._create(entry)
            return self._update(entry, summary)
        except PreconditionFailed as exc:
            self._conflict(entry, exc, summary)
            return "conflict"
        except FhirError as exc:
            if exc.status == 409:
                self._conflict(entry, exc, summary)
                return "conflict"
            if isinstance(exc, InvalidResponse):
                return self._transient(entry, exc, summary)
            self._store.outbox.mark_error(entry.id, str(exc))
            summary.refused += 1
            summary.errors.append(str(exc))
            return "refused"
        except ServerUnreachable:
            raise  # the round stops; the entry keeps its place and its attempts
        except AuthFailed as exc:
            # Credentials are the workstation's problem, not this change's: try later.
            return self._transient(entry, exc, summary)
        except _TRANSIENT as exc:
            return self._transient(entry, exc, summary)
        except ConnectorError as exc:
            return self._transient(entry, exc, summary)

    def _publish(self, entry: OutboxEntry, summary: PushSummary) -> SendResult | str:
        try:
            outcome = self._publisher.send(entry)
        except ServerUnreachable:
            raise  # the round stops, as for the FHIR entries
        except (ConnectorError, CertificateError, SecretStoreError, ConfigError) as exc:
            # Transport trouble, or the workstation's certificate or gateway set-up: later.
            return self._transient(entry, exc, summary)
        if isinstance(outcome, Refused):
            summary.refused += 1
            summary.errors.append(outcome.reason)
            return "refused"
        if isinstance(outcome, Awaiting):
            summary.awaiting += 1
            return "awaiting"
        return outcome

    def _create(self, entry: OutboxEntry) -> SendResult:
        identifier = local_identifier(entry.resource_id)
        if entry.resource_type in _NO_IDENTIFIER:
            # The payload carries the same URI as meta.source (fse_desk.audit.fhir_export).
            condition = f"_source={identifier['value']}"
        else:
            condition = f"identifier={identifier['system']}|{identifier['value']}"
        created = self._client.create(entry.payload, if_none_exist=condition)
        return _result(entry, created)

    def _update(self, entry: OutboxEntry, summary: PushSummary) -> SendResult | str:
        fresh = self._fresh_refs.get(entry.group)
        ref = fresh or self._store.outbox.server_ref(entry.resource_type, entry.resource_id)
        if ref is None:
            self._store.outbox.mark_error(
                entry.id, "the resource this change corrects never reached the server"
            )
            summary.refused += 1
            return "refused"
        server_id, current = ref
        body = {**entry.payload, "id": server_id}
        try:
            # A change queued after another of ours to the same resource builds on that
            # one: when it went through in this round, its version is the base.
            base = current if fresh is not None else entry.base_version or current
            updated = self._client.update(body, if_match=base)
        except PreconditionFailed:
            theirs = self._client.read(entry.resource_type, server_id)
            if not same_content(body, theirs):
                raise
            updated = theirs  # our earlier attempt landed; its answer was lost
        return _result(entry, updated)

    def _transient(self, entry: OutboxEntry, exc: Exception, summary: PushSummary) -> str:
        when = self._now() + timedelta(seconds=self._backoff.delay_s(entry.attempts + 1, self._rng))
        self._store.outbox.mark_retry(entry.id, str(exc), when)
        summary.retrying += 1
        return "transient"

    def _conflict(self, entry: OutboxEntry, exc: FhirError, summary: PushSummary) -> None:
        ref = self._store.outbox.server_ref(entry.resource_type, entry.resource_id)
        theirs: dict[str, Any] | None = None
        if ref is not None:
            try:
                theirs = self._client.read(entry.resource_type, ref[0])
            except ConnectorError as read_exc:
                log.warning(
                    "conflict on outbox entry %s: server copy unreadable: %s", entry.id, read_exc
                )
        self._store.outbox.mark_conflict(entry.id, str(exc), theirs)
        summary.conflicts += 1


def _result(entry: OutboxEntry, resource: dict[str, Any]) -> SendResult:
    server_id = str(resource.get("id", ""))
    version = str(resource.get("meta", {}).get("versionId", ""))
    if not server_id:
        raise InvalidResponse(f"the server answered a {entry.resource_type} without an id")
    return SendResult(entry.id, entry.resource_type, entry.resource_id, server_id, version)
