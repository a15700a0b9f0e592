"""The patient timeline capability (no Qt): listing, filters, reading, audit, pre-fetch."""

from fse_desk.domain.timeline import (
    AccessAction,
    AccessRecord,
    Purpose,
    TimelineEntry,
    TimelineFilter,
)
from fse_desk.timeline._opened import BodyKind, LabPoint, LabSeries, OpenedDocument
from fse_desk.timeline.service import Period, PrefetchSummary, TimelineService, TimelineView

__all__ = [
    "AccessAction",
    "AccessRecord",
    "BodyKind",
    "LabPoint",
    "LabSeries",
    "OpenedDocument",
    "Period",
    "PrefetchSummary",
    "Purpose",
    "TimelineEntry",
    "TimelineFilter",
    "TimelineService",
    "TimelineView",
]
