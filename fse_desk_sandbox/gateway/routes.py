"""The sandbox FSE 2.0 gateway under ``/v1``, beside the FHIR API, over the same store.

- ``POST /v1/documents/validation`` → 201 (VALIDATION, remembered) or 200 (VERIFICA)
- ``POST /v1/documents`` → 202: publish; a DocumentReference + Binary appear in FHIR
- ``PUT /v1/documents/{idDoc}`` → 202: replace; the old DocumentReference is ``superseded``
- ``GET /v1/status/{workflowInstanceId}`` → the workflow's events (one more per poll
  until ``SEND_TO_INI``, as the real gateway completes asynchronously)

Every document call verifies both JWTs (x5c certificate issued by a trusted CA
— :func:`trust_certificate_authority` — signature, iss/sub/exp, claims, and ``aud``
the gateway's own URL as configured by :func:`configure_audience`),
the attachment hash, the embedded ``cda.xml``, the PDF's PAdES signature by the
same certificate, the CDA's patient and type against the token and the CDA
structure (``fse_desk.pss.validator.validate_cda_structure`` when present).
Workflows, trusted CAs and the audience live in the store's ``meta`` table.
"""

from __future__ import annotations

import base64
import email.parser
import email.policy
import hashlib
import json
import logging
import re
import secrets
from collections.abc import Awaitable, Callable, Sequence
from datetime import UTC, datetime
from typing import Any

from cryptography import x509
from cryptography.hazmat.primitives import serialization
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import BaseRoute, Route

from fse_desk.connectors.gateway_jwt import AUTH_HEADER, SIGNATURE_HEADER, cf_of, hl7_type
from fse_desk.documents.cda import parse_cda
from fse_desk.domain.document import OSCURAMENTO_SYSTEM
from fse_desk.domain.identifiers import (
    CF_FHIR_SYSTEM,
    DOCUMENT_ID_ROOT,
    LOINC_FHIR_SYSTEM,
    is_valid_oid,
)
from fse_desk.errors import DocumentError
from fse_desk_sandbox.exceptions import SandboxError
from fse_desk_sandbox.gateway.checks import (
    SIGNATURE_CLAIMS,
    Problem,
    VerifiedToken,
    extract_cda,
    invalid,
    missing,
    sha256_hex,
    token_problem,
    verify_pades,
    verify_token,
)
from fse_desk_sandbox.storage import ResourceStore

ROOT = "/v1"
_TRUST_KEY = "gateway.trusted-ca"
_AUDIENCE_KEY = "gateway.audience"
_ENVIRONMENT_KEY = "gateway.environment"
_WORKFLOW_KEY = "gateway.workflow."
_DOC_KEY = "gateway.document."
_RECEIVED_KEY = "gateway.received-signature-tokens"
_RECEIVED_KEPT = 50
# Creation and validation carry the operator's declared purpose of use; a change says UPDATE.
_CREATE_PURPOSES = frozenset({"TREATMENT", "EMERGENCY", "PUBLICHEALTH", "SYSADMIN"})
_CONFIDENTIALITY = "http://terminology.hl7.org/CodeSystem/v3-Confidentiality"
_PUBLISH_FIELDS = (
    "tipologiaStruttura",
    "tipoDocumentoLivAlto",
    "assettoOrganizzativo",
    "tipoAttivitaClinica",
    "identificativoDoc",
    "identificativoRep",
    "identificativoSottomissione",
    "dataInizioPrestazione",
)
_IDENTIFIER_SHAPES = {
    # The integration guide's structures: …2.9.2.[REGIONE].4.5.X and …2.9.2.[REGIONE|INI].4.3.X
    "identificativoRep": re.compile(r"2\.16\.840\.1\.113883\.2\.9\.2\.\d+\.4\.5\.\d+"),
    "identificativoSottomissione": re.compile(r"2\.16\.840\.1\.113883\.2\.9\.2\.\d+\.4\.3\.\d+"),
}
_XON = re.compile(r"[^^]+\^{5}&\d+(?:\.\d+)+&ISO\^{4}[^^]+")
"""``locality``: <name>^^^^^&<catalogue OID>&ISO^^^^<code> (HL7 v2 XON)."""
_LOG = logging.getLogger(__name__)


