"""A DICOMweb client for the PACS: QIDO-RS to find studies and series, WADO-RS to fetch.

Query strings are written literally (``PatientID=RSSMRA70A01A944X``): some
servers, Orthanc's DICOMweb plugin among them, do not decode ``%2A`` or ``%2F``,
so only characters that would break the URL are escaped. A series is fetched
as ``multipart/related; type="application/dicom"`` in the transfer syntax the
PACS stores (``transfer-syntax=*``) and parsed while it streams, so the first
instance is usable before the last one arrives.

Every failure comes out as :class:`~fse_desk.errors.DicomWebError` (or its
:class:`~fse_desk.errors.PacsUnavailable`): transport failures through the connectors'
one boundary with httpx (:func:`~fse_desk.connectors._http_errors.map_transport_errors`
with :data:`~fse_desk.connectors._http_errors.PACS`), error statuses in
:func:`_raise_for_status` (a PACS answers plain text, not an OperationOutcome).
"""

from __future__ import annotations

import json
import urllib.parse
from collections.abc import Generator, Iterable, Iterator
from contextlib import closing
from datetime import date
from typing import Any

import httpx

from fse_desk.connectors._guarded import HttpLimits, TlsSettings, guarded_client
from fse_desk.connectors._http_errors import PACS, map_transport_errors
from fse_desk.domain.imaging import (
    SeriesInstanceUid,
    SeriesSummary,
    StudyInstanceUid,
    StudySource,
    StudySummary,
)
from fse_desk.errors import DicomWebError, PacsUnavailable
from fse_desk.security.redaction import redact

_SERIES_ACCEPT = 'multipart/related; type="application/dicom"; transfer-syntax=*'
_STUDY_FIELDS = ("00081030", "00080061", "00201206", "00201208")
_SERIES_FIELDS = ("0008103E", "00200011", "00201209")


