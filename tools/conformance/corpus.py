"""The documents checked by default: every CDA the demo region generates and the PSS the
tests write (a full one with every section, a minimal one, a replacement)."""

from __future__ import annotations

import base64
import dataclasses
from collections.abc import Iterator
from datetime import date
from pathlib import Path

from fse_desk.pss import write_cda
from tools.conformance.runner import Document

DEMO_SEED = 42
DEMO_TODAY = date(2026, 11, 1)
_CDA_CONTENT_TYPE = "application/x-hl7-cda+xml"


def folder_documents(folder: Path) -> Iterator[Document]:
    """Every ``*.xml`` under the folder."""
    for path in sorted(folder.rglob("*.xml")):
        yield Document(str(path), path.read_bytes())


def test_pss_documents() -> Iterator[Document]:
    """The PSS of the tests' builders (tests/test_pss_support.py)."""
    from tests.test_pss_support import full_pss, minimal_pss

    full = full_pss()
    yield Document("PSS tests: full", write_cda(full))
    yield Document("PSS tests: minimal", write_cda(minimal_pss()))
    replacement = dataclasses.replace(
        full, document_id="PSS.2026.0002", version=2, replaced_id=full.document_id
    )
    yield Document("PSS tests: replacement (RPLC)", write_cda(replacement))


def demo_region_documents(patients: int) -> Iterator[Document]:
    """Every CDA of a demo region of ``patients`` assistiti (fixed seed and day)."""
    from fse_desk_sandbox.region.generator import generate_region

    for batch in generate_region(DEMO_SEED, patients, DEMO_TODAY):
        for resource in batch:
            if (
                resource.get("resourceType") == "Binary"
                and resource.get("contentType") == _CDA_CONTENT_TYPE
            ):
                content = base64.b64decode(resource["data"])
                yield Document(f"demo region: {resource['id']}", content)
