"""The conformance tool's schematron compiler, on a small schematron written here (the
Ministry's files are not ours to ship: `./dev conformance` reads them from a checkout)."""

from __future__ import annotations

from saxonche import PySaxonProcessor

from tools.conformance.schematron import compile_schematron, read_findings

SCHEMATRON = b"""<?xml version="1.0" encoding="UTF-8"?>
<schema xmlns="http://purl.oclc.org/dsdl/schematron" queryBinding="xslt2">
  <ns prefix="hl7" uri="urn:hl7-org:v3"/>
  <pattern id="all">
    <let name="sections" value="count(//hl7:section)"/>
    <rule context="hl7:section[hl7:code/@code='A']">
      <assert test="$titles = 1"
        >ERRORE-a1| <name/> A has <value-of select="$titles"/> titles</assert>
      <let name="titles" value="count(hl7:title)"/>
    </rule>
    <rule context="hl7:section">
      <assert test="hl7:title">ERRORE-s1| section without title</assert>
      <report test="$sections &gt; 2">W001| more than two sections</report>
    </rule>
  </pattern>
</schema>
"""

DOCUMENT = """<ClinicalDocument xmlns="urn:hl7-org:v3">
  <section><code code="A"/><title>x</title><title>y</title></section>
  <section><code code="B"/></section>
  <section><code code="C"/><title>z</title></section>
</ClinicalDocument>"""


def test_compiled_schematron_reports_failed_asserts_and_fired_reports() -> None:
    saxon = PySaxonProcessor(license=False)
    stylesheet = compile_schematron(SCHEMATRON).decode("utf-8")
    executable = saxon.new_xslt30_processor().compile_stylesheet(stylesheet_text=stylesheet)
    report = executable.transform_to_string(xdm_node=saxon.parse_xml(xml_text=DOCUMENT))
    findings = read_findings(report.encode("utf-8"))
    by_rule = sorted((f.rule_id, f.is_error, f.location) for f in findings)
    # Section A meets only its own rule (first match wins): no "s1" and no W001 for it.
    assert by_rule == [
        ("ERRORE-a1", True, "/Q{urn:hl7-org:v3}ClinicalDocument[1]/Q{urn:hl7-org:v3}section[1]"),
        ("ERRORE-s1", True, "/Q{urn:hl7-org:v3}ClinicalDocument[1]/Q{urn:hl7-org:v3}section[2]"),
        ("W001", False, "/Q{urn:hl7-org:v3}ClinicalDocument[1]/Q{urn:hl7-org:v3}section[2]"),
        ("W001", False, "/Q{urn:hl7-org:v3}ClinicalDocument[1]/Q{urn:hl7-org:v3}section[3]"),
    ]
    first = next(f for f in findings if f.rule_id == "ERRORE-a1")
    assert first.message == "ERRORE-a1| section A has 2 titles"
