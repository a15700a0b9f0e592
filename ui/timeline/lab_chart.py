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
from ui.formatting import ROME


class _DateAxis(pg.AxisItem):
    """Ticks as dd/mm/yyyy in Rome time (epoch seconds on the x axis)."""

    def tickStrings(self, values: list[float], scale: float, spacing: float) -> list[str]:
        out = []
        for v in values:
            try:
                out.append(datetime.fromtimestamp(v, ROME).strftime("%d/%m/%Y"))
            except (OverflowError, OSError, ValueError):
                out.append("")
        return out


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
