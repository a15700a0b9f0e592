"""The DIMSE keep-alive pool over real associations with Orthanc's DICOM port."""

from __future__ import annotations

import time
from collections.abc import Callable

import pytest
from pynetdicom import AE
from pynetdicom.association import Association

from fse_desk.connectors._dimse_contexts import BUSY_POLL_S, IDLE_POLL_S
from fse_desk.connectors._dimse_pool import AssociationPool
from tests.fixtures_orthanc import ORTHANC_AE, WORKSTATION_AE, OrthancServer

VERIFICATION = "1.2.840.10008.1.1"


def _open(orthanc: OrthancServer) -> Association:
    ae = AE(ae_title=WORKSTATION_AE)
    ae.add_requested_context(VERIFICATION)
    assoc = ae.associate("127.0.0.1", orthanc.dicom_port, ae_title=ORTHANC_AE)
    assert assoc.is_established
    return assoc


def test_an_association_is_kept_while_fresh_and_released_when_stale(
    orthanc: OrthancServer,
) -> None:
    now = [0.0]
    pool = AssociationPool(idle_s=20.0, clock=lambda: now[0])
    first = _open(orthanc)
    pool.give_back(("ct",), first)
    assert pool.take(("mr",)) is None
    now[0] = 19.0
    assert pool.take(("ct",)) is first  # taken: no longer in the pool
    assert pool.take(("ct",)) is None
    assert first.send_c_echo().Status == 0x0000

    pool.give_back(("ct",), first)
    now[0] = 40.0  # idle 21 s: the PACS may be about to close it
    assert pool.take(("ct",)) is None
    assert first.is_released and not first.is_established


def test_one_kept_per_key_and_none_dropped_or_left_open(orthanc: OrthancServer) -> None:
    pool = AssociationPool()
    one, two, dropped = _open(orthanc), _open(orthanc), _open(orthanc)
    pool.give_back(("ct",), one)
    pool.give_back(("ct",), two)
    assert one.is_released  # the second replaced it
    dropped.abort()
    pool.give_back(("mr",), dropped)
    assert pool.take(("mr",)) is None
    pool.close()
    assert two.is_released and pool.take(("ct",)) is None


def test_a_taken_association_polls_briskly_and_an_idle_one_at_the_default_pace(
    orthanc: OrthancServer,
) -> None:
    # pynetdicom's DUL thread sleeps _run_loop_delay between empty polls; a rename in a new
    # pynetdicom would silently bring back 1 ms per hop of every request and answer.
    pool = AssociationPool()
    assoc = _open(orthanc)
    pool.give_back(("ct",), assoc)
    assert assoc.dul._run_loop_delay == IDLE_POLL_S
    assert pool.take(("ct",)) is assoc
    assert assoc.dul._run_loop_delay == BUSY_POLL_S < IDLE_POLL_S
    assert assoc.send_c_echo().Status == 0x0000
    assoc.release()


def _within(seconds: float, condition: Callable[[], bool]) -> bool:
    """Whether ``condition`` holds within ``seconds`` (polled: pynetdicom's threads move it)."""
    deadline = time.monotonic() + seconds
    while not condition() and time.monotonic() < deadline:
        time.sleep(0.001)
    return condition()


def _held(assoc: Association) -> bool:
    """Whether the reactor has stopped at its pause point (it gets there within its 1 ms loop)."""
    return _within(2.0, lambda: bool(assoc._is_paused))


def test_a_kept_association_waits_with_its_reactor_held_for_the_next_request(
    orthanc: OrthancServer,
) -> None:
    # Every pynetdicom request first waits for the reactor to pause; kept, it has paused
    # already. pynetdicom's private names: a rename would silently bring the wait back.
    pool = AssociationPool()
    assoc = _open(orthanc)
    pool.give_back(("ct",), assoc)
    assert _held(assoc)
    assert pool.take(("ct",)) is assoc and assoc._is_paused
    assert assoc.send_c_echo().Status == 0x0000
    assert assoc._reactor_checkpoint.is_set()  # the request let it run again
    pool.give_back(("ct",), assoc)
    pool.close()
    assert assoc.is_released


@pytest.mark.parametrize("leaving", ["abort", "release"])
def test_a_kept_association_the_pacs_ends_is_not_handed_out(leaving: str) -> None:
    # What the PACS sends, or its closing the connection, lets the held reactor run to end the
    # association; the pool looks again when it is taken.
    pacs = AE(ae_title="PACS")
    pacs.acse_timeout = 2  # how long the PACS waits for our answer to its release
    pacs.add_supported_context(VERIFICATION)
    server = pacs.start_server(("127.0.0.1", 0), block=False)
    try:
        port = server.server_address[1]
        ae = AE(ae_title=WORKSTATION_AE)
        ae.add_requested_context(VERIFICATION)
        assoc = ae.associate("127.0.0.1", port, ae_title="PACS")
        pool = AssociationPool()
        pool.give_back(("ct",), assoc)
        assert _held(assoc)
        [theirs] = server.active_associations
        theirs.abort() if leaving == "abort" else theirs.release()
        _within(2.0, lambda: not assoc.is_established)  # the reactor answers
        assert pool.take(("ct",)) is None
        assert not assoc.is_established
        assert theirs.is_aborted if leaving == "abort" else theirs.is_released  # answered
    finally:
        server.shutdown()
