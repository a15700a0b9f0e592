"""Identifiers of the Italian health system, written once: OIDs, systems, the CF, the clock.

Facts from the HL7 Italia guides and the FSE 2.0 affinity domain. Every module (core,
UI, demo region) takes them from here; tests keep their own literals on purpose.

A region is known by its ISTAT code, written with three digits ("080" for Emilia-Romagna).
Inside an OID the same code is an arc, and an OID arc carries no leading zero (ITU-T
X.660): the region's document ids live under ``2.16.840.1.113883.2.9.2.80.4.4`` (the CDA
schema rejects ``…2.9.2.080…``).
"""

from __future__ import annotations

import re
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

NRE_OID = "2.16.840.1.113883.2.9.4.3.9"
"""Numero di ricetta elettronica (MEF): the id of an electronic prescription and of its
sections, as the prescription guides and schematrons require."""

REGIONAL_ROOT = "2.16.840.1.113883.2.9.2"
"""Arc under which each Italian region has its own arc."""
DEFAULT_REGION = "080"
"""ISTAT code of Emilia-Romagna: the demo region, and the region this installation serves
(the gateway's organisation id)."""

_ARC = re.compile(r"0|[1-9]\d*")


def region_arc(istat_code: str) -> str:
    """The OID arc of a region's ISTAT code: ``"080"`` → ``"80"``."""
    if not istat_code.isdigit() or len(istat_code) > 3:
        raise ValueError(f"region code {istat_code!r} is not a 1-3 digit ISTAT code")
    return str(int(istat_code))


def region_oid(istat_code: str, *arcs: int) -> str:
    """``2.16.840.1.113883.2.9.2.<region>[.<arcs…>]``: ``"080"`` → ``….2.9.2.80``."""
    return ".".join([REGIONAL_ROOT, region_arc(istat_code), *map(str, arcs)])


def document_id_root(istat_code: str = DEFAULT_REGION) -> str:
    """Root of the ids of documents written in the region (``….4.4``)."""
    return region_oid(istat_code, 4, 4)


DOCUMENT_ID_ROOT = document_id_root()
"""The root of this region's clinical document ids (``<root>^<extension>``)."""


def repository_id(istat_code: str = DEFAULT_REGION, repository: int = 1) -> str:
    """``identificativoRep``: the region's document repository, ``….4.5.<n>``."""
    return region_oid(istat_code, 4, 5, repository)


def submission_set_id(istat_code: str, serial: int) -> str:
    """``identificativoSottomissione``: ``….4.3.<serial>`` under the region."""
    if serial < 0:
        raise ValueError("a submission serial is a non-negative integer")
    return region_oid(istat_code, 4, 3, serial)


def region_of_document_root(root: str) -> str:
    """The region arc of a document id root written by :func:`document_id_root`."""
    prefix, suffix = f"{REGIONAL_ROOT}.", ".4.4"
    arc = root.removeprefix(prefix).removesuffix(suffix)
    if not (root.startswith(prefix) and root.endswith(suffix) and _ARC.fullmatch(arc)):
        raise ValueError(f"{root!r} is not a regional document id root")
    return arc


def is_valid_oid(value: str) -> bool:
    """True for a dotted OID whose arcs are numbers without leading zeros."""
    arcs = value.split(".")
    return len(arcs) >= 2 and all(_ARC.fullmatch(arc) for arc in arcs)


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
