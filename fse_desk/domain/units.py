"""How the UCUM units we show read for a doctor and a patient (UI, PDFs, outbox).

UCUM is the code (``10*3/uL``, ``mm[Hg]``, ``mL/min/{1.73_m2}``); people read the
usual printed form. One table for every place a unit is displayed; a code not in it
reads the same in print (mg/dL, mmol/L, %) once UCUM's braces and brackets are dropped.
"""

from __future__ import annotations

import re

UNIT_DISPLAY: dict[str, str] = {
    "10*3/uL": "×10³/µL",
    "10*6/uL": "×10⁶/µL",
    "10*9/L": "×10⁹/L",
    "10*12/L": "×10¹²/L",
    "uL": "µL",
    "ug/L": "µg/L",
    "ug/dL": "µg/dL",
    "umol/L": "µmol/L",
    "uU/mL": "µU/mL",
    "[iU]/L": "UI/L",
    "[iU]/mL": "UI/mL",
    "[IU]/L": "UI/L",
    "mL/min/{1.73_m2}": "mL/min/1,73 m²",
    "mm[Hg]": "mmHg",
    "[pH]": "",  # pH has no unit: the value alone is read as pH
    "Cel": "°C",
    "{beats}/min": "battiti/min",
    "{breaths}/min": "atti/min",
    "{steps}": "passi",
    "kg/m2": "kg/m²",
    "m2": "m²",
    "1": "",
}

_ANNOTATION = re.compile(r"\{[^}]*\}|\[|\]")


def unit_display(code: str | None) -> str:
    """The printed form of the UCUM ``code`` ("" for none or a dimensionless one)."""
    if not code:
        return ""
    if code in UNIT_DISPLAY:
        return UNIT_DISPLAY[code]
    return _ANNOTATION.sub("", code).strip() or code
