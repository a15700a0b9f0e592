"""Who may do what in the agenda: the team's permission matrix, in the agenda's words.

The rules live once, in :mod:`fse_desk.security.permissions` (``MATRIX``); this module
only names the agenda's actions in it, so the agenda services ask by role.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass

from fse_desk.domain.roles import Role
from fse_desk.security import permissions
from fse_desk.security.permissions import Action


class AgendaAction(enum.Enum):
    BOOK = "book"  # book, reschedule, cancel, manage the waiting list
    UPDATE_STATUS = "update-status"  # arrived, no-show
    SIGN_REPORT = "sign-report"  # write and sign the televisit report


# Booking is allowed to whoever may book in their own agenda or in a colleague's (the
# front desk books only for others); whose agenda it is, the booking's participants say.
_IN_MATRIX: dict[AgendaAction, tuple[Action, ...]] = {
    AgendaAction.BOOK: (Action.BOOK_OWN, Action.BOOK_FOR_OTHERS),
    AgendaAction.UPDATE_STATUS: (Action.VIEW_AGENDA,),
    AgendaAction.SIGN_REPORT: (Action.SIGN_TELEVISIT_REPORT,),
}


@dataclass(frozen=True, slots=True)
class _Operator:
    role: Role


def may(role: Role, action: AgendaAction) -> bool:
    return any(permissions.allowed(_Operator(role), a) for a in _IN_MATRIX[action])


def require(role: Role, action: AgendaAction) -> None:
    """Raise :class:`~fse_desk.errors.PermissionDenied` unless the role may ``action``."""
    if not may(role, action):
        permissions.require(_Operator(role), _IN_MATRIX[action][0])
