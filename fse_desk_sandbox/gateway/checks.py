"""What the sandbox gateway verifies before accepting a document, each failure a problem.

:class:`Problem` is an RFC 7807 answer with the gateway's ``type`` values
(``/msg/missing-token``, ``/msg/jwt-validation``, ``/msg/document-hash``…).
The only type the public spec does not list is ``/msg/signature-validation``
(the PDF's PAdES signature is missing or invalid): the spec names no problem for
it, so the sandbox uses its own, in the same shape.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import io
import logging
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

import jwt
from asn1crypto import x509 as asn1_x509
from cryptography import x509
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign.validation import async_validate_pdf_signature
from pyhanko.sign.validation.errors import SignatureValidationError
from pyhanko_certvalidator import ValidationContext
from pypdf import PdfReader
from pypdf.errors import PyPdfError

from fse_desk.connectors.gateway_jwt import cf_of
from fse_desk.errors import CertificateError
from fse_desk.security.certificates import check_validity

CDA_ATTACHMENT_NAME = "cda.xml"
_LOG = logging.getLogger(__name__)
_RESERVED = ("iss", "sub", "aud", "iat", "exp", "jti")
SIGNATURE_CLAIMS = (
    "subject_role",
    "purpose_of_use",
    "action_id",
    "patient_consent",
    "person_id",
    "resource_hl7_type",
    "subject_organization_id",
    "subject_organization",
    "locality",
    "subject_application_id",
    "subject_application_vendor",
    "subject_application_version",
)


@dataclass(frozen=True, slots=True)
class Problem(Exception):
    """A refusal: HTTP ``status``, the gateway's problem ``type``, ``title`` and ``detail``."""

    status: int
    type: str
    title: str
    detail: str
    instance: str = ""

    def __str__(self) -> str:
        return f"{self.status} {self.type}: {self.detail}"


def token_problem(detail: str, instance: str = "/jwt-validation") -> Problem:
    return Problem(403, "/msg/jwt-validation", "Campo token JWT non valido.", detail, instance)


def missing(field: str) -> Problem:
    return Problem(
        400,
        "/msg/mandatory-element",
        "Campo obbligatorio non presente.",
        f"Il campo {field} deve essere valorizzato",
        "/request-missing-field",
    )


def invalid(field: str) -> Problem:
    return Problem(
        400,
        "/msg/invalid-format",
        "Formato campo non valido.",
        f"Il campo {field} deve essere valorizzato correttamente",
        "/request-invalid-format",
    )


@dataclass(frozen=True, slots=True)
class VerifiedToken:
    certificate: x509.Certificate
    claims: dict[str, Any]


def verify_token(
    token: str | None,
    *,
    prefix: str,
    audience: str,
    trusted: list[x509.Certificate],
    required: tuple[str, ...] = (),
) -> VerifiedToken:
    """Check one JWT: x5c certificate issued by a trusted CA, signature, iss/sub/aud/exp, claims."""
    if not token:
        raise Problem(
            403,
            "/msg/missing-token",
            "Token non fornito.",
            "Attenzione il jwt fornito risulta essere vuoto",
            "/missing-jwt",
        )
    try:
        header = jwt.get_unverified_header(token)
        der = base64.b64decode(header["x5c"][0], validate=True)
        cert = x509.load_der_x509_certificate(der)
    except (jwt.DecodeError, KeyError, IndexError, TypeError, binascii.Error, ValueError) as exc:
        raise Problem(
            403,
            "/msg/mandatory-element-token",
            "Token JWT non valido.",
            f"Token JWT non valido: header x5c assente o illeggibile ({exc})",
            "/jwt-mandatory-field-missing",
        ) from exc
    if header.get("alg") not in ("RS256", "RS384", "RS512"):
        raise token_problem(f"algoritmo {header.get('alg')!r} non ammesso")
    _check_issuer(cert, trusted)
    key = cert.public_key()
    if not isinstance(key, rsa.RSAPublicKey):  # the RS* algorithms above need an RSA key
        raise token_problem("il certificato x5c non ha una chiave RSA")
    try:
        claims: dict[str, Any] = jwt.decode(
            token,
            key,
            algorithms=["RS256", "RS384", "RS512"],
            audience=audience,
            options={"require": list(_RESERVED)},
        )
    except jwt.ExpiredSignatureError as exc:
        raise token_problem("token scaduto (exp)", "/jwt-expired") from exc
    except jwt.InvalidAudienceError as exc:
        raise token_problem(f"aud diverso da {audience}", "/jwt-audience") from exc
    except jwt.MissingRequiredClaimError as exc:
        raise Problem(
            403,
            "/msg/mandatory-element-token",
            "Token JWT non valido.",
            f"Token JWT non valido: manca il claim {exc.claim}",
            "/jwt-mandatory-field-missing",
        ) from exc
    except jwt.InvalidTokenError as exc:
        raise token_problem(f"firma o contenuto del token non validi: {exc}") from exc
    absent = [c for c in required if c not in claims]
    if absent:
        raise Problem(
            403,
            "/msg/mandatory-element-token",
            "Token JWT non valido.",
            f"Token JWT non valido: mancano i claim {', '.join(absent)}",
            "/jwt-mandatory-field-missing",
        )
    verified = VerifiedToken(cert, claims)
    cn = _attr(cert.subject, x509.NameOID.COMMON_NAME)
    if claims["iss"] != f"{prefix}:{cn}":
        raise token_problem(
            f"iss {claims['iss']!r} non corrisponde a {prefix}:<CN del certificato>"
        )
    serial = _attr(cert.subject, x509.NameOID.SERIAL_NUMBER)
    if serial.startswith("TINIT-") and cf_of(str(claims["sub"])) != serial[6:]:
        raise token_problem("sub non corrisponde al codice fiscale del certificato", "/jwt-sub")
    return verified


