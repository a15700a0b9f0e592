"""Profiles on a shared workstation: first run, sign-in, roles, key rotation, removal."""

from __future__ import annotations

from pathlib import Path

import keyring
import pytest

from fse_desk._types import PatientId
from fse_desk.audit import AccessControl
from fse_desk.connectors.practitioner_role import region_role, role_of
from fse_desk.domain.roles import Role
from fse_desk.domain.timeline import AccessAction
from fse_desk.errors import InvalidRecord, PermissionDenied, WrongKey, WrongPassphrase
from fse_desk.security.audit_anchor import AuditAnchor
from fse_desk.security.profiles import Profile, ProfileRegistry, RoleSource
from fse_desk.security.secrets import KEYRING_SERVICE, keyring_username, load_cache_key
from fse_desk.store import CacheStore
from fse_desk.store.audit_spool import spool_folder
from fse_desk.workstation import Operator
from fse_desk_sandbox.region.facilities import DEMO_MMG_ID
from tests.fixtures_region import LiveRegion

DOCTOR = Profile("guidotti", "Dott.ssa Elena Guidotti", "GDTLNE70A41A944T", Role.MMG, DEMO_MMG_ID)
NURSE = Profile("neri", "Inf. Carla Neri", "NRECRL80A41A944V", Role.NURSE, None)


def test_the_codice_fiscale_is_checked() -> None:
    with pytest.raises(InvalidRecord, match="codice fiscale") as caught:
        Profile("x", "Dott. X", "GDTLNE70A41A944K", Role.MMG, None)  # wrong check letter
    assert caught.value.field == "codice_fiscale"


def test_first_run_makes_the_administrator_then_sign_in(tmp_path: Path) -> None:
    registry = ProfileRegistry(tmp_path)
    assert registry.first_run
    admin = registry.create_first(DOCTOR, "passphrase-lunga")
    assert admin.administrator and not registry.first_run
    assert registry.sign_in("guidotti", "passphrase-lunga") == admin
    with pytest.raises(WrongPassphrase):
        registry.sign_in("guidotti", "sbagliata!")
    with pytest.raises(PermissionDenied):
        registry.create_first(NURSE, "un'altra-frase")  # only on an empty workstation
    assert "passphrase-lunga" not in (tmp_path / "profiles.json").read_text()


def test_only_an_administrator_adds_profiles_and_assigns_roles(tmp_path: Path) -> None:
    registry = ProfileRegistry(tmp_path)
    admin = registry.create_first(DOCTOR, "passphrase-lunga")
    nurse = registry.add(admin, NURSE, "frase-infermiera")
    with pytest.raises(PermissionDenied):
        registry.add(nurse, Profile("altro", "Altro", "NRECRL80A41A944V", Role.MMG, None), "x" * 9)
    with pytest.raises(PermissionDenied):
        registry.assign_role(nurse, "neri", Role.MMG)  # nobody promotes themselves
    changed = registry.assign_role(admin, "neri", Role.SOCIAL_WORKER)
    assert (changed.role, changed.role_source) == (Role.SOCIAL_WORKER, RoleSource.ADMINISTRATOR)
    assert registry.get("neri").role is Role.SOCIAL_WORKER


def test_the_region_confirms_the_role(tmp_path: Path, live_region: LiveRegion) -> None:
    assert region_role(live_region.client, DEMO_MMG_ID) is Role.MMG
    assert region_role(live_region.client, "nobody") is None  # then an administrator assigns
    assert role_of({"active": False, "code": [{"coding": [{"code": "MMG"}]}]}) is None
    registry = ProfileRegistry(tmp_path)
    registry.create_first(DOCTOR, "passphrase-lunga")
    assert registry.confirm_role("guidotti", Role.MMG).role_source is RoleSource.REGION


def test_key_rotation_reencrypts_the_cache(tmp_path: Path) -> None:
    path = tmp_path / "cache.sqlcipher"
    old = load_cache_key("guidotti", path).key
    new = bytes(range(32))
    with CacheStore.open(path, old) as store:
        store.patients.count()
        store.rekey(new)
        assert store.patients.count() == 0  # still usable
    with pytest.raises(WrongKey):
        CacheStore.open(path, old)
    with CacheStore.open(path, new) as store:
        assert store.integrity_ok()


NURSE_OPERATOR = Operator("Inf. Carla Neri", "NRECRL80A41A944K", Role.NURSE, None, "neri")


def test_removing_a_profile_wipes_its_cache_and_keys(tmp_path: Path) -> None:
    registry = ProfileRegistry(tmp_path)
    admin = registry.create_first(DOCTOR, "passphrase-lunga")
    registry.add(admin, NURSE, "frase-infermiera")
    path = tmp_path / "neri" / "cache.sqlcipher"
    key = load_cache_key("neri", path).key
    with CacheStore.open(path, key) as store:
        AccessControl(store, NURSE_OPERATOR, anchor=AuditAnchor("neri")).record(
            PatientId("pat-1"), AccessAction.VIEW_TIMELINE
        )
    spool = spool_folder(path)  # where audit records wait to be sealed
    assert spool.is_dir()
    AuditAnchor("neri").save(1, "0" * 64)
    registry.remove(admin, "neri", path)
    assert not path.exists()
    assert not spool.exists()
    assert keyring.get_password(KEYRING_SERVICE, keyring_username("neri")) is None
    assert AuditAnchor("neri").load() is None
    with pytest.raises(InvalidRecord):
        registry.sign_in("neri", "frase-infermiera")
    assert [p.name for p in registry.profiles()] == ["guidotti"]
