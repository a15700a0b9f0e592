"""The XML bricks of the PSS CDA writer: elements, coded values, typed values, HL7
timestamps, and how a value reads in the narrative (Italian)."""

from __future__ import annotations

import enum
from datetime import date, datetime
from xml.etree import ElementTree as ET

from fse_desk.pss import codes
from fse_desk.pss._entries import (
    ENUM_LABELS,
    ENUM_SYSTEMS,
)
from fse_desk.pss.model import Coded

XSI_TYPE = "xsi:type"


def el(parent: ET.Element | None, tag: str, **attrs: str) -> ET.Element:
    # Unqualified names under a root that declares the CDA default namespace: ElementTree
    # cannot serialize a default namespace together with unprefixed attributes.
    name = tag
    clean = {k.rstrip("_"): v for k, v in attrs.items()}
    return ET.Element(name, clean) if parent is None else ET.SubElement(parent, name, clean)


def ts_date(value: date) -> str:
    return value.strftime("%Y%m%d")


def ts_datetime(value: datetime) -> str:
    return value.strftime("%Y%m%d%H%M%S%z")


def coded_el(parent: ET.Element, tag: str, value: Coded, **extra: str) -> ET.Element:
    attrs = {"code": value.code, "codeSystem": value.system}
    name = codes.SYSTEM_NAMES.get(value.system)
    if name:
        attrs["codeSystemName"] = name
    if value.display:
        attrs["displayName"] = value.display
    attrs.update(extra)
    return el(parent, tag, **attrs)


def enum_el(parent: ET.Element, tag: str, value: enum.Enum, **extra: str) -> ET.Element:
    return el(
        parent,
        tag,
        code=str(value.value),
        codeSystem=ENUM_SYSTEMS[type(value)],
        displayName=ENUM_LABELS[value],
        **extra,
    )


def shown(value: object) -> str:
    """A field value as the narrative shows it (Italian)."""
    if value is None or value == "":
        return ""
    if isinstance(value, Coded):
        return f"{value.display} ({value.code})" if value.display else value.code
    if isinstance(value, enum.Enum):
        return ENUM_LABELS[value]
    if isinstance(value, bool):
        return "sì" if value else "no"
    if isinstance(value, datetime):
        return value.strftime("%d/%m/%Y %H:%M")
    if isinstance(value, date):
        return value.strftime("%d/%m/%Y")
    if isinstance(value, float):
        return f"{value:g}".replace(".", ",")
    return str(value)


def typed_value(parent: ET.Element, value: object, unit: str | None = None) -> None:
    if isinstance(value, Coded):
        coded_el(parent, "value", value, **{XSI_TYPE: "CD"})
    elif isinstance(value, enum.Enum):
        enum_el(parent, "value", value, **{XSI_TYPE: "CD"})
    elif isinstance(value, bool):
        el(parent, "value", **{XSI_TYPE: "BL", "value": "true" if value else "false"})
    elif isinstance(value, int):
        el(parent, "value", **{XSI_TYPE: "INT", "value": str(value)})
    elif isinstance(value, float):
        el(parent, "value", **{XSI_TYPE: "PQ", "value": repr(value), "unit": unit or "1"})
    elif isinstance(value, datetime):
        el(parent, "value", **{XSI_TYPE: "TS", "value": ts_datetime(value)})
    elif isinstance(value, date):
        el(parent, "value", **{XSI_TYPE: "TS", "value": ts_date(value)})
    else:
        el(parent, "value", **{XSI_TYPE: "ST"}).text = str(value)
