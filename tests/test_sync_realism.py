"""The sync against a sandbox that does not flatter it: every realism mode, adversarial edits.

Each test runs in every realism mode (millisecond ties, offset paging, ``_history``, patients
moving between GPs, plain) over real HTTP into a real SQLCipher cache.
"""

from __future__ import annotations

import logging
import secrets
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import httpx
import pytest

from fse_desk.connectors.fhir_client import FhirClient, RetryPolicy
from fse_desk.connectors.fhir_mapping import is_hidden
from fse_desk.connectors.sync import SyncEngine, SyncSummary
from fse_desk.domain import ConsentState
from fse_desk.domain.roles import Role
from fse_desk.progress import Progress, drive
from fse_desk.pss.service import PssService, PublishRefusal
from fse_desk.store import CacheStore
from fse_desk_sandbox import ResourceStore, SandboxServer
from fse_desk_sandbox.realism import MODES, Realism
from tests.fixtures_independent import region_export
from tests.fixtures_sandbox import document, patient

P99 = {"system": "urn:oid:2.16.840.1.113883.2.9.3.3.6.1.3", "code": "P99"}


@dataclass
class Region:
    store: ResourceStore
    server: SandboxServer
    client: FhirClient
    cache: CacheStore
    gp: str

    def live(self, resource_type: str) -> list[dict[str, Any]]:
        return list(self.client.search(resource_type, {"_count": "1000"}))


@pytest.fixture(params=MODES)
def region(
    request: pytest.FixtureRequest, tmp_path: Path, small_region: list[dict[str, Any]]
) -> Iterator[Region]:
    store = ResourceStore(tmp_path / "region.sqlite", realism=Realism.named(request.param))
    # A dozen assistiti: enough for many pages at small page sizes, quick in every mode.
    # The first three belong to the doctor next door, as in any region (copies: the
    # session's region stays as generated).
    exported = region_export(small_region, 12)
    patients = sorted(r["id"] for r in exported if r["resourceType"] == "Patient")
    next_door = [{"reference": "Practitioner/prac-mmg-vicino"}]
    exported = [
        {**r, "generalPractitioner": next_door}
        if r["resourceType"] == "Patient" and r["id"] in patients[:3]
        else r
        for r in exported
    ]
    store.bulk_load(exported)
    server = SandboxServer(store).start()
    client = FhirClient(server.base_url, retry=RetryPolicy(attempts=2, base_delay_s=0.01))
    cache = CacheStore.open(tmp_path / "cache.sqlcipher", secrets.token_bytes(32))
    gps = [
        gp["reference"].split("/")[1]
        for p in exported
        if p["resourceType"] == "Patient"
        for gp in p.get("generalPractitioner", [])
    ]
    try:
        yield Region(store, server, client, cache, max(set(gps), key=gps.count))
    finally:
        cache.close()
        client.close()
        server.stop()
        store.close()


def _sync(region: Region, **kwargs: Any) -> SyncSummary:
    engine = SyncEngine(region.cache, region.client, practitioner_id=region.gp, **kwargs)
    return drive(engine.pull())


def _mine(region: Region) -> set[str]:
    return {
        p["id"]
        for p in region.live("Patient")
        if any(g["reference"] == f"Practitioner/{region.gp}" for g in p["generalPractitioner"])
    }


def _expected(region: Region) -> set[str]:
    mine = _mine(region)
    consenting = {
        c["patient"]["reference"].split("/")[1]
        for c in region.live("Consent")
        if c["status"] == "active" and c["provision"]["type"] == "permit"
    } & mine
    return {
        d["id"]
        for d in region.live("DocumentReference")
        if not is_hidden(d)
        and d["status"] != "entered-in-error"
        and d["subject"]["reference"].split("/")[1] in consenting
    }


def _cached(region: Region) -> set[str]:
    return {
        d.id
        for p in region.live("Patient")
        for d in region.cache.documents.list_for_patient(p["id"])
    }


