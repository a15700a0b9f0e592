"""The one boundary where httpx exceptions and HTTP error statuses become ours.

Every connector (the FHIR client, the FSE gateway, the DICOMweb PACS) sends its
requests inside :func:`map_transport_errors`, naming its :class:`Service`; the FHIR
client reads error statuses with :func:`raise_for_status`. Callers only ever see the
:class:`~fse_desk.errors.FseDeskError` tree.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

import httpx
import orjson

from fse_desk.errors import (
    AuthFailed,
    ConnectorError,
    ConnectorTimeout,
    DicomWebError,
    FhirError,
    InvalidResponse,
    PacsUnavailable,
    PreconditionFailed,
    ResourceNotFound,
    ServerUnavailable,
    ServerUnreachable,
)
from fse_desk.security.redaction import redact


@dataclass(frozen=True, slots=True)
class Service:
    """A kind of regional service: how the log names it, and its error classes."""

    name: str  # "the FSE server", in "cannot talk to the FSE server at <url>"
    setting: str  # the configuration key of its address
    timeout: type[ConnectorError]  # no answer in time
    unreachable: type[ConnectorError]  # no connection at all
    unavailable: type[ConnectorError]  # refused, reset, dropped mid-answer
    undecodable: type[ConnectorError]  # a body that cannot be decoded
    failure: type[ConnectorError]  # anything else: a bad address, the rest of httpx


FHIR_SERVER = Service(
    "the FSE server",
    "[region] fhir_base_url",
    timeout=ConnectorTimeout,
    unreachable=ServerUnreachable,
    unavailable=ServerUnavailable,
    undecodable=InvalidResponse,
    failure=ConnectorError,
)
GATEWAY = Service(
    "the FSE gateway",
    "[region] gateway_base_url",
    timeout=ConnectorTimeout,
    unreachable=ServerUnreachable,
    unavailable=ServerUnavailable,
    undecodable=ConnectorError,
    failure=ConnectorError,
)
# The imaging tab tells "PACS unreachable" apart from the rest, whatever the cause.
PACS = Service(
    "the PACS",
    "[pacs] dicomweb_base_url",
    timeout=PacsUnavailable,
    unreachable=PacsUnavailable,
    unavailable=PacsUnavailable,
    undecodable=DicomWebError,
    failure=DicomWebError,
)


@contextmanager
def map_transport_errors(url: str, service: Service) -> Iterator[None]:
    """Translate httpx exceptions raised inside the block into ``service``'s errors,
    keeping the cause."""
    url = redact(url)  # a query may name the patient (PatientID=<codice fiscale>)
    where = f"{service.name} at {url}"
    try:
        yield
    except httpx.TimeoutException as exc:
        raise service.timeout(f"no answer in time from {where}: {exc!r}", url=url) from exc
    except httpx.ConnectError as exc:
        raise service.unreachable(
            f"cannot talk to {where}, no connection: {exc!r}", url=url
        ) from exc
    except (httpx.NetworkError, httpx.RemoteProtocolError, httpx.ProxyError) as exc:
        # Refused, reset, dropped mid-answer, truncated body: the server is not usable now.
        raise service.unavailable(f"cannot talk to {where}: {exc!r}", url=url) from exc
    except httpx.DecodingError as exc:
        raise service.undecodable(f"undecodable body from {where}: {exc!r}", url=url) from exc
    except (httpx.UnsupportedProtocol, httpx.InvalidURL) as exc:
        raise service.failure(
            f"bad address {url!r} for {service.name}: check {service.setting} in the configuration",
            url=url,
        ) from exc
    except httpx.HTTPError as exc:  # the rest of httpx's tree: still ours, never raw
        raise service.failure(f"HTTP failure talking to {where}: {exc!r}", url=url) from exc


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
