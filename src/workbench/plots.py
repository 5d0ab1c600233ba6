"""Figures for the benchmark reports (seaborn on matplotlib).

Every function returns a ``matplotlib.figure.Figure`` built without pyplot (no global
figure state, no backend needed: it renders with Agg when saved and displays in
Jupyter as usual). Pay axes name the currency and the period, e.g. "Annual base pay
(GBP per year)". Suppressed cells (disclosure control) are labelled, never drawn.
"""

from __future__ import annotations

import textwrap

import numpy as np
import pandas as pd
import seaborn as sns
from matplotlib.figure import Figure
from matplotlib.patches import Patch

from workbench import config

PAY_LABELS = {
    "annual_base": "Annual base pay",
    "annual_ttc": "Annual total target cash",
    "annual_variable": "Annual variable pay",
}
BAND = "#9ecae1"
MEDIAN = "#08306b"


def pay_label(value: str = "annual_base", currency: str | None = None) -> str:
    """Axis title for a pay value: ``"Annual base pay (GBP per year)"``."""
    currency = currency or config.SETTINGS.reporting_currency
    return f"{PAY_LABELS.get(value, value.replace('_', ' ').capitalize())} ({currency} per year)"


def _currency(frame: pd.DataFrame, currency: str | None) -> str:
    if currency:
        return currency
    if "currency" in frame and frame["currency"].notna().any():
        return str(frame["currency"].dropna().iloc[0])
    return config.SETTINGS.reporting_currency


def _level_name(level, width: int = 22) -> str:
    """``"4 Account Director"``, wrapped onto short lines for tick labels."""
    try:
        name = f"{int(level)} {config.LEVELS.get(int(level), '')}".strip()
    except (TypeError, ValueError):
        name = str(level)
    return textwrap.fill(name, width) if width else name


def _money(ax, axis: str = "y") -> None:
    from matplotlib.ticker import FuncFormatter, MaxNLocator

    target = ax.yaxis if axis == "y" else ax.xaxis
    target.set_major_locator(MaxNLocator(6))
    target.set_major_formatter(FuncFormatter(lambda v, _: f"{v:,.0f}"))


def pay_distribution(points: pd.DataFrame, percentiles: pd.DataFrame | None = None, *,
                     value: str = "annual_base", by: str = "role_level",
                     currency: str | None = None, disclosure=None) -> Figure:
    """Posting pay by level: each posting as a dot, the P25-P75 band and the P50 line.

    ``percentiles`` defaults to ``bench.market_percentiles(points, by=(by,), value=value,
    n_boot=0)`` so disclosure control applies; postings of suppressed cells are not drawn.
    """
    from workbench import bench

    currency = _currency(points, currency)
    if percentiles is None:
        percentiles = bench.market_percentiles(points, by=(by,), value=value,
                                               disclosure=disclosure, n_boot=0)
    fig = Figure(figsize=(8, 4.5), layout="constrained")
    ax = fig.add_subplot()
    order = sorted(percentiles[by].dropna().unique().tolist())
    shown = percentiles[~percentiles["suppressed"].astype(bool)]
    data = points[points[by].isin(shown[by]) & points[value].notna()]
    positions = {level: i for i, level in enumerate(order)}
    for _, row in percentiles.iterrows():
        x = positions.get(row[by])
        if x is None:
            continue
        if bool(row["suppressed"]):
            ax.text(x, 0.5, f"suppressed\n(n={int(row['n'])})", transform=ax.get_xaxis_transform(),
                    ha="center", va="center", fontsize=8, color="grey")
            continue
        ax.fill_between([x - 0.35, x + 0.35], row["p25"], row["p75"], color=BAND, alpha=0.6,
                        zorder=1)
        ax.hlines(row["p50"], x - 0.35, x + 0.35, color=MEDIAN, linewidth=2.5, zorder=3)
    if not data.empty:
        xs = data[by].map(positions).to_numpy(dtype=float)
        jitter = np.random.default_rng(0).uniform(-0.2, 0.2, len(xs))
        sns.scatterplot(x=xs + jitter, y=data[value].to_numpy(dtype=float), ax=ax, s=14,
                        color="#525252", alpha=0.6, zorder=2, legend=False)
    ax.set_xticks(range(len(order)), [_level_name(v, 16) if by == "role_level" else str(v)
                                      for v in order], fontsize=8)
    ax.set_xlim(-0.6, len(order) - 0.4)
    ax.set_xlabel("Level" if by == "role_level" else by.replace("_", " ").capitalize())
    ax.set_ylabel(pay_label(value, currency))
    _money(ax)
    ax.legend(handles=[Patch(color=BAND, label="P25-P75"), Patch(color=MEDIAN, label="P50 (median)")],
              loc="upper left", fontsize=8)
    ax.set_title("Advertised pay by level (one dot per posting)")
    return fig


