"""Vital signs measured at home or at the desk: kinds, units, plausible ranges, readings.

Codes are LOINC, units UCUM, as the HL7 Italia telemonitoring guide and the FHIR
vital-signs profile use them. Blood pressure is one reading with two values
(systolic, diastolic), sent as the LOINC 85354-9 panel with two components.
"""

from __future__ import annotations

import enum
import math
from dataclasses import dataclass
from datetime import datetime, timedelta

from fse_desk._types import PatientId
from fse_desk.errors import InvalidRecord


@dataclass(frozen=True, slots=True)
class VitalKind:
    key: str
    loinc: str
    unit: str  # UCUM
    low: float  # plausible range: outside it the value is a typing error, not a finding
    high: float
    decimals: int


class Vital(enum.Enum):
    """The measurements the "Rileva parametri" form offers."""

    BLOOD_PRESSURE = VitalKind("blood_pressure", "85354-9", "mm[Hg]", 20, 300, 0)
    HEART_RATE = VitalKind("heart_rate", "8867-4", "/min", 20, 250, 0)
    SPO2 = VitalKind("spo2", "59408-5", "%", 50, 100, 0)
    BODY_WEIGHT = VitalKind("body_weight", "29463-7", "kg", 1, 400, 1)
    BODY_TEMPERATURE = VitalKind("body_temperature", "8310-5", "Cel", 30, 45, 1)
    CAPILLARY_GLUCOSE = VitalKind("capillary_glucose", "2339-0", "mg/dL", 10, 1000, 0)
    RESPIRATORY_RATE = VitalKind("respiratory_rate", "9279-1", "/min", 4, 80, 0)


SYSTOLIC_LOINC = "8480-6"
DIASTOLIC_LOINC = "8462-4"
# Clock skew between a laptop and the truth: a reading a few minutes "ahead" is fine.
FUTURE_TOLERANCE = timedelta(minutes=5)


@dataclass(frozen=True, slots=True)
class VitalReading:
    """One measurement. ``id`` is generated on the workstation (a UUID) and travels
    to the server as the Observation's identifier, so a resend never duplicates it.
    ``values`` has two items for blood pressure (systolic, diastolic), one otherwise.
    """

    id: str
    patient_id: PatientId
    vital: Vital
    values: tuple[float, ...]
    effective_at: datetime
    performer: str
    performer_id: str | None = None
    note: str = ""

    def __post_init__(self) -> None:
        check_values(self.vital, self.values)
        if self.effective_at.tzinfo is None:
            raise InvalidRecord("measurement time without a time zone", field="effective_at")
        if not self.performer.strip():
            raise InvalidRecord("who measured is required", field="performer")


def check_values(vital: Vital, values: tuple[float, ...]) -> None:
    """Raise InvalidRecord (field = the vital's key) unless ``values`` are plausible."""
    kind = vital.value
    expected = 2 if vital is Vital.BLOOD_PRESSURE else 1
    if len(values) != expected:
        raise InvalidRecord(
            f"{kind.key} takes {expected} value(s), got {len(values)}", field=kind.key
        )
    for value in values:
        if not math.isfinite(value) or not kind.low <= value <= kind.high:
            raise InvalidRecord(
                f"{kind.key} {value} {kind.unit} is outside {kind.low}-{kind.high}",
                field=kind.key,
            )
    if vital is Vital.BLOOD_PRESSURE and values[1] >= values[0]:
        raise InvalidRecord(
            f"diastolic {values[1]} is not below systolic {values[0]}", field="diastolic"
        )


def check_time(effective_at: datetime, now: datetime) -> None:
    if effective_at > now + FUTURE_TOLERANCE:
        raise InvalidRecord("the measurement time is in the future", field="effective_at")
