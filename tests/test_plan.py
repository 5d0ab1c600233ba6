"""Typed parameters and YAML plans: everything is checked before a notebook runs."""

from __future__ import annotations

from pathlib import Path

import pytest

from workbench import config, plan
from workbench.errors import ParameterError, PlanError

FIXTURES = Path(__file__).parent / "fixtures" / "notebooks"


def write_plan(tmp_path: Path, body: str) -> Path:
    path = tmp_path / "plan.yaml"
    path.write_text(body, encoding="utf-8")
    return path


def load(path: Path, **kwargs):
    """Plans of the fixture notebooks: the folder is the runner's argument, never a plan key."""
    return plan.load_plan(path, notebooks_dir=FIXTURES, **kwargs)


def test_default_plan_has_eight_reports_with_unique_slugs():
    specs = plan.load_plan(config.DEFAULT_PLAN)
    assert len(specs) >= 8
    assert len({s.slug for s in specs}) == len(specs)
    levels = sorted(s.parameters["level"] for s in specs if s.notebook_name == "role_benchmark")
    assert levels == [1, 2, 3, 4, 5]
    audiences = {s.notebook_name: s.audience for s in specs}
    assert audiences["internal_vs_market"] == "analyst"
    assert audiences["role_comparison"] == "recruiter"


def test_every_shipped_notebook_declares_typed_parameters_and_the_injected_ones():
    for path in sorted(config.NOTEBOOKS.glob("*.py")):
        specs = plan.notebook_params(path)
        injected = {n for n, s in specs.items() if s.injected}
        assert {"store_dir", "output_dir", "run_id", "as_of"} <= injected, path.name


def test_parameters_cell_is_parsed_with_types_choices_and_ranges():
    specs = plan.parse_parameters_source(
        'level: int = 2  # choices: 1, 2, 3\n'
        'rate: float = 0.5  # range: 0..1\n'
        'name: str = "GBP"  # choices: GBP, USD\n'
        'flag: bool = False\n'
        'store_dir: str = ""  # injected\n'
    )
    assert specs["level"].choices == (1, 2, 3)
    assert (specs["rate"].minimum, specs["rate"].maximum) == (0.0, 1.0)
    assert specs["name"].choices == ("GBP", "USD")
    assert specs["flag"].type == "bool" and specs["flag"].default is False
    assert specs["store_dir"].injected


def test_parameters_cell_rejects_untyped_assignments():
    with pytest.raises(PlanError, match="name: type = literal"):
        plan.parse_parameters_source("level = 2\n")


def test_default_plan_names_each_role_benchmark_by_its_role():
    names = {s.parameters["level"]: (s.name, s.slug) for s in plan.load_plan(config.DEFAULT_PLAN)
             if s.notebook_name == "role_benchmark"}
    assert names[2] == ("Account Manager", "account-manager")
    assert names[3] == ("Senior / Key Account Manager", "senior-key-account-manager")


def test_level_name_placeholder_follows_the_level_parameter(tmp_path):
    path = write_plan(tmp_path, 'reports:\n  - notebook: ok\n    name: "{level_name} ({level})"\n'
                                '    expand: {level: [2, 4]}\n')
    assert [s.name for s in load(path)] == ["Account Manager (2)", "Account Director (4)"]


def test_expand_makes_one_report_per_value_with_formatted_names(tmp_path):
    path = write_plan(tmp_path, 'reports:\n  - notebook: ok\n    name: "OK {level}"\n'
                                '    expand: {level: [1, 3, 5]}\n')
    specs = load(path)
    assert [s.name for s in specs] == ["OK 1", "OK 3", "OK 5"]
    assert [s.slug for s in specs] == ["ok-1", "ok-3", "ok-5"]
    assert specs[0].parameters == {"level": 1, "label": "Account Manager"}


def test_unknown_parameter_fails_naming_notebook_and_parameter(tmp_path):
    path = write_plan(tmp_path, "reports:\n  - notebook: ok\n    parameters: {levle: 2}\n")
    with pytest.raises(ParameterError) as err:
        load(path)
    message = str(err.value)
    assert "'ok'" in message and "'levle'" in message and "unknown parameter" in message
    assert "level" in message  # says what was expected


def test_wrong_type_fails_with_expected_type(tmp_path):
    path = write_plan(tmp_path, 'reports:\n  - notebook: ok\n    parameters: {level: "2"}\n')
    with pytest.raises(ParameterError, match=r"'level'.*expected int"):
        load(path)


def test_bool_is_not_an_int(tmp_path):
    path = write_plan(tmp_path, "reports:\n  - notebook: ok\n    parameters: {level: true}\n")
    with pytest.raises(ParameterError, match="'level'"):
        load(path)


def test_value_outside_choices_fails(tmp_path):
    path = write_plan(tmp_path, "reports:\n  - notebook: ok\n    expand: {level: [1, 7]}\n")
    with pytest.raises(ParameterError, match=r"got 7.*expected int in \{1, 2, 3, 4, 5\}"):
        load(path)


