"""Read the hazard log of docs/SAFETY.md and print how many hazards are mitigated or open.

Run: ``.venv/bin/python docs/hazards.py [path/to/SAFETY.md]``. The same parser
is used by tests/test_safety_case.py, which checks the log's format and that
every test it names exists; the format is described in SAFETY.md itself.
"""

from __future__ import annotations

import re
import sys
from collections import Counter
from dataclasses import dataclass
from enum import Enum
from pathlib import Path

SAFETY_MD = Path(__file__).resolve().parent / "SAFETY.md"
LOG_HEADING = "## Hazard log"
FIELDS = ("harm", "cause", "before", "mitigation", "after", "tests", "status", "owner")

_TITLE = re.compile(r"^### H-(\d{2}) (\S.*)$")
_FIELD = re.compile(r"^- ([a-z]+): (\S.*)$")
_RATING = re.compile(r"^severity ([1-5]), likelihood ([1-5])$")
_TEST_ID = re.compile(r"^tests/test_\w+\.py::\w+$")


class Status(Enum):
    MITIGATED = "mitigated"
    OPEN = "open"


class HazardLogError(ValueError):
    """The log does not follow its format; the message names the line."""


@dataclass(frozen=True, slots=True)
class Rating:
    severity: int
    likelihood: int

    @property
    def risk(self) -> int:
        return self.severity * self.likelihood


@dataclass(frozen=True, slots=True)
class Hazard:
    number: int
    title: str
    category: str
    harm: str
    cause: str
    before: Rating
    mitigation: str
    after: Rating
    tests: tuple[str, ...]
    status: Status
    owner: str

    @property
    def key(self) -> str:
        return f"H-{self.number:02d}"


def parse_hazard_log(text: str) -> list[Hazard]:
    """Every hazard block after the "## Hazard log" heading, in order.

    Raises :class:`HazardLogError` at the first line that breaks the format.
    """
    lines = text.splitlines()
    try:
        start = lines.index(LOG_HEADING) + 1
    except ValueError:
        raise HazardLogError(f"no '{LOG_HEADING}' heading") from None
    hazards: list[Hazard] = []
    category = ""
    index = start
    while index < len(lines):
        line = lines[index]
        if line.startswith("## "):
            category = line[3:].strip()
        elif line.startswith("### "):
            if not category:
                raise HazardLogError(f"line {index + 1}: a hazard before any category heading")
            hazards.append(_hazard(lines, index, category))
            index += len(FIELDS)
        elif line.strip():
            raise HazardLogError(f"line {index + 1}: unexpected text in the log: {line[:60]!r}")
        index += 1
    return hazards


def _hazard(lines: list[str], at: int, category: str) -> Hazard:
    title = _TITLE.match(lines[at])
    if title is None:
        raise HazardLogError(f"line {at + 1}: a hazard title must read '### H-NN Title'")
    values: dict[str, str] = {}
    for offset, name in enumerate(FIELDS, start=1):
        line = lines[at + offset] if at + offset < len(lines) else ""
        field = _FIELD.match(line)
        if field is None or field.group(1) != name:
            raise HazardLogError(f"line {at + offset + 1}: expected '- {name}: …'")
        values[name] = field.group(2).strip()
    try:
        status = Status(values["status"])
    except ValueError:
        raise HazardLogError(
            f"H-{title.group(1)}: status must be 'mitigated' or 'open', not {values['status']!r}"
        ) from None
    return Hazard(
        number=int(title.group(1)),
        title=title.group(2).strip(),
        category=category,
        harm=values["harm"],
        cause=values["cause"],
        before=_rating(values["before"], title.group(1)),
        mitigation=values["mitigation"],
        after=_rating(values["after"], title.group(1)),
        tests=_tests(values["tests"], title.group(1)),
        status=status,
        owner=values["owner"],
    )


def _rating(text: str, number: str) -> Rating:
    match = _RATING.match(text)
    if match is None:
        raise HazardLogError(f"H-{number}: a rating must read 'severity S, likelihood L' (1-5)")
    return Rating(int(match.group(1)), int(match.group(2)))


def _tests(text: str, number: str) -> tuple[str, ...]:
    if text == "none":
        return ()
    ids = tuple(part.strip() for part in text.split(","))
    for test_id in ids:
        if not _TEST_ID.match(test_id):
            raise HazardLogError(
                f"H-{number}: {test_id!r} is not a test id 'tests/test_x.py::test_y'"
            )
    return ids


def summary(hazards: list[Hazard]) -> str:
    """The figures the issue asks for, one per line, then the open hazards."""
    mitigated = [h for h in hazards if h.status is Status.MITIGATED and h.tests]
    open_ = [h for h in hazards if h.status is Status.OPEN]
    lines = [
        f"hazards logged: {len(hazards)}",
        f"mitigated with a test: {len(mitigated)}",
        f"open: {len(open_)}",
        f"distinct tests named: {len({t for h in hazards for t in h.tests})}",
        "residual risk (severity x likelihood after mitigation): "
        + ", ".join(f"{band} {n}" for band, n in _bands(hazards).items()),
        "",
        "by category (mitigated/open):",
    ]
    for category in dict.fromkeys(h.category for h in hazards):
        counts = Counter(h.status for h in hazards if h.category == category)
        lines.append(f"  {category}: {counts[Status.MITIGATED]}/{counts[Status.OPEN]}")
    lines += ["", "open hazards:"]
    lines += [f"  {h.key} {h.title} — {h.owner}" for h in open_]
    return "\n".join(lines)


def _bands(hazards: list[Hazard]) -> dict[str, int]:
    bands = Counter(
        "acceptable" if h.after.risk <= 4 else "tolerable" if h.after.risk <= 9 else "unacceptable"
        for h in hazards
    )
    return {band: bands[band] for band in ("acceptable", "tolerable", "unacceptable")}


def main(argv: list[str]) -> int:
    path = Path(argv[1]) if len(argv) > 1 else SAFETY_MD
    print(summary(parse_hazard_log(path.read_text(encoding="utf-8"))))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
