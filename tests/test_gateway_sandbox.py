"""The gateway client against the sandbox gateway, over real HTTP on 127.0.0.1."""

from __future__ import annotations

import base64
import io
import json
import re
from datetime import UTC, datetime, timedelta
from typing import Any

import httpx
import pytest
from reportlab.pdfgen import canvas

from fse_desk.connectors.gateway import Activity, EventStatus, GatewayClient
from fse_desk.connectors.gateway_jwt import (
    Action,
    ApplicationIdentity,
    PurposeOfUse,
    auth_token,
    signature_token,
)
from fse_desk.errors import ConnectorTimeout, GatewayError, GatewayTokenRefused
from fse_desk.pss.pdf import render_pss_pdf, sign_pades
from fse_desk_sandbox.gateway import configure_audience
from tests.test_gateway_support import (  # noqa: F401  (fixtures)
    Gateway,
    cf_of_patient,
    gateway_fixture,
    operator_fixture,
    printout,
    pss_cda,
    publication,
    signed_pdf,
    stranger_fixture,
)


def _documents(gw: Gateway, id_doc: str) -> list[dict[str, Any]]:
    root, _, ext = id_doc.partition("^")
    answer = httpx.get(
        f"{gw.region.server.base_url}/DocumentReference",
        params={"identifier": f"urn:oid:{root}|{ext}"},
    )
    answer.raise_for_status()
    return [e["resource"] for e in answer.json().get("entry", [])]


def _send_raw(gw: Gateway, pdf: bytes, auth: str, sig: str, body: dict[str, Any]) -> httpx.Response:
    return httpx.post(
        f"{gw.url}/documents",
        headers={"Authorization": f"Bearer {auth}", "FSE-JWT-Signature": sig},
        data={"requestBody": json.dumps(body)},
        files={"file": ("pss.pdf", pdf, "application/pdf")},
    )


def test_validate_publish_and_follow_makes_the_pss_appear(gateway: Gateway) -> None:
    patient = gateway.patients()[0]
    cda = pss_cda(patient)
    pdf = signed_pdf(cda, gateway.client.credentials)
    pub = publication(patient)

    checked = gateway.client.validate(pdf, pub.patient_cf, patient_consent=True)
    assert checked.status == 201 and checked.workflow_instance_id and checked.trace_id
    receipt = gateway.client.publish(pdf, pub, workflow_instance_id=checked.workflow_instance_id)
    assert receipt.status == 202
    assert receipt.workflow_instance_id == checked.workflow_instance_id

    polls = list(gateway.client.follow(receipt.workflow_instance_id))
    assert len(polls) >= 2 and not polls[0].finished and polls[-1].finished
    kinds = [(e.event_type, e.status) for e in polls[-1].events]
    assert kinds == [
        ("VALIDATION", EventStatus.SUCCESS),
        ("PUBLICATION", EventStatus.SUCCESS),
        ("SEND_TO_INI", EventStatus.SUCCESS),
    ]

    [doc] = _documents(gateway, pub.identificativo_doc)
    assert doc["status"] == "current"
    assert doc["type"]["coding"][0]["code"] == "60591-5"
    assert doc["category"][0]["coding"][0]["code"] == "SUM"
    assert doc["subject"]["reference"] == f"Patient/{patient['id']}"
    assert doc["author"][0]["reference"] == "Practitioner/prac-mmg-demo"
    assert doc["custodian"]
    assert {"system": "urn:oid:2.16.840.1.113883.2.9.3.3.6.1.3", "code": "P00"} in [
        c for label in doc["securityLabel"] for c in label["coding"]
    ]
    binary = httpx.get(f"{gateway.region.server.base_url}/{doc['content'][0]['attachment']['url']}")
    assert binary.content == cda


def test_verifica_answers_200_and_publication_without_validation_is_accepted(
    gateway: Gateway,
) -> None:
    patient = gateway.patients()[1]
    pdf = signed_pdf(pss_cda(patient), gateway.client.credentials)
    assert (
        gateway.client.validate(
            pdf, cf_of_patient(patient), patient_consent=True, activity=Activity.VERIFICA
        ).status
        == 200
    )
    receipt = gateway.client.publish(pdf, publication(patient, "PSS.GTW.0100"))
    again = gateway.client.publish(pdf, publication(patient, "PSS.GTW.0100"))
    assert again.workflow_instance_id == receipt.workflow_instance_id  # a retry is recognised
    assert len(_documents(gateway, publication(patient, "PSS.GTW.0100").identificativo_doc)) == 1


