"""User profiles: their names (folder and keyring user names) and their folders."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Collection
from pathlib import Path

import platformdirs

from fse_desk.errors import ConfigError

_PROFILE_NAME = re.compile(r"^[A-Za-z0-9_-]{1,64}$")
# Folder names Windows refuses whatever the extension.
_WINDOWS_RESERVED = frozenset(
    ["CON", "PRN", "AUX", "NUL"]
    + [f"COM{i}" for i in range(1, 10)]
    + [f"LPT{i}" for i in range(1, 10)]
)


def validate_profile(name: str) -> str:
    """Return ``name`` if it is a usable profile name, else raise :class:`ConfigError`.

    Letters, digits, ``-`` and ``_`` only (1–64 characters), so the name is safe
    as a folder on every platform and cannot climb out of the profiles folder.
    """
    if not _PROFILE_NAME.match(name) or name.upper() in _WINDOWS_RESERVED:
        raise ConfigError(
            f"profile name {name!r} is not valid: use 1-64 letters, digits, '-' or '_' "
            "(and not a reserved Windows device name such as CON or NUL)"
        )
    return name


def profile_dir(profile: str, data_dir: Path | None = None) -> Path:
    """``<data_dir>/profiles/<profile>``: the folder of one profile's files (cache, certificates).

    ``data_dir`` defaults to the platform's per-user data folder for ``fse-desk``.
    The profile name is validated, so it cannot point outside the profiles folder.
    Nothing is created on disk.
    """
    base = Path(platformdirs.user_data_dir("fse-desk")) if data_dir is None else data_dir
    return base / "profiles" / validate_profile(profile)


def profile_name_for(display_name: str, taken: Collection[str] = ()) -> str:
    """A profile name made from the professional's name, not one of ``taken``.

    Titles ("Dott.ssa", "Inf.") are left out and accents folded, so "Dott.ssa Elena
    Guidotti" gives ``elena-guidotti`` (then ``elena-guidotti-2`` and so on).
    """
    words = [w for w in display_name.split() if not w.endswith(".")]
    folded = unicodedata.normalize("NFKD", " ".join(words)).encode("ascii", "ignore").decode()
    base = re.sub(r"[^a-z0-9]+", "-", folded.lower()).strip("-")[:56] or "profilo"
    name, n = base, 1
    while name in taken or name.upper() in _WINDOWS_RESERVED:
        n += 1
        name = f"{base}-{n}"
    return name
