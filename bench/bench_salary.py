"""Throughput of the salary engine, beside price-parser on the same strings.

Rows: salary strings per second on one core (``parse_salary`` over the
labelled strings, repeated for about 1.5 s) next to ``price_parser`` in the
same process, and whole postings per second: ~1.5 KB postings built from the
labelled strings set inside filler description text.

Run: ``python bench/bench_salary.py``. Targets: >= 50,000 strings/s and
>= 2,000 postings/s on one core.
"""

from __future__ import annotations

import csv
import random
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT / "src") not in sys.path:
    sys.path.insert(0, str(ROOT / "src"))

from workbench.salary import parse_salary  # noqa: E402

LABELLED = ROOT / "data" / "labelled" / "salary_labelled.csv"

# Filler in the three languages, written for this benchmark: duties, numbers
# that are not pay (percentages, years, head counts), the usual noise.
_FILLER = [
    "You will own a portfolio of key accounts and grow revenue year on year.",
    "Build relationships with senior stakeholders and run quarterly business reviews.",
    "Spend around 25% of your time on new business and 15% on reporting.",
    "We are a team of 120 people across 4 offices, founded in 2009.",
    "Experience: 3-5 years in account management, ideally within a marketing agency.",
    "Ведение ключевых клиентов, подготовка коммерческих предложений и отчётов.",
    "Опыт работы от 3 лет в рекламном агентстве, знание английского языка.",
    "负责重点客户的维护与拓展，完成季度销售目标，3-5年相关工作经验。",
    "Strong communication skills, attention to detail and a full UK driving licence.",
    "Hybrid working: 3 days in the office, 2 from home; 25 days holiday plus bank holidays.",
    "Report to the Client Services Director and mentor 2 Account Executives.",
]


def _strings() -> list[str]:
    with LABELLED.open(encoding="utf-8") as f:
        return [row["text"] for row in csv.DictReader(f)]


def _postings(strings: list[str], n: int = 400, size: int = 1500, seed: int = 7) -> list[str]:
    rng = random.Random(seed)
    out = []
    for _ in range(n):
        parts = []
        k = rng.randrange(1, 3)
        pay = rng.sample(strings, k)
        while sum(len(p) + 1 for p in parts) < size:
            parts.append(rng.choice(_FILLER))
            if pay and rng.random() < 0.3:
                parts.append("Salary: " + pay.pop())
        parts.extend("Package: " + p for p in pay)
        out.append("\n".join(parts)[: size + 200])
    return out


def _rate(fn, items, min_seconds: float = 1.5) -> float:
    """Items per second for ``fn`` over ``items``, repeated ~min_seconds."""
    fn(items[0])
    done = 0
    t0 = time.perf_counter()
    while True:
        for x in items:
            fn(x)
        done += len(items)
        elapsed = time.perf_counter() - t0
        if elapsed >= min_seconds:
            return done / elapsed


def run() -> list[dict]:
    strings = _strings()
    rows = []
    ours = _rate(parse_salary, strings)
    peer = None
    try:
        from price_parser import Price

        peer = _rate(Price.fromstring, strings)
    except ImportError:  # pragma: no cover - the dev extra is not installed
        pass
    rows.append({
        "metric": "salary strings/s (1 core)", "value": round(ours), "unit": "strings/s",
        "peer": "price-parser Price.fromstring", "peer_value": round(peer) if peer else None,
        "ratio": round(ours / peer, 2) if peer else None,
        "note": f"{len(strings)} labelled strings; target >= 50,000; price-parser reads one "
                "amount per string, we read ranges, period, component",
    })
    postings = _postings(strings)
    avg = sum(map(len, postings)) / len(postings)
    prate = _rate(parse_salary, postings)
    rows.append({
        "metric": "postings/s salary scan (1 core)", "value": round(prate), "unit": "postings/s",
        "peer": None, "peer_value": None, "ratio": None,
        "note": f"{len(postings)} postings of ~{avg:.0f} chars; target >= 2,000",
    })
    rows.append({
        "metric": "text scanned", "value": round(prate * avg / 1e6, 2), "unit": "MB/s",
        "peer": None, "peer_value": None, "ratio": None, "note": "same run as postings/s",
    })
    return rows


def main() -> None:
    for r in run():
        peer = f" | {r['peer']}: {r['peer_value']:,} (ratio {r['ratio']})" if r["peer"] else ""
        print(f"{r['metric']:<34} {r['value']:>10,} {r['unit']}{peer}  -- {r['note']}")


if __name__ == "__main__":
    main()
