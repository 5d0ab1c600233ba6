"""The shape readers (``workbench.salary.shapes``) give, field by field, what the general
engine gives: on every team-written labelled string (salary sets, pay fields and every other
labelled CSV with a ``text`` column), with the set's own currency and market and with none,
as a field of unknown source and as a known pay field; and on the corpora's pay columns when
``../shared`` is present."""

from __future__ import annotations

import dataclasses

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from workbench import config, goldens
from workbench.salary import parse_salary, shapes
from workbench.salary import scan as _scan
from workbench.salary.model import SalaryMention

_FIELDS = [f.name for f in dataclasses.fields(SalaryMention)]


def _values(mentions) -> list[list]:
    return [[getattr(m, f) for f in _FIELDS] for m in mentions]


def _engine(text, currency, market, field):
    """The general engine's mentions (what parse_salary gave before the readers)."""
    mode = _scan._KNOWN_FIELD if field else True
    return _scan._parse(text, currency, market, field_mode=mode)


def _differences(inputs) -> tuple[int, list[str]]:
    """(strings the shortcuts took, sources where they differ from the engine): the shape
    readers, and the look for an amount-less statement in a field with no amount."""
    taken, bad = 0, []
    for source, text, currency, market in inputs:
        if not text or len(text) > 64:
            continue
        for args in {(currency, market), (None, None)}:
            found = _scan._shape(text, *args)
            for field in (None, True):
                want = _values(_engine(text, *args, field))
                if found is not None:
                    taken += 1
                    if [list(f) for f in found] != want:
                        bad.append(f"{source} {args} field={field}: reader")
                    continue
                mode = _scan._KNOWN_FIELD if field else True
                amountless = _scan._amountless(text, *args, mode)
                if amountless is not None:
                    taken += 1
                    if _values(amountless) != want:
                        bad.append(f"{source} {args} field={field}: no amount")
    return taken, bad


def _labelled():
    for source, text, currency, market, _field in goldens._labelled_inputs(config.LABELLED):
        yield source, text, currency, market


def test_readers_match_the_engine_on_every_labelled_string():
    taken, bad = _differences(_labelled())
    assert taken > 5000  # the shortcuts are in use: 621 of the 752 salary_labelled strings
    assert not bad, f"{len(bad)} differences (sources only): {bad[:20]}"


def _corpus_pay_fields():
    for relative, column, currency, market, field in goldens.CORPUS_STRINGS:
        if not field:
            continue
        path = config.CORPORA / relative
        if not path.exists():
            pytest.skip(f"{path} absent (../shared not present)")
        for i, text in enumerate(goldens._column_values(path, column)):
            yield f"{relative}#{i}", text, currency, market


def test_readers_match_the_engine_on_the_corpora_pay_fields():
    taken, bad = _differences(_corpus_pay_fields())
    assert taken > 500
    assert not bad, f"{len(bad)} differences (sources only): {bad[:20]}"


@pytest.mark.parametrize("text, want", [
    ("£35,000 - £45,000 per annum", (35000.0, 45000.0, "GBP", "year", False, "written", "GB")),
    ("$53K-$91K (Glassdoor est.)", (53000.0, 91000.0, "USD", "year", True, "market", "US")),
    ("300-330元/天", (300.0, 330.0, "CNY", "day", False, "written", "CN")),
    ("29-46k·16薪", (29000.0, 46000.0, "CNY", "month", True, "market", "CN")),
    ("от 81 000 до 133 000 ₽ на руки", (81000.0, 133000.0, "RUB", "month", True, "market", "RU")),
    ("Up to £45k", (None, 45000.0, "GBP", "year", True, "market", "GB")),
    ("£76-£84k", (76000.0, 84000.0, "GBP", "year", True, "market", "GB")),
    ("£20k+", (20000.0, None, "GBP", "year", True, "market", "GB")),
    ("£16.75 p/h", (16.75, 16.75, "GBP", "hour", False, "written", "GB")),
    ("€6.600 brutto pro Monat", (6600.0, 6600.0, "EUR", "month", False, "written", "EU")),
    ("2\u202f697,61 € par mois", (2697.61, 2697.61, "EUR", "month", False, "written", "EU")),
])
def test_common_shapes_are_read(text, want):
    found = shapes.read(text)
    assert found is not None and len(found) == 1
    m = SalaryMention(*found[0])
    assert (m.low, m.high, m.currency, m.period, m.period_inferred, m.period_basis, m.market) == want
    assert (m.text, m.start, m.end) == (text, 0, len(text))
    assert _values([m]) == _values(_engine(text, None, None, None))


