"""Filling a :class:`ResourceStore` with the synthetic region, once.

The store remembers which region it holds (seed, number of patients,
generator version) in its meta table; asking again for the same region is a
no-op, asking for another one replaces the data. An interrupted seeding leaves
no marker, so the next run starts over from an empty store.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Iterator
from datetime import date
from typing import Any

from fse_desk_sandbox.storage import ResourceStore

REGION_KEY = "region"
"""Meta key under which the store records the region it was seeded with."""

ProgressCallback = Callable[[int, int], None]


def ensure_seeded(
    store: ResourceStore,
    *,
    seed: int,
    patients: int,
    today: date,
    progress: ProgressCallback | None = None,
) -> bool:
    """Seed ``store`` with the region for ``seed``; False if it already holds exactly that.

    ``progress(done_patients, total_patients)`` is called as patients are generated.
    """
    from fse_desk_sandbox import region  # the generator is heavy; import only when seeding
    from fse_desk_sandbox.region.agenda import AGENDA_VERSION, agenda_resources

    version = region.GENERATOR_VERSION
    marker = json.dumps(
        {
            "seed": seed,
            "patients": patients,
            "generator_version": version,
            "agenda_version": AGENDA_VERSION,
        },
        sort_keys=True,
    )
    if store.get_meta(REGION_KEY) == marker:
        return False
    store.clear()
    batches = region.generate_region(seed=seed, patients=patients, today=today)
    store.bulk_load(_flatten(batches, patients, progress))
    # The team's agenda (Casa della Salute): its own generator, after the patients.
    store.bulk_load(agenda_resources(seed, patients, today))
    store.set_meta(REGION_KEY, marker)
    return True


def region_marker(store: ResourceStore) -> dict[str, Any] | None:
    """What region the store holds (``seed``, ``patients``, ``generator_version``), if any."""
    text = store.get_meta(REGION_KEY)
    if text is None:
        return None
    parsed: dict[str, Any] = json.loads(text)
    return parsed


def _flatten(
    batches: Iterable[list[dict[str, Any]]], total: int, progress: ProgressCallback | None
) -> Iterator[dict[str, Any]]:
    """All resources of all batches; the first batch is the practice, then one per patient."""
    for number, batch in enumerate(batches):
        yield from batch
        if number > 0 and progress is not None:
            progress(min(number, total), total)
