"""What "Prova connessione" says for each verdict: what is wrong, in words a practice's IT
person can act on, and where to look. The check's English detail goes to the log."""

from __future__ import annotations

import logging

from PySide6.QtCore import QCoreApplication

from fse_desk.region_check import ConnectionCheck, Verdict

log = logging.getLogger(__name__)


def _texts() -> dict[Verdict, str]:
    # Built on each call so the texts follow the installed translator.
    return {
        Verdict.OK: QCoreApplication.translate(
            "ConnectionTexts", "Connected: the server answers as a FHIR R4 server{software}."
        ),
        Verdict.BAD_ADDRESS: QCoreApplication.translate(
            "ConnectionTexts",
            "The address is not valid: it must start with https:// and contain no user name "
            "or password.",
        ),
        Verdict.CLIENT_CERT_UNUSABLE: QCoreApplication.translate(
            "ConnectionTexts",
            "Our authentication certificate cannot be used: check that the key file belongs to "
            "the certificate and that the key's passphrase is right.",
        ),
        Verdict.CLIENT_CERT_EXPIRED: QCoreApplication.translate(
            "ConnectionTexts",
            "Our authentication certificate has expired (or is not valid yet): ask the "
            "certification authority for a new one, and check this computer's date.",
        ),
        Verdict.CA_UNUSABLE: QCoreApplication.translate(
            "ConnectionTexts",
            "The file chosen as the region's CA certificate holds no certificate: choose the "
            "CA file the region gave (usually .pem or .crt).",
        ),
        Verdict.NAME_NOT_FOUND: QCoreApplication.translate(
            "ConnectionTexts",
            "The server name does not exist for this computer (DNS): check the address for "
            "typing mistakes, and whether the region's network needs a VPN.",
        ),
        Verdict.REFUSED: QCoreApplication.translate(
            "ConnectionTexts",
            "The server is down, or nothing answers on that port: check the port in the "
            "address, then ask the region whether the service is up.",
        ),
        Verdict.TIMEOUT: QCoreApplication.translate(
            "ConnectionTexts",
            "No answer in time: a firewall or proxy may be blocking the connection, or the "
            "server is overloaded. Check the practice's firewall, then try again.",
        ),
        Verdict.UNTRUSTED_CA: QCoreApplication.translate(
            "ConnectionTexts",
            "The server's certificate is issued by an authority this computer does not trust: "
            "choose the region's CA certificate file (ask the region for it).",
        ),
        Verdict.WRONG_HOST: QCoreApplication.translate(
            "ConnectionTexts",
            "The server's certificate is for another name than the one in the address: use the "
            "exact host name the region gave, not an IP address or an alias.",
        ),
        Verdict.SERVER_CERT_EXPIRED: QCoreApplication.translate(
            "ConnectionTexts",
            "The server's certificate has expired (or is not valid yet): check this computer's "
            "date and time; if they are right, tell the region.",
        ),
        Verdict.TLS_FAILED: QCoreApplication.translate(
            "ConnectionTexts",
            "The secure connection (TLS) failed: the server and this computer share no TLS "
            "version or cipher, or a proxy is interfering.",
        ),
        Verdict.CLIENT_CERT_REJECTED: QCoreApplication.translate(
            "ConnectionTexts",
            "The server refused our authentication certificate (or needs one): choose the "
            "certificate the region issued to this practice, with its key.",
        ),
        Verdict.DROPPED: QCoreApplication.translate(
            "ConnectionTexts",
            "The server closed the connection without answering: check the address and the "
            "port, and any proxy between this computer and the region.",
        ),
        Verdict.AUTH_REFUSED: QCoreApplication.translate(
            "ConnectionTexts",
            "The server refused access (HTTP {status}): the certificate is not enabled for this "
            "service. Ask the region to enable it.",
        ),
        Verdict.NOT_FOUND: QCoreApplication.translate(
            "ConnectionTexts",
            "The server answers, but there is no FHIR service at this address (HTTP 404): check "
            "the path after the host name (for example /fhir).",
        ),
        Verdict.SERVER_ERROR: QCoreApplication.translate(
            "ConnectionTexts",
            "The server has an internal error (HTTP {status}): try again later; if it persists, "
            "tell the region.",
        ),
        Verdict.HTTP_ERROR: QCoreApplication.translate(
            "ConnectionTexts",
            "The server answered with an unexpected error (HTTP {status}): check the address "
            "with the region.",
        ),
        Verdict.NOT_FHIR: QCoreApplication.translate(
            "ConnectionTexts",
            "The address answers, but not as a FHIR server: check that it is the FHIR base "
            "address the region gave, not a web page.",
        ),
        Verdict.NOT_R4: QCoreApplication.translate(
            "ConnectionTexts",
            "The server speaks FHIR {version}, but FSE Desk needs FHIR R4 (4.0): check the "
            "address with the region.",
        ),
    }


def connection_text(check: ConnectionCheck, *, fhir: bool = True) -> str:
    """The sentence for ``check``; ``fhir`` False for the gateway (any answer is fine)."""
    if check.ok and not fhir:
        return QCoreApplication.translate(
            "ConnectionTexts", "Connected: the gateway accepts our certificate."
        )
    if not check.ok:
        log.info("connection check: %s (%s)", check.verdict.value, check.detail)
    software = f" ({check.software} {check.fhir_version})".replace(" )", ")") if check.ok else ""
    return (
        _texts()[check.verdict]
        .replace("{software}", software)
        .replace("{status}", str(check.status or ""))
        .replace("{version}", check.fhir_version or "?")
    )
