"""Compa-ratio summaries: counts per band under the count rule, never a person's figure."""

from __future__ import annotations

import math

import pandas as pd

from workbench import render
from workbench import bench


def test_band_counts_suppress_small_cells_and_a_complement():
    out = bench.band_counts([0.85] * 2 + [0.95] * 3 + [1.05] * 7, bands=(0, 0.9, 1.0, 1.1, math.inf))
    assert list(out["count"]) == ["<5", "<5", "7", "0"]
    assert list(out["suppressed"]) == [True, True, False, False]
    # one small band alone would be revealed by the total, so the next smallest goes too
    out = bench.band_counts([0.85] * 6 + [0.95] * 2 + [1.05] * 9, bands=(0, 0.9, 1.0, 1.1, math.inf))
    assert list(out["count"]) == ["<5", "<5", "9", "0"]


def test_compa_summary_shows_no_individual_values():
    compa = pd.DataFrame({"level": [1] * 6 + [2] * 3, "compa_ratio": [0.8123, 0.9, 1.0, 1.1, 0.95, 0.97, 1.2345, 1.3, 1.4],
                          "base": [31750] * 9, "employee_id": [f"E{i}" for i in range(9)]})
    out = bench.compa_summary(compa, min_cell=5)
    text = render.table_html(out)
    assert "E1" not in text and "31750" not in text and "31,750" not in text
    assert "0.8123" not in text and "1.2345" not in text
    row2 = out[out["level"] == 2].iloc[0]
    assert row2["people"] == "<5" and row2["median compa-ratio"] == "suppressed"
