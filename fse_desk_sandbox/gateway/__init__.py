"""The sandbox FSE 2.0 gateway (``/v1``): verifies, publishes and reports workflows."""

from fse_desk_sandbox.gateway.routes import (
    configure_audience,
    configure_environment,
    received_signature_tokens,
    routes,
    trust_certificate_authority,
)

__all__ = [
    "configure_audience",
    "configure_environment",
    "received_signature_tokens",
    "routes",
    "trust_certificate_authority",
]
