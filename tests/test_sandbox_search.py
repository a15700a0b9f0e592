"""FHIR search on the sandbox over real HTTP: parameters, paging, sorting, strictness."""

from __future__ import annotations

from typing import Any

import httpx
import pytest

from fse_desk_sandbox import SandboxServer
from tests.fixtures_sandbox import CF_SYSTEM, LOINC, document, patient


def _ids(bundle: dict[str, Any]) -> list[str]:
    return [entry["resource"]["id"] for entry in bundle.get("entry", [])]


def _search(fhir: httpx.Client, type_name: str, **params: Any) -> dict[str, Any]:
    response = fhir.get(type_name, params=params)
    assert response.status_code == 200, response.text
    bundle: dict[str, Any] = response.json()
    assert bundle["resourceType"] == "Bundle"
    assert bundle["type"] == "searchset"
    return bundle


def _walk(fhir: httpx.Client, first: httpx.Response) -> list[dict[str, Any]]:
    """Every page from ``first`` by following ``next`` links."""
    pages = [first.json()]
    while True:
        links = {link["relation"]: link["url"] for link in pages[-1]["link"]}
        if "next" not in links:
            return pages
        response = fhir.get(links["next"])
        assert response.status_code == 200, response.text
        pages.append(response.json())


@pytest.fixture
def region(sandbox: SandboxServer) -> SandboxServer:
    """Two patients with a handful of documents each, loaded in bulk."""
    sandbox.store.bulk_load(
        [
            patient(
                "p1",
                cf="RSSMRA80A01A944I",
                family="Rossi",
                given="Mario",
                birth="1980-01-01",
                gp="mmg1",
            ),
            patient(
                "p2",
                cf="BNCLCU75B42H501X",
                family="Bianchi",
                given="Lucia",
                birth="1975-02-02",
                gp="mmg2",
            ),
            patient(
                "p3", cf="NCCLNZ90C03F205Y", family="Niccolò", given="Lorenzo", birth="1990-03-03"
            ),
            document("d1", "p1", loinc="60591-5", date="2024-05-10T10:00:00+02:00", category="SUM"),
            document("d2", "p1", loinc="11502-2", date="2024-05-20", category="REF"),
            document("d3", "p1", loinc="11502-2", date="2023-12-31T23:30:00Z", category="REF"),
            document(
                "d4",
                "p2",
                loinc="34105-7",
                date="2024-06-01T08:00:00Z",
                category="LDO",
                status="superseded",
            ),
        ]
    )
    return sandbox


def test_bundle_has_total_links_and_entries(fhir: httpx.Client, region: SandboxServer) -> None:
    bundle = _search(fhir, "Patient")
    assert bundle["total"] == 3
    assert bundle["meta"]["lastUpdated"].endswith("Z")
    entry = bundle["entry"][0]
    assert entry["fullUrl"] == f"{region.base_url}/Patient/{entry['resource']['id']}"
    assert entry["search"] == {"mode": "match"}
    links = {link["relation"]: link["url"] for link in bundle["link"]}
    assert links["self"].startswith(f"{region.base_url}/Patient")
    assert "next" not in links


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"identifier": f"{CF_SYSTEM}|RSSMRA80A01A944I"}, ["p1"]),
        ({"identifier": "BNCLCU75B42H501X"}, ["p2"]),
        ({"identifier": "urn:other|RSSMRA80A01A944I"}, []),
        ({"identifier": f"{CF_SYSTEM}|"}, ["p1", "p2", "p3"]),
        ({"name": "ross"}, ["p1"]),
        ({"family": "BIANCHI"}, ["p2"]),
        ({"family": "niccolo"}, ["p3"]),  # accent-insensitive
        ({"family:exact": "Niccolò"}, ["p3"]),
        ({"family:exact": "niccolò"}, []),
        ({"given": "lu"}, ["p2"]),
        ({"name:contains": "ancH"}, ["p2"]),
        ({"birthdate": "1980"}, ["p1"]),
        ({"birthdate": "lt1980-01-01"}, ["p2"]),
        ({"birthdate": "ge1980-01-01"}, ["p1", "p3"]),
        ({"birthdate": "1975,1990"}, ["p2", "p3"]),
        ({"general-practitioner": "Practitioner/mmg1"}, ["p1"]),
        ({"general-practitioner": "mmg2"}, ["p2"]),
        ({"general-practitioner:missing": "true"}, ["p3"]),
        ({"_id": "p1,p3"}, ["p1", "p3"]),
        ({"gender": "male", "family": "rossi"}, ["p1"]),
    ],
)
def test_patient_search_parameters(
    fhir: httpx.Client, region: SandboxServer, params: dict[str, str], expected: list[str]
) -> None:
    bundle = _search(fhir, "Patient", **params)
    assert sorted(_ids(bundle)) == expected
    assert bundle["total"] == len(expected)


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"patient": "Patient/p1"}, ["d1", "d2", "d3"]),
        ({"patient": "p2"}, ["d4"]),
        ({"subject": "Patient/p2"}, ["d4"]),
        ({"subject:Patient": "p2"}, ["d4"]),
        ({"patient": f"{'http://elsewhere/fhir/'}Patient/p2"}, ["d4"]),
        ({"patient": "Practitioner/p1"}, []),
        ({"type": f"{LOINC}|60591-5"}, ["d1"]),
        ({"type": "11502-2"}, ["d2", "d3"]),
        ({"type:not": "11502-2"}, ["d1", "d4"]),
        ({"category": "REF", "patient": "p1"}, ["d2", "d3"]),
        ({"status": "current"}, ["d1", "d2", "d3"]),
        # 10:00+02:00 is 08:00 UTC on 10 May
        ({"date": "2024-05-10"}, ["d1"]),
        ({"date": "2024-05"}, ["d1", "d2"]),
        ({"date": "gt2024-05-10"}, ["d2", "d4"]),
        ({"date": "ge2024-05-10"}, ["d1", "d2", "d4"]),
        ({"date": "lt2024"}, ["d3"]),
        ({"date": "le2024-05-10T08:00:00Z"}, ["d1", "d3"]),
        ({"date": "ne2024-05"}, ["d3", "d4"]),
        ({"date": "sa2024-05-31"}, ["d4"]),
        ({"date": "eb2024-01-01"}, ["d3"]),
    ],
)
def test_document_search_parameters(
    fhir: httpx.Client, region: SandboxServer, params: dict[str, str], expected: list[str]
) -> None:
    assert sorted(_ids(_search(fhir, "DocumentReference", **params))) == expected


