"""A :class:`Track`: one patient's readings of one parameter as numpy columns.

Rules, CGM metrics and charts work on columns, not on thousands of records: a CGM
sensor sends 288 readings a day. A track is in time order with each reading key once
(a reading that reached us from two sources, or twice, counts once).
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime

import numpy as np
import numpy.typing as npt

from fse_desk._types import PatientId
from fse_desk.domain.identifiers import ROME
from fse_desk.domain.telemonitoring import Parameter, Reading, ReadingSource

FloatArray = npt.NDArray[np.float64]
IntArray = npt.NDArray[np.int64]
_HOUR = 3600


def rome_offsets(times: FloatArray) -> IntArray:
    """Europe/Rome UTC offset in seconds at each epoch time (DST aware).

    The offset changes only at a few instants a year (the DST changes), so each time
    is placed among those instants by a binary search in numpy: no per-reading or
    per-day Python work, which is what makes a cold evaluation of 5 million readings
    as fast as a warm one.
    """
    if times.size == 0:
        return np.zeros(0, dtype=np.int64)
    first = datetime.fromtimestamp(float(np.nanmin(times)), UTC).year
    last = datetime.fromtimestamp(float(np.nanmax(times)), UTC).year
    edges, offsets = _transitions(first, last)
    if bool(np.all(times[1:] >= times[:-1])):
        # In time order (every track): a run of equal offsets between two changes.
        bounds = np.searchsorted(times, edges, side="left")
        counts = np.diff(np.concatenate(([0], bounds, [times.size])))
        ordered: IntArray = np.repeat(offsets, counts)
        return ordered
    result: IntArray = offsets[np.searchsorted(edges, times, side="right")]
    return result


@functools.lru_cache(maxsize=64)
def _transitions(first_year: int, last_year: int) -> tuple[FloatArray, IntArray]:
    """The instants the offset changes in those UTC years, and the offset before the
    first of them and after each (one more offset than instants)."""
    edges: list[float] = []
    offsets = [_offset(_year_start(first_year))]
    for year in range(first_year, last_year + 1):
        for edge, offset in _year_transitions(year):
            edges.append(edge)
            offsets.append(offset)
    return np.array(edges, dtype=np.float64), np.array(offsets, dtype=np.int64)


@functools.lru_cache(maxsize=256)
def _year_transitions(year: int) -> tuple[tuple[float, int], ...]:
    """Each (instant, new offset) of one UTC year: the zone is asked once a day, and
    hour by hour only on a day whose ends differ (Rome changes on the hour)."""
    found: list[tuple[float, int]] = []
    day = _year_start(year)
    before = _offset(day)
    while day < _year_start(year + 1):
        after = _offset(day + 86400)
        if after != before:
            hour = next(h for h in range(1, 25) if _offset(day + h * _HOUR) != before)
            found.append((float(day + hour * _HOUR), after))
            before = after
        day += 86400
    return tuple(found)


def _year_start(year: int) -> int:
    return int(datetime(year, 1, 1, tzinfo=UTC).timestamp())


@functools.lru_cache(maxsize=65536)
def _offset(epoch: int) -> int:
    delta = datetime.fromtimestamp(epoch, UTC).astimezone(ROME).utcoffset()
    return int(delta.total_seconds()) if delta is not None else 0


@dataclass(frozen=True, slots=True, eq=False)
class Track:
    patient_id: PatientId
    parameter: Parameter
    times: FloatArray  # epoch seconds, ascending
    values: FloatArray  # shape (n, 2) for blood pressure, (n, 1) otherwise
    keys: Sequence[str]
    sources: Sequence[ReadingSource]
    performers: Sequence[str] = ()
    # Computed once, on first use (a worker warms them before the GUI draws).
    _days: list[IntArray] = field(default_factory=list, compare=False, repr=False)
    _local: list[FloatArray] = field(default_factory=list, compare=False, repr=False)

    def __len__(self) -> int:
        return int(self.times.size)

    def local_times(self) -> FloatArray:
        """Rome wall-clock seconds (epoch + the Rome offset then): what a chart's time
        axis and the calendar days read (computed once per track)."""
        if not self._local:
            self._local.append(self.times + rome_offsets(self.times))
        return self._local[0]

    def local_days(self) -> IntArray:
        """Days since 1970-01-01 on the Europe/Rome calendar (computed once per track)."""
        if not self._days:
            self._days.append(np.floor_divide(self.local_times(), 86400).astype(np.int64))
        return self._days[0]

    def within_days(self, first: int, last: int) -> Track:
        """The readings of Rome days ``first``..``last`` (days since 1970-01-01, both
        included); the track itself when they are all inside."""
        days = self.local_days()
        lo, hi = (int(i) for i in np.searchsorted(days, [first, last + 1]))
        if lo == 0 and hi == len(self):
            return self
        return Track(
            self.patient_id,
            self.parameter,
            self.times[lo:hi],
            self.values[lo:hi],
            self.keys[lo:hi],
            self.sources[lo:hi],
            self.performers[lo:hi] if self.performers else (),
            [days[lo:hi]],
            [self.local_times()[lo:hi]],
        )

    def reading(self, index: int) -> Reading:
        return Reading(
            key=self.keys[index],
            patient_id=self.patient_id,
            parameter=self.parameter,
            at=datetime.fromtimestamp(float(self.times[index]), UTC),
            values=tuple(float(v) for v in self.values[index]),
            source=self.sources[index],
            performer=self.performers[index] if self.performers else "",
        )

    @classmethod
    def of(cls, patient_id: PatientId, parameter: Parameter, readings: Iterable[Reading]) -> Track:
        """A track from records: this patient's and parameter's only, de-duplicated, sorted."""
        unique: dict[str, Reading] = {}
        for r in readings:
            if r.patient_id == patient_id and r.parameter is parameter:
                unique.setdefault(r.key, r)
        ordered = sorted(unique.values(), key=lambda r: (r.at, r.key))
        width = 2 if parameter is Parameter.BLOOD_PRESSURE else 1
        values = np.array([r.values for r in ordered], dtype=np.float64).reshape(-1, width)
        return cls(
            patient_id,
            parameter,
            np.array([r.at.timestamp() for r in ordered], dtype=np.float64),
            values,
            [r.key for r in ordered],
            [r.source for r in ordered],
            [r.performer for r in ordered],
        )

    @classmethod
    def from_columns(
        cls,
        patient_id: PatientId,
        parameter: Parameter,
        times: FloatArray,
        values: FloatArray,
        keys: Sequence[str],
        sources: Sequence[ReadingSource],
        performers: Sequence[str] = (),
    ) -> Track:
        """A track from columns (the store's shape, where keys are unique: its primary key),
        put in time order."""
        width = 2 if parameter is Parameter.BLOOD_PRESSURE else 1
        values = np.asarray(values, dtype=np.float64).reshape(-1, width)
        times = np.asarray(times, dtype=np.float64)
        if times.size > 1 and bool(np.any(np.diff(times) < 0)):
            order = np.argsort(times, kind="stable")
            times, values = times[order], values[order]
            keys = [keys[i] for i in order]
            sources = [sources[i] for i in order]
            performers = [performers[i] for i in order] if performers else ()
        return cls(patient_id, parameter, times, values, keys, sources, performers)
