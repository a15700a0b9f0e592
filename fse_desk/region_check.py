"""The "Prova connessione" check: is the region reachable, trusted, and does it take us?

One request, no retries, no cache: ``GET <base>/metadata`` through the same guarded client
and TLS settings the workstation will use, and a verdict that says which step failed —
the address, the name lookup, the connection, the server's certificate (untrusted CA,
another host name, expired), our client certificate (unreadable, expired, rejected), the
HTTP answer, or the CapabilityStatement itself (not FHIR, not R4). The UI turns each
:class:`Verdict` into a sentence a practice's IT person can act on; ``detail`` is English,
for the log.
"""

from __future__ import annotations

import enum
import socket
import ssl
from collections.abc import Iterator
from dataclasses import dataclass, replace
from datetime import datetime
from pathlib import Path

import httpx
import orjson

from fse_desk.connectors._guarded import (
    HttpLimits,
    TlsSettings,
    check_service_url,
    guarded_client,
    ssl_context,
)
from fse_desk.errors import CertificateError, ConfigError, FseDeskError
from fse_desk.security.certificate_info import Validity, describe_certificate

__all__ = [
    "ConnectionCheck",
    "TlsSettings",
    "Verdict",
    "check_fhir_server",
    "check_reachable",
    "client_certificate_problem",
    "tls_settings",
]

FHIR_JSON = "application/fhir+json"
# OpenSSL's verify codes (x509_vfy.h) behind CERTIFICATE_VERIFY_FAILED.
_EXPIRED = {10}  # X509_V_ERR_CERT_HAS_EXPIRED
_NOT_YET_VALID = {9}  # X509_V_ERR_CERT_NOT_YET_VALID
_WRONG_HOST = {62, 64}  # X509_V_ERR_HOSTNAME_MISMATCH, X509_V_ERR_IP_ADDRESS_MISMATCH
# Alerts a server sends when it does not accept (or did not get) our certificate.
_CLIENT_REJECTED = (
    "CERTIFICATE_REQUIRED",
    "BAD_CERTIFICATE",
    "UNKNOWN_CA",
    "CERTIFICATE_UNKNOWN",
    "CERTIFICATE_EXPIRED",
    "CERTIFICATE_REVOKED",
    "UNSUPPORTED_CERTIFICATE",
    "ACCESS_DENIED",
)


class Verdict(enum.Enum):
    OK = "ok"
    BAD_ADDRESS = "bad-address"  # not an https:// URL FSE Desk may use
    CLIENT_CERT_UNUSABLE = "client-cert-unusable"  # file unreadable, key mismatch, passphrase
    CLIENT_CERT_EXPIRED = "client-cert-expired"  # ours, checked before connecting
    CA_UNUSABLE = "ca-unusable"  # the region's CA file holds no certificate
    NAME_NOT_FOUND = "name-not-found"  # DNS: no such host
    REFUSED = "refused"  # the host answers, nothing listens on the port
    TIMEOUT = "timeout"
    UNTRUSTED_CA = "untrusted-ca"  # the server's certificate is issued by a CA we do not trust
    WRONG_HOST = "wrong-host"  # the server's certificate is for another name
    SERVER_CERT_EXPIRED = "server-cert-expired"  # or not yet valid
    TLS_FAILED = "tls-failed"  # another handshake failure (protocol, cipher)
    CLIENT_CERT_REJECTED = "client-cert-rejected"
    DROPPED = "dropped"  # the connection closed before an answer
    AUTH_REFUSED = "auth-refused"  # 401/403
    NOT_FOUND = "not-found"  # 404: the address is not a FHIR base
    SERVER_ERROR = "server-error"  # 5xx
    HTTP_ERROR = "http-error"  # any other status
    NOT_FHIR = "not-fhir"  # no CapabilityStatement in the answer
    NOT_R4 = "not-r4"  # a CapabilityStatement of another FHIR version


@dataclass(frozen=True, slots=True)
class ConnectionCheck:
    verdict: Verdict
    detail: str = ""  # English, for the log
    status: int | None = None  # the HTTP status, when there was an answer
    fhir_version: str = ""
    software: str = ""  # CapabilityStatement.software.name

    @property
    def ok(self) -> bool:
        return self.verdict is Verdict.OK


