"""What the team reads at a glance beside the charts: per-parameter summaries, device
gaps, and the visits and therapy changes of the timeline as chart markers."""

from __future__ import annotations

import enum
from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np

from fse_desk.domain.document import DocumentMeta
from fse_desk.domain.reading_track import Track
from fse_desk.domain.telemonitoring import Parameter, Plan
from fse_desk.telemonitoring.rules import effective_thresholds, spo2_baseline

DAY_S = 86400.0
# Documents that mark a visit, and those that mark a therapy change (LOINC type codes).
VISIT_TYPES = frozenset({"11488-4", "75496-0", "34105-7", "18842-5", "59258-4", "85208-7"})
THERAPY_TYPES = frozenset({"57833-6", "18776-5"})


class MarkerKind(enum.Enum):
    VISIT = "visit"
    THERAPY = "therapy"


@dataclass(frozen=True, slots=True)
class Marker:
    kind: MarkerKind
    at: float  # epoch seconds
    title: str


@dataclass(frozen=True, slots=True)
class WeightTrend:
    latest: float
    baseline: float  # lowest weight of the rule's window before the latest reading
    change: float
    limit: float  # the plan's allowed gain
    window_days: int

    @property
    def over(self) -> bool:
        return round(self.change, 3) > self.limit


@dataclass(frozen=True, slots=True)
class Spo2Status:
    latest: float
    low: float | None  # the plan's threshold
    baseline: float | None

    @property
    def below_threshold(self) -> bool:
        return self.low is not None and self.latest < self.low


def timeline_markers(documents: Iterable[DocumentMeta]) -> list[Marker]:
    markers = []
    for doc in documents:
        if doc.type_code in VISIT_TYPES:
            markers.append(Marker(MarkerKind.VISIT, doc.date.timestamp(), doc.title))
        elif doc.type_code in THERAPY_TYPES:
            markers.append(Marker(MarkerKind.THERAPY, doc.date.timestamp(), doc.title))
    return sorted(markers, key=lambda m: m.at)


def gap_seconds(plan: Plan | None, parameter: Parameter) -> float:
    """How long without readings is a gap: a missed day for daily devices, 15 minutes
    for a CGM sensor (3 missed readings)."""
    per_day = max(
        (a.times_per_day for a in (plan.activities if plan else ()) if a.parameter is parameter),
        default=288 if parameter is Parameter.GLUCOSE else 1,
    )
    return 3 * DAY_S / per_day if per_day > 24 else 1.5 * DAY_S


def gaps(track: Track, longer_than: float) -> list[tuple[float, float]]:
    """Intervals (epoch seconds) between consecutive readings longer than ``longer_than``."""
    if len(track) < 2:
        return []
    steps = np.diff(track.times)
    where = np.flatnonzero(steps > longer_than)
    return [(float(track.times[i]), float(track.times[i + 1])) for i in where]


def weight_trend(plan: Plan, track: Track) -> WeightTrend | None:
    """The latest weight against the lowest of the rule's window before it."""
    rule = next((t for t in effective_thresholds(plan, Parameter.WEIGHT) if t.change), None)
    if rule is None or rule.change is None or rule.window_days is None or len(track) < 2:
        return None
    days = track.local_days()
    earlier = (days >= days[-1] - rule.window_days) & (np.arange(len(track)) < len(track) - 1)
    if not earlier.any():
        return None
    latest = float(track.values[-1, 0])
    baseline = float(track.values[earlier, 0].min())
    return WeightTrend(latest, baseline, latest - baseline, rule.change, rule.window_days)


def spo2_status(plan: Plan, track: Track) -> Spo2Status | None:
    if len(track) == 0:
        return None
    lows = [t.low for t in effective_thresholds(plan, Parameter.SPO2) if t.low is not None]
    day = int(track.local_days()[-1])
    return Spo2Status(
        float(track.values[-1, 0]), max(lows) if lows else None, spo2_baseline(track, day)
    )
