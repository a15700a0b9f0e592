"""Who the operator is: the roles of a practice or Casa della Salute team."""

from __future__ import annotations

import enum


class Role(enum.Enum):
    """Operator roles of a practice or Casa della Salute (the value is kept in configs)."""

    MMG = "MMG"  # medico di medicina generale
    PLS = "PLS"  # pediatra di libera scelta
    SPECIALIST = "SPECIALISTA"
    NURSE = "INFERMIERE"
    SOCIAL_WORKER = "ASSISTENTE_SOCIALE"
    ADMIN_STAFF = "AMMINISTRATIVO"  # front desk / CUP staff

    @property
    def writes_pss(self) -> bool:
        """Only the patient's own MMG/PLS writes the Profilo Sanitario Sintetico."""
        return self in (Role.MMG, Role.PLS)

    @property
    def subject_role(self) -> str:
        """The FSE 2.0 gateway's ``subject_role`` code for this role."""
        return _SUBJECT_ROLES[self]


# FSE 2.0 gateway subject_role codes (JWT attribute assertions): APR medico/pediatra di
# base, AAS personale di assistenza ad alta specializzazione, INF personale
# infermieristico, PSS professionista del sociale, OAM operatore amministrativo.
_SUBJECT_ROLES = {
    Role.MMG: "APR",
    Role.PLS: "APR",
    Role.SPECIALIST: "AAS",
    Role.NURSE: "INF",
    Role.SOCIAL_WORKER: "PSS",
    Role.ADMIN_STAFF: "OAM",
}
