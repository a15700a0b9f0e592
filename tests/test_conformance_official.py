"""The Ministry's own schematrons and CDA schema over the demo region and the test PSS.

Their files carry no licence, so the project ships none of them: this test runs where
``FSE_CATALOGS`` names a checkout of ministero-salute/it-fse-catalogs (as
``./dev conformance CATALOGS`` does), and says so where it cannot. In CI the same rules
are kept, in our words, by tests/test_region_conformance.py.
"""

from __future__ import annotations

import os
from itertools import chain
from pathlib import Path

import pytest

from tools.conformance import corpus
from tools.conformance.runner import Checker, format_report, tally

CHECKED_TYPES = {
    "PSS",
    "LAB",
    "LDO",
    "RAD",
    "RSA",
    "PrF",
    "PrS",
    "singola_VACC",
    "VPS",
    "Referto_Televisita",
}


@pytest.fixture(scope="module")
def checker() -> Checker:
    checkout = os.environ.get("FSE_CATALOGS", "")
    if not checkout:
        pytest.skip("FSE_CATALOGS is not set: no it-fse-catalogs checkout to run")
    return Checker(Path(checkout))


def test_every_document_we_write_passes_its_newest_schematron_and_the_schema(
    checker: Checker,
) -> None:
    documents = chain(corpus.test_pss_documents(), corpus.demo_region_documents(20))
    by_kind = tally(checker.check(document) for document in documents)
    checked = {label.split(" v")[0] for label in by_kind if not label.startswith("no ")}
    assert checked >= CHECKED_TYPES
    failing = {label: sum(kind.errors.values()) for label, kind in by_kind.items()}
    assert {label: n for label, n in failing.items() if n} == {}, format_report(by_kind)
