"""The assistito as the workstation knows it."""

from __future__ import annotations

import enum
from dataclasses import dataclass
from datetime import date, datetime

from fse_desk._types import CodiceFiscale, PatientId
from fse_desk.domain.identifiers import is_codice_fiscale
from fse_desk.errors import InvalidRecord


class Sex(enum.Enum):
    """Administrative gender as FHIR codes it."""

    MALE = "male"
    FEMALE = "female"
    OTHER = "other"
    UNKNOWN = "unknown"


class ConsentState(enum.Enum):
    """The patient's consent to consultation of their FSE."""

    GRANTED = "granted"
    DENIED = "denied"
    UNKNOWN = "unknown"


@dataclass(frozen=True, slots=True)
class Patient:
    """One assistito of the practice.

    ``version_id`` and ``last_updated`` are the server's, kept for optimistic
    concurrency and delta sync. ``general_practitioner_id`` is the Practitioner id
    of the patient's own MMG/PLS on the regional server ("" when not known).
    ``departed``: the patient moved to another MMG; their FSE data is gone from the
    cache and they stay listed only while an unsent PSS draft of this workstation
    waits to be discarded (it can no longer be published).
    """

    id: PatientId
    codice_fiscale: CodiceFiscale
    family_name: str
    given_name: str
    sex: Sex
    birth_date: date
    birth_place: str = ""
    consent: ConsentState = ConsentState.UNKNOWN
    version_id: str = ""
    last_updated: datetime | None = None
    general_practitioner_id: str = ""
    departed: bool = False

    def __post_init__(self) -> None:
        if not self.id:
            raise InvalidRecord("patient without id", field="id")
        if not is_codice_fiscale(self.codice_fiscale):
            raise InvalidRecord(
                f"codice fiscale {self.codice_fiscale!r} is not 16 upper-case letters/digits",
                field="codice_fiscale",
            )
        if not self.family_name:
            raise InvalidRecord("patient without family name", field="family_name")

    @property
    def display_name(self) -> str:
        """``COGNOME Nome``, as Italian registries print it."""
        return f"{self.family_name.upper()} {self.given_name}".strip()

    def age_on(self, day: date) -> int:
        """Completed years on ``day``."""
        years = day.year - self.birth_date.year
        if (day.month, day.day) < (self.birth_date.month, self.birth_date.day):
            years -= 1
        return years
