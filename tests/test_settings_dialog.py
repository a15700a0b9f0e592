"""*Impostazioni*: open, change, save, open again and find the same; a wrong value is refused
with the schema's sentence beside its field and the file stays as it was; passphrases go to
the keyring; the language and the lock time apply to the running window."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import keyring
import keyring.backends.fail
import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.serialization import load_pem_private_key
from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QApplication, QWizard
from pytestqt.qtbot import QtBot

from fse_desk.config import AppConfig, DemoConfig, load_config, read_config_file
from fse_desk.config_writer import save_config
from fse_desk.security.certificates import client_key_passphrase
from fse_desk.startup import open_workstation
from fse_desk.workstation import Workstation
from fse_desk_ui.main_window import MainWindow
from fse_desk_ui.screen_lock import LockSettings
from fse_desk_ui.settings import SettingsDialog, apply_settings
from fse_desk_ui.settings.region_rows import ClientCertificateRows
from tests.conftest import MemoryKeyring
from tests.fixtures_tls import Authority


def _region(tmp_path: Path) -> dict[str, Any]:
    return {
        "region": {"fhir_base_url": "https://fse.example-regione.it/fhir", "timeout_s": 20},
        "user": {
            "profile": "rossi",
            "display_name": "Dott. Mario Rossi",
            "codice_fiscale": "RSSMRA70A01A944G",
            "role": "MMG",
        },
    }


@pytest.fixture
def config_file(tmp_path: Path) -> Path:
    path = tmp_path / "config.toml"
    save_config(_region(tmp_path), path)
    return path


def _dialog(qtbot: QtBot, path: Path) -> SettingsDialog:
    dialog = SettingsDialog(path)
    qtbot.addWidget(dialog)
    return dialog


def test_changed_settings_are_saved_and_read_back_equal(qtbot: QtBot, config_file: Path) -> None:
    dialog = _dialog(qtbot, config_file)
    assert dialog.endpoints.fhir.text() == "https://fse.example-regione.it/fhir"
    dialog.endpoints.gateway.setText("https://gtw.example-regione.it/v1")
    dialog.protocol.setCurrentIndex(dialog.protocol.findData("dimse"))
    dialog.pacs_host.setText("pacs.asl.it")
    dialog.pacs_port.setValue(2762)
    dialog.called_ae.setText("ASLPACS")
    dialog.video.setText("https://meet.example-asl.it")
    dialog.language.setCurrentIndex(dialog.language.findData("en"))
    dialog.lock_minutes.setValue(12)
    with qtbot.waitSignal(dialog.saved) as saved:
        assert dialog.save()
    assert "next time FSE Desk starts" in saved.args[1]  # the region changes wait for a restart

    raw = read_config_file(config_file)
    assert raw["region"] == {
        "fhir_base_url": "https://fse.example-regione.it/fhir",
        "timeout_s": 20,  # a key the dialog does not show is kept
        "gateway_base_url": "https://gtw.example-regione.it/v1",
    }
    assert raw["pacs"] == {
        "protocol": "dimse",
        "host": "pacs.asl.it",
        "port": 2762,
        "called_ae": "ASLPACS",
    }
    assert raw["user"]["lock_minutes"] == 12 and raw["user"]["display_name"] == "Dott. Mario Rossi"
    config = load_config(config_file, data_dir=config_file.parent)
    assert config.language == "en" and config.lock_minutes == 12
    assert config.televisit is not None
    assert config.televisit.video_server_url == "https://meet.example-asl.it"

    again = _dialog(qtbot, config_file)
    assert again.form.collect(again.raw) == raw
    assert again.pacs_port.value() == 2762 and again.pacs_host.isEnabled()
    assert again.language.currentData() == "en" and again.lock_minutes.value() == 12


def test_an_invalid_value_is_refused_with_its_sentence(qtbot: QtBot, config_file: Path) -> None:
    before = config_file.read_bytes()
    dialog = _dialog(qtbot, config_file)
    dialog.show()
    dialog.tabs.setCurrentIndex(4)
    dialog.endpoints.fhir.setText("http://fse.example-regione.it/fhir")
    assert not dialog.save()
    shown = [label.text() for label in dialog.findChildren(type(dialog.where)) if label.isVisible()]
    sentence = next(text for text in shown if "region.fhir_base_url" in text)
    assert "deve essere un indirizzo https://" in sentence and str(config_file) in sentence
    assert dialog.tabs.currentIndex() == 0  # the tab with the field is brought forward
    assert dialog.isVisible()
    assert config_file.read_bytes() == before


def test_the_key_passphrase_goes_to_the_keyring_not_the_file(
    qtbot: QtBot, config_file: Path, tmp_path: Path, memory_keyring: MemoryKeyring
) -> None:
    issued = Authority(tmp_path, "Regione CA").issue("Autenticazione Rossi")
    locked = tmp_path / "operatore.key"
    key = load_pem_private_key(issued.key.read_bytes(), None)
    locked.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.BestAvailableEncryption(b"chiave-segreta"),
        )
    )
    dialog = _dialog(qtbot, config_file)
    rows: ClientCertificateRows = dialog.tls
    rows.cert.set_path(str(issued.cert))
    rows.key.set_path(str(locked))
    assert "Autenticazione Rossi" in rows.summary.text()
    rows.passphrase.setText("sbagliata")
    assert not dialog.save()
    assert rows.passphrase_error.isVisibleTo(dialog)
    assert "client_cert" not in read_config_file(config_file)["region"]

    rows.passphrase.setText("chiave-segreta")
    assert dialog.save()
    assert client_key_passphrase("rossi") == "chiave-segreta"
    assert "chiave-segreta" not in config_file.read_text(encoding="utf-8")
    assert read_config_file(config_file)["region"]["client_key"] == str(locked)
    assert _dialog(qtbot, config_file).tls.passphrase.text() == "chiave-segreta"


def test_a_certificate_near_its_end_is_announced(
    qtbot: QtBot, config_file: Path, tmp_path: Path
) -> None:
    ca = Authority(tmp_path, "Regione CA")
    dialog = _dialog(qtbot, config_file)
    dialog.tls.cert.set_path(str(ca.issue("Autenticazione Rossi", days=12).cert))
    text = dialog.tls.summary.text()
    assert "Holder: Autenticazione Rossi — issued by Regione CA — valid until" in text
    assert "expires in 1" in text  # 11 or 12 days, by the hour
    old = datetime.now(UTC) - timedelta(days=60)
    dialog.tls.cert.set_path(str(ca.issue("Vecchio", days=30, not_before=old).cert))
    assert "It has expired" in dialog.tls.summary.text()
    dialog.tls.cert.set_path(str(config_file))
    assert "no readable certificate" in dialog.tls.summary.text()


def test_the_demo_keeps_its_region_and_saves_the_language(qtbot: QtBot, tmp_path: Path) -> None:
    path = tmp_path / "absent.toml"
    dialog = _dialog(qtbot, path)
    assert not dialog.endpoints.fhir.isEnabled() and not dialog.lock_minutes.isEnabled()
    dialog.language.setCurrentIndex(dialog.language.findData("en"))
    with qtbot.waitSignal(dialog.saved) as saved:
        assert dialog.save()
    assert read_config_file(path) == {"ui": {"language": "en"}}
    assert "new language" in saved.args[1]
    assert load_config(path, data_dir=tmp_path).is_demo


@pytest.fixture
def workstation(tmp_path: Path) -> Iterator[Workstation]:
    config = AppConfig(
        user=None, region=None, demo=DemoConfig(seed=3, patients=5), data_dir=tmp_path / "data"
    )
    opened = open_workstation(config)
    yield opened
    opened.close()


def test_the_window_opens_the_settings_and_applies_language_and_lock(
    qtbot: QtBot,
    qapp: QApplication,
    workstation: Workstation,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("FSE_DESK_CONFIG", str(tmp_path / "config.toml"))
    window = MainWindow(workstation, auto_sync=False, lock=LockSettings("Rossi", lambda _p: None))
    qtbot.addWidget(window)
    action = next(
        a for a in window.findChildren(type(window.sync_action)) if "Settings" in a.text()
    )
    action.trigger()
    dialogs = [d for d in window.findChildren(SettingsDialog) if d.isVisible()]
    assert len(dialogs) == 1 and dialogs[0].path == tmp_path / "config.toml"
    dialogs[0].reject()

    apply_settings(window, {"ui": {"language": "it"}, "user": {"lock_minutes": 6}}, "")
    assert window.inactivity.timeout_ms == 6 * 60_000
    assert QCoreApplication.translate("MainWindow", "Sync now") == "Sincronizza ora"
    apply_settings(window, {"ui": {"language": "en"}}, "")
    assert QCoreApplication.translate("MainWindow", "Sync now") == "Sync now"
    assert window.inactivity.timeout_ms == 10 * 60_000  # no [user]: the default


def test_from_the_demo_the_wizard_connects_a_real_region(qtbot: QtBot, tmp_path: Path) -> None:
    dialog = _dialog(qtbot, tmp_path / "config.toml")
    dialog.show()
    dialog.connect_button.click()
    wizard = dialog.wizard
    assert wizard.isVisible()
    assert not wizard.button(QWizard.WizardButton.CustomButton1).isVisible()  # in the demo already


def test_a_half_filled_pacs_is_named_not_dropped(qtbot: QtBot, config_file: Path) -> None:
    dialog = _dialog(qtbot, config_file)
    dialog.protocol.setCurrentIndex(dialog.protocol.findData("dimse"))
    assert dialog.save()  # the protocol alone: still no PACS
    assert "pacs" not in read_config_file(config_file)
    dialog = _dialog(qtbot, config_file)
    dialog.protocol.setCurrentIndex(dialog.protocol.findData("dimse"))
    dialog.called_ae.setText("ASLPACS")
    assert not dialog.save()
    assert dialog.tabs.currentIndex() == 2
    shown = [label.text() for label in dialog.findChildren(type(dialog.where))]
    assert any('"pacs.host" manca ed è obbligatoria' in text for text in shown)


def test_without_a_keyring_a_passphrase_is_not_lost_silently(
    qtbot: QtBot, config_file: Path
) -> None:
    keyring.set_keyring(keyring.backends.fail.Keyring())
    before = config_file.read_bytes()
    dialog = _dialog(qtbot, config_file)
    dialog.signing_passphrase.setText("segreta")
    assert not dialog.save()
    assert dialog.general_error.isVisibleTo(dialog)
    assert "keyring" in dialog.general_error.text()
    assert config_file.read_bytes() == before


def test_the_practice_address_is_saved_for_the_patients_pdf(
    qtbot: QtBot, config_file: Path
) -> None:
    dialog = _dialog(qtbot, config_file)
    assert dialog.address.text() == "" and dialog.address.isEnabled()
    dialog.address.setText("  Via Roma 1, 40038 Vergato (BO) ")
    assert dialog.save()
    assert read_config_file(config_file)["user"]["address"] == "Via Roma 1, 40038 Vergato (BO)"
    config = load_config(config_file, data_dir=config_file.parent)
    assert config.user is not None and config.user.address == "Via Roma 1, 40038 Vergato (BO)"
    again = _dialog(qtbot, config_file)
    assert again.address.text() == "Via Roma 1, 40038 Vergato (BO)"
    again.address.clear()  # cleared: the key leaves the file
    assert again.save()
    assert "address" not in read_config_file(config_file)["user"]


def test_the_demo_has_no_practice_address_to_set(qtbot: QtBot, tmp_path: Path) -> None:
    dialog = _dialog(qtbot, tmp_path / "absent.toml")
    assert not dialog.address.isEnabled()
