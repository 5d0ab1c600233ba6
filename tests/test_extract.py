"""extract: postings in, records with attached, annualised pay out (converted only when asked)."""

import json

import pandas as pd
import pytest

from workbench import extract

AD_POSTING = (
    "Title: Account Director, cloud services, Reading\n"
    "Company: Northgate Digital\n"
    "Description: Account Director for a growing cloud provider. Up to ****k base plus "
    "****k commission and ****k car allowance. Duties and Responsibilities: % of time "
    "Win new margin within the existing accounts 30% Own the account plan and keep it current 10% "
    "Lead the virtual delivery team 30% Know the customer's business in depth 15% "
    "Build relationships at every level of the client 15% Report on margin and profitability."
)


def _posting(text, **extra):
    base = {"posting_id": "p1", "source": "fixture.txt", "title": None, "company": None,
            "location": None, "country": "GB", "language": "en", "date_posted": "2024-05-01",
            "salary_raw": None, "text": text}
    base.update(extra)
    return base


def test_account_director_posting_gives_masked_components_and_a_full_time_split():
    (record,) = extract.extract_posting(_posting(AD_POSTING, title="Account Director, cloud services"))
    assert record["role"]["level"] == 4
    shares = [t["share"] for t in record["time_allocation"]]
    assert len(shares) == 5 and sum(shares) == pytest.approx(100)
    assert all(t["category"] for t in record["time_allocation"])
    masked = [s for s in record["salaries"] if s["masked"]]
    assert [s["component"] for s in masked] == ["base", "commission", "allowance"]
    assert all(s["low"] is None and s["high"] is None for s in masked)
    assert all(s["annual_low"] is None for s in masked)


def test_pay_stays_in_its_own_currency_unless_a_currency_is_asked_for():
    text = "Account Manager. Salary £35,000 - £45,000 per annum plus bonus."
    (record,) = extract.extract_posting(_posting(text, title="Account Manager"))
    (base,) = [s for s in record["salaries"] if s["low"] == 35000]
    assert base["currency"] == "GBP" and base["period"] == "year"
    assert base["annual_low"] == 35000 and base["annual_high"] == 45000 and base["convention"]
    assert not {"reporting_currency", "annual_low_rc", "fx_rate", "rate_date"} & set(base)


def test_asked_for_currency_converts_at_the_ecb_rate_of_the_posting_date():
    from workbench import fx

    text = "Account Manager. Salary £35,000 - £45,000 per annum plus bonus."
    (record,) = extract.extract_posting(_posting(text, title="Account Manager"), currency="EUR")
    (base,) = [s for s in record["salaries"] if s["low"] == 35000]
    expected = fx.convert(1.0, "GBP", "EUR", "2024-05-01")  # the posting's date
    assert base["reporting_currency"] == "EUR"
    assert base["fx_rate"] == pytest.approx(expected.rate) and base["fx_rate"] > 1.0
    # 1 May is a TARGET holiday: the ECB fixing of 30 April is the rate of that day.
    assert base["rate_date"] == expected.rate_date.isoformat() == "2024-04-30"
    assert base["annual_low_rc"] == pytest.approx(35000 * expected.rate, abs=0.01)
    assert base["annual_high_rc"] == pytest.approx(45000 * expected.rate, abs=0.01)
    (bonus,) = [s for s in record["salaries"] if s["component"] == "bonus"]
    assert bonus["annual_low_rc"] is None and bonus["fx_rate"] is None  # no amount, nothing converted


def test_convert_records_looks_each_currency_and_date_up_once(monkeypatch):
    from workbench import fx

    calls = []
    real = fx.convert
    monkeypatch.setattr(fx, "convert", lambda *a, **k: calls.append(a) or real(*a, **k))
    records = [{"date_posted": "2024-05-01" if i % 2 else "2024-05-02",
                "salaries": [{"currency": "GBP", "annual_low": 1000.0 * (i + 1), "annual_high": None}]}
               for i in range(10)]
    extract.convert_records(records, "USD")
    assert sorted(a[3] for a in calls) == ["2024-05-01", "2024-05-02"]
    assert [r["salaries"][0]["annual_low_rc"] for r in records[:2]] == [
        pytest.approx(1000 * real(1.0, "GBP", "USD", "2024-05-02").rate, abs=0.01),
        pytest.approx(2000 * real(1.0, "GBP", "USD", "2024-05-01").rate, abs=0.01)]


def test_hourly_pay_uses_the_market_convention():
    text = "Account Executive, temporary cover. £15.00 per hour."
    (record,) = extract.extract_posting(_posting(text, title="Account Executive"))
    (pay,) = record["salaries"]
    assert pay["period"] == "hour"
    assert pay["annual_low"] == pytest.approx(15.0 * 1920)
    assert "1920" in pay["convention"].replace(",", "")


def test_separate_pay_field_belongs_to_the_main_role():
    posting = _posting("Key Account Manager for national retail chains.",
                       title="Key Account Manager", salary_raw="£48,000 - £55,000 per annum")
    (record,) = extract.extract_posting(posting)
    (pay,) = record["salaries"]
    assert pay["field"] == "salary_raw" and pay["low"] == 48000 and pay["high"] == 55000


