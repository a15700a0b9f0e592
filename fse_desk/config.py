"""Configuration: a TOML file in the user config directory, or the built-in demo.

With no file, FSE Desk runs on the built-in sandbox region (``demo``). The file
points it at a real region instead::

    # ~/.config/fse-desk/config.toml
    [region]
    fhir_base_url = "https://fse.example-regione.it/fhir"   # FHIR R4 base
    timeout_s = 15
    ca_bundle = "/etc/fse-desk/region-ca.pem"               # optional
    client_cert = "/home/rossi/.fse-desk/operatore.pem"     # optional, TLS client auth
    client_key = "/home/rossi/.fse-desk/operatore.key"      # optional; if encrypted, its
                                    # passphrase is in the keyring (user tls-key:<profile>)
    request_deadline_s = 120        # optional: one request, first byte to last
    max_response_mb = 256           # optional: bigger answers are abandoned while streaming
    use_environment_proxy = false   # optional: honour HTTP(S)_PROXY, SSL_CERT_FILE …
    gateway_base_url = "https://gtw.example-regione.it/v1"  # optional: the FSE 2.0
                                    # gateway (with its version) to publish the PSS

    [pacs]                          # optional: the PACS to fetch images from
    dicomweb_base_url = "https://pacs.example-asl.it/dicom-web"
    # or, for a PACS that speaks only DICOM networking (C-FIND, C-GET/C-MOVE):
    # protocol = "dimse"
    # host = "pacs.example-asl.it"
    # port = 2762                   # the PACS's DICOM (TLS) port
    # called_ae = "ASLPACS"         # the PACS's AE title
    # calling_ae = "FSEDESK"        # ours, as the PACS knows it
    # retrieve = "get"              # or "move": the PACS sends to our storage port
    # storage_port = 11113          # for "move"
    # tls = true                    # false only for a PACS that offers no TLS
    # ca_bundle = "/etc/fse-desk/pacs-ca.pem"

    [televisit]                     # optional: the Jitsi Meet server of the video visits
    video_server_url = "https://meet.example-asl.it"
    jwt_app_id = "fse-desk"         # optional: the server requires a JWT (its app id, iss);
    jwt_audience = "jitsi"          # the app secret lives in the OS keyring
                                    # (service fse-desk, user jitsi-secret:<profile>)

    [user]
    profile = "rossi"               # one encrypted cache per profile
    display_name = "Dott. Mario Rossi"
    codice_fiscale = "RSSMRA70A01A944X"
    role = "MMG"                    # MMG, PLS, SPECIALISTA, INFERMIERE, ASSISTENTE_SOCIALE
    practitioner_id = "1234"        # the operator's Practitioner id on the regional server
    certificate = "/home/rossi/.fse-desk/operatore.p12"  # signing certificate (PKCS#12);
                                    # its passphrase lives in the OS keyring, never here
    # For the Profilo Sanitario Sintetico header (needed to write one):
    given_name = "Mario"
    family_name = "Rossi"
    phone = "+39 051 6543210"       # phone and/or email: the PSS author must be reachable
    email = "mario.rossi@example.it"
    organization_id = "080105-MMG"  # the practice that keeps the PSS (custodian)
    organization_name = "Studio medico Rossi"
    lock_minutes = 10               # optional: lock the screen after 5 to 15 idle minutes
"""

from __future__ import annotations

import enum
import os
import re
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import platformdirs

from fse_desk.connectors._guarded import DEFAULT_MAX_RESPONSE_BYTES, check_service_url
from fse_desk.domain.roles import Role
from fse_desk.errors import ConfigError

APP_NAME = "fse-desk"
DEMO_PROFILE = "demo"
_PROFILE = re.compile(r"^[A-Za-z0-9_-]{1,64}$")
# The screen lock after inactivity (issue 14): 10 minutes unless [user] says 5 to 15.
DEFAULT_LOCK_MINUTES = 10
MIN_LOCK_MINUTES, MAX_LOCK_MINUTES = 5, 15


@dataclass(frozen=True, slots=True)
class RegionConfig:
    fhir_base_url: str
    timeout_s: float = 15.0
    ca_bundle: Path | None = None
    client_cert: Path | None = None
    client_key: Path | None = None
    gateway_base_url: str | None = None  # FSE 2.0 gateway; None: publishing unavailable
    request_deadline_s: float = 120.0  # one request, first byte sent to last byte read
    max_response_bytes: int = DEFAULT_MAX_RESPONSE_BYTES
    use_environment: bool = False  # honour HTTP(S)_PROXY, SSL_CERT_FILE … from the environment


class PacsProtocol(enum.Enum):
    DICOMWEB = "dicomweb"  # QIDO-RS / WADO-RS
    DIMSE = "dimse"  # DICOM networking: C-FIND, C-GET or C-MOVE


