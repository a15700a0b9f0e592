"""Code systems and codes of the telemonitoring resources, in one place.

The plan category (01 "Piano di Telemonitoraggio") is the guide's
``csTipologiaPiano``; the guide has no code for type I / type II, so the plan
carries it as a second category coding in a system of ours.
"""

from __future__ import annotations

from fse_desk.domain.telemonitoring import MonitoringType, Programme

LOINC = "http://loinc.org"
UCUM = "http://unitsofmeasure.org"
ICD9CM = "http://hl7.org/fhir/sid/icd-9-cm"
PLAN_CATEGORY_SYSTEM = "http://hl7.it/fhir/telemonitoraggio/CodeSystem/csTipologiaPiano"
PLAN_CATEGORY_TELEMONITORING = "01"
MONITORING_TYPE_SYSTEM = "https://fse-desk.example/fhir/CodeSystem/tipo-telemonitoraggio"
# Timing.repeat.when codes of the morning and evening readings (FHIR event-timing).
TIMES_OF_DAY = {"MORN": "morning", "AFT": "afternoon", "EVE": "evening", "NIGHT": "night"}

# The programme's condition, as CarePlan.activity.detail.reasonCode (ICD-9-CM).
PROGRAMME_CODES = {
    Programme.HEART_FAILURE: "428.0",
    Programme.COPD: "496",
    Programme.DIABETES: "250.00",
    Programme.HYPERTENSION: "401.9",
}
MONITORING_TYPE_CODES = {MonitoringType.TYPE_I: "I", MonitoringType.TYPE_II: "II"}
# A Task recording the team's action on an alarm: its code, and the alarm it is about.
ALARM_ACTION_SYSTEM = "https://fse-desk.example/fhir/CodeSystem/azione-allarme"
ALARM_SYSTEM = "https://fse-desk.example/fhir/sid/allarme-telemonitoraggio"
OUTCOME_SYSTEM = "https://fse-desk.example/fhir/CodeSystem/esito-allarme"
