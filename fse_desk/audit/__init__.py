"""Permission checks and the tamper-evident audit trail of the signed-in operator."""

from fse_desk.audit.service import AccessControl, OperatorLike

__all__ = ["AccessControl", "OperatorLike"]