def level_ladder(percentiles: pd.DataFrame, *, by: str = "role_level", value: str | None = None,
                 currency: str | None = None) -> Figure:
    """Pay ladder: per level a thin P10-P90 bar, a thick P25-P75 bar and a P50 marker."""
    currency = _currency(percentiles, currency)
    if value is None:
        value = (str(percentiles["value"].dropna().iloc[0])
                 if "value" in percentiles and percentiles["value"].notna().any() else "annual_base")
    data = percentiles.sort_values(by).reset_index(drop=True)
    fig = Figure(figsize=(9, 0.8 * max(len(data), 2) + 1.5), layout="constrained")
    ax = fig.add_subplot()
    for i, row in data.iterrows():
        if bool(row.get("suppressed", False)) or pd.isna(row["p50"]):
            n = row.get("n")
            ax.text(0.02, i, f"suppressed (n={int(n)}; see table)" if pd.notna(n) else "suppressed",
                    transform=ax.get_yaxis_transform(), ha="left", va="center", fontsize=8,
                    color="grey")
            continue
        ax.hlines(i, row["p10"], row["p90"], color=BAND, linewidth=3)
        ax.hlines(i, row["p25"], row["p75"], color="#3182bd", linewidth=10)
        ax.plot(row["p50"], i, marker="D", color=MEDIAN, markersize=7, zorder=3)
        ax.annotate(f"{row['p50']:,.0f}", (row["p50"], i), xytext=(0, 9),
                    textcoords="offset points", ha="center", fontsize=7)
    ax.set_yticks(range(len(data)), [_level_name(v) if by == "role_level" else str(v)
                                     for v in data[by]], fontsize=8)
    ax.margins(x=0.08)
    ax.set_ylim(-0.7, len(data) - 0.3)
    ax.set_xlabel(pay_label(value, currency))
    ax.set_ylabel("Level" if by == "role_level" else by.replace("_", " ").capitalize())
    _money(ax, "x")
    ax.legend(handles=[Patch(color=BAND, label="P10-P90"), Patch(color="#3182bd", label="P25-P75"),
                       Patch(color=MEDIAN, label="P50")], loc="lower right", fontsize=8)
    ax.set_title("Pay ladder by level")
    return fig


def time_allocation(shares: pd.DataFrame, *, by: str = "role_level") -> Figure:
    """Stacked bars of mean share of working time per category (``bench.time_shares``)."""
    table = shares.pivot_table(index=by, columns="category", values="mean_share", aggfunc="first")
    table = table.fillna(0.0).sort_index()
    fig = Figure(figsize=(8, 4.5), layout="constrained")
    ax = fig.add_subplot()
    colours = sns.color_palette("tab10", n_colors=max(len(table.columns), 1))
    bottom = np.zeros(len(table))
    labels = [_level_name(v, 16) if by == "role_level" else str(v) for v in table.index]
    for colour, category in zip(colours, table.columns):
        ax.bar(labels, table[category].to_numpy(), bottom=bottom, color=colour,
               label=str(category).replace("_", " "))
        bottom = bottom + table[category].to_numpy()
    if "n" in shares:
        counts = shares.groupby(by)["n"].max().reindex(table.index)
        for x, count in enumerate(counts):
            if pd.notna(count):
                ax.annotate(f"n={int(count)}", (x, bottom[x]), xytext=(0, 2),
                            textcoords="offset points", ha="center", fontsize=7)
    ax.set_ylabel("Mean share of working time (%)")
    ax.set_xlabel("Level" if by == "role_level" else by.replace("_", " ").capitalize())
    ax.tick_params(axis="x", labelsize=8)
    ax.set_ylim(0, 1.06 * max(100.0, float(bottom.max()) if len(bottom) else 100.0))
    ax.legend(fontsize=7, loc="upper left", bbox_to_anchor=(1.0, 1.0))
    ax.set_title("Where the time goes (stated % of time)")
    return fig


