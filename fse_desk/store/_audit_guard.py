"""The SQLite authorizer that keeps the audit tables out of reach of the app's own SQL.

The triggers of the audit tables refuse UPDATE and DELETE, but a connection may
drop a trigger (or the table) and then do as it likes. Every connection of the
cache therefore runs with this authorizer: SQLite asks it while preparing each
statement, and it refuses anything that would change or remove audit records or
their protection. Creating the audit tables' own triggers (the migrations do)
is the one schema change allowed on them.
"""

from __future__ import annotations

import sqlite3

AUDIT_TABLES = frozenset({"access_audit", "audit_event"})
_OWN_TRIGGERS = frozenset(
    {f"{table}_no_{what}" for table in AUDIT_TABLES for what in ("update", "delete", "replace")}
    | {"audit_event_linked"}
)

# Indexes retired by a migration: dropping one removes no record and no protection,
# only a lookup (migration 16).
_RETIRED_INDEXES = frozenset({"audit_event_by_patient"})

_TABLE_IS_ARG1 = frozenset(
    {sqlite3.SQLITE_DELETE, sqlite3.SQLITE_UPDATE, sqlite3.SQLITE_DROP_TABLE}
)
_TABLE_IS_ARG2 = frozenset(
    {
        sqlite3.SQLITE_DROP_TRIGGER,
        sqlite3.SQLITE_DROP_TEMP_TRIGGER,
        sqlite3.SQLITE_DROP_INDEX,
        sqlite3.SQLITE_ALTER_TABLE,
    }
)
_CREATE_TRIGGER = frozenset({sqlite3.SQLITE_CREATE_TRIGGER, sqlite3.SQLITE_CREATE_TEMP_TRIGGER})


def audit_authorizer(
    action: int, arg1: str | None, arg2: str | None, _db: str | None, _source: str | None
) -> int:
    """``sqlite3`` authorizer callback: SQLITE_DENY for any attack on the audit tables."""
    if action in _TABLE_IS_ARG1 and arg1 in AUDIT_TABLES:
        return sqlite3.SQLITE_DENY
    if action == sqlite3.SQLITE_DROP_INDEX and arg1 in _RETIRED_INDEXES:
        return sqlite3.SQLITE_OK
    if action in _TABLE_IS_ARG2 and arg2 in AUDIT_TABLES:
        return sqlite3.SQLITE_DENY
    # A trigger of our own making is the protection; any other (e.g. RAISE(IGNORE)
    # before each insert) could silently stop the log.
    if action in _CREATE_TRIGGER and arg2 in AUDIT_TABLES and arg1 not in _OWN_TRIGGERS:
        return sqlite3.SQLITE_DENY
    # Editing sqlite_master directly would bypass all of the above.
    if action == sqlite3.SQLITE_PRAGMA and (arg1 or "").lower() == "writable_schema":
        return sqlite3.SQLITE_DENY
    return sqlite3.SQLITE_OK
