"""How a PSS publication reads in the outbox panel, and the messages of publishing errors.

Asserted on the English source texts: the translators other tests installed are removed
first (the Italian texts are generated from these sources).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTranslator
from PySide6.QtWidgets import QApplication
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from fse_desk.domain.outbox import OutboxState
from fse_desk.errors import (
    GatewayError,
    GatewayTokenRefused,
)
from fse_desk.pss.errors import PssNotPublishable, PublishNotAllowed, PublishRefusal
from fse_desk.pss.validator import CheckIssue
from fse_desk_ui.messages import user_message
from fse_desk_ui.outbox_panel import OutboxPanel, state_text
from tests.fixtures_region import LiveRegion
from tests.pss_publication_support import consenting, first_version, open_mmg
from tests.test_gateway_support import Operator as Certified
from tests.test_gateway_support import stranger_fixture  # noqa: F401  (fixture)


@pytest.fixture(autouse=True)
def english(qapp: QApplication) -> Iterator[None]:
    for translator in qapp.findChildren(QTranslator):
        qapp.removeTranslator(translator)
    yield


def test_a_refused_publication_shows_the_gateway_reason_and_what_to_fix(
    qtbot: QtBot,
    qtmodeltester: ModelTester,
    tmp_path: Path,
    live_region: LiveRegion,
    stranger: Certified,
) -> None:
    workstation = open_mmg(tmp_path / "mmg", live_region, stranger.credentials)  # untrusted
    try:
        workstation.sync()
        patient = consenting(workstation, with_pss=False)
        workstation.pss.queue_publication(patient.id, first_version(workstation, patient))
        workstation.sync()
        panel = OutboxPanel(workstation)
        qtbot.addWidget(panel)
        model = panel.model
        qtmodeltester.check(model)
        [entry] = model.records
        assert entry.state is OutboxState.ERROR

        def cell(column: int, role: Qt.ItemDataRole = Qt.ItemDataRole.DisplayRole) -> object:
            return model.data(model.index(0, column), role)

        assert cell(1) == patient.display_name
        assert cell(2) == "Patient summary (PSS), version 1"
        assert cell(3) == "error"
        assert cell(5) == entry.last_error and "CA" in entry.last_error
        tip = cell(5, Qt.ItemDataRole.ToolTipRole)
        assert isinstance(tip, str)
        assert tip.startswith("The FSE gateway refused the operator's signature tokens")
        assert entry.last_error in tip
        panel.select_row(0)
        assert panel.retry_button.isEnabled()  # after fixing the certificate
    finally:
        workstation.close()


def test_the_awaiting_state_has_a_label() -> None:
    assert state_text(OutboxState.AWAITING) == "awaiting outcome"


def test_gateway_problems_say_what_to_fix_and_quote_the_gateway() -> None:
    published = GatewayError(
        "409",
        status=409,
        problem_type="/msg/ini-error",
        title="Ini error.",
        detail="identificativoDoc X già pubblicato",
    )
    text = user_message(published)
    assert text.startswith("The FSE already holds this document with a different content")
    assert text.endswith("“identificativoDoc X già pubblicato”")
    unknown = GatewayError(
        "404",
        status=404,
        problem_type="https://gtw/msg/record-not-found",
        title="Record non trovato.",
        detail=None,
    )
    assert "does not know the patient" in user_message(unknown)
    assert "“Record non trovato.”" in user_message(unknown)  # the title when no detail
    invalid = GatewayError("400", status=400, problem_type="/msg/syntax", detail="manca X")
    assert user_message(invalid).startswith("The FSE gateway found the PSS not valid")
    token = GatewayTokenRefused("401", status=401)  # no problem body at all
    assert user_message(token).startswith("The FSE gateway refused the operator's signature")
    other = GatewayError("400", status=400, problem_type="/msg/new-kind", detail="boh")
    assert user_message(other).startswith("The FSE gateway refused the document")


def test_publishing_refusals_read_by_reason() -> None:
    not_gp = PublishNotAllowed("x", refusal=PublishRefusal.NOT_PATIENTS_GP)
    assert "does not name you as this patient's GP" in user_message(not_gp)
    nurse = PublishNotAllowed("x", refusal=PublishRefusal.NOT_MMG_OR_PLS)
    assert "only general practitioners (MMG) and family paediatricians" in user_message(nurse)
    incomplete = PssNotPublishable("x", problems=(CheckIssue("c", "m", "", "allergies"),))
    assert "Correct the fields listed" in user_message(incomplete)
