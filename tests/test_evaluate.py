"""evaluate: agreement reports on small CSVs written here."""

from __future__ import annotations

import pandas as pd

from workbench.evaluate import eval_glassdoor, eval_salary, format_report, half

LABELLED_COLUMNS = ["text", "language", "shape", "currency_arg", "market_arg", "n_mentions",
                    "low", "high", "currency", "period", "component", "gross",
                    "months_per_year", "masked", "note"]


def _write(tmp_path, rows):
    path = tmp_path / "labelled.csv"
    pd.DataFrame(rows, columns=LABELLED_COLUMNS).to_csv(path, index=False)
    return path


def test_eval_salary_agreement_and_breakdown(tmp_path):
    path = _write(tmp_path, [
        ["£30,000 - £35,000 per annum", "en", "range", "", "", 1, 30000, 35000, "GBP", "year",
         "unspecified", "", "", "false", ""],
        ["от 80 000 до 120 000 ₽ на руки", "ru", "range", "", "", 1, 80000, 120000, "RUB",
         "month", "unspecified", "false", "", "false", ""],
        ["25-35K·13薪", "zh", "k_month", "", "", 1, 25000, 35000, "CNY", "month",
         "unspecified", "", 13, "false", ""],
        ["Webindex: 62124303", "en", "negative", "", "", 0, "", "", "", "", "", "", "", "", ""],
        # deliberately wrong label: the report must list it with a reason
        ["£40k", "en", "single", "", "", 1, 41000, 41000, "GBP", "year", "unspecified", "", "",
         "false", ""],
    ])
    report = eval_salary(path)
    assert report.n == 5
    assert report.agreement == 0.8
    assert len(report.disagreements) == 1
    assert "low expected 41000" in report.disagreements.loc[0, "reason"]
    langs = report.by_language.set_index("language")["agreement"].to_dict()
    assert langs == {"en": round(2 / 3, 4), "ru": 1.0, "zh": 1.0}
    text = report.summary()
    assert "agreement: 80.00%" in text and "by shape" in text and "£40k" in text
    assert format_report(report) == text


def test_eval_salary_counts_mentions(tmp_path):
    path = _write(tmp_path, [
        ["£30k basic + OTE £50k", "en", "multi", "", "", 2, 30000, 30000, "GBP", "year",
         "base", "", "", "false", ""],
        ["£30k basic + OTE £50k + car", "en", "multi", "", "", 2, 30000, 30000, "GBP", "year",
         "base", "", "", "false", ""],
    ])
    report = eval_salary([path])
    assert report.agreement == 0.5
    assert "n_mentions expected 2, got 3" in report.disagreements.loc[0, "reason"]


def test_eval_glassdoor_on_a_small_file(tmp_path):
    path = tmp_path / "gd.csv"
    pd.DataFrame({
        "Salary Estimate": ["$53K-$91K (Glassdoor est.)", "Employer Provided Salary:$150K-$160K",
                            "$17-$24 Per Hour(Glassdoor est.)", "$10K-$20K (Glassdoor est.)"],
        "hourly": [0, 0, 1, 0],
        "employer_provided": [0, 1, 0, 0],
        "min_salary": [53, 150, 17, 11],
        "max_salary": [91, 160, 24, 20],
    }).to_csv(path, index=False)
    report = eval_glassdoor(path)
    assert report.n == 4 and report.agreement == 0.75
    assert "low expected 11000" in report.disagreements.loc[0, "reason"]
    shapes = set(report.by_shape["shape"])
    assert shapes == {"annual_estimate", "annual_employer", "hourly_estimate"}


def test_shipped_labelled_set_meets_target():
    from workbench.config import LABELLED

    report = eval_salary(LABELLED / "salary_labelled.csv")
    assert report.n >= 500
    assert report.agreement >= 0.98, report.summary()


def test_eval_boss_on_a_small_file(tmp_path):
    from workbench.evaluate import eval_boss

    path = tmp_path / "boss.csv"
    pd.DataFrame({"薪资": ["12-18K", "25-35K·13薪", "300-330元/天", "3000-10000元/月",
                          "薪资"]}).to_csv(path, index=False)
    report = eval_boss(path)
    assert report.n == 4 and report.agreement == 1.0
    assert set(report.by_shape["shape"]) == {"k_month", "k_month_13", "yuan_day", "yuan_month"}


# First 8 hex digits of each key's SHA-1 as `printf '%s' KEY | sha1sum` prints them
# (coreutils, not Python), and the split CONVENTIONS.md derives from them.
HALVES = {
    "linkedin_us:3902356107": ("9d23490d", "holdout"),
    "hh_ru:46799838": ("9dd1d726", "tune"),
    "uk_ads:5744466927": ("cd080112", "tune"),
    "glassdoor:0": ("89d09c7d", "holdout"),
    "£30,000 per annum": ("59688955", "holdout"),
}


def test_half_follows_the_conventions_split():
    for key, (prefix, want) in HALVES.items():
        assert ("tune" if int(prefix, 16) % 2 == 0 else "holdout") == want
        assert half(key) == want, key


