"""Start a new PSS version for the doctor to edit.

A new version carries every value of the current published one over (same setId,
versionNumber + 1, RPLC to it); the first version starts empty. Either way the
header names today's author and custodian, the patient's identity comes from the
cache, and the vital signs section is brought up to date with the latest readings
recorded on this workstation (one value per LOINC code, the newest wins).
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from datetime import datetime

from fse_desk.domain.patient import Patient, Sex
from fse_desk.domain.vitals import DIASTOLIC_LOINC, SYSTOLIC_LOINC, Vital, VitalReading
from fse_desk.pss import codes
from fse_desk.pss.model import (
    AdministrativeSex,
    Clinician,
    Coded,
    Confidentiality,
    Organization,
    PatientInfo,
    Pss,
    VitalSign,
    new_version,
)

"""The clock of a PSS: its date and "today" for its checks are Italian dates."""

_SEX = {Sex.MALE: AdministrativeSex.MALE, Sex.FEMALE: AdministrativeSex.FEMALE}

# LOINC code → the Italian display written in the CDA.
VITAL_DISPLAY: dict[str, str] = {
    SYSTOLIC_LOINC: "Pressione arteriosa sistolica",
    DIASTOLIC_LOINC: "Pressione arteriosa diastolica",
    Vital.HEART_RATE.value.loinc: "Frequenza cardiaca",
    Vital.SPO2.value.loinc: "Saturazione di ossigeno",
    Vital.BODY_WEIGHT.value.loinc: "Peso corporeo",
    Vital.BODY_TEMPERATURE.value.loinc: "Temperatura corporea",
    Vital.CAPILLARY_GLUCOSE.value.loinc: "Glicemia capillare",
    Vital.RESPIRATORY_RATE.value.loinc: "Frequenza respiratoria",
}


@dataclass(frozen=True, slots=True)
class PssSigner:
    """Who writes and signs the PSS, and the practice that keeps it (the custodian)."""

    author: Clinician
    custodian: Organization


def new_document_id() -> str:
    """A document id extension unique without coordination (the workstation may be offline)."""
    return uuid.uuid4().hex.upper()


def patient_info(patient: Patient) -> PatientInfo:
    return PatientInfo(
        patient.codice_fiscale,
        patient.given_name,
        patient.family_name,
        _SEX.get(patient.sex, AdministrativeSex.UNDIFFERENTIATED),
        patient.birth_date,
    )


def vital_signs(readings: Iterable[VitalReading]) -> dict[str, VitalSign]:
    """The newest value of each LOINC code in ``readings`` (blood pressure gives two)."""
    newest: dict[str, VitalSign] = {}
    for reading in sorted(readings, key=lambda r: r.effective_at):
        kind = reading.vital.value
        if reading.vital is Vital.BLOOD_PRESSURE:
            pairs = zip((SYSTOLIC_LOINC, DIASTOLIC_LOINC), reading.values, strict=False)
        else:
            pairs = zip((kind.loinc,), reading.values, strict=False)
        for loinc, value in pairs:
            newest[loinc] = VitalSign(
                Coded(loinc, codes.LOINC, VITAL_DISPLAY.get(loinc, "")),
                value,
                kind.unit,
                reading.effective_at.date(),
            )
    return newest


def start_draft(
    *,
    patient: Patient,
    signer: PssSigner,
    previous: Pss | None,
    readings: Iterable[VitalReading],
    now: datetime,
    new_id: Callable[[], str] = new_document_id,
) -> Pss:
    """The draft of the next version after ``previous`` (the first when None).

    ``now`` must carry a time zone (the CDA effectiveTime does).
    """
    author = signer.author
    now = now.replace(microsecond=0)  # the CDA effectiveTime holds seconds
    if previous is None:
        document_id = new_id()
        draft = Pss(
            document_id=document_id,
            set_id=document_id,
            version=1,
            effective_time=now,
            confidentiality=Confidentiality.NORMAL,
            patient=patient_info(patient),
            author=author,
            custodian=signer.custodian,
            legal_authenticator=author,
        )
    else:
        draft = replace(
            new_version(previous, document_id=new_id(), effective_time=now),
            patient=patient_info(patient),
            author=author,
            legal_authenticator=author,
            custodian=signer.custodian,
        )
    measured = vital_signs(readings)
    if not measured:
        return draft
    kept = tuple(
        v
        for v in draft.vital_signs
        if v.code.code not in measured or v.time > measured[v.code.code].time
    )
    fresh = tuple(m for code, m in measured.items() if not any(v.code.code == code for v in kept))
    return replace(draft, vital_signs=kept + fresh)
