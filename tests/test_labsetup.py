"""JupyterLab for this project: .py notebooks open as notebooks, settings inside the environment only."""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from workbench import labsetup

ROOT = Path(__file__).resolve().parents[1]


def test_the_override_maps_python_files_to_the_jupytext_notebook_and_keeps_other_settings(tmp_path):
    path = labsetup.overrides_path(tmp_path)
    path.parent.mkdir(parents=True)
    path.write_text(json.dumps({"@jupyterlab/apputils-extension:themes": {"theme": "JupyterLab Dark"},
                                labsetup.DOCMANAGER: {"autosave": False}}), encoding="utf-8")
    assert labsetup.set_default_viewer(tmp_path) == path
    doc = json.loads(path.read_text(encoding="utf-8"))
    assert doc[labsetup.DOCMANAGER] == {"autosave": False, "defaultViewers": {"python": "Jupytext Notebook"}}
    assert doc["@jupyterlab/apputils-extension:themes"] == {"theme": "JupyterLab Dark"}
    assert path == tmp_path / "etc" / "jupyter" / "labconfig" / "default_setting_overrides.json"


def test_the_installed_environment_opens_py_files_as_jupytext_notebooks():
    """What `make` installed into this environment (not the home folder)."""
    path = Path(sys.prefix) / "etc" / "jupyter" / "labconfig" / "default_setting_overrides.json"
    doc = json.loads(path.read_text(encoding="utf-8"))
    assert doc["@jupyterlab/docmanager-extension:plugin"]["defaultViewers"]["python"] == "Jupytext Notebook"
    from jupyter_client.kernelspec import KernelSpecManager

    spec = KernelSpecManager().get_kernel_spec("workbench")
    assert Path(spec.argv[0]).resolve() == Path(sys.executable).resolve()


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _get(url: str, deadline: float) -> dict:
    while True:
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                return json.loads(response.read())
        except OSError:
            if time.time() > deadline:
                raise
            time.sleep(0.5)


@pytest.mark.slow
def test_make_lab_serves_the_repo_root_with_the_jupytext_viewer_as_default():
    """`make lab` for real (its install step taken as done): Lab's settings API and its root folder."""
    port, token = _free_port(), "workbench-test"
    stamp = f"{sys.prefix}/.installed"
    args = f"--no-browser --ServerApp.port={port} --ServerApp.ip=127.0.0.1 --IdentityProvider.token={token}"
    if os.geteuid() == 0:
        args += " --allow-root"
    env = {k: v for k, v in os.environ.items() if not k.startswith("JUPYTER")}
    proc = subprocess.Popen(["make", "-s", "-C", str(ROOT), "-o", stamp, "lab", f"VENV={sys.prefix}",
                             f"LAB_ARGS={args}"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                            start_new_session=True, env=env)
    try:
        base = f"http://127.0.0.1:{port}"
        deadline = time.time() + 120
        settings = _get(f"{base}/lab/api/settings/@jupyterlab/docmanager-extension:plugin?token={token}", deadline)
        viewers = settings["schema"]["properties"]["defaultViewers"]["default"]
        assert viewers["python"] == "Jupytext Notebook"
        root = _get(f"{base}/api/contents?token={token}", deadline)
        names = {item["name"] for item in root["content"]}
        assert {"notebooks", "data", "reports", "pyproject.toml"} <= names
    finally:
        os.killpg(proc.pid, signal.SIGTERM)
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()
