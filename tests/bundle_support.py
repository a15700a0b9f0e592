"""Shared by the bundle's tests: Pillow, loaded from a folder holding a copy of its package
and libraries, still reads and writes images."""

from __future__ import annotations

import ast
import json
import subprocess
import sys
from pathlib import Path

# Pillow's core through the libraries auditwheel copied beside it: JPEG, JPEG 2000, TIFF
# with zstd (libtiff, libzstd), colour management (lcms2); the core file the import loaded
# and the libraries the process maps.
_PROBE = """
import io, json, sys
sys.path.insert(0, sys.argv[1])
from pathlib import Path
from PIL import Image, ImageCms
image = Image.new("RGB", (32, 32), (200, 10, 10))
out = {}
kinds = (("JPEG", {}), ("JPEG2000", {}), ("PNG", {}), ("TIFF", {"compression": "tiff_zstd"}))
for kind, options in kinds:
    data = io.BytesIO()
    image.save(data, kind, **options)
    data.seek(0)
    out[kind] = str(Image.open(data).convert("RGB").getpixel((5, 5)))
out["profile"] = ImageCms.getProfileName(ImageCms.createProfile("sRGB")).strip()
out["core"] = Image.core.__file__
maps = Path("/proc/self/maps").read_text().splitlines()
out["maps"] = sorted({line.split()[-1] for line in maps if ".so" in line})
print(json.dumps(out))
"""


def pillow_works(folder: Path) -> dict[str, object]:
    """Run the probe on the Pillow in ``folder``; check the images; return what it saw."""
    done = subprocess.run(
        [sys.executable, "-c", _PROBE, str(folder)],
        capture_output=True,
        text=True,
        timeout=60,
        cwd=folder,
    )
    assert done.returncode == 0, done.stderr
    out: dict[str, object] = json.loads(done.stdout)
    jpeg = ast.literal_eval(str(out["JPEG"]))  # lossy: near the colour written
    assert all(abs(a - b) <= 8 for a, b in zip(jpeg, (200, 10, 10), strict=True))
    assert [out["JPEG2000"], out["PNG"], out["TIFF"]] == ["(200, 10, 10)"] * 3
    assert "sRGB" in str(out["profile"])
    return out
