"""The Profilo Sanitario Sintetico as frozen records.

Records only check what makes them meaningless (an empty code, a version 0, a
non-OID code system). Clinical rules that a draft may break while the doctor
types (future dates, a resolved problem without an end date, a required section
left empty) are checked by :func:`fse_desk.pss.validator.validate_pss`.
Change a record with :func:`dataclasses.replace`.
"""

from __future__ import annotations

import enum
import re
from dataclasses import dataclass, field, replace
from datetime import date, datetime

from fse_desk.domain.identifiers import DOCUMENT_ID_ROOT, is_codice_fiscale
from fse_desk.errors import InvalidRecord
from fse_desk.pss import codes

_OID = re.compile(r"^[0-2](\.(0|[1-9][0-9]*))+$")


def _require(value: str, name: str, what: str) -> None:
    if not value or not value.strip():
        raise InvalidRecord(f"{what}: {name} is empty", field=name)


@dataclass(frozen=True, slots=True)
class Coded:
    """A coded value: ``code`` in the code system ``system`` (an OID)."""

    code: str
    system: str
    display: str = ""

    def __post_init__(self) -> None:
        _require(self.code, "code", "coded value")
        if not _OID.match(self.system):
            raise InvalidRecord(
                f"coded value {self.code!r}: code system {self.system!r} is not an OID",
                field="system",
            )

    @property
    def system_name(self) -> str:
        return codes.SYSTEM_NAMES.get(self.system, self.system)


class Confidentiality(enum.Enum):
    NORMAL = "N"
    RESTRICTED = "R"
    VERY_RESTRICTED = "V"


class AdministrativeSex(enum.Enum):
    MALE = "M"
    FEMALE = "F"
    UNDIFFERENTIATED = "UN"


class Severity(enum.Enum):
    """HL7 SeverityObservation (ObservationValue)."""

    MILD = "L"
    MODERATE = "M"
    SEVERE = "H"


class Criticality(enum.Enum):
    """HL7 criticality (ObservationValue)."""

    LOW = "CRITL"
    HIGH = "CRITH"
    UNABLE_TO_ASSESS = "CRITU"


class ProblemStatus(enum.Enum):
    ACTIVE = "active"
    RESOLVED = "completed"


class Relative(enum.Enum):
    """HL7 RoleCode of a family member."""

    FATHER = "FTH"
    MOTHER = "MTH"
    BROTHER = "BRO"
    SISTER = "SIS"
    SON = "SONC"
    DAUGHTER = "DAUC"
    GRANDFATHER = "GRFTH"
    GRANDMOTHER = "GRMTH"
    UNCLE = "UNCLE"
    AUNT = "AUNT"


class EncounterKind(enum.Enum):
    VISIT = "AMB"
    ADMISSION = "IMP"


class DonationChoice(enum.Enum):
    CONSENT = "consenso"
    REFUSAL = "diniego"
    NOT_EXPRESSED = "non espresso"


# -- header ---------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class PatientInfo:
    cf: str
    given: str
    family: str
    sex: AdministrativeSex
    birth_date: date

    def __post_init__(self) -> None:
        if not is_codice_fiscale(self.cf):
            raise InvalidRecord(
                f"patient codice fiscale {self.cf!r} is not 16 characters A-Z/0-9",
                field="patient.cf",
            )
        _require(self.family, "patient.family", "patient")


@dataclass(frozen=True, slots=True)
class Clinician:
    """The MMG/PLS author or the legal authenticator."""

    cf: str
    given: str
    family: str
    telecom: tuple[str, ...] = ()  # "tel:+39...", "mailto:..."

    def __post_init__(self) -> None:
        if not is_codice_fiscale(self.cf):
            raise InvalidRecord(
                f"clinician codice fiscale {self.cf!r} is not 16 characters A-Z/0-9", field="cf"
            )
        _require(self.family, "family", "clinician")


@dataclass(frozen=True, slots=True)
class Organization:
    id: str
    name: str
    id_root: str = "2.16.840.1.113883.2.9.4.1.2"
    address: str = ""  # one line, "Via Roma 1, 40038 Vergato (BO)": the patient's PDF prints it

    def __post_init__(self) -> None:
        _require(self.id, "custodian.id", "custodian")
        _require(self.name, "custodian.name", "custodian")


# -- entries ----------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Allergy:
    agent: Coded
    reaction: str = ""
    severity: Severity | None = None
    criticality: Criticality | None = None
    onset: date | None = None
    note: str = ""


