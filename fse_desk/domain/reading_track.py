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

    zoneinfo is asked once per UTC day at its two ends; only a day whose ends differ
    (a DST change) is asked hour by hour: a year of 5-minute readings costs ~370 calls.
    """
    if times.size == 0:
        return np.zeros(0, dtype=np.int64)
    hours = np.floor_divide(times, _HOUR).astype(np.int64)
    if hours.size > 1 and bool(np.all(hours[1:] >= hours[:-1])):
        # Time order (every track): distinct hours by a linear scan, not a sort.
        starts = np.flatnonzero(np.diff(hours)) + 1
        unique_hours = hours[np.concatenate(([0], starts))]
        inverse = np.cumsum(np.concatenate(([0], (np.diff(hours) != 0).astype(np.int64))))
    else:
        unique_hours, inverse = np.unique(hours, return_inverse=True)
    days = unique_hours // 24  # sorted, as unique_hours is
    day_values, starts = np.unique(days, return_index=True)
    ends = np.append(starts[1:], days.size)
    offsets = np.empty(unique_hours.size, dtype=np.int64)
    for day, start, end in zip(day_values.tolist(), starts.tolist(), ends.tolist(), strict=True):
        first, last = _offset(day * 86400), _offset((day + 1) * 86400)
        if first == last:
            offsets[start:end] = first
        else:
            offsets[start:end] = [_offset(int(h) * _HOUR) for h in unique_hours[start:end]]
    result: IntArray = offsets[inverse.reshape(-1)]
    return result


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
    _days: list[IntArray] = field(default_factory=list, compare=False, repr=False)

    def __len__(self) -> int:
        return int(self.times.size)

    def local_days(self) -> IntArray:
        """Days since 1970-01-01 on the Europe/Rome calendar (computed once per track)."""
        if not self._days:
            local = self.times.astype(np.int64) + rome_offsets(self.times)
            self._days.append(np.floor_divide(local, 86400))
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
