"""What moves advertised pay: a log-pay regression on level, market and experience.

A published term must be readable: every indicator is fed by at least ``MIN_TERM_N``
postings on each side (with it and without it), rarer groups are pooled or left out
with a note, the intercept is never read as a percentage effect, and every interval
shown is finite. On top of that a term is shown only when the postings on each of its
sides pass disclosure control (rule 1 of :mod:`workbench.disclosure`: enough postings and
enough employers, none dominant); otherwise its figures are NaN, with the reason, and no
sentence reads it.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from workbench.bench.ladders import with_ladder
from workbench.bench.market import MARKET_UNKNOWN, with_market
from workbench.disclosure import check_codes, employer_codes
from workbench.errors import CurrencyError

__all__ = ["MIN_MARKET_N", "MIN_TERM_N", "RegressionResult", "regression"]

# The fewest postings a term may be fed by on either side: with fewer, HC3 standard
# errors blow up (a term true for 1 of 165 postings gave a 95% interval from -100% to
# +1.7e42 %), and one or two postings would set a published effect.
MIN_TERM_N = 10
MIN_MARKET_N = MIN_TERM_N  # markets with fewer postings are pooled into "other"


@dataclass
class RegressionResult:
    """Coefficient table, plain-language readings, the number of postings used, and notes
    on what was pooled or left out so that every term is fed by enough postings."""

    table: pd.DataFrame
    reading: list[str]
    n: int
    notes: list[str] = field(default_factory=list)


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'s' if n != 1 else ''}"


def _experience(data: pd.DataFrame, notes: list[str]) -> tuple[pd.DataFrame, pd.DataFrame | None]:
    """Rows kept and the experience regressors (None: experience is not in the model)."""
    if "experience_min" not in data:
        return data, None
    exp = pd.to_numeric(data["experience_min"], errors="coerce")
    stated, missing = int(exp.notna().sum()), int(exp.isna().sum())
    if stated < MIN_TERM_N:
        notes.append(f"Experience is not in the model: only {_plural(stated, 'posting')} state it "
                     f"(fewer than {MIN_TERM_N}).")
        return data, None
    if 0 < missing < MIN_TERM_N:
        one = missing == 1
        notes.append(f"{_plural(missing, 'posting')} that state{'s' if one else ''} no experience "
                     f"{'is' if one else 'are'} left out of the model: fewer than {MIN_TERM_N} "
                     "could not carry a term of their own.")
        data, exp = data[exp.notna()], exp[exp.notna()]
        return data, pd.DataFrame({"experience_min": exp.astype("float64")}, index=data.index)
    terms = pd.DataFrame({"experience_min": exp.fillna(0.0).astype("float64")}, index=data.index)
    if missing:
        terms["experience_missing"] = exp.isna().astype("float64")
    return data, terms


def _markets(data: pd.DataFrame, notes: list[str]) -> tuple[pd.DataFrame, pd.DataFrame, str | None]:
    """Rows kept, the market indicators against the largest market, and that market."""
    market = with_market(data)["market"] if "market" not in data else data["market"].fillna(MARKET_UNKNOWN)
    unknown = market.eq(MARKET_UNKNOWN)
    if unknown.any():  # market unknown: counted, never pooled into a market
        notes.append(f"{_plural(int(unknown.sum()), 'posting')} naming no country (market unknown) "
                     f"{'is' if int(unknown.sum()) == 1 else 'are'} left out of the model.")
        data, market = data[~unknown], market[~unknown]
    counts = market.value_counts()
    rare = sorted(counts[counts < MIN_MARKET_N].index)
    if rare and len(counts) > 1:
        market = market.where(~market.isin(rare), "other")
        pooled = int(market.eq("other").sum())
        if pooled < MIN_TERM_N:
            notes.append(f"{_plural(pooled, 'posting')} from markets with fewer than {MIN_TERM_N} "
                         f"postings each ({', '.join(rare)}) {'is' if pooled == 1 else 'are'} left out "
                         "of the model: too few even pooled.")
            keep = market.ne("other")
            data, market = data[keep], market[keep]
        else:
            notes.append(f"Markets with fewer than {MIN_TERM_N} postings each ({', '.join(rare)}) "
                         f"are pooled as 'other' ({_plural(pooled, 'posting')}).")
    counts = market.value_counts()
    terms = pd.DataFrame(index=data.index)
    if len(counts) < 2:
        return data, terms, None
    reference = sorted(counts[counts == counts.max()].index)[0]
    for level in sorted(counts.index):
        if level != reference:
            terms[f"market[{level}]"] = (market == level).astype("float64")
    return data, terms, reference


def _design(points: pd.DataFrame, value: str) -> tuple[pd.Series, pd.DataFrame, list[str]]:
    """Outcome log(pay), the regressors and the notes on what was pooled or left out.

    * ``role_level`` enters as a number (1-5): one coefficient, read as "one level up";
      ``level_structure`` shows the step-by-step shape this averages over.
    * ``market[X]`` indicators against the largest market (a posting without a country,
      market unknown, is left out with a note, never pooled). Markets with fewer than ``MIN_MARKET_N`` postings
      are pooled into ``other``; when even ``other`` has fewer than ``MIN_TERM_N``, its
      postings are left out.
    * ``experience_min`` (years) enters as a number. Postings that do not state it stay
      in the model with 0 and an ``experience_missing`` indicator when there are at
      least ``MIN_TERM_N`` of them; fewer are left out; when fewer than ``MIN_TERM_N``
      postings state it, experience is not in the model.
    Columns without variation are dropped (e.g. one market only). Every note says what
    was pooled or left out and why.
    """
    notes: list[str] = []
    v = pd.to_numeric(points[value], errors="coerce").astype("float64")
    data = points[np.isfinite(v) & (v > 0) & points["role_level"].notna()]
    data, exp_terms = _experience(data, notes)
    data, market_terms, reference = _markets(data, notes)
    X = pd.DataFrame({"const": 1.0, "role_level": data["role_level"].astype("float64")}, index=data.index)
    if exp_terms is not None:
        X = X.join(exp_terms.loc[data.index])
    X = X.join(market_terms)
    if reference is not None:
        X.attrs["reference_market"] = reference
    y = np.log(data[value].astype("float64"))
    varying = [c for c in X.columns if c == "const" or X[c].nunique() > 1]
    return y, X[varying], notes


def _term_n(X: pd.DataFrame) -> pd.Series:
    """Postings feeding each term: the smaller side of an indicator, else every posting."""
    out = {}
    for column in X.columns:
        values = X[column]
        if set(pd.unique(values)) <= {0.0, 1.0} and column != "const":
            ones = int(values.sum())
            out[column] = min(ones, len(values) - ones)
        else:
            out[column] = len(values)
    return pd.Series(out)


def _fit_all(y: pd.Series, X: pd.DataFrame, quantiles) -> pd.DataFrame:
    import statsmodels.api as sm

    fits = [("ols_hc3", sm.OLS(y.to_numpy(), X.to_numpy()).fit(cov_type="HC3"))]
    for q in quantiles:
        fits.append((f"quantreg_q{q:g}", sm.QuantReg(y.to_numpy(), X.to_numpy()).fit(q=q, max_iter=5000)))
    frames = []
    for name, fit in fits:
        ci = np.asarray(fit.conf_int(0.05))
        frames.append(pd.DataFrame({
            "model": name, "term": list(X.columns), "coef": np.asarray(fit.params),
            "se": np.asarray(fit.bse), "ci_low": ci[:, 0], "ci_high": ci[:, 1],
            "p_value": np.asarray(fit.pvalues),
        }))
    table = pd.concat(frames, ignore_index=True)
    effect = table["term"] != "const"  # the intercept is the reference's log pay, not an effect
    with np.errstate(over="ignore"):
        for src, dst in (("coef", "pct_effect"), ("ci_low", "pct_ci_low"), ("ci_high", "pct_ci_high")):
            table[dst] = np.where(effect, np.expm1(table[src]), np.nan)
    return table


def _unreadable(table: pd.DataFrame) -> list[str]:
    """Terms whose interval (or its percentage) is not finite in some model."""
    effects = table[table["term"] != "const"]
    values = effects[["ci_low", "ci_high", "pct_ci_low", "pct_ci_high"]].to_numpy(dtype="float64")
    bad = ~np.isfinite(values).all(axis=1)
    return list(dict.fromkeys(effects.loc[bad, "term"]))


def _fit(y: pd.Series, X: pd.DataFrame, quantiles, notes: list[str]) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Fit; a term whose interval is not finite is dropped with a note and the models refitted."""
    while True:
        table = _fit_all(y, X, quantiles)
        bad = [t for t in _unreadable(table) if t != "role_level"]
        if not bad:
            return table, X
        notes.append(f"Left out of the model because its interval could not be estimated: {', '.join(bad)}.")
        X = X.drop(columns=bad)


