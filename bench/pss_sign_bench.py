"""Building, embedding, signing a 50-entry PSS PDF and making both gateway JWTs.

The PDF shows 50 entries (problems, therapies, vital signs); the embedded CDA
is the PSS writer's output for the PSS tests' ``full_pss`` (every section filled)
when ``fse_desk.pss`` provides the writer, else a placeholder of similar size. Each step is timed
separately over several rounds; medians are printed, plus the whole pipeline.
CDA writing and structure validation (the other half of issue 5) are timed too
when ``fse_desk.pss`` provides them.

    .venv/bin/python bench/pss_sign_bench.py [--rounds 20]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import TypeVar

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from fse_desk.connectors.gateway_jwt import (
    Action,
    ApplicationIdentity,
    PurposeOfUse,
    auth_token,
    signature_token,
)
from fse_desk.pss.pdf import PdfSection, PssPrintout, embed_cda, render_pss_pdf, sign_pades
from fse_desk.security.certificates import issue_test_certificate

_T = TypeVar("_T")
AUD = "https://gateway.example.it/v1"
CF = "GRMRSI36D56B572X"


def _printout(entries: int) -> PssPrintout:
    third = entries // 3
    return PssPrintout(
        title="Profilo Sanitario Sintetico",
        patient_lines=(
            ("Nome e cognome", "Iris Guermandi"),
            ("Codice fiscale", CF),
            ("Data di nascita", "16/04/1936"),
            ("Sesso", "Femmina"),
        ),
        sections=(
            PdfSection(
                "Lista dei problemi",
                tuple(
                    (f"Problema clinico {i}", "401.9", "12/03/2015", "attivo") for i in range(third)
                ),
                header=("Problema", "ICD-9-CM", "Insorgenza", "Stato"),
            ),
            PdfSection(
                "Terapie farmacologiche",
                tuple((f"Farmaco {i} 5 mg", "1 cp/die", "ATC C09AA05") for i in range(third)),
            ),
            PdfSection(
                "Parametri vitali",
                tuple(
                    ("Pressione sistolica", f"{120 + i}", "mmHg", "01/10/2026")
                    for i in range(entries - 2 * third)
                ),
                header=("Parametro", "Valore", "Unità", "Data"),
            ),
        ),
        author="Dott.ssa Elena Guidotti",
        organization="Casa della Salute di Vergato",
        version=3,
        date=datetime(2026, 11, 28, 10, 0),
    )


def _cda(entries: int) -> tuple[bytes, Callable[[], object] | None]:
    """A 50-entry PSS CDA from the PSS writer, and its validation step (if available)."""
    try:
        from fse_desk.pss.cda_writer import write_cda
        from fse_desk.pss.validator import validate_cda_structure
        from tests.test_pss_support import full_pss  # the other engineer's full PSS
    except ImportError:
        return (b"<ClinicalDocument xmlns='urn:hl7-org:v3'/>" * entries), None
    pss = full_pss()
    xml = write_cda(pss)
    return xml, lambda: (write_cda(pss), validate_cda_structure(xml))


def _median(rounds: int, step: Callable[[], _T]) -> tuple[float, _T]:
    times, result = [], None
    for _ in range(rounds):
        start = time.perf_counter()
        result = step()
        times.append(time.perf_counter() - start)
    assert result is not None
    return statistics.median(times), result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rounds", type=int, default=20)
    parser.add_argument("--entries", type=int, default=50)
    args = parser.parse_args()
    _, creds = issue_test_certificate("Dott.ssa Elena Guidotti", "GDTLNE72D58A944V")
    printout = _printout(args.entries)
    cda, write_and_validate = _cda(args.entries)
    identity = ApplicationIdentity()

    t_render, unsigned = _median(args.rounds, lambda: render_pss_pdf(printout, cda))
    t_embed, _ = _median(args.rounds, lambda: embed_cda(unsigned, cda))
    t_sign, signed = _median(args.rounds, lambda: sign_pades(unsigned, creds))
    t_jwt, _ = _median(
        args.rounds,
        lambda: (
            auth_token(creds, AUD),
            signature_token(
                creds,
                AUD,
                identity,
                patient_cf=CF,
                action=Action.CREATE,
                purpose=PurposeOfUse.TREATMENT,
                file=signed,
                patient_consent=True,
            ),
        ),
    )

    def pipeline() -> tuple[str, str]:
        pdf = sign_pades(render_pss_pdf(printout, cda), creds)
        return auth_token(creds, AUD), signature_token(
            creds,
            AUD,
            identity,
            patient_cf=CF,
            action=Action.CREATE,
            purpose=PurposeOfUse.TREATMENT,
            file=pdf,
            patient_consent=True,
        )

    t_all, _ = _median(args.rounds, pipeline)
    print(
        f"PSS with {args.entries} entries, CDA {len(cda):,} bytes, signed PDF "
        f"{len(signed):,} bytes, medians of {args.rounds} rounds "
        f"({datetime.now(UTC):%Y-%m-%d}):"
    )
    print(f"  PDF: layout + cda.xml       {t_render * 1000:8.1f} ms")
    print(f"    of which embedding        {t_embed * 1000:8.1f} ms")
    print(f"  PAdES sign (SHA-256, RSA)   {t_sign * 1000:8.1f} ms")
    print(f"  both JWTs (RS256 + hash)    {t_jwt * 1000:8.1f} ms")
    print(f"  whole: PDF, sign, JWTs      {t_all * 1000:8.1f} ms")
    if write_and_validate is not None:
        t_cda, _ = _median(args.rounds, write_and_validate)
        print(f"  CDA write + structure check {t_cda * 1000:8.1f} ms (full_pss of the PSS tests)")
    else:
        print("  CDA write + structure check: fse_desk.pss writer/validator not available")


if __name__ == "__main__":
    main()
