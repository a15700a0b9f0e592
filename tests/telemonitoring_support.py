"""Builders of telemonitoring plans and readings for the tests."""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

from fse_desk._types import PatientId
from fse_desk.domain.telemonitoring import (
    Activity,
    MonitoringType,
    Parameter,
    Plan,
    Programme,
    Reading,
    ReadingSource,
    Threshold,
)

ROME = ZoneInfo("Europe/Rome")
PID = PatientId("p1")


def plan(
    *thresholds: Threshold,
    parameters: tuple[Parameter, ...] = (),
    monitoring_type: MonitoringType = MonitoringType.TYPE_II,
    start: date = date(2026, 1, 1),
    end: date = date(2026, 12, 31),
    plan_id: str = "cp1",
) -> Plan:
    activities = tuple(Activity(p, 1) for p in parameters)
    return Plan(
        id=plan_id,
        patient_id=PID,
        title="Piano",
        start=start,
        end=end,
        monitoring_type=monitoring_type,
        programmes=(Programme.HEART_FAILURE,),
        activities=activities,
        thresholds=thresholds,
    )


def reading(parameter: Parameter, at: datetime, *values: float, key: str | None = None) -> Reading:
    return Reading(
        key=key or f"{parameter.name}-{at.isoformat()}",
        patient_id=PID,
        parameter=parameter,
        at=at,
        values=values,
        source=ReadingSource.DEVICE,
    )


def rome(y: int, m: int, d: int, h: int = 8, minute: int = 0) -> datetime:
    return datetime(y, m, d, h, minute, tzinfo=ROME)
