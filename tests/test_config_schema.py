"""Each configuration mistake of issue 15 gives one Italian sentence: file, line, key."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from fse_desk.config import load_config
from fse_desk.errors import ConfigError

ROOT = Path(__file__).resolve().parent.parent

# Line numbers below count from this text's first line.
TEMPLATE = """\
[region]
fhir_base_url = "https://fse.example.it/fhir"
timeout_s = 15
ca_bundle = "CA"

[user]
profile = "rossi"
display_name = "Dott. Mario Rossi"
codice_fiscale = "RSSMRA70A01A944G"
role = "MMG"

[demo]
seed = 7
"""


def _write(tmp_path: Path, old: str = "", new: str = "") -> Path:
    ca = tmp_path / "region-ca.pem"
    ca.write_text("-----BEGIN CERTIFICATE-----\n", encoding="utf-8")
    path = tmp_path / "config.toml"
    path.write_text(TEMPLATE.replace("CA", str(ca)).replace(old, new), encoding="utf-8")
    return path


def _sentence(path: Path) -> str:
    with pytest.raises(ConfigError) as caught:
        load_config(path, data_dir=path.parent)
    message = str(caught.value)
    assert message.startswith(f"Nel file {path}, riga ")
    assert message.count(". ") == 0 and message[-1] in ".?"  # one sentence
    return message


def test_the_template_itself_is_accepted(tmp_path: Path) -> None:
    config = load_config(_write(tmp_path), data_dir=tmp_path)
    assert config.region is not None and config.region.timeout_s == 15
    assert config.region.ca_bundle == tmp_path / "region-ca.pem"
    assert config.demo.seed == 7


def test_a_timeout_in_words_is_refused(tmp_path: Path) -> None:
    message = _sentence(_write(tmp_path, "timeout_s = 15", 'timeout_s = "quindici"'))
    assert 'riga 3, la chiave "region.timeout_s" deve essere un numero' in message
    assert '(trovato "quindici")' in message


@pytest.mark.parametrize("value", ["inf", "0", "-1", "nan", "-inf", "100000"])
def test_a_timeout_out_of_range_is_refused(tmp_path: Path, value: str) -> None:
    message = _sentence(_write(tmp_path, "timeout_s = 15", f"timeout_s = {value}"))
    assert 'riga 3, la chiave "region.timeout_s" deve essere un numero maggiore di 0' in message


def test_an_unknown_key_in_demo_is_refused(tmp_path: Path) -> None:
    message = _sentence(_write(tmp_path, "seed = 7", "seed = 7\ncolour = 3"))
    assert 'riga 14, la chiave "colour" non esiste nella sezione [demo]' in message


def test_an_unknown_table_in_demo_is_refused(tmp_path: Path) -> None:
    message = _sentence(_write(tmp_path, "seed = 7", "seed = 7\n[demo.extra]\nx = 1"))
    assert 'riga 14, la chiave "extra" non esiste nella sezione [demo]' in message


def test_a_misspelt_gateway_gets_a_suggestion(tmp_path: Path) -> None:
    misspelt = 'timeout_s = 15\ngatway_base_url = "https://gtw.example.it/v1"'
    message = _sentence(_write(tmp_path, "timeout_s = 15", misspelt))
    assert message.endswith(
        'riga 4, la chiave "gatway_base_url" non esiste nella sezione [region]: '
        "forse intendevi gateway_base_url?"
    )


def test_a_misspelt_section_gets_a_suggestion(tmp_path: Path) -> None:
    message = _sentence(_write(tmp_path, "[demo]", "[dmeo]"))
    assert 'riga 12, la chiave "dmeo" non esiste fuori dalle sezioni: forse intendevi demo?' in (
        message
    )


@pytest.mark.parametrize("cf", ["NOT-A-CF", "RSSMRA70A01A944X"])  # shape; check character
def test_an_invalid_operator_cf_is_refused(tmp_path: Path, cf: str) -> None:
    message = _sentence(_write(tmp_path, "RSSMRA70A01A944G", cf))
    assert 'riga 9, la chiave "user.codice_fiscale" deve essere un codice fiscale valido' in (
        message
    )
    assert cf not in message  # the operator's CF is not repeated


def test_a_missing_ca_bundle_is_named(tmp_path: Path) -> None:
    path = _write(tmp_path)
    (tmp_path / "region-ca.pem").unlink()
    message = _sentence(path)
    assert 'riga 4, la chiave "region.ca_bundle" indica il file' in message
    assert "che non esiste" in message


def test_a_folder_instead_of_a_certificate_is_named(tmp_path: Path) -> None:
    message = _sentence(_write(tmp_path, "timeout_s = 15", f'client_cert = "{tmp_path}"'))
    assert f'riga 3, la chiave "region.client_cert" indica "{tmp_path}", che non è un file' in (
        message
    )


def test_a_url_that_does_not_parse_is_refused(tmp_path: Path) -> None:
    message = _sentence(_write(tmp_path, "https://fse.example.it/fhir", "https://exa mple:xx"))
    assert 'riga 2, la chiave "region.fhir_base_url" deve essere un indirizzo https://' in (message)


def test_a_missing_required_key_points_at_its_section(tmp_path: Path) -> None:
    message = _sentence(_write(tmp_path, 'role = "MMG"\n', ""))
    assert 'riga 6, la chiave "user.role" manca ed è obbligatoria' in message


def test_a_file_saved_in_latin_1_points_at_the_line(tmp_path: Path) -> None:
    path = _write(tmp_path)
    text = path.read_text(encoding="utf-8").replace("Rossi", "Rossì")
    path.write_bytes(text.encode("latin-1"))
    message = _sentence(path)
    assert "riga 8, c'è un carattere che non è UTF-8" in message


def test_a_broken_toml_file_gives_line_and_column(tmp_path: Path) -> None:
    message = _sentence(_write(tmp_path, "[demo]", "[demo"))
    assert "riga 12, colonna 6, la sintassi TOML non è valida" in message


def test_the_cli_prints_the_sentence_without_a_traceback(tmp_path: Path) -> None:
    path = _write(tmp_path, "timeout_s = 15", "timeout_s = nan")
    result = subprocess.run(
        [sys.executable, "-m", "fse_desk_ui", "--config", str(path), "sync", "--once"],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=120,
        check=False,
    )
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert f'Nel file {path}, riga 3, la chiave "region.timeout_s"' in result.stderr


@pytest.mark.parametrize(
    "value",
    [
        '""',
        "42",
        '"""Via Roma 1\n40038 Vergato"""',
        '"' + "Via Lunghissima " * 8 + '"',
        '"Via Roma 1"',
    ],
    ids=["empty", "number", "two lines", "too long", "no city"],
)
def test_a_practice_address_not_on_one_line_is_refused(tmp_path: Path, value: str) -> None:
    message = _sentence(_write(tmp_path, 'role = "MMG"', f'role = "MMG"\naddress = {value}'))
    assert 'riga 11, la chiave "user.address" deve essere un testo su una riga' in message
    assert 'al massimo 120 caratteri, nella forma "Via Roma 1, 40038 Vergato (BO)"' in message


def test_every_key_config_reads_is_accepted(tmp_path: Path) -> None:
    files = {name: tmp_path / name for name in ("ca.pem", "op.pem", "op.key", "op.p12")}
    for file in files.values():
        file.write_text("x\n", encoding="utf-8")
    path = tmp_path / "config.toml"
    path.write_text(
        f"""data_dir = "{tmp_path / "data"}"
