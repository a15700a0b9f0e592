"""Alarm rules with the guideline figures, at and around each boundary."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import numpy as np
import pytest

from fse_desk.domain.identifiers import ROME as ROME_ZONE
from fse_desk.domain.reading_track import Track, rome_offsets
from fse_desk.domain.telemonitoring import SYSTOLIC, MonitoringType, Parameter, Reading, Threshold
from fse_desk.errors import InvalidRecord
from fse_desk.telemonitoring.home_bp import HomeBpVerdict, home_bp_protocol
from fse_desk.telemonitoring.rules import Rule, Severity, evaluate_readings
from tests.telemonitoring_support import PID, plan, reading, rome

W, BP, SPO2, HR = Parameter.WEIGHT, Parameter.BLOOD_PRESSURE, Parameter.SPO2, Parameter.HEART_RATE
HF_RULE = Threshold(W, change=2.0, window_days=3, condition="+2 kg in 3 giorni")


def weights(*kg: float, start: date = date(2026, 5, 4)) -> list:
    return [
        reading(W, rome(start.year, start.month, start.day) + timedelta(days=n), v)
        for n, v in enumerate(kg)
    ]


@pytest.mark.parametrize(("last", "alarms"), [(72.0, 0), (72.1, 1), (71.9, 0), (71.3 + 0.7, 0)])
def test_weight_gain_fires_only_above_two_kg_in_three_days(last: float, alarms: int) -> None:
    fired = evaluate_readings(plan(HF_RULE, parameters=(W,)), weights(70.0, 70.5, 71.0, last))
    assert len(fired) == alarms
    if alarms:
        assert fired[0].rule is Rule.WEIGHT_GAIN and fired[0].severity is Severity.HIGH
        assert fired[0].value == pytest.approx(last - 70.0)


def test_weight_gain_baseline_older_than_the_window_is_not_used() -> None:
    # 70 kg four days before, 71 since: +2.1 against day -4 is outside the 3-day window.
    assert evaluate_readings(plan(HF_RULE, parameters=(W,)), weights(70.0, 71, 71, 71, 72.1)) == []


def test_plan_threshold_wins_over_the_default() -> None:
    strict = Threshold(W, change=1.0, window_days=2, condition="+1 kg in 2 giorni")
    series = weights(70.0, 70.6, 71.2)
    assert evaluate_readings(plan(parameters=(W,)), series) == []  # default +2 kg / 3 days
    fired = evaluate_readings(plan(strict, parameters=(W,)), series)
    assert [a.condition for a in fired] == ["+1 kg in 2 giorni"]


def test_weight_window_counts_calendar_days_across_dst() -> None:
    # Clocks go forward on 29/03/2026: from 26/03 08:00 to 29/03 08:00 is 71 hours.
    series = [reading(W, rome(2026, 3, 26), 70.0), reading(W, rome(2026, 3, 29), 72.5)]
    fired = evaluate_readings(plan(HF_RULE, parameters=(W,)), series)
    assert len(fired) == 1 and fired[0].reading.at == rome(2026, 3, 29)


def test_duplicates_and_out_of_order_readings_count_once() -> None:
    series = weights(70.0, 71.0, 72.5)
    shuffled = [series[2], series[0], series[1], series[2], series[0]]
    fired = evaluate_readings(plan(HF_RULE, parameters=(W,)), shuffled)
    assert len(fired) == 1 and fired[0].value == pytest.approx(2.5)


def test_missing_data_raises_no_alarm() -> None:
    assert evaluate_readings(plan(HF_RULE, parameters=(W, SPO2)), []) == []
    assert evaluate_readings(plan(HF_RULE, parameters=(W,)), weights(75.0)) == []


@pytest.mark.parametrize(
    ("systolic", "diastolic", "rules"),
    [
        (160, 100, []),
        (161, 100, [Rule.ABOVE_RANGE]),
        (90, 50, []),
        (89, 50, [Rule.BELOW_RANGE]),
        (120, 101, [Rule.ABOVE_RANGE]),
        (120, 49, [Rule.BELOW_RANGE]),
    ],
)
def test_blood_pressure_range_from_the_guide(
    systolic: float, diastolic: float, rules: list
) -> None:
    fired = evaluate_readings(
        plan(parameters=(BP,)), [reading(BP, rome(2026, 5, 4), systolic, diastolic)]
    )
    assert [a.rule for a in fired] == rules


def test_heart_rate_and_spo2_limits_are_inside_the_range() -> None:
    at = rome(2026, 5, 4)
    edge = [reading(HR, at, 50), reading(HR, at + timedelta(hours=2), 110), reading(SPO2, at, 92)]
    assert evaluate_readings(plan(parameters=(HR, SPO2)), edge) == []
    out = [reading(HR, at, 49), reading(HR, at + timedelta(hours=2), 111), reading(SPO2, at, 91)]
    fired = evaluate_readings(plan(parameters=(HR, SPO2)), out)
    assert sorted((a.parameter.name, a.rule.value) for a in fired) == [
        ("HEART_RATE", "above_range"),
        ("HEART_RATE", "below_range"),
        ("SPO2", "below_range"),
    ]


def test_plan_range_for_one_component_leaves_the_other_to_the_plan_only() -> None:
    own = Threshold(BP, 100, 140, component=SYSTOLIC)
    fired = evaluate_readings(
        plan(own, parameters=(BP,)), [reading(BP, rome(2026, 5, 4), 150, 105)]
    )
    # The plan gives a systolic range: 150 alarms; it names no diastolic threshold, and the
    # plan (not the defaults) rules the parameter, so 105 diastolic raises nothing.
    assert [(a.rule, a.limit) for a in fired] == [(Rule.ABOVE_RANGE, 140)]


def test_type_i_plan_raises_no_automatic_alarm() -> None:
    p = plan(HF_RULE, parameters=(W,), monitoring_type=MonitoringType.TYPE_I)
    assert evaluate_readings(p, weights(70.0, 75.0)) == []


def test_continuous_low_glucose_is_one_episode() -> None:
    g = Parameter.GLUCOSE
    start = rome(2026, 5, 4, 2)
    values = [80, 60, 53, 50, 52, 60, 80, 53]
    series = [reading(g, start + timedelta(minutes=5 * n), v) for n, v in enumerate(values)]
    fired = evaluate_readings(plan(parameters=(g,)), series)
    assert [(a.rule, a.value) for a in fired] == [(Rule.BELOW_RANGE, 50), (Rule.BELOW_RANGE, 53)]
    assert fired[0].severity is Severity.HIGH


def spo2_days(values_by_day: list[float]) -> list:
    return [
        reading(SPO2, rome(2026, 10, 20, 9) + timedelta(days=n), v)
        for n, v in enumerate(values_by_day)
    ]


@pytest.mark.parametrize(("today", "alarms"), [(93.0, 1), (94.0, 0), (92.5, 1)])
def test_spo2_drop_from_own_baseline(today: float, alarms: int) -> None:
    # Baseline median 97 over the previous days; a fall of 4 points alarms while still >= 92.
    fired = evaluate_readings(plan(parameters=(SPO2,)), spo2_days([97, 96, 97, 98, 97, today]))
    assert [a.rule for a in fired] == [Rule.SPO2_DROP] * alarms


def test_spo2_drop_needs_a_baseline() -> None:
    assert evaluate_readings(plan(parameters=(SPO2,)), spo2_days([97, 93])) == []


def test_spo2_baseline_across_dst_end() -> None:
    # Clocks go back on 25/10/2026; the baseline days are still the 7 calendar days before.
    fired = evaluate_readings(plan(parameters=(SPO2,)), spo2_days([97, 97, 97, 97, 97, 97, 93]))
    assert len(fired) == 1 and fired[0].reading.at == rome(2026, 10, 26, 9)


def test_threshold_low_above_high_is_refused() -> None:
    with pytest.raises(InvalidRecord, match="low 100 above high 90"):
        Threshold(SPO2, 100, 90)


def bp_week(systolic: float, diastolic: float, first_day_systolic: float = 200) -> Track:
    readings: list[Reading] = []
    for day in range(7):
        for hour in (7, 7, 20, 20):
            s = first_day_systolic if day == 0 else systolic
            at = rome(2026, 3, 25 + day, hour) + timedelta(minutes=len(readings))
            readings.append(reading(BP, at, s, diastolic))
    return Track.of(PID, BP, readings)


@pytest.mark.parametrize(
    ("systolic", "diastolic", "verdict"),
    [
        (135, 80, HomeBpVerdict.HYPERTENSION),
        (134.9, 84.9, HomeBpVerdict.NORMAL),
        (120, 85, HomeBpVerdict.HYPERTENSION),
    ],
)
def test_home_bp_protocol_threshold(
    systolic: float, diastolic: float, verdict: HomeBpVerdict
) -> None:
    result = home_bp_protocol(bp_week(systolic, diastolic))
    assert result.verdict is verdict
    # Day 1 (systolic 200) is discarded: 6 days x 4 readings, across the DST change of 29/03.
    assert result.readings_used == 24
    assert result.mean_systolic == pytest.approx(systolic)


def test_home_bp_protocol_needs_enough_readings() -> None:
    track = Track.of(PID, BP, [reading(BP, rome(2026, 5, d), 150, 95) for d in range(1, 8)])
    result = home_bp_protocol(track)
    assert result.verdict is HomeBpVerdict.INSUFFICIENT and result.readings_used == 6
    assert result.first_day == date(2026, 5, 1) and result.last_day == date(2026, 5, 7)


@pytest.mark.parametrize("shuffle", [False, True])
def test_rome_offsets_match_zoneinfo_across_dst_changes(shuffle: bool) -> None:
    # Every 10 minutes around both 2026 changes, plus readings spread over three years.
    spring = datetime(2026, 3, 29, tzinfo=UTC).timestamp()
    autumn = datetime(2026, 10, 25, tzinfo=UTC).timestamp()
    times = np.concatenate(
        [
            np.arange(spring - 7200, spring + 4 * 3600, 600.0),
            np.arange(autumn - 7200, autumn + 4 * 3600, 600.0),
            np.linspace(
                datetime(2025, 1, 1, tzinfo=UTC).timestamp(),
                datetime(2027, 12, 31, tzinfo=UTC).timestamp(),
                997,
            ),
        ]
    )
    times = np.random.default_rng(3).permutation(times) if shuffle else np.sort(times)
    expected = [
        datetime.fromtimestamp(t, UTC).astimezone(ROME_ZONE).utcoffset().total_seconds()  # type: ignore[union-attr]
        for t in times.tolist()
    ]
    assert rome_offsets(times).tolist() == expected
    # The change itself: 01:00 UTC is the first instant of the new offset.
    at = datetime(2026, 3, 29, 1, tzinfo=UTC).timestamp()
    assert rome_offsets(np.array([at - 1, at])).tolist() == [3600, 7200]
