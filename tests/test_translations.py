"""Every user-facing string has its Italian text, and the compiled .qm matches the .ts."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QApplication

from fse_desk.errors import ServerUnavailable, StoreFull
from fse_desk_ui.i18n import TRANSLATIONS, install_translators
from fse_desk_ui.messages import user_message

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent


def test_no_ui_string_is_left_untranslated(tmp_path: Path) -> None:
    ts = tmp_path / "check.ts"
    shutil.copy(TRANSLATIONS / "fse_desk_it.ts", ts)
    sources = [str(p) for p in sorted((ROOT / "fse_desk_ui").rglob("*.py"))]
    subprocess.run(
        [str(BIN / "pyside6-lupdate"), *sources, "-ts", str(ts), "-no-obsolete"],
        check=True,
        capture_output=True,
    )
    text = ts.read_text(encoding="utf-8")
    assert 'type="unfinished"' not in text, "run lupdate and translate the new strings"


def test_compiled_translations_are_current(tmp_path: Path) -> None:
    qm = tmp_path / "fresh.qm"
    subprocess.run(
        [str(BIN / "pyside6-lrelease"), str(TRANSLATIONS / "fse_desk_it.ts"), "-qm", str(qm)],
        check=True,
        capture_output=True,
    )
    assert qm.read_bytes() == (TRANSLATIONS / "fse_desk_it.qm").read_bytes(), (
        "run pyside6-lrelease fse_desk/resources/translations/fse_desk_it.ts"
    )


def test_errors_read_in_italian(qapp: QApplication) -> None:
    install_translators(qapp, "it")
    assert QCoreApplication.translate("MainWindow", "Sync now") == "Sincronizza ora"
    assert "Impossibile contattare il server FSE" in user_message(ServerUnavailable("x"))
    assert "disco è pieno" in user_message(StoreFull("x"))

    class NewStoreProblem(StoreFull):
        pass

    # A new subclass inherits its parent's text (lookup walks the MRO).
    assert user_message(NewStoreProblem("x")) == user_message(StoreFull("x"))


def test_every_progress_label_of_the_core_reads_in_italian(qapp: QApplication) -> None:
    import re

    from fse_desk_ui.progress_text import progress_text

    install_translators(qapp, "it")
    labels = {"Patients", "Consents", "Documents"}  # passed as arguments in fse/sync.py
    for path in (ROOT / "fse_desk").rglob("*.py"):
        labels |= set(re.findall(r'Progress\([^"\n]*"([^"]+)"\)', path.read_text("utf-8")))
    assert "Sending changes" in labels and len(labels) > 10
    untranslated = sorted(label for label in labels if progress_text(label) == label)
    assert not untranslated, f"add these to fse_desk_ui/progress_text.py: {untranslated}"
    assert progress_text("Documents") == "Documenti"


def test_qt_standard_dialogs_read_in_italian(qapp: QApplication) -> None:
    # Qt's own dialogs (file chooser, print dialog, buttons) take their text from the
    # qtbase_it.qm shipped in the PySide6 wheel, installed beside FSE Desk's.
    install_translators(qapp, "it")
    assert QCoreApplication.translate("QFileDialog", "Look in:") == "Cerca in:"
    assert QCoreApplication.translate("QFileDialog", "Files of type:") == "File di tipo:"
    assert QCoreApplication.translate("QPlatformTheme", "Cancel") == "Annulla"


def test_undo_is_not_read_as_cancel_in_the_pss_editor(qapp: QApplication) -> None:
    # The editor has both an undo action and dialogs with Cancel: one word for each.
    install_translators(qapp, "it")
    undo = QCoreApplication.translate("PssEditor", "Undo")
    cancel = QCoreApplication.translate("QPlatformTheme", "Cancel")
    assert undo == "Annulla modifica" and undo != cancel
