"""The operator's signing certificate: a PKCS#12 file whose passphrase lives in the OS keyring.

It signs the PSS PDF (PAdES) and both FSE 2.0 gateway JWTs. The rules:

* the PKCS#12 path comes from the configuration; its passphrase is kept in the
  OS keyring (service ``fse-desk``, user ``pkcs12:<profile>``) and never written
  in clear. :func:`store_certificate_passphrase` puts it there (the set-up
  dialog calls it once); :func:`load_operator_credentials` reads it back;
* a wrong passphrase is :class:`WrongCertificatePassphrase`, a certificate
  outside its validity period :class:`CertificateExpired` (checked on load);
* the demo MMG gets a generated test CA and operator certificate
  (:func:`demo_certificate`), made once and kept as ``operator.p12`` beside the
  demo cache with the CA as ``operator-ca.pem``. Its random passphrase lives in
  the keyring; only for the demo, when no keyring exists, in a 0600 file
  ``operator.p12.pass`` beside it, as the demo cache key does.
"""

from __future__ import annotations

import base64
import contextlib
import os
import secrets
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path

import keyring
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.hazmat.primitives.serialization import pkcs12
from cryptography.x509.oid import NameOID
from keyring.errors import KeyringError

from fse_desk.errors import (
    CertificateError,
    CertificateExpired,
    CertificatePassphraseMissing,
    KeyringUnavailable,
    SecretStoreError,
    WrongCertificatePassphrase,
)
from fse_desk.security.profile import profile_dir, validate_profile
from fse_desk.security.secrets import KEYRING_SERVICE, keyring_available

DEMO_PROFILE = "demo"
DEMO_P12_NAME = "operator.p12"
DEMO_CA_NAME = "operator-ca.pem"
_TINIT = "TINIT-"


@dataclass(frozen=True, slots=True)
class OperatorCredentials:
    """An RSA private key, its certificate and the issuers above it. The key never shows."""

    private_key: rsa.RSAPrivateKey = field(repr=False)
    certificate: x509.Certificate
    chain: tuple[x509.Certificate, ...] = ()
    source: Path | None = None

    @property
    def common_name(self) -> str:
        return _name_attr(self.certificate.subject, NameOID.COMMON_NAME)

    @property
    def fiscal_code(self) -> str:
        """The holder's codice fiscale from ``serialNumber`` (``TINIT-<CF>``), or ``""``."""
        serial = _name_attr(self.certificate.subject, NameOID.SERIAL_NUMBER)
        return serial[len(_TINIT) :] if serial.startswith(_TINIT) else ""

    @property
    def x5c(self) -> list[str]:
        """The JWT ``x5c`` header: base64 DER, the operator's certificate first."""
        return [
            base64.b64encode(c.public_bytes(serialization.Encoding.DER)).decode("ascii")
            for c in (self.certificate, *self.chain)
        ]


def keyring_user(profile: str) -> str:
    return f"pkcs12:{validate_profile(profile)}"


def client_key_passphrase(profile: str) -> str | None:
    """The passphrase of ``profile``'s encrypted TLS client key, from the OS keyring.

    Kept under user ``tls-key:<profile>``; None when the key is not encrypted (nothing
    stored) or no keyring exists (an encrypted key then fails to load, clearly).
    """
    if not keyring_available():
        return None
    try:
        return keyring.get_password(KEYRING_SERVICE, _tls_key_user(profile))
    except KeyringError as exc:
        raise SecretStoreError(f"the keyring refused the TLS key passphrase: {exc}") from exc


def store_certificate_passphrase(profile: str, passphrase: str) -> None:
    """Keep ``passphrase`` of ``profile``'s PKCS#12 in the OS keyring (never on disk)."""
    _store_passphrase(keyring_user(profile), passphrase, "certificate")


def store_client_key_passphrase(profile: str, passphrase: str) -> None:
    """Keep the passphrase of ``profile``'s encrypted TLS client key in the OS keyring,
    where :func:`client_key_passphrase` reads it."""
    _store_passphrase(_tls_key_user(profile), passphrase, "TLS key")


def _tls_key_user(profile: str) -> str:
    return f"tls-key:{validate_profile(profile)}"


def _store_passphrase(user: str, passphrase: str, what: str) -> None:
    if not keyring_available():
        raise KeyringUnavailable(
            f"no usable OS keyring: the {what} passphrase cannot be kept safely. "
            "Install or unlock a keyring and enter the passphrase again."
        )
    try:
        keyring.set_password(KEYRING_SERVICE, user, passphrase)
    except KeyringError as exc:
        raise SecretStoreError(f"the keyring refused the {what} passphrase: {exc}") from exc


