"""The shared libraries the .deb's dependencies guarantee, one file name a line.

    python installer/system_libs.py PACKAGE... > build/system-libs.txt

The .deb depends on a few Debian packages (Qt's system libraries, CUPS, tzdata); those, and
every package they depend on in turn, are on any machine the .deb installs on, so the
bundle need not carry its own copies of their libraries (fse-desk.spec drops them). The
closure is read from this machine's dpkg database; a dependency with alternatives
(``a | b``) guarantees neither, so it is not followed.
"""

from __future__ import annotations

import re
import subprocess
import sys

_NAME = re.compile(r"^[a-z0-9][a-z0-9+.-]*")


def _query(fmt: str, packages: list[str]) -> str:
    # Packages this machine does not have are skipped (dpkg-query says so on stderr).
    done = subprocess.run(
        ["dpkg-query", "-W", "-f", fmt, *packages], capture_output=True, text=True, check=False
    )
    return done.stdout


def _dependencies(packages: list[str]) -> set[str]:
    names: set[str] = set()
    for field in _query("${Depends}, ${Pre-Depends}\n", packages).replace("\n", ",").split(","):
        field = field.strip()
        if not field or "|" in field:
            continue
        match = _NAME.match(field)
        if match:
            names.add(match.group(0))
    return names


def closure(packages: list[str]) -> set[str]:
    """``packages`` and everything they depend on, as installed here."""
    seen: set[str] = set()
    todo = set(packages)
    while todo:
        seen |= todo
        todo = _dependencies(sorted(todo)) - seen
    return seen


def library_names(packages: set[str]) -> list[str]:
    files = subprocess.run(
        ["dpkg-query", "-L", *sorted(packages)], capture_output=True, text=True, check=False
    ).stdout.split()
    return sorted({path.rsplit("/", 1)[-1] for path in files if ".so" in path.rsplit("/", 1)[-1]})


def main(argv: list[str]) -> int:
    if not argv:
        print("usage: system_libs.py PACKAGE...", file=sys.stderr)
        return 2
    print("\n".join(library_names(closure(argv))))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
