"""bench.load: the store tables for the analytics, and only the columns they read."""

from __future__ import annotations

import warnings

import pandas as pd
import pytest

from workbench import bench, schemas, synth, views
from workbench.bench.load import READS
from workbench.errors import ParameterError
from workbench.pipeline import run_ingest


@pytest.fixture(scope="module")
def store_dir(tmp_path_factory):
    """A real store: 400 synthetic postings (five languages of pay, duties, time splits) ingested."""
    base = tmp_path_factory.mktemp("load")
    synth.write(400, seed=3, out_dir=base / "raw")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # FX fallback warnings
        run_ingest(base / "raw", base / "store", jobs=1, progress=False)
    return base / "store"


@pytest.fixture(scope="module")
def whole(store_dir):
    return bench.load(store_dir, unread={})


def test_by_default_the_descriptions_and_record_json_stay_unread(store_dir, whole):
    tables = bench.load(store_dir)
    assert "text" not in tables.postings and "record_json" not in tables.records
    assert {"text", "record_json"} <= set(whole.postings) | set(whole.records)
    pd.testing.assert_frame_equal(tables.records, whole.records.drop(columns="record_json"))
    pd.testing.assert_frame_equal(tables.responsibilities, whole.responsibilities)


def test_reads_loads_the_union_of_the_analytics_columns_and_no_other_table(store_dir):
    tables = bench.load(store_dir, reads=("time_shares", "fx_summary"))
    assert list(tables.time_allocation.columns) == ["record_id", "share", "category"]
    assert set(tables.records.columns) == set(READS["time_shares"]["records"]) | set(READS["fx_summary"]["records"])
    assert set(tables.salaries.columns) == set(READS["fx_summary"]["salaries"])
    assert tables.postings.empty and tables.responsibilities.empty and tables.skills.empty
    assert len(tables.records) > 300 and len(tables.salaries) > 300


def test_an_unknown_analytic_is_refused_with_the_known_names(store_dir):
    with pytest.raises(ParameterError, match="pay_points"):
        bench.load(store_dir, reads=("pay_point",))


def test_every_listed_column_is_a_store_column():
    for analytic, tables in READS.items():
        for name, columns in tables.items():
            assert set(columns) <= set(schemas.columns(name)), (analytic, name)


FIGURES = {
    "pay_points": lambda t: bench.pay_points(t, currency="GBP", market="ALL"),
    "market_percentiles": lambda t: bench.market_percentiles(bench.pay_points(t, currency="GBP", market="GB"),
                                                             n_boot=50, seed=1),
    "pay_mix": lambda t: bench.pay_mix(bench.pay_points(t, currency="GBP", market="GB")),
    "regression": lambda t: bench.regression(bench.pay_points(t, currency="GBP")).table,
    "market_cut": lambda t: bench.market_cut(t, market="ALL", value="annual_base_or_package",
                                             as_of="2026-11-23", aging_rate=0.03).points,
    "time_shares": lambda t: bench.time_shares(t, market="GB"),
    "responsibility_coverage": lambda t: bench.responsibility_coverage(t, market="GB"),
    "example_responsibilities": lambda t: bench.example_responsibilities(t, level=2, market="GB"),
    "level_postings": lambda t: bench.level_postings(t, level=2, market="GB"),
    "coverage_table": views.coverage_table,
    "fx_summary": lambda t: views.fx_summary(bench.pay_points(t, currency="GBP", market="ALL"), "2026-11-23"),
    "rejects": lambda t: t.rejects,
}


@pytest.mark.parametrize("analytic", sorted(READS))
def test_each_analytic_gives_the_same_figures_from_only_the_columns_it_lists(store_dir, whole, analytic):
    # The list in READS is complete: the figures from it equal those from every column.
    ours = FIGURES[analytic](bench.load(store_dir, reads=(analytic,)))
    theirs = FIGURES[analytic](whole)
    assert len(theirs) > 0 or analytic == "rejects"
    pd.testing.assert_frame_equal(ours.reset_index(drop=True), theirs.reset_index(drop=True))


def test_the_market_cut_pay_points_match_too(store_dir, whole):
    ours = bench.pay_points(bench.load(store_dir, reads=("pay_points",)), currency="EUR", market="GB")
    pd.testing.assert_frame_equal(ours, bench.pay_points(whole, currency="EUR", market="GB"))
    assert len(ours) > 10


MARKET_CUT = {
    "pay_points": lambda t: bench.pay_points(t, currency="GBP", market="GB"),
    "time_shares": lambda t: bench.time_shares(t, market="GB"),
    "responsibility_coverage": lambda t: bench.responsibility_coverage(t, market="GB"),
    "example_responsibilities": lambda t: bench.example_responsibilities(t, level=3, market="GB"),
    "level_postings": lambda t: bench.level_postings(t, level=3, market="GB"),
}


