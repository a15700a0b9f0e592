"""The application facade: the one object the UI talks to.

It holds the encrypted cache, the FHIR client and the signed-in operator, and
keeps the connection status (online/offline since when, last sync, outbox).
The UI never touches SQL or HTTP; it calls these methods and gets domain
records back. Build one with :func:`fse_desk.startup.open_workstation`.
"""

from __future__ import annotations

import logging
import secrets
import threading
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import UTC, datetime, timedelta
from pathlib import Path

import keyring

from fse_desk._types import DocumentId, PatientId
from fse_desk.audit import AccessControl
from fse_desk.audit.fhir_export import accepts_audit_events, queue_audit_events
from fse_desk.connectors.agenda_pull import pull_agenda
from fse_desk.connectors.fhir_client import FhirClient
from fse_desk.connectors.gateway import GatewayClient
from fse_desk.connectors.gateway_jwt import ApplicationIdentity, xon
from fse_desk.connectors.gateway_push import NO_GATEWAY
from fse_desk.connectors.push import OutboxPusher, PushSummary
from fse_desk.connectors.sync import LAST_SYNC_KEY, SyncEngine, SyncSummary
from fse_desk.connectors.telemonitoring_pull import TelemonitoringPull, TelemonitoringSummary
from fse_desk.domain.document import DocumentMeta
from fse_desk.domain.patient import Patient
from fse_desk.domain.roles import Role
from fse_desk.domain.scheduling import Appointment
from fse_desk.domain.timeline import Purpose
from fse_desk.errors import (
    AuditTampered,
    CertificateError,
    ConfigError,
    ConnectorError,
    ResourceNotFound,
)
from fse_desk.events import Event
from fse_desk.imaging.service import ImagingService
from fse_desk.outbox import OutboxService
from fse_desk.patient_context import PatientContext
from fse_desk.progress import CancelToken, Progress, drive
from fse_desk.pss.drafting import PssSigner, patient_info
from fse_desk.pss.publication import PssPublisher
from fse_desk.pss.refresh import FindingsIndexer
from fse_desk.pss.service import PssService
from fse_desk.scheduling.permissions import AgendaAction, require
from fse_desk.scheduling.report import TelevisitReport, draft_report
from fse_desk.scheduling.report_publication import queue_report
from fse_desk.scheduling.service import AgendaService
from fse_desk.scheduling.telemonitoring_report import (
    RilevazioneReport,
    draft_rilevazione,
    queue_rilevazione,
)
from fse_desk.scheduling.video import RoomUser, VideoServer, room_url
from fse_desk.security.audit_anchor import AuditAnchor
from fse_desk.security.certificates import OperatorCredentials
from fse_desk.security.permissions import purposes_for
from fse_desk.security.profiles import RoleSource
from fse_desk.security.redaction import PATIENT_DATA_FILTER
from fse_desk.security.secrets import KEYRING_SERVICE, CacheKey, KeyLocation, save_cache_key
from fse_desk.security.signing_key import SigningKey
from fse_desk.store import CacheStore
from fse_desk.store.sync_records import QuarantinedRecord
from fse_desk.telemonitoring.inbox import AlarmInbox
from fse_desk.telemonitoring.service import PatientTelemonitoring, TelemonitoringService
from fse_desk.timeline import TimelineService
from fse_desk.vitals import VitalsService

OFFLINE_SINCE_KEY = "offline_since"
# The agenda kept in the cache: some weeks of history, the months ahead.
AGENDA_PAST = timedelta(weeks=6)
AGENDA_AHEAD = timedelta(weeks=16)
DEMO_VIDEO_SERVER = VideoServer("https://meet.jit.si")
_log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class Operator:
    """The signed-in user."""

    display_name: str
    codice_fiscale: str
    role: Role
    practitioner_id: str | None
    profile: str
    signer: PssSigner | None = None  # author and custodian of the PSS they write
    # Who vouches for ``role``: the region (PractitionerRole) or this workstation's
    # administrator; None when the role is only what the configuration file says.
    role_source: RoleSource | None = None


@dataclass(frozen=True, slots=True)
class SyncReport:
    pushed: PushSummary
    pulled: SyncSummary
    telemonitoring: TelemonitoringSummary | None = None


