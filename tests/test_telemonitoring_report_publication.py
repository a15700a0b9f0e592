"""The telemonitoring "Report rilevazione" published like the televisit report: checked,
signed at queue time (offline too), through the outbox and the sandbox's FSE 2.0
gateway over real HTTP, then in the patient's timeline."""

from __future__ import annotations

from dataclasses import replace
from xml.etree import ElementTree as ET

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox
from pytestqt.qtbot import QtBot

from fse_desk.domain.outbox import OutboxState
from fse_desk.errors import InvalidRecord, SigningLocked
from fse_desk.scheduling.telemonitoring_report import (
    REPORT_LOINC,
    validate_rilevazione_structure,
    write_rilevazione_cda,
)
from fse_desk.workstation import Workstation
from tests.fixtures_region import LiveRegion
from tests.pss_publication_support import (
    PASSPHRASE,
    entry,
    mmg_fixture,  # noqa: F401  (fixture)
    on_server,
)
from tests.test_gateway_support import (  # noqa: F401  (fixtures)
    operator_fixture,
)

V3 = "{urn:hl7-org:v3}"


def test_the_report_rilevazione_reaches_the_fse_and_the_timeline(
    mmg: Workstation, live_region: LiveRegion
) -> None:
    views = [mmg.telemonitoring.patient_view(p) for p in mmg.telemonitoring.enrolled()]
    view = next(v for v in views if v.tracks and v.plan is not None)
    report = mmg.draft_telemonitoring_report(view)
    # The document says what the tab shows: the plan, each parameter's figures, alarms.
    cda = write_rilevazione_cda(report)
    assert validate_rilevazione_structure(cda) == []
    root = ET.fromstring(cda)
    assert root.find(f"{V3}code").get("code") == REPORT_LOINC  # type: ignore[union-attr]
    coded = {o.get("code") for o in root.iterfind(f".//{V3}observation/{V3}code")}
    assert coded == {row.loinc for row in report.rows} and coded
    assert report.plan_lines and report.plan_lines[0].startswith("Piano ")

    entry_id = mmg.publish_telemonitoring_report(report)
    queued = entry(mmg, entry_id)
    assert queued.state is OutboxState.PENDING  # signed and waiting: works offline
    mmg.sync()

    assert entry(mmg, entry_id).state is OutboxState.SENT
    id_doc = f"2.16.840.1.113883.2.9.2.80.4.4^{report.document_id}"
    [reference] = on_server(mmg.fhir_base_url, id_doc)
    assert reference["type"]["coding"][0]["code"] == REPORT_LOINC
    shown = [d for d in mmg.documents(report.patient_id) if d.type_code == REPORT_LOINC]
    assert len(shown) == 1


def test_a_report_without_readings_in_its_period_is_refused(
    mmg: Workstation, live_region: LiveRegion
) -> None:
    views = [mmg.telemonitoring.patient_view(p) for p in mmg.telemonitoring.enrolled()]
    view = next(v for v in views if v.tracks)
    report = replace(mmg.draft_telemonitoring_report(view), rows=())
    before = len(mmg.outbox.entries(include_closed=True))
    with pytest.raises(InvalidRecord):
        mmg.publish_telemonitoring_report(report)
    assert len(mmg.outbox.entries(include_closed=True)) == before  # nothing half-queued


def test_the_tab_publishes_the_report_only_once_the_doctor_confirms(
    mmg: Workstation, live_region: LiveRegion, qtbot: QtBot
) -> None:
    from PySide6.QtCore import QThreadPool

    from fse_desk_ui.telemonitoring.tab import TelemonitoringTab

    views = [mmg.telemonitoring.patient_view(p) for p in mmg.telemonitoring.enrolled()]
    patient_id = next(v for v in views if v.tracks and v.plan is not None).patient_id
    tab = TelemonitoringTab(mmg)
    qtbot.addWidget(tab)
    with qtbot.waitSignal(tab.loaded, timeout=30_000):
        tab.show_patient(mmg.patient(patient_id))
    dialog = tab.rilevazione_dialog()
    assert dialog is not None
    qtbot.addWidget(dialog)
    assert dialog.table.rowCount() >= 1
    assert not dialog.sign_button.isEnabled()  # nothing is signed before the doctor confirms
    before = len(mmg.outbox.entries(include_closed=True))
    dialog.sign()
    assert dialog.entry_id is None
    assert len(mmg.outbox.entries(include_closed=True)) == before

    dialog.confirm.setChecked(True)
    assert dialog.sign_button.isEnabled()
    # The session's first signature: the certificate's passphrase first, the keyring's
    # copy notwithstanding; a wrong one signs nothing.
    mmg.signing.lock()
    with pytest.raises(SigningLocked):
        mmg.publish_telemonitoring_report(mmg.draft_telemonitoring_report(tab.view))  # type: ignore[arg-type]
    with qtbot.waitSignal(dialog.passphrase_requested, timeout=10_000) as asked:
        qtbot.mouseClick(dialog.sign_button, Qt.MouseButton.LeftButton)
    unlock = asked.args[0]
    ok = unlock.buttons.button(QDialogButtonBox.StandardButton.Ok)
    qtbot.keyClicks(unlock.passphrase, "sbagliata")
    qtbot.mouseClick(ok, Qt.MouseButton.LeftButton)
    assert unlock.isVisible() and dialog.entry_id is None
    assert len(mmg.outbox.entries(include_closed=True)) == before
    qtbot.keyClicks(unlock.passphrase, PASSPHRASE)
    qtbot.mouseClick(ok, Qt.MouseButton.LeftButton)
    assert dialog.entry_id is not None
    queued = entry(mmg, dialog.entry_id)
    assert queued.state is OutboxState.PENDING and queued.resource_type == "TelemonitoringReport"
    QThreadPool.globalInstance().waitForDone()
