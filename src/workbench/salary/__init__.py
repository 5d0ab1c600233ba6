"""Salary engine: find pay mentions in English, Russian and Chinese text.

``parse_salary(text)`` returns every pay mention in order of appearance as a
:class:`SalaryMention`: the span, low/high amounts, ISO currency, pay period,
pay component (base, OTE, commission, bonus, allowance, total), gross/net,
months per year (``·13薪``) and whether the figure was masked (``****k``).

How it works (one pass, linear time):

1. A precompiled token regex finds every *amount* (optional currency prefix,
   a number in any of the supported groupings, an optional multiplier
   k/K/m/千/万/тыс., an optional currency suffix) and every masked amount.
   The regex has no nested unbounded quantifiers, so it cannot backtrack
   catastrophically; every other regex runs on a bounded window (<= 64 chars).
2. Neighbouring amounts joined by a range separator (``-``, ``to``, ``до``,
   ``至`` ...) become one range.
3. For each amount or range, a short window before it is read for limits
   (``up to``, ``от``, ``до``), components (``OTE``, ``basic``, ``оклад``),
   periods (``月薪``, ``annual``) and pay words; the text after it is read for
   periods (``per annum``, ``в месяц``, ``/天``), gross/net, components,
   ``·13薪`` and ``(Glassdoor est.)``.
4. Short salary *fields* that fit the commonest shapes ("£35,000 - £45,000
   per annum", "$53K-$91K (Glassdoor est.)", "300-330元/天") are read by one
   ``fullmatch`` instead (the fast path; a property test checks it agrees
   with the scanner), and results for fields are memoised, because raw salary
   columns repeat heavily.
5. A figure is kept only when it looks like pay: an explicit currency, a
   written period, a pay word or component next to it, a gross/net marker, or
   the whole input is a short salary field (``35-40k``). Percentages, years,
   head counts, durations, phone numbers, reference numbers and money that
   is not pay (portfolio, revenue, budgets, fees and rewards for taking part
   in a study) are dropped, and so is any figure above about $3M a year once
   annualised (funding rounds, assets, valuations).

Mentions without an amount
--------------------------
* ``Competitive``, ``DOE``, ``negotiable``, ``面议``, ``договорная`` give one
  *unstated* mention (``low=high=None``, ``masked=False``, ``period=None``)
  when they are the whole salary field or sit next to a pay word
  ("competitive salary", "Зарплата: по договорённости"). In running text
  "competitive" alone is not a mention. At most one unstated mention is
  given, and none when the text states an amount (it would only repeat it).
* A component joined to a pay mention without an amount ("... + car
  allowance", "plus bonus") gives a mention with ``low=high=None`` and that
  component.
* Masked amounts (``****k``) give ``masked=True`` with ``low=high=None``.

Periods
-------
``period_inferred`` is False when the text wrote the period. Otherwise the
market convention (:func:`convention_for`) gives it: GB/US/EU state annual
pay, RU and CN monthly pay. Only when the figure is implausible for that
period (``£18.50`` read as annual) is the period taken from magnitude; the
mention then has ``period_basis == "magnitude"`` and ``annualise`` says so.

Component
---------
``base`` only when the text says so (basic, base, оклад, 底薪); a plain
salary figure is ``unspecified`` (treat it as base pay downstream).
"""

from __future__ import annotations

from .model import (
    CONVENTIONS,
    MARKET_CURRENCY,
    Convention,
    SalaryMention,
    convention_for,
)
from .plausible import PLAUSIBLE_PAY
from .scan import clear_field_cache, parse_salary

__all__ = [
    "clear_field_cache",
    "SalaryMention",
    "Convention",
    "CONVENTIONS",
    "convention_for",
    "parse_salary",
    "MARKET_CURRENCY",
    "PLAUSIBLE_PAY",
]
