"""The store's tables, named once.

Every module that lists the tables (the schemas, the store, extraction, the pipeline,
the analytics) takes the names from here; the schemas define one contract per name
(``schemas.SCHEMAS`` has exactly these keys, checked by its tests).
"""

from __future__ import annotations

__all__ = ["ALL", "EXTRACTED", "INGESTED", "PER_RECORD"]

# What ingest writes: the postings read and the inputs refused.
INGESTED = ("postings", "rejects")
# One row per item of a record (a pay mention, a time share, a duty, a skill).
PER_RECORD = ("salaries", "time_allocation", "responsibilities", "skills")
# What extraction writes: one row per record, then the items of each record.
EXTRACTED = ("records", *PER_RECORD)
# Every table of a store, in the contract's order.
ALL = (*INGESTED, *EXTRACTED)
