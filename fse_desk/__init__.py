"""FSE Desk core: headless, typed, no Qt.

Everything a clinical rule needs runs here without a display; the Qt widgets
live in the top-level ``fse_desk_ui`` package and talk to :class:`fse_desk.workstation.Workstation`.
"""

__version__ = "0.1.0"
