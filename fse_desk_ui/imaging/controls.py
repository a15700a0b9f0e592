"""The toolbar over the viewer: open, tools, window presets, geometry, cine, layout, export.

It acts on the viewers it is given and asks for the rest (opening, refreshing, the layout,
exports, the tag browser) through signals, which the images tab connects: it never
calls the tab.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtGui import QAction, QActionGroup
from PySide6.QtWidgets import (
    QComboBox,
    QDoubleSpinBox,
    QFileDialog,
    QMenu,
    QToolBar,
    QToolButton,
)

from fse_desk.imaging.voi import CT_PRESETS
from fse_desk_ui.imaging.viewer import ImageViewer


class ViewerControls(QToolBar):
    open_requested = Signal(str)  # "files", "folder", "dicomdir"
    refresh_requested = Signal()
    tags_requested = Signal()
    two_viewports_toggled = Signal(bool)
    png_export_requested = Signal(Path, bool)  # the file, with overlays
    study_export_requested = Signal(Path)  # the folder for the anonymised study

    def __init__(self, viewers: Sequence[ImageViewer]) -> None:
        super().__init__()
        self._viewers = viewers
        self.viewer: ImageViewer | None = None
        open_button = QToolButton()
        open_button.setText(self.tr("Open…"))
        open_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        menu = QMenu(open_button)
        menu.addAction(self.tr("Files…"), lambda: self.open_requested.emit("files"))
        menu.addAction(self.tr("Folder…"), lambda: self.open_requested.emit("folder"))
        menu.addAction(self.tr("CD / DICOMDIR…"), lambda: self.open_requested.emit("dicomdir"))
        open_button.setMenu(menu)
        self.addWidget(open_button)
        self.addAction(self.tr("Refresh"), self.refresh_requested.emit)
        self.addSeparator()

        self.tools = QActionGroup(self)
        self.tools.setExclusionPolicy(QActionGroup.ExclusionPolicy.ExclusiveOptional)
        for key, text in (
            ("length", self.tr("Length")),
            ("angle", self.tr("Angle")),
            ("ellipse", self.tr("Ellipse ROI")),
        ):
            action = QAction(text, self)
            action.setCheckable(True)
            action.setData(key)
            self.tools.addAction(action)
            self.addAction(action)
        self.tools.triggered.connect(self._on_tool)
        self.addAction(self.tr("Remove measurements"), self._clear_measurements)
        self.addSeparator()

        self.preset = QComboBox()
        self.preset.addItem(self.tr("File window"), "")
        names = {
            "lung": self.tr("Lung"),
            "mediastinum": self.tr("Mediastinum"),
            "abdomen": self.tr("Abdomen"),
            "bone": self.tr("Bone"),
            "brain": self.tr("Brain"),
        }
        for key in CT_PRESETS:
            self.preset.addItem(names[key], key)
        self.preset.activated.connect(self._on_preset)
        self.addWidget(self.preset)
        self.invert_action = self.addAction(self.tr("Invert"), self._on_invert)
        self.invert_action.setCheckable(True)
        self.addSeparator()
        self.addAction(self.tr("Fit"), lambda: self._with(lambda v: v.fit()))
        self.addAction(self.tr("1:1"), lambda: self._with(lambda v: v.one_to_one()))
        self.addAction(self.tr("Rotate"), lambda: self._with(lambda v: v.rotate(90)))
        self.addAction(self.tr("Flip H"), lambda: self._with(lambda v: v.flip(True)))
        self.addAction(self.tr("Flip V"), lambda: self._with(lambda v: v.flip(False)))
        self.addSeparator()
        self.cine_action = self.addAction(self.tr("Cine"), self._on_cine)
        self.cine_action.setCheckable(True)
        self.fps = QDoubleSpinBox()
        self.fps.setRange(1, 60)
        self.fps.setValue(25)
        self.fps.setSuffix(" fps")
        self.fps.valueChanged.connect(lambda value: self._with(lambda v: v.set_fps(value)))
        self.addWidget(self.fps)
        self.addSeparator()
        self.layout_action = self.addAction(self.tr("1×2"), self._on_layout)
        self.layout_action.setCheckable(True)
        self.overlay_action = self.addAction(self.tr("Overlays"), self._on_overlays)
        self.overlay_action.setCheckable(True)
        self.overlay_action.setChecked(True)
        self.addAction(self.tr("Tags"), self.tags_requested.emit)
        export = QToolButton()
        export.setText(self.tr("Export…"))
        export.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        export_menu = QMenu(export)
        export_menu.addAction(self.tr("View as PNG, with overlays…"), lambda: self._png(True))
        export_menu.addAction(self.tr("View as PNG, without overlays…"), lambda: self._png(False))
        export_menu.addAction(self.tr("Study as anonymised DICOM…"), self._anonymised)
        export.setMenu(export_menu)
        self.addWidget(export)

    def bind(self, viewer: ImageViewer) -> None:
        self.viewer = viewer
        self.invert_action.setChecked(viewer.invert)
        self.cine_action.setChecked(viewer.cine_timer.isActive())
        tool = viewer.tool
        for action in self.tools.actions():
            action.setChecked(action.data() == tool)

    def _with(self, fn: Callable[[ImageViewer], object]) -> None:
        if self.viewer is not None:
            fn(self.viewer)

    def _on_tool(self, action: QAction) -> None:
        tool = action.data() if action.isChecked() else None
        for viewer in self._viewers:
            viewer.set_tool(tool)

    def _clear_measurements(self) -> None:
        self._with(lambda v: v.clear_measurements())

    def _on_preset(self, row: int) -> None:
        key = self.preset.itemData(row)
        self._with(lambda v: v.apply_preset(key) if key else v.reset_window())

    def _on_invert(self) -> None:
        checked = self.invert_action.isChecked()
        self._with(lambda v: v.set_invert(checked))

    def _on_cine(self) -> None:
        playing = self.cine_action.isChecked()
        fps = self.fps.value()
        self._with(lambda v: v.play_cine(fps) if playing else v.stop_cine())

    def _on_layout(self) -> None:
        self.two_viewports_toggled.emit(self.layout_action.isChecked())

    def _on_overlays(self) -> None:
        visible = self.overlay_action.isChecked()
        for viewer in self._viewers:
            viewer.set_overlays_visible(visible)

    def _png(self, overlays: bool) -> None:
        name, _ = QFileDialog.getSaveFileName(
            self, self.tr("Export the view"), "immagine.png", "PNG (*.png)"
        )
        if name:
            self.png_export_requested.emit(Path(name), overlays)

    def _anonymised(self) -> None:
        name = QFileDialog.getExistingDirectory(self, self.tr("Folder for the anonymised study"))
        if name:
            self.study_export_requested.emit(Path(name))