def trust_certificate_authority(store: ResourceStore, ca: x509.Certificate) -> None:
    """Let the sandbox gateway accept certificates issued by ``ca`` (the demo or a test CA)."""
    pem = ca.public_bytes(serialization.Encoding.PEM).decode("ascii")
    known = json.loads(store.get_meta(_TRUST_KEY) or "[]")
    if pem not in known:
        store.set_meta(_TRUST_KEY, json.dumps([*known, pem]))


def received_signature_tokens(store: ResourceStore) -> list[str]:
    """The ``FSE-JWT-Signature`` tokens of the last document calls that passed the checks,
    oldest first, as they arrived (for tests and trainers who look at what a client sends)."""
    return list(json.loads(store.get_meta(_RECEIVED_KEY) or "[]"))


def _keep_received(store: ResourceStore, token: str) -> None:
    kept = received_signature_tokens(store)[-(_RECEIVED_KEPT - 1) :]
    store.set_meta(_RECEIVED_KEY, json.dumps([*kept, token]))


def configure_environment(store: ResourceStore, *, validation: bool) -> None:
    """Whether the sandbox gateway acts as the region's validation environment (the only
    one with ``GET /status/{workflowInstanceId}``, as the integration guide says) or as
    production (no status endpoint). Until configured it is a validation environment."""
    store.set_meta(_ENVIRONMENT_KEY, "validation" if validation else "production")


def configure_audience(store: ResourceStore, audience: str) -> None:
    """The ``aud`` the sandbox gateway accepts: its own public URL, configured as the real
    gateway knows its own, never taken from the request (a client chooses its Host)."""
    store.set_meta(_AUDIENCE_KEY, audience)


def routes(store: ResourceStore) -> list[BaseRoute]:
    api = _GatewayApi(store)
    return [
        Route(f"{ROOT}/documents/validation", api.validation, methods=["POST"]),
        Route(f"{ROOT}/documents", api.publish, methods=["POST"]),
        Route(f"{ROOT}/documents/{{id_doc:path}}", api.replace, methods=["PUT"]),
        Route(f"{ROOT}/status/{{wid:path}}", api.status, methods=["GET"]),
    ]


class _Submission:
    """A verified multipart request: tokens, body, file, CDA and its parsed header."""

    def __init__(
        self,
        claims: dict[str, Any],
        certificate: x509.Certificate,
        body: dict[str, Any],
        pdf: bytes,
        cda: bytes,
        trace_id: str,
    ) -> None:
        self.claims = claims
        self.certificate = certificate
        self.body = body
        self.pdf = pdf
        self.cda = cda
        self.header = parse_cda(cda).header
        self.trace_id = trace_id