@pytest.mark.parametrize("text, want", [
    ("£42k-£57k + bonus", [("£42k-£57k", 42000.0, 57000.0, "unspecified"), ("bonus", None, None, "bonus")]),
    ("£43,000+ DOE", [("£43,000+", 43000.0, None, "unspecified")]),
    ("£40k basic + £70k OTE", [("£40k basic", 40000.0, 40000.0, "base"), ("£70k OTE", 70000.0, 70000.0, "ote")]),
    ("Basic £64k, OTE £84k", [("Basic £64k", 64000.0, 64000.0, "base"), ("OTE £84k", 84000.0, 84000.0, "ote")]),
    ("Up to £67k basic + OTE £92k + car allowance", [
        ("Up to £67k basic", None, 67000.0, "base"), ("OTE £92k", 92000.0, 92000.0, "ote"),
        ("car allowance", None, None, "allowance")]),
    ("$80K base / $160K OTE", [("$80K base", 80000.0, 80000.0, "base"), ("$160K OTE", 160000.0, 160000.0, "ote")]),
    ("Оклад от 140 000 руб. + премии", [("Оклад от 140 000 руб.", 140000.0, None, "base"),
                                        ("премии", None, None, "bonus")]),
])
def test_fields_of_several_mentions_are_read(text, want):
    found = shapes.read(text)
    assert found is not None
    got = [SalaryMention(*f) for f in found]
    assert [(m.text, m.low, m.high, m.component) for m in got] == want
    assert _values(got) == _values(_engine(text, None, None, None))


@pytest.mark.parametrize("text", [
    "07700 900123",            # a leading zero: a phone number (the engine decides)
    "401k",                    # a retirement plan
    "2024",                    # a bare year
    "50-20k",                  # a reversed range
    "£30,000 great package",   # trailing words
    "£45,000 + bonus, plus",   # a joined component, then words
    "з/п 45-60 т.р.",          # an abbreviation the readers do not know
    " £30,000",                # surrounding spaces
    "£40k basic + £41k basic",  # the same component twice (the scanner's restatement rules)
    "Basic £32k, OTE",         # Reed's ", OTE" flag
    "£40k + £70k OTE",         # a figure without its component word
    "up to 45",                # a bare limit without pay words
    "",
])
def test_other_fields_are_left_to_the_engine(text):
    assert not text or shapes.read(text) is None


def test_parse_salary_gives_the_readers_mention_and_remembers_it():
    _scan.clear_field_cache()
    first = parse_salary("£35,000 - £45,000 per annum")
    again = parse_salary("£35,000 - £45,000 per annum")
    assert _values(first) == _values(again) == _values(
        _engine("£35,000 - £45,000 per annum", None, None, None))
    first[0].low = 1.0  # callers may change what they get
    assert parse_salary("£35,000 - £45,000 per annum")[0].low == 35000.0


def test_a_known_pay_field_with_a_market_is_read():
    got = parse_salary("33000 - 38500 per annum", "GBP", market="GB", field=True)
    assert _values(got) == _values(_engine("33000 - 38500 per annum", "GBP", "GB", True))
    assert (got[0].low, got[0].currency) == (33000.0, "GBP")


def test_running_text_is_never_read_as_a_field():
    assert _scan._shape("£30,000", None, None) is not None
    got = parse_salary("£30,000", field=False)
    assert _values(got) == _values(_scan._parse("£30,000", None, None, field_mode=False))


def test_a_word_the_engine_reads_otherwise_is_refused(monkeypatch):
    monkeypatch.setitem(shapes._PERIOD_OF, "per annum", "month")
    with pytest.raises(RuntimeError, match="per annum"):
        shapes._check_vocabulary()


