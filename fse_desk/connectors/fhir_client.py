"""A small FHIR R4 REST client over httpx.

It speaks plain FHIR (read, search with Bundle paging, Binary, create and update
with ``If-None-Exist``/``If-Match``), so it works against the built-in sandbox,
HAPI FHIR or a cloud FHIR service alike. Idempotent reads are retried with
exponential backoff and jitter; writes are never retried here (the outbox owns
that, with client-generated ids).
"""

from __future__ import annotations

import base64
import binascii
import random
import time
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from email.utils import parsedate_to_datetime
from functools import partial
from typing import Any, TypeVar

import httpx
import orjson

from fse_desk.connectors._guarded import HttpLimits, TlsSettings, guarded_client
from fse_desk.connectors._http_errors import (
    FHIR_SERVER,
    json_body,
    map_transport_errors,
    raise_for_status,
)
from fse_desk.connectors.backoff import Backoff
from fse_desk.errors import ConnectorTimeout, IncompleteSearch, InvalidResponse, ServerUnavailable

FHIR_JSON = "application/fhir+json"
MAX_PAGES = 100_000
"""A search that has not ended after this many pages is looping (1,000 patients fit in 3)."""
_T = TypeVar("_T")

__all__ = ["FhirClient", "HttpLimits", "RetryPolicy", "SearchPage", "TlsSettings"]


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
class SearchPage:
    """One searchset Bundle and the server's clock when it was answered.

    ``server_time`` is the Bundle's ``meta.lastUpdated`` or, when the server leaves
    that out, its HTTP ``Date``: a delta cursor is taken from it, never from the
    workstation's clock.
    """

    bundle: dict[str, Any]
    server_time: str | None


