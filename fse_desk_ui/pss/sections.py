"""How each PSS section is shown: translated title, column headers and one row per entry.

Values follow the Italian display conventions of :mod:`fse_desk_ui.formatting` (dd/mm/yyyy,
decimal comma); coded values show their description with the code in its own column.
"""

from __future__ import annotations

import enum
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from PySide6.QtCore import QObject

from fse_desk.domain.units import unit_display
from fse_desk.pss import model
from fse_desk.pss.model import Coded
from fse_desk_ui.formatting import format_date


@dataclass(frozen=True, slots=True)
class SectionView:
    key: str  # attribute of Pss
    title: str
    columns: tuple[str, ...]
    row: Callable[[Any], tuple[str, ...]]
    none_text: str = ""  # shown when the PSS states the section explicitly empty


def _code(value: Coded | None) -> str:
    return "" if value is None else value.code


class PssTexts(QObject):
    """The translated texts of the PSS view (a QObject so that lupdate finds them)."""

    def enum_label(self, value: enum.Enum) -> str:
        labels: dict[enum.Enum, str] = {
            model.Severity.MILD: self.tr("mild"),
            model.Severity.MODERATE: self.tr("moderate"),
            model.Severity.SEVERE: self.tr("severe"),
            model.Criticality.LOW: self.tr("low"),
            model.Criticality.HIGH: self.tr("high"),
            model.Criticality.UNABLE_TO_ASSESS: self.tr("unable to assess"),
            model.ProblemStatus.ACTIVE: self.tr("active"),
            model.ProblemStatus.RESOLVED: self.tr("resolved"),
            model.Relative.FATHER: self.tr("father"),
            model.Relative.MOTHER: self.tr("mother"),
            model.Relative.BROTHER: self.tr("brother"),
            model.Relative.SISTER: self.tr("sister"),
            model.Relative.SON: self.tr("son"),
            model.Relative.DAUGHTER: self.tr("daughter"),
            model.Relative.GRANDFATHER: self.tr("grandfather"),
            model.Relative.GRANDMOTHER: self.tr("grandmother"),
            model.Relative.UNCLE: self.tr("uncle"),
            model.Relative.AUNT: self.tr("aunt"),
            model.EncounterKind.VISIT: self.tr("visit"),
            model.EncounterKind.ADMISSION: self.tr("admission"),
            model.DonationChoice.CONSENT: self.tr("consents to donation"),
            model.DonationChoice.REFUSAL: self.tr("refuses donation"),
            model.DonationChoice.NOT_EXPRESSED: self.tr("no choice expressed"),
        }
        return labels[value]

    def cell(self, value: object) -> str:
        """One value as the tab shows it."""
        if value is None or value == "":
            return ""
        if isinstance(value, Coded):
            return value.display or value.code
        if isinstance(value, enum.Enum):
            return self.enum_label(value)
        if isinstance(value, bool):
            return self.tr("yes") if value else self.tr("no")
        if isinstance(value, date):
            return format_date(value)
        if isinstance(value, float):
            return f"{value:g}".replace(".", ",")
        return str(value)

    def read_only(self, kept: Sequence[model.KeptEntry]) -> str:
        """The entries another program wrote that the editor cannot hold, one a line."""
        untitled = self.tr("(no description)")
        lines = [f"• {k.summary or untitled}" for k in kept]
        head = self.tr("Written by another program and kept as written (not editable here):")
        return "\n".join([head, *lines])

    def section_views(self) -> tuple[SectionView, ...]:
        """Every PSS section in the order of the HL7 Italia guide, with translated texts."""
        c = self.cell
        return (
            SectionView(
                "allergies",
                self.tr("Allergies and intolerances"),
                (
                    self.tr("Agent"),
                    self.tr("Code"),
                    self.tr("Reaction"),
                    self.tr("Severity"),
                    self.tr("Criticality"),
                    self.tr("Onset"),
                    self.tr("Note"),
                ),
                lambda a: (
                    c(a.agent),
                    a.agent.code,
                    a.reaction,
                    c(a.severity),
                    c(a.criticality),
                    c(a.onset),
                    a.note,
                ),
                self.tr("No known allergies"),
            ),
            SectionView(
                "therapies",
                self.tr("Current therapies"),
                (
                    self.tr("Drug"),
                    self.tr("ATC"),
                    self.tr("AIC"),
                    self.tr("Strength"),
                    self.tr("Dose"),
                    self.tr("Frequency"),
                    self.tr("Start"),
                    self.tr("Route"),
                ),
                lambda t: (
                    c(t.drug),
                    t.drug.code,
                    _code(t.aic),
                    t.strength,
                    t.dose,
                    t.frequency,
                    c(t.start),
                    t.route,
                ),
                self.tr("No current therapy"),
            ),
            SectionView(
                "vaccinations",
                self.tr("Vaccinations"),
                (
                    self.tr("Date"),
                    self.tr("Vaccine"),
                    self.tr("ATC"),
                    self.tr("Dose no."),
                    self.tr("Lot"),
                ),
                lambda v: (c(v.date), c(v.vaccine), v.vaccine.code, c(v.dose_number), v.lot),
            ),
            SectionView(
                "problems",
                self.tr("Problem list"),
                (
                    self.tr("Problem"),
                    self.tr("ICD-9-CM"),
                    self.tr("Onset"),
                    self.tr("Status"),
                    self.tr("Chronic"),
                    self.tr("Resolved on"),
                    self.tr("Note"),
                ),
                lambda p: (
                    c(p.code),
                    p.code.code,
                    c(p.onset),
                    c(p.status),
                    c(p.chronic),
                    c(p.end),
                    p.note,
                ),
                self.tr("No relevant clinical problems"),
            ),
            SectionView(
                "lifestyle",
                self.tr("Lifestyle"),
                (self.tr("Aspect"), self.tr("Habit"), self.tr("Since")),
                lambda s: (c(s.aspect), s.value, c(s.since)),
            ),
            SectionView(
                "pregnancies",
                self.tr("Pregnancies and births"),
                (self.tr("Ended on"), self.tr("Outcome"), self.tr("Weeks"), self.tr("Note")),
                lambda p: (c(p.end_date), p.outcome, c(p.weeks), p.note),
            ),
            SectionView(
                "vital_signs",
                self.tr("Vital signs"),
                (self.tr("Measurement"), self.tr("Value"), self.tr("Unit"), self.tr("Date")),
                lambda v: (c(v.code), c(float(v.value)), unit_display(v.unit), c(v.time)),
            ),
            SectionView(
                "devices",
                self.tr("Implants, prostheses and aids"),
                (self.tr("Description"), self.tr("Code"), self.tr("Implanted on")),
                lambda d: (d.description, _code(d.code), c(d.implanted)),
            ),
            SectionView(
                "care_plans",
                self.tr("Care plans"),
                (self.tr("Plan"), self.tr("Start"), self.tr("End")),
                lambda p: (p.description, c(p.start), c(p.end)),
            ),
            SectionView(
                "procedures",
                self.tr("Treatments and procedures"),
                (self.tr("Procedure"), self.tr("Code"), self.tr("Date"), self.tr("Note")),
                lambda p: (c(p.code), p.code.code, c(p.date), p.note),
            ),
            SectionView(
                "encounters",
                self.tr("Visits and admissions"),
                (
                    self.tr("Kind"),
                    self.tr("Start"),
                    self.tr("End"),
                    self.tr("Reason"),
                    self.tr("Facility"),
                    self.tr("Diagnosis"),
                ),
                lambda e: (c(e.kind), c(e.start), c(e.end), e.reason, e.facility, c(e.diagnosis)),
            ),
            SectionView(
                "functional_status",
                self.tr("Functional status"),
                (self.tr("Assessment"), self.tr("Date")),
                lambda f: (f.description, c(f.assessed)),
            ),
            SectionView(
                "diagnostics",
                self.tr("Diagnostic tests and laboratory"),
                (
                    self.tr("Test"),
                    self.tr("LOINC"),
                    self.tr("Date"),
                    self.tr("Result"),
                    self.tr("Note"),
                ),
                lambda d: (c(d.code), d.code.code, c(d.date), d.result, d.note),
            ),
            SectionView(
                "organ_donation",
                self.tr("Organ donation"),
                (self.tr("Choice"), self.tr("Recorded on")),
                lambda o: (c(o.choice), c(o.recorded)),
            ),
            SectionView(
                "family_history",
                self.tr("Family history"),
                (
                    self.tr("Relative"),
                    self.tr("Condition"),
                    self.tr("ICD-9-CM"),
                    self.tr("Age at onset"),
                    self.tr("Deceased"),
                ),
                lambda f: (
                    c(f.relative),
                    c(f.condition),
                    f.condition.code,
                    c(f.onset_age),
                    c(f.deceased),
                ),
                self.tr("Family history negative"),
            ),
            SectionView(
                "exemptions",
                self.tr("Exemptions"),
                (self.tr("Exemption"), self.tr("Code"), self.tr("From"), self.tr("Until")),
                lambda x: (c(x.code), x.code.code, c(x.start), c(x.end)),
            ),
            SectionView(
                "disease_networks",
                self.tr("Disease networks"),
                (self.tr("Network"), self.tr("Facility"), self.tr("Enrolled on")),
                lambda n: (n.name, n.facility, c(n.enrolled)),
            ),
        )
