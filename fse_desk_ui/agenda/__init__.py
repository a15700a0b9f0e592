"""The team agenda (televisits): the Agenda view, booking, the patient's Televisite tab."""
