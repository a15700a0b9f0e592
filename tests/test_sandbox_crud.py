"""The sandbox's FHIR REST interactions over real HTTP: what a HAPI-style client relies on."""

from __future__ import annotations

import httpx
import pytest

from tests.fixtures_sandbox import CF_SYSTEM, binary, document, patient

FHIR_JSON = "application/fhir+json"


def _issue(response: httpx.Response) -> dict[str, str]:
    body = response.json()
    assert body["resourceType"] == "OperationOutcome"
    issue: dict[str, str] = body["issue"][0]
    assert issue["severity"] == "error"
    return issue


def test_metadata_is_a_capability_statement_listing_every_type(fhir: httpx.Client) -> None:
    response = fhir.get("metadata")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith(FHIR_JSON)
    statement = response.json()
    assert statement["resourceType"] == "CapabilityStatement"
    assert statement["fhirVersion"] == "4.0.1"
    resources = {r["type"]: r for r in statement["rest"][0]["resource"]}
    for name in (
        "Patient",
        "DocumentReference",
        "Binary",
        "Observation",
        "Consent",
        "Schedule",
        "Slot",
        "Appointment",
        "Practitioner",
        "PractitionerRole",
        "Organization",
    ):
        assert name in resources
    doc_params = {p["name"]: p["type"] for p in resources["DocumentReference"]["searchParam"]}
    assert doc_params["patient"] == "reference"
    assert doc_params["date"] == "date"
    assert doc_params["_lastUpdated"] == "date"
    codes = {i["code"] for i in resources["Patient"]["interaction"]}
    assert {"read", "vread", "create", "update", "delete", "search-type"} <= codes


def test_create_assigns_id_version_and_location(fhir: httpx.Client) -> None:
    response = fhir.post("Patient", json=patient())
    assert response.status_code == 201
    created = response.json()
    pid = created["id"]
    assert created["meta"]["versionId"] == "1"
    assert created["meta"]["lastUpdated"].endswith("Z")
    assert response.headers["etag"] == 'W/"1"'
    assert response.headers["location"] == f"{fhir.base_url}Patient/{pid}/_history/1"

    read = fhir.get(f"Patient/{pid}")
    assert read.status_code == 200
    assert read.json() == created
    assert read.headers["etag"] == 'W/"1"'
    assert read.headers["last-modified"].endswith("GMT")


def test_update_bumps_version_and_vread_returns_each_version(fhir: httpx.Client) -> None:
    pid = fhir.post("Patient", json=patient(family="Rossi")).json()["id"]
    changed = patient(pid, family="Bianchi")
    response = fhir.put(f"Patient/{pid}", json=changed, headers={"If-Match": 'W/"1"'})
    assert response.status_code == 200
    assert response.headers["etag"] == 'W/"2"'
    assert response.json()["meta"]["versionId"] == "2"

    first = fhir.get(f"Patient/{pid}/_history/1")
    second = fhir.get(f"Patient/{pid}/_history/2")
    assert first.json()["name"][0]["family"] == "Rossi"
    assert second.json()["name"][0]["family"] == "Bianchi"
    assert first.headers["etag"] == 'W/"1"'
    assert fhir.get(f"Patient/{pid}/_history/3").status_code == 404
    assert second.json()["meta"]["lastUpdated"] > first.json()["meta"]["lastUpdated"]


def test_update_with_stale_if_match_is_412_and_changes_nothing(fhir: httpx.Client) -> None:
    pid = fhir.post("Patient", json=patient(family="Rossi")).json()["id"]
    fhir.put(f"Patient/{pid}", json=patient(pid, family="Verdi"))
    stale = fhir.put(
        f"Patient/{pid}", json=patient(pid, family="Neri"), headers={"If-Match": 'W/"1"'}
    )
    assert stale.status_code == 412
    assert _issue(stale)["code"] == "conflict"
    assert fhir.get(f"Patient/{pid}").json()["name"][0]["family"] == "Verdi"


def test_unchanged_update_keeps_the_version(fhir: httpx.Client) -> None:
    created = fhir.post("Patient", json=patient()).json()
    again = fhir.put(f"Patient/{created['id']}", json=created)
    assert again.status_code == 200
    assert again.json()["meta"] == created["meta"]


def test_update_as_create_with_client_id(fhir: httpx.Client) -> None:
    response = fhir.put("Patient/client-chosen-1", json=patient("client-chosen-1"))
    assert response.status_code == 201
    assert response.json()["meta"]["versionId"] == "1"
    assert response.headers["location"].endswith("/Patient/client-chosen-1/_history/1")


@pytest.mark.parametrize(
    ("body_id", "status"), [("other", 400), (None, 400)], ids=["mismatch", "missing"]
)
def test_update_body_id_must_match_url(
    fhir: httpx.Client, body_id: str | None, status: int
) -> None:
    response = fhir.put("Patient/p1", json=patient(body_id))
    assert response.status_code == status
    assert _issue(response)["code"] == "invalid"


def test_if_none_exist_creates_once_then_returns_the_existing(fhir: httpx.Client) -> None:
    condition = {"If-None-Exist": f"identifier={CF_SYSTEM}|RSSMRA80A01A944I"}
    first = fhir.post("Patient", json=patient(), headers=condition)
    assert first.status_code == 201
    second = fhir.post("Patient", json=patient(family="Changed"), headers=condition)
    assert second.status_code == 200
    assert second.json()["id"] == first.json()["id"]
    assert second.json()["name"][0]["family"] == "Rossi"
    assert fhir.get("Patient").json()["total"] == 1
    # the form with the type in front ("Patient?identifier=…") means the same
    third = fhir.post(
        "Patient",
        json=patient(),
        headers={"If-None-Exist": f"Patient?identifier={CF_SYSTEM}|RSSMRA80A01A944I"},
    )
    assert third.status_code == 200
    assert third.json()["id"] == first.json()["id"]


