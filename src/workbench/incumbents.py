"""The incumbent (HR) file: internal pay that the internal-vs-market report compares with the market.

ANALYST-ONLY data: named employees' pay. Reports show aggregates only.

The file is a CSV (any encoding ingest detects) or an Excel workbook (``.xlsx``, first
sheet), one row per person, with a header row. Columns (headers match ignoring case,
spaces and hyphens: ``Employee ID`` is ``employee_id``):

============  ========  ===========================================================
column        required  values
============  ========  ===========================================================
employee_id   yes       any text, unique in the file (never shown on a page)
level         yes       1-5, the account-role ladder of ``config.LEVELS``
currency      yes       ISO 4217 code known to the ECB history (``GBP``, ``USD``...)
base          yes       annual base pay, more than 0 (``£45,000`` and ``45 000`` read)
role          no        job title, text
location      no        text
bonus         no        annual bonus, 0 or more
hire_date     no        a date, ``YYYY-MM-DD``
============  ========  ===========================================================

``data/templates/incumbents_template.csv`` has the columns. :func:`read` checks the file
with a pandera schema (:func:`schema`) after reading each value as its type:

* a required column that is missing refuses the whole file, naming every missing column;
* a row with a bad value is left out and listed (file row number, column, reason; no
  value and no employee id, as the list may be shown on the analyst page); one bad row
  never stops the others;
* a file with no usable row is refused with that list.
"""

from __future__ import annotations

import functools
import hashlib
import io
import re
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from workbench import config
from workbench.errors import SchemaError

__all__ = ["COLUMNS", "OPTIONAL", "REQUIRED", "TEMPLATE", "IncumbentFile", "read", "schema"]

REQUIRED = ("employee_id", "level", "currency", "base")
OPTIONAL = ("role", "location", "bonus", "hire_date")
COLUMNS = ("employee_id", "role", "level", "location", "currency", "base", "bonus", "hire_date")
TEMPLATE = config.DATA / "templates" / "incumbents_template.csv"
_NUMERIC = ("level", "base", "bonus")
_MONEY_MARKS = re.compile(r"[£$€¥₽,\s_]|\b[A-Z]{3}\b")
_HEADER_ROWS = 1  # file row of the first person = index + 2

# Plain words for pandera's check names.
_REASONS = {
    "not_nullable": "missing",
    "in_range": "must be a level from 1 to 5",
    "greater_than": "must be more than 0",
    "greater_than_or_equal_to": "must be 0 or more",
    "str_matches": "must be a three-letter currency code such as GBP",
    "isin": "is not a currency with ECB rates",
    "field_uniqueness": "appears on more than one row",
    "str_length": "is empty",
}


@functools.lru_cache(maxsize=1)
def schema():
    """The pandera schema of a read incumbent file (values already of their types); built once
    (pandera and the ECB history are slow to import)."""
    import pandera.pandas as pa

    from workbench import fx

    def column(dtype, *checks, nullable=False, unique=False):
        return pa.Column(dtype, checks=list(checks), nullable=nullable, unique=unique, coerce=True)

    return pa.DataFrameSchema({
        "employee_id": column(str, pa.Check.str_length(min_value=1), unique=True),
        "level": column("Int64", pa.Check.in_range(1, 5)),
        "currency": column(str, pa.Check.str_matches(r"^[A-Z]{3}$"),
                           pa.Check.isin(sorted(fx.known_currencies()))),
        "base": column("float64", pa.Check.gt(0)),
        "role": column(str, nullable=True),
        "location": column(str, nullable=True),
        "bonus": column("float64", pa.Check.ge(0), nullable=True),
        "hire_date": column("datetime64[ns]", nullable=True),
    }, name="incumbents", strict=False, ordered=False)


@dataclass(frozen=True)
class IncumbentFile:
    """A checked incumbent file: the usable rows, the rows left out and why, and its digest."""

    path: Path
    frame: pd.DataFrame
    rejected: pd.DataFrame  # row (file row number), column, reason
    sha256: str

    @property
    def bundled(self) -> bool:
        """True for the synthetic example employees shipped in ``data/raw/incumbents``."""
        return self.path.resolve() == config.INCUMBENTS.resolve()

    def problems(self, limit: int = 20) -> list[str]:
        """One line per (column, reason) with the file rows it affects (at most ``limit`` rows each)."""
        lines = []
        for (col, reason), rows in self.rejected.groupby(["column", "reason"], sort=False)["row"]:
            shown = ", ".join(str(r) for r in sorted(rows)[:limit]) + (" ..." if len(rows) > limit else "")
            lines.append(f"{col} {reason}: {len(rows)} row(s) ({shown})")
        return lines

    def describe(self) -> str:
        """One paragraph for the page and the run log: the source, people used, rows left out."""
        where = (f"{self.path.name} (the bundled synthetic example employees; pass "
                 f"`workbench report --incumbents FILE` for your own)" if self.bundled else self.path.name)
        text = f"Internal pay: {len(self.frame)} people from {where}."
        n_out = self.rejected["row"].nunique()
        if n_out:
            text += f" {n_out} row(s) left out: " + "; ".join(self.problems()) + "."
        return text


