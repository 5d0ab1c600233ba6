"""The store's tables are named once, and every list of them is that list."""

from __future__ import annotations

from workbench import extract, pipeline, schemas, store, table_names
from workbench.bench import Tables


def test_the_contract_has_a_schema_for_every_named_table_and_no_other():
    assert tuple(schemas.SCHEMAS) == table_names.ALL == schemas.TABLES == store.TABLES


def test_extraction_writes_the_extracted_tables_and_its_rejects():
    assert pipeline.EXTRACT_TABLES == table_names.EXTRACTED
    assert set(extract.TABLES) == {*table_names.EXTRACTED, "rejects"}
    assert set(table_names.ALL) == set(table_names.INGESTED) | set(table_names.EXTRACTED)


def test_the_analytics_hold_one_frame_per_table():
    # and which of them were left in the store, and where (bench.load(in_store=...))
    assert set(Tables.__dataclass_fields__) == {*table_names.ALL, "in_store", "store_dir"}
