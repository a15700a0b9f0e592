"""``<renderMultiMedia>`` in a CDA narrative: the images it refers to, resolved inside the
document only.

A reference resolves when it names (``referencedObject``, an IDREF) an
``observationMedia`` of the same document whose ``value`` is an inline, base64 image in a
format the viewer shows. Anything else (an external reference, another media type, a
name no element carries, undecodable data) stays a :class:`MediaBlock` without data,
shown as a text placeholder: never fetched, never dropped.
"""

from __future__ import annotations

import base64
import binascii
from dataclasses import dataclass
from xml.etree.ElementTree import Element

_NS = "{urn:hl7-org:v3}"

SHOWN_MEDIA_TYPES = frozenset({"image/png", "image/jpeg", "image/gif"})


@dataclass(frozen=True, slots=True)
class MediaBlock:
    """One image the narrative shows; ``data`` is None when it cannot be resolved."""

    reference: str
    caption: str
    media_type: str = ""
    data: bytes | None = None


def inline_media(root: Element) -> dict[str, tuple[str, bytes]]:
    """ID → (media type, bytes) of every observationMedia holding an inline image."""
    found: dict[str, tuple[str, bytes]] = {}
    for media in root.iter(f"{_NS}observationMedia"):
        ident = media.get("ID")
        value = media.find(f"{_NS}value")
        if not ident or value is None or value.find(f"{_NS}reference") is not None:
            continue
        kind = str(value.get("mediaType", "")).lower()
        if kind not in SHOWN_MEDIA_TYPES or value.get("representation") != "B64":
            continue
        try:
            data = base64.b64decode("".join((value.text or "").split()), validate=True)
        except (binascii.Error, ValueError):
            continue
        if data:
            found[ident] = (kind, data)
    return found


def media_blocks(
    element: Element, caption: str, media: dict[str, tuple[str, bytes]]
) -> list[MediaBlock]:
    """The blocks of one ``<renderMultiMedia>``: one per object it names (at least one)."""
    names = str(element.get("referencedObject", "")).split() or [""]
    blocks = []
    for name in names:
        kind, data = media.get(name, ("", None))
        blocks.append(MediaBlock(name, caption, kind, data))
    return blocks
