"""Stripping the bundle's libraries (installer/strip_libs.py): a library that survives it
gets smaller and still loads; one a wheel rewrote with patchelf, which stripping would
break, is left byte for byte as it was."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import numpy
import PySide6

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
