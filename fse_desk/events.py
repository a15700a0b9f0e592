"""Plain-Python events the UI can observe (napari's EventedModel, in small).

A bound method is held weakly, so a closed widget never keeps a core object
alive and never receives events after it is gone. Any other callable (a plain
function, a lambda, a ``functools.partial``) is held strongly: nothing else
refers to it, so a weak reference would drop it at once, silently.
An event may fire on a worker thread: the Qt adapters re-emit it as a Signal
so it lands on the GUI thread.
"""

from __future__ import annotations

import threading
import weakref
from collections.abc import Callable
from inspect import ismethod
from typing import Generic, TypeVar

T = TypeVar("T")

_Callback = Callable[[T], None]


class _Strong(Generic[T]):
    """A strong reference with the call signature of a weak one."""

    __slots__ = ("_callback",)

    def __init__(self, callback: _Callback[T]) -> None:
        self._callback = callback

    def __call__(self) -> _Callback[T]:
        return self._callback


class Event(Generic[T]):
    """Callbacks taking one value: bound methods weakly, anything else strongly."""

    def __init__(self) -> None:
        self._callbacks: list[weakref.WeakMethod[_Callback[T]] | _Strong[T]] = []
        self._lock = threading.Lock()

    def connect(self, callback: _Callback[T]) -> None:
        ref: weakref.WeakMethod[_Callback[T]] | _Strong[T]
        ref = weakref.WeakMethod(callback) if ismethod(callback) else _Strong(callback)
        with self._lock:
            self._callbacks.append(ref)

    def disconnect(self, callback: _Callback[T]) -> None:
        """Forget ``callback`` (equal bound methods match); unknown callbacks are ignored."""
        with self._lock:
            self._callbacks = [r for r in self._callbacks if r() not in (None, callback)]

    def emit(self, value: T) -> None:
        with self._lock:
            alive = [(r, r()) for r in self._callbacks]
            self._callbacks = [r for r, cb in alive if cb is not None]
        for _, callback in alive:
            if callback is not None:
                callback(value)