def test_repeated_parameter_is_and(fhir: httpx.Client, region: SandboxServer) -> None:
    response = fhir.get(
        "DocumentReference", params=[("date", "ge2024-05-01"), ("date", "lt2024-06-01")]
    )
    assert sorted(_ids(response.json())) == ["d1", "d2"]


def test_last_updated_gt_and_ge(fhir: httpx.Client, region: SandboxServer) -> None:
    everything = _search(fhir, "DocumentReference", _sort="_lastUpdated")
    stamps = [e["resource"]["meta"]["lastUpdated"] for e in everything["entry"]]
    assert stamps == sorted(stamps) and len(set(stamps)) == 4
    after = _search(fhir, "DocumentReference", _lastUpdated=f"gt{stamps[1]}")
    assert _ids(after) == _ids(everything)[2:]
    from_ = _search(fhir, "DocumentReference", _lastUpdated=f"ge{stamps[1]}")
    assert _ids(from_) == _ids(everything)[1:]
    # a '+00:00' zone sent unencoded arrives as a space: still understood
    plus = stamps[1].replace("Z", "+00:00")
    raw = fhir.get(f"DocumentReference?_lastUpdated=gt{plus}")
    assert _ids(raw.json()) == _ids(everything)[2:]


def test_post_search_with_form_body(fhir: httpx.Client, region: SandboxServer) -> None:
    response = fhir.post("DocumentReference/_search", data={"patient": "p1", "type": "11502-2"})
    assert response.status_code == 200
    assert sorted(_ids(response.json())) == ["d2", "d3"]


def test_unknown_parameter_is_ignored_unless_strict(
    fhir: httpx.Client, region: SandboxServer
) -> None:
    lenient = fhir.get("Patient", params={"shoe-size": "42"})
    assert lenient.json()["total"] == 3
    strict = fhir.get("Patient", params={"shoe-size": "42"}, headers={"Prefer": "handling=strict"})
    assert strict.status_code == 400
    assert "shoe-size" in strict.json()["issue"][0]["diagnostics"]


@pytest.mark.parametrize(
    ("sort", "expected"),
    [
        ("date", ["d3", "d1", "d2", "d4"]),
        ("-date", ["d4", "d2", "d1", "d3"]),
        ("_id", ["d1", "d2", "d3", "d4"]),
        ("-_id", ["d4", "d3", "d2", "d1"]),
        ("_lastUpdated", ["d1", "d2", "d3", "d4"]),
        ("-_lastUpdated", ["d4", "d3", "d2", "d1"]),
        ("status,-date", ["d2", "d1", "d3", "d4"]),
    ],
)
def test_sort(fhir: httpx.Client, region: SandboxServer, sort: str, expected: list[str]) -> None:
    assert _ids(_search(fhir, "DocumentReference", _sort=sort)) == expected


