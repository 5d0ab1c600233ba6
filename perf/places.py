"""Speed of the location parser (workbench.places).

Rows: distinct location strings parsed per CPU-second with the cache emptied before
every pass (each call parses), the same strings answered from the cache (what a run
over many postings sharing few locations costs), and the one-off gazetteer load.
The strings are built here from the gazetteer's own names in the shapes job boards
write ("Town", "Town, County, UK", "District, London EC2A", "Town (Hybrid)", "City, ST",
Russian and Chinese names); when ../shared is beside the project the uk_ads corpus's
distinct location strings are timed too (read at run time, only figures reported).

Run: ``python perf/places.py``. Target: >= 2,000 distinct strings/s cold on
one core (a million postings with 50,000 distinct locations then spend < 25 s here).
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

import yaml  # noqa: E402

from workbench import config, places  # noqa: E402


def _strings(n: int = 3000, seed: int = 5) -> list[str]:
    """Location strings in the usual shapes, from the gazetteer's names (deterministic)."""
    data = yaml.safe_load(places.gazetteer_path().read_text(encoding="utf-8"))
    rng = random.Random(seed)
    out = []
    regions = data["uk"]["regions"]
    for region, spec in regions.items():
        areas = spec.get("areas") or [region]
        for town in spec["towns"]:
            out += [town, f"{town}, {rng.choice(areas)}", f"{town}, {rng.choice(areas)}, UK",
                    f"{town} (Hybrid)", f"Hybrid - {town}"]
        for town, districts in (spec.get("districts") or {}).items():
            out += [f"{d}, {town}" for d in districts]
    out += [f"{d}, London EC{rng.randint(1, 4)}A {rng.randint(1, 9)}AB"
            for d in regions["London"]["districts"]["London"][:200]]
    states = data["us"]["states"]
    out += [f"{city}, {codes if isinstance(codes, str) else codes[0]}"
            for city, codes in data["us"]["cities"].items()]
    out += [f"Remote, {code}" for code in list(states)[:20]]
    for country in (c for c in data["abroad"] if c.isupper()):  # RU, BY, CN: cities with regions
        for city, spec in data["abroad"][country].items():
            out += [city, *spec["names"]]
    distinct = list(dict.fromkeys(out))
    rng.shuffle(distinct)
    return distinct[:n]


def _uk_ads_strings() -> list[str]:
    if not config.UK_ADS_CSV.is_file():
        return []
    with config.UK_ADS_CSV.open(encoding="utf-8", newline="") as f:
        return list(dict.fromkeys(row["location"] for row in csv.DictReader(f)))


def _rate(strings: list[str], cold: bool, min_seconds: float = 1.5, rounds: int = 3) -> float:
    """Strings per CPU-second, best of ``rounds`` (cache emptied before each pass when cold)."""
    best = 0.0
    for _ in range(rounds):
        done = 0
        c0 = time.process_time()
        while True:
            if cold:
                places.clear_cache()
            for text in strings:
                places.parse_location(text, "GB")
            done += len(strings)
            cpu = time.process_time() - c0
            if cpu >= min_seconds / rounds:
                break
        best = max(best, done / cpu)
    return best


def run() -> list[dict]:
    t0 = time.perf_counter()
    names = places.preload(fresh=True)
    load = time.perf_counter() - t0
    strings = _strings()
    rows = [{"metric": "gazetteer load (once per process)", "value": round(load, 4), "unit": "s",
             "note": f"{names:,} names"}]
    cold = _rate(strings, cold=True)
    rows.append({"metric": "location strings/s, cold (1 core)", "value": round(cold), "unit": "strings/s",
                 "note": f"{len(strings):,} distinct team-built strings, cache emptied each pass, "
                         f"{1e6 / cold:.0f} us per string; target >= 2,000"})
    warm = _rate(strings, cold=False)
    rows.append({"metric": "location strings/s, cached (1 core)", "value": round(warm), "unit": "strings/s",
                 "note": f"{1e6 / warm:.2f} us per repeated string"})
    corpus = _uk_ads_strings()
    if corpus:
        rate = _rate(corpus, cold=True)
        rows.append({"metric": "uk_ads location strings/s, cold (1 core)", "value": round(rate),
                     "unit": "strings/s", "note": f"{len(corpus)} distinct corpus strings, "
                                                  f"{1e6 / rate:.0f} us per string"})
    return rows


if __name__ == "__main__":
    for row in run():
        print(f"{row['metric']:<45} {row['value']:>12,} {row['unit']:<10} {row.get('note', '')}")
