"""A deterministic synthetic Emilia-Romagna region for the sandbox FHIR server.

``generate_region(seed, patients, today)`` yields plain FHIR R4 dicts: first the
practice (organizations, practitioners, the demo MMG's role), then one list per
assistito (Patient, Consent, DocumentReference + Binary pairs, Observations).
"""

from fse_desk_sandbox.region.facilities import (
    DEMO_MMG_CF,
    DEMO_MMG_FAMILY,
    DEMO_MMG_GIVEN,
    DEMO_MMG_ID,
    DEMO_MMG_NAME,
    DEMO_MMG_ROLE_ID,
    PRACTICE_ID,
)
from fse_desk_sandbox.region.generator import GENERATOR_VERSION, generate_region

__all__ = [
    "DEMO_MMG_CF",
    "DEMO_MMG_FAMILY",
    "DEMO_MMG_GIVEN",
    "DEMO_MMG_ID",
    "DEMO_MMG_NAME",
    "DEMO_MMG_ROLE_ID",
    "GENERATOR_VERSION",
    "PRACTICE_ID",
    "generate_region",
]
