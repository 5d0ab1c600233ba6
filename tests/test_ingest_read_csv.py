"""Tests for workbench.ingest.read_csv: CSV rows as postings, whole or in slices."""

from __future__ import annotations

import pandas as pd
from ingest_samples import ADZUNA_HEADER, RUSSIAN, write

from workbench.ingest import ingest_paths, iter_postings, plan_units
from workbench.ingest.read_csv import CsvReader, csv_header


def test_adzuna_csv_rows_and_empty_description(tmp_path):
    body = (
        '1,Account Executive,"Support the account team.\nSecond line, with comma.","Reading, UK",Reading,,'
        'permanent,Anvil,"PR Jobs",28500 - 30500/annum,29500,board\n'
        "2,Account Manager,,London,London,,permanent,Birch,PR Jobs,40000,40000,board\n"
        "3,Account Director,Lead the accounts,London,London,,permanent,Cedar,PR Jobs,£60k,60000,board\n"
    )
    path = write(tmp_path / "ads.csv", ADZUNA_HEADER + body)
    result = ingest_paths(path, progress=False)
    postings = result.postings.set_index("source")
    assert list(postings.index) == [f"{path.as_posix()}#0", f"{path.as_posix()}#2"]
    first = postings.loc[f"{path.as_posix()}#0"]
    assert first["title"] == "Account Executive"
    assert first["salary_raw"] == "28500 - 30500/annum"
    assert first["company"] == "Anvil"
    assert first["location"] == "Reading, UK"
    assert first["text"] == "Support the account team.\nSecond line, with comma."
    assert postings.loc[f"{path.as_posix()}#2", "country"] == "GB"  # from the £ in SalaryRaw
    assert list(result.rejects["source"]) == [f"{path.as_posix()}#1"]
    assert "empty description" in result.rejects["reason"].iloc[0]


def test_generic_csv_with_synonym_columns_in_cp1251(tmp_path):
    text = "Job Title;Описание;Employer\nАккаунт-менеджер;" + RUSSIAN.replace("\n", " ") + ";ООО Ромашка\n"
    path = write(tmp_path / "ru.csv", text.encode("cp1251"))
    result = ingest_paths(path, progress=False)
    posting = result.postings.iloc[0]
    assert (posting["title"], posting["company"], posting["language"], posting["encoding"]) == (
        "Аккаунт-менеджер", "ООО Ромашка", "ru", "cp1251")
    assert posting["country"] == "RU"


def test_csv_header_may_span_lines_and_picks_the_delimiter(tmp_path):
    path = write(tmp_path / "h.csv", 'title\t"job\ndescription"\tpay\nA\tWe are hiring\t40k\n')
    header, data_start, delimiter = csv_header(path, "utf-8")
    assert (header, delimiter) == (["title", "job\ndescription", "pay"], "\t")
    assert path.read_bytes()[data_start:] == b"A\tWe are hiring\t40k\n"


def test_csv_without_description_column_is_rejected(tmp_path):
    path = write(tmp_path / "staff.csv", "employee_id,role,base\n1,AM,40000\n")
    result = ingest_paths(path, progress=False)
    assert result.postings.empty
    assert "no description column" in result.rejects["reason"].iloc[0]


def test_short_row_says_how_many_fields_it_has(tmp_path):
    path = write(tmp_path / "short.csv", "title,pay,description\nAccount Manager,40k\n")
    reason = ingest_paths(path, progress=False).rejects["reason"].iloc[0]
    assert reason == ("empty description in column 'description' (row has 2 fields, header has 3); "
                      "fill it in or remove the row")


def test_large_csv_split_into_slices_matches_unsplit(tmp_path):
    rows = "".join(
        f'{i},Title {i},"Line one of {i}\nline ""two"" of {i}",London,London,,permanent,Co{i},Cat,{i}000,{i}000,src\n'
        for i in range(25)
    )
    path = write(tmp_path / "big.csv", ADZUNA_HEADER + rows)
    whole = ingest_paths(path, progress=False).postings
    chunks = list(iter_postings(path, chunk_size=4))
    assert all(len(p) <= 4 for p, _ in chunks)
    streamed = pd.concat([p for p, _ in chunks], ignore_index=True)
    pd.testing.assert_frame_equal(streamed, whole)
    assert whole["source"].iloc[13] == f"{path.as_posix()}#13"
    assert whole["text"].iloc[13] == 'Line one of 13\nline "two" of 13'


def test_split_starts_after_the_header(tmp_path):
    path = write(tmp_path / "rows.csv", "title,description\n" + "".join(f"T{i},hiring {i}\n" for i in range(5)))
    slices = CsvReader().split(path, 2)
    # an 18-byte header, then rows of 12 bytes ("T0,hiring 0\n")
    assert [(s.first_row, s.start, s.end) for s in slices] == [(0, 18, 42), (2, 42, 66), (4, 66, 78)]
    assert CsvReader().split(write(tmp_path / "wide.csv", "title,description\nA,b\n".encode("utf-16")), 2) is None


def test_csv_with_old_mac_line_endings_is_read_row_by_row(tmp_path):
    path = write(tmp_path / "mac.csv",
                 "title,description\rA,We are hiring an account manager\rB,Second row, hiring\r")
    result = ingest_paths(path, progress=False)
    assert result.postings["title"].tolist() == ["A", "B"]
    assert result.rejects.empty


