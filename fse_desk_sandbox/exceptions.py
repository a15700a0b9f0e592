"""Errors the sandbox raises while serving a FHIR interaction.

Each class carries the HTTP status and the FHIR ``IssueType`` code the app
puts in the OperationOutcome it answers with, so the storage layer can fail
with the right meaning without knowing anything about HTTP responses::

    SandboxError                 500 exception
    ├── BadRequest               400 invalid       (bad parameter, bad JSON, id mismatch)
    ├── UnknownResource          404 not-found     (unknown type or id)
    ├── MethodNotAllowed         405 not-supported
    ├── NotAcceptable            406 not-supported (a format we do not serve)
    ├── ResourceGone             410 deleted
    ├── VersionConflict          412 conflict      (If-Match lost, If-None-Exist ambiguous)
    └── UnprocessableResource    422 processing    (not a valid resource of that type)
"""

from __future__ import annotations

from fse_desk.errors import FseDeskError


class SandboxError(FseDeskError):
    """A FHIR interaction on the sandbox failed; ``status`` is the HTTP answer."""

    status: int = 500
    issue_code: str = "exception"


class BadRequest(SandboxError):
    """The request itself is wrong: a parameter, a header or the body syntax."""

    status = 400
    issue_code = "invalid"


class UnknownResource(SandboxError):
    """No such resource type, or no resource with that id (or version)."""

    status = 404
    issue_code = "not-found"


class MethodNotAllowed(SandboxError):
    """The interaction is not supported on that URL."""

    status = 405
    issue_code = "not-supported"


class NotAcceptable(SandboxError):
    """The client asked for a format the sandbox does not produce (only JSON)."""

    status = 406
    issue_code = "not-supported"


class ResourceGone(SandboxError):
    """The resource existed and was deleted."""

    status = 410
    issue_code = "deleted"


class VersionConflict(SandboxError):
    """A precondition failed: ``If-Match`` lost, or ``If-None-Exist`` matched many."""

    status = 412
    issue_code = "conflict"


class UnprocessableResource(SandboxError):
    """The body parses as JSON but is not a valid resource for this URL."""

    status = 422
    issue_code = "processing"
