"""The permission matrix: which role may do what, checked by the core for every action.

Services call :func:`require` before they act (the UI only mirrors the answer to
grey out buttons); a refusal raises :class:`PermissionDenied`, whose Italian text
is in ``fse_desk_ui/messages.py``. Reading a document depends on its FSE class as well:
a social worker reads exemptions, appointment reminders and care plans, not
clinical reports. Purpose of use is checked here too: treatment for everyone,
the others only for the roles listed in :data:`PURPOSES`.

The matrix is one table so that a review reads it at a glance, and the tests
walk every cell of it through the services.
"""

from __future__ import annotations

import enum
from typing import Protocol

from fse_desk.domain.document import DocumentClass
from fse_desk.domain.roles import Role
from fse_desk.domain.timeline import Purpose
from fse_desk.errors import PermissionDenied


class Action(enum.Enum):
    """What an operator may try to do with a patient's data."""

    VIEW_TIMELINE = "view_timeline"
    READ_DOCUMENT = "read_document"  # per document class, see READABLE
    VIEW_VITALS = "view_vitals"
    RECORD_VITALS = "record_vitals"
    WRITE_PSS = "write_pss"  # drafts and suggestions
    PUBLISH_PSS = "publish_pss"  # sign and publish
    SIGN_TELEVISIT_REPORT = "sign_televisit_report"
    VIEW_AGENDA = "view_agenda"
    BOOK_OWN = "book_own"  # televisits the operator takes part in
    BOOK_FOR_OTHERS = "book_for_others"  # televisits in another professional's agenda
    VIEW_TELEMONITORING = "view_telemonitoring"
    HANDLE_ALARMS = "handle_alarms"  # acknowledge and resolve telemonitoring alarms
    DISCARD_OUTBOX = "discard_outbox"
    VIEW_IMAGES = "view_images"
    EXPORT_IMAGES = "export_images"
    PRINT_ACCESS_REPORT = "print_access_report"  # the patient's "who saw my data"


_ALL = frozenset(Role)
_CLINICIANS = frozenset({Role.MMG, Role.PLS, Role.SPECIALIST, Role.NURSE})
_DOCTORS = frozenset({Role.MMG, Role.PLS, Role.SPECIALIST})
_GPS = frozenset({Role.MMG, Role.PLS})

MATRIX: dict[Action, frozenset[Role]] = {
    Action.VIEW_TIMELINE: _ALL,  # each sees only the classes READABLE lets them
    Action.READ_DOCUMENT: _ALL,
    Action.VIEW_VITALS: _CLINICIANS,
    Action.RECORD_VITALS: _CLINICIANS,
    Action.WRITE_PSS: _GPS,
    Action.PUBLISH_PSS: _GPS,
    Action.SIGN_TELEVISIT_REPORT: _DOCTORS,
    Action.VIEW_AGENDA: _ALL,
    Action.BOOK_OWN: _CLINICIANS | {Role.SOCIAL_WORKER},
    Action.BOOK_FOR_OTHERS: _GPS | {Role.NURSE, Role.ADMIN_STAFF},
    Action.VIEW_TELEMONITORING: _CLINICIANS,
    Action.HANDLE_ALARMS: _CLINICIANS,
    # Discarding gives up a clinical change for good: only who may make such changes.
    Action.DISCARD_OUTBOX: _CLINICIANS,
    Action.VIEW_IMAGES: _CLINICIANS,
    Action.EXPORT_IMAGES: _DOCTORS,
    Action.PRINT_ACCESS_REPORT: _GPS | {Role.ADMIN_STAFF},
}

_EVERY_CLASS = frozenset(DocumentClass)
_SOCIAL = frozenset({DocumentClass.ESE, DocumentClass.PRO, DocumentClass.PDC})

READABLE: dict[Role, frozenset[DocumentClass]] = {
    Role.MMG: _EVERY_CLASS,
    Role.PLS: _EVERY_CLASS,
    Role.SPECIALIST: _EVERY_CLASS,
    Role.NURSE: _EVERY_CLASS,
    Role.SOCIAL_WORKER: _SOCIAL,
    Role.ADMIN_STAFF: frozenset({DocumentClass.ESE, DocumentClass.PRO}),
}

# Treatment first: it is every role's default. Emergency access is for who treats; public
# health (vaccinations, screening) for GPs and nurses; administrative work for the front desk.
PURPOSES: dict[Role, tuple[Purpose, ...]] = {
    Role.MMG: (Purpose.TREATMENT, Purpose.EMERGENCY, Purpose.PUBLIC_HEALTH),
    Role.PLS: (Purpose.TREATMENT, Purpose.EMERGENCY, Purpose.PUBLIC_HEALTH),
    Role.SPECIALIST: (Purpose.TREATMENT, Purpose.EMERGENCY),
    Role.NURSE: (Purpose.TREATMENT, Purpose.EMERGENCY, Purpose.PUBLIC_HEALTH),
    Role.SOCIAL_WORKER: (Purpose.TREATMENT,),
    Role.ADMIN_STAFF: (Purpose.TREATMENT, Purpose.SYSADMIN),
}


class HasRole(Protocol):
    @property
    def role(self) -> enum.Enum: ...


def _role(operator: HasRole) -> Role:
    role = operator.role
    if not isinstance(role, Role):
        raise TypeError(f"operator role {role!r} is not a Role")
    return role


def allowed(
    operator: HasRole,
    action: Action,
    *,
    doc_class: DocumentClass | None = None,
    purpose: Purpose = Purpose.TREATMENT,
) -> bool:
    """Whether the matrix lets ``operator`` do ``action`` (on ``doc_class``) for ``purpose``."""
    role = _role(operator)
    if role not in MATRIX[action] or purpose not in PURPOSES[role]:
        return False
    return doc_class is None or doc_class in READABLE[role]


def require(
    operator: HasRole,
    action: Action,
    *,
    doc_class: DocumentClass | None = None,
    purpose: Purpose = Purpose.TREATMENT,
) -> None:
    """Raise :class:`PermissionDenied` unless :func:`allowed`."""
    if allowed(operator, action, doc_class=doc_class, purpose=purpose):
        return
    role = _role(operator)
    what = action.value if doc_class is None else f"{action.value} of class {doc_class.value}"
    raise PermissionDenied(
        f"role {role.value} may not {what} for purpose {purpose.value}",
        action=action.value,
        role=role.value,
        doc_class=None if doc_class is None else doc_class.value,
        purpose=purpose.value,
    )


def readable_classes(operator: HasRole) -> frozenset[DocumentClass]:
    return READABLE[_role(operator)]


def purposes_for(operator: HasRole) -> tuple[Purpose, ...]:
    """The purposes of use ``operator``'s role may declare, treatment (the default) first."""
    return PURPOSES[_role(operator)]


def check_purpose(operator: HasRole, purpose: Purpose) -> Purpose:
    """``purpose`` if the operator's role may declare it, else :class:`PermissionDenied`."""
    role = _role(operator)
    if purpose not in PURPOSES[role]:
        raise PermissionDenied(
            f"role {role.value} may not access data for purpose {purpose.value}",
            action="declare_purpose",
            role=role.value,
            purpose=purpose.value,
        )
    return purpose
