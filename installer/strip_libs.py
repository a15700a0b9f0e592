"""Strip the symbol tables and debug sections out of the bundle's shared libraries.

    python installer/strip_libs.py dist/fse-desk

What stripping removes (``--strip-unneeded``: the static symbol table, debug sections) is
never loaded, so a library runs the same without it, except one that a wheel's build
rewrote with patchelf: there strip also moves or empties the segments patchelf added, and
the loader refuses the result (numpy's OpenBLAS: "ELF load command address/offset not
page-aligned"). So each library is stripped into a copy, and the copy replaces it only if
every loadable segment kept its address, sizes and page alignment; otherwise the library
stays as it was. The bundle's executable is never touched (PyInstaller appends its archive
to it).
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
from pathlib import Path

_ELF_MAGIC = b"\x7fELF"


def _load_segments(path: Path) -> list[tuple[int, int, int, int, str, int]]:
    """Each PT_LOAD as (offset, address, file size, memory size, flags, alignment)."""
    out = subprocess.run(
        ["readelf", "-l", "-W", str(path)], check=True, capture_output=True, text=True
    ).stdout
    segments = []
    for line in out.splitlines():
        fields = line.split()
        if fields[:1] == ["LOAD"]:
            # LOAD offset vaddr paddr filesz memsz flags... align (flags may be "R E")
            offset, vaddr, _, filesz, memsz = (int(f, 16) for f in fields[1:6])
            segments.append(
                (offset, vaddr, filesz, memsz, "".join(fields[6:-1]), int(fields[-1], 16))
            )
    return segments


def _still_loadable(before: Path, after: Path) -> bool:
    old, new = _load_segments(before), _load_segments(after)
    same_layout = [s[1:5] for s in old] == [s[1:5] for s in new]
    aligned = all((offset - vaddr) % align == 0 for offset, vaddr, *_, align in new if align)
    return same_layout and aligned


def strip_bundle(bundle: Path) -> tuple[int, int, list[Path]]:
    """Strip what can be; return (libraries stripped, bytes saved, libraries left as they were)."""
    stripped, saved, kept = 0, 0, []
    with tempfile.TemporaryDirectory(prefix="strip-") as folder:
        copy = Path(folder) / "stripped"
        for lib in sorted(bundle.rglob("*.so*")):
            if lib.is_symlink() or not lib.is_file():
                continue
            with lib.open("rb") as head:
                if head.read(4) != _ELF_MAGIC:
                    continue
            subprocess.run(
                ["strip", "--strip-unneeded", "-o", str(copy), str(lib)],
                check=True,
                capture_output=True,
            )
            smaller = lib.stat().st_size - copy.stat().st_size
            if smaller <= 0:
                continue
            if not _still_loadable(lib, copy):
                kept.append(lib.relative_to(bundle))
                continue
            lib.write_bytes(copy.read_bytes())  # keeps the file's mode
            stripped, saved = stripped + 1, saved + smaller
    return stripped, saved, kept


def main(argv: list[str]) -> int:
    if len(argv) != 1:
        print("usage: strip_libs.py BUNDLE_FOLDER", file=sys.stderr)
        return 2
    stripped, saved, kept = strip_bundle(Path(argv[0]))
    print(f"stripped {stripped} libraries ({saved / 1e6:.1f} MB less)")
    for lib in kept:
        print(f"  left as it was (stripping would break its segments): {lib}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
