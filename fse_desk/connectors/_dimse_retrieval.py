"""A C-GET or C-MOVE under way, turned into a stream of images.

The request is sent by the caller; a thread awaits the PACS's answers to the final
status while each image the PACS stores to us (a C-STORE on the same association
for C-GET, on our storage SCP's for C-MOVE) is put, as DICOM Part 10 bytes, in a
queue the moment it has arrived. The stream yields from that queue, so the first
slice is handed over while the rest still comes; closing the stream early asks
the PACS to stop (C-CANCEL) and then keeps or ends the association.
"""

from __future__ import annotations

import queue
import threading
from collections.abc import Callable, Generator, Iterator
from contextlib import suppress
from dataclasses import dataclass
from typing import Any

from pydicom.dataset import Dataset
from pydicom.uid import UID
from pynetdicom import evt
from pynetdicom.association import Association

from fse_desk.connectors._part10 import part10
from fse_desk.errors import DimseError, PacsUnavailable

SUCCESS = 0x0000
PENDING = (0xFF00, 0xFF01)
_CANCELLED = 0xFE00
_WARNING = (0x0001, 0xB000)  # sub-operations completed, one or more failures or warnings

Responses = Iterator[tuple[Dataset, Dataset | None]]  # a request's statuses and identifiers


@dataclass(frozen=True, slots=True)
class End:
    """The last item of a retrieval's queue: its failure, if any."""

    error: Exception | None = None


# How long the PACS is held after the first image, at most, while that image is decoded.
_HOLD_FIRST_S = 1.0


class Arrivals:
    """The images of one retrieval, queued as they arrive, and whether the consumer has come
    back for more after the first."""

    def __init__(self) -> None:
        self.queue: queue.Queue[bytes | End] = queue.Queue()
        self.resumed = threading.Event()


@dataclass(frozen=True)
class Retrieval:
    """A C-GET or C-MOVE under way: its association, model, and the thread awaiting its end.

    ``settled`` is set once the PACS has given its final status; ``reuse`` (C-GET) then
    hands the association back to the pool instead of ending it."""

    assoc: Association
    model: UID
    thread: threading.Thread
    settled: threading.Event
    reuse: Callable[[], None] | None = None

    def stop(self, *, wait_s: float) -> None:
        """At the end, or closed before it (cancelled, or failed): ask the PACS to stop with
        C-CANCEL (PS3.7 C.4.2.3.3) and wait for its final status; abort if it does not come."""
        if not self.settled.is_set() and self.thread.is_alive() and self.assoc.is_established:
            with suppress(Exception):  # a cancel that cannot be sent: the abort below ends it
                self.assoc.send_c_cancel(1, query_model=self.model)
        self.thread.join(timeout=wait_s)
        if self.reuse is not None and not self.thread.is_alive() and self.settled.is_set():
            self.reuse()
        elif self.assoc.is_established:
            self.assoc.abort()


def await_answers(
    assoc: Association,
    responses: Responses,
    arrived: Arrivals,
    settled: threading.Event,
    *,
    where: str,
    release: bool = True,
) -> threading.Thread:
    """Start the thread that awaits ``responses`` to the final status, then marks the end in
    ``arrived``. ``settled`` is set when the PACS gave a final status (the association is idle
    again); ``release`` False leaves the association open for the pool."""

    def drive() -> None:
        error: Exception | None = None
        try:
            for status, _identifier in responses:
                code = status_code(status, assoc, "retrieve")
                if code in PENDING:
                    continue
                if code not in (SUCCESS, _CANCELLED, *_WARNING):
                    error = DimseError(f"{where}: retrieve failed with status 0x{code:04X}")
            settled.set()
        except (PacsUnavailable, DimseError) as exc:
            error = exc
        except Exception as exc:  # pynetdicom's own failures, on this thread: hand them over
            error = PacsUnavailable(f"{where}: retrieve broke off: {exc!r}")
        finally:
            if release and assoc.is_established:
                assoc.release()
            arrived.queue.put(End(error))

    thread = threading.Thread(target=drive, daemon=True)
    thread.start()
    return thread


def stream(
    arrived: Arrivals, start: Callable[[], Retrieval], *, timeout_s: float, where: str
) -> Generator[bytes, None, None]:
    """Yield what ``arrived`` receives while the retrieval ``start`` begins runs (it begins at
    the first ``next``); stopped when the stream ends or is closed."""
    running = start()
    try:
        while True:
            item = arrived.queue.get(timeout=timeout_s * 4)
            if isinstance(item, End):
                if item.error is not None:
                    raise item.error
                return
            yield item
            arrived.resumed.set()
    except queue.Empty as exc:
        raise PacsUnavailable(f"{where}: the images stopped arriving") from exc
    finally:
        arrived.resumed.set()
        running.stop(wait_s=min(timeout_s, 5.0))


def storing(arrived: Arrivals) -> list[Any]:
    """Event handlers that put each image the PACS stores to us, as Part 10 bytes, in
    ``arrived``.

    The answer to the first C-STORE waits until the consumer comes back for the second
    image (or a second at most): the PACS sends the next image only after that answer, so
    the first one is decoded without the next arriving on the same interpreter (the GIL)
    and cores meanwhile. From then on images arrive while earlier ones are decoded."""
    first = threading.Event()

    def on_store(event: Any) -> int:
        request = event.request
        arrived.queue.put(
            part10(
                request.DataSet.getvalue(),
                sop_class=request.AffectedSOPClassUID,
                sop_instance=request.AffectedSOPInstanceUID,
                transfer_syntax=event.context.transfer_syntax,
            )
        )
        if not first.is_set():
            first.set()
            arrived.resumed.wait(timeout=_HOLD_FIRST_S)
        return SUCCESS

    return [(evt.EVT_C_STORE, on_store)]


def status_code(status: Dataset, assoc: Association, what: str) -> int:
    """The status of an answer; an empty one (the association broke or timed out) raises."""
    if "Status" not in status:
        raise PacsUnavailable(
            f"{what}: no answer from the PACS (aborted: {assoc.is_aborted}, timed out)"
        )
    return int(status.Status)
