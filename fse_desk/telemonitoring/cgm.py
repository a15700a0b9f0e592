"""Continuous glucose monitoring metrics (international consensus, Battelino et al.,
Diabetes Care 2019): the Ambulatory Glucose Profile, time in ranges with the consensus
targets, mean glucose, GMI, coefficient of variation and data sufficiency.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass

import numpy as np

from fse_desk.domain.reading_track import FloatArray, Track, rome_offsets

SENSOR_INTERVAL_S = 300  # one reading every 5 minutes
SLOTS_PER_DAY = 288  # AGP resolution: one 5-minute slot of the 24 h day
AGP_PERCENTILES = (5.0, 25.0, 50.0, 75.0, 95.0)
MIN_DAYS = 14
MIN_COVERAGE_PERCENT = 70.0
CV_TARGET_PERCENT = 36.0
# Band limits in mg/dL: <54, 54-69, 70-180, 181-250, >250.
BAND_EDGES = (54.0, 70.0, 180.0, 250.0)


class Band(enum.Enum):
    VERY_LOW = "<54"
    LOW = "54-69"
    IN_RANGE = "70-180"
    HIGH = "181-250"
    VERY_HIGH = ">250"


@dataclass(frozen=True, slots=True)
class TirTargets:
    """Consensus targets (percent of readings): the general adult one, and the stricter
    lows and looser range for older or high-risk people."""

    in_range_min: float
    below_70_max: float
    below_54_max: float
    above_180_max: float
    above_250_max: float


STANDARD_TARGETS = TirTargets(70.0, 4.0, 1.0, 25.0, 5.0)
OLDER_HIGH_RISK_TARGETS = TirTargets(50.0, 1.0, 1.0, 50.0, 10.0)


@dataclass(frozen=True, slots=True)
class AgpProfile:
    """Percentiles per 5-minute slot of the local (Europe/Rome) day; NaN for an empty slot."""

    slot_minutes: FloatArray  # start of each slot in minutes after midnight
    percentiles: dict[float, FloatArray]


@dataclass(frozen=True, slots=True)
class CgmSummary:
    days: int
    readings: int
    expected_readings: int
    coverage_percent: float
    mean: float
    gmi: float
    cv_percent: float
    bands: dict[Band, float]  # percent of readings in each band
    agp: AgpProfile

    @property
    def sufficient(self) -> bool:
        return self.days >= MIN_DAYS and self.coverage_percent >= MIN_COVERAGE_PERCENT

    @property
    def cv_stable(self) -> bool:
        return self.cv_percent <= CV_TARGET_PERCENT

    def below_70(self) -> float:
        return self.bands[Band.VERY_LOW] + self.bands[Band.LOW]

    def above_180(self) -> float:
        return self.bands[Band.HIGH] + self.bands[Band.VERY_HIGH]

    def targets_met(self, targets: TirTargets = STANDARD_TARGETS) -> dict[str, bool]:
        return {
            "in_range": self.bands[Band.IN_RANGE] > targets.in_range_min,
            "below_70": self.below_70() < targets.below_70_max,
            "below_54": self.bands[Band.VERY_LOW] < targets.below_54_max,
            "above_180": self.above_180() < targets.above_180_max,
            "above_250": self.bands[Band.VERY_HIGH] < targets.above_250_max,
        }


def gmi(mean_mg_dl: float) -> float:
    """Glucose management indicator (%) from mean glucose in mg/dL."""
    return 3.31 + 0.02392 * mean_mg_dl


def band_percentages(values: FloatArray) -> dict[Band, float]:
    """Percent of readings per band; 69.5 is in 54-69 and 180.5 above 180 (bands are
    closed at the consensus limits: <54, <70, <=180, <=250)."""
    if values.size == 0:
        return {band: 0.0 for band in Band}
    counts = (
        np.count_nonzero(values < 54.0),
        np.count_nonzero((values >= 54.0) & (values < 70.0)),
        np.count_nonzero((values >= 70.0) & (values <= 180.0)),
        np.count_nonzero((values > 180.0) & (values <= 250.0)),
        np.count_nonzero(values > 250.0),
    )
    return {band: 100.0 * c / values.size for band, c in zip(Band, counts, strict=True)}


def agp_profile(times: FloatArray, values: FloatArray) -> AgpProfile:
    """Percentiles of the readings falling in each 5-minute slot of the local day
    (linear interpolation, as ``numpy.percentile``), computed for all slots at once."""
    local = times.astype(np.int64) + rome_offsets(times)
    slot = np.floor_divide(np.mod(local, 86400), SENSOR_INTERVAL_S)
    order = np.lexsort((values, slot))
    ordered = values[order]
    counts = np.bincount(slot, minlength=SLOTS_PER_DAY)
    starts = np.concatenate(([0], np.cumsum(counts)[:-1]))
    result: dict[float, FloatArray] = {}
    has = counts > 0
    for p in AGP_PERCENTILES:
        position = (counts - 1).clip(min=0) * (p / 100.0)
        below = np.floor(position).astype(np.int64)
        above = np.minimum(below + 1, (counts - 1).clip(min=0))
        fraction = position - below
        lo = ordered[np.where(has, starts + below, 0)] if ordered.size else np.zeros(counts.size)
        hi = ordered[np.where(has, starts + above, 0)] if ordered.size else np.zeros(counts.size)
        result[p] = np.where(has, lo + (hi - lo) * fraction, np.nan)
    minutes = np.arange(SLOTS_PER_DAY, dtype=np.float64) * (SENSOR_INTERVAL_S / 60)
    return AgpProfile(minutes, result)


def cgm_summary(track: Track, days: int = MIN_DAYS, end: float | None = None) -> CgmSummary:
    """The consensus metrics over the ``days`` days ending at ``end`` (epoch seconds;
    default the latest reading). Missing readings lower the coverage, not the metrics."""
    end = float(track.times[-1]) if end is None and len(track) else (end or 0.0)
    lo, hi = np.searchsorted(track.times, [end - days * 86400.0, end], side="right")
    times = track.times[lo:hi]
    values = track.values[lo:hi, 0]
    expected = days * SLOTS_PER_DAY
    mean = float(values.mean()) if values.size else float("nan")
    cv = float(values.std() / mean * 100.0) if values.size else float("nan")
    return CgmSummary(
        days=days,
        readings=int(values.size),
        expected_readings=expected,
        coverage_percent=100.0 * min(values.size, expected) / expected,
        mean=mean,
        gmi=gmi(mean),
        cv_percent=cv,
        bands=band_percentages(values),
        agp=agp_profile(times, values),
    )
