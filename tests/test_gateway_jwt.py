"""The two gateway JWTs: header, every claim, and the signature by the operator's key."""

from __future__ import annotations

import base64
import hashlib
from datetime import UTC, datetime

import jwt
import pytest
from cryptography.hazmat.primitives import serialization

from fse_desk.connectors.gateway_jwt import (
    Action,
    ApplicationIdentity,
    PurposeOfUse,
    auth_token,
    cf_of,
    cx_cf,
    signature_token,
    xon,
)
from fse_desk.errors import InvalidRecord
from fse_desk.security.certificates import issue_test_certificate

AUD = "https://gateway.example.it/v1"
NOW = datetime(2026, 11, 28, 10, 0, tzinfo=UTC)
IDENTITY = ApplicationIdentity(
    locality="Casa della Salute di Vergato^^^^^&2.16.840.1.113883.2.9.4.1.3&ISO^^^^080105"
)
_CA, CREDS = issue_test_certificate("Dott.ssa Elena Guidotti", "GDTLNE72D58A944V")


def _decode(token: str) -> dict[str, object]:
    return jwt.decode(
        token,
        CREDS.certificate.public_key(),
        algorithms=["RS256"],
        audience=AUD,
        options={"verify_exp": False},
    )


def test_header_is_rs256_with_the_certificate_chain() -> None:
    header = jwt.get_unverified_header(auth_token(CREDS, AUD, now=NOW))
    assert header["alg"] == "RS256" and header["typ"] == "JWT"
    der = CREDS.certificate.public_bytes(serialization.Encoding.DER)
    assert base64.b64decode(header["x5c"][0]) == der
    assert len(header["x5c"]) == 2  # the operator's certificate, then its CA


def test_bearer_token_claims() -> None:
    claims = _decode(auth_token(CREDS, AUD, now=NOW))
    assert claims.pop("jti")
    assert claims == {
        "iss": "auth:Dott.ssa Elena Guidotti",
        "sub": "GDTLNE72D58A944V^^^&2.16.840.1.113883.2.9.4.3.2&ISO",
        "aud": AUD,
        "iat": int(NOW.timestamp()),
        "exp": int(NOW.timestamp()) + 300,
    }


def test_signature_token_claims() -> None:
    pdf = b"%PDF-1.7 a signed pss"
    token = signature_token(
        CREDS,
        AUD,
        IDENTITY,
        patient_cf="grmrsi36d56b572x",
        action=Action.CREATE,
        purpose=PurposeOfUse.TREATMENT,
        file=pdf,
        patient_consent=False,
        now=NOW,
    )
    claims = _decode(token)
    assert claims.pop("jti")
    assert claims == {
        "iss": "integrity:Dott.ssa Elena Guidotti",
        "sub": "GDTLNE72D58A944V^^^&2.16.840.1.113883.2.9.4.3.2&ISO",
        "aud": AUD,
        "iat": int(NOW.timestamp()),
        "exp": int(NOW.timestamp()) + 300,
        "subject_role": "APR",
        "purpose_of_use": "TREATMENT",
        "action_id": "CREATE",
        "patient_consent": False,  # as the patient's record says, never a constant
        "person_id": "GRMRSI36D56B572X^^^&2.16.840.1.113883.2.9.4.3.2&ISO",
        "resource_hl7_type": "('60591-5^^2.16.840.1.113883.6.1')",
        "attachment_hash": hashlib.sha256(pdf).hexdigest(),
        "subject_organization_id": "080",
        "subject_organization": "Regione Emilia-Romagna",
        "locality": IDENTITY.locality,
        "subject_application_id": "FSE-DESK",
        "subject_application_vendor": "FSE Desk",
        "subject_application_version": IDENTITY.application_version,
    }


def test_replacement_says_update_and_each_token_is_unique() -> None:
    one = signature_token(
        CREDS,
        AUD,
        IDENTITY,
        patient_cf="GRMRSI36D56B572X",
        action=Action.UPDATE,
        purpose=PurposeOfUse.UPDATE,
        file=b"x",
        patient_consent=True,
        now=NOW,
    )
    two = signature_token(
        CREDS,
        AUD,
        IDENTITY,
        patient_cf="GRMRSI36D56B572X",
        action=Action.UPDATE,
        purpose=PurposeOfUse.UPDATE,
        file=b"x",
        patient_consent=True,
        now=NOW,
    )
    first, second = _decode(one), _decode(two)
    assert (first["action_id"], first["purpose_of_use"]) == ("UPDATE", "UPDATE")
    assert first["jti"] != second["jti"]


def test_a_token_does_not_verify_with_another_key() -> None:
    _, other = issue_test_certificate("Dott. Altro", "RSSMRA70A01A944X")
    with pytest.raises(jwt.InvalidSignatureError):
        jwt.decode(
            auth_token(CREDS, AUD),
            other.certificate.public_key(),
            algorithms=["RS256"],
            audience=AUD,
        )


def test_cx_form_of_the_fiscal_code() -> None:
    assert cf_of(cx_cf("GDTLNE72D58A944V")) == "GDTLNE72D58A944V"
    with pytest.raises(InvalidRecord, match="not a 16-character codice fiscale"):
        cx_cf("ABC")


def test_locality_is_an_xon_with_v2_escapes() -> None:
    assert xon("Studio medico Rossi & Bianchi", "080105-MMG") == (
        "Studio medico Rossi \\T\\ Bianchi^^^^^&2.16.840.1.113883.2.9.4.1.2&ISO^^^^080105-MMG"
    )
    with pytest.raises(InvalidRecord, match="locality"):
        xon("", "080105")
    token = signature_token(
        CREDS,
        AUD,
        ApplicationIdentity(),  # no practice configured: the region itself, still an XON
        patient_cf="GRMRSI36D56B572X",
        action=Action.CREATE,
        purpose=PurposeOfUse.TREATMENT,
        file=b"x",
        patient_consent=True,
        now=NOW,
    )
    assert _decode(token)["locality"] == (
        "Regione Emilia-Romagna^^^^^&2.16.840.1.113883.2.9.4.1.2&ISO^^^^080"
    )
