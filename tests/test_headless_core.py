"""The core runs without Qt and without the demo region: every module imports without them."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

# Run in a fresh interpreter: this one has PySide6 loaded already (pytest-qt).
_BLOCKER = textwrap.dedent(
    """
    import importlib
    import importlib.abc
    import pkgutil
    import sys

    BLOCKED = {"PySide6", "shiboken6", "pyqtgraph", "fse_desk_ui", "fse_desk_sandbox", "starlette",
               "uvicorn"}

    class Block(importlib.abc.MetaPathFinder):
        def find_spec(self, name, path=None, target=None):
            if name.split(".")[0] in BLOCKED:
                raise ImportError(f"{name} is not available to the headless core")
            return None

    sys.meta_path.insert(0, Block())
    """
)

_IMPORT_ALL = textwrap.dedent(
    """
    import fse_desk

    names = ["fse_desk"] + [
        m.name for m in pkgutil.walk_packages(fse_desk.__path__, "fse_desk.")
    ]
    for name in names:
        importlib.import_module(name)
    loaded = sorted(n for n in sys.modules if n.split(".")[0] in BLOCKED)
    assert not loaded, loaded
    print(len(names))
    """
)


def _run(code: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=120
    )


def test_every_core_module_imports_without_qt_or_the_demo_region() -> None:
    result = _run(_BLOCKER + _IMPORT_ALL)
    assert result.returncode == 0, result.stderr
    modules = list(Path(ROOT, "fse_desk").rglob("*.py"))
    assert int(result.stdout.strip()) == len(modules)


def test_the_blocker_does_block_qt() -> None:
    """The check above can fail: the same child refuses PySide6 when something asks for it."""
    result = _run(_BLOCKER + "import PySide6.QtCore\n")
    assert result.returncode != 0
    assert "not available to the headless core" in result.stderr