def test_value_outside_range_fails(tmp_path):
    path = write_plan(tmp_path, "reports:\n  - notebook: sleeps\n    parameters: {seconds: -1}\n")
    with pytest.raises(ParameterError, match="below the minimum"):
        load(path)


@pytest.mark.parametrize("value", ["../../etc/passwd", "/etc/passwd", "a\\\\b", "..", "~root", "x/y"])
def test_path_like_string_values_fail(tmp_path, value):
    path = write_plan(tmp_path, f"reports:\n  - notebook: ok\n    parameters: {{label: \"{value}\"}}\n")
    with pytest.raises(ParameterError, match="looks like a path"):
        load(path)


def test_injected_parameters_cannot_be_set_by_a_plan(tmp_path):
    path = write_plan(tmp_path, 'reports:\n  - notebook: ok\n    parameters: {store_dir: "x"}\n')
    with pytest.raises(ParameterError, match="set by the runner"):
        load(path)


@pytest.mark.parametrize("name", ["nope", "../ok", "sub/ok", "/etc/passwd"])
def test_unknown_or_path_notebook_fails(tmp_path, name):
    path = write_plan(tmp_path, f'reports:\n  - notebook: "{name}"\n')
    with pytest.raises(PlanError, match="notebook"):
        load(path)


def test_unknown_report_keys_and_duplicate_names_fail(tmp_path):
    with pytest.raises(PlanError, match="unknown keys"):
        load(write_plan(tmp_path, "reports:\n  - notebook: ok\n    params: {}\n"))
    with pytest.raises(PlanError, match="used twice"):
        load(write_plan(tmp_path, "reports:\n  - {notebook: ok, name: A}\n  - {notebook: ok, name: A}\n"))


def test_malformed_plans_fail_clearly(tmp_path):
    for body in ["reports: []\n", "reports: {a: 1}\n", "reports:\n  - notebook: ok\n    parameters: [1]\n"]:
        with pytest.raises(PlanError):
            load(write_plan(tmp_path, body))
    bad = tmp_path / "bad.yaml"
    bad.write_text("reports: [\n", encoding="utf-8")
    with pytest.raises(PlanError, match="not valid YAML"):
        load(bad)


def test_one_bad_report_stops_the_whole_plan_before_anything_runs(tmp_path, monkeypatch):
    from workbench import executor, report

    calls = []
    monkeypatch.setattr(executor, "start_slots", lambda *a: calls.append(a))
    monkeypatch.setattr(executor, "run_task", lambda run: calls.append(run))
    path = write_plan(tmp_path, "reports:\n  - notebook: ok\n  - notebook: ok\n    name: bad\n"
                                "    parameters: {label: ../../x}\n")
    out = tmp_path / "out"
    with pytest.raises(ParameterError, match="'label'"):
        report.run_plan(path, out=out, as_of="2026-11-23", notebooks_dir=FIXTURES)
    assert calls == []
    assert not out.exists() or not any(out.iterdir())


@pytest.mark.parametrize("name, slug", [
    ("Role benchmark - level 1", "role-benchmark-level-1"),
    ("../../etc/passwd", "etc-passwd"),
    ("Café Über <b>", "cafe-uber-b"),
    ("...", "report"),
    ("C:\\Windows\\x", "c-windows-x"),
])
def test_slugify_is_safe_ascii(name, slug):
    assert plan.slugify(name) == slug


def test_slugify_makes_unique_slugs():
    taken: set[str] = set()
    assert [plan.slugify("A b", taken=taken) for _ in range(3)] == ["a-b", "a-b-2", "a-b-3"]


# ------------------------------------------------------------ plans are data only


def test_a_plan_cannot_name_a_notebooks_folder(tmp_path):
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / "evil.py").write_text((FIXTURES / "ok.py").read_text(encoding="utf-8"), encoding="utf-8")
    path = write_plan(tmp_path, f"notebooks_dir: {elsewhere}\nreports:\n  - notebook: evil\n")
    with pytest.raises(PlanError, match="'notebooks_dir' is not a plan key"):
        plan.load_plan(path)
    with pytest.raises(PlanError, match="'notebooks_dir' is not a plan key"):
        load(path)  # not even when the runner names a folder


def test_a_notebook_linked_from_outside_the_folder_is_refused(tmp_path):
    folder = tmp_path / "notebooks"
    folder.mkdir()
    outside = tmp_path / "outside.py"
    outside.write_text((FIXTURES / "ok.py").read_text(encoding="utf-8"), encoding="utf-8")
    (folder / "linked.py").symlink_to(outside)
    with pytest.raises(PlanError, match="outside"):
        plan.load_plan(write_plan(tmp_path, "reports:\n  - notebook: linked\n"), notebooks_dir=folder)


