"""Where a run's data comes from, and notebooks converted once per run."""

from __future__ import annotations

from pathlib import Path

import nbformat
import pytest

from workbench import config, prepare, store
from workbench.errors import PlanError
from workbench.plan import ReportSpec


def test_a_store_folder_is_checked_and_used_as_it_is(tmp_path):
    root = tmp_path / "store"
    store.write_store({}, root)
    assert prepare.resolve_data([root]) == (root.resolve(), None)
    assert prepare.fingerprint(root) and prepare.data_date(root)
    assert prepare.fingerprint(None) is None and prepare.data_date(None) is None


def test_raw_inputs_are_listed_for_ingest_without_the_incumbent_file(tmp_path):
    found, raw = prepare.resolve_data([config.RAW, tmp_path])
    assert found is None and tmp_path.resolve() in raw
    assert all(p.name != "incumbents" for p in raw) and any(p.parent == config.RAW.resolve() for p in raw)


def test_missing_data_is_refused_before_anything_runs(tmp_path):
    with pytest.raises(PlanError, match="do not exist"):
        prepare.resolve_data([tmp_path / "nope"])


def test_each_notebook_is_converted_once_with_the_run_kernel(tmp_path):
    nb = config.NOTEBOOKS / "role_benchmark.py"
    specs = [ReportSpec(name=f"L{i}", slug=f"l{i}", notebook=nb, parameters={"level": i}) for i in (1, 2)]
    out = prepare.convert_notebooks(specs, tmp_path, "workbench")
    (target, injected), = out.values()
    assert target == tmp_path / "_src" / "role_benchmark.ipynb"
    assert set(injected) == {"store_dir", "output_dir", "run_id", "as_of"}
    assert nbformat.read(str(target), as_version=4).metadata["kernelspec"]["name"] == "workbench"


def test_a_store_built_from_the_embedded_sample_is_the_sample_and_a_users_store_is_not(tmp_path):
    sample = tmp_path / "sample"
    store.write_store({}, sample, inputs=[config.RAW / "postings"])
    assert prepare.is_sample(sample)
    (tmp_path / "mine").mkdir()
    own = tmp_path / "own"
    store.write_store({}, own, inputs=[tmp_path / "mine"])
    assert not prepare.is_sample(own)
    assert not prepare.is_sample(None) and not prepare.is_sample(tmp_path / "nothing")
