"""A DICOM networking (DIMSE) client for PACS that speak no DICOMweb: C-FIND, C-GET, C-MOVE.

Many ASL archives still expose only the DICOM upper layer. Studies and series are
found with C-FIND (Study Root model); a series is fetched with C-GET (the images
come back on the same association) or with C-MOVE to the workstation's own
storage SCP (for a PACS that only moves; it must know our AE title, host and
port). Either way each instance is handed on as a DICOM Part 10 file as soon as
it has arrived, so the viewer shows the first slice while the rest still comes,
exactly as over WADO-RS; closing the iterator (cancel) asks the PACS to stop
(:mod:`fse_desk.connectors._dimse_retrieval`).
Associations able to retrieve a study are kept open a short while for the next
request (:mod:`fse_desk.connectors._dimse_pool`), as HTTP keeps connections alive.

The client answers what :class:`~fse_desk.connectors.dicomweb.DicomWebClient`
answers, so the imaging service uses either. Failures come out as
:class:`~fse_desk.errors.PacsUnavailable` (no association: unreachable, timed out,
aborted) or :class:`~fse_desk.errors.DimseError` (rejected, or a failure status).
"""

from __future__ import annotations

import enum
import logging
import ssl
import threading
from collections.abc import Callable, Generator, Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from pydicom.dataset import Dataset
from pydicom.uid import UID
from pynetdicom import AE, build_role
from pynetdicom.association import Association

from fse_desk.connectors._dimse_contexts import (
    IDLE_POLL_S,
    ON_CONNECT,
    STORAGE_CLASSES,
    TRANSFER_SYNTAXES,
    StudyRootQueryRetrieveInformationModelFind,
    StudyRootQueryRetrieveInformationModelGet,
    StudyRootQueryRetrieveInformationModelMove,
    one_context_each,
    poll_every,
)
from fse_desk.connectors._dimse_pool import AssociationPool, hold_reactor
from fse_desk.connectors._dimse_records import (
    identifier,
    number_of,
    series_record,
    study_record,
    text_of,
    values_of,
)
from fse_desk.connectors._dimse_retrieval import (
    PENDING,
    SUCCESS,
    Arrivals,
    Responses,
    Retrieval,
    await_answers,
    status_code,
    storing,
    stream,
)
from fse_desk.domain.imaging import SeriesSummary, StudySummary
from fse_desk.errors import DimseError, PacsUnavailable

# pynetdicom logs the identifiers it sends and receives (patient IDs) at debug level.
logging.getLogger("pynetdicom").setLevel(logging.WARNING)

# The kept associations are of two lanes: the series pictures fetched in the background
# keep their own, so the series the doctor picks never waits for one to be negotiated.
_VIEW = "view"
_PICTURES = "pictures"


class Retrieve(enum.Enum):
    """How a series is fetched: C-GET on the query association, or C-MOVE to our storage SCP."""

    GET = "get"
    MOVE = "move"


@dataclass(frozen=True, slots=True)
class DimsePeer:
    """Where the PACS listens and how we present ourselves."""

    host: str
    port: int
    called_ae: str
    calling_ae: str = "FSEDESK"
    retrieve: Retrieve = Retrieve.GET
    storage_port: int = 11113  # our storage SCP for C-MOVE (the PACS must know it)
    tls: ssl.SSLContext | None = None


