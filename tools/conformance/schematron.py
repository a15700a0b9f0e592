"""A minimal ISO Schematron → XSLT 2 compiler, enough for the Ministry's FSE schematrons.

No schematron-to-XSLT pipeline (SchXslt, the ISO skeleton) is published on the package
registries the project can reach, so this module writes the stylesheet itself. It covers
what the it-fse-catalogs schematrons use: ``ns``, global and rule ``let``, patterns of rules
with ``assert`` and ``report``, and messages with ``name``, ``value-of`` and embedded XSLT.
Not covered (and refused, so a new schematron that needs them fails loudly): abstract
rules and patterns, ``extends``, ``include``, phases, diagnostics.

ISO Schematron semantics kept: inside one pattern a node is the context of at most the
first rule whose context matches it (rules become templates of one mode with descending
priorities); every pattern walks the whole document.
"""

from __future__ import annotations

from dataclasses import dataclass

from lxml import etree

SCH = "http://purl.oclc.org/dsdl/schematron"
XSL = "http://www.w3.org/1999/XSL/Transform"
RESULT = "urn:fse-desk:conformance"
"""Namespace of the small report the compiled stylesheet writes (one ``failed`` per hit)."""

_UNSUPPORTED = ("include", "extends", "phase", "diagnostics", "param")


class SchematronUnsupported(ValueError):
    """The schematron uses a feature this compiler does not implement."""


@dataclass(frozen=True, slots=True)
class Finding:
    """One assert that failed or one report that fired, on one node of the document."""

    kind: str  # "assert" or "report"
    rule_context: str
    test: str
    message: str
    location: str

    @property
    def rule_id(self) -> str:
        """The rule's label as the Ministry writes it: the message up to the first ``|``."""
        head = self.message.split("|", 1)[0].strip()
        return head if head and len(head) < 40 else self.message[:40]

    @property
    def is_error(self) -> bool:
        """An assert or report is an error unless its message starts with "W" (warning)."""
        return not self.message.lstrip().upper().startswith("W")


def _x(parent: etree._Element, tag: str, **attrs: str) -> etree._Element:
    return etree.SubElement(parent, f"{{{XSL}}}{tag}", attrs)


def _copy_message(source: etree._Element, target: etree._Element) -> None:
    """The assert's mixed content as XSLT that writes its text."""
    if source.text:
        _x(target, "text").text = source.text
    for child in source:
        if not isinstance(child.tag, str):  # comment or processing instruction
            pass
        elif child.tag == f"{{{SCH}}}name":
            path = child.get("path", ".")
            _x(target, "value-of", select=f"name({path})")
        elif child.tag == f"{{{SCH}}}value-of":
            _x(target, "value-of", select=child.get("select", "."))
        elif etree.QName(child).namespace == XSL:
            target.append(_deep_copy(child))
        else:  # emph, dir, span: their text
            _copy_message(child, target)
        if child.tail:
            _x(target, "text").text = child.tail


def _deep_copy(node: etree._Element) -> etree._Element:
    copy = etree.fromstring(etree.tostring(node))
    copy.tail = None
    return copy


def _let(parent: etree._Element, let: etree._Element) -> None:
    _x(parent, "variable", name=let.get("name", ""), select=let.get("value", "."))


def _check(template: etree._Element, check: etree._Element, context: str) -> None:
    kind = etree.QName(check).localname
    test = check.get("test", "true()")
    condition = f"not({test})" if kind == "assert" else test
    when = _x(template, "if", test=condition)
    failed = etree.SubElement(
        when, f"{{{RESULT}}}failed", {"kind": kind, "context": context, "test": test}
    )
    location = etree.SubElement(failed, f"{{{RESULT}}}location")
    _x(location, "value-of", select="path(.)")
    message = etree.SubElement(failed, f"{{{RESULT}}}message")
    _copy_message(check, message)


def _pattern(sheet: etree._Element, pattern: etree._Element, mode: str) -> None:
    # A pattern's lets are evaluated on the document, like global variables.
    for let in pattern.findall(f"{{{SCH}}}let"):
        _let(sheet, let)
    rules = pattern.findall(f"{{{SCH}}}rule")
    for n, rule in enumerate(rules):
        if rule.get("abstract") == "true":
            raise SchematronUnsupported("abstract rules are not supported")
        context = rule.get("context", "")
        template = _x(sheet, "template", match=context, mode=mode, priority=str(len(rules) - n))
        # Variables first: a rule's lets are in scope for all its asserts, whatever the order.
        for let in rule.findall(f"{{{SCH}}}let"):
            _let(template, let)
        for child in rule:
            if isinstance(child.tag, str) and etree.QName(child).localname in ("assert", "report"):
                _check(template, child, context)
        _x(template, "apply-templates", select="*", mode=mode)
    fallback = _x(sheet, "template", match="/|*", mode=mode, priority="-1")
    _x(fallback, "apply-templates", select="*", mode=mode)


def compile_schematron(schematron: bytes) -> bytes:
    """The XSLT 2 stylesheet (UTF-8) that reports every failed assert and fired report."""
    root = etree.fromstring(schematron)
    if root.tag != f"{{{SCH}}}schema":
        raise SchematronUnsupported(f"not an ISO schematron: root element {root.tag}")
    for name in _UNSUPPORTED:
        if root.find(f".//{{{SCH}}}{name}") is not None:
            raise SchematronUnsupported(f"schematron element <{name}> is not supported")
    namespaces: dict[str | None, str] = {
        prefix: uri for prefix, uri in root.nsmap.items() if prefix and uri != SCH
    }
    for ns in root.findall(f"{{{SCH}}}ns"):
        namespaces[ns.get("prefix", "")] = ns.get("uri", "")
    namespaces.update({"xsl": XSL, "r": RESULT})
    sheet = etree.Element(f"{{{XSL}}}stylesheet", nsmap=namespaces, version="2.0")
    _x(sheet, "output", method="xml", indent="no")
    for let in root.findall(f"{{{SCH}}}let"):
        _let(sheet, let)
    patterns = root.findall(f"{{{SCH}}}pattern")
    start = _x(sheet, "template", match="/")
    report = etree.SubElement(start, f"{{{RESULT}}}report")
    for n, pattern in enumerate(patterns):
        if pattern.get("abstract") == "true" or pattern.get("is-a"):
            raise SchematronUnsupported("abstract patterns are not supported")
        mode = f"pattern{n}"
        _x(report, "apply-templates", select="/", mode=mode)
        _pattern(sheet, pattern, mode)
    stylesheet: bytes = etree.tostring(sheet, encoding="utf-8", xml_declaration=True)
    return stylesheet


def read_findings(report: bytes) -> list[Finding]:
    """The findings in the report written by a compiled stylesheet."""
    root = etree.fromstring(report)
    return [
        Finding(
            kind=failed.get("kind", ""),
            rule_context=failed.get("context", ""),
            test=failed.get("test", ""),
            message=" ".join(failed.findtext(f"{{{RESULT}}}message", "").split()),
            location=failed.findtext(f"{{{RESULT}}}location", ""),
        )
        for failed in root.iter(f"{{{RESULT}}}failed")
    ]
