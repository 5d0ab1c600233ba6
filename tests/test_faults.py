"""Faults done for real: signals to a running ingest, two writers at once, a full disk,
a refused permission, parts copied in or deleted, stores that are not stores, hostile plans.

Every case runs the ``workbench`` command in its own process on a corpus written by
``workbench synth``, and checks what an operator would: the exit status, one line on
stderr that says what to do, no process left behind, the previous store intact and
readable, every posting accounted for, and no file of the user's removed.

How each fault is made without root:

* signals: ``os.kill``/``os.killpg`` on the real process once its workers have written
  a part (Ctrl-C reaches the whole process group, so SIGINT goes to the group);
* no room: a size-limited tmpfs mounted in a user namespace (``unshare -rm``), a real
  ENOSPC; where user namespaces are not allowed, ``RLIMIT_FSIZE`` set in the child
  (the kernel then refuses the write with EFBIG). Both reach the same code path;
* permission denied: a read-only store; when the tests run as root, the child first
  drops CAP_DAC_OVERRIDE and CAP_DAC_READ_SEARCH from its bounding set, so the exec'd
  ``workbench`` obeys file modes like any user.
"""

from __future__ import annotations

import ctypes
import json
import os
import resource
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import psutil
import pytest

from workbench import store

pytestmark = pytest.mark.slow  # real processes (about 100 s): `make test` runs them, `make test-fast` not

BIN = Path(sys.executable).parent
WORKBENCH = str(BIN / "workbench")
N_POSTINGS = 4_000  # 20 parts, about 2 s of work on two workers: signals land mid-run
CHUNK = "200"


def workbench(*args: str, **kwargs) -> subprocess.CompletedProcess:
    """Run the real command line and wait for it."""
    kwargs.setdefault("timeout", 300)
    return subprocess.run([WORKBENCH, *args], capture_output=True, text=True, **kwargs)


def one_line_error(result: subprocess.CompletedProcess | str) -> str:
    """The error line of a refused command: exactly one line, no traceback."""
    stderr = result if isinstance(result, str) else result.stderr
    lines = [line for line in stderr.splitlines() if line.startswith("error:")]
    assert len(lines) == 1, stderr[-3000:]
    assert "Traceback" not in stderr, stderr[-3000:]
    return lines[0]


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("corpus") / "synth"
    done = workbench("synth", "--n", str(N_POSTINGS), "--seed", "13", "--out", str(out))
    assert done.returncode == 0, done.stderr
    return out


@pytest.fixture(scope="module")
def previous_store(tmp_path_factory) -> Path:
    """A small good store, built once; each test works on its own copy."""
    base = tmp_path_factory.mktemp("previous")
    assert workbench("synth", "--n", "300", "--seed", "5", "--out", str(base / "small")).returncode == 0
    done = workbench("ingest", str(base / "small"), "--store", str(base / "store"), "--no-progress", "--jobs", "1")
    assert done.returncode == 0, done.stderr
    return base / "store"


@pytest.fixture(scope="module")
def other_store(tmp_path_factory) -> Path:
    """A second good store of other postings: the source of foreign parts."""
    base = tmp_path_factory.mktemp("other")
    assert workbench("synth", "--n", "40", "--seed", "9", "--out", str(base / "raw")).returncode == 0
    done = workbench("ingest", str(base / "raw"), "--store", str(base / "store"), "--no-progress", "--jobs", "1")
    assert done.returncode == 0, done.stderr
    return base / "store"


@pytest.fixture()
def prev(previous_store, tmp_path) -> Path:
    target = tmp_path / "store"
    shutil.copytree(previous_store, target)
    return target


def snapshot(root: Path) -> dict:
    """What a reader sees: the manifest and the row count of every table."""
    manifest = store.read_manifest(root)
    counts = {name: len(frame) for name, frame in store.read_tables(store.TABLES, root).items()}
    assert counts == manifest["counts"]
    return {"manifest": manifest, "counts": counts}


def start_ingest(corpus: Path, root: Path, *extra: str, **popen) -> subprocess.Popen:
    return subprocess.Popen([WORKBENCH, "ingest", str(corpus), "--store", str(root), "--no-progress",
                             "--jobs", "2", "--chunk-size", CHUNK, *extra],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            start_new_session=True, **popen)


