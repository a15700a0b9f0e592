"""One chart per parameter, with linked time axes, threshold bands and markers.

Times are drawn as Rome wall-clock seconds (epoch + the Rome offset at that moment)
on a date axis at UTC offset 0, so the axis reads Italian local time across DST.
Long series stay fluid: each curve downsamples by peaks to the pixels it has and
clips to the visible range (pyqtgraph does both in C-speed numpy).
"""

from __future__ import annotations

import time
from collections.abc import Sequence

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QPointF, QTimer, Signal
from PySide6.QtGui import QColor

from fse_desk.domain.reading_track import FloatArray, Track, rome_offsets
from fse_desk.domain.telemonitoring import DIASTOLIC, Parameter
from fse_desk.telemonitoring.rules import effective_thresholds
from fse_desk.telemonitoring.service import PatientTelemonitoring
from fse_desk.telemonitoring.summaries import MarkerKind
from fse_desk_ui.formatting import format_datetime, format_decimal
from fse_desk_ui.vitals.labels import parameter_decimals, parameter_label, parameter_unit

DAY_S = 86400.0
ORDER = (
    Parameter.GLUCOSE,
    Parameter.WEIGHT,
    Parameter.BLOOD_PRESSURE,
    Parameter.HEART_RATE,
    Parameter.SPO2,
    Parameter.BODY_TEMPERATURE,
    Parameter.RESPIRATORY_RATE,
)
_CURVE_COLOURS = ("#1f5fa8", "#c0392b")
_BAND = QColor(46, 160, 67, 40)
_GAP = QColor(120, 120, 120, 60)
_MARKER_PENS = {MarkerKind.VISIT: "#6c3483", MarkerKind.THERAPY: "#b9770e"}


def local_x(times: FloatArray) -> FloatArray:
    """Epoch seconds → Rome wall-clock seconds (what the axis shows)."""
    return times + rome_offsets(times)


