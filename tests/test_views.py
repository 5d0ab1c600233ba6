"""Display tables for the notebooks: headline, compa bands, no individual values."""

from __future__ import annotations

import math

import pandas as pd

from workbench import render, views


def test_band_counts_suppress_small_cells_and_a_complement():
    out = views.band_counts([0.85] * 2 + [0.95] * 3 + [1.05] * 7, bands=(0, 0.9, 1.0, 1.1, math.inf))
    assert list(out["count"]) == ["<5", "<5", "7", "0"]
    assert list(out["suppressed"]) == [True, True, False, False]
    # one small band alone would be revealed by the total, so the next smallest goes too
    out = views.band_counts([0.85] * 6 + [0.95] * 2 + [1.05] * 9, bands=(0, 0.9, 1.0, 1.1, math.inf))
    assert list(out["count"]) == ["<5", "<5", "9", "0"]


def test_compa_summary_shows_no_individual_values():
    compa = pd.DataFrame({"level": [1] * 6 + [2] * 3, "compa_ratio": [0.8123, 0.9, 1.0, 1.1, 0.95, 0.97, 1.2345, 1.3, 1.4],
                          "base": [31750] * 9, "employee_id": [f"E{i}" for i in range(9)]})
    out = views.compa_summary(compa, min_cell=5)
    text = render.table_html(out)
    assert "E1" not in text and "31750" not in text and "31,750" not in text
    assert "0.8123" not in text and "1.2345" not in text
    row2 = out[out["level"] == 2].iloc[0]
    assert row2["people"] == "<5" and row2["median compa-ratio"] == "suppressed"


def test_headline_from_suppressed_cell_has_no_pay_figures():
    pct = pd.DataFrame({"role_level": [2], "n": [3], "n_sources": [2], "p25": [float("nan")], "p50": [float("nan")],
                        "p75": [float("nan")], "p50_ci_low": [float("nan")], "p50_ci_high": [float("nan")],
                        "suppressed": [True], "suppression_reason": ["fewer than 5 postings"], "currency": ["GBP"]})
    head = views.headline_from_percentiles(pct, level=2, label="AM", currency="GBP")
    assert head["suppressed"] and head["p50"] is None and head["n"] == 3
    assert "fewer than 5" in head["suppression_reason"]
    assert views.headline_from_percentiles(pct, level=4)["suppression_reason"].startswith("no postings")
