"""Process lifetime: stop signals become Interrupted, workers die with their parent.

The same machinery under a real ``workbench ingest`` is in ``test_faults.py``.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time

import psutil
import pytest

from workbench import lifecycle
from workbench.errors import Interrupted


def test_sigterm_becomes_interrupted_and_the_old_handler_comes_back():
    before = signal.getsignal(signal.SIGTERM)
    with pytest.raises(Interrupted) as err:
        with lifecycle.StopOnSignals():
            os.kill(os.getpid(), signal.SIGTERM)
            time.sleep(5)  # the handler interrupts this
    assert err.value.signum == signal.SIGTERM and err.value.exit_code == 143
    assert str(err.value) == "stopped by SIGTERM"
    assert signal.getsignal(signal.SIGTERM) is before


def test_interrupted_is_not_an_exception_so_extraction_cannot_swallow_it():
    assert not issubclass(Interrupted, Exception)
    caught = []
    with pytest.raises(Interrupted):
        try:
            raise Interrupted(signal.SIGINT)
        except Exception as exc:  # what the extraction code catches
            caught.append(exc)
    assert caught == []


def test_a_signal_during_a_deferred_block_is_raised_after_it():
    steps = []
    with pytest.raises(Interrupted):
        with lifecycle.StopOnSignals() as stop:
            with stop.deferred():
                os.kill(os.getpid(), signal.SIGINT)
                time.sleep(0.05)
                steps.append("finished the critical step")
            steps.append("not reached")
    assert steps == ["finished the critical step"]


def test_a_second_signal_while_stopping_does_not_cut_the_clean_up_short():
    cleaned = []
    with pytest.raises(Interrupted) as err:
        with lifecycle.StopOnSignals():
            try:
                os.kill(os.getpid(), signal.SIGTERM)
                time.sleep(5)
            finally:
                os.kill(os.getpid(), signal.SIGINT)  # an impatient second Ctrl-C
                time.sleep(0.05)
                cleaned.append(True)
    assert cleaned == [True] and err.value.signum == signal.SIGTERM


CHILD = """
import os, sys, time
from pathlib import Path
from workbench import lifecycle
folder = Path(sys.argv[2])
middle = os.fork()
if middle == 0:
    worker = os.fork()
    if worker == 0:
        if sys.argv[1] == "kernel":
            lifecycle.set_parent_death_signal(os.getppid())
        else:
            lifecycle.watch_parent(os.getppid(), interval=0.05)
        (folder / "worker.tmp").write_text(str(os.getpid()))
        (folder / "worker.tmp").rename(folder / "worker")
        time.sleep(60)
        os._exit(0)
    time.sleep(60)
    os._exit(0)
(folder / "middle.tmp").write_text(str(middle))
(folder / "middle.tmp").rename(folder / "middle")
time.sleep(60)
"""


def _pid_from(path, timeout=30.0) -> int:
    deadline = time.monotonic() + timeout
    while not path.exists():
        assert time.monotonic() < deadline, f"{path.name} never wrote its pid"
        time.sleep(0.02)
    return int(path.read_text())


@pytest.mark.parametrize("how", ["kernel", "polling"])
def test_a_worker_dies_with_its_parent(how, tmp_path):
    proc = subprocess.Popen([sys.executable, "-c", CHILD, how, str(tmp_path)])
    try:
        middle = _pid_from(tmp_path / "middle")
        worker = psutil.Process(_pid_from(tmp_path / "worker"))  # ready: its watch is set up
        os.kill(middle, signal.SIGKILL)  # the worker's parent dies without a word
        gone, alive = psutil.wait_procs([worker], timeout=5)
        assert alive == []
    finally:
        proc.kill()
        proc.wait()


def test_worker_init_ignores_ctrl_c_but_not_sigterm():
    code = ("import os, signal, time\n"
            "from workbench import lifecycle\n"
            "lifecycle.worker_init(os.getppid())\n"
            "os.kill(os.getpid(), signal.SIGINT)\n"
            "time.sleep(0.2)\n"
            "print('survived ctrl-c', flush=True)\n"
            "os.kill(os.getpid(), signal.SIGTERM)\n"
            "time.sleep(5)\n")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert done.stdout.strip() == "survived ctrl-c"
    assert done.returncode == -signal.SIGTERM


def test_kill_processes_kills_a_tree_and_leaves_reaping_to_its_owner():
    proc = subprocess.Popen([sys.executable, "-c",
                             "import subprocess, sys, time; "
                             "subprocess.Popen([sys.executable, '-c', 'import time; time.sleep(60)']); "
                             "time.sleep(60)"])
    deadline = time.monotonic() + 30
    while not psutil.Process(proc.pid).children() and time.monotonic() < deadline:
        time.sleep(0.05)
    grandchild = psutil.Process(proc.pid).children()[0]
    killed = lifecycle.kill_processes([proc.pid])
    assert set(killed) == {proc.pid, grandchild.pid}
    assert proc.wait(timeout=5) == -signal.SIGKILL  # still ours to reap: its status is intact
    assert psutil.wait_procs([grandchild], timeout=5)[1] == []
