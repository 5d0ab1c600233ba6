"""The Parquet store: validated tables written part by part, read with pandas or DuckDB.

Layout (see ``docs/architecture.md``)::

    STORE/<table>/part-NNNNN.parquet   one folder of parts per table
    STORE/manifest.json                inputs' fingerprint, row counts, created_at, version

A streaming run writes one part per chunk, so no stage ever needs every row in
memory; readers treat the folder as one table. ``STORE`` defaults to
``workbench.config.PROCESSED`` and every function takes ``store_dir`` to override it.

Validate on write, check on read: every part is validated against
:mod:`workbench.schemas` before it is written, and records in its Parquet footer
the digest of the contract it passed (the schemas module's source and the pandas
version) plus the pandas dtype of each column. :func:`read_table` re-validates
only parts that lack that mark or carry another contract's (written by an older
version or by another tool); marked parts get their dtypes back from the footer.
Loading a report's tables then costs no pandera import or row-by-row checks
(about 0.5 s per report kernel).
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
from collections.abc import Iterable, Mapping
from datetime import datetime, timezone
from pathlib import Path

import duckdb
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from workbench import __version__, config
from workbench.errors import SchemaError, StoreError

MANIFEST = "manifest.json"
_PART = "part-{:05d}.parquet"
_CONTRACT_KEY = b"workbench.contract"
_DTYPES_KEY = b"workbench.dtypes"
# The tables of the contract (``schemas.TABLES``), named here so that reading the
# store never has to import pandera.
TABLES = ("postings", "rejects", "records", "salaries", "time_allocation", "responsibilities", "skills")


def _schemas():
    """:mod:`workbench.schemas`, imported on first use (it imports pandera, ~0.3 s)."""
    from workbench import schemas

    return schemas


_contract_digest: bytes | None = None


def contract_digest() -> bytes:
    """Digest of the table contract: the schemas module's source and the pandas version.

    A part carrying this digest passed today's schemas when it was written; any
    edit to the schemas (or a pandas upgrade, which can change dtypes) changes it.
    """
    global _contract_digest
    if _contract_digest is None:
        source = (Path(__file__).with_name("schemas.py")).read_bytes()
        digest = hashlib.sha256(source + b"\0pandas " + pd.__version__.encode("ascii"))
        _contract_digest = digest.hexdigest()[:32].encode("ascii")
    return _contract_digest


def _store(store_dir: str | os.PathLike | None) -> Path:
    return Path(store_dir) if store_dir is not None else config.PROCESSED


def part_path(store_dir: str | os.PathLike | None, table: str, part: int) -> Path:
    """Path of part ``part`` of ``table`` (``STORE/<table>/part-NNNNN.parquet``)."""
    return _store(store_dir) / table / _PART.format(part)


def _to_arrow(name: str, frame: pd.DataFrame) -> pa.Table:
    schemas = _schemas()
    known = name in schemas.SCHEMAS
    validated = schemas.validate(name, frame) if known else frame
    ordered = (
        schemas.columns(name) + [c for c in validated.columns if c not in schemas.columns(name)]
        if known
        else list(validated.columns)
    )
    validated = validated[ordered]
    table = pa.Table.from_pandas(validated, preserve_index=False)
    # Replace the pandas metadata (which records the producing frame's index) with
    # our own: parts stay byte-for-byte comparable whatever index the frame had.
    if not known:
        return table.replace_schema_metadata(None)
    dtypes = json.dumps({str(c): str(t) for c, t in validated.dtypes.items()})
    return table.replace_schema_metadata({_CONTRACT_KEY: contract_digest(),
                                          _DTYPES_KEY: dtypes.encode("utf-8")})


def write_tables(
    tables: Mapping[str, pd.DataFrame],
    store_dir: str | os.PathLike | None = None,
    *,
    part: int = 0,
    mode: str = "overwrite",
) -> dict[str, Path]:
    """Validate each table and write it as ``STORE/<table>/part-NNNNN.parquet``.

    Parameters
    ----------
    tables
        Table name -> frame. Known tables are validated against
        :mod:`workbench.schemas` first; nothing is written if any fails.
    part
        Part number for this write (a streaming run writes one part per chunk).
    mode
        ``"overwrite"`` removes the table's existing parts first; ``"append"``
        adds (or replaces) only part ``part``.

    Returns the path written per table.
    """
    if mode not in ("overwrite", "append"):
        raise StoreError(f"mode must be 'overwrite' or 'append', got {mode!r}")
    if part < 0:
        raise StoreError(f"part must be a non-negative integer, got {part}")
    root = _store(store_dir)
    # Validate everything before touching the disk so a bad table leaves the store as it was.
    arrow_tables = {name: _to_arrow(name, frame) for name, frame in tables.items()}
    written: dict[str, Path] = {}
    for name, table in arrow_tables.items():
        folder = root / name
        if mode == "overwrite" and folder.exists():
            shutil.rmtree(folder)
        folder.mkdir(parents=True, exist_ok=True)
        target = folder / _PART.format(part)
        tmp = target.with_suffix(".parquet.tmp")
        pq.write_table(table, tmp, compression="zstd")
        os.replace(tmp, target)  # atomic: a reader never sees half a part
        written[name] = target
    return written


def clear(store_dir: str | os.PathLike | None = None, tables: Iterable[str] = TABLES) -> None:
    """Remove the given tables' folders and the manifest (start a fresh run)."""
    root = _store(store_dir)
    for name in tables:
        shutil.rmtree(root / name, ignore_errors=True)
    (root / MANIFEST).unlink(missing_ok=True)


