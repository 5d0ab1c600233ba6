"""Pandera schemas for every table the workbench stores.

The schemas sit at the stage boundaries (after ingest, after extraction, before a
table is written to Parquet). They follow ``docs/architecture.md`` column by
column. Each schema coerces to one canonical dtype per column (text -> ``str``,
numbers -> ``float64``/``Int64``, flags -> nullable ``boolean``) so that every
Parquet part of a table has the same Arrow types and DuckDB can read the folder
as one table.

Columns beyond the contract are allowed (``strict=False``): ``postings`` carries
``salary_structured`` and an extraction step may add diagnostics.

Use :func:`validate` rather than the schema objects directly: it collects every
failure (``lazy=True``) and raises :class:`workbench.errors.SchemaError` with a
message that names the failing columns and rows.
"""

from __future__ import annotations

from functools import lru_cache

import pandas as pd
import pandera.pandas as pa

from workbench import table_names
from workbench.errors import SchemaError

LANGUAGES = ("en", "ru", "zh", "und")
# A posting's source_format is its reader's format name (txt, csv, ...): the reader
# registry in workbench.ingest is the one list of formats, so the schema checks the
# shape of the name and a new reader needs no change here.
SOURCE_FORMAT = r"^[a-z][a-z0-9]{1,9}$"
STAGES = ("ingest", "extract")

_HEX16 = r"^[0-9a-f]{16}$"
_HEX64 = r"^[0-9a-f]{64}$"


def _text(nullable: bool = True, *checks: pa.Check) -> pa.Column:
    return pa.Column(str, checks=list(checks), nullable=nullable, coerce=True)


def _float(nullable: bool = True, *checks: pa.Check) -> pa.Column:
    return pa.Column(float, checks=list(checks), nullable=nullable, coerce=True)


def _int(nullable: bool = True, *checks: pa.Check) -> pa.Column:
    # Nullable integer so that "unknown" stays null instead of becoming NaN.
    return pa.Column("Int64", checks=list(checks), nullable=nullable, coerce=True)


def _flag() -> pa.Column:
    return pa.Column("boolean", nullable=True, coerce=True)


def _schema(name: str, columns: dict[str, pa.Column], unique: list[str] | None = None) -> pa.DataFrameSchema:
    return pa.DataFrameSchema(columns, name=name, strict=False, ordered=False, unique=unique)


POSTINGS = _schema(
    "postings",
    {
        "posting_id": _text(False, pa.Check.str_matches(_HEX16)),
        "source": _text(False),
        "source_format": _text(False, pa.Check.str_matches(SOURCE_FORMAT)),
        "encoding": _text(False),
        "language": _text(False, pa.Check.isin(LANGUAGES)),
        "title": _text(),
        "company": _text(),
        "location": _text(),
        "country": _text(True, pa.Check.str_matches(r"^[A-Z]{2}$")),
        "date_posted": _text(True, pa.Check.str_matches(r"^\d{4}-\d{2}-\d{2}$")),
        "salary_raw": _text(),
        "text": _text(False),
        "fingerprint": _text(False, pa.Check.str_matches(_HEX64)),
        "salary_structured": _text(),
    },
)

REJECTS = _schema(
    "rejects",
    {
        "source": _text(False),
        "stage": _text(False, pa.Check.isin(STAGES)),
        "reason": _text(False, pa.Check.str_length(min_value=1)),
    },
)

RECORDS = _schema(
    "records",
    {
        "record_id": _text(False),
        "posting_id": _text(False),
        "source": _text(),
        "title": _text(),
        "company": _text(),
        "location": _text(),
        # parsed from location (workbench.places); optional so stores written before stay readable
        "city": pa.Column(str, nullable=True, coerce=True, required=False),
        "region": pa.Column(str, nullable=True, coerce=True, required=False),
        "country": _text(),
        "language": _text(True, pa.Check.isin(LANGUAGES)),
        "date_posted": _text(),
        "role_family": _text(),
        "role_level": _int(True, pa.Check.in_range(1, 5)),
        # the rung's name on its family's ladder (config.LEVEL_NAMES); optional so stores
        # written before it stay readable
        "role_level_name": pa.Column(str, nullable=True, coerce=True, required=False),
        "role_label": _text(),
        "role_confidence": _float(True, pa.Check.in_range(0.0, 1.0)),
        "experience_min": _float(True, pa.Check.ge(0)),
        "experience_max": _float(True, pa.Check.ge(0)),
        "education": _text(),
        "record_json": _text(False),
    },
)

SALARIES = _schema(
    "salaries",
    {
        "record_id": _text(False),
        "idx": _int(False, pa.Check.ge(0)),
        "text": _text(),
        "low": _float(),
        "high": _float(),
        "currency": _text(),
        "period": _text(),
        "period_inferred": _flag(),
        "component": _text(),
        "gross": _flag(),
        "months_per_year": _float(True, pa.Check.gt(0)),
        "masked": _flag(),
        # annual amounts in the mention's own ``currency``: money is converted where it
        # is read (bench, reports), at the posting's date, never stored converted
        "annual_low": _float(),
        "annual_high": _float(),
        "convention": _text(),
        "implausible": pa.Column("boolean", nullable=True, coerce=True, required=False),
    },
)

