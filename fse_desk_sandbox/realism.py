"""Realism modes: the sandbox behaving like independent FHIR servers, not like our client.

Switched on per :class:`~fse_desk_sandbox.storage.ResourceStore`, like the fault modes
of the server. Each one removes a convenience a client could otherwise lean on:

- ``millisecond_ties``: ``meta.lastUpdated`` to the millisecond, and one stamp for a
  whole transaction (a bulk load chunk), so many resources share a stamp;
- ``offset_paging``: ``next`` links page by offset, so an edit during a walk shifts
  the rows behind it (keyset paging on ``lastUpdated`` never does). Ties imply it:
  keyset paging on a stamp that is not unique would lose rows at page boundaries.
- ``history``: type-level ``_history?_since=`` answered (deletions as entries with
  ``request.method`` DELETE and ``response.status`` 410), and advertised as
  ``history-type`` in the CapabilityStatement; without it a client must find
  deletions by itself (a deleted resource answers 410 Gone either way);
- ``binary_as_resource``: a Binary read answers the FHIR ``Binary`` resource (JSON,
  base64 ``data``) whatever the client accepts, as some servers do;
- ``gp_changes``: the regional registry swaps two citizens' GPs each time a practice
  asks for its list again (see :mod:`fse_desk_sandbox.gp_registry`): one patient leaves
  the practice, another joins it with documents older than the practice's last sync;
- ``refuses_audit_events``: AuditEvent left out of the CapabilityStatement and its
  creation answered 404, as a region that does not collect workstations' access logs.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Realism:
    millisecond_ties: bool = False
    offset_paging: bool = False
    history: bool = False
    binary_as_resource: bool = False
    refuses_audit_events: bool = False
    gp_changes: bool = False

    @classmethod
    def named(cls, name: str) -> Realism:
        """One of :data:`MODES`, or ``binary`` (Binary answered as a resource)."""
        if name not in (*MODES, "binary"):
            raise ValueError(f"unknown realism mode {name!r}: one of {', '.join(MODES)}")
        return cls(
            millisecond_ties=name == "ties",
            offset_paging=name == "offset",
            history=name == "history",
            binary_as_resource=name == "binary",
            gp_changes=name == "gp_changes",
        )


MODES = ("plain", "ties", "offset", "history", "gp_changes")
"""The modes the sync's tests run in (``binary`` concerns body reads, tested apart)."""
