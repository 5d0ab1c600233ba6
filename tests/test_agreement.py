"""The labelled-set split and the agreement interval (``workbench.agreement``)."""

from __future__ import annotations

import hashlib
import math

import pytest

from workbench import agreement, corpora, document_eval, eval_duties, eval_timesplits, evaluate, places_eval


def test_half_is_the_parity_of_the_keys_sha1():
    for key in ("linkedin_us:123", "£30,000 per annum", "hh_ru:9", "薪资面议"):
        parity = int(hashlib.sha1(key.encode("utf-8")).hexdigest()[:8], 16) % 2
        assert agreement.half(key) == ("tune" if parity == 0 else "holdout")
    halves = {agreement.half(f"uk_ads:{i}") for i in range(40)}
    assert halves == {"tune", "holdout"}


def _wilson_by_hand(k: int, n: int) -> tuple[float, float]:
    z = 1.959963984540054
    p = k / n
    centre = (p + z * z / (2 * n)) / (1 + z * z / n)
    width = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / (1 + z * z / n)
    return centre - width, centre + width


@pytest.mark.parametrize("k, n", [(0, 10), (5, 10), (51, 60), (127, 138), (26, 32)])
def test_wilson_matches_the_formula(k, n):
    assert agreement.wilson(k, n) == pytest.approx(_wilson_by_hand(k, n), abs=1e-9)


def test_wilson_of_nothing_is_nan():
    assert all(math.isnan(v) for v in agreement.wilson(0, 0))


def test_every_evaluation_uses_the_one_split_and_interval():
    for module in (evaluate, corpora, places_eval, eval_timesplits):
        assert module.half is agreement.half
    for module in (document_eval, places_eval, eval_timesplits, eval_duties):
        assert module.wilson is agreement.wilson


def test_read_labels_keeps_strings_and_names_what_is_missing(tmp_path):
    from workbench.errors import EvaluationError

    path = tmp_path / "labels.csv"
    path.write_text("id,city,half\n007,,tune\n", encoding="utf-8")
    labels = agreement.read_labels(path, ("id", "city", "half"), absent="none")
    assert labels.to_dict("records") == [{"id": "007", "city": "", "half": "tune"}]
    with pytest.raises(EvaluationError, match=r"lacks the column\(s\) region; expected id, region \(see X\)"):
        agreement.read_labels(path, ("id", "region"), absent="none", see=" (see X)")
    with pytest.raises(EvaluationError, match="^no file here$"):
        agreement.read_labels(tmp_path / "absent.csv", ("id",), absent="no file here")


def test_per_half_counts_each_measure_in_each_half_with_its_interval():
    import math

    import pandas as pd

    from workbench.agreement import per_half, wilson

    rows = pd.DataFrame({"half": ["tune", "tune", "holdout", "tune2"],
                         "family_ok": [True, False, True, True],
                         "level_ok": [True, True, False, True]})
    table = per_half(rows, ["family", "level"], ["tune", "holdout", "tune2", "absent"], label="measure")
    got = {(r.measure, r.half): (r.n, r.agree) for r in table.itertuples()}
    assert got == {("family", "tune"): (2, 1), ("family", "holdout"): (1, 1), ("family", "tune2"): (1, 1),
                   ("family", "absent"): (0, 0), ("level", "tune"): (2, 2), ("level", "holdout"): (1, 0),
                   ("level", "tune2"): (1, 1), ("level", "absent"): (0, 0)}
    first = table.iloc[0]
    assert first["rate"] == 0.5 and (first["ci_low"], first["ci_high"]) == wilson(1, 2)
    assert math.isnan(table[table["half"] == "absent"]["rate"].iloc[0])
