"""--only, -p NAME VALUE and --list: the command line narrows and adjusts a plan, checked like a plan."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from workbench import config, plan, selection
from workbench.errors import ParameterError, PlanError

FIXTURES = Path(__file__).parent / "fixtures" / "notebooks"
EXE = Path(sys.executable).with_name("workbench")


def default_plan():
    return plan.load_plan(config.DEFAULT_PLAN)


def test_only_matches_report_and_notebook_names_ignoring_case():
    specs = default_plan()
    names = [s.name for s in selection.select_reports(specs, ["senior / KEY account MANAGER"])]
    assert names == ["Senior / Key Account Manager"]
    assert len(selection.select_reports(specs, "role_benchmark")) == 5
    assert [s.name for s in selection.select_reports(specs, "internal-vs-market")] == ["Internal vs market"]
    with pytest.raises(PlanError, match="--only 'nope': no such report.*case does not matter"):
        selection.select_reports(specs, ["nope"])


def test_p_values_are_read_as_the_declared_type_and_checked_like_plan_values():
    specs = default_plan()
    one = selection.choose_reports(specs, ["role_benchmark"], [("level", "3"), ("market", "us")])
    assert len(one) == 1  # five reports with level 3 are one report
    assert one[0].parameters["level"] == 3 and one[0].parameters["market"] == "US"
    assert one[0].name == "Senior / Key Account Manager (market US)"
    assert one[0].slug == "senior-key-account-manager-market-us"
    same = selection.choose_reports(specs, ["Account Manager"], [("LEVEL", "4")])
    # equal to the plan's own level-4 report: same name and slug, its page is updated in place
    assert [(s.name, s.slug) for s in same] == [("Account Director", "account-director")]
    rate = selection.choose_reports(specs, ["internal vs market"], [("aging_rate", "0.05")])
    assert rate[0].parameters["aging_rate"] == 0.05 and rate[0].name == "Internal vs market (aging_rate 0.05)"


def test_p_applies_to_every_selected_report_that_declares_it():
    specs = default_plan()
    chosen = selection.choose_reports(specs, None, [("min_cell", "7")])
    changed = [s for s in chosen if s.parameters.get("min_cell") == 7]
    assert [s.notebook_name for s in changed] == ["internal_vs_market"]
    assert len(chosen) == len(specs)


@pytest.mark.parametrize("pair, message", [
    (("level", "three"), r"-p level 'three': not an int; notebook 'role_benchmark' expects int in \{1, 2, 3, 4, 5\}"),
    (("level", "9"), r"got 9 \(not an allowed value\)"),
    (("market", "Mars"), r"got 'Mars' \(not an allowed value\)"),
    (("min_cell", "2"), "below the minimum"),
    (("levle", "3"), r"-p levle: no selected report has this parameter; expected one of \['aging_rate'"),
    (("store_dir", "/tmp"), "set by the runner"),
    (("incumbents_file", "x.csv"), "set by the runner.*--incumbents"),
])
def test_bad_p_values_are_refused_with_what_was_expected(pair, message):
    with pytest.raises(ParameterError, match=message):
        selection.choose_reports(default_plan(), None, [pair])


def test_a_p_string_that_looks_like_a_path_is_refused_as_in_a_plan(tmp_path):
    path = tmp_path / "plan.yaml"
    path.write_text("reports:\n  - notebook: ok\n", encoding="utf-8")
    specs = plan.load_plan(path, notebooks_dir=FIXTURES)
    with pytest.raises(ParameterError, match="looks like a path"):
        selection.choose_reports(specs, None, [("label", "../../etc")])
    assert selection.choose_reports(specs, None, [("label", "Key accounts")])[0].parameters["label"] == "Key accounts"


def test_every_command_line_problem_is_listed_in_one_error():
    with pytest.raises(PlanError) as err:
        selection.choose_reports(default_plan(), ["nope"], [("levle", "3"), ("market", "XX"), ("level", "2"),
                                                           ("level", "3")])
    text = str(err.value)
    assert "4 problems" in text
    for part in ("--only 'nope'", "-p levle", "-p market 'XX'", "-p level: given twice"):
        assert part in text
    assert text.count("-p market") == 1  # one message for the four notebooks that declare it alike


def test_describe_lists_each_report_and_each_notebooks_parameters():
    specs = default_plan()
    text = selection.describe(specs, "plans/default.yaml")
    assert f"{len(specs)} report(s) in plans/default.yaml" in text
    assert "Senior / Key Account Manager  [notebook role_benchmark, recruiter]: level=3" in text
    assert "Internal vs market  [notebook internal_vs_market, analyst]: defaults" in text
    assert "level          int    default 2            choices: 1, 2, 3, 4, 5" in text
    assert "aging_rate     float  default 0.03         range: 0.0..0.2" in text
    assert "set by the runner: store_dir, output_dir, run_id, as_of, incumbents_file" in text


def test_cli_list_and_p_work_from_the_command_line():
    listed = subprocess.run([str(EXE), "report", "--list", "--only", "role_benchmark", "-p", "level", "3",
                             "-p", "market", "US"], capture_output=True, text=True, timeout=120)
    assert listed.returncode == 0, listed.stderr
    assert "1 report(s)" in listed.stdout and "Senior / Key Account Manager (market US)" in listed.stdout
    bad = subprocess.run([str(EXE), "report", "--list", "-p", "level"], capture_output=True, text=True, timeout=120)
    assert bad.returncode == 2 and "-p needs a parameter name and a value" in bad.stderr
    stray = subprocess.run([str(EXE), "report", "--list", "--tiemout", "5"], capture_output=True, text=True,
                           timeout=120)
    assert stray.returncode == 2 and "unexpected argument '--tiemout'" in stray.stderr
