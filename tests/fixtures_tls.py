"""A small PKI for the "Prova connessione" tests: a region CA, server certificates (good,
for another host, expired), client certificates, written as PEM files; and the sandbox
served over https with mutual TLS on 127.0.0.1.

Made with ``cryptography`` (already a dependency) rather than trustme: it also makes the
expired and wrong-host certificates the checks must recognise.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from ipaddress import IPv4Address
from pathlib import Path

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.x509.oid import NameOID

from fse_desk.connectors.fhir_client import TlsSettings
from fse_desk_sandbox import ResourceStore, SandboxServer, ServerTls


@dataclass(frozen=True, slots=True)
class Issued:
    cert: Path
    key: Path


class Authority:
    """A CA that issues certificates into ``folder``."""

    def __init__(self, folder: Path, name: str) -> None:
        self.folder = folder
        self.name = name
        self._key = _key()
        self._subject = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, name)])
        now = datetime.now(UTC)
        self.cert = (
            _builder(self._subject, self._subject, self._key, now - timedelta(days=1), 3650)
            .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
            .sign(self._key, hashes.SHA256())
        )
        self.bundle = folder / f"{_slug(name)}-ca.pem"
        self.bundle.write_bytes(self.cert.public_bytes(serialization.Encoding.PEM))

    def issue(
        self,
        common_name: str,
        *,
        hosts: tuple[str, ...] = (),
        days: int = 365,
        not_before: datetime | None = None,
    ) -> Issued:
        """A certificate for ``common_name`` (a server's when ``hosts`` are given)."""
        key = _key()
        start = not_before or datetime.now(UTC) - timedelta(minutes=5)
        subject = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, common_name)])
        builder = _builder(subject, self._subject, key, start, days).add_extension(
            x509.BasicConstraints(ca=False, path_length=None), critical=True
        )
        if hosts:
            names: list[x509.GeneralName] = [
                x509.IPAddress(IPv4Address(h)) if h[0].isdigit() else x509.DNSName(h) for h in hosts
            ]
            builder = builder.add_extension(x509.SubjectAlternativeName(names), critical=False)
        cert = builder.sign(self._key, hashes.SHA256())
        stem = self.folder / _slug(f"{self.name}-{common_name}-{days}")
        cert_file, key_file = stem.with_suffix(".pem"), stem.with_suffix(".key")
        cert_file.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
        key_file.write_bytes(
            key.private_bytes(
                serialization.Encoding.PEM,
                serialization.PrivateFormat.PKCS8,
                serialization.NoEncryption(),
            )
        )
        return Issued(cert_file, key_file)


@dataclass(frozen=True, slots=True)
class TlsRegion:
    """The sandbox over https with mutual TLS, and what a workstation needs to reach it."""

    url: str  # the FHIR base
    region_ca: Authority
    operator: Issued  # a client certificate the region accepts

    @property
    def tls(self) -> TlsSettings:
        return TlsSettings(self.region_ca.bundle, self.operator.cert, self.operator.key)


@pytest.fixture(scope="module")
def pki(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("pki")


@pytest.fixture(scope="module")
def tls_region(pki: Path) -> Iterator[TlsRegion]:
    """The sandbox on https://127.0.0.1, requiring a client certificate of the region CA."""
    ca = Authority(pki, "Regione test CA")
    server = ca.issue("127.0.0.1", hosts=("127.0.0.1", "localhost"))
    store = ResourceStore()
    sandbox = SandboxServer(
        store, tls=ServerTls(server.cert, server.key, client_ca=ca.bundle)
    ).start()
    try:
        yield TlsRegion(sandbox.base_url, ca, ca.issue("Autenticazione MMG Rossi"))
    finally:
        sandbox.stop()
        store.close()


def https_sandbox(server: Issued) -> SandboxServer:
    """The sandbox over https with ``server``'s certificate and no client certificate asked."""
    return SandboxServer(ResourceStore(), tls=ServerTls(server.cert, server.key)).start()


def _builder(
    subject: x509.Name, issuer: x509.Name, key: rsa.RSAPrivateKey, start: datetime, days: int
) -> x509.CertificateBuilder:
    return (
        x509.CertificateBuilder()
        .subject_name(subject)
        .issuer_name(issuer)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(start)
        .not_valid_after(start + timedelta(days=days))
    )


def _key() -> rsa.RSAPrivateKey:
    return rsa.generate_private_key(public_exponent=65537, key_size=2048)


def _slug(text: str) -> str:
    return "".join(c if c.isalnum() else "-" for c in text.lower())
