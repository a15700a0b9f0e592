"""The cache key: 256 random bits kept in the OS keyring.

One key per user profile, under service ``fse-desk`` and user name
``cache-key:<profile>``, stored as 64 hex digits. The rules:

* no cache file yet → a new key is made and stored before the cache exists;
* a cache file exists but no key is found → :class:`CacheKeyMissing`. A new key
  is never made for an existing cache: it could not open it, and the next step
  would be someone deleting the doctor's offline data to "fix" it;
* no usable OS keyring → :class:`KeyringUnavailable`, unless the caller allows a
  key file (the demo profile only, which holds sandbox data): then the key lives
  in ``<cache>.key`` beside the cache, mode 0600, and the returned
  :class:`CacheKey` says so, so the app can tell the user.

A keyring that silently drops what it is given (keyring's ``null`` backend, or
a chainer with nothing to chain) counts as unavailable: the key would be lost
the moment the app closes.
"""

from __future__ import annotations

import contextlib
import enum
import os
import secrets
from dataclasses import dataclass, field
from pathlib import Path

import keyring
import keyring.backends.chainer
import keyring.backends.fail
import keyring.backends.null
from keyring.backend import KeyringBackend
from keyring.errors import KeyringError

from fse_desk.errors import CacheKeyMissing, KeyringUnavailable, SecretStoreError
from fse_desk.security.profile import validate_profile

KEYRING_SERVICE = "fse-desk"
KEY_BYTES = 32
_PROBE_USER = "availability-probe"


class KeyLocation(enum.Enum):
    """Where the cache key is kept."""

    KEYRING = "keyring"
    FILE = "file"  # demo profile only: a 0600 file beside the cache


@dataclass(frozen=True, slots=True)
class CacheKey:
    """The raw 256-bit cache key and where it lives. ``key`` never shows in ``repr``."""

    key: bytes = field(repr=False)
    location: KeyLocation
    file: Path | None = None

    def __post_init__(self) -> None:
        if len(self.key) != KEY_BYTES:
            raise ValueError(f"a cache key is {KEY_BYTES} bytes, got {len(self.key)}")
        if (self.location is KeyLocation.FILE) != (self.file is not None):
            raise ValueError("a key file path is given exactly when the key lives in a file")


def key_file_path(cache_path: Path) -> Path:
    """``<cache>.key``: where a demo profile keeps its key without a keyring."""
    return cache_path.with_name(cache_path.name + ".key")


def keyring_username(profile: str) -> str:
    return f"cache-key:{validate_profile(profile)}"


def save_cache_key(profile: str, key: bytes) -> None:
    """Replace ``profile``'s cache key in the keyring (after a key rotation)."""
    try:
        _store_in_keyring(usable_backend(), keyring_username(profile), key)
    except KeyringError as exc:
        raise SecretStoreError(f"the keyring did not take the new cache key ({exc})") from exc


def keyring_available() -> bool:
    """True when the OS keyring can really keep a secret."""
    try:
        backend = usable_backend()
        backend.get_password(KEYRING_SERVICE, _PROBE_USER)
    except (KeyringUnavailable, KeyringError):
        return False
    return True


