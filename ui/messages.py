"""What the user reads when something fails: one sentence on what happened, one on what to do.

The exception's own text is English and goes to the log; the clinician sees the
translated sentence for its class. Lookup walks the MRO, so a new subclass
inherits its parent's text until it gets its own.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QCoreApplication

from fse_desk import errors

log = logging.getLogger(__name__)


def _texts() -> dict[type[BaseException], str]:
    # Built on each call so the texts follow the installed translator.
    return {
        errors.KeyringUnavailable: QCoreApplication.translate(
            "messages",
            "No system keyring is available, so FSE Desk cannot protect the key of the local "
            "cache and will not keep real patient data. Install and unlock a keyring "
            "(GNOME Keyring, KWallet, Windows or macOS keychain) and start again.",
        ),
        errors.CacheKeyMissing: QCoreApplication.translate(
            "messages",
            "The key of the local cache is missing from the system keyring. The cache was not "
            "touched. Restore the keyring or call support.",
        ),
        errors.WrongKey: QCoreApplication.translate(
            "messages",
            "The key does not open the encrypted local cache. The file was not changed. "
            "Check that you are using the right profile, or call support.",
        ),
        errors.StoreLocked: QCoreApplication.translate(
            "messages",
            "The local cache is in use by another FSE Desk window. Close it and try again.",
        ),
        errors.StoreReadOnly: QCoreApplication.translate(
            "messages",
            "The local cache cannot be written (read-only disk or folder). Data already saved "
            "is safe. Check the permissions and try again.",
        ),
        errors.StoreFull: QCoreApplication.translate(
            "messages",
            "The disk is full: nothing more can be saved in the local cache. Data already saved "
            "is safe. Free some space and try again.",
        ),
        errors.MigrationError: QCoreApplication.translate(
            "messages", "The local cache could not be upgraded; nothing was changed. Call support."
        ),
        errors.StoreError: QCoreApplication.translate(
            "messages",
            "The local cache reported an error. Data already saved is safe. Restart FSE Desk; "
            "if it happens again, call support.",
        ),
        errors.ServerUnavailable: QCoreApplication.translate(
            "messages",
            "Cannot reach the FSE server. Check the connection and try again; meanwhile you "
            "keep working on the cached data.",
        ),
        errors.ConnectorTimeout: QCoreApplication.translate(
            "messages",
            "The FSE server did not answer in time. Try again shortly; meanwhile you keep "
            "working on the cached data.",
        ),
        errors.AuthFailed: QCoreApplication.translate(
            "messages",
            "The FSE server refused the credentials. Check the operator certificate in the "
            "configuration.",
        ),
        errors.ResourceNotFound: QCoreApplication.translate(
            "messages", "The requested item no longer exists on the FSE server."
        ),
        errors.FhirError: QCoreApplication.translate(
            "messages",
            "The FSE server answered with an error. Try again; if it happens again, call support.",
        ),
        errors.ConnectorError: QCoreApplication.translate(
            "messages", "Communication with the FSE server failed. Try again later."
        ),
        errors.ConfigError: QCoreApplication.translate(
            "messages",
            "The configuration is not valid. Fix the configuration file (see the README) and "
            "start again.",
        ),
        errors.Cancelled: QCoreApplication.translate("messages", "Operation cancelled."),
        errors.FseDeskError: QCoreApplication.translate(
            "messages", "Something went wrong. Try again; if it happens again, call support."
        ),
        BaseException: QCoreApplication.translate(
            "messages",
            "Unexpected error. Try again; if it happens again, call support. The details are "
            "in the log.",
        ),
    }


def user_message(exc: BaseException) -> str:
    """The translated sentence for ``exc``; its technical text goes to the log only."""
    log.error("%s: %s", type(exc).__name__, exc)
    texts = _texts()
    for cls in type(exc).__mro__:
        if cls in texts:
            return texts[cls]
    return texts[BaseException]
