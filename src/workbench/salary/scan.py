"""The engine's entry point: :func:`parse_salary` (with its memo of short fields), the scan
that groups tokens into ranges and builds mentions, and the mentions without an amount
("Competitive", "+ bonus").
"""

from __future__ import annotations

import operator
import re
from dataclasses import fields, replace
from typing import Any, Final

from .. import text as _text
from .build import _build
from .fields import _fast_field
from .model import (
    _MARKET_CACHE,
    _RU_CURRENCY,
    _ZH_CURRENCY,
    MARKET_CURRENCY,
    SalaryMention,
    _market_key,
)
from .numbers import _CUR_CACHE, _LETTERS, _START, _WAN_W, _has_cjk, _lower, _Tok, _tokens
from .patterns import (
    _BRACKET_GAP,
    _CYR,
    _FIELD_UNSTATED_HINTS,
    _PAYWORD,
    _RANGE_SEP,
    _UNSTATED,
    _UNSTATED_HINTS,
)
from .plausible import _BAND_CACHE
from .shapes import read as _read_shape
from .shapes import read_unflagged as _read_unflagged
from .shapes import starts_of as _starts_of
from .breakdown import with_totals
from .tiers import with_envelopes
from .words import _join_chain

# Salary *fields* repeat a lot in real data (the raw salary columns of the
# Glassdoor and BOSS corpora are 56% and 83% duplicates), so results for short
# texts are memoised. The cache holds plain tuples and every call gets fresh
# SalaryMention objects, so callers may mutate what they receive.
_FIELD_CACHE: Final[dict[tuple, tuple]] = {}
_ALL_FIELDS: Final = operator.attrgetter(*(f.name for f in fields(SalaryMention)))
_FIELD_CACHE_MAX: Final = 8192


# ``True`` that says the source is known to be a pay field (``field=True``). Made by type():
# a compiled build (mypyc) cannot subclass int in a class statement.
_KnownField = type("_KnownField", (int,), {"__module__": __name__, "__doc__": (
    "``True`` that says the source is known to be a pay field (``field=True``).")})
_KNOWN_FIELD: Final = _KnownField(1)
_FIELD_MAX_LEN: Final = 64


def clear_field_cache() -> None:
    """Forget memoised results: the fields' results and the small memos of currency marks,
    market keys and plausibility bands (benchmarks use this to measure cold parsing)."""
    _FIELD_CACHE.clear()
    _CUR_CACHE.clear()
    _MARKET_CACHE.clear()
    _BAND_CACHE.clear()


def parse_salary(text: str | Any, currency: str | Any = None, *,
                 market: str | Any = None, field: bool | Any = None) -> list[SalaryMention]:
    """All pay mentions in ``text`` in order of appearance.

    Parameters
    ----------
    text:
        A salary field ("£35,000 - £45,000 per annum") or a whole posting.
    currency:
        ISO 4217 code used when the text names no currency.
    market:
        Market code (``GB``, ``US``, ``RU``, ``CN``, ``EU``...) whose convention
        gives the period when the text states none. Defaults to the currency's
        home market, then to the script of the text around the figure.
    field:
        Where the text comes from. ``True``: a pay field (a CSV salary column,
        JSON-LD ``baseSalary``, ``salary_raw``): it is pay by construction, so a
        bare figure ("32500", "18 - 20") is read as pay whatever the length.
        ``False``: running text (a description), where a figure is pay only with
        pay evidence tied to it. ``None``: the source is not known (a loose
        string in a notebook or a labelled set): a string of at most 64
        characters is read as a field. The product path always says which.

    Never raises on text input; returns ``[]`` when nothing looks like pay.
    """
    if not text or not isinstance(text, str):
        return []
    # A string known to come from a pay field is marked so (_KNOWN_FIELD, which is truthy);
    # a short string of unknown source is read as a field, with the labelled sets' conventions.
    field_mode: Any  # bool, or _KNOWN_FIELD (kept as it is: a compiled bool would lose it)
    if field is None:
        field_mode = len(text) <= _FIELD_MAX_LEN or len(text.strip()) <= _FIELD_MAX_LEN
    else:
        field_mode = _KNOWN_FIELD if field else False
    if len(text) <= _FIELD_MAX_LEN:
        key = (text, currency, market, field)
        try:
            hit = _FIELD_CACHE.get(key)
        except TypeError:  # an unhashable argument: parse without the cache
            return _parse(text, currency, market, field_mode=field_mode)
        if hit is not None:
            return [SalaryMention(*f) for f in hit]
        found = None
        out: list[SalaryMention] | None
        read = field_mode and _READERS and not ("," in text and _OTE_FLAG.search(text))
        if read:
            found = _read_unflagged(text) if currency is None and market is None else _shape(text, currency, market)
        if found is not None:
            out = [SalaryMention(*found[0])] if len(found) == 1 else [SalaryMention(*f) for f in found]
        else:
            out = _amountless(text, currency, market, field_mode) if field_mode and _READERS else None
            if out is None:
                # A field the readers declined is nearly always one _fast_field declines too
                # (after reading it to its end): the scanner reads it from the start.
                out = _parse(text, currency, market, not read, field_mode=field_mode)
            found = tuple(map(_ALL_FIELDS, out))
        if len(_FIELD_CACHE) >= _FIELD_CACHE_MAX:
            _FIELD_CACHE.clear()
        _FIELD_CACHE[key] = found
        return out
    return _parse(text, currency, market, field_mode=field_mode)


