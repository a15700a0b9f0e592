"""*Impostazioni* and the first-run wizard: the configuration file edited, checked and saved."""

from fse_desk_ui.settings.action import apply_settings, open_settings, settings_action
from fse_desk_ui.settings.first_run import FirstRunWizard, first_run
from fse_desk_ui.settings.settings_dialog import SettingsDialog

__all__ = [
    "FirstRunWizard",
    "SettingsDialog",
    "apply_settings",
    "first_run",
    "open_settings",
    "settings_action",
]
