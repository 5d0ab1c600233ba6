"""Markets, currencies and countries: one table, read once (``workbench/data/markets.yaml``).

A *market* is where a posting's pay is read and compared: one currency, one
annualisation convention, one band of plausible pay (``GB``, ``US``, ``EU`` for the euro
area, ``BY``, ``RU``, ``CN``, ``PL``, ``AU``, ``CA``, ``IN``). A *country* belongs to at most one market: the market of its
own code, or the market that lists it as a member (Germany and France are in ``EU``).

Everything else that knows these facts is built from here:

* the salary engine's currency patterns (:func:`suffix_pattern`, :func:`prefix_pattern`,
  :func:`fast_prefix_pattern`, :func:`currency_code`), conventions (:func:`convention`),
  plausibility bands (:func:`plausible`, :func:`usd_scales`) and market keys
  (:func:`market_of`);
* the country of a posting, inferred in one place (:func:`infer_country`: country field,
  then place names, then currency cues, then language);
* extraction's default currency (:func:`currency_of`), the analytics' market filter
  (:func:`country_market`, :func:`resolve_market`), the location parser's country names
  (:func:`country_names`) and the notebooks' choice lists (:func:`market_codes`,
  :func:`currencies`, read by :mod:`workbench.plan`).

Adding a market is adding its entry (and its currency's) to the data file; a market in a
new language also needs its pay words (range, period) in :mod:`workbench.salary`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache, lru_cache
from typing import Any

import yaml

from workbench.config import PACKAGE_DATA
from workbench.errors import ParameterError

__all__ = [
    "ALL", "MARKETS_PATH", "Market", "convention", "country_code", "country_market", "country_names",
    "currencies", "currency_code", "currency_of", "default_convention", "fast_prefix_pattern",
    "infer_country", "language_market", "market", "market_codes", "market_of", "plausible",
    "own_words_markets", "prefix_last_chars", "prefix_pattern", "resolve_market", "signs_of",
    "suffix_pattern", "usd_scales", "currency_plausible", "annual_from", "before_signs",
]

MARKETS_PATH = PACKAGE_DATA / "markets.yaml"
ALL = "ALL"  # every market, one row each: never a pool
PERIODS = ("hour", "day", "week", "month", "year")
_CONVENTION_KEYS = ("hours_per_week", "weeks_per_year", "days_per_year", "months_per_year",
                    "default_period")


@dataclass(frozen=True)
class Market:
    """One market of the data file (see its comments for each field)."""

    code: str
    name: str
    currency: str
    aliases: tuple[str, ...]
    members: tuple[str, ...]
    languages: tuple[str, ...]
    places: tuple[str, ...]
    convention: dict
    plausible: dict
    own_band_for_unwritten_period: bool
    annual_from: float | None = None


# --------------------------------------------------------------------------- reading


@cache
def _data() -> dict:
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    data = yaml.load(MARKETS_PATH.read_text(encoding="utf-8"), Loader=loader)  # noqa: S506 (a safe loader)
    _check(data)
    return data


def _check_market(code: str, spec: dict, currencies: dict) -> None:
    where = f"{MARKETS_PATH.name}: market {code}"
    if spec.get("currency") not in currencies:
        raise ValueError(f"{where}: currency {spec.get('currency')!r} is not under `currencies`")
    missing = [k for k in _CONVENTION_KEYS if k not in (spec.get("convention") or {})]
    if missing:
        raise ValueError(f"{where}: convention lacks {', '.join(missing)}")
    unknown = [c for c in spec.get("reads_as_own", ()) if c not in currencies]
    if unknown:
        raise ValueError(f"{where}: reads_as_own names {', '.join(unknown)}, not under `currencies`")
    bands = spec.get("plausible") or {}
    if sorted(bands) != sorted(PERIODS) or any(not float(lo) < float(hi) for lo, hi in bands.values()):
        raise ValueError(f"{where}: plausible needs (lowest, highest) for each of {', '.join(PERIODS)}")


def _check(data: dict) -> None:
    """Refuse a data file whose entries contradict each other (at import, with the entry)."""
    markets, currencies = data["markets"], data["currencies"]
    seen: dict[str, str] = {}
    for code, spec in markets.items():
        _check_market(code, spec, currencies)
        for other in (code, *spec.get("aliases", ()), *spec.get("members", ())):
            if seen.setdefault(other, code) != code:
                raise ValueError(f"{MARKETS_PATH.name}: {other} is named by markets {seen[other]} and {code}")
    for ccy, spec in currencies.items():
        proxy = spec.get("annualised_as")
        if proxy is not None and proxy not in markets:
            raise ValueError(f"{MARKETS_PATH.name}: currency {ccy} is annualised as {proxy}, not a market")
        bands = spec.get("plausible")
        if bands is not None and (sorted(bands) != sorted(PERIODS)
                                  or any(not float(lo) < float(hi) for lo, hi in bands.values())):
            raise ValueError(f"{MARKETS_PATH.name}: currency {ccy}: plausible needs (lowest, highest) "
                             f"for each of {', '.join(PERIODS)}")


@cache
def _markets() -> dict[str, Market]:
    out = {}
    for code, spec in _data()["markets"].items():
        out[code] = Market(
            code=code, name=spec["name"], currency=spec["currency"],
            aliases=tuple(spec.get("aliases", ())), members=tuple(spec.get("members", ())),
            languages=tuple(spec.get("languages", ())), places=tuple(spec.get("places", ())),
            convention={k: spec["convention"][k] for k in _CONVENTION_KEYS},
            plausible={p: (float(lo), float(hi)) for p, (lo, hi) in spec["plausible"].items()},
            own_band_for_unwritten_period=bool(spec.get("own_band_for_unwritten_period", False)),
            annual_from=float(spec["annual_from"]) if spec.get("annual_from") is not None else None)
    return out


def _currencies() -> dict[str, dict]:
    return _data()["currencies"]


def market(code: str) -> Market:
    """The :class:`Market` of a market code (``KeyError`` when it is none)."""
    return _markets()[code]


def market_codes(*, with_all: bool = False) -> tuple[str, ...]:
    """The market codes in the data file's order; ``with_all`` adds ``"ALL"`` (one row per market)."""
    codes = tuple(_markets())
    return (*codes, ALL) if with_all else codes