def _pct(v) -> str:
    return f"{v:+.0%}".replace("+-", "-")


def _reading(table: pd.DataFrame, X: pd.DataFrame, value: str, n: int) -> list[str]:
    def row(model, term):
        hit = table[(table["model"] == model) & (table["term"] == term) & ~table["suppressed"]]
        return None if hit.empty else hit.iloc[0]

    label = "annual base" if value == "annual_base" else value.replace("_", " ")
    reading = []
    r = row("ols_hc3", "role_level")
    if r is not None:
        reading.append(f"One level up is worth about {_pct(r.pct_effect)} in {label} "
                       f"(95% CI {_pct(r.pct_ci_low)} to {_pct(r.pct_ci_high)}), n={n}.")
    r = row("quantreg_q0.5", "role_level")
    if r is not None:
        reading.append(f"At the median (quantile regression) one level up is worth about {_pct(r.pct_effect)} "
                       f"(95% CI {_pct(r.pct_ci_low)} to {_pct(r.pct_ci_high)}).")
    r = row("ols_hc3", "experience_min")
    if r is not None:
        reading.append(f"Each extra year of required experience goes with about {_pct(r.pct_effect)} "
                       f"(95% CI {_pct(r.pct_ci_low)} to {_pct(r.pct_ci_high)}), at the same level and market.")
    reference = X.attrs.get("reference_market")
    for term in [t for t in X.columns if t.startswith("market[")]:
        r = row("ols_hc3", term)
        if r is None:
            continue
        name = "the pooled smaller markets" if term == "market[other]" else term[7:-1]
        reading.append(f"Postings in {name} advertise about {_pct(r.pct_effect)} versus {reference} "
                       f"(95% CI {_pct(r.pct_ci_low)} to {_pct(r.pct_ci_high)}), at the same level.")
    hidden = table[(table["model"] == "ols_hc3") & table["suppressed"]]
    if len(hidden):
        reading.append("Not shown under the disclosure rule: " + "; ".join(
            f"{t} ({why})" for t, why in zip(hidden["term"], hidden["suppression_reason"])) + ".")
    reading.append("Associations in advertised pay, not causal effects; OLS uses HC3 robust "
                   "standard errors. The intercept is the model's log pay at its reference, not an effect, "
                   "and is not shown as one.")
    return reading


