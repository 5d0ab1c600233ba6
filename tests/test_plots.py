"""Tests for workbench.plots: each figure draws and pay axes name currency and period."""

from __future__ import annotations

import io

import numpy as np
import pandas as pd
import pytest
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

from workbench import bench, plots
from workbench.config import Disclosure


def _points(currency="EUR", n=40, seed=0):
    rng = np.random.default_rng(seed)
    level = rng.integers(1, 5, n)
    base = 25000 * 1.2 ** level * rng.lognormal(0, 0.1, n)
    return pd.DataFrame({
        "record_id": [f"r{i}" for i in range(n)], "company": [f"c{i}" for i in range(n)],
        "role_level": level, "annual_base": base, "annual_base_low": base * 0.9,
        "annual_base_high": base * 1.1, "annual_ttc": base * 1.1, "has_variable": True,
        "annual_variable": base * 0.1, "country": rng.choice(["GB", "US"], n),
        "experience_min": rng.integers(0, 6, n).astype(float), "currency": currency,
        "range_method": "midpoint",
    })


def _render(fig):
    assert isinstance(fig, Figure)
    FigureCanvasAgg(fig).draw()
    fig.savefig(io.BytesIO(), format="png")


def test_pay_distribution_draws_and_names_currency_and_period():
    points = _points()
    # level 4 with one posting -> suppressed and labelled, not drawn
    points = pd.concat([points, points.iloc[[0]].assign(role_level=5)], ignore_index=True)
    fig = plots.pay_distribution(points)
    _render(fig)
    assert fig.axes[0].get_ylabel() == "Annual base pay (EUR per year)"
    assert any("suppressed" in t.get_text() for t in fig.axes[0].texts)


def test_level_ladder_draws_with_currency_label_and_suppressed_row():
    pct = bench.market_percentiles(_points("USD"), n_boot=0,
                                   disclosure=Disclosure(min_postings=12, min_sources=1,
                                                         max_company_share=1.0))
    fig = plots.level_ladder(pct)
    _render(fig)
    assert fig.axes[0].get_xlabel() == "Annual base pay (USD per year)"


def test_level_ladder_names_total_target_cash():
    pct = bench.market_percentiles(_points("GBP"), value="annual_ttc", n_boot=0)
    fig = plots.level_ladder(pct)
    _render(fig)
    assert fig.axes[0].get_xlabel() == "Annual total target cash (GBP per year)"


def test_time_allocation_stacked_bars_draw():
    shares = pd.DataFrame({"role_level": [1, 1, 2, 2], "category": ["growth", "service"] * 2,
                           "mean_share": [30.0, 70.0, 50.0, 50.0]})
    fig = plots.time_allocation(shares)
    _render(fig)
    assert "%" in fig.axes[0].get_ylabel()
    assert len(fig.axes[0].patches) == 4


def test_responsibility_heatmap_draws():
    coverage = pd.DataFrame({"role_level": [1, 2, 2], "category": ["reporting", "reporting", "upsell"],
                             "share_of_postings": [0.5, 0.25, 1.0]})
    fig = plots.responsibility_heatmap(coverage)
    _render(fig)
    assert fig.axes[0].get_ylabel() == "Responsibility area"


def test_coefficients_plot_names_currency():
    result = bench.regression(_points())
    fig = plots.coefficients(result, currency="EUR")
    _render(fig)
    assert "EUR per year" in fig.axes[0].get_xlabel()
    assert "const" not in [t.get_text() for t in fig.axes[0].get_yticklabels()]


@pytest.mark.parametrize("value,label", [("annual_base", "Annual base pay (JPY per year)"),
                                         ("annual_ttc", "Annual total target cash (JPY per year)")])
def test_pay_label(value, label):
    assert plots.pay_label(value, "JPY") == label


def test_coefficients_axis_fits_the_intervals_shown():
    # Hand-made table: the axis must reach the widest interval end (+60%) and zero, and no
    # further than a margin of 8% of that span; an intercept row with a huge value is not drawn.
    table = pd.DataFrame({"model": ["ols_hc3"] * 3, "term": ["const", "role_level", "market[US]"],
                          "pct_effect": [float("nan"), 0.30, -0.10],
                          "pct_ci_low": [float("nan"), 0.20, -0.25],
                          "pct_ci_high": [float("nan"), 0.60, 0.05]})
    table.loc[0, "coef"] = 1e4
    fig = plots.coefficients(table, currency="GBP")
    _render(fig)
    low, high = fig.axes[0].get_xlim()
    span = 60 - (-25)
    assert (low, high) == pytest.approx((-25 - 0.08 * span, 60 + 0.08 * span))
    assert [t.get_text() for t in fig.axes[0].get_yticklabels()] == ["role level", "market[US]"]
