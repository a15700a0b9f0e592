"""Documents written by other vendors' software read in full: every section at every depth,
every character of the narrative, lab results only from lab reports.

The fixtures in tests/data/vendor_cda/ were written for these tests in the style of other
vendors (nested sections, captions, styled content, footnotes, codes we do not know)."""

from __future__ import annotations

from pathlib import Path

import pytest
from defusedxml import ElementTree

from fse_desk.documents.cda import LAB_REPORT_LOINC, Block, ListBlock, Paragraph, parse_cda

DATA = Path(__file__).parent / "data" / "vendor_cda"
FIXTURES = sorted(DATA.glob("*.xml"))
V3 = "{urn:hl7-org:v3}"


def _characters(text: str) -> str:
    """The printable characters, without white space (which the layout may change)."""
    return "".join(text.split())


def _block_text(block: Block) -> str:
    if isinstance(block, Paragraph):
        return block.text
    if isinstance(block, ListBlock):
        return "".join(block.items)
    return "".join("".join(row) for row in (block.header, *block.rows))


@pytest.mark.parametrize("path", FIXTURES, ids=lambda p: p.stem)
def test_every_section_at_every_depth_and_all_its_narrative_is_read(path: Path) -> None:
    xml = path.read_bytes()
    document = parse_cda(xml)
    root = ElementTree.fromstring(xml)
    titles = [s.findtext(f"{V3}title") for s in root.iter(f"{V3}section")]
    assert [s.title for s in document.sections] == titles
    assert max(s.depth for s in document.sections) == 1
    # Section by section, the narrative's characters in the order the reader gets them.
    expected = [
        _characters("".join(text.itertext()) if (text := s.find(f"{V3}text")) is not None else "")
        for s in root.iter(f"{V3}section")
    ]
    read = [_characters("".join(_block_text(b) for b in s.blocks)) for s in document.sections]
    assert read == expected
    total = sum(map(len, expected))
    assert total > 200 and sum(map(len, read)) == total  # 100 % of the narrative characters


@pytest.mark.parametrize("path", FIXTURES, ids=lambda p: p.stem)
def test_structured_results_come_only_from_lab_reports(path: Path) -> None:
    document = parse_cda(path.read_bytes())
    if document.header.type_code == LAB_REPORT_LOINC:
        by_code = {r.loinc: r for r in document.lab_results}
        assert list(by_code) == ["6690-2", "718-7", "777-3", "2345-7", "2160-0"]
        assert (by_code["718-7"].value, by_code["718-7"].unit, by_code["718-7"].flag) == (
            11.1,
            "g/dL",
            "L",
        )
        assert (by_code["2345-7"].low, by_code["2345-7"].high) == (70.0, 100.0)
    else:  # coded allergies, drugs and a heart rate are not a "Risultati" table
        assert document.lab_results == ()
