"""PSS core figures.

Run: ``.venv/bin/python bench/pss_bench.py``. Prints

1. building, writing, validating (structure + clinical) and reading back a PSS with 50
   entries (median of several rounds);
2. "Aggiorna dal fascicolo" on one patient with 500 cached documents (real CDA and PDF
   bodies of the synthetic region, copied into an encrypted cache built here): the time
   from reading the list and the bodies to the ready suggestions, and its ratio to just
   reading those bodies from the cache. Target ratio ≤ 2.
"""

from __future__ import annotations

import base64
import dataclasses
import os
import secrets
import statistics
import tempfile
import time
from datetime import date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from fse_desk._types import DocumentId, PatientId
from fse_desk.domain.document import DocumentMeta
from fse_desk.domain.patient import ConsentState
from fse_desk.fse.fhir_mapping import document_from_fhir, patient_from_fhir
from fse_desk.pss import codes
from fse_desk.pss.cda_reader import read_cda
from fse_desk.pss.cda_writer import write_cda
from fse_desk.pss.model import (
    AdministrativeSex,
    Allergy,
    Clinician,
    Coded,
    Confidentiality,
    FamilyHistory,
    Organization,
    PatientInfo,
    Problem,
    Pss,
    Relative,
    Therapy,
    VitalSign,
)
from fse_desk.pss.suggestions import (
    FindingsCache,
    shipped_vocabularies,
    suggest_updates,
)
from fse_desk.pss.validator import validate_cda_structure, validate_pss
from fse_desk.pss.vocabularies import load_vocabulary
from fse_desk.sandbox.region import generate_region
from fse_desk.store import CacheStore

ROUNDS = int(os.environ.get("BENCH_ROUNDS", "7"))
TODAY = date(2026, 11, 1)
ROME = ZoneInfo("Europe/Rome")
DOCUMENTS = 500


def build_pss_50() -> Pss:
    icd = load_vocabulary("icd9cm").terms
    atc = load_vocabulary("atc").terms
    allergens = load_vocabulary("allergens").terms
    mmg = Clinician("RSSMRA70A01A944X", "Mario", "Rossi", ("tel:+390516543210",))
    return Pss(
        document_id="PSS.BENCH.2", set_id="PSS.BENCH.1", version=2, replaced_id="PSS.BENCH.1",
        effective_time=datetime(2026, 10, 30, 10, 0, tzinfo=ROME),
        confidentiality=Confidentiality.NORMAL,
        patient=PatientInfo("DLLGNN52C12A944K", "Giovanni", "Dall'Olio",
                            AdministrativeSex.MALE, date(1952, 3, 12)),
        author=mmg, legal_authenticator=mmg,
        custodian=Organization("080105-MMG", "Studio medico Rossi"),
        problems=tuple(Problem(t.coded(), date(2010, 1, 1) + timedelta(days=90 * i),
                               chronic=i % 2 == 0) for i, t in enumerate(icd[:18])),
        therapies=tuple(Therapy(t.coded(), None, "1 compressa", "1 volta al giorno",
                                date(2015, 1, 1) + timedelta(days=30 * i))
                        for i, t in enumerate(atc[:15])),
        allergies=tuple(Allergy(t.coded(), "orticaria") for t in allergens[:5]),
        family_history=tuple(FamilyHistory(Relative.MOTHER, t.coded()) for t in icd[20:24]),
        vital_signs=tuple(VitalSign(Coded(c, codes.LOINC, n), v, u, date(2026, 10, 30))
                          for c, n, v, u in (
                              ("8480-6", "PAS", 135.0, "mm[Hg]"),
                              ("8462-4", "PAD", 82.0, "mm[Hg]"),
                              ("8867-4", "FC", 72.0, "/min"),
                              ("29463-7", "Peso", 81.4, "kg"),
                              ("8302-2", "Altezza", 176.0, "cm"),
                              ("59408-5", "SpO2", 97.0, "%"),
                              ("8310-5", "Temperatura", 36.6, "Cel"),
                              ("9279-1", "FR", 16.0, "/min"))),
    )


def bench_document() -> None:
    timings: dict[str, list[float]] = {k: [] for k in ("build", "write", "structure",
                                                       "clinical", "read", "total")}
    for _ in range(ROUNDS):
        t0 = time.perf_counter()
        pss = build_pss_50()
        t1 = time.perf_counter()
        xml = write_cda(pss)
        t2 = time.perf_counter()
        structural = validate_cda_structure(xml)
        t3 = time.perf_counter()
        clinical = validate_pss(pss, TODAY)
        t4 = time.perf_counter()
        back = read_cda(xml)
        t5 = time.perf_counter()
        assert structural == [] and clinical == [] and back == pss, (structural, clinical)
        for key, value in zip(timings, (t1 - t0, t2 - t1, t3 - t2, t4 - t3, t5 - t4, t5 - t0),
                              strict=True):
            timings[key].append(value)
    entries = sum(len(pss.entries(s.key)) for s in codes.SECTIONS)
    print(f"PSS with {entries} entries, {len(xml):,} bytes of CDA (median of {ROUNDS}):")
    for key, values in timings.items():
        print(f"  {key:<10} {statistics.median(values) * 1000:8.2f} ms")


