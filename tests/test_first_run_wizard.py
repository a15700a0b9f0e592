"""The first-run wizard against the sandbox over real https with mutual TLS: the right
certificate connects and Finish writes a configuration that opens; a certificate of another
authority, a wrong address and a server that is down each get their Italian sentence; each
page is checked before the next; the demo is one click away."""

from __future__ import annotations

import socket
from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QWizard
from pytestqt.qtbot import QtBot

from fse_desk.config import load_config, read_config_file
from fse_desk.config_writer import save_config
from fse_desk.security.certificates import client_key_passphrase
from fse_desk_ui.i18n import install_translators
from fse_desk_ui.settings import FirstRunWizard
from fse_desk_ui.settings.first_run import ask_configuration
from tests.fixtures_tls import Authority, Issued, TlsRegion


@pytest.fixture
def wizard(qtbot: QtBot, qapp: QApplication, tmp_path: Path) -> FirstRunWizard:
    install_translators(qapp, "it")
    made = FirstRunWizard(tmp_path / "config.toml")
    qtbot.addWidget(made)
    made.show()
    return made


def _fill(
    wizard: FirstRunWizard, url: str, ca: Path, operator: Issued | None, qtbot: QtBot
) -> None:
    """Walk the pages as a practice's IT person would, up to "Prova connessione"."""
    wizard.next()  # welcome
    wizard.endpoints.fhir.setText(url)
    wizard.endpoints.ca_bundle.set_path(str(ca))
    wizard.next()
    if operator is not None:
        wizard.tls.cert.set_path(str(operator.cert))
        wizard.tls.key.set_path(str(operator.key))
    wizard.next()
    wizard.display_name.setText("Dott. Mario Rossi")
    wizard.codice_fiscale.setText("RSSMRA70A01A944G")
    wizard.profile.setText("rossi")
    wizard.next()
    assert wizard.currentId() == wizard.pageIds()[-1]


def _test_connection(wizard: FirstRunWizard, qtbot: QtBot) -> str:
    with qtbot.waitSignal(wizard.connection_checked, timeout=30_000):
        wizard.test_button.click()
    return wizard.fhir_result.text()


def test_the_right_certificate_connects_and_finish_writes_the_file(
    wizard: FirstRunWizard, tls_region: TlsRegion, qtbot: QtBot, tmp_path: Path
) -> None:
    _fill(wizard, tls_region.url, tls_region.region_ca.bundle, tls_region.operator, qtbot)
    assert wizard.tls.summary.text().startswith("Titolare: Autenticazione MMG Rossi")
    text = _test_connection(wizard, qtbot)
    assert text.startswith("✔ Server FSE: Connesso: il server risponde come server FHIR R4")
    wizard.button(QWizard.WizardButton.FinishButton).click()
    assert wizard.result() == QWizard.DialogCode.Accepted.value

    config = load_config(tmp_path / "config.toml", data_dir=tmp_path)
    assert config.region is not None and config.region.fhir_base_url == tls_region.url
    assert config.region.client_cert == tls_region.operator.cert
    assert config.user is not None and config.user.codice_fiscale == "RSSMRA70A01A944G"
    assert client_key_passphrase("rossi") is None  # the key has no passphrase: nothing stored


def test_a_certificate_of_another_authority_is_refused_in_words(
    wizard: FirstRunWizard, tls_region: TlsRegion, qtbot: QtBot, tmp_path: Path
) -> None:
    stranger = Authority(tmp_path, "Altra CA").issue("Autenticazione estranea")
    _fill(wizard, tls_region.url, tls_region.region_ca.bundle, stranger, qtbot)
    assert _test_connection(wizard, qtbot) == (
        "✘ Server FSE: Il server ha rifiutato il nostro certificato di autenticazione (o ne "
        "richiede uno): scegli il certificato che la regione ha rilasciato a questo studio, "
        "con la sua chiave."
    )


