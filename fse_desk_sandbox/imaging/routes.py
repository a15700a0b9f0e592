"""The sandbox's PACS: DICOMweb QIDO-RS and WADO-RS under ``/dicom-web``.

Its studies are those the region's radiology reports name (DocumentReference
``context.related`` with system ``urn:dicom:uid``); each is built on request by
:mod:`fse_desk_sandbox.imaging.studies`. Supported, as a real PACS answers them:

- ``GET /dicom-web/studies?PatientID=…`` (also ``StudyInstanceUID=…``)
- ``GET /dicom-web/studies/{study}/series``
- ``GET /dicom-web/studies/{study}/series/{series}`` (multipart/related, streamed)
"""

from __future__ import annotations

import threading
import uuid
from collections.abc import Iterator
from typing import Any

from starlette.requests import Request
from starlette.responses import JSONResponse, Response, StreamingResponse
from starlette.routing import BaseRoute, Route

from fse_desk.domain import loinc
from fse_desk.domain.document import OSCURAMENTO_SYSTEM, Oscuramento
from fse_desk.domain.identifiers import CF_FHIR_SYSTEM, LOINC_FHIR_SYSTEM
from fse_desk.errors import FseDeskError
from fse_desk_sandbox.imaging.studies import (
    SeriesRef,
    StudyRef,
    instance_dataset,
    instances,
    kind_for,
    modality_of,
    part10,
    series_of,
)
from fse_desk_sandbox.storage import ResourceStore

ROOT = "/dicom-web"
_PAGE = 500


def routes(store: ResourceStore) -> list[BaseRoute]:
    api = _DicomWebApi(store)
    return [
        Route(f"{ROOT}/studies", api.studies, methods=["GET"]),
        Route(f"{ROOT}/studies/{{study}}/series", api.series, methods=["GET"]),
        Route(f"{ROOT}/studies/{{study}}/series/{{series}}", api.retrieve, methods=["GET"]),
        Route(
            f"{ROOT}/studies/{{study}}/series/{{series}}/instances",
            api.instances,
            methods=["GET"],
        ),
        Route(
            f"{ROOT}/studies/{{study}}/series/{{series}}/instances/{{instance}}",
            api.retrieve_instance,
            methods=["GET"],
        ),
    ]


class _DicomWebApi:
    def __init__(self, store: ResourceStore) -> None:
        self.store = store
        self._lock = threading.Lock()
        self._index: dict[str, StudyRef] | None = None

    def index(self) -> dict[str, StudyRef]:
        """Study UID → StudyRef, built once from the radiology DocumentReferences."""
        with self._lock:
            if self._index is None:
                self._index = _build_index(self.store)
            return self._index

    async def studies(self, request: Request) -> Response:
        patient_id = request.query_params.get("PatientID")
        study_uid = request.query_params.get("StudyInstanceUID")
        refs = [
            r
            for r in self.index().values()
            if (patient_id is None or r.patient_id == patient_id)
            and (study_uid is None or r.study_uid == study_uid)
            and self._visible(r)
        ]
        return _dicom_json([_study_json(r) for r in refs])

    async def series(self, request: Request) -> Response:
        ref = self._ref(request)
        if ref is None:
            return _not_found(f"no study {request.path_params['study']}")
        return _dicom_json([_series_json(ref, s) for s in series_of(ref)])

    async def retrieve(self, request: Request) -> Response:
        ref = self._ref(request)
        series_uid = request.path_params["series"]
        if ref is None or all(s.series_uid != series_uid for s in series_of(ref)):
            return _not_found(f"no series {series_uid}")
        boundary = uuid.uuid4().hex
        media = f'multipart/related; type="application/dicom"; boundary={boundary}'
        return StreamingResponse(_multipart(instances(ref, series_uid), boundary), media_type=media)

    async def instances(self, request: Request) -> Response:
        """QIDO-RS: the instances of a series (UID and number), as a viewer asks to pick one."""
        found = self._series(request)
        if found is None:
            return _not_found(f"no series {request.path_params['series']}")
        series = found[1]
        return _dicom_json(
            [
                {
                    "00080018": _element("UI", f"{series.series_uid}.{n}"),
                    "0020000E": _element("UI", series.series_uid),
                    "00200013": _element("IS", n),
                }
                for n in range(1, series.instances + 1)
            ]
        )

    async def retrieve_instance(self, request: Request) -> Response:
        """WADO-RS: one instance of a series, as a one-part multipart answer."""
        found = self._series(request)
        uid = request.path_params["instance"]
        prefix, _, number = uid.rpartition(".")
        if found is None or prefix != found[1].series_uid or not number.isdigit():
            return _not_found(f"no instance {uid}")
        ref, series = found
        if not 1 <= int(number) <= series.instances:
            return _not_found(f"no instance {uid}")
        boundary = uuid.uuid4().hex
        media = f'multipart/related; type="application/dicom"; boundary={boundary}'
        part = part10(instance_dataset(ref, series, int(number) - 1))
        return Response(b"".join(_multipart(iter([part]), boundary)), media_type=media)

    def _series(self, request: Request) -> tuple[StudyRef, SeriesRef] | None:
        ref = self._ref(request)
        if ref is None:
            return None
        for series in series_of(ref):
            if series.series_uid == request.path_params["series"]:
                return ref, series
        return None

    def _ref(self, request: Request) -> StudyRef | None:
        ref = self.index().get(request.path_params["study"])
        return ref if ref is not None and self._visible(ref) else None

    def _visible(self, ref: StudyRef) -> bool:
        """The region applies the patient's oscuramento to the images of a hidden report
        too (checked now, not when the index was built: a patient may hide it any time)."""
        try:
            doc = self.store.read("DocumentReference", ref.document_id).resource()
        except FseDeskError:
            return False
        labels = list(doc.get("meta", {}).get("security", []))
        for label in doc.get("securityLabel", []):
            labels.extend(label.get("coding", []))
        return not any(
            c.get("code") == Oscuramento.HIDDEN.value
            and str(c.get("system", "")).removeprefix("urn:oid:") == OSCURAMENTO_SYSTEM
            for c in labels
        )


