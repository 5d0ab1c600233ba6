"""markets: the one table of markets, currencies and countries, and what is built from it."""

from __future__ import annotations

import re

import pytest

from workbench import markets
from workbench.errors import ParameterError
from workbench.salary import parse_salary


@pytest.fixture()
def fresh_table(monkeypatch, tmp_path):
    """Point the module at another data file (caches emptied before and after)."""
    def use(text: str):
        path = tmp_path / "markets.yaml"
        path.write_text(text, encoding="utf-8")
        monkeypatch.setattr(markets, "MARKETS_PATH", path)
        _clear()
    yield use
    monkeypatch.undo()
    _clear()


def _clear():
    for name in dir(markets):
        fn = getattr(markets, name)
        if callable(fn) and hasattr(fn, "cache_clear"):
            fn.cache_clear()


def test_every_market_has_a_currency_a_convention_and_plausible_bands():
    for code in markets.market_codes():
        m = markets.market(code)
        assert m.currency in markets.currencies()
        assert set(m.convention) == {"hours_per_week", "weeks_per_year", "days_per_year",
                                     "months_per_year", "default_period"}
        assert m.convention["default_period"] in markets.PERIODS
        assert set(m.plausible) == set(markets.PERIODS)
        assert all(lo < hi for lo, hi in m.plausible.values())


def test_codes_choices_and_currencies_come_in_the_files_order():
    assert markets.market_codes()[:3] == ("GB", "US", "EU")
    assert markets.market_codes(with_all=True)[-1] == "ALL"
    assert markets.currencies()[:3] == ("GBP", "USD", "EUR")
    assert {"BYN", "RUB", "CNY"} <= set(markets.currencies())


@pytest.mark.parametrize("code, market", [
    ("GB", "GB"), ("uk", "GB"), ("GBR", "GB"), ("DE", "EU"), ("FR", "EU"), ("BG", "EU"),
    ("BLR", "BY"), ("SE", None), ("CH", None), ("XX", None), (None, None), ("", None),
])
def test_country_market_reads_codes_aliases_and_members(code, market):
    assert markets.country_market(code) == market


@pytest.mark.parametrize("code, market", [
    ("GBP", "GB"), ("RUR", "RU"), ("BYR", "BY"), ("RMB", "CN"), ("EUR", "EU"),
    ("CAD", "CA"), ("AUD", "AU"), ("INR", "IN"), ("KZT", "RU"), ("CHF", "EU"), ("SEK", None), ("DE", "EU"),
])
def test_market_of_also_reads_currencies_for_their_convention(code, market):
    assert markets.market_of(code) == market


def test_resolve_market_accepts_codes_and_aliases_and_names_the_valid_ones():
    assert markets.resolve_market("uk") == "GB"
    assert markets.resolve_market(" all ") == "ALL"
    with pytest.raises(ParameterError, match=r"unknown market 'Mars'; use one of GB, US, EU, .*ALL"):
        markets.resolve_market("Mars")
    with pytest.raises(ParameterError, match="FR is part of the EU market .*ask for EU"):
        markets.resolve_market("fr")


def test_default_currency_of_a_market_or_its_countries():
    assert [markets.currency_of(c) for c in ("GB", "FR", "NL", "BY", "uk", "SE")] == [
        "GBP", "EUR", "EUR", "BYN", "GBP", None]


def test_languages_name_their_market():
    assert (markets.language_market("ru"), markets.language_market("zh"),
            markets.language_market("en"), markets.language_market(None)) == ("RU", "CN", None, None)


@pytest.mark.parametrize("marker, code", [
    ("£", "GBP"), ("US$", "USD"), ("c$", "CAD"), ("A$", "AUD"), ("hk$", "HKD"), ("₹", "INR"),
    ("руб.", "RUB"), ("рублей", "RUB"), ("р.", "RUB"), ("₽", "RUB"), ("RUR", "RUB"),
    ("бел. руб.", "BYN"), ("белорусских рублей", "BYN"), ("Br", "BYN"), ("BYR", "BYN"),
    ("pounds sterling", "GBP"), ("sterling", "GBP"), ("долл.", "USD"), ("dollars", "USD"),
    ("евро", "EUR"), ("euros", "EUR"), ("元", "CNY"), ("人民币", "CNY"), ("юаней", "CNY"), ("yuan", "CNY"),
    ("rmb", "CNY"), ("sek", "SEK"), ("dollarz", None), ("руб.x", None),
])
def test_currency_code_of_every_written_form(marker, code):
    assert markets.currency_code(marker) == code