def currencies() -> tuple[str, ...]:
    """The markets' currencies (each once, in market order): the currencies a report may be in."""
    return tuple(dict.fromkeys(m.currency for m in _markets().values()))


# ------------------------------------------------------------------- market look-ups


@cache
def _country_to_market() -> dict[str, str]:
    """Market codes, aliases and member countries -> market."""
    out: dict[str, str] = {}
    for code, m in _markets().items():
        for name in (code, *m.aliases, *m.members):
            out[name] = code
    return out


@cache
def _currency_to_market() -> dict[str, str]:
    """Currency codes (with the legacy ones) -> the market whose convention annualises them."""
    home = {m.currency: code for code, m in _markets().items()}
    out: dict[str, str] = {}
    for ccy, spec in _currencies().items():
        market_code = home.get(ccy) or spec.get("annualised_as")
        if market_code:
            for written in spec["codes"]:
                out[written] = market_code
    return out


def country_market(country: Any) -> str | None:
    """Market of a country, market code or alias (``DE`` -> ``EU``, ``UK`` -> ``GB``); None when it has none."""
    if not isinstance(country, str) or not country:
        return None
    return _country_to_market().get(country.strip().upper())


def market_of(code: Any) -> str | None:
    """Market whose convention applies to ``code``: a country, market code or alias, or a
    currency code (``GBP`` -> ``GB``, ``RUR`` -> ``RU``, ``CAD`` -> ``US``). None when unknown."""
    if not isinstance(code, str) or not code:
        return None
    key = code.strip().upper()
    return _country_to_market().get(key) or _currency_to_market().get(key)


