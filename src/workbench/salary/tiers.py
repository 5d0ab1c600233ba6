"""Base pay stated once per location tier: the envelope of the tiers.

Some postings state the base pay of one role once per place it may be done from: UK civil
service ads ("£43,760 to £51,690 per year, National: £43,760 - £47,413 London: £47,670 -
£51,690", "National Minimum Salary: £57,515; London Minimum Salary: £62,034"), US pay
transparency notes ("USA base pay range (CA, WA, NY, NJ, CT) per year: Min ... Max ...
USA base pay range (all other U.S. states) per year: ..."). The role's base pay is then
the **envelope** of the tiers: from the lowest tier's low end to the highest tier's high
end (a one-ended tier counts its figure as both ends, as bench counts a one-sided range).
The boards' own structured pay of such postings is that envelope (the tuning halves of
linkedin_us and uk_ads; see README, "Real postings through the product path").

Rule (running text only; a pay field is read as written):

* a *tier run* is two or more consecutive mentions that state an amount, are not masked,
  not implausible, of component ``base`` or ``unspecified``, with one currency, one period
  and one count of months' pay a year, where every gap between two neighbours is one short
  line (at most ``_MAX_LABEL`` characters, no line break inside once trimmed, no sentence
  end) that names a location tier (``location_tiers`` in ``workbench/data/pay_cues.yaml``):
  "National:", "; London", "in the regions,", "(all other U.S. states) per year:";
* a run whose members state at least two different amounts gets one more mention, the
  envelope, placed just before its first member: its span runs from the first member's
  start to the last member's end, component ``base`` when a member says base, else
  ``unspecified``. The tiers stay as mentions of their own, so the first base mention
  of the record (the bench pay point) is the envelope.
"""

from __future__ import annotations

import re
from dataclasses import replace

from .model import SalaryMention
from .patterns import _cue

__all__ = ["with_envelopes"]

_TIER = re.compile(r"(?<![a-zа-яё])" + _cue("location_tiers") + r"(?![a-zа-яё])")
_MAX_LABEL = 80
# A sentence ends inside the gap: a full stop, "!" or "?" before a capital letter.
_SENTENCE_END = re.compile(r"[.!?][ \u00a0]+[A-ZА-ЯЁ]")


def _member(m: SalaryMention) -> bool:
    return (m.component in ("base", "unspecified") and not m.masked and not m.implausible
            and (m.low is not None or m.high is not None))


def _tier_gap(text: str, a: SalaryMention, b: SalaryMention) -> bool:
    """Do ``a`` and ``b`` read as two tiers: same currency and period, and between them only
    a one-line label naming a location tier?"""
    if (a.currency != b.currency or a.period != b.period or a.months_per_year != b.months_per_year
            or not 0 <= b.start - a.end <= 2 * _MAX_LABEL):
        return False
    gap = text[a.end:b.start].strip()
    if len(gap) > _MAX_LABEL or "\n" in gap or _SENTENCE_END.search(gap):
        return False
    return _TIER.search(gap.lower()) is not None or _names_place(gap)


# Words a tier's label may hold beside the place it names ("California base pay range:",
# "for candidates located in New York City:").
_LABEL_NOISE = re.compile(
    r"(?i)(?<![a-z])(?:in|for|the|candidates?|employees?|located|based|roles?|positions?|base|"
    r"annual|hourly|salary|pay|compensation|hiring|range|rate|is|of|per|year|hour)(?![a-z])")
_LABEL_MARKS = str.maketrans({c: " " for c in ":;()[]|•"})


def _names_place(gap: str) -> bool:
    """Does a tier's label name a place, a US state or city, a UK city ("California:",
    "New York City:", "(NYC, SF);", "Denver, CO base pay range:")? Read by
    :func:`workbench.places.parse_location` (cached per label); no digits, at most 40
    characters once its pay words are set aside."""
    label = " ".join(_LABEL_NOISE.sub(" ", gap.translate(_LABEL_MARKS)).split()).strip(" ,-–—")
    if not label or len(label) > 40 or any(ch.isdigit() for ch in label):
        return False
    from workbench.places import parse_location  # the gazetteer loads on first use only

    place = parse_location(label, None)
    return place.city is not None or place.region is not None or place.country is not None


def _ends(m: SalaryMention) -> tuple[float | None, float | None]:
    low = m.low if m.low is not None else m.high
    high = m.high if m.high is not None else m.low
    return low, high


def _envelope(text: str, run: list[SalaryMention]) -> SalaryMention:
    ends = [_ends(m) for m in run]
    first, last = run[0], run[-1]
    gross = {m.gross for m in run}
    return replace(first, text=text[first.start:last.end].strip(" ,:;"), end=last.end,
                   low=min(lo for lo, _ in ends), high=max(hi for _, hi in ends),  # type: ignore[type-var]
                   component="base" if any(m.component == "base" for m in run) else "unspecified",
                   gross=gross.pop() if len(gross) == 1 else None)


def _runs(text: str, mentions: list[SalaryMention]) -> list[tuple[int, int]]:
    """(first, last) index of every tier run of ``mentions``."""
    runs, start = [], None
    for k in range(1, len(mentions)):
        a, b = mentions[k - 1], mentions[k]
        if _member(a) and _member(b) and _tier_gap(text, a, b):
            start = k - 1 if start is None else start
            continue
        if start is not None:
            runs.append((start, k - 1))
            start = None
    if start is not None:
        runs.append((start, len(mentions) - 1))
    return runs


def with_envelopes(mentions: list[SalaryMention], text: str) -> list[SalaryMention]:
    """``mentions`` (of running text ``text``) with the envelope of each
    tier run inserted before the run (module doc); the list itself when there is none."""
    if len(mentions) < 2:
        return mentions
    runs = [(i, j) for i, j in _runs(text, mentions)
            if len({_ends(m) for m in mentions[i:j + 1]}) > 1]
    if not runs:
        return mentions
    out, done = [], 0
    for i, j in runs:
        out.extend(mentions[done:i])
        out.append(_envelope(text, mentions[i:j + 1]))
        done = i
    out.extend(mentions[done:])
    return out
