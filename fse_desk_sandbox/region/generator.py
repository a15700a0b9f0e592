"""``generate_region``: the practice batch, then one batch per assistito."""

from __future__ import annotations

import math
import random
from collections.abc import Iterator
from datetime import date, timedelta
from typing import Any

from fse_desk.pss import Pss, write_cda
from fse_desk_sandbox.region import cda, fhir, pdf, pss
from fse_desk_sandbox.region.clock import random_day, working_time
from fse_desk_sandbox.region.conditions import build_profile, chronic_probability
from fse_desk_sandbox.region.facilities import all_clinicians, practice_resources
from fse_desk_sandbox.region.histories import build_history
from fse_desk_sandbox.region.model import Doc
from fse_desk_sandbox.region.people import Person, make_person

GENERATOR_VERSION = "4"
"""Bump whenever the output for a given (seed, patients, today) changes: the sandbox
re-seeds a store that holds another version."""

HIDDEN_SHARE = 0.025
DENY_SHARE = 0.05


class _Systematic:
    """Systematic sampling: over n draws with probabilities p_i, about sum(p_i) are chosen
    (never more than one away), so small regions keep the intended shares."""

    def __init__(self, rng: random.Random) -> None:
        self._offset = rng.random()
        self._total = 0.0

    def draw(self, probability: float) -> bool:
        before = self._total
        self._total += probability
        return math.floor(self._total + self._offset) > math.floor(before + self._offset)


def _render(doc: Doc, person: Person, master_id: str) -> tuple[str, bytes]:
    if doc.pdf:
        return fhir.PDF_CONTENT_TYPE, pdf.render(doc, person, master_id)
    return fhir.CDA_CONTENT_TYPE, cda.render(doc, person, master_id).encode("utf-8")


def patient_batch(
    rng: random.Random, person: Person, chronic: bool, permit: bool, today: date
) -> list[dict[str, Any]]:
    """Patient, Consent, then each DocumentReference followed by its Binary, then vitals."""
    profile = build_profile(rng, person, today, chronic)
    docs, vitals = build_history(rng, profile, today)
    consent_day = random_day(
        rng, max(profile.fse_start, date(2016, 3, 1)), today - timedelta(days=1)
    )
    batch = [
        fhir.patient_resource(person),
        fhir.consent_resource(person, permit, working_time(rng, consent_day)),
    ]
    previous_pss: tuple[Pss, dict[str, Any]] | None = None  # (record, its DocumentReference)
    for n, doc in enumerate(docs, start=1):
        suffix = f"{person.index:06d}-{n:04d}"
        master_id = f"080.{doc.signed_time:%Y%m%d%H%M%S}.{person.index:06d}.{n:04d}"
        replaces = None
        if doc.pss is not None:
            version = pss.chain(doc.pss, previous_pss[0] if previous_pss else None, master_id)
            replaces = previous_pss[1] if previous_pss else None
            content_type, data = fhir.CDA_CONTENT_TYPE, write_cda(version)
        else:
            content_type, data = _render(doc, person, master_id)
        hidden = doc.loinc != "60591-5" and rng.random() < HIDDEN_SHARE
        binary_id = f"bin-{suffix}"
        reference = fhir.document_reference(
            person, doc, f"doc-{suffix}", master_id, binary_id, content_type, data, hidden
        )
        if replaces is not None:
            # As the FSE does on a replacement: the new version points at the old one,
            # which stays readable but is no longer current.
            reference["relatesTo"] = [
                {"code": "replaces", "target": {"reference": f"DocumentReference/{replaces['id']}"}}
            ]
            replaces["status"] = "superseded"
        if doc.pss is not None:
            previous_pss = (version, reference)
        batch.append(reference)
        batch.append(fhir.binary_resource(binary_id, content_type, data))
    for n, vital in enumerate(vitals, start=1):
        batch.append(fhir.observation_resource(person, vital, f"obs-{person.index:06d}-{n:04d}"))
    return batch


def generate_region(
    seed: int, patients: int = 1000, today: date | None = None
) -> Iterator[list[dict[str, Any]]]:
    """Yield the practice-level resources, then one list of resources per assistito.

    Deterministic for ``(seed, patients, today)``: every random choice comes from
    ``random.Random`` instances seeded from ``seed`` and the patient number, and
    ``today`` (default: the current date) is the only clock read.
    """
    today = today or date.today()
    yield practice_resources()
    taken = {c.cf for c in all_clinicians()}
    chronic_sampler = _Systematic(random.Random(f"{seed}:chronic"))
    deny_sampler = _Systematic(random.Random(f"{seed}:consent"))
    for index in range(1, patients + 1):
        rng = random.Random(f"{seed}:{index}")
        person = make_person(index, rng, today, taken)
        chronic = chronic_sampler.draw(chronic_probability(person.age_on(today)))
        permit = not deny_sampler.draw(DENY_SHARE)
        yield patient_batch(rng, person, chronic, permit, today)
