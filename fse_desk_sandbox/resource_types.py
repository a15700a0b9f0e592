"""The registry of resource types the sandbox serves, with their search parameters.

Adding a resource type is a registration, not new code: a
:class:`ResourceTypeSpec` names the type and lists its :class:`SearchParam`
entries; storage, search, routing and the CapabilityStatement all read this
registry. Each parameter has a kind (token, reference, date, string) and the
paths in the resource it indexes; the extraction rules per kind live in
:mod:`fse_desk_sandbox.extract`.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from enum import Enum


class ParamKind(Enum):
    TOKEN = "token"
    REFERENCE = "reference"
    DATE = "date"
    STRING = "string"


@dataclass(frozen=True, slots=True)
class SearchParam:
    """One search parameter of a type.

    ``paths`` are dotted element paths (``name.given``, ``participant.actor``);
    several paths cover choice types (``effectiveDateTime``/``effectivePeriod``).
    ``shares`` names another parameter whose index rows this one reuses
    (``patient`` is ``subject`` restricted to ``target``), so both cost one
    set of rows. ``target`` restricts a reference parameter to one type.
    """

    name: str
    kind: ParamKind
    paths: tuple[str, ...] = ()
    shares: str | None = None
    target: str | None = None
    description: str = ""

    @property
    def index_name(self) -> str:
        """The name under which the index rows of this parameter are stored."""
        return self.shares or self.name


@dataclass(frozen=True, slots=True)
class ResourceTypeSpec:
    """A resource type the sandbox serves and how it can be searched."""

    name: str
    search_params: tuple[SearchParam, ...] = ()
    params_by_name: dict[str, SearchParam] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "params_by_name", {p.name: p for p in self.search_params})

    @property
    def indexed_params(self) -> tuple[SearchParam, ...]:
        """The parameters that own index rows (not the ones sharing another's)."""
        return tuple(p for p in self.search_params if p.shares is None)


REGISTRY: dict[str, ResourceTypeSpec] = {}


def register(spec: ResourceTypeSpec) -> ResourceTypeSpec:
    """Add (or replace) a resource type; returns it for chaining."""
    for param in spec.search_params:
        if param.shares is not None and param.shares not in spec.params_by_name:
            raise ValueError(f"{spec.name}.{param.name} shares unknown {param.shares!r}")
    REGISTRY[spec.name] = spec
    return spec


def spec_for(type_name: str) -> ResourceTypeSpec | None:
    return REGISTRY.get(type_name)


def registered_types() -> Iterable[str]:
    return REGISTRY.keys()


def _token(name: str, *paths: str, description: str = "") -> SearchParam:
    return SearchParam(name, ParamKind.TOKEN, paths, description=description)


def _ref(name: str, *paths: str, target: str | None = None) -> SearchParam:
    return SearchParam(name, ParamKind.REFERENCE, paths, target=target)


def _date(name: str, *paths: str) -> SearchParam:
    return SearchParam(name, ParamKind.DATE, paths)


def _string(name: str, *paths: str) -> SearchParam:
    return SearchParam(name, ParamKind.STRING, paths)


def _alias(name: str, kind: ParamKind, shares: str, target: str | None = None) -> SearchParam:
    return SearchParam(name, kind, shares=shares, target=target)


_IDENTIFIER = _token("identifier", "identifier")

for _spec in (
    ResourceTypeSpec(
        "Patient",
        (
            _IDENTIFIER,
            _string("name", "name"),
            _string("family", "name.family"),
            _string("given", "name.given"),
            _date("birthdate", "birthDate"),
            _token("gender", "gender"),
            _token("active", "active"),
            _ref("general-practitioner", "generalPractitioner"),
            _ref("organization", "managingOrganization"),
        ),
    ),
    ResourceTypeSpec(
        "Practitioner",
        (
            _IDENTIFIER,
            _string("name", "name"),
            _string("family", "name.family"),
            _string("given", "name.given"),
            _token("active", "active"),
        ),
    ),
    ResourceTypeSpec(
        "PractitionerRole",
        (
            _IDENTIFIER,
            _ref("practitioner", "practitioner"),
            _ref("organization", "organization"),
            _token("role", "code"),
            _token("specialty", "specialty"),
            _token("active", "active"),
        ),
    ),
    ResourceTypeSpec(
        "Organization",
        (
            _IDENTIFIER,
            _string("name", "name", "alias"),
            _token("type", "type"),
            _ref("partof", "partOf"),
            _token("active", "active"),
        ),
    ),
    ResourceTypeSpec(
        "DocumentReference",
        (
            _token("identifier", "masterIdentifier", "identifier"),
            _ref("subject", "subject"),
            _alias("patient", ParamKind.REFERENCE, "subject", target="Patient"),
            _token("type", "type"),
            _token("category", "category"),
            _date("date", "date"),
            _date("period", "context.period"),
            _token("status", "status"),
            _ref("author", "author"),
            _ref("custodian", "custodian"),
            _token("security-label", "securityLabel"),
            _ref("relatesto", "relatesTo.target"),
        ),
    ),
    ResourceTypeSpec("Binary", ()),
    ResourceTypeSpec(
        "Observation",
        (
            _IDENTIFIER,
            _ref("subject", "subject"),
            _alias("patient", ParamKind.REFERENCE, "subject", target="Patient"),
            _token("code", "code"),
            _date("date", "effectiveDateTime", "effectivePeriod", "effectiveInstant"),
            _token("category", "category"),
            _token("status", "status"),
            _ref("performer", "performer"),
            _ref("based-on", "basedOn"),
        ),
    ),
    ResourceTypeSpec(
        "Consent",
        (
            _IDENTIFIER,
            _ref("patient", "patient"),
            _token("status", "status"),
            _token("category", "category"),
            _token("scope", "scope"),
            _date("date", "dateTime"),
            _date("period", "provision.period"),
        ),
    ),
    ResourceTypeSpec(
        "Schedule",
        (
            _IDENTIFIER,
            _ref("actor", "actor"),
            _token("active", "active"),
            _token("service-type", "serviceType"),
            _date("date", "planningHorizon"),
        ),
    ),
    ResourceTypeSpec(
        "Slot",
        (
            _IDENTIFIER,
            _ref("schedule", "schedule"),
            _date("start", "start"),
            _token("status", "status"),
            _token("service-type", "serviceType"),
        ),
    ),
    ResourceTypeSpec(
        "Appointment",
        (
            _IDENTIFIER,
            _ref("actor", "participant.actor"),
            _alias("patient", ParamKind.REFERENCE, "actor", target="Patient"),
            _alias("practitioner", ParamKind.REFERENCE, "actor", target="Practitioner"),
            _date("date", "start"),
            _token("status", "status"),
            _ref("slot", "slot"),
            _ref("based-on", "basedOn"),
            _token("service-type", "serviceType"),
        ),
    ),
    # Telemonitoring (HL7 Italia telemonitoraggio): the plan and what it points to, and the
    # Task through which the team handles an alarm.
    ResourceTypeSpec(
        "CarePlan",
        (
            _IDENTIFIER,
            _ref("subject", "subject"),
            _alias("patient", ParamKind.REFERENCE, "subject", target="Patient"),
            _token("category", "category"),
            _token("status", "status"),
            _date("date", "period"),
            _ref("instantiates-canonical", "activity.detail.instantiatesCanonical"),
        ),
    ),
    # Access records a workstation exports (IHE BALP). AuditEvent has no identifier: a
    # client's resend is recognised by meta.source (the standard ``_source`` parameter).
    ResourceTypeSpec(
        "AuditEvent",
        (
            _token("_source", "meta.source"),
            _date("date", "recorded"),
            _ref("entity", "entity.what"),
            _alias("patient", ParamKind.REFERENCE, "entity", target="Patient"),
            _ref("agent", "agent.who"),
            _token("type", "type"),
            _token("subtype", "subtype"),
            _token("action", "action"),
            _token("outcome", "outcome"),
        ),
    ),
    ResourceTypeSpec("ActivityDefinition", (_IDENTIFIER, _token("status", "status"))),
    ResourceTypeSpec("ObservationDefinition", (_IDENTIFIER, _token("code", "code"))),
    ResourceTypeSpec(
        "Device",
        (
            _IDENTIFIER,
            _ref("patient", "patient"),
            _token("status", "status"),
            _token("udi-di", "udiCarrier.deviceIdentifier"),
        ),
    ),
    ResourceTypeSpec(
        "Task",
        (
            _IDENTIFIER,
            _ref("subject", "for"),
            _alias("patient", ParamKind.REFERENCE, "subject", target="Patient"),
            _ref("focus", "focus"),
            _ref("owner", "owner"),
            _token("status", "status"),
            _token("code", "code"),
            _date("modified", "lastModified"),
        ),
    ),
):
    register(_spec)
