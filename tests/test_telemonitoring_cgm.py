"""CGM metrics against an independent numpy computation, and the consensus boundaries."""

from __future__ import annotations

from datetime import UTC, datetime

import numpy as np
import pytest

from fse_desk._types import PatientId
from fse_desk.domain.reading_track import Track
from fse_desk.domain.telemonitoring import Parameter, ReadingSource
from fse_desk.telemonitoring.cgm import (
    AGP_PERCENTILES,
    OLDER_HIGH_RISK_TARGETS,
    Band,
    band_percentages,
    cgm_summary,
    gmi,
)
from tests.telemonitoring_support import ROME


def cgm_track(days: int, *, seed: int = 3, drop_share: float = 0.0) -> Track:
    rng = np.random.default_rng(seed)
    # Starts in Rome winter time and crosses the 29/03/2026 DST change.
    start = datetime(2026, 3, 10, tzinfo=UTC).timestamp()
    times = start + 300.0 * np.arange(days * 288)
    hour = (times / 3600) % 24
    values = 140 + 50 * np.sin(hour / 24 * 2 * np.pi) + rng.normal(0, 35, times.size)
    values = np.clip(values, 40, 400).round()
    keep = rng.random(times.size) >= drop_share
    times, values = times[keep], values[keep]
    keys = [str(n) for n in range(times.size)]
    return Track.from_columns(
        PatientId("p"), Parameter.GLUCOSE, times, values, keys, [ReadingSource.DEVICE] * len(keys)
    )


def test_agp_and_tir_match_plain_numpy() -> None:
    track = cgm_track(30, drop_share=0.1)
    summary = cgm_summary(track, days=14)
    end = track.times[-1]
    mask = track.times > end - 14 * 86400
    times, values = track.times[mask], track.values[mask, 0]
    # Independent: local time of day from zoneinfo for each reading, one slot at a time.
    minutes = np.array(
        [
            (lambda d: d.hour * 60 + d.minute)(datetime.fromtimestamp(t, UTC).astimezone(ROME))
            for t in times
        ]
    )
    slot = minutes // 5
    for p in AGP_PERCENTILES:
        expected = [np.percentile(values[slot == s], p) for s in range(288)]
        np.testing.assert_allclose(summary.agp.percentiles[p], expected)
    assert summary.readings == values.size
    assert summary.mean == pytest.approx(values.mean())
    assert summary.gmi == pytest.approx(3.31 + 0.02392 * values.mean())
    assert summary.cv_percent == pytest.approx(values.std() / values.mean() * 100)
    expected_bands = [
        np.mean(values < 54),
        np.mean((values >= 54) & (values <= 69)),
        np.mean((values >= 70) & (values <= 180)),
        np.mean((values >= 181) & (values <= 250)),
        np.mean(values > 250),
    ]
    assert [summary.bands[b] for b in Band] == pytest.approx([100 * e for e in expected_bands])
    assert summary.coverage_percent == pytest.approx(100 * values.size / (14 * 288))


@pytest.mark.parametrize(
    ("days", "drop", "window", "sufficient"),
    [(14, 0.0, 14, True), (14, 0.29, 14, True), (14, 0.32, 14, False), (20, 0.0, 13, False)],
)
def test_data_sufficiency(days: int, drop: float, window: int, sufficient: bool) -> None:
    assert cgm_summary(cgm_track(days, drop_share=drop), days=window).sufficient is sufficient


def test_band_edges_follow_the_consensus() -> None:
    values = np.array([53.9, 54, 69, 69.9, 70, 180, 180.1, 250, 250.1])
    bands = band_percentages(values)
    counts = {b: round(v * values.size / 100) for b, v in bands.items()}
    assert counts == {
        Band.VERY_LOW: 1,
        Band.LOW: 3,
        Band.IN_RANGE: 2,
        Band.HIGH: 2,
        Band.VERY_HIGH: 1,
    }


def test_targets_at_their_limits() -> None:
    summary = cgm_summary(cgm_track(14))
    met = summary.targets_met()
    assert met["in_range"] is (summary.bands[Band.IN_RANGE] > 70)
    strict = summary.targets_met(OLDER_HIGH_RISK_TARGETS)
    assert strict["below_70"] is (summary.below_70() < 1)


def test_gmi_published_figures() -> None:
    # Bergenstal 2018: mean 154 mg/dL gives GMI 7.0 %.
    assert gmi(154) == pytest.approx(6.99, abs=0.01)
    assert gmi(100) == pytest.approx(5.70, abs=0.01)


def test_empty_window_is_insufficient_not_an_error() -> None:
    track = cgm_track(1)
    summary = cgm_summary(track, days=14, end=track.times[0] - 86400 * 30)
    assert summary.readings == 0 and not summary.sufficient
