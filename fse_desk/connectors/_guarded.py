"""One httpx client shape for every regional service: FHIR, gateway, PACS.

Each client is bound to the origin (scheme, host, port) of its configured base
URL and talks to nothing else: a ``next`` link, an attachment URL or a redirect
elsewhere is refused *before* a connection is made, so neither the request nor
the operator's client certificate ever reaches another host. On top of httpx's
per-read timeouts, every request has an overall deadline (a server dripping one
byte at a time cannot hold it forever) and a cap on the body it may send,
counted while streaming so an oversized answer is never buffered whole.

Plain http is allowed only to a loopback host (the demo region, the tests),
judged on the parsed URL: ``http://127.0.0.1.evil.example`` and
``http://127.0.0.1@evil.example`` are refused, and so is any URL with userinfo.
Proxies and CA bundles from the environment (``HTTP_PROXY``, ``SSL_CERT_FILE``)
are ignored unless the configuration asks for them.
"""

from __future__ import annotations

import ipaddress
import ssl
import time
import urllib.request
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path

import httpx

from fse_desk.errors import ConfigError, ResponseTooLarge, UnsafeUrl

DEFAULT_MAX_RESPONSE_BYTES = 256 * 1024 * 1024
"""Larger than any Bundle page or document body the FSE serves (a big PDF is tens of MB)."""


@dataclass(frozen=True, slots=True)
class TlsSettings:
    """TLS for a real region: verification is always on; the CA bundle may be custom.

    ``client_key_passphrase`` opens an encrypted client key; it comes from the OS
    keyring, never from the configuration file.
    """

    ca_bundle: Path | None = None
    client_cert: Path | None = None
    client_key: Path | None = None
    client_key_passphrase: str | None = None


@dataclass(frozen=True, slots=True)
class HttpLimits:
    """What one request may cost: time from sending to the last byte, and body size."""

    deadline_s: float = 60.0
    max_response_bytes: int = DEFAULT_MAX_RESPONSE_BYTES
    use_environment: bool = False
    """Honour ``HTTP(S)_PROXY``/``SSL_CERT_FILE`` and friends (only when configured)."""


def is_loopback_host(host: str) -> bool:
    """True for ``localhost`` and loopback IP literals (``127.0.0.0/8``, ``::1``)."""
    if host.lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def check_service_url(url: str, what: str = "server") -> httpx.URL:
    """The parsed base URL of a service, or :class:`ConfigError` if it is unsafe."""
    try:
        parsed = httpx.URL(url)
    except httpx.InvalidURL as exc:
        raise ConfigError(f"{what} address {url!r} is not a valid URL: {exc}") from exc
    if parsed.userinfo:
        raise ConfigError(f"{what} address {url!r} carries a user name or password: remove it")
    if parsed.scheme == "https" and parsed.host:
        return parsed
    if parsed.scheme == "http" and is_loopback_host(parsed.host):
        return parsed
    raise ConfigError(
        f"{what} address {url!r} must use https:// (plain http only to this computer)"
    )


def _origin(url: httpx.URL) -> tuple[str, str, int | None]:
    default = {"http": 80, "https": 443}.get(url.scheme)
    return url.scheme, url.host.lower(), url.port or default


def ssl_context(tls: TlsSettings, *, use_environment: bool) -> ssl.SSLContext:
    """Verification always on; the configured CA and client certificate when set."""
    if tls.ca_bundle is not None:
        context = ssl.create_default_context(cafile=str(tls.ca_bundle))
    elif use_environment:
        context = ssl.create_default_context()
    else:
        # Not ssl.create_default_context(): it reads SSL_CERT_FILE/SSL_CERT_DIR.
        context = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
        context.load_verify_locations(cafile=_certifi_bundle())
    if tls.client_cert is not None:
        key = str(tls.client_key) if tls.client_key else None
        # Never None: OpenSSL would then ask for an encrypted key's passphrase on the terminal
        # (and hang a windowed app); "" makes a missing passphrase a plain SSLError.
        password = tls.client_key_passphrase or ""
        context.load_cert_chain(str(tls.client_cert), key, password=password)
    return context


