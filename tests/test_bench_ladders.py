"""bench.ladders: a cut by level carries the ladder, and rungs are named on their own ladder."""

from __future__ import annotations

import pandas as pd

from workbench.bench.ladders import ladder_by, on_ladder, rung_name, with_ladder


def test_the_ladder_comes_from_the_family():
    frame = pd.DataFrame({"role_family": ["account_management", "key_accounts", "client_services", "sales",
                                          "delivery", "other", None]})
    assert list(with_ladder(frame)["role_ladder"]) == ["account", "account", "account", "sales", None, None, None]
    # A frame that already has a ladder, or has no family, is returned as it is.
    has = frame.assign(role_ladder="x")
    assert with_ladder(has) is has
    bare = pd.DataFrame({"role_level": [1]})
    assert with_ladder(bare) is bare


def test_a_cut_by_level_alone_gains_the_ladder():
    frame = pd.DataFrame({"role_family": ["sales"], "role_level": [2]})
    assert ladder_by("role_level", frame) == ["role_ladder", "role_level"]
    assert ladder_by(("country", "role_level"), frame) == ["country", "role_ladder", "role_level"]
    assert ladder_by(("role_family", "role_level"), frame) == ["role_family", "role_level"]
    assert ladder_by(("country",), frame) == ["country"]
    # Nothing to tell the ladder by: the cut stays as asked.
    assert ladder_by(("role_level",), pd.DataFrame({"role_level": [2]})) == ["role_level"]


def test_rows_on_a_ladder():
    records = pd.DataFrame({"role_family": ["account_management", "sales", "other"]})
    assert list(on_ladder(records, "account")) == [True, False, False]
    assert list(on_ladder(records, "sales")) == [False, True, False]
    assert list(on_ladder(records, None)) == [True, True, True]


def test_rungs_are_named_on_their_own_ladder():
    assert rung_name({"role_family": "sales", "role_level": 2}) == "Account Executive"
    assert rung_name({"role_family": "client_services", "role_level": 2}) == "Account Manager"
    assert rung_name({"role_ladder": "sales", "role_level": 5}) == (
        "Sales Manager / Head of Sales / Sales Director / VP Sales")
    assert rung_name({"role_level": 4}) == "Account Director"
    assert rung_name({"role_level": None}) is None