# The shortcuts for short fields below (the shape readers, a field with no amount) give what
# the general engine gives; False runs the engine alone (benchmarks compare both).
_READERS = True


def _caller_currency(currency, market) -> tuple | None:
    """(currency, market key) the caller's arguments give, as :func:`_scan` derives them;
    None for arguments that are not strings."""
    if not (currency is None or isinstance(currency, str)) or not (market is None or isinstance(market, str)):
        return None
    default_cur = (currency.strip().upper() or None) if currency else None
    mkey = _market_key(market) if market else None
    if default_cur is None and mkey:
        default_cur = MARKET_CURRENCY.get(mkey)
    return default_cur, mkey


def _shape(text: str, currency, market) -> tuple | None:
    """The mentions' fields of a short field of a common shape (salary.shapes), or None."""
    if currency is None and market is None:
        return _read_shape(text)
    caller = _caller_currency(currency, market)
    return None if caller is None else _read_shape(text, *caller)


# What an amount needs: a digit, a mask ("**"), or a Chinese numeral's 千 or 万.
_AMOUNT_CHAR: Final = re.compile(r"[\d*千万]")


def _amountless(text: str, currency, market, field_mode) -> list[SalaryMention] | None:
    """The mentions of a short field with no amount ("Competitive", "Salary negotiable",
    "面议"), or None when it may hold one. Such a field gives the scanner no token, so of
    its work only the look for an amount-less statement (:func:`_unstated`) and Reed's
    ", OTE" flag remain; this runs just those."""
    # The text's own characters tell (lower-casing makes or unmakes no digit, "*", 千 or 万;
    # full-width digits are digits before it too), so a field with an amount is handed on
    # before any copy is made.
    if _AMOUNT_CHAR.search(text) is not None:
        return None
    caller = _caller_currency(currency, market)
    if caller is None:
        return None
    lw = _lower(text)
    out: list[SalaryMention] = []
    _unstated(text, lw, out, caller[0], field_mode)
    if out and _OTE_FLAG.search(text):
        _ote_flag(out)
    return out


def _parse(text: str, currency: Any, market: Any,
           fast: bool = True, *, field_mode: Any = None) -> list[SalaryMention]:
    if field_mode is None:
        field_mode = len(text.strip()) <= _FIELD_MAX_LEN
    if not field_mode:
        # Running text whose line breaks were lost in scraping ("$182,000Benefits:",
        # "Rate: $31Schedule:"): read it with the breaks put back (workbench.text), so a
        # figure ends at its line, then give offsets in the text as it was.
        restored, inserted = _text.restore_breaks(text, bullets=False)
        if restored is not text:
            out = _remap(_scan(restored, currency, market, fast, False), text, inserted)
        else:
            out = _scan(text, currency, market, fast, False)
        # A figure broken down into its base is a total (salary.breakdown); base pay stated
        # once per location tier: the tiers' envelope first (salary.tiers). A lone total
        # named so by a bracket only is read by salary.breakdown too.
        if len(out) > 1:
            return with_envelopes(with_totals(out, text), text)
        return with_totals(out, text) if out and out[0].component == "total" else out
    out = _scan(text, currency, market, fast, field_mode)
    if out and field_mode and _OTE_FLAG.search(text):
        _ote_flag(out)
    return out