def _read_table(path: Path) -> pd.DataFrame:
    """The file's cells as text (no type guessing yet); headers as in the file."""
    suffix = path.suffix.lower()
    if suffix in (".xlsx", ".xlsm"):
        return pd.read_excel(path, sheet_name=0, dtype=str, engine="openpyxl")
    if suffix in (".csv", ".txt"):
        from workbench.ingest.detection import detect_encoding

        raw = path.read_bytes()
        text = raw.decode(detect_encoding(raw), errors="replace").lstrip("\ufeff")
        return pd.read_csv(io.StringIO(text), dtype=str, keep_default_na=False, na_values=[""],
                           skipinitialspace=True)
    raise SchemaError(f"incumbent file {path}: a {suffix or 'extension-less'} file; expected .csv or .xlsx "
                      f"(save an .xls or .ods as one of them)")


def _header(name: object) -> str:
    return re.sub(r"[\s\-]+", "_", str(name).strip().lower())


def _numbers(text: pd.Series) -> pd.Series:
    """Money and counts as numbers: currency signs, codes and thousands separators dropped."""
    cleaned = text.astype("string").str.replace(_MONEY_MARKS, "", regex=True)
    return pd.to_numeric(cleaned.mask(cleaned == ""), errors="coerce")


def _typed(frame: pd.DataFrame) -> tuple[pd.DataFrame, list[dict]]:
    """Each column read as its type; (typed frame, a problem per unreadable cell)."""
    out = frame.copy()
    problems: list[dict] = []

    def unreadable(col: str, parsed: pd.Series, what: str) -> None:
        bad = parsed.isna() & frame[col].notna() & (frame[col].astype("string").str.strip() != "")
        problems.extend({"index": i, "column": col, "reason": what} for i in frame.index[bad])

    for col in _NUMERIC:
        parsed = _numbers(frame[col])
        unreadable(col, parsed, "is not a number")
        if col == "level":
            fractional = parsed.notna() & (parsed != parsed.round())
            problems.extend({"index": i, "column": col, "reason": "must be a whole number"}
                            for i in frame.index[fractional])
            parsed = parsed.where(~fractional).astype("Int64")
        out[col] = parsed if col == "level" else parsed.astype("float64")
    dates = pd.to_datetime(frame["hire_date"], errors="coerce", format="mixed", dayfirst=False)
    unreadable("hire_date", dates, "is not a date (write YYYY-MM-DD)")
    out["hire_date"] = dates
    for col in ("employee_id", "currency", "role", "location"):
        out[col] = frame[col].astype("string").str.strip().replace("", pd.NA)
    out["currency"] = out["currency"].str.upper()
    return out, problems


def _reason(check: object) -> str:
    name = re.match(r"[a-z_]+", str(check))
    return _REASONS.get(name.group(0) if name else "", str(check))


def _checked(typed: pd.DataFrame) -> list[dict]:
    """Problems the schema finds (ranges, codes, missing values, duplicate ids), one per cell."""
    from pandera.errors import SchemaErrors

    try:
        schema().validate(typed, lazy=True)
    except SchemaErrors as exc:
        cases = exc.failure_cases.dropna(subset=["index"])
        return [{"index": int(i), "column": str(c), "reason": _reason(k)}
                for i, c, k in zip(cases["index"], cases["column"], cases["check"])]
    return []


def _missing_columns(path: Path, frame: pd.DataFrame) -> None:
    missing = [c for c in REQUIRED if c not in frame.columns]
    if missing:
        raise SchemaError(
            f"incumbent file {path}: missing required column(s) {', '.join(missing)}; it has "
            f"{', '.join(map(str, frame.columns)) or 'no columns'}. Required: {', '.join(REQUIRED)}; "
            f"optional: {', '.join(OPTIONAL)}. {TEMPLATE} has the headers.")


def read(path: str | Path | None = None) -> IncumbentFile:
    """Read and check an incumbent file (default ``config.INCUMBENTS``, the bundled example).

    Raises ``SchemaError`` when the file cannot be read, lacks a required column (all of
    them named) or has no usable row (every problem listed).
    """
    path = Path(path) if path else config.INCUMBENTS
    try:
        data = path.read_bytes()
        raw = _read_table(path)
    except SchemaError:
        raise
    except (OSError, ValueError) as exc:
        raise SchemaError(f"incumbent file {path}: cannot be read ({exc}); give a .csv or .xlsx "
                          f"with a header row, like {TEMPLATE}") from exc
    raw = raw.rename(columns=_header)
    _missing_columns(path, raw)
    for col in OPTIONAL:
        if col not in raw.columns:
            raw[col] = pd.NA
    raw = raw.reset_index(drop=True)
    typed, problems = _typed(raw)
    problems += _checked(typed)
    rejected = _rejected(problems)
    bad = set(rejected["row"] - _HEADER_ROWS - 1)
    frame = typed.loc[~typed.index.isin(bad), list(COLUMNS) + [c for c in typed if c not in COLUMNS]]
    result = IncumbentFile(path=path, frame=frame.reset_index(drop=True), rejected=rejected,
                           sha256=hashlib.sha256(data).hexdigest())
    if frame.empty:
        problems_text = "; ".join(result.problems()) or "it has no rows"
        raise SchemaError(f"incumbent file {path}: no usable row ({problems_text}). "
                          f"Fill it in like {TEMPLATE}.")
    return result


def _rejected(problems: list[dict]) -> pd.DataFrame:
    """One row per (file row, column, reason); the first reason of a cell wins."""
    frame = pd.DataFrame(problems, columns=["index", "column", "reason"])
    frame = frame.drop_duplicates(["index", "column"]).sort_values(["index", "column"], kind="stable")
    frame["row"] = frame.pop("index").astype(int) + _HEADER_ROWS + 1
    return frame[["row", "column", "reason"]].reset_index(drop=True)
