""" "Aggiorna dal fascicolo" downloads by itself, online, the documents it reads that were
never downloaded (progress, Stop), and offline says how many it could not read: the PSS
editor on the live region over real HTTP."""

from __future__ import annotations

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from fse_desk.domain.patient import ConsentState, Patient
from fse_desk.progress import Progress
from fse_desk.pss.suggestions import SuggestionSet
from fse_desk.workstation import Workstation
from fse_desk_ui.pss.editor import PssEditor
from tests.fixtures_region import LiveRegion
from tests.pss_publication_support import mmg_fixture  # noqa: F401  (fixture)
from tests.test_gateway_support import operator_fixture  # noqa: F401  (fixture)
from tests.test_pss_editor_flow import _open, _show, _tab
from tests.test_pss_editor_support import tr


def _never_downloaded(workstation: Workstation) -> tuple[Patient, SuggestionSet]:
    """The patient with a PSS whose later documents are the most not yet downloaded, with
    what the suggestions read from the cache alone (nothing is fetched to choose them)."""
    found: list[tuple[Patient, SuggestionSet]] = []
    for patient in workstation.search_patients("", limit=1000):
        if patient.consent is not ConsentState.GRANTED:
            continue
        current = next((v for v in workstation.pss.history(patient.id) if v.current), None)
        if current is None:
            continue
        previous = workstation.pss.read(current.document_id)
        found.append((patient, workstation.pss.suggest(patient.id, previous)))
    patient, before = max(found, key=lambda pair: pair[1].not_downloaded)
    assert before.not_downloaded >= 2 and before.documents_read == 0
    return patient, before


def _editor(qtbot: QtBot, workstation: Workstation, patient: Patient) -> PssEditor:
    tab = _tab(qtbot, workstation)
    _show(qtbot, tab, patient)
    return _open(qtbot, tab)


def test_online_the_suggestions_download_what_they_need_by_themselves(
    qtbot: QtBot, mmg: Workstation
) -> None:
    patient, before = _never_downloaded(mmg)
    editor = _editor(qtbot, mmg, patient)
    steps: list[Progress] = []
    editor.tasks.progress.connect(steps.append)
    with qtbot.waitSignal(editor.suggestions_shown, timeout=30_000) as shown:
        qtbot.mouseClick(editor.bar.refresh_button, Qt.MouseButton.LeftButton)
        assert editor.bar.stop_button.isVisible()  # while it downloads, it can be stopped
    found = shown.args[0]
    assert isinstance(found, SuggestionSet)
    assert found.not_downloaded == 0 and not found.offline
    assert found.documents_read + found.documents_skipped == before.not_downloaded
    assert found.suggestions and editor.suggestions.pending()
    assert [(s.done, s.total) for s in steps][-1] == (before.not_downloaded,) * 2
    assert not editor.bar.stop_button.isVisible() and not editor.bar.busy.isVisible()
    # The bodies are cached now: the same suggestions without the network.
    current = next(v for v in mmg.pss.history(patient.id) if v.current)
    assert mmg.pss.suggest(patient.id, mmg.pss.read(current.document_id)) == found
    summary = editor.suggestions.summary.text()
    assert tr("SuggestionsPanel", "%n new suggestion(s)", len(found.suggestions)) in summary


def test_offline_the_suggestions_say_how_many_documents_could_not_be_read(
    qtbot: QtBot, mmg: Workstation, live_region: LiveRegion
) -> None:
    patient, before = _never_downloaded(mmg)
    editor = _editor(qtbot, mmg, patient)  # the current PSS is read, then the server goes
    live_region.server.stop()
    with qtbot.waitSignal(editor.suggestions_shown, timeout=30_000) as shown:
        qtbot.mouseClick(editor.bar.refresh_button, Qt.MouseButton.LeftButton)
    found = shown.args[0]
    assert isinstance(found, SuggestionSet)
    assert found.offline and found.not_downloaded == before.not_downloaded
    assert found.documents_read == 0
    assert (
        tr(
            "SuggestionsPanel",
            "%n document(s) could not be downloaded because the FSE cannot be reached"
            " now: update again when back online to read them too.",
            before.not_downloaded,
        )
        in editor.suggestions.summary.text()
    )


def test_stop_keeps_what_arrived_and_a_second_click_goes_on(qtbot: QtBot, mmg: Workstation) -> None:
    patient, before = _never_downloaded(mmg)
    editor = _editor(qtbot, mmg, patient)
    with (
        qtbot.assertNotEmitted(editor.suggestions_shown),
        qtbot.waitSignal(editor.tasks.cancelled, timeout=30_000),
    ):
        qtbot.mouseClick(editor.bar.refresh_button, Qt.MouseButton.LeftButton)
        # At once, on the GUI thread: the worker is still before its first download.
        qtbot.mouseClick(editor.bar.stop_button, Qt.MouseButton.LeftButton)
    assert editor.bar.refresh_button.isEnabled() and not editor.bar.stop_button.isVisible()
    assert editor.bar.message_label.text() == tr(
        "PssEditor",
        "Update from the FSE stopped. The documents downloaded so far are kept:"
        " click it again to go on.",
    )
    assert editor.suggestions.pending() == []
    with qtbot.waitSignal(editor.suggestions_shown, timeout=30_000) as shown:
        qtbot.mouseClick(editor.bar.refresh_button, Qt.MouseButton.LeftButton)
    found = shown.args[0]
    assert isinstance(found, SuggestionSet) and found.not_downloaded == 0
    assert found.documents_read + found.documents_skipped == before.not_downloaded
