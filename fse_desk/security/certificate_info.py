"""What the settings show about a certificate file: whose it is and until when it is valid.

Reads a PEM or DER certificate (the TLS client certificate, a CA bundle's first
certificate) or a PKCS#12 file with its passphrase (the signing certificate). Unlike
:func:`fse_desk.security.certificates.open_pkcs12` an expired certificate is described,
not refused: the settings must be able to say *that* it expired.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives.serialization import pkcs12
from cryptography.x509.oid import NameOID

from fse_desk.errors import CertificateError, WrongCertificatePassphrase

EXPIRY_WARNING = timedelta(days=30)  # the settings warn this long before a certificate ends
_PKCS12_SUFFIXES = (".p12", ".pfx")


class Validity(enum.Enum):
    VALID = "valid"
    EXPIRING = "expiring"  # valid, but ends within EXPIRY_WARNING
    EXPIRED = "expired"
    NOT_YET_VALID = "not-yet-valid"


@dataclass(frozen=True, slots=True)
class CertificateInfo:
    subject: str  # the common name, or the whole subject when it has none
    issuer: str
    not_before: datetime
    not_after: datetime
    validity: Validity

    @property
    def days_left(self) -> int:
        """Whole days from now to the end of validity (negative once expired)."""
        return (self.not_after - datetime.now(UTC)).days


def describe_certificate(
    path: Path, passphrase: str | None = None, *, now: datetime | None = None
) -> CertificateInfo:
    """Read the certificate in ``path`` (PEM, DER, or PKCS#12 opened with ``passphrase``).

    Raises :class:`CertificateError` when the file cannot be read or holds no certificate,
    :class:`WrongCertificatePassphrase` when the passphrase does not open a PKCS#12.
    """
    try:
        data = path.expanduser().read_bytes()
    except OSError as exc:
        raise CertificateError(f"cannot read the certificate file {path}: {exc.strerror}") from exc
    if path.suffix.lower() in _PKCS12_SUFFIXES:
        cert = _from_pkcs12(data, passphrase, path)
    else:
        cert = _from_pem_or_der(data, path)
    return info_of(cert, now=now)


def info_of(cert: x509.Certificate, *, now: datetime | None = None) -> CertificateInfo:
    moment = now or datetime.now(UTC)
    start, end = cert.not_valid_before_utc, cert.not_valid_after_utc
    if moment < start:
        validity = Validity.NOT_YET_VALID
    elif moment > end:
        validity = Validity.EXPIRED
    elif end - moment <= EXPIRY_WARNING:
        validity = Validity.EXPIRING
    else:
        validity = Validity.VALID
    return CertificateInfo(_name(cert.subject), _name(cert.issuer), start, end, validity)


def _from_pkcs12(data: bytes, passphrase: str | None, path: Path) -> x509.Certificate:
    secret = passphrase.encode("utf-8") if passphrase else None
    try:
        _key, cert, _chain = pkcs12.load_key_and_certificates(data, secret)
    except ValueError as exc:
        raise WrongCertificatePassphrase(
            f"the passphrase does not open {path} (or it is not a PKCS#12 file)"
        ) from exc
    if cert is None:
        raise CertificateError(f"{path} holds no certificate")
    return cert


def _from_pem_or_der(data: bytes, path: Path) -> x509.Certificate:
    try:
        if b"-----BEGIN CERTIFICATE-----" in data:
            return x509.load_pem_x509_certificates(data)[0]
        return x509.load_der_x509_certificate(data)
    except ValueError as exc:
        raise CertificateError(
            f"{path} holds no certificate in PEM or DER form: choose the certificate file"
        ) from exc


def _name(name: x509.Name) -> str:
    common = name.get_attributes_for_oid(NameOID.COMMON_NAME)
    return str(common[0].value) if common else name.rfc4514_string()
