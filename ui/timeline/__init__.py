"""The Timeline tab (Qt widgets and models only; the logic is in :mod:`fse_desk.timeline`)."""

from ui.timeline.widget import TimelineWidget

__all__ = ["TimelineWidget"]