class TrackCharts(pg.GraphicsLayoutWidget):
    """The charts of one patient. ``hovered(text)`` says what is under the mouse."""

    hovered = Signal(str)

    def __init__(self, parent: object = None) -> None:
        super().__init__(parent)
        self.setBackground("w")
        self.plots: dict[Parameter, pg.PlotItem] = {}
        self.curves: dict[Parameter, list[pg.PlotDataItem]] = {}
        self.alarm_items: dict[Parameter, pg.ScatterPlotItem] = {}
        self.band_items: dict[Parameter, list[pg.LinearRegionItem]] = {}
        self.gap_items: dict[Parameter, list[pg.LinearRegionItem]] = {}
        self.marker_items: list[pg.InfiniteLine] = []
        self._tracks: dict[Parameter, Track] = {}
        self._x: dict[Parameter, FloatArray] = {}
        self._last_x = 0.0
        self._first_x = 0.0
        # A PlotItem costs tens of milliseconds to build (axes, menus): one per parameter
        # is kept and emptied for the next patient, so switching patient builds none.
        self._pool: dict[Parameter, pg.PlotItem] = {}
        self._skeleton = pg.PlotItem(axisItems={"bottom": pg.DateAxisItem(utcOffset=0)})
        self._skeleton.setMouseEnabled(x=False, y=False)
        self._skeleton.hideButtons()
        self.scene().sigMouseMoved.connect(self._on_mouse_moved)

    # -- building -------------------------------------------------------------------
    def show_view(self, view: PatientTelemonitoring | None) -> None:
        self.clear()
        for store in (self.plots, self.curves, self.alarm_items, self.band_items, self.gap_items):
            store.clear()
        self.marker_items.clear()
        self._tracks, self._x = {}, {}
        if view is None:
            return
        parameters = [p for p in ORDER if p in view.tracks]
        first: pg.PlotItem | None = None
        for row, parameter in enumerate(parameters):
            track = view.tracks[parameter]
            plot = self._plot_for(parameter)
            self.addItem(plot, row=row, col=0)
            if first is None:
                first = plot
            else:
                plot.setXLink(first)
            self.plots[parameter] = plot
            self._tracks[parameter] = track
            self._x[parameter] = track.local_times()
            self._add_bands(view, parameter, plot)
            self._add_curves(parameter, plot)
            self._add_gaps(view, parameter, plot)
            self._add_alarms(view, parameter, plot)
            for marker in view.markers:
                x = float(local_x(np.array([marker.at]))[0])
                line = pg.InfiniteLine(
                    pos=x, angle=90, pen=pg.mkPen(_MARKER_PENS[marker.kind], width=1, dash=[4, 3])
                )
                line.setToolTip(marker.title)
                plot.addItem(line)
                self.marker_items.append(line)
        xs = [x for x in self._x.values() if x.size]
        self._first_x = min(float(x[0]) for x in xs) if xs else 0.0
        self._last_x = max(float(x[-1]) for x in xs) if xs else 0.0

    def prepare(self, parameters: Sequence[Parameter] = ORDER) -> None:
        """While a patient's data loads on a worker: show an empty time axis (the skeleton,
        which also pays Qt's first-paint costs: fonts, time zones) and build the plots not
        built yet, one per event-loop turn, so drawing the patient builds none and no
        turn is long."""
        if not self.plots and self._skeleton.scene() is None:
            self.addItem(self._skeleton, row=0, col=0)
            now = local_x(np.array([time.time()]))[0]
            self._skeleton.setXRange(now - 30 * DAY_S, now, padding=0)
        missing = [p for p in parameters if p not in self._pool]
        if missing:
            QTimer.singleShot(0, self, lambda: self._prepare_next(missing))

    def _prepare_next(self, missing: list[Parameter]) -> None:
        if missing[0] not in self._pool:
            self._new_plot(missing[0])
        if len(missing) > 1:
            QTimer.singleShot(0, self, lambda: self._prepare_next(missing[1:]))

    @property
    def prepared(self) -> bool:
        return all(p in self._pool for p in ORDER)

    def _plot_for(self, parameter: Parameter) -> pg.PlotItem:
        plot = self._pool.get(parameter)
        if plot is None:
            return self._new_plot(parameter)
        plot.setXLink(None)
        plot.clear()
        return plot

    def _new_plot(self, parameter: Parameter) -> pg.PlotItem:
        plot = pg.PlotItem(axisItems={"bottom": pg.DateAxisItem(utcOffset=0)})
        plot.setTitle(
            f"{parameter_label(parameter)} ({parameter_unit(parameter)})",
            size="9pt",
            justify="left",
        )
        plot.showGrid(x=True, y=True, alpha=0.2)
        plot.setMouseEnabled(x=True, y=False)
        self._pool[parameter] = plot
        return plot

    def _add_curves(self, parameter: Parameter, plot: pg.PlotItem) -> None:
        track, x = self._tracks[parameter], self._x[parameter]
        dense = len(track) > 2000
        curves = []
        for column in range(track.values.shape[1]):
            curve = plot.plot(
                x,
                track.values[:, column],
                # A dense series (CGM) takes a one-pixel line: Qt draws it several times
                # faster than a wider one, and the points are too close to see width.
                pen=pg.mkPen(_CURVE_COLOURS[column], width=1 if dense else 1.5),
                symbol=None if dense else "o",
                symbolSize=4,
                symbolBrush=_CURVE_COLOURS[column],
                symbolPen=None,
                connect="finite",
            )
            curve.setDownsampling(auto=True, method="peak")
            curve.setClipToView(True)
            curves.append(curve)
        self.curves[parameter] = curves

    def _add_bands(
        self, view: PatientTelemonitoring, parameter: Parameter, plot: pg.PlotItem
    ) -> None:
        if view.plan is None:
            return
        bands = []
        for threshold in effective_thresholds(view.plan, parameter):
            if threshold.low is None and threshold.high is None:
                continue
            low = threshold.low if threshold.low is not None else threshold.high
            high = threshold.high if threshold.high is not None else threshold.low
            region = pg.LinearRegionItem(
                values=(low, high),
                orientation="horizontal",
                movable=False,
                brush=_BAND,
                pen=pg.mkPen(
                    "#c0392b" if threshold.component == DIASTOLIC else "#2e7d32", dash=[6, 4]
                ),
            )
            region.setZValue(-10)
            plot.addItem(region)
            bands.append(region)
        self.band_items[parameter] = bands

    def _add_gaps(
        self, view: PatientTelemonitoring, parameter: Parameter, plot: pg.PlotItem
    ) -> None:
        items = []
        for start, end in view.gaps.get(parameter, []):
            xs = local_x(np.array([start, end]))
            region = pg.LinearRegionItem(
                values=(float(xs[0]), float(xs[1])), movable=False, brush=_GAP, pen=pg.mkPen(None)
            )
            region.setZValue(-20)
            region.setToolTip("gap")
            plot.addItem(region)
            items.append(region)
        self.gap_items[parameter] = items

    def _add_alarms(
        self, view: PatientTelemonitoring, parameter: Parameter, plot: pg.PlotItem
    ) -> None:
        alarms = [a for a in view.alarms if a.parameter is parameter]
        if not alarms:
            return
        times = np.array([a.reading.at.timestamp() for a in alarms])
        ys = [a.reading.values[a.column] for a in alarms]
        scatter = pg.ScatterPlotItem(
            x=local_x(times), y=ys, symbol="t1", size=12, brush="#e74c3c", pen="#7b241c"
        )
        scatter.setZValue(10)
        plot.addItem(scatter)
        self.alarm_items[parameter] = scatter

    # -- range and navigation -----------------------------------------------------
    def set_range_days(self, days: float | None) -> None:
        """Show the last ``days`` days of data (None: everything)."""
        if not self.plots:
            return
        end = self._last_x + DAY_S * 0.02
        start = self._first_x if days is None else self._last_x - days * DAY_S
        for plot in self.plots.values():
            plot.setXRange(start, end, padding=0)
        self._autoscale_y()

    def centre_on(self, epoch: float, days: float = 7.0) -> None:
        """Show ``days`` days around an instant (an alarm opened from the inbox)."""
        x = float(local_x(np.array([epoch]))[0])
        for plot in self.plots.values():
            plot.setXRange(x - days * DAY_S / 2, x + days * DAY_S / 2, padding=0)
        self._autoscale_y()

    def _autoscale_y(self) -> None:
        for plot in self.plots.values():
            plot.enableAutoRange(axis="y")
            plot.setAutoVisible(y=True)

    def visible_range(self) -> tuple[float, float]:
        first = next(iter(self.plots.values()))
        low, high = first.viewRange()[0]
        return float(low), float(high)

    # -- hover ------------------------------------------------------------------
    def describe_at(self, parameter: Parameter, x: float) -> str:
        """What the reading nearest to wall-clock ``x`` says: time, value, source."""
        track, xs = self._tracks[parameter], self._x[parameter]
        if xs.size == 0:
            return ""
        i = int(np.clip(np.searchsorted(xs, x), 1, xs.size - 1)) if xs.size > 1 else 0
        if xs.size > 1 and abs(xs[i - 1] - x) < abs(xs[i] - x):
            i -= 1
        reading = track.reading(i)
        decimals = parameter_decimals(parameter)
        value = "/".join(format_decimal(v, decimals) for v in reading.values)
        source = (
            self.tr("device: {name}").format(name=reading.performer)
            if reading.source.value == "device"
            else self.tr("professional: {name}").format(name=reading.performer or "—")
        )
        return (
            f"{parameter_label(parameter)} {format_datetime(reading.at)} — "
            f"{value} {parameter_unit(parameter)} — {source}"
        )

    def _on_mouse_moved(self, pos: QPointF) -> None:
        for parameter, plot in self.plots.items():
            if plot.sceneBoundingRect().contains(pos):
                x = plot.vb.mapSceneToView(pos).x()
                text = self.describe_at(parameter, x)
                self.hovered.emit(text)
                return
