"""Commands without a window: ``fse-desk sync --once`` (pre-fetch before home visits) and
``fse-desk vocabulary import KIND FILE`` (an administrator installs an official list)."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TextIO

from fse_desk.config import AppConfig
from fse_desk.errors import Cancelled, ConnectorError, FseDeskError, VocabularyFileError
from fse_desk.progress import Progress
from fse_desk.pss.vocabularies import install_vocabulary
from fse_desk.startup import open_workstation

# This command speaks Italian to its user, like the window; the core labels its
# progress in English.
_LABELS = {
    "Preparing the demo region": "Preparazione della regione dimostrativa",
    "Patients": "Assistiti",
    "Consents": "Consensi",
    "Documents": "Documenti",
    "Documents of new consents": "Documenti dei nuovi consensi",
    "Sending changes": "Invio modifiche",
    "Indexing documents for the PSS": "Preparazione dei documenti per il PSS",
}


def sync_once(config: AppConfig, out: TextIO = sys.stdout) -> int:
    """Run one sync, print progress and a summary; exit status 0, 1 (error) or 2 (offline)."""
    last_label = ""

    def report(progress: Progress) -> None:
        nonlocal last_label
        if progress.label != last_label or progress.done == progress.total:
            total = f"/{progress.total}" if progress.total else ""
            label = _LABELS.get(progress.label, progress.label)
            print(f"  {label}: {progress.done}{total}", file=out, flush=True)
            last_label = progress.label

    try:
        workstation = open_workstation(config, report)
    except FseDeskError as exc:
        print(f"Impossibile aprire FSE Desk: {exc}", file=out)
        return 1
    try:
        outcome = workstation.sync(report)
    except ConnectorError as exc:
        print(
            f"Server FSE non raggiungibile: i dati in cache restano disponibili. ({exc})", file=out
        )
        return 2
    except Cancelled:
        print("Sincronizzazione annullata.", file=out)
        return 1
    finally:
        workstation.close()
    summary, pushed = outcome.pulled, outcome.pushed
    print(
        f"Modifiche inviate: {pushed.sent}; in attesa di nuovo tentativo: {pushed.retrying}; "
        f"rifiutate: {pushed.refused}; in conflitto: {pushed.conflicts}.",
        file=out,
    )
    print(
        "Sincronizzazione completata: "
        f"{summary.patients} assistiti, {summary.documents} documenti aggiornati, "
        f"{summary.documents_removed} rimossi, {summary.consents} consensi cambiati; "
        f"{summary.pages} pagine, {summary.bytes_received / 1e6:.1f} MB "
        f"in {summary.seconds:.1f} s.",
        file=out,
    )
    if summary.rejected:
        print(f"Attenzione: {summary.rejected} risorse non valide ignorate (vedi log).", file=out)
    return 0


def import_vocabulary(config: AppConfig, kind: str, source: Path, out: TextIO = sys.stdout) -> int:
    """Install ``source`` as the ``kind`` list (checked whole first); exit status 0 or 1."""
    try:
        vocabulary = install_vocabulary(kind, source, config.vocabulary_dir)
    except VocabularyFileError as exc:
        print(f"Elenco non importato, il precedente resta in uso. {exc}", file=out)
        return 1
    except OSError as exc:
        print(f"Impossibile leggere o installare {source}: {exc.strerror or exc}", file=out)
        return 1
    print(
        f"Elenco {kind} importato: {len(vocabulary)} voci, in uso dal prossimo avvio di FSE Desk.",
        file=out,
    )
    return 0
