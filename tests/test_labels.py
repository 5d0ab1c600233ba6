"""Column and category names in words: no code name reaches a recruiter page."""

from __future__ import annotations

import numpy as np

from workbench import labels
from workbench.taxonomy import load_taxonomy


def test_every_taxonomy_area_has_words():
    assert set(load_taxonomy().areas) <= set(labels.AREA_LABELS)


def test_known_columns_read_as_words_and_unknown_ones_lose_their_underscores():
    assert labels.column_label("n_sources") == "Companies"
    assert labels.column_label("p50_ci_low") == "Median interval from"
    assert labels.column_label("fx_warning") == "Fx warning"
    assert labels.column_label("Postings") == "Postings"
    for name in labels.COLUMNS:
        assert not labels.is_code_name(labels.column_label(name)), name
        assert labels.column_kind(name) in labels.KINDS


def test_values_in_words_flags_categories_and_column_scoped_values():
    assert labels.value_label(True) == "Yes" and labels.value_label(np.bool_(False)) == "No"
    assert labels.value_label("False") == "No"
    assert labels.value_label("growth_new_business") == "Growth and new business"
    assert labels.value_label("share_with_variable") == "Share with variable"
    assert labels.value_label("account", "role_ladder") == "Account ladder"
    # a company called "Sales" stays "Sales": ladder words only in the ladder column
    assert labels.value_label("sales", "company") == "sales"
    assert labels.value_label("Acme Ltd") == "Acme Ltd" and labels.value_label(3) == 3


def test_code_names_are_snake_case_only():
    assert labels.is_code_name("n_sources") and labels.is_code_name("ols_hc3")
    assert not labels.is_code_name("Account Manager") and not labels.is_code_name("p50")
    assert not labels.is_code_name("Acme_Ltd")  # capitals: a name, not a code
