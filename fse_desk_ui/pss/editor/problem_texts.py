"""What each validation problem says to the doctor, and where in the draft it points.

The validator's messages are English and technical; here each ``CheckIssue.code`` gets
its own sentence naming the section, the entry and the field as the form labels them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from PySide6.QtCore import QObject

from fse_desk.pss.model import ENTRY_TYPES, NONE_FLAGS, Pss
from fse_desk.pss.validator import CheckIssue
from fse_desk_ui.pss.editor.labels import FieldLabels
from fse_desk_ui.pss.sections import PssTexts

_PATH = re.compile(r"^(?P<key>\w+)(?:\[(?P<row>\d+)\])?(?:\.(?P<field>\w+))?$")
_FLAG_SECTION = {flag: key for key, flag in NONE_FLAGS.items()}


@dataclass(frozen=True, slots=True)
class FieldRef:
    """Where a problem lies: a section, an entry row (None: the section itself) and a
    field of the entry, or the section's "none" flag."""

    section: str
    row: int | None
    field: str


def locate(path: str) -> FieldRef | None:
    """``problems[2].end`` → FieldRef("problems", 2, "end"); None for the header."""
    if path in _FLAG_SECTION:
        return FieldRef(_FLAG_SECTION[path], None, path)
    match = _PATH.match(path)
    if match is None or match["key"] not in ENTRY_TYPES:
        return None
    row = match["row"]
    return FieldRef(match["key"], int(row) if row is not None else None, match["field"] or "")


class ProblemTexts(QObject):
    def __init__(self, labels: FieldLabels, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._labels = labels
        self._views = {v.key: v for v in PssTexts(self).section_views()}

    def message(self, problem: CheckIssue, draft: Pss) -> str:
        ref = locate(problem.field)
        if ref is None:
            return self._header(problem)
        view = self._views[ref.section]
        where = view.title
        entries = draft.entries(ref.section)
        if ref.row is not None and ref.row < len(entries):
            first = view.row(entries[ref.row])[0]
            where = f"{view.title} · {first}" if first else where
        field = (
            self._labels.label(ref.section, ref.field) if ref.row is not None and ref.field else ""
        )
        texts = {
            "section.required_empty": self.tr("required section: add an entry or tick “{none}”."),
            "section.none_with_entries": self.tr(
                "it has entries but is also marked “{none}”: remove one or the other."
            ),
            "date.future": self.tr("{field} is a date in the future."),
            "date.before_birth": self.tr("{field} is before the patient's birth."),
            "code.system": self.tr(
                "{field} is not coded in the expected code system: choose the code from the list."
            ),
            "text.spaces": self.tr("{field} starts or ends with spaces."),
            "problem.end_missing": self.tr(
                "a resolved problem needs the date it resolved ({field})."
            ),
            "problem.end_before_onset": self.tr("{field} is before the onset."),
            "problem.end_while_active": self.tr(
                "an active problem has a resolution date: set it resolved or clear the date."
            ),
            "period.inverted": self.tr("{field} is before the start."),
            "vital.unit_missing": self.tr("the unit of measure ({field}) is missing."),
            "therapy.posology_missing": self.tr("the posology needs both dose and frequency."),
        }
        text = texts.get(problem.code, self.tr("does not pass a check ({code})."))
        sentence = text.format(none=view.none_text, field=field, code=problem.code)
        return f"{where}: {sentence}"

    def _header(self, problem: CheckIssue) -> str:
        texts = {
            ("date.future", "effective_time"): self.tr(
                "The date of the document is in the future: check the computer's clock."
            ),
            ("date.future", "patient.birth_date"): self.tr(
                "The patient's birth date is in the future: correct it in the registry."
            ),
            ("author.telecom_missing", "author.telecom"): self.tr(
                "The author's phone or e-mail is missing: add them to your profile in the "
                "configuration."
            ),
            ("author.not_authenticator", "legal_authenticator"): self.tr(
                "The PSS must be signed by the doctor who writes it."
            ),
            ("patient.mismatch", "patient.cf"): self.tr(
                "This draft is about another patient: close it and start a new version "
                "from this patient's PSS."
            ),
            ("author.not_operator", "author.cf"): self.tr(
                "This draft was written by another doctor: only the author can sign and "
                "publish it. Start a new version of your own."
            ),
        }
        return texts.get(
            (problem.code, problem.field),
            self.tr(
                "The document does not pass a technical check ({code}). If it persists, call "
                "support."
            ).format(code=problem.code),
        )