def test_stray_carriage_return_in_a_csv_cell_costs_that_row_only(tmp_path):
    path = write(tmp_path / "stray.csv", "title,description\nA,We are\rhiring\nB,Good row we are hiring\n")
    result = ingest_paths(path, progress=False)
    assert "B" in result.postings["title"].tolist()  # the row after it is kept
    assert len(result.postings) + len(result.rejects) == 3  # "A" is split in two: each part accounted for


def test_header_only_csv_is_listed_not_silently_empty(tmp_path):
    path = write(tmp_path / "header.csv", "title,description\n")
    result = ingest_paths(path, progress=False)
    assert result.postings.empty
    assert result.rejects["reason"].tolist() == ["no data rows below the header; add rows or remove the file"]


def test_stray_quote_does_not_shift_csv_slices(tmp_path):
    # Slices end where the csv module ends a row: a quote inside an unquoted cell
    # (5'11") is a character, not the start of a multi-line field.
    rows = ["title,description"]
    for i in range(9):
        if i == 1:
            rows.append(f"T{i},He is 5'11\" tall and we are hiring")
        elif i % 3 == 0:
            rows.append(f'T{i},"line one\nline two, we are hiring"')
        else:
            rows.append(f"T{i},We are hiring account managers")
    path = write(tmp_path / "quotes.csv", "\n".join(rows) + "\n")
    whole = ingest_paths(path, progress=False)
    sliced = [p for chunk, _ in iter_postings(path, chunk_size=2) for p in chunk["title"]]
    assert whole.postings["title"].tolist() == sliced == [f"T{i}" for i in range(9)]
    pieces = plan_units(path, chunk_size=2)
    assert [u.slices[0].first_row for u in pieces] == [0, 2, 4, 6, 8]


def test_utf16_csv_is_read_row_by_row(tmp_path):
    # Excel's "Unicode text" export: UTF-16 with a byte-order mark.
    text = "title,description\nA,We are hiring one\nB,Мы ищем менеджера\nC,我们在招聘\n"
    path = write(tmp_path / "wide.csv", text.encode("utf-16"))
    result = ingest_paths(path, progress=False)
    assert result.postings["title"].tolist() == ["A", "B", "C"]
    assert result.postings["text"].tolist()[1] == "Мы ищем менеджера"
    assert result.rejects.empty


def test_quote_after_a_lone_carriage_return_opens_a_field_when_slicing(tmp_path):
    path = write(tmp_path / "cr_quote.csv",
                 b'title,description\nA,one\nB,two\r"T1\nT1b",multi\nC,three\nD,four\n')
    whole = ingest_paths(path, progress=False)
    sliced_postings, sliced_rejects = [], []
    for chunk, rejects in iter_postings(path, chunk_size=1):
        sliced_postings += chunk["title"].tolist()
        sliced_rejects += rejects["reason"].tolist()
    assert sliced_postings == whole.postings["title"].tolist()
    assert len(sliced_rejects) == len(whole.rejects)


def test_an_unclosed_quote_is_listed_and_never_swallows_the_rows_below_whole_or_sliced(tmp_path):
    path = write(tmp_path / "open.csv", 'title,description\nA,one hiring\nB,"unclosed\nC,three hiring\nD,four\n')
    whole = ingest_paths(path, progress=False)
    assert whole.postings["title"].tolist() == ["A", "C", "D"]
    assert whole.postings["text"].tolist() == ["one hiring", "three hiring", "four"]
    (reason,) = whole.rejects.loc[whole.rejects["source"] == f"{path.as_posix()}#1", "reason"]
    assert reason.startswith("unclosed quote: a quoted cell opens on this row and is never closed")
    assert "close the quote" in reason
    chunks = list(iter_postings(path, chunk_size=1))
    assert [t for chunk, _ in chunks for t in chunk["title"]] == ["A", "C", "D"]
    assert [s for _, rejects in chunks for s in rejects["source"]] == [f"{path.as_posix()}#1"]


def test_a_quote_closed_on_a_later_row_is_listed_and_that_row_is_read(tmp_path):
    path = write(tmp_path / "bad.csv", 'title,description,pay\nA,"Great job,30000\nB,"Director role",50000\n')
    result = ingest_paths(path, progress=False)
    assert result.postings["title"].tolist() == ["B"]
    assert result.rejects["reason"].iloc[0].startswith("quote not closed properly")


def test_a_row_in_another_encoding_reads_right_and_records_it(tmp_path):
    rows = ("title,description\nA,Менеджер по работе с клиентами\n".encode()
            + "B,Требуется аккаунт-менеджер в Москве\n".encode("cp1251"))
    result = ingest_paths(write(tmp_path / "mixed.csv", rows), progress=False)
    assert result.postings["text"].tolist() == ["Менеджер по работе с клиентами", "Требуется аккаунт-менеджер в Москве"]
    assert result.postings["encoding"].tolist() == ["utf-8", "cp1251"]


def test_a_negative_pay_cell_refuses_its_row(tmp_path):
    path = write(tmp_path / "pay.csv", "title,description,salary\nA,We are hiring,-35000\nB,We are hiring,30000-35000\n")
    result = ingest_paths(path, progress=False)
    assert result.postings["salary_raw"].tolist() == ["30000-35000"]
    assert result.rejects["reason"].iloc[0].startswith("pay refused: pay field 'salary' holds a negative amount (-35000)")
