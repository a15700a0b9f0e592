"""*Impostazioni* and the first-run wizard: the configuration file edited, checked and saved."""

from ui.settings.action import apply_settings, open_settings, settings_action
from ui.settings.first_run import FirstRunWizard, first_run
from ui.settings.settings_dialog import SettingsDialog

__all__ = [
    "FirstRunWizard",
    "SettingsDialog",
    "apply_settings",
    "first_run",
    "open_settings",
    "settings_action",
]