class DimseClient:
    """C-FIND / C-GET / C-MOVE against one PACS AE."""

    def __init__(self, peer: DimsePeer, *, timeout_s: float = 30.0) -> None:
        self.peer = peer
        self._timeout_s = timeout_s
        self._lock = threading.Lock()  # one storage SCP at a time for C-MOVE
        self._classes: dict[str, tuple[str, ...]] = {}  # study → its SOP classes (C-FIND)
        self._pool = AssociationPool()
        self._opened = 0
        self._opened_lock = threading.Lock()

    @property
    def associations_opened(self) -> int:
        """How many associations were negotiated so far (each costs a round trip and threads;
        a kept one serves the next request instead)."""
        return self._opened

    def close(self) -> None:
        """Release the associations kept for reuse."""
        self._pool.close()

    # -- C-FIND -----------------------------------------------------------------------
    def search_studies(self, patient_id: str) -> list[StudySummary]:
        """The patient's studies (by Patient ID, the codice fiscale), newest first."""
        query = identifier(
            "STUDY",
            PatientID=patient_id,
            StudyInstanceUID="",
            PatientName="",
            StudyDate="",
            StudyDescription="",
            ModalitiesInStudy="",
            NumberOfStudyRelatedSeries="",
            NumberOfStudyRelatedInstances="",
            SOPClassesInStudy="",
        )
        found = self._find(query)
        self._classes.update(
            (text_of(ds, "StudyInstanceUID"), values_of(ds, "SOPClassesInStudy")) for ds in found
        )
        studies = [study_record(ds) for ds in found]
        return sorted(studies, key=lambda s: s.study_date or date.min, reverse=True)

    def search_series(self, study_uid: str) -> list[SeriesSummary]:
        query = identifier(
            "SERIES",
            StudyInstanceUID=study_uid,
            SeriesInstanceUID="",
            Modality="",
            SeriesDescription="",
            SeriesNumber="",
            NumberOfSeriesRelatedInstances="",
        )
        # Asked over the association that will retrieve the series the doctor picks.
        found = self._find(query, retrieving=self._classes.get(study_uid))
        series = [series_record(study_uid, ds) for ds in found]
        return sorted(
            series, key=lambda s: (s.number if s.number is not None else 1 << 30, s.series_uid)
        )

    def _find(
        self, query: Dataset, retrieving: tuple[str, ...] | None = None, lane: str = _VIEW
    ) -> list[Dataset]:
        """C-FIND; over the (kept) association of ``lane`` that retrieves the SOP classes
        ``retrieving`` when the PACS would take them all in one association with the query
        model."""
        keep = self.peer.retrieve is Retrieve.GET and one_context_each(retrieving or (), 2)
        if keep:
            assoc = self._retrieval_association(retrieving or (), lane)
        else:
            ae = self._ae()
            ae.add_requested_context(StudyRootQueryRetrieveInformationModelFind)
            assoc = self._associate(ae)
        found: list[Dataset] = []
        settled = False
        try:
            answers = self._send(
                assoc,
                "C-FIND",
                lambda: assoc.send_c_find(query, StudyRootQueryRetrieveInformationModelFind),
            )
            for status, identifier in answers:
                code = status_code(status, assoc, "C-FIND")
                if code in PENDING and identifier is not None:
                    found.append(identifier)
                elif code != SUCCESS:
                    raise DimseError(f"{self._where}: C-FIND failed with status 0x{code:04X}")
            settled = True
        finally:
            if keep and settled:
                self._pool.give_back((lane, *(retrieving or ())), assoc)
            elif assoc.is_established:
                assoc.release()
        return found

    # -- C-GET / C-MOVE -----------------------------------------------------------------
    def retrieve_series(self, study_uid: str, series_uid: str) -> Iterator[bytes]:
        """Each instance of the series (a DICOM Part 10 file), as soon as it has arrived."""
        query = identifier("SERIES", StudyInstanceUID=study_uid, SeriesInstanceUID=series_uid)
        return self._retrieve(query, study_uid, _VIEW)

    def _retrieve(self, query: Dataset, study_uid: str, lane: str) -> Generator[bytes, None, None]:
        """What ``query`` names, by C-GET over ``lane``'s association or by C-MOVE to our
        storage SCP (one at a time: it listens on the configured port)."""
        arrived = Arrivals()
        handlers = storing(arrived)
        if self.peer.retrieve is Retrieve.GET:
            classes = self._classes_of(study_uid)
            yield from self._stream_of(
                arrived, lambda: self._get(query, classes, handlers, arrived, lane=lane)
            )
            return
        with self._lock:
            server = self._storage_scp(handlers)
            try:
                yield from self._stream_of(arrived, lambda: self._move(query, arrived))
            finally:
                server.shutdown()

    def series_thumbnail(self, study_uid: str, series_uid: str) -> tuple[str, bytes] | None:
        """The middle instance of the series (DIMSE has no rendered thumbnails), as
        ``("application/dicom", Part 10 bytes)``; None for a series without instances.
        Fetched as the series would be: C-GET, or C-MOVE from a PACS that only moves."""
        query = identifier(
            "IMAGE",
            StudyInstanceUID=study_uid,
            SeriesInstanceUID=series_uid,
            SOPInstanceUID="",
            InstanceNumber="",
        )
        classes = self._classes_of(study_uid)
        found = sorted(
            (number_of(ds, "InstanceNumber") or 0, text_of(ds, "SOPInstanceUID"))
            for ds in self._find(query, classes, _PICTURES)
        )
        if not found:
            return None
        one = identifier(
            "IMAGE",
            StudyInstanceUID=study_uid,
            SeriesInstanceUID=series_uid,
            SOPInstanceUID=found[len(found) // 2][1],
        )
        parts = self._retrieve(one, study_uid, _PICTURES)
        try:
            first = next(parts, None)
        finally:
            parts.close()
        return None if first is None else ("application/dicom", first)

    def _stream_of(
        self, arrived: Arrivals, start: Callable[[], Retrieval]
    ) -> Generator[bytes, None, None]:
        return stream(arrived, start, timeout_s=self._timeout_s, where=self._where)

    def _classes_of(self, study_uid: str) -> tuple[str, ...]:
        """The study's SOP classes: known from the study search, else asked (C-FIND)."""
        if study_uid not in self._classes:
            query = identifier("STUDY", StudyInstanceUID=study_uid, SOPClassesInStudy="")
            found = self._find(query)
            self._classes[study_uid] = values_of(found[0], "SOPClassesInStudy") if found else ()
        return self._classes[study_uid]

    def _get(
        self,
        query: Dataset,
        classes: tuple[str, ...],
        handlers: list[Any],
        arrived: Arrivals,
        *,
        lane: str = _VIEW,
    ) -> Retrieval:
        assoc = self._retrieval_association(classes, lane)
        for event, handler in handlers:
            assoc.bind(event, handler)

        def reuse() -> None:
            for event, handler in handlers:
                assoc.unbind(event, handler)
            self._pool.give_back((lane, *classes), assoc)

        model = StudyRootQueryRetrieveInformationModelGet
        responses = self._send(assoc, "C-GET", lambda: assoc.send_c_get(query, model))
        settled = threading.Event()
        thread = await_answers(assoc, responses, arrived, settled, where=self._where, release=False)
        return Retrieval(assoc, model, thread, settled, reuse)

    def _send(self, assoc: Association, what: str, send: Callable[[], Responses]) -> Responses:
        """Send a request; an association found gone (the PACS closed it) is ended.

        A C-GET/C-MOVE is sent from the calling thread, so it is on its way before the
        thread that awaits its answers has started."""
        try:
            return send()
        except (RuntimeError, ValueError, OSError) as exc:  # not established, or broken
            if assoc.is_established:
                assoc.abort()
            raise PacsUnavailable(f"{self._where}: cannot send the {what} request: {exc}") from exc

    def _retrieval_association(self, classes: tuple[str, ...], lane: str) -> Association:
        """An association of ``lane`` for C-GET of images of ``classes`` (and C-FIND where
        they fit), kept from an earlier request or opened now."""
        kept = self._pool.take((lane, *classes))
        if kept is not None:
            return kept
        ae = self._ae()
        ae.add_requested_context(StudyRootQueryRetrieveInformationModelGet)
        # C-GET brings the images on this association, so we offer to store them (taking the
        # SCP role, PS3.7 D.3.3.4). The PACS accepts one syntax per context: with the study's
        # classes known, one context per class and syntax lets it send each image as stored.
        # Else every image class with all syntaxes in one context each; slower to negotiate
        # (120 contexts), and a PACS that cannot transcode may refuse compressed images.
        if one_context_each(classes, 1):
            if one_context_each(classes, 2):
                ae.add_requested_context(StudyRootQueryRetrieveInformationModelFind)
            for sop_class in classes:
                for syntax in TRANSFER_SYNTAXES:
                    ae.add_requested_context(sop_class, [syntax])
            storage = [UID(c) for c in classes]
        else:
            storage = STORAGE_CLASSES[:127]
            for sop_class in storage:
                ae.add_requested_context(sop_class, TRANSFER_SYNTAXES)
        roles = [build_role(sop_class, scp_role=True) for sop_class in storage]
        return self._associate(ae, ext_neg=roles)

    def _move(self, query: Dataset, arrived: Arrivals) -> Retrieval:
        ae = self._ae()
        ae.add_requested_context(StudyRootQueryRetrieveInformationModelMove)
        assoc = self._associate(ae)
        model = StudyRootQueryRetrieveInformationModelMove
        responses = self._send(
            assoc, "C-MOVE", lambda: assoc.send_c_move(query, self.peer.calling_ae, model)
        )
        # The images come on the storage SCP's associations; this one only hears statuses.
        poll_every(assoc, IDLE_POLL_S)
        settled = threading.Event()
        thread = await_answers(assoc, responses, arrived, settled, where=self._where)
        return Retrieval(assoc, model, thread, settled)

    def _storage_scp(self, handlers: list[Any]) -> Any:
        ae = self._ae()
        for sop_class in STORAGE_CLASSES:
            ae.add_supported_context(sop_class, TRANSFER_SYNTAXES)
        try:
            return ae.start_server(
                ("", self.peer.storage_port), block=False, evt_handlers=[*handlers, ON_CONNECT]
            )
        except OSError as exc:
            raise DimseError(
                f"cannot listen on port {self.peer.storage_port} for C-MOVE: {exc}; "
                "check [pacs] storage_port"
            ) from exc

    # -- association ------------------------------------------------------------------
    @property
    def _where(self) -> str:
        return f"PACS {self.peer.called_ae}@{self.peer.host}:{self.peer.port}"

    def _ae(self) -> AE:
        ae = AE(ae_title=self.peer.calling_ae)
        ae.acse_timeout = ae.dimse_timeout = ae.network_timeout = self._timeout_s
        ae.connection_timeout = min(self._timeout_s, 5.0)
        ae.maximum_pdu_size = 0  # no limit: fewer, larger PDUs for big images
        return ae

    def _associate(
        self, ae: AE, *, evt_handlers: list[Any] | None = None, **options: Any
    ) -> Association:
        tls = (self.peer.tls, self.peer.host) if self.peer.tls is not None else None
        try:
            assoc = ae.associate(
                self.peer.host,
                self.peer.port,
                ae_title=self.peer.called_ae,
                tls_args=tls,
                evt_handlers=[*(evt_handlers or []), ON_CONNECT],
                **options,
            )
        except (OSError, ValueError) as exc:
            raise PacsUnavailable(f"cannot open an association with {self._where}: {exc}") from exc
        if assoc.is_established:
            with self._opened_lock:
                self._opened += 1
            hold_reactor(assoc)  # a request follows at once
            return assoc
        if assoc.is_rejected:
            raise DimseError(
                f"{self._where} rejected the association: check [pacs] called_ae and "
                f"that the PACS knows calling_ae {self.peer.calling_ae!r}"
            )
        raise PacsUnavailable(f"no association with {self._where}: unreachable or no answer")


def tls_context(ca_bundle: Path | None) -> ssl.SSLContext:
    """A client TLS context checking the PACS certificate (against ``ca_bundle`` if given)."""
    return ssl.create_default_context(cafile=str(ca_bundle) if ca_bundle else None)
