"""The team's actions on an alarm, as FHIR Tasks, and the alarm's state folded from them.

Why Task, one per action, append-only: an action has an author, a time, an owner
(take charge, assign), a note and, on closing, an outcome (``statusReason``) —
what a Task carries — and ``focus`` points at the reading that fired, ``for`` at the
patient. Each action is a new Task created through the outbox (client-generated
identifier, conditional create), so it works offline and a resend never duplicates
it; nothing is ever updated in place, so one nurse's action cannot overwrite
another's. ``partOf`` names (by identifier) the actions its author had seen. Two
state-changing actions by different people where neither had seen the other are a
*conflict*: both are shown, until a later action that has seen both settles it.
Flag (a bare marker) and Communication (a message sent) carry neither owner nor
outcome; a Communication may come later for "called the patient".
"""

from __future__ import annotations

import enum
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from fse_desk._types import PatientId
from fse_desk.connectors.fhir_mapping import parse_instant
from fse_desk.connectors.push import IDENTIFIER_SYSTEM
from fse_desk.domain import telemonitoring_codes as codes
from fse_desk.errors import InvalidRecord
from fse_desk.telemonitoring.rules import Alarm


class ActionKind(enum.Enum):
    TAKE_CHARGE = "take-charge"
    ASSIGN = "assign"
    NOTE = "note"
    CLOSE = "close"


class Outcome(enum.Enum):
    CALLED_PATIENT = "called-patient"
    CHANGED_THERAPY = "changed-therapy"
    BOOKED_VISIT = "booked-visit"
    NO_ACTION_NEEDED = "no-action-needed"


class AlarmStatus(enum.Enum):
    NEW = "new"
    IN_CHARGE = "in-charge"
    CLOSED = "closed"


_TASK_STATUS = {
    ActionKind.TAKE_CHARGE: "accepted",
    ActionKind.ASSIGN: "accepted",
    ActionKind.NOTE: "in-progress",
    ActionKind.CLOSE: "completed",
}
_STATE_CHANGING = frozenset({ActionKind.TAKE_CHARGE, ActionKind.ASSIGN, ActionKind.CLOSE})


@dataclass(frozen=True, slots=True)
class Action:
    key: str  # the Task's urn:uuid identifier
    alarm_key: str
    patient_id: PatientId
    kind: ActionKind
    author: str
    at: datetime
    parents: tuple[str, ...] = ()  # keys of the actions the author had seen
    assignee: str = ""
    text: str = ""
    outcome: Outcome | None = None

    def __post_init__(self) -> None:
        if self.kind is ActionKind.ASSIGN and not self.assignee.strip():
            raise InvalidRecord("assign to whom?", field="assignee")
        if self.kind is ActionKind.CLOSE and self.outcome is None:
            raise InvalidRecord("closing an alarm needs an outcome", field="outcome")
        if self.kind is ActionKind.NOTE and not self.text.strip():
            raise InvalidRecord("an empty note", field="note")
        if self.at.tzinfo is None:
            raise InvalidRecord("an action's time needs a time zone", field="at")


@dataclass(frozen=True, slots=True)
class InboxItem:
    alarm: Alarm
    status: AlarmStatus
    owner: str
    actions: tuple[Action, ...]  # in time order
    conflicts: tuple[tuple[Action, Action], ...] = ()
    unsent: int = 0  # actions recorded here, not yet back from the server

    @property
    def leaves(self) -> tuple[str, ...]:
        seen = {p for a in self.actions for p in a.parents}
        return tuple(a.key for a in self.actions if a.key not in seen)


