"""Who uses the workstation: the first profile, sign-in, and switching user (issue 14)."""

from ui.signin.first_run import FirstRunDialog
from ui.signin.session import Session
from ui.signin.sign_in import SignInDialog

__all__ = ["FirstRunDialog", "Session", "SignInDialog"]