def _parts(root: Path, name: str) -> list[Path]:
    return sorted((root / name).glob("part-*.parquet"))


def read_table(name: str, store_dir: str | os.PathLike | None = None) -> pd.DataFrame:
    """Read every part of ``name`` into one DataFrame (parts in part-number order).

    Raises
    ------
    StoreError
        When the table has no parts (run ``workbench ingest`` first) or a part is unreadable.
    """
    root = _store(store_dir)
    parts = _parts(root, name)
    if not parts:
        raise StoreError(
            f"table {name!r} not found in {root}: no {name}/part-*.parquet files. "
            f"Run `workbench ingest PATH --store {root}` to build the store first."
        )
    try:
        marks = [pq.read_schema(p).metadata or {} for p in parts]
        frame = pq.read_table(parts).to_pandas() if len(parts) > 1 else pq.read_table(parts[0]).to_pandas()
    except (OSError, pa.ArrowException) as exc:
        raise StoreError(
            f"table {name!r} in {root} is unreadable ({exc}). "
            f"Delete {root / name} and run `workbench ingest` again."
        ) from exc
    checked = _checked_dtypes(marks, frame)
    if checked is not None:
        try:
            return frame.astype(checked) if checked else frame
        except (TypeError, ValueError):
            pass  # the footer's dtypes do not fit the data: validate it instead
    if name in TABLES:
        try:
            frame = _schemas().validate(name, frame)
        except SchemaError as exc:
            raise StoreError(
                f"table {name!r} in {root} no longer matches its schema; rebuild it with "
                f"`workbench ingest`.\n{exc}"
            ) from exc
    return frame


def _checked_dtypes(marks: list[dict], frame: pd.DataFrame) -> dict[str, str] | None:
    """Dtypes to restore when every part passed today's contract on write, else None.

    Only columns whose dtype differs after the Arrow round trip are returned (an
    all-missing or nullable-integer column comes back as float or object).
    """
    digest = contract_digest()
    if not marks or any(m.get(_CONTRACT_KEY) != digest for m in marks):
        return None
    try:
        dtypes = [json.loads(m[_DTYPES_KEY]) for m in marks]
    except (KeyError, ValueError):
        return None
    if any(d != dtypes[0] for d in dtypes[1:]) or list(dtypes[0]) != [str(c) for c in frame.columns]:
        return None
    return {c: t for c, t in dtypes[0].items() if str(frame[c].dtype) != t}


