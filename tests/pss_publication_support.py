"""Shared set-up for the PSS publication tests: an MMG workstation on the live region with a
certificate in a PKCS#12 file (its passphrase in the test keyring), as a real practice has."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

import httpx
import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.serialization import pkcs12

from fse_desk.config import AppConfig, DemoConfig, RegionConfig, UserConfig
from fse_desk.domain.outbox import OutboxEntry
from fse_desk.domain.patient import ConsentState, Patient
from fse_desk.domain.roles import Role
from fse_desk.pss.model import Pss
from fse_desk.security.certificates import OperatorCredentials, store_certificate_passphrase
from fse_desk.startup import open_workstation
from fse_desk.workstation import Workstation
from fse_desk_sandbox.gateway import configure_audience, trust_certificate_authority
from fse_desk_sandbox.region import (
    DEMO_MMG_CF,
    DEMO_MMG_FAMILY,
    DEMO_MMG_GIVEN,
    DEMO_MMG_ID,
    DEMO_MMG_NAME,
)
from tests.fixtures_region import LiveRegion
from tests.test_gateway_support import Operator as Certified

PROFILE = "guidotti"
PASSPHRASE = "segreta"


def gateway_url(region: LiveRegion) -> str:
    """The sandbox gateway's address, which it is configured to accept as the JWT ``aud``."""
    url = region.server.base_url.removesuffix("/fhir") + "/v1"
    configure_audience(region.store, url)
    return url


@pytest.fixture(name="mmg")
def mmg_fixture(
    tmp_path: Path, live_region: LiveRegion, operator: Certified
) -> Iterator[Workstation]:
    """The patients' MMG, synced, with a certificate the sandbox gateway trusts."""
    trust_certificate_authority(live_region.store, operator.ca)
    workstation = open_mmg(tmp_path / "mmg", live_region, operator.credentials)
    workstation.sync()
    yield workstation
    workstation.close()


def open_mmg(
    data_dir: Path,
    region: LiveRegion,
    credentials: OperatorCredentials,
    *,
    gateway: bool = True,
    unlocked: bool = True,
) -> Workstation:
    """The demo region's MMG, configured (not demo), through the real start-up path;
    ``unlocked``: as after typing the certificate's passphrase at the first signature."""
    p12 = data_dir / "operatore.p12"
    data_dir.mkdir(parents=True, exist_ok=True)
    p12.write_bytes(
        pkcs12.serialize_key_and_certificates(
            b"operatore",
            credentials.private_key,
            credentials.certificate,
            list(credentials.chain),
            serialization.BestAvailableEncryption(PASSPHRASE.encode()),
        )
    )
    store_certificate_passphrase(PROFILE, PASSPHRASE)
    user = UserConfig(
        profile=PROFILE,
        display_name=DEMO_MMG_NAME,
        codice_fiscale=DEMO_MMG_CF,
        role=Role.MMG,
        practitioner_id=DEMO_MMG_ID,
        certificate=p12,
        given_name=DEMO_MMG_GIVEN,
        family_name=DEMO_MMG_FAMILY,
        telecom=("tel:+390510000000",),
        organization_id="080105-MMG",
        organization_name="Casa della Salute di Vergato",
    )
    url = gateway_url(region) if gateway else None
    config = AppConfig(
        user=user,
        region=RegionConfig(region.server.base_url, timeout_s=2, gateway_base_url=url),
        demo=DemoConfig(),
        data_dir=data_dir,
    )
    workstation = open_workstation(config)
    if unlocked:
        workstation.signing.unlock(PASSPHRASE)
    return workstation


def consenting(workstation: Workstation, *, with_pss: bool) -> Patient:
    """A patient who consented to consultation, with or without a published PSS."""
    for patient in workstation.search_patients("", limit=1000):
        if (
            patient.consent is ConsentState.GRANTED
            and bool(workstation.pss.history(patient.id)) is with_pss
        ):
            return patient
    raise AssertionError(f"the region has no consenting patient with_pss={with_pss}")


def first_version(workstation: Workstation, patient: Patient) -> Pss:
    """Version 1 with the required sections stated empty, as the doctor would."""
    return replace(
        workstation.pss.start_draft(patient.id),
        no_known_allergies=True,
        no_current_therapy=True,
        no_problems=True,
        family_history_negative=True,
    )


def completed(draft: Pss) -> Pss:
    """``draft`` with the posology the doctor completes before publishing (the region's
    PSS name a dose but no frequency, which the checks before publication refuse)."""
    therapies = tuple(
        replace(t, dose=t.dose or "1 compressa", frequency=t.frequency or "1 volta al giorno")
        for t in draft.therapies
    )
    return replace(draft, therapies=therapies)


def on_server(fhir_base_url: str, id_doc: str) -> list[dict[str, Any]]:
    """The DocumentReferences the region holds for an ``identificativoDoc``."""
    root, _, extension = id_doc.partition("^")
    answer = httpx.get(
        f"{fhir_base_url}/DocumentReference", params={"identifier": f"urn:oid:{root}|{extension}"}
    )
    answer.raise_for_status()
    return [e["resource"] for e in answer.json().get("entry", [])]


def entry(workstation: Workstation, entry_id: int) -> OutboxEntry:
    return next(e for e in workstation.outbox.entries(include_closed=True) if e.id == entry_id)
