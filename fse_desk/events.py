"""Plain-Python events the UI can observe (napari's EventedModel, in small).

Callbacks are held weakly, so a closed widget never keeps a core object alive
and never receives events after it is gone. An event may fire on a worker
thread: the Qt adapters re-emit it as a Signal so it lands on the GUI thread.
"""

from __future__ import annotations

import threading
import weakref
from collections.abc import Callable
from typing import Generic, TypeVar

T = TypeVar("T")


class Event(Generic[T]):
    """A list of weakly held callbacks taking one value."""

    def __init__(self) -> None:
        self._callbacks: list[weakref.ref[Callable[[T], None]]] = []
        self._lock = threading.Lock()

    def connect(self, callback: Callable[[T], None]) -> None:
        ref: weakref.ref[Callable[[T], None]]
        if hasattr(callback, "__self__") and hasattr(callback, "__func__"):
            ref = weakref.WeakMethod(callback)
        else:
            ref = weakref.ref(callback)
        with self._lock:
            self._callbacks.append(ref)

    def disconnect(self, callback: Callable[[T], None]) -> None:
        with self._lock:
            self._callbacks = [r for r in self._callbacks if r() not in (None, callback)]

    def emit(self, value: T) -> None:
        with self._lock:
            alive = [(r, r()) for r in self._callbacks]
            self._callbacks = [r for r, cb in alive if cb is not None]
        for _, callback in alive:
            if callback is not None:
                callback(value)
