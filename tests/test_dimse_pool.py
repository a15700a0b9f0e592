"""The DIMSE keep-alive pool over real associations with Orthanc's DICOM port."""

from __future__ import annotations

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
