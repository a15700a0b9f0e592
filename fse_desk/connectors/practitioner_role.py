"""The operator's role as the region knows it: the Practitioner's active PractitionerRole."""

from __future__ import annotations

from typing import Any

from fse_desk.connectors.fhir_client import FhirClient
from fse_desk.domain.roles import Role

# PractitionerRole.code values taken as each role: the roles' own codes, and the
# FSE 2.0 subject_role codes that name exactly one of them (APR is MMG or PLS).
_CODES = {role.value: role for role in Role} | {
    "AAS": Role.SPECIALIST,
    "INF": Role.NURSE,
    "PSS": Role.SOCIAL_WORKER,
    "OAM": Role.ADMIN_STAFF,
}


def role_of(resource: dict[str, Any]) -> Role | None:
    """The role one PractitionerRole gives (None: inactive, or no code we know)."""
    if resource.get("active") is False:
        return None
    for concept in resource.get("code", []):
        for coding in concept.get("coding", []):
            role = _CODES.get(str(coding.get("code", "")).strip().upper())
            if role is not None:
                return role
    return None


def region_role(client: FhirClient, practitioner_id: str) -> Role | None:
    """The role the region gives ``practitioner_id``, or None when it cannot tell
    (then an administrator assigns it). Raises ConnectorError when offline."""
    found = client.search("PractitionerRole", {"practitioner": f"Practitioner/{practitioner_id}"})
    roles = {role for r in found if (role := role_of(r)) is not None}
    return roles.pop() if len(roles) == 1 else None  # several roles: not for us to pick
