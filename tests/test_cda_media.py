"""``<renderMultiMedia>``: an image the document holds inline is shown; a reference it
cannot resolve inside the document is a text placeholder, never fetched, never dropped."""

from __future__ import annotations

import base64
import struct
import zlib

from PySide6.QtCore import QUrl
from PySide6.QtGui import QImage, QTextDocument
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from fse_desk.documents import ListBlock, MediaBlock, Paragraph, TableBlock, parse_cda
from fse_desk_ui.i18n import install_translators
from fse_desk_ui.timeline.cda_html import cda_to_html, media_resources
from fse_desk_ui.timeline.reader import SafeTextBrowser


def _png(width: int, height: int) -> bytes:
    """A grey RGB PNG, built by hand (no imaging library in the core's tests)."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    rows = b"".join(b"\x00" + b"\x80\x80\x80" * width for _ in range(height))
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(rows))
        + chunk(b"IEND", b"")
    )


PNG = _png(3, 2)


def _document() -> bytes:
    b64 = base64.b64encode(PNG).decode("ascii")
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<ClinicalDocument xmlns="urn:hl7-org:v3" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
  <code code="11488-4" codeSystem="2.16.840.1.113883.6.1"/>
  <title>Visita dermatologica</title>
  <component><structuredBody>
    <component><section>
      <title>Esame obiettivo</title>
      <text>Lesione pigmentata al dorso.
        <renderMultiMedia referencedObject="IMG-1"><caption>Dermatoscopia</caption>
        </renderMultiMedia>
        <paragraph>Bordi regolari.</paragraph>
        <renderMultiMedia referencedObject="IMG-2"><caption>Foto clinica</caption>
        </renderMultiMedia>
        <renderMultiMedia referencedObject="IMG-9"/>
      </text>
      <entry><observationMedia classCode="OBS" moodCode="EVN" ID="IMG-1">
        <value mediaType="image/png" representation="B64">{b64[:20]}
          {b64[20:]}</value>
      </observationMedia></entry>
      <entry><observationMedia classCode="OBS" moodCode="EVN" ID="IMG-2">
        <value mediaType="image/jpeg"><reference value="https://pacs.example.invalid/foto.jpg"/></value>
      </observationMedia></entry>
    </section></component>
  </structuredBody></component>
</ClinicalDocument>""".encode()


def test_an_inline_image_resolves_and_the_others_stay_placeholders_in_place() -> None:
    [section] = parse_cda(_document()).sections
    assert section.blocks == (
        Paragraph("Lesione pigmentata al dorso."),
        MediaBlock("IMG-1", "Dermatoscopia", "image/png", PNG),
        Paragraph("Bordi regolari."),
        MediaBlock("IMG-2", "Foto clinica"),  # an external reference: not fetched
        MediaBlock("IMG-9", ""),  # no element of that ID
    )


def test_the_viewer_shows_the_image_from_memory_and_says_what_is_missing(
    qtbot: QtBot, qapp: QApplication
) -> None:
    install_translators(qapp, "it")
    doc = parse_cda(_document())
    browser = SafeTextBrowser()
    qtbot.addWidget(browser)
    media = media_resources(doc)
    assert media == {"cda-media:0": PNG}
    browser.show_html(cda_to_html(doc), media)
    kind = QTextDocument.ResourceType.ImageResource.value
    image = browser.loadResource(kind, QUrl("cda-media:0"))
    assert isinstance(image, QImage) and (image.width(), image.height()) == (3, 2)
    assert image.pixelColor(1, 1).red() == 0x80
    external = QUrl("https://pacs.example.invalid/foto.jpg")
    assert browser.loadResource(kind, external) is None
    text = browser.toPlainText()
    assert "Dermatoscopia" in text
    assert "[Immagine non disponibile nel documento: Foto clinica]" in text
    assert "[Immagine non disponibile nel documento: IMG-9]" in text
    assert text.index("Bordi regolari.") < text.index("Foto clinica")


def test_an_image_inside_a_paragraph_list_or_table_follows_its_block_with_its_caption() -> None:
    b64 = base64.b64encode(PNG).decode("ascii")
    document = f"""<?xml version="1.0" encoding="UTF-8"?>
<ClinicalDocument xmlns="urn:hl7-org:v3">
  <code code="11488-4" codeSystem="2.16.840.1.113883.6.1"/>
  <title>Visita dermatologica</title>
  <component><structuredBody><component><section>
    <title>Esame obiettivo</title>
    <text>
      <paragraph>Nevo al dorso <renderMultiMedia referencedObject="IMG-1"><caption>Dorso
        </caption></renderMultiMedia>di 4 mm.</paragraph>
      <list><item>Controllo a 6 mesi <renderMultiMedia referencedObject="IMG-7"/></item></list>
      <table><tbody><tr><td>Sede</td><td>Dorso <renderMultiMedia referencedObject="IMG-1">
        <caption>Dettaglio</caption></renderMultiMedia></td></tr></tbody></table>
    </text>
    <entry><observationMedia classCode="OBS" moodCode="EVN" ID="IMG-1">
      <value mediaType="image/png" representation="B64">{b64}</value>
    </observationMedia></entry>
  </section></component></structuredBody></component>
</ClinicalDocument>""".encode()
    [section] = parse_cda(document).sections
    assert section.blocks == (
        Paragraph("Nevo al dorso di 4 mm."),
        MediaBlock("IMG-1", "Dorso", "image/png", PNG),
        ListBlock(("Controllo a 6 mesi",)),
        MediaBlock("IMG-7", ""),  # no element of that ID: a placeholder, in place
        TableBlock((), (("Sede", "Dorso"),)),
        MediaBlock("IMG-1", "Dettaglio", "image/png", PNG),
    )
