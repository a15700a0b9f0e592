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
import sys
from pathlib import Path

from elf_tools import dynamic_symbols, is_elf, link_library, needed, run, system_library

# auditwheel's name for a copy: the library's name, a hash, its version.
_COPY = re.compile(r"^(lib[\w+.]+?)-[0-9a-f]{8}\.so\.(\d+)[.\d]*$")


def redirect_copies(bundle: Path, provided: set[str]) -> list[tuple[str, str, int]]:
    """Redirect what qualifies; return (copy, system soname, bytes saved) for each."""
    internal = bundle / "_internal"
    elves = [p for p in internal.rglob("*") if is_elf(p)]
    users = {elf: set(needed(elf)) for elf in elves}
    done = []
    for copy in sorted(internal.glob("*.libs/*")):
        match = _COPY.match(copy.name)
        if not match or not is_elf(copy):
            continue
        soname = f"{match.group(1)}.so.{match.group(2)}"
        target = system_library(soname)
        if soname not in provided or target is None:
            continue
        if "Version definition" in run("readelf", "-V", "-W", str(copy)):
            continue
        offered = dynamic_symbols(copy)[0]
        taken: set[str] = set()
        for user, names in users.items():
            if copy.name in names:
                taken |= dynamic_symbols(user)[1] & offered
        if missing_list := sorted(taken - dynamic_symbols(target)[0]):
            missing = ", ".join(missing_list[:5])
            print(f"  {copy.name} kept: the system's {soname} lacks {missing}")
            continue
        before = copy.stat().st_size
        link_library(copy.name, "", [target], copy)  # no code: only the dependency
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