def check_fhir_server(
    base_url: str,
    tls: TlsSettings,
    *,
    timeout_s: float = 10.0,
    use_environment: bool = False,
    now: datetime | None = None,
) -> ConnectionCheck:
    """Read ``<base_url>/metadata`` and judge it: an R4 CapabilityStatement is :attr:`OK`."""
    answer = _get(base_url, "metadata", tls, timeout_s, use_environment, now)
    if isinstance(answer, ConnectionCheck):
        return answer
    status = answer.status_code
    if status >= 400:
        return _http_verdict(status)
    try:
        body = orjson.loads(answer.content)
    except orjson.JSONDecodeError:
        body = None
    if not isinstance(body, dict) or body.get("resourceType") != "CapabilityStatement":
        kind = answer.headers.get("content-type", "?")
        return ConnectionCheck(
            Verdict.NOT_FHIR, f"/metadata answered {kind}, not a CapabilityStatement", status
        )
    version = str(body.get("fhirVersion", ""))
    software = body.get("software")
    name = str(software.get("name", "")) if isinstance(software, dict) else ""
    if not version.startswith("4.0"):
        return ConnectionCheck(
            Verdict.NOT_R4, f"the server speaks FHIR {version or '?'}", status, version, name
        )
    return ConnectionCheck(Verdict.OK, f"FHIR {version}", status, version, name)


def check_reachable(
    base_url: str,
    tls: TlsSettings,
    *,
    timeout_s: float = 10.0,
    use_environment: bool = False,
    now: datetime | None = None,
) -> ConnectionCheck:
    """A service with no ``/metadata`` (the FSE 2.0 gateway): the TLS handshake with our
    certificate and any HTTP answer but 401/403 and 5xx are enough."""
    answer = _get(base_url, "", tls, timeout_s, use_environment, now)
    if isinstance(answer, ConnectionCheck):
        return answer
    if answer.status_code in (401, 403) or answer.status_code >= 500:
        return _http_verdict(answer.status_code)
    return ConnectionCheck(Verdict.OK, f"answered {answer.status_code}", answer.status_code)


def _get(
    base_url: str,
    path: str,
    tls: TlsSettings,
    timeout_s: float,
    use_environment: bool,
    now: datetime | None,
) -> httpx.Response | ConnectionCheck:
    try:
        check_service_url(base_url)
    except ConfigError as exc:
        return ConnectionCheck(Verdict.BAD_ADDRESS, str(exc))
    if (problem := client_certificate_problem(tls, now=now)) is not None:
        return problem
    limits = HttpLimits(deadline_s=timeout_s * 2, use_environment=use_environment)
    try:
        client = guarded_client(
            base_url, timeout_s=timeout_s, tls=tls, limits=limits, headers={"Accept": FHIR_JSON}
        )
    except (ssl.SSLError, OSError) as exc:  # our certificate loaded above: it is the CA file
        return ConnectionCheck(Verdict.CA_UNUSABLE, f"the CA file does not load: {exc}")
    try:
        with client:
            response = client.get(path)
            response.read()
    except httpx.HTTPError as exc:
        verdict = _transport_verdict(exc)
        if verdict.verdict is Verdict.DROPPED and not use_environment:
            return _handshake_verdict(base_url, tls, timeout_s) or verdict
        return verdict
    except FseDeskError as exc:  # a guard: an answer too large, a redirect elsewhere
        return ConnectionCheck(Verdict.HTTP_ERROR, str(exc))
    # nginx, asked for a client certificate it does not accept, completes the handshake and
    # answers 400 "No required SSL certificate was sent" / "The SSL certificate error".
    if response.status_code == 400 and b"SSL certificate" in response.content:
        return ConnectionCheck(Verdict.CLIENT_CERT_REJECTED, "answered 400 about the certificate")
    return response


def _handshake_verdict(base_url: str, tls: TlsSettings, timeout_s: float) -> ConnectionCheck | None:
    """Why a server closed the connection without a word, when TLS tells.

    In TLS 1.3 a server judges the client certificate after the client thinks the handshake
    is over, and many (Python's asyncio among them) then just close. In TLS 1.2 the same
    judgement happens inside the handshake, after we have already accepted the server's
    certificate: a server that closes there is refusing ours.
    """
    url = httpx.URL(base_url)
    if url.scheme != "https":
        return None
    context = ssl_context(tls, use_environment=False)
    context.maximum_version = ssl.TLSVersion.TLSv1_2
    try:
        with (
            socket.create_connection((url.host, url.port or 443), timeout=timeout_s) as raw,
            context.wrap_socket(raw, server_hostname=url.host),
        ):
            return None  # the handshake went through: the drop was something else
    except (ssl.SSLEOFError, ConnectionResetError) as exc:
        what = "our" if tls.client_cert is not None else "a missing"
        return ConnectionCheck(
            Verdict.CLIENT_CERT_REJECTED,
            f"the server closed the TLS 1.2 handshake after receiving {what} "
            f"client certificate ({exc})",
        )
    except ssl.SSLError as exc:
        return _transport_verdict(exc)
    except OSError:
        return None


