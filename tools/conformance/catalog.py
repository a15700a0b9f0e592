"""What a checkout of ``ministero-salute/it-fse-catalogs`` offers: the newest schematron per
document type, and the CDA schema.

The Ministry's files carry no licence, so they are read from the user's checkout at run
time and never copied into the project.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from lxml import etree

_FILE_NAME = re.compile(r"^schematron(?:FSE)?_(?P<kind>.+?)_v?(?P<version>\d+(?:\.\d+)*)\.sch$")
_DOCUMENT_CODE = re.compile(r"hl7:code\[@code='(?P<code>\d+-\d)'\]")
_DOCUMENT_TEMPLATE = re.compile(
    r"templateId\[@root='(?P<root>2\.16\.840\.1\.113883\.2\.9\.10\.1[.\d]*)'\]"
)
_SCHEMA = Path("schema") / "POCD_MT000040UV02" / "CDA.xsd"


class CatalogError(ValueError):
    """The folder is not a usable it-fse-catalogs checkout."""


@dataclass(frozen=True, slots=True)
class Schematron:
    kind: str  # the document type as the file name says it: PSS, LAB, singola_VACC, ...
    version: tuple[int, ...]
    path: Path
    loinc: str  # the document code its first ClinicalDocument rule requires
    template_root: str  # the document templateId it requires

    @property
    def label(self) -> str:
        return f"{self.kind} v{'.'.join(map(str, self.version))}"


def _read(path: Path) -> Schematron | None:
    match = _FILE_NAME.match(path.name)
    if match is None:
        return None
    text = path.read_text(encoding="utf-8", errors="replace")
    code = _DOCUMENT_CODE.search(text)
    template = _DOCUMENT_TEMPLATE.search(text)
    return Schematron(
        kind=match["kind"],
        version=tuple(int(part) for part in match["version"].split(".")),
        path=path,
        loinc=code["code"] if code else "",
        template_root=template["root"] if template else "",
    )


def newest_schematrons(checkout: Path) -> list[Schematron]:
    """The newest version of each document type's schematron, by file name."""
    folder = checkout / "schematron"
    if not folder.is_dir():
        raise CatalogError(
            f"{checkout} has no schematron/ folder: is it an it-fse-catalogs checkout?"
        )
    newest: dict[str, Schematron] = {}
    for path in sorted(folder.glob("*.sch")):
        found = _read(path)
        if found is not None and (
            found.kind not in newest or found.version > newest[found.kind].version
        ):
            newest[found.kind] = found
    return sorted(newest.values(), key=lambda s: s.kind.lower())


def schematron_for(
    schematrons: list[Schematron], loinc: str, template_roots: set[str]
) -> Schematron | None:
    """The schematron of a document's type: by its code, then its templateId when several
    types share a code (the NoSSN prescriptions, the telemedicine reports); with no templateId
    to choose by, the type with the plainest name (PrF rather than PrFNoSSN)."""
    candidates = [s for s in schematrons if s.loinc == loinc]
    by_template = [s for s in candidates if s.template_root in template_roots]
    pool = by_template or candidates
    return min(pool, key=lambda s: len(s.kind)) if pool else None


class _FlatFolder(etree.Resolver):
    """The catalogue's CDA.xsd includes ``./coreschemas/…`` but ships the files beside it."""

    def __init__(self, folder: Path) -> None:
        super().__init__()
        self._folder = folder

    def resolve(self, system_url: str, public_id: str, context: object) -> object:
        wanted = self._folder / Path(system_url).name
        if "coreschemas" in system_url and wanted.is_file():
            return self.resolve_filename(str(wanted), context)
        return None


def cda_schema(checkout: Path) -> etree.XMLSchema:
    """The CDA R2 schema (POCD_MT000040UV02) the gateway validates with."""
    path = checkout / _SCHEMA
    if not path.is_file():
        raise CatalogError(f"{checkout} has no {_SCHEMA}")
    parser = etree.XMLParser()
    parser.resolvers.add(_FlatFolder(path.parent))
    return etree.XMLSchema(etree.parse(str(path), parser))
