"""Base pay stated once per location tier (``workbench.salary.tiers``): the envelope first,
each tier kept as its own mention."""

from __future__ import annotations

from workbench.salary import parse_salary

FILLER = " We are a friendly team in a modern office with good coffee and flexible working."


def amounts(text, **kw):
    return [(m.low, m.high, m.period, m.component) for m in
            parse_salary(text + FILLER, field=False, **kw)]


def test_national_and_london_bands_give_their_envelope_first():
    text = "Salary\n£43,760 to £51,690 per year, National: £43,760 - £47,413 London: £47,670 - £51,690"
    assert amounts(text, currency="GBP", market="GB") == [
        (43760, 51690, "year", "unspecified"),  # the envelope
        (43760, 51690, "year", "unspecified"),
        (43760, 47413, "year", "unspecified"),
        (47670, 51690, "year", "unspecified")]


def test_one_ended_minimums_count_their_figure_as_both_ends():
    text = "Salary: £57,515 per year, National Minimum Salary: £57,515; London Minimum Salary: £62,034"
    found = parse_salary(text + FILLER, currency="GBP", market="GB", field=False)
    envelope = found[0]
    assert (envelope.low, envelope.high) == (57515, 62034)
    assert envelope.start == found[1].start and envelope.end == found[-1].end
    assert len(found) == 4


def test_us_state_tiers_of_a_pay_transparency_note():
    text = ("USA base pay range (CA, WA, NY, NJ, CT) per year:\n\nMin: $138,800\n\nMid: $173,500\n\n"
            "Max: $208,200\n\nUSA base pay range (all other U.S. states) per year:\n\nMin: $124,900\n\n"
            "Mid: $156,100\n\nMax: $187,300\n\nPlease note the range.")
    assert [(lo, hi) for lo, hi, _p, _c in amounts(text, currency="USD", market="US")] == [
        (124900, 208200), (138800, 208200), (124900, 187300)]


def test_tiers_named_after_their_figures():
    text = "Typical pay: £32,000 - £40,000 in the regions, £36,000 - £45,000 in London."
    assert [(lo, hi) for lo, hi, _p, _c in amounts(text, currency="GBP", market="GB")][:1] == [
        (32000, 45000)]


def test_a_base_tier_makes_the_envelope_base():
    text = "Base salary: $90,000 - $100,000 (remote, all other states); $105,000 - $120,000 (NYC metro area)."
    assert amounts(text, currency="USD", market="US")[0] == (90000, 120000, "year", "base")


def test_figures_apart_are_no_tiers():
    # A board's header figure and a restatement far below it, with no location label between.
    header = "Data Engineer\nLondon\n£95,000\nApply for this job\nData Engineer\nSalary: £90,000."
    assert [(lo, hi) for lo, hi, _p, _c in amounts(header, currency="GBP", market="GB")] == [
        (95000, 95000), (90000, 90000)]
    # A location named in a label of more than one line, or in a sentence between the figures.
    apart = ("Salary: £30,000 per year.\nWe are based in London. You will grow fast.\n"
             "After a year: £35,000 per year.")
    assert [(lo, hi) for lo, hi, _p, _c in amounts(apart, currency="GBP", market="GB")] == [
        (30000, 30000), (35000, 35000)]


def test_tiers_of_another_period_or_the_same_amounts_add_nothing():
    periods = "Pay: £400 per day in London, £52,000 per year in the regions."
    assert len(amounts(periods, currency="GBP", market="GB")) == 2
    same = "Salary: £40,000 per year in London; £40,000 per year in the regions."
    assert len(amounts(same, currency="GBP", market="GB")) == 2


def test_a_pay_field_is_read_as_written():
    field = "£43,760 - £47,413 National, £47,670 - £51,690 London"
    found = parse_salary(field, currency="GBP", market="GB", field=True)
    assert [(m.low, m.high) for m in found] == [(43760, 47413), (47670, 51690)]


def test_tiers_labelled_by_a_place_give_their_envelope():
    text = "Colorado: $90,000 - $110,000\nCalifornia: $100,000 - $125,000\nNew York City: $105,000 - $130,000"
    assert amounts(text, currency="USD", market="US")[0] == (90000, 130000, "year", "unspecified")
    text = "Salary Range: $120,000 - $150,000 (NYC, SF); $100,000 - $130,000 (all other locations)"
    assert amounts(text, currency="USD", market="US")[0] == (100000, 150000, "year", "unspecified")


def test_ranges_labelled_by_level_are_no_tiers():
    text = "Salary range for Level II: $80,000 - $100,000; Level III: $95,000 - $120,000"
    assert amounts(text, currency="USD", market="US")[0] == (80000, 100000, "year", "unspecified")