def test_suffix_and_prefix_patterns_match_the_forms_the_engine_reads():
    suffix = re.compile("(?:" + markets.suffix_pattern() + r")\Z")
    for written in ("£", "元", "руб.", "бел. руб.", "usd", "rur", "pounds sterling", "евро", "人民币"):
        assert suffix.match(written), written
    assert not suffix.match("rubx") and not suffix.match("eurx")
    prefix = re.compile("(?:" + markets.prefix_pattern() + r")\Z")
    for written in ("$", "us$", "au$", "£", "₹", "gbp", "byr", "人民币"):
        assert prefix.search(written), written
    assert prefix.search("x$") is None  # a '$' glued to a word is no currency
    assert markets.prefix_last_chars() >= set("$£€¥₽₹币")
    assert re.fullmatch(markets.fast_prefix_pattern(), "rub ")  # market currencies' codes, then a space


def test_country_names_cover_english_russian_and_chinese():
    names = markets.country_names()
    assert {"United Kingdom", "Великобритания", "英国"} <= set(names["GB"]["names"])
    assert names["NO"]["codes"] == ["NO"]  # YAML's bare NO would be false


def test_place_words_and_country_names_are_not_too_short_to_look_up():
    # A name whose lookup key (letters and digits) is a letter or two would match stray parts.
    words = [n for spec in markets.country_names().values() for n in spec["names"]]
    words += [p for code in markets.market_codes() for p in markets.market(code).places]
    assert [w for w in words if len(markets._key(w)) < 2] == []


def test_infer_country_tries_field_place_currency_then_language():
    assert markets.infer_country("Deutschland") == "DE"
    assert markets.infer_country(None, "Edinburgh, Scotland") == "GB"  # a place word of GB
    assert markets.infer_country(None, "Минск", None, "от 100 000 руб.", "ru") == "BY"
    # Belarusian roubles before Russian ones ('бел. руб.' holds 'руб'), the dollar last
    assert markets.infer_country(None, None, "1 200 бел. руб.", None, "ru") == "BY"
    assert markets.infer_country(None, None, None, "USD 500 bonus, оклад 90 000 руб.", "ru") == "RU"
    assert markets.infer_country(None, None, None, "$50k, USD", "en") == "US"
    assert markets.infer_country(None, None, None, "€40,000", "en") is None  # € names no country
    assert markets.infer_country(None, None, None, "文本", "zh") == "CN"


def test_a_contradictory_table_is_refused_naming_the_entry(fresh_table):
    base = markets.MARKETS_PATH.read_text(encoding="utf-8")
    fresh_table(base.replace("    currency: GBP\n", "    currency: XXX\n", 1))
    with pytest.raises(ValueError, match="market GB: currency 'XXX' is not under `currencies`"):
        markets.market_codes()
    fresh_table(base.replace("    aliases: [USA]", "    aliases: [USA, UK]", 1))
    with pytest.raises(ValueError, match="UK is named by markets GB and US"):
        markets.market_codes()
    fresh_table(base.replace("hour: [4, 400]", "hour: [400, 4]", 1))
    with pytest.raises(ValueError, match="market GB: plausible"):
        markets.market_codes()


def test_a_new_market_in_the_table_is_everywhere_the_table_is_read(fresh_table):
    base = markets.MARKETS_PATH.read_text(encoding="utf-8")
    extra = ("  XA:\n    name: Test market\n    currency: SEK\n    places: [Testville]\n"
             "    convention: {hours_per_week: 37, weeks_per_year: 50, days_per_year: 230,"
             " months_per_year: 12, default_period: month, source: a test}\n"
             "    plausible: {hour: [1, 2], day: [1, 2], week: [1, 2], month: [1, 2], year: [1, 2]}\n\n")
    fresh_table(base.replace("# Figures of no known market", extra + "# Figures of no known market", 1))
    assert markets.market_codes(with_all=True)[-2:] == ("XA", "ALL")
    assert markets.currency_of("XA") == "SEK" and markets.market_of("SEK") == "XA"
    assert markets.convention("XA")["hours_per_week"] == 37
    assert markets.infer_country(None, "Testville") == "XA"
    assert markets.infer_country(None, None, None, "lön 30 000 SEK", "und") == "XA"
    assert "sek " in markets.fast_prefix_pattern()