@pytest.mark.parametrize("text, field", [
    ("Competitive", None), ("Salary negotiable", None), ("薪资面议", None),
    ("По договорённости", True), ("Competitive + OTE", True), ("Competitive salary, OTE", True),
    ("Great team", None),
])
def test_a_field_with_no_amount_gets_the_engines_statement(text, field):
    mode = _scan._KNOWN_FIELD if field else True
    got = _scan._amountless(text, None, None, mode)
    assert got is not None
    assert _values(got) == _values(_engine(text, None, None, field))
    assert _values(parse_salary(text, field=field)) == _values(got)


@pytest.mark.parametrize("text", ["Competitive 30k", "**** per annum", "面议 8千", "１万"])
def test_a_field_that_may_hold_an_amount_goes_to_the_engine(text):
    assert _scan._amountless(text, None, None, True) is None


def test_the_shortcuts_can_be_switched_off(monkeypatch):
    monkeypatch.setattr(_scan, "_READERS", False)
    monkeypatch.setattr(_scan, "_read_shape", None)  # would fail if called
    _scan.clear_field_cache()
    got = parse_salary("£35,000 - £45,000 per annum")
    assert _values(got) == _values(_engine("£35,000 - £45,000 per annum", None, None, None))


@pytest.mark.parametrize("text", [
    "£30kpa", "£30kper annum", "100 000 рублейв месяц", "£30,000 per annumgross", "30 тыс.рублей",
    "€5.000bruttopro monat", "£30k pagross", "5000 eurnet", "£300 per daygross", "£30,000 p.a.net",
    "£40kbasic + £70k OTE", "£40k basicx + £70k OTE",
])
def test_words_run_together_are_left_to_the_engine(text):
    assert shapes.read(text) is None


def test_the_limit_word_nearest_the_figure_wins():
    text = "Up to оклад от 140 000 руб. + премии"
    got = [SalaryMention(*f) for f in shapes.read(text)]
    assert (got[0].low, got[0].high) == (140000.0, None)
    assert _values(got) == _values(_engine(text, None, None, None))


_NUMS = ["12", "3,500", "45.000", "1 234,56", "30", "2 000", "100 000", "1.5", "0", "07", "401",
         "2022", "16.75", "99,999.99", "1,000,000", "250", "1.200", "12,5", "58 000", "10000"]


@st.composite
def _generated_field(draw):
    """A field built from the readers' own words (so that many are read), in any case."""
    def pick(words, p):
        return draw(st.sampled_from(list(words))) if draw(st.floats(0, 1)) < p else ""

    def amount():
        return (pick(shapes._PREFIXES, .5) + draw(st.sampled_from(_NUMS)) + pick(shapes._MULTS, .4)
                + pick([" " + w for w in shapes._SUFFIXES] + list(shapes._SUFFIXES), .4))

    def item():
        return (pick(["up to "], .3) + pick([w + " " for w in shapes._ITEM_PRE], .5) + pick(["от "], .2)
                + draw(st.sampled_from(["£", "$"])) + draw(st.sampled_from(_NUMS)) + pick(["k"], .6)
                + pick([" " + w for w in shapes._ITEM_POST], .5))

    if draw(st.booleans()):
        text = (pick([w + " " for w in shapes._PAY_WORDS], .2) + pick([w + " " for w in shapes._LIMIT_WORDS], .3)
                + amount() + pick([" - " + amount(), "-" + amount(), " to " + amount()], .5)
                + pick(["+", "·13薪"], .2) + pick([" " + w for w in shapes._GROSS_WORDS + shapes._NET_WORDS], .2)
                + pick([" " + w for w in shapes._ALL_PERIOD_WORDS] + list(shapes._ALL_PERIOD_WORDS), .5)
                + pick([" (glassdoor est.)", " + bonus", " doe", " + car allowance", ", plus", " plus bonus",
                        " plus", " plus benefits", " plus 10% bonus + car", " plus ote", " plus  bonus",
                        " plus\u00a0commission", " + holiday pay", " inside ir35", " (outside ir35)",
                        " outside ir35)", " + holiday pay + bonus"], .25))
    else:
        text = item() + pick([" + " + item(), ", " + item(), " / " + item()], .6) + pick(
            [" + bonus", " + uncapped commission", " + премия", ", ote"], .4)
    return draw(st.sampled_from([text, text.upper(), text.title()]))


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_generated_field(), st.sampled_from([(None, None), ("GBP", "GB"), (None, "CN"), ("RUB", "RU"),
                                            ("USD", None), (None, "BY")]))
