"""Replace the bundle's ICU data library with one holding only what FSE Desk can use.

    python installer/icu_subset.py dist/fse-desk

Qt's ICU data (libicudata, 32 MB of the bundle) carries every language's locale data,
collation, transliteration and the East Asian converters. FSE Desk speaks Italian and
English, so the library is rebuilt with the root data, the Italian and English locales and
everything that is not per language (time zones, normalisation, break rules and their
dictionaries, the single-byte converters): about 8 MB. Qt looks the data up through one
exported symbol, ``icudtNN_dat``, so the new library is that symbol over the trimmed data
package, made with ICU's ``icupkg`` and binutils' ``as`` and ``ld`` (no compiler).
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

KEPT_LANGUAGES = frozenset({"it", "en"})
# Locale-independent resources with a locale-like name, and the package's own indexes.
KEPT_NAMES = frozenset({"root", "pool", "res_index"})
_LOCALE = re.compile(r"^([a-z]{2,3})(_[A-Za-z0-9]+)*$")
# Multi-byte converters (Chinese, Japanese, Korean, EBCDIC DBCS) are the big ones; the
# single-byte code pages stay, in case a document names one.
LARGEST_CONVERTER = 12_000
_MISSING = re.compile(r"^Item (\S+) depends on missing item ")


def _icupkg() -> str:
    # Debian puts it in /usr/sbin, which is not on an ordinary user's PATH.
    found = shutil.which("icupkg") or shutil.which("icupkg", path="/usr/sbin:/sbin")
    if found is None:
        raise SystemExit("icupkg not found: install the Debian package icu-devtools")
    return found


def _run(*command: str, cwd: Path | None = None) -> str:
    return subprocess.run(command, check=True, capture_output=True, text=True, cwd=cwd).stdout


def _data_symbol(library: Path) -> tuple[str, int, int]:
    """Name, file offset and size of the library's ``icudtNN_dat`` symbol."""
    for line in _run("nm", "-D", "--defined-only", "-S", str(library)).splitlines():
        address, size, _, name = line.split()
        if re.fullmatch(r"icudt\d+_dat", name):
            break
    else:
        raise SystemExit(f"{library}: no icudtNN_dat symbol")
    for line in _run("readelf", "-S", "-W", str(library)).splitlines():
        fields = line.replace("[ ", "[").split()
        if len(fields) > 5 and fields[1] == ".rodata":
            section_address, section_offset = int(fields[3], 16), int(fields[4], 16)
            return name, int(address, 16) - section_address + section_offset, int(size, 16)
    raise SystemExit(f"{library}: no .rodata section")


def _unwanted(item: str, size: int) -> bool:
    tree, _, file = item.rpartition("/")
    stem, _, extension = file.rpartition(".")
    if tree == "translit":  # transliterators: Qt never asks for them
        return True
    if extension == "cnv":
        return size > LARGEST_CONVERTER
    locale = _LOCALE.match(stem)
    return (
        extension == "res"
        and locale is not None
        and stem not in KEPT_NAMES
        and locale.group(1) not in KEPT_LANGUAGES
    )


def _sizes(package: Path, work: Path) -> dict[str, int]:
    items = _run(_icupkg(), "-l", str(package)).split()
    listing = work / "all.txt"
    listing.write_text("\n".join(items) + "\n")
    extracted = work / "items"
    extracted.mkdir()
    _run(_icupkg(), "-d", str(extracted), "-x", str(listing), str(package))
    return {item: (extracted / item).stat().st_size for item in items}


def _trimmed(package: Path, work: Path) -> Path:
    """``package`` without the unwanted items, nor the items that need one of them."""
    drop = {item for item, size in _sizes(package, work).items() if _unwanted(item, size)}
    out = work / "out" / package.name  # icupkg names the package after the file
    out.parent.mkdir()
    listing = work / "drop.txt"
    for _ in range(5):
        listing.write_text("\n".join(sorted(drop)) + "\n")
        done = subprocess.run(
            [_icupkg(), "-r", str(listing), str(package), str(out)],
            capture_output=True,
            text=True,
            check=False,
        )
        if done.returncode == 0:
            return out
        dependents = {m.group(1) for m in map(_MISSING.match, done.stderr.splitlines()) if m}
        if not dependents - drop:
            break
        drop |= dependents
    raise SystemExit(f"icupkg could not trim the ICU data:\n{done.stderr}")


def subset(library: Path) -> None:
    symbol, offset, size = _data_symbol(library)
    soname = library.name
    with tempfile.TemporaryDirectory(prefix="icu-subset-") as folder:
        work = Path(folder)
        # icudtNNl: the package name ICU expects (l: little-endian), from the symbol.
        package = work / f"{symbol.removesuffix('_dat')}l.dat"
        with library.open("rb") as whole:
            whole.seek(offset)
            package.write_bytes(whole.read(size))
        trimmed = _trimmed(package, work)
        (work / "data.s").write_text(
            '\t.section .note.GNU-stack,"",@progbits\n'
            "\t.section .rodata\n"
            f"\t.globl {symbol}\n"
            f"\t.type {symbol}, @object\n"
            "\t.balign 16\n"
            f"{symbol}:\n"
            f'\t.incbin "{trimmed}"\n'
            f"\t.size {symbol}, .-{symbol}\n"
        )
        _run("as", "-o", "data.o", "data.s", cwd=work)
        _run("ld", "-shared", "-soname", soname, "-o", "lib.so", "data.o", cwd=work)
        before = library.stat().st_size
        library.write_bytes((work / "lib.so").read_bytes())
    print(f"ICU data: {before / 1e6:.1f} MB -> {library.stat().st_size / 1e6:.1f} MB")


def main(argv: list[str]) -> int:
    if len(argv) != 1:
        print("usage: icu_subset.py BUNDLE_FOLDER", file=sys.stderr)
        return 2
    libraries = sorted(Path(argv[0]).rglob("libicudata.so.*"))
    if not libraries:
        print(f"{argv[0]}: no libicudata in the bundle", file=sys.stderr)
        return 1
    for library in libraries:
        if not library.is_symlink():
            subset(library)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
