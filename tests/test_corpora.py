"""corpora: corpus files read by their spec, and postings through the product path."""

from __future__ import annotations

import csv
import hashlib

import pandas as pd
import pytest

from workbench import config, corpora
from workbench.errors import CorpusError
from workbench.evaluate import half

# A team-written corpus in the shape of a job-board export with structured pay.
ROWS = [
    {"ref": "A1", "job": "Account Manager", "employer": "Fenmoor Print", "city": "Leeds, UK",
     "posted": "2026-02-02", "body": "Account Manager for print buyers.\nSalary £30,000 - £34,000 per annum.",
     "lo": "30000", "hi": "34000", "ccy": "GBP", "per": "YEARLY"},
    {"ref": "A2", "job": "Account Director", "employer": "Quillon Health", "city": "London, UK",
     "posted": "2026-02-03", "body": "Account Director for a health network. Pay is discussed at interview.",
     "lo": "", "hi": "", "ccy": "", "per": ""},
    {"ref": "A3", "job": "Менеджер по работе с клиентами", "employer": "Кедр", "city": "Минск",
     "posted": "2023-04-01T10:00:00+0300", "body": "Работа с ключевыми клиентами. Оклад от 1 500 BYN.",
     "lo": "1500", "hi": "0", "ccy": "BYR", "per": ""},
]
COLUMNS = "id=ref,title=job,company=employer,location=city,date=posted,text=body,low=lo,high=hi,currency=ccy,period=per"


def _write(path, rows=ROWS):
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    return path


def test_columns_option_reads_names_and_aliases(tmp_path):
    spec = corpora.spec_from_columns(tmp_path / "board.csv", COLUMNS)
    assert spec.name == "board"
    assert spec.columns["description"] == "body" and spec.columns["date_posted"] == "posted"
    assert spec.columns["currency"] == "ccy"


@pytest.mark.parametrize("columns, message", [
    ("low=lo", "must name the posting text"),
    ("text=body,salary=pay", "unknown --columns name"),
    ("text=body,low", "name=column pairs"),
])
def test_bad_columns_option_says_what_to_write(tmp_path, columns, message):
    with pytest.raises(CorpusError, match=message):
        corpora.spec_from_columns(tmp_path / "x.csv", columns)


def test_load_corpus_keys_halves_hashes_and_labels(tmp_path):
    spec = corpora.spec_from_columns(_write(tmp_path / "board.csv"), COLUMNS)
    frame = corpora.load_corpus(spec)
    assert list(frame["key"]) == ["board:A1", "board:A2", "board:A3"]
    assert list(frame["half"]) == [half(k) for k in frame["key"]]
    body = ROWS[0]["body"]
    assert frame.loc[0, "text_sha1"] == hashlib.sha1(body.encode("utf-8")).hexdigest()[:12]
    assert frame.loc[0, ["label_low", "label_high", "label_currency", "label_period"]].tolist() == \
        [30000.0, 34000.0, "GBP", "year"]
    # No structured pay: no label at all.
    assert frame.loc[1, ["label_low", "label_high"]].isna().all()
    # hh.ru's BYR is the Belarusian rouble (BYN); 0 is an open end, not a figure.
    assert frame.loc[2, "label_currency"] == "BYN"
    assert frame.loc[2, "label_low"] == 1500.0 and pd.isna(frame.loc[2, "label_high"])


def test_missing_file_and_missing_column_are_clear_errors(tmp_path):
    with pytest.raises(CorpusError, match="WORKBENCH_SHARED"):
        corpora.load_corpus(corpora.spec_from_columns(tmp_path / "none.csv", "text=body"))
    path = _write(tmp_path / "board.csv")
    with pytest.raises(CorpusError, match="no column.*description_text"):
        corpora.load_corpus(corpora.spec_from_columns(path, "text=description_text"))


