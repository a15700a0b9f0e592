"""The PSS editor in the PSS tab of the patients' MMG, on the live region over real HTTP:
opening a new version, resuming the draft, "Aggiorna dal fascicolo" and publishing."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QToolButton
from pytestqt.qtbot import QtBot

from fse_desk.domain.outbox import OutboxMethod
from fse_desk.domain.patient import ConsentState, Patient
from fse_desk.pss import codes
from fse_desk.pss.errors import PssNotPublishable
from fse_desk.pss.model import Coded, ProblemStatus
from fse_desk.pss.suggestions import Suggestion, SuggestionSet, accept
from fse_desk.workstation import Workstation
from fse_desk_sandbox.gateway import trust_certificate_authority
from fse_desk_ui.pss import PssTab
from fse_desk_ui.pss.editor import PssEditor
from tests.fixtures_region import LiveRegion
from tests.pss_publication_support import (  # noqa: F401  (fixture)
    PASSPHRASE,
    consenting,
    entry,
    mmg_fixture,
    open_mmg,
)
from tests.test_gateway_support import Operator as Certified
from tests.test_gateway_support import operator_fixture  # noqa: F401  (fixture)
from tests.test_pss_editor_support import (  # noqa: F401  (fixture)
    enter_value,
    italian,
    retype,
    tr,
)


def _tab(qtbot: QtBot, workstation: Workstation) -> PssTab:
    tab = PssTab(workstation.pss, workstation.operator)
    qtbot.addWidget(tab)
    tab.resize(1300, 900)
    tab.show()
    qtbot.waitExposed(tab)
    return tab


def _show(qtbot: QtBot, tab: PssTab, patient: Patient) -> None:
    with qtbot.waitSignal(tab.shown, timeout=10_000):
        tab.show_patient(patient)


def _open(qtbot: QtBot, tab: PssTab) -> PssEditor:
    with qtbot.waitSignal(tab.editor_opened, timeout=10_000) as opened:
        qtbot.mouseClick(tab.launcher.edit_button, Qt.MouseButton.LeftButton)
    editor: PssEditor = opened.args[0]
    assert tab.pages.currentWidget() is editor and not tab.launcher.isVisible()
    return editor


def test_a_nurse_gets_no_edit_button(
    qtbot: QtBot, qapp: QApplication, region_workstation: Workstation
) -> None:
    region_workstation.sync()
    tab = _tab(qtbot, region_workstation)
    _show(qtbot, tab, consenting(region_workstation, with_pss=True))
    assert tab.readonly_label.isVisible()
    assert not tab.launcher.isVisible() and not tab.launcher.edit_button.isVisible()


def test_the_mmg_starts_a_new_version_leaves_it_and_resumes_it(
    qtbot: QtBot, mmg: Workstation
) -> None:
    patient = consenting(mmg, with_pss=True)
    tab = _tab(qtbot, mmg)
    _show(qtbot, tab, patient)
    assert tab.launcher.edit_button.isVisible()
    assert tab.launcher.edit_button.text() == tr("EditLauncher", "New version")
    editor = _open(qtbot, tab)
    assert tab.pss is not None
    assert editor.draft.version == tab.pss.version + 1
    assert editor.draft.replaced_id == tab.pss.document_id
    editor.section_list.select("problems")
    editor.current_panel().select_row(0)
    with qtbot.waitSignal(editor.saved, timeout=5000):
        retype(qtbot, editor.current_panel().form.widgets["note"], "rivalutare a marzo")
    edited = editor.draft
    with qtbot.waitSignal(tab.shown, timeout=10_000):
        qtbot.mouseClick(editor.bar.close_button, Qt.MouseButton.LeftButton)
    assert tab.pages.currentIndex() == 0 and tab.launcher.resumes
    assert tab.launcher.edit_button.text().startswith(
        tr("EditLauncher", "Resume draft (saved {when})").partition("{")[0]
    )
    resumed = _open(qtbot, tab)
    # The CDA keeps the effective time to the second.
    assert resumed.draft == replace(edited, effective_time=resumed.draft.effective_time)
    assert resumed.draft.effective_time == edited.effective_time.replace(microsecond=0)
    assert resumed.draft.problems[0].note == "rivalutare a marzo"


def test_a_patient_who_moved_elsewhere_shows_the_draft_to_discard_and_no_edit(
    qtbot: QtBot, mmg: Workstation
) -> None:
    patient = consenting(mmg, with_pss=True)
    tab = _tab(qtbot, mmg)
    _show(qtbot, tab, patient)
    editor = _open(qtbot, tab)
    editor.section_list.select("problems")
    editor.current_panel().select_row(0)
    with qtbot.waitSignal(editor.saved, timeout=5000):
        retype(qtbot, editor.current_panel().form.widgets["note"], "rivalutare a marzo")
    with qtbot.waitSignal(tab.shown, timeout=10_000):
        qtbot.mouseClick(editor.bar.close_button, Qt.MouseButton.LeftButton)
    author = mmg.operator.codice_fiscale
    assert mmg.pss.draft(patient.id, author) is not None
    # As the cache gives the patient once a sync found them with another GP.
    moved = replace(patient, general_practitioner_id="someone-else", departed=True)
    _show(qtbot, tab, moved)
    launcher = tab.launcher
    assert not launcher.edit_button.isVisible() and launcher.discard_button.isVisible()
    assert launcher.notice.text().startswith(
        tr(
            "EditLauncher",
            "This patient moved to another GP: your PSS draft (saved {when}) "
            "can no longer be published.",
        ).partition("(")[0]
    )
    assert mmg.pss.draft(patient.id, author) is not None  # nothing lost by showing it
    with qtbot.waitSignal(tab.draft_discarded, timeout=5000) as discarded:
        launcher.discard_draft()
    assert discarded.args == [patient.id]
    assert mmg.pss.draft(patient.id, author) is None
    assert not launcher.discard_button.isVisible()


def _with_suggestions(workstation: Workstation) -> Patient:
    """A patient with a PSS and at least two findings in the documents that followed it,
    their bodies downloaded (as "Download for offline use" does)."""
    for patient in workstation.search_patients("", limit=1000):
        if patient.consent is not ConsentState.GRANTED:
            continue
        current = next((v for v in workstation.pss.history(patient.id) if v.current), None)
        if current is None:
            continue
        for meta in workstation.documents(patient.id):
            workstation.document_body(meta.id)
        previous = workstation.pss.read(current.document_id)
        if len(workstation.pss.suggest(patient.id, previous).suggestions) >= 2:
            return patient
    raise AssertionError("no patient of the region has two suggestions")


def _button(editor: PssEditor, suggestion: Suggestion, index: int) -> QToolButton:
    item = editor.suggestions.item_of(suggestion)
    assert item is not None
    buttons = editor.suggestions.tree.itemWidget(item, 3).findChildren(QToolButton)
    return buttons[index]  # 0 accept, 1 reject


def test_suggestions_from_the_fse_enter_the_draft_only_when_accepted(
    qtbot: QtBot, mmg: Workstation
) -> None:
    patient = _with_suggestions(mmg)
    tab = _tab(qtbot, mmg)
    _show(qtbot, tab, patient)
    editor = _open(qtbot, tab)
    before = editor.draft
    with qtbot.waitSignal(editor.suggestions_shown, timeout=20_000) as shown:
        qtbot.mouseClick(editor.bar.refresh_button, Qt.MouseButton.LeftButton)
    found = shown.args[0]
    assert isinstance(found, SuggestionSet)
    pending = editor.suggestions.pending()
    assert len(pending) >= 2 and set(pending) <= set(found.suggestions)
    assert editor.draft == before  # nothing enters without an accept
    assert editor.bottom_tabs.currentWidget() is editor.suggestions
    first, second = pending[:2]
    qtbot.mouseClick(_button(editor, second, 1), Qt.MouseButton.LeftButton)  # Reject
    assert editor.draft == before
    assert second not in editor.suggestions.pending()
    qtbot.mouseClick(_button(editor, first, 0), Qt.MouseButton.LeftButton)  # Accept
    assert editor.draft == accept(before, first)
    assert editor.draft.entries(first.section) == (*before.entries(first.section), first.entry)
    assert editor.section_list.current_key() == first.section
    assert editor.suggestions.pending() == pending[2:]
    editor.undo_stack.undo()  # an accept is one undo step, and its suggestion is back
    assert editor.draft == before
    assert editor.suggestions.pending() == [first, *pending[2:]]  # the rejected one stays out
    editor.undo_stack.redo()
    assert editor.suggestions.pending() == pending[2:]


def test_publishing_shows_what_to_correct_then_queues_the_pss(
    qtbot: QtBot, mmg: Workstation
) -> None:
    patient = consenting(mmg, with_pss=True)
    tab = _tab(qtbot, mmg)
    _show(qtbot, tab, patient)
    editor = _open(qtbot, tab)
    # A problem recorded as resolved, but without the date it resolved.
    editor.section_list.select("problems")
    panel = editor.current_panel()
    assert panel.none_box is not None
    if panel.none_box.isChecked():
        qtbot.mouseClick(panel.none_box, Qt.MouseButton.LeftButton)
    panel.add_entry()
    enter_value(qtbot, panel.form, "code", Coded("486", codes.ICD9CM, ""))
    enter_value(qtbot, panel.form, "status", ProblemStatus.RESOLVED)
    with qtbot.waitSignal(editor.publish_failed, timeout=10_000) as failed:
        qtbot.mouseClick(editor.bar.publish_button, Qt.MouseButton.LeftButton)
    refused = failed.args[0]
    assert isinstance(refused, PssNotPublishable)
    assert [p.code for p in refused.problems] == ["problem.end_missing"]
    assert editor.checks.summary.text() == tr(
        "ValidationPanel", "The PSS was not sent: correct these points and publish again."
    )
    assert len(editor.checks.messages()) == 1
    assert editor.bottom_tabs.currentWidget() is editor.checks
    assert mmg.status.outbox_pending == 0
    with qtbot.waitSignal(editor.validated, timeout=5000) as checked:
        enter_value(qtbot, panel.form, "end", date(2026, 1, 15))
    assert checked.args[0] == [] and editor.checks.messages() == []
    # A clean draft is not signed on one click: the document to sign is shown first,
    # naming the patient, and leaving it with Cancel queues nothing.
    with qtbot.waitSignal(editor.confirmation_requested, timeout=10_000) as asked:
        qtbot.mouseClick(editor.bar.publish_button, Qt.MouseButton.LeftButton)
    dialog = asked.args[0]
    assert patient.codice_fiscale in dialog.question.text()
    assert patient.family_name.upper() in dialog.question.text().upper()
    assert not dialog.sign_button.isEnabled()  # nothing to sign before it is seen
    dialog.reject()
    assert mmg.status.outbox_pending == 0
    with qtbot.waitSignal(editor.confirmation_requested, timeout=10_000) as asked:
        qtbot.mouseClick(editor.bar.publish_button, Qt.MouseButton.LeftButton)
    dialog = asked.args[0]
    ready = qtbot.waitSignal(dialog.preview_ready, timeout=30_000)
    ready.wait()
    assert ready.args[0] >= 1 and dialog.sign_button.isEnabled()
    with qtbot.waitSignal(tab.launcher.editor_closed, timeout=10_000) as closed:
        qtbot.mouseClick(dialog.sign_button, Qt.MouseButton.LeftButton)
    entry_id = closed.args[0]
    assert isinstance(entry_id, int)
    assert entry(mmg, entry_id).method is OutboxMethod.PUBLISH
    assert mmg.status.outbox_pending == 1
    assert mmg.pss.draft(patient.id, mmg.operator.codice_fiscale) is None
    assert tab.pages.currentIndex() == 0
    assert tab.launcher.notice.text() == tr(
        "EditLauncher", "The PSS is queued for sending: it will leave as soon as you are online."
    )
    assert tab.launcher.edit_button.text() == tr("EditLauncher", "New version")


def test_the_first_signature_of_the_session_asks_the_certificate_passphrase(
    qtbot: QtBot, tmp_path: Path, live_region: LiveRegion, operator: Certified
) -> None:
    trust_certificate_authority(live_region.store, operator.ca)
    workstation = open_mmg(tmp_path / "mmg", live_region, operator.credentials, unlocked=False)
    try:
        workstation.sync()
        patient = consenting(workstation, with_pss=True)
        tab = _tab(qtbot, workstation)
        _show(qtbot, tab, patient)
        editor = _open(qtbot, tab)
        with qtbot.waitSignal(editor.confirmation_requested, timeout=10_000) as asked:
            qtbot.mouseClick(editor.bar.publish_button, Qt.MouseButton.LeftButton)
        confirm = asked.args[0]
        qtbot.waitSignal(confirm.preview_ready, timeout=30_000).wait()
        with qtbot.waitSignal(editor.passphrase_requested, timeout=10_000) as locked:
            qtbot.mouseClick(confirm.sign_button, Qt.MouseButton.LeftButton)
        dialog = locked.args[0]
        ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
        assert ok.text() == "Sblocca e firma"

        qtbot.keyClicks(dialog.passphrase, "sbagliata")
        qtbot.mouseClick(ok, Qt.MouseButton.LeftButton)
        assert dialog.isVisible() and dialog.passphrase.text() == ""
        assert dialog.error_label.text() == (
            "La passphrase non apre il certificato di firma. Inseriscila di nuovo."
        )
        assert workstation.signing.needs_passphrase
        assert workstation.status.outbox_pending == 0

        qtbot.keyClicks(dialog.passphrase, PASSPHRASE)
        with qtbot.waitSignal(tab.launcher.editor_closed, timeout=10_000) as closed:
            qtbot.mouseClick(ok, Qt.MouseButton.LeftButton)
        assert entry(workstation, closed.args[0]).method is OutboxMethod.PUBLISH
        assert workstation.status.outbox_pending == 1
        assert not workstation.signing.needs_passphrase  # for the rest of the session
    finally:
        workstation.close()
