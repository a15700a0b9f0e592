"""Test-wide set-up: headless Qt, an in-memory keyring, shared fixtures."""

from __future__ import annotations

import gc
import os
import sys
from collections.abc import Iterator

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
    "tests.fixtures_tls",
]


class MemoryKeyring(KeyringBackend):
    """A real keyring backend that keeps secrets in a dict (no OS keyring here)."""

    priority = 1

    def __init__(self) -> None:
        super().__init__()
        self.secrets: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        return self.secrets.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.secrets[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        self.secrets.pop((service, username), None)


@pytest.fixture(scope="session")
def qapp(qapp: object) -> object:
    """pytest-qt's application, with the collector in the GUI thread as the app has it
    (fse_desk_ui.garbage): a Qt object left in a cycle by one test, freed by a later test's
    worker thread, hung the whole run."""
    from fse_desk_ui.garbage import collect_in_gui_thread

    collect_in_gui_thread()
    return qapp


@pytest.fixture(autouse=True, scope="module")
def cycles_collected_after_each_module() -> Iterator[None]:
    """With automatic collection off (above), what a module's tests left in cycles (open
    files, connections) is collected here, in the main thread, when the module ends."""
    yield
    gc.collect()


@pytest.fixture
def collector_on() -> Iterator[None]:
    """Automatic collection on for the test (a Qt test before it in this process turned it
    off, as the app does), as it was afterwards."""
    was = gc.isenabled()
    gc.enable()
    yield
    if not was:
        gc.disable()


@pytest.fixture(autouse=True)
def memory_keyring() -> MemoryKeyring:
    """Every test starts with an empty in-memory OS keyring."""
    backend = MemoryKeyring()
    keyring.set_keyring(backend)
    return backend


@pytest.fixture(autouse=True)
def english_after_each_test() -> Iterator[None]:
    """Translators a test installs on the shared QApplication leave with the test, so the next
    test sees the English source strings and the system locale whatever ran before it."""
    yield
    qt_core = sys.modules.get("PySide6.QtCore")
    if qt_core is None:
        return
    app = qt_core.QCoreApplication.instance()
    if app is None:
        return
    for translator in app.findChildren(qt_core.QTranslator):
        app.removeTranslator(translator)
        translator.setParent(None)
    qt_core.QLocale.setDefault(qt_core.QLocale.system())