class _GatewayApi:
    def __init__(self, store: ResourceStore) -> None:
        self.store = store
        self._seen_jti: dict[str, int] = {}  # jti → exp: a token is good for one request

    def _once(self, claims: dict[str, Any]) -> None:
        """Refuse a replayed token (same ``jti``) while it has not expired."""
        now = int(datetime.now(UTC).timestamp())
        self._seen_jti = {j: exp for j, exp in self._seen_jti.items() if exp >= now}
        jti = str(claims.get("jti", ""))
        if not jti or jti in self._seen_jti:
            raise token_problem("token JWT già usato (jti ripetuto)", "/jwt-replay")
        self._seen_jti[jti] = int(claims.get("exp", now))

    # -- endpoints ----------------------------------------------------------------------

    async def validation(self, request: Request) -> Response:
        return await _guarded(request, self._validation)

    async def publish(self, request: Request) -> Response:
        return await _guarded(request, self._publish)

    async def replace(self, request: Request) -> Response:
        return await _guarded(request, self._replace)

    async def status(self, request: Request) -> Response:
        return await _guarded(request, self._status)

    async def _validation(self, request: Request, trace: str) -> Response:
        sub = await self._submission(request, trace, action="CREATE", purposes=_CREATE_PURPOSES)
        activity = sub.body.get("activity", "VALIDATION")
        if activity not in ("VALIDATION", "VERIFICA"):
            raise invalid("activity")
        wid = _workflow_id(sub.cda)
        if activity == "VERIFICA":
            return _ok(200, trace, wid)
        self._save_workflow(
            wid,
            {
                "cda_hash": sha256_hex(sub.cda),
                "events": [self._event("VALIDATION", sub, trace)],
                "pending": [],
            },
        )
        return _ok(201, trace, wid)

    async def _publish(self, request: Request, trace: str) -> Response:
        sub = await self._submission(request, trace, action="CREATE", purposes=_CREATE_PURPOSES)
        return self._store_document(sub, trace, replaces=None)

    async def _replace(self, request: Request, trace: str) -> Response:
        sub = await self._submission(
            request, trace, action="UPDATE", purposes=frozenset({"UPDATE"})
        )
        old_id = request.path_params["id_doc"]
        old = self._find_document(old_id)
        if old is None:
            raise Problem(
                404,
                "/msg/record-not-found",
                "Record non trovato.",
                f"nessun documento pubblicato con identificativo {old_id}",
            )
        return self._store_document(sub, trace, replaces=old)

    async def _status(self, request: Request, trace: str) -> Response:
        wid = request.path_params["wid"]
        if self.store.get_meta(_ENVIRONMENT_KEY) == "production":
            raise Problem(
                404, "/msg/not-found", "Risorsa non trovata.", "No status service in production"
            )
        self._verify_auth(request, self._trusted())
        flow = self._load_workflow(wid)
        if flow is None:
            raise Problem(404, "/msg/record-not-found", "Record non trovato.", "No Record Found")
        shown = list(flow["events"])
        if flow["pending"]:  # the next step completes between two polls
            flow["events"].append(flow["pending"].pop(0))
            self._save_workflow(wid, flow)
        return JSONResponse(
            {
                "traceID": trace,
                "spanID": trace[:16],
                "responseStatus": 200,
                "transactionData": [dict(e, workflowInstanceId=wid) for e in shown],
            }
        )

    # -- verification -------------------------------------------------------------------

    async def _submission(
        self, request: Request, trace: str, *, action: str, purposes: frozenset[str]
    ) -> _Submission:
        trusted = self._trusted()
        auth = self._verify_auth(request, trusted)
        signature = verify_token(
            request.headers.get(SIGNATURE_HEADER),
            prefix="integrity",
            audience=self._audience(),
            trusted=trusted,
            required=SIGNATURE_CLAIMS,
        )
        if signature.certificate != auth.certificate:
            raise token_problem("i due token sono firmati con certificati diversi")
        self._once(auth.claims)
        self._once(signature.claims)
        claims = signature.claims
        if cf_of(str(claims["sub"])) != cf_of(str(auth.claims["sub"])):
            raise token_problem("sub diverso nei due token", "/jwt-sub")
        if claims["action_id"] != action or claims["purpose_of_use"] not in purposes:
            raise token_problem(
                f"action_id/purpose_of_use devono essere {action}/{'|'.join(sorted(purposes))}",
                "/jwt-action",
            )
        if not _XON.fullmatch(str(claims["locality"])):
            raise token_problem(
                f"locality {claims['locality']!r} non in formato XON", "/jwt-locality"
            )
        if claims["subject_role"] not in ("APR", "PRS"):  # MMG / PLS write the PSS
            raise token_problem(
                f"subject_role {claims['subject_role']!r} non autorizzato", "/jwt-role"
            )
        body, pdf = await _multipart(request)
        if "attachment_hash" not in claims:
            raise Problem(
                403,
                "/msg/mandatory-element-token",
                "Token JWT non valido.",
                "Token JWT non valido: manca il claim attachment_hash",
                "/jwt-mandatory-field-missing",
            )
        if claims["attachment_hash"] != sha256_hex(pdf):
            raise Problem(
                400,
                "/msg/document-hash",
                "Verifica hash fallita.",
                "Verifica hash fallita.",
                "/jwt-hash-match",
            )
        cda = extract_cda(pdf)
        await verify_pades(pdf, signature.certificate, trusted)
        try:
            sub = _Submission(claims, signature.certificate, body, pdf, cda, trace)
        except DocumentError as exc:
            raise Problem(
                400, "/msg/syntax", "Errore di sintassi.", str(exc), "/validation/error"
            ) from exc
        if cf_of(str(claims["person_id"])) != sub.header.patient_cf.upper():
            raise token_problem("person_id non corrisponde all'assistito del CDA", "/jwt-person-id")
        if claims["resource_hl7_type"].strip("()'") != hl7_type(sub.header.type_code).strip("()'"):
            raise token_problem(
                "resource_hl7_type non corrisponde al tipo del CDA", "/jwt-resource-type"
            )
        _check_structure(cda)
        _keep_received(self.store, str(request.headers.get(SIGNATURE_HEADER)))
        return sub

    def _audience(self) -> str:
        audience = self.store.get_meta(_AUDIENCE_KEY)
        if not audience:
            raise token_problem("audience del gateway non configurata", "/jwt-audience")
        return audience

    def _verify_auth(self, request: Request, trusted: list[x509.Certificate]) -> VerifiedToken:
        header = request.headers.get(AUTH_HEADER, "")
        token = header[7:].strip() if header.lower().startswith("bearer ") else ""
        return verify_token(token, prefix="auth", audience=self._audience(), trusted=trusted)

    def _trusted(self) -> list[x509.Certificate]:
        return [
            x509.load_pem_x509_certificate(p.encode("ascii"))
            for p in json.loads(self.store.get_meta(_TRUST_KEY) or "[]")
        ]

    # -- publication --------------------------------------------------------------------

    def _store_document(
        self, sub: _Submission, trace: str, replaces: dict[str, Any] | None
    ) -> Response:
        body = sub.body
        for name in _PUBLISH_FIELDS:
            if not body.get(name):
                raise missing(name)
        id_doc = str(body["identificativoDoc"])
        if "^" not in id_doc or not is_valid_oid(id_doc.split("^", 1)[0]):
            raise invalid("identificativoDoc")
        for name, pattern in _IDENTIFIER_SHAPES.items():
            value = str(body[name])
            if not (pattern.fullmatch(value) and is_valid_oid(value)):
                raise invalid(name)
        try:
            started = datetime.strptime(str(body["dataInizioPrestazione"]), "%Y%m%d%H%M%S")
        except ValueError as exc:
            raise invalid("dataInizioPrestazione") from exc
        wid = body.get("workflowInstanceId")
        cda_hash = sha256_hex(sub.cda)
        flow = self._load_workflow(wid) if wid else None
        if wid and (flow is None or flow.get("cda_hash") != cda_hash):
            raise Problem(
                400,
                "/msg/cda-match",
                "Errore in fase di recupero dell'esito della verifica.",
                "Il CDA non risulta validato",
                "/cda-validation",
            )
        earlier = json.loads(self.store.get_meta(_DOC_KEY + id_doc) or "null")
        if earlier is not None:  # a retry of the same publication is recognised, not repeated
            if earlier["pdf_hash"] == sha256_hex(sub.pdf):
                return _ok(202, trace, earlier["workflow"])
            raise Problem(
                409,
                "/msg/ini-error",
                "Ini error.",
                f"identificativoDoc {id_doc} già pubblicato con un altro contenuto",
                "/msg/service-error/ini",
            )
        patient = self._patient(sub.header.patient_cf)
        if flow is None:
            wid = _workflow_id(sub.cda)
            flow = {
                "cda_hash": cda_hash,
                "events": [self._event("VALIDATION", sub, trace)],
                "pending": [],
            }
        step = "PUBLICATION" if replaces is None else "REPLACE"
        flow["events"].append(self._event(step, sub, trace, id_doc))
        flow["pending"] = [
            {"eventType": "SEND_TO_INI", "eventStatus": "SUCCESS", "eventDate": _now()}
        ]
        self._write_resources(sub, id_doc, started, patient, replaces)
        self._save_workflow(str(wid), flow)
        self.store.set_meta(
            _DOC_KEY + id_doc, json.dumps({"pdf_hash": sha256_hex(sub.pdf), "workflow": wid})
        )
        return _ok(202, trace, str(wid))

    def _write_resources(
        self,
        sub: _Submission,
        id_doc: str,
        started: datetime,
        patient: dict[str, Any],
        replaces: dict[str, Any] | None,
    ) -> None:
        root, _, extension = id_doc.partition("^")
        key = hashlib.sha256(id_doc.encode("utf-8")).hexdigest()[:24]
        doc_id, bin_id = f"gtw-{key}", f"gtwbin-{key}"
        self.store.update(
            "Binary",
            bin_id,
            {
                "resourceType": "Binary",
                "id": bin_id,
                "contentType": "application/x-hl7-cda+xml",
                "data": base64.b64encode(sub.cda).decode("ascii"),
            },
        )
        access = [str(c) for c in sub.body.get("attiCliniciRegoleAccesso") or []]
        labels = [
            {"coding": [{"system": _CONFIDENTIALITY, "code": sub.header.confidentiality or "N"}]}
        ]
        labels += [
            {"coding": [{"system": f"urn:oid:{OSCURAMENTO_SYSTEM}", "code": c}]} for c in access
        ]
        author = self._practitioner(cf_of(str(sub.claims["sub"])))
        when = (sub.header.effective_time or datetime.now(UTC)).isoformat()
        resource: dict[str, Any] = {
            "resourceType": "DocumentReference",
            "id": doc_id,
            "masterIdentifier": {"system": f"urn:oid:{root}", "value": extension},
            "status": "current",
            "type": {
                "coding": [
                    {
                        "system": LOINC_FHIR_SYSTEM,
                        "code": sub.header.type_code,
                        "display": sub.header.type_name or "Profilo Sanitario Sintetico",
                    }
                ]
            },
            "category": [{"coding": [{"code": str(sub.body["tipoDocumentoLivAlto"])}]}],
            "subject": {
                "reference": f"Patient/{patient['id']}",
                "display": sub.header.patient_name,
            },
            "date": when,
            "author": [author],
            # The keeper the CDA names, linked to the patient's practice when known.
            "custodian": {
                **(patient.get("managingOrganization") or {}),
                "display": sub.header.custodian,
            },
            "description": sub.header.title,
            "securityLabel": labels,
            "content": [
                {
                    "attachment": {
                        "contentType": "application/x-hl7-cda+xml",
                        "language": "it-IT",
                        "url": f"Binary/{bin_id}",
                        "size": len(sub.cda),
                        "hash": base64.b64encode(hashlib.sha1(sub.cda).digest()).decode("ascii"),
                        "title": sub.header.title,
                        "creation": when,
                    }
                }
            ],
            "context": {
                "period": {"start": started.isoformat()},
                "practiceSetting": {"text": "Medicina Generale"},
            },
        }
        hidden = [c for c in access if c != "P00"]
        if hidden:
            resource["meta"] = {
                "security": [{"system": f"urn:oid:{OSCURAMENTO_SYSTEM}", "code": c} for c in hidden]
            }
        if replaces is not None:
            resource["relatesTo"] = [
                {"code": "replaces", "target": {"reference": f"DocumentReference/{replaces['id']}"}}
            ]
            self.store.update(
                "DocumentReference", replaces["id"], dict(replaces, status="superseded")
            )
        self.store.update("DocumentReference", doc_id, resource)

    def _find_document(self, id_doc: str) -> dict[str, Any] | None:
        root, _, extension = id_doc.partition("^")
        page = self.store.search(
            "DocumentReference", [("identifier", f"urn:oid:{root}|{extension}")]
        )
        current = [s.resource() for s in page.entries if s.resource().get("status") == "current"]
        return current[0] if current else None

    def _patient(self, cf: str) -> dict[str, Any]:
        page = self.store.search("Patient", [("identifier", f"{CF_FHIR_SYSTEM}|{cf}")])
        if not page.entries:
            raise Problem(
                404,
                "/msg/record-not-found",
                "Record non trovato.",
                f"nessun assistito con codice fiscale {cf}",
            )
        return page.entries[0].resource()

    def _practitioner(self, cf: str) -> dict[str, Any]:
        page = self.store.search("Practitioner", [("identifier", f"{CF_FHIR_SYSTEM}|{cf}")])
        if not page.entries:
            return {"identifier": {"system": CF_FHIR_SYSTEM, "value": cf}}
        found = page.entries[0].resource()
        name = (found.get("name") or [{}])[0]
        display = " ".join(
            [*name.get("prefix", []), *name.get("given", []), name.get("family", "")]
        ).strip()
        return {"reference": f"Practitioner/{found['id']}", "display": display}

    # -- workflows ----------------------------------------------------------------------

    def _event(
        self, kind: str, sub: _Submission, trace: str, id_doc: str | None = None
    ) -> dict[str, Any]:
        event = {
            "eventType": kind,
            "eventDate": _now(),
            "eventStatus": "SUCCESS",
            "subject": str(sub.claims["person_id"]),
            "organizzazione": str(sub.claims["subject_organization_id"]),
            "traceId": trace,
            "issuer": str(sub.claims["iss"]),
        }
        if id_doc is not None:
            event["identificativoDocumento"] = id_doc
            event["tipoAttivita"] = str(sub.body.get("tipoAttivitaClinica", ""))
        return event

    def _load_workflow(self, wid: str) -> dict[str, Any] | None:
        raw = self.store.get_meta(_WORKFLOW_KEY + wid)
        return None if raw is None else dict(json.loads(raw))

    def _save_workflow(self, wid: str, flow: dict[str, Any]) -> None:
        self.store.set_meta(_WORKFLOW_KEY + wid, json.dumps(flow))


