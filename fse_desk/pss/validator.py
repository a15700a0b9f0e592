"""Checks of a PSS before publication.

* :func:`validate_cda_structure` — our own structural checks on CDA bytes
  (:mod:`fse_desk.pss.structure_checks`).
* :func:`validate_pss` — clinical rules on the model, each :class:`CheckIssue` naming
  the ``field`` path the editor highlights (``problems[2].end``).

Messages are English; the UI translates by ``code``.
"""

from __future__ import annotations

import enum
from dataclasses import fields
from datetime import date

from fse_desk.pss import codes, model
from fse_desk.pss._kept import as_written
from fse_desk.pss.check_issue import CheckIssue
from fse_desk.pss.model import NONE_FLAGS, Coded, Entry, ProblemStatus, Pss
from fse_desk.pss.structure_checks import validate_cda_structure

__all__ = ["CheckIssue", "validate_cda_structure", "validate_pss"]


_SYSTEM_RULES: dict[tuple[str, str], set[str]] = {
    ("problems", "code"): {codes.ICD9CM},
    ("therapies", "drug"): {codes.ATC},
    ("therapies", "aic"): {codes.AIC},
    ("vaccinations", "vaccine"): {codes.ATC},
    ("family_history", "condition"): {codes.ICD9CM},
    ("vital_signs", "code"): {codes.LOINC},
    ("lifestyle", "aspect"): {codes.LOINC},
    ("diagnostics", "code"): {codes.LOINC, codes.ICD9CM_PROCEDURES},
    ("procedures", "code"): {codes.ICD9CM_PROCEDURES},
    ("encounters", "diagnosis"): {codes.ICD9CM},
    ("exemptions", "code"): {codes.EXEMPTIONS},
}


_PLANNED = {("care_plans", "end"), ("exemptions", "end")}
"""Dates that may lie in the future: the planned end of a care plan or an exemption."""


def _clinical(key: str, i: int, item: Entry, today: date, out: list[CheckIssue]) -> None:
    base = f"{key}[{i}]"

    def add(code: str, message: str, name: str) -> None:
        out.append(CheckIssue(code, message, "", f"{base}.{name}"))

    for f in fields(item):
        value = getattr(item, f.name)
        if isinstance(value, date) and value > today and (key, f.name) not in _PLANNED:
            add(
                "date.future",
                f"{base}.{f.name} {value.isoformat()} is after today ({today.isoformat()})",
                f.name,
            )
        if isinstance(value, Coded):
            allowed = _SYSTEM_RULES.get((key, f.name))
            if allowed and value.system not in allowed:
                names = " or ".join(sorted(codes.SYSTEM_NAMES[s] for s in allowed))
                add(
                    "code.system",
                    f"{base}.{f.name} {value.code!r} is coded in "
                    f"{value.system_name}, expected {names}",
                    f.name,
                )
        if isinstance(value, str) and not isinstance(value, enum.Enum) and value != value.strip():
            add("text.spaces", f"{base}.{f.name} has leading or trailing spaces", f.name)
    # Each section holds one entry type (model.ENTRY_TYPES), so the type says the section.
    if isinstance(item, model.Problem):
        onset, end = item.onset, item.end
        if item.status is ProblemStatus.RESOLVED:
            if end is None:
                add("problem.end_missing", f"{base} is resolved but has no end date", "end")
            elif onset is not None and end < onset:
                add(
                    "problem.end_before_onset",
                    f"{base} ends ({end}) before its onset ({onset})",
                    "end",
                )
        elif end is not None:
            add("problem.end_while_active", f"{base} is active but has an end date", "status")
    if isinstance(item, model.CarePlan | model.Encounter | model.Exemption):
        start, end = item.start, item.end
        if start is not None and end is not None and end < start:
            add("period.inverted", f"{base} ends ({end}) before it starts ({start})", "end")
    if isinstance(item, model.VitalSign) and not item.unit.strip():
        add("vital.unit_missing", f"{base} has no UCUM unit", "unit")
    if key == "therapies":
        for name in ("dose", "frequency"):  # each points at the field left empty
            if not getattr(item, name).strip():
                add("therapy.posology_missing", f"{base} needs a dose and a frequency", name)


def validate_pss(pss: Pss, today: date) -> list[CheckIssue]:
    """Clinical rules before publishing; each problem names its model ``field`` path."""
    out: list[CheckIssue] = []
    for key, flag in NONE_FLAGS.items():
        items = pss.entries(key) + pss.read_only(key)
        if not items and not getattr(pss, flag):
            out.append(
                CheckIssue(
                    "section.required_empty",
                    f"section {key} is required: add an "
                    f"entry or state it explicitly empty ({flag})",
                    "",
                    key,
                )
            )
        if items and getattr(pss, flag):
            out.append(
                CheckIssue(
                    "section.none_with_entries",
                    f"section {key} has entries but is also marked explicitly empty ({flag})",
                    "",
                    flag,
                )
            )
    if pss.effective_time.date() > today:
        out.append(
            CheckIssue("date.future", "the document date is after today", "", "effective_time")
        )
    if pss.patient.birth_date > today:
        out.append(
            CheckIssue(
                "date.future", "the patient's birth date is after today", "", "patient.birth_date"
            )
        )
    if not pss.author.telecom:
        out.append(
            CheckIssue(
                "author.telecom_missing", "the author needs a phone or e-mail", "", "author.telecom"
            )
        )
    if pss.legal_authenticator.cf != pss.author.cf:
        out.append(
            CheckIssue(
                "author.not_authenticator",
                "the PSS is signed by its own MMG/PLS: legal authenticator and author differ",
                "",
                "legal_authenticator",
            )
        )
    # An entry that goes out as another vendor wrote it is checked in the CDA (by
    # validate_cda_structure), not here: the editor's record of it may lack what the CDA
    # holds (a dose and frequency as quantities, say).
    for spec in codes.SECTIONS:
        kept = as_written(pss, spec.key)
        for i, item in enumerate(pss.entries(spec.key)):
            if kept[i] is not None:
                continue
            _clinical(spec.key, i, item, today, out)
            for name in ("start", "onset", "date", "time"):
                value = getattr(item, name, None)
                if isinstance(value, date) and value < pss.patient.birth_date:
                    out.append(
                        CheckIssue(
                            "date.before_birth",
                            f"{spec.key}[{i}].{name} is before the patient's birth",
                            "",
                            f"{spec.key}[{i}].{name}",
                        )
                    )
    return out