# A posting for an Account Director whose text also describes the Account Manager below
# them, under a heading of its own (two records).
TWO_ROLES = (
    "The role: Account Director\n"
    "Account Director:\n"
    "- Lead the agency relationship with two national grocery clients and own the annual account plan.\n"
    "- Coach the account team and sign off every client budget before it is presented.\n"
    "Account Manager:\n"
    "- The Account Manager in the team runs day-to-day delivery and weekly status reports.\n"
    "- Keeps budgets, timings and briefs up to date for the Account Director."
)


def test_separate_pay_field_goes_to_the_main_role_of_a_multi_role_posting():
    posting = _posting(TWO_ROLES, title="Account Director", salary_raw="£60,000 - £70,000 per annum")
    director, manager = extract.extract_posting(posting)
    assert (director["role"]["label"], manager["role"]["label"]) == ("Account Director", "Account Manager")
    (pay,) = director["salaries"]
    assert (pay["field"], pay["low"], pay["high"]) == ("salary_raw", 60000, 70000)
    assert manager["salaries"] == []


def test_separate_pay_field_without_a_currency_takes_the_markets():
    posting = _posting(TWO_ROLES, title="Account Director", salary_raw="60,000 - 70,000")
    (pay,) = extract.extract_posting(posting)[0]["salaries"]
    assert (pay["currency"], pay["period"], pay["annual_low"]) == ("GBP", "year", 60000)


def test_separate_pay_field_reads_an_unwritten_period_by_the_posting_market():
    # A Russian posting paying in dollars: the period is the Russian (monthly) convention,
    # not the dollar's home market's (yearly).
    posting = _posting("Менеджер по работе с клиентами в рекламное агентство.", country="RU",
                       language="ru", title="Менеджер по работе с клиентами", salary_raw="от 1500 USD")
    (pay,) = extract.extract_posting(posting)[0]["salaries"]
    assert (pay["low"], pay["high"], pay["currency"]) == (1500, None, "USD")
    assert (pay["period"], pay["period_inferred"], pay["annual_low"]) == ("month", True, 18000)


def test_unknown_values_are_null_not_invented():
    (record,) = extract.extract_posting(_posting("We are hiring. Details to follow.", country=None,
                                                 language="en"))
    assert record["salaries"] == []
    assert record["experience_years"]["min"] is None
    assert record["country"] is None


def test_extract_frame_flattens_records_into_store_tables():
    postings = pd.DataFrame([
        _posting(AD_POSTING, posting_id="a", title="Account Director"),
        _posting("Account Manager. £30,000 - £36,000 per annum. 2-3 years' experience.",
                 posting_id="b", title="Account Manager"),
    ])
    tables = extract.extract_frame(postings)
    assert set(tables) == set(extract.TABLES)
    records = tables["records"]
    assert list(records["record_id"]) == ["a:0", "b:0"]
    assert records["role_level"].tolist() == [4, 2]
    assert str(records["title"].dtype) == "str"
    sal = tables["salaries"]
    assert sal.loc[sal["record_id"] == "b:0", "annual_low"].tolist() == [30000]
    assert len(tables["time_allocation"]) == 5
    json.loads(records.loc[0, "record_json"])  # the full record is kept as JSON
    assert tables["rejects"].empty


def test_one_bad_posting_is_rejected_with_its_reason_and_the_rest_go_on(monkeypatch):
    real = extract.structure.analyse

    def fragile(text, title=None, language=None, **options):
        if "BOOM" in text:
            raise ValueError("cannot segment")
        return real(text, title=title, language=language, **options)

    monkeypatch.setattr(extract.structure, "analyse", fragile)
    postings = pd.DataFrame([_posting("BOOM", posting_id="x", source="bad.txt"),
                             _posting("Account Manager, £30k", posting_id="y")])
    tables = extract.extract_frame(postings)
    assert tables["records"]["posting_id"].tolist() == ["y"]
    (reject,) = tables["rejects"].to_dict("records")
    assert reject["source"] == "bad.txt" and reject["stage"] == "extract"
    assert "cannot segment" in reject["reason"]


@pytest.mark.parametrize("location, country, language, city, region", [
    ("Canary Wharf, London", "GB", "en", "London", "London"),
    ("London (Hybrid)", "GB", "en", "London", "London"),
    ("Manchester, Greater Manchester", "GB", "en", "Manchester", "North West"),
    ("Berkshire", "GB", "en", None, "South East"),
    ("Austin, TX", "US", "en", "Austin", "Texas"),
    ("Boston", "US", "en", "Boston", "Massachusetts"),  # the posting's market settles the name
    ("Boston", "GB", "en", "Boston", "East Midlands"),
    ("Москва, м. Таганская", None, "ru", "Moscow", "Moscow"),  # market from the language
    ("上海 静安区", None, "zh", "Shanghai", "Shanghai"),
    ("Remote", "GB", "en", None, None),
    (None, "GB", "en", None, None),
])
def test_records_carry_the_city_and_region_parsed_from_the_location(location, country, language,
                                                                     city, region):
    (record,) = extract.extract_posting(_posting("Account Manager, £30k", location=location,
                                                 country=country, language=language))
    assert (record["city"], record["region"]) == (city, region)
    assert record["location"] == location
    keys = list(record)
    assert keys[keys.index("location"):keys.index("location") + 4] == ["location", "city", "region",
                                                                        "country"]


