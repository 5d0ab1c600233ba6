"""Does a change to the salary engine leave its output unchanged? ``parse_salary`` of this
tree and of another tree's ``src`` (e.g. main before a speed change), loaded side by side in
one process, on every distinct string this script can find, compared mention by mention,
every field.

The strings: every cell of every CSV under ``data/labelled`` and of every corpus file under
``$WORKBENCH_SHARED/corpora`` (pay fields, titles, whole descriptions), and the pay strings
of the labelled JSON/JSONL files. Short strings (at most 64 characters) are parsed under ten
currency/market/field argument sets, cold (every memo emptied first) and again warm; long
ones under four argument sets. ``WORKBENCH_PURE=1`` compares the ``.py`` files of both trees.

Run: ``python perf/salary_same.py --against ../main [--limit N]``; prints the counts and the
first differences, and exits 1 when any call differs.
"""

from __future__ import annotations

import csv
import dataclasses
import json
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "perf"))
csv.field_size_limit(1 << 30)

from salary import _salary_of, parse_salary, clear_field_cache  # noqa: E402

from workbench.salary.model import SalaryMention  # noqa: E402

_FIELDS = [f.name for f in dataclasses.fields(SalaryMention)]
SHORT_ARGS = [(None, None, None), ("GBP", None, None), (None, "GB", None), ("USD", "US", None),
              ("RUB", "RU", None), (None, "CN", None), ("EUR", "EU", None), (None, None, True),
              ("GBP", "GB", True), (None, None, False)]
LONG_ARGS = [(None, None, None), ("USD", "US", False), ("RUB", "RU", False), ("GBP", "GB", True)]


def _cells(path: Path):
    with path.open(encoding="utf-8-sig", newline="", errors="replace") as handle:
        for row in csv.reader(handle):
            yield from row


def _json_strings(value):
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for v in value.values():
            yield from _json_strings(v)
    elif isinstance(value, list):
        for v in value:
            yield from _json_strings(v)


def strings() -> list[str]:
    """Every distinct non-empty string of the labelled sets and the corpora, in a fixed order."""
    seen: dict[str, None] = {}
    roots = [ROOT / "data" / "labelled"]
    shared = Path(os.environ.get("WORKBENCH_SHARED", ROOT.parent / "shared"))
    if (shared / "corpora").exists():
        roots.append(shared / "corpora")
    for root in roots:
        for path in sorted(root.rglob("*")):
            if path.suffix == ".csv":
                for cell in _cells(path):
                    if cell.strip():
                        seen.setdefault(cell)
            elif path.suffix in (".json", ".jsonl"):
                text = path.read_text(encoding="utf-8", errors="replace")
                docs = [text] if path.suffix == ".json" else text.splitlines()
                for doc in docs:
                    try:
                        value = json.loads(doc)
                    except ValueError:
                        continue
                    for s in _json_strings(value):
                        if s.strip():
                            seen.setdefault(s)
    return list(seen)


def _values(mentions) -> list[tuple]:
    return [tuple(getattr(m, f) for f in _FIELDS) for m in mentions]


def compare(other_src: Path, texts: list[str]) -> tuple[int, list[str]]:
    """(calls compared, descriptions of the differing calls)."""
    old_parse, old_clear = _salary_of(other_src)
    calls, bad = 0, []
    for i, text in enumerate(texts):
        short = len(text) <= 64
        for currency, market, field in (SHORT_ARGS if short else LONG_ARGS):
            passes = (True, False) if short else (True,)
            for cold in passes:
                if cold:
                    clear_field_cache()
                    old_clear()
                new = _values(parse_salary(text, currency, market=market, field=field))
                old = _values(old_parse(text, currency, market=market, field=field))
                calls += 1
                if new != old:
                    bad.append(f"#{i} {text[:80]!r} {(currency, market, field)} cold={cold}: "
                               f"old {old} new {new}")
    return calls, bad


def main() -> None:
    other = Path(sys.argv[sys.argv.index("--against") + 1]).resolve() / "src"
    texts = strings()
    if "--limit" in sys.argv:
        texts = texts[: int(sys.argv[sys.argv.index("--limit") + 1])]
    calls, bad = compare(other, texts)
    short = sum(1 for t in texts if len(t) <= 64)
    print(f"{calls:,} calls on {len(texts):,} distinct strings ({short:,} of at most 64 "
          f"characters): {len(bad)} differ")
    for line in bad[:20]:
        print(line)
    sys.exit(1 if bad else 0)


if __name__ == "__main__":
    main()
