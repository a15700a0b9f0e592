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
    gateway_validation_environment = false  # optional: true only for the region's
                                    # validation gateway (the one with GET /status)

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
    codice_fiscale = "RSSMRA70A01A944G"
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

    [ui]                            # optional, also in the demo
    language = "it"                 # "it" or "en"

The settings dialog and the first-run wizard write this file back through
:mod:`fse_desk.config_writer`.
"""

from __future__ import annotations

import enum
import os
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import platformdirs

from fse_desk import config_schema
from fse_desk.connectors._guarded import DEFAULT_MAX_RESPONSE_BYTES
from fse_desk.domain.roles import Role

APP_NAME = "fse-desk"
DEMO_PROFILE = "demo"
# The screen lock after inactivity (issue 14): 10 minutes unless [user] says 5 to 15
# (the range is checked with the rest of the file, in config_schema).
DEFAULT_LOCK_MINUTES = 10


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
    # The gateway is the region's validation environment, the only one with GET /status
    # (integration guide); in production a publication's outcome is read from the FSE.
    gateway_validation_environment: bool = False


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
    address: str = ""  # the practice's postal address, one line, printed on the patient's PDF
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
    language: str | None = None  # [ui] language; None: FSE_DESK_LANG, else Italian

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


def demo_config(config: AppConfig) -> AppConfig:
    """``config`` on the built-in demo region: no region, no operator of ours (``--demo``)."""
    return AppConfig(
        user=None, region=None, demo=config.demo, data_dir=config.data_dir, language=config.language
    )


def default_config_path() -> Path:
    override = os.environ.get("FSE_DESK_CONFIG")
    if override:
        return Path(override)
    return Path(platformdirs.user_config_dir(APP_NAME)) / "config.toml"


def default_data_dir() -> Path:
    override = os.environ.get("FSE_DESK_DATA_DIR")
    return Path(override) if override else Path(platformdirs.user_data_dir(APP_NAME))


def load_config(path: Path | None = None, *, data_dir: Path | None = None) -> AppConfig:
    """Read the configuration file, or return the demo configuration if there is none.

    Raises :class:`~fse_desk.errors.ConfigError` with one Italian sentence on a mistake.

    The file is checked against :mod:`fse_desk.config_schema` first: the builders below
    may then trust every key, type and range.
    """
    path = path or default_config_path()
    data_dir = data_dir or default_data_dir()
    if not path.exists():
        return AppConfig(user=None, region=None, demo=DemoConfig(), data_dir=data_dir)
    return config_from_raw(read_config_file(path), data_dir=data_dir)


def read_config_file(path: Path) -> dict[str, Any]:
    """The checked tables of the file at ``path`` (empty when there is no file), as
    written: what the settings dialog edits and :mod:`fse_desk.config_writer` saves."""
    if not path.exists():
        return {}
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise config_schema.unreadable(path, exc) from exc
    try:
        raw = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise config_schema.syntax_error(path, exc) from exc
    config_schema.validate(raw, text, path)
    return raw


def config_from_raw(raw: dict[str, Any], *, data_dir: Path) -> AppConfig:
    """The configuration a checked file (``config_schema.validate``) describes."""
    return AppConfig(
        user=_user(raw["user"]) if "user" in raw else None,
        region=_region(raw["region"]) if "region" in raw else None,
        demo=DemoConfig(**raw.get("demo", {})),
        data_dir=Path(raw["data_dir"]).expanduser() if "data_dir" in raw else data_dir,
        pacs=_pacs(raw["pacs"]) if "pacs" in raw else None,
        televisit=_televisit(raw["televisit"]) if "televisit" in raw else None,
        language=raw.get("ui", {}).get("language"),
    )


def _optional_path(table: dict[str, Any], key: str) -> Path | None:
    value = table.get(key)
    return Path(value).expanduser() if value else None


def _region(table: dict[str, Any]) -> RegionConfig:
    gateway = table.get("gateway_base_url")
    return RegionConfig(
        fhir_base_url=table["fhir_base_url"].strip(),
        timeout_s=float(table.get("timeout_s", 15.0)),
        ca_bundle=_optional_path(table, "ca_bundle"),
        client_cert=_optional_path(table, "client_cert"),
        client_key=_optional_path(table, "client_key"),
        gateway_base_url=gateway.strip() if gateway else None,
        request_deadline_s=float(table.get("request_deadline_s", 120.0)),
        max_response_bytes=int(
            float(table.get("max_response_mb", DEFAULT_MAX_RESPONSE_BYTES / 2**20)) * 2**20
        ),
        use_environment=table.get("use_environment_proxy", False),
        gateway_validation_environment=table.get("gateway_validation_environment", False),
    )


def _pacs(table: dict[str, Any]) -> PacsConfig:
    protocol = PacsProtocol(table.get("protocol", PacsProtocol.DICOMWEB.value))
    timeout_s = float(table.get("timeout_s", 30.0))
    if protocol is PacsProtocol.DICOMWEB:
        return PacsConfig(dicomweb_base_url=table["dicomweb_base_url"].strip(), timeout_s=timeout_s)
    return PacsConfig(
        timeout_s=timeout_s,
        protocol=PacsProtocol.DIMSE,
        host=table["host"].strip(),
        port=table.get("port", 104),
        called_ae=table["called_ae"].strip(),
        calling_ae=table.get("calling_ae", "FSEDESK").strip(),
        retrieve=table.get("retrieve", "get"),
        storage_port=table.get("storage_port", 11113),
        tls=table.get("tls", True),
        ca_bundle=_optional_path(table, "ca_bundle"),
    )


def _televisit(table: dict[str, Any]) -> TelevisitConfig:
    app_id = table.get("jwt_app_id")
    return TelevisitConfig(
        video_server_url=table["video_server_url"].strip(),
        jwt_app_id=app_id.strip() if app_id else None,
        jwt_audience=table.get("jwt_audience", "jitsi").strip(),
    )


def _user(table: dict[str, Any]) -> UserConfig:
    practitioner_id = table.get("practitioner_id")
    return UserConfig(
        profile=table["profile"],
        display_name=table["display_name"].strip(),
        codice_fiscale=table["codice_fiscale"].strip().upper(),
        role=Role(table["role"]),
        practitioner_id=practitioner_id.strip() if practitioner_id else None,
        certificate=_optional_path(table, "certificate"),
        given_name=table.get("given_name", "").strip(),
        family_name=table.get("family_name", "").strip(),
        telecom=_telecom(table),
        organization_id=table.get("organization_id", "").strip(),
        organization_name=table.get("organization_name", "").strip(),
        address=table.get("address", "").strip(),
        lock_minutes=int(table.get("lock_minutes", DEFAULT_LOCK_MINUTES)),
    )


def _telecom(table: dict[str, Any]) -> tuple[str, ...]:
    out = []
    if table.get("phone"):
        out.append("tel:" + str(table["phone"]).replace(" ", ""))
    if table.get("email"):
        out.append("mailto:" + str(table["email"]).strip())
    return tuple(out)
