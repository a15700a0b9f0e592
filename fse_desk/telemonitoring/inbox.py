"""The team's alert inbox: every enrolled patient's alarms with who is handling them.

Alarms are computed from the cache (so the inbox works offline); the actions come
from the Tasks pulled from the region (every workstation's) and from those recorded
here and not yet back. Recording an action writes its row and its outbox entry in
one transaction.
"""

from __future__ import annotations

import logging
import uuid
from collections.abc import Callable
from datetime import UTC, datetime

from fse_desk.domain.outbox import OutboxMethod
from fse_desk.errors import InvalidRecord
from fse_desk.store import CacheStore
from fse_desk.telemonitoring.actions import (
    Action,
    ActionKind,
    InboxItem,
    Outcome,
    fold,
    from_task,
    to_task,
)
from fse_desk.telemonitoring.rules import Alarm
from fse_desk.telemonitoring.service import TelemonitoringService

log = logging.getLogger(__name__)


class AlarmInbox:
    def __init__(
        self,
        store: CacheStore,
        service: TelemonitoringService,
        operator: str,
        on_queued: Callable[[], None] = lambda: None,
    ) -> None:
        self._store = store
        self._service = service
        self._operator = operator
        self._on_queued = on_queued

    def items(self) -> list[InboxItem]:
        """Every alarm of every enrolled patient with its state, most severe and recent first."""
        actions: dict[str, dict[str, Action]] = {}
        server_keys: set[str] = set()
        for task in self._store.telemonitoring.resources("Task"):
            try:
                action = from_task(task)
            except InvalidRecord as exc:
                log.warning("alarm action not readable: %s", exc)
                continue
            actions.setdefault(action.alarm_key, {})[action.key] = action
            server_keys.add(action.key)
        unsent: dict[str, int] = {}
        for task in self._store.telemonitoring.local_actions():
            action = from_task(task)
            if action.key not in server_keys:
                unsent[action.alarm_key] = unsent.get(action.alarm_key, 0) + 1
            actions.setdefault(action.alarm_key, {}).setdefault(action.key, action)
        items = [
            fold(alarm, actions.get(alarm.key, {}).values(), unsent.get(alarm.key, 0))
            for alarm in self._service.all_alarms()
        ]
        return sorted(items, key=lambda i: (-i.alarm.severity, -i.alarm.reading.at.timestamp()))

    def item(self, alarm_key: str) -> InboxItem | None:
        return next((i for i in self.items() if i.alarm.key == alarm_key), None)

    # -- actions ------------------------------------------------------------------
    def take_charge(self, alarm: Alarm) -> Action:
        return self._record(alarm, ActionKind.TAKE_CHARGE)

    def assign(self, alarm: Alarm, to: str) -> Action:
        return self._record(alarm, ActionKind.ASSIGN, assignee=to)

    def add_note(self, alarm: Alarm, text: str) -> Action:
        return self._record(alarm, ActionKind.NOTE, text=text)

    def close(self, alarm: Alarm, outcome: Outcome, note: str = "") -> Action:
        return self._record(alarm, ActionKind.CLOSE, outcome=outcome, text=note)

    def _record(
        self,
        alarm: Alarm,
        kind: ActionKind,
        *,
        assignee: str = "",
        text: str = "",
        outcome: Outcome | None = None,
    ) -> Action:
        current = self.item(alarm.key)
        action = Action(
            key=f"urn:uuid:{uuid.uuid4()}",
            alarm_key=alarm.key,
            patient_id=alarm.patient_id,
            kind=kind,
            author=self._operator,
            at=datetime.now(UTC),
            parents=current.leaves if current else (),
            assignee=assignee.strip(),
            text=text.strip(),
            outcome=outcome,
        )
        task = to_task(action, alarm)
        with self._store.transaction():
            self._store.telemonitoring.save_action(action.key, alarm.key, alarm.patient_id, task)
            self._store.outbox.enqueue(
                resource_type="Task",
                resource_id=action.key.removeprefix("urn:uuid:"),
                method=OutboxMethod.CREATE,
                payload=task,
                description=f"{kind.value} {alarm.parameter.name}",
                patient_id=alarm.patient_id,
            )
        self._on_queued()
        return action
