"""Audit records written at once, sealed onto the hash chain in groups.

Sealing a record commits it to the cache: a page encrypted and written to the WAL and six
file locks, 100-200 us, most of what the audit adds to opening a document
(bench/audit_bench.py). So a record is first appended to this process's spool file: one
``write`` of an encrypted frame, in the kernel's hands at once, so a killed process loses
nothing. Within a second (:mod:`fse_desk.audit.sealer`), before any read of the trail and
at close, :meth:`AuditRepository.seal_spooled` seals the spooled records onto the chain
in one transaction and removes the file. A spool left by a crash is sealed when the trail
is next verified (at start).

Files: ``<cache>.spool/<random>.spool``, each held with an exclusive lock (``flock``; on
Windows a byte-range lock) by the process writing it, so that another process opening
the cache never seals a live spool. A frame is a 4-byte big-endian length, a 12-byte
nonce and the AES-256-GCM ciphertext of the record's fields as JSON, with the file's name
as associated data (a frame moved to another spool does not open). The key is derived
from the cache key (HKDF-SHA256): a spool is as secret as the cache, and a new cache key
starts a new spool.

What this gives up: a record reaches the chain up to a second after the access, the same
second by which the chain's head kept in the keyring already trails it. A spool deleted
within that second takes its records with it unnoticed, as a cache file put back to a
copy from a second before would.
"""

from __future__ import annotations

import json
import os
import secrets
import struct
import sys
import threading
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.hashes import SHA256
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from fse_desk.errors import AuditTampered, StoreError

Fields = tuple[str | None, ...]

if sys.platform == "win32":
    import msvcrt

    # A lock on a byte far past any spool's end: Windows locks are mandatory, and one on
    # the records would stop the owner's own reading of them.
    _LOCK_AT = 1 << 40

    def _locked(fd: int) -> bool:
        """Whether this process now holds ``fd``'s spool (False: another process does)."""
        here = os.lseek(fd, 0, os.SEEK_CUR)
        os.lseek(fd, _LOCK_AT, os.SEEK_SET)
        try:
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
        except OSError:
            return False
        finally:
            os.lseek(fd, here, os.SEEK_SET)
        return True

else:
    import fcntl

    def _locked(fd: int) -> bool:
        """Whether this process now holds ``fd``'s spool (False: another process does)."""
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            return False
        return True


_SUFFIX = ".spool"
_LENGTH = struct.Struct(">I")
_NONCE_BYTES = 12


def spool_folder(cache_path: Path) -> Path:
    """Where the spools of the cache at ``cache_path`` live (removed with the profile)."""
    return cache_path.with_name(cache_path.name + _SUFFIX)


def _spool_key(cache_key: bytes) -> AESGCM:
    derived = HKDF(SHA256(), 32, salt=None, info=b"fse-desk audit spool 1").derive(cache_key)
    return AESGCM(derived)


@dataclass
class Spooled:
    """One spool file's records, taken for sealing; the file stays locked until
    :meth:`done` (sealed: removed) or :meth:`release` (not sealed: left for later)."""

    name: str
    records: list[Fields]
    path: Path
    fd: int
    _closed: bool = field(default=False, repr=False)

    def done(self) -> None:
        # Closed before it is removed (Windows removes no open file). Another process may
        # take it in between: it finds the name among the sealed and only removes it.
        self.release()
        self.path.unlink(missing_ok=True)

    def release(self) -> None:
        if not self._closed:
            self._closed = True
            os.close(self.fd)  # drops the flock


@dataclass
class _Writing:
    path: Path
    fd: int
    frames: int = 0


