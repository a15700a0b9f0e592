"""Secrets (OS keyring) and profile names."""

from fse_desk.security.profile import validate_profile
from fse_desk.security.secrets import (
    KEYRING_SERVICE,
    CacheKey,
    KeyLocation,
    key_file_path,
    keyring_available,
    load_cache_key,
)

__all__ = [
    "KEYRING_SERVICE",
    "CacheKey",
    "KeyLocation",
    "key_file_path",
    "keyring_available",
    "load_cache_key",
    "validate_profile",
]
