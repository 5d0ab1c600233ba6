"""The shape readers (``workbench.salary.shapes``) give, field by field, what the general
engine gives: on every team-written labelled string (salary sets, pay fields and every other
labelled CSV with a ``text`` column), with the set's own currency and market and with none,
as a field of unknown source and as a known pay field; and on the corpora's pay columns when
``../shared`` is present."""

from __future__ import annotations

import dataclasses

import pytest

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
    """(strings the readers took, sources where they differ from the engine)."""
    taken, bad = 0, []
    for source, text, currency, market in inputs:
        if not text or len(text) > 64:
            continue
        for args in {(currency, market), (None, None)}:
            one = _scan._shape(text, *args)
            if one is None:
                continue
            taken += 1
            for field in (None, True):
                if _values([SalaryMention(*one)]) != _values(_engine(text, *args, field)):
                    bad.append(f"{source} {args} field={field}")
    return taken, bad


def _labelled():
    for source, text, currency, market, _field in goldens._labelled_inputs(config.LABELLED):
        yield source, text, currency, market


def test_readers_match_the_engine_on_every_labelled_string():
    taken, bad = _differences(_labelled())
    assert taken > 1000  # the readers are in use: 492 of the 752 salary_labelled strings
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
])
def test_common_shapes_are_read(text, want):
    one = shapes.read(text)
    assert one is not None
    m = SalaryMention(*one)
    assert (m.low, m.high, m.currency, m.period, m.period_inferred, m.period_basis, m.market) == want
    assert (m.text, m.start, m.end) == (text, 0, len(text))
    assert _values([m]) == _values(_engine(text, None, None, None))


@pytest.mark.parametrize("text", [
    "07700 900123",            # a leading zero: a phone number (the engine decides)
    "401k",                    # a retirement plan
    "2024",                    # a bare year
    "50-20k",                  # a reversed range
    "£45,000 + bonus",         # a component joined on
    "£30,000 DOE",             # trailing words
    "€6.600 brutto pro Monat",  # a dot grouping and German words
    " £30,000",                # surrounding spaces
    "Basic £32k, OTE £58k",
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
