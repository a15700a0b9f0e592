"""The Profilo Sanitario Sintetico tab (read-only view of the published versions)."""

from ui.pss.pss_tab import PssTab

__all__ = ["PssTab"]
