"""Store fixtures: a real SQLCipher cache in ``tmp_path`` and record factories."""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from fse_desk._types import CodiceFiscale, DocumentId, PatientId
from fse_desk.domain import ConsentState, DocumentMeta, Patient, Sex
from fse_desk.security import CacheKey, load_cache_key
from fse_desk.store import CacheStore, cache_path


class RecordFactory:
    """Valid, distinct :class:`Patient` and :class:`DocumentMeta` records."""

    def __init__(self) -> None:
        self._numbers = itertools.count(1)

    def patient(self, **fields: Any) -> Patient:
        n = next(self._numbers)
        base = Patient(
            id=PatientId(f"pat-{n}"),
            # The shape of a real CF (surname, name, birth, place, check letters), distinct per n.
            codice_fiscale=CodiceFiscale(f"TSTPAZ80A{n % 100:02d}A{n // 100 % 1000:03d}X"),
            family_name=f"Cognome{n}",
            given_name=f"Nome{n}",
            sex=Sex.FEMALE if n % 2 else Sex.MALE,
            birth_date=date(1950, 1, 1) + timedelta(days=97 * n),
            birth_place="Bologna",
            consent=ConsentState.GRANTED,
            version_id="1",
            last_updated=datetime(2025, 3, 1, 8, 30, tzinfo=UTC) + timedelta(minutes=n),
        )
        return replace(base, **fields)

    def document(self, patient: Patient, **fields: Any) -> DocumentMeta:
        n = next(self._numbers)
        base = DocumentMeta(
            id=DocumentId(f"doc-{n}"),
            patient_id=patient.id,
            type_code="11502-2",
            title=f"Referto di laboratorio {n}",
            date=datetime(2024, 1, 1, 9, 0, tzinfo=UTC) + timedelta(days=n),
            author="Dott. Bianchi",
            facility="Ospedale Maggiore",
            content_type="application/pdf",
            body_url=f"https://fse.example/Binary/{n}",
            master_identifier=f"2.16.840.1.113883.2.9.2.80.4.4^{n}",
            confidentiality="N",
            version_id="1",
            last_updated=datetime(2025, 3, 1, tzinfo=UTC),
        )
        return replace(base, **fields)


@pytest.fixture
def records() -> RecordFactory:
    return RecordFactory()


@pytest.fixture
def store_path(tmp_path: Path) -> Path:
    return cache_path("test", data_dir=tmp_path)


@pytest.fixture
def cache_key(store_path: Path) -> CacheKey:
    """A new key for the ``test`` profile, kept in the in-memory keyring."""
    return load_cache_key("test", store_path)


@pytest.fixture
def cache_store(store_path: Path, cache_key: CacheKey) -> Iterator[CacheStore]:
    """A real, freshly migrated SQLCipher cache file."""
    store = CacheStore.open(store_path, cache_key.key)
    yield store
    store.close()