def test_readers_match_the_engine_on_generated_fields(text, args):
    found = _scan._shape(text, *args) if 0 < len(text) <= 64 else None
    if found is not None:
        for field in (None, True):
            assert [list(f) for f in found] == _values(_engine(text, *args, field))


@pytest.mark.parametrize("text", ["£30k + bonus, OTE + car", "Basic £32k, OTE + commission"])
def test_reeds_ote_flag_before_joined_components_is_left_to_the_engine(text):
    assert shapes.read(text) is None
    _scan.clear_field_cache()
    assert _values(parse_salary(text)) == _values(_engine(text, None, None, None))


_WORDS = ["per annum", "per", "pa", "p.a.", "pro monat", "pro", "a", "an hour", "a year", "/мес", "/мес.",
          "в месяц", "в", "до", "до вычета налогов", "от", "около", "k", "万", "千", ""]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_WORDS), min_size=1, max_size=8, unique=True),
       st.text(alphabet="pera nумвсяцдо./k万千", max_size=12), st.sampled_from(["", "(?![a-zа-я])", "x?$"]))
def test_a_tree_of_words_matches_as_the_words_longest_first(words, text, after):
    import re

    tree = re.compile("(?:" + shapes._alt(words) + ")" + after)
    longest_first = re.compile(
        "(?:" + "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True)) + ")" + after)
    for pos in range(len(text) + 1):
        a, b = tree.match(text, pos), longest_first.match(text, pos)
        assert (a and a.span()) == (b and b.span())


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet="competitive doe negotiable tbc по договорённости 面议 d.o.e", max_size=60))
def test_the_starts_of_hint_words_are_those_str_find_gives(text):
    from workbench.salary.patterns import _FIELD_UNSTATED_HINTS

    found = set()
    for hint in _FIELD_UNSTATED_HINTS:
        k = text.find(hint)
        while k >= 0:
            found.add(k)
            k = text.find(hint, k + 1)
    assert [m.start() for m in shapes.starts_of(_FIELD_UNSTATED_HINTS).finditer(text)] == sorted(found)


@pytest.mark.parametrize("raw", ["0", "7", "45000", "45,000", "45,000.50", "16.75", "1,000,000",
                                 "45 000", "9007199254740993", "123456789012345678901"])
def test_a_figure_is_the_float_of_its_digits(raw):
    want = float(raw.replace(",", "").replace(" ", ""))
    assert shapes._value(raw, None) == want and repr(shapes._value(raw, None)) == repr(want)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.integers(1, 250), st.integers(0, 60), st.sampled_from([1.0, 1.0, 0.96, 1.04, 0.9, 1.2, 1000.0]),
       st.sampled_from(["/annum", " per annum", " pa", "/year", " per hour", " per day", "/month", ""]),
       st.sampled_from(["k", "K", "k + bonus", "K pro rata", "000"]),
       st.sampled_from([(None, None), ("GBP", "GB"), (None, "CN"), ("RUB", "RU"), ("USD", None)]))
def test_a_range_restated_in_thousands_is_read_as_the_engine_reads_it(low, step, skew, period, mult, args):
    """"22000 - 33000/annum 22-33K": the restatement adds nothing, or the engine decides."""
    high = low + step
    text = f"{low * 1000} - {high * 1000}{period} {round(low * skew)}-{round(high * skew)}{mult}"
    found = _scan._shape(text, *args)
    if found is not None:
        for field in (None, True):
            assert [list(f) for f in found] == _values(_engine(text, *args, field))


@pytest.mark.parametrize("text", ["22000 - 33000/annum 22-33K", "£550 per day inside IR35",
                                  "£500 - £600 per day (Outside IR35)", "£14.00 per hour + holiday pay"])
def test_words_the_engine_reads_as_nothing_after_a_figure_are_read(text):
    found = shapes.read(text)
    assert found is not None and len(found) == 1
    assert [list(f) for f in found] == _values(_engine(text, None, None, None))
