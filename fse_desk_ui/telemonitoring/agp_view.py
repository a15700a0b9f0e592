"""The Ambulatory Glucose Profile over 24 h and the time-in-ranges bar."""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QGraphicsPathItem

from fse_desk.telemonitoring.cgm import Band, CgmSummary

# The consensus report's colours, from very low to very high.
BAND_COLOURS = {
    Band.VERY_LOW: "#8b0000",
    Band.LOW: "#e53935",
    Band.IN_RANGE: "#43a047",
    Band.HIGH: "#fbc02d",
    Band.VERY_HIGH: "#ef6c00",
}


class AgpWidget(pg.GraphicsLayoutWidget):
    """Left: percentiles 5–95 and 25–75 with the median over the day; right: TIR bar."""

    def __init__(self, parent: object = None) -> None:
        super().__init__(parent)
        self.setBackground("w")
        self.setMinimumHeight(220)
        self.profile_plot = self.addPlot(row=0, col=0)
        self.profile_plot.setLabel("left", "mg/dL")
        self.profile_plot.setLabel("bottom", self.tr("hour of day"))
        self.profile_plot.setXRange(0, 24, padding=0)
        self.profile_plot.setYRange(40, 350)
        self.profile_plot.setMouseEnabled(x=False, y=False)
        self.profile_plot.getAxis("bottom").setTicks([[(h, f"{h:02d}") for h in range(0, 25, 3)]])
        self.tir_plot = self.addPlot(row=0, col=1)
        self.tir_plot.setMaximumWidth(90)
        self.tir_plot.hideAxis("bottom")
        self.tir_plot.setYRange(0, 100, padding=0)
        self.tir_plot.setMouseEnabled(x=False, y=False)
        # Every item is built once and only given new data per patient: building
        # pyqtgraph items (fills above all) is what made the first paint slow.
        self.profile_plot.addItem(
            pg.LinearRegionItem(
                values=(70, 180),
                orientation="horizontal",
                movable=False,
                brush=QColor(67, 160, 71, 30),
                pen=pg.mkPen("#43a047", dash=[6, 4]),
            )
        )
        self._bands: list[tuple[QGraphicsPathItem, float, float]] = []
        for low, high, alpha in ((5.0, 95.0, 50), (25.0, 75.0, 110)):
            band = QGraphicsPathItem()
            band.setBrush(QColor(31, 95, 168, alpha))
            band.setPen(pg.mkPen(QColor(31, 95, 168, alpha), width=1, cosmetic=True))
            self.profile_plot.addItem(band)
            self._bands.append((band, low, high))
        self._median = self.profile_plot.plot(pen=pg.mkPen("#0d2f57", width=2))
        self.median_curve: pg.PlotDataItem | None = None  # the median, while one is shown
        self.tir_bars: list[pg.BarGraphItem] = []
        for band_kind in Band:
            bar = pg.BarGraphItem(
                x=[0.5], height=[0.0], width=0.8, y0=[0.0], brush=BAND_COLOURS[band_kind]
            )
            self.tir_plot.addItem(bar)
            self.tir_bars.append(bar)

    def show_summary(self, summary: CgmSummary | None) -> None:
        self.median_curve = None if summary is None else self._median
        for item in (*(b for b, _, _ in self._bands), self._median, *self.tir_bars):
            item.setVisible(summary is not None)
        if summary is None:
            return
        hours = summary.agp.slot_minutes / 60.0
        p = summary.agp.percentiles
        for band, low, high in self._bands:
            # The band's outline: along the lower percentile, back along the upper one.
            xs = np.concatenate((hours, hours[::-1]))
            ys = np.concatenate((_filled(p[low]), _filled(p[high])[::-1]))
            path = pg.arrayToQPath(xs, ys)
            path.closeSubpath()
            band.setPath(path)
        self._median.setData(hours, p[50.0])
        bottom = 0.0
        for bar, band_kind in zip(self.tir_bars, Band, strict=True):
            height = summary.bands[band_kind]
            bar.setOpts(height=[height], y0=[bottom])
            bottom += height


def _filled(values: np.ndarray) -> np.ndarray:
    """Empty slots (NaN) take the nearest earlier value, so the band has no holes."""
    out = np.array(values, dtype=np.float64)
    valid = np.flatnonzero(~np.isnan(out))
    if valid.size == 0:
        return np.zeros_like(out)
    index = np.maximum.accumulate(np.where(~np.isnan(out), np.arange(out.size), valid[0]))
    return out[index]
