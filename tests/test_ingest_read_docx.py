"""Tests for workbench.ingest.read_docx: Word documents as postings.

The documents are built here with python-docx (team-written text), so no binary
fixture is committed.
"""

from __future__ import annotations

from docx import Document
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from ingest_samples import write

from workbench.ingest import ingest_paths


def _numbered(paragraph) -> None:
    """Give a Normal paragraph Word numbering, as the toolbar's bullet button does."""
    num_pr = OxmlElement("w:numPr")
    for tag, value in (("w:ilvl", "0"), ("w:numId", "1")):
        child = OxmlElement(tag)
        child.set(qn("w:val"), value)
        num_pr.append(child)
    paragraph._p.get_or_add_pPr().append(num_pr)


def _profile(path):
    doc = Document()
    doc.add_heading("Key Account Manager", level=1)
    doc.add_paragraph("Company: Harbour Logistics")
    doc.add_paragraph("Location: Leeds, UK")
    doc.add_paragraph("")
    doc.add_paragraph("We are looking for a Key Account Manager to grow our retail clients.")
    doc.add_heading("Responsibilities", level=2)
    doc.add_paragraph("Own the relationship with six national retailers", style="List Bullet")
    doc.add_paragraph("Negotiate annual contracts and renewals", style="List Number")
    _numbered(doc.add_paragraph("Report monthly on margin and volume"))
    doc.add_heading("Pay", level=2)
    table = doc.add_table(rows=2, cols=2)
    for row, (label, value) in zip(table.rows, (("Base salary", "£45,000 - £52,000"), ("Car allowance", "£4,800"))):
        row.cells[0].text, row.cells[1].text = label, value
    merged = doc.add_table(rows=1, cols=3)
    merged.cell(0, 0).merge(merged.cell(0, 1)).text = "Hybrid working"
    merged.cell(0, 2).text = "3 days in the office"
    doc.save(path)
    return path


def test_headings_lists_and_tables_become_structured_text(tmp_path):
    path = _profile(tmp_path / "kam.docx")
    result = ingest_paths(path, progress=False)
    assert result.rejects.empty
    posting = result.postings.iloc[0]
    assert posting["text"].split("\n") == [
        "Key Account Manager",
        "Company: Harbour Logistics",
        "Location: Leeds, UK",
        "We are looking for a Key Account Manager to grow our retail clients.",
        "Responsibilities",
        "- Own the relationship with six national retailers",
        "- Negotiate annual contracts and renewals",
        "- Report monthly on margin and volume",
        "Pay",
        "Base salary £45,000 - £52,000",
        "Car allowance £4,800",
        "Hybrid working 3 days in the office",
    ]
    assert (posting["source_format"], posting["encoding"], posting["language"]) == ("docx", "utf-8", "en")
    # title, company and location read as in a text file: first line and labelled lines
    assert (posting["title"], posting["company"], posting["location"], posting["country"]) == (
        "Key Account Manager", "Harbour Logistics", "Leeds, UK", "GB")


def test_header_fields_are_read_like_a_text_file(tmp_path):
    doc = Document()
    for line in ("Title: Account Director", "Company: Northwind Media", "Salary: £70,000",
                 "Description: Lead the agency's largest client team.", "You will own the annual plan."):
        doc.add_paragraph(line)
    doc.save(tmp_path / "ad.docx")
    posting = ingest_paths(tmp_path, progress=False).postings.iloc[0]
    assert (posting["title"], posting["company"], posting["salary_raw"]) == (
        "Account Director", "Northwind Media", "£70,000")
    assert posting["text"] == "Lead the agency's largest client team.\nYou will own the annual plan."


def test_broken_and_empty_documents_are_rejected_with_a_reason(tmp_path):
    write(tmp_path / "broken.docx", b"PK\x03\x04 not really a document")
    write(tmp_path / "renamed.docx", "Account Manager\nThis is a text file with the wrong name.")
    Document().save(tmp_path / "empty.docx")
    result = ingest_paths(tmp_path, progress=False)
    assert result.postings.empty
    reasons = dict(zip(result.rejects["source"].str.rsplit("/", n=1).str[-1], result.rejects["reason"]))
    assert reasons["broken.docx"].startswith("unreadable docx (")
    assert reasons["renamed.docx"].startswith("unreadable docx (")
    assert reasons["empty.docx"].startswith("no text left")