@dataclass(frozen=True, slots=True)
class ConnectionStatus:
    """What the status area shows. ``online`` is None until the first attempt."""

    online: bool | None
    offline_since: datetime | None
    last_sync_at: datetime | None
    outbox_pending: int
    syncing: bool = False
    # The last sync attempt failed or was cancelled: the cache may be partly
    # updated, and is current only as of ``last_sync_at`` (see fse_desk.freshness).
    last_sync_failed: bool = False
    unreadable: int = 0
    """Server records the sync quarantined; listed by :meth:`Workstation.unreadable_records`."""


class Workstation:
    """Facade over the cache, the regional FHIR server and the operator session."""

    def __init__(
        self,
        *,
        store: CacheStore,
        client: FhirClient,
        operator: Operator,
        cache_key: CacheKey,
        demo: bool,
        on_close: Callable[[], None] | None = None,
        credentials: Callable[[], OperatorCredentials] | None = None,
        vocabulary_dir: Path | None = None,
        gateway_url: str | None = None,
        gateway_validation: bool = False,
        video_server: VideoServer = DEMO_VIDEO_SERVER,
        audit_anchor: AuditAnchor | None = None,
        signing: SigningKey | None = None,
    ) -> None:
        self._store = store
        self._client = client
        self.operator = operator
        self.demo = demo
        self.cache_key_in_file = cache_key.location is KeyLocation.FILE
        self._cache_key = cache_key.key
        self._on_close = on_close
        self._credentials = credentials
        # The PSS is signed only with a key unlocked by its passphrase in this session;
        # without a SigningKey (the demo, tests) ``credentials`` count as unlocked.
        self.signing = signing if signing is not None else SigningKey(unlocked=credentials)
        # The FSE 2.0 gateway that publishes the PSS; None: publishing is unavailable.
        self.gateway_base_url = gateway_url
        # Only the region's validation environment answers GET /status/{workflow}.
        self._gateway_status = gateway_validation
        # Every service checks the role and audits through this one object.
        self.access = AccessControl(store, operator, anchor=audit_anchor)
        self.timeline = TimelineService(
            store,
            client,
            operator,
            read_findings=FindingsIndexer(vocabulary_dir),
            access=self.access,
        )
        self.pss = PssService(
            store,
            self.timeline,
            signer=operator.signer,
            vocabulary_dir=vocabulary_dir,
            operator=operator,
            publisher=PssPublisher(
                store,
                self.signing.credentials,
                gateway_url,
                on_queued=self._on_local_change,
                purpose=lambda: self.access.purpose,
            ),
            signing=self.signing,
        )
        self.imaging = ImagingService(
            documents=self.documents, document_body=self.document_body, access=self.access
        )
        self._sync_lock = threading.Lock()
        self._status_lock = threading.RLock()
        self.status_changed: Event[ConnectionStatus] = Event()
        self.patients_changed: Event[None] = Event()
        self.purpose_changed: Event[Purpose] = Event()
        # The one patient on screen: every patient-bound view follows it.
        self.patient_context = PatientContext()
        # Fired after a local change is queued: the UI pushes soon and refreshes its lists.
        self.local_change_queued: Event[None] = Event()
        self.vitals = VitalsService(store, self.access, on_queued=self._on_local_change)
        self.telemonitoring = TelemonitoringService(store)
        self.alarm_inbox = AlarmInbox(
            store, self.telemonitoring, operator.display_name, self._on_local_change
        )
        self.outbox = OutboxService(store, self.access, self._on_local_change)
        self.agenda = AgendaService(
            store, operator.role, operator.display_name, on_change=self._on_local_change
        )
        self.video_server = video_server
        self._mask_patients_in_logs()
        self.patients_changed.connect(self._mask_patients_in_logs)
        # The audit chain checked at start; the UI warns while this is set.
        self.audit_problem: AuditTampered | None = None
        self.verify_audit()
        self._status = ConnectionStatus(
            online=None,
            offline_since=_parse(store.sync_state.get(OFFLINE_SINCE_KEY)),
            last_sync_at=_parse(store.sync_state.get(LAST_SYNC_KEY)),
            outbox_pending=store.outbox.count_pending(),
            unreadable=store.sync_records.quarantine_count(),
        )

    # -- purpose of use -----------------------------------------------------------
    @property
    def purpose(self) -> Purpose:
        """Why the operator is consulting the FSE now: recorded with each audited access
        and carried by the gateway JWT of what they publish."""
        return self.access.purpose

    @property
    def purposes(self) -> tuple[Purpose, ...]:
        """The purposes the operator's role may declare, treatment (the default) first."""
        return purposes_for(self.operator)

    def set_purpose(self, purpose: Purpose) -> None:
        """Declare another purpose (:class:`PermissionDenied` unless the role allows it)."""
        if purpose is not self.access.purpose:
            self.access.set_purpose(purpose)
            self.purpose_changed.emit(purpose)

    # -- reading the cache (works the same online and offline) ------------------
    def search_patients(self, text: str, limit: int = 200) -> list[Patient]:
        return self._store.patients.search(text, limit=limit)

    def patient(self, patient_id: PatientId) -> Patient | None:
        return self._store.patients.get(patient_id)

    def patient_count(self) -> int:
        return self._store.patients.count()

    def documents(self, patient_id: PatientId) -> list[DocumentMeta]:
        return self._store.documents.list_for_patient(patient_id)

    def document_body(self, document_id: DocumentId) -> tuple[str, bytes]:
        """The body of a document: from the cache, or fetched once and then cached."""
        cached = self._store.bodies.get(document_id)
        if cached is not None:
            return cached
        meta = self._store.documents.get(document_id)
        if meta is None:
            raise ResourceNotFound(f"document {document_id} is not in the cache", status=404)
        content_type, data = self.timeline.fetch_body(meta)
        return self.timeline.cache_body(meta, content_type, data), data

    def rotate_cache_key(self) -> None:
        """A new random key for the cache (``PRAGMA rekey``), kept in the keyring.

        Should the keyring refuse the new key, the file is put back under the old one.
        """
        if self.cache_key_in_file:
            raise ConfigError("a demo cache keyed by a file keeps its key: nothing to rotate")
        old, new = self._cache_key, secrets.token_bytes(len(self._cache_key))
        self._store.rekey(new)
        try:
            save_cache_key(self.operator.profile, new)
        except BaseException:
            self._store.rekey(old)
            raise
        self._cache_key = new

    def _mask_patients_in_logs(self, _changed: None = None) -> None:
        """Tell the logging filter the names and codici fiscali of the cached patients."""
        # Every cached patient, those who left the practice too.
        PATIENT_DATA_FILTER.set_terms(t for names in self._store.patients.names() for t in names)

    def verify_audit(self) -> bool:
        """Check the audit trail's hash chain and its head in the keyring (also on demand).

        False (and ``audit_problem`` set, the reason logged) when it was tampered with.
        """
        try:
            self.access.verify()
        except AuditTampered as exc:
            _log.error("audit trail check failed: %s", exc)
            self.audit_problem = exc
            return False
        self.audit_problem = None
        return True

    # -- status -------------------------------------------------------------------
    @property
    def status(self) -> ConnectionStatus:
        return self._status

    def _update_status(self, change: Callable[[ConnectionStatus], ConnectionStatus]) -> None:
        """Apply ``change`` to the current status and announce the result if it differs.

        The sync worker and the GUI thread (a queued PSS or vitals reading) both
        update the status: the read-modify-write and the emission happen under one
        lock, so no update is lost and listeners see the states in order. The lock
        is re-entrant: a listener may read or update the status itself.
        """
        with self._status_lock:
            status = change(self._status)
            if status != self._status:
                self._status = status
                self.status_changed.emit(status)

    def _went_offline(self, *, sync_failed: bool = False) -> None:
        now = datetime.now(UTC)
        with self._status_lock:
            since = self._status.offline_since or now
            self._store.sync_state.set(OFFLINE_SINCE_KEY, since.isoformat())
            self._update_status(
                lambda s: replace(
                    s,
                    online=False,
                    offline_since=since,
                    syncing=False,
                    last_sync_failed=s.last_sync_failed or sync_failed,
                )
            )

    def _went_online(self, synced: bool) -> None:
        self._store.sync_state.set(OFFLINE_SINCE_KEY, "")
        last = _parse(self._store.sync_state.get(LAST_SYNC_KEY)) if synced else None
        pending = self._store.outbox.count_pending()
        unreadable = self._store.sync_records.quarantine_count()
        self._update_status(
            lambda s: replace(
                s,
                unreadable=unreadable,
                online=True,
                offline_since=None,
                syncing=False,
                last_sync_at=last or s.last_sync_at,
                last_sync_failed=s.last_sync_failed and not synced,
                outbox_pending=pending,
            )
        )

    def _on_local_change(self) -> None:
        pending = self._store.outbox.count_pending()
        self._update_status(lambda s: replace(s, outbox_pending=pending))
        self.local_change_queued.emit(None)

    def unreadable_records(self) -> list[QuarantinedRecord]:
        """The server records the sync quarantined (type, id, version, reason), oldest first."""
        return self._store.sync_records.quarantined()

    def check_connection(self) -> bool:
        """Ask the server for its CapabilityStatement; update the status."""
        try:
            self._client.capabilities(fresh=True)
        except ConnectorError:
            self._went_offline()
            return False
        self._went_online(synced=False)
        return True

    # -- sync -----------------------------------------------------------------------
    def sync(
        self, report: Callable[[Progress], None] | None = None, cancel: CancelToken | None = None
    ) -> SyncReport:
        """Push the outbox, then pull the regional FSE into the cache (one at a time).

        The access log not yet exported is queued first, when the region accepts
        AuditEvents (its CapabilityStatement lists their create).

        Raises ConnectorError when the server cannot be reached (the status
        turns offline) and Cancelled when the user cancels (work done is kept).
        """
        with self._sync_lock:
            self._update_status(lambda s: replace(s, syncing=True))
            try:
                # The access log goes with the changes, where the region collects it.
                if accepts_audit_events(self._client.capabilities()):
                    queue_audit_events(self._store)
                pusher = OutboxPusher(
                    self._store,
                    self._client,
                    gateway=self.gateway_client,
                    gateway_status=self._gateway_status,
                )
                pushed = drive(pusher.push(cancel), report)
                pulled = drive(
                    SyncEngine(
                        self._store, self._client, practitioner_id=self.operator.practitioner_id
                    ).pull(cancel),
                    report,
                )
                # Plans, devices and readings of the patients just synced (patient-scoped).
                telemonitoring = drive(
                    TelemonitoringPull(self._store, self._client).pull(cancel), report
                )
                now = datetime.now(UTC)
                pull_agenda(
                    self._client, self._store, start=now - AGENDA_PAST, end=now + AGENDA_AHEAD
                )
                # Bodies cached before findings were kept (or before a vocabulary import)
                # are read now, in the background sync, not on the doctor's first click.
                drive(self.pss.index_cached_bodies(cancel), report)
            except ConnectorError:
                self._went_offline(sync_failed=True)
                raise
            except BaseException:
                pending = self._store.outbox.count_pending()
                self._update_status(
                    lambda s: replace(
                        s, syncing=False, last_sync_failed=True, outbox_pending=pending
                    )
                )
                raise
            self._went_online(synced=True)
            if pulled.patients or pulled.consents:
                self.patients_changed.emit(None)
            return SyncReport(pushed, pulled, telemonitoring)

    # -- televisits -----------------------------------------------------------------
    def room_link(self, appointment: Appointment, *, for_patient: bool) -> str:
        """The video room's link for the operator (moderator) or the patient; with the
        server's JWT when it requires one (its secret in the keyring, never in files)."""
        if not appointment.room:
            raise ConfigError(f"appointment {appointment.id} is not a remote visit: no room")
        self.agenda.require_consent(appointment)  # no video visit without it
        secret = None
        if self.video_server.app_id is not None:
            username = f"jitsi-secret:{self.operator.profile}"
            secret = keyring.get_password(KEYRING_SERVICE, username)
            if not secret:
                raise ConfigError(
                    f"the video server needs a JWT secret: store it in the keyring "
                    f"(service {KEYRING_SERVICE}, user {username})"
                )
        user = (
            RoomUser("patient", "Paziente")
            if for_patient
            else RoomUser(
                self.operator.practitioner_id or self.operator.profile,
                self.operator.display_name,
                moderator=True,
            )
        )
        return room_url(
            self.video_server,
            appointment.room,
            user=user,
            secret=secret,
            visit_end=appointment.end,
        )

    def draft_televisit_report(self, appointment_id: str) -> TelevisitReport:
        """A report drafted from the appointment, by the signed-in doctor."""
        require(self.operator.role, AgendaAction.SIGN_REPORT)
        appointment = self.agenda.get(appointment_id)
        patient_ref = appointment.patient if appointment is not None else None
        patient = self.patient(PatientId(patient_ref.reference[8:])) if patient_ref else None
        if appointment is None or patient is None or self.operator.signer is None:
            raise ConfigError(
                f"appointment {appointment_id}: its patient or the operator's signing "
                "identity (name, practice) is missing"
            )
        signer = self.operator.signer
        consent = self.agenda.consent(patient.id)
        return draft_report(
            appointment,
            patient_info(patient),
            signer.author,
            signer.custodian,
            now=datetime.now(UTC),
            consent_recorded=consent is not None and consent.granted,
        )

    def publish_televisit_report(self, report: TelevisitReport) -> int:
        """Sign and queue the report for the gateway (works offline); the outbox entry."""
        booked = report.appointment.patient
        patient = self.patient(PatientId(booked.reference[8:])) if booked else None
        if patient is None:
            raise ConfigError("the report's patient is not in the cache")
        entry = queue_report(
            self._store,
            self.signing.credentials,  # unlocked by its passphrase in this session
            self.gateway_base_url,
            report,
            patient,
            self.operator.role,
            self.access.purpose,
        )
        self._on_local_change()
        return entry

    def draft_telemonitoring_report(self, view: PatientTelemonitoring) -> RilevazioneReport:
        """The "Report rilevazione" of the last 30 days of ``view``, by the signed-in doctor."""
        require(self.operator.role, AgendaAction.SIGN_REPORT)
        patient = self.patient(view.patient_id)
        if patient is None or self.operator.signer is None:
            raise ConfigError(
                "the telemonitoring report's patient or the operator's signing identity "
                "(name, practice) is missing"
            )
        signer = self.operator.signer
        return draft_rilevazione(
            view, patient, signer.author, signer.custodian, now=datetime.now(UTC)
        )

    def publish_telemonitoring_report(self, report: RilevazioneReport) -> int:
        """Sign and queue the report for the gateway (works offline); the outbox entry."""
        require(self.operator.role, AgendaAction.SIGN_REPORT)
        patient = self.patient(report.patient_id)
        if patient is None:
            raise ConfigError("the report's patient is not in the cache")
        entry = queue_rilevazione(
            self._store,
            self.signing.credentials,  # unlocked by its passphrase in this session
            self.gateway_base_url,
            report,
            patient,
            self.access.purpose,
        )
        self._on_local_change()
        return entry

    @property
    def fhir_base_url(self) -> str:
        return self._client.base_url

    def signing_credentials(self) -> OperatorCredentials:
        """The operator's signing certificate (for the PSS PDF and the gateway JWTs).

        Loaded when needed, not at start-up: the key unlocked in this session if any, else
        opened with the passphrase in the keyring (the outbox's background pushes).
        """
        if self.signing.unlocked:
            return self.signing.credentials()
        if self._credentials is None:
            raise CertificateError(
                'no signing certificate is configured: add certificate = "<file.p12>" to '
                "the [user] section and store its passphrase in the keyring"
            )
        return self._credentials()

    def gateway_client(self) -> GatewayClient:
        """A client of the FSE 2.0 gateway signed with the operator's certificate (close it).

        The JWTs carry the operator's role as ``subject_role``. Raises
        :class:`ConfigError` when no gateway is configured or the role publishes nothing, and the
        :class:`CertificateError` of :meth:`signing_credentials`.
        """
        if self.gateway_base_url is None:
            raise ConfigError(NO_GATEWAY)
        signer = self.operator.signer
        locality = (
            xon(signer.custodian.name, signer.custodian.id, signer.custodian.id_root)
            if (signer is not None)
            else ""
        )
        # The JWT's subject_role is the signed-in operator's, never a fixed APR.
        identity = ApplicationIdentity(
            subject_role=self.operator.role.subject_role, locality=locality
        )
        return GatewayClient(
            self.gateway_base_url,
            self.signing_credentials(),
            identity,
            tls=self._client.tls,
            limits=self._client.limits,
        )

    def close(self) -> None:
        self.access.save_head()
        self.imaging.close()
        self._client.close()
        self._store.close()
        if self._on_close is not None:
            self._on_close()


def _parse(text: str | None) -> datetime | None:
    return datetime.fromisoformat(text) if text else None