@dataclass(frozen=True, slots=True)
class Therapy:
    drug: Coded  # ATC
    aic: Coded | None = None
    dose: str = ""
    frequency: str = ""
    start: date | None = None
    route: str = ""
    note: str = ""
    # The product's concentration or content ("100 U/ml", "500 mg"), apart from the dose
    # taken each time ("10 U"): insulin's dose is not its strength.
    strength: str = ""


@dataclass(frozen=True, slots=True)
class Problem:
    code: Coded  # ICD-9-CM
    onset: date | None = None
    status: ProblemStatus = ProblemStatus.ACTIVE
    chronic: bool = False
    end: date | None = None
    note: str = ""


@dataclass(frozen=True, slots=True)
class Vaccination:
    vaccine: Coded  # ATC J07
    date: date
    dose_number: int | None = None
    lot: str = ""
    note: str = ""


@dataclass(frozen=True, slots=True)
class FamilyHistory:
    relative: Relative
    condition: Coded  # ICD-9-CM
    onset_age: int | None = None
    deceased: bool = False
    note: str = ""


@dataclass(frozen=True, slots=True)
class Lifestyle:
    aspect: Coded  # LOINC: 72166-2 smoking, 11331-6 alcohol, 61686-8 physical activity …
    value: str
    since: date | None = None


@dataclass(frozen=True, slots=True)
class Pregnancy:
    end_date: date
    outcome: str
    weeks: int | None = None
    note: str = ""


@dataclass(frozen=True, slots=True)
class VitalSign:
    code: Coded  # LOINC
    value: float
    unit: str  # UCUM
    time: date


@dataclass(frozen=True, slots=True)
class Device:
    description: str
    code: Coded | None = None
    implanted: date | None = None


@dataclass(frozen=True, slots=True)
class Procedure:
    code: Coded  # ICD-9-CM procedure
    date: date | None = None
    note: str = ""


@dataclass(frozen=True, slots=True)
class Encounter:
    kind: EncounterKind
    start: date
    end: date | None = None
    reason: str = ""
    facility: str = ""
    diagnosis: Coded | None = None


@dataclass(frozen=True, slots=True)
class FunctionalStatus:
    description: str
    assessed: date | None = None


@dataclass(frozen=True, slots=True)
class OrganDonation:
    choice: DonationChoice
    recorded: date | None = None


@dataclass(frozen=True, slots=True)
class Exemption:
    code: Coded  # national exemption catalogue
    start: date | None = None
    end: date | None = None


@dataclass(frozen=True, slots=True)
class DiseaseNetwork:
    name: str
    facility: str = ""
    enrolled: date | None = None


@dataclass(frozen=True, slots=True)
class CarePlan:
    description: str
    start: date | None = None
    end: date | None = None


@dataclass(frozen=True, slots=True)
class Diagnostic:
    code: Coded  # LOINC
    date: date
    result: str
    note: str = ""


Entry = (
    Allergy
    | Therapy
    | Problem
    | Vaccination
    | FamilyHistory
    | Lifestyle
    | Pregnancy
    | VitalSign
    | Device
    | Procedure
    | Encounter
    | FunctionalStatus
    | OrganDonation
    | Exemption
    | DiseaseNetwork
    | CarePlan
    | Diagnostic
)

ENTRY_TYPES: dict[str, type] = {
    "allergies": Allergy,
    "therapies": Therapy,
    "vaccinations": Vaccination,
    "problems": Problem,
    "lifestyle": Lifestyle,
    "pregnancies": Pregnancy,
    "vital_signs": VitalSign,
    "devices": Device,
    "care_plans": CarePlan,
    "procedures": Procedure,
    "encounters": Encounter,
    "functional_status": FunctionalStatus,
    "diagnostics": Diagnostic,
    "organ_donation": OrganDonation,
    "family_history": FamilyHistory,
    "exemptions": Exemption,
    "disease_networks": DiseaseNetwork,
}
"""Section key (see :data:`fse_desk.pss.codes.SECTIONS`) → entry record type."""

NONE_FLAGS: dict[str, str] = {
    "allergies": "no_known_allergies",
    "therapies": "no_current_therapy",
    "problems": "no_problems",
    "family_history": "family_history_negative",
}
"""Required section → the Pss flag that states it explicitly empty."""

NONE_TEXT: dict[str, str] = {
    "allergies": "Nessuna allergia nota",
    "therapies": "Nessuna terapia in corso",
    "problems": "Nessun problema clinico rilevante",
    "family_history": "Anamnesi familiare negativa",
}


