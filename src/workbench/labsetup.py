"""JupyterLab set up for this project, inside the environment only (never the home folder).

``python -m workbench.labsetup`` (run by ``make``'s install step and by ``make lab``):

* installs the ``workbench`` kernel for this interpreter into ``sys.prefix``;
* makes Lab open ``.py`` files as notebooks with jupytext: a settings override in the
  environment's own Jupyter configuration,
  ``<sys.prefix>/etc/jupyter/labconfig/default_setting_overrides.json``, setting the
  document manager's ``defaultViewers`` for the ``python`` file type to ``"Jupytext
  Notebook"`` (jupyterlab_server reads ``labconfig/default_setting_overrides.json`` from
  every Jupyter config folder). Other settings in that file are kept.

A user's own Lab settings (``~/.jupyter/lab/user-settings``) still win over these
defaults; nothing outside the environment is written.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

__all__ = ["DOCMANAGER", "OVERRIDES", "VIEWER", "install", "overrides_path", "set_default_viewer"]

DOCMANAGER = "@jupyterlab/docmanager-extension:plugin"
VIEWER = "Jupytext Notebook"
OVERRIDES = ("etc", "jupyter", "labconfig", "default_setting_overrides.json")


def overrides_path(prefix: str | Path | None = None) -> Path:
    """The environment's Lab settings-override file."""
    return Path(prefix or sys.prefix).joinpath(*OVERRIDES)


def set_default_viewer(prefix: str | Path | None = None) -> Path:
    """Open ``.py`` files with the jupytext notebook viewer; returns the file written."""
    path = overrides_path(prefix)
    try:
        doc = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        doc = {}
    if not isinstance(doc, dict):
        doc = {}
    plugin = doc.setdefault(DOCMANAGER, {})
    plugin.setdefault("defaultViewers", {})["python"] = VIEWER
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".tmp")
    tmp.write_text(json.dumps(doc, indent=2) + "\n", encoding="utf-8")
    tmp.replace(path)
    return path


def install(prefix: str | Path | None = None) -> list[str]:
    """The kernel and the default viewer; returns what was done, one line each."""
    from workbench.report import KERNEL_NAME, ensure_kernel

    kernel = ensure_kernel(KERNEL_NAME)
    path = set_default_viewer(prefix)
    return [f"kernel {kernel!r} for {sys.executable}", f".py files open as notebooks in Lab ({path})"]


if __name__ == "__main__":  # pragma: no cover - exercised through make
    for line in install():
        print(f"labsetup: {line}")