def test_small_pages_on_tied_stamps_lose_nothing(region: Region) -> None:
    summary = _sync(region, page_size=7)
    assert summary.pages > 5 and summary.incomplete == []
    assert _cached(region) == _expected(region)
    assert {p.id for p in region.cache.patients.search("", limit=10_000)} == _mine(region)


def test_only_the_practices_patients_are_cached(region: Region) -> None:
    other = patient(cf="VRDLGU60A01A944B", family="Verdi", gp="another-mmg")
    other_id = region.client.create(other)["id"]
    consent = {
        "resourceType": "Consent",
        "status": "active",
        "scope": {"coding": [{"code": "patient-privacy"}]},
        "category": [{"coding": [{"code": "59284-0"}]}],
        "patient": {"reference": f"Patient/{other_id}"},
        "provision": {"type": "permit"},
    }
    region.client.create(consent)
    other_doc = region.client.create(
        {k: v for k, v in document("x", other_id).items() if k != "id"}
    )["id"]
    _sync(region)
    assert region.cache.patients.get(other_id) is None
    assert region.cache.documents.get(other_doc) is None
    assert _cached(region) == _expected(region)


def test_a_document_edited_during_the_walk_is_not_lost(region: Region) -> None:
    victims = sorted(_expected(region))
    edited: list[str] = []

    def edit_once(progress: Progress) -> None:
        if progress.label == "Documents" and not edited:
            doc = region.client.read("DocumentReference", victims[0])
            doc["description"] = "Referto rivisto"
            region.client.update(doc)
            edited.append(doc["id"])

    engine = SyncEngine(region.cache, region.client, practitioner_id=region.gp, page_size=5)
    drive(engine.pull(), edit_once)
    assert edited
    _sync(region, page_size=5)
    assert _cached(region) == _expected(region)
    cached = region.cache.documents.get(victims[0])
    assert cached is not None and cached.title == "Referto rivisto"


def test_a_deleted_document_leaves_the_cache(region: Region) -> None:
    _sync(region)
    doc_id = sorted(_expected(region))[0]
    region.store.delete("DocumentReference", doc_id)
    # With _history (one mode) from there; without it the count of the group differs.
    summary = _sync(region)
    assert summary.documents_removed >= 1
    assert region.cache.documents.get(doc_id) is None
    assert _cached(region) == _expected(region)


@pytest.mark.parametrize("region", ["history"], indirect=True)
def test_a_server_that_stops_serving_history_still_loses_its_deletions(region: Region) -> None:
    _sync(region)
    _sync(region)  # the _history cursor is set: deletions are now read from there
    doc_id = sorted(_expected(region))[0]
    region.store.delete("DocumentReference", doc_id)
    # The server no longer serves _history (an upgrade), though it advertised it today.
    region.store.realism = Realism.named("plain")
    summary = _sync(region)
    assert summary.documents_removed >= 1
    assert region.cache.documents.get(doc_id) is None
    assert _cached(region) == _expected(region)


class Recording(httpx.HTTPTransport):
    """The network, noting the query of every request (what the server is asked)."""

    def __init__(self) -> None:
        super().__init__()
        self.queries: list[str] = []

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        self.queries.append(request.url.path + "?" + request.url.query.decode())
        return super().handle_request(request)


def test_a_hidden_document_deleted_leaves_no_trace_and_quiet_syncs_list_nothing(
    region: Region,
) -> None:
    hidden = [d for d in region.live("DocumentReference") if is_hidden(d)]
    mine = _mine(region)
    victim = next(d for d in hidden if d["subject"]["reference"].split("/")[1] in mine)
    _sync(region)
    region.store.delete("DocumentReference", victim["id"])
    _sync(region)
    assert _cached(region) == _expected(region)
    # Nothing changed since: the deletion check counts and, counts agreeing (P99
    # documents included), lists no ids.
    recording = Recording()
    with FhirClient(region.server.base_url, transport=recording) as client:
        engine = SyncEngine(region.cache, client, practitioner_id=region.gp)
        summary = drive(engine.pull())
    assert summary.documents_removed == 0
    assert not [q for q in recording.queries if "_elements" in q]
    assert _cached(region) == _expected(region)


