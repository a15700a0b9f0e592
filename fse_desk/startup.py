"""Build a :class:`Workstation` from the configuration.

Demo mode (no configuration file): the demo region (the separate
``fse_desk_sandbox`` package, see :mod:`fse_desk.demo`) is seeded on first run
into the data directory, served in-process on a free loopback port, and the
demo MMG is signed in. Later starts reuse the seeded region and the cache. With
a configuration file, the configured region is used instead.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from fse_desk.config import DEMO_PROFILE, AppConfig, PacsConfig, PacsProtocol, UserConfig
from fse_desk.connectors.dicomweb import DicomWebClient
from fse_desk.connectors.dimse import DimseClient, DimsePeer, Retrieve, tls_context
from fse_desk.connectors.fhir_client import FhirClient, HttpLimits, TlsSettings
from fse_desk.demo import start_demo_region
from fse_desk.domain.roles import Role
from fse_desk.errors import ConfigError, InvalidRecord
from fse_desk.imaging.service import PacsClient
from fse_desk.progress import Progress
from fse_desk.pss.drafting import PssSigner
from fse_desk.pss.model import Clinician, Organization
from fse_desk.scheduling.video import VideoServer
from fse_desk.security.audit_anchor import AuditAnchor
from fse_desk.security.certificates import (
    OperatorCredentials,
    client_key_passphrase,
    load_operator_credentials,
    open_pkcs12_file,
)
from fse_desk.security.profiles import Profile
from fse_desk.security.secrets import load_cache_key
from fse_desk.security.signing_key import SigningKey
from fse_desk.security.unlock import role_source
from fse_desk.store import CacheStore
from fse_desk.store.paths import cache_path
from fse_desk.workstation import DEMO_VIDEO_SERVER, Operator, Workstation

Report = Callable[[Progress], None]


def open_workstation(
    config: AppConfig, report: Report | None = None, *, profile: Profile | None = None
) -> Workstation:
    """Open the cache, connect the region (starting the sandbox in demo), sign in.

    ``profile``: the workstation profile that signed in (fse_desk_ui.signin checks its passphrase);
    None opens as the configuration's ``[user]`` (or the demo MMG in demo).
    """
    if config.is_demo:
        return _open_demo(config, report, profile)
    if config.region is None:  # load_config guarantees it outside the demo
        raise ConfigError("a configured workstation needs a [region] section")
    user = _configured_user(config, profile)
    if user is None:
        raise ConfigError("a configured region needs a [user] section or a signed-in profile")
    operator = Operator(
        display_name=user.display_name,
        codice_fiscale=user.codice_fiscale,
        role=user.role,
        practitioner_id=user.practitioner_id,
        profile=user.profile,
        signer=_signer(user),
    )
    region = config.region
    passphrase = client_key_passphrase(user.profile) if region.client_key else None
    client = FhirClient(
        region.fhir_base_url,
        timeout_s=region.timeout_s,
        tls=TlsSettings(region.ca_bundle, region.client_cert, region.client_key, passphrase),
        limits=HttpLimits(
            deadline_s=region.request_deadline_s,
            max_response_bytes=region.max_response_bytes,
            use_environment=region.use_environment,
        ),
    )
    certificate, name = user.certificate, user.profile
    credentials = (lambda: load_operator_credentials(certificate, name)) if certificate else None
    # The PSS signature asks the passphrase once per session (fse_desk.security.signing_key).
    signing = (
        SigningKey(lambda typed: open_pkcs12_file(certificate, typed)) if certificate else None
    )
    return _open(
        config,
        operator,
        client,
        allow_file_key=False,
        on_close=None,
        pacs=_pacs_client(config.pacs, client) if config.pacs is not None else None,
        credentials=credentials,
        gateway_url=region.gateway_base_url,
        signing=signing,
    )


def _configured_user(config: AppConfig, profile: Profile | None) -> UserConfig | None:
    """Who opens the workstation: the configured ``[user]``, or the signed-in ``profile``.

    A profile takes its identity (name, CF, role, Practitioner id) from the profile; the
    certificate and the PSS author's details of ``[user]`` are its own only when ``[user]``
    describes that same professional (same profile name and CF), never a colleague's.
    """
    if profile is None:
        return config.user
    mine = config.user
    if mine is not None and (mine.profile, mine.codice_fiscale) == (
        profile.name,
        profile.codice_fiscale,
    ):
        return replace(
            mine,
            display_name=profile.display_name,
            role=profile.role,
            practitioner_id=profile.practitioner_id,
        )
    return UserConfig(
        profile=profile.name,
        display_name=profile.display_name,
        codice_fiscale=profile.codice_fiscale,
        role=profile.role,
        practitioner_id=profile.practitioner_id,
        lock_minutes=config.lock_minutes,
    )


def _signer(user: UserConfig) -> PssSigner | None:
    """The PSS author from ``[user]``; None (and no PSS editing) while details are missing."""
    try:
        return PssSigner(
            Clinician(user.codice_fiscale, user.given_name, user.family_name, user.telecom),
            Organization(user.organization_id, user.organization_name, address=user.address),
        )
    except InvalidRecord:
        return None


def _open(
    config: AppConfig,
    operator: Operator,
    client: FhirClient,
    *,
    allow_file_key: bool,
    on_close: Callable[[], None] | None,
    pacs: PacsClient | None = None,
    credentials: Callable[[], OperatorCredentials] | None = None,
    gateway_url: str | None = None,
    signing: SigningKey | None = None,
) -> Workstation:
    operator = replace(operator, role_source=role_source(config.data_dir, operator.profile))
    path = cache_path(operator.profile, config.data_dir)
    key = load_cache_key(operator.profile, path, allow_file_key=allow_file_key)
    store = CacheStore.open(path, key.key)
    workstation = Workstation(
        store=store,
        client=client,
        operator=operator,
        cache_key=key,
        demo=config.is_demo,
        on_close=on_close,
        credentials=credentials,
        signing=signing,
        vocabulary_dir=config.vocabulary_dir,
        gateway_url=gateway_url,
        gateway_validation=config.region is not None
        and config.region.gateway_validation_environment,
        video_server=video_server(config),
        # A demo profile without a keyring keeps its audit head beside its key file.
        audit_anchor=AuditAnchor(
            operator.profile, None if key.file is None else path.with_name(path.name + ".audit")
        ),
    )
    if pacs is not None:
        workstation.imaging.connect_pacs(pacs)
    return workstation


def _pacs_client(pacs: PacsConfig, region: FhirClient) -> PacsClient:
    """The client ``[pacs]`` asks for: DICOMweb (with the region's CA, client certificate and
    limits), or DICOM networking (DIMSE)."""
    if pacs.protocol is PacsProtocol.DICOMWEB:
        return DicomWebClient(
            pacs.dicomweb_base_url, timeout_s=pacs.timeout_s, tls=region.tls, limits=region.limits
        )
    peer = DimsePeer(
        host=pacs.host,
        port=pacs.port,
        called_ae=pacs.called_ae,
        calling_ae=pacs.calling_ae,
        retrieve=Retrieve(pacs.retrieve),
        storage_port=pacs.storage_port,
        tls=tls_context(pacs.ca_bundle) if pacs.tls else None,
    )
    return DimseClient(peer, timeout_s=pacs.timeout_s)


def video_server(config: AppConfig) -> VideoServer:
    televisit = config.televisit
    if televisit is None:
        return DEMO_VIDEO_SERVER
    return VideoServer(televisit.video_server_url, televisit.jwt_app_id, televisit.jwt_audience)


def _open_demo(config: AppConfig, report: Report | None, profile: Profile | None) -> Workstation:
    region = start_demo_region(config, report)
    operator = Operator(
        display_name=region.operator_name,
        codice_fiscale=region.operator_cf,
        role=Role.MMG,
        practitioner_id=region.practitioner_id,
        profile=DEMO_PROFILE,
        signer=region.signer,
    )
    # A colleague's profile signs in on the demo region as themselves: the demo MMG's
    # signing identity and certificate stay the demo MMG's.
    own_credentials = profile is None or profile.codice_fiscale == region.operator_cf
    if profile is not None:
        operator = Operator(
            display_name=profile.display_name,
            codice_fiscale=profile.codice_fiscale,
            role=profile.role,
            practitioner_id=profile.practitioner_id,
            profile=profile.name,
            signer=region.signer if own_credentials else None,
        )
    try:
        # The demo region serves its own PACS (DICOMweb) unless a real one is configured,
        # and its own FSE 2.0 gateway, which trusts the demo certificate.
        client = FhirClient(region.fhir_url)
        pacs = (
            _pacs_client(config.pacs, client)
            if config.pacs is not None
            else DicomWebClient(region.pacs_url)
        )
        credentials = region.credentials
        return _open(
            config,
            operator,
            client,
            allow_file_key=True,
            on_close=region.stop,
            pacs=pacs,
            credentials=(lambda: credentials) if own_credentials else None,
            gateway_url=region.gateway_url,
        )
    except BaseException:
        region.stop()
        raise
