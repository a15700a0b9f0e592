"""The ``gp_changes`` realism mode: the regional registry moving citizens between GPs.

On a real region citizens change their family doctor every day (a choice, a move, a
doctor who retires), and nothing tells the practice: its list is simply different the
next time it asks. In this mode, when a practice asks for its patients again (a first
page of ``Patient?general-practitioner=``, its first request aside), the registry has
just swapped the GPs of two citizens: one of the practice's patients now belongs to
another doctor, and one of that doctor's patients, with documents older than anything
the practice has synced, belongs to the practice. Both are new versions stamped now.

``rounds`` swaps per practice (one by default, so that a test can also see a quiet sync
after the change); every swap is listed in :attr:`GpRegistry.moves`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from fse_desk_sandbox.search import PAGE_PARAM

if TYPE_CHECKING:
    from fse_desk_sandbox.storage import ResourceStore

_CANDIDATES = 50  # another doctor's patients looked at for one with documents


@dataclass(frozen=True, slots=True)
class GpMove:
    patient_id: str
    from_gp: str
    to_gp: str


class GpRegistry:
    """Swaps citizens between GPs as practices ask for their lists (see the module)."""

    def __init__(self, rounds: int = 1) -> None:
        self.rounds = rounds
        self.moves: list[GpMove] = []
        self._asked: dict[str, int] = {}
        self._swapping = False

    def asked(self, store: ResourceStore, params: Sequence[tuple[str, str]]) -> None:
        """A ``Patient`` search arrived: swap two citizens if the practice asks again."""
        values = [v for name, v in params if name == "general-practitioner"]
        paging_or_counting = any(
            n == PAGE_PARAM or (n, v) == ("_summary", "count") for n, v in params
        )
        if self._swapping or len(values) != 1 or paging_or_counting:
            return  # a later page of a walk, a count, or the registry's own search
        gp = _last_segment(values[0])
        asked = self._asked.get(gp, 0)
        self._asked[gp] = asked + 1
        if asked == 0 or asked > self.rounds:
            return
        self._swapping = True
        try:
            self._swap(store, gp)
        finally:
            self._swapping = False

    def _swap(self, store: ResourceStore, gp: str) -> None:
        mine = store.search(
            "Patient", [("general-practitioner", f"Practitioner/{gp}"), ("_count", "1000")]
        ).entries
        others = [
            s.resource()
            for s in store.search("Patient", [("_count", str(_CANDIDATES))]).entries
            if _gp_of(s.resource()) not in (None, gp)
        ]
        if not mine or not others:
            return
        newcomer = next((p for p in others if _has_documents(store, p["id"])), others[0])
        leaver = max(mine, key=lambda s: s.id).resource()  # the last on the list
        other_gp = _gp_of(newcomer)
        assert other_gp is not None  # filtered above
        for patient, to in ((leaver, other_gp), (newcomer, gp)):
            moved = {**patient, "generalPractitioner": [{"reference": f"Practitioner/{to}"}]}
            store.update("Patient", patient["id"], moved)
            self.moves.append(GpMove(patient["id"], _gp_of(patient) or "", to))


def _gp_of(patient: dict[str, Any]) -> str | None:
    for gp in patient.get("generalPractitioner") or []:
        reference = gp.get("reference", "") if isinstance(gp, dict) else ""
        if reference.startswith("Practitioner/"):
            return _last_segment(reference)
    return None


def _has_documents(store: ResourceStore, patient_id: str) -> bool:
    params = [("subject", f"Patient/{patient_id}"), ("_summary", "count")]
    return store.search("DocumentReference", params).total > 0


def _last_segment(reference: str) -> str:
    return reference.rsplit("/", 1)[-1]