def test_replacement_supersedes_the_previous_version(gateway: Gateway) -> None:
    patient = gateway.patients()[2]
    first = publication(patient, "PSS.GTW.0201")
    v1 = signed_pdf(pss_cda(patient, doc_id="PSS.GTW.0201"), gateway.client.credentials)
    gateway.client.publish(v1, first)
    second = publication(patient, "PSS.GTW.0202")
    v2 = signed_pdf(
        pss_cda(patient, doc_id="PSS.GTW.0202", version=2, replaced="PSS.GTW.0201"),
        gateway.client.credentials,
    )
    receipt = gateway.client.replace(first.identificativo_doc, v2, second)
    assert receipt.status == 202 and receipt.workflow_instance_id
    last = list(gateway.client.follow(receipt.workflow_instance_id))[-1]
    assert "REPLACE" in [e.event_type for e in last.events]

    [old] = _documents(gateway, first.identificativo_doc)
    [new] = _documents(gateway, second.identificativo_doc)
    assert old["status"] == "superseded" and new["status"] == "current"
    assert new["relatesTo"] == [
        {"code": "replaces", "target": {"reference": f"DocumentReference/{old['id']}"}}
    ]
    with pytest.raises(GatewayError, match="record-not-found") as missing:
        gateway.client.replace("2.16.840.1.113883.2.9.2.80.4.4^NOPE", v2, second)
    assert missing.value.status == 404


def test_status_of_an_unknown_workflow_is_404(gateway: Gateway) -> None:
    with pytest.raises(GatewayError) as err:
        gateway.client.status("no-such-workflow")
    assert (err.value.status, err.value.problem_type) == (404, "/msg/record-not-found")
    assert err.value.trace_id and err.value.span_id and err.value.title


def _refusal(call: Any) -> GatewayError:
    with pytest.raises(GatewayError) as err:
        call()
    return err.value


def test_wrong_attachment_hash_is_refused(gateway: Gateway) -> None:
    patient = gateway.patients()[0]
    pdf = signed_pdf(pss_cda(patient), gateway.client.credentials)
    creds, pub = gateway.client.credentials, publication(patient)
    sig = signature_token(
        creds,
        gateway.url,
        ApplicationIdentity(),
        patient_cf=pub.patient_cf,
        action=Action.CREATE,
        purpose=PurposeOfUse.TREATMENT,
        file=pdf + b"tampered",
        patient_consent=True,
    )
    answer = _send_raw(gateway, pdf, auth_token(creds, gateway.url), sig, pub.body(None))
    assert answer.status_code == 400
    assert answer.headers["content-type"].startswith("application/problem+json")
    assert answer.json()["type"] == "/msg/document-hash"


def test_expired_token_is_refused(gateway: Gateway) -> None:
    patient = gateway.patients()[0]
    pdf = signed_pdf(pss_cda(patient), gateway.client.credentials)
    creds, pub = gateway.client.credentials, publication(patient)
    past = datetime.now(UTC) - timedelta(hours=1)
    sig = signature_token(
        creds,
        gateway.url,
        ApplicationIdentity(),
        patient_cf=pub.patient_cf,
        action=Action.CREATE,
        purpose=PurposeOfUse.TREATMENT,
        file=pdf,
        patient_consent=True,
    )
    answer = _send_raw(gateway, pdf, auth_token(creds, gateway.url, now=past), sig, pub.body(None))
    assert answer.status_code == 403
    assert answer.json()["type"] == "/msg/jwt-validation"
    assert "scaduto" in answer.json()["detail"]


