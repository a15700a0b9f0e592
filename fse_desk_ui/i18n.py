"""Install the UI language: Italian by default, English on request (``[ui] language`` in the
configuration, or FSE_DESK_LANG=en for one run)."""

from __future__ import annotations

import os
from importlib.resources import as_file

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from fse_desk.resources import resource

TRANSLATIONS = resource("translations")  # fse_desk_<language>.ts and its compiled .qm


def install_translators(app: QCoreApplication, language: str | None = None) -> str:
    """Load FSE Desk's and Qt's own translations; return the language in use.

    Called again (the settings dialog changes the language), it replaces the translators it
    installed before: windows opened from then on, and every translated message, use the
    new language.
    """
    language = language or os.environ.get("FSE_DESK_LANG", "it")
    for old in app.findChildren(QTranslator):
        app.removeTranslator(old)
        old.deleteLater()
    QLocale.setDefault(
        QLocale(QLocale.Language.Italian if language == "it" else QLocale.Language.English)
    )
    if language == "en":  # the source strings are English
        return language
    qt_translations = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    # A real folder for QTranslator (as_file extracts one only when the package is zipped;
    # a loaded translator keeps its data).
    with as_file(TRANSLATIONS) as ours:
        for name, folder in (
            (f"qtbase_{language}", qt_translations),
            (f"fse_desk_{language}", str(ours)),
        ):
            translator = QTranslator(app)
            if translator.load(name, folder):
                app.installTranslator(translator)
    return language
