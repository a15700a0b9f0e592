"""The PSS PDF: readable text, the CDA attached as cda.xml, a valid PAdES signature."""

from __future__ import annotations

import io

import pytest
from asn1crypto import x509 as asn1_x509
from cryptography.hazmat.primitives import serialization
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign.validation import validate_pdf_signature
from pyhanko_certvalidator import ValidationContext
from pypdf import PdfReader

from fse_desk.errors import InvalidRecord, SigningError
from fse_desk.pss.pdf import PdfSection, render_pss_pdf, sign_pades
from fse_desk.security.certificates import issue_test_certificate
from tests.test_gateway_support import printout

CA, CREDS = issue_test_certificate("Dott.ssa Elena Guidotti", "GDTLNE72D58A944V")
CDA = (
    b'<?xml version="1.0"?><ClinicalDocument xmlns="urn:hl7-org:v3"><title>PSS \xc3\xa8</title>'
    b"</ClinicalDocument>"
)


def _text(pdf: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)


def test_pdf_carries_the_cda_and_reads_as_a_pss() -> None:
    pdf = render_pss_pdf(printout("Iris Guermandi", entries=4), CDA)
    reader = PdfReader(io.BytesIO(pdf))
    assert reader.attachments["cda.xml"] == [CDA]
    catalog = reader.trailer["/Root"]
    [spec] = [s.get_object() for s in catalog["/AF"]]
    assert spec["/AFRelationship"] == "/Source"
    assert spec["/EF"]["/F"].get_object()["/Subtype"] == "/application/xml"
    text = _text(pdf)
    for expected in (
        "Profilo Sanitario Sintetico",
        "Iris Guermandi",
        "GRMRSI36D56B572X",
        "Allergie e intolleranze",
        "Nessuna allergia nota.",
        "Lista dei problemi",
        "ICD-9-CM",
        "Farmaco 3",
        "Documento firmato digitalmente",
        "versione 1",
    ):
        assert expected in text, expected


def test_signature_is_pades_sha256_by_the_operator_and_covers_the_file() -> None:
    signed = sign_pades(render_pss_pdf(printout(), CDA), CREDS)
    assert PdfReader(io.BytesIO(signed)).attachments["cda.xml"] == [CDA]
    [sig] = PdfFileReader(io.BytesIO(signed)).embedded_signatures
    assert sig.sig_object["/SubFilter"] == "/ETSI.CAdES.detached"
    root = asn1_x509.Certificate.load(CA.public_bytes(serialization.Encoding.DER))
    status = validate_pdf_signature(sig, ValidationContext(trust_roots=[root]))
    assert status.intact and status.valid and status.trusted
    assert status.coverage.name == "ENTIRE_FILE"
    assert status.md_algorithm == "sha256"
    assert status.signing_cert.subject.native["common_name"] == "Dott.ssa Elena Guidotti"


def test_tampering_after_signing_breaks_the_signature() -> None:
    signed = bytearray(sign_pades(render_pss_pdf(printout(), CDA), CREDS))
    at = signed.index(b"Profilo Sanitario Sintetico")
    signed[at] = ord("X")  # inside the signed byte range (the document info)
    [sig] = PdfFileReader(io.BytesIO(bytes(signed)), strict=False).embedded_signatures
    root = asn1_x509.Certificate.load(CA.public_bytes(serialization.Encoding.DER))
    assert not validate_pdf_signature(sig, ValidationContext(trust_roots=[root])).intact


def test_long_tables_span_pages() -> None:
    pdf = render_pss_pdf(printout(entries=50), CDA)
    assert len(PdfReader(io.BytesIO(pdf)).pages) >= 2
    assert "Problema 49" in _text(pdf)


def test_inputs_are_checked() -> None:
    with pytest.raises(SigningError, match="empty"):
        render_pss_pdf(printout(), b"")
    with pytest.raises(InvalidRecord, match="3 cells, the header 2"):
        PdfSection("Vaccinazioni", (("a", "b", "c"),), header=("Data", "Vaccino"))
