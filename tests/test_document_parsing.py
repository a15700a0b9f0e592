"""CDA and PDF bodies: every synthetic CDA parses; hostile or broken input fails safely."""

from __future__ import annotations

import base64
import io
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, ClassVar

import pypdf
import pytest
from reportlab.pdfgen import canvas

from fse_desk.documents import (
    LAB_REPORT_LOINC,
    RADIOLOGY_REPORT_LOINC,
    ListBlock,
    Paragraph,
    TableBlock,
    inspect_pdf,
    parse_cda,
    pdf_text,
    render_page,
)
from fse_desk.documents.cda import MAX_BODY_BYTES
from fse_desk.errors import DocumentTooLarge, MalformedDocument, UnsafeDocument

CDA_HEAD = '<ClinicalDocument xmlns="urn:hl7-org:v3">'


def _cda_bodies(resources: list[dict[str, Any]]) -> list[bytes]:
    return [
        base64.b64decode(r["data"])
        for r in resources
        if r["resourceType"] == "Binary" and r["contentType"] == "application/x-hl7-cda+xml"
    ]


def test_every_cda_of_the_region_parses_into_header_and_sections(
    small_region: list[dict[str, Any]],
) -> None:
    bodies = _cda_bodies(small_region)
    assert len(bodies) > 500
    kinds: set[type] = set()
    for body in bodies:
        doc = parse_cda(body)
        h = doc.header
        assert h.type_code and h.title and h.patient_name and h.custodian
        assert len(h.patient_cf) == 16 and h.effective_time is not None
        assert doc.sections and all(s.title for s in doc.sections)
        kinds.update(type(b) for s in doc.sections for b in s.blocks)
    assert kinds == {Paragraph, ListBlock, TableBlock}


def test_lab_results_come_from_the_structured_entries(small_region: list[dict[str, Any]]) -> None:
    labs = [d for d in map(parse_cda, _cda_bodies(small_region)) if d.is_lab_report]
    assert labs and all(d.header.type_code == LAB_REPORT_LOINC for d in labs)
    results = [r for d in labs for r in d.lab_results]
    creatinine = [r for r in results if r.loinc == "2160-0"]
    assert creatinine and all(r.name == "Creatinina" and r.unit == "mg/dL" for r in creatinine)
    assert all(r.value is not None and r.low is not None and r.high is not None for r in creatinine)
    flagged = [r for r in results if r.out_of_range]
    assert flagged and all(r.flag in ("H", "L") for r in flagged)
    for r in flagged:
        assert r.value is not None
        assert (r.flag == "H" and r.high is not None and r.value > r.high) or (
            r.flag == "L" and r.low is not None and r.value < r.low
        )


def test_radiology_reports_name_their_imaging_study(small_region: list[dict[str, Any]]) -> None:
    by_binary = {
        r["content"][0]["attachment"]["url"].split("/")[-1]: r
        for r in small_region
        if r["resourceType"] == "DocumentReference"
        and r["type"]["coding"][0]["code"] == RADIOLOGY_REPORT_LOINC
    }
    binaries = {r["id"]: r for r in small_region if r["resourceType"] == "Binary"}
    assert by_binary
    for binary_id, reference in by_binary.items():
        doc = parse_cda(base64.b64decode(binaries[binary_id]["data"]))
        related = reference["context"]["related"][0]["identifier"]["value"]
        assert f"urn:oid:{doc.header.study_uid}" == related


# -- hostile input -------------------------------------------------------------------------


class _Counter(BaseHTTPRequestHandler):
    hits: ClassVar[list[str]] = []

    def do_GET(self) -> None:
        _Counter.hits.append(self.path)
        body = b'<!ENTITY secret "leaked">'
        self.send_response(200)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: object) -> None:
        """No request lines in the test output."""


@pytest.fixture
def listening_server() -> Iterator[str]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Counter)
    thread = threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    _Counter.hits = []
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def test_external_entity_is_refused_and_nothing_is_fetched(listening_server: str) -> None:
    for body in (
        f'<?xml version="1.0"?><!DOCTYPE d [<!ENTITY x SYSTEM "{listening_server}/x">]>'
        f"{CDA_HEAD}<title>&x;</title></ClinicalDocument>",
        '<?xml version="1.0"?><!DOCTYPE d [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
        f"{CDA_HEAD}<title>&x;</title></ClinicalDocument>",
    ):
        with pytest.raises(UnsafeDocument, match="refused unread"):
            parse_cda(body.encode())
    assert _Counter.hits == []


def test_dtd_that_fetches_is_refused_and_nothing_is_fetched(listening_server: str) -> None:
    for body in (
        f'<?xml version="1.0"?><!DOCTYPE ClinicalDocument SYSTEM "{listening_server}/cda.dtd">'
        f"{CDA_HEAD}</ClinicalDocument>",
        f'<?xml version="1.0"?><!DOCTYPE d [<!ENTITY % p SYSTEM "{listening_server}/p"> %p;]>'
        f"{CDA_HEAD}</ClinicalDocument>",
    ):
        with pytest.raises(UnsafeDocument, match="DTD"):
            parse_cda(body.encode())
    assert _Counter.hits == []