# ------------------------------------------------------------------ a market added: Poland

_PL_ROWS = [  # team-written Polish postings: five employers, one stating the pay in PLN
    ("Account Manager", "Agencja Alfa", "Warszawa", "od 8 000 do 12 000 zł brutto miesięcznie"),
    ("Account Manager", "Beta Media", "Kraków", "od 9 000 do 11 000 zł brutto miesięcznie"),
    ("Account Manager", "Gamma Digital", "Wrocław", "od 7 000 do 10 000 zł brutto miesięcznie"),
    ("Account Manager", "Delta Sp. z o.o.", "Poznań", "od 10 000 do 14 000 PLN brutto miesięcznie"),
    ("Account Manager", "Epsilon Group", "Gdańsk", "od 8 500 do 12 500 zł brutto miesięcznie"),
]


def _pl_postings(tmp_path):
    import csv

    path = tmp_path / "pl.csv"
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["title", "company", "location", "description"])
        for title, company, city, pay in _PL_ROWS:
            writer.writerow([title, company, city,
                             f"Szukamy osoby na stanowisko {title}. Wynagrodzenie: {pay}. "
                             f"Obowiązki: opieka nad kluczowymi klientami agencji."])
    return path


def test_a_polish_posting_is_read_and_benchmarked_as_pl(tmp_path):
    from workbench import bench, fx
    from workbench.extract import extract_frame
    from workbench.ingest import ingest_paths

    result = ingest_paths([_pl_postings(tmp_path)], progress=False)
    assert list(result.postings["country"]) == ["PL"] * 5  # the city names the market
    tables = extract_frame(result.postings)
    pay = tables["salaries"].iloc[0]
    assert (pay["low"], pay["high"], pay["currency"], pay["period"], bool(pay["gross"])) == (
        8000, 12000, "PLN", "month", True)
    assert not pay["period_inferred"]
    assert (pay["annual_low"], pay["annual_high"]) == (96000, 144000)  # PLN, 12 months, as stated
    assert markets.resolve_market("pl") == "PL" and markets.currency_of("PL") == "PLN"

    points = bench.pay_points(bench.Tables(records=tables["records"], salaries=tables["salaries"]),
                              currency="PLN", market="PL")
    assert len(points) == 5 and set(points["country"]) == {"PL"}
    # midpoints of the five annual ranges, in PLN: 120, 120, 102, 144, 126 thousand
    assert sorted(points["annual_base"]) == [102000, 120000, 120000, 126000, 144000]
    cell = bench.market_percentiles(points, by=("role_level",), n_boot=0).iloc[0]
    assert (cell["n"], cell["p50"], cell["currency"], bool(cell["suppressed"])) == (5, 120000, "PLN", False)
    # in pounds: each point at the ECB rate of its (undated: latest) posting date
    rate = fx.convert(1.0, "PLN", "GBP").rate
    in_gbp = bench.pay_points(bench.Tables(records=tables["records"], salaries=tables["salaries"]),
                              currency="GBP", market="PL")
    assert sorted(in_gbp["annual_base"]) == pytest.approx([v * rate for v in (102000, 120000, 120000,
                                                                                126000, 144000)])
    assert len(bench.pay_points(bench.Tables(records=tables["records"], salaries=tables["salaries"]),
                                currency="PLN", market="EU")) == 0


def test_a_polish_posting_without_a_city_is_placed_by_its_zloty():
    assert markets.infer_country(None, None, "od 8 000 do 12 000 zł brutto miesięcznie", None, "und") == "PL"
    assert markets.infer_country("Polska") == "PL" and markets.currency_code("zł") == "PLN"


