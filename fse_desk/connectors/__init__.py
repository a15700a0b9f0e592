"""Connectors to the regional services: FHIR R4 (reads, sync, outbox push), the FSE 2.0
gateway, and the PACS (DICOMweb)."""
