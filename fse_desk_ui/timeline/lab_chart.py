"""One analyte across the patient's lab reports: a pyqtgraph chart and the values."""

from __future__ import annotations

from datetime import datetime
from typing import Any

import pyqtgraph as pg
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from fse_desk.domain.units import unit_display
from fse_desk.timeline import LabSeries
from fse_desk_ui.formatting import ROME

_MONTH_STEPS = (1, 2, 3, 6, 12, 24, 60, 120)
_MAX_TICKS = 7


class _DateAxis(pg.AxisItem):
    """Ticks on the first of a month (mm/yyyy) or of a year (yyyy), Rome time, at most
    seven of them: a doctor reads "03/2025", not an arbitrary second of a day."""

    def __init__(self, orientation: str) -> None:
        super().__init__(orientation)
        self._months = 1

    def tickValues(self, minVal: float, maxVal: float, size: float) -> list[Any]:
        ticks = month_ticks(minVal, maxVal)
        if not ticks:
            return super().tickValues(minVal, maxVal, size)
        self._months = ticks[0]
        return [(self._months * 30 * 86400.0, ticks[1])]

    def tickStrings(self, values: list[float], scale: float, spacing: float) -> list[str]:
        pattern = "%Y" if self._months >= 12 else "%m/%Y"
        out = []
        for v in values:
            try:
                out.append(datetime.fromtimestamp(v, ROME).strftime(pattern))
            except (OverflowError, OSError, ValueError):
                out.append("")
        return out


def month_ticks(first: float, last: float) -> tuple[int, list[float]] | None:
    """(months between ticks, tick positions): month starts within [first, last]."""
    try:
        start = datetime.fromtimestamp(first, ROME)
        end = datetime.fromtimestamp(last, ROME)
    except (OverflowError, OSError, ValueError):
        return None
    span = (end.year - start.year) * 12 + end.month - start.month + 1
    step = next((s for s in _MONTH_STEPS if span / s <= _MAX_TICKS), _MONTH_STEPS[-1])
    index = start.year * 12 + start.month - 1  # months since year 0, this month included
    index += -index % step
    ticks = []
    while True:
        tick = datetime(index // 12, index % 12 + 1, 1, tzinfo=ROME).timestamp()
        if tick > last:
            break
        if tick >= first:
            ticks.append(tick)
        index += step
    return step, ticks


class _NumberAxis(pg.AxisItem):
    """Decimal comma on the value axis."""

    def tickStrings(self, values: list[float], scale: float, spacing: float) -> list[str]:
        return [s.replace(".", ",") for s in super().tickStrings(values, scale, spacing)]


class LabChartDialog(QDialog):
    def __init__(self, series: LabSeries, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.series = series
        unit = unit_display(series.unit)
        title = f"{series.name} ({unit})" if unit else series.name
        self.setWindowTitle(self.tr("Trend: {analyte}").format(analyte=title))
        self.resize(760, 560)
        self.plot = pg.PlotWidget(
            axisItems={"bottom": _DateAxis("bottom"), "left": _NumberAxis("left")}
        )
        self.plot.setBackground("w")
        self.plot.showGrid(x=True, y=True, alpha=0.2)
        self.plot.setLabel("left", title)
        # The lab's own reference range as a band behind the values.
        self.band: pg.LinearRegionItem | None = None
        if series.reference_range is not None:
            self.band = pg.LinearRegionItem(
                values=series.reference_range,
                orientation="horizontal",
                movable=False,
                brush=pg.mkBrush(46, 125, 50, 40),
                pen=pg.mkPen(None),
            )
            self.band.setToolTip(self.tr("Reference range of the laboratory"))
            self.plot.addItem(self.band)
        xs = [_epoch(p.when) for p in series.points]
        ys = [p.value for p in series.points]
        self.plot.plot(
            xs,
            ys,
            pen=pg.mkPen("#2f6fa3", width=2),
            symbol="o",
            symbolSize=7,
            symbolBrush=[
                "#b71c1c" if p.flag not in ("", "N") else "#2f6fa3" for p in series.points
            ],
        )
        self.summary = QLabel(
            self.tr("%n values from the patient's lab reports.", "", len(series.points))
        )
        if series.reports_not_available:
            self.summary.setText(
                self.summary.text()
                + " "
                + self.tr(
                    "%n lab reports are not downloaded and the FSE server cannot be "
                    "reached: they are missing from the chart.",
                    "",
                    series.reports_not_available,
                )
            )
        self.summary.setWordWrap(True)
        self.values = QTableWidget(len(series.points), 2)
        self.values.setHorizontalHeaderLabels([self.tr("Date"), self.tr("Value")])
        self.values.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.values.verticalHeader().hide()
        for row, p in enumerate(reversed(series.points)):
            when = datetime.fromtimestamp(_epoch(p.when), ROME).strftime("%d/%m/%Y")
            value = (f"{p.value:g}".replace(".", ",") + " " + unit_display(p.unit)).rstrip()
            self.values.setItem(row, 0, QTableWidgetItem(when))
            self.values.setItem(row, 1, QTableWidgetItem(value))
        self.values.resizeColumnsToContents()
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.plot, 3)
        layout.addWidget(self.summary)
        layout.addWidget(self.values, 1)
        layout.addWidget(buttons)


def _epoch(when: Any) -> float:
    return float(when.timestamp()) if isinstance(when, datetime) else 0.0