def _remap(mentions: list[SalaryMention], text: str, inserted: list[int]) -> list[SalaryMention]:
    """Mentions found in the text with its line breaks restored, with offsets and spans
    of the original ``text``."""
    for m in mentions:
        start = _text.original_offset(inserted, m.start)
        end = _text.original_offset(inserted, m.end)
        m.start, m.end, m.text = start, end, text[start:end].strip(" ,:;")
    return mentions


def _scan(text: str, currency: Any, market: Any, fast: bool,
          field_mode: Any) -> list[SalaryMention]:
    lw = _lower(text)
    default_cur = (currency.strip().upper() or None) if isinstance(currency, str) else None
    mkey = _market_key(market) if market else None
    if default_cur is None and mkey:
        default_cur = MARKET_CURRENCY.get(mkey)
    if ("w" in lw and (default_cur == _ZH_CURRENCY or _has_cjk(text, lw))
            and _DIGIT_W.search(lw) is not None):
        lw = _WAN_W.sub(r"\1万", lw)
    if ".–" in lw or ".-" in lw:
        lw = _NO_CENTS.sub(".0", lw)  # Swiss "6'400.–": no cents, read as "6'400.0" (same length)
    if fast and field_mode and len(text) <= _FIELD_MAX_LEN:
        found = _fast_field(text, lw, default_cur, mkey)
        if found is not None:
            return found
    # Early exit for short texts only. A long text's first digit is usually
    # near its end (pay comes last), so this search would repeat most of the
    # scan _tokens does anyway; without it a text with no digit, no hint and
    # no 千/万 still gives [] (no tokens, and _unstated finds no hint).
    if (len(lw) <= 256 and _START.search(lw) is None
            and not any(k in lw for k in (_FIELD_UNSTATED_HINTS if field_mode else _UNSTATED_HINTS))
            and "万" not in lw and "千" not in lw):
        return []

    toks = _tokens(lw)
    out: list[SalaryMention] = []
    n = len(toks)
    i = 0
    prev_end = 0
    ntext = len(text)
    while i < n:
        t = toks[i]
        if t.start < prev_end:
            i += 1
            continue
        group = [t]
        j = i + 1
        if j < n and _pairs(lw, t, toks[j], field_mode):
            group.append(toks[j])
            j += 1
        nxt = toks[j].start if j < n else ntext
        mention = _build(text, lw, group, prev_end, nxt, default_cur, mkey, field_mode)
        if mention is None and len(group) == 2:
            j = i + 1
            nxt = toks[j].start if j < n else ntext
            mention = _build(text, lw, [t], prev_end, nxt, default_cur, mkey, field_mode)
        if mention is not None:
            if (out and out[-1].low is None and out[-1].high is None and not out[-1].masked
                    and out[-1].component != "unspecified" and mention.component == "unspecified"
                    and _BRACKET_GAP.fullmatch(lw, out[-1].end, mention.start)):
                # "+ car allowance (£5,000)": the amount belongs to the component.
                c = out.pop()
                mention = replace(mention, component=c.component, start=c.start,
                                  text=text[c.start:mention.end])
            if out and (_restates(out[-1], mention) or _ends_range(out, mention, lw, text)):
                prev_end = mention.end
            else:
                out.append(mention)
                prev_end = mention.end
            while j < n and toks[j].start < prev_end:
                j += 1
            extra = _joined_components(lw, text, out[-1], toks[j].start if j < n else ntext,
                                       prev_end, field_mode)
            if extra:
                out.extend(extra)
                prev_end = extra[-1].end
        while j < n and toks[j].start < prev_end:
            j += 1
        i = j

    _unstated(text, lw, out, default_cur, field_mode)
    return out


