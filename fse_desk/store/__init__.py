"""The encrypted local cache (SQLCipher 4): opening, migrations, repositories."""

from fse_desk.store.cache import CacheStore
from fse_desk.store.documents import DocumentRepository
from fse_desk.store.migrations import LATEST_VERSION, MIGRATIONS, Migration
from fse_desk.store.paths import cache_path
from fse_desk.store.patients import PatientRepository
from fse_desk.store.repositories import (
    BodyRepository,
    OutboxRepository,
    SyncStateRepository,
    VitalsRepository,
)

__all__ = [
    "LATEST_VERSION",
    "MIGRATIONS",
    "BodyRepository",
    "CacheStore",
    "DocumentRepository",
    "Migration",
    "OutboxRepository",
    "PatientRepository",
    "SyncStateRepository",
    "VitalsRepository",
    "cache_path",
]
