"""One mention from one amount or range, stage by stage (``workbench.salary.build``)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from workbench.salary import build as build_module
from workbench.salary import parse_salary
from workbench.salary.build import (
    _build,
    _currency_and_market,
    _open_ends,
    _span_is_code,
    _token_is_code,
    _values,
    _window_before,
)
from workbench.salary.numbers import _lower, _tokens


def toks(text):
    return _tokens(_lower(text))


def _rerun_as_python(request) -> bool:
    """In a compiled build (``workbench.compiled``) the engine's functions call each other
    directly, so patching a module's function switches nothing: run the test again in a child
    pytest on the ``.py`` files (``WORKBENCH_PURE=1``). True when it did (and it passed)."""
    from workbench import compiled

    if compiled.MODE != "compiled":
        return False
    root = Path(__file__).resolve().parents[1]
    done = subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider",
                           request.node.nodeid], cwd=root, capture_output=True, text=True,
                          env={**os.environ, "WORKBENCH_PURE": "1"}, check=False)
    assert done.returncode == 0, done.stdout[-4000:] + done.stderr[-2000:]
    assert "1 passed" in done.stdout
    return True


def build(text, currency=None, market=None, field_mode=False):
    lw = _lower(text)
    return _build(text, lw, toks(text), 0, len(text), currency, market, field_mode)


def test_a_figure_with_pay_words_is_one_mention():
    m = build("Salary: £30,000 per annum")
    assert (m.text, m.low, m.high, m.currency, m.period, m.period_basis) == (
        "Salary: £30,000 per annum", 30000, 30000, "GBP", "year", "written")


def test_a_bare_range_is_pay_in_a_field_with_the_market_convention():
    m = build("35-40k", "GBP", "GB", field_mode=True)
    assert (m.low, m.high, m.period, m.period_inferred) == (35000, 40000, "year", True)


def test_a_duration_is_not_pay():
    assert build("5 years of experience") is None


def test_values_of_ranges():
    assert _values(*toks("50-20"), True, False) is None
    # Money written high end first: the range, low to high; not a range three times apart.
    assert _values(*toks("$90,000 - $70,000"), True, False) == (70000, 90000)
    assert _values(*toks("$100,000- 75,000"), True, False) == (75000, 100000)
    assert _values(*toks("$90 - $20"), True, False) is None
    assert _values(*toks("50k-55"), True, False) == (50000, 55000)
    assert _values(*toks("70-90 000"), True, False) == (70000, 90000)
    (m,) = toks("****k")
    assert _values(m, m, False, True) == (None, None)


def test_open_ends_of_a_single_figure():
    assert _open_ends(1, 1, "upto", False) == (None, 1)
    assert _open_ends(1, 1, "from", False) == (1, None)
    assert _open_ends(1, 1, None, True) == (1, None)
    assert _open_ends(1, 1, None, False) == (1, 1)


def test_codes_phones_and_retirement_plans_are_not_amounts():
    assert _span_is_code("call 725-63-57", "call 725-63-57", 5, 8, False)
    assert _span_is_code("+1 (415) 555-0132", "+1 (415) 555-0132", 4, 7, False)
    assert not _span_is_code("£30,000 a year", "£30,000 a year", 1, 7, False)
    (plan,) = toks("401(k) plan")
    assert _token_is_code("401(k) plan", plan, plan)
    head, tail = toks("07700 900123")
    assert _token_is_code("07700 900123", tail, tail)


def test_the_window_before_is_the_clause_in_text_and_everything_in_a_field():
    text = "first. salary £30k"
    assert _window_before(text, 0, 14, False) == (7, " yralas")
    assert _window_before(text, 0, 14, True) == (0, " yralas .tsrif")


def test_currency_and_market_from_the_script_or_the_market():
    assert _currency_and_market("薪资 15000", None, None, None, 3, 8, 0) == ("CNY", "CN")
    assert _currency_and_market("300 руб.", "RUB", None, "BY", 0, 8, 0) == ("BYN", "BY")
    assert _currency_and_market("£3", "GBP", None, None, 0, 2, 0) == ("GBP", "GB")


def test_nothing_around_a_bare_number_only_when_no_word_is_read():
    from workbench.salary.build import _bare, _nothing_around

    assert _bare(toks("1. Duties")[0]) and _bare(toks("x" * 300 + " 12 ")[0])  # read and lazy
    assert _bare(toks("- **Invoicing**")[0]) and _bare(toks("x" * 300 + " **Invoicing**")[0])
    assert not any(_bare(t) for t in toks("32000 rub, £5, 5k, ****k"))
    assert not any(_bare(t) for t in toks("x" * 300 + " 32000 rub, £5, 5k, ****k"))

    def around(text, k):
        lw = _lower(text)
        t = toks(text)[k]
        _, rev = _window_before(lw, 0, t.start, False)
        return _nothing_around(lw, rev, t.end)

    assert around("1. Duties and 2. Skills", 0)  # a list number
    assert around("a team of 120 people", 0) is True  # no word _read_after takes
    assert not around("Salary 32000", 0)  # a pay word before
    assert not around("up to 32000", 0)  # a limit before
    assert not around("32000 per annum", 0)  # a period after
    assert not around("32000 net", 0)  # gross/net after
    assert not around("32000+ DOE", 0)  # an open end
    assert not around("32000 (gross)", 0)  # a word after a separator


def test_the_bare_number_gate_changes_no_mention(monkeypatch, request):
    """Running text parsed with the gate and with it switched off gives the same mentions:
    the labelled strings set in lines that also hold list numbers, counts and years."""
    if _rerun_as_python(request):
        return
    import csv
    from dataclasses import astuple

    from workbench import config
    from workbench.salary import build as build_module
    from workbench.salary import clear_field_cache, parse_salary

    with (config.LABELLED / "salary_labelled.csv").open(encoding="utf-8", newline="") as handle:
        texts = [f"1. Duties\n2. Lead 12 people from 2019 on. {row['text']} 3 days a week.\n3 {row['text']}\n"
                 f"- **Pay** {row['text']} 45 of them" for row in csv.DictReader(handle)]

    def run():
        clear_field_cache()
        return [[astuple(m) for m in parse_salary(t, field=False)] for t in texts]

    gated = run()
    monkeypatch.setattr(build_module, "_nothing_around", lambda lw, rev, end, start=0: False)
    assert run() == gated
    assert sum(map(len, gated)) > 1000


# ---- the first-character gates of _nothing_around: the same answer as without them -------

_AROUND = ["", " ", "  ", "\u00a0", ". ", ".", ",", ", ", "+", " +", "/", "(", "（", "- ", "per annum",
           "pa", "p.a.", "a year", "k", "gross", "net", "ote", "bonus", "salary", "up to", "from",
           "до", "от", "在", "有", "月薪", "元", "/月", "**", "skills", "years", "days", "%", "\n",
           "usd", "£", "$", "hour", "(est.)", "·13薪", "x", "invoicing", "：", "约"]


def _ungated(lw, rev, end):
    """``_nothing_around`` with its first-character gates off: every pattern tried."""
    saved = build_module._BEFORE_OPENERS, build_module._AFTER_OPENERS
    build_module._BEFORE_OPENERS = build_module._AFTER_OPENERS = None
    try:
        return build_module._nothing_around(lw, rev, end)
    finally:
        build_module._BEFORE_OPENERS, build_module._AFTER_OPENERS = saved


def test_the_gates_know_their_patterns_first_characters():
    assert build_module._AFTER_OPENERS is not None and "." not in build_module._AFTER_OPENERS
    assert "+" in build_module._AFTER_OPENERS and " " in build_module._AFTER_OPENERS
    assert build_module._BEFORE_OPENERS is not None


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(_AROUND), max_size=4), st.lists(st.sampled_from(_AROUND), max_size=4))
def test_nothing_around_gives_the_same_answer_with_and_without_its_gates(before, after):
    head, tail = "".join(before), "".join(after)
    lw = _lower(head + "25" + tail)
    end = len(head) + 2
    rev = lw[len(head) - 1::-1] if head else ""
    assert build_module._nothing_around(lw, rev, end) == _ungated(lw, rev, end)


def test_a_mention_is_built_with_its_fields_in_order():
    # _build passes the fields by position: each lands where its name says.
    import dataclasses

    from workbench.salary.model import SalaryMention

    assert [f.name for f in dataclasses.fields(SalaryMention)] == [
        "text", "start", "end", "low", "high", "currency", "period", "period_inferred",
        "component", "gross", "months_per_year", "masked", "period_basis", "market", "implausible"]
    lw = _lower("Up to £32,000 basic per annum")
    m = _build("Up to £32,000 basic per annum", lw, toks("Up to £32,000 basic per annum"), 0, 29,
               None, None, False)
    assert (m.text, m.start, m.end, m.low, m.high, m.currency, m.period, m.period_inferred,
            m.component, m.gross, m.months_per_year, m.masked, m.period_basis, m.market,
            m.implausible) == ("Up to £32,000 basic per annum", 0, 29, None, 32000.0, "GBP", "year",
                               False, "base", None, None, False, "written", "GB", False)


def test_a_range_written_high_end_first_is_one_range():
    found = parse_salary("Environmental Data Specialist\nAtlanta, GA\n$100,000- $75,000\nOur Client is a firm.",
                         currency="USD", market="US", field=False)
    assert [(m.low, m.high, m.period) for m in found] == [(75000, 100000, "year")]
    found = parse_salary("Salary: £35,000 - £30,000 per annum", currency="GBP", market="GB", field=False)
    assert [(m.low, m.high) for m in found] == [(30000, 35000)]
