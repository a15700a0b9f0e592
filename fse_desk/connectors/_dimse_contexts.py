"""What a DIMSE association is negotiated with: the query/retrieve models, the image
storage classes and transfer syntaxes offered, and the socket and polling options every
one gets."""

from __future__ import annotations

import socket
from typing import Any

from pydicom.uid import (
    JPEG2000,
    UID,
    DeflatedExplicitVRLittleEndian,
    ExplicitVRBigEndian,
    ExplicitVRLittleEndian,
    ImplicitVRLittleEndian,
    JPEG2000Lossless,
    JPEGBaseline8Bit,
    JPEGExtended12Bit,
    JPEGLossless,
    JPEGLosslessSV1,
    JPEGLSLossless,
    JPEGLSNearLossless,
    RLELossless,
)
from pynetdicom import StoragePresentationContexts, evt

# Study Root Query/Retrieve Information Model (PS3.4 C.6.2), FIND, MOVE and GET.
StudyRootQueryRetrieveInformationModelFind = UID("1.2.840.10008.5.1.4.1.2.2.1")
StudyRootQueryRetrieveInformationModelMove = UID("1.2.840.10008.5.1.4.1.2.2.2")
StudyRootQueryRetrieveInformationModelGet = UID("1.2.840.10008.5.1.4.1.2.2.3")
# The image storage classes pynetdicom knows; at most 127 beside the GET model in one association.
STORAGE_CLASSES = [UID(str(c.abstract_syntax)) for c in StoragePresentationContexts]


# The syntaxes we accept images in: uncompressed, and every compression pydicom decodes here,
# so the PACS sends what it stores instead of transcoding.
TRANSFER_SYNTAXES = [
    ExplicitVRLittleEndian,
    ImplicitVRLittleEndian,
    DeflatedExplicitVRLittleEndian,
    ExplicitVRBigEndian,
    JPEGBaseline8Bit,
    JPEGExtended12Bit,
    JPEGLossless,
    JPEGLosslessSV1,
    JPEGLSLossless,
    JPEGLSNearLossless,
    JPEG2000Lossless,
    JPEG2000,
    RLELossless,
]


def one_context_each(classes: tuple[str, ...], others: int) -> bool:
    """Whether ``classes`` fit, one context per class and syntax, in one association beside
    ``others`` contexts (128 at most, PS3.8 9.3.2.2)."""
    return bool(classes) and len(classes) * len(TRANSFER_SYNTAXES) + others <= 128


def _send_without_delay(event: Any) -> None:
    """Turn off Nagle's algorithm on the association's socket as soon as it connects.

    pynetdicom writes a DIMSE message as several small PDUs (the C-GET request's command,
    then its identifier). With Nagle on, the second waits for the PACS to acknowledge the
    first, and the PACS's TCP delays that acknowledgement by up to 40 ms: most of the time
    to the first image of a series went there. DICOM toolkits such as DCMTK set
    TCP_NODELAY for the same reason."""
    sock = event.assoc.dul.socket.socket
    if sock is not None and sock.family in (socket.AF_INET, socket.AF_INET6):
        sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)


# pynetdicom's DUL thread polls its socket and its queue of PDUs to send, sleeping
# ``_run_loop_delay`` (1 ms) after each empty poll: a request waits up to that long to go
# out and every answer up to that long to be read, on a loopback PACS as long as the PACS
# takes to find the first image. While an operation is under way we poll every 0.1 ms;
# an association idle in the pool goes back to 1 ms (a busy poll there would cost CPU).
BUSY_POLL_S = 0.0001
IDLE_POLL_S = 0.001


def poll_every(assoc: Any, seconds: float) -> None:
    """Set how long the association's DUL thread sleeps between empty polls."""
    assoc.dul._run_loop_delay = seconds


def _on_connect(event: Any) -> None:
    """A new association negotiates and is then used at once: no delay, busy polling."""
    _send_without_delay(event)
    poll_every(event.assoc, BUSY_POLL_S)


ON_CONNECT = (evt.EVT_CONN_OPEN, _on_connect)