TIME_ALLOCATION = _schema(
    "time_allocation",
    {
        "record_id": _text(False),
        "idx": _int(False, pa.Check.ge(0)),
        "activity": _text(),
        "share": _float(True, pa.Check.in_range(0.0, 100.0)),
        "raw_share": _float(True, pa.Check.ge(0.0)),
        "category": _text(),
        "confidence": _float(True, pa.Check.in_range(0.0, 1.0)),
    },
)

RESPONSIBILITIES = _schema(
    "responsibilities",
    {
        "record_id": _text(False),
        "idx": _int(False, pa.Check.ge(0)),
        "text": _text(),
        "section": _text(),
        "category": _text(),
        "confidence": _float(True, pa.Check.in_range(0.0, 1.0)),
    },
)

SKILLS = _schema(
    "skills",
    {
        "record_id": _text(False),
        "idx": _int(False, pa.Check.ge(0)),
        "name": _text(),
        "level": _text(),
    },
)

SCHEMAS: dict[str, pa.DataFrameSchema] = {
    "postings": POSTINGS,
    "rejects": REJECTS,
    "records": RECORDS,
    "salaries": SALARIES,
    "time_allocation": TIME_ALLOCATION,
    "responsibilities": RESPONSIBILITIES,
    "skills": SKILLS,
}

TABLES: tuple[str, ...] = table_names.ALL  # SCHEMAS has exactly these keys (tested)


def columns(name: str) -> list[str]:
    """Return the contract columns of table ``name`` in contract order."""
    return list(_get(name).columns)


@lru_cache(maxsize=None)
def _empty(name: str) -> pd.DataFrame:
    frame = pd.DataFrame({col: pd.Series([], dtype=object) for col in columns(name)})
    return _get(name).validate(frame)


def empty(name: str) -> pd.DataFrame:
    """Return an empty, correctly typed frame for table ``name``."""
    return _empty(name).copy()


def _get(name: str) -> pa.DataFrameSchema:
    try:
        return SCHEMAS[name]
    except KeyError:
        raise SchemaError(
            f"unknown table {name!r}; expected one of {', '.join(TABLES)}"
        ) from None


def _describe(failures: pd.DataFrame, limit: int = 12) -> str:
    """Turn pandera's failure-case table into short readable lines."""
    lines = []
    for row in failures.head(limit).itertuples(index=False):
        column = getattr(row, "column", None) or "(table)"
        check = getattr(row, "check", "")
        case = getattr(row, "failure_case", "")
        index = getattr(row, "index", None)
        if check == "column_in_dataframe":
            lines.append(f"  - {case}: column is missing")
            continue
        where = f"row {index}" if index is not None and not pd.isna(index) else "column"
        lines.append(f"  - {column}: {check} failed at {where} (value {case!r})")
    more = len(failures) - limit
    if more > 0:
        lines.append(f"  ... and {more} more failure(s)")
    return "\n".join(lines)


def validate(name: str, df: pd.DataFrame) -> pd.DataFrame:
    """Validate ``df`` and add any optional contract column it lacks (as missing).

    Every Parquet part of a table then has the same columns, which DuckDB's
    ``read_parquet`` over a table's parts needs.
    """
    validated = _validate(name, df)
    missing = [c for c in columns(name) if c not in validated.columns]
    if missing:
        validated = validated.assign(**{c: pd.Series(None, index=validated.index, dtype="str")
                                        for c in missing})
    return validated


def _validate(name: str, df: pd.DataFrame) -> pd.DataFrame:
    """Validate ``df`` against the schema of table ``name`` and return a coerced copy.

    Missing contract columns, nulls where a value is required, values outside
    the allowed sets or ranges and uncoercible types are all collected and
    reported together.

    Raises
    ------
    SchemaError
        With one line per failing column/row and a hint on what to fix.
    """
    schema = _get(name)
    if len(df) == 0 and set(schema.columns) <= set(df.columns):
        # Nothing to check row by row: return the typed empty frame (pandera costs
        # ~0.1 s per call, which adds up over thousands of empty parts).
        extra = [c for c in df.columns if c not in schema.columns]
        typed = empty(name)
        for col in extra:
            typed[col] = df[col].copy()
        return typed[list(df.columns)]
    try:
        validated = schema.validate(df, lazy=True)
    except pa.errors.SchemaErrors as exc:
        failures = exc.failure_cases
        failing = sorted(
            {
                str(case if check == "column_in_dataframe" else column)
                for column, check, case in zip(
                    failures["column"], failures["check"], failures["failure_case"]
                )
                if not (column is None or (isinstance(column, float) and pd.isna(column)))
                or check == "column_in_dataframe"
            }
        )
        raise SchemaError(
            f"table {name!r} does not match its schema; failing column(s): "
            f"{', '.join(failing) or '(table-level)'}\n{_describe(failures)}\n"
            f"Fix the producing stage so these columns follow docs/architecture.md "
            f"(expected columns: {', '.join(schema.columns)})."
        ) from None
    except pa.errors.SchemaError as exc:  # raised by a few non-lazy paths
        raise SchemaError(f"table {name!r} does not match its schema: {exc}") from None
    return validated