[region]
fhir_base_url = "https://fse.example.it/fhir"
timeout_s = 12.5
ca_bundle = "{files["ca.pem"]}"
client_cert = "{files["op.pem"]}"
client_key = "{files["op.key"]}"
request_deadline_s = 90
max_response_mb = 64
use_environment_proxy = true
gateway_base_url = "https://gtw.example.it/v1"
[pacs]
protocol = "dimse"
timeout_s = 20
host = "pacs.example.it"
port = 2762
called_ae = "ASLPACS"
calling_ae = "STUDIO"
retrieve = "move"
storage_port = 11120
tls = false
ca_bundle = "{files["ca.pem"]}"
[televisit]
video_server_url = "https://meet.example.it"
jwt_app_id = "fse-desk"
jwt_audience = "meet"
[user]
profile = "rossi"
display_name = "Dott. Mario Rossi"
codice_fiscale = "rssmra70a01a944g"
role = "PLS"
practitioner_id = "1234"
certificate = "{files["op.p12"]}"
given_name = "Mario"
family_name = "Rossi"
phone = "+39 051 6543210"
email = "mario.rossi@example.it"
organization_id = "080105-MMG"
organization_name = "Studio medico Rossi"
address = " Via Roma 1, 40038 Vergato (BO) "
[demo]
seed = 3
patients = 50
""",
        encoding="utf-8",
    )
    config = load_config(path, data_dir=tmp_path)
    assert config.data_dir == tmp_path / "data"
    region, pacs, televisit, user = config.region, config.pacs, config.televisit, config.user
    assert region is not None and pacs is not None and televisit is not None and user is not None
    assert (region.timeout_s, region.request_deadline_s) == (12.5, 90)
    assert region.max_response_bytes == 64 * 2**20 and region.use_environment
    assert region.client_key == files["op.key"] and region.gateway_base_url is not None
    assert (pacs.host, pacs.port, pacs.calling_ae, pacs.storage_port) == (
        "pacs.example.it",
        2762,
        "STUDIO",
        11120,
    )
    assert pacs.tls is False and pacs.timeout_s == 20 and pacs.ca_bundle == files["ca.pem"]
    assert (televisit.jwt_app_id, televisit.jwt_audience) == ("fse-desk", "meet")
    assert user.codice_fiscale == "RSSMRA70A01A944G" and user.certificate == files["op.p12"]
    assert user.telecom == ("tel:+390516543210", "mailto:mario.rossi@example.it")
    assert user.address == "Via Roma 1, 40038 Vergato (BO)"
    assert (config.demo.seed, config.demo.patients) == (3, 50)
