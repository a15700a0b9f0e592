"""The operator's PKCS#12: passphrase in the keyring, clear errors, the demo certificate."""

from __future__ import annotations

import stat
from datetime import UTC, datetime, timedelta
from pathlib import Path

import keyring
import keyring.backends.fail
import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.serialization import pkcs12

from fse_desk.errors import (
    CertificateExpired,
    CertificatePassphraseMissing,
    KeyringUnavailable,
    WrongCertificatePassphrase,
)
from fse_desk.security.certificates import (
    OperatorCredentials,
    demo_ca_path,
    demo_certificate,
    issue_test_certificate,
    load_operator_credentials,
    store_certificate_passphrase,
)
from tests.conftest import MemoryKeyring


def _p12(tmp_path: Path, creds: OperatorCredentials, passphrase: str) -> Path:
    path = tmp_path / "operatore.p12"
    path.write_bytes(
        pkcs12.serialize_key_and_certificates(
            b"op",
            creds.private_key,
            creds.certificate,
            list(creds.chain),
            serialization.BestAvailableEncryption(passphrase.encode()),
        )
    )
    return path


def test_configured_pkcs12_opens_with_the_keyring_passphrase(
    tmp_path: Path, memory_keyring: MemoryKeyring
) -> None:
    _, creds = issue_test_certificate("Dott. Mario Rossi", "RSSMRA70A01A944X")
    path = _p12(tmp_path, creds, "segreta è")
    store_certificate_passphrase("rossi", "segreta è")
    loaded = load_operator_credentials(path, "rossi")
    assert loaded.certificate == creds.certificate
    assert (loaded.common_name, loaded.fiscal_code) == ("Dott. Mario Rossi", "RSSMRA70A01A944X")
    assert "segreta" not in repr(loaded) and "private_key" not in repr(loaded)
    assert list(memory_keyring.secrets) == [("fse-desk", "pkcs12:rossi")]


def test_wrong_passphrase_is_a_clear_error(tmp_path: Path) -> None:
    _, creds = issue_test_certificate("Dott. Mario Rossi", "RSSMRA70A01A944X")
    path = _p12(tmp_path, creds, "giusta")
    store_certificate_passphrase("rossi", "sbagliata")
    with pytest.raises(WrongCertificatePassphrase, match="passphrase does not open"):
        load_operator_credentials(path, "rossi")


def test_missing_passphrase_is_a_clear_error(tmp_path: Path) -> None:
    _, creds = issue_test_certificate("Dott. Mario Rossi", "RSSMRA70A01A944X")
    with pytest.raises(CertificatePassphraseMissing, match="has no passphrase"):
        load_operator_credentials(_p12(tmp_path, creds, "x"), "rossi")


def test_expired_certificate_is_refused(tmp_path: Path) -> None:
    old = datetime.now(UTC) - timedelta(days=800)
    _, creds = issue_test_certificate(
        "Dott. Mario Rossi", "RSSMRA70A01A944X", days=365, not_before=old
    )
    path = _p12(tmp_path, creds, "x")
    store_certificate_passphrase("rossi", "x")
    with pytest.raises(CertificateExpired, match="expired on"):
        load_operator_credentials(path, "rossi")
    assert load_operator_credentials(path, "rossi", now=old + timedelta(days=10)).certificate


def test_passphrase_is_never_written_without_a_keyring() -> None:
    keyring.set_keyring(keyring.backends.fail.Keyring())
    with pytest.raises(KeyringUnavailable):
        store_certificate_passphrase("rossi", "x")


def test_demo_certificate_is_made_once_with_its_ca(
    tmp_path: Path, memory_keyring: MemoryKeyring
) -> None:
    first = demo_certificate(tmp_path)
    again = demo_certificate(tmp_path)
    assert again.certificate == first.certificate
    assert first.common_name == "Dott.ssa Elena Guidotti"
    assert first.fiscal_code == "GDTLNE72D58A944V"
    assert first.certificate.issuer == first.chain[0].subject
    first.certificate.verify_directly_issued_by(first.chain[0])
    assert demo_ca_path(tmp_path).read_bytes().startswith(b"-----BEGIN CERTIFICATE-----")
    assert first.source is not None and first.source.parent == demo_ca_path(tmp_path).parent
    assert ("fse-desk", "pkcs12:demo") in memory_keyring.secrets
    assert not first.source.with_name(first.source.name + ".pass").exists()


def test_demo_without_keyring_keeps_the_passphrase_in_a_private_file(tmp_path: Path) -> None:
    keyring.set_keyring(keyring.backends.fail.Keyring())
    first = demo_certificate(tmp_path)
    assert first.source is not None
    pass_file = first.source.with_name(first.source.name + ".pass")
    assert stat.S_IMODE(pass_file.stat().st_mode) == 0o600
    assert demo_certificate(tmp_path).certificate == first.certificate
