"""Every connection (gateway, FHIR server, PACS) presents the configured TLS client
certificate (the region's "autenticazione" certificate): a real TLS server on 127.0.0.1
that requires one refuses the handshake without it, and answers, having seen that very
certificate, with it."""

from __future__ import annotations

import http.server
import json
import ssl
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from ipaddress import IPv4Address
from pathlib import Path
from typing import Any

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.x509.oid import NameOID

from fse_desk.connectors.dicomweb import DicomWebClient
from fse_desk.connectors.fhir_client import FhirClient, RetryPolicy, TlsSettings
from fse_desk.connectors.gateway import GatewayClient
from fse_desk.errors import (
    ConnectorError,
    DicomWebError,
    FhirError,
    GatewayError,
    PacsUnavailable,
    UnsafeUrl,
)
from fse_desk.security.certificates import issue_test_certificate


def _key() -> rsa.RSAPrivateKey:
    return rsa.generate_private_key(public_exponent=65537, key_size=2048)


def _cert(
    subject: str, key: rsa.RSAPrivateKey, issuer: x509.Name, signer: rsa.RSAPrivateKey, ca: bool
) -> x509.Certificate:
    now = datetime.now(UTC)
    builder = (
        x509.CertificateBuilder()
        .subject_name(x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, subject)]))
        .issuer_name(issuer)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - timedelta(minutes=5))
        .not_valid_after(now + timedelta(days=1))
        .add_extension(x509.BasicConstraints(ca=ca, path_length=None), critical=True)
    )
    if not ca:
        builder = builder.add_extension(
            x509.SubjectAlternativeName([x509.IPAddress(IPv4Address("127.0.0.1"))]), critical=False
        )
    return builder.sign(signer, hashes.SHA256())


def _pem(path: Path, *items: x509.Certificate | rsa.RSAPrivateKey) -> Path:
    out = b""
    for item in items:
        if isinstance(item, x509.Certificate):
            out += item.public_bytes(serialization.Encoding.PEM)
        else:
            out += item.private_bytes(
                serialization.Encoding.PEM,
                serialization.PrivateFormat.PKCS8,
                serialization.NoEncryption(),
            )
    path.write_bytes(out)
    return path


Answer = Callable[[str], tuple[int, dict[str, Any]]]
"""What a test server answers to a GET of a path: status and JSON body."""
_NOT_FOUND: Answer = lambda _path: (  # noqa: E731
    404,
    {"type": "/msg/not-found", "title": "x", "detail": "x", "status": 404},
)


def _handler(presented: list[str], answer: Answer) -> type[http.server.BaseHTTPRequestHandler]:
    """A handler giving ``answer``, noting in ``presented`` the common name of the
    client certificate each answered request came with."""

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            secure = isinstance(self.connection, ssl.SSLSocket)
            der = self.connection.getpeercert(binary_form=True) if secure else None
            names = x509.load_der_x509_certificate(der).subject if der else x509.Name([])
            presented.append(
                ", ".join(str(a.value) for a in names.get_attributes_for_oid(NameOID.COMMON_NAME))
            )
            status, payload = answer(self.path)
            body = json.dumps(payload).encode()
            self.send_response(status)
            self.send_header("Content-Type", "application/fhir+json")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args: object) -> None:
            """The test server logs nothing."""

    return Handler


@dataclass
class MutualTls:
    """TLS servers on 127.0.0.1 requiring a client certificate of one CA, and the
    settings of a workstation holding such a certificate."""

    folder: Path
    settings: TlsSettings
    _context: ssl.SSLContext
    _servers: list[http.server.HTTPServer] = field(default_factory=list)

    def start(self, answer: Answer, *, tls: bool = True) -> tuple[str, list[str]]:
        """A server giving ``answer`` (over plain http unless ``tls``): its base URL, and
        the client certificates it saw, one per answered request ("" for none)."""
        presented: list[str] = []
        httpd = http.server.HTTPServer(("127.0.0.1", 0), _handler(presented, answer))
        if tls:
            httpd.socket = self._context.wrap_socket(httpd.socket, server_side=True)
        threading.Thread(target=httpd.serve_forever, daemon=True).start()
        self._servers.append(httpd)
        scheme = "https" if tls else "http"
        return f"{scheme}://127.0.0.1:{httpd.server_address[1]}/v1", presented

    def stop(self) -> None:
        for httpd in self._servers:
            httpd.shutdown()
            httpd.server_close()


