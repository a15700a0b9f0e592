"""How vital signs and their units read on screen."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from fse_desk.domain.units import unit_display
from fse_desk.domain.vitals import Vital, VitalReading
from ui.formatting import format_decimal


# UCUM codes as a clinician writes them.
def vital_label(vital: Vital) -> str:
    labels = {
        Vital.BLOOD_PRESSURE: QCoreApplication.translate("vitals", "Blood pressure"),
        Vital.HEART_RATE: QCoreApplication.translate("vitals", "Heart rate"),
        Vital.SPO2: QCoreApplication.translate("vitals", "SpO2"),
        Vital.BODY_WEIGHT: QCoreApplication.translate("vitals", "Body weight"),
        Vital.BODY_TEMPERATURE: QCoreApplication.translate("vitals", "Body temperature"),
        Vital.CAPILLARY_GLUCOSE: QCoreApplication.translate("vitals", "Capillary glucose"),
        Vital.RESPIRATORY_RATE: QCoreApplication.translate("vitals", "Respiratory rate"),
    }
    return labels[vital]


def unit_text(vital: Vital) -> str:
    return unit_display(vital.value.unit)


def value_text(reading: VitalReading) -> str:
    """``135/85 mmHg``, ``37,8 °C``: decimal comma, the vital's usual precision."""
    decimals = reading.vital.value.decimals
    values = "/".join(format_decimal(v, decimals) for v in reading.values)
    return f"{values} {unit_text(reading.vital)}"


def vital_for_loinc(code: str) -> Vital | None:
    return next((v for v in Vital if v.value.loinc == code), None)
