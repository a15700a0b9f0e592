"""The purpose of use chosen in the toolbar: what the role allows, recorded with each audited
access, shown in the status bar, and carried by the gateway JWT the sandbox receives over
real HTTP."""

from __future__ import annotations

import jwt
import pytest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from fse_desk.domain.roles import Role
from fse_desk.domain.timeline import AccessAction, Purpose
from fse_desk.errors import PermissionDenied
from fse_desk.security.permissions import purposes_for
from fse_desk.workstation import Operator, Workstation
from fse_desk_sandbox.gateway import received_signature_tokens
from fse_desk_ui.i18n import install_translators
from fse_desk_ui.main_window import MainWindow
from tests.fixtures_region import LiveRegion
from tests.pss_publication_support import (
    consenting,
    first_version,
    gateway_url,
    mmg_fixture,  # noqa: F401  (fixture)
)
from tests.test_gateway_support import Operator as Certified
from tests.test_gateway_support import operator_fixture  # noqa: F401  (fixture)


def _operator(role: Role) -> Operator:
    return Operator("Dott. Prova", "RSSMRA70A01A944G", role, None, "prova")


@pytest.mark.parametrize(
    ("role", "offered"),
    [
        (Role.MMG, ["TREATMENT", "EMERGENCY", "PUBLICHEALTH"]),
        (Role.PLS, ["TREATMENT", "EMERGENCY", "PUBLICHEALTH"]),
        (Role.SPECIALIST, ["TREATMENT", "EMERGENCY"]),
        (Role.NURSE, ["TREATMENT", "EMERGENCY", "PUBLICHEALTH"]),
        (Role.SOCIAL_WORKER, ["TREATMENT"]),
        (Role.ADMIN_STAFF, ["TREATMENT", "SYSADMIN"]),
    ],
    ids=lambda v: v.value if isinstance(v, Role) else "",
)
def test_each_role_is_offered_treatment_first_and_only_its_purposes(
    role: Role, offered: list[str]
) -> None:
    assert [p.value for p in purposes_for(_operator(role))] == offered


def test_the_nurse_is_refused_a_purpose_of_the_front_desk(
    region_workstation: Workstation,
) -> None:
    assert region_workstation.purpose is Purpose.TREATMENT
    with pytest.raises(PermissionDenied, match="purpose SYSADMIN"):
        region_workstation.set_purpose(Purpose.SYSADMIN)
    assert region_workstation.purpose is Purpose.TREATMENT


def test_the_chosen_purpose_goes_to_the_audit_the_status_bar_and_the_gateway_jwt(
    qtbot: QtBot,
    qapp: QApplication,
    mmg: Workstation,
    live_region: LiveRegion,
    operator: Certified,
) -> None:
    install_translators(qapp, "it")
    window = MainWindow(mmg, auto_sync=False)
    qtbot.addWidget(window)
    window.show()
    patient = consenting(mmg, with_pss=False)
    assert window.status_area.purpose_label.text() == "Finalità: cura"

    mmg.timeline.record_timeline_view(patient.id)
    assert mmg.access.access_log(patient.id)[-1].purpose is Purpose.TREATMENT

    offered = [window.purpose_selector.itemText(i) for i in range(window.purpose_selector.count())]
    assert offered == ["Cura", "Emergenza", "Sanità pubblica"]
    window.purpose_selector.choose(Purpose.EMERGENCY)  # as the doctor picks it
    assert mmg.purpose is Purpose.EMERGENCY
    assert window.status_area.purpose_label.text() == "Finalità: emergenza"

    mmg.timeline.record_timeline_view(patient.id)
    last = mmg.access.access_log(patient.id)[-1]
    assert (last.action, last.purpose) == (AccessAction.VIEW_TIMELINE, Purpose.EMERGENCY)

    seen = len(received_signature_tokens(live_region.store))
    draft = first_version(mmg, patient)
    mmg.pss.save_draft(patient.id, draft)
    mmg.pss.queue_publication(patient.id, draft)
    # The doctor goes back to treatment before the outbox is sent: the document keeps the
    # purpose it was published under.
    window.purpose_selector.choose(Purpose.TREATMENT)
    # The window's own sync may take the queued entry first (a local change asks for one):
    # either way it leaves once the gateway has it.
    errors = mmg.sync().pushed.errors
    qtbot.waitUntil(lambda: mmg.outbox.pending_count() == 0, timeout=30_000)
    assert errors == [] and mmg.outbox.entries() == []
    tokens = received_signature_tokens(live_region.store)[seen:]
    assert len(tokens) == 2  # validation, then publication
    for token in tokens:
        claims = jwt.decode(
            token,
            operator.credentials.certificate.public_key(),
            algorithms=["RS256"],
            audience=gateway_url(live_region),
        )
        assert (claims["action_id"], claims["purpose_of_use"]) == ("CREATE", "EMERGENCY")
        assert claims["subject_role"] == "APR"