def load_operator_credentials(
    path: Path, profile: str, *, now: datetime | None = None
) -> OperatorCredentials:
    """Open the configured PKCS#12 at ``path`` with the passphrase in ``profile``'s keyring."""
    try:
        passphrase = keyring.get_password(KEYRING_SERVICE, keyring_user(profile))
    except KeyringError as exc:
        raise SecretStoreError(f"reading the certificate passphrase failed: {exc}") from exc
    if passphrase is None:
        raise CertificatePassphraseMissing(
            f"the OS keyring has no passphrase for the certificate {path} of profile "
            f"{profile!r} (service {KEYRING_SERVICE!r}, user {keyring_user(profile)!r}): "
            "enter it again in the signing-certificate settings."
        )
    return open_pkcs12(_read(path), passphrase, source=path, now=now)


def open_pkcs12(
    data: bytes, passphrase: str, *, source: Path | None = None, now: datetime | None = None
) -> OperatorCredentials:
    """Parse a PKCS#12; check the key is RSA (RS256) and the certificate valid at ``now``."""
    where = str(source) if source is not None else "the PKCS#12 data"
    try:
        key, cert, extra = pkcs12.load_key_and_certificates(data, passphrase.encode("utf-8"))
    except ValueError as exc:
        raise WrongCertificatePassphrase(
            f"the passphrase does not open {where} (or it is not a PKCS#12 file): "
            "check the passphrase, or export the certificate again from the smart card tool"
        ) from exc
    if cert is None or key is None:
        raise CertificateError(f"{where} holds no certificate with its private key")
    if not isinstance(key, rsa.RSAPrivateKey):
        raise CertificateError(
            f"{where} holds a {type(key).__name__}; the FSE gateway needs an RSA key (RS256)"
        )
    check_validity(cert, now=now, where=where)
    return OperatorCredentials(key, cert, tuple(extra), source)


def open_pkcs12_file(path: Path, passphrase: str) -> OperatorCredentials:
    """The PKCS#12 at ``path`` opened with ``passphrase`` as typed by the operator."""
    return open_pkcs12(_read(path), passphrase, source=path)


def check_validity(cert: x509.Certificate, *, now: datetime | None = None, where: str = "") -> None:
    """Raise :class:`CertificateExpired` when ``now`` is outside the certificate's validity."""
    moment = now or datetime.now(UTC)
    start, end = cert.not_valid_before_utc, cert.not_valid_after_utc
    subject = cert.subject.rfc4514_string()
    if moment > end:
        raise CertificateExpired(
            f"the certificate {subject} in {where or 'use'} expired on {end:%Y-%m-%d}: "
            "renew it with the certification authority and configure the new file"
        )
    if moment < start:
        raise CertificateExpired(
            f"the certificate {subject} in {where or 'use'} is valid only from {start:%Y-%m-%d}; "
            "check the computer's clock"
        )


def demo_ca_path(data_dir: Path | None) -> Path:
    return profile_dir(DEMO_PROFILE, data_dir) / DEMO_CA_NAME


def demo_certificate(
    data_dir: Path | None,
    *,
    common_name: str = "Dott.ssa Elena Guidotti",
    fiscal_code: str = "GDTLNE72D58A944V",
) -> OperatorCredentials:
    """The demo MMG's test certificate, generated on first use and reused afterwards.

    Only for the demo profile, which signs sandbox data: the certificate is
    issued by a throw-away "FSE Desk Demo CA" (its key is discarded), so nothing
    it signs is trusted anywhere but by the sandbox.
    """
    p12 = profile_dir(DEMO_PROFILE, data_dir) / DEMO_P12_NAME
    pass_file = p12.with_name(p12.name + ".pass")
    if p12.exists():
        return open_pkcs12(_read(p12), _demo_passphrase(pass_file), source=p12)
    passphrase = secrets.token_urlsafe(24)
    ca_cert, key, cert = _issue_demo(common_name, fiscal_code)
    blob = pkcs12.serialize_key_and_certificates(
        b"operator",
        key,
        cert,
        [ca_cert],
        serialization.BestAvailableEncryption(passphrase.encode("utf-8")),
    )
    p12.parent.mkdir(parents=True, exist_ok=True)
    _keep_demo_passphrase(pass_file, passphrase)
    _write_once(p12, blob, 0o600)
    ca_file = demo_ca_path(data_dir)
    with contextlib.suppress(FileExistsError):
        _write_once(ca_file, ca_cert.public_bytes(serialization.Encoding.PEM), 0o644)
    return OperatorCredentials(key, cert, (ca_cert,), p12)


