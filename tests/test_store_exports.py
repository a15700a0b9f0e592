"""The public surface of the store and security packages is pinned."""

import fse_desk.security
import fse_desk.store


def test_store_exports() -> None:
    assert sorted(fse_desk.store.__all__) == [
        "BodyRepository",
        "CacheStore",
        "DocumentRepository",
        "LATEST_VERSION",
        "MIGRATIONS",
        "Migration",
        "OutboxRepository",
        "PatientRepository",
        "SyncStateRepository",
        "VitalsRepository",
        "cache_path",
    ]


def test_security_exports() -> None:
    assert sorted(fse_desk.security.__all__) == [
        "CacheKey",
        "KEYRING_SERVICE",
        "KeyLocation",
        "key_file_path",
        "keyring_available",
        "load_cache_key",
        "validate_profile",
    ]