def test_token_signed_by_another_key_is_refused(gateway: Gateway, stranger: Any) -> None:
    patient = gateway.patients()[0]
    pdf = signed_pdf(pss_cda(patient), stranger.credentials)
    with GatewayClient(gateway.url, stranger.credentials) as intruder:
        err = _refusal(lambda: intruder.publish(pdf, publication(patient)))
    assert isinstance(err, GatewayTokenRefused)
    assert (err.status, err.problem_type) == (403, "/msg/jwt-validation")
    assert "CA" in (err.detail or "")


def test_missing_token_is_refused(gateway: Gateway) -> None:
    answer = httpx.post(f"{gateway.url}/documents", files={"file": ("a.pdf", b"%PDF-1.7")})
    assert (answer.status_code, answer.json()["type"]) == (403, "/msg/missing-token")


def test_pdf_without_cda_is_refused(gateway: Gateway) -> None:
    patient = gateway.patients()[0]
    page = io.BytesIO()
    drawing = canvas.Canvas(page)
    drawing.drawString(72, 720, "Profilo Sanitario Sintetico senza allegato")
    drawing.save()
    pdf = sign_pades(page.getvalue(), gateway.client.credentials)
    err = _refusal(lambda: gateway.client.publish(pdf, publication(patient)))
    assert (err.status, err.problem_type) == (400, "/msg/cda-element")


def test_unsigned_pdf_is_refused(gateway: Gateway) -> None:
    patient = gateway.patients()[0]
    pdf = render_pss_pdf(printout(), pss_cda(patient))
    err = _refusal(lambda: gateway.client.publish(pdf, publication(patient)))
    assert (err.status, err.problem_type) == (400, "/msg/signature-validation")
    assert "non è firmato" in (err.detail or "")


def test_cda_of_another_patient_is_refused(gateway: Gateway) -> None:
    mine, other = gateway.patients()[0], gateway.patients()[1]
    pdf = signed_pdf(pss_cda(other), gateway.client.credentials)
    err = _refusal(lambda: gateway.client.publish(pdf, publication(mine)))
    assert (err.status, err.problem_type, err.instance) == (
        403,
        "/msg/jwt-validation",
        "/jwt-person-id",
    )


def test_cda_failing_the_structure_check_is_refused(gateway: Gateway) -> None:
    """A region PSS stripped of its section templateIds fails the guide's structure check."""
    region_pss = next(
        r
        for r in gateway.region.of_type("DocumentReference")
        if r["type"]["coding"][0]["code"] == "60591-5"
    )
    binary_id = region_pss["content"][0]["attachment"]["url"].split("/")[1]
    binary = next(r for r in gateway.region.of_type("Binary") if r["id"] == binary_id)
    cda = re.sub(
        rb'<templateId root="2\.16\.840\.1\.113883\.2\.9\.10\.1\.4\.2\.\d+" />',
        b"",
        base64.b64decode(binary["data"]),
    )
    assert b"2.16.840.1.113883.2.9.10.1.4.2." not in cda
    patient_id = region_pss["subject"]["reference"].split("/")[1]
    patient = next(p for p in gateway.patients() if p["id"] == patient_id)
    pdf = signed_pdf(cda, gateway.client.credentials)
    err = _refusal(
        lambda: gateway.client.validate(pdf, cf_of_patient(patient), patient_consent=True)
    )
    assert (err.status, err.problem_type) == (400, "/msg/syntax")
    assert "templateId" in (err.detail or "")


def test_follow_gives_up_when_the_workflow_never_ends(gateway: Gateway) -> None:
    """A validation alone never reaches SEND_TO_INI: follow times out, on a fake clock."""
    patient = gateway.patients()[3]
    pdf = signed_pdf(pss_cda(patient), gateway.client.credentials)
    wid = gateway.client.validate(
        pdf, cf_of_patient(patient), patient_consent=True
    ).workflow_instance_id
    assert wid is not None
    ticks = iter(range(0, 1000, 10))
    slept: list[float] = []
    slow = GatewayClient(
        gateway.url,
        gateway.client.credentials,
        sleep=slept.append,
        clock=lambda: float(next(ticks)),
    )
    with slow, pytest.raises(ConnectorTimeout, match="not finished"):
        for _status in slow.follow(wid, timeout_s=45):
            pass
    assert slept and slept == sorted(slept)  # backoff grows


