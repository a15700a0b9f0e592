"""The professionals who share a workstation: profiles, sign-in, roles, removal.

Each profile has a name (its folder and keyring user), the professional's name,
codice fiscale (checked with python-codicefiscale), role and Practitioner id, and
its own encrypted cache whose key is in the keyring (:mod:`fse_desk.security.secrets`).
The profiles file holds no secret: the passphrase is kept in the keyring as a
salted scrypt hash. The first profile made on a workstation is its
administrator; an administrator adds profiles and assigns roles that the region
cannot confirm (``RoleSource.ADMINISTRATOR``); a role the region's
PractitionerRole confirms is ``RoleSource.REGION``.
"""

from __future__ import annotations

import enum
import hashlib
import hmac
import json
import os
import re
import shutil
from dataclasses import asdict, dataclass, replace
from pathlib import Path

from codicefiscale import codicefiscale
from keyring.errors import KeyringError

from fse_desk.domain.roles import Role
from fse_desk.errors import InvalidRecord, PermissionDenied, SecretStoreError, WrongPassphrase
from fse_desk.security.audit_anchor import AuditAnchor
from fse_desk.security.profile import validate_profile
from fse_desk.security.secrets import KEYRING_SERVICE, keyring_username, usable_backend

PROFILES_FILE = "profiles.json"
MIN_PASSPHRASE = 8
_SCRYPT = {"n": 2**14, "r": 8, "p": 1}
_FHIR_ID = re.compile(r"[A-Za-z0-9\-.]{1,64}")


class RoleSource(enum.Enum):
    REGION = "region"  # the region's PractitionerRole says so
    ADMINISTRATOR = "administrator"  # assigned on this workstation by its administrator


@dataclass(frozen=True, slots=True)
class Profile:
    name: str
    display_name: str
    codice_fiscale: str
    role: Role
    practitioner_id: str | None
    role_source: RoleSource = RoleSource.ADMINISTRATOR
    administrator: bool = False

    def __post_init__(self) -> None:
        validate_profile(self.name)
        if not self.display_name.strip():
            raise InvalidRecord("a profile needs the professional's name", field="display_name")
        if not codicefiscale.is_valid(self.codice_fiscale):
            raise InvalidRecord(
                "the codice fiscale is not valid (16 characters and the right check letter)",
                field="codice_fiscale",
            )
        if self.practitioner_id is not None and not _FHIR_ID.fullmatch(self.practitioner_id):
            raise InvalidRecord(
                f"practitioner id {self.practitioner_id!r} is not a FHIR id "
                "(1-64 letters, digits, '-' or '.')",
                field="practitioner_id",
            )


def _passphrase_user(name: str) -> str:
    return f"passphrase:{validate_profile(name)}"


def _hash(passphrase: str, salt: bytes) -> bytes:
    return hashlib.scrypt(passphrase.encode(), salt=salt, **_SCRYPT)


