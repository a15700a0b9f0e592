"""The sandbox's FHIR R4 REST API as a starlette ASGI app, under ``/fhir``.

Interactions: capabilities (``GET /fhir/metadata``), read, vread, search
(``GET /fhir/{type}?…`` and ``POST /fhir/{type}/_search``), create (with
``If-None-Exist``), update (with ``If-Match``, create-on-update) and delete.
Every error answers with an OperationOutcome and the matching status.
"""

from __future__ import annotations

import json
import logging
import urllib.parse
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.middleware import Middleware
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import BaseRoute, Route
from starlette.types import ASGIApp

from fse_desk_sandbox.dates import format_instant
from fse_desk_sandbox.exceptions import BadRequest, NotAcceptable, SandboxError, UnknownResource
from fse_desk_sandbox.faults import FaultInjector, FaultMiddleware
from fse_desk_sandbox.records import StoredResource, check_id, check_resource
from fse_desk_sandbox.resource_types import spec_for
from fse_desk_sandbox.responses import (
    capability_statement,
    fhir_response,
    outcome_response,
    resource_response,
    searchset,
    version_headers,
)
from fse_desk_sandbox.search import PAGE_PARAM
from fse_desk_sandbox.storage import ResourceStore

BASE_PATH = "/fhir"
_JSON_FORMATS = {"json", "application/json", "application/fhir+json"}
_LOG = logging.getLogger(__name__)

_REFUSED_AUDIT = frozenset({"AuditEvent"})  # left out by Realism.refuses_audit_events
RouteProvider = Callable[[ResourceStore], list[BaseRoute]]
_ROUTE_PROVIDERS: list[RouteProvider] = []


def register_routes(provider: RouteProvider) -> RouteProvider:
    """Add more APIs beside FHIR (e.g. the sandbox PACS): ``provider(store)`` gives routes."""
    if provider not in _ROUTE_PROVIDERS:
        _ROUTE_PROVIDERS.append(provider)
    return provider


def create_app(store: ResourceStore, *, faults: FaultInjector | None = None) -> ASGIApp:
    """The FHIR API over ``store``; with ``faults``, wrapped in fault injection."""
    api = _FhirApi(store)
    routes: list[BaseRoute] = [
        Route(f"{BASE_PATH}/metadata", api.metadata, methods=["GET"]),
        Route(f"{BASE_PATH}/{{type}}/_search", api.search, methods=["GET", "POST"]),
        Route(f"{BASE_PATH}/{{type}}/_history", api.type_history, methods=["GET"]),
        Route(f"{BASE_PATH}/{{type}}/{{id}}/_history/{{vid}}", api.vread, methods=["GET"]),
        Route(f"{BASE_PATH}/{{type}}/{{id}}", api.instance, methods=["GET", "PUT", "DELETE"]),
        Route(f"{BASE_PATH}/{{type}}", api.type_level, methods=["GET", "POST"]),
    ]
    routes = [*(r for provider in _ROUTE_PROVIDERS for r in provider(store)), *routes]
    middleware = [] if faults is None else [Middleware(FaultMiddleware, injector=faults)]
    return Starlette(
        routes=routes,
        middleware=middleware,
        exception_handlers={
            SandboxError: _sandbox_error,
            HTTPException: _http_error,
            Exception: _unexpected_error,
        },
    )