def test_if_none_exist_with_many_matches_is_412(fhir: httpx.Client) -> None:
    fhir.post("Patient", json=patient(family="Rossi", cf="A"))
    fhir.post("Patient", json=patient(family="Rossi", cf="B"))
    response = fhir.post("Patient", json=patient(), headers={"If-None-Exist": "family=Rossi"})
    assert response.status_code == 412
    assert fhir.get("Patient").json()["total"] == 2


def test_delete_then_read_is_410_gone(fhir: httpx.Client) -> None:
    pid = fhir.post("Patient", json=patient()).json()["id"]
    assert fhir.delete(f"Patient/{pid}").status_code == 204
    gone = fhir.get(f"Patient/{pid}")
    assert gone.status_code == 410
    assert _issue(gone)["code"] == "deleted"
    assert fhir.delete(f"Patient/{pid}").status_code == 204  # retried delete is harmless
    assert fhir.get(f"Patient/{pid}/_history/1").status_code == 200
    assert fhir.get("Patient").json()["total"] == 0
    recreated = fhir.put(f"Patient/{pid}", json=patient(pid))
    assert recreated.status_code == 201
    assert recreated.json()["meta"]["versionId"] == "3"


def test_binary_is_raw_bytes_unless_fhir_json_is_asked(fhir: httpx.Client) -> None:
    content = b"%PDF-1.4 referto \x00\xff"
    assert fhir.put("Binary/b1", json=binary("b1", content)).status_code == 201

    raw = fhir.get("Binary/b1", headers={"Accept": "application/pdf"})
    assert raw.status_code == 200
    assert raw.content == content
    assert raw.headers["content-type"] == "application/pdf"
    assert raw.headers["etag"] == 'W/"1"'
    assert fhir.get("Binary/b1", headers={"Accept": "*/*"}).content == content

    as_json = fhir.get("Binary/b1")
    assert as_json.headers["content-type"].startswith(FHIR_JSON)
    assert as_json.json()["contentType"] == "application/pdf"
    assert as_json.json()["data"] == binary("b1", content)["data"]
    formatted = fhir.get("Binary/b1", params={"_format": "json"}, headers={"Accept": "*/*"})
    assert formatted.json()["data"] == as_json.json()["data"]


def test_binary_created_by_post_keeps_its_content_type(fhir: httpx.Client) -> None:
    created = fhir.post("Binary", json=binary("ignored", b"<ClinicalDocument/>", "application/xml"))
    assert created.status_code == 201
    raw = fhir.get(f"Binary/{created.json()['id']}", headers={"Accept": "application/xml"})
    assert raw.content == b"<ClinicalDocument/>"
    assert raw.headers["content-type"].startswith("application/xml")


@pytest.mark.parametrize(
    ("method", "path", "body", "status", "code"),
    [
        ("GET", "Patient/nope", None, 404, "not-found"),
        ("GET", "Unicorn/x", None, 404, "not-found"),
        ("GET", "Unicorn", None, 404, "not-found"),
        ("PATCH", "Patient/x", b"{}", 405, "not-supported"),
        ("POST", "Patient", b"{not json", 400, "invalid"),
        ("POST", "Patient", b'{"name": []}', 422, "processing"),
        ("POST", "Patient", b'{"resourceType": "Observation"}', 422, "processing"),
        ("POST", "Binary", b'{"resourceType": "Binary"}', 422, "processing"),
        ("PUT", "Patient/bad%20id", b'{"resourceType":"Patient","id":"bad id"}', 400, "invalid"),
        ("GET", "Patient?birthdate=yesterday", None, 400, "invalid"),
        ("GET", "Patient?_count=many", None, 400, "invalid"),
        ("GET", "Patient?_sort=shoe-size", None, 400, "invalid"),
        ("GET", "Patient?_format=xml", None, 406, "not-supported"),
    ],
)
def test_errors_are_operation_outcomes_with_the_right_status(
    fhir: httpx.Client, method: str, path: str, body: bytes | None, status: int, code: str
) -> None:
    response = fhir.request(
        method, path, content=body, headers={"Content-Type": "application/fhir+json"}
    )
    assert response.status_code == status
    assert response.headers["content-type"].startswith(FHIR_JSON)
    issue = _issue(response)
    assert issue["code"] == code
    assert issue["diagnostics"]


def test_prefer_return_minimal_sends_no_body(fhir: httpx.Client) -> None:
    response = fhir.post("Patient", json=patient(), headers={"Prefer": "return=minimal"})
    assert response.status_code == 201
    assert response.content == b""
    assert "/Patient/" in response.headers["location"]


def test_server_keeps_client_meta_but_owns_version_fields(fhir: httpx.Client) -> None:
    resource = document("d1", "p1")
    resource["meta"] = {
        "versionId": "99",
        "lastUpdated": "2000-01-01T00:00:00Z",
        "security": [{"code": "R"}],
    }
    stored = fhir.put("DocumentReference/d1", json=resource).json()
    assert stored["meta"]["versionId"] == "1"
    assert stored["meta"]["lastUpdated"] > "2001"
    assert stored["meta"]["security"] == [{"code": "R"}]
