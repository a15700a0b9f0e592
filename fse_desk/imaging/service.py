"""ImagingService: the patient's studies, their images and their reports, for the "Immagini" tab.

Long operations are generators yielding :class:`~fse_desk.progress.Progress`
and checking a :class:`~fse_desk.progress.CancelToken`; ``fse_desk_ui/workers.py`` runs
them off the GUI thread. The PACS is optional: without one (or when it cannot
be reached) the studies named by the radiology reports are still listed.
"""

from __future__ import annotations

import secrets
from collections import OrderedDict
from collections.abc import Callable, Generator, Iterable, Iterator
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

import numpy as np

from fse_desk._types import DocumentId, PatientId
from fse_desk.domain import loinc
from fse_desk.domain.document import DocumentClass, DocumentMeta
from fse_desk.domain.imaging import (
    FailureReason,
    LoadFailure,
    LocalScan,
    LocalSeries,
    SeriesSummary,
    StudyInstanceUid,
    StudySource,
    StudySummary,
)
from fse_desk.domain.patient import ConsentState, Patient
from fse_desk.domain.timeline import AccessAction
from fse_desk.errors import ConnectorError, DicomFileError, DicomWebError, FseDeskError
from fse_desk.imaging import anonymise, local
from fse_desk.imaging.decode import read_dataset
from fse_desk.imaging.report import NOT_A_REPORT, ParsedCda, RadiologyReport, read_report
from fse_desk.imaging.stack import ImageStack
from fse_desk.imaging.voi import thumbnail
from fse_desk.progress import CancelToken, Progress
from fse_desk.security.permissions import Action

_REPORTS_KEPT = 512  # report versions kept read, across patients (a few KiB each)


class PacsClient(Protocol):
    """What the service asks of a PACS: the DICOMweb client and the DIMSE one both answer it
    (``fse_desk.connectors.dicomweb`` and ``fse_desk.connectors.dimse``)."""

    def search_studies(self, patient_id: str) -> list[StudySummary]: ...
    def search_series(self, study_uid: str) -> list[SeriesSummary]: ...
    def retrieve_series(self, study_uid: str, series_uid: str) -> Iterator[bytes]: ...
    def series_thumbnail(self, study_uid: str, series_uid: str) -> tuple[str, bytes] | None: ...
    def close(self) -> None: ...


if TYPE_CHECKING:  # the audit package reads the store: only a type here
    from fse_desk.audit import AccessControl


@dataclass(frozen=True, slots=True)
class StudyList:
    """The studies of a patient; ``pacs_error`` set when the PACS could not be asked."""

    studies: tuple[StudySummary, ...]
    pacs_error: ConnectorError | None
    pacs_configured: bool
    consent_missing: bool = False


@dataclass(frozen=True, slots=True, eq=False)
class SeriesThumbnail:
    """A series' picture: ``encoded`` (PNG/JPEG as the PACS rendered it) or ``pixels``
    (8-bit grey or RGB, rendered here from its middle instance)."""

    series_uid: str
    encoded: bytes = b""
    pixels: np.ndarray | None = None


@dataclass(frozen=True, slots=True)
class SeriesLoad:
    """How a series load ended: what was added to the stack, and what failed."""

    loaded: int
    failures: tuple[LoadFailure, ...]


