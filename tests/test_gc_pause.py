"""The sync's pause of the cyclic garbage collector: held while any walk runs, then undone."""

from __future__ import annotations

import gc
import threading

import httpx
import pytest

from fse_desk.gc_pause import cyclic_gc_paused
from tests.fixtures_region import LiveRegion

pytestmark = pytest.mark.usefixtures("collector_on")


def test_overlapping_pauses_in_two_threads_end_with_the_last() -> None:
    gc.enable()
    first_in, second_in, first_out = threading.Event(), threading.Event(), threading.Event()
    seen: dict[str, bool] = {}

    def first() -> None:
        with cyclic_gc_paused():
            first_in.set()
            second_in.wait(10)
        first_out.set()

    def second() -> None:
        first_in.wait(10)
        with cyclic_gc_paused():
            second_in.set()
            first_out.wait(10)
            seen["after the first ended"] = gc.isenabled()

    threads = [threading.Thread(target=first), threading.Thread(target=second)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(10)
    assert seen == {"after the first ended": False}
    assert gc.isenabled()


def test_a_collector_already_off_stays_off_and_an_error_still_resumes_one_that_was_on() -> None:
    gc.disable()
    with cyclic_gc_paused():
        assert not gc.isenabled()
    assert not gc.isenabled()
    gc.enable()
    with pytest.raises(RuntimeError), cyclic_gc_paused():
        assert not gc.isenabled()
        raise RuntimeError("a page failed")
    assert gc.isenabled()


def test_a_page_read_leaves_no_response_for_the_paused_collector(live_region: LiveRegion) -> None:
    # httpx's response and its stream refer to each other: kept, every page's body would
    # wait in memory for the collector until the walk ends.
    gc.collect()
    with cyclic_gc_paused():
        pages = sum(1 for _ in live_region.client.walk("DocumentReference", {"_count": "20"}))
        left = [o for o in gc.get_objects() if isinstance(o, httpx.Response)]
    assert pages > 3
    assert left == []
