"""Run the schematron of each document's type and the CDA schema over a set of documents."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree
from saxonche import PySaxonProcessor, PyXsltExecutable

from tools.conformance.catalog import Schematron, cda_schema, newest_schematrons, schematron_for
from tools.conformance.schematron import Finding, compile_schematron, read_findings

V3 = "urn:hl7-org:v3"
_QUOTED_VALUE = re.compile(r"'[^'{}]*'(?= is not)")


@dataclass(frozen=True, slots=True)
class Document:
    name: str  # where it comes from: a file path or "demo region: <id>"
    content: bytes


@dataclass(slots=True)
class TypeTally:
    """Errors and warnings of one document type, by rule."""

    documents: int = 0
    failing: int = 0
    errors: Counter[str] = field(default_factory=Counter)
    warnings: Counter[str] = field(default_factory=Counter)
    examples: dict[str, str] = field(default_factory=dict)  # rule → one message


@dataclass(frozen=True, slots=True)
class DocumentResult:
    document: Document
    kind: str  # the schematron label, or why none applied
    schema_errors: tuple[str, ...]
    findings: tuple[Finding, ...]

    @property
    def errors(self) -> list[str]:
        rules = [f.rule_id for f in self.findings if f.is_error]
        return [f"XSD: {message}" for message in self.schema_errors] + rules


class Checker:
    """The catalogue's schematrons (compiled once each, on first use) and its CDA schema."""

    def __init__(self, checkout: Path) -> None:
        self._schematrons = newest_schematrons(checkout)
        self._schema = cda_schema(checkout)
        self._saxon = PySaxonProcessor(license=False)
        self._compiled: dict[Path, PyXsltExecutable] = {}

    @property
    def schematrons(self) -> list[Schematron]:
        return list(self._schematrons)

    def _executable(self, schematron: Schematron) -> PyXsltExecutable:
        if schematron.path not in self._compiled:
            stylesheet = compile_schematron(schematron.path.read_bytes()).decode("utf-8")
            compiler = self._saxon.new_xslt30_processor()
            self._compiled[schematron.path] = compiler.compile_stylesheet(
                stylesheet_text=stylesheet
            )
        return self._compiled[schematron.path]

    def check(self, document: Document) -> DocumentResult:
        try:
            root = etree.fromstring(document.content, etree.XMLParser(resolve_entities=False))
        except etree.XMLSyntaxError as exc:
            return DocumentResult(document, "not XML", (f"not well-formed: {exc}",), ())
        schema_errors: tuple[str, ...] = ()
        if not self._schema.validate(root):
            schema_errors = tuple(
                _QUOTED_VALUE.sub("'…'", error.message) for error in self._schema.error_log
            )
        code = root.find(f"{{{V3}}}code")
        loinc = code.get("code", "") if code is not None else ""
        templates = {t.get("root", "") for t in root.findall(f"{{{V3}}}templateId")}
        schematron = schematron_for(self._schematrons, loinc, templates)
        if schematron is None:
            return DocumentResult(document, f"no schematron for {loinc or '?'}", schema_errors, ())
        node = self._saxon.parse_xml(xml_text=document.content.decode("utf-8"))
        report = self._executable(schematron).transform_to_string(xdm_node=node)
        return DocumentResult(
            document, schematron.label, schema_errors, tuple(read_findings(report.encode()))
        )


def tally(results: Iterable[DocumentResult]) -> dict[str, TypeTally]:
    by_kind: dict[str, TypeTally] = {}
    for result in results:
        kind = by_kind.setdefault(result.kind, TypeTally())
        kind.documents += 1
        errors = result.errors
        kind.failing += bool(errors)
        kind.errors.update(errors)
        for finding in result.findings:
            if not finding.is_error:
                kind.warnings[finding.rule_id] += 1
            kind.examples.setdefault(finding.rule_id, finding.message)
    return by_kind


def format_report(by_kind: dict[str, TypeTally], verbose: bool = False) -> str:
    lines: list[str] = []
    total_errors = 0
    for name in sorted(by_kind, key=str.lower):
        kind = by_kind[name]
        errors = sum(kind.errors.values())
        total_errors += errors
        lines.append(
            f"{name}: {kind.documents} documents, {kind.failing} with errors, "
            f"{errors} errors, {sum(kind.warnings.values())} warnings"
        )
        for rule, count in sorted(kind.errors.items(), key=lambda item: (-item[1], item[0])):
            detail = f"  {kind.examples[rule][:160]}" if verbose and rule in kind.examples else ""
            lines.append(f"    error   {count:5d}  {rule[:150]}{detail}")
        for rule, count in sorted(kind.warnings.items(), key=lambda item: (-item[1], item[0])):
            detail = f"  {kind.examples[rule][:160]}" if verbose else ""
            lines.append(f"    warning {count:5d}  {rule}{detail}")
    lines.append(f"TOTAL: {total_errors} errors")
    return "\n".join(lines)
