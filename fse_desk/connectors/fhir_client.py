"""A small FHIR R4 REST client over httpx.

It speaks plain FHIR (read, search with Bundle paging, Binary, create and update
with ``If-None-Exist``/``If-Match``), so it works against the built-in sandbox,
HAPI FHIR or a cloud FHIR service alike. Idempotent reads are retried with
exponential backoff and jitter; writes are never retried here (the outbox owns
that, with client-generated ids).
"""

from __future__ import annotations

import random
import ssl
import time
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

import httpx

from fse_desk.connectors._http_errors import (
    FHIR_SERVER,
    json_body,
    map_transport_errors,
    raise_for_status,
)
from fse_desk.connectors.backoff import Backoff
from fse_desk.errors import ConnectorTimeout, InvalidResponse, ServerUnavailable

FHIR_JSON = "application/fhir+json"
_T = TypeVar("_T")


@dataclass(frozen=True, slots=True)
class RetryPolicy:
    """How idempotent GETs are retried after a transient failure."""

    attempts: int = 4
    base_delay_s: float = 0.2
    max_delay_s: float = 5.0

    def delay(self, attempt: int, rng: random.Random) -> float:
        """The wait before the ``attempt``-th retry (1-based), by the connectors' backoff."""
        return Backoff(self.base_delay_s, self.max_delay_s).delay_s(attempt, rng)


@dataclass(frozen=True, slots=True)
class TlsSettings:
    """TLS for a real region: verification is always on; the CA bundle may be custom."""

    ca_bundle: Path | None = None
    client_cert: Path | None = None
    client_key: Path | None = None


def _ssl_context(tls: TlsSettings) -> ssl.SSLContext | bool:
    """``True`` (system CAs, verification on) unless a CA bundle or client certificate is set."""
    if tls.ca_bundle is None and tls.client_cert is None:
        return True
    context = ssl.create_default_context(cafile=str(tls.ca_bundle) if tls.ca_bundle else None)
    if tls.client_cert is not None:
        key = str(tls.client_key) if tls.client_key else None
        context.load_cert_chain(str(tls.client_cert), key)
    return context


class FhirClient:
    """Synchronous FHIR R4 client bound to one base URL."""

    def __init__(
        self,
        base_url: str,
        *,
        timeout_s: float = 15.0,
        tls: TlsSettings | None = None,
        retry: RetryPolicy | None = None,
        transport: httpx.BaseTransport | None = None,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self.base_url = base_url.rstrip("/")
        self._http = httpx.Client(
            base_url=self.base_url + "/",
            timeout=httpx.Timeout(timeout_s, connect=min(timeout_s, 5.0)),
            verify=_ssl_context(tls or TlsSettings()),
            headers={"Accept": FHIR_JSON, "User-Agent": "fse-desk"},
            transport=transport,
        )
        self._retry = retry or RetryPolicy()
        self._rng = random.Random()
        self._sleep = sleep
        self.bytes_received = 0

    def close(self) -> None:
        self._http.close()

    def __enter__(self) -> FhirClient:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- reads -----------------------------------------------------------------
    def _retrying(self, call: Callable[[], _T]) -> _T:
        """Run an idempotent read, retrying transient failures (5xx, drops, bad bodies)."""
        attempt = 0
        while True:
            attempt += 1
            try:
                return call()
            except (ServerUnavailable, ConnectorTimeout, InvalidResponse):
                if attempt >= self._retry.attempts:
                    raise
                self._sleep(self._retry.delay(attempt, self._rng))

    def _fetch(
        self, url: str, params: Mapping[str, str] | None = None, accept: str = FHIR_JSON
    ) -> httpx.Response:
        with map_transport_errors(url, FHIR_SERVER):
            response = self._http.get(url, params=params, headers={"Accept": accept})
        self.bytes_received += len(response.content)
        raise_for_status(response)
        return response

    def _get_json(self, url: str, params: Mapping[str, str] | None = None) -> dict[str, Any]:
        return self._retrying(lambda: json_body(self._fetch(url, params)))

    def capabilities(self) -> dict[str, Any]:
        """The server's CapabilityStatement (also a cheap reachability check)."""
        return self._get_json("metadata")

    def read(self, resource_type: str, resource_id: str) -> dict[str, Any]:
        return self._get_json(f"{resource_type}/{resource_id}")

    def search_pages(
        self, resource_type: str, params: Mapping[str, str]
    ) -> Iterator[dict[str, Any]]:
        """Each searchset Bundle page, following ``link[next]`` to the end."""
        bundle = self._get_json(resource_type, params)
        while True:
            if bundle.get("resourceType") != "Bundle":
                raise InvalidResponse(
                    f"search on {resource_type} answered a {bundle.get('resourceType')}, "
                    "not a Bundle",
                    url=self.base_url,
                )
            yield bundle
            next_url = next(
                (link["url"] for link in bundle.get("link", []) if link.get("relation") == "next"),
                None,
            )
            if not next_url:
                return
            bundle = self._get_json(next_url)

    def search(self, resource_type: str, params: Mapping[str, str]) -> Iterator[dict[str, Any]]:
        """Every matching resource across all pages."""
        for page in self.search_pages(resource_type, params):
            for entry in page.get("entry", []):
                if entry.get("search", {}).get("mode", "match") == "match":
                    yield entry["resource"]

    def binary(self, url: str) -> tuple[str, bytes]:
        """Raw content and content type of a Binary (``Binary/id`` or an absolute URL)."""
        response = self._retrying(lambda: self._fetch(url, accept="*/*"))
        content_type = response.headers.get("content-type", "application/octet-stream")
        return content_type.split(";")[0].strip(), response.content

    # -- writes (not retried: the outbox decides) ------------------------------
    def create(
        self, resource: Mapping[str, Any], *, if_none_exist: str | None = None
    ) -> dict[str, Any]:
        headers = {"Content-Type": FHIR_JSON, "Prefer": "return=representation"}
        if if_none_exist:
            headers["If-None-Exist"] = if_none_exist
        url = str(resource["resourceType"])
        with map_transport_errors(url, FHIR_SERVER):
            response = self._http.post(url, json=dict(resource), headers=headers)
        raise_for_status(response)
        return json_body(response)

    def update(self, resource: Mapping[str, Any], *, if_match: str | None = None) -> dict[str, Any]:
        headers = {"Content-Type": FHIR_JSON, "Prefer": "return=representation"}
        if if_match:
            headers["If-Match"] = f'W/"{if_match}"'
        url = f"{resource['resourceType']}/{resource['id']}"
        with map_transport_errors(url, FHIR_SERVER):
            response = self._http.put(url, json=dict(resource), headers=headers)
        raise_for_status(response)
        return json_body(response)