def _pairs(lw: str, t: _Tok, u: _Tok, field_mode: Any) -> bool:
    """Are tokens ``t`` and ``u`` the two ends of one range: a range separator between them
    ("35-40k"), JSON-LD's "maxValue", or a min- and a max-labelled figure
    (:func:`_labelled_ends`)?"""
    gap_len = u.start - t.end
    if 0 <= gap_len <= 12 and (gap_len <= 7 and _RANGE_SEP.match(lw, t.end, u.start)
                               or gap_len >= 10 and _MAX_VALUE.fullmatch(lw, t.end, u.start)):
        return True
    return 0 <= gap_len <= _LABEL_GAP_MAX and _labelled_ends(lw, t, u, field_mode)


# A range stated as labelled ends: "Min: $80,000 Max: $100,000", "Salary Min: $80,000 Salary
# Max: $100,000", "Minimum: $80,000.00 Maximum: $100,000.00", "Min. $80,000 / Max. $100,000",
# "мин. 80 000 руб. макс. 100 000 руб.", the max on the same line or the next short one.
# The words a label may add after "min"/"max": "Min Hiring Rate\n$18.35\nMax Hiring Rate\n$22.93".
_LABEL_WORDS: Final = r"(?:[ \u00a0]+(?:hiring|starting|hourly|annual|base))?(?:[ \u00a0]+(?:rate|salary|pay))?"
# The min label right before the low figure (an ISO code may stand between):
_MIN_LABEL: Final = re.compile(r"(?<![a-zа-яё])(?:min(?:imum)?\.?|мин(?:имум)?\.?)" + _LABEL_WORDS + r"[ \u00a0]*:?\s*"
                        r"(?:[a-z]{3}[ \u00a0]+)?\Z")
# ... and between the two figures nothing but a separator, the label's pay words and the max label.
_MAX_LABEL_GAP: Final = re.compile(
    r"[ \u00a0]*[,;/|]?\s*(?:(?:salary|pay|base|rate|range|зарплата|оклад)[ \u00a0]+){0,3}"
    r"(?:max(?:imum)?|макс(?:имум)?)\.?" + _LABEL_WORDS + r"[ \u00a0]*:?\s*(?:[a-z]{3}[ \u00a0]+)?")
_LABEL_GAP_MAX: Final = 48
_MAX_LINE: Final = 64  # the max's line, when it is not the min's: a short one


def _labelled_ends(lw: str, t: _Tok, u: _Tok, field_mode: Any) -> bool:
    """A min-labelled figure ``t`` followed closely by a max-labelled figure ``u`` of the same
    currency (at least one written, outside a pay field): one range, low = min, high = max."""
    gap = lw[t.end:u.start]
    if ("max" not in gap and "макс" not in gap) or gap.count("\n") > 2:
        return False
    if _MIN_LABEL.search(lw, max(0, t.start - 32), t.start) is None:
        return False
    if _MAX_LABEL_GAP.fullmatch(lw, t.end, u.start) is None:
        return False
    if "\n" in gap:
        line_end = lw.find("\n", u.end)
        if (len(lw) if line_end < 0 else line_end) - (t.end + gap.rindex("\n")) > _MAX_LINE:
            return False
    for tok in (t, u):
        if tok.m is not None:
            tok.read()
    if t.masked or u.masked:
        return False
    if t.cur is not None and u.cur is not None:
        return t.cur == u.cur
    return field_mode or (t.cur or u.cur) is not None


# Every match of _WAN_W holds a digit right before its "w": without one the substitution,
# which tries its look-behinds at every character of the text, has nothing to do.
_DIGIT_W: Final = re.compile(r"\dw")
# Two amounts that carry their own period ("£35K/yr - £42K/yr", "From 24000 per annum to
# 28000 per annum per annum") are one range; JSON-LD renderings join theirs with "maxValue".
_PERIOD_RANGE_SEP: Final = re.compile(r"[ \u00a0]*(?:-|–|—|to|до)[ \u00a0]*")
# "Minimum salary of $120,369 to maximum salary of $174,797", "Min\nUSD $75,000/Yr.\nMax\n":
# the two ends of one range, labelled.
_MAX_RANGE_SEP: Final = re.compile(r"[\s.]*(?:(?:-|–|—|to)\s+)?(?:a\s+)?max(?:imum)?(?:\s+(?:salary|pay|rate))?"
                            r"(?:\s+of)?[\s:]*(?:[a-z]{3}[ \u00a0]+)?")
