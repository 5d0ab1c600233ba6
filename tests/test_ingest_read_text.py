"""Tests for workbench.ingest.read_text: .txt and .md postings."""

from __future__ import annotations

import hashlib

from ingest_samples import RUSSIAN, write

from workbench.ingest import ingest_paths
from workbench.ingest.read_text import text_posting


def test_header_field_text_file(tmp_path):
    write(
        tmp_path / "000.txt",
        "Title: Account Director, networks, Bracknell\nWebindex: 62124303\nCompany: Migration\n"
        "Location: Bracknell, UK\nDescription: Account Director for a networks provider.\n"
        "Second paragraph of the description.\n",
    )
    posting = ingest_paths(tmp_path, progress=False).postings.iloc[0]
    assert posting["title"] == "Account Director, networks, Bracknell"
    assert posting["company"] == "Migration"
    assert posting["location"] == "Bracknell, UK"
    assert posting["country"] == "GB"
    assert posting["text"] == "Account Director for a networks provider.\nSecond paragraph of the description."
    assert posting["source_format"] == "txt"


def test_labelled_lines_in_the_description_fill_fields_the_header_left_empty():
    text = "Title: Account Manager\nCompany: Acme\nDescription: Salary: £40,000\nКомпания: Other\nWe are hiring."
    kind, row = text_posting(text, "a.txt", "txt", "utf-8")
    assert kind == "posting"
    assert (row["title"], row["company"], row["salary_raw"], row["country"]) == (
        "Account Manager", "Acme", "£40,000", "GB")


def test_labelled_lines_fill_company_location_and_pay_in_chinese_text(tmp_path):
    write(tmp_path / "zh.txt", "职位名称：客户经理\n公司：苏州流光数字\n地点：苏州\n薪资：10-14K\n负责客户的日常维护和沟通。")
    zh = ingest_paths(tmp_path, progress=False).postings.iloc[0]
    assert (zh["title"], zh["company"], zh["location"], zh["salary_raw"], zh["country"]) == (
        "客户经理", "苏州流光数字", "苏州", "10-14K", "CN")


def test_markdown_posting_id_and_fingerprint(tmp_path):
    path = write(tmp_path / "a.md", "# Account Manager\n\n* Own **renewals**\n")
    posting = ingest_paths(path, progress=False).postings.iloc[0]
    assert posting["posting_id"] == hashlib.sha256(path.as_posix().encode()).hexdigest()[:16]
    assert posting["text"] == "Account Manager\n- Own renewals"
    assert posting["fingerprint"] == hashlib.sha256(posting["text"].encode()).hexdigest()
    assert (posting["title"], posting["source_format"]) == ("Account Manager", "md")


def test_html_saved_as_txt_is_read_as_html(tmp_path):
    write(tmp_path / "page.txt", "<h2>Account Manager</h2>\n<div><p><b>Summary:</b></p><ul><li>One</li></ul></div>")
    posting = ingest_paths(tmp_path, progress=False).postings.iloc[0]
    assert posting["title"] == "Account Manager"
    assert posting["source_format"] == "html"
    assert posting["text"] == "Account Manager\nSummary:\n- One"


def test_file_with_a_stray_control_byte_is_ingested(tmp_path):
    data = (RUSSIAN * 20).encode("utf-8")
    write(tmp_path / "stray.txt", data[:500] + b"\x00" + data[500:])
    result = ingest_paths(tmp_path, progress=False)
    assert len(result.postings) == 1 and result.rejects.empty
    assert "\x00" not in result.postings["text"].iloc[0]


def test_text_with_nothing_left_is_rejected():
    kind, row = text_posting("\x00\x01\n - \n", "a.txt", "txt", "utf-8")
    assert kind == "reject" and row["reason"].startswith("no text left")


def test_empty_and_binary_text_files_are_rejected_with_their_reason(tmp_path):
    write(tmp_path / "empty.txt", b"")
    write(tmp_path / "binary.md", bytes(range(256)) * 40 + b"\x00" * 500)
    reasons = ingest_paths(tmp_path, progress=False).rejects.set_index("source")["reason"]
    assert reasons[f"{tmp_path.as_posix()}/empty.txt"].startswith("empty file")
    assert reasons[f"{tmp_path.as_posix()}/binary.md"].startswith("binary file")