def regression(points, *, value: str = "annual_base", quantiles=(0.25, 0.5, 0.75),
               ladder: str | None = "account", disclosure=None) -> RegressionResult:
    """Log-pay regression on level, market and experience, on one ladder.

    ``ladder`` (``account`` by default, ``sales``) keeps the postings of that ladder
    only: "one level up" is a different step on the sales ladder. None keeps every
    posting (for points that are on one ladder already).

    OLS of ``log(value)`` with HC3 heteroscedasticity-robust standard errors, and
    quantile regressions (``statsmodels`` ``QuantReg``) at ``quantiles``. Regressors are
    described in ``_design``: no term is fed by fewer than ``MIN_TERM_N`` postings on
    either side (``term_n`` says how many), and a term whose interval is not finite is
    dropped; ``notes`` say what was pooled or left out. ``pct_effect = exp(coef) - 1``
    (likewise for the interval ends), NaN for the intercept, which is no effect.
    Points in more than one currency raise ``CurrencyError`` (a market term would
    absorb the exchange rate). These are associations in advertised pay, not causal
    effects.

    Each term is shown only when the postings that feed it pass disclosure control
    (``disclosure``; ``_term_feeds``: every posting for the intercept and the level slope,
    the postings stating experience for its slope, both sides of an indicator); otherwise
    its figures are NaN, ``suppressed`` is true with the reason, and no sentence reads it.
    ``n_sources`` counts the employers on the term's side with the fewest.

    Returns ``RegressionResult(table, reading, n, notes)``; ``table`` has ``model, term,
    coef, se, ci_low, ci_high, p_value, pct_effect, pct_ci_low, pct_ci_high, term_n,
    n_sources, suppressed, suppression_reason, n``.
    """
    columns = ["model", "term", "coef", "se", "ci_low", "ci_high", "p_value", "pct_effect",
               "pct_ci_low", "pct_ci_high", "term_n", "n_sources", "suppressed", "suppression_reason", "n"]
    if "currency" in points and points["currency"].dropna().nunique() > 1:
        raise CurrencyError("the pay points mix currencies; build them in one currency "
                            "(bench.market_cut(..., currency=...)) before the regression.")
    points = with_ladder(points)
    if ladder is not None and "role_ladder" in points.columns:
        points = points[points["role_ladder"] == ladder]
    y, X, notes = _design(points, value)
    n = len(y)
    if n < X.shape[1] + 3 or "role_level" not in X:
        return RegressionResult(
            pd.DataFrame({c: pd.Series(dtype="float64") for c in columns}),
            [f"Too few postings with pay and level (n={n}) for a regression; "
             f"need at least {X.shape[1] + 3} with more than one level."], n, notes)
    table, X = _fit(y, X, quantiles, notes)
    table["term_n"] = table["term"].map(_term_n(X)).astype("int64")
    table = _gate_terms(table, _term_checks(points.loc[X.index], X, disclosure))
    table["n"] = n
    return RegressionResult(table[columns], _reading(table, X, value, n), n, notes)


