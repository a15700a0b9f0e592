"""The hazard log of docs/SAFETY.md cannot rot: its format holds and every test it names exists.

The named tests pass because they are part of this suite; here we check, without
running them again, that each one is still there and is not skipped.
"""

from __future__ import annotations

import importlib
import importlib.util
import inspect
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parent.parent
# The categories issue 19 asks the log to cover, as headings of docs/SAFETY.md.
CATEGORIES = (
    "Wrong patient",
    "Missed or stale information",
    "Wrong information",
    "Lost or altered data",
    "Privacy",
    "Unintended action",
    "Alarm fatigue",
)
# Markers, and calls in a test's body, that mean it may guard nothing in a normal run.
DISARMING_MARKS = {"skip", "skipif", "xfail"}
DISARMING_CALLS = ("pytest.skip(", "pytest.xfail(", "pytest.importorskip(")


def _load_hazards_module() -> ModuleType:
    spec = importlib.util.spec_from_file_location("fse_desk_hazards", ROOT / "docs" / "hazards.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up while being built
    spec.loader.exec_module(module)
    return module


hazards = _load_hazards_module()
LOG = hazards.parse_hazard_log((ROOT / "docs" / "SAFETY.md").read_text(encoding="utf-8"))


def why_not_a_live_test(test_id: str) -> str | None:
    """None when ``test_id`` names a collected test function that runs; else why not."""
    path, _, name = test_id.partition("::")
    module_name = path.removesuffix(".py").replace("/", ".")
    if not (ROOT / path).is_file():
        return f"{path} does not exist"
    try:
        module = importlib.import_module(module_name)
    except pytest.skip.Exception:  # a module-level importorskip or skip
        return f"{path} skips itself when imported"
    function = getattr(module, name, None)
    if not callable(function) or not name.startswith("test_"):
        return f"{path} has no test function {name}"
    marks = [*getattr(module, "pytestmark", []), *getattr(function, "pytestmark", [])]
    disarmed = {m.name for m in marks} & DISARMING_MARKS
    if disarmed:
        return f"{test_id} is marked {', '.join(sorted(disarmed))}"
    source = inspect.getsource(function)
    calls = [call for call in DISARMING_CALLS if call in source]
    if calls:
        return f"{test_id} may switch itself off: it calls {', '.join(calls)}"
    return None


def test_the_log_covers_every_category_in_order_with_consecutive_numbers() -> None:
    assert [h.number for h in LOG] == list(range(1, len(LOG) + 1))
    assert set(CATEGORIES) <= {h.category for h in LOG}
    assert len({h.title for h in LOG}) == len(LOG)


@pytest.mark.parametrize("hazard", LOG, ids=[h.key for h in LOG])
def test_each_hazard_is_rated_and_owned(hazard: Any) -> None:
    h = hazard  # a docs/hazards.py Hazard (loaded from a file: no static type)
    assert h.after.severity <= h.before.severity
    assert h.after.likelihood <= h.before.likelihood
    if h.status is hazards.Status.MITIGATED:
        assert h.tests, "a mitigated hazard names the tests that guard it"
        assert h.owner == "none"
        assert h.after.risk <= 9, "an unacceptable residual risk is not mitigated"
    else:
        assert h.owner != "none", "an open hazard says who must act or decide"


@pytest.mark.parametrize("test_id", sorted({t for h in LOG for t in h.tests}))
def test_every_named_test_exists_and_is_not_skipped(test_id: str) -> None:
    assert why_not_a_live_test(test_id) is None, why_not_a_live_test(test_id)


def test_the_checks_catch_a_missing_or_disarmed_test(monkeypatch: pytest.MonkeyPatch) -> None:
    this = "tests/test_safety_case.py"
    assert (
        why_not_a_live_test(
            f"{this}::test_the_log_covers_every_category_in_order_with_consecutive_numbers"
        )
        is None
    )
    assert "no test function" in str(why_not_a_live_test(f"{this}::test_that_was_renamed"))
    assert "does not exist" in str(why_not_a_live_test("tests/test_gone.py::test_x"))

    @pytest.mark.skip(reason="switched off")
    def test_switched_off() -> None: ...

    def test_skipping_at_run_time() -> None:
        pytest.skip("not today")

    module = sys.modules[__name__]
    monkeypatch.setattr(module, "test_switched_off", test_switched_off, raising=False)
    monkeypatch.setattr(
        module, "test_skipping_at_run_time", test_skipping_at_run_time, raising=False
    )
    assert "marked skip" in str(why_not_a_live_test(f"{this}::test_switched_off"))
    assert "pytest.skip(" in str(why_not_a_live_test(f"{this}::test_skipping_at_run_time"))


TINY_LOG = """## Hazard log

## Privacy

### H-01 A title
- harm: h.
- cause: c.
- before: severity 4, likelihood 3
- mitigation: m.
- after: severity 4, likelihood 1
- tests: tests/test_a.py::test_b, tests/test_a.py::test_c
- status: mitigated
- owner: none

### H-02 Another
- harm: h.
- cause: c.
- before: severity 5, likelihood 3
- mitigation: none yet.
- after: severity 5, likelihood 3
- tests: none
- status: open
- owner: issue 99
"""


def test_the_parser_reads_a_log_and_the_script_counts_it() -> None:
    first, second = hazards.parse_hazard_log(TINY_LOG)
    assert (first.key, first.category, first.before.risk, first.after.risk) == (
        "H-01",
        "Privacy",
        12,
        4,
    )
    assert first.tests == ("tests/test_a.py::test_b", "tests/test_a.py::test_c")
    assert second.tests == () and second.status is hazards.Status.OPEN
    printed = hazards.summary([first, second])
    assert "hazards logged: 2\nmitigated with a test: 1\nopen: 1\n" in printed
    assert "acceptable 1, tolerable 0, unacceptable 1" in printed
    assert "H-02 Another — issue 99" in printed


@pytest.mark.parametrize(
    ("broken", "message"),
    [
        (TINY_LOG.replace("- cause: c.\n", "", 1), "expected '- cause"),
        (TINY_LOG.replace("likelihood 3", "likelihood 7", 1), "severity S, likelihood L"),
        (TINY_LOG.replace("status: mitigated", "status: done"), "'mitigated' or 'open'"),
        (TINY_LOG.replace("tests/test_a.py::test_b", "test_b"), "is not a test id"),
        (TINY_LOG.replace("### H-01 A title", "### Hazard one"), "### H-NN Title"),
        (TINY_LOG.replace("## Privacy\n", ""), "before any category"),
        (TINY_LOG + "\nstray words\n", "unexpected text"),
    ],
)
def test_a_log_that_breaks_the_format_is_refused_naming_the_place(
    broken: str, message: str
) -> None:
    with pytest.raises(hazards.HazardLogError, match=message):
        hazards.parse_hazard_log(broken)