def wait_mid_run(proc: subprocess.Popen, root: Path, before: set[Path], timeout: float = 180) -> list[psutil.Process]:
    """Wait until the run's workers have written a part; return every process of the run."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        assert proc.poll() is None, f"the run ended before it could be stopped: {proc.stderr.read()[-2000:]}"
        fresh = [p for p in root.glob(".staging-*/postings/*.parquet") if p.parent.parent not in before]
        if fresh:
            tree = psutil.Process(proc.pid).children(recursive=True)
            if tree:
                return [psutil.Process(proc.pid), *tree]
        time.sleep(0.05)
    raise AssertionError("no part was written in time")


def stop(proc: subprocess.Popen, sig: int, group: bool) -> None:
    if group:
        os.killpg(proc.pid, sig)
    else:
        proc.send_signal(sig)


# ------------------------------------------------------------------ signals


@pytest.mark.parametrize("engine, sig, group, code", [
    ("local", signal.SIGTERM, False, 128 + signal.SIGTERM),
    ("local", signal.SIGINT, True, 128 + signal.SIGINT),  # Ctrl-C: the whole process group
    ("local", signal.SIGKILL, False, -signal.SIGKILL),
    ("dask", signal.SIGTERM, False, 128 + signal.SIGTERM),
    ("dask", signal.SIGINT, True, 128 + signal.SIGINT),
    ("dask", signal.SIGKILL, False, -signal.SIGKILL),
], ids=["local-sigterm", "local-ctrl-c", "local-kill-9", "dask-sigterm", "dask-ctrl-c", "dask-kill-9"])
def test_a_stopped_ingest_leaves_no_process_and_the_previous_store(corpus, prev, engine, sig, group, code):
    before_state = snapshot(prev)
    old_staging = set(prev.glob(".staging-*"))
    proc = start_ingest(corpus, prev, "--engine", engine)
    tree = wait_mid_run(proc, prev, old_staging)
    stop(proc, sig, group)
    _, stderr = proc.communicate(timeout=30)
    assert proc.returncode == code, stderr[-3000:]
    _, alive = psutil.wait_procs(tree, timeout=5)
    assert alive == [], f"processes outlived the run: {[(p.pid, p.name()) for p in alive]}"
    # The previous version is what readers see, whole.
    assert snapshot(prev) == before_state
    if sig != signal.SIGKILL:
        assert one_line_error(stderr) == (f"error: ingest stopped by {signal.Signals(sig).name}; "
                                        f"nothing was published.")
        assert set(prev.glob(".staging-*")) == old_staging  # its staging folder was removed
        last = store.runs(prev)[-1]
        assert last["status"] == "stopped" and signal.Signals(sig).name in last["error"]
    else:
        # A killed parent cannot clean up: its staging is left for the next writer to remove.
        stale = set(prev.glob(".staging-*")) - old_staging
        assert len(stale) == 1
        store.write_store({}, prev)
        assert not any(p.exists() for p in stale)


# ------------------------------------------------------------------ two writers


def test_a_second_writer_is_refused_and_the_first_loses_nothing(corpus, prev):
    first = start_ingest(corpus, prev)
    wait_mid_run(first, prev, set(prev.glob(".staging-*")))
    second = workbench("ingest", str(corpus), "--store", str(prev), "--no-progress", "--jobs", "1")
    assert second.returncode == 2
    line = one_line_error(second)
    assert f"is locked: another ingest (pid {first.pid} on " in line and f"kill {first.pid}" in line
    out, err = first.communicate(timeout=300)
    assert first.returncode == 0, err[-2000:]
    assert out.startswith(f"{N_POSTINGS} postings")
    after = snapshot(prev)
    assert after["counts"]["postings"] == N_POSTINGS
    assert [r["status"] for r in store.runs(prev)[-2:]] == ["refused", "ok"]


# ------------------------------------------------------------------ no room, no permission


def _user_namespaces_work() -> bool:
    if shutil.which("unshare") is None:
        return False
    probe = subprocess.run(["unshare", "-rm", "sh", "-c", "mount -t tmpfs -o size=1m tmpfs /mnt"],
                           capture_output=True, timeout=30)
    return probe.returncode == 0


def _limit_file_size() -> None:
    resource.setrlimit(resource.RLIMIT_FSIZE, (128 * 1024, 128 * 1024))


def test_no_room_to_write_is_one_line_and_keeps_the_previous_store(corpus, previous_store, tmp_path):
    if _user_namespaces_work():
        # A real full disk: a 1 MB tmpfs holding the previous store, then the big ingest.
        mount = tmp_path / "mnt"
        mount.mkdir()
        script = (f"mount -t tmpfs -o size=1m tmpfs {mount} && cp -a {previous_store} {mount}/store && "
                  f"{WORKBENCH} ingest {corpus} --store {mount}/store --no-progress --jobs 2 "
                  f"--chunk-size 1000; echo \"rc=$?\" >&2; "
                  f"{sys.executable} -c 'import json, sys; from workbench import store; "
                  f"r = store.read_tables(store.TABLES, sys.argv[1]); "
                  f"print(json.dumps({{\"counts\": {{k: len(v) for k, v in r.items()}}, "
                  f"\"manifest\": store.read_manifest(sys.argv[1]), \"runs\": store.runs(sys.argv[1]), "
                  f"\"staging\": [p.name for p in __import__(\"pathlib\").Path(sys.argv[1]).glob(\".staging-*\")]}}))' "
                  f"{mount}/store")
        done = subprocess.run(["unshare", "-rm", "sh", "-c", script], capture_output=True, text=True, timeout=300)
        assert "rc=2" in done.stderr, done.stderr[-3000:]
        seen = json.loads(done.stdout)
        expected = "error: disk full while writing the store"
    else:
        # No user namespaces here: the kernel's file-size limit refuses the write instead.
        root = tmp_path / "store"
        shutil.copytree(previous_store, root)
        done = subprocess.run([WORKBENCH, "ingest", str(corpus), "--store", str(root), "--no-progress",
                               "--jobs", "2", "--chunk-size", "1000"], capture_output=True, text=True,
                              preexec_fn=_limit_file_size, timeout=300)
        assert done.returncode == 2, done.stderr[-3000:]
        seen = {"counts": {k: len(v) for k, v in store.read_tables(store.TABLES, root).items()},
                "manifest": store.read_manifest(root), "runs": store.runs(root),
                "staging": [p.name for p in root.glob(".staging-*")]}
        expected = "error: file-size limit reached while writing the store"
    line = one_line_error(done)
    assert line.startswith(expected) and "re-run `workbench ingest" in line
    assert "the previous version of the store is unchanged" in line
    assert seen["manifest"] == store.read_manifest(previous_store)
    assert seen["counts"] == seen["manifest"]["counts"]
    assert seen["staging"] == []
    assert seen["runs"][-1]["status"] == "failed" and line[len("error: "):] in seen["runs"][-1]["error"]


def _obey_file_modes() -> None:
    """In the child, before exec: a root process gives up overriding file modes."""
    if os.geteuid() != 0:
        return
    libc = ctypes.CDLL(None, use_errno=True)
    for capability in (1, 2):  # CAP_DAC_OVERRIDE, CAP_DAC_READ_SEARCH
        if libc.prctl(24, capability, 0, 0, 0) != 0:  # PR_CAPBSET_DROP
            raise OSError(ctypes.get_errno(), "cannot drop a capability")


def test_permission_denied_is_one_line_and_keeps_the_store(corpus, prev):
    before_state = snapshot(prev)
    modes = {p: p.stat().st_mode for p in [prev, *prev.rglob("*")]}
    try:
        for path in modes:
            path.chmod(0o555 if path.is_dir() else 0o444)
        done = subprocess.run([WORKBENCH, "ingest", str(corpus), "--store", str(prev), "--no-progress"],
                              capture_output=True, text=True, preexec_fn=_obey_file_modes, timeout=300)
    finally:
        for path, mode in modes.items():
            path.chmod(mode)
    assert done.returncode == 2
    line = one_line_error(done)
    assert line.startswith(f"error: permission denied while writing the store {prev}")
    assert "Choose a folder you can write to" in line
    assert snapshot(prev) == before_state


# ------------------------------------------------------------------ readers check the manifest


def test_a_copied_foreign_part_is_refused_by_bench_and_report(prev, other_store, tmp_path):
    foreign = store.open_version(other_store).files("salaries")[0]
    version = store.open_version(prev)
    shutil.copy(foreign, version.path / "salaries" / "part-00099.parquet")
    for args in (["bench", str(prev)], ["report", "--data", str(prev), "--out", str(tmp_path / "out")]):
        done = workbench(*args)
        assert done.returncode == 2, (args, done.stderr[-2000:])
        line = one_line_error(done)
        assert "salaries/part-00099.parquet is not in the manifest" in line, line
        assert f"re-run `workbench ingest {version.manifest['inputs'][0]} --store {prev}`" in line, line
    assert not list((tmp_path / "out").glob("*/*.html"))


@pytest.mark.parametrize("damage, expected", [
    ("delete-part", "postings/part-00000.parquet listed in the manifest is missing"),
    ("delete-manifest", "its manifest is missing"),
    ("swap-part", "the manifest says"),
    ("recount", "the manifest counts 53 postings rows, its parts hold 300"),
])
def test_a_store_that_disagrees_with_its_manifest_is_refused(prev, other_store, damage, expected):
    version = store.open_version(prev)
    part = version.files("postings")[0]
    if damage == "delete-part":
        part.unlink()
    elif damage == "delete-manifest":
        (version.path / "manifest.json").unlink()
    elif damage == "swap-part":
        shutil.copy(store.open_version(other_store).files("postings")[0], part)
    else:
        doc = json.loads((version.path / "manifest.json").read_text())
        doc["counts"]["postings"] = 53
        (version.path / "manifest.json").write_text(json.dumps(doc))
    done = workbench("bench", str(prev))
    assert done.returncode == 2
    line = one_line_error(done)
    assert expected in line and "re-run `workbench ingest" in line, line


def test_a_store_of_the_earlier_layout_is_refused_with_the_instruction(tmp_path):
    legacy = tmp_path / "processed"
    for name in store.TABLES:
        (legacy / name).mkdir(parents=True)
    (legacy / "manifest.json").write_text(json.dumps({"inputs": ["data/raw/postings"], "counts": {},
                                                      "inputs_fingerprint": "0" * 64}))
    import pandas as pd

    pd.DataFrame({"record_id": ["a:0"]}).to_parquet(legacy / "records" / "part-00000.parquet")
    done = workbench("bench", str(legacy))
    assert done.returncode == 2
    line = one_line_error(done)
    assert "written by an earlier version of the workbench" in line
    assert f"delete it and re-run `workbench ingest data/raw/postings --store {legacy}`" in line
    refused = workbench("ingest", str(tmp_path), "--store", str(legacy / "x"))
    assert refused.returncode == 2


# ------------------------------------------------------------------ what ingest may touch


def test_ingest_into_a_folder_of_user_files_removes_nothing(tmp_path, corpus):
    # The reported case: `workbench ingest proj/postings --store proj`.
    proj = tmp_path / "proj"
    shutil.copytree(corpus, proj / "postings")
    (proj / "records").mkdir()
    (proj / "records" / "notes.txt").write_text("my notes")
    files = sorted(p.relative_to(proj) for p in proj.rglob("*"))
    for args in (["ingest", str(proj / "postings"), "--store", str(proj)],
                 ["ingest", str(proj), "--store", str(proj / "postings" / "store")],
                 ["ingest", str(corpus), "--store", str(proj)]):
        done = workbench(*args, "--no-progress")
        assert done.returncode == 2, (args, done.stderr[-2000:])
        line = one_line_error(done)
        assert "nothing was changed" in line, line
    assert sorted(p.relative_to(proj) for p in proj.rglob("*")) == files
    assert (proj / "records" / "notes.txt").read_text() == "my notes"


# ------------------------------------------------------------------ plans are data


def test_a_plan_cannot_run_a_notebook_from_elsewhere(tmp_path):
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    sentinel = tmp_path / "ran"
    (elsewhere / "evil.py").write_text(
        "# %% tags=[\"parameters\"]\nstore_dir: str = \"\"  # injected\n\n"
        f"# %%\nopen({str(sentinel)!r}, 'w').write('ran')\n", encoding="utf-8")
    plan = tmp_path / "plan.yaml"
    plan.write_text(f"notebooks_dir: {elsewhere}\nreports:\n  - notebook: evil\n", encoding="utf-8")
    done = workbench("report", "--plan", str(plan), "--out", str(tmp_path / "out"))
    assert done.returncode == 2
    assert "'notebooks_dir' is not a plan key" in one_line_error(done)
    plan.write_text(f"reports:\n  - notebook: {elsewhere}/evil\n", encoding="utf-8")
    done = workbench("report", "--plan", str(plan), "--out", str(tmp_path / "out"))
    assert done.returncode == 2 and "no path" in one_line_error(done)
    assert not sentinel.exists() and not (tmp_path / "out").exists()


@pytest.mark.parametrize("expand, expected", [
    ("{level: [" + ", ".join("1" for _ in range(1_000_000)) + "]}", "bytes; a plan lists at most"),
    ("{level: [" + ", ".join(map(str, range(1000))) + "], label: [" + ", ".join(f"a{i}" for i in range(1000))
     + "]}", "more than 200 reports (report #1 alone expands to 1000 x 1000 = 1,000,000)"),
    ("{a: [" + ", ".join(map(str, range(1000))) + "], b: [" + ", ".join(map(str, range(1000)))
     + "], c: [" + ", ".join(map(str, range(1000))) + "]}", "1000 x 1000 x 1000 = 1,000,000,000"),
], ids=["10^6-values", "10^6-cross-product", "3x1000-keys"])
def test_a_plan_of_a_million_reports_is_refused_before_anything_is_built(tmp_path, expand, expected):
    plan = tmp_path / "plan.yaml"
    plan.write_text(f"reports:\n  - notebook: role_benchmark\n    expand: {expand}\n", encoding="utf-8")
    done = workbench("report", "--plan", str(plan), "--out", str(tmp_path / "out"))
    assert done.returncode == 2
    assert expected in one_line_error(done)
    assert "MemoryError" not in done.stderr and not (tmp_path / "out").exists()


@pytest.mark.parametrize("timeout", ["0", "-1"])
def test_report_timeout_must_be_positive(tmp_path, timeout):
    done = workbench("report", "--timeout", timeout, "--out", str(tmp_path / "out"))
    assert done.returncode == 2
    assert "--timeout" in one_line_error(done) and "positive" in one_line_error(done)
    assert not (tmp_path / "out").exists()