def test_the_report_cap_counts_expansions_before_building_them(tmp_path):
    # 3 keys x 1,000 values is 10^9 combinations: refused by counting, never built.
    values = ", ".join(str(i) for i in range(1000))
    path = write_plan(tmp_path, "reports:\n  - notebook: ok\n    expand: {"
                                + ", ".join(f"k{j}: [{values}]" for j in range(3)) + "}\n")
    with pytest.raises(PlanError, match=r"more than 200 reports \(report #1 alone expands to "
                                        r"1000 x 1000 x 1000 = 1,000,000,000\)"):
        load(path)


def test_the_cap_is_the_sum_over_reports_and_configurable(tmp_path):
    body = ("reports:\n  - {notebook: ok, name: 'A {level}', expand: {level: [1, 2, 3]}}\n"
            "  - {notebook: ok, name: 'B {level}', expand: {level: [1, 2]}}\n")
    with pytest.raises(PlanError, match="more than 4 reports"):
        load(write_plan(tmp_path, body), max_reports=4)
    assert len(load(write_plan(tmp_path, body), max_reports=5)) == 5
    assert config.SETTINGS.max_reports == 200


def test_a_plan_file_too_large_to_be_a_plan_is_refused_before_parsing(tmp_path):
    values = ", ".join("1" for _ in range(1_000_000))  # a 10^6-value expand, ~3 MB
    path = write_plan(tmp_path, f"reports:\n  - notebook: ok\n    expand: {{level: [{values}]}}\n")
    with pytest.raises(PlanError, match="bytes; a plan lists at most a few hundred reports"):
        load(path)


def test_expand_keys_and_values_are_checked_one_by_one(tmp_path):
    with pytest.raises(ParameterError, match="'levle'.*unknown parameter"):
        load(write_plan(tmp_path, "reports:\n  - notebook: ok\n    expand: {levle: [1, 2]}\n"))
    with pytest.raises(ParameterError, match="set by the runner"):
        load(write_plan(tmp_path, "reports:\n  - notebook: ok\n    expand: {store_dir: [a, b]}\n"))
    with pytest.raises(ParameterError, match="got 9"):
        load(write_plan(tmp_path, "reports:\n  - notebook: ok\n    expand: {level: [1, 9]}\n"))


# ------------------------------------------------------------ every problem in one run


def test_three_plan_mistakes_give_three_messages_in_one_error(tmp_path):
    path = write_plan(tmp_path, "reports:\n"
                                "  - {notebook: ok, parameters: {levle: 2}}\n"          # unknown parameter
                                "  - {notebook: nosuch}\n"                              # unknown notebook
                                "  - {notebook: ok, name: B, expand: {level: [1, 9]}}\n")  # value not allowed
    with pytest.raises(PlanError) as err:
        load(path)
    text = str(err.value)
    assert "3 problems, nothing was run" in text
    lines = [line for line in text.splitlines() if line.startswith("  ")]
    assert len(lines) == 3
    assert "'levle': unknown parameter" in lines[0]
    assert "notebook 'nosuch': unknown notebook" in lines[1]
    assert "got 9" in lines[2]


def test_every_bad_parameter_of_one_report_is_named():
    specs = plan.notebook_params(FIXTURES / "ok.py")
    with pytest.raises(ParameterError) as err:
        plan.validate_parameters("ok", specs, {"level": 9, "label": "../x", "store_dir": "y"})
    text = str(err.value)
    assert "3 problems" in text and "'level'" in text and "'label'" in text and "set by the runner" in text


def test_the_incumbent_file_is_a_runner_option_a_plan_cannot_set(tmp_path):
    path = write_plan(tmp_path, "reports:\n  - notebook: internal_vs_market\n"
                                "    parameters: {incumbents_file: hr.csv}\n")
    with pytest.raises(ParameterError, match="'incumbents_file': set by the runner"):
        plan.load_plan(path)


def test_a_notebook_reading_internal_pay_is_for_analysts_only(tmp_path):
    # Rule 7 of workbench.disclosure: recruiter pages never show incumbent-derived numbers.
    refused = write_plan(tmp_path, "reports:\n  - notebook: internal_vs_market\n    audience: recruiter\n")
    with pytest.raises(PlanError, match="reads internal pay.*audience: analyst"):
        plan.load_plan(refused)
    unstated = write_plan(tmp_path, "reports:\n  - notebook: internal_vs_market\n")
    assert [s.audience for s in plan.load_plan(unstated)] == ["analyst"]
    with pytest.raises(PlanError, match="audience 'everyone'"):
        plan.load_plan(write_plan(tmp_path, "reports:\n  - notebook: role_comparison\n    audience: everyone\n"))


def test_only_the_internal_pay_notebooks_read_internal_pay():
    from workbench import disclosure

    reading = {p.stem for p in config.NOTEBOOKS.glob("*.py")
               if disclosure.reads_internal_pay(p.read_text(encoding="utf-8"))}
    assert reading == {"internal_vs_market"}
