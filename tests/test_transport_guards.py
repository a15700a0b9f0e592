"""The FHIR client cannot be turned against the user: real HTTP servers on loopback.

Each test serves hand-written answers from a small server on 127.0.0.1 and, where
the client must not go somewhere, a second server (another origin: another port)
that records whether anything reached it.
"""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Callable, Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import pytest

from fse_desk.connectors._guarded import check_service_url
from fse_desk.connectors.fhir_client import FhirClient, HttpLimits, RetryPolicy
from fse_desk.errors import (
    ConfigError,
    ConnectorTimeout,
    IncompleteSearch,
    ResponseTooLarge,
    UnsafeUrl,
)

Answer = Callable[[BaseHTTPRequestHandler], None]


class _Server:
    """A loopback HTTP server answering every GET with ``answer``; counts requests."""

    def __init__(self, answer: Answer) -> None:
        self.hits: list[str] = []
        outer = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                outer.hits.append(self.path)
                answer(self)

            def log_message(self, *args: Any) -> None:
                """The test's output stays clean."""

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)
        self.thread.start()

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.httpd.server_address[1]}/fhir"

    def close(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


@pytest.fixture
def serve() -> Iterator[Callable[[Answer], _Server]]:
    servers: list[_Server] = []

    def start(answer: Answer) -> _Server:
        server = _Server(answer)
        servers.append(server)
        return server

    yield start
    for server in servers:
        server.close()


def _json(handler: BaseHTTPRequestHandler, body: dict[str, Any]) -> None:
    data = json.dumps(body).encode()
    handler.send_response(200)
    handler.send_header("Content-Type", "application/fhir+json")
    handler.send_header("Content-Length", str(len(data)))
    handler.end_headers()
    handler.wfile.write(data)


def _bundle(next_url: str | None, total: int = 1, entries: int = 1) -> dict[str, Any]:
    bundle: dict[str, Any] = {
        "resourceType": "Bundle",
        "type": "searchset",
        "total": total,
        "link": [{"relation": "next", "url": next_url}] if next_url else [],
        "entry": [
            {"resource": {"resourceType": "Patient", "id": f"p{i}"}, "search": {"mode": "match"}}
            for i in range(entries)
        ],
    }
    return bundle


def _client(base: str, **kwargs: Any) -> FhirClient:
    return FhirClient(base, retry=RetryPolicy(attempts=1), timeout_s=2, **kwargs)


def test_a_next_link_to_another_origin_is_refused_and_nothing_reaches_it(
    serve: Callable[[Answer], _Server],
) -> None:
    elsewhere = serve(lambda h: _json(h, _bundle(None)))
    home = serve(lambda h: _json(h, _bundle(elsewhere.base + "/Patient?page=2", total=2)))
    with _client(home.base) as client, pytest.raises(UnsafeUrl, match="another server"):
        list(client.search_pages("Patient", {}))
    assert home.hits and elsewhere.hits == []


def test_an_attachment_url_on_another_origin_is_refused(
    serve: Callable[[Answer], _Server],
) -> None:
    elsewhere = serve(lambda h: _json(h, {"resourceType": "Binary", "data": ""}))
    home = serve(lambda h: _json(h, _bundle(None)))
    with _client(home.base) as client, pytest.raises(UnsafeUrl):
        client.binary(elsewhere.base + "/Binary/1")
    assert elsewhere.hits == []


def test_a_next_link_that_points_back_stops_the_walk(serve: Callable[[Answer], _Server]) -> None:
    holder: list[_Server] = []
    home = serve(lambda h: _json(h, _bundle(holder[0].base + "/Patient?page=2", total=99)))
    holder.append(home)
    with _client(home.base) as client, pytest.raises(IncompleteSearch, match="links back"):
        list(client.search_pages("Patient", {}))
    assert len(home.hits) == 2  # the first page and the one that repeated


def test_endless_distinct_next_links_stop_at_the_page_limit(
    serve: Callable[[Answer], _Server],
) -> None:
    holder: list[_Server] = []
    home = serve(
        lambda h: _json(h, _bundle(f"{holder[0].base}/Patient?p={len(holder[0].hits)}", 10**6))
    )
    holder.append(home)
    with _client(home.base, max_pages=5) as client, pytest.raises(IncompleteSearch, match="5"):
        list(client.search_pages("Patient", {}))
    assert len(home.hits) == 5


def test_a_bundle_short_of_its_total_without_next_is_reported(
    serve: Callable[[Answer], _Server],
) -> None:
    home = serve(lambda h: _json(h, _bundle(None, total=3, entries=1)))
    with _client(home.base) as client, pytest.raises(IncompleteSearch, match="1 of 3"):
        list(client.search_pages("Patient", {}))


def test_an_oversized_answer_is_abandoned_while_streaming(
    serve: Callable[[Answer], _Server],
) -> None:
    sent: list[int] = []

    def flood(handler: BaseHTTPRequestHandler) -> None:
        handler.send_response(200)
        handler.send_header("Content-Type", "application/fhir+json")
        handler.end_headers()
        chunk = b" " * 65536
        try:
            for _ in range(2000):  # 128 MiB if nobody stopped reading
                handler.wfile.write(chunk)
                sent.append(len(chunk))
        except (BrokenPipeError, ConnectionResetError):
            return  # the client hung up: what the test expects

    home = serve(flood)
    limits = HttpLimits(max_response_bytes=1_000_000)
    with _client(home.base, limits=limits) as client, pytest.raises(ResponseTooLarge):
        list(client.search_pages("Patient", {}))
    assert sum(sent) < 2000 * 65536


def test_a_dripping_server_meets_the_overall_deadline(serve: Callable[[Answer], _Server]) -> None:
    stop = threading.Event()

    def drip(handler: BaseHTTPRequestHandler) -> None:
        handler.send_response(200)
        handler.send_header("Content-Type", "application/fhir+json")
        handler.send_header("Content-Length", "100000")
        handler.end_headers()
        try:
            while not stop.is_set():
                handler.wfile.write(b" ")
                handler.wfile.flush()
                time.sleep(0.2)  # the server's pace, not the test's wait
        except (BrokenPipeError, ConnectionResetError):
            return  # the client hung up: what the test expects

    home = serve(drip)
    limits = HttpLimits(deadline_s=1.0)
    try:
        with _client(home.base, limits=limits) as client, pytest.raises(ConnectorTimeout):
            list(client.search_pages("Patient", {}))
    finally:
        stop.set()


def test_proxy_variables_in_the_environment_are_ignored(
    serve: Callable[[Answer], _Server], monkeypatch: pytest.MonkeyPatch
) -> None:
    proxy = serve(lambda h: _json(h, _bundle(None)))
    home = serve(lambda h: _json(h, _bundle(None)))
    for name in ("HTTP_PROXY", "http_proxy", "ALL_PROXY", "all_proxy"):
        monkeypatch.setenv(name, f"http://127.0.0.1:{proxy.httpd.server_address[1]}")
    monkeypatch.delenv("NO_PROXY", raising=False)
    monkeypatch.delenv("no_proxy", raising=False)
    with _client(home.base) as client:
        list(client.search_pages("Patient", {}))
    assert home.hits and proxy.hits == []


@pytest.mark.parametrize(
    "url",
    [
        "http://127.0.0.1.evil.example/fhir",
        "http://127.0.0.1@evil.example/fhir",
        "http://user:pw@127.0.0.1/fhir",
        "https://user@fse.example.it/fhir",
        "http://localhost.evil.example/fhir",
        "http://fse.example.it/fhir",
        "ftp://127.0.0.1/fhir",
    ],
)
def test_plain_http_only_to_a_parsed_loopback_host(url: str) -> None:
    with pytest.raises(ConfigError):
        check_service_url(url)


@pytest.mark.parametrize(
    "url",
    ["http://127.0.0.1:8080/fhir", "http://localhost/fhir", "http://[::1]:9/fhir"],
)
def test_loopback_and_https_addresses_are_accepted(url: str) -> None:
    assert check_service_url(url).host in ("127.0.0.1", "localhost", "::1")


def test_a_binary_answered_as_a_fhir_resource_is_decoded(
    serve: Callable[[Answer], _Server],
) -> None:
    home = serve(
        lambda h: _json(
            h, {"resourceType": "Binary", "contentType": "application/pdf", "data": "JVBERi0="}
        )
    )
    with _client(home.base) as client:
        assert client.binary("Binary/1") == ("application/pdf", b"%PDF-")
