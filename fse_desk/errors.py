r"""The one exception tree of FSE Desk.

Every error the core raises derives from :class:`FseDeskError`. Messages are
English and meant for the log; the UI maps each class (walking the MRO) to an
Italian sentence that says what happened and what to do (``fse_desk_ui/messages.py``)::

    FseDeskError
    ├── ConfigError                  bad or unreadable configuration file
    │   └── DemoRegionMissing        demo mode, but the demo region package is not installed
    ├── SecretStoreError             secrets (OS keyring)
    │   ├── KeyringUnavailable       no usable OS keyring on this machine
    │   ├── CacheKeyMissing          the cache exists but its key is gone
    │   └── WrongPassphrase          the sign-in passphrase does not match the profile
    ├── StoreError                   the encrypted local cache
    │   ├── WrongKey                 the key does not open the cache file
    │   ├── StoreLocked              another process holds the cache
    │   ├── StoreReadOnly            cache file or disk not writable
    │   ├── StoreFull                the disk is full
    │   └── MigrationError           a schema migration failed (rolled back)
    │       └── CacheTooNew          the cache was written by a newer FSE Desk
    ├── ConnectorError               talking to a regional service
    │   ├── ServerUnavailable        connection reset or dropped, 5xx
    │   │   └── ServerUnreachable    no connection at all (refused, no route, DNS)
    │   ├── ConnectorTimeout         no answer in time
    │   ├── AuthFailed               401/403, certificate refused
    │   ├── UnsafeUrl                a link off the configured server's origin: not followed
    │   ├── ResponseTooLarge         an answer past the configured size cap: not read further
    │   ├── BodyNotAvailableOffline  a document body never fetched, server unreachable
    │   ├── GatewayError             the FSE 2.0 gateway answered problem+json (RFC 7807:
    │   │   │                        ``type``, ``title``, ``detail``, ``status``, ``instance``,
    │   │   │                        ``trace_id``, ``span_id``)
    │   │   └── GatewayTokenRefused  403: a JWT missing, expired or not signed by a trusted key
    │   ├── FhirError                a FHIR server answered with an error
    │   │   ├── ResourceNotFound     404/410
    │   │   ├── PreconditionFailed   412 (If-Match lost)
    │   │   ├── InvalidResponse      a body that is not the FHIR we expect
    │   │   └── IncompleteSearch     pages that loop, never end, or stop short of ``total``
    │   └── DicomWebError            a PACS (DICOMweb) failed or answered with an error
    │       ├── PacsUnavailable      the PACS cannot be reached, timed out or answered 5xx
    │       └── DimseError           a DICOM-networking PACS rejected us or answered a failure
    ├── DocumentError                a document body cannot be shown
    │   ├── UnsafeDocument           DTD, entities or external references in the XML
    │   ├── MalformedDocument        not well-formed, wrong encoding, not a CDA/PDF
    │   └── DocumentTooLarge         bigger than the viewer accepts
    ├── ConsentMissing               the patient did not consent to consultation
    │   └── TelemedicineConsentMissing   no informed consent to telemedicine recorded
    ├── ImagingError                 DICOM images
    │   ├── DicomFileError           a file is not a readable DICOM image (``reason``)
    │   └── MeasurementUnavailable   the image cannot support this measurement (``reason``)
    ├── CertificateError             the operator's signing certificate (PKCS#12)
    │   ├── WrongCertificatePassphrase   the passphrase does not open the PKCS#12 file
    │   ├── CertificatePassphraseMissing the keyring holds no passphrase for it
    │   ├── SigningLocked            not unlocked by its passphrase in this session
    │   └── CertificateExpired       outside its validity period (expired or not yet valid)
    ├── SigningError                 a PDF could not be built, embedded or signed
    ├── PublishNotAllowed            the operator may not publish this PSS (``refusal``) *
    ├── PssNotPublishable            the PSS fails the checks before publication (``problems``) *
    ├── BookingConflict              an appointment clashes and the user has not accepted it *
    │                                (``conflicts``: each with its reason and the other booking)
    ├── PermissionDenied             the operator's role does not allow this action
    │                                (``action``, ``role``, ``doc_class``, ``purpose``)
    ├── AuditTampered                the access log's hash chain is broken or truncated
    ├── InvalidRecord                a domain record failed validation
    ├── VocabularyFileError          a vocabulary CSV is malformed (``line``, ``column``)
    └── Cancelled                    the user cancelled a long operation

\* in the capability that owns them (:mod:`fse_desk.pss.errors`,
:mod:`fse_desk.scheduling.conflicts`): they carry its records, and this module is the
bottom layer, which imports nothing of the project (see docs/ARCHITECTURE.md).
"""