def resolve_market(value: Any) -> str:
    """A market asked for by a user (a code or alias, any case, or ``ALL``), as its code.

    Raises :class:`~workbench.errors.ParameterError` naming the valid values; a country
    that is a member of a market is refused with that market's name (``DE`` -> ask for ``EU``).
    """
    text = str(value).strip().upper() if value is not None else ""
    if text == ALL:
        return ALL
    code = country_market(text)
    valid = ", ".join(market_codes(with_all=True))
    if code is None:
        raise ParameterError(f"unknown market {value!r}; use one of {valid} (a market, not a city: "
                             "cut by city with --by city)")
    if text in _markets()[code].members:
        raise ParameterError(f"{text} is part of the {code} market ({_markets()[code].name}); "
                             f"ask for {code}. Markets: {valid}")
    return code


def currency_of(market_or_country: Any) -> str | None:
    """Default currency of a market or of a country's market (``FR`` -> ``EUR``); None when unknown."""
    code = country_market(market_or_country)
    return _markets()[code].currency if code else None


def language_market(language: Any) -> str | None:
    """The market of a posting in ``language`` with no other cue (``ru`` -> ``RU``, ``zh`` -> ``CN``)."""
    return _language_markets().get(language) if isinstance(language, str) else None


@cache
def _language_markets() -> dict[str, str]:
    return {lang: code for code, m in _markets().items() for lang in m.languages}


def convention(market_code: str | None) -> dict:
    """Annualisation fields of a market (``default_convention()`` when it has none)."""
    m = _markets().get(market_code or "")
    return dict(m.convention) if m else default_convention()


def default_convention() -> dict:
    """The convention of figures from no known market."""
    spec = _data()["default_convention"]
    return {k: spec[k] for k in _CONVENTION_KEYS}


def plausible(market_code: str | None) -> dict[str, tuple[float, float]] | None:
    """Plausible pay per period in the market's own currency, or None for no known market."""
    m = _markets().get(market_code or "")
    return dict(m.plausible) if m else None


def currency_plausible() -> dict[str, dict[str, tuple[float, float]]]:
    """Plausible pay per period of the currencies of no market here that state their own band
    (in that currency): it judges their figures instead of the US band scaled."""
    return {ccy: {p: (float(lo), float(hi)) for p, (lo, hi) in spec["plausible"].items()}
            for ccy, spec in _currencies().items() if "plausible" in spec}


def usd_scales() -> dict[str, float]:
    """Rough units per US dollar of the currencies that state one (others count as 1.0):
    used only to judge whether a figure is plausible for a period, never to convert."""
    return {ccy: float(spec["usd_scale"]) for ccy, spec in _currencies().items() if "usd_scale" in spec}


def annual_from() -> dict[str, float]:
    """Markets whose ads state a year's pay, not the convention's month, for a figure with no
    written period at or above a size (India: a lakh or more is an annual CTC)."""
    return {code: m.annual_from for code, m in _markets().items() if m.annual_from is not None}


def own_words_markets() -> dict[str, dict[str, tuple[str, ...]]]:
    """Market -> {currency whose marks mean the market's own currency in its postings: the
    marks that keep that currency} ('руб.' in a Belarusian posting is the Belarusian rouble,
    '₽' keeps the Russian one; '$' on an Australian board is the Australian dollar, 'US$'
    and 'USD' keep the US one). A currency listed without marks keeps its signs."""
    out = {}
    for code, spec in _data()["markets"].items():
        own = spec.get("reads_as_own")
        if own:
            marks = own if isinstance(own, dict) else {ccy: None for ccy in own}
            out[code] = {ccy: tuple(m.lower() for m in keep) if keep else signs_of(ccy)
                         for ccy, keep in marks.items()}
    return out


def signs_of(currency: str) -> tuple[str, ...]:
    """The signs (not codes or words) of a currency, before or after an amount."""
    spec = _currencies().get(currency) or {}
    return tuple(dict.fromkeys((*spec.get("before", ()), *spec.get("after", ()))))


# --------------------------------------------------------------- currency patterns


def _alternation(items) -> str:
    return "|".join(items)


def _class_chars(signs) -> str:
    return "".join(re.escape(s) if s in "^]\\-" else s for s in signs)


def _char_class(signs) -> str:
    return "[" + _class_chars(signs) + "]"


