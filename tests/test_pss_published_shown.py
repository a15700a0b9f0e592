"""What was published is what is shown: after the outbox sends a PSS, the open window's
PSS tab shows the new version as current and the timeline lists it, without a restart."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from fse_desk.domain.outbox import OutboxState
from fse_desk.workstation import Workstation
from fse_desk_ui.main_window import MainWindow
from tests.pss_publication_support import (
    completed,
    consenting,
    entry,
    mmg_fixture,  # noqa: F401  (fixture)
)
from tests.test_gateway_support import operator_fixture  # noqa: F401  (fixture)


def test_the_published_version_is_current_in_the_pss_tab_and_listed_in_the_timeline(
    qtbot: QtBot, mmg: Workstation
) -> None:
    patient = consenting(mmg, with_pss=True)
    window = MainWindow(mmg, auto_sync=False)
    qtbot.addWidget(window)
    window.show()
    window.workspace.tab_widget.setCurrentWidget(window.pss_tab)
    with qtbot.waitSignal(window.pss_tab.shown, timeout=20_000):
        mmg.patient_context.select(patient)
    before = {v.document_id for v in window.pss_tab.versions}
    old_current = window.pss_tab.versions[0]
    assert old_current.current and window.pss_tab.pss is not None
    old_number = window.pss_tab.pss.version

    draft = completed(mmg.pss.start_draft(patient.id))
    entry_id = mmg.pss.queue_publication(patient.id, draft)
    # As the window does on its own: the queued change starts a sync, which pushes the
    # outbox and pulls what the region now holds.
    with qtbot.waitSignal(window.sync.finished, timeout=60_000):
        window.sync.sync_now(manual=True)
    assert entry(mmg, entry_id).state is OutboxState.SENT

    qtbot.waitUntil(
        lambda: (
            bool(window.pss_tab.versions) and window.pss_tab.versions[0].document_id not in before
        ),
        timeout=20_000,
    )
    current = window.pss_tab.versions[0]
    assert current.current and current.number == old_current.number + 1
    assert not window.pss_tab.versions[1].current
    # The tab is on screen, so the new current version is read and shown.
    qtbot.waitUntil(
        lambda: window.pss_tab.pss is not None and window.pss_tab.pss.version == old_number + 1,
        timeout=20_000,
    )
    shown_ids = (
        {e.id for e in window.timeline.view_state.entries} if window.timeline.view_state else set()
    )
    assert current.document_id in shown_ids
