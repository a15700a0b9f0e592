"""The FSE 2.0 gateway client: validate, publish, replace a signed PDF and follow its workflow.

Every call sends two JWTs (:mod:`fse_desk.connectors.gateway_jwt`) and, for documents,
a multipart body: ``requestBody`` (JSON) and ``file`` (the signed PDF with
``cda.xml`` attached). Answers carry ``traceID``, ``spanID`` and
``workflowInstanceId``; errors are RFC 7807 ``application/problem+json`` and
become :class:`~fse_desk.errors.GatewayError` (403 → :class:`GatewayTokenRefused`,
5xx → :class:`ServerUnavailable`), transport failures go through the one
boundary :func:`~fse_desk.connectors._http_errors.map_transport_errors`.

Retry safety: writes are never retried here (the outbox owns that). A retried
publication is safe because ``identificativoDoc`` is chosen by the client: the
same document sent twice names the same id, and the gateway (the sandbox too)
refuses or recognises the duplicate instead of publishing a second copy.
:meth:`GatewayClient.status` is a read and may be called any number of times.
"""

from __future__ import annotations

import enum
import json
import time
import urllib.parse
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import datetime
from typing import Any

import httpx

from fse_desk.connectors._guarded import HttpLimits, TlsSettings, guarded_client
from fse_desk.connectors._http_errors import GATEWAY, map_transport_errors
from fse_desk.connectors.backoff import Backoff
from fse_desk.connectors.gateway_jwt import (
    AUTH_HEADER,
    PSS_HL7_TYPE,
    SIGNATURE_HEADER,
    Action,
    ApplicationIdentity,
    PurposeOfUse,
    auth_token,
    signature_token,
)
from fse_desk.errors import (
    ConnectorTimeout,
    GatewayError,
    GatewayTokenRefused,
    InvalidResponse,
    ServerUnavailable,
)
from fse_desk.security.certificates import OperatorCredentials

PDF = "application/pdf"
PROBLEM_JSON = "application/problem+json"


class Activity(enum.Enum):
    VALIDATION = "VALIDATION"  # validate and remember the result for the publication
    VERIFICA = "VERIFICA"  # validate only (a check, nothing remembered)


class EventStatus(enum.Enum):
    SUCCESS = "SUCCESS"
    BLOCKING_ERROR = "BLOCKING_ERROR"


FINAL_EVENT = "SEND_TO_INI"


@dataclass(frozen=True, slots=True)
class Publication:
    """The ``requestBody`` of a publication or replacement (a PSS by an MMG by default).

    ``identificativo_doc`` is ``2.16.840.1.113883.2.9.2.<region>.4.4^<id>``,
    chosen by the client and stable across retries.
    """

    identificativo_doc: str
    identificativo_rep: str
    identificativo_sottomissione: str
    data_inizio_prestazione: datetime
    patient_cf: str
    # The patient's consent as the FSE records it (JWT ``patient_consent``). The default only
    # serves entries queued before the field existed, which were all sent with consent.
    patient_consent: bool = True
    atti_clinici_regole_accesso: tuple[str, ...] = ("P00",)
    tipologia_struttura: str = "Territorio"
    tipo_documento_liv_alto: str = "SUM"
    assetto_organizzativo: str = "AD_PSC130"
    tipo_attivita_clinica: str = "CON"
    resource_hl7_type: str = PSS_HL7_TYPE
    # The purpose of use declared when the document was queued (a PurposeOfUse value):
    # the JWT of its validation and creation says so, whoever is signed in when it is sent.
    purpose_of_use: str = PurposeOfUse.TREATMENT.value

    def body(self, workflow_instance_id: str | None) -> dict[str, Any]:
        out: dict[str, Any] = {
            "healthDataFormat": "CDA",
            "mode": "ATTACHMENT",
            "tipologiaStruttura": self.tipologia_struttura,
            "tipoDocumentoLivAlto": self.tipo_documento_liv_alto,
            "assettoOrganizzativo": self.assetto_organizzativo,
            "tipoAttivitaClinica": self.tipo_attivita_clinica,
            "identificativoDoc": self.identificativo_doc,
            "identificativoRep": self.identificativo_rep,
            "identificativoSottomissione": self.identificativo_sottomissione,
            "dataInizioPrestazione": self.data_inizio_prestazione.strftime("%Y%m%d%H%M%S"),
            "attiCliniciRegoleAccesso": list(self.atti_clinici_regole_accesso),
        }
        if workflow_instance_id is not None:
            out["workflowInstanceId"] = workflow_instance_id
        return out


