"""Strip the symbol tables and debug sections out of the bundle's shared libraries.

    python installer/strip_libs.py dist/fse-desk

What stripping removes (``--strip-unneeded``: the static symbol table, debug sections) is
never loaded, so a library runs the same without it, except one that a wheel's build
rewrote with patchelf: there strip also moves or empties the segments patchelf added, and
the loader refuses the result (numpy's OpenBLAS: "ELF load command address/offset not
page-aligned"). So each library is stripped into a copy, and the copy replaces it only if
every loadable segment kept its address, sizes and page alignment; otherwise only the debug
sections and the symbol table are cut out, if they lie together outside what the loader
maps (Pillow's core: 2.6 MB of its 3.5), moving patchelf's segments down without changing
their addresses (``cut_debug_sections``); otherwise the library stays byte for byte as it
was. The bundle's executable is never touched (PyInstaller appends its archive to it).
"""

from __future__ import annotations

import struct
import subprocess
import sys
import tempfile
from pathlib import Path

from elf_tools import is_elf

_SHF_ALLOC = 0x2
_SHT_NOBITS = 8
_SEGMENT = struct.Struct("<IIQQQQQQ")  # Elf64_Phdr: type, flags, offset, vaddr, …, align
_SECTION = struct.Struct("<IIQQQQIIQQ")  # Elf64_Shdr: name, type, flags, addr, offset, size…


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


def cut_debug_sections(lib: Path) -> int:
    """Cut the debug sections and symbol table out of ``lib`` in place; return the bytes saved.

    For a library strip cannot rewrite: only when they lie together, outside every segment
    the loader maps. What follows them in the file (patchelf's segments, the section
    headers) moves down by a multiple of every such segment's alignment, so each keeps its
    address and its offset's congruence to it; the section headers of what was cut become
    empty (the others keep their numbers). Anything else (32-bit or big-endian ELF,
    sections scattered among the segments, a kept section referring to a cut one) is left
    alone (0).
    """
    data = lib.read_bytes()
    if data[4:6] != b"\x02\x01":  # ELF64, little-endian
        return 0
    phoff, shoff = struct.unpack_from("<QQ", data, 0x20)
    phentsize, phnum, shentsize, shnum, shstrndx = struct.unpack_from("<HHHHH", data, 0x36)
    segments = [list(_SEGMENT.unpack_from(data, phoff + i * phentsize)) for i in range(phnum)]
    sections = [list(_SECTION.unpack_from(data, shoff + i * shentsize)) for i in range(shnum)]
    names = sections[shstrndx][4]

    def cuttable(section: list[int]) -> bool:
        name = data[names + section[0] :].split(b"\0", 1)[0]
        unloaded = not section[2] & _SHF_ALLOC and section[1] != _SHT_NOBITS and section[5] > 0
        return unloaded and (name.startswith(b".debug_") or name in (b".symtab", b".strtab"))

    cut = {i for i, section in enumerate(sections) if cuttable(section)}
    if not cut:
        return 0
    start = min(sections[i][4] for i in cut)
    end = max(sections[i][4] + sections[i][5] for i in cut)
    # What stays in the file: segments' bytes, kept sections, both header tables.
    kept = [(s[2], s[2] + s[5]) for s in segments]
    kept += [
        (s[4], s[4] + s[5]) for i, s in enumerate(sections) if i not in cut and s[1] != _SHT_NOBITS
    ]
    kept += [(phoff, phoff + phnum * phentsize), (shoff, shoff + shnum * shentsize)]
    kept = [(a, b) for a, b in kept if b > a]
    if any(a < end and b > start for a, b in kept):
        return 0
    if any(s[6] in cut for i, s in enumerate(sections) if i not in cut and s[1]):
        return 0
    later = [s[7] for s in segments if s[2] >= end] + [s[8] for s in sections if s[4] >= end]
    align = max([8, *later])
    shift = (end - start) // align * align
    if shift == 0:
        return 0

    def moved(offset: int) -> int:
        return offset - shift if offset >= end else offset

    out = bytearray(data[:start] + bytes(end - shift - start) + data[end:])
    phoff, shoff = moved(phoff), moved(shoff)
    struct.pack_into("<QQ", out, 0x20, phoff, shoff)
    for i, segment in enumerate(segments):
        segment[2] = moved(segment[2])
        _SEGMENT.pack_into(out, phoff + i * phentsize, *segment)
    for i, section in enumerate(sections):
        section = [0] * 10 if i in cut else [*section[:4], moved(section[4]), *section[5:]]
        _SECTION.pack_into(out, shoff + i * shentsize, *section)
    lib.write_bytes(out)
    return shift


def strip_bundle(bundle: Path) -> tuple[int, int, list[Path]]:
    """Strip what can be; return (libraries stripped, bytes saved, libraries left as they were)."""
    stripped, saved, kept = 0, 0, []
    with tempfile.TemporaryDirectory(prefix="strip-") as folder:
        copy = Path(folder) / "stripped"
        for lib in sorted(bundle.rglob("*.so*")):
            if not is_elf(lib):
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
                smaller = cut_debug_sections(lib)
                if smaller:
                    stripped, saved = stripped + 1, saved + smaller
                else:
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
