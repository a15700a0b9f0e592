"""The Telemonitoraggio tab opened on a CGM patient and on a heart-failure patient."""

from __future__ import annotations

import copy
import io
from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pytest
from pypdf import PdfReader
from PySide6.QtCore import QThreadPool
from pytestqt.qtbot import QtBot

from fse_desk.domain.telemonitoring import Parameter
from fse_desk.startup import open_workstation
from fse_desk.telemonitoring.rules import Rule
from fse_desk.workstation import Workstation
from fse_desk_sandbox import ResourceStore, SandboxServer
from fse_desk_ui.telemonitoring.charts import local_x
from fse_desk_ui.telemonitoring.reports import ReportKind
from fse_desk_ui.telemonitoring.tab import TelemonitoringTab
from tests.fixtures_region import region_config
from tests.telemonitoring_region import TmRegion, build_region
from tests.telemonitoring_support import ROME


@pytest.fixture(scope="module")
def region() -> TmRegion:
    return build_region()


@pytest.fixture
def workstation(tmp_path: Path, region: TmRegion) -> Iterator[Workstation]:
    store = ResourceStore(tmp_path / "region.sqlite")
    store.bulk_load(copy.deepcopy(region.resources))
    server = SandboxServer(store).start()
    ws = open_workstation(region_config(tmp_path, server.base_url))
    ws.sync()
    yield ws
    QThreadPool.globalInstance().waitForDone()
    ws.close()
    server.stop()
    store.close()


def open_tab(qtbot: QtBot, ws: Workstation, patient_id: str) -> TelemonitoringTab:
    tab = TelemonitoringTab(ws)
    qtbot.addWidget(tab)
    tab.resize(1400, 900)
    with qtbot.waitSignal(tab.loaded, timeout=30_000):
        tab.show_patient(ws.patient(patient_id))  # type: ignore[arg-type]
    return tab


def test_cgm_patient_shows_glucose_agp_and_tir(
    qtbot: QtBot, workstation: Workstation, region: TmRegion
) -> None:
    tab = open_tab(qtbot, workstation, region.patient(0))
    assert tab.view is not None and tab.view.cgm is not None
    curve = tab.charts.curves[Parameter.GLUCOSE][0]
    x, _y = curve.getOriginalDataset()
    assert 24_000 < len(x) <= 90 * 288  # every reading handed to the curve
    assert curve.opts["autoDownsample"] and curve.opts["clipToView"]
    # Threshold band from the plan (54-300 in the sandbox plan, not the 54-250 default).
    (band,) = tab.charts.band_items[Parameter.GLUCOSE]
    assert band.getRegion() == (54, 300)
    # AGP: median of the drawn curve is the summary's; TIR bar heights add up to 100 %.
    assert tab.agp.isVisibleTo(tab) and tab.agp.median_curve is not None
    heights = [bar.opts["height"][0] for bar in tab.agp.tir_bars]
    assert sum(heights) == pytest.approx(100)
    assert "GMI" in tab.summary_label.text() and "sufficient" in tab.summary_label.text()
    # Linked time axes: the 7-day range applies to every chart.
    tab.range_buttons.button(0).click()
    low, high = tab.charts.visible_range()
    assert high - low == pytest.approx(7 * 86400, rel=0.01)
    for plot in tab.charts.plots.values():
        assert plot.viewRange()[0] == pytest.approx([low, high])
    # The plan beside the charts names the devices with their UDI.
    assert "UDI (01)" in tab.plan_label.text()


def test_hf_patient_shows_weight_alarm_gaps_and_hover(
    qtbot: QtBot, workstation: Workstation, region: TmRegion
) -> None:
    tab = open_tab(qtbot, workstation, region.patient(0))
    assert tab.view is not None
    gains = [a for a in tab.view.alarms if a.rule is Rule.WEIGHT_GAIN]
    assert gains, "the decompensation episode raises a weight-gain alarm"
    scatter = tab.charts.alarm_items[Parameter.WEIGHT]
    assert len(scatter.data) == len(gains)
    assert tab.charts.gap_items[Parameter.WEIGHT], "the device gap is drawn"
    assert "+2 kg in 3 giorni" in tab.plan_label.text()
    # Hover: the nearest reading, with its time and source.
    alarm = gains[0]
    x = alarm.reading.at.timestamp()
    text = tab.charts.describe_at(Parameter.WEIGHT, float(local_x(np.array([x]))[0]))
    assert alarm.reading.at.astimezone(ROME).strftime("%d/%m/%Y %H:%M") in text
    assert "Bilancia connessa" in text
    # Opening at an alarm centres the charts there.
    with qtbot.waitSignal(tab.loaded, timeout=30_000):
        tab.show_patient(workstation.patient(region.patient(0)), focus_at=x)  # type: ignore[arg-type]
    low, high = tab.charts.visible_range()
    assert low < float(local_x(np.array([x]))[0]) < high


def test_reports_carry_the_tab_charts_and_summaries(
    qtbot: QtBot, workstation: Workstation, region: TmRegion
) -> None:
    tab = open_tab(qtbot, workstation, region.patient(0))
    for kind, title in (
        (ReportKind.PERIOD, "Telemonitoring report"),
        (ReportKind.AGP, "Ambulatory Glucose Profile (AGP)"),
        (ReportKind.RILEVAZIONE, "Report rilevazione di telemonitoraggio"),
    ):
        reader = PdfReader(io.BytesIO(tab.report(kind)))
        text = "".join(page.extract_text() for page in reader.pages)
        assert title in text
        assert region.people[0].cf in text
        images = [img for page in reader.pages for img in page.images]
        assert images, f"{kind}: the charts are in the PDF"
        if kind is ReportKind.AGP:
            assert len(reader.pages) == 1 and "GMI" in text
        if kind is ReportKind.RILEVAZIONE:
            assert "UDI (01)" in text and "Weight gain" in text  # alarms with their rule
