"""The sandbox's region database on its own: versions, timestamps, bulk load, threads."""

from __future__ import annotations

import sqlite3
import threading
from pathlib import Path

import pytest

from fse_desk_sandbox import ResourceStore
from fse_desk_sandbox.exceptions import (
    BadRequest,
    ResourceGone,
    UnknownResource,
    UnprocessableResource,
    VersionConflict,
)
from tests.fixtures_sandbox import binary, document, patient


def test_last_updated_is_strictly_increasing_even_within_one_clock_tick() -> None:
    store = ResourceStore()
    stamps = [store.create(patient(cf=f"CF{n}"))[0].last_updated for n in range(300)]
    stamps += [s.last_updated for s in store.search("Patient", [("_count", "1000")]).entries]
    created = stamps[:300]
    assert created == sorted(created)
    assert len(set(created)) == 300
    loaded = store.bulk_load(patient(f"b{n}") for n in range(300))
    assert loaded == 300
    page = store.search("Patient", [("_count", "1000"), ("_sort", "_lastUpdated")])
    all_stamps = [e.last_updated for e in page.entries]
    assert all_stamps == sorted(all_stamps)
    assert len(set(all_stamps)) == 600
    assert page.as_of > all_stamps[-1]
    assert store.create(patient("late"))[0].last_updated > page.as_of


def test_versions_and_history() -> None:
    store = ResourceStore()
    first, created = store.update("Patient", "p1", patient("p1", family="Uno"))
    assert created and first.version_id == "1"
    second, created = store.update("Patient", "p1", patient("p1", family="Due"), if_match='W/"1"')
    assert not created and second.version_id == "2"
    with pytest.raises(VersionConflict, match='current is W/"2"'):
        store.update("Patient", "p1", patient("p1", family="Tre"), if_match='W/"1"')
    with pytest.raises(VersionConflict):
        store.update("Patient", "nobody", patient("nobody"), if_match='W/"1"')
    assert store.vread("Patient", "p1", "1").resource()["name"][0]["family"] == "Uno"
    assert store.read("Patient", "p1").resource()["name"][0]["family"] == "Due"
    store.delete("Patient", "p1")
    with pytest.raises(ResourceGone):
        store.read("Patient", "p1")
    with pytest.raises(ResourceGone):
        store.vread("Patient", "p1", "3")
    with pytest.raises(UnknownResource, match="no version 9"):
        store.vread("Patient", "p1", "9")
    with pytest.raises(UnknownResource, match="Unicorn"):
        store.read("Unicorn", "x")


def test_invalid_resources_are_refused() -> None:
    store = ResourceStore()
    with pytest.raises(UnprocessableResource, match="resourceType"):
        store.create({"id": "x"})
    with pytest.raises(UnprocessableResource, match="not served"):
        store.create({"resourceType": "Medication"})
    with pytest.raises(UnprocessableResource, match="base64"):
        store.create({"resourceType": "Binary", "contentType": "text/plain", "data": "@@@"})
    with pytest.raises(BadRequest, match="does not match"):
        store.update("Patient", "a", patient("b"))


def test_binary_content_is_stored_as_raw_bytes(tmp_path: Path) -> None:
    path = tmp_path / "region.sqlite"
    content = bytes(range(256)) * 40
    with ResourceStore(path) as store:
        store.bulk_load([binary("b1", content)])
        assert store.binary_content("b1").data == content
    with sqlite3.connect(path) as raw:
        (stored_json,) = raw.execute("SELECT json FROM resources WHERE id = 'b1'").fetchone()
        (blob,) = raw.execute("SELECT data FROM binary_content WHERE id = 'b1'").fetchone()
    assert '"data"' not in stored_json
    assert blob == content


def test_file_store_survives_reopening_and_keeps_meta(tmp_path: Path) -> None:
    path = tmp_path / "region.sqlite"
    with ResourceStore(path) as store:
        store.bulk_load([patient("p1"), document("d1", "p1")])
        store.set_meta("region", "seed 7")
        last = store.read("DocumentReference", "d1").last_updated
    with ResourceStore(path) as store:
        assert store.get_meta("region") == "seed 7"
        assert store.count() == 2
        assert store.create(patient("p2"))[0].last_updated > last
        assert store.search("DocumentReference", [("patient", "p1")]).total == 1


def test_bulk_load_refuses_an_existing_id_and_rolls_back_its_chunk() -> None:
    store = ResourceStore()
    store.bulk_load([patient("p1")])
    with pytest.raises(BadRequest, match="overwrite"):
        store.bulk_load([patient("p2"), patient("p1")])
    assert store.count() == 1


def test_bulk_load_indexes_every_resource() -> None:
    # How fast the region seeds is measured by bench/region_seed_bench.py.
    store = ResourceStore()
    resources = [document(f"d{n}", f"p{n % 500}") for n in range(20_000)]
    assert store.bulk_load(resources) == 20_000
    assert store.search("DocumentReference", [("patient", "p7")]).total == 40


def test_concurrent_writers_and_readers_do_not_corrupt_the_store() -> None:
    store = ResourceStore()
    errors: list[BaseException] = []

    def write(worker: int) -> None:
        try:
            for n in range(50):
                store.update("Patient", f"w{worker}-{n}", patient(f"w{worker}-{n}"))
                store.search("Patient", [("_count", "5")])
        except BaseException as exc:  # collected for the assertion below
            errors.append(exc)

    threads = [threading.Thread(target=write, args=(w,)) for w in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    page = store.search("Patient", [("_count", "1000")])
    assert page.total == 200
    assert len({e.last_updated for e in page.entries}) == 200


def test_clear_empties_everything() -> None:
    store = ResourceStore()
    store.bulk_load([patient("p1"), binary("b1", b"x")])
    store.set_meta("region", "x")
    store.clear()
    assert store.count() == 0
    assert store.get_meta("region") is None
