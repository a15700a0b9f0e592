"""Diagnostic images: DICOM reading and decoding, window/level, measurements,
local files and CDs, anonymised export, and the service the "Immagini" tab uses.

Plain Python and numpy: no Qt here (``fse_desk_ui/imaging/`` holds the widgets).
"""

from fse_desk.domain.imaging import (
    FailureReason,
    LoadFailure,
    LocalScan,
    SeriesSummary,
    StudySource,
    StudySummary,
)
from fse_desk.imaging.decode import ImageInfo, Spacing, SpacingKind
from fse_desk.imaging.service import ImagingService, SeriesLoad, StudyList
from fse_desk.imaging.stack import ImageStack
from fse_desk.imaging.voi import CT_PRESETS, Window

__all__ = [
    "CT_PRESETS",
    "FailureReason",
    "ImageInfo",
    "ImageStack",
    "ImagingService",
    "LoadFailure",
    "LocalScan",
    "SeriesLoad",
    "SeriesSummary",
    "Spacing",
    "SpacingKind",
    "StudyList",
    "StudySource",
    "StudySummary",
    "Window",
]
