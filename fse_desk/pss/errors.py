"""The errors of publishing a PSS: branches of :class:`~fse_desk.errors.FseDeskError`.

They live here, not in :mod:`fse_desk.errors`, because they carry PSS records (the
refusal, the failed checks) and that module, the bottom layer, imports nothing.
"""

from __future__ import annotations

import enum

from fse_desk.errors import FseDeskError
from fse_desk.pss.check_issue import CheckIssue


class PublishRefusal(enum.Enum):
    """Why an operator may only read the PSS (the UI words each reason)."""

    NOT_MMG_OR_PLS = "role.not_mmg_pls"
    NOT_PATIENTS_GP = "patient.not_own_gp"


class PublishNotAllowed(FseDeskError):
    """The operator may not publish this patient's PSS; ``refusal`` says why."""

    def __init__(self, message: str, *, refusal: PublishRefusal | None) -> None:
        super().__init__(message)
        self.refusal = refusal


class PssNotPublishable(FseDeskError):
    """The PSS fails the checks before publication; ``problems`` lists every failed check."""

    def __init__(self, message: str, *, problems: tuple[CheckIssue, ...]) -> None:
        super().__init__(message)
        self.problems = problems
