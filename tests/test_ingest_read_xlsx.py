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


def _rewrite_member(path, member, change):
    """Rewrite one member of a zip file (a workbook) with ``change(bytes) -> bytes``."""
    import zipfile

    with zipfile.ZipFile(path) as source:
        members = [(info, source.read(info)) for info in source.infolist()]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
        for info, data in members:
            target.writestr(info, change(data) if info.filename == member else data)


def test_a_wrong_stored_dimension_does_not_cut_rows_or_columns(tmp_path):
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Ads"
    sheet.append(["Title", "Company", "Description"])
    for i in range(5):
        sheet.append([f"Account Manager {i}", "Acme", ENGLISH])
    path = tmp_path / "dim.xlsx"
    workbook.save(path)
    _rewrite_member(path, "xl/worksheets/sheet1.xml", lambda xml: xml.replace(b'ref="A1:C6"', b'ref="A1:B2"'))
    result = ingest_paths(path, progress=False)
    assert result.postings["title"].tolist() == [f"Account Manager {i}" for i in range(5)]
    assert result.rejects.empty


def test_negative_pay_cells_and_an_oversized_string_table_are_refused(tmp_path, monkeypatch):
    import dataclasses

    import xlsxwriter

    from workbench import config

    # Written as Excel writes (cell texts in a shared-strings table), unlike openpyxl.
    workbook = xlsxwriter.Workbook(tmp_path / "pay.xlsx")
    sheet = workbook.add_worksheet("Ads")
    for r, row in enumerate([["Title", "Description", "Salary"], ["Negative", ENGLISH, -35000],
                             ["Fine", ENGLISH, 35000]]):
        sheet.write_row(r, 0, row)
    workbook.close()
    result = ingest_paths(tmp_path / "pay.xlsx", progress=False)
    assert result.postings["title"].tolist() == ["Fine"]
    assert result.rejects["reason"].iloc[0].startswith("pay refused: pay field 'Salary' holds a negative amount")
    monkeypatch.setattr(config, "SETTINGS", dataclasses.replace(config.SETTINGS, max_file_mb=0.0002))  # 200 bytes
    (reason,) = ingest_paths(tmp_path / "pay.xlsx", progress=False).rejects["reason"]
    assert reason.startswith("shared-strings table too large") and "export the sheet to CSV" in reason
