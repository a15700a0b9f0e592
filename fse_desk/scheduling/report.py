"""The "Referto di televisita" (LOINC 75496-0), drafted from the appointment.

The draft carries what the agenda knows (patient, professionals, times, remote or
fallen back to in-person, the CUP booking code); the doctor writes the findings.
Only a doctor signs it (:mod:`.permissions`).
"""

from __future__ import annotations

import enum
import uuid
from dataclasses import dataclass, replace
from datetime import datetime

from fse_desk.domain.identifiers import document_id_root
from fse_desk.domain.roles import Role
from fse_desk.domain.rome_clock import ROME
from fse_desk.domain.scheduling import Appointment
from fse_desk.errors import InvalidRecord
from fse_desk.pss.model import Clinician, Organization, PatientInfo
from fse_desk.scheduling.permissions import AgendaAction, require

REPORT_LOINC = "75496-0"
REPORT_TITLE = "Referto di televisita"
# Document ids of the region's repository (Emilia-Romagna: 80, no leading zero in an OID).
REPORT_ID_ROOT = document_id_root()


class VisitMode(enum.Enum):
    """How the visit took place: by video (Encounter class VR) or, when the connection
    failed, in person (AMB)."""

    VIDEO = "VR"
    IN_PERSON = "AMB"


@dataclass(frozen=True, slots=True)
class TelevisitReport:
    document_id: str
    appointment: Appointment
    patient: PatientInfo
    author: Clinician  # the doctor who writes and signs (legal authenticator)
    custodian: Organization
    effective_time: datetime
    mode: VisitMode = VisitMode.VIDEO
    consent_recorded: bool = False  # the patient's informed consent to telemedicine
    performed: str = ""  # the prestazione, as shown in the "prestazioni" section
    findings: str = ""  # the referto, written by the doctor

    def problems(self) -> list[str]:
        """What stops signing (English, for the log; the UI points at the field)."""
        out = []
        if not self.findings.strip():
            out.append("findings: the referto is empty")
        if not self.performed.strip():
            out.append("performed: no prestazione described")
        if self.mode is VisitMode.VIDEO and not self.consent_recorded:
            out.append("consent_recorded: no informed consent to telemedicine recorded")
        return out


def draft_report(
    appointment: Appointment,
    patient: PatientInfo,
    author: Clinician,
    custodian: Organization,
    *,
    now: datetime,
    consent_recorded: bool = False,
) -> TelevisitReport:
    """``consent_recorded``: the patient's latest decision on telemedicine is a consent
    (the agenda's Consent records say so, not the doctor's memory)."""
    start = appointment.start.astimezone(ROME)
    end = appointment.end.astimezone(ROME)
    team = ", ".join(p.display for p in appointment.professionals)
    performed = (
        f"Televisita del {start:%d/%m/%Y} dalle {start:%H:%M} alle {end:%H:%M} con {team}"
        + (f" (prenotazione CUP {appointment.cup_code})" if appointment.cup_code else "")
        + (f". Motivo: {appointment.reason}" if appointment.reason else "")
    )
    return TelevisitReport(
        document_id=str(uuid.uuid4()),
        appointment=appointment,
        patient=patient,
        author=author,
        custodian=custodian,
        effective_time=now,
        performed=performed,
        consent_recorded=consent_recorded,
    )


def fell_back_in_person(report: TelevisitReport) -> TelevisitReport:
    """The connection failed: the visit became an in-person one."""
    return replace(
        report,
        mode=VisitMode.IN_PERSON,
        performed=report.performed.replace(
            "Televisita", "Visita in presenza (televisita non riuscita)", 1
        ),
    )


def ready_to_sign(report: TelevisitReport, role: Role) -> None:
    """Raise PermissionDenied for a non-doctor, InvalidRecord for an incomplete report."""
    require(role, AgendaAction.SIGN_REPORT)
    problems = report.problems()
    if problems:
        raise InvalidRecord("; ".join(problems), field=problems[0].split(":")[0])
