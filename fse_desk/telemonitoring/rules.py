"""Alarm rules: pure functions from a plan and readings to alarms.

Thresholds come from the patient's plan; the published defaults below apply only
to a parameter the plan gives no threshold for. A type I plan is reviewed
periodically and raises no automatic alarm. Readings may arrive duplicated and out
of order: a :class:`Track` is de-duplicated and sorted. "Days" are calendar days in
Europe/Rome, so a 3-day window across a DST change covers the days a clinician counts.
"""

from __future__ import annotations

import enum
import itertools
import statistics
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date

import numpy as np

from fse_desk._types import PatientId
from fse_desk.domain.reading_track import Track
from fse_desk.domain.telemonitoring import (
    DIASTOLIC,
    SYSTOLIC,
    MonitoringType,
    Parameter,
    Plan,
    Reading,
    Threshold,
)


class Severity(enum.IntEnum):
    LOW = 1
    MEDIUM = 2
    HIGH = 3


class Rule(enum.Enum):
    BELOW_RANGE = "below_range"
    ABOVE_RANGE = "above_range"
    WEIGHT_GAIN = "weight_gain"
    SPO2_DROP = "spo2_drop"


# The guide's example thresholds, used only when a plan names none for a parameter.
PUBLISHED_DEFAULTS: tuple[Threshold, ...] = (
    Threshold(Parameter.WEIGHT, change=2.0, window_days=3, condition="+2 kg in 3 giorni"),
    Threshold(Parameter.BLOOD_PRESSURE, 90, 160, component=SYSTOLIC),
    Threshold(Parameter.BLOOD_PRESSURE, 50, 100, component=DIASTOLIC),
    Threshold(Parameter.HEART_RATE, 50, 110),
    Threshold(Parameter.SPO2, 92, 100),
    # Consensus glucose levels (Battelino 2019): level 2 hypoglycaemia < 54, very high > 250.
    Threshold(Parameter.GLUCOSE, 54, 250),
)
SPO2_DROP_POINTS = 4.0  # a fall of 4 points from the patient's own baseline
SPO2_BASELINE_DAYS = 7
SPO2_BASELINE_MIN_READINGS = 3
# Consecutive out-of-range readings closer than this are one episode (CGM every 5 min).
EPISODE_GAP_S = 3600.0
# Rounding before comparing with a threshold: 71.3 - 69.3 is 2.0, not 2.0000000000000018.
_DECIMALS = 3
_EPOCH_ORDINAL = date(1970, 1, 1).toordinal()


@dataclass(frozen=True, slots=True)
class Alarm:
    """A rule that fired. ``key`` is stable across evaluations (patient, parameter, rule,
    first reading of the episode), so the inbox keeps its state when rules run again."""

    key: str
    patient_id: PatientId
    parameter: Parameter
    rule: Rule
    severity: Severity
    value: float
    reading: Reading
    limit: float
    condition: str = ""
    column: int = 0  # which of the reading's values (1: diastolic)


def effective_thresholds(plan: Plan, parameter: Parameter) -> tuple[Threshold, ...]:
    """The plan's thresholds for ``parameter``; the published defaults if it gives none."""
    own = plan.thresholds_for(parameter)
    if own:
        return own
    return tuple(t for t in PUBLISHED_DEFAULTS if t.parameter is parameter)


def evaluate(
    plan: Plan, tracks: Mapping[Parameter, Track], until: date | None = None
) -> list[Alarm]:
    """Every alarm the plan's rules raise on the patient's readings of the plan's period
    (none for type I). ``until`` ends the period earlier: the day before a later plan
    took over (see :mod:`fse_desk.telemonitoring.plans`)."""
    if plan.monitoring_type is MonitoringType.TYPE_I:
        return []
    first = plan.start.toordinal() - _EPOCH_ORDINAL
    last = min(plan.last_day, until or plan.end).toordinal() - _EPOCH_ORDINAL
    alarms: list[Alarm] = []
    for parameter in plan.parameters:
        whole = tracks.get(parameter)
        if whole is None or len(whole) == 0 or whole.patient_id != plan.patient_id:
            continue
        track = whole.within_days(first, last)
        if len(track) == 0:
            continue
        for threshold in effective_thresholds(plan, parameter):
            if threshold.change is not None:
                alarms += weight_gain_alarms(track, threshold)
            else:
                alarms += range_alarms(track, threshold)
        if parameter is Parameter.SPO2:
            alarms += spo2_drop_alarms(track)
    return sorted(alarms, key=lambda a: (a.reading.at, a.key))


def evaluate_readings(plan: Plan, readings: Iterable[Reading]) -> list[Alarm]:
    """:func:`evaluate` on records (any order, duplicates allowed)."""
    readings = list(readings)
    tracks = {p: Track.of(plan.patient_id, p, readings) for p in plan.parameters}
    return evaluate(plan, tracks)


