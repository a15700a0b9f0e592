"""The wheels' copies of system libraries (installer/system_redirects.py): where the .deb's
dependencies install the same library, the bundle's copy becomes a redirect to it, and
Pillow still works through it; a copy the system does not provide stays as it was."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import PIL

from tests.bundle_support import pillow_works

ROOT = Path(__file__).resolve().parent.parent


def test_copies_of_system_libraries_become_redirects_pillow_still_works(tmp_path: Path) -> None:
    site = Path(PIL.__file__).parent.parent
    internal = tmp_path / "bundle" / "_internal"
    shutil.copytree(site / "PIL", internal / "PIL")
    shutil.copytree(site / "pillow.libs", internal / "pillow.libs")
    libs = internal / "pillow.libs"
    (xcb,) = libs.glob("libxcb-*.so*")
    (zstd,) = libs.glob("libzstd-*.so*")
    (jpeg,) = libs.glob("libjpeg-*.so*")
    jpeg_before = jpeg.read_bytes()
    # What the .deb's dependencies provide (the build lists it with system_libs.py); libjpeg
    # is not among them.
    provided = tmp_path / "system-libs.txt"
    provided.write_text("libxcb.so.1\nlibXau.so.6\nlibzstd.so.1\n")

    done = subprocess.run(
        [sys.executable, str(ROOT / "installer" / "system_redirects.py"),
         str(tmp_path / "bundle"), str(provided)],
        capture_output=True, text=True, timeout=120,
    )  # fmt: skip

    assert done.returncode == 0, done.stderr
    assert f"{xcb.name} -> the system's libxcb.so.1" in done.stdout
    assert f"{zstd.name} -> the system's libzstd.so.1" in done.stdout
    for redirect, system in ((xcb, "libxcb.so.1"), (zstd, "libzstd.so.1")):
        assert redirect.stat().st_size < 20_000
        dynamic = subprocess.run(
            ["readelf", "-d", str(redirect)], capture_output=True, text=True, check=True
        ).stdout
        assert f"[{system}]" in dynamic and f"[{redirect.name}]" in dynamic  # NEEDED, SONAME
    assert jpeg.read_bytes() == jpeg_before
    seen = pillow_works(internal)["maps"]
    assert isinstance(seen, list)
    maps = [Path(m).name for m in seen]
    assert any(name.startswith("libxcb.so.1") for name in maps)
    assert any(name.startswith("libzstd.so.1") for name in maps)
    assert jpeg.name in maps
