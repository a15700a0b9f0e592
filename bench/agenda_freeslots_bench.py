"""Free-slot search over a Casa della Salute team's agenda.

Run: ``.venv/bin/python bench/agenda_freeslots_bench.py``. Builds 10 professionals
with 6 months of bookings (about 10,000 appointments, one to three professionals
each, some with a patient) and asks 300 questions like the desk does ("this
patient with these two professionals, next 2 weeks, mornings, 30 minutes").
Prints p50/p95 of the finder (target p95 ≤ 50 ms) and, as the baseline measured in
the same run, a bare scan that only collects the same participants' bookings in
the window from a flat list (what a finder without an index would at least pay).
"""

from __future__ import annotations

import random
import statistics
import sys
import time as clock
from datetime import date, time, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from fse_desk.domain.rome_clock import at_rome, plus
from fse_desk.domain.scheduling import Appointment, AppointmentStatus, Participant, VisitType
from fse_desk.scheduling.agenda import Agenda
from fse_desk.scheduling.freeslots import SlotQuery, find_common_slots
from fse_desk.scheduling.hours import PartOfDay, WorkingHours

PROFESSIONALS = 10
PATIENTS = 1500
APPOINTMENTS = 10_000
QUERIES = 300
FIRST_DAY = date(2027, 1, 4)
DAYS = 182


def build(rng: random.Random) -> list[Appointment]:
    team = [Participant(f"Practitioner/p{i}", f"Prof {i}") for i in range(PROFESSIONALS)]
    out = []
    for n in range(APPOINTMENTS):
        day = FIRST_DAY + timedelta(days=rng.randrange(DAYS))
        if day.weekday() > 4:
            day -= timedelta(days=day.weekday() - 4)
        start = at_rome(day, time(8 + rng.randrange(10), rng.choice((0, 15, 30, 45))))
        who = rng.sample(team, rng.choice((1, 1, 2, 3)))
        if rng.random() < 0.8:
            who.append(Participant(f"Patient/{rng.randrange(PATIENTS)}", "Paziente"))
        out.append(
            Appointment(
                f"a{n}",
                AppointmentStatus.BOOKED,
                rng.choice(list(VisitType)),
                start,
                plus(start, timedelta(minutes=rng.choice((15, 20, 30, 45)))),
                tuple(who),
            )
        )
    return out


def main() -> None:
    rng = random.Random(13)
    appointments = build(rng)
    agenda = Agenda(appointments)
    hours = {f"Practitioner/p{i}": WorkingHours() for i in range(PROFESSIONALS)}
    queries = []
    for _ in range(QUERIES):
        day = FIRST_DAY + timedelta(days=rng.randrange(DAYS - 14))
        people = [f"Patient/{rng.randrange(PATIENTS)}"]
        people += [f"Practitioner/p{i}" for i in rng.sample(range(PROFESSIONALS), 2)]
        start = at_rome(day, time(0))
        queries.append(
            SlotQuery(
                tuple(people),
                start,
                plus(start, timedelta(days=14)),
                timedelta(minutes=30),
                part_of_day=rng.choice((PartOfDay.MORNING, PartOfDay.ANY)),
            )
        )
    finder, scan = [], []
    found = 0
    for query in queries:
        t0 = clock.perf_counter()
        found += len(find_common_slots(agenda, hours, query))
        finder.append(clock.perf_counter() - t0)
        t0 = clock.perf_counter()
        wanted = set(query.participants)
        _ = [
            a
            for a in appointments
            if query.start <= a.start < query.end and not wanted.isdisjoint(a.actors())
        ]
        scan.append(clock.perf_counter() - t0)

    def pct(values: list[float], q: int) -> float:
        return statistics.quantiles(values, n=100)[q - 1] * 1000

    print(f"agenda: {len(agenda)} appointments, {PROFESSIONALS} professionals, {DAYS} days")
    print(f"queries: {QUERIES}, slots proposed: {found}")
    print(f"free-slot finder  p50 {pct(finder, 50):7.2f} ms  p95 {pct(finder, 95):7.2f} ms")
    print(f"bare scan         p50 {pct(scan, 50):7.2f} ms  p95 {pct(scan, 95):7.2f} ms")
    print(f"ratio finder/scan p95 {pct(finder, 95) / pct(scan, 95):.2f}  (target: p95 ≤ 50 ms)")


if __name__ == "__main__":
    main()