class ProfileRegistry:
    """The profiles of one data folder (``profiles.json``) and their keyring secrets."""

    def __init__(self, data_dir: Path) -> None:
        self._path = data_dir / PROFILES_FILE

    # -- reading -------------------------------------------------------------------------
    def profiles(self) -> list[Profile]:
        if not self._path.exists():
            return []
        rows = json.loads(self._path.read_text(encoding="utf-8"))
        return [
            Profile(
                **{
                    **row,
                    "role": Role(row["role"]),
                    "role_source": RoleSource(row["role_source"]),
                }
            )
            for row in rows
        ]

    @property
    def first_run(self) -> bool:
        return not self.profiles()

    def get(self, name: str) -> Profile:
        for profile in self.profiles():
            if profile.name == name:
                return profile
        raise InvalidRecord(f"no profile named {name!r} on this workstation", field="name")

    # -- creating ------------------------------------------------------------------------
    def create_first(self, profile: Profile, passphrase: str) -> Profile:
        """The first-run flow: the first profile, which administers the workstation."""
        if not self.first_run:
            raise PermissionDenied(
                "this workstation already has profiles: an administrator adds new ones",
                action="manage_profiles",
                role=profile.role.value,
            )
        first = replace(profile, administrator=True)
        self._set_passphrase(first.name, passphrase)
        self._save([first])
        return first

    def add(self, by: Profile, profile: Profile, passphrase: str) -> Profile:
        self._require_admin(by)
        if any(p.name == profile.name for p in self.profiles()):
            raise InvalidRecord(f"a profile named {profile.name!r} exists already", field="name")
        self._set_passphrase(profile.name, passphrase)
        self._save([*self.profiles(), profile])
        return profile

    # -- signing in ----------------------------------------------------------------------
    def sign_in(self, name: str, passphrase: str) -> Profile:
        """The profile, when ``passphrase`` is its own; else :class:`WrongPassphrase`."""
        profile = self.get(name)
        stored = self._keyring_get(_passphrase_user(name))
        if stored is None:
            raise WrongPassphrase(f"profile {name!r} has no passphrase on this workstation")
        salt_hex, _, hash_hex = stored.partition(":")
        if not hmac.compare_digest(_hash(passphrase, bytes.fromhex(salt_hex)).hex(), hash_hex):
            raise WrongPassphrase(f"wrong passphrase for profile {name!r}")
        return profile

    def change_passphrase(self, name: str, old: str, new: str) -> None:
        self.sign_in(name, old)
        self._set_passphrase(name, new)

    # -- roles ---------------------------------------------------------------------------
    def assign_role(self, by: Profile, name: str, role: Role) -> Profile:
        """An administrator sets a role the region cannot confirm."""
        self._require_admin(by)
        return self._update(name, role=role, role_source=RoleSource.ADMINISTRATOR)

    def confirm_role(self, name: str, role: Role) -> Profile:
        """The role the region's PractitionerRole gives (see ``connectors.practitioner_role``)."""
        return self._update(name, role=role, role_source=RoleSource.REGION)

    # -- removing ------------------------------------------------------------------------
    def remove(self, by: Profile, name: str, cache_path: Path) -> None:
        """Remove a profile from this computer: its cache files, keys and passphrase.

        An administrator removes anyone; anyone removes their own profile.
        """
        if by.name != name:
            self._require_admin(by)
        self.get(name)
        for suffix in ("", "-wal", "-shm", ".key", ".audit"):
            Path(f"{cache_path}{suffix}").unlink(missing_ok=True)
        # The audit records not sealed yet (fse_desk.store.audit_spool.spool_folder).
        shutil.rmtree(f"{cache_path}.spool", ignore_errors=True)
        for user in (keyring_username(name), _passphrase_user(name)):
            self._keyring_delete(user)
        AuditAnchor(name).forget()
        self._save([p for p in self.profiles() if p.name != name])

    # -- internals -----------------------------------------------------------------------
    def _require_admin(self, by: Profile) -> None:
        if not self.get(by.name).administrator:
            raise PermissionDenied(
                f"profile {by.name!r} is not an administrator of this workstation",
                action="manage_profiles",
                role=by.role.value,
            )

    def _update(self, name: str, **changes: object) -> Profile:
        profiles = self.profiles()
        updated = replace(self.get(name), **changes)  # type: ignore[arg-type]
        self._save([updated if p.name == name else p for p in profiles])
        return updated

    def _save(self, profiles: list[Profile]) -> None:
        rows = [
            {**asdict(p), "role": p.role.value, "role_source": p.role_source.value}
            for p in profiles
        ]
        self._path.parent.mkdir(parents=True, exist_ok=True)
        tmp = self._path.with_suffix(".tmp")
        tmp.write_text(json.dumps(rows, indent=2, ensure_ascii=False), encoding="utf-8")
        os.replace(tmp, self._path)  # never half a file

    def _set_passphrase(self, name: str, passphrase: str) -> None:
        if len(passphrase) < MIN_PASSPHRASE:
            raise InvalidRecord(
                f"the passphrase needs at least {MIN_PASSPHRASE} characters", field="passphrase"
            )
        salt = os.urandom(16)
        value = f"{salt.hex()}:{_hash(passphrase, salt).hex()}"
        try:
            usable_backend().set_password(KEYRING_SERVICE, _passphrase_user(name), value)
        except KeyringError as exc:
            raise SecretStoreError(f"the keyring refused the passphrase ({exc})") from exc

    def _keyring_get(self, user: str) -> str | None:
        try:
            return usable_backend().get_password(KEYRING_SERVICE, user)
        except KeyringError as exc:
            raise SecretStoreError(f"the keyring cannot be read ({exc})") from exc

    def _keyring_delete(self, user: str) -> None:
        backend = usable_backend()
        if backend.get_password(KEYRING_SERVICE, user) is not None:
            backend.delete_password(KEYRING_SERVICE, user)
