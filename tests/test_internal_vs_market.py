"""The internal-vs-market page on the default data: the aging it states is the aging it
applies, and each person is compared only with their own market."""

from __future__ import annotations

import re

import numpy as np
import pandas as pd
import pytest

from workbench import bench, config, report
from workbench.pipeline import run_ingest

AS_OF = "2026-12-01"
pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def pages(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("compa")
    store = tmp / "store"
    run_ingest([config.RAW], store, jobs=1, progress=False)
    plan_file = tmp / "plan.yaml"
    plan_file.write_text(
        "reports:\n"
        "  - notebook: internal_vs_market\n    name: Internal vs market GB\n    audience: analyst\n"
        "  - notebook: internal_vs_market\n    name: Internal vs market all\n    audience: analyst\n"
        "    parameters: {market: ALL}\n", encoding="utf-8")
    result = report.run_plan(plan_file, data=[store], out=tmp / "out", jobs=1, timeout=300, as_of=AS_OF)
    assert result.ok, result.summary()

    def text(slug):
        html = (tmp / "out" / AS_OF / f"{slug}.html").read_text(encoding="utf-8")
        return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))

    return text("internal-vs-market-gb"), text("internal-vs-market-all"), bench.load(store)


def test_the_factor_shown_is_the_factor_applied_and_not_one(pages):
    gb, _, tables = pages
    # Independently: the GB account-ladder postings with pay, and (1.03) ** (days / 365.25)
    # from each one's date to the as-of date.
    points = bench.pay_points(tables, currency="GBP", market="GB")
    points = points[points["role_ladder"] == "account"]
    dates = pd.to_datetime(points["date_posted"], errors="coerce")
    days = (pd.Timestamp(AS_OF) - dates.dropna()).dt.days.to_numpy()
    factors = 1.03 ** (days / 365.25)
    assert len(factors) >= 2 and factors.max() > factors.min() > 1.0
    undated = int(dates.isna().sum())
    expected = (f"Aged to {AS_OF} at 3.0% a year from each posting's date: factors {factors.min():.3f} to "
                f"{factors.max():.3f} (median {np.median(factors):.3f}) on {len(factors)} dated postings; "
                f"{undated} of {len(points)} postings undated, not aged.")
    assert expected in gb
    assert "factor 1.000" not in gb


def test_people_of_another_market_are_counted_on_a_one_market_page(pages):
    gb, _, _ = pages
    incumbents = bench.load_incumbents()
    us = int((bench.incumbent_markets(incumbents) == "US").sum())
    assert us == 5  # three in New York, two in Chicago (data/raw/incumbents)
    assert "People not compared" in gb
    assert re.search(r"market people not compared US 5\b", gb)
    assert "against the United Kingdom (GB) market" in gb
    assert "against the United States (US) market" not in gb


def test_with_every_market_us_people_are_compared_with_the_us_market(pages):
    _, every, _ = pages
    assert "against the United Kingdom (GB) market" in every
    assert "against the United States (US) market" in every
    assert "People not compared" not in every
