"""How much of one input ingest holds in memory, and the reject when a file is over it.

The limit is ``config.SETTINGS.max_file_mb`` megabytes (default 50; the environment
variable ``WORKBENCH_MAX_FILE_MB`` overrides it). It bounds what one reader holds:

* a file read whole (text, Markdown, HTML, DOCX, a small JSON document, a CSV or
  JSON Lines file that cannot be sliced): its size on disk, checked before reading;
* one record of a CSV or JSON Lines file, and one slice of records (the planner cuts
  slices at this many bytes too);
* one item of a streamed JSON array, and the shared-strings table of an XLSX
  workbook (uncompressed), which openpyxl holds while it streams the rows.

Checks happen before the bytes are read wherever the size is known in advance, so a
200 MB one-line text costs a ``stat``, not 200 MB.
"""

from __future__ import annotations

from workbench import config

MB = 1_000_000


def max_file_bytes() -> int:
    """The per-file (and per-record) limit in bytes, from the settings."""
    return int(config.SETTINGS.max_file_mb * MB)


def megabytes(size: int) -> str:
    """``size`` bytes as a short text: ``'200.0 MB'``."""
    return f"{size / MB:,.1f} MB"


def too_big(size: int, what: str = "file") -> str | None:
    """The reject reason when ``size`` bytes of ``what`` is over the limit, else None."""
    limit = max_file_bytes()
    if size <= limit:
        return None
    return (f"{what} too large: {megabytes(size)}, over the {megabytes(limit)} limit for one {what} "
            f"(config.Settings.max_file_mb); split it into smaller files, or raise the limit with "
            f"WORKBENCH_MAX_FILE_MB if the machine has the memory")
