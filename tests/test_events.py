"""Core events: what is connected is called, until it is disconnected or its owner is gone."""

from __future__ import annotations

import gc
import threading

from fse_desk.events import Event


class _Listener:
    def __init__(self) -> None:
        self.seen: list[int] = []

    def on_value(self, value: int) -> None:
        self.seen.append(value)


def test_a_lambda_is_kept_and_called() -> None:
    event: Event[int] = Event()
    seen: list[int] = []
    event.connect(lambda value: seen.append(value))
    gc.collect()
    event.emit(1)
    event.emit(2)
    assert seen == [1, 2]


def test_a_bound_method_is_called_while_its_object_lives_and_dropped_after() -> None:
    event: Event[int] = Event()
    listener = _Listener()
    event.connect(listener.on_value)
    event.emit(1)
    assert listener.seen == [1]
    del listener
    gc.collect()
    event.emit(2)  # nothing to call, nothing raised
    assert event._callbacks == []


def test_disconnect_stops_functions_and_methods() -> None:
    event: Event[int] = Event()
    listener = _Listener()
    seen: list[int] = []

    def collect(value: int) -> None:
        seen.append(value)

    event.connect(collect)
    event.connect(listener.on_value)
    event.emit(1)
    event.disconnect(collect)
    event.disconnect(listener.on_value)  # a new bound-method object, equal to the connected one
    event.emit(2)
    assert seen == [1] and listener.seen == [1]


def test_emission_from_a_worker_thread_reaches_every_callback() -> None:
    event: Event[int] = Event()
    listener = _Listener()
    threads_seen: list[str] = []
    event.connect(listener.on_value)
    event.connect(lambda _value: threads_seen.append(threading.current_thread().name))
    worker = threading.Thread(target=lambda: [event.emit(i) for i in range(100)], name="worker")
    worker.start()
    worker.join()
    assert listener.seen == list(range(100))
    assert set(threads_seen) == {"worker"} and len(threads_seen) == 100
