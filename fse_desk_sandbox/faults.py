"""Fault injection for the sandbox: latency, 503s, dropped connections, bad bodies.

:class:`FaultMiddleware` wraps the FHIR app; a :class:`FaultInjector` holds the
current :class:`FaultConfig` and can be given a new one while the server runs
(tests switch faults on and off). Each request draws one number from a seeded
random generator and falls into at most one fault band, so a seed replays the
same sequence of faults for the same sequence of requests.

What a client (httpx) sees:

- latency: the answer arrives ``latency_ms`` later;
- error: ``503`` with an OperationOutcome (code ``transient``) and ``Retry-After: 1``;
- drop: headers arrive with a ``Content-Length`` the body never reaches, then the
  connection closes: ``httpx.RemoteProtocolError`` (a ``TransportError``);
- truncate: a complete HTTP answer whose body is cut in half (JSON does not parse);
- malformed: a complete HTTP answer whose body is corrupted (JSON does not parse).
"""

from __future__ import annotations

import asyncio
import json
import logging
import random
import threading
from dataclasses import dataclass
from enum import Enum

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from fse_desk.errors import InvalidRecord


@dataclass(frozen=True, slots=True)
class FaultConfig:
    """How often each fault happens; rates are shares of requests (0.0–1.0)."""

    latency_ms: int = 0
    error_rate: float = 0.0
    drop_rate: float = 0.0
    truncate_rate: float = 0.0
    malformed_rate: float = 0.0
    seed: int | None = None

    def __post_init__(self) -> None:
        if self.latency_ms < 0:
            raise InvalidRecord(
                f"latency_ms must be >= 0, got {self.latency_ms}", field="latency_ms"
            )
        for name in ("error_rate", "drop_rate", "truncate_rate", "malformed_rate"):
            rate = getattr(self, name)
            if not 0.0 <= rate <= 1.0:
                raise InvalidRecord(f"{name} must be between 0 and 1, got {rate}", field=name)
        if self.total_rate > 1.0 + 1e-9:
            raise InvalidRecord(
                f"error_rate + drop_rate + truncate_rate + malformed_rate add up "
                f"to {self.total_rate:.2f}, more than 1",
                field="error_rate",
            )

    @property
    def total_rate(self) -> float:
        return self.error_rate + self.drop_rate + self.truncate_rate + self.malformed_rate


class Fault(Enum):
    ERROR = "error"
    DROP = "drop"
    TRUNCATE = "truncate"
    MALFORMED = "malformed"


class FaultInjector:
    """The current fault configuration and its random generator (thread-safe)."""

    def __init__(self, config: FaultConfig | None = None) -> None:
        self._lock = threading.Lock()
        self._config = config or FaultConfig()
        self._random = random.Random(self._config.seed)

    @property
    def config(self) -> FaultConfig:
        return self._config

    @config.setter
    def config(self, config: FaultConfig) -> None:
        """Switch to ``config`` now; its seed restarts the sequence of faults."""
        with self._lock:
            self._config = config
            self._random = random.Random(config.seed)

    def decide(self) -> tuple[FaultConfig, Fault | None]:
        """The configuration in force and the fault (if any) for the next request."""
        with self._lock:
            config = self._config
            if config.total_rate <= 0.0:
                return config, None
            draw = self._random.random()
        for fault, rate in (
            (Fault.DROP, config.drop_rate),
            (Fault.ERROR, config.error_rate),
            (Fault.TRUNCATE, config.truncate_rate),
            (Fault.MALFORMED, config.malformed_rate),
        ):
            if draw < rate:
                return config, fault
            draw -= rate
        return config, None


_UNAVAILABLE = json.dumps(
    {
        "resourceType": "OperationOutcome",
        "issue": [
            {
                "severity": "error",
                "code": "transient",
                "diagnostics": "sandbox fault injection: service temporarily unavailable",
            }
        ],
    }
).encode()


class _DroppedResponseFilter(logging.Filter):
    """Hide uvicorn's complaint about the responses we leave unfinished on purpose."""

    def filter(self, record: logging.LogRecord) -> bool:
        return "returned without completing response" not in record.getMessage()


_DROP_FILTER = _DroppedResponseFilter()


class FaultMiddleware:
    """ASGI middleware applying the injector's faults to HTTP requests."""

    def __init__(self, app: ASGIApp, injector: FaultInjector) -> None:
        self.app = app
        self.injector = injector
        uvicorn_errors = logging.getLogger("uvicorn.error")
        if _DROP_FILTER not in uvicorn_errors.filters:
            uvicorn_errors.addFilter(_DROP_FILTER)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        config, fault = self.injector.decide()
        if config.latency_ms:
            await asyncio.sleep(config.latency_ms / 1000)
        if fault is None:
            await self.app(scope, receive, send)
        elif fault is Fault.ERROR:
            await _send_whole(
                send,
                503,
                [
                    (b"content-type", b"application/fhir+json; charset=utf-8"),
                    (b"retry-after", b"1"),
                ],
                _UNAVAILABLE,
            )
        elif fault is Fault.DROP:
            await _drop(send)
        else:
            status, headers, body = await _capture(self.app, scope, receive)
            if fault is Fault.TRUNCATE:
                body = body[: len(body) // 2]
            else:
                body = b"{,," + body[1:] if body else b"{,,"
            await _send_whole(send, status, headers, body)


async def _drop(send: Send) -> None:
    """Promise a body, send a fragment of it and return: the server closes the connection."""
    await send(
        {
            "type": "http.response.start",
            "status": 200,
            "headers": [
                (b"content-type", b"application/fhir+json; charset=utf-8"),
                (b"content-length", b"4096"),
            ],
        }
    )
    await send({"type": "http.response.body", "body": b'{"resourceType":', "more_body": True})


async def _capture(
    app: ASGIApp, scope: Scope, receive: Receive
) -> tuple[int, list[tuple[bytes, bytes]], bytes]:
    """Run ``app`` and collect its whole answer instead of sending it."""
    start: Message = {}  # the http.response.start message
    chunks: list[bytes] = []

    async def collect(message: Message) -> None:
        if message["type"] == "http.response.start":
            start.update(message)
        elif message["type"] == "http.response.body":
            chunks.append(message.get("body", b""))

    await app(scope, receive, collect)
    raw_headers = start.get("headers", [])
    headers = [
        (bytes(k), bytes(v)) for k, v in raw_headers if bytes(k).lower() != b"content-length"
    ]
    status = start.get("status", 500)
    return int(status) if isinstance(status, int) else 500, headers, b"".join(chunks)


async def _send_whole(
    send: Send, status: int, headers: list[tuple[bytes, bytes]], body: bytes
) -> None:
    headers = [*headers, (b"content-length", str(len(body)).encode())]
    await send({"type": "http.response.start", "status": status, "headers": headers})
    await send({"type": "http.response.body", "body": body})
