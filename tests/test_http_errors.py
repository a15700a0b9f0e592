"""Every httpx failure and error status becomes an FseDeskError at one boundary.

httpx.MockTransport is used only here, for transport failures the sandbox
cannot produce on demand (every httpx exception class).
"""

from __future__ import annotations

import inspect

import httpx
import pytest

from fse_desk.connectors._http_errors import (
    FHIR_SERVER,
    GATEWAY,
    PACS,
    Service,
    map_transport_errors,
)
from fse_desk.connectors.fhir_client import FhirClient, RetryPolicy
from fse_desk.errors import (
    AuthFailed,
    ConnectorError,
    ConnectorTimeout,
    DicomWebError,
    FhirError,
    InvalidResponse,
    PreconditionFailed,
    ResourceNotFound,
    ServerUnavailable,
)


def _transport_exceptions() -> list[type[httpx.HTTPError]]:
    found = []
    for _, cls in inspect.getmembers(httpx, inspect.isclass):
        if issubclass(cls, httpx.TransportError) and cls is not httpx.TransportError:
            found.append(cls)
    return found


def _client(handler: httpx.MockTransport) -> FhirClient:
    return FhirClient(
        "https://fse.test/fhir",
        transport=handler,
        retry=RetryPolicy(attempts=2, base_delay_s=0),
        sleep=lambda _: None,
    )


@pytest.mark.parametrize("exc_class", _transport_exceptions(), ids=lambda c: c.__name__)
def test_every_transport_exception_is_mapped(exc_class: type[httpx.HTTPError]) -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        raise exc_class("boom", request=request)

    with _client(httpx.MockTransport(handler)) as client, pytest.raises(ConnectorError) as info:
        client.read("Patient", "1")
    assert isinstance(info.value.__cause__, exc_class)
    if issubclass(exc_class, httpx.TimeoutException):
        assert isinstance(info.value, ConnectorTimeout)


@pytest.mark.parametrize(
    ("status", "expected"),
    [
        (401, AuthFailed),
        (403, AuthFailed),
        (404, ResourceNotFound),
        (410, ResourceNotFound),
        (412, PreconditionFailed),
        (400, FhirError),
        (422, FhirError),
        (500, ServerUnavailable),
        (503, ServerUnavailable),
    ],
)
def test_statuses_map_to_classes_with_the_outcome_text(status: int, expected: type) -> None:
    outcome = {
        "resourceType": "OperationOutcome",
        "issue": [{"severity": "error", "code": "x", "diagnostics": "spiegazione"}],
    }

    def handler(request: httpx.Request) -> httpx.Response:
        return httpx.Response(status, json=outcome)

    with _client(httpx.MockTransport(handler)) as client, pytest.raises(expected) as info:
        client.read("Patient", "1")
    assert str(status) in str(info.value)
    if not isinstance(info.value, (AuthFailed, ServerUnavailable)):
        assert "spiegazione" in str(info.value)


def test_transient_failures_are_retried_then_succeed() -> None:
    calls: list[int] = []

    def handler(request: httpx.Request) -> httpx.Response:
        calls.append(1)
        if len(calls) == 1:
            return httpx.Response(503)
        if len(calls) == 2:
            return httpx.Response(200, content=b'{"resourceType": "Pat')  # truncated
        return httpx.Response(200, json={"resourceType": "Patient", "id": "1"})

    client = FhirClient(
        "https://fse.test/fhir",
        transport=httpx.MockTransport(handler),
        retry=RetryPolicy(attempts=3, base_delay_s=0),
        sleep=lambda _: None,
    )
    assert client.read("Patient", "1")["id"] == "1"
    assert len(calls) == 3


def test_a_body_that_is_not_fhir_is_invalid_response() -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        return httpx.Response(200, content=b"<html>proxy login</html>")

    with (
        _client(httpx.MockTransport(handler)) as client,
        pytest.raises(InvalidResponse, match="not JSON"),
    ):
        client.read("Patient", "1")


def _every_httpx_exception() -> list[type[httpx.HTTPError]]:
    return [
        cls
        for _, cls in inspect.getmembers(httpx, inspect.isclass)
        if issubclass(cls, httpx.HTTPError)
    ]


def _raise(exc_class: type[httpx.HTTPError]) -> None:
    request = httpx.Request("GET", "http://region.test/x")
    if issubclass(exc_class, httpx.HTTPStatusError):
        raise exc_class("boom", request=request, response=httpx.Response(500, request=request))
    if issubclass(exc_class, httpx.RequestError):
        raise exc_class("boom", request=request)
    raise exc_class("boom")


@pytest.mark.parametrize("service", [FHIR_SERVER, GATEWAY, PACS], ids=lambda s: s.name)
@pytest.mark.parametrize("exc_class", _every_httpx_exception(), ids=lambda c: c.__name__)
def test_every_httpx_exception_becomes_the_services_own_error(
    service: Service, exc_class: type[httpx.HTTPError]
) -> None:
    with pytest.raises(ConnectorError) as info, map_transport_errors("http://x.test", service):
        _raise(exc_class)
    assert isinstance(info.value.__cause__, exc_class)
    assert service.name in str(info.value)
    expected = (
        service.timeout
        if issubclass(exc_class, httpx.TimeoutException)
        else service.unreachable
        if issubclass(exc_class, httpx.ConnectError)
        else service.unavailable
        if issubclass(exc_class, httpx.NetworkError | httpx.RemoteProtocolError | httpx.ProxyError)
        else service.undecodable
        if issubclass(exc_class, httpx.DecodingError)
        else service.failure
    )
    assert type(info.value) is expected
    if service is PACS:
        assert isinstance(info.value, DicomWebError)  # the imaging tab's one family
