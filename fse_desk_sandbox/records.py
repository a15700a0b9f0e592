"""Turning a client's resource into what the store keeps, and back.

The server owns ``id``, ``meta.versionId`` and ``meta.lastUpdated``; everything
else in ``meta`` (security labels, tags, profiles) is the client's and is kept.
A Binary's content is stored as raw bytes next to the resource, not as base64
inside its JSON, and put back into ``data`` only when the JSON is asked for.
"""

from __future__ import annotations

import base64
import binascii
import json
import re
from dataclasses import dataclass
from typing import Any

from fse_desk_sandbox.audit_events import check_audit_event
from fse_desk_sandbox.exceptions import BadRequest, UnprocessableResource
from fse_desk_sandbox.resource_types import ResourceTypeSpec, spec_for

_ID_PATTERN = re.compile(r"^[A-Za-z0-9\-.]{1,64}$")
_SERVER_META = ("versionId", "lastUpdated")


@dataclass(frozen=True, slots=True)
class StoredResource:
    """One version of a resource as the store returns it; ``json`` is the full text."""

    type: str
    id: str
    version_id: str
    last_updated: str
    json: str

    def resource(self) -> dict[str, Any]:
        parsed: dict[str, Any] = json.loads(self.json)
        return parsed


@dataclass(frozen=True, slots=True)
class BinaryContent:
    """The raw content of one version of a Binary."""

    id: str
    version_id: str
    last_updated: str
    content_type: str
    data: bytes


def check_id(resource_id: str) -> str:
    """``resource_id`` if it is a valid FHIR id, else :class:`BadRequest`."""
    if not _ID_PATTERN.match(resource_id):
        raise BadRequest(f"{resource_id!r} is not a valid FHIR id ([A-Za-z0-9-.], 1-64 chars)")
    return resource_id


def check_resource(resource: object, expected_type: str | None = None) -> ResourceTypeSpec:
    """The spec of a valid resource body; :class:`UnprocessableResource` otherwise."""
    if not isinstance(resource, dict):
        raise UnprocessableResource("the body is not a FHIR resource (a JSON object)")
    type_name = resource.get("resourceType")
    if not isinstance(type_name, str) or not type_name:
        raise UnprocessableResource("the resource has no resourceType")
    if expected_type is not None and type_name != expected_type:
        raise UnprocessableResource(
            f"resourceType {type_name!r} does not match the URL's type {expected_type!r}"
        )
    spec = spec_for(type_name)
    if spec is None:
        raise UnprocessableResource(f"resource type {type_name!r} is not served here")
    meta = resource.get("meta", {})
    if not isinstance(meta, dict):
        raise UnprocessableResource("meta must be a JSON object")
    if type_name == "Binary" and not isinstance(resource.get("contentType"), str):
        raise UnprocessableResource("a Binary needs a contentType")
    if type_name == "AuditEvent":
        check_audit_event(resource)
    return spec


def split_binary(resource: dict[str, Any]) -> tuple[dict[str, Any], bytes | None]:
    """The resource without ``data``, and the decoded content (``None`` if not a Binary)."""
    if resource.get("resourceType") != "Binary":
        return resource, None
    body = dict(resource)
    encoded = body.pop("data", None) or ""
    if not isinstance(encoded, str):
        raise UnprocessableResource("Binary.data must be base64 text")
    try:
        content = base64.b64decode(encoded, validate=True)
    except (binascii.Error, ValueError) as exc:
        raise UnprocessableResource("Binary.data is not valid base64") from exc
    return body, content


def stamped(resource: dict[str, Any], resource_id: str, version: int, instant: str) -> str:
    """Compact JSON text of ``resource`` with the server's id and meta, keys in FHIR order."""
    meta = {
        key: value for key, value in (resource.get("meta") or {}).items() if key not in _SERVER_META
    }
    ordered: dict[str, Any] = {
        "resourceType": resource["resourceType"],
        "id": resource_id,
        "meta": {"versionId": str(version), "lastUpdated": instant, **meta},
    }
    for key, value in resource.items():
        if key not in ordered:
            ordered[key] = value
    return json.dumps(ordered, ensure_ascii=False, separators=(",", ":"))


def same_content(stored_json: str, resource: dict[str, Any]) -> bool:
    """True when ``resource`` equals the stored one apart from server-owned fields."""
    return _comparable(json.loads(stored_json)) == _comparable(resource)


def _comparable(resource: dict[str, Any]) -> dict[str, Any]:
    body = {k: v for k, v in resource.items() if k not in ("id", "meta")}
    meta = {k: v for k, v in (resource.get("meta") or {}).items() if k not in _SERVER_META}
    if meta:
        body["meta"] = meta
    return body


def with_binary_data(stored_json: str, content: bytes) -> str:
    """The Binary's JSON text with its content put back as base64 ``data``."""
    resource = json.loads(stored_json)
    resource["data"] = base64.b64encode(content).decode("ascii")
    return json.dumps(resource, ensure_ascii=False, separators=(",", ":"))
