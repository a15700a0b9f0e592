"""Who uses the workstation: the first profile, sign-in, and switching user (issue 14)."""

from fse_desk_ui.signin.first_run import FirstRunDialog
from fse_desk_ui.signin.session import Session
from fse_desk_ui.signin.sign_in import SignInDialog

__all__ = ["FirstRunDialog", "Session", "SignInDialog"]
