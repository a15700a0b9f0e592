"""Who may do what in the agenda: one small rule, to be folded into the team roles.

Until team roles exist the operator's role comes from the configuration
(``[user] role``). Kept as a single table so a full permission matrix can
replace it without touching the callers.
"""

from __future__ import annotations

import enum

from fse_desk.domain.roles import Role
from fse_desk.errors import NotPermitted


class AgendaAction(enum.Enum):
    BOOK = "book"  # book, reschedule, cancel, manage the waiting list
    UPDATE_STATUS = "update-status"  # arrived, no-show
    SIGN_REPORT = "sign-report"  # write and sign the televisit report


_DOCTORS = frozenset({Role.MMG, Role.PLS, Role.SPECIALIST})
_ALLOWED: dict[AgendaAction, frozenset[Role]] = {
    AgendaAction.BOOK: frozenset(Role),
    AgendaAction.UPDATE_STATUS: frozenset(Role),
    AgendaAction.SIGN_REPORT: _DOCTORS,
}


def may(role: Role, action: AgendaAction) -> bool:
    return role in _ALLOWED[action]


def require(role: Role, action: AgendaAction) -> None:
    if not may(role, action):
        raise NotPermitted(
            f"role {role.value} may not {action.value}", role=role.value, action=action.value
        )