def test_a_server_the_computer_does_not_trust(
    wizard: FirstRunWizard, tls_region: TlsRegion, qtbot: QtBot, tmp_path: Path
) -> None:
    other = Authority(tmp_path, "CA sconosciuta")
    _fill(wizard, tls_region.url, other.bundle, tls_region.operator, qtbot)
    assert "non si fida" in _test_connection(wizard, qtbot)


def test_a_wrong_address_is_named(
    wizard: FirstRunWizard, tls_region: TlsRegion, qtbot: QtBot
) -> None:
    wrong = tls_region.url.removesuffix("/fhir") + "/fse"
    _fill(wizard, wrong, tls_region.region_ca.bundle, tls_region.operator, qtbot)
    assert _test_connection(wizard, qtbot) == (
        "✘ Server FSE: Il server risponde, ma a questo indirizzo non c'è un servizio FHIR "
        "(HTTP 404): controlla il percorso dopo il nome host (per esempio /fhir)."
    )


def test_a_server_that_is_down(wizard: FirstRunWizard, tls_region: TlsRegion, qtbot: QtBot) -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    _fill(
        wizard,
        f"https://127.0.0.1:{port}/fhir",
        tls_region.region_ca.bundle,
        tls_region.operator,
        qtbot,
    )
    assert _test_connection(wizard, qtbot).startswith(
        "✘ Server FSE: Il server è spento, oppure su quella porta non risponde nulla"
    )


def test_each_page_is_checked_before_the_next(wizard: FirstRunWizard, tmp_path: Path) -> None:
    wizard.next()
    region_page = wizard.currentId()
    wizard.endpoints.fhir.setText("http://fse.example-regione.it/fhir")
    wizard.next()
    assert wizard.currentId() == region_page
    shown = [label.text() for label in wizard.findChildren(type(wizard.fhir_result))]
    assert any('"region.fhir_base_url" deve essere un indirizzo https://' in t for t in shown)

    wizard.endpoints.fhir.setText("https://fse.example-regione.it/fhir")
    wizard.next()
    wizard.next()  # no client certificate: the region may not ask for one
    wizard.display_name.setText("Dott. Mario Rossi")
    wizard.codice_fiscale.setText("RSSMRA70A01A944X")  # wrong check character
    wizard.profile.setText("rossi")
    operator_page = wizard.currentId()
    wizard.next()
    assert wizard.currentId() == operator_page
    assert not (tmp_path / "config.toml").exists()


def test_the_demo_is_one_click_away_and_a_chosen_language_is_kept(
    qtbot: QtBot, qapp: QApplication, tmp_path: Path
) -> None:
    path = tmp_path / "config.toml"
    save_config({"ui": {"language": "en"}}, path)
    install_translators(qapp, "it")
    wizard = FirstRunWizard(path)
    qtbot.addWidget(wizard)
    wizard.show()
    demo = wizard.button(QWizard.WizardButton.CustomButton1)
    assert demo.text() == "Apri la demo" and demo.isVisible()
    demo.click()
    assert wizard.result() == FirstRunWizard.DEMO
    assert read_config_file(path) == {"ui": {"language": "en"}}  # nothing written
    assert wizard.collected()["ui"] == {"language": "en"}


def _on_the_wizard(act: Callable[[FirstRunWizard], None]) -> None:
    """Once the modal wizard runs its own loop, ``act`` on it."""

    def find_and_act() -> None:
        shown = [w for w in QApplication.topLevelWidgets() if isinstance(w, FirstRunWizard)]
        act(next(w for w in shown if w.isVisible()))

    QTimer.singleShot(0, find_and_act)


def test_the_start_continues_with_the_demo_or_stops_when_closed(
    qapp: QApplication, tmp_path: Path
) -> None:
    path = tmp_path / "config.toml"
    _on_the_wizard(lambda w: w.button(QWizard.WizardButton.CustomButton1).click())
    config = ask_configuration(path, tmp_path / "data")
    assert config is not None and config.is_demo and config.data_dir == tmp_path / "data"
    _on_the_wizard(lambda w: w.reject())
    assert ask_configuration(path, tmp_path / "data") is None
    assert not path.exists()
