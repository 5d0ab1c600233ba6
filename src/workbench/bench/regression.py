"""What moves advertised pay: a log-pay regression on level, market and experience."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from workbench.bench.ladders import with_ladder

__all__ = ["MIN_MARKET_N", "RegressionResult", "regression"]


@dataclass
class RegressionResult:
    """Coefficient table, plain-language readings and the number of postings used."""

    table: pd.DataFrame
    reading: list[str]
    n: int


MIN_MARKET_N = 8


def _design(points: pd.DataFrame, value: str) -> tuple[pd.Series, pd.DataFrame]:
    """Outcome log(pay) and the regressors.

    * ``role_level`` enters as a number (1-5): one coefficient, read as "one level up";
      ``level_structure`` shows the step-by-step shape this averages over.
    * ``country`` enters as indicators against the most frequent country (missing
      country is its own category ``unknown``). Markets with fewer than
      ``MIN_MARKET_N`` postings are pooled into ``other``: a dummy fitted to one or two
      postings has an interval too wide to mean anything (HC3 leverage near 1).
    * ``experience_min`` (years) enters as a number with missing values set to 0 plus an
      ``experience_missing`` indicator, so postings that do not state experience stay in
      the model; its coefficient is estimated from the postings that do.
    Columns without variation are dropped (e.g. one country only).
    """
    v = pd.to_numeric(points[value], errors="coerce").astype("float64")
    data = points[np.isfinite(v) & (v > 0) & points["role_level"].notna()]
    y = np.log(data[value].astype("float64"))
    X = pd.DataFrame({"const": 1.0, "role_level": data["role_level"].astype("float64")},
                     index=data.index)
    if "experience_min" in data:
        exp = pd.to_numeric(data["experience_min"], errors="coerce")
        X["experience_min"] = exp.fillna(0.0).astype("float64")
        X["experience_missing"] = exp.isna().astype("float64")
        if exp.notna().sum() < 2:
            X = X.drop(columns=["experience_min", "experience_missing"])
    if "country" in data:
        country = data["country"].astype("object").where(data["country"].notna(), "unknown")
        counts = country.value_counts()
        rare = counts[counts < MIN_MARKET_N].index
        if len(rare):
            country = country.where(~country.isin(rare), "other")
            counts = country.value_counts()
        if len(counts) > 1:
            reference = sorted(counts[counts == counts.max()].index)[0]
            for level in sorted(counts.index):
                if level != reference:
                    X[f"country[{level}]"] = (country == level).astype("float64")
            X.attrs["reference_country"] = reference
    varying = [c for c in X.columns if c == "const" or X[c].nunique() > 1]
    return y, X[varying]


def regression(points, *, value: str = "annual_base", quantiles=(0.25, 0.5, 0.75),
               ladder: str | None = "account") -> RegressionResult:
    """Log-pay regression on level, market and experience, on one ladder.

    ``ladder`` (``account`` by default, ``sales``) keeps the postings of that ladder
    only: "one level up" is a different step on the sales ladder. None keeps every
    posting (for points that are on one ladder already).

    OLS of ``log(value)`` with HC3 heteroscedasticity-robust standard errors, and
    quantile regressions (``statsmodels`` ``QuantReg``) at ``quantiles``. Regressors are
    described in ``_design``. ``pct_effect = exp(coef) - 1`` (likewise for the interval
    ends). These are associations in advertised pay, not causal effects.

    Returns ``RegressionResult(table, reading, n)``; ``table`` has ``model, term, coef,
    se, ci_low, ci_high, p_value, pct_effect, pct_ci_low, pct_ci_high, n``.
    """
    import statsmodels.api as sm

    points = with_ladder(points)
    if ladder is not None and "role_ladder" in points.columns:
        points = points[points["role_ladder"] == ladder]
    y, X = _design(points, value)
    n = len(y)
    columns = ["model", "term", "coef", "se", "ci_low", "ci_high", "p_value", "pct_effect",
               "pct_ci_low", "pct_ci_high", "n"]
    if n < X.shape[1] + 3 or "role_level" not in X:
        return RegressionResult(
            pd.DataFrame({c: pd.Series(dtype="float64") for c in columns}),
            [f"Too few postings with pay and level (n={n}) for a regression; "
             f"need at least {X.shape[1] + 3} with more than one level."], n)
    frames = []
    ols = sm.OLS(y.to_numpy(), X.to_numpy()).fit(cov_type="HC3")
    fits = [("ols_hc3", ols)]
    for q in quantiles:
        fits.append((f"quantreg_q{q:g}", sm.QuantReg(y.to_numpy(), X.to_numpy()).fit(q=q, max_iter=5000)))
    for name, fit in fits:
        ci = np.asarray(fit.conf_int(0.05))
        frames.append(pd.DataFrame({
            "model": name, "term": list(X.columns), "coef": np.asarray(fit.params),
            "se": np.asarray(fit.bse), "ci_low": ci[:, 0], "ci_high": ci[:, 1],
            "p_value": np.asarray(fit.pvalues),
        }))
    table = pd.concat(frames, ignore_index=True)
    table["pct_effect"] = np.expm1(table["coef"])
    table["pct_ci_low"] = np.expm1(table["ci_low"])
    table["pct_ci_high"] = np.expm1(table["ci_high"])
    table["n"] = n

    def pct(v):
        return f"{v:+.0%}".replace("+-", "-")

    def row(model, term):
        hit = table[(table["model"] == model) & (table["term"] == term)]
        return None if hit.empty else hit.iloc[0]

    label = "annual base" if value == "annual_base" else value.replace("_", " ")
    reading = []
    r = row("ols_hc3", "role_level")
    reading.append(
        f"One level up is worth about {pct(r.pct_effect)} in {label} "
        f"(95% CI {pct(r.pct_ci_low)} to {pct(r.pct_ci_high)}), n={n}."
    )
    r = row("quantreg_q0.5", "role_level")
    if r is not None:
        reading.append(
            f"At the median (quantile regression) one level up is worth about {pct(r.pct_effect)} "
            f"(95% CI {pct(r.pct_ci_low)} to {pct(r.pct_ci_high)})."
        )
    r = row("ols_hc3", "experience_min")
    if r is not None:
        reading.append(
            f"Each extra year of required experience goes with about {pct(r.pct_effect)} "
            f"(95% CI {pct(r.pct_ci_low)} to {pct(r.pct_ci_high)}), at the same level and market."
        )
    reference = X.attrs.get("reference_country")
    for term in [t for t in X.columns if t.startswith("country[")]:
        r = row("ols_hc3", term)
        reading.append(
            f"Postings in {term[8:-1]} advertise about {pct(r.pct_effect)} versus {reference} "
            f"(95% CI {pct(r.pct_ci_low)} to {pct(r.pct_ci_high)}), at the same level."
        )
    reading.append("Associations in advertised pay, not causal effects; OLS uses HC3 robust "
                   "standard errors.")
    return RegressionResult(table[columns], reading, n)
