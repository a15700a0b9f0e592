"""Developer tools run by ``./dev``: not part of the workstation, never imported by it."""
