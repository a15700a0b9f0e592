"""The bundle's BLAS shim (installer/blas_shim.py): numpy, with Debian's ILP64 BLAS and LAPACK
behind the shim in place of its own OpenBLAS, still computes products and linear algebra
right, and no longer loads OpenBLAS at all."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import numpy

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "installer"))

import blas_shim  # noqa: E402  (installer/ is scripts, not a package)

# Products and linear algebra through each family of numpy's entry points (CBLAS real and
# complex, LAPACK solvers and decompositions), reported with the libraries the process maps.
_PROBE = """
import json
from pathlib import Path
import numpy as np
rng = np.random.default_rng(7)
a = rng.standard_normal((120, 80))
b = rng.standard_normal((80, 50))
c = a @ b
i, j = 17, 33
out = {
    "matmul_entry": [c[i, j], sum(a[i, k] * b[k, j] for k in range(80))],
    "matmul_f32_entry": [
        float((a.astype(np.float32) @ b.astype(np.float32))[i, j]), float(c[i, j])
    ],
    "dot": float(np.dot([1.0, 2.0, 3.0], [4.0, 5.0, 6.0])),
    "cross_dot": float(np.dot(np.cross([1.0, 0.0, 0.0], [0.0, 1.0, 0.0]), [2.0, 3.0, 4.0])),
    "vdot_complex": [np.vdot([1 + 2j, 3j], [2 - 1j, 1 + 1j]).real,
                     np.vdot([1 + 2j, 3j], [2 - 1j, 1 + 1j]).imag],
    "solve": np.linalg.solve([[3.0, 1.0], [1.0, 2.0]], [9.0, 8.0]).tolist(),
    "det": float(np.linalg.det([[1.0, 2.0], [3.0, 4.0]])),
    "inv": np.linalg.inv([[4.0, 7.0], [2.0, 6.0]]).ravel().tolist(),
    "eigvalsh": np.linalg.eigvalsh([[2.0, 1.0], [1.0, 2.0]]).tolist(),
    "eigvals": sorted(np.linalg.eigvals([[4.0, 1.0], [2.0, 3.0]]).real.tolist()),
    "svd": np.linalg.svd([[3.0, 0.0], [4.0, 0.0]], compute_uv=False).tolist(),
    "lstsq": np.linalg.lstsq([[1.0, 0.0], [1.0, 1.0], [1.0, 2.0]], [1.0, 3.0, 5.0])[0].tolist(),
    "cholesky": np.linalg.cholesky([[4.0, 2.0], [2.0, 5.0]]).ravel().tolist(),
    "qr_r_diag": np.abs(np.diag(np.linalg.qr([[3.0, 1.0], [4.0, 2.0]])[1])).tolist(),
    "maps": sorted({
        line.split()[-1]
        for line in Path("/proc/self/maps").read_text().splitlines()
        if "blas" in line or "lapack" in line or "gfortran" in line
    }),
}
print(json.dumps(out))
"""


def test_numpy_through_the_shim_computes_like_openblas_and_never_loads_it(
    tmp_path: Path,
) -> None:
    soname, entry_points = blas_shim.numpy_entry_points(Path(numpy.__file__).parent)
    assert soname.startswith("libscipy_openblas64_")
    assert {"scipy_cblas_dgemm64_", "scipy_dgesv_64_"} <= entry_points
    shim = tmp_path / soname
    blas_shim.build_shim(soname, entry_points, shim)
    assert shim.stat().st_size < 100_000

    # Preloaded, the shim is the library of that soname, so numpy's extensions bind to it and
    # the loader never opens the OpenBLAS beside them.
    done = subprocess.run(
        [sys.executable, "-c", _PROBE],
        env={**os.environ, "LD_PRELOAD": str(shim)},
        capture_output=True,
        text=True,
        check=True,
        timeout=120,
    )
    out = json.loads(done.stdout)

    maps = out["maps"]
    assert str(shim) in maps
    assert any(Path(m).name.startswith("libblas64.so") for m in maps)
    assert any(Path(m).name.startswith("liblapack64.so") for m in maps)
    assert not [m for m in maps if "numpy.libs" in m]  # neither OpenBLAS nor its gfortran
    assert abs(out["matmul_entry"][0] - out["matmul_entry"][1]) < 1e-9
    assert abs(out["matmul_f32_entry"][0] - out["matmul_f32_entry"][1]) < 1e-3
    assert out["dot"] == 32.0
    assert out["cross_dot"] == 4.0
    assert out["vdot_complex"] == [3.0, -8.0]  # (1-2j)(2-1j) + (-3j)(1+1j) = -5j + 3-3j
    assert _close(out["solve"], [2.0, 3.0])
    assert _close([out["det"]], [-2.0])
    assert _close(out["inv"], [0.6, -0.7, -0.2, 0.4])
    assert _close(out["eigvalsh"], [1.0, 3.0])
    assert _close(out["eigvals"], [2.0, 5.0])
    assert _close(out["svd"], [5.0, 0.0])
    assert _close(out["lstsq"], [1.0, 2.0])
    assert _close(out["cholesky"], [2.0, 0.0, 1.0, 2.0])
    assert _close(out["qr_r_diag"], [5.0, 0.4])


def test_each_numpy_entry_point_has_its_debian_name() -> None:
    assert blas_shim.system_routine("scipy_cblas_zdotc_sub64_") == "cblas_zdotc_sub"
    assert blas_shim.system_routine("scipy_dgesv_64_") == "dgesv_"
    assert blas_shim.system_routine("scipy_zungqr_64_") == "zungqr_"


def _close(got: list[float], expected: list[float]) -> bool:
    return len(got) == len(expected) and all(
        abs(g - e) < 1e-9 for g, e in zip(got, expected, strict=True)
    )
