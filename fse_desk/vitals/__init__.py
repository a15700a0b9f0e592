"""Vital signs recorded on the workstation (home visits, desk) and sent as FHIR Observations."""

from fse_desk.vitals.observation import reading_from_observation, to_observation
from fse_desk.vitals.service import VitalsService

__all__ = ["VitalsService", "reading_from_observation", "to_observation"]
