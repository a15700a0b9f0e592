"""An Italian postal address written on one line, and its parts.

The configuration keeps the practice's address as the doctor writes it on letterhead,
``"Via Roma 1, 40038 Vergato (BO)"``; a CDA's ``addr`` needs its parts (the national
schematrons ask for country, city and street line of the custodian's address).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

ITALY = "IT"  # ISO 3166-1, as the HL7 Italia examples write addr/country

# "40038 Vergato (BO)": postal code optional, province optional.
_LOCALITY = re.compile(
    r"(?:(?P<postal_code>\d{5})\s+)?(?P<city>[^()]+?)(?:\s*\((?P<county>[A-Za-z]{2})\))?"
)


@dataclass(frozen=True, slots=True)
class PostalAddress:
    street: str
    city: str
    postal_code: str = ""
    county: str = ""  # the province's two letters

    def one_line(self) -> str:
        """``"Via Roma 1, 40038 Vergato (BO)"``: as it was written."""
        locality = " ".join(p for p in (self.postal_code, self.city) if p)
        if self.county:
            locality += f" ({self.county})"
        return f"{self.street}, {locality}"


def parse_address(line: str) -> PostalAddress | None:
    """The parts of ``"street, [CAP] city [(PR)]"``; None when there is no city after a comma."""
    street, _, locality = line.strip().rpartition(",")
    match = _LOCALITY.fullmatch(locality.strip())
    if not street.strip() or match is None:
        return None
    return PostalAddress(
        street.strip(),
        match["city"].strip(),
        match["postal_code"] or "",
        (match["county"] or "").upper(),
    )