class FhirClient:
    """Synchronous FHIR R4 client bound to one base URL."""

    def __init__(
        self,
        base_url: str,
        *,
        timeout_s: float = 15.0,
        tls: TlsSettings | None = None,
        limits: HttpLimits | None = None,
        retry: RetryPolicy | None = None,
        transport: httpx.BaseTransport | None = None,
        sleep: Callable[[float], None] = time.sleep,
        max_pages: int = MAX_PAGES,
    ) -> None:
        self.base_url = base_url.rstrip("/")
        # Kept so the gateway and PACS clients use the same CA, certificate and limits.
        self.tls = tls or TlsSettings()
        self.limits = limits or HttpLimits()
        self._http = guarded_client(
            self.base_url,
            timeout_s=timeout_s,
            tls=self.tls,
            limits=self.limits,
            headers={"Accept": FHIR_JSON, "User-Agent": "fse-desk"},
            transport=transport,
            what="FHIR server",
        )
        self._max_pages = max_pages
        self._retry = retry or RetryPolicy()
        self._rng = random.Random()
        self._sleep = sleep
        self.bytes_received = 0
        self.requests_sent = 0
        self._capabilities: dict[str, Any] | None = None

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
        self.requests_sent += 1
        with map_transport_errors(url, FHIR_SERVER):
            response = self._http.get(url, params=params, headers={"Accept": accept})
        self.bytes_received += len(response.content)
        # Read whole and closed, the response no longer needs its stream, which refers back
        # to it: a cycle only the cyclic collector frees, and the sync pauses that collector
        # while it walks pages (see fse_desk.gc_pause). Without the stream a page's body goes as
        # soon as the page is parsed, not at the end of the walk (60 MB at the bench's peak).
        response.stream = httpx.ByteStream(b"")
        raise_for_status(response)
        return response

    def _get_json(self, url: str, params: Mapping[str, str] | None = None) -> dict[str, Any]:
        return self._retrying(lambda: json_body(self._fetch(url, params)))

    def _fetch_json(
        self, url: str, params: Mapping[str, str] | None = None
    ) -> tuple[dict[str, Any], httpx.Response]:
        response = self._fetch(url, params)
        return json_body(response), response

    def capabilities(self, *, fresh: bool = False) -> dict[str, Any]:
        """The server's CapabilityStatement, read once per client unless ``fresh``."""
        if fresh or self._capabilities is None:
            self._capabilities = self._get_json("metadata")
        return self._capabilities

    def read(self, resource_type: str, resource_id: str) -> dict[str, Any]:
        return self._get_json(f"{resource_type}/{resource_id}")

    def count(self, resource_type: str, params: Mapping[str, str]) -> int | None:
        """How many resources match (``_summary=count``); None when the server does not say."""
        bundle = self._get_json(resource_type, {**params, "_summary": "count"})
        total = bundle.get("total") if bundle.get("resourceType") == "Bundle" else None
        return total if isinstance(total, int) and not isinstance(total, bool) else None

    def search_pages(
        self, resource_type: str, params: Mapping[str, str]
    ) -> Iterator[dict[str, Any]]:
        """Each searchset Bundle page, following ``link[next]`` to the end."""
        for page in self.walk(resource_type, params):
            yield page.bundle

    def walk(self, resource_type: str, params: Mapping[str, str]) -> Iterator[SearchPage]:
        """Each page of a search, by ``link[next]`` only (the server's paging, whatever it is).

        Raises :class:`IncompleteSearch` when a ``next`` repeats (a loop), the pages pass
        ``max_pages``, or the last page leaves fewer entries than the Bundle's ``total``:
        such an answer is never taken as complete. Links off the base's origin are refused
        by the transport (:class:`~fse_desk.errors.UnsafeUrl`).
        """
        bundle, response = self._retrying(lambda: self._fetch_json(resource_type, params))
        seen: set[str] = set()
        matches = 0
        for number in range(1, self._max_pages + 1):
            if bundle.get("resourceType") != "Bundle":
                raise InvalidResponse(
                    f"search on {resource_type} answered a {bundle.get('resourceType')}, "
                    "not a Bundle",
                    url=self.base_url,
                )
            yield SearchPage(bundle, _server_time(bundle, response))
            matches += sum(
                1
                for e in bundle.get("entry", [])
                if e.get("search", {}).get("mode", "match") == "match"
            )
            next_url = next(
                (link["url"] for link in bundle.get("link", []) if link.get("relation") == "next"),
                None,
            )
            if not next_url:
                total = bundle.get("total")
                if isinstance(total, int) and matches < total:
                    raise IncompleteSearch(
                        f"search on {resource_type} ended after {matches} of {total} matches "
                        f"({number} pages) without a next link",
                        url=self.base_url,
                    )
                return
            if next_url in seen:
                raise IncompleteSearch(
                    f"search on {resource_type}: page {number} links back to an earlier page",
                    url=self.base_url,
                )
            seen.add(next_url)
            if number == self._max_pages:
                break
            bundle, response = self._retrying(partial(self._fetch_json, next_url))
        raise IncompleteSearch(
            f"search on {resource_type} did not end within {self._max_pages} pages",
            url=self.base_url,
        )

    def search(self, resource_type: str, params: Mapping[str, str]) -> Iterator[dict[str, Any]]:
        """Every matching resource across all pages."""
        for page in self.search_pages(resource_type, params):
            for entry in page.get("entry", []):
                if entry.get("search", {}).get("mode", "match") == "match":
                    yield entry["resource"]

    def binary(self, url: str) -> tuple[str, bytes]:
        """Raw content and content type of a Binary (``Binary/id`` or a same-origin URL).

        A server may answer with the FHIR ``Binary`` resource itself (JSON, base64
        ``data``) instead of the raw bytes; that is decoded, never cached as the document.
        """
        response = self._retrying(lambda: self._fetch(url, accept="*/*"))
        content_type = response.headers.get("content-type", "application/octet-stream")
        content_type = content_type.split(";")[0].strip()
        if content_type in (FHIR_JSON, "application/json"):
            return _binary_resource(response)
        return content_type, response.content

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


def _server_time(bundle: dict[str, Any], response: httpx.Response) -> str | None:
    stamped = bundle.get("meta", {}).get("lastUpdated")
    if isinstance(stamped, str) and stamped:
        return stamped
    date = response.headers.get("date")
    if not date:
        return None
    try:
        return parsedate_to_datetime(date).isoformat()
    except (TypeError, ValueError):
        return None


def _binary_resource(response: httpx.Response) -> tuple[str, bytes]:
    url = str(response.request.url)
    try:
        body = orjson.loads(response.content)
    except orjson.JSONDecodeError as exc:
        raise InvalidResponse(f"{url} answered JSON that does not parse: {exc}", url=url) from exc
    if not isinstance(body, dict) or body.get("resourceType") != "Binary":
        kind = body.get("resourceType") if isinstance(body, dict) else type(body).__name__
        raise InvalidResponse(f"{url} answered a {kind}, not a Binary", url=url)
    try:
        data = base64.b64decode(str(body.get("data", "")), validate=True)
    except (binascii.Error, ValueError) as exc:
        raise InvalidResponse(f"{url}: the Binary's data is not base64: {exc}", url=url) from exc
    return str(body.get("contentType") or "application/octet-stream"), data
