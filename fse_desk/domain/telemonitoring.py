"""Telemonitoring records: the plan (CarePlan and what it points to) and the readings.

The plan follows the HL7 Italia telemonitoring guide: a ``CarePlan`` of at most one
year whose activities name an ``ActivityDefinition`` (how often, when) and an
``ObservationDefinition`` per parameter, whose ``qualifiedInterval.range`` is the
alarm threshold and ``.condition`` its rule text. Devices carry a UDI.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from fse_desk._types import PatientId
from fse_desk.errors import InvalidRecord

MAX_PLAN_DAYS = 366  # "at most one year"; a leap year has 366 days


class Parameter(enum.Enum):
    """What is measured; the value is the LOINC code the readings carry."""

    WEIGHT = "29463-7"
    BLOOD_PRESSURE = "85354-9"  # panel: systolic 8480-6 and diastolic 8462-4
    HEART_RATE = "8867-4"
    SPO2 = "59408-5"
    GLUCOSE = "99504-3"  # interstitial glucose (CGM); capillary 2339-0 is mapped here too
    BODY_TEMPERATURE = "8310-5"
    RESPIRATORY_RATE = "9279-1"

    @property
    def unit(self) -> str:
        return _UNITS[self]


_UNITS = {
    Parameter.WEIGHT: "kg",
    Parameter.BLOOD_PRESSURE: "mm[Hg]",
    Parameter.HEART_RATE: "/min",
    Parameter.SPO2: "%",
    Parameter.GLUCOSE: "mg/dL",
    Parameter.BODY_TEMPERATURE: "Cel",
    Parameter.RESPIRATORY_RATE: "/min",
}
SYSTOLIC = "8480-6"
DIASTOLIC = "8462-4"
# Codes that mean the same parameter for the rules (capillary and blood glucose).
GLUCOSE_CODES = frozenset({"99504-3", "2339-0", "14743-9", "15074-8", "2345-7"})
_BY_LOINC = {p.value: p for p in Parameter}


def parameter_for_loinc(code: str) -> Parameter | None:
    """The parameter a LOINC code measures (any glucose code is the glucose track)."""
    if code in GLUCOSE_CODES:
        return Parameter.GLUCOSE
    return _BY_LOINC.get(code)


class Programme(enum.Enum):
    """The chronic programme a plan follows (CarePlan.addresses)."""

    HEART_FAILURE = "heart_failure"
    COPD = "copd"
    DIABETES = "diabetes"
    HYPERTENSION = "hypertension"


class MonitoringType(enum.Enum):
    """Type I: reviewed periodically, no automatic thresholds. Type II: preset thresholds,
    automatic notification and a traceable response."""

    TYPE_I = "I"
    TYPE_II = "II"


class ReadingSource(enum.Enum):
    DEVICE = "device"  # the telemedicine platform's device
    PROFESSIONAL = "professional"  # measured by a clinician (FSE or this desk)


@dataclass(frozen=True, slots=True)
class Threshold:
    """An ObservationDefinition's alarm interval for one parameter (and component).

    ``low``/``high`` bound the acceptable range; either may be missing. A change rule
    (weight "+2 kg in 3 giorni") has ``change`` (kg) over ``window_days``.
    """

    parameter: Parameter
    low: float | None = None
    high: float | None = None
    component: str | None = None  # SYSTOLIC or DIASTOLIC for blood pressure
    change: float | None = None
    window_days: int | None = None
    condition: str = ""

    def __post_init__(self) -> None:
        if self.low is not None and self.high is not None and self.low > self.high:
            raise InvalidRecord(
                f"threshold for {self.parameter.name}: low {self.low} above high {self.high}",
                field="qualifiedInterval",
            )
        if (self.change is None) != (self.window_days is None):
            raise InvalidRecord(
                "a change threshold needs both an amount and a window", field="condition"
            )
        if self.window_days is not None and self.window_days < 1:
            raise InvalidRecord("a change window is at least one day", field="condition")


@dataclass(frozen=True, slots=True)
class Activity:
    """One planned measurement: what, how often (per day), at which times of day."""

    parameter: Parameter
    times_per_day: int
    times_of_day: tuple[str, ...] = ()  # "morning", "evening", ... as in the guide
    description: str = ""


@dataclass(frozen=True, slots=True)
class Device:
    udi: str
    name: str
    parameters: tuple[Parameter, ...] = ()

    def __post_init__(self) -> None:
        if not self.udi.strip():
            raise InvalidRecord("a telemonitoring device carries a UDI", field="udi")


@dataclass(frozen=True, slots=True)
class Plan:
    """A signed Piano di telemonitoraggio."""

    id: str
    patient_id: PatientId
    title: str
    start: date
    end: date
    monitoring_type: MonitoringType
    programmes: tuple[Programme, ...]
    activities: tuple[Activity, ...]
    thresholds: tuple[Threshold, ...]
    devices: tuple[Device, ...] = ()
    signed_by: str = ""
    signed_at: datetime | None = None
    version_id: str = "1"
    # The day the team stopped the plan before its end (CarePlan revoked or completed);
    # its thresholds apply up to that day only.
    stopped_on: date | None = None

    def __post_init__(self) -> None:
        if self.end < self.start:
            raise InvalidRecord("the plan ends before it starts", field="period")
        if (self.end - self.start) > timedelta(days=MAX_PLAN_DAYS):
            raise InvalidRecord("a telemonitoring plan lasts at most one year", field="period")

    @property
    def last_day(self) -> date:
        """The last day the plan applies: its end, or the day it was stopped if earlier."""
        return self.end if self.stopped_on is None else min(self.end, self.stopped_on)

    def thresholds_for(self, parameter: Parameter) -> tuple[Threshold, ...]:
        return tuple(t for t in self.thresholds if t.parameter is parameter)

    @property
    def parameters(self) -> tuple[Parameter, ...]:
        seen = dict.fromkeys(a.parameter for a in self.activities)
        seen.update(dict.fromkeys(t.parameter for t in self.thresholds))
        return tuple(seen)


@dataclass(frozen=True, slots=True)
class Reading:
    """One measurement at an instant (aware datetime). Blood pressure has two values
    (systolic, diastolic); everything else one. ``key`` identifies it across sources
    (the Observation's identifier, or its id), so one reading is never shown twice."""

    key: str
    patient_id: PatientId
    parameter: Parameter
    at: datetime
    values: tuple[float, ...]
    source: ReadingSource
    performer: str = ""

    def __post_init__(self) -> None:
        if self.at.tzinfo is None:
            raise InvalidRecord("a reading's time needs a time zone", field="effective")
        expected = 2 if self.parameter is Parameter.BLOOD_PRESSURE else 1
        if len(self.values) != expected:
            raise InvalidRecord(
                f"{self.parameter.name} takes {expected} value(s), got {len(self.values)}",
                field="value",
            )

    @property
    def value(self) -> float:
        return self.values[0]
