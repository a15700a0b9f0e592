"""Shared identifier aliases (httpx-style ``_types``)."""

from typing import NewType

PatientId = NewType("PatientId", str)
"""FHIR logical id of a Patient on the regional server."""

DocumentId = NewType("DocumentId", str)
"""FHIR logical id of a DocumentReference on the regional server."""

CodiceFiscale = NewType("CodiceFiscale", str)
"""Italian tax code, 16 characters, upper case."""
