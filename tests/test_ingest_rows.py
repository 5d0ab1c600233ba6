"""Tests for workbench.ingest.rows: the posting and reject rows every reader yields."""

from __future__ import annotations

import hashlib

from ingest_samples import RUSSIAN

from workbench import schemas
from workbench.ingest.rows import description_text, make_posting, make_reject, posting_id, table_row_item


def test_posting_id_is_the_head_of_the_sources_sha256():
    assert posting_id("data/raw/a.csv#3") == hashlib.sha256(b"data/raw/a.csv#3").hexdigest()[:16]


def test_make_posting_fills_every_column_of_the_contract():
    row = make_posting("a.txt", "txt", "utf-8", RUSSIAN, title="  Аккаунт-менеджер ", date_posted="04.03.2026",
                       location="Москва")
    assert set(schemas.columns("postings")) <= set(row)
    assert (row["language"], row["country"], row["title"], row["date_posted"]) == (
        "ru", "RU", "Аккаунт-менеджер", "2026-03-04")
    assert row["fingerprint"] == hashlib.sha256(RUSSIAN.encode()).hexdigest()
    assert row["posting_id"] == posting_id("a.txt")


def test_a_language_field_is_kept_only_when_it_is_one_of_ours():
    text = "We are hiring an account manager for the team."
    assert make_posting("a", "csv", "utf-8", text, language="EN-gb")["language"] == "en"
    assert make_posting("a", "csv", "utf-8", text, language="fr")["language"] == "en"  # detected


def test_make_reject_row():
    assert make_reject("a.csv#1", "empty description") == {
        "source": "a.csv#1", "stage": "ingest", "reason": "empty description"}


def test_description_with_one_tag_or_entities_is_cleaned():
    assert description_text("Grow accounts<br>Keep clients") == "Grow accounts\nKeep clients"
    assert description_text("Sales &amp; marketing &pound;50k") == "Sales & marketing £50k"
    assert description_text("• Own renewals\n\n• Report") == "- Own renewals\n- Report"
    assert description_text(None) == ""


def _table_row(cells: dict, mapping=None):
    return table_row_item(cells.get, mapping or {"description": "Desc", "salary_raw": "Pay"}, "t.csv#2",
                          "csv", "utf-8", lambda: "no description here")


def test_a_table_row_with_a_description_is_a_posting_with_its_fields():
    kind, row = _table_row({"description": "We are hiring an account manager for the team.",
                            "title": "Account Manager", "salary_raw": "£30,000 per annum"})
    assert kind == "posting"
    assert (row["source"], row["source_format"], row["title"], row["salary_raw"]) == (
        "t.csv#2", "csv", "Account Manager", "£30,000 per annum")


def test_a_table_row_is_rejected_with_its_reason():
    assert _table_row({"description": "  "}) == ("reject", make_reject("t.csv#2", "no description here"))
    kind, row = _table_row({"description": "<p></p><br>"})
    assert (kind, row["reason"]) == ("reject", "description has no text after removing markup; fix the row")
    kind, row = _table_row({"description": "We are hiring.", "salary_raw": -5})
    assert kind == "reject" and "Pay" in row["reason"]
