"""The label the doctor reads beside each field of the entry form (translated)."""

from __future__ import annotations

from PySide6.QtCore import QObject


class FieldLabels(QObject):
    """Field labels: one per field name, with the few that depend on the section."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._generic = {
            "note": self.tr("Note"),
            "onset": self.tr("Onset"),
            "start": self.tr("Start"),
            "end": self.tr("End"),
            "date": self.tr("Date"),
            "facility": self.tr("Facility"),
            "description": self.tr("Description"),
            "reaction": self.tr("Reaction"),
            "severity": self.tr("Severity"),
            "criticality": self.tr("Criticality"),
            "agent": self.tr("Agent"),
            "drug": self.tr("Drug (ATC)"),
            "aic": self.tr("AIC"),
            "dose": self.tr("Dose"),
            "strength": self.tr("Strength"),
            "frequency": self.tr("Frequency"),
            "route": self.tr("Route"),
            "vaccine": self.tr("Vaccine"),
            "dose_number": self.tr("Dose no."),
            "lot": self.tr("Lot"),
            "status": self.tr("Status"),
            "chronic": self.tr("Chronic"),
            "relative": self.tr("Relative"),
            "condition": self.tr("Condition (ICD-9-CM)"),
            "onset_age": self.tr("Age at onset"),
            "deceased": self.tr("Deceased"),
            "aspect": self.tr("Aspect"),
            "value": self.tr("Value"),
            "since": self.tr("Since"),
            "end_date": self.tr("Ended on"),
            "outcome": self.tr("Outcome"),
            "weeks": self.tr("Weeks"),
            "unit": self.tr("Unit (UCUM)"),
            "time": self.tr("Date"),
            "implanted": self.tr("Implanted on"),
            "kind": self.tr("Kind"),
            "reason": self.tr("Reason"),
            "diagnosis": self.tr("Diagnosis (ICD-9-CM)"),
            "assessed": self.tr("Assessed on"),
            "result": self.tr("Result"),
            "choice": self.tr("Choice"),
            "recorded": self.tr("Recorded on"),
            "name": self.tr("Network"),
            "enrolled": self.tr("Enrolled on"),
        }
        self._by_section = {
            ("problems", "code"): self.tr("Problem (ICD-9-CM)"),
            ("problems", "end"): self.tr("Resolved on"),
            ("lifestyle", "value"): self.tr("Habit"),
            ("vital_signs", "code"): self.tr("Measurement"),
            ("devices", "code"): self.tr("Code"),
            ("care_plans", "description"): self.tr("Plan"),
            ("procedures", "code"): self.tr("Procedure (ICD-9-CM)"),
            ("functional_status", "description"): self.tr("Assessment"),
            ("diagnostics", "code"): self.tr("Test (LOINC)"),
            ("exemptions", "code"): self.tr("Exemption"),
            ("exemptions", "start"): self.tr("From"),
            ("exemptions", "end"): self.tr("Until"),
        }

    def label(self, section: str, name: str) -> str:
        return self._by_section.get((section, name)) or self._generic[name]
