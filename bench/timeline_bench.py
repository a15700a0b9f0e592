"""The Timeline tab on a patient with 10,000 documents, and CDA rendering speed.

Run: ``.venv/bin/python bench/timeline_bench.py`` (headless: QT_QPA_PLATFORM=offscreen
is set when no display is given). Prints:

- time from selecting the patient to the first painted timeline, vs the bare
  SQL query fetching the same rows on the same SQLCipher cache (target ≤ 3);
- the longest GUI event-loop stall while scrolling the whole list page by page
  and line by line (target ≤ 50 ms);
- p95 time to parse and render each CDA of the synthetic region as the reader's page.
"""

from __future__ import annotations

import base64
import os
import secrets
import statistics
import sys
import tempfile
import time
from dataclasses import replace
from datetime import date
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import _synthetic
from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QApplication

from fse_desk.connectors.fhir_client import FhirClient
from fse_desk.documents import parse_cda
from fse_desk.domain.patient import ConsentState
from fse_desk.domain.roles import Role
from fse_desk.pss.refresh import FindingsIndexer
from fse_desk.store import CacheStore
from fse_desk.timeline import TimelineService
from fse_desk.workstation import Operator
from fse_desk_sandbox.region import generate_region
from fse_desk_ui.i18n import install_translators
from fse_desk_ui.timeline import TimelineWidget
from fse_desk_ui.timeline.cda_html import cda_to_html

DOCUMENTS = int(os.environ.get("BENCH_DOCUMENTS", "10000"))
ROUNDS = int(os.environ.get("BENCH_ROUNDS", "7"))
REGION_PATIENTS = int(os.environ.get("BENCH_REGION_PATIENTS", "200"))
BARE_SQL = (
    "SELECT d.id, d.type_code, d.doc_class, d.title, d.date, d.author, d.facility, "
    "d.content_type FROM document d WHERE d.patient_id = ? ORDER BY d.date DESC, d.id"
)


class PaintClock(QObject):
    """Notes when the list's viewport is painted."""

    def __init__(self) -> None:
        super().__init__()
        self.painted_at: float | None = None

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint and self.painted_at is None:
            self.painted_at = time.perf_counter()
        return False


def _cache(folder: Path) -> tuple[CacheStore, object, object]:
    store = CacheStore.open(folder / "cache.db", secrets.token_bytes(32))
    owner, other = _synthetic.patients(2)
    owner = replace(owner, consent=ConsentState.GRANTED)
    other = replace(other, consent=ConsentState.GRANTED)
    store.patients.upsert_many([owner, other])
    docs = _synthetic.documents([owner], DOCUMENTS)
    store.documents.upsert_many(docs)
    return store, owner, other


def timeline_benchmark() -> None:
    app = QApplication.instance() or QApplication(sys.argv)
    install_translators(app, "it")
    with tempfile.TemporaryDirectory() as tmp:
        store, owner, other = _cache(Path(tmp))
        client = FhirClient("http://127.0.0.1:9/fhir")  # never called: everything is cached
        operator = Operator("Dott. Bench", "BNCDTT70A01A944X", Role.MMG, None, "bench")
        widget = TimelineWidget(
            TimelineService(store, client, operator, read_findings=FindingsIndexer())
        )
        widget.resize(1500, 900)
        widget.show()
        app.processEvents()
        clock = PaintClock()
        widget.view.viewport().installEventFilter(clock)
        conn = store._db.connection()  # the same SQLCipher connection, warm
        shown, bare = [], []
        for _ in range(ROUNDS):
            widget.show_patient(other)  # switch away, then select the big one again
            app.processEvents()
            clock.painted_at = None
            started = time.perf_counter()
            widget.show_patient(owner)
            while clock.painted_at is None:
                app.processEvents()
            shown.append(clock.painted_at - started)
            started = time.perf_counter()
            rows = conn.execute(BARE_SQL, (owner.id,)).fetchall()
            bare.append(time.perf_counter() - started)
            assert len(rows) == widget.model.entry_count == DOCUMENTS
        t_shown, t_bare = statistics.median(shown), statistics.median(bare)
        print(
            f"timeline, {DOCUMENTS:,} documents: select → first paint {t_shown * 1000:.1f} ms, "
            f"bare SQL {t_bare * 1000:.1f} ms, ratio {t_shown / t_bare:.2f} (target ≤ 3)"
        )

        bar = widget.view.verticalScrollBar()
        worst = 0.0
        steps = 0
        for step in (bar.pageStep(), bar.singleStep() * 3):
            bar.setValue(0)
            app.processEvents()
            while bar.value() < bar.maximum():
                started = time.perf_counter()
                bar.setValue(bar.value() + step)
                widget.view.viewport().repaint()
                app.processEvents()
                worst = max(worst, time.perf_counter() - started)
                steps += 1
        print(
            f"scrolling the whole list ({steps:,} steps, page and line): longest stall "
            f"{worst * 1000:.1f} ms (target ≤ 50)"
        )
        widget.close()
        store.close()


def cda_benchmark() -> None:
    resources = [r for b in generate_region(42, REGION_PATIENTS, date(2026, 11, 1)) for r in b]
    bodies = [
        base64.b64decode(r["data"])
        for r in resources
        if r["resourceType"] == "Binary" and r["contentType"] == "application/x-hl7-cda+xml"
    ]
    times = []
    for body in bodies:
        started = time.perf_counter()
        cda_to_html(parse_cda(body))
        times.append(time.perf_counter() - started)
    times.sort()
    p95 = times[int(0.95 * (len(times) - 1))]
    print(
        f"CDA rendering, {len(bodies):,} documents of {REGION_PATIENTS} patients: "
        f"p50 {statistics.median(times) * 1000:.2f} ms, p95 {p95 * 1000:.2f} ms, "
        f"max {times[-1] * 1000:.2f} ms per document"
    )


if __name__ == "__main__":
    timeline_benchmark()
    cda_benchmark()
