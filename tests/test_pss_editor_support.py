"""Shared set-up for the PSS editor tests: a PSS service on a real encrypted cache, an
editor on it, and typing a record into the entry form key by key as a doctor does."""

from __future__ import annotations

import secrets
from collections.abc import Iterator
from dataclasses import dataclass, fields
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QApplication, QLineEdit, QWidget
from pytestqt.qtbot import QtBot

from fse_desk._types import PatientId
from fse_desk.connectors.fhir_client import FhirClient
from fse_desk.pss.model import Coded, Pss
from fse_desk.pss.refresh import FindingsIndexer
from fse_desk.pss.service import PssService
from fse_desk.pss.vocabularies import load_vocabulary, parse_vocabulary
from fse_desk.store import CacheStore
from fse_desk.timeline import TimelineService
from fse_desk_ui.formatting import format_date
from fse_desk_ui.i18n import install_translators
from fse_desk_ui.pss.editor import EditorVocabularies, PssEditor
from fse_desk_ui.pss.editor.coded_field import CodedField
from fse_desk_ui.pss.editor.entry_form import EntryForm
from fse_desk_ui.pss.editor.field_widgets import (
    CheckField,
    ChoiceField,
    CountField,
    DateField,
    NumberField,
    TextField,
)
from tests.fixtures_store import RecordFactory
from tests.test_pss_support import TODAY
from tests.timeline_support import DOCTOR

PATIENT = PatientId("pat-editor-1")
ATC_WITH_AIC = (
    "code,display,aic\nA10BA02,Metformina,034218062\n"
    "A10BD07,Metformina e sitagliptin,\nC09AA05,Ramipril,\n"
)


@dataclass
class Cache:
    path: Path
    key: bytes
    store: CacheStore

    def reopen(self) -> CacheStore:
        self.store.close()
        self.store = CacheStore.open(self.path, self.key)
        return self.store


@pytest.fixture(name="disk")
def disk_fixture(tmp_path: Path) -> Iterator[Cache]:
    """A real SQLCipher cache file that a test may close and open again."""
    key = secrets.token_bytes(32)
    cache = Cache(
        tmp_path / "cache.sqlcipher", key, CacheStore.open(tmp_path / "cache.sqlcipher", key)
    )
    cache.store.patients.upsert_many([RecordFactory().patient(id=PATIENT)])
    yield cache
    cache.store.close()


@pytest.fixture(autouse=True)
def italian(qapp: QApplication) -> None:
    """The app in Italian, as the doctor sees it (whatever ran before in the session)."""
    install_translators(qapp, "it")


def tr(context: str, text: str, n: int = -1) -> str:
    """``text`` as the UI shows it: translated when the translation exists."""
    return QCoreApplication.translate(context, text, None, n)


def service_on(store: CacheStore, client: FhirClient) -> PssService:
    return PssService(
        store, TimelineService(store, client, DOCTOR, read_findings=FindingsIndexer())
    )


@pytest.fixture(name="client")
def client_fixture() -> Iterator[FhirClient]:
    """A FHIR client nobody answers: these editor tests never leave the cache."""
    client = FhirClient("http://127.0.0.1:9/fhir")
    yield client
    client.close()


def vocabularies() -> EditorVocabularies:
    """The shipped lists, with an ATC list that knows the AIC of Metformina."""
    shipped = {kind: load_vocabulary(kind) for kind in ("icd9cm", "allergens", "vaccines")}
    return EditorVocabularies({**shipped, "atc": parse_vocabulary("atc", ATC_WITH_AIC)})


def open_editor(
    qtbot: QtBot, service: PssService, draft: Pss, patient_id: PatientId = PATIENT
) -> PssEditor:
    editor = PssEditor(service, patient_id, draft, vocabularies=vocabularies(), today=lambda: TODAY)
    qtbot.addWidget(editor)
    editor.resize(1200, 800)
    editor.show()
    qtbot.waitExposed(editor)
    editor.activateWindow()
    qtbot.waitUntil(editor.isActiveWindow)
    return editor


def retype(qtbot: QtBot, widget: QWidget, text: str) -> None:
    """Select what the field shows and type ``text`` over it (or erase it)."""
    widget.setFocus()
    widget.selectAll()
    if text:
        qtbot.keyClicks(widget, text)
    elif isinstance(widget, QLineEdit) and widget.text():
        qtbot.keyClick(widget, Qt.Key.Key_Backspace)


def enter_value(qtbot: QtBot, form: EntryForm, name: str, value: object) -> None:
    """Type ``value`` into the field ``name`` of ``form`` with the keyboard (and mouse)."""
    widget = form.widgets[name]
    if isinstance(widget, CodedField):
        if isinstance(value, Coded):
            retype(qtbot, widget, f"{value.code} {value.display}".strip())
            qtbot.keyClick(widget, Qt.Key.Key_Return)
        else:
            retype(qtbot, widget, "")
            qtbot.keyClick(widget, Qt.Key.Key_Tab)
    elif isinstance(widget, DateField):
        retype(qtbot, widget, format_date(value) if value is not None else "")
    elif isinstance(widget, NumberField):
        retype(qtbot, widget, f"{value:g}".replace(".", ","))
    elif isinstance(widget, CountField):
        if value is not None:
            retype(qtbot, widget, str(value))
    elif isinstance(widget, CheckField):
        if widget.isChecked() != value:
            widget.setFocus()
            qtbot.keyClick(widget, Qt.Key.Key_Space)
    elif isinstance(widget, ChoiceField):
        widget.setFocus()
        qtbot.keyClick(widget, Qt.Key.Key_Home)
        for _ in range(_choice_index(widget, value)):
            qtbot.keyClick(widget, Qt.Key.Key_Down)
    else:
        assert isinstance(widget, TextField), name
        retype(qtbot, widget, str(value))


def _choice_index(widget: ChoiceField, value: object) -> int:
    return next(i for i in range(widget.count()) if widget.value_at(i) == value)


def type_record(qtbot: QtBot, form: EntryForm, record: object) -> None:
    """Every field of ``record``, in form order, into ``form`` (a new or a selected entry)."""
    for f in fields(record):
        enter_value(qtbot, form, f.name, getattr(record, f.name))