def _codes(only_markets: bool = False) -> list[str]:
    home = set(currencies())
    return [c.lower() for ccy, spec in _currencies().items()
            if not only_markets or ccy in home for c in spec["codes"]]


def suffix_pattern() -> str:
    """Regex source (no group) of a currency written after an amount, run on lower-case text:
    single-character signs, the currencies' words, their codes, then longer signs."""
    signs = [s for spec in _currencies().values() for s in spec.get("after", ())]
    single = [s for s in dict.fromkeys(signs) if len(s) == 1]
    longer = [s.lower() for s in dict.fromkeys(signs) if len(s) > 1]
    words = [w for spec in _currencies().values() for w in spec.get("words", ())]
    codes = "(?:" + _alternation(_codes()) + ")(?![a-z])"
    return _alternation([_char_class(single), *words, codes, *longer])


def prefix_pattern() -> str:
    """Regex source (no group) of a currency written before an amount: '$' forms (after no
    letter), single signs, codes (after no letter), longer signs."""
    signs = [s for spec in _currencies().values() for s in spec.get("before", ())]
    signs = list(dict.fromkeys(signs))
    dollars = sorted((s.lower() for s in signs if s.endswith("$")), key=len, reverse=True)
    single = [s for s in signs if len(s) == 1 and not s.endswith("$")]
    longer = [s.lower() for s in signs if len(s) > 1 and not s.endswith("$")]
    return _alternation([
        "(?<![a-z])(?:" + _alternation(re.escape(s) for s in dollars) + ")",
        _char_class(single),
        "(?<![a-z])(?:" + _alternation(_codes()) + ")",
        *longer,
    ])


def before_signs() -> str:
    """The one-character signs the markets' currencies write before an amount ('£$€₽¥'),
    escaped for a character class: what tells that an amount follows."""
    home = set(currencies())
    signs = [s for ccy, spec in _currencies().items() if ccy in home
             for s in spec.get("before", ()) if len(s) == 1]
    return _class_chars(dict.fromkeys(signs))


def fast_prefix_pattern() -> str:
    """Regex source of the prefixes the salary fast path reads: the markets' currencies'
    single signs, or their codes followed by a space."""
    return _alternation(["[" + before_signs() + "]", *(c + " " for c in _codes(only_markets=True))])


def prefix_last_chars() -> frozenset[str]:
    """The last character of every currency prefix (a quick test before the prefix regex runs)."""
    signs = [s.lower() for spec in _currencies().values() for s in spec.get("before", ())]
    return frozenset(s[-1] for s in signs + _codes())


@cache
def _sign_map() -> dict[str, str]:
    out: dict[str, str] = {}
    for ccy, spec in _currencies().items():
        for s in (*spec.get("before", ()), *spec.get("after", ()), *spec["codes"]):
            out.setdefault(s.lower(), ccy)
    return out


@cache
def _word_patterns() -> tuple[tuple[re.Pattern, str], ...]:
    return tuple((re.compile(_alternation(spec["words"])), ccy)
                 for ccy, spec in _currencies().items() if spec.get("words"))


def currency_code(marker: str) -> str | None:
    """ISO code of a currency marker matched by the patterns above ('£', 'us$', 'руб', 'BYR').

    The marker is read lower-cased, without a final dot; a word is matched whole, as if a
    space stood before it (the Belarusian 'Br' is a currency only after a space)."""
    m = marker.strip().lower().rstrip(".")
    hit = _sign_map().get(m)
    if hit is not None:
        return hit
    padded = " " + m
    for pattern, ccy in _word_patterns():
        if pattern.fullmatch(padded, 1):
            return ccy
    return None


# ------------------------------------------------------------------------ countries


def country_names() -> dict[str, dict[str, list[str]]]:
    """``{country: {"codes": [...], "names": [...]}}``: every name in every language, flattened."""
    out = {}
    for code, spec in _data()["countries"].items():
        names = [n for per_language in (spec.get("names") or {}).values() for n in per_language]
        out[code] = {"codes": list(spec.get("codes", ())), "names": names}
    return out


_KEY_DROP = re.compile(r"[\W_]")  # keeps every script's letters and digits ('Łódź', 'Österreich')
_TWO_LETTERS = re.compile(r"[A-Za-z]{2}")
_LOCATION_SPLIT = re.compile(r"[,;/|()]")


