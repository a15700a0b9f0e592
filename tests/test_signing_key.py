"""The signing certificate opens with the passphrase typed in the session, never before."""

from __future__ import annotations

from pathlib import Path

import pytest

from fse_desk.errors import CertificateError, SigningLocked, WrongCertificatePassphrase
from fse_desk.security.certificates import issue_test_certificate, open_pkcs12_file
from fse_desk.security.signing_key import SigningKey
from tests.test_certificates import _p12


def test_locked_until_the_right_passphrase_then_for_the_session(tmp_path: Path) -> None:
    _, creds = issue_test_certificate("Dott. Mario Rossi", "RSSMRA70A01A944X")
    path = _p12(tmp_path, creds, "parola è segreta")
    key = SigningKey(lambda typed: open_pkcs12_file(path, typed))
    assert key.needs_passphrase and not key.unlocked
    with pytest.raises(SigningLocked, match="not unlocked"):
        key.credentials()
    with pytest.raises(WrongCertificatePassphrase):
        key.unlock("parola sbagliata")
    assert key.needs_passphrase  # a wrong passphrase changes nothing

    key.unlock("parola è segreta")
    assert key.unlocked and not key.needs_passphrase
    assert key.credentials().certificate == creds.certificate
    assert "segreta" not in repr(vars(key))  # the passphrase itself is not kept
    key.lock()
    with pytest.raises(SigningLocked):
        key.credentials()


def test_without_a_certificate_it_says_so_and_a_ready_one_needs_nothing() -> None:
    none = SigningKey()
    assert not none.needs_passphrase
    with pytest.raises(CertificateError, match="no signing certificate is configured"):
        none.credentials()
    with pytest.raises(CertificateError, match="no signing certificate is configured"):
        none.unlock("x")
    _, creds = issue_test_certificate("Dott. Mario Rossi", "RSSMRA70A01A944X")
    demo = SigningKey(unlocked=lambda: creds)
    assert demo.unlocked and not demo.needs_passphrase
    demo.lock()  # nothing to ask for: it stays usable
    assert demo.credentials() is creds