def test_a_patient_who_changes_gp_is_purged_and_keeps_only_the_drafts(region: Region) -> None:
    _sync(region)
    patient_id = next(
        iter(
            sorted(
                {
                    d.patient_id
                    for d in (region.cache.documents.get(i) for i in _expected(region))
                    if d
                }
            )
        )
    )
    region.cache.pss_drafts.save(patient_id, "RSSMRA70A01A944X", b"<ClinicalDocument/>")
    moved = region.client.read("Patient", patient_id)
    moved["generalPractitioner"] = [{"reference": "Practitioner/someone-else"}]
    region.client.update(moved)
    summary = _sync(region)
    moved_away = [m for m in region.store.registry.moves if m.from_gp == region.gp]
    assert summary.departed == 1 + len(moved_away)  # the registry's own move, in that mode
    assert region.cache.documents.list_for_patient(patient_id) == []
    assert patient_id in region.cache.sync_records.departed()
    assert region.cache.pss_drafts.load(patient_id, "RSSMRA70A01A944X") is not None
    cached = region.cache.patients.get(patient_id)
    assert cached is not None and cached.general_practitioner_id == "someone-else"
    mmg = SimpleNamespace(role=Role.MMG, practitioner_id=region.gp)
    assert PssService.can_publish(mmg, cached) == (False, PublishRefusal.NOT_PATIENTS_GP)
    # Listed, flagged, only while the draft waits; discarded, the patient leaves the list.
    listed = {p.id: p for p in region.cache.patients.search("", limit=10_000)}
    assert listed[patient_id].departed
    assert not any(p.departed for i, p in listed.items() if i != patient_id)
    assert region.cache.patients.count() == len(_mine(region)) + 1
    region.cache.pss_drafts.discard(patient_id, "RSSMRA70A01A944X")
    assert patient_id not in {p.id for p in region.cache.patients.search("", limit=10_000)}
    assert patient_id not in {p.id for p in region.cache.patients.search(cached.family_name)}
    assert region.cache.patients.count() == len(_mine(region))


@pytest.mark.parametrize("region", ["gp_changes"], indirect=True)
def test_patients_the_registry_moves_between_gps_leave_and_arrive_whole(region: Region) -> None:
    _sync(region)
    assert region.store.registry.moves == []
    summary = _sync(region)  # meanwhile the registry swapped two citizens' GPs
    leaver, newcomer = region.store.registry.moves
    assert leaver.from_gp == region.gp and newcomer.to_gp == region.gp
    assert summary.departed == 1
    assert leaver.patient_id in region.cache.sync_records.departed()
    assert region.cache.documents.list_for_patient(leaver.patient_id) == []
    # The newcomer's documents predate the cursor: they arrive all the same.
    theirs = {
        d["id"]
        for d in region.live("DocumentReference")
        if d["subject"]["reference"] == f"Patient/{newcomer.patient_id}"
    } & _expected(region)
    arrived = {d.id for d in region.cache.documents.list_for_patient(newcomer.patient_id)}
    assert arrived and arrived == theirs
    assert _cached(region) == _expected(region)
    quiet = _sync(region)
    assert quiet.departed == 0 and len(region.store.registry.moves) == 2


