"""PSS drafts live in the encrypted cache: saved as the doctor types, back after a crash."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from fse_desk.startup import open_workstation
from tests.fixtures_region import LiveRegion, region_config
from tests.test_pss_support import full_pss


def test_a_draft_survives_closing_the_app_and_keeps_every_value(
    tmp_path: Path, live_region: LiveRegion
) -> None:
    config = region_config(tmp_path, live_region.server.base_url)
    draft = full_pss()
    workstation = open_workstation(config)
    try:
        workstation.sync()
        patient_id = workstation.search_patients("")[0].id
        workstation.pss.save_draft(patient_id, draft)
        edited = replace(draft, no_known_allergies=False)
        workstation.pss.save_draft(patient_id, edited)  # the autosave overwrites
    finally:
        workstation.close()
    # The laptop was closed (or the app crashed): the draft is there on reopening.
    workstation = open_workstation(config)
    try:
        found = workstation.pss.draft(patient_id, draft.author.cf)
        assert found is not None and found[0] == edited
        assert workstation.pss.draft(patient_id, "LTRMDC70A01A944X") is None  # per author
        assert workstation.pss.discard_draft(patient_id, draft.author.cf)
        assert workstation.pss.draft(patient_id, draft.author.cf) is None
    finally:
        workstation.close()
    cache = next((tmp_path / "profiles").rglob("cache.sqlcipher"))
    assert draft.patient.family.encode() not in cache.read_bytes()  # encrypted at rest
