"""Where each profile's cache file lives."""

from __future__ import annotations

from pathlib import Path

import platformdirs

from fse_desk.security.profile import validate_profile

CACHE_FILE_NAME = "cache.sqlcipher"


def cache_path(profile: str, data_dir: Path | None = None) -> Path:
    """``<data_dir>/profiles/<profile>/cache.sqlcipher``; one cache per profile.

    ``data_dir`` defaults to the platform's per-user data folder for ``fse-desk``.
    The profile name is validated (letters, digits, ``-``, ``_``), so it cannot
    point outside the profiles folder. Nothing is created on disk.
    """
    base = Path(platformdirs.user_data_dir("fse-desk")) if data_dir is None else data_dir
    return base / "profiles" / validate_profile(profile) / CACHE_FILE_NAME
