"""The demo region is a plug-in: the separate ``fse_desk_sandbox`` package.

A workstation connected to a real region never needs it, and nothing in the
product imports it by name (an import contract in ``pyproject.toml`` checks
that): demo mode looks it up here at run time and says how to get it when it is
not installed. The plug-in module offers one function, ``start``, with the
signature of :data:`StartDemoRegion`.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol, cast

from fse_desk.config import AppConfig
from fse_desk.errors import DemoRegionMissing
from fse_desk.progress import Progress
from fse_desk.pss.drafting import PssSigner
from fse_desk.security.certificates import OperatorCredentials

DEMO_REGION_MODULE = "fse_desk_sandbox.demo"


@dataclass(frozen=True, slots=True)
class DemoRegion:
    """A running demo region and the demo MMG who works in it."""

    fhir_url: str
    pacs_url: str
    gateway_url: str
    operator_name: str
    operator_cf: str
    practitioner_id: str
    signer: PssSigner
    credentials: OperatorCredentials  # a test certificate only the demo gateway trusts
    stop: Callable[[], None]


class StartDemoRegion(Protocol):
    def __call__(
        self,
        data_dir: Path,
        *,
        seed: int,
        patients: int,
        report: Callable[[Progress], None] | None,
    ) -> DemoRegion: ...


def start_demo_region(
    config: AppConfig, report: Callable[[Progress], None] | None = None
) -> DemoRegion:
    """Seed (first time) and serve the demo region on loopback."""
    try:
        module = importlib.import_module(DEMO_REGION_MODULE)
    except ModuleNotFoundError as exc:
        raise DemoRegionMissing(
            f"demo mode needs the {DEMO_REGION_MODULE.split('.')[0]} package ({exc.name} is "
            "missing): install fse-desk[demo], or configure a region"
        ) from exc
    start = cast(StartDemoRegion, module.start)
    return start(
        config.data_dir, seed=config.demo.seed, patients=config.demo.patients, report=report
    )