def _attr(name: x509.Name, oid: x509.ObjectIdentifier) -> str:
    values = name.get_attributes_for_oid(oid)
    return str(values[0].value) if values else ""


def _check_issuer(cert: x509.Certificate, trusted: list[x509.Certificate]) -> None:
    try:
        check_validity(cert, where="x5c")
    except CertificateError as exc:
        raise token_problem(f"certificato x5c fuori validità: {exc}", "/jwt-certificate") from exc
    for ca in trusted:
        if ca.subject != cert.issuer:
            continue
        try:
            cert.verify_directly_issued_by(ca)
        except (InvalidSignature, ValueError, TypeError):
            continue
        return
    raise token_problem("certificato x5c non emesso da una CA riconosciuta", "/jwt-certificate")


def sha256_hex(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def extract_cda(pdf: bytes) -> bytes:
    """The embedded ``cda.xml`` of ``pdf``, or the extraction problem."""
    try:
        attachments = PdfReader(io.BytesIO(pdf)).attachments
        found = attachments.get(CDA_ATTACHMENT_NAME)
    except (PyPdfError, ValueError, KeyError, OSError) as exc:
        raise Problem(
            400,
            "/msg/cda-element",
            "Errore in fase di estrazione del CDA.",
            f"PDF illeggibile: {exc}",
            "/cda-extraction",
        ) from exc
    if not found:
        raise Problem(
            400,
            "/msg/cda-element",
            "Errore in fase di estrazione del CDA.",
            "Errore in fase di estrazione del CDA: nessun allegato cda.xml",
            "/cda-extraction",
        )
    return bytes(found[0])


async def verify_pades(
    pdf: bytes, signer: x509.Certificate, trusted: list[x509.Certificate]
) -> None:
    """A PAdES signature covering the whole file, intact and made by ``signer``."""

    def refuse(detail: str) -> Problem:
        return Problem(
            400, "/msg/signature-validation", "Firma del documento non valida.", detail, "/pades"
        )

    try:
        reader = PdfFileReader(io.BytesIO(pdf), strict=False)
        signatures = reader.embedded_signatures
    except Exception as exc:  # pyhanko raises several unrelated types on broken PDFs
        raise refuse(f"PDF illeggibile per la verifica della firma: {exc}") from exc
    if not signatures:
        raise refuse("il PDF non è firmato (nessuna firma PAdES)")
    der = serialization.Encoding.DER
    roots = [asn1_x509.Certificate.load(c.public_bytes(der)) for c in trusted]
    last = signatures[-1]
    try:
        status = await async_validate_pdf_signature(
            last, ValidationContext(trust_roots=roots, allow_fetching=False)
        )
    except (SignatureValidationError, ValueError) as exc:
        raise refuse(f"firma PAdES non verificabile: {exc}") from exc
    if not (status.intact and status.valid):
        raise refuse("firma PAdES non integra: il documento è stato alterato dopo la firma")
    if not status.trusted:
        raise refuse("firma PAdES di un certificato non riconosciuto")
    if status.coverage is None or status.coverage.name != "ENTIRE_FILE":
        raise refuse("la firma PAdES non copre l'intero documento")
    if last.signer_cert.dump() != signer.public_bytes(der):
        raise refuse("il PDF è firmato con un certificato diverso da quello dei token JWT")
    if "ETSI.CAdES.detached" not in str(last.sig_object.get("/SubFilter", "")):
        raise refuse("la firma non è PAdES (SubFilter ETSI.CAdES.detached)")


def now_utc() -> datetime:
    return datetime.now(UTC)