@pytest.fixture
def mutual_tls(tmp_path: Path) -> Iterator[MutualTls]:
    ca_key = _key()
    ca_name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "Regione test CA")])
    ca = _cert("Regione test CA", ca_key, ca_name, ca_key, ca=True)
    server_key, client_key = _key(), _key()
    server = _cert("127.0.0.1", server_key, ca_name, ca_key, ca=False)
    client = _cert("Autenticazione MMG", client_key, ca_name, ca_key, ca=False)
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(_pem(tmp_path / "server.pem", server, server_key))
    context.load_verify_locations(_pem(tmp_path / "ca.pem", ca))
    context.verify_mode = ssl.CERT_REQUIRED
    settings = TlsSettings(
        ca_bundle=tmp_path / "ca.pem",
        client_cert=_pem(tmp_path / "client.pem", client),
        client_key=_pem(tmp_path / "client.key", client_key),
    )
    servers = MutualTls(tmp_path, settings, context)
    try:
        yield servers
    finally:
        servers.stop()


@pytest.fixture
def tls_server(mutual_tls: MutualTls) -> tuple[str, TlsSettings, list[str]]:
    """A server answering 404 to anything; the client's settings; the certificates it saw."""
    url, presented = mutual_tls.start(_NOT_FOUND)
    return url, mutual_tls.settings, presented


def test_gateway_connection_presents_the_client_certificate(
    tls_server: tuple[str, TlsSettings, list[str]],
) -> None:
    url, tls, presented = tls_server
    _ca, signing = issue_test_certificate("Dott. Mario Rossi", "RSSMRA70A01A944X")
    with GatewayClient(url, signing, tls=tls) as client, pytest.raises(GatewayError) as answer:
        client.status("wid-1")
    assert answer.value.status == 404  # the TLS handshake went through: the server answered
    assert presented == ["Autenticazione MMG"]
    without = TlsSettings(ca_bundle=tls.ca_bundle)
    with (
        GatewayClient(url, signing, tls=without) as client,
        pytest.raises(ConnectorError) as refused,
    ):
        client.status("wid-1")
    assert not isinstance(refused.value, GatewayError)  # refused in the handshake, no answer
    assert presented == ["Autenticazione MMG"]  # nothing reached the server


def test_fhir_connection_presents_the_client_certificate(
    tls_server: tuple[str, TlsSettings, list[str]],
) -> None:
    url, tls, presented = tls_server
    once = RetryPolicy(attempts=1)
    with FhirClient(url, tls=tls, retry=once) as client, pytest.raises(FhirError) as answer:
        client.read("Patient", "p-1")
    assert answer.value.status == 404
    assert presented == ["Autenticazione MMG"]
    without = TlsSettings(ca_bundle=tls.ca_bundle)
    with (
        FhirClient(url, tls=without, retry=once) as client,
        pytest.raises(ConnectorError) as refused,
    ):
        client.read("Patient", "p-1")
    assert not isinstance(refused.value, FhirError)  # refused in the handshake, no answer
    assert presented == ["Autenticazione MMG"]


def test_pacs_connection_presents_the_client_certificate(
    tls_server: tuple[str, TlsSettings, list[str]],
) -> None:
    url, tls, presented = tls_server
    client = DicomWebClient(url, tls=tls)
    with pytest.raises(DicomWebError) as answer:
        client.search_series("1.2.3")
    client.close()
    assert answer.value.status == 404
    assert presented == ["Autenticazione MMG"]
    client = DicomWebClient(url, tls=TlsSettings(ca_bundle=tls.ca_bundle))
    with pytest.raises(PacsUnavailable) as refused:
        client.search_series("1.2.3")
    client.close()
    assert refused.value.status is None  # refused in the handshake, no answer
    assert presented == ["Autenticazione MMG"]


def _bundle_linking_to(next_url: str) -> Answer:
    return lambda _path: (
        200,
        {
            "resourceType": "Bundle",
            "type": "searchset",
            "total": 2,
            "link": [{"relation": "next", "url": next_url}],
            "entry": [{"resource": {"resourceType": "Patient", "id": "p-1"}}],
        },
    )


@pytest.mark.parametrize("tls", [True, False], ids=["another https port", "plain http"])
def test_a_next_link_off_the_origin_reaches_nothing(mutual_tls: MutualTls, tls: bool) -> None:
    other, other_saw = mutual_tls.start(_NOT_FOUND, tls=tls)
    base, home_saw = mutual_tls.start(_bundle_linking_to(f"{other}/Patient?page=2"))
    with (
        FhirClient(base, tls=mutual_tls.settings, retry=RetryPolicy(attempts=1)) as client,
        pytest.raises(UnsafeUrl),
    ):
        list(client.search_pages("Patient", {}))
    assert home_saw == ["Autenticazione MMG"]  # the first page came, with the certificate
    assert other_saw == []  # nothing went to the other origin: no request, no certificate
