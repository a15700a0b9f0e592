"""The configuration file, or the demo when there is none."""

from __future__ import annotations

from pathlib import Path

import pytest

from fse_desk.config import load_config
from fse_desk.domain.roles import Role
from fse_desk.errors import ConfigError

GOOD = """
[region]
fhir_base_url = "https://fse.example.it/fhir"
timeout_s = 20
client_cert = "CERT"

[user]
profile = "rossi"
display_name = "Dott. Mario Rossi"
codice_fiscale = "rssmra70a01a944g"
role = "MMG"
practitioner_id = "42"
"""


def test_no_file_means_demo(tmp_path: Path) -> None:
    config = load_config(tmp_path / "missing.toml", data_dir=tmp_path)
    assert config.is_demo
    assert config.demo.patients >= 1000


def _with_cert(text: str, tmp_path: Path) -> str:
    """The text with its client certificate written in tmp_path (the file must exist)."""
    cert = tmp_path / "cert.pem"
    cert.write_text("-----BEGIN CERTIFICATE-----\n", encoding="utf-8")
    return text.replace("CERT", str(cert))


def test_region_file_is_read(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    path.write_text(_with_cert(GOOD, tmp_path), encoding="utf-8")
    config = load_config(path, data_dir=tmp_path)
    assert not config.is_demo
    assert config.region is not None and config.user is not None
    assert config.region.timeout_s == 20
    assert config.region.client_cert == tmp_path / "cert.pem"
    assert config.user.role is Role.MMG
    assert config.user.codice_fiscale == "RSSMRA70A01A944G"
    assert config.region.gateway_base_url is None  # publishing not set up


def test_the_gateway_is_read_and_must_use_https(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    gateway = 'gateway_base_url = "https://gtw.example.it/v1"\n'
    good = _with_cert(GOOD, tmp_path)
    path.write_text(good.replace("timeout_s = 20\n", "timeout_s = 20\n" + gateway), "utf-8")
    region = load_config(path, data_dir=tmp_path).region
    assert region is not None and region.gateway_base_url == "https://gtw.example.it/v1"
    path.write_text(
        good.replace("timeout_s = 20\n", "timeout_s = 20\n" + gateway.replace("https", "http")),
        "utf-8",
    )
    with pytest.raises(ConfigError, match=r"region.gateway_base_url.*https://"):
        load_config(path, data_dir=tmp_path)


@pytest.mark.parametrize(
    ("text", "match"),
    [
        (GOOD.replace("https://", "http://"), "indirizzo https://"),
        (GOOD.replace('role = "MMG"', 'role = "CHEF"'), 'user.role" deve essere uno tra'),
        (GOOD.replace('profile = "rossi"', 'profile = "../x"'), "lettere, cifre"),
        (GOOD.split("[user]")[0], "sezione \\[user\\]"),
        ("[region\n", "riga 1, colonna 8, la sintassi TOML"),
    ],
)
def test_bad_files_are_refused_with_a_reason(tmp_path: Path, text: str, match: str) -> None:
    path = tmp_path / "config.toml"
    path.write_text(_with_cert(text, tmp_path), encoding="utf-8")
    with pytest.raises(ConfigError, match=match):
        load_config(path, data_dir=tmp_path)
