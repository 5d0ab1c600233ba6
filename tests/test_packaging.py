"""The project's set-up files agree with each other."""

import tomllib
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]


def _pyproject():
    return tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))


def _environment_pip_deps():
    env = yaml.safe_load((ROOT / "environment.yml").read_text(encoding="utf-8"))
    for dep in env["dependencies"]:
        if isinstance(dep, dict) and "pip" in dep:
            return dep["pip"]
    raise AssertionError("environment.yml has no pip section")


def test_environment_yml_mirrors_pyproject_dependencies():
    project = _pyproject()["project"]
    expected = set(project["dependencies"]) | set(project["optional-dependencies"]["dev"])
    assert set(_environment_pip_deps()) == expected


def test_environment_yml_pins_the_same_python():
    env = yaml.safe_load((ROOT / "environment.yml").read_text(encoding="utf-8"))
    assert "python=3.11" in env["dependencies"]
    assert _pyproject()["project"]["requires-python"] == ">=3.11"


def test_nbconvert_floor_is_past_known_cves():
    deps = _pyproject()["project"]["dependencies"]
    (nbconvert,) = [d for d in deps if d.startswith("nbconvert")]
    assert nbconvert == "nbconvert>=7.17.1"


def test_console_script_points_at_the_cli():
    assert _pyproject()["project"]["scripts"]["workbench"] == "workbench.cli:app"


def test_ci_runs_the_readme_test_command():
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "make test" in ci
    assert "make test" in readme and "make report" in readme
