"""Realism modes: the sandbox behaving like independent FHIR servers, not like our client.

Switched on per :class:`~fse_desk_sandbox.storage.ResourceStore`, like the fault modes
of the server. Each one removes a convenience a client could otherwise lean on:

- ``millisecond_ties``: ``meta.lastUpdated`` to the millisecond, and one stamp for a
  whole transaction (a bulk load chunk), so many resources share a stamp;
- ``offset_paging``: ``next`` links page by offset, so an edit during a walk shifts
  the rows behind it (keyset paging on ``lastUpdated`` never does). Ties imply it:
  keyset paging on a stamp that is not unique would lose rows at page boundaries.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Realism:
    millisecond_ties: bool = False
    offset_paging: bool = False

    @classmethod
    def named(cls, name: str) -> Realism:
        """``plain``, ``ties`` or ``offset`` (see :data:`MODES`)."""
        if name not in MODES:
            raise ValueError(f"unknown realism mode {name!r}: one of {', '.join(MODES)}")
        return cls(millisecond_ties=name == "ties", offset_paging=name == "offset")


MODES = ("plain", "ties", "offset")
