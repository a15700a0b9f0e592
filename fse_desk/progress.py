"""Progress reports and cooperative cancellation for long core operations.

Long work is written as a plain generator that yields :class:`Progress` and
checks a :class:`CancelToken` between safe steps, so it is testable without Qt;
``fse_desk_ui/workers.py`` runs such generators on a thread pool.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Generator
from dataclasses import dataclass
from typing import TypeVar

from fse_desk.errors import Cancelled

R = TypeVar("R")


@dataclass(frozen=True, slots=True)
class Progress:
    """``done`` of ``total`` steps (``total`` 0 when unknown), with a short label."""

    done: int
    total: int
    label: str

    @property
    def fraction(self) -> float | None:
        return None if self.total <= 0 else min(1.0, self.done / self.total)


class CancelToken:
    """A thread-safe flag a worker checks between safe points."""

    def __init__(self) -> None:
        self._event = threading.Event()

    def cancel(self) -> None:
        self._event.set()

    @property
    def cancelled(self) -> bool:
        return self._event.is_set()

    def raise_if_cancelled(self) -> None:
        if self._event.is_set():
            raise Cancelled("operation cancelled by the user")


def drive(
    operation: Generator[Progress, None, R], report: Callable[[Progress], None] | None = None
) -> R:
    """Run a progress generator to the end, passing each report on; return its result."""
    while True:
        try:
            progress = next(operation)
        except StopIteration as stop:
            result: R = stop.value
            return result
        if report is not None:
            report(progress)
