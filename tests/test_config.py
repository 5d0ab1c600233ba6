"""config owns the paths and finds the project root the same way everywhere."""

from pathlib import Path

from workbench import config


def test_root_holds_this_projects_pyproject():
    assert (config.ROOT / "pyproject.toml").is_file()
    assert config.RAW == config.ROOT / "data" / "raw"
    assert config.REPORTS == config.ROOT / "reports"


def test_workbench_home_overrides_the_root(tmp_path, monkeypatch):
    monkeypatch.setenv("WORKBENCH_HOME", str(tmp_path))
    assert config.find_project_root() == tmp_path.resolve()


def test_root_is_found_from_a_subfolder(tmp_path, monkeypatch):
    monkeypatch.delenv("WORKBENCH_HOME", raising=False)
    (tmp_path / "pyproject.toml").write_text('[project]\nname = "workbench"\n', encoding="utf-8")
    sub = tmp_path / "notebooks" / "deep"
    sub.mkdir(parents=True)
    assert config.find_project_root(sub) == tmp_path.resolve()


def test_a_foreign_pyproject_is_not_taken_for_the_root(tmp_path, monkeypatch):
    monkeypatch.delenv("WORKBENCH_HOME", raising=False)
    (tmp_path / "pyproject.toml").write_text('[project]\nname = "other"\n', encoding="utf-8")
    assert config.find_project_root(tmp_path) != tmp_path.resolve()


def test_levels_are_the_five_rung_ladder():
    assert list(config.LEVELS) == [1, 2, 3, 4, 5]
    assert config.LEVELS[4] == "Account Director"


def test_level_names_are_per_family_and_match_the_labelled_ladders():
    import csv

    # The labelled titles carry each rung's name as CONVENTIONS.md writes it.
    with config.TITLES_LABELLED.open(encoding="utf-8") as handle:
        pairs = {(r["family"], int(r["level"])): r["level_name"] for r in csv.DictReader(handle) if r["level"]}
    assert len(pairs) == 19  # every rung of both ladders that the set uses
    for (family, level), name in pairs.items():
        assert config.level_name(family, level) == name
    assert config.level_name("sales", 2) == "Account Executive"
    assert config.level_name("account_management", 1) == "Account Executive / Coordinator"
    assert config.level_name("delivery", 2) is None and config.level_name("other", None) is None
    assert config.ladder_of("key_accounts") == "account" and config.ladder_of("sales") == "sales"
    assert config.ladder_of("other") is None
    assert config.LEVELS is config.ACCOUNT_LADDER


def test_disclosure_defaults_follow_the_safety_zone():
    d = config.SETTINGS.disclosure
    assert (d.min_postings, d.min_sources, d.max_company_share) == (5, 5, 0.25)


def test_shared_folder_is_beside_the_project_unless_overridden(tmp_path, monkeypatch):
    monkeypatch.delenv("WORKBENCH_SHARED", raising=False)
    assert config.find_shared(tmp_path / "project") == tmp_path / "shared"
    monkeypatch.setenv("WORKBENCH_SHARED", str(tmp_path / "elsewhere"))
    assert config.find_shared(tmp_path / "project") == (tmp_path / "elsewhere").resolve()
    assert config.CORPORA == config.SHARED / "corpora" and config.SEEDS == config.SHARED / "seeds"


def test_the_ingest_size_limit_defaults_to_50_mb_and_the_environment_overrides_it(monkeypatch):
    import pytest

    monkeypatch.delenv("WORKBENCH_MAX_FILE_MB", raising=False)
    assert config.Settings().max_file_mb == 50.0
    monkeypatch.setenv("WORKBENCH_MAX_FILE_MB", "120.5")
    assert config.Settings().max_file_mb == 120.5
    for bad in ("fifty", "0", "-3"):
        monkeypatch.setenv("WORKBENCH_MAX_FILE_MB", bad)
        with pytest.raises(ValueError, match="WORKBENCH_MAX_FILE_MB"):
            config.Settings()
