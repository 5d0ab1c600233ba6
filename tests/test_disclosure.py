"""The disclosure rules and their wording: cells of postings, intervals, counts of people."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from workbench import disclosure
from workbench.config import Disclosure

RULE = Disclosure(min_postings=5, min_sources=5, max_company_share=0.25)


def test_a_cell_of_five_employers_each_with_one_posting_may_be_shown():
    check = disclosure.check_cell(["A", "B", "C", "D", "E"], RULE)
    assert (check.n, check.n_sources, check.reason, check.suppressed) == (5, 5, None, False)


def test_every_failed_condition_is_named_with_its_threshold():
    check = disclosure.check_cell(["Acme Ltd", "ACME MEDIA UK", "Acme", None], RULE)
    # "Acme Ltd" and "Acme" are one employer; "Acme Media UK" is another; None is unknown.
    assert (check.n, check.n_sources) == (4, 2)
    assert check.reason == ("only 4 postings (minimum 5); only 2 companies (minimum 5); "
                            "one company supplies 50% (maximum 25%)")


def test_postings_without_a_company_share_one_unknown_employer_and_are_no_source():
    check = disclosure.check_cell(["A", "B", "C", "D", "E", None, None], RULE)
    assert check.n_sources == 5 and check.reason == "one company supplies 29% (maximum 25%)"
    assert disclosure.employer_shares(["A", None, None, "A Ltd"]) == [0.5, 0.5]


def test_employer_codes_fold_spellings_and_keep_missing_apart():
    codes = disclosure.employer_codes(pd.Series(["Acme Media", "Acme Media (Europe)", None, "Beta", "  "]))
    assert codes[0] == codes[1] != codes[3] and codes[2] == -1 and codes[4] == -1


def test_employer_codes_count_the_names_of_a_set_as_the_employer_evaluation_does():
    from workbench.employers import employer_groups

    names = ["KBM Ltd", "Kessler Brandt Manufacturing", "墨岚科技", "墨兰科技", None, "KBM Ltd"]
    codes = disclosure.employer_codes(pd.Series(names))
    assert codes[0] == codes[1] == codes[5] and codes[2] != codes[3] and codes[4] == -1
    groups = employer_groups(names)  # the same resolver, no other path
    assert [codes[i] == codes[j] for i in range(4) for j in range(4)] == \
        [groups[i] == groups[j] for i in range(4) for j in range(4)]


def test_the_wording_of_the_rule_follows_the_thresholds():
    assert disclosure.describe(RULE) == ("Disclosure rule: at least 5 postings from at least 5 companies, "
                                         "no company above 25% of a cell.")
    assert disclosure.suppressed_note("only 2 postings (minimum 5)", RULE).startswith(
        "Pay figures for this level are suppressed: only 2 postings (minimum 5). Disclosure rule:")


def test_an_interval_reaching_the_lowest_or_highest_value_is_not_shown():
    values = [30.0, 32.0, 35.0, 40.0, 50.0]
    assert disclosure.interval_shown((31.0, 45.0), values)
    assert not disclosure.interval_shown((30.0, 45.0), values)
    assert not disclosure.interval_shown((31.0, 50.0), values)
    assert not disclosure.interval_shown((math.nan, math.nan), values)


@pytest.mark.parametrize("counts, hidden", [
    ([2, 3, 7, 0], {0, 1}),
    ([6, 2, 9, 0], {0, 1}),  # one small band alone: the next smallest goes too
    ([6, 7, 0], set()),
    ([3, 0, 0], {0}),  # nothing else to hide it with
])
def test_small_counts_and_their_complement_are_hidden(counts, hidden):
    assert disclosure.small_counts(counts, 5) == hidden


def test_counts_of_people_read_as_below_the_minimum():
    assert disclosure.count_text(4, 5) == "<5" and disclosure.count_text(5, 5) == 5
    assert disclosure.count_rule(5) == "counts under 5 suppressed"


RELAXED = Disclosure(min_postings=5, min_sources=3, max_company_share=0.4, max_top_two_share=0.6)


def test_two_companies_dominating_a_cell_suppress_it_with_the_reason():
    # 10 postings: A 4 (40%), B 3 (30%), C, D, E one each. No single company is above 40%,
    # but A and B together supply 70% > 60%.
    companies = ["A"] * 4 + ["B"] * 3 + ["C", "D", "E"]
    check = disclosure.check_cell(companies, RELAXED)
    assert check.reason == "two companies supply 70% (maximum 60% together)"
    unlimited = Disclosure(min_postings=5, min_sources=3, max_company_share=0.4, max_top_two_share=None)
    assert disclosure.check_cell(companies, unlimited).reason is None
    # Exactly at the limit is allowed: A 3, B 3 of 10 = 60%.
    assert disclosure.check_cell(["A"] * 3 + ["B"] * 3 + ["C", "D", "E", "F"], RELAXED).reason is None


def test_the_pair_rule_is_worded_only_where_it_can_bite():
    assert disclosure.describe(RELAXED).endswith("no company above 40%, no two companies above 60% together "
                                                 "of a cell.")
    # The defaults (25% each, 50% for two) imply the pair rule: the sentence stays as it was.
    assert disclosure.describe() == ("Disclosure rule: at least 5 postings from at least 5 companies, "
                                     "no company above 25% of a cell.")
    assert disclosure.rule().max_top_two_share == 0.5 and Disclosure().max_top_two_share is None


def test_the_pair_rule_reaches_the_published_percentiles():
    import workbench.bench as bench

    points = pd.DataFrame({"role_level": [2] * 10, "company": ["A"] * 4 + ["B"] * 3 + ["C", "D", "E"],
                           "currency": "GBP", "annual_base": [30000.0 + 1000 * i for i in range(10)]})
    row = bench.market_percentiles(points, disclosure=RELAXED, n_boot=0).iloc[0]
    assert bool(row.suppressed) and math.isnan(row.p50) and "two companies" in row.suppression_reason


def test_complementary_cells_are_shown_together_or_not_at_all():
    from workbench.disclosure import COMPLEMENT_SUPPRESSED, CellCheck, complementary

    both = [CellCheck(6, 6, None), CellCheck(5, 5, None)]
    assert complementary(both) == both
    one_small = complementary([CellCheck(3, 3, "only 3 postings (minimum 5)"), CellCheck(9, 9, None)])
    assert [c.reason for c in one_small] == ["only 3 postings (minimum 5)", COMPLEMENT_SUPPRESSED]
    assert all(c.suppressed for c in one_small) and one_small[1].n == 9


def test_check_codes_on_a_slice_of_one_set_of_codes_equals_check_cell_on_those_names():
    import numpy as np

    names = pd.Series(["Acme Ltd", "ACME Limited", None, "Beta plc", "Gamma", "Beta PLC", "Gamma", None,
                       "Delta", "Acme", "Epsilon", "Zeta"] * 3, dtype="object")
    codes = disclosure.employer_codes(names)
    rng = np.random.default_rng(7)
    for _ in range(20):
        mask = rng.random(len(names)) < 0.6
        assert disclosure.check_codes(codes[mask]) == disclosure.check_cell(names[mask])
    assert disclosure.check_codes(codes[:0]) == disclosure.check_cell([])
