"""One object per signed-in operator that every service asks before touching patient data.

``require`` checks the permission matrix (:mod:`fse_desk.security.permissions`)
and, on a refusal, writes a DENIED audit record before raising; ``record``
seals a record onto the hash chain and moves the chain's head kept in the
keyring (at most once a second, :mod:`fse_desk.audit.head_keeper`). Telemonitoring
and the agenda call the same two methods, e.g.
``access.require(Action.HANDLE_ALARMS, patient, audit_as=AccessAction.HANDLE_ALARM)``.
"""

from __future__ import annotations

import enum
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Protocol

from fse_desk._types import DocumentId, PatientId
from fse_desk.audit.head_keeper import HeadKeeper
from fse_desk.audit.sealer import Sealer
from fse_desk.domain.document import DocumentClass
from fse_desk.domain.timeline import AccessAction, AccessRecord, Outcome, Purpose
from fse_desk.errors import PermissionDenied, ResourceNotFound
from fse_desk.security.audit_anchor import AuditAnchor
from fse_desk.security.permissions import Action, allowed, check_purpose, require
from fse_desk.store import CacheStore
from fse_desk.store.audit import ChainHead, ChainReport


class OperatorLike(Protocol):
    @property
    def display_name(self) -> str: ...
    @property
    def codice_fiscale(self) -> str: ...
    @property
    def role(self) -> enum.Enum: ...


class AccessControl:
    """The operator's permissions, purpose of use and audit trail over one cache."""

    def __init__(
        self,
        store: CacheStore,
        operator: OperatorLike,
        *,
        anchor: AuditAnchor | None = None,
        purpose: Purpose = Purpose.TREATMENT,
        clock: Callable[[], datetime] = lambda: datetime.now(UTC),
    ) -> None:
        """``anchor`` None: the chain is kept but its head is not kept outside the file
        (tests and tools that build a service directly)."""
        self._store = store
        self.operator = operator
        self._anchor = anchor
        self._keeper = HeadKeeper(anchor) if anchor is not None else None
        # With the head kept outside the file, records are spooled and sealed in groups
        # (fse_desk.store.audit_spool); without (tests, tools), each is sealed at once.
        self._sealer: Sealer | None = None
        if self._keeper is not None:
            store.audit.on_sealed(self._keeper.moved)
            if store.audit.spooling:
                self._sealer = Sealer(store.audit.seal_spooled)
        self._clock = clock
        self.purpose = check_purpose(operator, purpose)

    def set_purpose(self, purpose: Purpose) -> None:
        """Declare why the data is being accessed (only purposes the role allows)."""
        self.purpose = check_purpose(self.operator, purpose)

    def allowed(self, action: Action, *, doc_class: DocumentClass | None = None) -> bool:
        return allowed(self.operator, action, doc_class=doc_class, purpose=self.purpose)

    def require(
        self,
        action: Action,
        patient_id: PatientId | None = None,
        *,
        doc_class: DocumentClass | None = None,
        audit_as: AccessAction | None = None,
        document_id: DocumentId | None = None,
        resource: str | None = None,
    ) -> None:
        """Raise :class:`PermissionDenied` unless the matrix allows ``action``; a refusal
        about a patient is audited (as ``audit_as``) before it is raised."""
        try:
            require(self.operator, action, doc_class=doc_class, purpose=self.purpose)
        except PermissionDenied:
            if patient_id is not None and audit_as is not None:
                self.record(
                    patient_id,
                    audit_as,
                    document_id=document_id,
                    resource=resource,
                    outcome=Outcome.DENIED,
                )
            raise

    def record(
        self,
        patient_id: PatientId,
        action: AccessAction,
        *,
        document_id: DocumentId | None = None,
        resource: str | None = None,
        outcome: Outcome = Outcome.SUCCESS,
    ) -> None:
        """Write one audit record: who, role, purpose, patient, resource, action, outcome.

        Spooled, and sealed onto the chain within the second; inside the caller's
        transaction (or without a spool) sealed in it, so that a rollback takes it too.
        """
        op = self.operator
        record = AccessRecord(
            at=self._clock(),
            user_cf=op.codice_fiscale,
            user_name=op.display_name,
            role=str(op.role.value),
            patient_id=patient_id,
            document_id=document_id,
            action=action,
            purpose=self.purpose,
            resource=resource,
            outcome=outcome,
        )
        inside = self._store.in_transaction
        if self._sealer is not None and not inside:
            self._store.audit.spool(record)
            self._sealer.spooled()
            return
        head = self._store.audit.append(record)
        if self._keeper is None:
            return
        if inside:
            # The caller's transaction may still roll back, taking the record with it: a
            # head kept ahead of the chain would read as records cut from the file.
            self._store.on_commit(self._anchor_committed)
            return
        self._keeper.moved(head)

    def _anchor_committed(self) -> None:
        head = self._store.audit.head()
        if head is not None and self._keeper is not None:
            self._keeper.moved(head)

    def save_head(self) -> None:
        """Seal what is spooled and keep the chain's latest head in the keyring now (at
        close: not a second later)."""
        if self._sealer is not None:
            self._sealer.flush()
        if self._keeper is not None:
            self._keeper.flush()

    def access_log(self, patient_id: PatientId) -> list[AccessRecord]:
        return self._store.audit.for_patient(patient_id)

    def access_report(self, patient_id: PatientId) -> bytes:
        """The PDF "who accessed my data" for the patient (roles allowed to print it).

        The printing is itself recorded, and appears as the report's last line.
        """
        self.require(
            Action.PRINT_ACCESS_REPORT, patient_id, audit_as=AccessAction.PRINT_ACCESS_REPORT
        )
        patient = self._store.patients.get(patient_id)
        if patient is None:
            raise ResourceNotFound(f"patient {patient_id} is not in the cache", status=404)
        self.record(patient_id, AccessAction.PRINT_ACCESS_REPORT)
        # Imported here: reportlab is heavy, and every service imports this module.
        from fse_desk.audit.report import access_report_pdf

        return access_report_pdf(patient, self.access_log(patient_id), self._clock())

    def verify(self) -> ChainReport:
        """Check the whole chain against the head in the keyring (at start and on demand).

        Raises :class:`AuditTampered`. A profile without a head yet (first start
        after the upgrade) gets one now.
        """
        saved = self._anchor.load() if self._anchor is not None else None
        report = self._store.audit.verify(None if saved is None else ChainHead(*saved))
        if self._anchor is not None and saved is None and report.head is not None:
            self._anchor.save(report.head.n, report.head.hash)
        return report
