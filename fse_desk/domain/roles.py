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
    def gateway_subject_role(self) -> str | None:
        """The gateway's ``subject_role`` code: APR for the patient's MMG/PLS; None for the
        roles that publish nothing through FSE Desk."""
        return "APR" if self.writes_pss else None

    @property
    def writes_pss(self) -> bool:
        """Only the patient's own MMG/PLS writes the Profilo Sanitario Sintetico."""
        return self in (Role.MMG, Role.PLS)