def _fresh_tokens(
    gateway: Gateway, pdf: bytes, cf: str, audience: str | None = None
) -> tuple[str, str]:
    creds = gateway.client.credentials
    audience = audience or gateway.url
    sig = signature_token(
        creds,
        audience,
        ApplicationIdentity(),
        patient_cf=cf,
        action=Action.CREATE,
        purpose=PurposeOfUse.TREATMENT,
        file=pdf,
        patient_consent=True,
    )
    return auth_token(creds, audience), sig


def test_the_audience_is_the_configured_one_not_the_requests_host(gateway: Gateway) -> None:
    published = "https://gateway.example.it/v1"  # the address clients are told to use
    configure_audience(gateway.region.store, published)
    patient = gateway.patients()[0]
    pdf = signed_pdf(pss_cda(patient), gateway.client.credentials)
    pub = publication(patient, "PSS.GTW.AUD")
    # Tokens for the address this request happens to reach are someone else's audience...
    refused = _send_raw(gateway, pdf, *_fresh_tokens(gateway, pdf, pub.patient_cf), pub.body(None))
    assert (refused.status_code, refused.json()["instance"]) == (403, "/jwt-audience")
    assert published in refused.json()["detail"]
    # ... and tokens for the configured one are accepted, whatever the Host header says.
    tokens = _fresh_tokens(gateway, pdf, pub.patient_cf, audience=published)
    assert _send_raw(gateway, pdf, *tokens, pub.body(None)).status_code == 202


def test_a_gateway_without_a_configured_audience_accepts_no_token(gateway: Gateway) -> None:
    gateway.region.store.set_meta("gateway.audience", "")
    answer = httpx.get(f"{gateway.url}/status/x", headers={"Authorization": "Bearer whatever"})
    assert (answer.status_code, answer.json()["instance"]) == (403, "/jwt-audience")
    assert "non configurata" in answer.json()["detail"]


def test_a_replayed_token_is_refused(gateway: Gateway) -> None:
    patient = gateway.patients()[0]
    pdf = signed_pdf(pss_cda(patient), gateway.client.credentials)
    pub = publication(patient, "PSS.GTW.REPLAY")
    auth, sig = _fresh_tokens(gateway, pdf, pub.patient_cf)
    assert _send_raw(gateway, pdf, auth, sig, pub.body(None)).status_code == 202
    again = _send_raw(gateway, pdf, auth, sig, pub.body(None))
    assert again.status_code == 403
    assert "jti" in again.json()["detail"]


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("identificativoRep", "2.16.840.1.113883.2.9.2.080.4.5.1"),  # leading zero
        ("identificativoRep", "2.16.840.1.113883.2.9.2.80.4.4.1"),  # not a repository
        ("identificativoSottomissione", "2.25.1234"),  # not under the region
    ],
)
def test_identifiers_outside_the_guide_structure_are_refused(
    gateway: Gateway, field: str, value: str
) -> None:
    patient = gateway.patients()[0]
    pdf = signed_pdf(pss_cda(patient), gateway.client.credentials)
    pub = publication(patient, "PSS.GTW.SHAPE")
    body = pub.body(None) | {field: value}
    answer = _send_raw(gateway, pdf, *_fresh_tokens(gateway, pdf, pub.patient_cf), body)
    assert answer.status_code == 400
    assert answer.json()["type"] == "/msg/invalid-format"
    assert field in answer.json()["detail"]


def test_a_locality_in_free_text_is_refused(gateway: Gateway) -> None:
    patient = gateway.patients()[0]
    pdf = signed_pdf(pss_cda(patient), gateway.client.credentials)
    creds, pub = gateway.client.credentials, publication(patient, "PSS.GTW.XON")
    sig = signature_token(
        creds,
        gateway.url,
        ApplicationIdentity(locality="Casa della Salute di Vergato"),
        patient_cf=pub.patient_cf,
        action=Action.CREATE,
        purpose=PurposeOfUse.TREATMENT,
        file=pdf,
        patient_consent=True,
    )
    answer = _send_raw(gateway, pdf, auth_token(creds, gateway.url), sig, pub.body(None))
    assert answer.status_code == 403
    assert "XON" in answer.json()["detail"]
