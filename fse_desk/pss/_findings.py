"""What one document yields for "Aggiorna dal fascicolo", in the form kept in the cache.

A document's :class:`Findings` are plain JSON: each entry is kept as its fields
(``Coded`` as ``[code, system, display]``, dates as ISO text, enums by value), with its
merge key beside it, so that merging many documents never rebuilds an entry that is
not suggested in the end. The source document is not kept: it is the document the
findings belong to, attached again when they are read.
"""

from __future__ import annotations

import enum
import json
from dataclasses import dataclass, fields
from datetime import date
from typing import Any, NamedTuple

from fse_desk.pss._entries import base_type, field_types
from fse_desk.pss.model import Allergy, Coded, Problem, Therapy

Entry = Problem | Therapy | Allergy


class Found(NamedTuple):
    """One coded entry a document states (kept in the cache as a JSON array)."""

    section: str  # "problems", "therapies" or "allergies"
    key: str  # the merge key: the entry's code
    inferred: bool  # coded by FSE Desk from the text, not by the document's author
    evidence: str  # the words of the document it was read from
    fields: dict[str, Any]  # the entry, as :func:`entry_fields` keeps it
    reason: str = ""  # a :class:`~fse_desk.pss.course.Reason` value the document settles


class Missed(NamedTuple):
    """An item found but not coded (shown for manual coding)."""

    section: str
    text: str


_ENTRY_TYPES: dict[str, type[Entry]] = {
    "problems": Problem,
    "therapies": Therapy,
    "allergies": Allergy,
}


@dataclass(frozen=True, slots=True)
class Findings:
    found: tuple[Found, ...]
    unmatched: tuple[Missed, ...]

    def to_json(self) -> str:
        return json.dumps([self.found, self.unmatched], ensure_ascii=False, separators=(",", ":"))

    @classmethod
    def from_json(cls, text: str) -> Findings:
        found, unmatched = json.loads(text)
        return cls(
            tuple(Found(*f) for f in found),
            tuple(Missed(*u) for u in unmatched),
        )


def _plain(value: object) -> object:
    if isinstance(value, Coded):
        return [value.code, value.system, value.display]
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, enum.Enum):
        return value.value
    return value


def entry_fields(entry: Entry) -> dict[str, Any]:
    return {f.name: _plain(getattr(entry, f.name)) for f in fields(entry)}


def _typed(kind: type, value: Any) -> Any:
    if value is None:
        return None
    if kind is Coded:
        return Coded(*value)
    if kind is date:
        return date.fromisoformat(value)
    if issubclass(kind, enum.Enum):
        return kind(value)
    return value


def entry_from(section: str, values: dict[str, Any]) -> Entry:
    """The record :func:`entry_fields` was made from."""
    cls = _ENTRY_TYPES[section]
    hints = field_types(cls)
    return cls(**{name: _typed(base_type(hints[name]), v) for name, v in values.items()})
