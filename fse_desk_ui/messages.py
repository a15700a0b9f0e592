"""What the user reads when something fails: one sentence on what happened, one on what to do.

The exception's own text is English and goes to the log; the clinician sees the
translated sentence for its class. Lookup walks the MRO, so a new subclass
inherits its parent's text until it gets its own. A few texts also use what the
exception carries: a gateway problem says what to fix for its ``type`` and quotes
the gateway's own (Italian) detail; a publishing refusal names its reason.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QCoreApplication

from fse_desk import errors
from fse_desk.domain.timeline import Purpose
from fse_desk.pss.errors import PssNotPublishable, PublishNotAllowed, PublishRefusal
from fse_desk.scheduling.conflicts import BookingConflict

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
        errors.PacsUnavailable: QCoreApplication.translate(
            "messages",
            "Cannot reach the PACS (image archive). Check the connection and try again; the "
            "reports and local files can still be opened.",
        ),
        errors.DicomWebError: QCoreApplication.translate(
            "messages",
            "The PACS answered with an error and the images could not be fetched. Try again; if "
            "it happens again, call support.",
        ),
        errors.DicomFileError: QCoreApplication.translate(
            "messages",
            "The image file cannot be read: it is damaged or not a DICOM image. Ask for a new "
            "copy of the CD or of the file.",
        ),
        errors.MeasurementUnavailable: QCoreApplication.translate(
            "messages",
            "This measurement cannot be made on this image (for example it has no pixel size).",
        ),
        errors.ImagingError: QCoreApplication.translate(
            "messages", "The image could not be shown. Try again or open another series."
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
        errors.BodyNotAvailableOffline: QCoreApplication.translate(
            "messages",
            "This document has not been downloaded yet and the FSE server cannot be reached: "
            'it can be read when the connection returns. Next time use "Download for offline '
            'use" before leaving.',
        ),
        errors.UnsafeDocument: QCoreApplication.translate(
            "messages",
            "The document was not opened for safety: it contains references to external "
            "content or entity declarations that FSE Desk does not process. Ask the issuing "
            "facility for a copy.",
        ),
        errors.DocumentTooLarge: QCoreApplication.translate(
            "messages",
            "The document is too large to be shown here. Ask the issuing facility for a copy.",
        ),
        errors.MalformedDocument: QCoreApplication.translate(
            "messages",
            "The document is damaged or in a format that cannot be read (for example a wrong "
            "character encoding). Ask the issuing facility for a copy.",
        ),
        errors.DocumentError: QCoreApplication.translate(
            "messages", "The document cannot be shown. Ask the issuing facility for a copy."
        ),
        errors.ConsentMissing: QCoreApplication.translate(
            "messages",
            "The patient has not consented to the consultation of their FSE: nothing can be "
            "shown or downloaded.",
        ),
        errors.TelemedicineConsentMissing: QCoreApplication.translate(
            "messages",
            "The patient's informed consent to telemedicine is not recorded (or was withdrawn): "
            "record it in the Televisits tab before booking or starting a televisit.",
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
        errors.GatewayTokenRefused: QCoreApplication.translate(
            "messages",
            "The FSE gateway refused the operator's signature tokens. Check that the signing "
            "certificate is valid and configured, then try again.",
        ),
        errors.GatewayError: QCoreApplication.translate(
            "messages",
            "The FSE gateway refused the document. Read the reason shown, correct the "
            "document and send it again.",
        ),
        errors.WrongCertificatePassphrase: QCoreApplication.translate(
            "messages",
            "The passphrase does not open the signing certificate. Enter it again.",
        ),
        errors.CertificatePassphraseMissing: QCoreApplication.translate(
            "messages",
            "The passphrase of the signing certificate is not in the system keyring. Enter it "
            "again in the settings.",
        ),
        errors.SigningLocked: QCoreApplication.translate(
            "messages",
            "The signing certificate is locked: enter its passphrase to sign.",
        ),
        errors.CertificateExpired: QCoreApplication.translate(
            "messages",
            "The signing certificate is expired or not yet valid. Ask your region for a new one.",
        ),
        errors.CertificateError: QCoreApplication.translate(
            "messages",
            "The signing certificate cannot be used. Check the certificate file in the "
            "configuration.",
        ),
        errors.SigningError: QCoreApplication.translate(
            "messages",
            "The document could not be signed. Nothing was sent. Try again; if it happens "
            "again, call support.",
        ),
        PublishNotAllowed: QCoreApplication.translate(
            "messages",
            "You cannot publish the PSS: only general practitioners (MMG) and family "
            "paediatricians (PLS) write it. You can still read it.",
        ),
        errors.PermissionDenied: QCoreApplication.translate(
            "messages",
            "Your role does not allow this. Nothing was shown or changed. Ask a colleague "
            "whose role allows it.",
        ),
        errors.AuditTampered: QCoreApplication.translate(
            "messages",
            "The access log of this workstation has been altered or cut short. You can keep "
            "working, and every access is still logged. Tell the privacy officer (DPO) today.",
        ),
        PssNotPublishable: QCoreApplication.translate(
            "messages",
            "The PSS cannot be published yet: some fields are missing or not valid. Correct "
            "the fields listed and publish again. Nothing was sent.",
        ),
        BookingConflict: QCoreApplication.translate(
            "messages",
            "The appointment clashes with other bookings or with the opening hours. Look at "
            "the conflicts listed and confirm, or choose another time. Nothing was booked.",
        ),
        errors.VocabularyFileError: QCoreApplication.translate(
            "messages",
            "The vocabulary file is not valid: nothing was imported. Fix the line and column "
            "shown and import it again.",
        ),
        errors.DemoRegionMissing: QCoreApplication.translate(
            "messages",
            "The demo region is not installed on this computer. Install the fse-desk[demo] "
            "package, or write the configuration of your region (see the README).",
        ),
        errors.ConfigError: QCoreApplication.translate(
            "messages",
            "The configuration is not valid. Fix the configuration file (see the README) and "
            "start again.",
        ),
        errors.WrongPassphrase: QCoreApplication.translate(
            "messages",
            "The passphrase is not right. Type it again (capital letters count); nothing was "
            "opened.",
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


def _gateway_hints() -> dict[str, str]:
    """What to fix, by the last segment of the problem ``type`` of the FSE 2.0 gateway."""
    token = QCoreApplication.translate(
        "messages",
        "The FSE gateway refused the operator's signature tokens. Check that the signing "
        "certificate is valid, issued by an authority the region trusts and configured, "
        "then retry.",
    )
    signature = QCoreApplication.translate(
        "messages",
        "The FSE gateway refused the signature of the PDF. Check the signing certificate, "
        "then publish the PSS again.",
    )
    cda = QCoreApplication.translate(
        "messages",
        "The FSE gateway found the PSS not valid. Correct it as the reason says and publish "
        "it again.",
    )
    published = QCoreApplication.translate(
        "messages",
        "The FSE already holds this document with a different content. Start a new version "
        "of the PSS instead of sending this one again.",
    )
    unknown = QCoreApplication.translate(
        "messages",
        "The FSE does not know the patient, or the PSS version this one replaces. Check the "
        "patient's codice fiscale, sync, and start the new version again.",
    )
    return {
        "jwt-validation": token,
        "missing-token": token,
        "mandatory-element-token": token,
        "signature-validation": signature,
        "document-hash": signature,
        "syntax": cda,
        "cda-element": cda,
        "cda-match": cda,
        "document-type": cda,
        "ini-error": published,
        "record-not-found": unknown,
    }


def gateway_problem_text(
    problem_type: str | None, title: str | None, detail: str | None, *, token_refused: bool = False
) -> str:
    """What to fix for an FSE gateway problem (RFC 7807), then the gateway's own words
    (already Italian: the gateway writes them)."""
    hints = _gateway_hints()
    key = (problem_type or "").rstrip("/").rsplit("/", 1)[-1]
    hint = hints.get(key) or (
        hints["jwt-validation"] if token_refused else _texts()[errors.GatewayError]
    )
    said = detail or title
    if not said:
        return hint
    return QCoreApplication.translate("messages", "{hint} The FSE gateway said: “{said}”").format(
        hint=hint, said=said
    )


def _denied_actions() -> dict[str, str]:
    return {
        "view_timeline": QCoreApplication.translate("messages", "see this patient's documents"),
        "read_document": QCoreApplication.translate("messages", "read this kind of document"),
        "view_vitals": QCoreApplication.translate("messages", "see the vital signs"),
        "record_vitals": QCoreApplication.translate("messages", "record vital signs"),
        "write_pss": QCoreApplication.translate(
            "messages", "write the Profilo Sanitario Sintetico"
        ),
        "publish_pss": QCoreApplication.translate(
            "messages", "sign and publish the Profilo Sanitario Sintetico"
        ),
        "sign_televisit_report": QCoreApplication.translate("messages", "sign a televisit report"),
        "view_agenda": QCoreApplication.translate("messages", "see the agenda"),
        "book_own": QCoreApplication.translate("messages", "book televisits"),
        "book_for_others": QCoreApplication.translate(
            "messages", "book televisits for other professionals"
        ),
        "view_telemonitoring": QCoreApplication.translate("messages", "see telemonitoring data"),
        "handle_alarms": QCoreApplication.translate("messages", "handle telemonitoring alarms"),
        "discard_outbox": QCoreApplication.translate(
            "messages", "discard changes waiting to be sent"
        ),
        "view_images": QCoreApplication.translate("messages", "see diagnostic images"),
        "export_images": QCoreApplication.translate("messages", "export images"),
        "print_access_report": QCoreApplication.translate(
            "messages", "print the report of accesses to the FSE"
        ),
        "declare_purpose": QCoreApplication.translate("messages", "access data for this purpose"),
    }


def _role_names() -> dict[str, str]:
    return {
        "MMG": QCoreApplication.translate("messages", "general practitioner (MMG)"),
        "PLS": QCoreApplication.translate("messages", "family paediatrician (PLS)"),
        "SPECIALISTA": QCoreApplication.translate("messages", "specialist"),
        "INFERMIERE": QCoreApplication.translate("messages", "nurse"),
        "ASSISTENTE_SOCIALE": QCoreApplication.translate("messages", "social worker"),
        "AMMINISTRATIVO": QCoreApplication.translate("messages", "administrative staff"),
    }


def purpose_name(purpose: Purpose) -> str:
    """The purpose of use as a user reads it."""
    return {
        Purpose.TREATMENT: QCoreApplication.translate("messages", "treatment"),
        Purpose.EMERGENCY: QCoreApplication.translate("messages", "emergency"),
        Purpose.PUBLIC_HEALTH: QCoreApplication.translate("messages", "public health"),
        Purpose.SYSADMIN: QCoreApplication.translate("messages", "administration"),
    }[purpose]


def role_name(role: str) -> str:
    """The role as a user reads it (``MMG`` → "general practitioner (MMG)")."""
    return _role_names().get(role, role)


def _profile_fields() -> dict[str, str]:
    """What is wrong in a new profile, by the field the core names."""
    return {
        "display_name": QCoreApplication.translate(
            "messages", "Write the professional's name and surname."
        ),
        "codice_fiscale": QCoreApplication.translate(
            "messages",
            "The codice fiscale is not valid: it has 16 characters and its last letter is a "
            "check letter. Copy it from the health card.",
        ),
        "passphrase": QCoreApplication.translate(
            "messages", "The passphrase needs at least 8 characters. Choose a longer one."
        ),
        "passphrase_repeated": QCoreApplication.translate(
            "messages", "The two passphrases differ. Type the same passphrase twice."
        ),
        "practitioner_id": QCoreApplication.translate(
            "messages",
            "The practitioner id may hold letters, digits, '-' and '.' only (as the regional "
            "FHIR server writes it), or stay empty.",
        ),
    }


def _specific(exc: BaseException) -> str | None:
    """Texts that depend on what the exception carries, not only on its class."""
    if isinstance(exc, errors.PermissionDenied) and exc.action in _denied_actions():
        return QCoreApplication.translate(
            "messages",
            "You are signed in as {role}: this role cannot {action}. Nothing was shown or "
            "changed. Ask a colleague whose role allows it.",
        ).format(role=role_name(exc.role), action=_denied_actions()[exc.action])
    if isinstance(exc, errors.GatewayError):
        return gateway_problem_text(
            exc.problem_type,
            exc.title,
            exc.detail,
            token_refused=isinstance(exc, errors.GatewayTokenRefused),
        )
    if isinstance(exc, errors.InvalidRecord) and exc.field in _profile_fields():
        return _profile_fields()[exc.field]
    if isinstance(exc, PublishNotAllowed) and exc.refusal is PublishRefusal.NOT_PATIENTS_GP:
        return QCoreApplication.translate(
            "messages",
            "You cannot publish this PSS: the FSE does not name you as this patient's GP (MMG) "
            "or family paediatrician (PLS). You can still read it.",
        )
    return None


def user_message(exc: BaseException) -> str:
    """The translated sentence for ``exc``; its technical text goes to the log only."""
    log.error("%s: %s", type(exc).__name__, exc)
    specific = _specific(exc)
    if specific is not None:
        return specific
    texts = _texts()
    for cls in type(exc).__mro__:
        if cls in texts:
            return texts[cls]
    return texts[BaseException]
