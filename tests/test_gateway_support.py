"""Builders shared by the gateway tests: operator certificates, PSS CDAs, signed PDFs."""

from __future__ import annotations

import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from cryptography import x509

from fse_desk.connectors.gateway import GatewayClient, Publication
from fse_desk.domain.identifiers import DEFAULT_REGION, repository_id, submission_set_id
from fse_desk.pss.cda_writer import write_cda
from fse_desk.pss.model import (
    AdministrativeSex,
    Clinician,
    Confidentiality,
    Organization,
    PatientInfo,
    Pss,
)
from fse_desk.pss.pdf import PdfSection, PssPrintout, render_pss_pdf, sign_pades
from fse_desk.security.certificates import OperatorCredentials, issue_test_certificate
from fse_desk_sandbox.gateway import configure_audience, trust_certificate_authority
from fse_desk_sandbox.region import DEMO_MMG_CF, DEMO_MMG_NAME
from tests.fixtures_region import LiveRegion

ROME = ZoneInfo("Europe/Rome")
CF_SYSTEM = "http://hl7.it/sid/codiceFiscale"
MMG = Clinician(DEMO_MMG_CF, "Elena", "Guidotti", ("tel:+390516543210",))


@dataclass(frozen=True)
class Operator:
    ca: x509.Certificate
    credentials: OperatorCredentials


@pytest.fixture(scope="session", name="operator")
def operator_fixture() -> Operator:
    """The demo MMG with a certificate from a test CA the sandbox will trust."""
    ca, credentials = issue_test_certificate(DEMO_MMG_NAME, DEMO_MMG_CF)
    return Operator(ca, credentials)


@pytest.fixture(scope="session", name="stranger")
def stranger_fixture() -> Operator:
    """Same name and CF, but a key and CA the sandbox has never been told to trust."""
    ca, credentials = issue_test_certificate(DEMO_MMG_NAME, DEMO_MMG_CF)
    return Operator(ca, credentials)


@dataclass
class Gateway:
    region: LiveRegion
    client: GatewayClient
    url: str

    def patients(self) -> list[dict[str, Any]]:
        return self.region.of_type("Patient")


@pytest.fixture(name="gateway")
def gateway_fixture(live_region: LiveRegion, operator: Operator) -> Iterator[Gateway]:
    trust_certificate_authority(live_region.store, operator.ca)
    url = live_region.server.base_url.removesuffix("/fhir") + "/v1"
    configure_audience(live_region.store, url)
    client = GatewayClient(url, operator.credentials, sleep=lambda _s: None)
    try:
        yield Gateway(live_region, client, url)
    finally:
        client.close()


def cf_of_patient(patient: dict[str, Any]) -> str:
    return next(i["value"] for i in patient["identifier"] if i["system"] == CF_SYSTEM)


def pss_cda(
    patient: dict[str, Any], *, doc_id: str = "PSS.GTW.0001", version: int = 1, replaced: str = ""
) -> bytes:
    """A structurally valid PSS CDA for a region patient (the PSS writer's output)."""
    name = patient["name"][0]
    sex = AdministrativeSex.FEMALE if patient["gender"] == "female" else AdministrativeSex.MALE
    pss = Pss(
        document_id=doc_id,
        set_id="PSS.GTW.0001",
        version=version,
        effective_time=datetime(2026, 10, 30, 10, 15, tzinfo=ROME),
        confidentiality=Confidentiality.NORMAL,
        patient=PatientInfo(
            cf_of_patient(patient),
            name["given"][0],
            name["family"],
            sex,
            date.fromisoformat(patient["birthDate"]),
        ),
        author=MMG,
        custodian=Organization("org-cds-vergato", "Casa della Salute di Vergato"),
        legal_authenticator=MMG,
        replaced_id=replaced,
        no_known_allergies=True,
        no_current_therapy=True,
        no_problems=True,
        family_history_negative=True,
    )
    return write_cda(pss)


def printout(
    patient_name: str = "Iris Guermandi", cf: str = "GRMRSI36D56B572X", entries: int = 3
) -> PssPrintout:
    return PssPrintout(
        title="Profilo Sanitario Sintetico",
        patient_lines=(
            ("Nome e cognome", patient_name),
            ("Codice fiscale", cf),
            ("Data di nascita", "16/04/1936"),
            ("Sesso", "Femmina"),
        ),
        sections=(
            PdfSection("Allergie e intolleranze", (), empty_text="Nessuna allergia nota."),
            PdfSection(
                "Terapie farmacologiche",
                tuple((f"Farmaco {i}", "1 cp/die", f"ATC C09AA0{i % 10}") for i in range(entries)),
            ),
            PdfSection(
                "Lista dei problemi",
                tuple((f"Problema {i}", "401.9", "12/03/2015", "attivo") for i in range(entries)),
                header=("Problema", "ICD-9-CM", "Insorgenza", "Stato"),
            ),
        ),
        author=DEMO_MMG_NAME,
        organization="Casa della Salute di Vergato",
        version=1,
        date=datetime(2026, 10, 30, 10, 15),
    )


def signed_pdf(cda: bytes, credentials: OperatorCredentials, patient_name: str = "X") -> bytes:
    return sign_pades(render_pss_pdf(printout(patient_name), cda), credentials)


def publication(patient: dict[str, Any], doc: str = "PSS.GTW.0001") -> Publication:
    return Publication(
        identificativo_doc=f"2.16.840.1.113883.2.9.2.80.4.4^{doc}",
        identificativo_rep=repository_id(),
        identificativo_sottomissione=submission_set_id(DEFAULT_REGION, zlib.crc32(doc.encode())),
        data_inizio_prestazione=datetime(2026, 10, 30, 10, 15),
        patient_cf=cf_of_patient(patient),
    )
