"""The cache key in the OS keyring, and the demo profile's key file."""

from __future__ import annotations

import stat
from pathlib import Path

import keyring
import keyring.backends.chainer
import keyring.backends.fail
import keyring.backends.null
import pytest
from keyring.backend import KeyringBackend
from keyring.errors import KeyringLocked

from fse_desk.errors import CacheKeyMissing, ConfigError, KeyringUnavailable, SecretStoreError
from fse_desk.security import (
    KEYRING_SERVICE,
    CacheKey,
    KeyLocation,
    key_file_path,
    keyring_available,
    load_cache_key,
)
from fse_desk.store import CacheStore, cache_path


class LockedKeyring(KeyringBackend):
    """A backend that exists but fails on use (a locked Secret Service, say)."""

    priority = 1

    def get_password(self, service: str, username: str) -> str | None:
        raise KeyringLocked("the collection is locked")

    def set_password(self, service: str, username: str, password: str) -> None:
        raise KeyringLocked("the collection is locked")

    def delete_password(self, service: str, username: str) -> None:
        raise KeyringLocked("the collection is locked")


class EmptyChainer(keyring.backends.chainer.ChainerBackend):
    backends = []  # noqa: RUF012


UNUSABLE = {
    "fail": keyring.backends.fail.Keyring,
    "null": keyring.backends.null.Keyring,
    "empty chainer": EmptyChainer,
    "locked": LockedKeyring,
}


@pytest.fixture
def path(tmp_path: Path) -> Path:
    return cache_path("dottore", data_dir=tmp_path)


def test_new_cache_gets_a_random_key_stored_hex_in_the_keyring(path, memory_keyring) -> None:
    key = load_cache_key("dottore", path)

    assert key.location is KeyLocation.KEYRING and key.file is None
    assert len(key.key) == 32
    stored = memory_keyring.secrets[(KEYRING_SERVICE, "cache-key:dottore")]
    assert stored == key.key.hex()
    assert load_cache_key("dottore", path) == key  # the same key the next time
    assert load_cache_key("altro", cache_path("altro", path.parents[2])).key != key.key


def test_key_bytes_never_appear_in_repr(path) -> None:
    key = load_cache_key("dottore", path)
    assert key.key.hex() not in repr(key) and repr(key.key) not in repr(key)


def test_existing_cache_without_key_is_refused_and_left_untouched(path, memory_keyring) -> None:
    key = load_cache_key("dottore", path)
    CacheStore.open(path, key.key).close()
    memory_keyring.secrets.clear()
    before = (path.read_bytes(), path.stat().st_mtime_ns)

    with pytest.raises(
        CacheKeyMissing, match=r"cache .*cache\.sqlcipher of profile 'dottore' exists"
    ):
        load_cache_key("dottore", path)

    assert memory_keyring.secrets == {}  # no new key was made for the old cache
    assert (path.read_bytes(), path.stat().st_mtime_ns) == before


def test_a_mangled_keyring_entry_is_reported(path, memory_keyring) -> None:
    memory_keyring.secrets[(KEYRING_SERVICE, "cache-key:dottore")] = "not hex"
    with pytest.raises(SecretStoreError, match="does not hold a 256-bit hex key"):
        load_cache_key("dottore", path)


@pytest.mark.parametrize("backend", UNUSABLE.values(), ids=UNUSABLE.keys())
def test_no_usable_keyring_is_refused_for_a_real_profile(path, backend) -> None:
    keyring.set_keyring(backend())

    assert not keyring_available()
    with pytest.raises(KeyringUnavailable, match=r"no usable OS keyring.*install or unlock"):
        load_cache_key("dottore", path)
    assert not key_file_path(path).exists()


@pytest.mark.parametrize("backend", UNUSABLE.values(), ids=UNUSABLE.keys())
def test_demo_profile_without_keyring_keeps_a_0600_key_file(tmp_path, backend) -> None:
    keyring.set_keyring(backend())
    path = cache_path("demo", data_dir=tmp_path)

    key = load_cache_key("demo", path, allow_file_key=True)

    assert key.location is KeyLocation.FILE
    assert key.file == path.with_name("cache.sqlcipher.key")
    assert stat.S_IMODE(key.file.stat().st_mode) == 0o600
    assert key.file.read_text() == key.key.hex()
    assert [p.name for p in path.parent.iterdir()] == ["cache.sqlcipher.key"]  # no temp left
    CacheStore.open(path, key.key).close()
    assert load_cache_key("demo", path, allow_file_key=True) == key


def test_demo_cache_whose_key_file_is_gone_is_refused(tmp_path) -> None:
    keyring.set_keyring(keyring.backends.fail.Keyring())
    path = cache_path("demo", data_dir=tmp_path)
    key = load_cache_key("demo", path, allow_file_key=True)
    CacheStore.open(path, key.key).close()
    key_file_path(path).unlink()

    with pytest.raises(CacheKeyMissing, match=r"nor in .*cache\.sqlcipher\.key"):
        load_cache_key("demo", path, allow_file_key=True)
    assert not key_file_path(path).exists()


def test_keyring_available_with_a_working_backend() -> None:
    assert keyring_available()


@pytest.mark.parametrize("name", ["", "../etc", "a b", "dott/rossi", "CON", "x" * 65, "é"])
def test_bad_profile_names_are_refused(tmp_path, name) -> None:
    with pytest.raises(ConfigError, match="is not valid"):
        load_cache_key(name, tmp_path / "cache.sqlcipher")
    with pytest.raises(ConfigError, match="is not valid"):
        cache_path(name, data_dir=tmp_path)


def test_cache_path_is_per_profile(tmp_path) -> None:
    assert cache_path("mmg-rossi_1", data_dir=tmp_path) == (
        tmp_path / "profiles" / "mmg-rossi_1" / "cache.sqlcipher"
    )


def test_cache_key_checks_its_length() -> None:
    with pytest.raises(ValueError, match="32 bytes"):
        CacheKey(b"short", KeyLocation.KEYRING)
