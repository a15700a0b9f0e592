"""The bundle's trimmed ICU data (installer/icu_subset.py): Qt reads Italian and English as
it does with ICU's full data, from a library a fraction of the size."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import PySide6

ROOT = Path(__file__).resolve().parent.parent
QT_LIB = Path(PySide6.__file__).parent / "Qt" / "lib"

# What FSE Desk asks of ICU through Qt: Italian sorting (accents beside their letter), dates
# and numbers, Europe/Rome's name, casing; and the path of the ICU data library in use.
_LOCALE_PROBE = """
from pathlib import Path
from PySide6.QtCore import QCollator, QDate, QLocale, QTimeZone
it = QLocale(QLocale.Language.Italian, QLocale.Country.Italy)
en = QLocale(QLocale.Language.English, QLocale.Country.UnitedKingdom)
names = ["zeta", "Àlfa", "alfa", "Éric", "eco", "Beta", "òlmo", "Olmo"]
print(sorted(names, key=QCollator(it).sortKey))
print(sorted(names, key=QCollator(en).sortKey))
for locale in (it, en):
    print(locale.toString(QDate(2026, 12, 7), QLocale.FormatType.LongFormat))
    print(locale.toString(1234.5, "f", 2), locale.toUpper("città straße"))
    rome = QTimeZone(b"Europe/Rome")
    print(rome.displayName(QTimeZone.TimeType.StandardTime, QTimeZone.NameType.LongName, locale))
maps = Path("/proc/self/maps").read_text().splitlines()
print(sorted({line.split()[-1] for line in maps if "libicudata" in line}))
"""


def _probe(library_path: Path | None) -> list[str]:
    env = {k: v for k, v in os.environ.items() if k != "LD_LIBRARY_PATH"}
    if library_path is not None:
        env["LD_LIBRARY_PATH"] = str(library_path)  # ahead of Qt's RUNPATH
    done = subprocess.run(
        [sys.executable, "-c", _LOCALE_PROBE],
        env=env,
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    )
    return done.stdout.splitlines()


def test_trimmed_icu_data_reads_italian_and_english_like_the_full_data(tmp_path: Path) -> None:
    (full,) = (p for p in QT_LIB.glob("libicudata.so.*") if not p.is_symlink())
    lib = tmp_path / "bundle" / "_internal" / "PySide6" / "Qt" / "lib"
    lib.mkdir(parents=True)
    trimmed = lib / full.name
    shutil.copy2(full, trimmed)

    done = subprocess.run(
        [sys.executable, str(ROOT / "installer" / "icu_subset.py"), str(tmp_path / "bundle")],
        capture_output=True,
        text=True,
        timeout=120,
    )

    assert done.returncode == 0, done.stderr
    assert trimmed.stat().st_size < full.stat().st_size / 3
    with_full, with_trimmed = _probe(None), _probe(lib)
    assert with_full[-1] == repr([str(full)])
    assert with_trimmed[-1] == repr([str(trimmed)])  # the trimmed data was the one read
    assert with_trimmed[:-1] == with_full[:-1]
    assert "lunedì 7 dicembre 2026" in with_trimmed  # a real answer, not an empty fallback
    assert "Ora standard dell’Europa centrale" in with_trimmed


def test_a_folder_without_icu_is_refused_in_words(tmp_path: Path) -> None:
    done = subprocess.run(
        [sys.executable, str(ROOT / "installer" / "icu_subset.py"), str(tmp_path)],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 1
    assert "no libicudata in the bundle" in done.stderr
