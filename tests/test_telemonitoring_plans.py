"""Hazard H-20: only the plan in force on a reading's day judges it.

An expired plan raises no alarm on readings after its last day; a plan replaced by a
newer one stops applying the day before the newer one starts.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from fse_desk.domain.reading_track import Track
from fse_desk.domain.telemonitoring import Parameter, Threshold
from fse_desk.telemonitoring.plans import (
    PlanState,
    current_plan,
    evaluate_plans,
    plan_state,
    plan_windows,
)
from fse_desk.telemonitoring.rules import Rule
from tests.telemonitoring_support import PID, plan, reading, rome

G = Parameter.GLUCOSE


def glucose(*points: tuple[date, float]) -> dict[Parameter, Track]:
    # 23:30 in Rome is already the next day in UTC: a plan's days are Rome days.
    readings = [reading(G, rome(d.year, d.month, d.day, 23, 30), v) for d, v in points]
    return {G: Track.of(PID, G, readings)}


def test_expired_plan_stops_raising_alarms_after_its_last_day() -> None:
    expiring = plan(Threshold(G, 70, 180), parameters=(G,), end=date(2026, 6, 30))
    tracks = glucose((date(2026, 6, 30), 40.0), (date(2026, 7, 1), 41.0), (date(2026, 8, 1), 400))
    fired = evaluate_plans([expiring], tracks)
    assert [(a.reading.at, a.value) for a in fired] == [(rome(2026, 6, 30, 23, 30), 40.0)]
    assert plan_state(expiring, [expiring], date(2026, 6, 30)) is PlanState.ACTIVE
    assert plan_state(expiring, [expiring], date(2026, 7, 1)) is PlanState.EXPIRED
    # The expired plan is still the one shown (with its state), not "no plan".
    assert current_plan([expiring], date(2026, 9, 1)) is expiring


def test_readings_before_a_plan_starts_are_not_judged_by_it() -> None:
    later = plan(Threshold(G, 70, 180), parameters=(G,), start=date(2026, 3, 1))
    fired = evaluate_plans([later], glucose((date(2026, 2, 28), 40.0), (date(2026, 3, 1), 41.0)))
    assert [a.value for a in fired] == [41.0]
    assert plan_state(later, [later], date(2026, 2, 28)) is PlanState.NOT_STARTED


def test_superseded_plan_thresholds_no_longer_apply() -> None:
    # The team raised the upper glucose limit from 180 to 300 from 01/06.
    old = plan(Threshold(G, 70, 180), parameters=(G,), plan_id="old")
    new = plan(Threshold(G, 70, 300), parameters=(G,), start=date(2026, 6, 1), plan_id="new")
    tracks = glucose(
        (date(2026, 5, 31), 250.0),  # above the old limit, while the old plan applies
        (date(2026, 6, 1), 100.0),
        (date(2026, 6, 2), 250.0),  # above the old limit only: no alarm any more
        (date(2026, 6, 3), 120.0),
        (date(2026, 6, 4), 310.0),  # above the new limit
    )
    fired = evaluate_plans([new, old], tracks)  # any order
    assert [(a.rule, a.value, a.limit) for a in fired] == [
        (Rule.ABOVE_RANGE, 250.0, 180.0),
        (Rule.ABOVE_RANGE, 310.0, 300.0),
    ]
    windows = [(w.plan.id, w.first, w.last) for w in plan_windows([new, old])]
    assert windows == [
        ("old", date(2026, 1, 1), date(2026, 5, 31)),
        ("new", date(2026, 6, 1), date(2026, 12, 31)),
    ]
    assert plan_state(old, [old, new], date(2026, 6, 1)) is PlanState.SUPERSEDED
    assert plan_state(old, [old, new], date(2026, 5, 31)) is PlanState.ACTIVE
    assert current_plan([old, new], date(2026, 6, 1)) is new
    assert current_plan([old, new], date(2026, 5, 31)) is old


def test_a_stricter_new_plan_applies_from_its_first_day_only() -> None:
    old = plan(Threshold(G, 70, 300), parameters=(G,), plan_id="old")
    new = plan(Threshold(G, 70, 180), parameters=(G,), start=date(2026, 6, 1), plan_id="new")
    fired = evaluate_plans([old, new], glucose((date(2026, 5, 31), 250.0), (date(2026, 6, 1), 250)))
    assert [(a.reading.at, a.limit) for a in fired] == [(rome(2026, 6, 1, 23, 30), 180.0)]


def test_a_plan_replaced_before_it_started_never_applies() -> None:
    first = plan(Threshold(G, 70, 180), parameters=(G,), start=date(2026, 6, 1), plan_id="a")
    second = plan(Threshold(G, 70, 300), parameters=(G,), start=date(2026, 6, 1), plan_id="b")
    # Same first day: the id breaks the tie when neither carries a signature time.
    assert [w.plan.id for w in plan_windows([first, second])] == ["b"]
    assert evaluate_plans([first, second], glucose((date(2026, 6, 2), 250.0))) == []


def test_a_plan_revoked_early_stops_on_the_day_it_was_stopped() -> None:
    from fse_desk.connectors.telemonitoring_fhir import plan_from

    careplan = {
        "resourceType": "CarePlan",
        "id": "cp-revoked",
        "status": "revoked",
        "subject": {"reference": f"Patient/{PID}"},
        "period": {"start": "2026-01-01", "end": "2026-12-31"},
        # 23:30 UTC on 10/03 is already 11/03 in Rome: the plan applies through 11/03.
        "meta": {"versionId": "2", "lastUpdated": "2026-03-10T23:30:00Z"},
    }
    revoked = plan_from(careplan, {}, {}, {})
    assert revoked.stopped_on == date(2026, 3, 11) and revoked.last_day == date(2026, 3, 11)
    active = plan_from({**careplan, "status": "active"}, {}, {}, {})
    assert active.stopped_on is None and active.last_day == date(2026, 12, 31)

    stopped = replace(plan(Threshold(G, 70, 180), parameters=(G,)), stopped_on=date(2026, 3, 11))
    tracks = glucose((date(2026, 3, 11), 40.0), (date(2026, 3, 12), 41.0), (date(2026, 6, 1), 400))
    fired = evaluate_plans([stopped], tracks)
    assert [a.value for a in fired] == [40.0]  # nothing after the day it was stopped
    assert plan_state(stopped, [stopped], date(2026, 3, 11)) is PlanState.ACTIVE
    assert plan_state(stopped, [stopped], date(2026, 3, 12)) is PlanState.STOPPED
    # Running to its end date, the same plan would have alarmed on all three.
    assert len(evaluate_plans([replace(stopped, stopped_on=None)], tracks)) == 3
