"""What the Linux bundle's build scripts ask of ELF files and of the system's libraries
(through binutils' ``readelf``, ``as`` and ``ld``; no compiler)."""

from __future__ import annotations

import subprocess
import tempfile
from pathlib import Path

ELF_MAGIC = b"\x7fELF"
# Where the system's libraries are found by soname (Debian's multiarch folder first).
LIBRARY_DIRS = ("/usr/lib/x86_64-linux-gnu", "/lib/x86_64-linux-gnu", "/usr/lib64", "/usr/lib")


def run(*command: str, cwd: Path | None = None) -> str:
    return subprocess.run(command, check=True, capture_output=True, text=True, cwd=cwd).stdout


def is_elf(path: Path) -> bool:
    if path.is_symlink() or not path.is_file():
        return False
    with path.open("rb") as head:
        return head.read(4) == ELF_MAGIC


def needed(library: Path) -> list[str]:
    """The library's NEEDED entries, in order."""
    out = run("readelf", "-d", "-W", str(library))
    return [
        line.split("[", 1)[1].split("]", 1)[0] for line in out.splitlines() if "(NEEDED)" in line
    ]


def dynamic_symbols(library: Path) -> tuple[set[str], set[str]]:
    """The global and weak dynamic symbols ``library`` (defines, takes from others)."""
    defined: set[str] = set()
    undefined: set[str] = set()
    for fields in map(str.split, run("readelf", "--dyn-syms", "-W", str(library)).splitlines()):
        if len(fields) < 8 or fields[4] not in ("GLOBAL", "WEAK"):
            continue
        (undefined if fields[6] == "UND" else defined).add(fields[7].split("@")[0])
    return defined, undefined


def system_library(soname: str) -> Path | None:
    return next((p for d in LIBRARY_DIRS if (p := Path(d) / soname).exists()), None)


def link_library(soname: str, assembly: str, libraries: list[Path], output: Path) -> None:
    """Assemble ``assembly`` into the shared library ``output`` named ``soname``, depending
    on ``libraries``; every symbol it refers to must be found in them (``--no-undefined``)."""
    with_stack_note = assembly + '\n.section .note.GNU-stack,"",@progbits\n'  # no exec stack
    with tempfile.TemporaryDirectory(prefix="elf-link-") as folder:
        work = Path(folder)
        (work / "lib.s").write_text(with_stack_note)
        run("as", "-o", "lib.o", "lib.s", cwd=work)
        run("ld", "-shared", "--no-undefined", "--no-as-needed", "-soname", soname,
            "-o", str(output), "lib.o", *map(str, libraries), cwd=work)  # fmt: skip