INDICATORS = ("experience_missing", "market[")
FIGURES = ("coef", "se", "ci_low", "ci_high", "p_value", "pct_effect", "pct_ci_low", "pct_ci_high")


def _term_feeds(X: pd.DataFrame) -> dict[str, list[pd.Series]]:
    """The postings each term is fed by, as row masks of ``X``.

    The intercept and the level slope by every posting; the experience slope by the
    postings that state experience; an indicator (a market, experience missing) by the
    postings on each of its two sides: its coefficient is their difference.
    """
    everyone = pd.Series(True, index=X.index)
    feeds = {}
    for term in X.columns:
        if term.startswith(INDICATORS):
            feeds[term] = [X[term] == 1, X[term] == 0]
        elif term == "experience_min" and "experience_missing" in X:
            feeds[term] = [X["experience_missing"] == 0]
        else:
            feeds[term] = [everyone]
    return feeds


def _term_checks(data: pd.DataFrame, X: pd.DataFrame, disclosure=None) -> dict[str, dict]:
    """Per term: the employers on its thinnest side and whether it may be shown (every
    side that feeds it must pass disclosure control), with the first failing side's reason.
    Each posting's employer key is computed once (``employer_codes``), not once per side."""
    out = {}
    codes = employer_codes(data["company"]) if "company" in data else np.full(len(data), -1)
    for term, masks in _term_feeds(X).items():
        checks = [check_codes(codes[mask.to_numpy()], disclosure) for mask in masks]
        failed = next((c for c in checks if c.suppressed), None)
        reason = None
        if failed is not None:
            reason = failed.reason if failed is checks[0] else f"the postings without it: {failed.reason}"
        out[term] = {"n_sources": min(c.n_sources for c in checks), "suppressed": failed is not None,
                     "suppression_reason": reason}
    return out


def _gate_terms(table: pd.DataFrame, checks: dict[str, dict]) -> pd.DataFrame:
    """Each term's disclosure decision on every model's row; the figures of a failing term NaN."""
    gates = pd.DataFrame([{"term": t, **f} for t, f in checks.items()])
    out = table.merge(gates, on="term", how="left")
    out["suppressed"] = out["suppressed"].astype(bool)
    out.loc[out["suppressed"], list(FIGURES)] = np.nan
    return out
