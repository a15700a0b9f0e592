"""Replace the wheels' copies of libraries the ``.deb``'s dependencies install with redirects.

    python installer/system_redirects.py dist/fse-desk build/system-libs.txt

auditwheel puts in a wheel's ``<name>.libs/`` a copy of each system library the wheel links
to, renamed with a hash (``libxcb-9065bb12.so.1.1.0``), and the wheel's extensions load it by
that name. Where the packages the ``.deb`` depends on install the same library (Pillow's
libxcb, libXau and libzstd come with Qt's and D-Bus's packages; the second file lists their
sonames), the copy becomes an empty library of the same name whose one dependency is the
system's: the loader then finds each symbol there (libXau's copy alone is 2 MB, mostly
patchelf's padding). Only a library without symbol versions qualifies (its users' version
requirements would name the copy's file), and only if the system's library defines every
symbol the bundle's libraries take from the copy, checked here against this machine's
libraries; otherwise the copy stays.
"""

from __future__ import annotations

import re
import subprocess
import sys
import tempfile
from pathlib import Path

# Where the system's libraries are found (by soname), as blas_shim.py looks for BLAS.
_LIBRARY_DIRS = ("/usr/lib/x86_64-linux-gnu", "/lib/x86_64-linux-gnu", "/usr/lib64", "/usr/lib")
# auditwheel's name for a copy: the library's name, a hash, its version.
_COPY = re.compile(r"^(lib[\w+.]+?)-[0-9a-f]{8}\.so\.(\d+)[.\d]*$")
_ELF_MAGIC = b"\x7fELF"


def _run(*command: str, cwd: Path | None = None) -> str:
    return subprocess.run(command, check=True, capture_output=True, text=True, cwd=cwd).stdout


def _needed(library: Path) -> set[str]:
    out = _run("readelf", "-d", "-W", str(library))
    return {
        line.split("[", 1)[1].split("]", 1)[0] for line in out.splitlines() if "(NEEDED)" in line
    }


def _symbols(library: Path) -> tuple[set[str], set[str]]:
    """The dynamic symbols ``library`` (defines, takes from others)."""
    defined: set[str] = set()
    undefined: set[str] = set()
    for fields in map(str.split, _run("readelf", "--dyn-syms", "-W", str(library)).splitlines()):
        if len(fields) < 8 or fields[4] not in ("GLOBAL", "WEAK"):
            continue
        (undefined if fields[6] == "UND" else defined).add(fields[7].split("@")[0])
    return defined, undefined


def _is_elf(path: Path) -> bool:
    if path.is_symlink() or not path.is_file():
        return False
    with path.open("rb") as head:
        return head.read(4) == _ELF_MAGIC


def _system_library(soname: str) -> Path | None:
    return next((p for d in _LIBRARY_DIRS if (p := Path(d) / soname).exists()), None)


def _redirect(name: str, target: Path, output: Path) -> None:
    with tempfile.TemporaryDirectory(prefix="redirect-") as folder:
        work = Path(folder)
        (work / "empty.s").write_text('.section .note.GNU-stack,"",@progbits\n')
        _run("as", "-o", "empty.o", "empty.s", cwd=work)
        _run("ld", "-shared", "--no-as-needed", "-soname", name, "-o", str(output),
             "empty.o", str(target), cwd=work)  # fmt: skip


def redirect_copies(bundle: Path, provided: set[str]) -> list[tuple[str, str, int]]:
    """Redirect what qualifies; return (copy, system soname, bytes saved) for each."""
    internal = bundle / "_internal"
    elves = [p for p in internal.rglob("*") if _is_elf(p)]
    needed = {elf: _needed(elf) for elf in elves}
    done = []
    for copy in sorted(internal.glob("*.libs/*")):
        match = _COPY.match(copy.name)
        if not match or not _is_elf(copy):
            continue
        soname = f"{match.group(1)}.so.{match.group(2)}"
        target = _system_library(soname)
        if soname not in provided or target is None:
            continue
        if "Version definition" in _run("readelf", "-V", "-W", str(copy)):
            continue
        offered, _ = _symbols(copy)
        taken: set[str] = set()
        for user, names in needed.items():
            if copy.name in names:
                taken |= _symbols(user)[1] & offered
        if not taken <= _symbols(target)[0]:
            missing = ", ".join(sorted(taken - _symbols(target)[0])[:5])
            print(f"  {copy.name} kept: the system's {soname} lacks {missing}")
            continue
        before = copy.stat().st_size
        _redirect(copy.name, target, copy)
        done.append((copy.name, soname, before - copy.stat().st_size))
    return done


def main(argv: list[str]) -> int:
    if len(argv) != 3:
        print(__doc__, file=sys.stderr)
        return 2
    provided = set(Path(argv[2]).read_text().split())
    done = redirect_copies(Path(argv[1]), provided)
    print(f"wheels' copies of system libraries redirected: {sum(d[2] for d in done) / 1e6:.1f} MB")
    for name, soname, _ in done:
        print(f"  {name} -> the system's {soname}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
