"""An index of who is busy when, for the conflict checks and the free-slot finder.

Times are kept as POSIX seconds per participant, sorted by start, so "who
overlaps this hour" is two bisections whatever the zone of the stored instants.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import datetime

from fse_desk.domain.scheduling import Appointment


@dataclass(slots=True)
class _Row:
    starts: list[float] = field(default_factory=list)
    entries: list[tuple[float, float, Appointment]] = field(default_factory=list)
    longest: float = 0.0


class Agenda:
    """The appointments that take people's time (cancelled ones are not kept)."""

    def __init__(self, appointments: Iterable[Appointment] = ()) -> None:
        self._rows: dict[str, _Row] = {}
        self._by_id: dict[str, Appointment] = {}
        for appointment in appointments:
            self.add(appointment)

    def add(self, appointment: Appointment) -> None:
        if appointment.id in self._by_id:
            self.remove(appointment.id)
        if not appointment.status.occupies_time:
            return
        self._by_id[appointment.id] = appointment
        start, end = appointment.start.timestamp(), appointment.end.timestamp()
        for actor in appointment.actors():
            row = self._rows.setdefault(actor, _Row())
            index = bisect_left(row.starts, start)
            row.starts.insert(index, start)
            row.entries.insert(index, (start, end, appointment))
            row.longest = max(row.longest, end - start)

    def remove(self, appointment_id: str) -> None:
        appointment = self._by_id.pop(appointment_id, None)
        if appointment is None:
            return
        for actor in appointment.actors():
            row = self._rows[actor]
            index = next(i for i, e in enumerate(row.entries) if e[2].id == appointment_id)
            del row.starts[index]
            del row.entries[index]

    def __len__(self) -> int:
        return len(self._by_id)

    def __iter__(self) -> Iterator[Appointment]:
        return iter(self._by_id.values())

    def get(self, appointment_id: str) -> Appointment | None:
        return self._by_id.get(appointment_id)

    def busy(
        self, actor: str, start: float, end: float
    ) -> Iterator[tuple[float, float, Appointment]]:
        """The appointments of ``actor`` overlapping [start, end) in POSIX seconds."""
        row = self._rows.get(actor)
        if row is None:
            return
        index = bisect_left(row.starts, start - row.longest)
        entries = row.entries
        while index < len(entries):
            entry = entries[index]
            if entry[0] >= end:
                return
            if entry[1] > start:
                yield entry
            index += 1

    def overlapping(
        self, actor: str, start: datetime, end: datetime, *, ignore: frozenset[str] = frozenset()
    ) -> list[Appointment]:
        return [
            e[2]
            for e in self.busy(actor, start.timestamp(), end.timestamp())
            if e[2].id not in ignore
        ]