@dataclass(frozen=True, slots=True)
class Receipt:
    """A 2xx answer: the status and the ids to quote to the help desk."""

    status: int
    trace_id: str
    span_id: str
    workflow_instance_id: str | None
    warning: str | None


@dataclass(frozen=True, slots=True)
class WorkflowEvent:
    event_type: str
    status: EventStatus | None
    date: str
    message: str | None = None
    document_id: str | None = None


@dataclass(frozen=True, slots=True)
class WorkflowStatus:
    workflow_instance_id: str
    trace_id: str
    events: tuple[WorkflowEvent, ...]

    @property
    def failed(self) -> bool:
        return any(e.status is EventStatus.BLOCKING_ERROR for e in self.events)

    @property
    def finished(self) -> bool:
        """A blocking error, or the document sent to INI successfully."""
        return self.failed or any(
            e.event_type == FINAL_EVENT and e.status is EventStatus.SUCCESS for e in self.events
        )


class GatewayClient:
    """One gateway (base URL with its version, e.g. ``https://…/v1``) for one operator."""

    def __init__(
        self,
        base_url: str,
        credentials: OperatorCredentials,
        identity: ApplicationIdentity | None = None,
        *,
        timeout_s: float = 30.0,
        tls: TlsSettings | None = None,
        limits: HttpLimits | None = None,
        transport: httpx.BaseTransport | None = None,
        sleep: Callable[[float], None] = time.sleep,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.base_url = base_url.rstrip("/")
        self.credentials = credentials
        self.identity = identity or ApplicationIdentity()
        self._sleep = sleep
        self._clock = clock
        self._http = guarded_client(
            self.base_url,
            timeout_s=timeout_s,
            tls=tls,
            limits=limits,
            headers={"Accept": "application/json", "User-Agent": "fse-desk"},
            transport=transport,
            what="FSE gateway",
        )

    def close(self) -> None:
        self._http.close()

    def __enter__(self) -> GatewayClient:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- documents --------------------------------------------------------------------

    def validate(
        self,
        pdf: bytes,
        patient_cf: str,
        *,
        patient_consent: bool,
        activity: Activity = Activity.VALIDATION,
        resource_hl7_type: str = PSS_HL7_TYPE,
        purpose: PurposeOfUse = PurposeOfUse.TREATMENT,
    ) -> Receipt:
        """``POST /documents/validation``: 201 (VALIDATION) or 200 (VERIFICA)."""
        body = {"activity": activity.value, "healthDataFormat": "CDA", "mode": "ATTACHMENT"}
        headers = self._headers(
            pdf,
            patient_cf,
            Action.CREATE,
            purpose,
            resource_hl7_type,
            patient_consent,
        )
        return self._send("POST", "documents/validation", headers, body, pdf)

    def publish(
        self, pdf: bytes, publication: Publication, *, workflow_instance_id: str | None = None
    ) -> Receipt:
        """``POST /documents`` → 202; pass the validation's ``workflow_instance_id``."""
        headers = self._headers(
            pdf,
            publication.patient_cf,
            Action.CREATE,
            PurposeOfUse(publication.purpose_of_use),
            publication.resource_hl7_type,
            publication.patient_consent,
        )
        return self._send("POST", "documents", headers, publication.body(workflow_instance_id), pdf)

    def replace(
        self,
        id_doc: str,
        pdf: bytes,
        publication: Publication,
        *,
        workflow_instance_id: str | None = None,
    ) -> Receipt:
        """``PUT /documents/{idDoc}``: ``pdf`` replaces the published document ``id_doc``."""
        headers = self._headers(
            pdf,
            publication.patient_cf,
            Action.UPDATE,
            PurposeOfUse.UPDATE,
            publication.resource_hl7_type,
            publication.patient_consent,
        )
        path = "documents/" + urllib.parse.quote(id_doc, safe="")
        return self._send("PUT", path, headers, publication.body(workflow_instance_id), pdf)

    # -- workflow ---------------------------------------------------------------------

    def status(self, workflow_instance_id: str) -> WorkflowStatus:
        """``GET /status/{workflowInstanceId}``: the events so far."""
        path = "status/" + urllib.parse.quote(workflow_instance_id, safe="")
        url = f"{self.base_url}/{path}"
        with map_transport_errors(url, GATEWAY):
            response = self._http.get(
                path,
                headers={AUTH_HEADER: "Bearer " + self._auth()},
            )
        body = _answer(response)
        events = tuple(_event(e) for e in body.get("transactionData") or [])
        return WorkflowStatus(workflow_instance_id, str(body.get("traceID", "")), events)

    def follow(
        self,
        workflow_instance_id: str,
        *,
        timeout_s: float = 120.0,
        first_delay_s: float = 0.2,
        max_delay_s: float = 5.0,
    ) -> Iterator[WorkflowStatus]:
        """Poll the status with exponential backoff, yielding each answer, until it finishes.

        Stops after the answer where :attr:`WorkflowStatus.finished` is true;
        raises :class:`ConnectorTimeout` when ``timeout_s`` passes first.
        """
        deadline = self._clock() + timeout_s
        backoff = Backoff(first_delay_s, max_delay_s, jitter=False)
        polls = 0
        while True:
            polls += 1
            delay = backoff.delay_s(polls)
            current = self.status(workflow_instance_id)
            yield current
            if current.finished:
                return
            if self._clock() + delay > deadline:
                raise ConnectorTimeout(
                    f"workflow {workflow_instance_id} not finished after {timeout_s:g} s; "
                    f"last event {current.events[-1].event_type if current.events else 'none'}",
                    url=f"{self.base_url}/status/{workflow_instance_id}",
                )
            self._sleep(delay)

    # -- plumbing ---------------------------------------------------------------------

    def _auth(self) -> str:
        return auth_token(self.credentials, self.base_url)

    def _headers(
        self,
        pdf: bytes,
        patient_cf: str,
        action: Action,
        purpose: PurposeOfUse,
        resource_hl7_type: str,
        patient_consent: bool,
    ) -> dict[str, str]:
        return {
            AUTH_HEADER: "Bearer " + self._auth(),
            SIGNATURE_HEADER: signature_token(
                self.credentials,
                self.base_url,
                self.identity,
                patient_cf=patient_cf,
                action=action,
                purpose=purpose,
                file=pdf,
                resource_hl7_type=resource_hl7_type,
                patient_consent=patient_consent,
            ),
        }

    def _send(
        self, method: str, path: str, headers: dict[str, str], body: dict[str, Any], pdf: bytes
    ) -> Receipt:
        url = f"{self.base_url}/{path}"
        with map_transport_errors(url, GATEWAY):
            response = self._http.request(
                method,
                path,
                headers=headers,
                data={"requestBody": json.dumps(body, ensure_ascii=False)},
                files={"file": ("documento.pdf", pdf, PDF)},
            )
        answer = _answer(response)
        return Receipt(
            response.status_code,
            str(answer.get("traceID", "")),
            str(answer.get("spanID", "")),
            answer.get("workflowInstanceId"),
            answer.get("warning"),
        )


def _answer(response: httpx.Response) -> dict[str, Any]:
    url = str(response.request.url)
    try:
        body = json.loads(response.content) if response.content else {}
    except (json.JSONDecodeError, UnicodeDecodeError):
        body = None
    if response.status_code >= 500:
        detail = body.get("detail") if isinstance(body, dict) else response.reason_phrase
        raise ServerUnavailable(
            f"{response.request.method} {url} answered {response.status_code}: {detail}", url=url
        )
    if response.status_code >= 400:
        raise _problem(response, body if isinstance(body, dict) else {})
    if not isinstance(body, dict):
        raise InvalidResponse(
            f"{url} answered {response.status_code} with a body that is not a JSON object", url=url
        )
    return body


def _problem(response: httpx.Response, body: dict[str, Any]) -> GatewayError:
    url = str(response.request.url)
    status = response.status_code
    detail = body.get("detail") or response.reason_phrase
    kind = GatewayTokenRefused if status in (401, 403) else GatewayError
    return kind(
        f"{response.request.method} {url} answered {status} {body.get('type', '')}: {detail}",
        url=url,
        status=status,
        problem_type=body.get("type"),
        title=body.get("title"),
        detail=body.get("detail"),
        instance=body.get("instance"),
        trace_id=body.get("traceID"),
        span_id=body.get("spanID"),
    )


def _event(raw: dict[str, Any]) -> WorkflowEvent:
    status = raw.get("eventStatus")
    return WorkflowEvent(
        str(raw.get("eventType", "")),
        EventStatus(status) if status in EventStatus._value2member_map_ else None,
        str(raw.get("eventDate", "")),
        raw.get("message"),
        raw.get("identificativoDocumento"),
    )