@dataclass(frozen=True, slots=True)
class PacsConfig:
    """A PACS: a DICOMweb root (QIDO-RS/WADO-RS), or a DICOM-networking AE (``protocol``
    DIMSE: host, port, AE titles, C-GET or C-MOVE, TLS). In demo the sandbox serves its own."""

    dicomweb_base_url: str = ""
    timeout_s: float = 30.0
    protocol: PacsProtocol = PacsProtocol.DICOMWEB
    host: str = ""
    port: int = 104
    called_ae: str = ""
    calling_ae: str = "FSEDESK"
    retrieve: str = "get"  # "get" or "move"
    storage_port: int = 11113  # our storage SCP, for "move"
    tls: bool = True
    ca_bundle: Path | None = None


@dataclass(frozen=True, slots=True)
class UserConfig:
    profile: str
    display_name: str
    codice_fiscale: str
    role: Role
    practitioner_id: str | None = None
    certificate: Path | None = None
    # Written in the header of the PSS the user signs (all needed to start one).
    given_name: str = ""
    family_name: str = ""
    telecom: tuple[str, ...] = ()  # "tel:+39…", "mailto:…"
    organization_id: str = ""  # the practice that keeps the PSS (custodian)
    organization_name: str = ""
    lock_minutes: int = DEFAULT_LOCK_MINUTES


@dataclass(frozen=True, slots=True)
class TelevisitConfig:
    """The video server of remote visits; in demo the public Jitsi Meet server."""

    video_server_url: str
    jwt_app_id: str | None = None
    jwt_audience: str = "jitsi"


@dataclass(frozen=True, slots=True)
class DemoConfig:
    """The built-in sandbox region: deterministic from ``seed``."""

    seed: int = 42
    patients: int = 1000


@dataclass(frozen=True, slots=True)
class AppConfig:
    """``region`` None means demo mode on the built-in sandbox."""

    user: UserConfig | None
    region: RegionConfig | None
    demo: DemoConfig
    data_dir: Path
    pacs: PacsConfig | None = None
    televisit: TelevisitConfig | None = None

    @property
    def is_demo(self) -> bool:
        return self.region is None

    @property
    def lock_minutes(self) -> int:
        """Idle minutes before the screen locks (the demo, with no [user], uses the default)."""
        return self.user.lock_minutes if self.user is not None else DEFAULT_LOCK_MINUTES

    @property
    def vocabulary_dir(self) -> Path:
        """Where an administrator's official lists are installed (``fse-desk vocabulary
        import``); from the next start the PSS editor prefers them to the shipped lists."""
        return self.data_dir / "vocabularies"


def default_config_path() -> Path:
    override = os.environ.get("FSE_DESK_CONFIG")
    if override:
        return Path(override)
    return Path(platformdirs.user_config_dir(APP_NAME)) / "config.toml"


def default_data_dir() -> Path:
    override = os.environ.get("FSE_DESK_DATA_DIR")
    return Path(override) if override else Path(platformdirs.user_data_dir(APP_NAME))


def load_config(path: Path | None = None, *, data_dir: Path | None = None) -> AppConfig:
    """Read the configuration file, or return the demo configuration if there is none."""
    path = path or default_config_path()
    data_dir = data_dir or default_data_dir()
    if not path.exists():
        return AppConfig(user=None, region=None, demo=DemoConfig(), data_dir=data_dir)
    try:
        raw = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise ConfigError(f"cannot read configuration {path}: {exc}") from exc
    if "region" in raw and "user" not in raw:
        raise ConfigError(f"{path}: a [region] needs a [user] section (who signs in)")
    return AppConfig(
        user=_user(raw.get("user"), path) if "user" in raw else None,
        region=_region(raw["region"], path) if "region" in raw else None,
        demo=DemoConfig(**_table(raw.get("demo", {}), path, "demo")),
        data_dir=Path(raw["data_dir"]) if "data_dir" in raw else data_dir,
        pacs=_pacs(raw["pacs"], path) if "pacs" in raw else None,
        televisit=_televisit(raw["televisit"], path) if "televisit" in raw else None,
    )


def _table(value: Any, path: Path, name: str) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise ConfigError(f"{path}: [{name}] must be a table")
    return value


def _required(table: dict[str, Any], key: str, path: Path, section: str) -> str:
    value = table.get(key)
    if not isinstance(value, str) or not value.strip():
        raise ConfigError(f'{path}: [{section}] needs {key} = "..."')
    return value.strip()


def _optional_path(table: dict[str, Any], key: str) -> Path | None:
    value = table.get(key)
    return Path(value).expanduser() if value else None


def _region(value: Any, path: Path) -> RegionConfig:
    table = _table(value, path, "region")
    url = _service_url(table, "fhir_base_url", path, "region")
    gateway = table.get("gateway_base_url")
    if gateway is not None:
        gateway = _service_url(table, "gateway_base_url", path, "region")
    return RegionConfig(
        fhir_base_url=url,
        timeout_s=float(table.get("timeout_s", 15.0)),
        ca_bundle=_optional_path(table, "ca_bundle"),
        client_cert=_optional_path(table, "client_cert"),
        client_key=_optional_path(table, "client_key"),
        gateway_base_url=gateway,
        request_deadline_s=float(table.get("request_deadline_s", 120.0)),
        max_response_bytes=int(
            float(table.get("max_response_mb", DEFAULT_MAX_RESPONSE_BYTES / 2**20)) * 2**20
        ),
        use_environment=bool(table.get("use_environment_proxy", False)),
    )


