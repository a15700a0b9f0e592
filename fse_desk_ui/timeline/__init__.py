"""The Timeline tab (Qt widgets and models only; the logic is in :mod:`fse_desk.timeline`)."""

from fse_desk_ui.timeline.widget import TimelineWidget

__all__ = ["TimelineWidget"]
