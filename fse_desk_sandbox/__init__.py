"""The built-in regional FSE: a FHIR R4 server for demo, training and tests.

It behaves like a real FHIR server (search, paging, versions and ETags,
OperationOutcome errors) over real HTTP on 127.0.0.1, can inject faults, and
serves a synthetic region generated from a seed. It is never a production
back end.
"""

from fse_desk_sandbox.app import create_app, register_routes
from fse_desk_sandbox.faults import FaultConfig
from fse_desk_sandbox.gateway import routes as _gateway_routes
from fse_desk_sandbox.imaging import routes as _pacs_routes
from fse_desk_sandbox.seeding import ensure_seeded
from fse_desk_sandbox.server import SandboxServer, ServerTls
from fse_desk_sandbox.storage import ResourceStore

register_routes(_pacs_routes.routes)  # the sandbox PACS (DICOMweb) beside FHIR
register_routes(_gateway_routes)  # the FSE 2.0 gateway (/v1) beside FHIR

__all__ = [
    "FaultConfig",
    "ResourceStore",
    "SandboxServer",
    "ServerTls",
    "create_app",
    "ensure_seeded",
]