from __future__ import annotations

from typing import Any


class FseDeskError(Exception):
    """Root of every error raised by the FSE Desk core."""


class ConfigError(FseDeskError):
    """The configuration file is missing a value or cannot be parsed.

    ``key`` names the faulty setting as ``section.key`` (``region.timeout_s``) when the
    mistake is in one, so a settings form can show the sentence beside its field.
    """

    def __init__(self, message: str, *, key: str | None = None) -> None:
        super().__init__(message)
        self.key = key


class DemoRegionMissing(ConfigError):
    """No configuration file (demo mode) and the demo region package is not installed."""


class SecretStoreError(FseDeskError):
    """Secrets could not be read from or written to the secret store."""


class KeyringUnavailable(SecretStoreError):
    """No usable OS keyring: real patient data must not be kept."""


class CacheKeyMissing(SecretStoreError):
    """The cache file exists but the keyring holds no key for it."""


class WrongPassphrase(SecretStoreError):
    """The passphrase given at sign-in (or unlock) is not the profile's."""


class StoreError(FseDeskError):
    """The encrypted local cache failed."""


class WrongKey(StoreError):
    """The key does not decrypt the cache file (or the file is not a cache)."""


class StoreLocked(StoreError):
    """Another process holds a lock on the cache file."""


class StoreReadOnly(StoreError):
    """The cache file or its folder cannot be written."""


class StoreFull(StoreError):
    """The disk holding the cache is full."""


class MigrationError(StoreError):
    """A schema migration failed; the transaction was rolled back."""


class CacheTooNew(MigrationError):
    """The cache schema is newer than this program: update FSE Desk, never downgrade."""


class ConnectorError(FseDeskError):
    """A regional service could not be used."""

    def __init__(self, message: str, *, url: str | None = None) -> None:
        super().__init__(message)
        self.url = url


class ServerUnavailable(ConnectorError):
    """The server could not be reached or answered 5xx."""


class ServerUnreachable(ServerUnavailable):
    """No connection could be made: the request certainly did not reach the server."""


class ConnectorTimeout(ConnectorError):
    """The server did not answer in time."""


class AuthFailed(ConnectorError):
    """The server refused our credentials (401/403 or TLS client certificate)."""


class UnsafeUrl(ConnectorError):
    """A URL on another origin (or with userinfo) was refused; nothing was sent there."""


class ResponseTooLarge(ConnectorError):
    """An answer grew past the configured size cap and was abandoned while streaming."""


class FhirError(ConnectorError):
    """A FHIR server answered with an error status or an OperationOutcome."""

    def __init__(
        self,
        message: str,
        *,
        url: str | None = None,
        status: int | None = None,
        outcome: dict[str, Any] | None = None,
    ) -> None:
        super().__init__(message, url=url)
        self.status = status
        self.outcome = outcome


class ResourceNotFound(FhirError):
    """The resource does not exist (404) or was deleted (410)."""


class PreconditionFailed(FhirError):
    """The resource changed on the server since we read it (412)."""


class InvalidResponse(FhirError):
    """The server answered something that is not the FHIR we expect."""


class IncompleteSearch(InvalidResponse):
    """A search's pages loop, pass the page limit, or end with fewer entries than ``total``."""


class BodyNotAvailableOffline(ConnectorError):
    """The body of a document was never fetched and the server cannot be reached now."""


class DocumentError(FseDeskError):
    """A document body cannot be parsed or shown."""


class UnsafeDocument(DocumentError):
    """The XML carries a DTD, entity declarations or external references: refused unread."""


class MalformedDocument(DocumentError):
    """The body is not well-formed, not in its declared encoding, or not the expected format."""


class DocumentTooLarge(DocumentError):
    """The body exceeds the size the viewer accepts."""


class ConsentMissing(FseDeskError):
    """The patient has not consented to the consultation of their FSE."""


