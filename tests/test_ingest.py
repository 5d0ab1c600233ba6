"""Tests for workbench.ingest: readers, encoding/language detection, HTML text, rejects."""

from __future__ import annotations

import hashlib
import json
import os

import pandas as pd
import pytest

from workbench import ingest
from workbench.ingest import (
    detect_encoding,
    detect_language,
    html_to_text,
    ingest_paths,
    iter_postings,
)

RUSSIAN = (
    "Менеджер по работе с ключевыми клиентами\n"
    "Обязанности: ведение переговоров с клиентами, подготовка коммерческих предложений, "
    "контроль дебиторской задолженности.\n"
    "Требования: опыт работы в продажах от 3 лет, высшее образование.\n"
    "Зарплата от 120 000 руб. на руки."
)
CHINESE = (
    "客户经理\n岗位职责：负责公司大客户的开发与维护，完成销售目标。\n"
    "任职要求：本科及以上学历，三年以上销售经验，良好的沟通能力。\n薪资：15-25K·13薪"
)
ENGLISH = (
    "Account Manager\nWe are looking for an Account Manager to join our team in London.\n"
    "You will own the relationship with a portfolio of clients and grow revenue."
)


def _write(path, data):
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(data, str):
        path.write_text(data, encoding="utf-8")
    else:
        path.write_bytes(data)
    return path


def test_mixed_folder_ingests_good_file_and_rejects_the_rest(tmp_path):
    folder = tmp_path / "in"
    _write(folder / "empty.txt", b"")
    _write(folder / "binary.txt", bytes(range(256)) * 40 + b"\x00" * 500)
    _write(folder / "russian.txt", RUSSIAN.encode("cp1251"))
    _write(folder / "cut.html", "<html><body><h1>Account Manager</h1><p>We are looking for")

    result = ingest_paths(folder, progress=False)

    assert len(result.postings) == 1
    posting = result.postings.iloc[0]
    assert posting["source"].endswith("russian.txt")
    assert posting["language"] == "ru"
    assert posting["encoding"] == "cp1251"
    assert "Менеджер по работе" in posting["text"]
    reasons = {os.path.basename(s): r for s, r in zip(result.rejects["source"], result.rejects["reason"])}
    assert set(reasons) == {"empty.txt", "binary.txt", "cut.html"}
    assert "empty file" in reasons["empty.txt"]
    assert "binary file" in reasons["binary.txt"]
    assert reasons["cut.html"].startswith("truncated HTML")
    assert set(result.rejects["stage"]) == {"ingest"}


@pytest.mark.parametrize(
    "text",
    [
        RUSSIAN,
        "Аккаунт-директор",
        "Привет",
        "Москва",
        "ООО «Ромашка» ищет менеджера по продажам",
        "Требования: высшее образование, опыт от 2 лет",
    ],
)
def test_cp1251_russian_is_detected(text):
    assert detect_encoding(text.encode("cp1251")) == "cp1251"


@pytest.mark.parametrize(
    "text",
    [CHINESE, "客户总监", "上海", "北京市朝阳区", "销售经理，月薪一万", "以上", "深圳"],
)
def test_gbk_chinese_is_detected(text):
    assert detect_encoding(text.encode("gbk")) == "gbk"


def test_cp1251_and_gbk_told_apart_on_many_generated_texts():
    import random

    ru_words = ("менеджер клиент продажи опыт работы зарплата требования обязанности компания "
                "отдел развитие переговоры договор ключевой аккаунт директор проект бюджет").split()
    zh_words = ("客户 经理 销售 负责 公司 要求 工作 经验 以上 学历 沟通 能力 团队 管理 市场 开发 "
                "维护 薪资 月薪 年终奖 上海 北京 深圳 岗位职责").split()
    rng = random.Random(7)
    wrong = []
    for _ in range(400):
        n = rng.randint(1, 12)
        ru = " ".join(rng.choice(ru_words) for _ in range(n))
        zh = "".join(rng.choice(zh_words) for _ in range(n))
        if detect_encoding(ru.encode("cp1251")) != "cp1251":
            wrong.append(ru)
        if detect_encoding(zh.encode("gbk")) != "gbk":
            wrong.append(zh)
    assert wrong == []


