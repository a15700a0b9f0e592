"""FHIR JSON responses: single resources, searchset Bundles, OperationOutcomes.

Resources are stored as JSON text, so a Bundle is assembled by splicing each
entry's stored text between a few fixed fragments instead of parsing and
re-serialising every resource: a 500-entry page costs one string join.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Mapping
from email.utils import format_datetime
from typing import Any

from starlette.responses import Response

from fse_desk_sandbox.dates import parse_instant
from fse_desk_sandbox.records import StoredResource
from fse_desk_sandbox.resource_types import REGISTRY
from fse_desk_sandbox.storage import SearchPage

FHIR_JSON = "application/fhir+json; charset=utf-8"
FHIR_VERSION = "4.0.1"
SOFTWARE_NAME = "FSE Desk sandbox"


def fhir_response(
    content: str | bytes | Mapping[str, Any],
    status: int = 200,
    headers: Mapping[str, str] | None = None,
) -> Response:
    """A response with the FHIR JSON media type; mappings are serialised compactly."""
    if isinstance(content, Mapping):
        content = json.dumps(content, ensure_ascii=False, separators=(",", ":"))
    return Response(content, status_code=status, headers=dict(headers or {}), media_type=FHIR_JSON)


def operation_outcome(code: str, diagnostics: str, severity: str = "error") -> dict[str, Any]:
    return {
        "resourceType": "OperationOutcome",
        "issue": [{"severity": severity, "code": code, "diagnostics": diagnostics}],
    }


def outcome_response(
    status: int,
    code: str,
    diagnostics: str,
    headers: Mapping[str, str] | None = None,
) -> Response:
    return fhir_response(operation_outcome(code, diagnostics), status, headers)


def version_headers(stored: StoredResource) -> dict[str, str]:
    """``ETag`` and ``Last-Modified`` of one resource version."""
    modified = format_datetime(parse_instant(stored.last_updated), usegmt=True)
    return {"ETag": f'W/"{stored.version_id}"', "Last-Modified": modified}


def resource_response(
    stored: StoredResource,
    base_url: str,
    *,
    status: int = 200,
    minimal: bool = False,
) -> Response:
    """A single resource with its version headers (and ``Location`` when created)."""
    headers = version_headers(stored)
    if status == 201 or minimal:
        location = f"{base_url}/{stored.type}/{stored.id}/_history/{stored.version_id}"
        headers["Location"] = location
        headers["Content-Location"] = location
    return fhir_response(b"" if minimal else stored.json, status, headers)


def searchset(
    page: SearchPage, base_url: str, type_name: str, self_url: str, next_url: str | None
) -> str:
    """The searchset Bundle text for one page, with the entries spliced in."""
    links = [{"relation": "self", "url": self_url}]
    if next_url is not None:
        links.append({"relation": "next", "url": next_url})
    head = {
        "resourceType": "Bundle",
        "id": str(uuid.uuid4()),
        "meta": {"lastUpdated": page.as_of},
        "type": "searchset",
        "total": page.total,
        "link": links,
    }
    text = json.dumps(head, ensure_ascii=False, separators=(",", ":"))
    if not page.entries:
        return text
    prefix = f"{base_url}/{type_name}/"
    entries = ",".join(
        f'{{"fullUrl":{json.dumps(prefix + entry.id)},"resource":{entry.json},'
        f'"search":{{"mode":"match"}}}}'
        for entry in page.entries
    )
    return f'{text[:-1]},"entry":[{entries}]}}'


def capability_statement(
    base_url: str, instant: str, *, history: bool = False, without: frozenset[str] = frozenset()
) -> dict[str, Any]:
    """What the sandbox serves, built from the resource type registry (less ``without``)."""
    interactions = ["read", "vread", "update", "delete", "create", "search-type"]
    if history:
        interactions.append("history-type")
    common = [
        {"name": "_id", "type": "token"},
        {"name": "_lastUpdated", "type": "date"},
    ]
    resources = []
    for spec in REGISTRY.values():
        if spec.name in without:
            continue
        params = [{"name": p.name, "type": p.kind.value} for p in spec.search_params]
        resources.append(
            {
                "type": spec.name,
                "interaction": [{"code": code} for code in interactions],
                "versioning": "versioned-update",
                "readHistory": True,
                "updateCreate": True,
                "conditionalCreate": True,
                "conditionalUpdate": False,
                "conditionalDelete": "not-supported",
                "searchParam": [*common, *params],
            }
        )
    return {
        "resourceType": "CapabilityStatement",
        "status": "active",
        "date": instant,
        "publisher": "FSE Desk",
        "kind": "instance",
        "software": {"name": SOFTWARE_NAME},
        "implementation": {
            "description": "Built-in regional FSE (demo, training, tests)",
            "url": base_url,
        },
        "fhirVersion": FHIR_VERSION,
        "format": ["application/fhir+json", "json"],
        "rest": [
            {
                "mode": "server",
                "resource": resources,
                "searchParam": common,
            }
        ],
    }