def connect(store_dir: str | os.PathLike | None = None, *, database: str = ":memory:") -> duckdb.DuckDBPyConnection:
    """Open a DuckDB connection with one view per table over ``STORE/<table>/*.parquet``.

    Tables without parts get an empty view with the contract columns, so queries
    written against the contract run on any store.
    """
    root = _store(store_dir)
    if not root.exists():
        raise StoreError(
            f"store {root} does not exist. Run `workbench ingest PATH --store {root}` first."
        )
    con = duckdb.connect(database)
    names = set(TABLES) | {p.name for p in root.iterdir() if p.is_dir() and _parts(root, p.name)}
    for name in sorted(names):
        if _parts(root, name):
            pattern = str(root / name / "*.parquet").replace("'", "''")
            con.execute(
                f'CREATE OR REPLACE VIEW "{name}" AS '
                f"SELECT * FROM read_parquet('{pattern}', union_by_name = true)"
            )
        else:
            con.register(f"__empty_{name}", _schemas().empty(name))
            con.execute(f'CREATE OR REPLACE VIEW "{name}" AS SELECT * FROM "__empty_{name}"')
    return con


def inputs_fingerprint(fingerprints: Iterable[str]) -> str:
    """sha256 over the sorted posting fingerprints (each followed by a newline).

    Order-independent, so the same inputs give the same fingerprint however the
    run was partitioned.
    """
    digest = hashlib.sha256()
    for fp in sorted(fingerprints):
        digest.update(fp.encode("ascii") + b"\n")
    return digest.hexdigest()


def _store_fingerprint(con: duckdb.DuckDBPyConnection) -> str:
    # Streams sorted fingerprints out of DuckDB in batches: bounded memory on large stores.
    digest = hashlib.sha256()
    reader = con.sql("SELECT fingerprint FROM postings ORDER BY fingerprint").to_arrow_reader(100_000)
    for batch in reader:
        for fp in batch.column(0).to_pylist():
            digest.update(fp.encode("ascii") + b"\n")
    return digest.hexdigest()


def write_manifest(
    store_dir: str | os.PathLike | None = None,
    *,
    extra: Mapping[str, object] | None = None,
) -> dict:
    """Write ``STORE/manifest.json`` from what is in the store and return it.

    Fields: ``inputs_fingerprint`` (see :func:`inputs_fingerprint`), ``counts``
    (rows per table), ``created_at`` (UTC ISO time), ``version`` (package
    version), plus anything in ``extra`` (for example the run's settings).
    """
    root = _store(store_dir)
    con = connect(root)
    try:
        counts = {
            name: int(con.execute(f'SELECT count(*) FROM "{name}"').fetchall()[0][0])
            for name in TABLES
        }
        fingerprint = _store_fingerprint(con)
    finally:
        con.close()
    manifest = {
        "inputs_fingerprint": fingerprint,
        "counts": counts,
        "created_at": datetime.now(timezone.utc).isoformat(timespec="seconds"),
        "version": __version__,
        **(dict(extra) if extra else {}),
    }
    target = root / MANIFEST
    tmp = target.with_suffix(".json.tmp")
    tmp.write_text(json.dumps(manifest, indent=2, ensure_ascii=False, default=str), encoding="utf-8")
    os.replace(tmp, target)
    return manifest


def read_manifest(store_dir: str | os.PathLike | None = None) -> dict:
    """Read ``STORE/manifest.json``; raise StoreError when it is missing or corrupt."""
    root = _store(store_dir)
    target = root / MANIFEST
    try:
        return json.loads(target.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise StoreError(
            f"no manifest in {root}. Run `workbench ingest PATH --store {root}` to build the store."
        ) from None
    except (OSError, json.JSONDecodeError) as exc:
        raise StoreError(
            f"manifest {target} is unreadable ({exc}); run `workbench ingest` again to rewrite it."
        ) from exc