def test_city_and_region_reach_the_store_and_bench_load(tmp_path):
    from workbench import bench, store

    postings = pd.DataFrame([
        _posting("Account Manager. £30,000 - £36,000 per annum.", posting_id="a",
                 title="Account Manager", location="Shoreditch, London EC2A"),
        _posting("Account Manager. £28,000 - £32,000 per annum.", posting_id="b",
                 title="Account Manager", location="Leeds, West Yorkshire"),
        _posting("Account Manager. £28,000 - £32,000 per annum.", posting_id="c",
                 title="Account Manager", location=None),
    ])
    tables = extract.extract_frame(postings)
    assert tables["records"]["city"].tolist()[:2] == ["London", "Leeds"]
    assert tables["records"]["city"].isna().tolist() == [False, False, True]
    store.write_store(tables, tmp_path / "store")
    loaded = bench.load(tmp_path / "store")
    records = loaded.records.set_index("record_id")
    assert records.loc["a:0", "city"] == "London" and records.loc["a:0", "region"] == "London"
    assert records.loc["b:0", "region"] == "Yorkshire and The Humber"
    assert pd.isna(records.loc["c:0", "city"])
    points = bench.pay_points(loaded)  # the analytics still run on records with the new columns
    assert sorted(points["record_id"]) == ["a:0", "b:0", "c:0"]
    with store.connect(tmp_path / "store") as con:
        got = con.execute("SELECT city, count(*) FROM records GROUP BY city ORDER BY city").fetchall()
    assert got == [("Leeds", 1), ("London", 1), (None, 1)]


def test_pay_in_raw_html_goes_to_the_role_it_describes():
    html = ("<h2>Account Manager</h2><ul><li>Keep in touch with every client of the portfolio each week</li>"
            "<li>Salary: an account manager earns $55,000 a year</li></ul>"
            "<h2>Account Director</h2><ul><li>Lead the account team and own the commercial relationship</li>"
            "<li>Salary: an account director earns around $110,000 a year</li></ul>")
    records = extract.extract_text(html, country="US", currency="USD")
    assert [(r["role"]["label"], [s["low"] for s in r["salaries"]]) for r in records] == [
        ("Account Manager", [55000.0]), ("Account Director", [110000.0])]
    assert records[0]["salaries"][0]["text"] == "earns $55,000 a year"


def test_the_pay_field_is_read_as_a_field_and_the_text_as_running_text():
    from workbench.extract import extract_posting

    posting = {"posting_id": "p", "source": "s", "title": "Account Manager", "country": "GB",
               "language": "en", "text": "Account Manager for our team.\n35-40k",
               "salary_raw": "28000 - 32000 plus generous benefits package, pension and parking"}
    (record,) = extract_posting(posting)
    fields = [(s["field"], s["low"]) for s in record["salaries"]]
    assert ("salary_raw", 28000) in fields
    assert all(f != "text" for f, _ in fields)  # a bare "35-40k" line in a description has no pay evidence


def test_an_implausible_mention_is_kept_but_never_annualised():
    from workbench.extract import extract_posting

    posting = {"posting_id": "p", "source": "s", "title": "Менеджер по работе с клиентами",
               "country": "RU", "language": "ru",
               "text": "Менеджер по работе с клиентами.\nЗарплата 900 млн рублей в месяц."}
    (record,) = extract_posting(posting, currency="EUR")
    (pay,) = record["salaries"]
    assert pay["implausible"] is True and pay["low"] == 900_000_000
    assert pay["annual_low"] is None and pay["annual_low_rc"] is None and pay["fx_rate"] is None
    assert "implausible" in pay["convention"]


@pytest.mark.parametrize("location, country, currency", [
    ("Denver, CO", "US", "USD"),
    ("Remote, US", "US", "USD"),
    ("United States", "US", "USD"),
    ("Bristol, England", "GB", "GBP"),
    ("Chicago", None, None),  # a bare city names no country: nothing is guessed
])
def test_an_empty_country_comes_from_the_location(location, country, currency):
    posting = _posting("Account Manager. Base salary 90k to 100k a year.", location=location,
                       country=None, language="en")
    (record,) = extract.extract_posting(posting)
    assert record["country"] == country
    (pay,) = record["salaries"]
    assert (pay["low"], pay["high"], pay["period"]) == (90000, 100000, "year")
    assert pay["currency"] == currency


def test_a_country_field_wins_over_the_location():
    posting = _posting("Account Manager. Base salary 90k to 100k a year.",
                       location="Austin, TX", country="GB", language="en")
    (record,) = extract.extract_posting(posting)
    assert record["country"] == "GB"
    assert [s["currency"] for s in record["salaries"]] == ["GBP"]