class ImagingService:
    """Finds and loads images; the UI gets records and :class:`ImageStack` objects back."""

    def __init__(
        self,
        *,
        documents: Callable[[PatientId], list[DocumentMeta]],
        document_body: Callable[[DocumentId], tuple[str, bytes]],
        pacs: PacsClient | None = None,
        access: AccessControl | None = None,
    ) -> None:
        """``access``: the workstation's permission checks and audit trail (None only
        for a viewer of local files with no patient data of the FSE)."""
        self._access = access
        self._documents = documents
        self._document_body = document_body
        self._pacs = pacs
        # Each report version is read once: the tab asks for the reports at every click.
        self._reports: OrderedDict[tuple[DocumentId, str], ParsedCda] = OrderedDict()

    def connect_pacs(self, pacs: PacsClient | None) -> None:
        if self._pacs is not None:
            self._pacs.close()
        self._pacs = pacs

    @property
    def pacs_configured(self) -> bool:
        return self._pacs is not None

    def close(self) -> None:
        self.connect_pacs(None)

    # -- reports ------------------------------------------------------------------------
    def radiology_reports(self, patient_id: PatientId) -> list[RadiologyReport]:
        """The patient's radiology reports that name a study (bodies fetched once, cached)."""
        if self._access is not None:
            self._access.require(
                Action.READ_DOCUMENT,
                patient_id,
                doc_class=DocumentClass.REF,
                audit_as=AccessAction.VIEW_IMAGE_REPORT,
            )
            self._access.record(patient_id, AccessAction.VIEW_IMAGE_REPORT)
        reports = []
        for meta in self._documents(patient_id):
            if meta.type_code != loinc.RADIOLOGY_REPORT:
                continue
            parsed = self._report(meta)
            if parsed is None or parsed.study_uid is None:
                continue
            reports.append(
                RadiologyReport(
                    meta.id,
                    parsed.study_uid,
                    meta.title or parsed.title,
                    meta.date,
                    meta.author,
                    meta.facility,
                    parsed.sections,
                )
            )
        return reports

    def _report(self, meta: DocumentMeta) -> ParsedCda | None:
        """The report as read from its body (kept per version); None: no body to read now."""
        key = (meta.id, meta.version_id)
        parsed = self._reports.get(key)
        if parsed is not None:
            self._reports.move_to_end(key)
            return parsed
        try:
            content_type, data = self._document_body(meta.id)
        except FseDeskError:
            return None  # offline and not cached, or unreadable: the study is not linked
        parsed = read_report(data) if "xml" in content_type else NOT_A_REPORT
        self._reports[key] = parsed
        if len(self._reports) > _REPORTS_KEPT:
            self._reports.popitem(last=False)
        return parsed

    def report_for_study(self, patient_id: PatientId, study_uid: str) -> RadiologyReport | None:
        for report in self.radiology_reports(patient_id):
            if report.study_uid == study_uid:
                return report
        return None

    # -- finding ------------------------------------------------------------------------
    def studies(
        self, patient: Patient, cancel: CancelToken | None = None
    ) -> Generator[Progress, None, StudyList]:
        """PACS studies of the patient (by codice fiscale) and the studies their reports name."""
        if self._access is not None:
            self._access.require(Action.VIEW_IMAGES, patient.id, audit_as=AccessAction.VIEW_STUDIES)
            self._access.record(patient.id, AccessAction.VIEW_STUDIES)
        yield Progress(0, 2, "Searching studies")
        if patient.consent is not ConsentState.GRANTED:
            # Without consent to consultation nothing of the FSE is shown: neither its
            # reports nor the regional PACS. Local files (the patient's own CD) still open.
            return StudyList((), None, self._pacs is not None, consent_missing=True)
        reports = {r.study_uid: r for r in self.radiology_reports(patient.id)}
        if cancel is not None:
            cancel.raise_if_cancelled()
        yield Progress(1, 2, "Searching studies")
        found: list[StudySummary] = []
        error: ConnectorError | None = None
        if self._pacs is not None:
            try:
                found = self._pacs.search_studies(patient.codice_fiscale)
            except ConnectorError as exc:
                error = exc
        listed = {s.study_uid for s in found}
        studies = [
            replace(s, report_document_id=reports[s.study_uid].document_id)
            if s.study_uid in reports
            else s
            for s in found
        ]
        for uid, report in reports.items():
            if uid not in listed:
                studies.append(
                    StudySummary(
                        uid,
                        patient.codice_fiscale,
                        f"{patient.family_name} {patient.given_name}",
                        report.date.date(),
                        (),
                        report.title,
                        None,
                        None,
                        StudySource.REPORT,
                        report.document_id,
                    )
                )
        studies.sort(key=lambda s: s.study_date.toordinal() if s.study_date else 0, reverse=True)
        yield Progress(2, 2, "Searching studies")
        return StudyList(tuple(studies), error, self._pacs is not None)

    def series(self, study_uid: str) -> list[SeriesSummary]:
        """The series of a PACS study (QIDO-RS)."""
        if self._pacs is None:
            raise DicomWebError("no PACS is configured: set [pacs] in the configuration")
        return self._pacs.search_series(study_uid)

    def series_thumbnail(self, summary: SeriesSummary) -> SeriesThumbnail | None:
        """A picture of a PACS series before it loads: the PACS's rendered thumbnail, else
        its middle instance, decoded and windowed here. None when the series has no image."""
        if self._pacs is None:
            raise DicomWebError("no PACS is configured: set [pacs] in the configuration")
        found = self._pacs.series_thumbnail(summary.study_uid, summary.series_uid)
        if found is None:
            return None
        content_type, body = found
        if content_type != "application/dicom":
            return SeriesThumbnail(summary.series_uid, encoded=body)
        stack = ImageStack(cache_bytes=64 * 1024 * 1024)
        info = stack.add(body)
        frame = stack.frame(len(stack) // 2)
        small = thumbnail(frame, info.voi_lut or info.window, invert=info.invert_default)
        return SeriesThumbnail(summary.series_uid, pixels=small)

    def scan_local(
        self, paths: Iterable[Path], patient: Patient | None, cancel: CancelToken | None = None
    ) -> Generator[Progress, None, LocalScan]:
        ids = [patient.codice_fiscale] if patient is not None else []
        return (yield from local.scan(paths, patient_ids=ids, cancel=cancel))

    # -- loading ------------------------------------------------------------------------
    def load_series(
        self, summary: SeriesSummary, stack: ImageStack, cancel: CancelToken | None = None
    ) -> Generator[Progress, None, SeriesLoad]:
        """WADO-RS one series into ``stack``, decoding each instance as it arrives."""
        if self._pacs is None:
            raise DicomWebError("no PACS is configured: set [pacs] in the configuration")
        total = summary.image_count
        failures: list[LoadFailure] = []
        loaded = 0
        yield Progress(0, total, "Downloading images")
        parts = self._pacs.retrieve_series(summary.study_uid, summary.series_uid)
        try:
            for number, part in enumerate(parts, start=1):
                if cancel is not None:
                    cancel.raise_if_cancelled()
                try:
                    stack.add(part)
                    loaded += 1
                except DicomFileError as exc:
                    failures.append(LoadFailure(f"#{number}", FailureReason(exc.reason), str(exc)))
                yield Progress(number, max(total, number), "Downloading images")
        finally:
            close = getattr(parts, "close", None)
            if close is not None:
                close()
        return SeriesLoad(loaded, tuple(failures))

    def load_local_series(
        self, series: LocalSeries, stack: ImageStack, cancel: CancelToken | None = None
    ) -> Generator[Progress, None, SeriesLoad]:
        """Decode a local series into ``stack`` (the first slices first, the rest on demand)."""
        total = len(series.instances)
        failures: list[LoadFailure] = []
        budget_left = stack.cache_bytes
        loaded = 0
        for number, instance in enumerate(series.instances, start=1):
            if cancel is not None:
                cancel.raise_if_cancelled()
            try:
                ds = read_dataset(instance.path)
                decode_now = budget_left > 0
                info = stack.add(instance.path, ds, decode=decode_now)
                budget_left -= info.rows * info.columns * info.frames * (6 if info.colour else 2)
                loaded += 1
            except DicomFileError as exc:
                failures.append(
                    LoadFailure(str(instance.path), FailureReason(exc.reason), str(exc))
                )
            yield Progress(number, total, "Reading images")
        return SeriesLoad(loaded, tuple(failures))

    def export_anonymised(
        self,
        sources: list[Path | bytes],
        folder: Path,
        cancel: CancelToken | None = None,
        *,
        skip_burned_in: bool = False,
        patient_id: PatientId | None = None,
    ) -> Generator[Progress, None, anonymise.AnonymisedExport]:
        """Write ``sources`` (a study's instances) de-identified into ``folder``; with
        ``skip_burned_in``, images that may show identifying text in their pixels are left out.

        Checked against the role before anything is written, and audited for
        ``patient_id`` (the patient open in the tab) when given.
        """
        if self._access is not None:
            self._access.require(
                Action.EXPORT_IMAGES, patient_id, audit_as=AccessAction.EXPORT_IMAGES
            )
            if patient_id is not None:
                self._access.record(
                    patient_id, AccessAction.EXPORT_IMAGES, resource=f"{len(sources)} instances"
                )
        return (
            yield from anonymise.export_study(
                sources,
                folder,
                salt=secrets.token_bytes(16),
                skip_burned_in=skip_burned_in,
                cancel=cancel,
            )
        )

    @staticmethod
    def burned_in_count(sources: list[Path | bytes]) -> int:
        """How many of a study's instances may carry burned-in text (to warn before export)."""
        return anonymise.burned_in_count(sources)

    def study_sources(
        self, study_uid: StudyInstanceUid, cancel: CancelToken | None = None
    ) -> Generator[Progress, None, list[Path | bytes]]:
        """Every instance of a PACS study, as Part 10 bytes (for the anonymised export)."""
        series = self.series(study_uid)
        sources: list[Path | bytes] = []
        for n, summary in enumerate(series):
            yield Progress(n, len(series), "Downloading the study")
            assert self._pacs is not None
            for part in self._pacs.retrieve_series(study_uid, summary.series_uid):
                if cancel is not None:
                    cancel.raise_if_cancelled()
                sources.append(part)
        return sources
