"""A report table in words: headers, money, shares, flags, alignment, caption and CSV link."""

from __future__ import annotations

import re
from urllib.parse import unquote

import pandas as pd

from workbench import export, tables
from workbench.sanitize import check_offline, sanitize_fragment

SCRIPT = "<script>document.title='pwned'</script>"


def frame():
    return pd.DataFrame({"n": [24], "n_sources": [23], "p50": [37350.0], "p50_ci_low": [float("nan")],
                         "suppressed": [False], "category": ["growth_new_business"], "share_of_postings": [0.25],
                         "mean_share": [33.3], "company": ["=1+1"]})


def test_headers_and_cells_are_words_money_and_percents():
    text, kinds = tables.display_frame(frame(), currency="GBP")
    assert list(text.columns) == ["Postings", "Companies", "Median", "Median interval from", "Hidden", "Area",
                                  "Share of postings", "Mean share of time", "Company"]
    assert text.iloc[0].tolist() == ["24", "23", "£37,400", "–", "No", "Growth and new business", "25%", "33%",
                                     "=1+1"]
    assert kinds[:4] == ["count", "count", "money", "money"] and kinds[4] == "flag"


def test_a_currency_column_names_each_rows_money_and_is_not_shown():
    rows = pd.DataFrame({"annual_median": [95000.0, 40000.0], "currency": ["USD", "GBP"]})
    text, _ = tables.display_frame(rows)
    assert list(text.columns) == ["Median a year"] and text.iloc[:, 0].tolist() == ["$95,000", "£40,000"]


def test_markup_right_aligns_numbers_keeps_the_caption_and_passes_the_sanitiser():
    markup = tables.table_markup(frame(), caption="Percentiles, GBP per year", currency="GBP")
    assert markup.startswith('<figure class="wb-table-wrap"><figcaption class="wb-caption">Percentiles')
    assert '<td class="num" data-label="Median">£37,400</td>' in markup
    assert '<td data-label="Area">Growth and new business</td>' in markup
    assert sanitize_fragment(markup) == markup
    check_offline(markup)


def test_the_csv_download_is_neutralised():
    markup = tables.table_markup(frame(), caption="Postings")
    href = re.search(r'href="(data:text/csv[^"]+)"', markup).group(1)
    body = unquote(href[len(export.CSV_URI_PREFIX):])
    assert "'=1+1" in body and ",=1+1" not in body
    assert 'download="postings.csv"' in markup


def test_everything_is_escaped():
    markup = tables.table_markup(pd.DataFrame({SCRIPT: [SCRIPT]}), caption=SCRIPT)
    assert "<script" not in markup and "&lt;script&gt;" in markup


def test_long_tables_are_cut_with_a_note_and_empty_ones_have_no_download():
    markup = tables.table_markup(pd.DataFrame({"n": range(5)}), max_rows=2)
    assert markup.count("<tr>") == 3 and "first 2 of 5 rows" in markup
    assert "Download" not in tables.table_markup(pd.DataFrame({"n": []}))
