"""Which plan's thresholds apply when (hazard H-20).

A patient may have had several plans: a plan lasts at most a year and is renewed, or
is replaced early when the team changes its thresholds. A plan applies from its first
day to its last, or to the day before a later plan starts (it is then superseded);
after its last day it has expired and raises no automatic alarm, so an old threshold
never judges a new reading. A plan the team revoked or completed early stops on the day
it was stopped.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from fse_desk.domain.reading_track import Track
from fse_desk.domain.telemonitoring import Parameter, Plan
from fse_desk.telemonitoring.rules import Alarm, evaluate


class PlanState(enum.Enum):
    ACTIVE = "active"
    NOT_STARTED = "not_started"
    EXPIRED = "expired"
    STOPPED = "stopped"  # revoked or completed by the team before its end
    SUPERSEDED = "superseded"


@dataclass(frozen=True, slots=True)
class PlanWindow:
    """The days (Rome calendar, both included) on which ``plan``'s thresholds apply."""

    plan: Plan
    first: date
    last: date


def _chronological(plans: Iterable[Plan]) -> list[Plan]:
    # Two plans starting the same day: the one signed later replaced the other.
    return sorted(plans, key=lambda p: (p.start, p.signed_at is not None, p.signed_at, p.id))


def plan_windows(plans: Iterable[Plan]) -> list[PlanWindow]:
    """Each plan's window, oldest first; a plan replaced before it started has none."""
    ordered = _chronological(plans)
    windows = []
    for n, plan in enumerate(ordered):
        last = plan.last_day
        if n + 1 < len(ordered):
            last = min(last, ordered[n + 1].start - timedelta(days=1))
        if last >= plan.start:
            windows.append(PlanWindow(plan, plan.start, last))
    return windows


def current_plan(plans: Sequence[Plan], today: date) -> Plan | None:
    """The plan to show: the latest one started by ``today`` (even if expired, so the
    team sees that it expired), else the next one to start."""
    ordered = _chronological(plans)
    started = [p for p in ordered if p.start <= today]
    if started:
        return started[-1]
    return ordered[0] if ordered else None


def plan_state(plan: Plan, plans: Sequence[Plan], today: date) -> PlanState:
    """Where ``plan`` stands on ``today`` among the patient's ``plans``."""
    if plan.start > today:
        return PlanState.NOT_STARTED
    if any(p.start > plan.start and p.start <= today for p in plans if p.id != plan.id):
        return PlanState.SUPERSEDED
    if plan.last_day >= today:
        return PlanState.ACTIVE
    return PlanState.EXPIRED if plan.last_day == plan.end else PlanState.STOPPED


def evaluate_plans(plans: Sequence[Plan], tracks: Mapping[Parameter, Track]) -> list[Alarm]:
    """Every alarm of the patient's readings, each judged by the plan applying that day."""
    alarms: list[Alarm] = []
    for window in plan_windows(plans):
        alarms += evaluate(window.plan, tracks, until=window.last)
    return sorted(alarms, key=lambda a: (a.reading.at, a.key))