def range_alarms(track: Track, threshold: Threshold) -> list[Alarm]:
    """One alarm per episode of readings outside [low, high] (the limits are in range):
    the episode's worst reading. An episode ends at an in-range reading or a gap."""
    column = 1 if threshold.component == DIASTOLIC else 0
    values = np.round(track.values[:, column], _DECIMALS)
    code = np.zeros(values.size, dtype=np.int8)
    if threshold.low is not None:
        code[values < threshold.low] = 1
    if threshold.high is not None:
        code[values > threshold.high] = 2
    out = np.flatnonzero(code)
    if out.size == 0:
        return []
    # An episode starts where the code changes, or after a gap, or after an in-range reading.
    starts = np.ones(out.size, dtype=bool)
    starts[1:] = (
        (np.diff(out) > 1)
        | (code[out[1:]] != code[out[:-1]])
        | (np.diff(track.times[out]) > EPISODE_GAP_S)
    )
    bounds = np.append(np.flatnonzero(starts), out.size)
    alarms = []
    for first, stop in itertools.pairwise(bounds):
        members = out[first:stop]
        below = code[members[0]] == 1
        worst = members[np.argmin(values[members]) if below else np.argmax(values[members])]
        limit = threshold.low if below else threshold.high
        assert limit is not None
        rule = Rule.BELOW_RANGE if below else Rule.ABOVE_RANGE
        alarms.append(
            _alarm(
                track,
                rule,
                int(worst),
                float(values[worst]),
                limit,
                threshold,
                anchor=int(members[0]),
            )
        )
    return alarms


def weight_gain_alarms(track: Track, threshold: Threshold) -> list[Alarm]:
    """An alarm when a weight exceeds the lowest weight of the previous ``window_days``
    calendar days (the baseline) by more than ``change`` kg; at most one a day."""
    assert threshold.change is not None and threshold.window_days is not None
    days = track.local_days()
    # Each reading's window starts at the first reading of its first day. Python lists:
    # a window holds a handful of weights, too few for numpy's per-call cost to pay.
    starts = np.searchsorted(days, days - threshold.window_days, side="left").tolist()
    weights = np.round(track.values[:, 0], _DECIMALS).tolist()
    day_list = days.tolist()
    alarms: list[Alarm] = []
    last_alarm_day = None
    for n in range(1, len(weights)):
        start = starts[n]
        if start >= n or day_list[n] == last_alarm_day:
            continue  # no baseline in the window, or already alarmed today
        baseline = min(weights[start:n])
        gain = round(weights[n] - baseline, _DECIMALS)
        if gain > threshold.change:
            last_alarm_day = day_list[n]
            alarms.append(
                _alarm(track, Rule.WEIGHT_GAIN, n, gain, baseline + threshold.change, threshold)
            )
    return alarms


def spo2_baseline(track: Track, day: int) -> float | None:
    """Median SpO2 over the ``SPO2_BASELINE_DAYS`` calendar days before ``day`` (days since
    the epoch, Rome), or None with fewer than ``SPO2_BASELINE_MIN_READINGS`` readings."""
    days = track.local_days()
    lo, hi = np.searchsorted(days, [day - SPO2_BASELINE_DAYS, day])
    return _median(track.values[lo:hi, 0].tolist())


def _median(window: list[float]) -> float | None:
    # A week holds a dozen readings: the standard library beats numpy on lists this small.
    if len(window) < SPO2_BASELINE_MIN_READINGS:
        return None
    return float(statistics.median(window))


def spo2_drop_alarms(track: Track) -> list[Alarm]:
    """An alarm when SpO2 falls by ``SPO2_DROP_POINTS`` or more below the patient's own
    baseline (a COPD exacerbation), even while still above the plan's threshold."""
    days = track.local_days()
    values = np.round(track.values[:, 0], _DECIMALS)
    listed = values.tolist()
    # The days are in order: their distinct values without np.unique's sort.
    unique = days[np.concatenate(([True], days[1:] != days[:-1]))]
    starts = np.searchsorted(days, unique - SPO2_BASELINE_DAYS)
    firsts = np.searchsorted(days, unique)
    ends = np.searchsorted(days, unique + 1)
    rule_threshold = Threshold(Parameter.SPO2, condition=f"-{SPO2_DROP_POINTS:g} punti dal basale")
    alarms: list[Alarm] = []
    for start, first, end in zip(starts.tolist(), firsts.tolist(), ends.tolist(), strict=True):
        lowest = min(listed[first:end])
        window = listed[start:first]
        if not window or round(max(window) - lowest, _DECIMALS) < SPO2_DROP_POINTS:
            continue  # the median cannot be 4 points above: spare computing it
        baseline = _median(window)
        if baseline is None or round(baseline - lowest, _DECIMALS) < SPO2_DROP_POINTS:
            continue
        n = first + listed[first:end].index(lowest)
        alarms.append(
            _alarm(track, Rule.SPO2_DROP, n, lowest, baseline - SPO2_DROP_POINTS, rule_threshold)
        )
    return alarms


_SEVERITY = {
    (Parameter.GLUCOSE, Rule.BELOW_RANGE): Severity.HIGH,
    (Parameter.SPO2, Rule.BELOW_RANGE): Severity.HIGH,
    (Parameter.WEIGHT, Rule.WEIGHT_GAIN): Severity.HIGH,
    (Parameter.HEART_RATE, Rule.BELOW_RANGE): Severity.HIGH,
}


def _alarm(
    track: Track,
    rule: Rule,
    index: int,
    value: float,
    limit: float,
    threshold: Threshold,
    anchor: int | None = None,
) -> Alarm:
    component = f":{threshold.component}" if threshold.component else ""
    first_key = track.keys[index if anchor is None else anchor]
    return Alarm(
        key=f"{track.patient_id}:{track.parameter.name}{component}:{rule.value}:{first_key}",
        patient_id=track.patient_id,
        parameter=track.parameter,
        rule=rule,
        severity=_SEVERITY.get((track.parameter, rule), Severity.MEDIUM),
        value=value,
        reading=track.reading(index),
        limit=limit,
        condition=threshold.condition,
        column=1 if threshold.component == DIASTOLIC else 0,
    )
