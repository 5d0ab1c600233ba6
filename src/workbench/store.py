"""The Parquet store: validated tables, published whole by an atomic swap, checked on read.

Layout (see ``docs/architecture.md``)::

    STORE/.workbench-store                 marker: this folder is a workbench store
    STORE/CURRENT                          id of the published version (replaced atomically)
    STORE/versions/<id>/<table>/part-NNNNN.parquet
    STORE/versions/<id>/manifest.json      written last: rows, bytes and sha256 of every part
    STORE/.staging-<id>/                   a version being written; never read
    STORE/.lock                            held by the one writer: its pid, host, start time
    STORE/runs.jsonl                       one line per ingest attempt (ok, failed, stopped)

Writing is a transaction (:class:`Transaction`, in :mod:`workbench.transaction` and
re-exported here): the store folder must be new, empty
or already marked; a lock admits one writer; parts go into a staging folder; the
manifest is written last; then the staging folder becomes ``versions/<id>`` and
``CURRENT`` is replaced by rename (the commit point). The previous version stays
readable until that rename and is removed after it. The store never deletes a file
it did not create: only its own marker-guarded staging and version folders.

Reading checks before it trusts: :func:`open_version` refuses a store whose marker,
``CURRENT`` or manifest is missing, and one whose parts disagree with the manifest
(a part missing, a file the manifest does not list, a size or row count that
differs); :func:`read_table` also checks each part's sha256 as it reads it. Each
refusal names the fix, ``workbench ingest <inputs> --store STORE``. Stores written
before this layout (tables straight under ``STORE``) are refused the same way.

Validate on write, check on read: every part is validated against
:mod:`workbench.schemas` before it is written, and records in its Parquet footer the
digest of the contract it passed (the schemas module's source and the pandas
version) plus the pandas dtype of each column. :func:`read_table` re-validates only
parts that lack that mark or carry another contract's; marked parts get their dtypes
back from the footer, so a report kernel reads the store without importing pandera.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import shlex
import uuid
from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

import duckdb
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from workbench import config, table_names
from workbench.errors import SchemaError, StoreError

FORMAT = 2  # store layout version; 1 was tables straight under STORE (before versions/)
# Table contract version, in each version's manifest. 1: pay also stored converted to one
# reporting currency at ingest (``*_rc``, ``fx_rate``, ``rate_date``); 2: pay kept in each
# mention's own currency and converted where it is read. A version of another contract is
# refused with the ingest to re-run (into the same store: the layout is unchanged).
CONTRACT = 2
_CONTRACT_WORDS = {1: "pay converted to one currency at ingest"}
MARKER = ".workbench-store"
CURRENT = "CURRENT"
VERSIONS = "versions"
STAGING_PREFIX = ".staging-"
LOCK = ".lock"
RUNS = "runs.jsonl"
MANIFEST = "manifest.json"
_PART = "part-{:05d}.parquet"
# Further parts of one work unit (a streamed workbook of a million rows is written in
# chunks): "part-00003_00001.parquet" sorts after "part-00003.parquet" and before
# "part-00004.parquet", so the rows keep their order.
_PIECE = "part-{:05d}_{:05d}.parquet"
_VERSION_ID = re.compile(r"^[0-9]{8}T[0-9]{6}Z-[0-9a-f]{8}$")
_CONTRACT_KEY = b"workbench.contract"
_DTYPES_KEY = b"workbench.dtypes"
# The tables of the contract, named in ``table_names`` (which does not import pandera,
# so reading the store never has to).
TABLES = table_names.ALL


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


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


# --------------------------------------------------------------------- durable files


def _fsync_dir(folder: Path) -> None:
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return  # not every platform opens folders; the rename is still atomic
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def _write_durably(path: Path, data: bytes | memoryview) -> None:
    """Write ``data`` to ``path`` through a temporary file, fsync, rename: all or nothing."""
    tmp = path.with_name(f".{path.name}.{uuid.uuid4().hex[:8]}.tmp")
    try:
        with open(tmp, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def _json_bytes(doc: Mapping[str, Any]) -> bytes:
    return json.dumps(doc, indent=2, ensure_ascii=False, default=str).encode("utf-8")


# --------------------------------------------------------------------- parts


def _to_arrow(name: str, frame: pd.DataFrame, validate: bool = True) -> pa.Table:
    schemas = _schemas()
    known = validate and name in schemas.SCHEMAS
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
    folder: str | os.PathLike,
    *,
    part: int = 0,
    piece: int = 0,
    validate: bool = True,
) -> dict[str, dict[str, dict[str, Any]]]:
    """Validate each table and write it as ``folder/<table>/part-NNNNN.parquet``
    (``part-NNNNN_PPPPP.parquet`` for a further ``piece`` of the same work unit).

    ``folder`` is a version being built (a transaction's ``staging``), never a
    published store. Known tables are validated against :mod:`workbench.schemas`
    first; nothing is written if any fails. ``validate=False`` writes frames as they
    are and without the contract mark (benchmarks with partial tables); readers then
    validate those parts when they read them. Each part is written whole (temporary
    file, fsync, rename).

    Returns ``{table: {file: {"rows", "bytes", "sha256"}}}`` for the manifest.
    """
    if part < 0 or piece < 0:
        raise StoreError(f"part and piece must be non-negative integers, got {part} and {piece}")
    root = Path(folder)
    # Validate everything before touching the disk so a bad table leaves nothing behind.
    arrow_tables = {name: _to_arrow(name, frame, validate) for name, frame in tables.items()}
    written: dict[str, dict[str, dict[str, Any]]] = {}
    for name, table in arrow_tables.items():
        sink = pa.BufferOutputStream()
        pq.write_table(table, sink, compression="zstd")
        data = sink.getvalue()
        # No parents=True: a worker still running after its run was stopped must not
        # re-create the removed staging folder.
        (root / name).mkdir(exist_ok=True)
        file = _PART.format(part) if not piece else _PIECE.format(part, piece)
        _write_durably(root / name / file, memoryview(data))
        written[name] = {file: {"rows": table.num_rows, "bytes": data.size,
                                "sha256": hashlib.sha256(memoryview(data)).hexdigest()}}
    return written


def inputs_fingerprint(fingerprints: Iterable[str]) -> str:
    """sha256 over the sorted posting fingerprints (each followed by a newline).

    Order-independent, so the same inputs give the same fingerprint however the
    run was partitioned.
    """
    digest = hashlib.sha256()
    for fp in sorted(fingerprints):
        digest.update(fp.encode("ascii") + b"\n")
    return digest.hexdigest()


def _sql_files(files: Sequence[Path]) -> str:
    return "[" + ", ".join("'" + str(f).replace("'", "''") + "'" for f in files) + "]"


def _parts_fingerprint(files: Sequence[Path]) -> str:
    """:func:`inputs_fingerprint` of the postings parts, streamed out of DuckDB in batches."""
    digest = hashlib.sha256()
    if not files:
        return digest.hexdigest()
    con = duckdb.connect()
    try:
        reader = con.sql(f"SELECT fingerprint FROM read_parquet({_sql_files(files)}, union_by_name = true) "
                         "ORDER BY fingerprint").to_arrow_reader(100_000)
        for batch in reader:
            for fp in batch.column(0).to_pylist():
                digest.update(fp.encode("ascii") + b"\n")
    finally:
        con.close()
    return digest.hexdigest()


# --------------------------------------------------------------------- what a folder is


def _legacy_manifest(root: Path) -> dict | None:
    """The manifest of a store written before versions/ (format 1), or None when it is not one.

    Such a store had ``<table>/part-*.parquet`` folders and a ``manifest.json`` with an
    ``inputs_fingerprint``; a folder of inputs that merely holds a manifest.json is not one.
    """
    doc: Any = None
    try:
        doc = json.loads((root / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        doc = None
    if isinstance(doc, dict) and "inputs_fingerprint" in doc:
        return doc
    has_parts = any(any((root / t).glob("part-*.parquet")) for t in TABLES if (root / t).is_dir())
    return {} if has_parts else None


def looks_like_store(path: str | os.PathLike) -> bool:
    """True for a store folder of this or an earlier layout (raw data is neither).

    Readers still check it (:func:`open_version`); this only tells a store from inputs.
    """
    root = Path(path)
    if not root.is_dir():
        return False
    return (root / MARKER).is_file() or _legacy_manifest(root) is not None


def _command(inputs: Sequence[str] | None, root: Path) -> str:
    """The exact ``workbench ingest`` that (re)builds ``root``: from its recorded inputs, or
    from the project's default data when none are known (said so, as postings may live elsewhere)."""
    words = ["workbench", "ingest", *(shlex.quote(str(p)) for p in (inputs or [config.RAW])),
             "--store", shlex.quote(str(root))]
    note = "" if inputs else f" (or name your own postings in place of {config.RAW})"
    return "`" + " ".join(words) + "`" + note


def ingest_command(store_dir: str | os.PathLike | None = None, inputs: Sequence[str] | None = None) -> str:
    """The exact ``workbench ingest ... --store STORE`` to name in a message (the default data
    when ``inputs`` are not known, said so)."""
    return _command(inputs, _store(store_dir))


def _rebuild(root: Path, inputs: Sequence[str] | None = None) -> str:
    return f"re-run {_command(inputs, root)} to rebuild it"


def _inputs_of(manifest: Mapping[str, Any] | None) -> list[str] | None:
    inputs = (manifest or {}).get("inputs")
    if isinstance(inputs, list) and inputs and all(isinstance(i, str) for i in inputs):
        return inputs
    return None


def _last_inputs(root: Path) -> list[str] | None:
    """The inputs of the newest recorded ingest attempt, for the fix a message names."""
    try:
        lines = (root / RUNS).read_text(encoding="utf-8").splitlines()
    except OSError:
        return None
    for line in reversed(lines[-200:]):
        try:
            found = _inputs_of(json.loads(line))
        except ValueError:
            continue
        if found:
            return found
    return None


# --------------------------------------------------------------------- reading


@dataclass(frozen=True)
class Version:
    """A published, checked version of a store: its folder and its manifest."""

    root: Path
    path: Path
    manifest: dict

    def files(self, table: str) -> list[Path]:
        """The parts of ``table`` in part order (empty when the version has none)."""
        return [self.path / table / f for f in sorted(self.manifest["parts"].get(table, {}))]


def _refuse(root: Path, what: str, manifest: Mapping[str, Any] | None = None) -> StoreError:
    inputs = _inputs_of(manifest) or _last_inputs(root)
    return StoreError(f"store {root}: {what}; {_rebuild(root, inputs)}.")


def _check_marker(root: Path) -> None:
    if not root.exists():
        raise StoreError(f"no store at {root}. Run {_command(None, root)} to build it first.")
    marker = root / MARKER
    if not marker.is_file():
        legacy = _legacy_manifest(root)
        if legacy is not None:
            raise StoreError(
                f"store {root} was written by an earlier version of the workbench (tables straight "
                f"under the folder, no {MARKER} marker) and cannot be checked against a manifest; "
                f"delete it and re-run {_command(_inputs_of(legacy), root)}.")
        fresh = root.with_name(root.name + "-store")
        raise StoreError(f"{root} is not a workbench store (no {MARKER} marker). Build one in a new "
                         f"folder, e.g. {_command(None, fresh)}, and read that one.")
    try:
        doc = json.loads(marker.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise _refuse(root, f"its marker {MARKER} is unreadable ({exc})") from exc
    if not isinstance(doc, dict) or doc.get("format") != FORMAT:
        found = doc.get("format") if isinstance(doc, dict) else doc
        raise _refuse(root, f"its layout is format {found!r}, this workbench reads format {FORMAT}")


def _current_id(root: Path) -> str:
    try:
        vid = (root / CURRENT).read_text(encoding="utf-8").strip()
    except FileNotFoundError:
        raise _refuse(root, "no version was ever published (its first ingest did not finish)") from None
    except OSError as exc:
        raise _refuse(root, f"{CURRENT} is unreadable ({exc})") from exc
    if not _VERSION_ID.match(vid):
        raise _refuse(root, f"{CURRENT} names {vid[:80]!r}, not a version id")
    return vid


def _load_manifest(root: Path, path: Path, vid: str) -> dict:
    try:
        manifest = json.loads((path / MANIFEST).read_text(encoding="utf-8"))
    except FileNotFoundError:
        what = "its published version is missing" if not path.is_dir() else "its manifest is missing"
        raise _refuse(root, f"{what} ({VERSIONS}/{vid})") from None
    except (OSError, ValueError) as exc:
        raise _refuse(root, f"its manifest is unreadable ({exc})") from exc
    if not isinstance(manifest, dict) or manifest.get("store_version") != vid \
            or not isinstance(manifest.get("parts"), dict):
        raise _refuse(root, f"its manifest does not describe version {vid}", manifest)
    contract = manifest.get("contract", 1)
    if contract != CONTRACT:
        what = _CONTRACT_WORDS.get(contract, "another table contract")
        raise _refuse(root, f"its tables follow contract {contract!r} ({what}); this workbench reads "
                            f"contract {CONTRACT} (pay in each mention's own currency, converted when read)",
                      manifest)
    return manifest


def _listing(path: Path) -> dict[str, Path]:
    """Every file of a version folder but the manifest, as ``table/file`` -> path."""
    found: dict[str, Path] = {}
    for entry in path.iterdir():
        if entry.name == MANIFEST:
            continue
        if entry.is_dir():
            for f in entry.iterdir():
                found[f"{entry.name}/{f.name}"] = f
        else:
            found[entry.name] = entry
    return found


def _first(names: Iterable[str], limit: int = 3) -> str:
    names = sorted(names)
    more = f" and {len(names) - limit} more" if len(names) > limit else ""
    return ", ".join(names[:limit]) + more


def _check_parts(root: Path, version: Version) -> None:
    """Parts on disk against the manifest: same files, sizes and row counts."""
    manifest = version.manifest
    expected = {f"{t}/{f}": info for t, files in manifest["parts"].items() for f, info in files.items()}
    on_disk = _listing(version.path)
    missing = set(expected) - set(on_disk)
    if missing:
        raise _refuse(root, f"part {_first(missing)} listed in the manifest is missing", manifest)
    foreign = set(on_disk) - set(expected)
    if foreign:
        raise _refuse(root, f"{_first(foreign)} is not in the manifest (copied in by hand?)", manifest)
    for name, info in sorted(expected.items()):
        size = on_disk[name].stat().st_size
        if size != info.get("bytes"):
            raise _refuse(root, f"{name} has {size} bytes, the manifest says {info.get('bytes')}", manifest)
        rows = pq.read_metadata(on_disk[name]).num_rows
        if rows != info.get("rows"):
            raise _refuse(root, f"{name} holds {rows} rows, the manifest says {info.get('rows')}", manifest)
    for table, files in manifest["parts"].items():
        total = sum(int(i.get("rows", 0)) for i in files.values())
        if manifest.get("counts", {}).get(table, total) != total:
            raise _refuse(root, f"the manifest counts {manifest['counts'][table]} {table} rows, "
                                f"its parts hold {total}", manifest)


def open_version(store_dir: str | os.PathLike | None = None) -> Version:
    """The store's published version, after checking it against its manifest.

    Raises
    ------
    StoreError
        When the folder is not a store (or one of an earlier layout), no version was
        published, or the parts disagree with the manifest: missing, foreign, a size or
        row count that differs. The message names the ``workbench ingest`` to re-run.
    """
    root = _store(store_dir)
    _check_marker(root)
    vid = _current_id(root)
    path = root / VERSIONS / vid
    version = Version(root=root, path=path, manifest=_load_manifest(root, path, vid))
    try:
        _check_parts(root, version)
    except OSError as exc:
        raise _refuse(root, f"a part is unreadable ({exc})", version.manifest) from exc
    return version


def read_manifest(store_dir: str | os.PathLike | None = None) -> dict:
    """The manifest of the store's published version (checked, see :func:`open_version`)."""
    return open_version(store_dir).manifest


def verify_parts(names: Iterable[str], store_dir: str | os.PathLike | None = None) -> None:
    """Check every part of the tables ``names`` against its sha256 in the manifest, one
    part in memory at a time: what :func:`read_tables` checks, for a reader that asks
    DuckDB (:func:`connect`) instead. Raises ``StoreError`` naming the part that differs."""
    version = open_version(store_dir)
    for name in names:
        for path in version.files(name):
            info = version.manifest["parts"][name][path.name]
            digest = hashlib.sha256()
            with path.open("rb") as handle:
                for block in iter(lambda: handle.read(1 << 20), b""):
                    digest.update(block)
            if digest.hexdigest() != info.get("sha256"):
                raise _refuse(version.root, f"{name}/{path.name} does not match its sha256 in the manifest",
                              version.manifest)


def part_files(name: str, store_dir: str | os.PathLike | None = None) -> list[Path]:
    """The checked part files of table ``name`` (for readers such as DuckDB)."""
    return open_version(store_dir).files(name)


def _read_part(root: Path, version: Version, name: str, path: Path,
               columns: Collection[str] | None = None) -> pa.Table:
    info = version.manifest["parts"][name][path.name]
    data = path.read_bytes()
    if hashlib.sha256(data).hexdigest() != info.get("sha256"):
        raise _refuse(root, f"{name}/{path.name} does not match its sha256 in the manifest", version.manifest)
    part = pq.ParquetFile(pa.BufferReader(data))
    # In the part's own order, so the columns line up with its dtypes mark.
    return part.read(columns=None if columns is None else [c for c in part.schema_arrow.names if c in columns])


# Rows kept by value are filtered this many rows at a time: one look-up set per batch of
# parts, not per part (a set of 10^5 record ids built for each of a hundred parts costs minutes).
KEEP_BATCH_ROWS = 1_000_000


def _kept(batch: list[pa.Table], keep: tuple[str, pa.Array]) -> pa.Table:
    table = pa.concat_tables(batch, promote_options="permissive")
    column, values = keep
    return table.filter(pc.is_in(table[column], value_set=values.cast(table[column].type)))


def _read_parts(version: Version, name: str, columns: Collection[str] | None,
                keep: tuple[str, pa.Array] | None) -> tuple[list[pa.Table], list[dict]]:
    """The parts of ``name`` (projected, rows kept by ``keep`` batch by batch) and their marks."""
    parts, marks, batch, rows = [], [], [], 0
    for path in version.files(name):
        part = _read_part(version.root, version, name, path, columns)
        marks.append(part.schema.metadata or {})
        if keep is None:
            parts.append(part)
            continue
        batch.append(part)
        rows += part.num_rows
        if rows >= KEEP_BATCH_ROWS:
            parts.append(_kept(batch, keep))
            batch, rows = [], 0
    if batch:
        parts.append(_kept(batch, keep))
    return parts, marks


def _table_from(version: Version, name: str, columns: Collection[str] | None = None,
                keep: tuple[str, Collection] | None = None) -> pd.DataFrame:
    root = version.root
    files = version.files(name)
    if not files:
        if name in TABLES:
            empty = _schemas().empty(name)
            return empty if columns is None else empty[[c for c in empty.columns if c in columns]]
        raise StoreError(f"table {name!r} not found in store {root}; it has {sorted(version.manifest['parts'])}.")
    if keep is not None and columns is not None and keep[0] not in columns:
        raise StoreError(f"rows of {name!r} are kept by {keep[0]!r}, which the read leaves out; read it too.")
    values = None if keep is None else (keep[0], pa.array(list(keep[1]), type=pa.string()))
    try:
        parts, marks = _read_parts(version, name, columns, values)
        frame = pa.concat_tables(parts, promote_options="permissive").to_pandas()
        del parts
    except (OSError, pa.ArrowException) as exc:
        raise _refuse(root, f"table {name!r} is unreadable ({exc})", version.manifest) from exc
    checked = _checked_dtypes(marks, frame, columns)
    if checked is not None:
        try:
            return frame.astype(checked) if checked else frame
        except (TypeError, ValueError):
            pass  # the footer's dtypes do not fit the data: validate it instead
    if columns is not None:
        # Parts not marked by today's contract are checked whole, as an unprojected read does.
        full = _table_from(version, name)
        if keep is not None:
            full = full[full[keep[0]].isin(list(keep[1]))].reset_index(drop=True)
        return full[[c for c in full.columns if c in columns]]
    if name in TABLES:
        try:
            frame = _schemas().validate(name, frame)
        except SchemaError as exc:
            raise StoreError(
                f"table {name!r} in {root} no longer matches its schema; {_rebuild(root, _inputs_of(version.manifest))}."
                f"\n{exc}"
            ) from exc
    return frame


def read_tables(names: Iterable[str] = TABLES, store_dir: str | os.PathLike | None = None, *,
                columns: Mapping[str, Collection[str]] | None = None,
                rows: Mapping[str, Callable[[Mapping[str, pd.DataFrame]], tuple[str, Collection] | None]]
                | None = None) -> dict[str, pd.DataFrame]:
    """Read several tables from one checked version (the store is checked once).

    A table of the contract that the version has no parts for comes back empty with
    the contract's columns. ``columns`` maps a table name to the columns to read (in
    the table's own order; names it lacks are left out): only those are decoded from
    Parquet, so a reader that never looks at the descriptions never holds them. Tables
    it does not name are read whole. ``rows`` maps a table to a function of the tables
    read before it (in ``names`` order) that returns ``(column, values)``: only the rows
    whose ``column`` holds one of ``values`` are kept, filtered as the parts are read
    (``KEEP_BATCH_ROWS`` rows at a time; None keeps every row). If a re-ingest replaces the version while it is being read,
    the read starts again on the new version (once).
    """
    names = list(names)
    columns, rows = columns or {}, rows or {}
    for attempt in (1, 2):
        version = open_version(store_dir)
        try:
            read: dict[str, pd.DataFrame] = {}
            for name in names:
                keep = rows[name](read) if name in rows else None
                read[name] = _table_from(version, name, columns.get(name), keep)
            return read
        except StoreError:
            if attempt == 2 or _current_id(version.root) == version.path.name:
                raise
    raise AssertionError("unreachable")


def read_table(name: str, store_dir: str | os.PathLike | None = None) -> pd.DataFrame:
    """Read every part of ``name`` into one DataFrame (parts in part-number order).

    Raises
    ------
    StoreError
        When the store fails its checks (see :func:`open_version`), a part does not
        match its sha256, or the table is unreadable; the message says what to re-run.
    """
    return read_tables([name], store_dir)[name]


def _checked_dtypes(marks: list[dict], frame: pd.DataFrame,
                    columns: Collection[str] | None = None) -> dict[str, str] | None:
    """Dtypes to restore when every part passed today's contract on write, else None.

    Only columns whose dtype differs after the Arrow round trip are returned (an
    all-missing or nullable-integer column comes back as float or object). With
    ``columns`` (a projected read) the marks are compared on those columns only.
    """
    digest = contract_digest()
    if not marks or any(m.get(_CONTRACT_KEY) != digest for m in marks):
        return None
    try:
        dtypes = [json.loads(m[_DTYPES_KEY]) for m in marks]
    except (KeyError, ValueError):
        return None
    if any(d != dtypes[0] for d in dtypes[1:]):
        return None
    kept = {c: t for c, t in dtypes[0].items() if columns is None or c in columns}
    if list(kept) != [str(c) for c in frame.columns]:
        return None
    return {c: t for c, t in kept.items() if str(frame[c].dtype) != t}


def connect(store_dir: str | os.PathLike | None = None, *, database: str = ":memory:") -> duckdb.DuckDBPyConnection:
    """Open a DuckDB connection with one view per table over the checked version's parts.

    The views name the part files the manifest lists (not a glob), so a file copied
    in later is never read. Tables without parts get an empty view with the contract
    columns, so queries written against the contract run on any store. A connection
    reads the version that was current when it opened; reconnect after a re-ingest.
    """
    version = open_version(store_dir)
    con = duckdb.connect(database)
    names = set(TABLES) | set(version.manifest["parts"])
    for name in sorted(names):
        files = version.files(name)
        if files:
            con.execute(
                f'CREATE OR REPLACE VIEW "{name}" AS '
                f"SELECT * FROM read_parquet({_sql_files(files)}, union_by_name = true)"
            )
        else:
            con.register(f"__empty_{name}", _schemas().empty(name))
            con.execute(f'CREATE OR REPLACE VIEW "{name}" AS SELECT * FROM "__empty_{name}"')
    return con


# The writing side lives in workbench.transaction; imported last, as it builds on the above.
from workbench.transaction import Transaction, runs, write_store  # noqa: E402

__all__ = [
    "CONTRACT", "CURRENT", "FORMAT", "MANIFEST", "MARKER", "TABLES", "Transaction", "Version", "connect",
    "contract_digest", "ingest_command", "inputs_fingerprint", "looks_like_store", "open_version", "part_files",
    "read_manifest", "read_table", "read_tables", "runs", "verify_parts", "write_store", "write_tables",
]
