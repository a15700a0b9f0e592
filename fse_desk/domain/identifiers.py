"""Identifiers of the Italian health system, written once: OIDs, systems, the CF, the clock.

Facts from the HL7 Italia guides and the FSE 2.0 affinity domain. Every module (core,
UI, demo region) takes them from here; tests keep their own literals on purpose.
"""

from __future__ import annotations

from zoneinfo import ZoneInfo

from codicefiscale.codicefiscale import CODICEFISCALE_RE

ROME = ZoneInfo("Europe/Rome")
"""The time zone of every date a doctor reads or a document states."""

LOINC_OID = "2.16.840.1.113883.6.1"
LOINC_FHIR_SYSTEM = "http://loinc.org"
CF_OID = "2.16.840.1.113883.2.9.4.3.2"
"""The codice fiscale as an HL7 v3 ``id/@root`` (and in the CX form of HL7 v2)."""
CF_FHIR_SYSTEM = "http://hl7.it/sid/codiceFiscale"
"""The codice fiscale as a FHIR ``Identifier.system`` (HL7 Italia)."""

_REGIONS_ARC = "2.16.840.1.113883.2.9.2"
EMILIA_ROMAGNA = "080"
"""ISTAT code of the region this installation serves (the gateway's organisation id)."""


def region_oid(region_code: str) -> str:
    """The OID of a region from its ISTAT code: ``"080"`` → ``2.16.840.1.113883.2.9.2.80``.

    An OID arc is a number, written without leading zeros (ITU-T X.660), although the
    region's ISTAT code is usually written with them.
    """
    if not region_code.isdigit():
        raise ValueError(f"region code {region_code!r} is not an ISTAT number such as '080'")
    return f"{_REGIONS_ARC}.{int(region_code)}"


DOCUMENT_ID_ROOT = f"{region_oid(EMILIA_ROMAGNA)}.4.4"
"""The root of the region's clinical document ids (``<root>^<extension>``)."""

# A temporary code of a foreigner without a permit (STP) or an EU citizen without
# cover (ENI): the prefix, then the region's 3, the ASL's 3 and a 7-digit progressive.
_TEMPORARY_CODE_PREFIXES = ("STP", "ENI")


def is_codice_fiscale(text: str) -> bool:
    """Whether ``text`` has the shape of a codice fiscale: 16 upper-case characters,
    letters and digits where a CF has them (omocodia included), or an STP/ENI code.

    The check character is not verified: the region's registry owns the code, and a
    record must not be dropped because the region keeps a miscomputed one.
    """
    if len(text) != 16 or text != text.upper():
        return False
    if text.startswith(_TEMPORARY_CODE_PREFIXES):
        return text[3:].isdigit()
    return CODICEFISCALE_RE.fullmatch(text) is not None