def test_utf8_with_and_without_bom_and_with_a_stray_byte():
    assert detect_encoding(ENGLISH.encode("utf-8")) == "utf-8"
    assert detect_encoding(b"\xef\xbb\xbf" + RUSSIAN.encode("utf-8")) == "utf-8"
    assert detect_encoding(RUSSIAN.encode("utf-8")) == "utf-8"
    stray = RUSSIAN.encode("utf-8") * 5
    stray = stray[:200] + b"\xff" + stray[200:]
    assert detect_encoding(stray) == "utf-8"
    assert detect_encoding("Café résumé for the role".encode("cp1252")) == "cp1252"


def test_file_with_a_stray_control_byte_is_ingested(tmp_path):
    data = (RUSSIAN * 20).encode("utf-8")
    _write(tmp_path / "stray.txt", data[:500] + b"\x00" + data[500:])
    result = ingest_paths(tmp_path, progress=False)
    assert len(result.postings) == 1 and result.rejects.empty
    assert "\x00" not in result.postings["text"].iloc[0]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (ENGLISH, "en"),
        (RUSSIAN, "ru"),
        (CHINESE, "zh"),
        ("Nous recherchons un responsable de compte pour notre équipe et les clients", "und"),
        ("", "und"),
        ("12345 ---", "und"),
        ("Account Manager", "en"),
        ("职位描述\n" + ENGLISH * 3, "en"),
        ("客户经理 KPI CRM", "zh"),
    ],
)
def test_detect_language(text, expected):
    assert detect_language(text) == expected


def test_html_to_text_keeps_structure():
    html = (
        "<html><head><title>t</title><style>p{}</style></head><body>"
        "<script>alert(1)</script><h2>Account Manager</h2>"
        "<p><b>Position Summary: </b></p><p>Serve clients &amp; grow<br>accounts.</p>"
        "<p><strong>Duties</strong></p><ul><li>Own the <b>relationship</b></li><li>Report</li></ul>"
        "<div>Pay &pound;40,000</div><!-- hidden --></body></html>"
    )
    assert html_to_text(html).split("\n") == [
        "Account Manager",
        "Position Summary:",
        "Serve clients & grow",
        "accounts.",
        "Duties",
        "- Own the relationship",
        "- Report",
        "Pay £40,000",
    ]


