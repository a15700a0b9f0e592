"""No patient data in logs or error texts: the filter at the logging boundary, scrubbed URLs."""

from __future__ import annotations

import io
import logging
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from fse_desk.config import AppConfig, DemoConfig
from fse_desk.connectors.dicomweb import DicomWebClient
from fse_desk.errors import DicomWebError, InvalidRecord
from fse_desk.security.redaction import PATIENT_DATA_FILTER, PatientDataFilter, install_on, redact
from fse_desk.startup import open_workstation
from fse_desk_ui.main_window import MainWindow

CF = "RSSMRA70A01A944X"


def test_codici_fiscali_and_patient_query_values_are_redacted() -> None:
    text = redact(
        f"GET http://pacs/studies?PatientID={CF}&includefield=all failed for {CF.lower()}; "
        "Patient?identifier=http://hl7.it/sid/codiceFiscale|X&family=Bianchi"
    )
    assert CF not in text.upper()
    assert "Bianchi" not in text
    assert "includefield=all" in text  # the rest stays readable


def test_the_filter_masks_names_it_was_given_and_tracebacks() -> None:
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    filt = PatientDataFilter()
    filt.set_terms(["Rossi", "Mario", CF])
    handler.addFilter(filt)
    log = logging.getLogger("test.redaction")
    log.addHandler(handler)
    try:
        log.warning("opened %s %s", "Mario", "ROSSI")
        try:
            raise InvalidRecord(f"bad codice fiscale {CF} for Rossi", field="cf")
        except InvalidRecord:
            log.exception("sync failed")
    finally:
        log.removeHandler(handler)
    out = stream.getvalue()
    assert "sync failed" in out and "InvalidRecord" in out
    for word in ("Mario", "ROSSI", "Rossi", CF):
        assert word not in out


def test_pacs_errors_do_not_carry_the_codice_fiscale() -> None:
    pacs = DicomWebClient("http://127.0.0.1:9/dicom-web", timeout_s=2)
    with pytest.raises(DicomWebError) as caught:
        pacs.search_studies(CF)
    pacs.close()
    assert CF not in str(caught.value)
    assert CF not in (caught.value.url or "")


@pytest.fixture
def captured() -> Iterator[io.StringIO]:
    """Everything logged at any level, through the handler filter ``main`` installs."""
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    install_on([handler])
    root = logging.getLogger()
    level = root.level
    root.addHandler(handler)
    root.setLevel(logging.DEBUG)
    yield stream
    root.removeHandler(handler)
    root.setLevel(level)
    PATIENT_DATA_FILTER.set_terms([])


def test_a_gui_session_logs_no_demo_patient(
    qtbot: QtBot, tmp_path: Path, captured: io.StringIO
) -> None:
    config = AppConfig(
        user=None, region=None, demo=DemoConfig(seed=9, patients=30), data_dir=tmp_path
    )
    workstation = open_workstation(config)
    try:
        window = MainWindow(workstation, auto_sync=False)
        qtbot.addWidget(window)
        window.show()
        with qtbot.waitSignal(window.sync.finished, timeout=60_000):
            window.sync_action.trigger()
        patients = workstation.search_patients("")
        for patient in patients[:6]:
            window.patient_list.search_box.clear()
            qtbot.keyClicks(window.patient_list.search_box, patient.codice_fiscale)
            qtbot.keyClick(window.patient_list.search_box, Qt.Key.Key_Return)
            assert window.workspace.patient == patient
        logging.getLogger("fse_desk.test").warning(
            "a careless line about %s %s", patients[0].family_name, patients[0].codice_fiscale
        )
        window.close()
    finally:
        workstation.close()
    log = captured.getvalue()
    assert "a careless line about" in log  # the capture works
    for patient in patients:
        for value in (patient.family_name, patient.given_name, patient.codice_fiscale):
            assert value not in log, f"{value!r} reached the log"
