"""The same region synced from the sandbox and from a FHIR server nobody on the team wrote.

The cache must come out identical apart from what each server assigns (versionId,
lastUpdated): same patients, consents and documents, same privacy decisions.
"""

from __future__ import annotations

import secrets
from collections.abc import Callable
from pathlib import Path
from typing import Any

from fse_desk.connectors.fhir_client import FhirClient, RetryPolicy
from fse_desk.connectors.sync import SyncEngine, SyncSummary
from fse_desk.progress import drive
from fse_desk.store import CacheStore
from fse_desk_sandbox import ResourceStore, SandboxServer
from tests.fixtures_independent import region_export

MMG = "prac-mmg-demo"


def _sync_into(path: Path, base_url: str, page_size: int) -> tuple[CacheStore, SyncSummary]:
    cache = CacheStore.open(path, secrets.token_bytes(32))
    with FhirClient(base_url, retry=RetryPolicy(attempts=2, base_delay_s=0.01)) as client:
        summary = drive(SyncEngine(cache, client, practitioner_id=MMG, page_size=page_size).pull())
    return cache, summary


def _content(cache: CacheStore, patient_ids: list[str]) -> dict[str, Any]:
    """Everything the cache holds, minus the stamps each server assigns itself."""
    patients = {}
    documents = {}
    for pid in patient_ids:
        patient = cache.patients.get(pid)
        if patient is None:
            continue
        patients[pid] = (
            patient.codice_fiscale,
            patient.display_name,
            patient.birth_date,
            patient.sex,
            patient.consent,
            patient.general_practitioner_id,
        )
        for doc in cache.documents.list_for_patient(pid):
            documents[doc.id] = (
                doc.patient_id,
                doc.type_code,
                doc.title,
                doc.date,
                doc.status,
                doc.confidentiality,
                doc.body_url,
                doc.master_identifier,
            )
    return {"patients": patients, "documents": documents}


def test_an_independent_server_fills_the_same_cache_as_the_sandbox(
    tmp_path: Path,
    small_region: list[dict[str, Any]],
    sandbox_factory: Callable[..., SandboxServer],
    independent_fhir: Callable[[list[dict[str, Any]]], str],
) -> None:
    export = region_export(small_region, 8)
    region = ResourceStore()
    region.bulk_load(export)
    sandbox = sandbox_factory(region)
    independent = independent_fhir(export)
    ids = [r["id"] for r in export if r["resourceType"] == "Patient"]
    ours, _ = _sync_into(tmp_path / "sandbox.sqlcipher", sandbox.base_url, 40)
    theirs, summary = _sync_into(tmp_path / "independent.sqlcipher", independent, 40)
    try:
        expected = _content(ours, ids)
        assert expected["patients"] and expected["documents"]
        assert summary.pages > 3 and summary.quarantined == 0
        assert _content(theirs, ids) == expected
        # Nothing new on either server: a second sync changes nothing.
        with FhirClient(independent) as client:
            again = drive(SyncEngine(theirs, client, practitioner_id=MMG).pull())
        assert (again.patients, again.documents, again.documents_removed) == (0, 0, 0)
    finally:
        ours.close()
        theirs.close()
        region.close()
