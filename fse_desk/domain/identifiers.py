"""The Italian FSE's identifier roots (OIDs), built in one place from the region's code.

A region is known by its ISTAT code, written with three digits ("080" for Emilia-Romagna).
Inside an OID the same code is an arc, and an OID arc carries no leading zero: the region's
document ids live under ``2.16.840.1.113883.2.9.2.80.4.4`` (the CDA schema rejects
``…2.9.2.080…``).
"""

from __future__ import annotations

import re

REGIONAL_ROOT = "2.16.840.1.113883.2.9.2"
"""Arc under which each Italian region has its own arc."""
DEFAULT_REGION = "080"
"""ISTAT code of Emilia-Romagna, the demo region and the default."""

_ARC = re.compile(r"0|[1-9]\d*")


def region_arc(istat_code: str) -> str:
    """The OID arc of a region's ISTAT code: ``"080"`` → ``"80"``."""
    if not istat_code.isdigit() or len(istat_code) > 3:
        raise ValueError(f"region code {istat_code!r} is not a 1-3 digit ISTAT code")
    return str(int(istat_code))


def region_oid(istat_code: str, *arcs: int) -> str:
    """``2.16.840.1.113883.2.9.2.<region>.<arcs…>``."""
    return ".".join([REGIONAL_ROOT, region_arc(istat_code), *map(str, arcs)])


def document_id_root(istat_code: str = DEFAULT_REGION) -> str:
    """Root of the ids of documents written in the region (``….4.4``)."""
    return region_oid(istat_code, 4, 4)


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
