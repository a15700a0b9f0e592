"""Who may unlock the locked screen: the signed-in profile's own passphrase.

A profile of this workstation (:class:`ProfileRegistry`) unlocks with its passphrase.
The built-in demo has no profiles yet, so its synthetic MMG unlocks with a fixed demo
passphrase the lock screen shows (the demo holds no real patient). A configured user
without a profile has no passphrase to check: the caller leaves the lock off and says so.
"""

from __future__ import annotations

import hmac
from collections.abc import Callable
from pathlib import Path

from fse_desk.errors import WrongPassphrase
from fse_desk.security.profiles import ProfileRegistry, RoleSource

DEMO_PASSPHRASE = "demo-fse-desk"

PassphraseCheck = Callable[[str], object]


def _demo_check(passphrase: str) -> None:
    if not hmac.compare_digest(passphrase.encode(), DEMO_PASSPHRASE.encode()):
        raise WrongPassphrase("wrong passphrase for the demo profile")


def unlock_check(data_dir: Path, profile: str, *, demo: bool) -> PassphraseCheck | None:
    """What checks ``profile``'s passphrase (raising :class:`WrongPassphrase`), or None."""
    registry = ProfileRegistry(data_dir)
    if any(p.name == profile for p in registry.profiles()):
        return lambda passphrase: registry.sign_in(profile, passphrase)
    return _demo_check if demo else None


def role_source(data_dir: Path, profile: str) -> RoleSource | None:
    """Whether the region confirmed ``profile``'s role or an administrator assigned it;
    None for a user with no profile on this workstation (the role is the config file's)."""
    for known in ProfileRegistry(data_dir).profiles():
        if known.name == profile:
            return known.role_source
    return None