@pytest.mark.parametrize("sort", ["_lastUpdated", "-_lastUpdated", "date", "-_id", None])
def test_paging_walks_every_match_once(
    fhir: httpx.Client, sandbox: SandboxServer, sort: str | None
) -> None:
    sandbox.store.bulk_load(
        document(f"d{n:03d}", "p1", date=f"2024-01-{1 + n % 28:02d}") for n in range(23)
    )
    params = {"_count": "5", **({"_sort": sort} if sort else {})}
    pages = _walk(fhir, fhir.get("DocumentReference", params=params))
    assert [len(p.get("entry", [])) for p in pages] == [5, 5, 5, 5, 3]
    assert all(p["total"] == 23 for p in pages)
    seen = [i for p in pages for i in _ids(p)]
    assert sorted(seen) == [f"d{n:03d}" for n in range(23)]


def test_paging_by_last_updated_skips_nothing_when_data_changes(
    fhir: httpx.Client, sandbox: SandboxServer
) -> None:
    sandbox.store.bulk_load(document(f"d{n:02d}", "p1") for n in range(20))
    first = fhir.get(
        "DocumentReference",
        params={"_sort": "_lastUpdated", "_count": "5", "_lastUpdated": "gt2000"},
    )
    seen = _ids(first.json())
    # Updating a resource already seen moves it to the end: with offset paging every
    # resource behind it would shift back by one and d05 would never be returned.
    moved = fhir.get("DocumentReference/d02").json()
    moved["status"] = "superseded"
    assert fhir.put("DocumentReference/d02", json=moved).status_code == 200
    fhir.post("DocumentReference", json=document("ignored", "p1"))
    pages = _walk(fhir, first)
    seen += [i for p in pages[1:] for i in _ids(p)]
    assert {f"d{n:02d}" for n in range(20)} <= set(seen)
    assert seen[-2] == "d02"  # the updated one comes again, after the others


def test_count_zero_and_summary_count_give_only_the_total(
    fhir: httpx.Client, region: SandboxServer
) -> None:
    for params in ({"_count": "0"}, {"_summary": "count"}):
        bundle = _search(fhir, "DocumentReference", **params)
        assert bundle["total"] == 4
        assert "entry" not in bundle


def test_count_is_capped(fhir: httpx.Client, sandbox: SandboxServer) -> None:
    sandbox.store.bulk_load(patient(f"p{n}", cf=f"CF{n}") for n in range(1005))
    bundle = _search(fhir, "Patient", _count="5000")
    assert len(bundle["entry"]) == 1000
    assert bundle["total"] == 1005
    assert any(link["relation"] == "next" for link in bundle["link"])


def test_a_tampered_page_position_is_400(fhir: httpx.Client, region: SandboxServer) -> None:
    response = fhir.get("Patient", params={"_page": "knot-a-date"})
    assert response.status_code == 400
    assert response.json()["resourceType"] == "OperationOutcome"


def test_other_registered_types_are_searchable(fhir: httpx.Client, sandbox: SandboxServer) -> None:
    sandbox.store.bulk_load(
        [
            {
                "resourceType": "Observation",
                "id": "o1",
                "status": "final",
                "code": {"coding": [{"system": LOINC, "code": "8480-6"}]},
                "subject": {"reference": "Patient/p1"},
                "effectiveDateTime": "2024-05-01T09:00:00Z",
            },
            {
                "resourceType": "Consent",
                "id": "c1",
                "status": "active",
                "patient": {"reference": "Patient/p1"},
            },
            {
                "resourceType": "Slot",
                "id": "s1",
                "status": "free",
                "schedule": {"reference": "Schedule/sc1"},
                "start": "2024-06-03T09:00:00+02:00",
                "end": "2024-06-03T09:20:00+02:00",
            },
            {
                "resourceType": "Appointment",
                "id": "a1",
                "status": "booked",
                "start": "2024-06-03T09:00:00+02:00",
                "participant": [
                    {"actor": {"reference": "Patient/p1"}},
                    {"actor": {"reference": "Practitioner/mmg1"}},
                ],
            },
        ]
    )
    assert _ids(
        _search(fhir, "Observation", patient="p1", code=f"{LOINC}|8480-6", date="2024-05")
    ) == ["o1"]
    assert _ids(_search(fhir, "Consent", patient="Patient/p1", status="active")) == ["c1"]
    assert _ids(_search(fhir, "Slot", schedule="sc1", start="ge2024-06-03", status="free")) == [
        "s1"
    ]
    assert _ids(_search(fhir, "Appointment", patient="p1", date="2024-06-03")) == ["a1"]
    assert _ids(_search(fhir, "Appointment", actor="Practitioner/mmg1")) == ["a1"]
    assert _ids(_search(fhir, "Appointment", patient="mmg1")) == []
