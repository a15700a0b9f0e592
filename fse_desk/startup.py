"""Build a :class:`Workstation` from the configuration.

Demo mode (no configuration file): the demo region (the separate
``fse_desk_sandbox`` package, see :mod:`fse_desk.demo`) is seeded on first run
into the data directory, served in-process on a free loopback port, and the
demo MMG is signed in. Later starts reuse the seeded region and the cache. With
a configuration file, the configured region is used instead.
"""

from __future__ import annotations

from collections.abc import Callable

from fse_desk.config import DEMO_PROFILE, AppConfig, UserConfig
from fse_desk.connectors.dicomweb import DicomWebClient
from fse_desk.connectors.fhir_client import FhirClient, TlsSettings
from fse_desk.demo import start_demo_region
from fse_desk.errors import ConfigError, InvalidRecord
from fse_desk.progress import Progress
from fse_desk.pss.drafting import PssSigner
from fse_desk.pss.model import Clinician, Organization
from fse_desk.security.audit_anchor import AuditAnchor
from fse_desk.security.certificates import (
    OperatorCredentials,
    load_operator_credentials,
)
from fse_desk.security.roles import Role
from fse_desk.security.secrets import load_cache_key
from fse_desk.store import CacheStore
from fse_desk.store.paths import cache_path
from fse_desk.workstation import Operator, Workstation

Report = Callable[[Progress], None]


def open_workstation(config: AppConfig, report: Report | None = None) -> Workstation:
    """Open the cache, connect the region (starting the sandbox in demo), sign in."""
    if config.is_demo:
        return _open_demo(config, report)
    if config.region is None or config.user is None:  # load_config guarantees both
        raise ConfigError("a configured region needs a [user] section")
    operator = Operator(
        display_name=config.user.display_name,
        codice_fiscale=config.user.codice_fiscale,
        role=config.user.role,
        practitioner_id=config.user.practitioner_id,
        profile=config.user.profile,
        signer=_signer(config.user),
    )
    region = config.region
    client = FhirClient(
        region.fhir_base_url,
        timeout_s=region.timeout_s,
        tls=TlsSettings(region.ca_bundle, region.client_cert, region.client_key),
    )
    pacs_url = config.pacs.dicomweb_base_url if config.pacs is not None else None
    certificate, profile = config.user.certificate, config.user.profile
    credentials = (lambda: load_operator_credentials(certificate, profile)) if certificate else None
    return _open(
        config,
        operator,
        client,
        allow_file_key=False,
        on_close=None,
        pacs_url=pacs_url,
        credentials=credentials,
        gateway_url=region.gateway_base_url,
    )


def _signer(user: UserConfig) -> PssSigner | None:
    """The PSS author from ``[user]``; None (and no PSS editing) while details are missing."""
    try:
        return PssSigner(
            Clinician(user.codice_fiscale, user.given_name, user.family_name, user.telecom),
            Organization(user.organization_id, user.organization_name),
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
    pacs_url: str | None = None,
    credentials: Callable[[], OperatorCredentials] | None = None,
    gateway_url: str | None = None,
) -> Workstation:
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
        vocabulary_dir=config.vocabulary_dir,
        gateway_url=gateway_url,
        # A demo profile without a keyring keeps its audit head beside its key file.
        audit_anchor=AuditAnchor(
            operator.profile, None if key.file is None else path.with_name(path.name + ".audit")
        ),
    )
    if pacs_url is not None:
        timeout = config.pacs.timeout_s if config.pacs is not None else 30.0
        workstation.imaging.connect_pacs(DicomWebClient(pacs_url, timeout_s=timeout))
    return workstation


def _open_demo(config: AppConfig, report: Report | None) -> Workstation:
    region = start_demo_region(config, report)
    operator = Operator(
        display_name=region.operator_name,
        codice_fiscale=region.operator_cf,
        role=Role.MMG,
        practitioner_id=region.practitioner_id,
        profile=DEMO_PROFILE,
        signer=region.signer,
    )
    try:
        # The demo region serves its own PACS (DICOMweb) unless a real one is configured,
        # and its own FSE 2.0 gateway, which trusts the demo certificate.
        pacs_url = config.pacs.dicomweb_base_url if config.pacs is not None else region.pacs_url
        credentials = region.credentials
        return _open(
            config,
            operator,
            FhirClient(region.fhir_url),
            allow_file_key=True,
            on_close=region.stop,
            pacs_url=pacs_url,
            credentials=lambda: credentials,
            gateway_url=region.gateway_url,
        )
    except BaseException:
        region.stop()
        raise