def _patient_documents() -> tuple[object, list[tuple[DocumentMeta, str, bytes]]]:
    """500 documents for one patient: the region's real bodies, re-dated and re-owned."""
    pool: list[tuple[DocumentMeta, str, bytes]] = []
    patient = None
    for batch in list(generate_region(1, 40, TODAY))[1:]:
        bodies = {r["id"]: base64.b64decode(r["data"]) for r in batch
                  if r["resourceType"] == "Binary"}
        for r in batch:
            if r["resourceType"] == "Patient" and r["id"] == "pat-000007":
                patient = patient_from_fhir(r, ConsentState.GRANTED)
            if r["resourceType"] == "DocumentReference":
                meta = document_from_fhir(r)
                pool.append((meta, meta.content_type,
                             bodies[meta.body_url.rsplit("/", 1)[-1]]))
    assert patient is not None
    start = datetime(2016, 1, 1, tzinfo=ROME)
    docs = []
    for i in range(DOCUMENTS):
        meta, content_type, body = pool[(i * 7) % len(pool)]
        meta = dataclasses.replace(meta, id=DocumentId(f"bench-{i:04d}"),
                                   patient_id=PatientId(str(patient.id)),
                                   date=start + timedelta(days=7 * i))
        docs.append((meta, content_type, body))
    return patient, docs


def bench_suggestions() -> None:
    patient, docs = _patient_documents()
    with tempfile.TemporaryDirectory() as folder:
        store = CacheStore.open(Path(folder) / "cache.db", secrets.token_bytes(32))
        try:
            store.patients.upsert_many([patient])  # type: ignore[list-item]
            store.documents.upsert_many([m for m, _c, _b in docs])
            for meta, content_type, body in docs:
                store.bodies.put(meta.id, content_type, body)
            shipped_vocabularies()  # loaded once at startup, not per click
            pid = str(patient.id)  # type: ignore[attr-defined]

            def read_bodies() -> list[tuple[DocumentMeta, bytes]]:
                out = []
                for meta in store.documents.list_for_patient(pid):
                    got = store.bodies.get(meta.id)
                    if got is not None:
                        out.append((meta, got[1]))
                return out

            previous = dataclasses.replace(build_pss_50(), effective_time=docs[-52][0].date)
            cache = FindingsCache()
            suggest_updates(None, read_bodies(), cache=cache)  # an earlier click
            cases = {
                "no previous PSS, cold": lambda: suggest_updates(None, read_bodies()),
                "previous PSS a year ago, cold": lambda: suggest_updates(previous,
                                                                         read_bodies()),
                "no previous PSS, second click": lambda: suggest_updates(
                    None, read_bodies(), cache=cache),
            }
            reads: list[float] = []
            times: dict[str, list[float]] = {k: [] for k in cases}
            results = {}
            for _ in range(ROUNDS):
                t0 = time.perf_counter()
                read_bodies()
                reads.append(time.perf_counter() - t0)
                for name, run in cases.items():
                    t0 = time.perf_counter()
                    results[name] = run()
                    times[name].append(time.perf_counter() - t0)
        finally:
            store.close()
    read_ms = statistics.median(reads) * 1000
    size = sum(len(b) for _m, _c, b in docs)
    first = results["no previous PSS, cold"]
    print(f"Aggiorna dal fascicolo, {DOCUMENTS} cached documents ({size / 1e6:.1f} MB of "
          f"bodies; {first.documents_read} CDA parsed, {first.documents_skipped} PDF "
          f"skipped) → {len(first.suggestions)} suggestions, {len(first.unmatched)} uncoded "
          f"items (median of {ROUNDS}):")
    print(f"  reading the {DOCUMENTS} bodies from the cache {read_ms:8.1f} ms")
    for name, values in times.items():
        ms = statistics.median(values) * 1000
        ratio = ms / read_ms
        verdict = "OK" if ratio <= 2 else "over target"
        print(f"  read + suggest, {name:<30} {ms:8.1f} ms  ratio {ratio:5.2f} "
              f"(target ≤ 2: {verdict})")


if __name__ == "__main__":
    bench_document()
    bench_suggestions()
