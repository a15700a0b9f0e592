"""Device streams of telemonitored patients, generated with numpy (fast, deterministic).

Each function returns epoch seconds and values for the last ``days`` days up to the
morning of ``today``, with the episodes a team must notice: a heart-failure
decompensation (weight up over a few days, then down with the diuretic), a COPD
exacerbation (SpO2 falling, heart rate rising), nocturnal hypoglycaemia and
post-meal peaks on the CGM, missed days and device gaps.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import numpy as np
import numpy.typing as npt

ROME = ZoneInfo("Europe/Rome")
CGM_INTERVAL_S = 300
FloatArray = npt.NDArray[np.float64]


@dataclass(frozen=True, slots=True)
class Stream:
    times: FloatArray  # epoch seconds
    values: FloatArray  # (n, k)


def _local_epochs(first: date, days: int, at: time) -> FloatArray:
    """Epoch seconds of the local time ``at`` on each of ``days`` days from ``first``."""
    return np.array(
        [datetime.combine(first + timedelta(days=d), at, ROME).timestamp() for d in range(days)]
    )


def _keep_days(rng: np.random.Generator, days: int, missed_share: float) -> npt.NDArray[np.bool_]:
    """Days with readings: a few missed at random, and one device gap of 3-5 days."""
    keep = rng.random(days) >= missed_share
    gap = int(rng.integers(3, 6))
    start = int(rng.integers(5, max(6, days - gap - 20)))
    keep[start : start + gap] = False
    return keep


def _episode(days: int, start: int, rise: int, fall: int) -> FloatArray:
    """0 → 1 over ``rise`` days from ``start``, back to 0 over ``fall`` days."""
    shape = np.zeros(days)
    up = np.arange(1, rise + 1) / rise
    down = 1 - np.arange(1, fall + 1) / fall
    curve = np.concatenate((up, down))
    end = min(days, start + curve.size)
    shape[start:end] = curve[: end - start]
    return shape


def weight(rng: np.random.Generator, first: date, days: int, baseline: float) -> Stream:
    """Daily morning weight; a decompensation of +3 kg in 4 days in the last month."""
    onset = int(rng.integers(max(0, days - 30), max(1, days - 8)))
    trend = baseline + 3.2 * _episode(days, onset, 4, 6) + rng.normal(0, 0.25, days)
    times = _local_epochs(first, days, time(7, 30)) + rng.integers(0, 1200, days)
    keep = _keep_days(rng, days, 0.05)
    return Stream(times[keep], np.round(trend[keep], 1).reshape(-1, 1))


def blood_pressure(
    rng: np.random.Generator, first: date, days: int, systolic: float, diastolic: float
) -> Stream:
    """Two readings in the morning and two in the evening, every day."""
    keep = np.repeat(_keep_days(rng, days, 0.06), 4)
    slots = [time(7, 0), time(7, 3), time(20, 0), time(20, 3)]
    times = np.stack([_local_epochs(first, days, s) for s in slots], axis=1).reshape(-1)
    times = times + rng.integers(0, 900, times.size)
    evening = np.tile([0, 0, -4, -4], days)
    sys_ = systolic + evening + rng.normal(0, 7, times.size)
    dia = diastolic + evening / 2 + rng.normal(0, 5, times.size)
    dia = np.minimum(dia, sys_ - 25)
    values = np.round(np.stack([sys_, dia], axis=1)).astype(np.float64)
    return Stream(times[keep], values[keep])


def spo2_heart_rate(rng: np.random.Generator, first: date, days: int, baseline: float) -> Stream:
    """SpO2 and heart rate morning and evening; an exacerbation in the last month."""
    onset = int(rng.integers(max(0, days - 25), max(1, days - 6)))
    episode = np.repeat(_episode(days, onset, 3, 7), 2)
    keep = np.repeat(_keep_days(rng, days, 0.05), 2)
    times = np.stack(
        [_local_epochs(first, days, time(8, 0)), _local_epochs(first, days, time(19, 0))], axis=1
    ).reshape(-1) + rng.integers(0, 1800, days * 2)
    spo2 = np.clip(baseline - 6.0 * episode + rng.normal(0, 0.8, days * 2), 80, 100)
    rate = 76 + 18 * episode + rng.normal(0, 4, days * 2)
    values = np.round(np.stack([spo2, rate], axis=1)).astype(np.float64)
    return Stream(times[keep], values[keep])


def cgm(rng: np.random.Generator, first: date, days: int, mean: float) -> Stream:
    """Interstitial glucose every 5 minutes: meals, nocturnal hypos, sensor changes, gaps.

    Values are NaN where the sensor sent nothing (warm-up after each 14-day sensor,
    and one longer device gap).
    """
    start = datetime.combine(first, time(0, 0), ROME).timestamp()
    n = days * 288
    times = start + CGM_INTERVAL_S * np.arange(n, dtype=np.float64)
    offsets = np.array(
        [
            datetime.fromtimestamp(t, ROME).utcoffset().total_seconds()  # type: ignore[union-attr]
            for t in times[::12]
        ]
    )
    local_hour = ((times + np.repeat(offsets, 12)[:n]) % 86400) / 3600
    glucose = np.full(n, mean - 25.0)
    for meal_hour, size in ((7.5, 70.0), (13.0, 85.0), (20.0, 90.0)):
        since = (local_hour - meal_hour) % 24
        peak = size * (since / 1.0) * np.exp(1 - since / 1.0)  # peaks an hour after the meal
        glucose += peak * rng.uniform(0.6, 1.4, days).repeat(288)
    # Slow drift (AR(1) noise) so days differ.
    noise = rng.normal(0, 6, n)
    drift = np.empty(n)
    drift[0] = 0
    for i in range(1, n):
        drift[i] = 0.97 * drift[i - 1] + noise[i]
    glucose += drift
    # Nocturnal hypoglycaemia on about one night in seven, around 03:00 (down to about
    # 50-65 mg/dL: level 1, sometimes level 2).
    nights = np.flatnonzero(rng.random(days) < 0.15)
    night_index = np.floor((times - start) / 86400).astype(np.int64)
    hypo = np.isin(night_index, nights) & (np.abs(local_hour - 3.0) < 1.2)
    glucose[hypo] -= (mean - 85) * np.cos((local_hour[hypo] - 3.0) / 1.2 * np.pi / 2)
    glucose = np.clip(np.round(glucose), 40, 400)
    # Sensor changes every 14 days (2 h warm-up) and one device gap of 6-20 hours.
    warmup = (np.arange(n) % (14 * 288)) < 24
    gap_start = int(rng.integers(0, n - 300))
    gap = np.zeros(n, dtype=bool)
    gap[gap_start : gap_start + int(rng.integers(72, 240))] = True
    glucose[warmup | gap] = np.nan
    return Stream(times, glucose.reshape(-1, 1))
