"""Numbered schema migrations, recorded in ``PRAGMA user_version``.

Migration *n* takes a cache from version *n-1* to *n* in one transaction,
together with the ``user_version`` bump: it either happens entirely or not at
all. A cache written by a newer FSE Desk is refused (:class:`CacheTooNew`),
never downgraded. Published migrations are never edited: add a new one.

Tables with an external-content FTS5 index carry an ``n INTEGER PRIMARY KEY``
(the rowid) beside their text ``id``: FTS5 points at rows by rowid, and only
an INTEGER PRIMARY KEY keeps rowids stable through ``VACUUM``. ``id`` is the
key the rest of the app uses (``NOT NULL UNIQUE``, referenced by foreign keys).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from fse_desk.errors import CacheTooNew, MigrationError
from fse_desk.store._errors import DRIVER_ERRORS, mapped_errors
from fse_desk.store.database import Connection

AUDIT_UNLINKED = "audit_event: the record does not link to the last sealed record"
"""The audit trigger's refusal of a record whose ``prev_hash`` is not the chain's last hash."""


@dataclass(frozen=True, slots=True)
class Migration:
    version: int
    name: str
    statements: tuple[str, ...]


_BASE_TABLES = Migration(
    1,
    "base tables",
    (
        """CREATE TABLE patient (
            n INTEGER PRIMARY KEY,
            id TEXT NOT NULL UNIQUE,
            codice_fiscale TEXT NOT NULL UNIQUE,
            family_name TEXT NOT NULL,
            given_name TEXT NOT NULL,
            sex TEXT NOT NULL,
            birth_date TEXT NOT NULL,
            birth_place TEXT NOT NULL,
            consent TEXT NOT NULL,
            version_id TEXT NOT NULL,
            last_updated TEXT
        )""",
        """CREATE INDEX patient_by_name ON patient (
            family_name COLLATE NOCASE, given_name COLLATE NOCASE, id)""",
        """CREATE TABLE document (
            n INTEGER PRIMARY KEY,
            id TEXT NOT NULL UNIQUE,
            patient_id TEXT NOT NULL REFERENCES patient (id) ON DELETE CASCADE,
            type_code TEXT NOT NULL,
            doc_class TEXT NOT NULL,
            title TEXT NOT NULL,
            date TEXT NOT NULL,
            author TEXT NOT NULL,
            facility TEXT NOT NULL,
            content_type TEXT NOT NULL,
            body_url TEXT NOT NULL,
            master_identifier TEXT NOT NULL,
            confidentiality TEXT NOT NULL,
            version_id TEXT NOT NULL,
            last_updated TEXT
        )""",
        "CREATE INDEX document_by_patient_date ON document (patient_id, date DESC)",
        """CREATE TABLE document_body (
            document_id TEXT PRIMARY KEY REFERENCES document (id) ON DELETE CASCADE,
            content_type TEXT NOT NULL,
            data BLOB NOT NULL,
            fetched_at TEXT NOT NULL
        )""",
        """CREATE TABLE sync_cursor (
            resource_type TEXT PRIMARY KEY,
            cursor TEXT NOT NULL,
            updated_at TEXT NOT NULL
        )""",
        "CREATE TABLE setting (key TEXT PRIMARY KEY, value TEXT NOT NULL)",
        """CREATE TABLE outbox (
            id INTEGER PRIMARY KEY,
            created_at TEXT NOT NULL,
            resource_type TEXT NOT NULL,
            resource_id TEXT NOT NULL,
            method TEXT NOT NULL,
            payload TEXT NOT NULL,
            state TEXT NOT NULL DEFAULT 'pending',
            attempts INTEGER NOT NULL DEFAULT 0,
            last_error TEXT
        )""",
        "CREATE INDEX outbox_by_state ON outbox (state, id)",
    ),
)

# unicode61 folds case and strips accents ("Nicolò" = "nicolo"); prefix indexes
# make the short prefixes typed in the search box cheap.
_FTS_TOKENIZER = "tokenize = 'unicode61 remove_diacritics 2'"
# Prefix indexes make the as-you-type patient search instant; documents are searched
# within one patient, where a prefix scan is cheap, and a sync writes tens of thousands
# of them, so their index stays lean (prefix indexes doubled the sync's write time).
_FTS_OPTIONS = f"{_FTS_TOKENIZER}, prefix = '1 2 3 4'"
_PATIENT_FTS_COLUMNS = ("family_name", "given_name", "codice_fiscale", "name_compact")
_DOCUMENT_FTS_COLUMNS = ("title", "author", "facility")


def _fts_triggers(table: str, columns: Sequence[str]) -> tuple[str, ...]:
    fts = f"{table}_fts"
    cols = ", ".join(columns)
    new = ", ".join(f"new.{c}" for c in columns)
    old = ", ".join(f"old.{c}" for c in columns)
    changed = " OR ".join(f"old.{c} IS NOT new.{c}" for c in columns)
    return (
        f"""CREATE TRIGGER {fts}_insert AFTER INSERT ON {table} BEGIN
            INSERT INTO {fts} (rowid, {cols}) VALUES (new.n, {new});
        END""",
        f"""CREATE TRIGGER {fts}_delete AFTER DELETE ON {table} BEGIN
            INSERT INTO {fts} ({fts}, rowid, {cols}) VALUES ('delete', old.n, {old});
        END""",
        f"""CREATE TRIGGER {fts}_update AFTER UPDATE ON {table}
        WHEN old.n IS NOT new.n OR {changed} BEGIN
            INSERT INTO {fts} ({fts}, rowid, {cols}) VALUES ('delete', old.n, {old});
            INSERT INTO {fts} (rowid, {cols}) VALUES (new.n, {new});
        END""",
    )


_FULL_TEXT = Migration(
    2,
    "full-text search",
    (
        # "D'Angelo", "De Luca" are also found typing "dangelo", "deluca".
        """ALTER TABLE patient ADD COLUMN name_compact TEXT GENERATED ALWAYS AS (
            replace(replace(replace(family_name, ' ', ''), '''', ''), '’', '')) VIRTUAL""",
        f"""CREATE VIRTUAL TABLE patient_fts USING fts5 (
            {", ".join(_PATIENT_FTS_COLUMNS)},
            content = 'patient', content_rowid = 'n', {_FTS_OPTIONS})""",
        *_fts_triggers("patient", _PATIENT_FTS_COLUMNS),
        "INSERT INTO patient_fts (patient_fts) VALUES ('rebuild')",
        f"""CREATE VIRTUAL TABLE document_fts USING fts5 (
            {", ".join(_DOCUMENT_FTS_COLUMNS)},
            content = 'document', content_rowid = 'n', {_FTS_TOKENIZER})""",
        *_fts_triggers("document", _DOCUMENT_FTS_COLUMNS),
        "INSERT INTO document_fts (document_fts) VALUES ('rebuild')",
    ),
)

_TIMELINE = Migration(
    3,
    "timeline: access audit, reviews, document text search",
    (
        # Append-only by construction: the triggers refuse any change or removal,
        # whoever asks (the store API, a raw connection, a later migration).
        """CREATE TABLE access_audit (
            n INTEGER PRIMARY KEY,
            at TEXT NOT NULL,
            user_cf TEXT NOT NULL,
            user_name TEXT NOT NULL,
            role TEXT NOT NULL,
            patient_id TEXT NOT NULL,
            document_id TEXT,
            action TEXT NOT NULL,
            purpose TEXT NOT NULL
        )""",
        "CREATE INDEX access_audit_by_patient ON access_audit (patient_id, n)",
        """CREATE TRIGGER access_audit_no_update BEFORE UPDATE ON access_audit BEGIN
            SELECT RAISE(ABORT, 'access_audit is append-only: records cannot be changed');
        END""",
        """CREATE TRIGGER access_audit_no_delete BEFORE DELETE ON access_audit BEGIN
            SELECT RAISE(ABORT, 'access_audit is append-only: records cannot be deleted');
        END""",
        # INSERT OR REPLACE deletes without firing DELETE triggers: refuse reused keys.
        """CREATE TRIGGER access_audit_no_replace BEFORE INSERT ON access_audit
        WHEN new.n IS NOT NULL AND EXISTS (SELECT 1 FROM access_audit WHERE n = new.n) BEGIN
            SELECT RAISE(ABORT, 'access_audit is append-only: records cannot be replaced');
        END""",
        # "New since I last looked": per user and patient, the newest arrival seen.
        """CREATE TABLE document_review (
            user_cf TEXT NOT NULL,
            patient_id TEXT NOT NULL,
            seen_until TEXT NOT NULL,
            reviewed_at TEXT NOT NULL,
            PRIMARY KEY (user_cf, patient_id)
        )""",
        # Plain text of fetched bodies, for free-text search over document text.
        """CREATE TABLE document_text (
            n INTEGER PRIMARY KEY,
            document_id TEXT NOT NULL UNIQUE REFERENCES document (id) ON DELETE CASCADE,
            body TEXT NOT NULL
        )""",
        f"""CREATE VIRTUAL TABLE document_text_fts USING fts5 (
            body, content = 'document_text', content_rowid = 'n', {_FTS_OPTIONS})""",
        *_fts_triggers("document_text", ("body",)),
        "CREATE INDEX document_by_patient_class ON document (patient_id, doc_class)",
    ),
)

_OUTBOX = Migration(
    4,
    "outbox push state, vital signs recorded on the workstation",
    (
        "ALTER TABLE outbox ADD COLUMN patient_id TEXT",
        "ALTER TABLE outbox ADD COLUMN description TEXT NOT NULL DEFAULT ''",
        "ALTER TABLE outbox ADD COLUMN base_version TEXT",
        "ALTER TABLE outbox ADD COLUMN next_attempt_at TEXT",
        "ALTER TABLE outbox ADD COLUMN updated_at TEXT",
        "ALTER TABLE outbox ADD COLUMN server_version TEXT",
        "ALTER TABLE outbox ADD COLUMN conflict_payload TEXT",
        "ALTER TABLE outbox ADD COLUMN discarded_by TEXT",
        "CREATE INDEX outbox_by_resource ON outbox (resource_type, resource_id, id)",
        # No ON DELETE CASCADE: a reading is the nurse's work and must never vanish
        # with a cache clean-up; a patient with readings cannot be removed.
        """CREATE TABLE vital_reading (
            id TEXT PRIMARY KEY,
            patient_id TEXT NOT NULL REFERENCES patient (id),
            vital TEXT NOT NULL,
            value1 REAL NOT NULL,
            value2 REAL,
            effective_at TEXT NOT NULL,
            performer TEXT NOT NULL,
            performer_id TEXT,
            note TEXT NOT NULL,
            recorded_at TEXT NOT NULL
        )""",
        "CREATE INDEX vital_by_patient ON vital_reading (patient_id, effective_at DESC)",
        # Where each locally created resource lives on the server, and at which version:
        # updates are sent with If-Match on it.
        """CREATE TABLE server_ref (
            resource_type TEXT NOT NULL,
            local_id TEXT NOT NULL,
            server_id TEXT NOT NULL,
            version_id TEXT NOT NULL,
            PRIMARY KEY (resource_type, local_id)
        )""",
    ),
)

_PSS_DRAFTS = Migration(
    5,
    "PSS drafts saved as the doctor types",
    (
        # One draft per patient and author, kept as the draft's own CDA (the writer and
        # reader round-trip every value), so a crash or a closed laptop loses nothing.
        """CREATE TABLE pss_draft (
            patient_id TEXT NOT NULL REFERENCES patient (id),
            author_cf TEXT NOT NULL,
            cda BLOB NOT NULL,
            saved_at TEXT NOT NULL,
            PRIMARY KEY (patient_id, author_cf)
        )""",
    ),
)

_GP_AND_SUPERSEDED = Migration(
    6,
    "patients' own MMG/PLS, superseded document versions",
    (
        # Only the patient's own MMG/PLS may publish their PSS.
        "ALTER TABLE patient ADD COLUMN general_practitioner_id TEXT NOT NULL DEFAULT ''",
        # Replaced documents are now kept, marked; until now only current ones were cached.
        "ALTER TABLE document ADD COLUMN status TEXT NOT NULL DEFAULT 'current'",
        # Delta sync re-reads only what changed on the server since the cursor, so neither
        # the GP of an already-cached patient nor a version superseded (and dropped)
        # before this upgrade would ever arrive. Forgetting both cursors makes the next
        # sync re-read patients and documents in full, once: the traffic of a first
        # sync, resumable page by page like any other, with no change to what the user
        # sees meanwhile (rows are updated in place, reviews and bodies are kept).
        "DELETE FROM sync_cursor WHERE resource_type IN ('Patient', 'DocumentReference')",
    ),
)

_FINDINGS = Migration(
    7,
    "what each cached CDA yields for the PSS suggestions",
    (
        # Kept beside the body when it is cached, so "Aggiorna dal fascicolo" merges
        # findings instead of parsing hundreds of CDAs. A row holds for its document's
        # version_id and the fingerprint of the vocabularies it was read with; findings
        # NULL: the document is skipped (a PDF, an unreadable CDA).
        """CREATE TABLE document_findings (
            document_id TEXT PRIMARY KEY REFERENCES document (id) ON DELETE CASCADE,
            version_id TEXT NOT NULL,
            fingerprint TEXT NOT NULL,
            findings TEXT
        )""",
        # Findings describe one body: writing, replacing or removing it, by any path,
        # drops them (the app writes new findings after the body, in the same transaction).
        """CREATE TRIGGER document_findings_body_insert AFTER INSERT ON document_body BEGIN
            DELETE FROM document_findings WHERE document_id = new.document_id;
        END""",
        """CREATE TRIGGER document_findings_body_update AFTER UPDATE ON document_body BEGIN
            DELETE FROM document_findings WHERE document_id IN (old.document_id, new.document_id);
        END""",
        """CREATE TRIGGER document_findings_body_delete AFTER DELETE ON document_body BEGIN
            DELETE FROM document_findings WHERE document_id = old.document_id;
        END""",
    ),
)

_PSS_BODIES_REFETCHED = Migration(
    8,
    "PSS bodies fetched again",
    (
        # PSS documents now follow the official entry templates; a PSS body cached by an
        # earlier version may be one the demo region wrote in the old shape, which the
        # reader no longer takes. Dropping those bodies makes the next reading fetch the
        # document as the FSE holds it now (it is one request; offline, the tab says so).
        "DELETE FROM document_body WHERE document_id IN"
        " (SELECT id FROM document WHERE type_code = '60591-5')",
    ),
)

_TELEMONITORING = Migration(
    9,
    "telemonitoring plans, readings and alarm actions",
    (
        # Plans and what they point to (CarePlan, ActivityDefinition, ObservationDefinition,
        # Device) as the server sent them; Observations only by id and version, since their
        # readings are unpacked into tm_reading (a CGM day is one Observation of 288 values).
        """CREATE TABLE tm_resource (
            type TEXT NOT NULL,
            id TEXT NOT NULL,
            version_id TEXT NOT NULL,
            patient_id TEXT REFERENCES patient (id) ON DELETE CASCADE,
            json TEXT,
            PRIMARY KEY (type, id)
        )""",
        "CREATE INDEX tm_resource_by_patient ON tm_resource (patient_id, type)",
        # ``key`` is what identifies a reading across sources (the Observation's identifier),
        # so a desk reading pulled back from the FSE is the same row, not a twin.
        """CREATE TABLE tm_reading (
            key TEXT PRIMARY KEY,
            patient_id TEXT NOT NULL REFERENCES patient (id) ON DELETE CASCADE,
            parameter TEXT NOT NULL,
            at REAL NOT NULL,
            value1 REAL NOT NULL,
            value2 REAL,
            source TEXT NOT NULL,
            performer TEXT NOT NULL,
            observation_id TEXT NOT NULL
        ) WITHOUT ROWID""",
        "CREATE INDEX tm_reading_by_patient ON tm_reading (patient_id, parameter, at)",
        "CREATE INDEX tm_reading_by_observation ON tm_reading (observation_id)",
        # Resources the pull could not map: counted and kept by reference only (no content).
        """CREATE TABLE tm_quarantine (
            type TEXT NOT NULL,
            id TEXT NOT NULL,
            version_id TEXT NOT NULL,
            reason TEXT NOT NULL,
            at TEXT NOT NULL,
            PRIMARY KEY (type, id)
        )""",
        # The team's actions on alarms recorded at this desk (one FHIR Task each, kept until
        # the pull brings it back from the server); ``key`` is the Task's urn:uuid identifier.
        """CREATE TABLE tm_alarm_action (
            key TEXT PRIMARY KEY,
            alarm_key TEXT NOT NULL,
            patient_id TEXT NOT NULL REFERENCES patient (id) ON DELETE CASCADE,
            json TEXT NOT NULL,
            created_at TEXT NOT NULL
        )""",
        "CREATE INDEX tm_alarm_action_by_alarm ON tm_alarm_action (alarm_key)",
    ),
)

_SYNC_QUARANTINE = Migration(
    10,
    "quarantined server records, patients who left the practice",
    (
        # A server resource the sync could not map: kept by type, id and version (never
        # its content), listed for the user, tried again when a new version arrives.
        """CREATE TABLE sync_quarantine (
            resource_type TEXT NOT NULL,
            resource_id TEXT NOT NULL,
            version_id TEXT NOT NULL,
            reason TEXT NOT NULL,
            seen_at TEXT NOT NULL,
            PRIMARY KEY (resource_type, resource_id)
        )""",
        # When a patient moved to another MMG: their FSE data is purged at once, the row
        # stays only for what this workstation still holds of its own (unsent drafts,
        # readings, the audit trail), flagged.
        "ALTER TABLE patient ADD COLUMN departed_at TEXT",
    ),
)

_AGENDA = Migration(
    11,
    "team agenda",
    (
        # The team's agenda (issue 13): FHIR Schedules, Slots and Appointments as the
        # server last sent them or as booked here. Times are UTC text (fixed width, so
        # text order is time order); the resource keeps everything else.
        """CREATE TABLE agenda_schedule (
            id TEXT PRIMARY KEY,
            actor TEXT NOT NULL,
            display TEXT NOT NULL,
            role TEXT NOT NULL,
            resource TEXT NOT NULL
        )""",
        """CREATE TABLE agenda_slot (
            id TEXT PRIMARY KEY,
            schedule_id TEXT NOT NULL,
            start_at TEXT NOT NULL,
            end_at TEXT NOT NULL,
            status TEXT NOT NULL,
            version TEXT,
            resource TEXT NOT NULL
        )""",
        "CREATE INDEX agenda_slot_time ON agenda_slot (schedule_id, start_at)",
        """CREATE TABLE agenda_appointment (
            id TEXT PRIMARY KEY,
            start_at TEXT NOT NULL,
            end_at TEXT NOT NULL,
            status TEXT NOT NULL,
            patient_id TEXT,
            series_id TEXT,
            version TEXT,
            resource TEXT NOT NULL
        )""",
        "CREATE INDEX agenda_appointment_time ON agenda_appointment (start_at)",
        "CREATE INDEX agenda_appointment_patient ON agenda_appointment (patient_id, start_at)",
        "CREATE INDEX agenda_appointment_series ON agenda_appointment (series_id)",
        """CREATE TABLE agenda_actor (
            appointment_id TEXT NOT NULL REFERENCES agenda_appointment (id) ON DELETE CASCADE,
            actor TEXT NOT NULL,
            PRIMARY KEY (actor, appointment_id)
        ) WITHOUT ROWID""",
    ),
)

_AUDIT_CHAIN = Migration(
    12,
    "audit trail with a hash chain, any resource, outcome",
    (
        # Every record carries the hash of the one before (see fse_desk.store.audit):
        # editing, removing or reordering a record breaks the chain. The rows of the
        # older access_audit are copied without hashes, as the chain's unsealed prefix.
        """CREATE TABLE audit_event (
            n INTEGER PRIMARY KEY,
            at TEXT NOT NULL,
            user_cf TEXT NOT NULL,
            user_name TEXT NOT NULL,
            role TEXT NOT NULL,
            purpose TEXT NOT NULL,
            patient_id TEXT NOT NULL,
            document_id TEXT,
            resource TEXT,
            action TEXT NOT NULL,
            outcome TEXT NOT NULL,
            prev_hash TEXT,
            hash TEXT
        )""",
        "INSERT INTO audit_event (at, user_cf, user_name, role, purpose, patient_id, "
        "document_id, action, outcome) SELECT at, user_cf, user_name, role, purpose, "
        "patient_id, document_id, action, 'success' FROM access_audit ORDER BY n",
        "CREATE INDEX audit_event_by_patient ON audit_event (patient_id, n)",
        """CREATE TRIGGER audit_event_no_update BEFORE UPDATE ON audit_event BEGIN
            SELECT RAISE(ABORT, 'audit_event is append-only: records cannot be changed');
        END""",
        """CREATE TRIGGER audit_event_no_delete BEFORE DELETE ON audit_event BEGIN
            SELECT RAISE(ABORT, 'audit_event is append-only: records cannot be deleted');
        END""",
        """CREATE TRIGGER audit_event_no_replace BEFORE INSERT ON audit_event
        WHEN new.n IS NOT NULL AND EXISTS (SELECT 1 FROM audit_event WHERE n = new.n) BEGIN
            SELECT RAISE(ABORT, 'audit_event is append-only: records cannot be replaced');
        END""",
    ),
)

_SYNC_WITHHELD = Migration(
    13,
    "documents the server lists but the cache withholds; one quarantine for every pull",
    (
        # Documents of our patients the server lists but the cache does not keep (hidden
        # by the patient, P99): the deletion check compares the server's count of a
        # patient group's documents with what is cached plus these.
        """CREATE TABLE sync_withheld (
            id TEXT PRIMARY KEY,
            patient_id TEXT NOT NULL
        ) WITHOUT ROWID""",
        "CREATE INDEX sync_withheld_by_patient ON sync_withheld (patient_id)",
        # The telemonitoring pull quarantines into the sync's table, like every pull.
        "INSERT OR REPLACE INTO sync_quarantine (resource_type, resource_id, version_id, "
        "reason, seen_at) SELECT type, id, version_id, reason, at FROM tm_quarantine",
        "DROP TABLE tm_quarantine",
    ),
)

_TELEMEDICINE_CONSENT = Migration(
    14,
    "consents to telemedicine",
    (
        # Each decision is a row (a FHIR Consent); the latest one per patient decides.
        """CREATE TABLE telemedicine_consent (
            id TEXT PRIMARY KEY,
            patient_id TEXT NOT NULL,
            recorded_at TEXT NOT NULL,
            granted INTEGER NOT NULL,
            version TEXT,
            resource TEXT NOT NULL
        )""",
        "CREATE INDEX telemedicine_consent_patient ON telemedicine_consent"
        " (patient_id, recorded_at)",
    ),
)

_DOCUMENT_SEEN = Migration(
    15,
    "documents marked seen one by one",
    (
        # Beside the per-patient watermark (document_review): a document seen on its own,
        # with the arrival stamp it had then, so that a newer version is new again.
        """CREATE TABLE document_seen (
            user_cf TEXT NOT NULL,
            document_id TEXT NOT NULL REFERENCES document (id) ON DELETE CASCADE,
            arrived TEXT NOT NULL,
            seen_at TEXT NOT NULL,
            PRIMARY KEY (user_cf, document_id)
        ) WITHOUT ROWID""",
        "CREATE INDEX document_seen_by_document ON document_seen (document_id)",
    ),
)

_AUDIT_UNINDEXED = Migration(
    16,
    "the audit trail's link checked by a trigger, without its per-patient index",
    (
        # Every document opened appends a record and commits it; the index made each commit
        # write and encrypt a second page (about a third of the record's cost, measured by
        # bench/audit_bench.py). Only the patient's access report looks records up by
        # patient, on request: it reads the table through (about 1.4 s per million).
        "DROP INDEX audit_event_by_patient",
        # A sealed record must link to the last sealed one, whoever inserts it. The append
        # relied on INSERT … SELECT … WHERE for this, which SQLite runs through a temporary
        # table (the SELECT reads the table being written): the trigger costs a plain
        # INSERT. The message is what store/audit.py recognises (AUDIT_UNLINKED).
        f"""CREATE TRIGGER audit_event_linked BEFORE INSERT ON audit_event
        WHEN new.hash IS NOT NULL AND new.prev_hash IS NOT coalesce(
            (SELECT hash FROM audit_event WHERE hash IS NOT NULL ORDER BY n DESC LIMIT 1), ''
        ) BEGIN
            SELECT RAISE(ABORT, '{AUDIT_UNLINKED}');
        END""",
    ),
)

_AUDIT_SPOOLED = Migration(
    17,
    "the spool files already sealed onto the audit chain",
    (
        # Records are first written to a spool file and sealed onto the chain in groups
        # (fse_desk.store.audit_spool). A spool's name is written here in the transaction
        # that seals it, so a crash between that commit and the file's removal seals
        # nothing twice; the name goes once the file is gone.
        "CREATE TABLE audit_spool_sealed (name TEXT PRIMARY KEY) WITHOUT ROWID",
    ),
)

MIGRATIONS: tuple[Migration, ...] = (
    _BASE_TABLES,
    _FULL_TEXT,
    _TIMELINE,
    _OUTBOX,
    _PSS_DRAFTS,
    _GP_AND_SUPERSEDED,
    _FINDINGS,
    _PSS_BODIES_REFETCHED,
    _TELEMONITORING,
    _SYNC_QUARANTINE,
    _AGENDA,
    _AUDIT_CHAIN,
    _SYNC_WITHHELD,
    _TELEMEDICINE_CONSENT,
    _DOCUMENT_SEEN,
    _AUDIT_UNINDEXED,
    _AUDIT_SPOOLED,
)
LATEST_VERSION = MIGRATIONS[-1].version


def schema_version(conn: Connection, path: Path) -> int:
    with mapped_errors(path, "reading the schema version"):
        version: int = conn.execute("PRAGMA user_version").fetchone()[0]
    return version


def pending(
    conn: Connection,
    path: Path,
    *,
    target: int | None = None,
    migrations: Sequence[Migration] = MIGRATIONS,
) -> list[Migration]:
    """The migrations still to apply to reach ``target`` (default: the latest).

    Raises :class:`CacheTooNew` when the cache is newer than ``migrations``.
    """
    _check_numbering(migrations)
    latest = migrations[-1].version if migrations else 0
    target = latest if target is None else target
    if not 0 <= target <= latest:
        raise ValueError(f"target schema version {target} is not between 0 and {latest}")
    current = schema_version(conn, path)
    if current > latest:
        raise CacheTooNew(
            f"cache {path} has schema version {current}, but this FSE Desk knows versions "
            f"up to {latest}: it was written by a newer FSE Desk. Update FSE Desk; the "
            "cache is not downgraded and was left untouched."
        )
    return [m for m in migrations if current < m.version <= target]


def migrate(
    conn: Connection,
    path: Path,
    *,
    target: int | None = None,
    migrations: Sequence[Migration] = MIGRATIONS,
) -> int:
    """Apply the pending migrations one transaction each; return the final version.

    ``target`` stops early (tests build old caches with it). A failing migration
    is rolled back and raises :class:`MigrationError` naming it; the migrations
    before it stay applied.
    """
    for migration in pending(conn, path, target=target, migrations=migrations):
        _apply(conn, path, migration)
    return schema_version(conn, path)


def _apply(conn: Connection, path: Path, migration: Migration) -> None:
    with mapped_errors(path, f"starting migration {migration.version}"):
        conn.execute("BEGIN IMMEDIATE")
    try:
        # Another FSE Desk may have migrated while we waited for the lock.
        if conn.execute("PRAGMA user_version").fetchone()[0] >= migration.version:
            conn.execute("ROLLBACK")
            return
        for statement in migration.statements:
            conn.execute(statement)
        conn.execute(f"PRAGMA user_version = {migration.version}")
        conn.execute("COMMIT")
    except DRIVER_ERRORS as exc:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        raise MigrationError(
            f"cache {path}: migration {migration.version} ({migration.name}) failed and "
            f"was rolled back; the cache stays at version {migration.version - 1} ({exc}). "
            "Report this to support with the program version; do not delete the cache."
        ) from exc


def _check_numbering(migrations: Sequence[Migration]) -> None:
    for expected, migration in enumerate(migrations, start=1):
        if migration.version != expected:
            raise ValueError(
                f"migration {migration.name!r} is numbered {migration.version}, expected {expected}"
            )
