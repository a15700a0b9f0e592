"""``./dev conformance CATALOGS [DOCUMENTS]``: the gateway's validators over our documents.

CATALOGS is a checkout of ministero-salute/it-fse-catalogs. Without DOCUMENTS (a folder of
CDA ``*.xml``), checks the demo region's documents and the PSS of the tests.
Exit status 1 when any document has an error.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterator
from itertools import chain
from pathlib import Path

from tools.conformance.catalog import CatalogError
from tools.conformance.corpus import demo_region_documents, folder_documents, test_pss_documents
from tools.conformance.runner import Checker, Document, format_report, tally


def _documents(folder: Path | None, patients: int) -> Iterator[Document]:
    if folder is not None:
        return folder_documents(folder)
    return chain(test_pss_documents(), demo_region_documents(patients))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="./dev conformance", description=__doc__.split("\n")[0])
    parser.add_argument("catalogs", type=Path, help="checkout of it-fse-catalogs")
    parser.add_argument("documents", type=Path, nargs="?", help="folder of CDA documents")
    parser.add_argument("--patients", type=int, default=40, help="demo region size (default 40)")
    parser.add_argument("-v", "--verbose", action="store_true", help="print one message per rule")
    parser.add_argument("--list", action="store_true", help="print each document's errors too")
    args = parser.parse_args(argv)
    try:
        checker = Checker(args.catalogs)
    except CatalogError as exc:
        print(f"conformance: {exc}", file=sys.stderr)
        return 2
    print("schematrons: " + ", ".join(s.label for s in checker.schematrons))
    results = []
    for document in _documents(args.documents, args.patients):
        result = checker.check(document)
        results.append(result)
        if args.list and result.errors:
            print(f"{document.name} [{result.kind}]: {', '.join(sorted(set(result.errors)))}")
    print(format_report(tally(results), args.verbose))
    return 1 if any(r.errors for r in results) else 0


if __name__ == "__main__":
    sys.exit(main())
