"""Telemonitoring: the patient's plan, readings from every source, alarm rules, CGM metrics."""
