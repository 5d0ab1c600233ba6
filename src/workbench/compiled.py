"""An optional compiled build (mypyc) of the salary engine's modules, and the check that no
compiled module older than its source ever runs.

``python -m workbench.compiled build`` compiles :data:`MODULES` to C extension modules next to
their ``.py`` files (``make venv`` and ``make test`` run it; it needs mypy and a C compiler)
and writes :data:`MANIFEST`: the SHA-256 of every source the build read. ``clean`` removes
the build; ``status`` says which mode runs.

At import (``workbench/__init__.py`` calls :func:`check` before anything else) the sources
are hashed again. When one differs from its build, or a compiled module has no manifest,
every compiled module is set aside (they call each other directly, so one stale module taints
the group): the ``.py`` files run, with a warning that says which source changed and how to
rebuild. ``WORKBENCH_PURE=1`` runs the ``.py`` files on purpose, without a warning.
"""

from __future__ import annotations

import hashlib
import importlib.abc
import importlib.machinery
import importlib.util
import json
import os
import subprocess
import sys
import warnings
from pathlib import Path

SRC = Path(__file__).resolve().parents[1]
MANIFEST = SRC / "workbench" / "_compiled.json"
# The compiled modules: the salary engine but for its records (model: the public dataclasses
# stay Python classes) and its pattern tables (patterns: built once at import).
MODULES = tuple(f"workbench.salary.{m}" for m in (
    "build", "evidence", "fields", "numbers", "plausible", "scan", "shapes", "tiers", "words"))
# What the build reads besides them (types and constants it may fold in): every source it
# imports from the workbench (the salary package's other modules, found afresh each time).
READS = (*sorted(f"workbench.salary.{path.stem}" for path in (SRC / "workbench" / "salary").glob("*.py")
                 if f"workbench.salary.{path.stem}" not in MODULES),
         "workbench.markets", "workbench.text", "workbench.places")
_MYPY_FLAGS = ["--ignore-missing-imports", "--follow-imports=silent"]

MODE = "pure"  # "compiled" once check() finds a fresh build; else why the .py files run
_VAR = "WORKBENCH_PURE"


def _source(name: str) -> Path:
    return SRC.joinpath(*name.split(".")).with_suffix(".py")


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _binaries() -> list[Path]:
    """The compiled files on disk: every extension module beside a ``.py`` of the same name
    (also of a module no longer in :data:`MODULES`) and the group's shared library."""
    found = [path for pattern in ("*.so", "*.pyd") for path in (SRC / "workbench").rglob(pattern)
             if path.with_name(path.name.split(".", 1)[0] + ".py").exists()]
    return sorted(found) + sorted((SRC / "workbench").glob("_native__mypyc*"))


def stale_sources() -> list[str] | None:
    """The sources whose text differs from the compiled build's, [] when all match; None when
    there is no build (no manifest) to compare with."""
    try:
        built = json.loads(MANIFEST.read_text(encoding="utf-8"))["sources"]
    except (OSError, ValueError, KeyError):
        return None
    changed = []
    for name, digest in built.items():
        path = _source(name)
        if not path.exists() or _digest(path) != digest:
            changed.append(name)
    return changed


class _SourceFirst(importlib.abc.MetaPathFinder):
    """Finds the compiled modules' ``.py`` files, ahead of their extension modules."""

    def find_spec(self, fullname, path=None, target=None):
        if fullname not in MODULES:
            return None
        return importlib.util.spec_from_file_location(fullname, _source(fullname))


def _run_sources(why: str, quiet: bool) -> None:
    global MODE
    MODE = f"pure ({why})"
    if not any(isinstance(f, _SourceFirst) for f in sys.meta_path):
        sys.meta_path.insert(0, _SourceFirst())
    if not quiet:
        warnings.warn(f"workbench: {why}: running the .py files; `make` (or `python -m "
                      "workbench.compiled build`) rebuilds the compiled modules", RuntimeWarning,
                      stacklevel=3)


def check() -> str:
    """Choose what runs, before any compiled module is imported: the build when it matches
    its sources, else the ``.py`` files (see the module's docstring). Returns :data:`MODE`."""
    global MODE
    binaries = _binaries()
    if os.environ.get(_VAR, "") not in ("", "0"):
        _run_sources(f"{_VAR} is set", quiet=True)
        return MODE
    if not binaries:
        MODE = "pure (not built)"
        return MODE
    stale = stale_sources()
    if stale is None:
        _run_sources("compiled modules without a manifest", quiet=False)
    elif stale:
        _run_sources(f"{', '.join(stale)} changed since the compiled build", quiet=False)
    else:
        MODE = "compiled"
    return MODE


def clean() -> None:
    """Remove the compiled build (extensions, shared library, manifest)."""
    for path in [*_binaries(), MANIFEST]:
        path.unlink(missing_ok=True)


def build(jobs: int = 2) -> None:
    """Compile :data:`MODULES` in place (mypyc, then the C compiler) and write the manifest.

    The old build goes first, and the manifest is written last, so a failed build leaves the
    ``.py`` files running. Runs setuptools in a child process (it works in the directory it
    is given and keeps global state)."""
    clean()
    digests = {name: _digest(_source(name)) for name in (*MODULES, *READS)}
    files = [str(_source(name).relative_to(SRC)) for name in MODULES]
    code = (
        "import shutil, tempfile\n"
        "from setuptools import setup\n"
        "from mypyc.build import mypycify\n"
        "tmp = tempfile.mkdtemp(prefix='workbench-mypyc-')\n"
        "try:\n"
        f"    ext = mypycify({_MYPY_FLAGS + files!r}, target_dir=tmp + '/c', group_name='workbench._native')\n"
        "    setup(name='workbench-compiled', ext_modules=ext, script_args=['-q', 'build_ext', '--inplace',\n"
        f"          '--build-temp', tmp + '/o', '--build-lib', tmp + '/lib', '-j', '{jobs}'])\n"
        "finally:\n"
        "    shutil.rmtree(tmp, ignore_errors=True)\n"
    )
    subprocess.run([sys.executable, "-c", code], cwd=SRC, check=True)
    built = {path.with_name(path.name.split(".", 1)[0] + ".py") for path in _binaries()}
    missing = [name for name in MODULES if _source(name) not in built]
    if missing:
        raise RuntimeError(f"the build made no extension for {', '.join(missing)}")
    MANIFEST.write_text(json.dumps({"sources": digests}, indent=1, sort_keys=True) + "\n",
                        encoding="utf-8")


def main(argv: list[str]) -> int:
    command = argv[0] if argv else "status"
    if command == "build":
        try:
            build()
        except (ImportError, OSError, subprocess.CalledProcessError, RuntimeError) as exc:
            clean()
            why = (f"mypyc or the C compiler failed, exit {exc.returncode}: see above"
                   if isinstance(exc, subprocess.CalledProcessError) else str(exc))
            print(f"workbench: compiled modules not built ({why}); the package runs as pure Python")
            return 0 if "--optional" in argv else 1
        print(f"workbench: compiled {len(MODULES)} modules ({', '.join(m.rsplit('.', 1)[1] for m in MODULES)})")
        return 0
    if command == "clean":
        clean()
        return 0
    if command == "status":
        stale = stale_sources()
        print(f"binaries: {len(_binaries())}; manifest: "
              f"{'none' if stale is None else 'stale: ' + ', '.join(stale) if stale else 'matches the sources'}")
        return 0
    print("usage: python -m workbench.compiled [build [--optional] | clean | status]")
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