def _service_url(table: dict[str, Any], key: str, path: Path, section: str) -> str:
    """A service address: https, or plain http to this computer only (patient data)."""
    url = _required(table, key, path, section)
    try:
        check_service_url(url, key)
    except ConfigError as exc:
        raise ConfigError(f"{path}: [{section}] {exc}") from exc
    return url


def _pacs(value: Any, path: Path) -> PacsConfig:
    table = _table(value, path, "pacs")
    protocol_text = str(table.get("protocol", PacsProtocol.DICOMWEB.value))
    try:
        protocol = PacsProtocol(protocol_text)
    except ValueError as exc:
        raise ConfigError(
            f'{path}: [pacs] protocol {protocol_text!r} must be "dicomweb" or "dimse"'
        ) from exc
    if protocol is PacsProtocol.DIMSE:
        return _dimse(table, path)
    url = _service_url(table, "dicomweb_base_url", path, "pacs")
    return PacsConfig(dicomweb_base_url=url, timeout_s=float(table.get("timeout_s", 30.0)))


def _dimse(table: dict[str, Any], path: Path) -> PacsConfig:
    retrieve = str(table.get("retrieve", "get"))
    if retrieve not in ("get", "move"):
        raise ConfigError(f'{path}: [pacs] retrieve {retrieve!r} must be "get" or "move"')
    try:
        port, storage_port = int(table.get("port", 104)), int(table.get("storage_port", 11113))
    except (TypeError, ValueError) as exc:
        raise ConfigError(f"{path}: [pacs] port and storage_port must be numbers") from exc
    titles = (_required(table, "called_ae", path, "pacs"), str(table.get("calling_ae", "FSEDESK")))
    for title in titles:
        if not 0 < len(title) <= 16 or "\\" in title:  # an AE title is 1-16 characters (PS3.5)
            raise ConfigError(f"{path}: [pacs] AE title {title!r} must have 1 to 16 characters")
    return PacsConfig(
        timeout_s=float(table.get("timeout_s", 30.0)),
        protocol=PacsProtocol.DIMSE,
        host=_required(table, "host", path, "pacs"),
        port=port,
        called_ae=titles[0],
        calling_ae=titles[1],
        retrieve=retrieve,
        storage_port=storage_port,
        tls=bool(table.get("tls", True)),
        ca_bundle=_optional_path(table, "ca_bundle"),
    )


def _televisit(value: Any, path: Path) -> TelevisitConfig:
    table = _table(value, path, "televisit")
    url = _required(table, "video_server_url", path, "televisit")
    if not url.startswith("https://"):
        raise ConfigError(f"{path}: video_server_url {url!r} must use https://")
    app_id = table.get("jwt_app_id")
    return TelevisitConfig(
        video_server_url=url,
        jwt_app_id=str(app_id).strip() if app_id else None,
        jwt_audience=str(table.get("jwt_audience", "jitsi")).strip(),
    )


def _user(value: Any, path: Path) -> UserConfig:
    table = _table(value, path, "user")
    profile = _required(table, "profile", path, "user")
    if not _PROFILE.match(profile):
        raise ConfigError(f"{path}: profile {profile!r}: use letters, digits, - and _ only")
    role_text = _required(table, "role", path, "user")
    try:
        role = Role(role_text)
    except ValueError as exc:
        names = ", ".join(r.value for r in Role)
        raise ConfigError(f"{path}: role {role_text!r} is not one of {names}") from exc
    return UserConfig(
        profile=profile,
        display_name=_required(table, "display_name", path, "user"),
        codice_fiscale=_required(table, "codice_fiscale", path, "user").upper(),
        role=role,
        practitioner_id=table.get("practitioner_id"),
        certificate=_optional_path(table, "certificate"),
        given_name=str(table.get("given_name", "")).strip(),
        family_name=str(table.get("family_name", "")).strip(),
        telecom=_telecom(table),
        organization_id=str(table.get("organization_id", "")).strip(),
        organization_name=str(table.get("organization_name", "")).strip(),
        lock_minutes=_lock_minutes(table, path),
    )


def _lock_minutes(table: dict[str, Any], path: Path) -> int:
    # main.py shows this message to the user as it is: hence Italian.
    value: object = table.get("lock_minutes", DEFAULT_LOCK_MINUTES)
    # bool is an int in Python: "lock_minutes = true" is refused too.
    if (
        isinstance(value, bool)
        or not isinstance(value, int)
        or not MIN_LOCK_MINUTES <= value <= MAX_LOCK_MINUTES
    ):
        raise ConfigError(
            f"{path}: [user] lock_minutes deve essere un numero intero di minuti "
            f"da {MIN_LOCK_MINUTES} a {MAX_LOCK_MINUTES} (blocco dello schermo per inattività)"
        )
    return value


def _telecom(table: dict[str, Any]) -> tuple[str, ...]:
    out = []
    if table.get("phone"):
        out.append("tel:" + str(table["phone"]).replace(" ", ""))
    if table.get("email"):
        out.append("mailto:" + str(table["email"]).strip())
    return tuple(out)
