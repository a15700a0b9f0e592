"""What the viewer shows: colour at its stored depth, the file's VOI curves, rotate/flip, and
the tag browser; real files and real widgets, offscreen."""

from __future__ import annotations

import io
from pathlib import Path

import numpy as np
import pytest
from pydicom import dcmread
from pydicom.data import get_testdata_file
from pydicom.dataset import Dataset
from pydicom.sequence import Sequence
from PySide6.QtCore import QPointF
from PySide6.QtGui import QImage

from fse_desk.imaging.stack import ImageStack
from fse_desk.imaging.voi import VoiFunction, Window
from fse_desk_ui.imaging.tag_browser import TagBrowser
from fse_desk_ui.imaging.viewer import ImageViewer
from tests.imaging_files import grey_image


def _viewer(qtbot, *sources: object) -> ImageViewer:  # type: ignore[no-untyped-def]
    stack = ImageStack()
    for source in sources:
        stack.add(source)  # type: ignore[arg-type]
    viewer = ImageViewer()
    qtbot.addWidget(viewer)
    viewer.resize(320, 320)
    viewer.show()
    qtbot.waitExposed(viewer)
    viewer.set_stack(stack)
    return viewer


def _picture(viewer: ImageViewer, fmt: QImage.Format = QImage.Format.Format_RGB888) -> np.ndarray:
    image = viewer.grab_view(overlays=False).toImage().convertToFormat(fmt)
    channels = 3 if fmt == QImage.Format.Format_RGB888 else 1
    raw = np.frombuffer(image.constBits(), np.uint8).reshape(image.height(), -1)
    picture = raw[:, : image.width() * channels].reshape(image.height(), image.width(), channels)
    # A copy: the view over constBits() dies with `image`, and the allocator then reuses the
    # first bytes of the freed buffer (a few top-left pixels changed, now and then).
    return picture.copy()


def _bytes(ds: Dataset) -> bytes:
    buffer = io.BytesIO()
    ds.save_as(buffer, enforce_file_format=True)
    return buffer.getvalue()


def test_32_bit_rgb_shows_like_its_8_bit_twin(qtbot) -> None:  # type: ignore[no-untyped-def]
    deep = _viewer(qtbot, _path("SC_rgb_rle_32bit.dcm"))
    shallow = _viewer(qtbot, _path("SC_rgb_rle.dcm"))
    assert deep.info is not None and deep.info.bits_stored == 32
    difference = np.abs(_picture(deep).astype(int) - _picture(shallow).astype(int))
    assert difference.max() <= 2  # same colours: not saturated at 65,535


def _path(name: str) -> Path:
    return Path(get_testdata_file(name))


def _ramp(**attrs: object) -> bytes:
    pixels = np.tile(np.arange(0, 256, dtype=np.uint16), (16, 1))  # 0 … 255 left to right
    return _bytes(grey_image(pixels, **attrs))


def test_a_voi_lut_with_its_own_curve_is_applied_as_the_file_says(qtbot) -> None:  # type: ignore[no-untyped-def]
    lut = Dataset()
    lut.LUTDescriptor = [256, 0, 8]
    curve = (255 * (np.arange(256) / 255.0) ** 0.4).round().astype(np.uint16)  # gamma 0,4
    lut.LUTData = curve.astype("<u2").tobytes()  # OW, as scanners write it
    viewer = _viewer(qtbot, _ramp(VOILUTSequence=Sequence([lut])))
    assert viewer.shows_file_curve
    shown = np.asarray(viewer.image.image)
    assert shown[0, 64] == pytest.approx(curve[64] / 255.0, abs=1e-3)  # far above linear 0,25
    assert shown[0, 64] > 0.5
    viewer.set_window(Window(128, 256))  # the doctor sets a window: linear from then on
    assert not viewer.shows_file_curve
    assert np.asarray(viewer.image.image)[0, 64] == 64
    viewer.reset_window()
    assert viewer.shows_file_curve


def test_a_sigmoid_window_is_shown_as_a_curve(qtbot) -> None:  # type: ignore[no-untyped-def]
    viewer = _viewer(qtbot, _ramp(WindowCenter=128, WindowWidth=64, VOILUTFunction="SIGMOID"))
    assert viewer.voi_window is not None and viewer.voi_window.function is VoiFunction.SIGMOID
    shown = np.asarray(viewer.image.image)
    assert shown[0, 128] == pytest.approx(0.5, abs=1e-3)
    # Linear with the same window would be black at 96 and white at 160; the sigmoid is not.
    assert 0.05 < shown[0, 96] < 0.2 and 0.8 < shown[0, 160] < 0.95


def _corner_image() -> bytes:
    pixels = np.full((64, 64), 100, dtype=np.uint16)
    pixels[:20, :20] = 1000  # bright top-left corner
    return _bytes(grey_image(pixels, WindowCenter=550, WindowWidth=1000))


def _bright_corner(viewer: ImageViewer) -> tuple[str, str]:
    """Where the first stored pixel (the bright corner) lands on screen, seen from the centre."""

    def on_screen(x: float, y: float) -> QPointF:
        return viewer.box.mapViewToDevice(viewer.image.mapToView(QPointF(x, y)))

    corner, centre = on_screen(0.5, 0.5), on_screen(32, 32)
    return (
        "top" if corner.y() < centre.y() else "bottom",
        "left" if corner.x() < centre.x() else "right",
    )


def test_rotate_and_flip_move_the_picture(qtbot) -> None:  # type: ignore[no-untyped-def]
    viewer = _viewer(qtbot, _corner_image())
    assert _bright_corner(viewer) == ("top", "left")
    viewer.flip(horizontal=True)
    assert _bright_corner(viewer) == ("top", "right")
    viewer.flip(horizontal=True)
    viewer.flip(horizontal=False)
    assert _bright_corner(viewer) == ("bottom", "left")
    viewer.flip(horizontal=False)
    viewer.rotate(90)  # clockwise
    assert _bright_corner(viewer) == ("top", "right")
    viewer.rotate(90)
    assert _bright_corner(viewer) == ("bottom", "right")


def test_the_tag_browser_lists_meta_dataset_and_sequences(qtbot) -> None:  # type: ignore[no-untyped-def]
    ds = dcmread(_path("CT_small.dcm"))
    item = Dataset()
    item.ReferencedSOPInstanceUID = "2.25.1"
    ds.ReferencedImageSequence = Sequence([item])
    browser = TagBrowser(ds)
    qtbot.addWidget(browser)
    root = browser.tree.invisibleRootItem()
    rows = {root.child(i).text(0): root.child(i) for i in range(root.childCount())}
    assert rows["(0002,0010)"].text(3) == str(ds.file_meta.TransferSyntaxUID)
    assert rows["(0010,0010)"].text(1) == "Patient's Name"
    assert rows["(0010,0010)"].text(3) == str(ds.PatientName)
    assert rows["(7FE0,0010)"].text(3) == f"<{len(ds.PixelData)} bytes>"
    sequence = rows["(0008,1140)"]
    assert sequence.text(2) == "SQ" and sequence.childCount() == 1
    assert sequence.child(0).child(0).text(3) == "2.25.1"
