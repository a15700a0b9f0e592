"""The Profilo Sanitario Sintetico tab (read-only view of the published versions)."""

from fse_desk_ui.pss.pss_tab import PssTab

__all__ = ["PssTab"]
