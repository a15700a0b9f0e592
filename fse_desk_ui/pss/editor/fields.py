"""What the editor knows about each field of each PSS entry record.

Everything comes from the dataclasses of :mod:`fse_desk.pss.model` (name, type,
whether it has a default); the tables below only add what a type cannot say: which
vocabulary codes a field, the code system of a code typed by hand, what picking a
term also fills in, and which dates start at today in a new entry.
"""

from __future__ import annotations

import dataclasses
import enum
import types
import typing
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from functools import cache

from fse_desk.domain.vitals import DIASTOLIC_LOINC, SYSTOLIC_LOINC, Vital
from fse_desk.pss import codes, model
from fse_desk.pss.model import ENTRY_TYPES, Coded, Entry
from fse_desk.pss.vocabularies import Term


class Kind(enum.Enum):
    TEXT = "text"
    DATE = "date"
    BOOL = "bool"
    INT = "int"
    FLOAT = "float"
    CHOICE = "choice"
    CODED = "coded"


@dataclass(frozen=True, slots=True)
class FieldSpec:
    section: str  # Pss attribute, e.g. "problems"
    name: str  # record field, e.g. "end"
    kind: Kind
    required: bool  # the record has no default for it: no entry without a value
    optional: bool  # None is a value ("date | None")
    choices: tuple[enum.Enum, ...] = ()
    vocabulary: str = ""  # CODED: vocabulary searched as the doctor types ("" = none)
    system: str = ""  # CODED: code system of a code typed by hand


CODING: dict[tuple[str, str], tuple[str, str]] = {
    ("allergies", "agent"): ("allergens", codes.ALLERGENS),
    ("therapies", "drug"): ("atc", codes.ATC),
    ("therapies", "aic"): ("", codes.AIC),
    ("vaccinations", "vaccine"): ("vaccines", codes.ATC),
    ("problems", "code"): ("icd9cm", codes.ICD9CM),
    ("family_history", "condition"): ("icd9cm", codes.ICD9CM),
    ("encounters", "diagnosis"): ("icd9cm", codes.ICD9CM),
    ("lifestyle", "aspect"): ("lifestyle", codes.LOINC),
    ("vital_signs", "code"): ("vital_signs", codes.LOINC),
    ("devices", "code"): ("", codes.ICD9CM),
    ("procedures", "code"): ("", codes.ICD9CM_PROCEDURES),
    ("diagnostics", "code"): ("", codes.LOINC),
    ("exemptions", "code"): ("", codes.EXEMPTIONS),
}
"""(section, coded field) → (vocabulary kind, code system of a hand-typed code)."""

TODAY_BY_DEFAULT = frozenset({("vaccinations", "date"), ("vital_signs", "time")})
"""Required dates that a new entry starts with today's date (usually what happened)."""

VITAL_UNITS: dict[str, str] = {
    **{v.value.loinc: v.value.unit for v in Vital},
    SYSTOLIC_LOINC: Vital.BLOOD_PRESSURE.value.unit,
    DIASTOLIC_LOINC: Vital.BLOOD_PRESSURE.value.unit,
}


def _aic(term: Term) -> dict[str, object]:
    return {"aic": term.aic_coded()}  # another drug: its own AIC, or none


def _unit(term: Term) -> dict[str, object]:
    unit = VITAL_UNITS.get(term.code)
    return {"unit": unit} if unit else {}


TERM_FILLS: dict[tuple[str, str], Callable[[Term], dict[str, object]]] = {
    ("therapies", "drug"): _aic,
    ("vital_signs", "code"): _unit,
}
"""What choosing a vocabulary term in a field also sets in the same entry."""


def _kind(hint: object) -> tuple[Kind, bool, tuple[enum.Enum, ...]]:
    optional = False
    if isinstance(hint, types.UnionType):
        args = [a for a in typing.get_args(hint) if a is not type(None)]
        optional = len(args) < len(typing.get_args(hint))
        hint = args[0]
    if isinstance(hint, type) and issubclass(hint, enum.Enum):
        return Kind.CHOICE, optional, tuple(hint)
    simple: dict[object, Kind] = {
        str: Kind.TEXT,
        date: Kind.DATE,
        bool: Kind.BOOL,
        int: Kind.INT,
        float: Kind.FLOAT,
        Coded: Kind.CODED,
    }
    return simple[hint], optional, ()


@cache
def field_specs(section: str) -> tuple[FieldSpec, ...]:
    """The fields of the entries of ``section``, in the order of the record."""
    record = ENTRY_TYPES[section]
    hints = typing.get_type_hints(record, globalns=vars(model), localns={})
    out = []
    for f in dataclasses.fields(record):
        kind, optional, choices = _kind(hints[f.name])
        required = f.default is dataclasses.MISSING and f.default_factory is dataclasses.MISSING
        vocabulary, system = CODING[(section, f.name)] if kind is Kind.CODED else ("", "")
        out.append(
            FieldSpec(section, f.name, kind, required, optional, choices, vocabulary, system)
        )
    return tuple(out)


def new_values(section: str, today: date) -> dict[str, object]:
    """The values of a blank new entry: the record's defaults, None where it has none."""
    values: dict[str, object] = {}
    for f in dataclasses.fields(ENTRY_TYPES[section]):
        if (section, f.name) in TODAY_BY_DEFAULT:
            values[f.name] = today
        elif f.default is not dataclasses.MISSING:
            values[f.name] = f.default
        else:
            values[f.name] = None
    return values


def missing(spec: FieldSpec, value: object) -> bool:
    """Whether a required field is still empty (blank text counts as empty)."""
    if not spec.required:
        return False
    return value is None or (isinstance(value, str) and not value.strip())


def build(section: str, values: dict[str, object]) -> Entry | None:
    """The entry record from ``values``, or None while a required field is empty."""
    if any(missing(spec, values.get(spec.name)) for spec in field_specs(section)):
        return None
    return ENTRY_TYPES[section](**values)


def values_of(record: Entry) -> dict[str, object]:
    return {f.name: getattr(record, f.name) for f in dataclasses.fields(record)}
