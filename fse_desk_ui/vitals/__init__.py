"""Vital signs: the "Rileva parametri" form and the patient's recent readings."""