def to_task(action: Action, alarm: Alarm) -> dict[str, Any]:
    task: dict[str, Any] = {
        "resourceType": "Task",
        "identifier": [
            {"system": IDENTIFIER_SYSTEM, "value": action.key},
            {"system": codes.ALARM_SYSTEM, "value": action.alarm_key},
        ],
        "status": _TASK_STATUS[action.kind],
        "intent": "order",
        "code": {"coding": [{"system": codes.ALARM_ACTION_SYSTEM, "code": action.kind.value}]},
        "description": f"{alarm.parameter.name} {alarm.rule.value}",
        "focus": {"identifier": {"value": alarm.reading.key}},
        "for": {"reference": f"Patient/{action.patient_id}"},
        "authoredOn": action.at.isoformat(),
        "lastModified": action.at.isoformat(),
        "requester": {"display": action.author},
    }
    if action.parents:
        task["partOf"] = [
            {"identifier": {"system": IDENTIFIER_SYSTEM, "value": p}} for p in action.parents
        ]
    if action.assignee:
        task["owner"] = {"display": action.assignee}
    if action.text:
        task["note"] = [
            {"authorString": action.author, "time": action.at.isoformat(), "text": action.text}
        ]
    if action.outcome is not None:
        task["statusReason"] = {
            "coding": [{"system": codes.OUTCOME_SYSTEM, "code": action.outcome.value}]
        }
    return task


def from_task(task: Mapping[str, Any]) -> Action:
    """An action from its Task (ours or another workstation's); InvalidRecord if unreadable."""
    values = {i.get("system"): str(i.get("value", "")) for i in task.get("identifier", [])}
    key, alarm_key = values.get(IDENTIFIER_SYSTEM), values.get(codes.ALARM_SYSTEM)
    codings = task.get("code", {}).get("coding", [])
    kinds = [c.get("code") for c in codings if c.get("system") == codes.ALARM_ACTION_SYSTEM]
    patient = str(task.get("for", {}).get("reference", "")).removeprefix("Patient/")
    try:
        if not key or not alarm_key or not kinds or not patient:
            raise ValueError("identifier, code or patient missing")
        reason = [
            c.get("code")
            for c in task.get("statusReason", {}).get("coding", [])
            if c.get("system") == codes.OUTCOME_SYSTEM
        ]
        notes = task.get("note", [])
        return Action(
            key=key,
            alarm_key=alarm_key,
            patient_id=PatientId(patient),
            kind=ActionKind(kinds[0]),
            author=str(task.get("requester", {}).get("display", "")),
            at=parse_instant(str(task["authoredOn"])),
            parents=tuple(
                str(p.get("identifier", {}).get("value", "")) for p in task.get("partOf", [])
            ),
            assignee=str(task.get("owner", {}).get("display", "")),
            text=str(notes[0].get("text", "")) if notes else "",
            outcome=Outcome(reason[0]) if reason else None,
        )
    except (KeyError, ValueError) as exc:
        raise InvalidRecord(
            f"Task/{task.get('id', '?')}: not an alarm action ({exc})", field="Task"
        ) from exc


def _ancestors(actions: Mapping[str, Action], key: str) -> set[str]:
    seen: set[str] = set()
    todo = list(actions[key].parents) if key in actions else []
    while todo:
        parent = todo.pop()
        if parent not in seen:
            seen.add(parent)
            if parent in actions:
                todo.extend(actions[parent].parents)
    return seen


def fold(alarm: Alarm, actions: Iterable[Action], unsent: int = 0) -> InboxItem:
    """The alarm's state from every action known (any order, duplicates by key ignored)."""
    by_key = {a.key: a for a in actions}
    ordered = tuple(sorted(by_key.values(), key=lambda a: (a.at, a.key)))
    ancestors = {k: _ancestors(by_key, k) for k in by_key}
    changing = [a for a in ordered if a.kind in _STATE_CHANGING]
    conflicts = []
    for n, first in enumerate(changing):
        for second in changing[n + 1 :]:
            concurrent = (
                first.key not in ancestors[second.key] and second.key not in ancestors[first.key]
            )
            settled = any({first.key, second.key} <= ancestors[a.key] for a in ordered)
            if concurrent and first.author != second.author and not settled:
                conflicts.append((first, second))
    status, owner = AlarmStatus.NEW, ""
    for action in changing:
        if action.kind is ActionKind.CLOSE:
            status = AlarmStatus.CLOSED
        else:
            status = AlarmStatus.IN_CHARGE
            owner = action.assignee or action.author
    return InboxItem(alarm, status, owner, ordered, tuple(conflicts), unsent)
