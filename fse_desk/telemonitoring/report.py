"""Telemonitoring reports as PDF (reportlab): the period report, the one-page AGP and the
"Report rilevazione" of the guide's document flow.

The words and pictures come from the caller (the UI passes the texts the team reads
and the very charts it shows, rendered to PNG), so the PDF says what the screen says;
this module lays them out and adds the figures of the period.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass, field
from xml.sax.saxutils import escape

import numpy as np
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import getSampleStyleSheet
from reportlab.lib.units import mm
from reportlab.platypus import (
    Flowable,
    Image,
    Paragraph,
    SimpleDocTemplate,
    Spacer,
    Table,
    TableStyle,
)

from fse_desk.domain.reading_track import Track

_WIDTH = A4[0] - 30 * mm


@dataclass(frozen=True, slots=True)
class Picture:
    png: bytes
    aspect: float  # height / width


@dataclass(frozen=True, slots=True)
class Section:
    heading: str
    paragraphs: tuple[str, ...] = ()
    picture: Picture | None = None
    table: tuple[tuple[str, ...], ...] = ()  # first row is the header


@dataclass(frozen=True, slots=True)
class ReportContent:
    title: str
    header_lines: tuple[str, ...]
    sections: tuple[Section, ...]
    footer: str = ""
    metadata: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class ParameterFigures:
    readings: int
    low: float
    mean: float
    high: float


def figures(track: Track, start: float, end: float, column: int = 0) -> ParameterFigures | None:
    """Count, minimum, mean and maximum of a track's readings in [start, end] (epoch s)."""
    lo, hi = np.searchsorted(track.times, [start, end], side="left")
    values = track.values[lo:hi, column]
    if values.size == 0:
        return None
    return ParameterFigures(
        int(values.size), float(values.min()), float(values.mean()), float(values.max())
    )


def render(content: ReportContent) -> bytes:
    """The report as PDF bytes."""
    out = io.BytesIO()
    styles = getSampleStyleSheet()
    doc = SimpleDocTemplate(
        out,
        pagesize=A4,
        leftMargin=15 * mm,
        rightMargin=15 * mm,
        topMargin=15 * mm,
        bottomMargin=15 * mm,
        title=content.title,
        author=content.metadata.get("author", ""),
        subject=content.metadata.get("subject", ""),
    )
    story: list[Flowable] = [Paragraph(escape(content.title), styles["Title"])]
    story += [Paragraph(escape(line), styles["Normal"]) for line in content.header_lines]
    for section in content.sections:
        story.append(Spacer(1, 4 * mm))
        story.append(Paragraph(escape(section.heading), styles["Heading2"]))
        story += [Paragraph(escape(p), styles["Normal"]) for p in section.paragraphs]
        if section.picture is not None:
            height = min(_WIDTH * section.picture.aspect, 150 * mm)
            story.append(
                Image(
                    io.BytesIO(section.picture.png),
                    width=height / section.picture.aspect,
                    height=height,
                )
            )
        if section.table:
            story.append(_table(section.table))
    if content.footer:
        story += [Spacer(1, 6 * mm), Paragraph(escape(content.footer), styles["Italic"])]
    doc.build(story)
    return out.getvalue()


def _table(rows: Sequence[Sequence[str]]) -> Table:
    table = Table([list(r) for r in rows], repeatRows=1, hAlign="LEFT")
    table.setStyle(
        TableStyle(
            [
                ("FONT", (0, 0), (-1, 0), "Helvetica-Bold", 9),
                ("FONT", (0, 1), (-1, -1), "Helvetica", 9),
                ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e8eef6")),
                ("GRID", (0, 0), (-1, -1), 0.25, colors.grey),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ]
        )
    )
    return table
