"""LOINC codes the product reasons about, by name: document types and CDA sections.

The code system itself is :data:`fse_desk.domain.identifiers.LOINC_OID`. The Italian
title of each document type is in :data:`fse_desk.domain.document.DOCUMENT_TYPES`.
"""

from __future__ import annotations

# -- document types (ClinicalDocument/code, DocumentReference.type) ----------------------
PSS = "60591-5"  # Profilo Sanitario Sintetico (patient summary)
LAB_REPORT = "11502-2"  # referto di laboratorio
SPECIALIST_REPORT = "11488-4"  # referto specialistico (consult note)
RADIOLOGY_REPORT = "68604-8"
PATHOLOGY_REPORT = "11526-1"
TELEVISIT_REPORT = "75496-0"
TELECONSULT_REPORT = "85208-7"
TELEMONITORING_REPORT = "64296-7"  # report rilevazione (HL7 Italia telemonitoraggio)
HOSPITAL_DISCHARGE_LETTER = "34105-7"  # lettera di dimissione ospedaliera (LDO)
DISCHARGE_LETTER = "18842-5"  # lettera di dimissione non ospedaliera
EMERGENCY_REPORT = "59258-4"  # verbale di pronto soccorso
DRUG_PRESCRIPTION = "57833-6"  # prescrizione farmaceutica
SPECIALIST_PRESCRIPTION = "57832-8"
EXEMPTION = "57827-8"  # esenzione
CARE_PLAN = "18776-5"  # piano terapeutico (also a section: plan of care)

# -- CDA sections read for "Aggiorna dal fascicolo" -----------------------------------
HOSPITAL_DISCHARGE_DIAGNOSIS = "11535-2"
DIAGNOSIS = "29548-5"
PROBLEM_LIST = "11450-4"
PAST_ILLNESS = "11348-0"
HISTORY = "11329-0"  # anamnesi
CONCLUSIONS = "55110-1"
PRESENT_ILLNESS = "10164-2"
DISCHARGE_MEDICATIONS = "10183-2"
MEDICATION_HISTORY = "10160-0"  # terapie farmacologiche
PRESCRIPTION_LIST = "57828-6"
MEDICATIONS_93341 = "93341-4"  # a therapy section of the HL7 Italia guides
ALLERGIES = "48765-2"  # allergie e intolleranze
