"""The sandbox FSE 2.0 gateway (``/v1``): verifies, publishes and reports workflows."""

from fse_desk_sandbox.gateway.routes import routes, trust_certificate_authority

__all__ = ["routes", "trust_certificate_authority"]