def test_header_field_text_file(tmp_path):
    _write(
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


def test_html_saved_as_txt_gets_title_from_heading(tmp_path):
    _write(tmp_path / "page.txt", "<h2>Account Manager</h2>\n<div><p><b>Summary:</b></p><ul><li>One</li></ul></div>")
    posting = ingest_paths(tmp_path, progress=False).postings.iloc[0]
    assert posting["title"] == "Account Manager"
    assert posting["source_format"] == "html"
    assert posting["text"] == "Account Manager\nSummary:\n- One"


def test_complete_html_with_missing_body_close_is_truncated(tmp_path):
    _write(tmp_path / "a.html", "<html><body><p>Account Manager role</p></html>")
    result = ingest_paths(tmp_path, progress=False)
    assert result.postings.empty
    assert "never closed" in result.rejects["reason"].iloc[0]


ADZUNA_HEADER = ("Id,Title,FullDescription,LocationRaw,LocationNormalized,ContractType,ContractTime,"
                 "Company,Category,SalaryRaw,SalaryNormalized,SourceName\n")


def test_adzuna_csv_rows_and_empty_description(tmp_path):
    body = (
        '1,Account Executive,"Support the account team.\nSecond line, with comma.","Reading, UK",Reading,,'
        'permanent,Anvil,"PR Jobs",28500 - 30500/annum,29500,board\n'
        "2,Account Manager,,London,London,,permanent,Birch,PR Jobs,40000,40000,board\n"
        "3,Account Director,Lead the accounts,London,London,,permanent,Cedar,PR Jobs,£60k,60000,board\n"
    )
    path = _write(tmp_path / "ads.csv", ADZUNA_HEADER + body)
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
    path = _write(tmp_path / "ru.csv", text.encode("cp1251"))
    result = ingest_paths(path, progress=False)
    posting = result.postings.iloc[0]
    assert (posting["title"], posting["company"], posting["language"], posting["encoding"]) == (
        "Аккаунт-менеджер", "ООО Ромашка", "ru", "cp1251")
    assert posting["country"] == "RU"


def test_csv_without_description_column_is_rejected(tmp_path):
    path = _write(tmp_path / "staff.csv", "employee_id,role,base\n1,AM,40000\n")
    result = ingest_paths(path, progress=False)
    assert result.postings.empty
    assert "no description column" in result.rejects["reason"].iloc[0]


def test_large_csv_split_into_slices_matches_unsplit(tmp_path):
    rows = "".join(
        f'{i},Title {i},"Line one of {i}\nline ""two"" of {i}",London,London,,permanent,Co{i},Cat,{i}000,{i}000,src\n'
        for i in range(25)
    )
    path = _write(tmp_path / "big.csv", ADZUNA_HEADER + rows)
    whole = ingest_paths(path, progress=False).postings
    chunks = list(iter_postings(path, chunk_size=4))
    assert all(len(p) <= 4 for p, _ in chunks)
    streamed = pd.concat([p for p, _ in chunks], ignore_index=True)
    pd.testing.assert_frame_equal(streamed, whole)
    assert whole["source"].iloc[13] == f"{path.as_posix()}#13"
    assert whole["text"].iloc[13] == 'Line one of 13\nline "two" of 13'


def test_xlsx_rows_and_unreadable_workbook(tmp_path):
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Ads"
    sheet.append(["TITLE", "Description", "Company", "Salary"])
    sheet.append(["Account Manager", ENGLISH, "Acme", "£40,000"])
    sheet.append(["Blank", None, "Acme", None])
    workbook.save(tmp_path / "ads.xlsx")
    _write(tmp_path / "broken.xlsx", b"this is not a zip file at all")
    result = ingest_paths(tmp_path, progress=False)
    posting = result.postings.iloc[0]
    assert posting["source"].endswith("ads.xlsx#Ads:0")
    assert (posting["title"], posting["salary_raw"], posting["source_format"]) == ("Account Manager", "£40,000", "xlsx")
    reasons = dict(zip(result.rejects["source"].map(os.path.basename), result.rejects["reason"]))
    assert "empty description" in reasons["ads.xlsx#Ads:1"]
    assert reasons["broken.xlsx"].startswith("unreadable xlsx")


def _jobposting(title, salary=None, **extra):
    posting = {
        "@context": "https://schema.org",
        "@type": "JobPosting",
        "title": title,
        "description": "<p>Grow <b>key</b> accounts.</p><ul><li>Own renewals</li></ul>",
        "hiringOrganization": {"@type": "Organization", "name": "Acme Ltd"},
        "jobLocation": {"@type": "Place", "address": {"@type": "PostalAddress",
                                                      "addressLocality": "Leeds", "addressCountry": "GB"}},
        "datePosted": "2026-10-01T09:00:00Z",
    }
    if salary:
        posting["baseSalary"] = salary
    posting.update(extra)
    return posting


def test_jsonld_list_single_and_graph(tmp_path):
    salary = {"@type": "MonetaryAmount", "currency": "USD",
              "value": {"@type": "QuantitativeValue", "minValue": 50000, "maxValue": 70000, "unitText": "YEAR"}}
    _write(tmp_path / "list.json", json.dumps([_jobposting("Account Manager", salary), _jobposting("AE")]))
    _write(tmp_path / "single.json", json.dumps(_jobposting("Account Director")))
    _write(tmp_path / "graph.json", json.dumps({"@graph": [{"@type": "WebPage"}, _jobposting("KAM")]}))
    _write(tmp_path / "bad.json", '[{"title": "x",}]')
    result = ingest_paths(tmp_path, progress=False)
    postings = result.postings.set_index("title")
    manager = postings.loc["Account Manager"]
    assert manager["salary_raw"] == "USD 50000-70000 per year"
    assert json.loads(manager["salary_structured"]) == {
        "currency": "USD", "min": 50000.0, "max": 70000.0, "value": None, "unit": "year"}
    assert manager["text"] == "Grow key accounts.\n- Own renewals"
    assert (manager["company"], manager["location"], manager["country"], manager["date_posted"]) == (
        "Acme Ltd", "Leeds, GB", "GB", "2026-10-01")
    assert manager["source"].endswith("list.json#0")
    assert postings.loc["Account Director", "source"].endswith("single.json")
    assert postings.loc["KAM", "source"].endswith("graph.json#0")
    assert pd.isna(postings.loc["AE", "salary_raw"])
    assert len(result.rejects) == 1 and "malformed JSON at line 1" in result.rejects["reason"].iloc[0]


def test_jsonl_flat_records_and_bad_line(tmp_path):
    lines = [
        json.dumps({"id": "a", "title": "Account Manager", "company": "Acme", "location": "Austin, TX",
                    "country": "US", "language": "en", "date_posted": "2026-09-08",
                    "description": "<h2>Account Manager</h2><p>Grow accounts.</p>", "salary_raw": "$60k"}),
        "{not json",
        "",
        json.dumps({"title": "KAM", "description": RUSSIAN, "salary_raw": None}),
    ]
    path = _write(tmp_path / "part-00000.jsonl", "\n".join(lines) + "\n")
    result = ingest_paths(path, progress=False)
    assert list(result.postings["source"]) == [f"{path.as_posix()}#0", f"{path.as_posix()}#3"]
    first, second = result.postings.iloc[0], result.postings.iloc[1]
    assert (first["country"], first["language"], first["text"]) == ("US", "en", "Account Manager\nGrow accounts.")
    assert (second["language"], second["country"]) == ("ru", "RU")
    assert result.rejects["source"].tolist() == [f"{path.as_posix()}#1"]
    assert "line 2" in result.rejects["reason"].iloc[0]


def test_jsonl_lines_orjson_refuses_still_ingest(tmp_path):
    # orjson reads the lines; what it refuses and the json module accepts (a NaN
    # literal, an integer beyond 64 bits, a lone surrogate escape) still ingests,
    # and a broken line still names its column.
    lines = [
        '{"id": "n", "title": "Account Manager", "description": "Grow accounts.", "headcount": NaN}',
        '{"id": "b", "title": "Account Director", "description": "Lead accounts.", "ref": 123456789012345678901234}',
        '{"id": "s", "title": "Account Executive", "description": "Win clients \\ud800."}',
        '{"id": "x", "title": "Account Manager", "description": "oops"',
    ]
    path = _write(tmp_path / "odd.jsonl", "\n".join(lines) + "\n")
    result = ingest_paths(path, progress=False)
    assert result.postings["title"].tolist() == ["Account Manager", "Account Director", "Account Executive"]
    assert "Win clients \ufffd." in result.postings["text"].iloc[2]  # the lone surrogate, replaced
    assert result.rejects["source"].tolist() == [f"{path.as_posix()}#3"]
    assert "malformed JSON on line 4 (column" in result.rejects["reason"].iloc[0]


def test_unsupported_extension_lists_supported(tmp_path):
    _write(tmp_path / "job.docx", b"PK\x03\x04 whatever")
    result = ingest_paths(tmp_path, progress=False)
    reason = result.rejects["reason"].iloc[0]
    assert "unsupported file type '.docx'" in reason and ".jsonl" in reason and ".xlsx" in reason


def test_missing_path_is_a_reject(tmp_path):
    result = ingest_paths([tmp_path / "nope"], progress=False)
    assert "does not exist" in result.rejects["reason"].iloc[0]


def test_posting_id_and_fingerprint(tmp_path):
    path = _write(tmp_path / "a.md", "# Account Manager\n\n* Own **renewals**\n")
    posting = ingest_paths(path, progress=False).postings.iloc[0]
    assert posting["posting_id"] == hashlib.sha256(path.as_posix().encode()).hexdigest()[:16]
    assert posting["text"] == "Account Manager\n- Own renewals"
    assert posting["fingerprint"] == hashlib.sha256(posting["text"].encode()).hexdigest()
    assert posting["title"] == "Account Manager"


def test_iter_postings_chunks_are_bounded(tmp_path):
    for i in range(7):
        _write(tmp_path / f"{i}.txt", f"Account Manager {i}\nWe are hiring for the team.")
    chunks = list(iter_postings(tmp_path, chunk_size=3))
    assert [len(p) for p, _ in chunks] == [3, 3, 1]


def test_infer_country_order():
    assert ingest.infer_country("uk") == "GB"
    assert ingest.infer_country(None, "Shanghai, China") == "CN"
    assert ingest.infer_country(None, None, "120 000 ₽", None, "en") == "RU"
    assert ingest.infer_country(None, None, None, "Salary £30k", "en") == "GB"
    assert ingest.infer_country(None, None, "$50k", "text", "en") is None
    assert ingest.infer_country(None, None, None, "текст", "ru") == "RU"


def test_description_with_one_tag_or_entities_is_cleaned(tmp_path):
    lines = [json.dumps({"title": "AM", "description": "Grow accounts<br>Keep clients"}),
             json.dumps({"title": "AD", "description": "Sales &amp; marketing &pound;50k"})]
    path = _write(tmp_path / "x.jsonl", "\n".join(lines))
    texts = ingest_paths(path, progress=False).postings["text"].tolist()
    assert texts == ["Grow accounts\nKeep clients", "Sales & marketing £50k"]


def test_labelled_lines_fill_company_location_and_pay(tmp_path):
    page = ("<h2>Аккаунт-координатор</h2><div><p><b>Компания:</b> Маяк</p><p><b>Город:</b> Казань</p>"
            "<p><b>Зарплата:</b> от 55 000 руб.</p><p>Мы ищем аккаунт-координатора в команду.</p></div>")
    _write(tmp_path / "ru.html", page)
    _write(tmp_path / "zh.txt", "职位名称：客户经理\n公司：苏州流光数字\n地点：苏州\n薪资：10-14K\n负责客户的日常维护和沟通。")
    postings = ingest_paths(tmp_path, progress=False).postings.set_index("language")
    ru, zh = postings.loc["ru"], postings.loc["zh"]
    assert (ru["title"], ru["company"], ru["location"], ru["salary_raw"], ru["country"]) == (
        "Аккаунт-координатор", "Маяк", "Казань", "от 55 000 руб.", "RU")
    assert (zh["title"], zh["company"], zh["location"], zh["salary_raw"], zh["country"]) == (
        "客户经理", "苏州流光数字", "苏州", "10-14K", "CN")


# --- one bad item never stops the rest (found by fuzzing, 2026-12-02) ------------------


def test_csv_with_old_mac_line_endings_is_read_row_by_row(tmp_path):
    path = _write(tmp_path / "mac.csv",
                  "title,description\rA,We are hiring an account manager\rB,Second row, hiring\r")
    result = ingest_paths(path, progress=False)
    assert result.postings["title"].tolist() == ["A", "B"]
    assert result.rejects.empty


def test_stray_carriage_return_in_a_csv_cell_costs_that_row_only(tmp_path):
    path = _write(tmp_path / "stray.csv", "title,description\nA,We are\rhiring\nB,Good row we are hiring\n")
    result = ingest_paths(path, progress=False)
    assert "B" in result.postings["title"].tolist()  # the row after it is kept
    assert len(result.postings) + len(result.rejects) == 3  # "A" is split in two: each part accounted for


def test_header_only_csv_is_listed_not_silently_empty(tmp_path):
    path = _write(tmp_path / "header.csv", "title,description\n")
    result = ingest_paths(path, progress=False)
    assert result.postings.empty
    assert result.rejects["reason"].tolist() == ["no data rows below the header; add rows or remove the file"]


def test_file_name_that_is_not_utf8_is_stored_readably(tmp_path):
    name = os.fsdecode(b"caf\xe9.txt")  # a Latin-1 file name on a UTF-8 system
    (tmp_path / name).write_text("Account Manager\nWe are hiring an account manager.", encoding="utf-8")
    _write(tmp_path / "good.txt", "Account Director\nLead the agency's biggest client.")
    result = ingest_paths(tmp_path, progress=False)
    assert len(result.postings) == 2
    assert any(s.endswith("caf\\xe9.txt") for s in result.postings["source"])


def test_unreadable_json_lines_cost_one_line_each(tmp_path):
    lines = [
        '{"title": "Account Manager", "description": "We are hiring", "n": ' + "1" * 5000 + "}",
        '{"title": "Deep", "description": "We are hiring", "x": ' + "[" * 1100 + "]" * 1100 + "}",
        '{"title": "Account Director", "description": "Lead accounts."}',
    ]
    path = _write(tmp_path / "odd.jsonl", "\n".join(lines) + "\n")
    result = ingest_paths(path, progress=False)
    assert result.postings["title"].tolist() == ["Account Director"]
    assert result.rejects["source"].tolist() == [f"{path.as_posix()}#0", f"{path.as_posix()}#1"]
    assert result.rejects["reason"].str.startswith("unreadable JSON on line").all()


def test_jsonld_salary_beyond_float_range_does_not_lose_the_posting(tmp_path):
    obj = {"@type": "JobPosting", "title": "Account Manager", "description": "We are hiring.",
           "baseSalary": {"currency": "USD", "value": {"minValue": int("9" * 400), "unitText": "YEAR"}}}
    path = _write(tmp_path / "big.json", json.dumps(obj))
    result = ingest_paths(path, progress=False)
    assert result.postings["title"].tolist() == ["Account Manager"]


def test_iso_date_pads_early_years():
    import datetime as dt

    assert ingest.iso_date(dt.date(999, 1, 1)) == "0999-01-01"
    assert ingest.iso_date(dt.datetime(2026, 3, 4, 10, 30)) == "2026-03-04"


def test_broken_link_and_pipe_in_a_folder_are_listed(tmp_path):
    _write(tmp_path / "good.txt", "Account Manager\nWe are hiring an account manager.")
    (tmp_path / "gone.txt").symlink_to(tmp_path / "nowhere.txt")
    os.mkfifo(tmp_path / "pipe.txt")
    result = ingest_paths(tmp_path, progress=False)
    assert len(result.postings) == 1
    reasons = dict(zip(result.rejects["source"].str.rsplit("/", n=1).str[-1], result.rejects["reason"]))
    assert reasons["gone.txt"].startswith("broken symbolic link")
    assert reasons["pipe.txt"].startswith("not a regular file")


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
    path = _write(tmp_path / "quotes.csv", "\n".join(rows) + "\n")
    whole = ingest_paths(path, progress=False)
    sliced = [p for chunk, _ in iter_postings(path, chunk_size=2) for p in chunk["title"]]
    assert whole.postings["title"].tolist() == sliced == [f"T{i}" for i in range(9)]
    pieces = ingest.plan_units(path, chunk_size=2)
    assert [u.slices[0].first_row for u in pieces] == [0, 2, 4, 6, 8]


def test_utf16_csv_is_read_row_by_row(tmp_path):
    # Excel's "Unicode text" export: UTF-16 with a byte-order mark.
    text = "title,description\nA,We are hiring one\nB,Мы ищем менеджера\nC,我们在招聘\n"
    path = _write(tmp_path / "wide.csv", text.encode("utf-16"))
    result = ingest_paths(path, progress=False)
    assert result.postings["title"].tolist() == ["A", "B", "C"]
    assert result.postings["text"].tolist()[1] == "Мы ищем менеджера"
    assert result.rejects.empty


def test_quote_after_a_lone_carriage_return_opens_a_field_when_slicing(tmp_path):
    path = _write(tmp_path / "cr_quote.csv",
                  b'title,description\nA,one\nB,two\r"T1\nT1b",multi\nC,three\nD,four\n')
    whole = ingest_paths(path, progress=False)
    sliced_postings, sliced_rejects = [], []
    for chunk, rejects in iter_postings(path, chunk_size=1):
        sliced_postings += chunk["title"].tolist()
        sliced_rejects += rejects["reason"].tolist()
    assert sliced_postings == whole.postings["title"].tolist()
    assert len(sliced_rejects) == len(whole.rejects)
    assert ingest.iso_date(pd.NaT) is None


def test_unclosed_quote_at_the_end_of_a_sliced_csv_is_still_read(tmp_path):
    path = _write(tmp_path / "open.csv", 'title,description\nA,one hiring\nB,"unclosed\nC,three hiring\n')
    whole = ingest_paths(path, progress=False)
    sliced = [t for chunk, _ in iter_postings(path, chunk_size=1) for t in chunk["title"]]
    assert sliced == whole.postings["title"].tolist() and "B" in sliced
