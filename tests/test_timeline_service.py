"""The timeline service on a real SQLCipher cache synced from the sandbox over HTTP."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta

import pytest
import sqlcipher3.dbapi2 as sqlcipher

from fse_desk._types import DocumentId
from fse_desk.documents import LAB_REPORT_LOINC
from fse_desk.domain.document import DocumentClass
from fse_desk.domain.patient import ConsentState
from fse_desk.domain.timeline import AccessAction, Purpose, TimelineFilter
from fse_desk.errors import (
    BodyNotAvailableOffline,
    Cancelled,
    ConsentMissing,
    ResourceNotFound,
    StoreError,
)
from fse_desk.progress import CancelToken, Progress, drive
from fse_desk.store import CacheStore
from fse_desk.timeline import BodyKind, Period, TimelineService
from tests.fixtures_region import LiveRegion
from tests.timeline_support import DOCTOR, NURSE, SyncedRegion, make_synced


@pytest.fixture
def synced(live_region: LiveRegion, cache: CacheStore) -> SyncedRegion:
    return make_synced(live_region, cache)


def test_timeline_lists_every_document_newest_first_with_counts(synced: SyncedRegion) -> None:
    patient = synced.busiest()
    view = synced.service.view(patient.id)
    cached = synced.cache.documents.list_for_patient(patient.id)
    assert view.consent
    assert [e.id for e in view.entries] == [d.id for d in cached]
    dates = [e.date for e in view.entries]
    assert dates == sorted(dates, reverse=True)
    assert sum(view.counts.values()) == len(cached) > 20
    refs = sum(1 for d in cached if d.doc_class is DocumentClass.REF)
    assert view.counts[DocumentClass.REF] == refs


def test_hidden_documents_are_never_listed_counted_searched_or_fetched(
    synced: SyncedRegion,
) -> None:
    hidden = synced.hidden_references()
    assert hidden, "the region must contain documents hidden by their patient"
    for reference in hidden:
        patient_id = reference["subject"]["reference"].split("/")[1]
        view = synced.service.view(patient_id)
        listed = {e.id for e in view.entries}
        assert reference["id"] not in listed
        assert sum(view.counts.values()) == len(listed)
        found = synced.service.view(patient_id, TimelineFilter(text=reference["description"]))
        assert reference["id"] not in {e.id for e in found.entries}
    patient_id = hidden[0]["subject"]["reference"].split("/")[1]
    summary = drive(synced.service.prefetch(patient_id))
    assert summary.fetched == len(synced.service.view(patient_id).entries)
    assert not synced.cache.bodies.has(hidden[0]["id"])
    with pytest.raises(Exception, match="not in the cache"):
        synced.service.open_document(DocumentId(hidden[0]["id"]))


def test_patient_without_consent_gets_an_empty_timeline_that_says_so(
    synced: SyncedRegion,
) -> None:
    denied = synced.patients(ConsentState.DENIED)
    assert denied
    view = synced.service.view(denied[0].id)
    assert not view.consent
    assert view.entries == () and not view.counts
    assert synced.service.facilities(denied[0].id) == []
    with pytest.raises(ConsentMissing, match="has not consented"):
        drive(synced.service.prefetch(denied[0].id))


def test_filters_by_class_facility_period_and_text_combine(synced: SyncedRegion) -> None:
    patient = synced.busiest()
    service = synced.service
    everything = service.view(patient.id).entries
    facility = max(
        service.facilities(patient.id), key=lambda f: sum(e.facility == f for e in everything)
    )
    by_facility = service.view(patient.id, TimelineFilter(facility=facility))
    assert {e.facility for e in by_facility.entries} == {facility}
    reports = service.view(patient.id, TimelineFilter(classes=frozenset({DocumentClass.REF})))
    assert reports.entries and all(e.doc_class is DocumentClass.REF for e in reports.entries)
    assert reports.counts == service.view(patient.id).counts  # counts ignore the class filter
    since = service.period_filter(Period.LAST_5_YEARS)
    assert since is not None
    recent = service.view(patient.id, TimelineFilter(since=since))
    assert all(e.date >= since for e in recent.entries)
    assert len(recent.entries) < len(everything)
    combined = service.view(
        patient.id,
        TimelineFilter(classes=frozenset({DocumentClass.REF}), facility=facility, since=since),
    )
    expected = [
        e.id
        for e in everything
        if e.doc_class is DocumentClass.REF and e.facility == facility and e.date >= since
    ]
    assert [e.id for e in combined.entries] == expected
    word = everything[0].title.split()[0][:5]
    by_title = service.view(patient.id, TimelineFilter(text=word))
    assert everything[0].id in {e.id for e in by_title.entries}


def test_free_text_finds_words_of_the_document_text_once_downloaded(
    synced: SyncedRegion,
) -> None:
    patient = synced.busiest()
    service = synced.service
    lab = next(e for e in service.view(patient.id).entries if e.type_code == LAB_REPORT_LOINC)
    # "Piastrine" appears in the results table of every blood count, never in the title.
    flt = TimelineFilter(text="piastrine")
    assert lab.id not in {e.id for e in service.view(patient.id, flt).entries}
    opened = service.open_document(lab.id)
    assert opened.cda is not None and "Piastrine" in opened.cda.plain_text()
    assert lab.id in {e.id for e in service.view(patient.id, flt).entries}


def test_a_body_the_server_says_is_gone_takes_its_document_out_of_the_cache(
    synced: SyncedRegion,
) -> None:
    patient = synced.busiest()
    entry = synced.service.view(patient.id).entries[0]
    meta = synced.cache.documents.get(entry.id)
    assert meta is not None
    # Deleted on the server since the last sync: its Binary answers 410 Gone.
    synced.region.store.delete("Binary", meta.body_url.rsplit("/", 1)[-1])
    with pytest.raises(ResourceNotFound) as raised:
        synced.service.open_document(entry.id)
    assert raised.value.status == 410
    assert synced.cache.documents.get(entry.id) is None
    assert entry.id not in {e.id for e in synced.service.view(patient.id).entries}


def test_new_since_last_review_is_per_user(synced: SyncedRegion) -> None:
    patient = synced.busiest()
    doctor, nurse = synced.service, TimelineService(synced.cache, synced.region.client, NURSE)
    # Never reviewed: everything is new, except versions already replaced.
    total = sum(not e.superseded for e in doctor.view(patient.id).entries)
    assert total < len(doctor.view(patient.id).entries)  # the region replaced a PSS
    assert doctor.view(patient.id).new_count == total
    doctor.mark_reviewed(patient.id)
    assert doctor.view(patient.id).new_count == 0
    assert doctor.view(patient.id, TimelineFilter(only_new=True)).entries == ()
    assert nurse.view(patient.id).new_count == total

    latest = synced.cache.documents.list_for_patient(patient.id)[0]
    arrived = replace(
        latest,
        id=DocumentId("doc-arrived-now"),
        date=datetime.now(UTC),
        last_updated=datetime.now(UTC) + timedelta(minutes=1),
    )
    synced.cache.documents.upsert_many([arrived])
    fresh = doctor.view(patient.id, TimelineFilter(only_new=True))
    assert [e.id for e in fresh.entries] == ["doc-arrived-now"]
    assert fresh.new_count == 1 and fresh.entries[0].new


def test_marks_one_or_all_seen_with_undo_and_counts_new_per_patient(synced: SyncedRegion) -> None:
    doctor, nurse = synced.service, TimelineService(synced.cache, synced.region.client, NURSE)
    patients = [p.id for p in synced.patients()]
    patient = synced.busiest()
    changed: list[str] = []
    doctor.reviews_changed.connect(changed.append)
    counts = doctor.new_counts(patients)
    total = doctor.view(patient.id).new_count
    assert counts[patient.id] == total > 1
    assert all(counts[p] == doctor.view(p).new_count for p in counts)

    first = next(e for e in doctor.view(patient.id).entries if e.new)
    undo_one = doctor.mark_seen(first.id)
    assert undo_one is not None and changed == [patient.id]
    assert doctor.mark_seen(first.id) is None  # not new any more: nothing to undo
    view = doctor.view(patient.id)
    assert view.new_count == total - 1
    assert not next(e for e in view.entries if e.id == first.id).new
    assert doctor.new_counts(patients)[patient.id] == total - 1
    assert nurse.new_counts(patients)[patient.id] == total  # another user's marks
    with pytest.raises(ValueError, match="only by the user"):
        nurse.undo_review(undo_one)

    undo_all = doctor.mark_reviewed(patient.id)
    assert patient.id not in doctor.new_counts(patients)
    doctor.undo_review(undo_all)
    assert doctor.view(patient.id).new_count == total - 1
    doctor.undo_review(undo_one)
    assert doctor.new_counts(patients) == counts
    assert changed == [patient.id] * 4


def test_every_view_and_opening_is_logged_with_who_what_when_why(synced: SyncedRegion) -> None:
    patient = synced.busiest()
    service = synced.service
    before = datetime.now(UTC)
    service.record_timeline_view(patient.id)
    entry = service.view(patient.id).entries[0]
    service.open_document(entry.id)
    log = service.access_log(patient.id)
    assert [r.action for r in log] == [AccessAction.VIEW_TIMELINE, AccessAction.OPEN_DOCUMENT]
    assert log[0].document_id is None and log[1].document_id == entry.id
    for record in log:
        assert (record.user_cf, record.user_name, record.role) == (
            DOCTOR.codice_fiscale,
            DOCTOR.display_name,
            "MMG",
        )
        assert record.patient_id == patient.id
        assert record.purpose is Purpose.TREATMENT
        assert before <= record.at <= datetime.now(UTC)


def test_access_log_cannot_be_changed_or_deleted(synced: SyncedRegion, tmp_path) -> None:
    patient = synced.busiest()
    synced.service.record_timeline_view(patient.id)
    audit = synced.cache.audit
    assert not any(hasattr(audit, name) for name in ("update", "delete", "clear", "remove"))
    # Not even through the store's own transactions (refused by the connection's
    # authorizer, or by the triggers), nor a raw connection to the file (the triggers).
    for statement in (
        "UPDATE audit_event SET user_cf = 'X'",
        "DELETE FROM audit_event",
        "INSERT OR REPLACE INTO audit_event (n, at, user_cf, user_name, role, patient_id, "
        "action, purpose, outcome) SELECT n, at, 'X', '', '', patient_id, action, purpose, "
        "outcome FROM audit_event",
    ):
        with (
            pytest.raises(StoreError, match=r"append-only|not authorized"),
            synced.cache._db.transaction("tampering") as conn,
        ):
            conn.execute(statement)
    path, key = synced.cache.path, synced.cache._db._key
    assert key is not None
    raw = sqlcipher.connect(str(path), isolation_level=None)
    raw.execute(f"PRAGMA key = \"x'{key.hex()}'\"")
    with pytest.raises(sqlcipher.IntegrityError, match="append-only"):
        raw.execute("DELETE FROM audit_event")
    raw.close()
    assert len(synced.service.access_log(patient.id)) == 1
    assert synced.service.access_log(patient.id)[0].user_cf == DOCTOR.codice_fiscale


def test_opened_documents_open_offline_and_unfetched_ones_say_so(synced: SyncedRegion) -> None:
    patient = synced.busiest()
    entries = synced.service.view(patient.id).entries
    first = synced.service.open_document(entries[0].id)
    synced.region.server.stop()  # the link is gone
    again = synced.service.open_document(entries[0].id)
    assert again.data == first.data and again.kind in (BodyKind.CDA, BodyKind.PDF)
    with pytest.raises(BodyNotAvailableOffline, match=r"never downloaded.*cannot be reached"):
        synced.service.open_document(entries[1].id)


def test_download_for_offline_reports_progress_and_can_be_cancelled(
    synced: SyncedRegion,
) -> None:
    patient = synced.busiest()
    service = synced.service
    total = len(service.view(patient.id).entries)
    token = CancelToken()
    seen: list[Progress] = []

    def report(progress: Progress) -> None:
        seen.append(progress)
        if progress.done == 3:
            token.cancel()

    with pytest.raises(Cancelled):
        drive(service.prefetch(patient.id, token), report)
    assert sum(e.offline for e in service.view(patient.id).entries) == 3
    seen.clear()
    summary = drive(service.prefetch(patient.id), seen.append)
    assert summary.fetched == total - 3
    assert [p.done for p in seen] == list(range(total - 3 + 1))
    assert all(p.total == total - 3 for p in seen)
    assert all(e.offline for e in service.view(patient.id).entries)
    synced.region.server.stop()
    for entry in service.view(patient.id).entries[:5]:
        assert service.open_document(entry.id).data


def test_lab_series_follows_an_analyte_across_all_lab_reports(synced: SyncedRegion) -> None:
    patient = synced.busiest()
    labs = [e for e in synced.service.view(patient.id).entries if e.type_code == LAB_REPORT_LOINC]
    series = synced.service.lab_series(patient.id, "2160-0")  # creatinine
    assert series.name == "Creatinina" and series.unit == "mg/dL"
    assert len(series.points) == len(labs) > 3  # every panel includes creatinine
    assert [p.when for p in series.points] == sorted(p.when for p in series.points)
    assert all(0.3 < p.value < 5 for p in series.points)
    assert series.reports_not_available == 0


def test_lab_series_offline_counts_reports_it_cannot_read(
    synced: SyncedRegion, cache: CacheStore
) -> None:
    patient = synced.busiest()
    labs = [e for e in synced.service.view(patient.id).entries if e.type_code == LAB_REPORT_LOINC]
    synced.service.open_document(labs[0].id)
    synced.region.server.stop()
    series = synced.service.lab_series(patient.id, "2160-0")
    assert len(series.points) == 1
    assert series.reports_not_available == len(labs) - 1
