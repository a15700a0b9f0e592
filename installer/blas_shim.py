"""Replace numpy's own OpenBLAS in the bundle with a shim over Debian's ILP64 BLAS and LAPACK.

    python installer/blas_shim.py dist/fse-desk

numpy's wheel carries OpenBLAS with its Fortran runtime (about 28 MB of the bundle) for its
matrix products and ``numpy.linalg``, which FSE Desk barely touches (a 3-vector dot product
for a DICOM slice's position; the charts and images are elementwise). numpy reaches it
through a few dozen entry points named ``scipy_<routine>64_`` (64-bit integers, "ILP64"),
which Debian's ``libblas64-3`` and ``liblapack64-3`` (dependencies of the ``.deb``) provide
under their plain names (``cblas_ddot``, ``dgesv_``). The shim is a library with the
OpenBLAS file's name whose every such entry point is one jump to Debian's routine, so numpy
loads and calls it unchanged; it is made from the list of entry points numpy's own
extensions ask for (it follows numpy's releases by itself) with binutils' ``as`` and ``ld``
(no compiler). The Fortran runtime beside OpenBLAS, needed by nothing else, goes too.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

from elf_tools import dynamic_symbols, link_library, needed, system_library

# Debian's ILP64 libraries, by soname (the alternatives' links).
SYSTEM_LIBRARIES = ("libblas64.so.3", "liblapack64.so.3")
_DEBIAN_PACKAGES = "libblas64-3 liblapack64-3"
# numpy's names: scipy_cblas_ddot64_ (CBLAS) and scipy_dgesv_64_ (Fortran BLAS and LAPACK).
_CBLAS = re.compile(r"^scipy_(cblas_\w+?)64_$")
_FORTRAN = re.compile(r"^scipy_(\w+?_)64_$")


def system_routine(entry_point: str) -> str:
    """The name under which Debian's ILP64 libraries export numpy's ``entry_point``."""
    for pattern in (_CBLAS, _FORTRAN):
        if match := pattern.match(entry_point):
            return match.group(1)
    raise SystemExit(f"{entry_point}: not a BLAS or LAPACK entry point this shim knows")


def numpy_entry_points(numpy_dir: Path) -> tuple[str, set[str]]:
    """The OpenBLAS library's file name numpy's extensions load, and what they call in it."""
    sonames: set[str] = set()
    entry_points: set[str] = set()
    for extension in numpy_dir.rglob("*.so"):
        openblas = [name for name in needed(extension) if "openblas" in name]
        if openblas:
            sonames.update(openblas)
            entry_points |= {s for s in dynamic_symbols(extension)[1] if s.startswith("scipy_")}
    if len(sonames) != 1 or not entry_points:
        raise SystemExit(f"{numpy_dir}: expected one OpenBLAS library, found {sorted(sonames)}")
    return sonames.pop(), entry_points


def build_shim(soname: str, entry_points: set[str], output: Path) -> None:
    """Write the shim library ``output`` (``soname``) forwarding ``entry_points``."""
    lines = [".text"]
    for entry_point in sorted(entry_points):
        lines += [
            f".globl {entry_point}",
            f".type {entry_point}, @function",
            # A tail jump: arguments, stack and return value stay the routine's own.
            f"{entry_point}: jmp {system_routine(entry_point)}@PLT",
        ]
    libraries = []
    for name in SYSTEM_LIBRARIES:
        if (path := system_library(name)) is None:
            raise SystemExit(f"{name} not found: install the Debian packages {_DEBIAN_PACKAGES}")
        libraries.append(path)
    # Every routine must be found in Debian's libraries now, not at the first call on a
    # doctor's PC: the link refuses an undefined one.
    try:
        link_library(soname, "\n".join(lines), libraries, output)
    except subprocess.CalledProcessError as error:
        raise SystemExit(f"the BLAS shim does not link: {error.stderr.strip()}") from error


def replace_openblas(bundle: Path) -> tuple[int, int]:
    """Put the shim in place of numpy's OpenBLAS; return (bytes before, bytes after)."""
    internal = bundle / "_internal"
    libs = internal / "numpy.libs"
    soname, entry_points = numpy_entry_points(internal / "numpy")
    openblas = libs / soname
    # OpenBLAS's own dependencies in numpy.libs (gfortran, which needs quadmath) go with it;
    # the build stops if anything left still needs them.
    companions: set[Path] = set()
    todo = [openblas]
    while todo:
        for name in needed(todo.pop()):
            if (lib := libs / name).exists() and lib not in companions:
                companions.add(lib)
                todo.append(lib)
    before = sum(p.stat().st_size for p in {openblas, *companions})
    build_shim(soname, entry_points, openblas)
    for companion in companions:
        companion.unlink()
    users = [*libs.iterdir(), *(internal / "numpy").rglob("*.so")]
    if left_without := {name for lib in users for name in needed(lib)} & {
        c.name for c in companions
    }:
        raise SystemExit(f"{sorted(left_without)} removed but still needed in the bundle")
    return before, openblas.stat().st_size


def main(argv: list[str]) -> int:
    if len(argv) != 2:
        print(__doc__, file=sys.stderr)
        return 2
    before, after = replace_openblas(Path(argv[1]))
    print(
        f"numpy's OpenBLAS and Fortran runtime: {before / 1e6:.1f} MB -> shim {after / 1e3:.0f} kB"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
