"""Serving the sandbox over real HTTP with uvicorn, in-process or from the command line.

In-process (tests, the demo mode of the app)::

    with SandboxServer(ResourceStore()) as server:
        httpx.get(f"{server.base_url}/metadata")

From a shell: ``fse-desk-sandbox --port 8080 --seed 42`` seeds a region file on
first run (and reuses it later), prints the base URL and serves until Ctrl-C.
"""

from __future__ import annotations

import argparse
import logging
import signal
import socket
import ssl
import sys
import threading
import time
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import uvicorn

from fse_desk.errors import InvalidRecord
from fse_desk_sandbox.app import BASE_PATH, create_app
from fse_desk_sandbox.faults import FaultConfig, FaultInjector
from fse_desk_sandbox.storage import ResourceStore

_START_TIMEOUT_S = 10.0


@dataclass(frozen=True, slots=True)
class ServerTls:
    """Serve https: the server's certificate chain and key (PEM) and, when set, the CA
    whose client certificates it requires (mutual TLS, as a region's FSE does)."""

    certfile: Path
    keyfile: Path
    client_ca: Path | None = None


class SandboxServer:
    """The sandbox FHIR server on a uvicorn thread; loopback only unless told otherwise."""

    def __init__(
        self,
        store: ResourceStore,
        host: str = "127.0.0.1",
        port: int = 0,
        faults: FaultConfig | None = None,
        tls: ServerTls | None = None,
    ) -> None:
        self.store = store
        self.host = host
        self.tls = tls
        self._requested_port = port
        self._injector = FaultInjector(faults)
        self._server: uvicorn.Server | None = None
        self._thread: threading.Thread | None = None
        self._socket: socket.socket | None = None

    @property
    def faults(self) -> FaultConfig:
        return self._injector.config

    @faults.setter
    def faults(self, config: FaultConfig) -> None:
        """Change the injected faults of the running server (takes effect at once)."""
        self._injector.config = config

    @property
    def port(self) -> int:
        if self._socket is None:
            raise RuntimeError("the sandbox server is not started")
        return int(self._socket.getsockname()[1])

    @property
    def base_url(self) -> str:
        """The FHIR base URL, e.g. ``http://127.0.0.1:41234/fhir`` (https with ``tls``)."""
        host = f"[{self.host}]" if ":" in self.host else self.host
        scheme = "https" if self.tls is not None else "http"
        return f"{scheme}://{host}:{self.port}{BASE_PATH}"

    def start(self) -> SandboxServer:
        """Bind, start serving on a daemon thread and return once it accepts connections."""
        if self._thread is not None:
            raise RuntimeError("the sandbox server is already started")
        family = socket.AF_INET6 if ":" in self.host else socket.AF_INET
        # proto must say TCP: asyncio sets TCP_NODELAY on accepted connections only then,
        # and without it every answer written in two parts waits ~40 ms (Nagle).
        sock = socket.socket(family, socket.SOCK_STREAM, socket.IPPROTO_TCP)
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind((self.host, self._requested_port))
        self._socket = sock
        tls = self.tls
        config = uvicorn.Config(
            create_app(self.store, faults=self._injector),
            log_config=None,  # a library must not reconfigure the application's logging
            log_level="warning",
            access_log=False,
            lifespan="off",
            timeout_graceful_shutdown=2,
            ssl_certfile=str(tls.certfile) if tls else None,
            ssl_keyfile=str(tls.keyfile) if tls else None,
            ssl_ca_certs=str(tls.client_ca) if tls and tls.client_ca else None,
            ssl_cert_reqs=ssl.CERT_REQUIRED if tls and tls.client_ca else ssl.CERT_NONE,
        )
        server = uvicorn.Server(config)
        self._server = server
        self._thread = threading.Thread(
            target=server.run, kwargs={"sockets": [sock]}, name="fse-desk-sandbox", daemon=True
        )
        self._thread.start()
        deadline = time.monotonic() + _START_TIMEOUT_S
        while not server.started:
            if not self._thread.is_alive() or time.monotonic() > deadline:
                self.stop()
                raise RuntimeError(f"the sandbox server did not start on {self.host}")
            time.sleep(0.005)
        return self

    def stop(self) -> None:
        """Stop serving and wait for the thread; safe to call twice."""
        if self._server is not None:
            self._server.should_exit = True
        if self._thread is not None:
            self._thread.join(timeout=5)
        if self._socket is not None:
            self._socket.close()
        self._server = self._thread = self._socket = None

    def __enter__(self) -> SandboxServer:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()


def default_data_file(seed: int) -> Path:
    """Where the CLI keeps the region generated with ``seed``."""
    import platformdirs

    return Path(platformdirs.user_data_dir("fse-desk")) / "sandbox" / f"region-{seed}.sqlite"


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="fse-desk-sandbox",
        description="Serve the built-in regional FSE (FHIR R4) for demo, training and tests.",
    )
    parser.add_argument("--port", type=int, default=8080, help="TCP port (0 picks a free one)")
    parser.add_argument(
        "--host", default="127.0.0.1", help="address to bind (default loopback only)"
    )
    parser.add_argument("--seed", type=int, default=42, help="seed of the synthetic region")
    parser.add_argument("--patients", type=int, default=1000, help="assistiti to generate")
    parser.add_argument(
        "--data",
        type=Path,
        default=None,
        help="region database file (default: in the user data folder)",
    )
    parser.add_argument("--latency-ms", type=int, default=0, help="delay added to each answer")
    parser.add_argument("--error-rate", type=float, default=0.0, help="share of 503 answers")
    parser.add_argument("--drop-rate", type=float, default=0.0, help="share of dropped connections")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Console entry point ``fse-desk-sandbox``."""
    args = _parser().parse_args(argv)
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    try:
        faults = FaultConfig(
            latency_ms=args.latency_ms, error_rate=args.error_rate, drop_rate=args.drop_rate
        )
    except InvalidRecord as exc:
        print(f"fse-desk-sandbox: {exc}", file=sys.stderr)
        return 2
    from fse_desk_sandbox.seeding import ensure_seeded

    data_file: Path = args.data or default_data_file(args.seed)
    data_file.parent.mkdir(parents=True, exist_ok=True)
    store = ResourceStore(data_file)

    def report(done: int, total: int) -> None:
        if done == total or done % 50 == 0:
            print(f"\rseeding the region: {done}/{total} assistiti", end="", flush=True)

    if ensure_seeded(
        store, seed=args.seed, patients=args.patients, today=date.today(), progress=report
    ):
        print()
    print(f"region data: {data_file} ({store.count()} resources)")
    server = SandboxServer(store, host=args.host, port=args.port, faults=faults)
    try:
        server.start()
    except OSError as exc:
        print(f"fse-desk-sandbox: cannot listen on {args.host}:{args.port}: {exc}", file=sys.stderr)
        return 1
    print(f"FHIR base URL: {server.base_url}   (Ctrl-C to stop)", flush=True)
    stop = threading.Event()
    for signum in (signal.SIGINT, signal.SIGTERM):
        signal.signal(signum, lambda *_: stop.set())
    try:
        stop.wait()  # the signal handlers set it; a waiting lock is interrupted by signals
        print("stopping", flush=True)
    finally:
        server.stop()
        store.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
