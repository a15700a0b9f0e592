"""The one patient on screen: every patient-bound view takes its patient from here.

Selecting a patient bumps a *generation* and emits :attr:`PatientContext.changed`
with the new patient (or None). Views subscribe to that event and reset at once.
Work a view starts for a patient (reading a document, a report, a PSS, an image)
is delivered through :meth:`PatientContext.guard`: a callback wrapped there does
nothing once another selection has happened, so a slow answer for the previous
patient can never land under the next one. Dropping late results is therefore a
property of the context, not of each view remembering to check.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import ParamSpec

from fse_desk._types import PatientId
from fse_desk.domain.patient import Patient
from fse_desk.events import Event

P = ParamSpec("P")


@dataclass(frozen=True, slots=True)
class PatientToken:
    """Which selection a piece of work was started for."""

    generation: int
    patient_id: PatientId | None


class PatientContext:
    """The selected patient, with an event on every change and a generation counter.

    Only the GUI thread selects and checks tokens; workers merely carry a token.
    """

    def __init__(self) -> None:
        self.changed: Event[Patient | None] = Event()
        self._patient: Patient | None = None
        self._generation = 0

    @property
    def patient(self) -> Patient | None:
        return self._patient

    @property
    def token(self) -> PatientToken:
        patient_id = self._patient.id if self._patient is not None else None
        return PatientToken(self._generation, patient_id)

    def is_current(self, token: PatientToken) -> bool:
        return token.generation == self._generation

    def select(self, patient: Patient | None) -> None:
        """Make ``patient`` the one on screen; nothing happens if it already is (same record).

        An updated record of the same person (consent given, say) is a new selection:
        the views show it afresh and drop what was in flight for the old one.
        """
        if patient == self._patient:
            return
        self._generation += 1
        self._patient = patient
        self.changed.emit(patient)

    def guard(self, callback: Callable[P, object]) -> Callable[P, None]:
        """Wrap ``callback`` so it runs only while the current selection is still current."""
        token = self.token

        def guarded(*args: P.args, **kwargs: P.kwargs) -> None:
            if self.is_current(token):
                callback(*args, **kwargs)

        return guarded
