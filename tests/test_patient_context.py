"""The patient context: one selection, an event on change, late work dropped by design."""

from __future__ import annotations

from datetime import date

from fse_desk._types import CodiceFiscale, PatientId
from fse_desk.domain.patient import ConsentState, Patient, Sex
from fse_desk.patient_context import PatientContext


def _patient(pid: str, cf: str, consent: ConsentState = ConsentState.GRANTED) -> Patient:
    return Patient(
        id=PatientId(pid),
        codice_fiscale=CodiceFiscale(cf),
        given_name="Anna",
        family_name="Rossi",
        sex=Sex.FEMALE,
        birth_date=date(1950, 1, 1),
        consent=consent,
    )


ANNA = _patient("p1", "RSSNNA50A41H501Q")
BRUNO = _patient("p2", "BNCBRN60A01F205Z")


def test_selecting_emits_once_per_change_and_not_for_the_same_record() -> None:
    context = PatientContext()
    seen: list[Patient | None] = []

    def record(patient: Patient | None) -> None:  # held weakly by the event: kept alive here
        seen.append(patient)

    context.changed.connect(record)
    context.select(ANNA)
    context.select(ANNA)
    context.select(BRUNO)
    context.select(None)
    assert seen == [ANNA, BRUNO, None]
    assert context.patient is None


def test_an_updated_record_of_the_same_person_is_a_new_selection() -> None:
    context = PatientContext()
    context.select(ANNA)
    token = context.token
    context.select(_patient("p1", "RSSNNA50A41H501Q", ConsentState.DENIED))
    assert not context.is_current(token)


def test_work_started_for_one_patient_is_dropped_after_a_switch() -> None:
    context = PatientContext()
    delivered: list[str] = []
    context.select(ANNA)
    for_anna = context.guard(delivered.append)
    context.select(BRUNO)
    for_bruno = context.guard(delivered.append)
    for_anna("Anna's report")  # arrives late, after the switch
    for_bruno("Bruno's report")
    assert delivered == ["Bruno's report"]
    assert context.token.patient_id == BRUNO.id


def test_going_back_to_the_same_patient_still_drops_the_old_work() -> None:
    # A -> B -> A: the first load for A is stale even though A is on screen again.
    context = PatientContext()
    delivered: list[str] = []
    context.select(ANNA)
    first = context.guard(delivered.append)
    context.select(BRUNO)
    context.select(ANNA)
    first("stale")
    context.guard(delivered.append)("fresh")
    assert delivered == ["fresh"]
