"""Where each profile's cache file lives."""

from __future__ import annotations

from pathlib import Path

from fse_desk.security.profile import profile_dir

CACHE_FILE_NAME = "cache.sqlcipher"


def cache_path(profile: str, data_dir: Path | None = None) -> Path:
    """``<data_dir>/profiles/<profile>/cache.sqlcipher``; one cache per profile.

    See :func:`~fse_desk.security.profile.profile_dir` for the folder. Nothing is
    created on disk.
    """
    return profile_dir(profile, data_dir) / CACHE_FILE_NAME