class TelemedicineConsentMissing(ConsentMissing):
    """No informed consent to telemedicine is recorded for the patient (or it was
    withdrawn): a televisit is neither booked nor started without it."""


class DicomWebError(ConnectorError):
    """A DICOMweb server (the PACS) answered with an error or with a body we cannot read."""

    def __init__(self, message: str, *, url: str | None = None, status: int | None = None) -> None:
        super().__init__(message, url=url)
        self.status = status


class PacsUnavailable(DicomWebError):
    """The PACS could not be reached, did not answer in time, or answered 5xx."""


class DimseError(DicomWebError):
    """A PACS over DICOM networking (C-FIND/C-GET/C-MOVE) rejected the association or answered
    a failure status; the user reads what a DICOMweb failure says (the PACS answered an error).
    Unreachable DIMSE PACS raise :class:`PacsUnavailable` like DICOMweb ones."""


class ImagingError(FseDeskError):
    """A DICOM image could not be read, decoded or measured."""


class DicomFileError(ImagingError):
    """A file is not a readable DICOM image; ``reason`` is a FailureReason value; ``codec`` names
    the compression that would be needed when the reason is an unsupported syntax."""

    def __init__(self, message: str, *, reason: str, codec: str = "") -> None:
        super().__init__(message)
        self.reason = reason
        self.codec = codec


class MeasurementUnavailable(ImagingError):
    """The image lacks what a measurement needs (e.g. no pixel spacing for a length)."""

    def __init__(self, message: str, *, reason: str) -> None:
        super().__init__(message)
        self.reason = reason


class InvalidRecord(FseDeskError):
    """A domain record failed validation; ``field`` names the culprit."""

    def __init__(self, message: str, *, field: str) -> None:
        super().__init__(message)
        self.field = field


class VocabularyFileError(FseDeskError):
    """A vocabulary CSV cannot be used; ``line`` (1-based, 0 for the whole file) and
    ``column`` (header name, "" when not about one column) say where."""

    def __init__(self, message: str, *, line: int, column: str) -> None:
        super().__init__(message)
        self.line = line
        self.column = column


class Cancelled(FseDeskError):
    """The user cancelled a long operation at a safe point."""


class GatewayError(ConnectorError):
    """The FSE 2.0 gateway refused a request with an RFC 7807 problem (``problem_type`` etc.)."""

    def __init__(
        self,
        message: str,
        *,
        url: str | None = None,
        status: int | None = None,
        problem_type: str | None = None,
        title: str | None = None,
        detail: str | None = None,
        instance: str | None = None,
        trace_id: str | None = None,
        span_id: str | None = None,
    ) -> None:
        super().__init__(message, url=url)
        self.status = status
        self.problem_type = problem_type
        self.title = title
        self.detail = detail
        self.instance = instance
        self.trace_id = trace_id
        self.span_id = span_id


class GatewayTokenRefused(GatewayError, AuthFailed):
    """The gateway refused a JWT (403): missing, expired, or not signed by a trusted key."""


class CertificateError(FseDeskError):
    """The operator's signing certificate cannot be used."""


class WrongCertificatePassphrase(CertificateError):
    """The passphrase does not open the PKCS#12 file (or the file is not a PKCS#12)."""


class CertificatePassphraseMissing(CertificateError):
    """The OS keyring holds no passphrase for the configured PKCS#12 file."""


class SigningLocked(CertificateError):
    """Signing needs the certificate's passphrase, not yet entered in this session."""


class CertificateExpired(CertificateError):
    """The certificate is outside its validity period."""


class SigningError(FseDeskError):
    """A PDF could not be built, have the CDA embedded, or be signed."""


class PermissionDenied(FseDeskError):
    """The operator's role does not allow ``action`` (on ``doc_class``, for ``purpose``).

    The attributes are the enum values (strings), so this module imports nothing
    of the security package.
    """

    def __init__(
        self,
        message: str,
        *,
        action: str,
        role: str,
        doc_class: str | None = None,
        purpose: str | None = None,
    ) -> None:
        super().__init__(message)
        self.action = action
        self.role = role
        self.doc_class = doc_class
        self.purpose = purpose


class AuditTampered(FseDeskError):
    """The access log's hash chain is broken, or shorter than its anchor says."""