def tls_settings(
    ca_bundle: Path | None,
    client_cert: Path | None,
    client_key: Path | None,
    passphrase: str | None,
) -> TlsSettings:
    """The TLS a check uses: the region's CA, our certificate, its key and the key's passphrase."""
    return TlsSettings(ca_bundle, client_cert, client_key, passphrase)


def client_certificate_problem(
    tls: TlsSettings, *, now: datetime | None = None
) -> ConnectionCheck | None:
    """What is wrong with our client certificate before any connection (None: nothing):
    a file that does not load, a key that is not its own or stays locked, an end date past."""
    if tls.client_cert is None:
        return None
    try:
        own = describe_certificate(tls.client_cert, now=now)
    except CertificateError as exc:
        return ConnectionCheck(Verdict.CLIENT_CERT_UNUSABLE, str(exc))
    if own.validity in (Validity.EXPIRED, Validity.NOT_YET_VALID):
        return ConnectionCheck(
            Verdict.CLIENT_CERT_EXPIRED,
            f"the client certificate is valid {own.not_before:%Y-%m-%d}"
            f" to {own.not_after:%Y-%m-%d}",
        )
    try:  # without the CA file: a bad one is the CA's problem, not our certificate's
        ssl_context(replace(tls, ca_bundle=None), use_environment=False)
    except (ssl.SSLError, OSError) as exc:  # wrong key, wrong passphrase, unreadable
        return ConnectionCheck(
            Verdict.CLIENT_CERT_UNUSABLE, f"the certificate does not load: {exc}"
        )
    return None


def _http_verdict(status: int) -> ConnectionCheck:
    if status in (401, 403):
        return ConnectionCheck(Verdict.AUTH_REFUSED, f"answered {status}", status)
    if status == 404:
        return ConnectionCheck(Verdict.NOT_FOUND, "answered 404", status)
    if status >= 500:
        return ConnectionCheck(Verdict.SERVER_ERROR, f"answered {status}", status)
    return ConnectionCheck(Verdict.HTTP_ERROR, f"answered {status}", status)


def _transport_verdict(exc: Exception) -> ConnectionCheck:
    detail = f"{type(exc).__name__}: {exc}"
    for cause in _causes(exc):
        if isinstance(cause, ssl.SSLCertVerificationError):
            code = cause.verify_code
            detail = f"server certificate: {cause.verify_message} (code {code})"
            if code in _EXPIRED or code in _NOT_YET_VALID:
                return ConnectionCheck(Verdict.SERVER_CERT_EXPIRED, detail)
            if code in _WRONG_HOST:
                return ConnectionCheck(Verdict.WRONG_HOST, detail)
            return ConnectionCheck(Verdict.UNTRUSTED_CA, detail)
        if isinstance(cause, ssl.SSLError):
            reason = cause.reason or str(cause)
            if any(alert in reason for alert in _CLIENT_REJECTED):
                return ConnectionCheck(Verdict.CLIENT_CERT_REJECTED, f"TLS alert {reason}")
            return ConnectionCheck(Verdict.TLS_FAILED, f"TLS: {reason}")
        if isinstance(cause, socket.gaierror):
            return ConnectionCheck(Verdict.NAME_NOT_FOUND, detail)
        if isinstance(cause, ConnectionRefusedError):
            return ConnectionCheck(Verdict.REFUSED, detail)
    if isinstance(exc, httpx.TimeoutException):
        return ConnectionCheck(Verdict.TIMEOUT, detail)
    return ConnectionCheck(Verdict.DROPPED, detail)


def _causes(exc: BaseException) -> Iterator[BaseException]:
    """``exc`` and what it was raised from, outermost first (httpx wraps httpcore wraps ssl)."""
    seen: set[int] = set()
    current: BaseException | None = exc
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        yield current
        current = current.__cause__ or current.__context__