def test_eval_salary_scores_each_half_and_hides_held_out_failures(tmp_path):
    rows = [
        ["£30,000 - £35,000 per annum", "en", "range", "", "", 1, 30000, 35000, "GBP", "year",
         "unspecified", "", "", "false", ""],
        ["£40k", "en", "single", "", "", 1, 41000, 41000, "GBP", "year", "unspecified", "", "",
         "false", "wrong on purpose"],
        ["£50k", "en", "single", "", "", 1, 51000, 51000, "GBP", "year", "unspecified", "", "",
         "false", "wrong on purpose"],
    ]
    frame = pd.DataFrame(rows, columns=LABELLED_COLUMNS).assign(half=["tune", "tune", "holdout"])
    path = tmp_path / "halves.csv"
    frame.to_csv(path, index=False)
    report = eval_salary(path)
    halves = report.by_half.set_index("half")
    assert (halves.loc["tune", "agree"], halves.loc["tune", "n"]) == (1, 2)
    assert (halves.loc["holdout", "agree"], halves.loc["holdout", "n"]) == (0, 1)
    lo, hi = halves.loc["tune", ["ci_low", "ci_high"]]
    assert 0.09 < lo < 0.1 and 0.9 < hi < 0.91  # Wilson 95% for 1/2: 0.0945-0.9055
    assert list(report.disagreements["text"]) == ["£40k"]
    assert "1 failing held-out row(s) not listed" in report.summary()
    shown = eval_salary(path, show_holdout_failures=True)
    assert list(shown.disagreements["text"]) == ["£40k", "£50k"]


def test_breakdowns_by_language_and_shape_leave_held_out_rows_out(tmp_path):
    """The tuning rows agree, so a breakdown over every row would point at the held-out
    failure's language and shape; it counts the tuning rows only unless asked."""
    rows = [
        ["£30,000 - £35,000 per annum", "en", "range", "", "", 1, 30000, 35000, "GBP", "year",
         "unspecified", "", "", "false", ""],
        ["от 50 000 руб.", "ru", "from", "", "", 1, 51000, "", "RUB", "month", "unspecified",
         "", "", "false", "wrong on purpose"],
    ]
    frame = pd.DataFrame(rows, columns=LABELLED_COLUMNS).assign(half=["tune", "holdout"])
    path = tmp_path / "halves.csv"
    frame.to_csv(path, index=False)
    report = eval_salary(path)
    assert report.by_language["language"].tolist() == ["en"]
    assert report.by_shape["shape"].tolist() == ["range"]
    assert "count the tuning rows only" in report.summary()
    shown = eval_salary(path, show_holdout_failures=True)
    assert shown.by_language.set_index("language")["agree"].to_dict() == {"en": 1, "ru": 0}


def test_a_whole_file_tuning_set_is_its_own_half_and_its_failures_are_listed(tmp_path):
    rows = [
        ["£30,000 - £35,000 per annum", "en", "range", "", "", 1, 30000, 35000, "GBP", "year",
         "unspecified", "", "", "false", ""],
        ["£40k", "en", "single", "", "", 1, 41000, 41000, "GBP", "year", "unspecified", "", "",
         "false", "wrong on purpose"],
    ]
    path = tmp_path / "tune2.csv"
    pd.DataFrame(rows, columns=LABELLED_COLUMNS).assign(half="tune2").to_csv(path, index=False)
    report = eval_salary(path)
    halves = report.by_half.set_index("half")
    assert list(halves.index) == ["tune", "holdout", "tune2", "all"]
    assert (halves.loc["tune2", "agree"], halves.loc["tune2", "n"]) == (1, 2)
    assert (halves.loc["tune", "n"], halves.loc["holdout", "n"]) == (0, 0)
    assert list(report.disagreements["text"]) == ["£40k"]  # listed like the tune half's
    assert "tune2" in report.summary() and "not listed" not in report.summary()


def test_the_committed_pay_field_sets_are_scored_per_half():
    from workbench import config

    first = eval_salary(config.LABELLED / "pay_fields" / "pay_fields.csv", field=True)
    second = eval_salary(config.LABELLED / "pay_fields" / "pay_fields_2.csv", field=True)
    assert first.by_half.set_index("half")["n"].to_dict() == {"tune": 267, "holdout": 322, "all": 589}
    assert second.by_half.set_index("half")["n"].to_dict() == {
        "tune": 0, "holdout": 0, "tune2": 360, "all": 360}


def test_pay_field_set_5_is_a_whole_file_tuning_set():
    from workbench import config

    fifth = eval_salary(config.LABELLED / "pay_fields" / "pay_fields_5.csv", field=True)
    halves = fifth.by_half.set_index("half")["n"].to_dict()
    assert halves["tune5"] == 412 and halves["all"] == 412
    assert halves.get("tune", 0) == 0 and halves.get("holdout", 0) == 0


def test_pay_field_set_6_is_a_whole_file_tuning_set():
    from workbench import config

    sixth = eval_salary(config.LABELLED / "pay_fields" / "pay_fields_6.csv", field=True)
    halves = sixth.by_half.set_index("half")["n"].to_dict()
    assert halves["tune6"] == 394 and halves["all"] == 394
    assert halves.get("tune", 0) == 0 and halves.get("holdout", 0) == 0


def test_eval_salary_field_mode_reads_a_long_pay_field(tmp_path):
    text = "32,000 - 36,000 per annum + benefits + pension + 25 days holiday + parking"
    path = _write(tmp_path, [[text, "en", "field", "GBP", "GB", 1, 32000, 36000, "GBP", "year",
                              "unspecified", "", "", "false", ""]])
    assert len(text) > 64
    assert eval_salary(path, field=True).agreement == 1.0
    assert "field mode" in eval_salary(path, field=True).name


def test_a_half_without_rows_is_not_printed(tmp_path):
    rows = [["£30,000 - £35,000 per annum", "en", "range", "", "", 1, 30000, 35000, "GBP", "year",
             "unspecified", "", "", "false", ""]]
    path = tmp_path / "tune2.csv"
    pd.DataFrame(rows, columns=LABELLED_COLUMNS).assign(half=["tune2"]).to_csv(path, index=False)
    text = format_report(eval_salary(path))
    assert "nan" not in text
    assert "tune2" in text and "1/1" in text
    assert not any(line.split()[:1] in (["tune"], ["holdout"]) for line in text.splitlines())