def _multipart(parts: Iterator[bytes], boundary: str) -> Iterator[bytes]:
    head = f"--{boundary}\r\nContent-Type: application/dicom\r\n\r\n".encode("ascii")
    for part in parts:
        yield head + part + b"\r\n"
    yield f"--{boundary}--\r\n".encode("ascii")


def _build_index(store: ResourceStore) -> dict[str, StudyRef]:
    index: dict[str, StudyRef] = {}
    patients: dict[str, dict[str, Any]] = {}
    params = [("type", f"{LOINC_FHIR_SYSTEM}|{loinc.RADIOLOGY_REPORT}"), ("_count", str(_PAGE))]
    page_token: str | None = None
    while True:
        page = store.search(
            "DocumentReference", params + ([("_page", page_token)] if page_token else [])
        )
        for stored in page.entries:
            ref = _study_ref(store, stored.resource(), patients)
            if ref is not None:
                index[ref.study_uid] = ref
        if page.next_page is None:
            return index
        page_token = page.next_page


def _study_ref(
    store: ResourceStore, doc: dict[str, Any], patients: dict[str, dict[str, Any]]
) -> StudyRef | None:
    uid = None
    for related in doc.get("context", {}).get("related", []):
        identifier = related.get("identifier", {})
        if identifier.get("system") == "urn:dicom:uid":
            uid = str(identifier.get("value", "")).removeprefix("urn:oid:")
    subject = doc.get("subject", {}).get("reference", "")
    if not uid or not subject.startswith("Patient/"):
        return None
    patient_id = subject.removeprefix("Patient/")
    if patient_id not in patients:
        patients[patient_id] = store.read("Patient", patient_id).resource()
    patient = patients[patient_id]
    cf = next(
        (
            i.get("value", "")
            for i in patient.get("identifier", [])
            if i.get("system") == CF_FHIR_SYSTEM
        ),
        patient_id,
    )
    name = (patient.get("name") or [{}])[0]
    given = " ".join(name.get("given", []))
    when = str(doc.get("context", {}).get("period", {}).get("start") or doc.get("date", ""))
    title = str(doc.get("description") or "")
    return StudyRef(
        study_uid=uid,
        patient_id=cf,
        patient_name=f"{name.get('family', '')}^{given}".upper(),
        birth_date=str(patient.get("birthDate", "")).replace("-", ""),
        sex={"male": "M", "female": "F"}.get(str(patient.get("gender")), "O"),
        kind=kind_for(title),
        description=title,
        study_date=when[:10].replace("-", ""),
        study_time=when[11:19].replace(":", "") or "100000",
        accession=str(doc.get("id", ""))[-16:],
        document_id=str(doc.get("id", "")),
    )


def _element(vr: str, *values: Any) -> dict[str, Any]:
    clean = [v for v in values if v not in (None, "")]
    return {"vr": vr, "Value": clean} if clean else {"vr": vr}


def _study_json(ref: StudyRef) -> dict[str, Any]:
    series = series_of(ref)
    return {
        "00080020": _element("DA", ref.study_date),
        "00080030": _element("TM", ref.study_time),
        "00080050": _element("SH", ref.accession),
        "00080061": _element("CS", modality_of(ref.kind)),
        "00081030": _element("LO", ref.description),
        "00100010": _element("PN", {"Alphabetic": ref.patient_name}),
        "00100020": _element("LO", ref.patient_id),
        "00100030": _element("DA", ref.birth_date),
        "00100040": _element("CS", ref.sex),
        "0020000D": _element("UI", ref.study_uid),
        "00201206": _element("IS", len(series)),
        "00201208": _element("IS", sum(s.instances for s in series)),
    }


def _series_json(ref: StudyRef, series: Any) -> dict[str, Any]:
    return {
        "00080060": _element("CS", series.modality),
        "0008103E": _element("LO", series.description),
        "0020000D": _element("UI", ref.study_uid),
        "0020000E": _element("UI", series.series_uid),
        "00200011": _element("IS", series.number),
        "00201209": _element("IS", series.instances),
    }


def _dicom_json(items: list[dict[str, Any]]) -> Response:
    return JSONResponse(items, media_type="application/dicom+json")


def _not_found(text: str) -> Response:
    return Response(text, status_code=404, media_type="text/plain")
