"""The Workstation facade end to end: demo start-up, configured region, offline and back."""

from __future__ import annotations

import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

import keyring
import pytest
from keyring.backends import fail

from fse_desk.config import AppConfig, DemoConfig
from fse_desk.domain.roles import Role
from fse_desk.errors import KeyringUnavailable, ServerUnavailable
from fse_desk.progress import Progress
from fse_desk.startup import open_workstation
from fse_desk.workstation import Workstation
from fse_desk_sandbox import SandboxServer
from tests.fixtures_region import LiveRegion, region_config

ROOT = Path(__file__).resolve().parent.parent


def _demo_config(data_dir: Path) -> AppConfig:
    return AppConfig(
        user=None, region=None, demo=DemoConfig(seed=5, patients=30), data_dir=data_dir
    )


def test_demo_seeds_on_first_start_and_reuses_it_later(tmp_path: Path) -> None:
    reports: list[Progress] = []
    workstation = open_workstation(_demo_config(tmp_path), reports.append)
    try:
        assert workstation.demo and workstation.operator.role is Role.MMG
        assert reports and reports[-1].done == reports[-1].total == 30
        assert workstation.status.online is None
        workstation.sync()
        assert workstation.status.online is True
        assert workstation.status.last_sync_at is not None
        assert workstation.patient_count() == 30
        someone = workstation.search_patients("")[7]
        assert [p.id for p in workstation.search_patients(someone.codice_fiscale)] == [someone.id]
    finally:
        workstation.close()
    again: list[Progress] = []
    workstation = open_workstation(_demo_config(tmp_path), again.append)
    try:
        assert again == []  # nothing seeded the second time
        assert workstation.patient_count() == 30  # the cache was kept
    finally:
        workstation.close()


def test_without_a_keyring_only_the_demo_keeps_a_key_file(
    tmp_path: Path, live_region: LiveRegion
) -> None:
    keyring.set_keyring(fail.Keyring())
    with pytest.raises(KeyringUnavailable):
        open_workstation(region_config(tmp_path / "real", live_region.server.base_url))
    assert not (tmp_path / "real" / "profiles" / "neri" / "cache.sqlcipher").exists()
    workstation = open_workstation(_demo_config(tmp_path / "demo"))
    try:
        assert workstation.cache_key_in_file
    finally:
        workstation.close()


def test_offline_then_back_online(tmp_path: Path, live_region: LiveRegion) -> None:
    workstation = open_workstation(region_config(tmp_path, live_region.server.base_url))
    try:
        workstation.sync()
        patient = workstation.search_patients("")[0]
        document = next(
            d for p in workstation.search_patients("") for d in workstation.documents(p.id)
        )
        content_type, body = workstation.document_body(document.id)
        assert body and content_type in ("application/x-hl7-cda+xml", "application/pdf")

        port = live_region.server.port
        live_region.server.stop()
        with pytest.raises(ServerUnavailable):
            workstation.sync()
        status = workstation.status
        assert status.online is False and status.offline_since is not None
        # Offline: the cache still answers, and an opened body opens again.
        assert workstation.patient(patient.id) == patient
        assert workstation.document_body(document.id) == (content_type, body)

        back = SandboxServer(live_region.store, port=port)
        back.start()
        try:
            workstation.sync()
            assert workstation.status.online is True
            assert workstation.status.offline_since is None
        finally:
            back.stop()
    finally:
        workstation.close()


def test_sync_once_from_the_command_line(tmp_path: Path) -> None:
    config = tmp_path / "config.toml"
    config.write_text("[demo]\nseed = 5\npatients = 30\n", encoding="utf-8")
    # A child process has no test keyring: the demo keeps its key in a file and says nothing
    # about real data; the summary is printed in Italian.
    command = [
        sys.executable,
        "-m",
        "fse_desk_ui",
        "--config",
        str(config),
        "--data-dir",
        str(tmp_path / "data"),
        "sync",
        "--once",
    ]
    env = {
        "PATH": "/usr/bin:/bin",
        "HOME": str(tmp_path),
        "PYTHON_KEYRING_BACKEND": "keyring.backends.fail.Keyring",
    }
    first = subprocess.run(command, capture_output=True, text=True, env=env, timeout=120)
    assert first.returncode == 0, first.stdout + first.stderr
    assert "Sincronizzazione completata: 30 assistiti" in first.stdout
    second = subprocess.run(command, capture_output=True, text=True, env=env, timeout=120)
    assert second.returncode == 0, second.stdout + second.stderr
    assert "0 assistiti, 0 documenti aggiornati" in second.stdout


def test_the_demo_mmg_signs_with_a_certificate_the_sandbox_gateway_trusts(
    tmp_path: Path,
) -> None:
    from fse_desk.connectors.gateway import GatewayClient
    from fse_desk.pss.cda_reader import read_cda
    from fse_desk.pss.cda_writer import write_cda
    from fse_desk.pss.pdf import PssPrintout, render_pss_pdf, sign_pades

    workstation = open_workstation(_demo_config(tmp_path))
    try:
        credentials = workstation.signing_credentials()
        assert credentials.fiscal_code == workstation.operator.codice_fiscale
        workstation.sync()
        pss_doc = next(
            d
            for p in workstation.search_patients("", limit=30)
            for d in workstation.documents(p.id)
            if d.type_code == "60591-5"
        )
        _, body = workstation.document_body(pss_doc.id)
        cda = write_cda(read_cda(body))
        printout = PssPrintout(
            title="Profilo Sanitario Sintetico",
            patient_lines=(("Assistito", pss_doc.patient_id),),
            sections=(),
            author=workstation.operator.display_name,
            organization="Casa della Salute di Vergato",
            version=1,
            date=datetime.now(UTC),
        )
        pdf = sign_pades(render_pss_pdf(printout, cda), credentials)
        patient = workstation.patient(pss_doc.patient_id)
        assert patient is not None
        gateway_url = workstation.fhir_base_url.removesuffix("/fhir") + "/v1"
        with GatewayClient(gateway_url, credentials) as gateway:
            answer = gateway.validate(pdf, patient.codice_fiscale, patient_consent=True)
        assert answer.workflow_instance_id
    finally:
        workstation.close()


def test_without_a_configured_certificate_signing_says_what_to_do(
    region_workstation: Workstation,
) -> None:
    from fse_desk.errors import CertificateError

    with pytest.raises(CertificateError, match="add certificate ="):
        region_workstation.signing_credentials()
