"""The optional compiled build (``workbench.compiled``): a build older than its sources never
runs, and the compiled and the pure-Python engine give the same mentions."""

from __future__ import annotations

import csv
import importlib.machinery
import json
import os
import re
import shutil
import subprocess
import sys
from dataclasses import astuple
from pathlib import Path

from workbench import compiled
from workbench.salary import clear_field_cache, parse_salary

ROOT = Path(__file__).resolve().parents[1]
_PROBE = ("import workbench, workbench.compiled as c, workbench.salary.numbers as n\n"
          "from workbench.salary import parse_salary\n"
          "print(c.MODE); print(n.__file__); print(parse_salary('£30,000 - £35,000 pa')[0].high)\n")


def _copy(tmp_path: Path) -> Path:
    """The workbench package (with whatever build it has) copied under ``tmp_path``, with an
    unloadable file in place of the numbers module's extension: importing it would fail."""
    shutil.copytree(ROOT / "src" / "workbench", tmp_path / "workbench",
                    ignore=shutil.ignore_patterns("__pycache__"))
    salary = tmp_path / "workbench" / "salary"
    for old in salary.glob("numbers.*.so"):
        old.unlink()
    (salary / ("numbers" + importlib.machinery.EXTENSION_SUFFIXES[0])).write_bytes(b"not a library")
    return tmp_path


def _probe(src: Path, **env: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-c", _PROBE], cwd=src, capture_output=True, text=True,
                          env={**os.environ, "PYTHONPATH": str(src), **env}, check=False)


def test_a_changed_source_runs_as_python_with_a_warning(tmp_path):
    src = _copy(tmp_path)
    manifest = src / "workbench" / "_compiled.json"
    manifest.write_text(json.dumps({"sources": {
        name: compiled._digest(src.joinpath(*name.split(".")).with_suffix(".py"))
        for name in (*compiled.MODULES, *compiled.READS)}}), encoding="utf-8")
    numbers = src / "workbench" / "salary" / "numbers.py"
    numbers.write_text(numbers.read_text(encoding="utf-8") + "\n# edited\n", encoding="utf-8")
    done = _probe(src)
    assert done.returncode == 0, done.stderr
    mode, path, high = done.stdout.split("\n")[:3]
    assert mode == "pure (workbench.salary.numbers changed since the compiled build)"
    assert path.endswith("numbers.py") and high == "35000.0"
    assert "running the .py files" in done.stderr and "make" in done.stderr


def test_binaries_without_a_manifest_are_set_aside(tmp_path):
    src = _copy(tmp_path)
    (src / "workbench" / "_compiled.json").unlink(missing_ok=True)
    done = _probe(src)
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("pure (compiled modules without a manifest)\n")
    assert "running the .py files" in done.stderr


def test_workbench_pure_runs_the_sources_without_a_warning(tmp_path):
    src = _copy(tmp_path)
    done = _probe(src, WORKBENCH_PURE="1")
    assert done.returncode == 0, done.stderr
    assert done.stdout.split("\n")[:2] == ["pure (WORKBENCH_PURE is set)",
                                           str(src / "workbench" / "salary" / "numbers.py")]
    assert "RuntimeWarning" not in done.stderr


def test_this_checkout_runs_its_build_only_when_it_matches():
    binaries = compiled._binaries()
    if not binaries or os.environ.get("WORKBENCH_PURE"):
        assert compiled.MODE.startswith("pure")
        return
    stale = compiled.stale_sources()
    assert (compiled.MODE == "compiled") == (stale == [])
    if compiled.MODE == "compiled":
        from workbench.salary import scan

        assert not scan.__file__.endswith(".py")


def test_make_rebuilds_when_any_source_the_build_reads_changes():
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    listed = re.search(r"COMPILED_SRC := ((?:.*\\\n)*.*)", makefile).group(1)
    for name in (*compiled.MODULES, *compiled.READS):
        path = str(compiled._source(name).relative_to(ROOT))
        assert path in listed or (path.startswith("src/workbench/salary/")
                                  and "src/workbench/salary/*.py" in listed), path


def _mentions(texts: list[str]) -> list:
    out = []
    for args in ((None, None, None), ("GBP", "GB", True), (None, "RU", None), (None, "US", False)):
        clear_field_cache()
        out.append([[list(astuple(m)) for m in parse_salary(t, args[0], market=args[1], field=args[2])]
                    for t in texts])
    return out


def _texts() -> list[str]:
    with (ROOT / "data" / "labelled" / "salary_labelled.csv").open(encoding="utf-8", newline="") as f:
        short = [row["text"] for row in csv.DictReader(f)]
    # Running text: the strings set in lines with list numbers, counts, years and a title.
    long = ["Account Manager - " + a + "\n1. Lead 12 people from 2019 on.\nPay: " + b
            + " 3 days a week, 25% travel.\n" for a, b in zip(short[::2], short[1::2])]
    return short + long


def test_the_compiled_and_the_python_engine_give_the_same_mentions():
    code = ("import json, sys\n"
            f"sys.path.insert(0, {str(ROOT / 'tests')!r})\n"
            "from test_compiled import _mentions, _texts\n"
            "import workbench.compiled as c\n"
            "assert c.MODE.startswith('pure'), c.MODE\n"
            "print(json.dumps(_mentions(_texts())))\n")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False,
                          env={**os.environ, "WORKBENCH_PURE": "1"})
    assert done.returncode == 0, done.stderr[-3000:]
    python = json.loads(done.stdout)
    here = json.loads(json.dumps(_mentions(_texts())))
    assert here == python
    assert sum(len(ms) for run in here for ms in run) > 3000
