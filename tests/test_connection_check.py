"""The "Prova connessione" check against the sandbox over real https on 127.0.0.1: each thing
that can be wrong between a practice and its region gives its own verdict."""

from __future__ import annotations

import socket
from datetime import UTC, datetime, timedelta
from pathlib import Path

from fse_desk.connectors.fhir_client import TlsSettings
from fse_desk.region_check import (
    Verdict,
    check_fhir_server,
    check_reachable,
)
from tests.fixtures_tls import Authority, TlsRegion, https_sandbox


def test_the_right_certificates_reach_an_r4_server(tls_region: TlsRegion) -> None:
    check = check_fhir_server(tls_region.url, tls_region.tls)
    assert check.verdict is Verdict.OK, check.detail
    assert check.fhir_version.startswith("4.0") and check.status == 200


def test_a_client_certificate_of_another_authority_is_rejected(
    tls_region: TlsRegion, pki: Path
) -> None:
    stranger = Authority(pki, "Altra CA").issue("Autenticazione estranea")
    tls = TlsSettings(tls_region.region_ca.bundle, stranger.cert, stranger.key)
    assert check_fhir_server(tls_region.url, tls).verdict is Verdict.CLIENT_CERT_REJECTED


def test_no_client_certificate_where_one_is_required(tls_region: TlsRegion) -> None:
    tls = TlsSettings(tls_region.region_ca.bundle)
    assert check_fhir_server(tls_region.url, tls).verdict is Verdict.CLIENT_CERT_REJECTED


def test_a_server_signed_by_an_untrusted_authority(tls_region: TlsRegion, pki: Path) -> None:
    other = Authority(pki, "CA non configurata")
    tls = TlsSettings(other.bundle, tls_region.operator.cert, tls_region.operator.key)
    check = check_fhir_server(tls_region.url, tls)
    assert check.verdict is Verdict.UNTRUSTED_CA, check.detail


def test_a_server_certificate_for_another_host(pki: Path) -> None:
    ca = Authority(pki, "CA nomi")
    server = https_sandbox(ca.issue("fse.example-regione.it", hosts=("fse.example-regione.it",)))
    try:
        check = check_fhir_server(server.base_url, TlsSettings(ca.bundle))
    finally:
        server.stop()
    assert check.verdict is Verdict.WRONG_HOST, check.detail


def test_an_expired_server_certificate(pki: Path) -> None:
    ca = Authority(pki, "CA scaduta")
    old = datetime.now(UTC) - timedelta(days=400)
    server = https_sandbox(ca.issue("127.0.0.1", hosts=("127.0.0.1",), days=30, not_before=old))
    try:
        check = check_fhir_server(server.base_url, TlsSettings(ca.bundle))
    finally:
        server.stop()
    assert check.verdict is Verdict.SERVER_CERT_EXPIRED, check.detail


def test_our_own_expired_certificate_is_named_before_connecting(
    tls_region: TlsRegion,
) -> None:
    old = datetime.now(UTC) - timedelta(days=400)
    expired = tls_region.region_ca.issue("Autenticazione scaduta", days=30, not_before=old)
    tls = TlsSettings(tls_region.region_ca.bundle, expired.cert, expired.key)
    assert check_fhir_server(tls_region.url, tls).verdict is Verdict.CLIENT_CERT_EXPIRED


def test_a_key_that_does_not_match_the_certificate(tls_region: TlsRegion) -> None:
    other = tls_region.region_ca.issue("Un altro operatore")
    tls = TlsSettings(tls_region.region_ca.bundle, tls_region.operator.cert, other.key)
    assert check_fhir_server(tls_region.url, tls).verdict is Verdict.CLIENT_CERT_UNUSABLE


def test_a_wrong_path_is_not_a_fhir_base(tls_region: TlsRegion) -> None:
    wrong = tls_region.url.removesuffix("/fhir") + "/fse/api"
    check = check_fhir_server(wrong, tls_region.tls)
    assert check.verdict is Verdict.NOT_FOUND and check.status == 404


def test_a_server_that_is_down(tls_region: TlsRegion) -> None:
    with socket.socket() as probe:  # a port nobody listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    check = check_fhir_server(f"https://127.0.0.1:{port}/fhir", tls_region.tls)
    assert check.verdict is Verdict.REFUSED, check.detail


def test_a_name_that_does_not_resolve(tls_region: TlsRegion) -> None:
    check = check_fhir_server("https://fse.invalid/fhir", tls_region.tls, timeout_s=3)
    assert check.verdict is Verdict.NAME_NOT_FOUND, check.detail


def test_plain_http_to_another_computer_is_refused_before_connecting() -> None:
    assert check_fhir_server("http://fse.example.it/fhir", TlsSettings()).verdict is (
        Verdict.BAD_ADDRESS
    )


def test_the_gateway_needs_only_an_answer(tls_region: TlsRegion) -> None:
    gateway = tls_region.url.removesuffix("/fhir") + "/v1"
    assert check_reachable(gateway, tls_region.tls).verdict is Verdict.OK
    no_cert = TlsSettings(tls_region.region_ca.bundle)
    assert check_reachable(gateway, no_cert).verdict is Verdict.CLIENT_CERT_REJECTED


def test_a_ca_file_that_is_not_a_certificate(tls_region: TlsRegion, tmp_path: Path) -> None:
    notes = tmp_path / "ca-notes.txt"
    notes.write_text("the region's CA: ask Mario\n", encoding="utf-8")
    tls = TlsSettings(notes, tls_region.operator.cert, tls_region.operator.key)
    assert check_fhir_server(tls_region.url, tls).verdict is Verdict.CA_UNUSABLE
