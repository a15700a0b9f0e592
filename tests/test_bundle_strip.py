"""Stripping the bundle's libraries (installer/strip_libs.py): a library that survives it
gets smaller and still loads; one a wheel rewrote with patchelf, which stripping would
break, is left byte for byte as it was."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import numpy
import PIL
import PySide6

from tests.bundle_support import pillow_works

ROOT = Path(__file__).resolve().parent.parent
NUMPY_LIBS = Path(numpy.__file__).parent.parent / "numpy.libs"
QT_LIB = Path(PySide6.__file__).parent / "Qt" / "lib"

_LOAD = "import ctypes, sys\nfor path in sys.argv[1:]:\n    ctypes.CDLL(path)\nprint('loaded')"


def _copy(sources: list[Path], folder: Path) -> list[Path]:
    folder.mkdir(parents=True)
    return [Path(shutil.copy2(source, folder / source.name)) for source in sources]


def test_libraries_are_stripped_unless_stripping_would_break_them(tmp_path: Path) -> None:
    bundle = tmp_path / "bundle"
    # ICU from PySide6's wheel: plain libraries with symbol tables. numpy's OpenBLAS and
    # its Fortran runtime: rewritten by auditwheel's patchelf.
    icu = _copy(sorted(QT_LIB.glob("libicu*.so.*")), bundle / "Qt" / "lib")
    blas = _copy(sorted(NUMPY_LIBS.glob("lib*.so*")), bundle / "numpy.libs")
    before = {lib: lib.read_bytes() for lib in icu + blas}
    (openblas,) = (lib for lib in blas if "openblas" in lib.name)
    (icuuc,) = (lib for lib in icu if lib.name.startswith("libicuuc"))

    done = subprocess.run(
        [sys.executable, str(ROOT / "installer" / "strip_libs.py"), str(bundle)],
        capture_output=True,
        text=True,
        timeout=120,
    )

    assert done.returncode == 0, done.stderr
    assert openblas.read_bytes() == before[openblas]
    assert f"left as it was (stripping would break its segments): numpy.libs/{openblas.name}" in (
        done.stdout
    )
    assert icuuc.stat().st_size < len(before[icuuc])
    loaded = subprocess.run(
        [sys.executable, "-c", _LOAD, str(icuuc), str(openblas)],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert loaded.stdout.strip() == "loaded", loaded.stderr


def test_debug_sections_are_cut_out_of_a_library_strip_would_break(tmp_path: Path) -> None:
    # Pillow's core: rewritten by auditwheel's patchelf, which put its new segments after
    # the debug sections (2.6 MB of its 3.5), so strip would break it.
    site = Path(PIL.__file__).parent.parent
    bundle = tmp_path / "bundle"
    shutil.copytree(site / "PIL", bundle / "PIL")
    shutil.copytree(site / "pillow.libs", bundle / "pillow.libs")
    (core,) = (bundle / "PIL").glob("_imaging.cpython-*.so")
    before = core.stat().st_size

    done = subprocess.run(
        [sys.executable, str(ROOT / "installer" / "strip_libs.py"), str(bundle)],
        capture_output=True,
        text=True,
        timeout=120,
    )

    assert done.returncode == 0, done.stderr
    assert f"PIL/{core.name}" not in done.stdout
    assert core.stat().st_size < before - 2_000_000
    sections = subprocess.run(
        ["readelf", "-S", "-W", str(core)], capture_output=True, text=True, check=True
    ).stdout
    assert ".debug_info" not in sections and ".symtab" not in sections
    assert ".dynamic" in sections and ".text" in sections
    assert pillow_works(bundle)["core"] == str(core)
