"""The one boundary where sqlite3/sqlcipher3 errors become FSE Desk errors."""

from __future__ import annotations

import errno
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import sqlcipher3.dbapi2 as sqlcipher

from fse_desk.errors import StoreError, StoreFull, StoreLocked, StoreReadOnly, WrongKey

# SQLCipher is the store's driver; the stdlib ``sqlite3`` twin has its own
# exception classes and is mapped the same way, should one ever cross here.
DRIVER_ERRORS: tuple[type[Exception], ...] = (sqlcipher.Error, sqlite3.Error)
_MAPPED_ERRORS: tuple[type[Exception], ...] = (*DRIVER_ERRORS, OSError)

# Primary result codes (https://sqlite.org/rescode.html).
_PERM, _BUSY, _LOCKED, _READONLY, _CANTOPEN, _FULL, _NOTADB = 3, 5, 6, 8, 14, 13, 26

_FULL_ERRNOS = {errno.ENOSPC, errno.EDQUOT} if hasattr(errno, "EDQUOT") else {errno.ENOSPC}
_READONLY_ERRNOS = {errno.EACCES, errno.EPERM, errno.EROFS}


def translate(exc: Exception, path: Path, action: str) -> StoreError:
    """The :class:`StoreError` subclass for ``exc``, with a message saying what to do."""
    code = getattr(exc, "sqlite_errorcode", None)
    primary = code & 0xFF if isinstance(code, int) else None
    text = str(exc)
    lowered = text.lower()
    where = f"cache {path}: {action} failed ({text})"
    if isinstance(exc, OSError):
        if exc.errno in _FULL_ERRNOS:
            primary = _FULL
        elif exc.errno in _READONLY_ERRNOS:
            primary = _READONLY
    if primary == _FULL or "disk is full" in lowered:
        return StoreFull(
            f"{where}: the disk (or the cache's size limit) is full. Free some disk space "
            "and retry; data saved before this operation is intact."
        )
    if primary in (_READONLY, _PERM, _CANTOPEN) or "readonly database" in lowered:
        return StoreReadOnly(
            f"{where}: the cache file or its folder cannot be written. Check the "
            "permissions of the file and its folder, and that the disk is not read-only."
        )
    if primary in (_BUSY, _LOCKED) or "database is locked" in lowered:
        return StoreLocked(
            f"{where}: another program or FSE Desk window holds the cache. Close it and retry."
        )
    if primary == _NOTADB or "file is not a database" in lowered:
        return WrongKey(
            f"{where}: the key does not open this file, or it is not an FSE Desk cache. "
            "The file was left untouched: restore the key this cache was made with, or "
            "move the file aside to start a new cache."
        )
    return StoreError(f"{where}.")


@contextmanager
def mapped_errors(path: Path, action: str) -> Iterator[None]:
    """Re-raise driver and OS errors inside the block as :class:`StoreError` subclasses."""
    try:
        yield
    except _MAPPED_ERRORS as exc:
        raise translate(exc, path, action) from exc