def responsibility_heatmap(coverage: pd.DataFrame, *, by: str = "role_level") -> Figure:
    """Heatmap of the share of postings mentioning each responsibility category."""
    table = coverage.pivot_table(index="category", columns=by, values="share_of_postings",
                                 aggfunc="first").fillna(0.0)
    table = table.loc[table.mean(axis=1).sort_values(ascending=False).index]
    table.columns = [_level_name(v, 16) if by == "role_level" else str(v) for v in table.columns]
    table.index = [str(v).replace("_", " ") for v in table.index]
    fig = Figure(figsize=(8, 0.45 * max(len(table), 3) + 1.5), layout="constrained")
    ax = fig.add_subplot()
    sns.heatmap(table * 100, ax=ax, annot=True, fmt=".0f", cmap="Blues", vmin=0, vmax=100,
                cbar_kws={"label": "% of postings"})
    ax.set_xlabel("Level" if by == "role_level" else by.replace("_", " ").capitalize())
    ax.set_ylabel("Responsibility area")
    ax.tick_params(axis="x", labelrotation=0, labelsize=8)
    ax.set_title("Responsibility coverage")
    return fig


def _interval_limits(table: pd.DataFrame, pad: float = 0.08) -> tuple[float, float]:
    """x-axis limits (in %) that fit every shown interval and zero, with a margin."""
    ends = table[["pct_ci_low", "pct_effect", "pct_ci_high"]].to_numpy(dtype="float64").ravel() * 100
    ends = np.append(ends[np.isfinite(ends)], 0.0)
    lo, hi = float(ends.min()), float(ends.max())
    margin = (hi - lo) * pad or 1.0
    return lo - margin, hi + margin


def coefficients(result, *, currency: str | None = None, value: str = "annual_base") -> Figure:
    """Coefficient plot: percent effect with 95% CI per term and model (``bench.regression``).

    The intercept is no effect and is never drawn; the axis fits the intervals shown."""
    table = result.table if hasattr(result, "table") else result
    table = table[(table["term"] != "const") & table["pct_effect"].notna()]
    currency = currency or config.SETTINGS.reporting_currency
    models = list(dict.fromkeys(table["model"]))
    terms = list(dict.fromkeys(table["term"]))
    fig = Figure(figsize=(8, 0.55 * max(len(terms), 2) * max(len(models), 1) / 2 + 2),
                 layout="constrained")
    ax = fig.add_subplot()
    colours = sns.color_palette("deep", n_colors=max(len(models), 1))
    step = 0.8 / max(len(models), 1)
    for j, (model, colour) in enumerate(zip(models, colours)):
        part = table[table["model"] == model].set_index("term").reindex(terms)
        y = np.arange(len(terms)) + (j - (len(models) - 1) / 2) * step
        effect = part["pct_effect"].to_numpy() * 100
        err = np.vstack([effect - part["pct_ci_low"].to_numpy() * 100,
                         part["pct_ci_high"].to_numpy() * 100 - effect])
        ax.errorbar(effect, y, xerr=err, fmt="o", color=colour, label=model, capsize=3, markersize=4)
    ax.axvline(0, color="grey", linewidth=0.8)
    ax.set_xlim(*_interval_limits(table))
    ax.set_yticks(range(len(terms)), [t.replace("_", " ") for t in terms], fontsize=8)
    ax.invert_yaxis()
    ax.set_xlabel(f"Effect on {pay_label(value, currency)[0].lower()}{pay_label(value, currency)[1:]}"
                  " (%, 95% CI)")
    ax.set_ylabel("Term")
    ax.legend(fontsize=7)
    ax.set_title(f"Log-pay regression, n={getattr(result, 'n', '')}")
    return fig