def test_entity_expansion_bomb_is_refused_at_once() -> None:
    levels = ['<!ENTITY a0 "lollollollollollollollollollol">'] + [
        f'<!ENTITY a{i} "{f"&a{i - 1};" * 10}">' for i in range(1, 10)
    ]
    bomb = (
        f'<?xml version="1.0"?><!DOCTYPE d [{"".join(levels)}]>'
        f"{CDA_HEAD}<title>&a9;</title></ClinicalDocument>"
    ).encode()
    started = time.perf_counter()
    with pytest.raises(UnsafeDocument, match="refused unread"):
        parse_cda(bomb)
    assert time.perf_counter() - started < 1.0


def test_very_large_body_is_refused_unread() -> None:
    big = (CDA_HEAD + "<title>" + "x" * MAX_BODY_BYTES + "</title></ClinicalDocument>").encode()
    started = time.perf_counter()
    with pytest.raises(DocumentTooLarge, match="accepts up to"):
        parse_cda(big)
    assert time.perf_counter() - started < 0.5


@pytest.mark.parametrize(
    "body",
    [
        # Latin-1 bytes under a UTF-8 declaration
        f'<?xml version="1.0" encoding="UTF-8"?>{CDA_HEAD}<title>Querz\xe8</title>'
        "</ClinicalDocument>".encode("latin-1"),
        # UTF-16 declared, UTF-8 bytes
        f'<?xml version="1.0" encoding="UTF-16"?>{CDA_HEAD}</ClinicalDocument>'.encode(),
        # an encoding nobody knows
        f'<?xml version="1.0" encoding="x-klingon"?>{CDA_HEAD}</ClinicalDocument>'.encode(),
        # cut short
        f"{CDA_HEAD}<title>Referto".encode(),
        b"",
    ],
    ids=["latin1-as-utf8", "utf16-declared", "unknown-encoding", "truncated", "empty"],
)
def test_wrong_encodings_and_broken_xml_are_malformed(body: bytes) -> None:
    with pytest.raises(MalformedDocument, match=r"not well-formed|cannot be decoded"):
        parse_cda(body)


def test_xml_that_is_not_a_cda_is_malformed() -> None:
    with pytest.raises(MalformedDocument, match="not an HL7 CDA R2 ClinicalDocument"):
        parse_cda(b"<html><script>alert(1)</script></html>")


def test_deep_nesting_does_not_crash() -> None:
    depth = 50_000
    body = (
        f"{CDA_HEAD}<component><structuredBody><component><section><title>T</title><text>"
        + "<content>" * depth
        + "x"
        + "</content>" * depth
        + "</text></section></component></structuredBody></component></ClinicalDocument>"
    ).encode()
    try:
        doc = parse_cda(body)
    except MalformedDocument as exc:
        assert "nested too deeply" in str(exc) or "not well-formed" in str(exc)
    else:
        assert doc.sections[0].title == "T"


# -- PDF ----------------------------------------------------------------------------------------


def _pdf(pages: int, cda: bytes | None = None) -> bytes:
    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer)
    for i in range(pages):
        pdf.drawString(72, 720, f"Lettera di dimissione pagina {i + 1}")
        pdf.showPage()
    pdf.save()
    if cda is None:
        return buffer.getvalue()
    writer = pypdf.PdfWriter(clone_from=pypdf.PdfReader(io.BytesIO(buffer.getvalue())))
    writer.add_attachment("cda.xml", cda)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def test_pdf_pages_render_and_text_is_read() -> None:
    data = _pdf(3)
    info = inspect_pdf(data)
    assert info.page_count == 3 and info.embedded_cda is None
    page = render_page(data, 2)
    assert page.width > 500 and page.height > 700
    assert len(page.pixels) == page.stride * page.height
    assert "pagina 3" in pdf_text(data)


def test_pdf_with_embedded_cda_offers_it(small_region: list[dict[str, Any]]) -> None:
    cda = _cda_bodies(small_region)[0]
    info = inspect_pdf(_pdf(1, cda))
    assert info.embedded_cda == cda
    assert parse_cda(info.embedded_cda).header.title


@pytest.mark.parametrize(
    "data", [b"not a pdf at all", b"%PDF-1.7\n garbage without objects"], ids=["text", "garbage"]
)
def test_broken_pdf_is_malformed(data: bytes) -> None:
    with pytest.raises(MalformedDocument, match=r"not a PDF|cannot be"):
        inspect_pdf(data)
    with pytest.raises(MalformedDocument, match=r"not a PDF|cannot be"):
        render_page(data, 0)
