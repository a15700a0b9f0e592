"""The Casa della Salute's shared agenda: schedules, slots, appointments, televisits.

Pure records and functions (no I/O): :mod:`.model` (FHIR R4 Schedule / Slot /
Appointment as records), :mod:`.clock` (Europe/Rome, DST-safe), :mod:`.freeslots`
(first common free slots of several participants), :mod:`.recurrence` (series
expanded and every occurrence checked), :mod:`.conflicts` (double booking
warned with its reason), :mod:`.series` (reschedule or cancel one occurrence or
the rest of a series), :mod:`.waitlist`, :mod:`.permissions` (who books, who
signs the report).
"""
