"""The two JWTs the FSE 2.0 gateway wants on every call, signed with the operator's certificate.

Both are RS256 with the ``x5c`` header (base64 DER, the operator's certificate
first), ``typ`` JWT:

* ``Authorization: Bearer`` — reserved claims only: ``iss`` ``auth:<CN>``,
  ``sub`` the operator's codice fiscale in CX form
  (``<CF>^^^&2.16.840.1.113883.2.9.4.3.2&ISO``), ``aud`` the gateway base URL
  with its version, ``iat``, ``exp``, ``jti``;
* ``FSE-JWT-Signature`` — the same reserved claims with ``iss``
  ``integrity:<CN>``, plus the attribute assertions: ``subject_role``,
  ``purpose_of_use``, ``action_id``, ``patient_consent``, ``person_id`` (the
  patient, CX form), ``resource_hl7_type``, ``attachment_hash`` (SHA-256 hex of
  the uploaded file), ``subject_organization_id`` / ``subject_organization``,
  ``locality`` (XON), ``subject_application_id`` / ``_vendor`` / ``_version``.

Times are whole seconds since the epoch.
"""

from __future__ import annotations

import enum
import hashlib
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

import jwt

from fse_desk import __version__ as _app_version
from fse_desk.domain.identifiers import CF_OID, DEFAULT_REGION, LOINC_OID, is_codice_fiscale
from fse_desk.domain.timeline import Purpose
from fse_desk.errors import InvalidRecord
from fse_desk.security.certificates import OperatorCredentials

PSS_HL7_TYPE = f"('60591-5^^{LOINC_OID}')"
TOKEN_LIFETIME = timedelta(minutes=5)
FACILITY_OID = "2.16.840.1.113883.2.9.4.1.2"
"""Catalogue of health facilities, the default assigning authority of a ``locality``."""
AUTH_HEADER = "Authorization"
SIGNATURE_HEADER = "FSE-JWT-Signature"


class Action(enum.Enum):
    CREATE = "CREATE"
    UPDATE = "UPDATE"
    DELETE = "DELETE"


class PurposeOfUse(enum.Enum):
    """Creation and validation carry the purpose the operator declared (treatment unless
    they chose another their role allows); a change to a published document says UPDATE."""

    TREATMENT = "TREATMENT"
    EMERGENCY = "EMERGENCY"
    PUBLICHEALTH = "PUBLICHEALTH"
    SYSADMIN = "SYSADMIN"
    UPDATE = "UPDATE"  # replacement, deletion, metadata update

    @classmethod
    def declared(cls, purpose: Purpose) -> PurposeOfUse:
        """The claim for the operator's declared purpose (the values are the claim's)."""
        return cls(purpose.value)


@dataclass(frozen=True, slots=True)
class ApplicationIdentity:
    """Who is calling, besides the operator: organisation, structure and software."""

    organization_id: str = DEFAULT_REGION
    organization: str = "Regione Emilia-Romagna"
    locality: str = ""  # XON: "<name>^^^^^&<catalog OID>&ISO^^^^<structure code>"
    subject_role: str = "APR"  # MMG/PLS
    application_id: str = "FSE-DESK"
    application_vendor: str = "FSE Desk"
    application_version: str = _app_version


def _v2_escaped(text: str) -> str:
    """HL7 v2 escapes for the XON delimiters inside a name."""
    return (
        text.replace("\\", "\\E\\")
        .replace("^", "\\S\\")
        .replace("&", "\\T\\")
        .replace("|", "\\F\\")
        .replace("~", "\\R\\")
    )


def xon(name: str, code: str, catalogue_oid: str = FACILITY_OID) -> str:
    """An organisation in HL7 v2 XON form, as the gateway wants ``locality``:
    ``<name>^^^^^&<catalogue OID>&ISO^^^^<code>``."""
    if not name.strip() or not code.strip():
        raise InvalidRecord("a locality needs the organisation's name and code", field="locality")
    return f"{_v2_escaped(name.strip())}^^^^^&{catalogue_oid}&ISO^^^^{code.strip()}"


def cx_cf(fiscal_code: str) -> str:
    """A codice fiscale in the HL7 v2 CX form the gateway expects for ``sub``/``person_id``."""
    cf = fiscal_code.strip().upper()
    if not is_codice_fiscale(cf):
        raise InvalidRecord(
            f"{fiscal_code!r} is not a 16-character codice fiscale", field="codice_fiscale"
        )
    return f"{cf}^^^&{CF_OID}&ISO"


def cf_of(cx: str) -> str:
    """The codice fiscale in a CX value (or the value itself when it is a bare CF)."""
    return cx.split("^", 1)[0].strip().upper()


def attachment_hash(file: bytes) -> str:
    return hashlib.sha256(file).hexdigest()


def hl7_type(loinc: str) -> str:
    return f"('{loinc}^^{LOINC_OID}')"


def _reserved(
    credentials: OperatorCredentials,
    prefix: str,
    audience: str,
    now: datetime | None,
    lifetime: timedelta,
) -> dict[str, Any]:
    issued = int((now or datetime.now(UTC)).timestamp())
    return {
        "iss": f"{prefix}:{credentials.common_name}",
        "sub": cx_cf(credentials.fiscal_code),
        "aud": audience,
        "iat": issued,
        "exp": issued + int(lifetime.total_seconds()),
        "jti": str(uuid.uuid4()),
    }


def _sign(credentials: OperatorCredentials, claims: dict[str, Any]) -> str:
    return jwt.encode(
        claims,
        credentials.private_key,
        algorithm="RS256",
        headers={"typ": "JWT", "x5c": credentials.x5c},
    )


def auth_token(
    credentials: OperatorCredentials,
    audience: str,
    *,
    now: datetime | None = None,
    lifetime: timedelta = TOKEN_LIFETIME,
) -> str:
    """The ``Authorization: Bearer`` JWT."""
    return _sign(credentials, _reserved(credentials, "auth", audience, now, lifetime))


def signature_token(
    credentials: OperatorCredentials,
    audience: str,
    identity: ApplicationIdentity,
    *,
    patient_cf: str,
    action: Action,
    purpose: PurposeOfUse,
    file: bytes | None,
    resource_hl7_type: str = PSS_HL7_TYPE,
    patient_consent: bool,
    now: datetime | None = None,
    lifetime: timedelta = TOKEN_LIFETIME,
) -> str:
    """The ``FSE-JWT-Signature`` JWT; ``file`` (the PDF sent) gives ``attachment_hash``."""
    claims = _reserved(credentials, "integrity", audience, now, lifetime)
    claims |= {
        "subject_role": identity.subject_role,
        "purpose_of_use": purpose.value,
        "action_id": action.value,
        "patient_consent": patient_consent,
        "person_id": cx_cf(patient_cf),
        "resource_hl7_type": resource_hl7_type,
        "subject_organization_id": identity.organization_id,
        "subject_organization": identity.organization,
        # XON, checked as blocking: the practice when known, else the region itself.
        "locality": identity.locality or xon(identity.organization, identity.organization_id),
        "subject_application_id": identity.application_id,
        "subject_application_vendor": identity.application_vendor,
        "subject_application_version": identity.application_version,
    }
    if file is not None:
        claims["attachment_hash"] = attachment_hash(file)
    return _sign(credentials, claims)