# Between a stated minimum and a maximum whose label opens its mention ("Min: $X\n\nMax:
# $Z"): line breaks, or a midpoint on its own line ("Mid: $Y").
_MID_GAP: Final = re.compile(r"\s*(?:mid(?:point)?[ \u00a0]*:?[ \u00a0]*[$£€]?[ \u00a0]*\d{1,3}(?:,\d{3})*(?:\.\d\d)?k?\s*)?")
_MAX_VALUE: Final = re.compile(r"[ \u00a0]+maxvalue[ \u00a0]+")
# A Swiss amount's ".–" (or ".-") after whole francs: no cents.
_NO_CENTS: Final = re.compile(r"(?<=\d)\.[–-](?=[ \u00a0,;)]|\Z)")
# Reed's ", OTE" after a pay field's figure marks the figure itself as on-target earnings,
# at the field's end or before joined components (", OTE + commission").
_OTE_FLAG: Final = re.compile(r",[ \u00a0]*(?i:ote)[ \u00a0]*(?:\Z|(?=\+|(?i:plus)[ \u00a0]|&))")


def _ends_range(out: list[SalaryMention], b: SalaryMention, lw: str, text: str) -> bool:
    """Make ``out[-1]`` the range "a to b" when both state the same period and currency
    and only a range separator stands between them (True: ``b`` is taken in)."""
    a = out[-1]
    if not (a.period and a.period == b.period and a.currency == b.currency
            and a.low is not None and b.high is not None and b.low in (None, b.high)
            and (a.high is None or a.high == a.low) and a.low <= b.high):
        return False
    if not (_separated_range(a, b, lw) or _between_range(a, b, lw)):
        return False
    a.high, a.end = b.high, b.end
    a.text = text[a.start:b.end].strip(" ,:;")
    return True


def _separated_range(a: SalaryMention, b: SalaryMention, lw: str) -> bool:
    """Two ends of one component joined by a range separator, a "max" label or a
    "Min: ... Mid: ... Max:" layout."""
    if a.component != b.component or b.start - a.end > 40:
        return False
    written = not a.period_inferred and not b.period_inferred
    return bool((written and _PERIOD_RANGE_SEP.fullmatch(lw, a.end, b.start))
                or ("max" in lw[a.end:b.start] and _MAX_RANGE_SEP.fullmatch(lw, a.end, b.start))
                or (a.high is None and lw.startswith("max", b.start) and lw.startswith("min", a.start)
                    and _MID_GAP.fullmatch(lw, a.end, b.start)))


# "between USD 140,000 in the lowest geographic market and USD 250,000 in the highest":
# each end qualified by a few words (no figure, no sentence end) before the "and".
_BETWEEN_GAP: Final = re.compile(r"[ \u00a0]+(?:in|at|for)[ \u00a0][^\d\n.;:$£€]{0,48}?[ \u00a0]and[ \u00a0]+")


def _between_range(a: SalaryMention, b: SalaryMention, lw: str) -> bool:
    """"between X <qualifier> and Y": ``b`` (a plain figure) is the high end of ``a``."""
    return (b.component in (a.component, "unspecified") and b.start - a.end <= 60
            and "between" in lw[a.start:a.end] and _BETWEEN_GAP.fullmatch(lw, a.end, b.start) is not None)


def _ote_flag(out: list[SalaryMention]) -> None:
    """Reed's ", OTE" flag: the first amount (or, with none, the amount-less statement:
    "Competitive salary, OTE") is OTE, and the flag is no mention of its own."""
    amounts = [m for m in out if m.low is not None or m.high is not None] or out[:1]
    if not amounts:
        return
    amounts[0].component = "ote"
    for m in list(out):
        if m.component == "ote" and m.low is None and m.high is None and m is not amounts[0]:
            out.remove(m)


# A qualifier between a pay field's figure and its joined components ("DOE", "negotiable").
_QUALIFIER: Final = re.compile(r"[ \u00a0,]*(?:\(?d\.?o\.?e\.?\)?|negotiable|neg\.|pro[ -]?rata)(?![a-z])(?=[ \u00a0,]*(?:\+|plus[ \u00a0]))")


