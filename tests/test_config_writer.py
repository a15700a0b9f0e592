"""Writing the configuration back: what is saved opens again equal, a mistake is refused with
the schema's sentence and the file on disk stays as it was, no secret is ever written."""

from __future__ import annotations

import stat
import tomllib
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from fse_desk.config import load_config, read_config_file
from fse_desk.config_writer import render_toml, save_config
from fse_desk.errors import ConfigError
from fse_desk.security.certificate_info import Validity, describe_certificate
from fse_desk.security.certificates import client_key_passphrase, store_client_key_passphrase
from tests.fixtures_tls import Authority


def _settings(tmp_path: Path) -> dict[str, Any]:
    ca = tmp_path / "region-ca.pem"
    ca.write_text("placeholder: the schema checks only that it is readable\n")
    return {
        "region": {
            "fhir_base_url": "https://fse.example-regione.it/fhir",
            "gateway_base_url": "https://gtw.example-regione.it/v1",
            "timeout_s": 20,
            "ca_bundle": str(ca),
        },
        "pacs": {"protocol": "dimse", "host": "pacs.asl.it", "port": 2762, "called_ae": "ASLPACS"},
        "televisit": {"video_server_url": "https://meet.example-asl.it"},
        "user": {
            "profile": "rossi",
            "display_name": 'Dott. Mario "Mariolino" Rossi',
            "codice_fiscale": "RSSMRA70A01A944G",
            "role": "MMG",
            "lock_minutes": 7,
        },
        "ui": {"language": "en"},
    }


def test_what_is_saved_reads_back_equal(tmp_path: Path) -> None:
    path = tmp_path / "conf" / "config.toml"
    raw = _settings(tmp_path)
    save_config(raw, path)
    assert read_config_file(path) == raw
    config = load_config(path, data_dir=tmp_path)
    assert config.region is not None and config.region.timeout_s == 20
    assert config.user is not None and config.user.lock_minutes == 7
    assert config.pacs is not None and config.pacs.port == 2762
    assert config.language == "en"
    assert stat.S_IMODE(path.stat().st_mode) == 0o600  # it names the operator


def test_a_wrong_value_is_refused_with_its_sentence_and_the_file_is_kept(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    save_config(_settings(tmp_path), path)
    before = path.read_bytes()
    raw = _settings(tmp_path)
    raw["user"]["lock_minutes"] = 30
    with pytest.raises(ConfigError, match=r"riga \d+, la chiave \"user.lock_minutes\"") as refused:
        save_config(raw, path)
    assert refused.value.key == "user.lock_minutes"
    assert "da 5 a 15" in str(refused.value) and str(path) in str(refused.value)
    assert path.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []  # no leftovers


def test_the_line_named_is_the_line_written(tmp_path: Path) -> None:
    raw = _settings(tmp_path)
    raw["region"]["fhir_base_url"] = "http://fse.example-regione.it/fhir"
    with pytest.raises(ConfigError) as refused:
        save_config(raw, tmp_path / "config.toml")
    line = int(str(refused.value).split("riga ")[1].split(",")[0])
    text = render_toml(raw)
    assert text.splitlines()[line - 1].startswith("fhir_base_url = ")


def test_a_passphrase_has_no_place_in_the_file(tmp_path: Path) -> None:
    raw = _settings(tmp_path)
    raw["region"]["client_key_passphrase"] = "segreta"
    with pytest.raises(ConfigError, match="non esiste nella sezione") as refused:
        save_config(raw, tmp_path / "config.toml")
    assert refused.value.key == "region.client_key_passphrase"
    assert not (tmp_path / "config.toml").exists()


def test_awkward_text_survives_the_round_trip(tmp_path: Path) -> None:
    raw = {"ui": {"language": "it"}, "data_dir": 'C:\\Users\\rossi\\FSE "desk"\n\tè'}
    text = render_toml(raw, now=datetime(2026, 12, 7, 8, 0, tzinfo=UTC))
    assert tomllib.loads(text) == raw
    assert text.startswith("# FSE Desk configuration, saved by FSE Desk on 07/12/2026 09:00.")


def test_empty_sections_are_left_out(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    save_config({"ui": {"language": "it"}, "pacs": {}, "televisit": {}}, path)
    assert read_config_file(path) == {"ui": {"language": "it"}}
    assert load_config(path, data_dir=tmp_path).is_demo  # the language alone: still the demo


def test_the_tls_key_passphrase_goes_to_the_keyring() -> None:
    assert client_key_passphrase("rossi") is None
    store_client_key_passphrase("rossi", "s3greta")
    assert client_key_passphrase("rossi") == "s3greta"


def test_a_certificate_is_described_and_its_end_foreseen(tmp_path: Path) -> None:
    ca = Authority(tmp_path, "Regione CA")
    fresh = describe_certificate(ca.issue("Autenticazione Rossi", days=365).cert)
    assert fresh.subject == "Autenticazione Rossi" and fresh.issuer == "Regione CA"
    assert fresh.validity is Validity.VALID and 363 <= fresh.days_left <= 365
    ending = describe_certificate(ca.issue("Scade presto", days=20).cert)
    assert ending.validity is Validity.EXPIRING
    old = datetime.now(UTC) - timedelta(days=100)
    gone = describe_certificate(ca.issue("Scaduto", days=30, not_before=old).cert)
    assert gone.validity is Validity.EXPIRED and gone.days_left < 0
