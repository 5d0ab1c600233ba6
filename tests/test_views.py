"""Display tables for the notebooks: the headline of a level."""

from __future__ import annotations

import pandas as pd

from workbench import views


def test_headline_from_suppressed_cell_has_no_pay_figures():
    pct = pd.DataFrame({"role_level": [2], "n": [3], "n_sources": [2], "p25": [float("nan")], "p50": [float("nan")],
                        "p75": [float("nan")], "p50_ci_low": [float("nan")], "p50_ci_high": [float("nan")],
                        "suppressed": [True], "suppression_reason": ["fewer than 5 postings"], "currency": ["GBP"]})
    head = views.headline_from_percentiles(pct, level=2, label="AM", currency="GBP")
    assert head["suppressed"] and head["p50"] is None and head["n"] == 3
    assert "fewer than 5" in head["suppression_reason"]
    assert views.headline_from_percentiles(pct, level=4)["suppression_reason"].startswith("no postings")
