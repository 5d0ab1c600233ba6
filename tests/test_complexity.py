"""No function in ``src/`` is more complex than 25 (McCabe cyclomatic complexity, as
ruff's C901 counts it). Runs in ``make test``, so CI fails when a function grows past it.
The same check by hand:
``ruff check --isolated --select C901 --config 'lint.mccabe.max-complexity=25' src/``."""

from __future__ import annotations

import subprocess
from pathlib import Path

from ruff.__main__ import find_ruff_bin

ROOT = Path(__file__).resolve().parents[1]
MAX_COMPLEXITY = 25


def _c901(path: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [find_ruff_bin(), "check", "--isolated", "--no-cache", "--select", "C901",
         "--config", f"lint.mccabe.max-complexity={MAX_COMPLEXITY}", "--output-format", "concise",
         str(path)],
        capture_output=True, text=True, check=False)


def test_no_function_in_src_is_more_complex_than_25():
    result = _c901(ROOT / "src")
    assert result.returncode == 0, (
        f"functions above complexity {MAX_COMPLEXITY} (split them into named stages):\n"
        + result.stdout + result.stderr)


def test_the_check_catches_a_function_above_the_limit(tmp_path):
    branches = "\n".join(f"    if x == {i}:\n        return {i}" for i in range(MAX_COMPLEXITY))
    (tmp_path / "too_complex.py").write_text(f"def f(x):\n{branches}\n    return -1\n")
    result = _c901(tmp_path)
    assert result.returncode == 1
    assert f"`f` is too complex ({MAX_COMPLEXITY + 1} > {MAX_COMPLEXITY})" in result.stdout
