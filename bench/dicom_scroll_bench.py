"""Scrolling a decoded 300-slice 512×512 CT in the viewer, offscreen, against a bare
pyqtgraph ImageItem.setImage loop over the same pixels. Targets: ≥ 60 fps, ratio ≤ 1.5."""

from __future__ import annotations

import os
import time

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import numpy as np
import pyqtgraph as pg
from PySide6.QtWidgets import QApplication

from fse_desk.imaging.stack import ImageStack
from fse_desk_sandbox.imaging.studies import StudyRef, instances, series_of
from fse_desk_ui.imaging.viewer import ImageViewer

SLICES = 300


def main() -> None:
    app = QApplication.instance() or QApplication([])
    ref = StudyRef(
        "2.25.31337",
        "RSSMRA70A01A944X",
        "ROSSI^MARIO",
        "19700101",
        "M",
        "ct_chest",
        "TC torace",
        "20250314",
        slices=SLICES,
    )
    stack = ImageStack()
    t0 = time.perf_counter()
    for raw in instances(ref, series_of(ref)[0].series_uid):
        stack.add(raw)
    print(f"built and decoded {len(stack)} slices in {time.perf_counter() - t0:.1f} s")
    frames = [stack.frame(i) for i in range(SLICES)]

    viewer = ImageViewer()
    viewer.resize(900, 900)
    viewer.show()
    viewer.set_stack(stack)
    app.processEvents()
    t0 = time.perf_counter()
    for _round in range(2):
        for i in range(SLICES):
            viewer.show_index(i)
            viewer.graphics.viewport().repaint()
    viewer_s = (time.perf_counter() - t0) / (2 * SLICES)

    view = pg.GraphicsView()
    box = pg.ViewBox(lockAspect=True, invertY=True)
    view.setCentralItem(box)
    item = pg.ImageItem(axisOrder="row-major")
    box.addItem(item)
    view.resize(900, 900)
    view.show()
    item.setImage(frames[0], autoLevels=False, levels=(-1350, 150))
    box.autoRange(padding=0)
    app.processEvents()
    t0 = time.perf_counter()
    for _round in range(2):
        for frame in frames:
            item.setImage(frame, autoLevels=False, levels=(-1350, 150))
            view.viewport().repaint()
    bare_s = (time.perf_counter() - t0) / (2 * SLICES)
    print(
        f"viewer: {1 / viewer_s:.0f} fps; bare ImageItem: {1 / bare_s:.0f} fps; "
        f"ratio {viewer_s / bare_s:.2f} (targets ≥ 60 fps, ratio ≤ 1.5)"
    )
    assert np.isfinite(viewer_s)


if __name__ == "__main__":
    main()
