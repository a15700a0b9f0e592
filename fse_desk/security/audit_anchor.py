"""The audit chain's head, kept outside the cache file so cutting the file shows.

The keyring keeps ``<n>:<hash>`` of the last sealed audit record of each profile.
A cache put back to an older copy, or with its last records cut off, no longer
contains that record, and the verification at start says so. A demo profile
without a keyring keeps the head in a file beside the cache (weaker: whoever
replaces the cache can replace that file too).
"""

from __future__ import annotations

from pathlib import Path

from keyring.errors import KeyringError

from fse_desk.errors import KeyringUnavailable, SecretStoreError
from fse_desk.security.profile import validate_profile
from fse_desk.security.secrets import KEYRING_SERVICE, usable_backend


def anchor_username(profile: str) -> str:
    return f"audit-head:{validate_profile(profile)}"


class AuditAnchor:
    """Reads and writes one profile's chain head (``n``, ``hash``)."""

    def __init__(self, profile: str, fallback_file: Path | None = None) -> None:
        self._username = anchor_username(profile)
        self._file = fallback_file

    def load(self) -> tuple[int, str] | None:
        text = self._read()
        if not text:
            return None
        n, _, digest = text.partition(":")
        if not n.isdigit() or len(digest) != 64:
            raise SecretStoreError(f"the audit head kept for {self._username} is not readable")
        return int(n), digest

    def save(self, n: int, digest: str) -> None:
        text = f"{n}:{digest}"
        try:
            usable_backend().set_password(KEYRING_SERVICE, self._username, text)
        except KeyringUnavailable:
            if self._file is None:
                raise
            self._file.write_text(text, encoding="ascii")
        except KeyringError as exc:
            raise SecretStoreError(f"the keyring refused the audit head ({exc})") from exc

    def forget(self) -> None:
        """Remove the head (the profile is removed from this computer)."""
        try:
            backend = usable_backend()
            if backend.get_password(KEYRING_SERVICE, self._username) is not None:
                backend.delete_password(KEYRING_SERVICE, self._username)
        except KeyringUnavailable:
            pass  # no keyring on this computer: it holds no head to remove
        if self._file is not None:
            self._file.unlink(missing_ok=True)

    def _read(self) -> str | None:
        try:
            return usable_backend().get_password(KEYRING_SERVICE, self._username)
        except KeyringUnavailable:
            if self._file is None or not self._file.exists():
                return None
            return self._file.read_text(encoding="ascii").strip()
        except KeyringError as exc:
            raise SecretStoreError(f"the keyring cannot be read ({exc})") from exc
