"""Tests for workbench.ingest.read_xlsx: worksheet rows as postings."""

from __future__ import annotations

import os

from ingest_samples import ENGLISH, write
from openpyxl import Workbook

from workbench.ingest import ingest_paths


def test_xlsx_rows_and_unreadable_workbook(tmp_path):
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Ads"
    sheet.append(["TITLE", "Description", "Company", "Salary"])
    sheet.append(["Account Manager", ENGLISH, "Acme", "£40,000"])
    sheet.append(["Blank", None, "Acme", None])
    workbook.save(tmp_path / "ads.xlsx")
    write(tmp_path / "broken.xlsx", b"this is not a zip file at all")
    result = ingest_paths(tmp_path, progress=False)
    posting = result.postings.iloc[0]
    assert posting["source"].endswith("ads.xlsx#Ads:0")
    assert (posting["title"], posting["salary_raw"], posting["source_format"]) == ("Account Manager", "£40,000", "xlsx")
    reasons = dict(zip(result.rejects["source"].map(os.path.basename), result.rejects["reason"]))
    assert "empty description" in reasons["ads.xlsx#Ads:1"]
    assert reasons["broken.xlsx"].startswith("unreadable xlsx")


def test_header_below_blank_rows_and_sheets_without_a_description_column(tmp_path):
    workbook = Workbook()
    staff = workbook.active
    staff.title = "Staff"
    staff.append(["employee_id", "base"])
    ads = workbook.create_sheet("Ads")
    ads.append([None, None])
    ads.append(["Title", "Описание"])
    ads.append(["Аккаунт-менеджер", "<p>Ведение <b>ключевых</b> клиентов</p>"])
    ads.append([None, None])
    workbook.save(tmp_path / "book.xlsx")
    result = ingest_paths(tmp_path, progress=False)
    posting = result.postings.iloc[0]
    assert posting["source"].endswith("book.xlsx#Ads:0")
    assert (posting["text"], posting["language"]) == ("Ведение ключевых клиентов", "ru")
    (reason,) = result.rejects["reason"]
    assert reason.startswith("sheet 'Staff' has no description column (found: employee_id, base)")


def test_workbook_without_any_header_is_listed(tmp_path):
    Workbook().save(tmp_path / "empty.xlsx")
    result = ingest_paths(tmp_path, progress=False)
    assert result.rejects["reason"].tolist() == ["workbook has no sheet with a header row; nothing to ingest"]
