"""Test-wide set-up: headless Qt, an in-memory keyring, shared fixtures."""

from __future__ import annotations

import os

# Before any QApplication exists (pytest-qt creates it lazily).
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import keyring
import pytest
from keyring.backend import KeyringBackend

pytest_plugins = [
    "tests.fixtures_sandbox",
    "tests.fixtures_store",
    "tests.fixtures_region",
    "tests.fixtures_orthanc",
    "tests.fixtures_independent",
]


class MemoryKeyring(KeyringBackend):
    """A real keyring backend that keeps secrets in a dict (no OS keyring here)."""

    priority = 1  # type: ignore[assignment]

    def __init__(self) -> None:
        super().__init__()
        self.secrets: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        return self.secrets.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.secrets[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        self.secrets.pop((service, username), None)


@pytest.fixture(autouse=True)
def memory_keyring() -> MemoryKeyring:
    """Every test starts with an empty in-memory OS keyring."""
    backend = MemoryKeyring()
    keyring.set_keyring(backend)
    return backend