@dataclass(frozen=True, slots=True)
class KeptEntry:
    """An entry of another vendor's PSS, kept as it was written.

    A new version writes ``xml`` back unchanged as long as the editor's record for it is
    still equal to ``record`` (the entry as the editor understood it), so that whatever the
    editor's records cannot hold (a structured frequency, a code we do not know, an extra
    observation) reaches the next version. With ``record`` None the editor could not read
    the entry at all: it is shown read-only (``summary``) and written back as it is.
    """

    section: str  # section key (see codes.SECTIONS)
    xml: str  # the <entry> element, serialized with its namespaces
    summary: str  # the narrative it refers to, as plain text
    narrative: tuple[tuple[str, str], ...] = ()  # (ID, text) of each narrative part it refers to
    record: Entry | None = None


@dataclass(frozen=True, slots=True)
class KeptSection:
    """A section of another vendor's PSS that the editor does not know, kept as written."""

    title: str
    xml: str  # the <section> element, serialized with its namespaces


# -- the document -----------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Pss:
    """One version of a patient's PSS: header facts plus every section."""

    document_id: str  # extension under id_root
    set_id: str
    version: int
    effective_time: datetime
    confidentiality: Confidentiality
    patient: PatientInfo
    author: Clinician
    custodian: Organization
    legal_authenticator: Clinician
    replaced_id: str = ""  # document id of the version this one replaces (RPLC)
    id_root: str = DOCUMENT_ID_ROOT
    allergies: tuple[Allergy, ...] = ()
    no_known_allergies: bool = False
    therapies: tuple[Therapy, ...] = ()
    no_current_therapy: bool = False
    problems: tuple[Problem, ...] = ()
    no_problems: bool = False
    vaccinations: tuple[Vaccination, ...] = ()
    family_history: tuple[FamilyHistory, ...] = ()
    family_history_negative: bool = False
    lifestyle: tuple[Lifestyle, ...] = ()
    pregnancies: tuple[Pregnancy, ...] = ()
    vital_signs: tuple[VitalSign, ...] = ()
    devices: tuple[Device, ...] = ()
    procedures: tuple[Procedure, ...] = ()
    encounters: tuple[Encounter, ...] = ()
    functional_status: tuple[FunctionalStatus, ...] = ()
    organ_donation: tuple[OrganDonation, ...] = field(default=())  # at most one
    exemptions: tuple[Exemption, ...] = ()
    disease_networks: tuple[DiseaseNetwork, ...] = ()
    care_plans: tuple[CarePlan, ...] = ()
    diagnostics: tuple[Diagnostic, ...] = ()
    kept_entries: tuple[KeptEntry, ...] = ()
    kept_sections: tuple[KeptSection, ...] = ()

    def __post_init__(self) -> None:
        _require(self.document_id, "document_id", "PSS")
        _require(self.set_id, "set_id", "PSS")
        if self.version < 1:
            raise InvalidRecord(f"PSS version {self.version} is below 1", field="version")
        if self.version > 1 and not self.replaced_id:
            raise InvalidRecord(
                f"PSS version {self.version} does not name the document it "
                "replaces (relatedDocument RPLC)",
                field="replaced_id",
            )
        if self.replaced_id == self.document_id:
            raise InvalidRecord("a PSS cannot replace itself", field="replaced_id")
        if self.effective_time.tzinfo is None:
            raise InvalidRecord("PSS effective time must carry a time zone", field="effective_time")
        if len(self.organ_donation) > 1:
            raise InvalidRecord(
                "a PSS records one organ donation choice at most", field="organ_donation"
            )
        for key, kind in ENTRY_TYPES.items():
            for i, entry in enumerate(getattr(self, key)):
                if not isinstance(entry, kind):
                    raise InvalidRecord(
                        f"{key}[{i}] is a {type(entry).__name__}, expected {kind.__name__}",
                        field=f"{key}[{i}]",
                    )

    def entries(self, key: str) -> tuple[Entry, ...]:
        return tuple(getattr(self, key))

    def read_only(self, key: str) -> tuple[KeptEntry, ...]:
        """The entries of section ``key`` the editor could not read (shown, not edited)."""
        return tuple(k for k in self.kept_entries if k.section == key and k.record is None)

    def is_none(self, key: str) -> bool:
        flag = NONE_FLAGS.get(key)
        return bool(flag and getattr(self, flag))

    @property
    def full_id(self) -> str:
        return f"{self.id_root}^{self.document_id}"


def new_version(previous: Pss, *, document_id: str, effective_time: datetime) -> Pss:
    """The next version of ``previous``: same setId, version + 1, RPLC → previous id.

    Every clinical value is carried over; the doctor edits the draft from there.
    """
    if document_id == previous.document_id:
        raise InvalidRecord("the new version needs a new document id", field="document_id")
    return replace(
        previous,
        document_id=document_id,
        version=previous.version + 1,
        replaced_id=previous.document_id,
        effective_time=effective_time,
    )
