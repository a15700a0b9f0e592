"""How vital signs and their units read on screen."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from fse_desk.domain.telemonitoring import Parameter, Reading
from fse_desk.domain.units import unit_display
from fse_desk.domain.vitals import Vital, VitalReading
from fse_desk_ui.formatting import format_decimal


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


def parameter_label(parameter: Parameter) -> str:
    """The name of a telemonitoring parameter: the vital's, or "Glucose (CGM)"."""
    vital = vital_for_loinc(parameter.value)
    if vital is not None:
        return vital_label(vital)
    return QCoreApplication.translate("vitals", "Glucose (CGM)")


def parameter_decimals(parameter: Parameter) -> int:
    vital = vital_for_loinc(parameter.value)
    return vital.value.decimals if vital is not None else 0


def parameter_unit(parameter: Parameter) -> str:
    return unit_display(parameter.unit)


def reading_value_text(reading: Reading) -> str:
    """A reading of any source as :func:`value_text` writes a desk one."""
    decimals = parameter_decimals(reading.parameter)
    values = "/".join(format_decimal(v, decimals) for v in reading.values)
    return f"{values} {parameter_unit(reading.parameter)}"
