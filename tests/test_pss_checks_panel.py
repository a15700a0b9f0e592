"""The editor's checks list each point once, however many checks found it."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from fse_desk.pss.check_issue import CheckIssue
from fse_desk_ui.pss.editor.labels import FieldLabels
from fse_desk_ui.pss.editor.problem_texts import ProblemTexts
from fse_desk_ui.pss.editor.validation_panel import ValidationPanel
from tests.test_pss_support import minimal_pss


def test_the_same_point_found_twice_is_listed_once(qtbot: QtBot) -> None:
    panel = ValidationPanel(ProblemTexts(FieldLabels()))
    qtbot.addWidget(panel)
    twice = CheckIssue("problem.end_missing", "resolved problem without end", "", "problems[0].end")
    other = CheckIssue("therapy.start_missing", "therapy without start", "", "therapies[0].start")
    panel.show_problems([twice, other, twice], minimal_pss(), refused=True)
    assert len(panel.messages()) == 2
    assert len(set(panel.messages())) == 2
