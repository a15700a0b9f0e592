"""Who the operator is and what their role allows."""

from __future__ import annotations

import enum


class Role(enum.Enum):
    """Operator roles of a practice or Casa della Salute (FSE ``subject_role`` codes)."""

    MMG = "MMG"  # medico di medicina generale (gateway subject_role APR)
    PLS = "PLS"  # pediatra di libera scelta (APR)
    SPECIALIST = "SPECIALISTA"
    NURSE = "INFERMIERE"
    SOCIAL_WORKER = "ASSISTENTE_SOCIALE"

    @property
    def writes_pss(self) -> bool:
        """Only the patient's own MMG/PLS writes the Profilo Sanitario Sintetico."""
        return self in (Role.MMG, Role.PLS)
