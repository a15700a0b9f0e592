"""The one boundary where httpx exceptions and HTTP error statuses become ours.

Everything the FHIR client raises comes through :func:`map_transport_errors`
or :func:`raise_for_status`, so callers only ever see the
:class:`~fse_desk.errors.FseDeskError` tree.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import httpx
import orjson

from fse_desk.errors import (
    AuthFailed,
    ConnectorError,
    ConnectorTimeout,
    FhirError,
    InvalidResponse,
    PreconditionFailed,
    ResourceNotFound,
    ServerUnavailable,
    ServerUnreachable,
)


@contextmanager
def map_transport_errors(url: str) -> Iterator[None]:
    """Translate httpx exceptions raised inside the block, keeping the cause."""
    try:
        yield
    except httpx.TimeoutException as exc:
        raise ConnectorTimeout(f"no answer in time from {url}: {exc!r}", url=url) from exc
    except httpx.ConnectError as exc:
        raise ServerUnreachable(f"cannot connect to {url}: {exc!r}", url=url) from exc
    except (httpx.NetworkError, httpx.RemoteProtocolError, httpx.ProxyError) as exc:
        # Refused, reset, dropped mid-answer, truncated body: the server is not usable now.
        raise ServerUnavailable(f"cannot talk to {url}: {exc!r}", url=url) from exc
    except httpx.DecodingError as exc:
        raise InvalidResponse(f"undecodable body from {url}: {exc!r}", url=url) from exc
    except (httpx.UnsupportedProtocol, httpx.InvalidURL) as exc:
        raise ConnectorError(
            f"bad server address {url!r}: check fhir_base_url in the configuration", url=url
        ) from exc
    except httpx.HTTPError as exc:  # the rest of httpx's tree: still ours, never raw
        raise ConnectorError(f"HTTP failure talking to {url}: {exc!r}", url=url) from exc


def _outcome_text(outcome: dict[str, Any] | None) -> str:
    if not outcome:
        return ""
    texts = [
        issue.get("diagnostics") or issue.get("details", {}).get("text", "")
        for issue in outcome.get("issue", [])
    ]
    return "; ".join(t for t in texts if t)


def raise_for_status(response: httpx.Response) -> None:
    """Raise the error class matching a non-2xx answer, with its OperationOutcome."""
    status = response.status_code
    if status < 400:
        return
    url = str(response.request.url)
    outcome: dict[str, Any] | None = None
    with contextlib.suppress(orjson.JSONDecodeError):  # not JSON: the status line will do
        body = orjson.loads(response.content)
        if isinstance(body, dict) and body.get("resourceType") == "OperationOutcome":
            outcome = body
    detail = _outcome_text(outcome) or response.reason_phrase
    message = f"{response.request.method} {url} answered {status}: {detail}"
    if status in (401, 403):
        raise AuthFailed(message, url=url)
    if status in (404, 410):
        raise ResourceNotFound(message, url=url, status=status, outcome=outcome)
    if status == 412:
        raise PreconditionFailed(message, url=url, status=status, outcome=outcome)
    if status >= 500:
        raise ServerUnavailable(message, url=url)
    raise FhirError(message, url=url, status=status, outcome=outcome)


def json_body(response: httpx.Response) -> dict[str, Any]:
    """The JSON object in ``response``, or InvalidResponse."""
    url = str(response.request.url)
    try:
        # orjson: Bundle pages are the bulk of a sync, and it parses them several times faster.
        body = orjson.loads(response.content)
    except orjson.JSONDecodeError as exc:
        raise InvalidResponse(
            f"{url} answered {response.status_code} with a body that is not JSON "
            f"({len(response.content)} bytes): {exc}",
            url=url,
        ) from exc
    if not isinstance(body, dict) or "resourceType" not in body:
        raise InvalidResponse(f"{url} answered JSON that is not a FHIR resource", url=url)
    return body
