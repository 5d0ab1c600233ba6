"""External reference pay data, shown beside posting figures and never blended into them.

The one reference set is the US Bureau of Labor Statistics OEWS May 2025 release for
four SOC occupations close to the account-role ladder (see ``data/reference/README.md``
for provenance and the extraction script). OEWS figures are survey estimates of what
*employees* earn (all US establishments, USD per year); posting figures are what
*advertisers* offer. They answer different questions, so the workbench keeps them in
separate tables with their source on every row.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from workbench import config
from workbench.errors import WorkbenchError

OEWS_FILE = "oews_2025_account_roles.csv"
OEWS_EXTRACTED = "2026-11-23"

#: SOC codes in the extract and what they stand for on the account-role ladder.
OEWS_SOC = {
    "11-2022": "Sales Managers",
    "11-2011": "Advertising and Promotions Managers",
    "11-2021": "Marketing Managers",
    "41-3091": "Sales Representatives of Services, Except Advertising, Insurance, "
    "Financial Services, and Travel",
}

_NUMERIC = [
    "employment", "annual_mean", "annual_p10", "annual_p25", "annual_median",
    "annual_p75", "annual_p90",
]


def _normalise_soc(code: str) -> str:
    digits = str(code).replace("-", "").strip()
    if len(digits) != 6 or not digits.isdigit():
        raise WorkbenchError(
            f"SOC code {code!r} is not a 6-digit code like '11-2022'; "
            f"known codes: {', '.join(OEWS_SOC)}."
        )
    return f"{digits[:2]}-{digits[2:]}"


def oews(soc_codes=None, *, path: Path | str | None = None) -> pd.DataFrame:
    """US OEWS May 2025 annual wage percentiles for the account-role SOC codes.

    Parameters
    ----------
    soc_codes
        Iterable of SOC codes (``"11-2022"`` or ``"112022"``); ``None`` keeps all four.
    path
        CSV to read; defaults to ``config.REFERENCE / "oews_2025_account_roles.csv"``.

    Returns
    -------
    DataFrame
        One row per (SOC code, area): ``soc_code, occupation, area_code, area_name,
        area_type`` (``national`` or ``metro``), ``employment, annual_mean, annual_p10,
        annual_p25, annual_median, annual_p75, annual_p90`` (USD per year; empty where
        BLS did not release or top-coded the figure), ``footnotes, currency, period,
        reference_period`` (``May 2025``), ``source``, ``source_sha256`` and
        ``date_extracted``.
    """
    csv_path = Path(path) if path is not None else config.REFERENCE / OEWS_FILE
    if not csv_path.is_file():
        raise WorkbenchError(
            f"OEWS reference file not found at {csv_path}; rebuild it with "
            "data/reference/extract_oews.py (see data/reference/README.md)."
        )
    frame = pd.read_csv(
        csv_path,
        dtype={"soc_code": "str", "area_code": "str", "footnotes": "str"},
        keep_default_na=True,
    )
    for column in _NUMERIC:
        frame[column] = pd.to_numeric(frame[column], errors="coerce")
    frame["date_extracted"] = OEWS_EXTRACTED
    if soc_codes is not None:
        if isinstance(soc_codes, str):
            soc_codes = [soc_codes]
        wanted = [_normalise_soc(code) for code in soc_codes]
        frame = frame[frame["soc_code"].isin(wanted)]
    return frame.reset_index(drop=True)