def _certifi_bundle() -> str:
    import certifi  # httpx's own dependency: the CA list it would use by default

    return str(certifi.where())


class _BoundedStream(httpx.SyncByteStream):
    """The body as it arrives, stopped past the size cap or the deadline."""

    def __init__(self, inner: httpx.SyncByteStream, url: str, limit: int, deadline: float) -> None:
        self._inner = inner
        self._url = url
        self._limit = limit
        self._deadline = deadline

    def __iter__(self) -> Iterator[bytes]:
        received = 0
        for chunk in self._inner:
            received += len(chunk)
            if received > self._limit:
                raise ResponseTooLarge(
                    f"{self._url} sent more than {self._limit} bytes; stopped reading",
                    url=self._url,
                )
            if time.monotonic() > self._deadline:
                raise httpx.ReadTimeout(f"overall deadline passed reading {self._url}")
            yield chunk

    def close(self) -> None:
        self._inner.close()


class GuardedTransport(httpx.BaseTransport):
    """Refuses requests off the base origin; bounds every answer in size and time."""

    def __init__(self, base: httpx.URL, limits: HttpLimits, inner: httpx.BaseTransport) -> None:
        self._origin = _origin(base)
        self._limits = limits
        self._inner = inner

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        url = request.url
        if url.userinfo or _origin(url) != self._origin:
            raise UnsafeUrl(
                f"refused to follow a link to another server ({url.scheme}://{url.host}): "
                f"only {self._origin[0]}://{self._origin[1]}:{self._origin[2]} is trusted",
                url=f"{url.scheme}://{url.host}",
            )
        deadline = time.monotonic() + self._limits.deadline_s
        response = self._inner.handle_request(request)
        if time.monotonic() > deadline:
            response.close()
            raise httpx.ReadTimeout(f"overall deadline passed waiting for {url}")
        stream = response.stream
        assert isinstance(stream, httpx.SyncByteStream)
        response.stream = _BoundedStream(
            stream, str(url.copy_with(query=None)), self._limits.max_response_bytes, deadline
        )
        return response

    def close(self) -> None:
        self._inner.close()


def guarded_client(
    base_url: str,
    *,
    timeout_s: float,
    tls: TlsSettings | None = None,
    limits: HttpLimits | None = None,
    headers: Mapping[str, str] | None = None,
    transport: httpx.BaseTransport | None = None,
    what: str = "server",
) -> httpx.Client:
    """An httpx client for one regional service at ``base_url`` (see the module notes).

    ``transport`` replaces the network (tests of edges no server produces); the origin,
    size and deadline guards still apply around it.
    """
    base = check_service_url(base_url, what)
    limits = limits or HttpLimits()
    tls = tls or TlsSettings()
    timeout = httpx.Timeout(timeout_s, connect=min(timeout_s, 5.0))
    inner = transport or httpx.HTTPTransport(
        verify=ssl_context(tls, use_environment=limits.use_environment),
        trust_env=limits.use_environment,
        proxy=_environment_proxy(base) if limits.use_environment else None,
    )
    # trust_env stays off on the client itself: httpx would otherwise mount environment
    # proxies as transports of their own, around the guards.
    return httpx.Client(
        base_url=str(base).rstrip("/") + "/",
        timeout=timeout,
        headers=dict(headers or {}),
        transport=GuardedTransport(base, limits, inner),
        trust_env=False,
    )


def _environment_proxy(base: httpx.URL) -> str | None:
    """The proxy the environment names for ``base`` (``HTTPS_PROXY``, ``NO_PROXY`` …)."""
    if urllib.request.proxy_bypass(base.host):
        return None
    return urllib.request.getproxies().get(base.scheme)