def _restates(a: SalaryMention, b: SalaryMention) -> bool:
    """True when ``b`` repeats ``a`` right after it, rounded at most ("20000 - 30000/annum
    20-30K", "27750 - 30250/annum 28-30K": each end within 5%)."""
    return (_near(b.low, a.low) and _near(b.high, a.high) and a.low is not None
            and b.currency == a.currency and b.component == a.component
            and b.start - a.end <= 3)


def _near(x, y) -> bool:
    """Equal, or both stated and within 5% (a restatement in rounded thousands)."""
    return x == y or (x is not None and y is not None and abs(x - y) <= 0.05 * max(abs(x), abs(y)))


def _joined_components(lw, text, mention, limit, pos=None, field_mode=False):
    """Amountless components joined to a mention: '... + car allowance' (read from ``pos``,
    the end of a restatement of the mention, or from the mention's end; in a pay field past
    a qualifier: '£32K - £36K DOE + bonus')."""
    pos = max(mention.end, pos or 0)
    if field_mode:
        q = _QUALIFIER.match(lw, pos)
        if q is not None:
            pos = q.end()
    if pos >= limit:
        return []
    return _join_chain(lw, text, pos, mention.currency, mention.market)[0]


# Where a hint of an amount-less statement starts (each place once, in order).
_HINT_AT, _FIELD_HINT_AT = _starts_of(_UNSTATED_HINTS), _starts_of(_FIELD_UNSTATED_HINTS)


def _unstated(text, lw, out, default_cur, field_mode):
    """Add one mention for 'Competitive', 'DOE', 'negotiable', '面议' and kin
    when the text gives no amount (an amount makes them redundant)."""
    for o in out:
        if o.low is not None or o.high is not None or o.masked:
            return
    for hint_at in (_FIELD_HINT_AT if field_mode else _HINT_AT).finditer(lw):
        k = hint_at.start()
        if k and lw[k - 1] in _LETTERS:
            continue
        m = _UNSTATED.match(lw, k)
        if m is None or (m.end() < len(lw) and lw[m.end()] in _LETTERS):
            continue
        s, e = m.start(), m.end()
        if any(o.start - 24 <= s <= o.end + 24 or o.start <= e <= o.end for o in out):
            continue
        if m.lastgroup in ("kw", "commission", "bonus"):
            # A bare "competitive"/"DOE" counts only as (nearly) the whole field, or as a
            # known pay field whose other words only join components ("Competitive + car
            # + bonus"), or next to a pay word ("Salary: negotiable").
            alone = field_mode and (len(text.strip()) <= (e - s) + 12 or _PAREN_TAIL.match(lw, e) or (
                field_mode is _KNOWN_FIELD and _join_chain(lw, text, e, None, None)[1] >= len(lw.rstrip())))
            if not alone and not (_PAYWORD.search(lw, max(0, s - 24), s)
                                  or _PAYWORD.search(lw, e, min(len(lw), e + 12))):
                continue
        cur = default_cur
        if cur is None and m.lastgroup == "zh":
            cur = _ZH_CURRENCY
        elif cur is None and _CYR.search(m.group()):
            cur = _RU_CURRENCY
        _insert_unstated(out, text, lw, m, cur, field_mode)
        return


# A note in brackets closing a pay field ("Договорная (по итогам собеседования)").
_PAREN_TAIL: Final = re.compile(r"[ \u00a0]*[(（][^()（）\d]{0,48}[)）][ \u00a0]*\Z")
_UNSTATED_COMPONENT: Final = {"compbase": "base", "commission": "commission",  # "Commission only"
                       "bonus": "bonus"}  # "Bonus eligible"


def _insert_unstated(out, text, lw, m, cur, field_mode) -> None:
    """Put the amount-less mention of match ``m`` in order, with the components joined to
    it in a known pay field ("Competitive + OTE", "по договорённости + премии")."""
    s, e = m.start(), m.end()
    mention = SalaryMention(text[s:e], s, e, None, None, cur, None, False,  # fields by position
                            _UNSTATED_COMPONENT.get(m.lastgroup, "unspecified"), None, None, False)
    k = len(out)
    while k > 0 and out[k - 1].start > s:
        k -= 1
    joined = _join_chain(lw, text, e, cur, None)[0] if field_mode is _KNOWN_FIELD else []
    out[k:k] = [mention, *joined]