def _key(text: str) -> str:
    """A name as looked up: lower case, letters and digits only ('Санкт-Петербург' -> 'санктпетербург')."""
    return _KEY_DROP.sub("", text.lower())


@cache
def _name_to_country() -> dict[str, str]:
    """Country names (every language) and the markets' place words -> country code."""
    out: dict[str, str] = {}
    for code, spec in country_names().items():
        for name in spec["names"]:
            out.setdefault(_key(name), code)
    for code, m in _markets().items():
        for place in m.places:
            out.setdefault(_key(place), code)
    return out


@cache
def _currency_cues() -> tuple[tuple[re.Pattern, str], ...]:
    """(pattern, country) per market currency: its codes as written and its cues, in the
    markets' order, ``cues_first`` currencies first and international ones last. Markets
    with members name no country."""
    first, local, international = [], [], []
    for code, m in _markets().items():
        if m.members:
            continue
        spec = _currencies()[m.currency]
        parts = [r"\b" + c + r"\b" for c in spec["codes"]] + list(spec.get("country_cues", ()))
        group = first if spec.get("cues_first") else international if spec.get("international") else local
        group.append((re.compile("|".join(parts)), code))
    return tuple(first + local + international)


def country_code(value: Any) -> str | None:
    """ISO alpha-2 code of a country field: a two-letter code (a market's alias such as
    ``UK`` is its code, ``GB``) or a known name in any language."""
    if value is None:
        return None
    text = str(value).strip()
    if _TWO_LETTERS.fullmatch(text):
        code = text.upper()
        return _aliases().get(code, code)
    return _name_to_country().get(_key(text))


@cache
def _aliases() -> dict[str, str]:
    return {alias: code for code, m in _markets().items() for alias in m.aliases}


def infer_country(country: Any = None, location: str | None = None, salary_raw: str | None = None,
                  text: str | None = None, language: str | None = None) -> str | None:
    """The country of a posting, in this order: its country field; a country name or a
    market's place word in its location (last part first); a currency cue in its pay field,
    then its text (codes as written, '£', '₽', 'руб', '元' ...; the dollar last; roubles are
    Belarusian where the gazetteer places the location in Belarus); its
    language's market (Russian -> RU, Chinese -> CN). None when nothing tells."""
    code = country_code(country)
    if code:
        return code
    if location:
        names = _name_to_country()
        for part in reversed(_LOCATION_SPLIT.split(location)):
            code = names.get(_key(part))
            if code:
                return code
    for haystack in (salary_raw, text):
        if haystack:
            for pattern, code in _currency_cues():
                if pattern.search(haystack):
                    return _rouble_country(code, location)
    lang = language_market(language)
    return _rouble_country(lang, location) if lang else lang


def _rouble_country(code: str, location: str | None) -> str:
    """The country of a rouble cue ('руб', 'р.') or of Russian text: Russia, unless the gazetteer places the
    posting's location in Belarus, whose roubles are written with the same words ('Полоцк',
    'Жлобин': towns the markets table's place words do not list)."""
    if code != "RU" or not location:
        return code
    from workbench.places import parse_location  # the gazetteer loads on first use only

    return "BY" if parse_location(location, None).country == "BY" else code


def posting_market(country: Any = None, language: Any = None) -> tuple[str | None, str | None, str | None]:
    """``(country, market, default currency)`` of a posting's country field and language:
    :func:`infer_country` (the field, else the language's market), its market (``DE`` ->
    ``EU``; a country without one stands for itself) and that market's currency.

    Extraction asks once a posting; the few pairs that occur are remembered."""
    try:
        return _posting_market(country, language)
    except TypeError:  # a field value that cannot be hashed: worked out afresh
        return _posting_market.__wrapped__(country, language)


@lru_cache(maxsize=1024, typed=True)
def _posting_market(country: Any, language: Any) -> tuple[str | None, str | None, str | None]:
    code = infer_country(country, language=language)
    market_code = country_market(code) or code
    return code, market_code, currency_of(market_code)