class _FhirApi:
    """Request handlers; each translates HTTP to one :class:`ResourceStore` call."""

    def __init__(self, store: ResourceStore) -> None:
        self.store = store

    async def metadata(self, request: Request) -> Response:
        _check_format(request)
        statement = capability_statement(
            _base_url(request),
            _now(),
            history=self.store.realism.history,
            without=_REFUSED_AUDIT if self.store.realism.refuses_audit_events else frozenset(),
        )
        return fhir_response(statement)

    async def type_history(self, request: Request) -> Response:
        """``GET [type]/_history?_since=`` (the ``history`` realism mode only)."""
        type_name = _type_of(request)
        if not self.store.realism.history:
            raise UnknownResource(f"{type_name}/_history is not served by this server")
        since = request.query_params.get("_since")
        if not since:
            raise BadRequest("_history needs _since")
        try:
            rows = self.store.history_since(type_name, since)
        except ValueError as exc:
            raise BadRequest(f"_since: {since!r} is not a FHIR instant") from exc
        base = _base_url(request)
        entries = []
        for rid, version, _updated, deleted, text in rows:
            if deleted:
                entries.append(
                    {
                        "fullUrl": f"{base}/{type_name}/{rid}",
                        "request": {"method": "DELETE", "url": f"{type_name}/{rid}"},
                        "response": {"status": "410 Gone"},
                    }
                )
            else:
                entries.append(
                    {
                        "fullUrl": f"{base}/{type_name}/{rid}",
                        "resource": json.loads(text),
                        "request": {"method": "PUT", "url": f"{type_name}/{rid}"},
                        "response": {"status": "200 OK", "etag": f'W/"{version}"'},
                    }
                )
        bundle = {
            "resourceType": "Bundle",
            "type": "history",
            "meta": {"lastUpdated": _now()},
            "total": len(entries),
            "link": [{"relation": "self", "url": str(request.url)}],
            "entry": entries,
        }
        return fhir_response(bundle)

    async def type_level(self, request: Request) -> Response:
        if request.method == "POST":
            return await self.create(request)
        return await self.search(request)

    async def search(self, request: Request) -> Response:
        type_name = _type_of(request)
        _check_format(request)
        params = list(request.query_params.multi_items())
        if request.method == "POST":
            body = (await request.body()).decode("utf-8", errors="replace")
            params += urllib.parse.parse_qsl(body, keep_blank_values=True)
        strict = "handling=strict" in request.headers.get("prefer", "").replace(" ", "")
        page = self.store.search(type_name, params, strict=strict)
        base = _base_url(request)
        query = [(k, v) for k, v in params if k != PAGE_PARAM]
        self_url = _search_url(base, type_name, list(params))
        next_url = None
        if page.next_page is not None:
            next_url = _search_url(base, type_name, [*query, (PAGE_PARAM, page.next_page)])
        return fhir_response(searchset(page, base, type_name, self_url, next_url))

    async def create(self, request: Request) -> Response:
        type_name = _type_of(request)
        if type_name in _REFUSED_AUDIT and self.store.realism.refuses_audit_events:
            raise UnknownResource(f"{type_name} is not served by this server")
        resource = await _body(request)
        check_resource(resource, type_name)
        stored, created = self.store.create(
            resource, if_none_exist=request.headers.get("if-none-exist")
        )
        return resource_response(
            stored,
            _base_url(request),
            status=201 if created else 200,
            minimal=_wants_minimal(request),
        )

    async def instance(self, request: Request) -> Response:
        type_name = _type_of(request)
        resource_id = request.path_params["id"]
        if request.method == "PUT":
            resource = await _body(request)
            stored, created = self.store.update(
                type_name,
                check_id(resource_id),
                resource,
                if_match=request.headers.get("if-match"),
            )
            return resource_response(
                stored,
                _base_url(request),
                status=201 if created else 200,
                minimal=_wants_minimal(request),
            )
        if request.method == "DELETE":
            self.store.delete(type_name, resource_id)
            return Response(status_code=204)
        return self._read_response(request, self.store.read(type_name, resource_id))

    async def vread(self, request: Request) -> Response:
        type_name = _type_of(request)
        stored = self.store.vread(type_name, request.path_params["id"], request.path_params["vid"])
        return self._read_response(request, stored)

    def _read_response(self, request: Request, stored: StoredResource) -> Response:
        as_resource = self.store.realism.binary_as_resource or _wants_fhir_json(request)
        if stored.type == "Binary" and not as_resource:
            content = self.store.binary_content(stored.id, stored.version_id)
            return Response(
                content.data, headers=version_headers(stored), media_type=content.content_type
            )
        _check_format(request)
        return resource_response(stored, _base_url(request))


def _type_of(request: Request) -> str:
    type_name: str = request.path_params["type"]
    if spec_for(type_name) is None:
        raise UnknownResource(f"unknown resource type {type_name!r}")
    return type_name


async def _body(request: Request) -> dict[str, Any]:
    raw = await request.body()
    if not raw.strip():
        raise BadRequest("the request has no body; send a FHIR JSON resource")
    try:
        parsed = json.loads(raw)
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise BadRequest(f"the body is not valid JSON: {exc}") from exc
    check_resource(parsed)
    body: dict[str, Any] = parsed
    return body


def _wants_fhir_json(request: Request) -> bool:
    requested = request.query_params.get("_format")
    if requested is not None:
        return requested in _JSON_FORMATS
    accept = request.headers.get("accept", "")
    return "application/fhir+json" in accept or "application/json" in accept


def _check_format(request: Request) -> None:
    requested = request.query_params.get("_format")
    if requested is not None and requested not in _JSON_FORMATS:
        raise NotAcceptable(f"_format={requested} is not served; only JSON (_format=json)")


def _wants_minimal(request: Request) -> bool:
    return "return=minimal" in request.headers.get("prefer", "").replace(" ", "")


def _base_url(request: Request) -> str:
    return str(request.base_url).rstrip("/") + BASE_PATH


def _search_url(base: str, type_name: str, params: list[tuple[str, str]]) -> str:
    query = urllib.parse.urlencode(params, quote_via=urllib.parse.quote, safe=":|,/")
    return f"{base}/{type_name}?{query}" if query else f"{base}/{type_name}"


def _now() -> str:
    return format_instant(datetime.now(UTC))


async def _sandbox_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, SandboxError)
    return outcome_response(exc.status, exc.issue_code, str(exc))


async def _http_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, HTTPException)
    code = {404: "not-found", 405: "not-supported"}.get(exc.status_code, "processing")
    detail = {
        404: f"no FHIR endpoint at {request.url.path}",
        405: f"{request.method} is not allowed on {request.url.path}",
    }.get(exc.status_code, exc.detail)
    return outcome_response(exc.status_code, code, detail, headers=exc.headers)


async def _unexpected_error(request: Request, exc: Exception) -> Response:
    _LOG.error("sandbox: unexpected error on %s %s", request.method, request.url.path, exc_info=exc)
    return outcome_response(500, "exception", f"internal error: {type(exc).__name__}")