def test_posting_file_holds_the_posting_fields_and_no_pay(tmp_path):
    spec = corpora.spec_from_columns(_write(tmp_path / "board.csv"), COLUMNS)
    path = corpora.posting_fields_csv(corpora.load_corpus(spec), tmp_path / "out.csv")
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle))
    assert rows[0] == ["title", "company", "location", "date_posted", "description"]
    assert rows[1] == ["Account Manager", "Fenmoor Print", "Leeds, UK", "2026-02-02", ROWS[0]["body"]]
    assert all("30000" not in cell and "GBP" not in cell for row in rows for cell in row[:4])


def test_product_path_finds_pay_in_the_text_and_only_there(tmp_path):
    spec = corpora.spec_from_columns(_write(tmp_path / "board.csv"), COLUMNS)
    run = corpora.run_product_path(corpora.load_corpus(spec))
    assert len(run.postings) == 3 and run.rejects.empty
    # The ingested posting carries no separate pay field: the pay was held out.
    assert run.postings["salary_raw"].isna().all()
    pay = run.pay.set_index("row")
    assert pay.loc[0, ["low", "high", "currency", "period"]].tolist() == [30000.0, 34000.0, "GBP", "year"]
    assert pay.loc[0, "n_records"] == 1
    text = run.postings.loc[0, "text"]  # offsets index the ingested text
    assert "£30,000 - £34,000" in text[int(pay.loc[0, "start"]):int(pay.loc[0, "end"])]
    assert pd.isna(pay.loc[1, "low"]) and pd.isna(pay.loc[1, "high"])
    assert pay.loc[2, "low"] == 1500.0


def test_epoch_milliseconds_become_an_iso_date(tmp_path):
    rows = [{"job_id": "7", "title": "Account Executive", "company_name": "Brightwater",
             "location": "Austin, TX", "listed_time": "1713540000000.0", "description": "Sell.",
             "min_salary": "60000", "max_salary": "70000", "currency": "USD", "pay_period": "YEARLY",
             "desc_has_dollar_amount": "False"}]
    path = _write(tmp_path / "linkedin.csv", rows)
    spec = corpora.SPECS["linkedin_us"]
    spec = corpora.CorpusSpec(**{**spec.__dict__, "path": path})
    frame = corpora.load_corpus(spec)
    assert frame.loc[0, "date_posted"] == "2024-04-19"  # 1713540000 s after 1970-01-01 UTC
    assert frame.loc[0, "key"] == "linkedin_us:7" and not frame.loc[0, "desc_has_dollar_amount"]


def test_unknown_corpus_names_the_known_ones():
    with pytest.raises(CorpusError, match="linkedin_us, hh_ru, uk_ads"):
        corpora.spec_for("reed_uk")


needs_corpora = pytest.mark.skipif(not config.CORPORA.is_dir(),
                                   reason=f"{config.CORPORA} absent (set WORKBENCH_SHARED)")


@needs_corpora
def test_specs_read_the_shared_corpora_as_their_readmes_count_them():
    sizes = {name: len(corpora.load_corpus(corpora.spec_for(name))) for name in corpora.SPECS}
    assert sizes == {"linkedin_us": 165, "hh_ru": 2563, "uk_ads": 990, "glassdoor": 956}
    uk = corpora.load_corpus(corpora.spec_for("uk_ads"))
    stated = uk[~uk["salary_looks_predicted"] & uk["desc_mentions_gbp"]]
    assert len(stated) == 328 and uk["salary_marked_estimated"].sum() == 457
    linkedin = corpora.load_corpus(corpora.spec_for("linkedin_us"))
    assert linkedin["desc_has_dollar_amount"].sum() == 144
    assert linkedin["label_period"].value_counts().to_dict() == {"year": 137, "hour": 27, "biweekly": 1}
    hh = corpora.load_corpus(corpora.spec_for("hh_ru"))
    assert hh["label_currency"].value_counts().to_dict() == {"BYN": 968, "RUB": 153, "USD": 17, "EUR": 6}
