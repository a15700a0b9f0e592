"""Undo and redo of the draft: each command holds the whole draft before and after.

The records are frozen, so a snapshot is cheap (shared tuples) and undo is exact.
Typing in one field merges into one command: commands with the same ``merge_key``
pushed one after the other become one undo step.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable

from PySide6.QtGui import QUndoCommand

from fse_desk.pss.model import Pss

_MERGEABLE = 1


class DraftChange(QUndoCommand):
    def __init__(
        self,
        text: str,
        before: Pss,
        after: Pss,
        apply: Callable[[Pss], None],
        merge_key: Hashable | None = None,
    ) -> None:
        super().__init__(text)
        self.before = before
        self.after = after
        self.merge_key = merge_key
        self._apply = apply

    def redo(self) -> None:
        self._apply(self.after)

    def undo(self) -> None:
        self._apply(self.before)

    def id(self) -> int:
        return _MERGEABLE if self.merge_key is not None else -1

    def mergeWith(self, other: QUndoCommand) -> bool:
        if not isinstance(other, DraftChange) or other.merge_key != self.merge_key:
            return False
        self.after = other.after
        return True
