"""The PSS editor: every field typed in by keyboard, type-ahead coding, the explicit
"none", undo/redo and the autosave to the encrypted cache."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QToolButton
from pytestqt.qtbot import QtBot

from fse_desk._types import PatientId
from fse_desk.connectors.fhir_client import FhirClient
from fse_desk.errors import StoreError
from fse_desk.pss import codes
from fse_desk.pss.cda_reader import read_cda
from fse_desk.pss.cda_writer import write_cda
from fse_desk.pss.codes import SECTIONS
from fse_desk.pss.course import Reason
from fse_desk.pss.model import Allergy, Coded, Problem, ProblemStatus, Pss, Therapy
from fse_desk.pss.suggestions import Source, Suggestion, SuggestionSet, Unmatched
from fse_desk.pss.validator import CheckIssue
from fse_desk_ui.messages import user_message
from fse_desk_ui.pss.editor import PssEditor
from fse_desk_ui.pss.editor.coded_field import CodedField
from fse_desk_ui.pss.editor.labels import FieldLabels
from fse_desk_ui.pss.editor.problem_texts import ProblemTexts
from fse_desk_ui.pss.sections import PssTexts
from tests.test_pss_editor_support import (  # noqa: F401  (fixtures)
    PATIENT,
    Cache,
    client_fixture,
    disk_fixture,
    enter_value,
    italian,
    open_editor,
    retype,
    service_on,
    tr,
    type_record,
)
from tests.test_pss_support import MMG, full_pss, minimal_pss

CTRL = Qt.KeyboardModifier.ControlModifier


def _nothing_stated() -> Pss:
    return minimal_pss(
        no_known_allergies=False,
        no_current_therapy=False,
        no_problems=False,
        family_history_negative=False,
    )


def _expected() -> Pss:
    """The full PSS of the PSS tests, with an allergen of the shipped list."""
    full = full_pss()
    penicillins = replace(full.allergies[0], agent=Coded("J01C", codes.ATC, "Penicilline"))
    return replace(full, allergies=(penicillins, full.allergies[1]))


def _new_entry(qtbot: QtBot, editor: PssEditor) -> None:
    target = QApplication.focusWidget() or editor.current_panel().table
    qtbot.keyClick(target, Qt.Key.Key_N, CTRL)


def test_every_field_of_every_section_is_typed_in_and_survives_the_cda(
    qtbot: QtBot, disk: Cache, client: FhirClient
) -> None:
    expected = _expected()
    editor = open_editor(qtbot, service_on(disk.store, client), _nothing_stated())
    for spec in SECTIONS:
        editor.section_list.select(spec.key)
        editor.current_panel().table.setFocus()
        for record in expected.entries(spec.key):
            _new_entry(qtbot, editor)
            assert editor.current_panel().form.is_new
            type_record(qtbot, editor.current_panel().form, record)
        assert editor.draft.entries(spec.key) == expected.entries(spec.key), spec.key
        assert editor.section_list.state_text(spec.key) == str(len(expected.entries(spec.key)))
    back = read_cda(write_cda(editor.draft))
    for spec in SECTIONS:
        assert back.entries(spec.key) == expected.entries(spec.key), spec.key


def test_type_ahead_picks_a_term_and_fills_the_aic(
    qtbot: QtBot, disk: Cache, client: FhirClient
) -> None:
    editor = open_editor(qtbot, service_on(disk.store, client), _nothing_stated())
    editor.section_list.select("therapies")
    panel = editor.current_panel()
    panel.table.setFocus()
    _new_entry(qtbot, editor)
    drug = panel.form.widgets["drug"]
    assert isinstance(drug, CodedField) and drug.hasFocus()
    qtbot.keyClicks(drug, "metf")
    shown = [drug.matches.item(r).text() for r in range(drug.matches.rowCount())]
    assert shown == ["A10BA02 — Metformina", "A10BD07 — Metformina e sitagliptin"]
    assert drug.lookup.popup().isVisible()
    assert editor.draft.therapies == ()  # nothing chosen yet
    qtbot.keyClick(drug, Qt.Key.Key_Return)  # Enter takes the best match
    assert editor.draft.therapies == (
        Therapy(
            Coded("A10BA02", codes.ATC, "Metformina"), Coded("034218062", codes.AIC, "Metformina")
        ),
    )
    assert drug.text() == "A10BA02 — Metformina"
    assert QApplication.focusWidget() is panel.form.widgets["aic"]  # Enter moves on
    # The second match, chosen with the arrow keys in the list.
    retype(qtbot, drug, "metformina")
    popup = drug.lookup.popup()
    qtbot.keyClick(popup, Qt.Key.Key_Down)
    qtbot.keyClick(popup, Qt.Key.Key_Down)
    qtbot.keyClick(popup, Qt.Key.Key_Return)
    assert editor.draft.therapies[0].drug == Coded("A10BD07", codes.ATC, "Metformina e sitagliptin")
    assert editor.draft.therapies[0].aic is None  # that term has no AIC


def test_a_code_missing_from_the_list_is_typed_by_hand_and_words_alone_are_refused(
    qtbot: QtBot, disk: Cache, client: FhirClient
) -> None:
    editor = open_editor(qtbot, service_on(disk.store, client), _nothing_stated())
    editor.section_list.select("problems")
    editor.current_panel().table.setFocus()
    _new_entry(qtbot, editor)
    code = editor.current_panel().form.widgets["code"]
    retype(qtbot, code, "zzzz")
    qtbot.keyClick(code, Qt.Key.Key_Return)
    assert code.property("invalid") is True and editor.draft.problems == ()
    retype(qtbot, code, "714.0 Artrite reumatoide")
    qtbot.keyClick(code, Qt.Key.Key_Return)
    assert editor.draft.problems[0].code == Coded("714.0", codes.ICD9CM, "Artrite reumatoide")
    assert not code.property("invalid")


def test_the_explicit_none_excludes_entries(qtbot: QtBot, disk: Cache, client: FhirClient) -> None:
    editor = open_editor(qtbot, service_on(disk.store, client), minimal_pss())
    editor.section_list.select("allergies")
    panel = editor.current_panel()
    assert panel.none_box is not None
    assert panel.none_box.isChecked() and panel.none_box.isEnabled()
    assert not panel.add_button.isEnabled()
    assert editor.section_list.state_text("allergies") == tr("SectionList", "none")
    _new_entry(qtbot, editor)  # Ctrl+N does nothing while the section is stated empty
    assert not panel.form.is_new
    qtbot.mouseClick(panel.none_box, Qt.MouseButton.LeftButton)
    assert not editor.draft.no_known_allergies and panel.add_button.isEnabled()
    assert editor.section_list.state_text("allergies") == tr("SectionList", "to fill in")
    qtbot.mouseClick(panel.add_button, Qt.MouseButton.LeftButton)
    enter_value(qtbot, panel.form, "agent", Coded("NICHEL", codes.ALLERGENS, ""))
    assert editor.draft.allergies == (Allergy(Coded("NICHEL", codes.ALLERGENS, "Nichel")),)
    assert not panel.none_box.isEnabled() and not panel.none_box.isChecked()
    panel.table.setFocus()
    qtbot.keyClick(panel.table, Qt.Key.Key_Delete)
    assert editor.draft.allergies == () and panel.none_box.isEnabled()


def test_undo_and_redo_walk_back_and_forth_through_the_edits(
    qtbot: QtBot, disk: Cache, client: FhirClient
) -> None:
    start = full_pss()
    editor = open_editor(qtbot, service_on(disk.store, client), start)
    editor.section_list.select("therapies")
    panel = editor.current_panel()
    panel.select_row(1)
    enter_value(qtbot, panel.form, "dose", "10 mg")  # typed: one step for the whole word
    after_dose = editor.draft
    assert after_dose.therapies[1].dose == "10 mg" and editor.undo_stack.count() == 1
    enter_value(qtbot, panel.form, "route", "orale")
    panel.table.setFocus()
    qtbot.keyClick(panel.table, Qt.Key.Key_Delete)  # Del removes the selected Ramipril
    after_remove = editor.draft
    assert [t.drug.code for t in after_remove.therapies] == ["A10BA02"]
    assert editor.undo_stack.count() == 3
    field = panel.form.widgets["dose"]
    field.setFocus()  # Ctrl+Z reaches the draft's undo even from a text field
    qtbot.keyClick(field, Qt.Key.Key_Z, CTRL)
    assert editor.draft.therapies[1] == replace(start.therapies[1], dose="10 mg", route="orale")
    qtbot.keyClick(field, Qt.Key.Key_Z, CTRL)
    qtbot.keyClick(field, Qt.Key.Key_Z, CTRL)
    assert editor.draft == start
    assert panel.form.widgets["dose"].text() == start.therapies[panel.table.currentRow()].dose
    redo = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
    qtbot.keyClick(field, Qt.Key.Key_Z, redo)
    assert editor.draft == after_dose
    qtbot.keyClick(field, Qt.Key.Key_Z, redo)
    qtbot.keyClick(field, Qt.Key.Key_Z, redo)
    assert editor.draft == after_remove


def test_typing_in_one_field_is_one_undo_step(
    qtbot: QtBot, disk: Cache, client: FhirClient
) -> None:
    start = full_pss()
    editor = open_editor(qtbot, service_on(disk.store, client), start)
    editor.section_list.select("problems")
    panel = editor.current_panel()
    panel.select_row(0)
    note = panel.form.widgets["note"]
    note.setFocus()
    note.end(False)
    qtbot.keyClicks(note, ", controllo a 6 mesi")
    assert editor.draft.problems[0].note == "in buon compenso, controllo a 6 mesi"
    assert editor.undo_stack.count() == 1
    enter_value(qtbot, panel.form, "onset", start.problems[1].onset)  # another field: a new step
    assert editor.undo_stack.count() == 2
    editor.undo_stack.undo()
    editor.undo_stack.undo()
    assert editor.draft == start and note.text() == "in buon compenso"


def test_the_draft_is_saved_as_the_doctor_types_and_is_there_after_reopening(
    qtbot: QtBot, disk: Cache, client: FhirClient
) -> None:
    editor = open_editor(qtbot, service_on(disk.store, client), full_pss())
    editor.section_list.select("problems")
    panel = editor.current_panel()
    panel.select_row(0)
    with qtbot.waitSignal(editor.saved, timeout=5000) as saved:
        retype(qtbot, panel.form.widgets["note"], "scompenso lieve")
    assert editor.bar.saved_label.text() == tr("EditorBar", "Draft saved at {time}").format(
        time=saved.args[0].strftime("%H:%M:%S")
    )
    editor.close()
    store = disk.reopen()  # the laptop was closed: a new service on the same cache file
    found = service_on(store, client).draft(PATIENT, MMG.cf)
    assert found is not None
    assert found[0].problems[0].note == "scompenso lieve"
    assert found[0] == editor.draft
    reopened = open_editor(qtbot, service_on(store, client), found[0])
    reopened.section_list.select("problems")
    reopened.current_panel().select_row(0)
    assert reopened.current_panel().form.widgets["note"].text() == "scompenso lieve"


def test_leaving_the_editor_saves_at_once(qtbot: QtBot, disk: Cache, client: FhirClient) -> None:
    service = service_on(disk.store, client)
    editor = open_editor(qtbot, service, full_pss())
    editor.section_list.select("therapies")
    editor.current_panel().select_row(1)
    with qtbot.assertNotEmitted(editor.saved, wait=0):
        retype(qtbot, editor.current_panel().form.widgets["frequency"], "la sera")
    with qtbot.waitSignal(editor.closed, timeout=1000) as closed:
        qtbot.mouseClick(editor.bar.close_button, Qt.MouseButton.LeftButton)
    assert closed.args == [None]
    found = service.draft(PATIENT, MMG.cf)
    assert found is not None and found[0].therapies[1].frequency == "la sera"


def test_a_failed_save_is_shown_and_nothing_is_lost_silently(
    qtbot: QtBot, disk: Cache, client: FhirClient
) -> None:
    # A patient the cache does not hold: the cache refuses the draft (foreign key).
    editor = open_editor(
        qtbot, service_on(disk.store, client), full_pss(), patient_id=PatientId("not-in-the-cache")
    )
    editor.section_list.select("problems")
    editor.current_panel().select_row(0)
    with qtbot.waitSignal(editor.save_failed, timeout=5000):
        retype(qtbot, editor.current_panel().form.widgets["note"], "x")
    assert editor.bar.saved_label.text() == tr("EditorBar", "Draft NOT saved")
    assert editor.bar.message_label.isVisible()
    assert editor.bar.message_label.text() == user_message(StoreError("x"))
    with qtbot.assertNotEmitted(editor.closed):
        assert not editor.leave()  # the editor stays open with the doctor's work


def test_a_check_takes_the_doctor_to_the_field_to_correct(
    qtbot: QtBot, disk: Cache, client: FhirClient
) -> None:
    full = full_pss()
    unresolved = replace(full.problems[1], end=None)  # resolved, but since when?
    draft = replace(full, problems=(full.problems[0], unresolved), allergies=())
    editor = open_editor(qtbot, service_on(disk.store, client), draft)
    assert [p.code for p in editor.problems] == ["section.required_empty", "problem.end_missing"]
    views = {v.key: v for v in PssTexts().section_views()}
    assert editor.checks.messages() == [
        f"{views['allergies'].title}: "
        + tr("ProblemTexts", "required section: add an entry or tick “{none}”.").format(
            none=views["allergies"].none_text
        ),
        f"{views['problems'].title} · Polmonite: "
        + tr("ProblemTexts", "a resolved problem needs the date it resolved ({field}).").format(
            field=tr("FieldLabels", "Resolved on")
        ),
    ]
    assert editor.section_list.has_warning("problems")
    assert not editor.section_list.has_warning("therapies")
    editor.section_list.select("therapies")
    checks = editor.checks.list
    rect = checks.visualItemRect(checks.item(1))
    qtbot.mouseClick(checks.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    panel = editor.current_panel()
    assert panel.key == "problems" and panel.table.currentRow() == 1
    end = panel.form.widgets["end"]
    assert QApplication.focusWidget() is end
    assert end.property("problem") is True
    assert not panel.form.widgets["onset"].property("problem")
    with qtbot.waitSignal(editor.validated, timeout=5000) as checked:
        enter_value(qtbot, panel.form, "end", full.problems[1].end)
    assert [p.code for p in checked.args[0]] == ["section.required_empty"]
    assert not end.property("problem") and not editor.section_list.has_warning("problems")
    rect = checks.visualItemRect(checks.item(0))
    qtbot.mouseClick(checks.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    allergies = editor.current_panel()
    assert allergies.key == "allergies" and QApplication.focusWidget() is allergies.none_box


def test_accept_all_takes_a_section_in_one_step_and_uncoded_items_are_listed(
    qtbot: QtBot, disk: Cache, client: FhirClient
) -> None:
    start = full_pss()
    source = Source("doc-1", "Lettera di dimissione", "2026-10-01")
    known = Suggestion("problems", start.problems[0], source, "Diabete (ICD-9-CM 250.00)", False)
    gout = Suggestion(
        "problems",
        Problem(Coded("274.9", codes.ICD9CM, "Gotta")),
        source,
        "Gotta (ICD-9-CM 274.9)",
        False,
    )
    copd = Suggestion("problems", Problem(Coded("496", codes.ICD9CM, "BPCO")), source, "BPCO", True)
    found = SuggestionSet(
        (known, gout, copd),
        (Unmatched("problems", "Sincope", source),),
        documents_read=1,
        documents_skipped=0,
        not_downloaded=2,
    )
    editor = open_editor(qtbot, service_on(disk.store, client), start)
    editor.suggestions.show_suggestions(found, editor.draft)
    assert editor.suggestions.pending() == [gout, copd]  # what the draft holds is not proposed
    assert (
        tr("SuggestionsPanel", "%n document(s) not downloaded yet could not be read.", 2)
        in editor.suggestions.summary.text()
    )
    tree = editor.suggestions.tree
    uncoded = tree.topLevelItem(1)
    assert uncoded.text(0) == tr("SuggestionsPanel", "To be coded (%n)", 1)
    assert uncoded.child(0).text(1) == "Sincope"
    assert uncoded.child(0).text(2) == "Lettera di dimissione (01/10/2026)"
    accept_all = tree.itemWidget(tree.topLevelItem(0), 3)
    assert isinstance(accept_all, QToolButton)
    qtbot.mouseClick(accept_all, Qt.MouseButton.LeftButton)
    assert editor.draft.problems == (*start.problems, gout.entry, copd.entry)
    assert editor.suggestions.pending() == [] and editor.undo_stack.count() == 1
    editor.undo_stack.undo()
    assert editor.draft == start


def test_each_suggestion_says_why_and_short_courses_are_listed_apart(
    qtbot: QtBot, disk: Cache, client: FhirClient
) -> None:
    start = full_pss()
    source = Source("doc-2", "Lettera di dimissione", "2016-03-12")
    hernia = Suggestion(
        "problems",
        Problem(
            Coded("550.90", codes.ICD9CM, "Ernia inguinale"),
            status=ProblemStatus.RESOLVED,
            end=date(2016, 3, 12),
        ),
        source,
        "Ernia inguinale destra (ICD-9-CM 550.90)",
        False,
        Reason.TREATED,
    )
    course = Suggestion(
        "therapies",
        Therapy(Coded("J01CA04", codes.ATC, "Amoxicillina"), frequency="per 6 giorni"),
        source,
        "Amoxicillina | J01CA04",
        False,
        Reason.SHORT_DURATION,
    )
    found = SuggestionSet((hernia,), (), 1, 0, short_courses=(course,))
    editor = open_editor(qtbot, service_on(disk.store, client), start)
    editor.suggestions.show_suggestions(found, editor.draft)
    assert editor.suggestions.pending() == [hernia]  # a short course cannot be accepted
    tree = editor.suggestions.tree
    why = tr("SuggestionReason", "Resolved: treated by a procedure named in the same letter")
    assert why.startswith("Risolto")
    assert tree.topLevelItem(0).child(0).text(1) == f"{why} — {hernia.evidence}"
    courses = tree.topLevelItem(1)
    assert courses.text(0) == tr("SuggestionsPanel", "Short courses, not proposed (%n)", 1)
    assert (
        courses.child(0)
        .text(1)
        .startswith(tr("SuggestionReason", "Short course: the prescription states a few days"))
    )
    tree.itemActivated.emit(courses.child(0), 0)
    assert editor.draft == start


def test_publication_refusals_about_the_draft_itself_say_what_to_do(qapp: QApplication) -> None:
    texts = ProblemTexts(FieldLabels())
    draft = full_pss()
    for code, field, source in (
        (
            "patient.mismatch",
            "patient.cf",
            "This draft is about another patient: close it and start a new version from this "
            "patient's PSS.",
        ),
        (
            "author.not_operator",
            "author.cf",
            "This draft was written by another doctor: only the author can sign and publish it. "
            "Start a new version of your own.",
        ),
    ):
        message = texts.message(CheckIssue(code, "english", "", field), draft)
        assert message == tr("ProblemTexts", source)