def issue_test_certificate(
    common_name: str,
    fiscal_code: str,
    *,
    days: int = 730,
    not_before: datetime | None = None,
) -> tuple[x509.Certificate, OperatorCredentials]:
    """A new test CA and an operator certificate it issued (also used by the sandbox tests)."""
    ca_cert, key, cert = _issue_demo(common_name, fiscal_code, days=days, not_before=not_before)
    return ca_cert, OperatorCredentials(key, cert, (ca_cert,))


def _issue_demo(
    common_name: str, fiscal_code: str, *, days: int = 730, not_before: datetime | None = None
) -> tuple[x509.Certificate, rsa.RSAPrivateKey, x509.Certificate]:
    start = (not_before or datetime.now(UTC)) - timedelta(minutes=5)
    ca_key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    ca_name = x509.Name(
        [
            x509.NameAttribute(NameOID.COUNTRY_NAME, "IT"),
            x509.NameAttribute(NameOID.ORGANIZATION_NAME, "FSE Desk (demo)"),
            x509.NameAttribute(NameOID.COMMON_NAME, "FSE Desk Demo CA"),
        ]
    )
    ca_cert = (
        x509.CertificateBuilder()
        .subject_name(ca_name)
        .issuer_name(ca_name)
        .public_key(ca_key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(start)
        .not_valid_after(start + timedelta(days=days + 365))
        .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
        .add_extension(
            x509.KeyUsage(
                digital_signature=False,
                content_commitment=False,
                key_encipherment=False,
                data_encipherment=False,
                key_agreement=False,
                key_cert_sign=True,
                crl_sign=True,
                encipher_only=False,
                decipher_only=False,
            ),
            critical=True,
        )
        .add_extension(
            x509.SubjectKeyIdentifier.from_public_key(ca_key.public_key()), critical=False
        )
        .sign(ca_key, hashes.SHA256())
    )
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    subject = x509.Name(
        [
            x509.NameAttribute(NameOID.COUNTRY_NAME, "IT"),
            x509.NameAttribute(NameOID.ORGANIZATION_NAME, "FSE Desk (demo)"),
            x509.NameAttribute(NameOID.COMMON_NAME, common_name),
            x509.NameAttribute(NameOID.SERIAL_NUMBER, f"{_TINIT}{fiscal_code}"),
        ]
    )
    cert = (
        x509.CertificateBuilder()
        .subject_name(subject)
        .issuer_name(ca_name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(start)
        .not_valid_after(start + timedelta(days=days))
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .add_extension(
            x509.KeyUsage(
                digital_signature=True,
                content_commitment=True,
                key_encipherment=False,
                data_encipherment=False,
                key_agreement=False,
                key_cert_sign=False,
                crl_sign=False,
                encipher_only=False,
                decipher_only=False,
            ),
            critical=True,
        )
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()), critical=False)
        .add_extension(
            x509.AuthorityKeyIdentifier.from_issuer_public_key(ca_key.public_key()), critical=False
        )
        .sign(ca_key, hashes.SHA256())
    )
    return ca_cert, key, cert


def _name_attr(name: x509.Name, oid: x509.ObjectIdentifier) -> str:
    values = name.get_attributes_for_oid(oid)
    return str(values[0].value) if values else ""


def _read(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except OSError as exc:
        raise CertificateError(
            f"cannot read the certificate file {path}: {exc}; check the path in the configuration"
        ) from exc


def _demo_passphrase(pass_file: Path) -> str:
    if keyring_available():
        stored = keyring.get_password(KEYRING_SERVICE, keyring_user(DEMO_PROFILE))
        if stored is not None:
            return stored
    if pass_file.exists():
        return pass_file.read_text(encoding="ascii").strip()
    raise CertificatePassphraseMissing(
        f"the demo certificate {pass_file.with_suffix('')} exists but its passphrase is neither "
        f"in the keyring nor in {pass_file}: delete the demo certificate and it is made again"
    )


def _keep_demo_passphrase(pass_file: Path, passphrase: str) -> None:
    if keyring_available():
        with contextlib.suppress(KeyringError):  # then the demo's 0600 file below
            keyring.set_password(KEYRING_SERVICE, keyring_user(DEMO_PROFILE), passphrase)
            return
    _write_once(pass_file, passphrase.encode("ascii"), 0o600)


def _write_once(path: Path, data: bytes, mode: int) -> None:
    """Write ``path`` complete or not at all, never over an existing file."""
    tmp = path.with_name(f".{path.name}.{secrets.token_hex(4)}.tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, mode)
    try:
        with os.fdopen(fd, "wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        os.link(tmp, path)
    finally:
        with contextlib.suppress(FileNotFoundError):
            tmp.unlink()
