"""Starting and stopping the sandbox server, its CLI and its public surface."""

from __future__ import annotations

import signal
import socket
import subprocess
import sys
import time
from datetime import date
from pathlib import Path

import httpx
import pytest

import fse_desk_sandbox
from fse_desk_sandbox import ResourceStore, SandboxServer, ensure_seeded
from fse_desk_sandbox.server import default_data_file


def test_public_surface_is_pinned() -> None:
    assert sorted(fse_desk_sandbox.__all__) == sorted(
        [
            "ResourceStore",
            "SandboxServer",
            "ServerTls",
            "FaultConfig",
            "ensure_seeded",
            "create_app",
        ]
    )


def test_binds_loopback_on_a_free_port(sandbox_factory) -> None:
    store = ResourceStore()
    first = sandbox_factory(store)
    second = sandbox_factory(store)
    assert first.port != 0 and first.port != second.port
    assert first.base_url == f"http://127.0.0.1:{first.port}/fhir"
    assert httpx.get(f"{first.base_url}/metadata").status_code == 200
    assert httpx.get(f"{second.base_url}/metadata").status_code == 200


def test_listens_on_loopback_only(sandbox: SandboxServer) -> None:
    """What the kernel says is listening on the sandbox's port (Linux /proc/net/tcp):
    the loopback address only, never 0.0.0.0 or a network interface."""
    listening = []
    for line in Path("/proc/net/tcp").read_text().splitlines()[1:]:
        local, state = line.split()[1], line.split()[3]
        address, port = local.split(":")
        if int(port, 16) == sandbox.port and state == "0A":  # 0A = LISTEN
            listening.append(socket.inet_ntoa(bytes.fromhex(address)[::-1]))
    assert listening == ["127.0.0.1"]


def test_stop_closes_the_port_and_a_stopped_server_has_no_url() -> None:
    server = SandboxServer(ResourceStore()).start()
    url = f"{server.base_url}/metadata"
    assert httpx.get(url).status_code == 200
    server.stop()
    with pytest.raises(httpx.ConnectError):
        httpx.get(url)
    with pytest.raises(RuntimeError, match="not started"):
        _ = server.base_url
    server.stop()  # twice is fine


def test_port_in_use_is_an_error(sandbox: SandboxServer) -> None:
    with pytest.raises(OSError):
        SandboxServer(ResourceStore(), port=sandbox.port).start()


def test_default_data_file_is_per_seed_in_the_user_data_folder() -> None:
    path = default_data_file(42)
    assert path.name == "region-42.sqlite"
    assert path.parent.name == "sandbox"
    assert "fse-desk" in str(path)


def test_cli_help() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "fse_desk_sandbox.server", "--help"],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 0
    for option in (
        "--port",
        "--seed",
        "--patients",
        "--data",
        "--host",
        "--latency-ms",
        "--error-rate",
        "--drop-rate",
    ):
        assert option in result.stdout


def test_cli_refuses_impossible_fault_rates() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "fse_desk_sandbox.server", "--error-rate", "2"],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 2
    assert "error_rate" in result.stderr


def test_ensure_seeded_seeds_once_and_reports_progress() -> None:
    store = ResourceStore()
    calls: list[tuple[int, int]] = []
    today = date(2025, 3, 1)
    assert ensure_seeded(
        store,
        seed=7,
        patients=5,
        today=today,
        progress=lambda done, total: calls.append((done, total)),
    )
    assert calls[-1] == (5, 5)
    assert store.count("Patient") == 5
    total = store.count()
    assert not ensure_seeded(store, seed=7, patients=5, today=today)
    assert store.count() == total
    assert ensure_seeded(store, seed=8, patients=3, today=today)
    assert store.count("Patient") == 3


def test_answers_are_not_held_back_by_nagle(fhir: httpx.Client) -> None:
    """Headers and body go out in two writes; without TCP_NODELAY each waits ~40 ms."""
    fhir.get("metadata")
    started = time.perf_counter()
    for _ in range(30):
        assert fhir.get("Patient").status_code == 200
    assert time.perf_counter() - started < 0.9  # ~0.03 s here; 1.2 s with the 40 ms stall


def test_cli_seeds_serves_and_stops_on_sigterm(tmp_path: Path) -> None:
    data = tmp_path / "region.sqlite"
    command = [
        sys.executable,
        "-m",
        "fse_desk_sandbox.server",
        "--port",
        "0",
        "--seed",
        "5",
        "--patients",
        "3",
        "--data",
        str(data),
    ]
    for expect_seeding in (True, False):  # the second run reuses the file
        process = subprocess.Popen(
            command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
        )
        try:
            lines = []
            assert process.stdout is not None
            while not lines or "FHIR base URL" not in lines[-1]:
                line = process.stdout.readline()
                assert line, f"CLI ended early: {lines} {process.stderr.read()}"
                lines.append(line)
            base_url = lines[-1].split()[3]
            assert base_url.startswith("http://127.0.0.1:")
            assert ("seeding the region" in "".join(lines)) is expect_seeding
            bundle = httpx.get(f"{base_url}/Patient", params={"_summary": "count"}).json()
            assert bundle["total"] == 3
        finally:
            process.send_signal(signal.SIGTERM)
            out, _err = process.communicate(timeout=30)
        assert process.returncode == 0
        assert "stopping" in out
    assert data.exists()
