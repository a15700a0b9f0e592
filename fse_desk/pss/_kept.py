"""What another vendor's PSS holds beyond the editor's records, kept verbatim.

Reading: an entry this software did not write is kept as XML with the narrative it
refers to (:class:`KeptEntry`); a section the editor does not know is kept whole
(:class:`KeptSection`). Writing: they go back into the document as they were, the
entry's narrative as one paragraph per part it refers to, under the part's own ID, so
its ``<reference>`` still resolves.
"""

from __future__ import annotations

from xml.etree import ElementTree as ET
from xml.etree.ElementTree import Element

from fse_desk.documents.cda import parse_xml
from fse_desk.pss._cda_xml import el
from fse_desk.pss._entries import V3, XSI
from fse_desk.pss.model import Entry, KeptEntry, KeptSection, Pss

_N = f"{{{V3}}}"
_XSI = f"{{{XSI}}}"


def _plain(el_: Element) -> str:
    return " ".join(part.strip() for part in el_.itertext() if part.strip())


def _serialized(node: Element) -> str:
    """``node`` alone, without the white space that follows it in its document."""
    tail, node.tail = node.tail, None
    try:
        return ET.tostring(node, encoding="unicode")
    finally:
        node.tail = tail


def written_by_us(entry: Element, id_root: str, document_id: str) -> bool:
    """Whether ``entry`` is one our writer made for this document: its statement's id is
    the document id extended with a narrative row (see ``EntryIds``)."""
    for statement in entry:
        ident = statement.find(f"{_N}id")
        return (
            ident is not None
            and ident.get("root") == id_root
            and str(ident.get("extension", "")).startswith(f"{document_id}.")
        )
    return False


def keep_entry(entry: Element, text: Element | None, key: str, record: Entry | None) -> KeptEntry:
    """``entry`` of section ``key`` (whose narrative is ``text``) kept as written."""
    targets: dict[str, Element] = {}
    if text is not None:
        targets = {str(e.get("ID")): e for e in text.iter() if e.get("ID")}
    narrative: list[tuple[str, str]] = []
    for ref in entry.iter(f"{_N}reference"):
        ref_id = str(ref.get("value", "")).removeprefix("#")
        if ref_id in targets and all(ref_id != seen for seen, _ in narrative):
            narrative.append((ref_id, _plain(targets[ref_id])))
    summary = " — ".join(t for _, t in narrative if t)
    if not summary:  # no narrative: the names its codes carry
        names = (str(c.get("displayName", "")) for c in entry.iter() if c.get("displayName"))
        summary = " — ".join(dict.fromkeys(n for n in names if n))
    return KeptEntry(
        section=key,
        xml=_serialized(entry),
        summary=summary,
        narrative=tuple(narrative),
        record=record,
    )


def keep_section(section: Element) -> KeptSection:
    title = section.find(f"{_N}title")
    return KeptSection(
        title="" if title is None else _plain(title),
        xml=_serialized(section),
    )


def as_written(pss: Pss, key: str) -> list[KeptEntry | None]:
    """For each record of section ``key``, the kept entry of another vendor it still
    equals (it goes out as that vendor wrote it), or None (our writer writes it)."""
    unused = [k for k in pss.kept_entries if k.section == key and k.record is not None]
    found: list[KeptEntry | None] = []
    for item in pss.entries(key):
        match = next((k for k in unused if k.record == item), None)
        if match is not None:
            unused.remove(match)
        found.append(match)
    return found


def _unqualified(node: Element) -> Element:
    """``node`` with CDA names unprefixed, as the writer builds them (see ``el``)."""
    for item in node.iter():
        if item.tag.startswith(_N):
            item.tag = item.tag[len(_N) :]
        if any(n.startswith(_XSI) for n in item.attrib):  # in place, keeping the order
            names = {n: f"xsi:{n[len(_XSI) :]}" if n.startswith(_XSI) else n for n in item.attrib}
            item.attrib = {names[n]: v for n, v in item.attrib.items()}
    return node


def restored(xml: str) -> Element:
    """A kept element, ready to go into a document the writer builds."""
    return _unqualified(parse_xml(xml.encode("utf-8")))


def add_narrative(text: Element, kept: list[KeptEntry]) -> None:
    """The narrative the ``kept`` entries refer to, one paragraph per part, under its ID."""
    written: set[str] = set()
    for entry in kept:
        for ref_id, plain in entry.narrative:
            if ref_id not in written:
                written.add(ref_id)
                el(text, "paragraph", ID=ref_id).text = plain