async def _multipart(request: Request) -> tuple[dict[str, Any], bytes]:
    parts = _form_parts(request.headers.get("content-type", ""), await request.body())
    if "requestBody" not in parts:
        raise missing("requestBody")
    if "file" not in parts:
        raise missing("file")
    try:
        body = json.loads(parts["requestBody"])
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise invalid("requestBody") from exc
    if not isinstance(body, dict):
        raise invalid("requestBody")
    pdf = parts["file"]
    if not pdf:
        raise Problem(400, "/msg/empty-file", "File vuoto.", "File vuoto", "/empty-multipart-file")
    if not pdf.startswith(b"%PDF-"):
        raise Problem(
            415,
            "/msg/document-type",
            "Il documento non è pdf.",
            "Il documento non è pdf.",
            "/multipart-file",
        )
    return body, pdf


def _form_parts(content_type: str, raw: bytes) -> dict[str, bytes]:
    """The named parts of a ``multipart/form-data`` body (stdlib MIME parser, no extra package)."""
    if not content_type.lower().startswith("multipart/form-data"):
        return {}
    message = email.parser.BytesParser(policy=email.policy.HTTP).parsebytes(
        b"Content-Type: " + content_type.encode("latin-1") + b"\r\n\r\n" + raw
    )
    if not message.is_multipart():
        return {}
    parts: dict[str, bytes] = {}
    for part in message.iter_parts():
        name = part.get_param("name", header="content-disposition")
        payload = part.get_payload(decode=True)
        if isinstance(name, str) and isinstance(payload, bytes):
            parts[name] = payload
    return parts