def test_the_readme_lists_the_markets_and_currencies_of_the_table():
    """The README's usage lines name every market and currency of markets.yaml, no more."""

    from workbench import config

    readme = (config.ROOT / "README.md").read_text(encoding="utf-8")
    bench_line = re.search(r"workbench bench PATH\.\.\. \[--market ([A-Z|]+)\]", readme)
    assert bench_line and tuple(bench_line.group(1).split("|")) == markets.market_codes(with_all=True)
    choices = dict(re.findall(r"^\s+(market|currency)\s+str\s+default '\w+'\s+choices: ([A-Z, ]+)$",
                              readme, re.M))
    assert tuple(choices["market"].split(", ")) == markets.market_codes(with_all=True)
    assert tuple(choices["currency"].split(", ")) == markets.currencies()


@pytest.mark.parametrize("text, market, want", [
    ("$85,000 - $95,000 + super", "AU", (85000, 95000, "AUD", "year")),
    ("US$85,000 per year", "AU", (85000, 85000, "USD", "year")),
    ("$24.50 to $28.00 hourly", "CA", (24.5, 28.0, "CAD", "hour")),
    ("USD 4,000 monthly", "CA", (4000, 4000, "USD", "month")),
    ("$90,000", "US", (90000, 90000, "USD", "year")),
])
def test_a_dollar_on_an_australian_or_canadian_board_is_that_markets_dollar(text, market, want):
    found = parse_salary(text, markets.currency_of(market), market=market, field=True)
    assert [(m.low, m.high, m.currency, m.period) for m in found][:1] == [want]


def test_australia_canada_and_india_are_markets_with_their_currencies():
    assert {"AU", "CA", "IN"} <= set(markets.market_codes())
    assert {"AUD", "CAD", "INR"} <= set(markets.currencies())
    assert markets.market("AU").convention["hours_per_week"] == 38
    # The Kazakh tenge is read (and annualised monthly, as hh.kz states pay) with no market of its own.
    assert markets.currency_code("₸") == "KZT" and markets.market_of("KZT") == "RU"
    # The tenge has no market but a band of its own (in tenge), for each period.
    bands = markets.currency_plausible()
    assert set(bands) == {"KZT"} and set(bands["KZT"]) == set(markets.PERIODS)
    assert bands["KZT"]["month"][0] < 85000 < bands["KZT"]["month"][1]


@pytest.mark.parametrize("text, want", [
    ("$5,200 – $6,800 per month", (5200, 6800, "SGD", "month")),
    ("$3,300 - $4,100", (3300, 4100, "SGD", "month")),  # Singapore boards state monthly pay
    ("US$8,000 monthly", (8000, 8000, "USD", "month")),
])
def test_singapore_is_a_market_of_monthly_pay_in_its_own_dollar(text, want):
    assert markets.market("SG").convention["default_period"] == "month"
    found = parse_salary(text, "SGD", market="SG", field=True)
    assert [(m.low, m.high, m.currency, m.period) for m in found][:1] == [want]
    joined = parse_salary("$8,000 - $11,000 + AWS + VB", "SGD", market="SG", field=True)
    assert [m.component for m in joined] == ["unspecified", "bonus", "bonus"]


@pytest.mark.parametrize("country, language, expected", [
    ("DE", "de", ("DE", "EU", "EUR")), ("uk", "en", ("GB", "GB", "GBP")), (None, "ru", ("RU", "RU", "RUB")),
    ("SE", "sv", ("SE", "SE", None)), (None, None, (None, None, None)),
])
def test_posting_market_is_the_country_its_market_and_currency(country, language, expected):
    assert markets.posting_market(country, language) == expected
    assert markets.posting_market(country, language) == expected  # remembered: the same answer
    code = markets.infer_country(country, language=language)
    assert expected == (code, markets.country_market(code) or code, markets.currency_of(markets.country_market(code) or code))


def test_posting_market_takes_a_value_that_cannot_be_hashed():
    assert markets.posting_market(["DE"], "ru") == ("RU", "RU", "RUB")


def test_posting_market_of_a_country_named_by_the_location():
    # extract passes the country a location names when the field is empty; its market
    # then gives the currency and the conventions.
    from workbench.places import named_country
    assert markets.posting_market(None, "en") == (None, None, None)
    assert markets.posting_market(named_country("Dallas, TX"), "en") == ("US", "US", "USD")
    assert markets.posting_market(named_country("Glasgow, Scotland"), "en") == ("GB", "GB", "GBP")
    assert markets.posting_market(named_country("Paris"), "en") == (None, None, None)
