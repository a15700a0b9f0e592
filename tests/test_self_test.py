"""``fse-desk --self-test`` from the checkout: it passes on a working install, and says in
Italian which step failed and why when a part is missing."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _environment(home: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("FSE_DESK_", "QT_QPA"))}
    # A home of its own: the self-test must leave the user's folders as they were.
    env.update(HOME=str(home), XDG_DATA_HOME=str(home / "data"), XDG_CONFIG_HOME=str(home / "cfg"))
    return env


def test_self_test_syncs_and_renders_everything_then_exits_0(tmp_path: Path) -> None:
    home = tmp_path / "home"
    home.mkdir()
    done = subprocess.run(
        [sys.executable, "-m", "fse_desk_ui", "--self-test"],
        cwd=tmp_path,
        env=_environment(home),
        capture_output=True,
        text=True,
        timeout=280,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    lines = done.stdout.splitlines()
    passed = [line for line in lines if line.startswith("ok  ")]
    for step in (
        "testi italiani di Qt: Annulla",  # Qt's own translations, not only ours
        "apertura della cache cifrata",
        "sincronizzazione degli assistiti",
        "apertura della finestra principale",
        "documento CDA",
        "pagina PDF",
        "immagine DICOM",
        "grafico",
    ):
        assert any(step in line for line in passed), (step, lines)
    assert lines[-1] == "Autoverifica superata: FSE Desk funziona su questo computer."
    assert list(home.rglob("*")) == []  # nothing left in the user's data or config


def test_without_the_demo_region_it_fails_with_an_italian_sentence(tmp_path: Path) -> None:
    # As a wheel installed without the [demo] extra: the sandbox package cannot be imported.
    script = (
        "import sys; sys.modules['fse_desk_sandbox'] = None; "
        f"sys.path.insert(0, {str(ROOT)!r}); "
        "from fse_desk_ui.__main__ import main; sys.exit(main(['--self-test']))"
    )
    done = subprocess.run(
        [sys.executable, "-c", script],
        cwd=tmp_path,
        env=_environment(tmp_path),
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 1
    assert (
        "Autoverifica non riuscita al passo «apertura della cache cifrata e avvio della "
        "regione dimostrativa»: La regione dimostrativa non è installata su questo computer."
    ) in done.stderr
    assert "Traceback" not in done.stderr


def test_a_part_that_does_not_load_fails_with_an_italian_sentence(tmp_path: Path) -> None:
    # A broken installation: the self-test's own module cannot even be imported.
    script = (
        "import sys; sys.modules['fse_desk_ui.self_test'] = None; "
        f"sys.path.insert(0, {str(ROOT)!r}); "
        "from fse_desk_ui.__main__ import main; sys.exit(main(['--self-test']))"
    )
    done = subprocess.run(
        [sys.executable, "-c", script],
        cwd=tmp_path,
        env=_environment(tmp_path),
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 1
    assert (
        "Autoverifica non riuscita: una parte di FSE Desk non si carica (ModuleNotFoundError); "
        "reinstallare il programma."
    ) in done.stderr
