"""Where a job is: a posting's location text parsed into city, region and country.

``parse_location("Canary Wharf, London", country="GB")`` gives
``Place(city="London", region="London", country="GB", remote=False)``.

What the fields mean
--------------------
``city``
    The town or city in its usual English name. Every London form (a borough, a
    district such as Shoreditch, "Central/Greater London", "City of London", a
    London postcode) is ``London``; a district of another city is that city
    ("Headingley, Leeds" -> Leeds), a separate town is its own city ("Atherton").
``region``
    UK: one of the twelve ITL1 regions ("North West", "Scotland" ...). US: the state's
    name ("Texas"). Russia, Belarus, China: the first-level division ("Tatarstan",
    "Guangdong"). Elsewhere: None.
``country``
    ISO 3166 alpha-2 of the place the text names; when the text names none, the
    ``country`` passed in (the posting's market), else None.
``remote``
    True when the text says the job is remote or home-based. "Hybrid" is not remote.

:func:`named_country` is stricter: the country only when the text names it or one of
its divisions ("Austin, TX", "Remote, US", "Leeds, England"), never from a city alone
("Paris", "London"). Extraction uses it for a posting whose country field is empty.

Unknown parts stay None: a hamlet not in the gazetteer, a county alone (no city),
"Remote", "UK" or "Multiple locations" give no city. A name that two places share
(Newport, Richmond, Boston) is settled by the other parts or the country passed in,
and otherwise left empty in what the candidates disagree on.

How it works
------------
The gazetteer (``workbench/data/places.yaml``, with the country names of
``workbench/data/markets.yaml``) is read once into an index of
normalised names. The text is cut into alternatives ("London / Manchester"), each
into hierarchy parts (commas, dashes, brackets); each part is looked up whole, then
with place words stripped ("Central", "North West", "city centre", "area" ...), with
UK postcodes, ZIP codes and trailing codes split off; Chinese text is scanned for
known names. Each part's candidates are scored against the other parts and the
country passed in; the country is settled from the explicit parts, and the most
specific part that names a city gives the city. Results are cached per distinct
(text, country), so a corpus of a million postings costs one parse per distinct string.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections import defaultdict
from dataclasses import dataclass
from functools import cache, lru_cache
from typing import Any, Iterable, NamedTuple

import yaml

from workbench.config import PACKAGE_DATA
from workbench import markets
from workbench.markets import country_names

__all__ = ["Place", "named_country", "parse_location", "parse_locations", "gazetteer_path", "preload",
           "ITL1_REGIONS", "clear_cache"]

PLACES_PATH = PACKAGE_DATA / "places.yaml"

ITL1_REGIONS = ("North East", "North West", "Yorkshire and The Humber", "East Midlands",
                "West Midlands", "East of England", "London", "South East", "South West",
                "Wales", "Scotland", "Northern Ireland")



@dataclass(frozen=True)
class Place:
    """A parsed location (see the module doc for what each field means)."""

    city: str | None = None
    region: str | None = None
    country: str | None = None
    remote: bool = False


class _Entry(NamedTuple):
    """One thing a name can mean."""

    kind: str            # country, region, area, state, town, district, postcode
    city: str | None
    region: str | None
    country: str | None
    rank: int = 0        # lower wins a tie: a US state code before a country code


_CITY_KINDS = frozenset({"town", "district", "postcode"})
_ADMIN_KINDS = frozenset({"state", "region", "area"})


def gazetteer_path():
    """Path of the gazetteer file the parser reads."""
    return PLACES_PATH


# --------------------------------------------------------------------------- names

_DROP = re.compile(r"[.'’`´\u2019]")
_SPACING = re.compile(r"[\s\-‐‑–—_~,]+")
_CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")


def _key(text: str) -> str:
    """A name folded for matching: case, punctuation, hyphens, 'Saint' -> 'st', 'ё' -> 'е'."""
    folded = unicodedata.normalize("NFKC", text).casefold().replace("ё", "е").replace("&", " and ")
    words = _SPACING.sub(" ", _DROP.sub("", folded)).split()
    return " ".join("st" if w == "saint" else w for w in words)


class _Index:
    """Normalised name -> the entries it may mean, built from the gazetteer file."""

    def __init__(self) -> None:
        self.names: dict[str, set[_Entry]] = defaultdict(set)
        self.postcode_areas: dict[str, _Entry] = {}
        self.cjk: dict[str, list[tuple[str, tuple[_Entry, ...]]]] = {}

    def add(self, name: str, entry: _Entry) -> None:
        key = _key(str(name))
        if key:
            self.names[key].add(entry)

    def finish(self) -> "_Index":
        """Freeze the entry sets (ties keep the best rank) and index Chinese names by first character."""
        frozen: dict[str, tuple[_Entry, ...]] = {}
        for key, entries in self.names.items():
            best: dict[tuple, _Entry] = {}
            for e in entries:
                ident = e[:4]
                if ident not in best or e.rank < best[ident].rank:
                    best[ident] = e
            frozen[key] = tuple(sorted(best.values()))
        self.names = frozen  # type: ignore[assignment]
        by_first: dict[str, list[tuple[str, tuple[_Entry, ...]]]] = defaultdict(list)
        for key, entries in frozen.items():
            if _CJK.search(key) and " " not in key:
                by_first[key[0]].append((key, entries))
        self.cjk = {c: sorted(v, key=lambda kv: -len(kv[0])) for c, v in by_first.items()}
        return self

    def get(self, key: str) -> tuple[_Entry, ...]:
        return self.names.get(key, ())  # type: ignore[return-value]


def _as_list(value: Any) -> list:
    if value is None:
        return []
    return list(value) if isinstance(value, (list, tuple)) else [value]


def _add_countries(index: _Index, countries: dict) -> None:
    for code, spec in countries.items():
        for name in spec.get("names", []):
            index.add(name, _Entry("country", None, None, code))
        for short in spec.get("codes", []):
            index.add(short, _Entry("country", None, None, code, rank=1))


def _add_uk_region(index: _Index, region: str, spec: dict) -> None:
    index.add(region, _Entry("region", None, region, "GB"))
    for name in spec.get("aliases") or []:
        index.add(name, _Entry("region", None, region, "GB"))
    for name in spec.get("areas") or []:
        index.add(name, _Entry("area", None, region, "GB"))
    for town in spec.get("towns") or []:
        index.add(town, _Entry("town", town, region, "GB"))
    for town, districts in (spec.get("districts") or {}).items():
        for name in districts:
            index.add(name, _Entry("district", town, region, "GB"))
    for alias, town in (spec.get("aliases_of_towns") or {}).items():
        index.add(alias, _Entry("town", town, region, "GB"))


def _add_uk(index: _Index, uk: dict) -> None:
    for region, spec in uk["regions"].items():
        if region not in ITL1_REGIONS:
            raise ValueError(f"places.yaml: {region!r} is not an ITL1 region ({', '.join(ITL1_REGIONS)})")
        _add_uk_region(index, region, spec)
    for region, areas in uk["postcode_areas"].items():
        known = region if region in ITL1_REGIONS else None
        for area in areas:
            index.postcode_areas[area] = _Entry(
                "postcode", "London" if known == "London" else None, known, "GB")


def _add_us(index: _Index, us: dict) -> None:
    states = us["states"]
    for code, name in states.items():
        index.add(code, _Entry("state", None, name, "US"))
        index.add(name, _Entry("state", None, name, "US"))
    for alias, code in (us.get("state_aliases") or {}).items():
        index.add(alias, _Entry("state", None, states[code], "US"))
    cities: dict[str, list[_Entry]] = {}
    for city, codes in us["cities"].items():
        cities[city] = [_Entry("town", city, states[c], "US") for c in _as_list(codes)]
        for entry in cities[city]:
            index.add(city, entry)
    for alias, city in (us.get("city_aliases") or {}).items():
        for entry in cities[city]:
            index.add(alias, entry)


def _add_abroad(index: _Index, abroad: dict) -> None:
    for country in (c for c in abroad if c.isupper()):  # RU, BY, CN: cities with their regions
        for city, spec in abroad[country].items():
            entry = _Entry("town", city, spec.get("region"), country)
            for name in [city, *spec.get("names", [])]:
                index.add(name, entry)
    for country, cities in abroad["other"].items():
        for city, names in cities.items():
            for name in [city, *_as_list(names)]:
                index.add(name, _Entry("town", city, None, country))
    for country, regions in abroad["regions"].items():
        for region, names in regions.items():
            for name in [region, *names]:
                index.add(name, _Entry("region", None, region, country))


@cache
def _index() -> _Index:
    """The gazetteer as an index (read once per process)."""
    # libyaml's safe loader when PyYAML was built with it: 5x faster on this file.
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    data = yaml.load(PLACES_PATH.read_text(encoding="utf-8"), Loader=loader)  # noqa: S506 (a safe loader)
    index = _Index()
    _add_countries(index, country_names())
    _add_uk(index, data["uk"])
    _add_us(index, data["us"])
    _add_abroad(index, data["abroad"])
    return index.finish()


# --------------------------------------------------------------------------- cutting

_REMOTE = re.compile(
    r"\bremote(?:ly)?\b|\bhome[\s-]*based\b|\bwork(?:ing)?\s+from\s+home\b|\bwfh\b|\btelework"
    r"|\banywhere\b|удал[её]нн|удаленк|из\s+дома|远程|居家|在家办公", re.I)
_MULTIPLE = re.compile(
    r"\bmultiple\s+(?:locations|sites|offices|cities)\b|\bvarious\s+(?:locations|sites|offices)\b"
    r"|\bseveral\s+(?:locations|sites|offices)\b|\bnationwide\b|\bcountrywide\b|\buk[\s-]*wide\b"
    r"|\bacross\s+the\s+(?:uk|country)\b|несколько\s+город|多个城市|多地", re.I)
# Words that say how or where-ish the job is worked, not which place: removed from a part.
_NOISE = re.compile(
    r"\b(?:fully\s+|100%\s+)?remote(?:ly)?(?:\s+(?:working|work|first|only|friendly|option(?:al)?))?\b"
    r"|\bhybrid(?:\s+(?:working|work|role|model))?\b|\bhome[\s-]*(?:based|working)\b"
    r"|\bwork(?:ing)?\s+from\s+home\b|\bwfh\b|\bflexible(?:\s+working)?\b|\bagile\s+working\b"
    r"|\b(?:office|field|site|client|home)[\s-]*based\b|\bbased\b|\bin[\s-]office\b|\bon[\s-]?site\b"
    r"|\b\d+\s+days?(?:\s+(?:a|per)\s+week)?(?:\s+in(?:\s+the)?\s+office)?\b"
    r"|\b(?:multiple|various|several)\s+(?:locations|sites|offices|cities)\b|\bnationwide\b"
    r"|\bcountrywide\b|\buk[\s-]*wide\b|\bacross\s+the\s+(?:uk|country)\b|\banywhere\b"
    r"|\btelework(?:ing)?\b|\bjob\s+location\b|\blocation\b"
    r"|возможна|удал[её]нн\w*|удаленк\w*|гибрид\w*|офис\w*|работа|远程|居家|办公", re.I)
_ALTERNATIVES = re.compile(r"\s+or\s+|\s+или\s+|/|\||;|、", re.I)
_HIERARCHY = re.compile(r",|\s+[-‐‑–—]+\s+|[–—]|\s·\s|·")
_BRACKETS = re.compile(r"[(\[（]([^)\]）]*)[)\]）]")
_POSTCODE = re.compile(r"\b([A-Z]{1,2})(\d[A-Z\d]?)(?:\s*(\d[A-Z]{2}))?\b")
_NUMBERS = re.compile(r"\b\d{5}(?:-\d{4})?\b|\b\d{6}\b|\b\d+[a-z]?\b")
_TRAILING_CODE = re.compile(r"^(.*\S)\s+([A-Z]{2,3})$")
_NAME_LIKE = re.compile(r"^[A-Za-z][A-Za-z .'\-]{0,40}$")

# Place words stripped from a part that is not found whole (longest first, tried in turn).
_PREFIXES = tuple(sorted((
    "north east", "north west", "south east", "south west", "northeast", "northwest", "southeast",
    "southwest", "north", "south", "east", "west", "central", "greater", "inner", "outer", "mid",
    "city of", "london borough of", "royal borough of", "borough of", "county of", "county",
    "near", "nr", "outskirts of", "the", "in", "within", "around", "close to", "г", "город", "гор",
), key=len, reverse=True))
_SUFFIXES = tuple(sorted((
    "city centre", "city center", "town centre", "centre", "center", "city", "area", "areas",
    "region", "office", "offices", "head office", "hq", "campus", "science park", "business park",
    "technology park", "park", "airport", "docks", "dock", "quays", "quay", "waterfront",
    "industrial estate", "trading estate", "retail park", "estate", "station", "uk", "england",
    "and surrounding areas", "and surrounding area", "surrounding areas", "and surrounds",
    "and surrounding", "metro area", "metropolitan area", "metro", "borough", "county",
    "district", "and area", "based",
), key=len, reverse=True))
# A part that starts with one of these Russian words is a street, metro station or
# district of the city named elsewhere: it names no place of its own.
_STREET_WORDS = frozenset({"м", "метро", "ст", "ул", "улица", "пр", "проспект", "пер", "переулок",
                           "д", "дом", "р", "район", "мкр", "микрорайон", "бц", "шоссе", "наб"})
_CN_STREET_AFTER = ("路", "街", "大道", "东路", "西路", "南路", "北路", "中路")


def _strip_lookup(key: str) -> tuple[_Entry, ...]:
    """Entries for ``key``, trying it whole, then with place words stripped (up to 3 words deep)."""
    index = _index()
    frontier = [key]
    seen = set()
    for _ in range(4):
        following = []
        for k in frontier:
            if not k or k in seen:
                continue
            seen.add(k)
            hit = index.get(k)
            if hit:
                return hit
            following.extend(k[len(p) + 1:] for p in _PREFIXES if k.startswith(p + " "))
            following.extend(k[:-len(s) - 1] for s in _SUFFIXES if k.endswith(" " + s))
        frontier = following
    return ()


def _cjk_scan(text: str) -> list[tuple[_Entry, ...]]:
    """Known names in Chinese text, left to right, longest first; street names skipped."""
    index = _index()
    found = []
    i = 0
    while i < len(text):
        for name, entries in index.cjk.get(text[i], ()):
            if text.startswith(name, i) and not text.startswith(_CN_STREET_AFTER, i + len(name)):
                found.append(entries)
                i += len(name)
                break
        else:
            i += 1
    return found


def _code_entries(token: str) -> tuple[_Entry, ...]:
    """Entries of a two- or three-letter code written in capitals ('TX', 'UK', 'NSW')."""
    return _index().get(_key(token)) if token.isupper() else ()


def _lookup_text(raw: str) -> list[tuple[_Entry, ...]]:
    """Entries for a part without postcodes or numbers (may be several: 'New York NY')."""
    key = _key(raw)
    if not key:
        return []
    if len(key) <= 2:  # two letters only as a code in capitals: 'IN', 'DE', 'NI'
        hit = _code_entries(raw.strip().replace(".", ""))
        return [hit] if hit else []
    if key.split()[0] in _STREET_WORDS:
        return []
    hit = _strip_lookup(key)
    if hit:
        return [hit]
    tail = _TRAILING_CODE.match(raw.strip())
    if tail:
        code = _code_entries(tail.group(2))
        if code:
            return [*_lookup_text(tail.group(1)), code]
    return []


def _resolve_part(raw: str) -> list[tuple[_Entry, ...]]:
    """Candidate lists for one hierarchy part, most specific first."""
    if _CJK.search(raw):
        return _cjk_scan(unicodedata.normalize("NFKC", raw))
    postcodes = []
    for match in _POSTCODE.finditer(raw):
        area = _index().postcode_areas.get(match.group(1))
        if area is not None:
            postcodes.append((area,))
            raw = raw.replace(match.group(0), " ")
    raw = _NUMBERS.sub(" ", raw)
    return [*_lookup_text(raw), *postcodes]


# --------------------------------------------------------------------------- choosing


class _Slot(NamedTuple):
    """One part of the text: what it was, its candidates, and whether it sat in brackets."""

    raw: str
    candidates: tuple[_Entry, ...]
    secondary: bool


@dataclass
class _Context:
    cities: set
    regions: set
    countries: set


def _context(slots: list[_Slot], skip: int, hint: frozenset) -> _Context:
    ctx = _Context(set(), set(), set(hint))
    for i, slot in enumerate(slots):
        if i == skip:
            continue
        for e in slot.candidates:
            if e.city:
                ctx.cities.add(e.city)
            if e.region:
                ctx.regions.add(e.region)
            if e.country:
                ctx.countries.add(e.country)
    return ctx


def _score(entry: _Entry, ctx: _Context) -> int:
    return ((4 if entry.city and entry.city in ctx.cities else 0)
            + (2 if entry.region and entry.region in ctx.regions else 0)
            + (1 if entry.country in ctx.countries else 0))


def _merge(tied: list[_Entry]) -> _Entry:
    """One entry from candidates nothing tells apart: what they agree on, None elsewhere."""
    if len(tied) == 1:
        return tied[0]
    regions = {e.region for e in tied}
    cities = {e.city for e in tied}
    countries = {e.country for e in tied}
    if len(countries) > 1:  # the same name in two countries: nothing to keep
        return _Entry(tied[0].kind, None, None, None, tied[0].rank)
    country = next(iter(countries))
    if len(regions) == 1:
        named = cities - {None}
        city = next(iter(named)) if len(named) == 1 else None
        region = next(iter(regions))
    else:
        city = next(iter(cities)) if len(cities) == 1 else None
        region = None
    source = next((e for e in tied if city is not None and e.city == city), tied[0])
    return _Entry(source.kind, city, region, country, source.rank)


def _choose(candidates: tuple[_Entry, ...], ctx: _Context) -> _Entry | None:
    if not candidates:
        return None
    scores = [_score(e, ctx) for e in candidates]
    top = max(scores)
    tied = [e for e, s in zip(candidates, scores) if s == top]
    best_rank = min(e.rank for e in tied)
    return _merge([e for e in tied if e.rank == best_rank])


def _choices(slots: list[_Slot], hint: frozenset) -> list[_Entry | None]:
    return [_choose(slot.candidates, _context(slots, i, hint)) for i, slot in enumerate(slots)]


def _decide_country(slots: list[_Slot], chosen: list[_Entry | None], *,
                    from_cities: bool = True) -> str | None:
    """The country the text names: an explicit country, else the broadest division, else
    the first place (not when ``from_cities`` is false)."""
    ordered = [(s, e) for s, e in zip(slots, chosen) if e is not None and e.country]
    ordered = [p for p in ordered if not p[0].secondary] + [p for p in ordered if p[0].secondary]
    tiers = ((("country",), True), (_ADMIN_KINDS, True), (_CITY_KINDS, False))
    for kinds, last in tiers if from_cities else tiers[:2]:
        matches = [e.country for _, e in ordered if e.kind in kinds]
        if matches:
            return matches[-1] if last else matches[0]
    return None


def _yields(current: _Entry, later: _Entry) -> bool:
    """Whether a city named later in the text overrides the city of a more specific part.

    Only when the later city lies in another region, so the specific part must be
    another place of that name ('Hyde Park, Leeds' is Leeds, not London's Hyde Park;
    'Cowley, Uxbridge' is London, not Oxford's Cowley). A part in the same region
    stays ('Atherton, Manchester' is Atherton, 'Salford Quays, Manchester' Salford).
    """
    if later.city == current.city or later.region is None:
        return False
    return current.region is None or current.region != later.region


def _pick_city(slots: list[_Slot], chosen: list[_Entry | None]) -> _Entry | None:
    named = [(s, e) for s, e in zip(slots, chosen) if e is not None and e.city]
    main = [e for s, e in named if not s.secondary]
    if not main:
        return next((e for _, e in named), None)
    current = main[0]
    for later in main[1:]:
        if _yields(current, later):
            current = later
    return current


def _us_city_from_text(slots: list[_Slot], chosen: list[_Entry | None]) -> tuple[str, str] | None:
    """US convention 'City, ST': an unknown name right before a state is that state's city."""
    for i in range(len(slots) - 1):
        state = chosen[i + 1]
        if (chosen[i] is None and state is not None and state.kind == "state"
                and not slots[i].secondary and _NAME_LIKE.match(slots[i].raw.strip())
                and len(slots[i].raw.split()) <= 4):
            name = " ".join(slots[i].raw.split())
            return (name.title() if name.isupper() or name.islower() else name), state.region
    return None


def _resolve(slots: list[_Slot], hint: frozenset, hint_country: str | None) -> tuple:
    """(city, region, country) from the parts of one alternative."""
    chosen = _choices(slots, hint)
    country = _decide_country(slots, chosen) or hint_country
    if country is not None:
        slots = [s._replace(candidates=tuple(e for e in s.candidates if e.country == country))
                 for s in slots]
        chosen = _choices(slots, frozenset({country}))
    city_entry = _pick_city(slots, chosen)
    city = city_entry.city if city_entry else None
    region = city_entry.region if city_entry else None
    if region is None:
        ordered = [e for s, e in zip(slots, chosen) if e is not None and not s.secondary]
        ordered += [e for s, e in zip(slots, chosen) if e is not None and s.secondary]
        region = next((e.region for e in ordered if e.region), None)
    if city is None and country == "US":
        found = _us_city_from_text(slots, chosen)
        if found:
            city, region = found
    return city, region, country


def _parts(text: str, secondary: bool) -> list[_Slot]:
    slots = []
    for raw in _HIERARCHY.split(text):
        cleaned = _NOISE.sub(" ", raw)
        if not _key(cleaned):
            continue
        for candidates in _resolve_part(cleaned) or [()]:
            slots.append(_Slot(cleaned, candidates, secondary))
    return slots


def _combine(results: list[tuple]) -> tuple:
    """Alternatives ('London or Manchester'): keep only what they agree on."""
    named = [r for r in results if any(r)]
    if not named:
        return None, None, None
    values = []
    for field in range(3):
        seen = {r[field] for r in named}
        values.append(next(iter(seen)) if len(seen) == 1 else None)
    return tuple(values)


def _hint(country: str | None) -> tuple[frozenset, str | None]:
    if not country:
        return frozenset(), None
    code = markets.country_code(country) or str(country).strip().upper()
    members = markets.market(code).members if code in markets.market_codes() else ()
    if members:  # a market of several countries ("EU"): a hint, never a country of its own
        return frozenset(members), None
    return frozenset({code}), code


def _alternatives(text: str) -> list[list[_Slot]]:
    """The slots of each alternative the text names ("Leeds or York"), with the bracketed
    parts of the whole text added to each as secondary; alternatives naming no known place
    are left out."""
    inside = " , ".join(_BRACKETS.findall(text))
    main = _BRACKETS.sub(" , ", text)
    out = []
    for alternative in _ALTERNATIVES.split(main):
        slots = _parts(alternative, False) + _parts(inside, True)
        if any(s.candidates for s in slots):
            out.append(slots)
    return out


@lru_cache(maxsize=1 << 16)
def _parse(text: str, country: str | None) -> Place:
    hint, hint_country = _hint(country)
    text = unicodedata.normalize("NFKC", text).strip()
    remote = bool(_REMOTE.search(text))
    if _MULTIPLE.search(text):
        found = _combine([_resolve(_parts(text, False), hint, hint_country)])
        return Place(None, None, found[2] or hint_country, remote)
    results = [_resolve(slots, hint, hint_country) for slots in _alternatives(text)]
    city, region, found_country = _combine(results)
    return Place(city, region, found_country or hint_country, remote)


def parse_location(text: str | None, country: str | None = None) -> Place:
    """Parse a location string into a :class:`Place` (cached per distinct text and country).

    ``country`` is the posting's market (ISO alpha-2; "UK" is read as GB, "EU" as the
    euro area): it decides between places of the same name and is the country returned
    when the text names none. Missing text (None, NaN, "") gives an empty place.
    """
    if text is None or (isinstance(text, float) and math.isnan(text)):
        text = ""
    return _parse(str(text), None if country is None or country != country else str(country))


@lru_cache(maxsize=4096)
def _named_country(text: str) -> str | None:
    text = unicodedata.normalize("NFKC", text).strip()
    if not text or _MULTIPLE.search(text):
        return None
    found = {_decide_country(slots, _choices(slots, frozenset()), from_cities=False)
             for slots in _alternatives(text)}
    return found.pop() if len(found) == 1 else None


def named_country(text: str | None) -> str | None:
    """The country a location names outright (ISO alpha-2), for a posting without a country
    field: a country's name or code ('United States', 'USA', 'Remote, US', 'United Kingdom')
    or a division of one (a US state or territory 'Austin, TX', 'San Juan, Puerto Rico'; a
    UK nation, region or county 'Leeds, England', 'Cardiff, Wales'). None from a city alone
    ('Paris', 'London', 'Boston'), when alternatives disagree, or for missing text."""
    if not isinstance(text, str):
        return None
    return _named_country(text)


def parse_locations(texts: Iterable[str | None], country: str | None = None) -> list[Place]:
    """:func:`parse_location` over many texts with one country."""
    return [parse_location(t, country) for t in texts]


def preload(*, fresh: bool = False) -> int:
    """Read the gazetteer now rather than on the first parse; returns how many names it holds.

    ``fresh=True`` reads the file again (and forgets cached results), e.g. to time the load.
    """
    if fresh:
        _index.cache_clear()
        _parse.cache_clear()
    return len(_index().names)


def clear_cache() -> None:
    """Forget cached results (after the gazetteer file changed, or to time cold parses)."""
    _parse.cache_clear()
    _named_country.cache_clear()
