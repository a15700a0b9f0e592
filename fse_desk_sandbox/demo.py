"""The demo region as the workstation's plug-in (see :mod:`fse_desk.demo`)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

from fse_desk.demo import DemoRegion
from fse_desk.progress import Progress
from fse_desk.security.certificates import demo_certificate
from fse_desk_sandbox import ResourceStore, SandboxServer, ensure_seeded
from fse_desk_sandbox.gateway import configure_audience, trust_certificate_authority
from fse_desk_sandbox.region import DEMO_MMG_CF, DEMO_MMG_ID, DEMO_MMG_NAME
from fse_desk_sandbox.region.pss import DEMO_SIGNER


def start(
    data_dir: Path,
    *,
    seed: int,
    patients: int,
    report: Callable[[Progress], None] | None,
) -> DemoRegion:
    """Seed the region into ``data_dir`` the first time, then serve it on loopback."""
    region_dir = data_dir / "sandbox"
    region_dir.mkdir(parents=True, exist_ok=True)
    region = ResourceStore(region_dir / f"region-{seed}.sqlite")

    def seeding(done: int, total: int) -> None:
        if report is not None:
            report(Progress(done, total, "Preparing the demo region"))

    ensure_seeded(region, seed=seed, patients=patients, today=date.today(), progress=seeding)
    # The demo MMG signs with a generated test certificate that only the sandbox trusts.
    credentials = demo_certificate(data_dir)
    trust_certificate_authority(region, credentials.chain[0])
    server = SandboxServer(region)
    server.start()

    def stop() -> None:
        server.stop()
        region.close()

    root = server.base_url.removesuffix("/fhir")
    configure_audience(region, root + "/v1")  # its address is known once it listens
    return DemoRegion(
        fhir_url=server.base_url,
        pacs_url=root + "/dicom-web",
        gateway_url=root + "/v1",
        operator_name=DEMO_MMG_NAME,
        operator_cf=DEMO_MMG_CF,
        practitioner_id=DEMO_MMG_ID,
        signer=DEMO_SIGNER,
        credentials=credentials,
        stop=stop,
    )