def _check_structure(cda: bytes) -> None:
    """The other half of the sandbox's checks: the document's structure, by its type (the
    PSS, the televisit report, the telemonitoring report), when FSE Desk's validators are
    there."""
    try:
        from fse_desk.pss.validator import validate_cda_structure
        from fse_desk.scheduling.report_checks import validate_report_structure
        from fse_desk.scheduling.telemonitoring_report import validate_rilevazione_structure
    except ImportError:
        _LOG.warning("sandbox gateway: fse_desk validators missing, CDA structure unchecked")
        return
    problems: Sequence[object]
    if b'code="75496-0"' in cda:
        problems = validate_report_structure(cda)
    elif b'code="64296-7"' in cda:
        problems = validate_rilevazione_structure(cda)
    else:
        problems = validate_cda_structure(cda)
    if problems:
        detail = "; ".join(str(getattr(p, "message", p)) for p in problems[:10])
        raise Problem(400, "/msg/syntax", "Errore di sintassi.", detail, "/validation/error")


def _workflow_id(cda: bytes) -> str:
    digest = hashlib.sha256(cda).hexdigest()
    return (
        f"{DOCUMENT_ID_ROOT}.{digest}.{secrets.token_hex(5)}"
        "^^^^urn:ihe:iti:xdw:2013:workflowInstanceId"
    )


def _ok(status: int, trace: str, wid: str) -> JSONResponse:
    return JSONResponse(
        {"traceID": trace, "spanID": trace[:16], "workflowInstanceId": wid}, status_code=status
    )


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="milliseconds")


async def _guarded(
    request: Request, handler: Callable[[Request, str], Awaitable[Response]]
) -> Response:
    trace = secrets.token_hex(8)
    try:
        return await handler(request, trace)
    except Problem as problem:
        return JSONResponse(
            {
                "traceID": trace,
                "spanID": trace,
                "type": problem.type,
                "title": problem.title,
                "detail": problem.detail,
                "status": problem.status,
                "instance": problem.instance,
            },
            status_code=problem.status,
            media_type="application/problem+json",
        )
    except SandboxError as exc:
        return JSONResponse(
            {
                "traceID": trace,
                "spanID": trace,
                "type": "/msg/generic-error",
                "title": "Errore generico.",
                "detail": str(exc),
                "status": exc.status,
                "instance": "",
            },
            status_code=exc.status,
            media_type="application/problem+json",
        )
