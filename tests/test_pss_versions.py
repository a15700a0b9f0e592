"""A PSS replaced through the sandbox gateway: both versions stay in the cache, the PSS
history and the timeline, the earlier one marked superseded (real HTTP throughout)."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime
from typing import Any

import pytest
from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from fse_desk._types import DocumentId
from fse_desk.connectors.sync import SyncEngine
from fse_desk.documents import LAB_REPORT_LOINC
from fse_desk.domain import DocumentStatus, Patient
from fse_desk.progress import drive
from fse_desk.pss import read_cda, write_cda
from fse_desk.pss.service import PssService
from fse_desk.store import CacheStore
from fse_desk_ui.timeline import TimelineWidget
from tests.fixtures_region import LiveRegion
from tests.pss_region_support import PssRegion
from tests.test_gateway_support import (  # noqa: F401  (fixtures)
    ROME,
    Gateway,
    gateway_fixture,
    operator_fixture,
    pss_cda,
    publication,
    signed_pdf,
)
from tests.timeline_support import make_synced


@dataclass
class Published:
    region: PssRegion
    gateway: Gateway
    patient: Patient
    resource: dict[str, Any]

    def sync(self) -> None:
        drive(SyncEngine(self.region.synced.cache, self.region.synced.region.client).pull())

    def publish_first(self) -> DocumentId:
        pub = publication(self.resource, "PSS.VER.0001")
        pdf = signed_pdf(
            pss_cda(self.resource, doc_id="PSS.VER.0001"), self.gateway.client.credentials
        )
        list(self.gateway.client.follow(self.gateway.client.publish(pdf, pub).workflow_instance_id))
        self.sync()
        return self._cached(pub.identificativo_doc)

    def replace_first(self) -> DocumentId:
        first = publication(self.resource, "PSS.VER.0001")
        second = publication(self.resource, "PSS.VER.0002")
        v2 = replace(
            read_cda(
                pss_cda(self.resource, doc_id="PSS.VER.0002", version=2, replaced="PSS.VER.0001")
            ),
            effective_time=datetime(2026, 10, 31, 9, 0, tzinfo=ROME),
        )
        pdf = signed_pdf(write_cda(v2), self.gateway.client.credentials)
        receipt = self.gateway.client.replace(first.identificativo_doc, pdf, second)
        list(self.gateway.client.follow(receipt.workflow_instance_id))
        self.sync()
        return self._cached(second.identificativo_doc)

    def _cached(self, id_doc: str) -> DocumentId:
        cache = self.region.synced.cache
        return next(
            d.id
            for d in cache.documents.list_for_patient(self.patient.id)
            if d.master_identifier == id_doc
        )


@pytest.fixture
def published(live_region: LiveRegion, cache: CacheStore, gateway: Gateway) -> Published:
    synced = make_synced(live_region, cache)
    region = PssRegion(synced, PssService(cache, synced.service))
    patient = region.without_pss()
    resource = next(p for p in live_region.of_type("Patient") if p["id"] == patient.id)
    return Published(region, gateway, patient, resource)


def test_the_replaced_version_stays_superseded_and_the_new_one_is_current(
    published: Published, cache: CacheStore
) -> None:
    v1 = published.publish_first()
    v2 = published.replace_first()
    assert cache.documents.get(v1).status is DocumentStatus.SUPERSEDED
    assert cache.documents.get(v2).status is DocumentStatus.CURRENT
    history = published.region.service.history(published.patient.id)
    assert [(v.document_id, v.number, v.current) for v in history] == [
        (v2, 2, True),
        (v1, 1, False),
    ]
    assert published.region.service.read(v1).document_id == "PSS.VER.0001"


def test_a_version_entered_in_error_leaves_the_history(
    published: Published, cache: CacheStore, live_region: LiveRegion
) -> None:
    v1 = published.publish_first()
    v2 = published.replace_first()
    resource = live_region.client.read("DocumentReference", v1)
    live_region.client.update(dict(resource, status="entered-in-error"))
    published.sync()
    assert cache.documents.get(v1) is None
    assert [v.document_id for v in published.region.service.history(published.patient.id)] == [v2]


def test_the_timeline_lists_both_and_only_the_new_version_is_new(published: Published) -> None:
    service = published.region.synced.service
    v1 = published.publish_first()
    service.mark_reviewed(published.patient.id)
    v2 = published.replace_first()  # the gateway updates v1 too (now superseded)
    entries = {e.id: e for e in service.view(published.patient.id).entries}
    assert (entries[v1].superseded, entries[v1].new) == (True, False)
    assert (entries[v2].superseded, entries[v2].new) == (False, True)


def test_the_timeline_row_of_a_replaced_version_says_so(
    qtbot: QtBot, qapp: QApplication, published: Published
) -> None:
    v1 = published.publish_first()
    v2 = published.replace_first()
    widget = TimelineWidget(published.region.synced.service)
    qtbot.addWidget(widget)
    widget.show_patient(published.patient)
    model = widget.model
    old, new = model.entry(model.row_of(v1)), model.entry(model.row_of(v2))
    assert old is not None and new is not None
    title = model.index(model.row_of(v1), model.TITLE)
    assert title.data() == QCoreApplication.translate("TimelineModel", "{title} (replaced)").format(
        title=old.title
    )
    assert title.data() != old.title
    assert QCoreApplication.translate(
        "TimelineModel", "Replaced by a newer version: this is not the current document"
    ) in title.data(Qt.ItemDataRole.ToolTipRole)
    assert model.index(model.row_of(v2), model.TITLE).data() == new.title


def test_lab_trends_leave_out_a_superseded_report(
    published: Published, live_region: LiveRegion
) -> None:
    service = published.region.synced.service
    patient = published.region.synced.busiest()
    labs = [e for e in service.view(patient.id).entries if e.type_code == LAB_REPORT_LOINC]
    before = service.lab_series(patient.id, "2160-0")  # creatinine, in every panel
    assert labs[0].id in {p.document_id for p in before.points}
    resource = live_region.client.read("DocumentReference", labs[0].id)
    live_region.client.update(dict(resource, status="superseded"))
    published.sync()
    after = service.lab_series(patient.id, "2160-0")
    assert len(after.points) == len(before.points) - 1
    assert labs[0].id not in {p.document_id for p in after.points}