def load_cache_key(profile: str, cache_path: Path, *, allow_file_key: bool = False) -> CacheKey:
    """Return the key of ``profile``'s cache at ``cache_path``, making one for a new cache.

    Raises :class:`KeyringUnavailable` (no usable keyring and no file key allowed)
    or :class:`CacheKeyMissing` (the cache exists, its key does not).
    """
    username = keyring_username(profile)
    key_file = key_file_path(cache_path)
    try:
        backend: KeyringBackend | None = usable_backend()
    except KeyringUnavailable:
        if not allow_file_key:
            raise
        backend = None

    if backend is not None:
        try:
            stored = backend.get_password(KEYRING_SERVICE, username)
        except KeyringError as exc:
            if not allow_file_key:
                raise _unavailable(profile, f"reading the key failed: {exc}") from exc
            backend = None
        else:
            if stored is not None:
                key = _parse_hex(stored, f"keyring entry {username!r}")
                return CacheKey(key, KeyLocation.KEYRING)

    if allow_file_key and key_file.exists():
        return CacheKey(_read_key_file(key_file), KeyLocation.FILE, key_file)

    if cache_path.exists():
        where = (
            f"the OS keyring (service {KEYRING_SERVICE!r}, user {username!r})"
            if backend is not None
            else f"the OS keyring (unavailable) nor in {key_file}"
        )
        raise CacheKeyMissing(
            f"the cache {cache_path} of profile {profile!r} exists but its key is not in "
            f"{where}. The cache cannot be opened without it: restore the keyring entry, "
            "or move the cache file aside so a new cache is made and synced again "
            "(unsent local changes in it would be lost)."
        )

    key = secrets.token_bytes(KEY_BYTES)
    if backend is not None:
        try:
            _store_in_keyring(backend, username, key)
        except KeyringError as exc:
            if not allow_file_key:
                raise _unavailable(profile, f"storing the new key failed: {exc}") from exc
        else:
            return CacheKey(key, KeyLocation.KEYRING)
    _create_key_file(key_file, key)
    return CacheKey(key, KeyLocation.FILE, key_file)


def usable_backend() -> KeyringBackend:
    backend = keyring.get_keyring()
    if isinstance(backend, keyring.backends.fail.Keyring | keyring.backends.null.Keyring):
        raise _unavailable(None, f"the active backend is {type(backend).__module__}")
    if isinstance(backend, keyring.backends.chainer.ChainerBackend) and not backend.backends:
        raise _unavailable(None, "the keyring chainer has no backend to chain")
    return backend


def _unavailable(profile: str | None, detail: str) -> KeyringUnavailable:
    who = f" for profile {profile!r}" if profile is not None else ""
    return KeyringUnavailable(
        f"no usable OS keyring{who} ({detail}). The encrypted cache key cannot be kept "
        "safely: install or unlock a keyring (Windows Credential Manager, macOS Keychain, "
        "Secret Service/KWallet on Linux) and restart FSE Desk."
    )


def _store_in_keyring(backend: KeyringBackend, username: str, key: bytes) -> None:
    backend.set_password(KEYRING_SERVICE, username, key.hex())
    # Some backends accept a secret and keep nothing; find out now, not after
    # the cache has been filled with data nobody can open again.
    if backend.get_password(KEYRING_SERVICE, username) != key.hex():
        raise KeyringError(f"the keyring did not keep the secret for {username!r}")


def _parse_hex(text: str, where: str) -> bytes:
    try:
        key = bytes.fromhex(text.strip())
    except ValueError:
        key = b""
    if len(key) != KEY_BYTES:
        raise SecretStoreError(
            f"{where} does not hold a {KEY_BYTES * 8}-bit hex key: it was altered or "
            "belongs to something else. Restore it from a backup of the keyring."
        )
    return key


def _read_key_file(path: Path) -> bytes:
    try:
        text = path.read_text(encoding="ascii")
    except (OSError, UnicodeDecodeError) as exc:
        raise SecretStoreError(f"cannot read the key file {path}: {exc}") from exc
    return _parse_hex(text, f"key file {path}")


def _create_key_file(path: Path, key: bytes) -> None:
    """Write ``path`` with mode 0600 all at once: complete or absent, never overwritten."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{secrets.token_hex(4)}.tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    try:
        with os.fdopen(fd, "w", encoding="ascii") as out:
            out.write(key.hex())
            out.flush()
            os.fsync(out.fileno())
        os.link(tmp, path)  # fails if the file appeared meanwhile: never overwrite a key
    except FileExistsError as exc:
        raise SecretStoreError(
            f"key file {path} appeared while a new key was being made; "
            "another FSE Desk may be starting on the same profile. Retry."
        ) from exc
    finally:
        with contextlib.suppress(FileNotFoundError):
            tmp.unlink()
