"""Tests for workbench.schemas: contract columns, coercion and actionable errors."""

from __future__ import annotations

import pandas as pd
import pytest

from workbench import schemas
from workbench.errors import SchemaError


def _posting(**overrides):
    row = {
        "posting_id": "0123456789abcdef", "source": "a.txt", "source_format": "txt",
        "encoding": "utf-8", "language": "en", "title": "Account Manager", "company": None,
        "location": None, "country": "GB", "date_posted": "2026-01-31", "salary_raw": None,
        "text": "Account Manager", "fingerprint": "a" * 64, "salary_structured": None,
    }
    row.update(overrides)
    return row


def test_every_table_has_a_schema_with_contract_columns():
    assert set(schemas.TABLES) == {"postings", "rejects", "records", "salaries",
                                   "time_allocation", "responsibilities", "skills"}
    assert schemas.columns("skills") == ["record_id", "idx", "name", "level"]
    assert schemas.columns("rejects") == ["source", "stage", "reason"]
    assert schemas.columns("postings")[:3] == ["posting_id", "source", "source_format"]


@pytest.mark.parametrize("name", list(schemas.SCHEMAS))
def test_empty_frames_validate(name):
    frame = schemas.empty(name)
    assert frame.empty and list(frame.columns) == schemas.columns(name)
    schemas.validate(name, frame)


def test_valid_postings_pass_and_are_coerced():
    frame = pd.DataFrame([_posting(), _posting(posting_id="fedcba9876543210", country=None)])
    out = schemas.validate("postings", frame)
    assert str(out["country"].dtype) == "str"
    assert out["country"].isna().tolist() == [False, True]


def test_source_format_is_a_short_lower_case_name():
    schemas.validate("postings", pd.DataFrame([_posting(source_format="docx")]))
    for bad in ("DOCX", "x", "rich text", ""):
        with pytest.raises(SchemaError, match="source_format"):
            schemas.validate("postings", pd.DataFrame([_posting(source_format=bad)]))


def test_salaries_coerce_numbers_and_flags():
    frame = pd.DataFrame({"record_id": ["p:0"], "idx": [0], "text": ["£30k"], "low": [30000],
                          "high": [None], "currency": ["GBP"], "period": ["year"],
                          "period_inferred": [False], "component": ["base"], "gross": [None],
                          "months_per_year": [None], "masked": [False], "annual_low": [30000],
                          "annual_high": [None], "convention": ["GB"]})
    out = schemas.validate("salaries", frame)
    assert out["low"].dtype == "float64" and str(out["gross"].dtype) == "boolean"


def test_error_names_failing_columns_and_rows():
    frame = pd.DataFrame([_posting(), _posting(language="fr", posting_id="xyz")])
    with pytest.raises(SchemaError) as info:
        schemas.validate("postings", frame)
    message = str(info.value)
    assert "failing column(s): language, posting_id" in message
    assert "row 1" in message and "'fr'" in message


def test_missing_column_is_reported_by_name():
    with pytest.raises(SchemaError, match="reason: column is missing"):
        schemas.validate("rejects", pd.DataFrame({"source": ["a"], "stage": ["ingest"]}))


def test_share_out_of_range_fails():
    frame = pd.DataFrame({"record_id": ["r"], "idx": [0], "activity": ["sell"], "share": [140.0],
                          "raw_share": [140.0], "category": [None], "confidence": [0.5]})
    with pytest.raises(SchemaError, match="share"):
        schemas.validate("time_allocation", frame)


def test_unknown_table_lists_the_known_ones():
    with pytest.raises(SchemaError, match="expected one of postings"):
        schemas.validate("nope", pd.DataFrame())


def test_records_written_before_city_and_region_still_validate():
    old = pd.DataFrame([{
        "record_id": "p:0", "posting_id": "p", "source": "a.txt", "title": "Account Manager",
        "company": None, "location": "Leeds", "country": "GB", "language": "en", "date_posted": None,
        "role_family": "account_management", "role_level": 2, "role_label": "Account Manager",
        "role_confidence": 0.9, "experience_min": None, "experience_max": None, "education": None,
        "record_json": "{}"}])
    out = schemas.validate("records", old)
    assert {"city", "region"} <= set(out.columns)
    assert out["city"].isna().all() and str(out["city"].dtype) == "str"
    assert schemas.columns("records")[5:8] == ["location", "city", "region"]
