"""The pay-by-region report: a thin notebook over bench.market_percentiles by region and level."""

from __future__ import annotations

import contextlib
import re
from pathlib import Path

import pytest

from workbench import bench, config, plan, report
from workbench.pipeline import run_ingest

FIXTURE = Path(__file__).parent / "fixtures" / "report_postings"
DATE = "2026-03-16"
pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def page(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("region")
    store = tmp / "store"
    with contextlib.chdir(FIXTURE.parent):
        run_ingest([Path(FIXTURE.name)], store, jobs=1, progress=False)
    plan_file = tmp / "plan.yaml"
    plan_file.write_text("reports:\n  - notebook: pay_by_region\n    name: Pay by region\n", encoding="utf-8")
    result = report.run_plan(plan_file, data=[store], out=tmp / "out", jobs=1, timeout=300, as_of=DATE)
    assert result.ok, result.summary()
    points = bench.pay_points(bench.load(store))
    return (tmp / "out" / DATE / "pay-by-region.html").read_text(encoding="utf-8"), points


def test_the_default_plan_runs_the_report_with_typed_parameters():
    specs = {s.notebook_name: s for s in plan.load_plan(config.DEFAULT_PLAN)}
    assert specs["pay_by_region"].parameters == {"currency": "GBP", "market": "GB"}
    assert set(plan.notebook_params(config.NOTEBOOKS / "pay_by_region.py")) >= {"currency", "market", "store_dir"}


def test_each_region_is_a_row_with_its_count_and_small_cells_show_no_pay(page):
    html, points = page
    text = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))
    regions = sorted(points["region"].dropna().unique())
    assert len(regions) >= 3  # the fixture's postings lie in several regions
    assert "Pay by region and level" in text
    for region in regions:
        assert region in text
        n = int((points["region"] == region).sum())
        if n < config.SETTINGS.disclosure.min_postings:
            assert f"only {n} posting" in text
    # No single posting's pay reaches the page: every cell is below the rule here.
    for value in points["annual_base"]:
        assert f"{value:,.0f}" not in text
    assert "Disclosure rule: at least 5 postings" in text


def test_the_regional_differential_table_compares_each_region_with_the_market(page):
    html, points = page
    text = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))
    section = text[text.index("Regional differentials"):]
    # The fixture's account ladder with pay: six level-2 postings from six companies, one
    # in each of six regions. The level passes the rule, so the market row is 100% of n 6;
    # each region (n 1) keeps its count and no figure.
    account = points[points["role_ladder"] == "account"]
    assert len(account) == 6 and set(account["role_level"]) == {2}
    assert "national (whole market) 6 6 100.0% No" in section
    for region in sorted(account["region"].dropna().unique()):
        assert f"{region} 1 1 – Yes only 1 posting (minimum 5)" in section, region