class DicomWebClient:
    """QIDO-RS and WADO-RS against one DICOMweb root, e.g. ``http://pacs/dicom-web``."""

    def __init__(
        self,
        base_url: str,
        *,
        timeout_s: float = 30.0,
        tls: TlsSettings | None = None,
        limits: HttpLimits | None = None,
        transport: httpx.BaseTransport | None = None,
    ) -> None:
        self.base_url = base_url.rstrip("/")
        self._http = guarded_client(
            self.base_url,
            timeout_s=timeout_s,
            tls=tls,
            limits=limits,
            transport=transport,
            what="PACS",
        )

    def close(self) -> None:
        self._http.close()

    # -- QIDO-RS ----------------------------------------------------------------------
    def search_studies(self, patient_id: str) -> list[StudySummary]:
        """The patient's studies (by Patient ID, the codice fiscale in Italy), newest first."""
        fields = "".join(f"&includefield={f}" for f in _STUDY_FIELDS)
        url = f"{self.base_url}/studies?PatientID={literal(patient_id)}{fields}"
        studies = [_study(item) for item in self._json_list(url)]
        return sorted(studies, key=lambda s: s.study_date or date.min, reverse=True)

    def search_series(self, study_uid: str) -> list[SeriesSummary]:
        fields = "&".join(f"includefield={f}" for f in _SERIES_FIELDS)
        url = f"{self.base_url}/studies/{literal(study_uid)}/series?{fields}"
        series = [_series(study_uid, item) for item in self._json_list(url)]
        return sorted(
            series, key=lambda s: (s.number if s.number is not None else 1 << 30, s.series_uid)
        )

    def _json_list(self, url: str) -> list[dict[str, Any]]:
        with map_transport_errors(url, PACS):
            response = self._http.get(url, headers={"Accept": "application/dicom+json"})
        _raise_for_status(response)
        if response.status_code == 204 or not response.content.strip():
            return []
        try:
            body = response.json()
        except (json.JSONDecodeError, UnicodeDecodeError) as exc:
            raise DicomWebError(
                f"{url} answered a body that is not JSON: {exc}",
                url=url,
                status=response.status_code,
            ) from exc
        if not isinstance(body, list) or not all(isinstance(i, dict) for i in body):
            raise DicomWebError(
                f"{url} answered JSON that is not a QIDO-RS result",
                url=url,
                status=response.status_code,
            )
        return body

    # -- WADO-RS ----------------------------------------------------------------------
    def retrieve_series(self, study_uid: str, series_uid: str) -> Iterator[bytes]:
        """Each instance of the series (a DICOM Part 10 file), as soon as it has arrived."""
        url = f"{self.base_url}/studies/{literal(study_uid)}/series/{literal(series_uid)}"
        yield from self._multipart(url)

    def _multipart(self, url: str) -> Generator[bytes, None, None]:
        """The parts of a WADO-RS ``multipart/related`` answer, each as soon as it arrives."""
        with (
            map_transport_errors(url, PACS),
            self._http.stream("GET", url, headers={"Accept": _SERIES_ACCEPT}) as response,
        ):
            if response.status_code >= 400:
                response.read()
                _raise_for_status(response)
            boundary = multipart_boundary(response.headers.get("content-type", ""), url)
            yield from iter_multipart(response.iter_bytes(), boundary, url)

    def series_thumbnail(self, study_uid: str, series_uid: str) -> tuple[str, bytes] | None:
        """A picture of the series before it loads: the PACS's own thumbnail (WADO-RS
        ``thumbnail``, PS3.18 10.7) when it offers one, else its middle instance, as
        ``(content type, body)``; None for a series without instances."""
        series = f"{self.base_url}/studies/{literal(study_uid)}/series/{literal(series_uid)}"
        url = f"{series}/thumbnail"
        with map_transport_errors(url, PACS):
            response = self._http.get(url, headers={"Accept": "image/png, image/jpeg"})
        content_type = response.headers.get("content-type", "").split(";")[0].strip()
        if response.status_code == 200 and content_type.startswith("image/"):
            return content_type, response.content
        # No thumbnail resource: the middle instance by number (QIDO-RS), fetched whole.
        listed = self._json_list(f"{series}/instances?includefield=00200013")
        uids = [(_number(i, "00200013") or 0, _text(i, "00080018")) for i in listed]
        if not uids:
            return None
        uid = sorted(uids)[len(uids) // 2][1]
        with closing(self._multipart(f"{series}/instances/{literal(uid)}")) as parts:
            part = next(parts, None)
        return None if part is None else ("application/dicom", part)


def literal(value: str) -> str:
    """``value`` for a query string, escaping only what would break the URL."""
    return urllib.parse.quote(value, safe="*/^.-_:,=@ ").replace(" ", "%20")


def multipart_boundary(content_type: str, url: str) -> bytes:
    if not content_type.lower().startswith("multipart/related"):
        raise DicomWebError(
            f"{redact(url)} answered {content_type!r}, not multipart/related", url=redact(url)
        )
    for param in content_type.split(";")[1:]:
        name, _, value = param.strip().partition("=")
        if name.lower() == "boundary" and value:
            return value.strip('"').encode("ascii")
    raise DicomWebError(f"{redact(url)}: multipart answer without a boundary", url=redact(url))


def iter_multipart(chunks: Iterable[bytes], boundary: bytes, url: str = "") -> Iterator[bytes]:
    """The bodies of a multipart stream, each yielded as soon as its end is seen."""
    delimiter = b"--" + boundary
    closing = b"\r\n" + delimiter
    buffer = bytearray()
    started = False
    search_from = 0
    for chunk in chunks:
        buffer += chunk
        while True:
            if not started:
                at = buffer.find(delimiter)
                if at < 0:
                    break
                del buffer[: at + len(delimiter)]
                started = True
            if buffer[:2] == b"--":
                return
            headers_end = buffer.find(b"\r\n\r\n")
            if headers_end < 0:
                break
            end = buffer.find(closing, max(search_from, headers_end + 4))
            if end < 0:
                search_from = max(headers_end + 4, len(buffer) - len(closing))
                break
            yield bytes(buffer[headers_end + 4 : end])
            del buffer[: end + len(closing)]
            search_from = 0
    if started and buffer.strip(b"\r\n-"):
        raise PacsUnavailable(
            f"{redact(url)}: the series stopped arriving before its end", url=redact(url)
        )


def _raise_for_status(response: httpx.Response) -> None:
    status = response.status_code
    if status < 400:
        return
    url = redact(str(response.request.url))
    detail = redact(response.text[:200].strip() or response.reason_phrase)
    message = f"{response.request.method} {url} answered {status}: {detail}"
    if status >= 500:
        raise PacsUnavailable(message, url=url, status=status)
    raise DicomWebError(message, url=url, status=status)


# -- DICOM JSON (PS3.18 F.2) ------------------------------------------------------------
def _values(item: dict[str, Any], tag: str) -> list[Any]:
    element = item.get(tag)
    if not isinstance(element, dict):
        return []
    values = element.get("Value")
    return values if isinstance(values, list) else []


def _text(item: dict[str, Any], tag: str) -> str:
    values = _values(item, tag)
    if not values:
        return ""
    value = values[0]
    if isinstance(value, dict):  # a person name
        value = value.get("Alphabetic", "")
    return str(value).replace("^", " ").strip()


def _number(item: dict[str, Any], tag: str) -> int | None:
    values = _values(item, tag)
    try:
        return int(values[0]) if values else None
    except (TypeError, ValueError):
        return None


def _date(item: dict[str, Any], tag: str) -> date | None:
    text = _text(item, tag)
    try:
        return date(int(text[:4]), int(text[4:6]), int(text[6:8])) if len(text) >= 8 else None
    except ValueError:
        return None


def _study(item: dict[str, Any]) -> StudySummary:
    uid = _text(item, "0020000D")
    if not uid:
        raise DicomWebError("a QIDO-RS study without StudyInstanceUID")
    return StudySummary(
        study_uid=StudyInstanceUid(uid),
        patient_id=_text(item, "00100020"),
        patient_name=_text(item, "00100010"),
        study_date=_date(item, "00080020"),
        modalities=tuple(str(v) for v in _values(item, "00080061")),
        description=_text(item, "00081030"),
        series_count=_number(item, "00201206"),
        image_count=_number(item, "00201208"),
        source=StudySource.PACS,
    )


def _series(study_uid: str, item: dict[str, Any]) -> SeriesSummary:
    uid = _text(item, "0020000E")
    if not uid:
        raise DicomWebError("a QIDO-RS series without SeriesInstanceUID")
    return SeriesSummary(
        study_uid=StudyInstanceUid(study_uid),
        series_uid=SeriesInstanceUid(uid),
        modality=_text(item, "00080060"),
        description=_text(item, "0008103E"),
        number=_number(item, "00200011"),
        image_count=_number(item, "00201209") or 0,
    )