@pytest.mark.parametrize("analytic", sorted(MARKET_CUT))
def test_one_markets_rows_give_that_markets_figures(store_dir, whole, analytic):
    # load(market=) keeps GB's records and their items: the figures of a GB page are unchanged.
    ours = MARKET_CUT[analytic](bench.load(store_dir, reads=(analytic,), market="GB"))
    theirs = MARKET_CUT[analytic](whole)
    assert len(theirs) > 0
    pd.testing.assert_frame_equal(ours.reset_index(drop=True), theirs.reset_index(drop=True))


def test_a_market_cut_keeps_that_markets_records_and_their_items_only(store_dir, whole):
    tables = bench.load(store_dir, market="GB")
    gb = whole.records[whole.records["country"] == "GB"]
    assert 0 < len(tables.records) == len(gb) < len(whole.records)
    for name in ("salaries", "time_allocation", "responsibilities", "skills"):
        got, every = getattr(tables, name), getattr(whole, name)
        assert set(got["record_id"]) == set(every["record_id"]) & set(gb["record_id"]), name
    assert len(tables.postings) == len(whole.postings)  # postings and rejects are not per record
    assert len(bench.load(store_dir, market="ALL").salaries) == len(whole.salaries)


@pytest.fixture(scope="module")
def default_store(tmp_path_factory):
    """The embedded default data ingested, with one posting that names no country and is
    paid in euros (a currency of no one country), so the market stays unknown: the
    default data's own postings get theirs from the location ("Leeds, England")."""
    from workbench import config

    root = tmp_path_factory.mktemp("load_default")
    extra = root / "extra"
    extra.mkdir()
    (extra / "postings.csv").write_text(
        "title,company,location,salary_raw,text\n"
        'Account Manager,Quayside Works,Testville,"€30,000 - €35,000 per year",'
        '"Account Manager at a small agency. Look after six client accounts and plan their '
        'campaigns. Salary €30,000 - €35,000 per year."\n', encoding="utf-8")
    store = root / "store"
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        run_ingest([config.RAW, extra], store, jobs=1, progress=False)
    return store


def test_a_market_cut_with_unknown_keeps_the_records_naming_no_country_too(default_store):
    store_dir, whole = default_store, bench.load(default_store, unread={})
    tables = bench.load(store_dir, market="GB", unknown=True)
    kept = whole.records[whole.records["country"].eq("GB") | whole.records["country"].isna()]
    assert whole.records["country"].isna().sum() > 0  # the store has postings naming no country
    assert len(tables.records) == len(kept) > len(bench.load(store_dir, market="GB").records)
    assert set(tables.salaries["record_id"]) == set(whole.salaries["record_id"]) & set(kept["record_id"])


def test_one_markets_rows_and_the_unknown_give_that_markets_cut_and_its_unknown_count(default_store):
    # The internal-vs-market page loads GB and the market unknown: its cut, aging and the
    # unknown count it states are those of the whole store.
    def cut(t):
        return bench.market_cut(t, market="GB", as_of="2026-11-23", aging_rate=0.03)

    ours = cut(bench.load(default_store, reads=("market_cut",), market="GB", unknown=True))
    theirs = cut(bench.load(default_store, unread={}))
    pd.testing.assert_frame_equal(ours.points, theirs.points)
    pd.testing.assert_frame_equal(ours.unknown, theirs.unknown)
    assert len(theirs.unknown) > 0 and ours.market_text() == theirs.market_text()


IN_STORE = {
    "responsibility_coverage": lambda t, m: bench.responsibility_coverage(t, market=m),
    "example_responsibilities": lambda t, m: bench.example_responsibilities(t, level=2, market=m),
}


@pytest.mark.parametrize("market", ["GB", "ALL"])
@pytest.mark.parametrize("analytic", sorted(IN_STORE))
def test_lines_left_in_the_store_give_the_figures_of_lines_loaded(store_dir, whole, analytic, market):
    tables = bench.load(store_dir, reads=(analytic,), market=market, in_store=("responsibilities",))
    assert tables.responsibilities.empty and tables.in_store == ("responsibilities",)
    ours, theirs = IN_STORE[analytic](tables, market), IN_STORE[analytic](whole, market)
    assert len(theirs) > 3
    pd.testing.assert_frame_equal(ours, theirs)
    assert ours.attrs == theirs.attrs


def test_only_the_listed_tables_can_stay_in_the_store(store_dir):
    with pytest.raises(ParameterError, match="responsibilities"):
        bench.load(store_dir, in_store=("salaries",))
