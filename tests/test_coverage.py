"""coverage.counts: the extraction coverage counts, from DuckDB over a store or over loaded frames."""

from __future__ import annotations

import warnings

import numpy as np
import pandas as pd
import pytest

from workbench import bench, coverage, synth
from workbench.pipeline import run_ingest


@pytest.fixture(scope="module")
def store_dir(tmp_path_factory):
    """A real store: 300 synthetic postings ingested (pay, masked pay, duties, time splits, skills)."""
    base = tmp_path_factory.mktemp("coverage")
    synth.write(300, seed=5, out_dir=base / "raw")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # FX fallback warnings
        run_ingest(base / "raw", base / "store", jobs=1, progress=False)
    return base / "store"


def _by_hand(t) -> dict[str, int]:
    """The counts restated in pandas, independently of the SQL."""
    s = t.salaries
    usable = s[(s["annual_low"].notna() | s["annual_high"].notna()) & ~s["masked"].fillna(False).astype(bool)]
    return {"postings": t.postings["posting_id"].nunique(), "records": t.records["record_id"].nunique(),
            "with_level": int(t.records["role_level"].notna().sum()),
            "with_pay_mention": s["record_id"].nunique(), "with_usable_pay": usable["record_id"].nunique(),
            "with_time_allocation": t.time_allocation["record_id"].nunique(),
            "with_responsibilities": t.responsibilities["record_id"].nunique(),
            "with_skills": t.skills["record_id"].nunique()}


def test_the_store_and_its_loaded_tables_give_the_counts_computed_by_hand(store_dir):
    tables = bench.load(store_dir)
    expected = _by_hand(tables)
    assert coverage.counts(store_dir) == expected == coverage.counts(tables)
    assert coverage.counts(str(store_dir)) == expected
    # The store is varied enough for each count to mean something.
    assert expected["postings"] == 300 and 0 < expected["with_usable_pay"] < expected["with_pay_mention"] \
        <= expected["records"]
    assert 0 < expected["with_time_allocation"] < expected["records"]
    assert 0 < expected["with_level"] < expected["records"] or expected["with_level"] == expected["records"]


def test_each_rule_of_the_counts_on_a_small_hand_made_set():
    tables = {
        "postings": pd.DataFrame({"posting_id": ["p1", "p2", "p2", None]}),
        "records": pd.DataFrame({"record_id": ["r1", "r2", "r3"], "role_level": pd.array([2, None, 4], "Int64")}),
        "salaries": pd.DataFrame({
            "record_id": ["r1", "r1", "r2", "r3", "r3"],
            "annual_low": [30000.0, np.nan, np.nan, np.nan, 10.0],
            "annual_high": [np.nan, np.nan, np.nan, 50000.0, np.nan],
            "masked": [False, False, True, None, True],  # r2 masked; r3 unmasked (None) with a high
        }),
        "time_allocation": pd.DataFrame({"record_id": ["r1", "r1"]}),
        # responsibilities and skills absent: nothing counted
    }
    assert coverage.counts(tables) == {"postings": 2, "records": 3, "with_level": 2, "with_pay_mention": 3,
                                       "with_usable_pay": 2, "with_time_allocation": 1,
                                       "with_responsibilities": 0, "with_skills": 0}


def test_loaded_tables_without_an_id_column_count_their_rows_and_absent_columns_count_nothing():
    tables = bench.Tables(postings=pd.DataFrame({"source": ["a", "b", "c"]}),
                          records=pd.DataFrame({"company": ["x", "y"]}),
                          salaries=pd.DataFrame({"record_id": ["r1"]}))
    got = coverage.counts(tables)
    assert (got["postings"], got["records"], got["with_level"]) == (3, 2, 0)
    assert (got["with_pay_mention"], got["with_usable_pay"]) == (1, 0)
    assert coverage.counts(bench.Tables()) == dict.fromkeys(coverage.COUNTS, 0)