@pytest.mark.parametrize(
    "damage",
    [
        {"birthDate": "1979-13-45"},
        {"birthDate": None},
        {"name": "not a list"},
        {"identifier": [{"system": "http://hl7.it/sid/codiceFiscale", "value": "SHORT"}]},
        {"gender": {"coding": []}, "name": [42]},
    ],
    ids=["impossible-date", "no-date", "name-string", "bad-cf", "wrong-types"],
)
def test_a_malformed_patient_is_quarantined_and_privacy_still_applies(
    region: Region, damage: dict[str, Any], caplog: pytest.LogCaptureFixture
) -> None:
    _sync(region)
    docs = sorted(_expected(region))
    hidden_doc = region.client.read("DocumentReference", docs[0])
    owner = hidden_doc["subject"]["reference"].split("/")[1]
    bad = region.client.read("Patient", next(iter(sorted(_mine(region) - {owner}))))
    family = bad["name"][0]["family"] if isinstance(bad.get("name"), list) else ""
    bad.update(damage)
    bad = {k: v for k, v in bad.items() if v is not None}
    region.client.update(bad)
    hidden_doc.setdefault("meta", {})["security"] = [P99]
    region.client.update(hidden_doc)
    with caplog.at_level(logging.WARNING):
        summary = _sync(region)
        again = _sync(region)  # the same bad version is not tried (nor counted) again
    assert summary.quarantined == 1 and again.quarantined == 0
    assert region.cache.documents.get(docs[0]) is None  # P99 applied all the same
    [held] = region.cache.sync_records.quarantined()
    assert (held.resource_type, held.resource_id) == ("Patient", bad["id"])
    assert held.version_id == region.client.read("Patient", bad["id"])["meta"]["versionId"]
    assert family and family not in caplog.text
    assert "1979-13-45" not in caplog.text and "1979-13-45" not in held.reason
    # Fixed on the server: the next version is read and leaves the quarantine.
    fixed = region.client.read("Patient", bad["id"])
    fixed.update(
        birthDate="1979-03-04",
        name=[{"use": "official", "family": "Ripristinato", "given": ["Ada"]}],
        identifier=[{"system": "http://hl7.it/sid/codiceFiscale", "value": "RPRDAA79C44A944X"}],
        gender="female",
    )
    region.client.update(fixed)
    _sync(region)
    assert region.cache.sync_records.quarantine_count() == 0
    assert region.cache.patients.get(bad["id"]).family_name == "Ripristinato"


def test_consent_withdrawn_empties_the_patients_documents(region: Region) -> None:
    _sync(region)
    doc = region.cache.documents.get(sorted(_expected(region))[0])
    assert doc is not None
    consent = next(
        c
        for c in region.live("Consent")
        if c["patient"]["reference"] == f"Patient/{doc.patient_id}"
    )
    consent["provision"]["type"] = "deny"
    region.client.update(consent)
    _sync(region)
    assert region.cache.patients.get(doc.patient_id).consent is ConsentState.DENIED
    assert region.cache.documents.list_for_patient(doc.patient_id) == []


def test_a_binary_answered_as_a_resource_reads_as_its_content(
    tmp_path: Path, small_region: list[dict[str, Any]]
) -> None:
    export = region_export(small_region, 2)
    store = ResourceStore(realism=Realism.named("binary"))
    store.bulk_load(export)
    binary = next(r for r in export if r["resourceType"] == "Binary")
    expected = store.binary_content(binary["id"])
    with SandboxServer(store) as server, FhirClient(server.base_url) as client:
        assert client.binary(f"Binary/{binary['id']}") == (
            expected.content_type,
            expected.data,
        )
    store.close()


def test_a_malformed_document_is_quarantined_and_the_rest_arrives(region: Region) -> None:
    docs = sorted(_expected(region))
    bad = region.client.read("DocumentReference", docs[0])
    bad.update(date="2024-99-99T10:00:00Z", content="not a list")
    region.client.update(bad)
    summary = _sync(region)
    assert summary.quarantined == 1
    assert region.cache.documents.get(docs[0]) is None
    assert _cached(region) == set(docs) - {docs[0]}
    [held] = region.cache.sync_records.quarantined()
    assert (held.resource_type, held.resource_id) == ("DocumentReference", docs[0])
