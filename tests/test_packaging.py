"""The wheel carries the shipped files as package data, and the app finds them through
importlib.resources when it runs from the installed wheel rather than the checkout."""

from __future__ import annotations

import os
import subprocess
import sys
import tomllib
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
UV = ROOT / ".tools" / "bin" / "uv"

_FROM_THE_WHEEL = """
import sys
from pathlib import Path
import fse_desk, fse_desk_ui
site = Path(sys.argv[1])
assert Path(fse_desk.__file__).is_relative_to(site), fse_desk.__file__
assert Path(fse_desk_ui.__file__).is_relative_to(site), fse_desk_ui.__file__
from PySide6.QtCore import QCoreApplication
from fse_desk.about import app_version
from fse_desk.pss.vocabularies import load_vocabulary
from fse_desk_ui.__main__ import main  # the fse-desk script's target
from fse_desk_ui.app import STYLE_SHEET
from fse_desk_ui.i18n import install_translators
app = QCoreApplication([])
install_translators(app, "it")
print(app_version(), len(load_vocabulary("atc")), STYLE_SHEET.is_file(),
      QCoreApplication.translate("MainWindow", "Sync now"))
"""


def test_the_app_reads_its_files_from_the_installed_wheel(tmp_path: Path) -> None:
    subprocess.run(
        [str(UV), "build", "--wheel", "--quiet", "--out-dir", str(tmp_path / "dist"), str(ROOT)],
        check=True,
        env={**os.environ, "UV_PYTHON_DOWNLOADS": "never"},
        timeout=240,
    )
    (wheel,) = (tmp_path / "dist").glob("fse_desk-*.whl")
    names = zipfile.ZipFile(wheel).namelist()
    top = {name.split("/")[0] for name in names if not name.split("/")[0].endswith(".dist-info")}
    # Only the project's own names in site-packages: no "ui", "main" or "resources".
    assert top == {"fse_desk", "fse_desk_ui", "fse_desk_sandbox"}
    (entry_points,) = [n for n in names if n.endswith(".dist-info/entry_points.txt")]
    scripts = zipfile.ZipFile(wheel).read(entry_points).decode()
    assert "fse-desk = fse_desk_ui.__main__:main" in scripts
    for shipped in (
        "fse_desk/resources/translations/fse_desk_it.qm",
        "fse_desk/resources/vocabularies/atc.csv",
        "fse_desk/resources/style.qss",
        "fse_desk/resources/icons/fse-desk-256.png",
    ):
        assert shipped in names
    site = tmp_path / "site"
    zipfile.ZipFile(wheel).extractall(site)
    done = subprocess.run(
        [sys.executable, "-c", _FROM_THE_WHEEL, str(site)],
        cwd=tmp_path,  # not the checkout: its packages must not be importable from here
        env={**os.environ, "PYTHONPATH": str(site), "QT_QPA_PLATFORM": "offscreen"},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    version, atc_terms, style, translated = done.stdout.split(maxsplit=3)
    pyproject = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    assert version == pyproject["project"]["version"]  # from the wheel's metadata
    assert int(atc_terms) >= 120
    assert style == "True"
    assert translated.strip() == "Sincronizza ora"
