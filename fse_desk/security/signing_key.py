"""The signing certificate, unlocked by its passphrase once per session.

Signing a PSS is a legal act: the doctor types the certificate's passphrase at the
first signature of the session. The opened key then stays in memory only, until
:meth:`SigningKey.lock` or the end of the program; the passphrase itself is neither kept
nor written anywhere (the keyring's copy, when the settings stored one, serves the
gateway's transport tokens, not the signature).
"""

from __future__ import annotations

import threading
from collections.abc import Callable

from fse_desk.errors import CertificateError, SigningLocked
from fse_desk.security.certificates import OperatorCredentials

NO_CERTIFICATE = (
    'no signing certificate is configured: add certificate = "<file.p12>" to the [user] section'
)


class SigningKey:
    """``open_with`` opens the configured certificate with a passphrase (None: no
    certificate, or one that needs none); ``unlocked`` gives credentials already usable,
    as the demo's throw-away certificate is."""

    def __init__(
        self,
        open_with: Callable[[str], OperatorCredentials] | None = None,
        *,
        unlocked: Callable[[], OperatorCredentials] | None = None,
    ) -> None:
        self._open_with = open_with
        self._unlocked = unlocked
        # Unlocked from the GUI thread, read by the signing worker.
        self._lock = threading.Lock()

    @property
    def needs_passphrase(self) -> bool:
        """True until the passphrase has opened the certificate in this session."""
        with self._lock:
            return self._unlocked is None and self._open_with is not None

    @property
    def unlocked(self) -> bool:
        with self._lock:
            return self._unlocked is not None

    def unlock(self, passphrase: str) -> None:
        """Open the certificate with ``passphrase`` for the rest of the session.

        Raises :class:`WrongCertificatePassphrase` (nothing changes) or another
        :class:`CertificateError` (unreadable file, expired certificate).
        """
        if self._open_with is None:
            raise CertificateError(NO_CERTIFICATE)
        credentials = self._open_with(passphrase)
        with self._lock:
            self._unlocked = lambda: credentials

    def lock(self) -> None:
        """Forget the opened key: the next signature asks the passphrase again."""
        with self._lock:
            if self._open_with is not None:
                self._unlocked = None

    def credentials(self) -> OperatorCredentials:
        """The unlocked credentials; :class:`SigningLocked` before the passphrase."""
        with self._lock:
            unlocked, configured = self._unlocked, self._open_with is not None
        if unlocked is not None:
            return unlocked()
        if not configured:
            raise CertificateError(NO_CERTIFICATE)
        raise SigningLocked(
            "the signing certificate is not unlocked in this session: its passphrase is "
            "asked before the first signature"
        )