class AuditSpool:
    """This process's spool of one cache, and the spools others left behind."""

    def __init__(self, folder: Path, cache_key: bytes) -> None:
        self._folder = folder
        self._aead = _spool_key(cache_key)
        self._lock = threading.Lock()
        self._writing: _Writing | None = None
        self._returned: list[Spooled] = []  # taken but not sealed (the seal failed)

    @property
    def pending(self) -> bool:
        """Whether records of this process wait to be sealed."""
        return (self._writing is not None and self._writing.frames > 0) or bool(self._returned)

    def append(self, fields: Sequence[str | None]) -> None:
        """Write one record's fields; on return it survives the process being killed."""
        plaintext = json.dumps(list(fields), separators=(",", ":")).encode()
        nonce = os.urandom(_NONCE_BYTES)
        with self._lock:
            writing = self._writing or self._start()
            sealed = self._aead.encrypt(nonce, plaintext, writing.path.name.encode())
            frame = nonce + sealed
            try:
                os.write(writing.fd, _LENGTH.pack(len(frame)) + frame)
            except OSError as exc:
                raise StoreError(
                    f"cannot write the access log's spool {writing.path}: {exc}"
                ) from exc
            writing.frames += 1

    def use_key(self, cache_key: bytes) -> None:
        """After the cache key changed: later records are written with the new one (those
        written before are read now, with the old, and wait for the next sealing)."""
        with self._lock:
            writing, self._writing = self._writing, None
            if writing is not None and writing.frames:
                self._returned.append(self._read(writing.path, writing.fd))
            elif writing is not None:
                self._close_empty(writing)
            self._aead = _spool_key(cache_key)

    def take(self) -> list[Spooled]:
        """This process's records, oldest first; new ones go to a new file meanwhile."""
        with self._lock:
            writing, self._writing = self._writing, None
            taken, self._returned = self._returned, []
        if writing is not None:
            if writing.frames == 0:
                self._close_empty(writing)
            else:
                taken.append(self._read(writing.path, writing.fd))
        return taken

    def give_back(self, spooled: list[Spooled]) -> None:
        """Records :meth:`take` gave that could not be sealed: kept for the next try."""
        with self._lock:
            self._returned = spooled + self._returned

    def leftovers(self) -> Iterator[Spooled]:
        """Spools of processes that ended before sealing them (those still held by a running
        process are skipped)."""
        if not self._folder.is_dir():
            return
        with self._lock:
            ours = {s.path for s in self._returned}
            if self._writing is not None:
                ours.add(self._writing.path)
        for path in sorted(self._folder.glob(f"*{_SUFFIX}")):
            if path in ours:
                continue
            try:
                fd = os.open(path, os.O_RDWR)
            except FileNotFoundError:
                continue  # sealed by another process meanwhile
            if not _locked(fd):
                os.close(fd)
                continue
            if not path.exists():  # sealed and removed just before we locked it
                os.close(fd)
                continue
            yield self._read(path, fd)

    # -- files ---------------------------------------------------------------------------
    def _start(self) -> _Writing:
        try:
            self._folder.mkdir(mode=0o700, exist_ok=True)
            path = self._folder / f"{secrets.token_hex(16)}{_SUFFIX}"
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_APPEND, 0o600)
        except OSError as exc:
            raise StoreError(
                f"cannot create the access log's spool in {self._folder}: {exc}"
            ) from exc
        if not _locked(fd):  # a name nobody else can have made: never
            os.close(fd)
            raise StoreError(f"the access log's new spool {path} is held by another process")
        self._writing = _Writing(path, fd)
        return self._writing

    @staticmethod
    def _close_empty(writing: _Writing) -> None:
        os.close(writing.fd)
        writing.path.unlink(missing_ok=True)

    def _read(self, path: Path, fd: int) -> Spooled:
        """The records of the spool at ``path`` (held through ``fd``)."""
        try:
            data = path.read_bytes()
        except OSError as exc:
            os.close(fd)
            raise StoreError(f"cannot read the access log's spool {path}: {exc}") from exc
        records: list[Fields] = []
        at = 0
        associated = path.name.encode()
        while at + _LENGTH.size <= len(data):
            (size,) = _LENGTH.unpack_from(data, at)
            frame = data[at + _LENGTH.size : at + _LENGTH.size + size]
            if len(frame) < size:
                break  # the last write was cut short (power lost): that record never was
            try:
                plaintext = self._aead.decrypt(
                    frame[:_NONCE_BYTES], frame[_NONCE_BYTES:], associated
                )
            except InvalidTag:
                os.close(fd)
                raise AuditTampered(
                    f"the access log's spool {path.name} was altered, or written with "
                    f"another key (record {len(records) + 1})"
                ) from None
            records.append(tuple(json.loads(plaintext)))
            at += _LENGTH.size + size
        return Spooled(path.name, records, path, fd)
