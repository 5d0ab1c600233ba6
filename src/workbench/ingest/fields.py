"""Posting fields other than the text: title, company, location, country, date, pay field.

* **Columns and header fields**: CSV columns, JSON keys and ``Key: value`` header
  lines are matched to the contract's fields through one synonym table
  (``FullDescription``, ``Описание``, ``职位描述`` ... are all the description).
* **Labelled lines**: ``Label: value`` lines near the top of a page (``Компания:``,
  ``公司：``, ``Salary:``...) fill company, location and the separate pay field; a
  short first line is the title when no field gives one.
* **Country**: :func:`workbench.markets.infer_country`, built from the markets table
  (``workbench/data/markets.yaml``): an explicit field (ISO code or a known country
  name), else a country or a market's place word named in the location, else the
  currency in the pay field and then in the text (``£``/GBP -> GB, ``₽``/руб/RUB -> RU,
  ``元``/RMB/CNY -> CN, USD -> US; a bare ``$``, ``€`` or ``¥`` tells nothing by itself),
  else the language (``ru`` -> RU, ``zh`` -> CN). English says nothing about the
  country, so it stays null.
* **Dates**: unambiguous spellings become ISO dates; ``03/04/2024`` stays null.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date, datetime
from functools import lru_cache
from typing import Any

import pandas as pd

# The country of a posting is inferred in one place, from the markets table (a country
# field, then place names, currency cues, language); the readers import it from here.
from workbench.markets import country_code, infer_country  # noqa: F401

_HEADER_LINE = re.compile(r"^\s*([A-Za-z][A-Za-z _-]{0,30}):[ \t]*(.*)$")


_NOT_KEY_CHAR = re.compile(r"[^0-9a-zа-яё\u4e00-\u9fff]")


def _norm_key(key: str) -> str:
    return _NOT_KEY_CHAR.sub("", key.lower())  # compiled once: skips re's cache look-up


# Column/field synonyms (normalised: lower case, no spaces or punctuation).
_SYNONYMS: dict[str, tuple[str, ...]] = {
    "id": ("id", "jobid", "postingid", "webindex"),
    "title": ("title", "jobtitle", "positiontitle", "position", "role", "jobname", "job",
              "должность", "вакансия", "название", "职位", "职位名称", "岗位", "岗位名称"),
    "description": ("fulldescription", "description", "jobdescription", "descriptiontext", "desc",
                    "text", "body", "content", "details", "описание", "описаниевакансии",
                    "职位描述", "岗位职责", "描述"),
    "company": ("company", "companyname", "employer", "organisation", "organization",
                "hiringorganization", "компания", "работодатель", "公司", "公司名称"),
    "location": ("locationraw", "location", "joblocation", "city", "place", "locationnormalized",
                 "город", "местоположение", "地点", "工作地点", "城市"),
    "country": ("country", "countrycode", "страна", "国家"),
    "date_posted": ("dateposted", "date", "posted", "postedat", "postdate", "publishedat",
                    "published", "created", "дата", "发布日期"),
    "salary_raw": ("salaryraw", "salary", "pay", "compensation", "wage", "wages", "basesalary",
                   "зарплата", "заработнаяплата", "薪资", "薪酬", "工资"),
    "language": ("language", "lang", "inlanguage"),
}
_KEY_TO_FIELD = {syn: fieldname for fieldname, syns in _SYNONYMS.items() for syn in syns}
_HEADER_KEYS = set(_KEY_TO_FIELD) | {"contracttype", "contracttime", "category", "sourcename",
                                     "salarynormalized", "url", "source"}


def map_columns(names: Iterable[str]) -> dict[str, Any]:
    """Map contract fields to the first matching column (by synonym priority)."""
    return dict(_map_columns_cached(tuple(names)))


@lru_cache(maxsize=256)
def _map_columns_cached(names: tuple) -> tuple:
    normalised = {}
    for name in names:
        if name is None:
            continue
        normalised.setdefault(_norm_key(str(name)), name)
    mapping: dict[str, Any] = {}
    for fieldname, syns in _SYNONYMS.items():
        for syn in syns:
            if syn in normalised:
                mapping[fieldname] = normalised[syn]
                break
    return tuple(mapping.items())


def _header_key(line: str) -> tuple[str, str] | None:
    """(field, value) of a known ``Key: value`` header line, else None."""
    match = _HEADER_LINE.match(line)
    if not match:
        return None
    key = _norm_key(match.group(1))
    if key not in _HEADER_KEYS:
        return None
    return _KEY_TO_FIELD.get(key, key), match.group(2)


def _is_continuation(line: str) -> bool:
    """An indented, non-blank line: it continues the header field above it."""
    return line[:1] in (" ", "\t") and bool(line.strip())


def parse_header_fields(text: str) -> dict[str, str] | None:
    """Parse ``Key: value`` header files (``Title:``, ``Company:``, ``Description:``...).

    A header field holds its own line and the indented lines right below it (a
    continuation), never more: a blank line or an unindented line ends it, so
    ``Location: Leeds``, a blank line and the description give the location
    ``Leeds``. ``Description:`` is the one field that runs on over many lines (blank
    ones included) until the next header line; lines that follow another field's end
    belong to the description when there is one; without one, the first such line
    ends the header block (a ``Key:`` line in the body is text, not a field). A field
    named twice keeps its first value. Returns None when the text is not a
    header file (free text before the first field, fewer than two known fields, or
    neither a title nor a description).
    """
    fields: dict[str, list[str]] = {}
    current: str | None = None  # the field the next line may belong to
    known = 0
    for line in text.split("\n"):
        header = _header_key(line)
        if header is not None and header[0] not in fields:
            current, value = header
            known += 1
            fields[current] = [value]
        elif current is None:
            if line.strip():
                return None  # free text before any header: not a header file
        elif current != "description" and _is_continuation(line):
            fields[current].append(line.strip())
        elif "description" in fields:
            # The line ends a one-line field (or repeats one): it is description text.
            current = "description"
            fields[current].append(line)
        else:
            break  # the header block has ended: the rest is the body, not fields
    if known < 2 or not ({"title", "description"} & fields.keys()):
        return None
    return {key: ("\n" if key == "description" else " ").join(v).strip() for key, v in fields.items()}


_LABEL_LINE = re.compile(r"^([^:：\n]{1,24}?)\s*[:：]\s*(\S.{0,79})$")
_LABELS = {
    "company": ("company", "employer", "компания", "работодатель", "公司", "公司名称", "企业", "雇主"),
    "location": ("location", "city", "город", "местоположение", "местоработы", "地点", "工作地点",
                 "城市", "工作城市"),
    "salary_raw": ("salary", "pay", "зарплата", "заработнаяплата", "доход", "оплататруда", "薪资",
                   "薪酬", "月薪", "工资"),
}
_LABEL_TO_FIELD = {label: name for name, labels in _LABELS.items() for label in labels}


def labelled_fields(text: str, max_lines: int = 15) -> dict[str, str]:
    """Company / location / pay from ``Label: value`` lines near the top of a posting.

    Pages often open with ``<b>Компания:</b> …`` or ``公司：…`` lines; reading them gives
    the company (needed for disclosure control) and a separate pay field. The lines stay
    in the text.
    """
    found: dict[str, str] = {}
    for line in text.split("\n")[:max_lines]:
        match = _LABEL_LINE.match(line.strip())
        if not match:
            continue
        name = _LABEL_TO_FIELD.get(_norm_key(match.group(1)))
        if name and name not in found:
            found[name] = match.group(2).strip()
    return found


_GENERIC_FIRST_LINES = frozenset(
    _norm_key(s)
    for s in ("job description", "description", "role definition", "about the role", "overview",
              "职位描述", "岗位职责", "описание вакансии", "вакансия", "position summary")
)


_TITLE_LABELS = frozenset(("title", "jobtitle", "position", "vacancy", "вакансия", "должность",
                           "职位", "职位名称", "岗位", "岗位名称", "招聘职位"))


def first_line_title(text: str) -> str | None:
    """A short first line (or ``Title: ...`` line) of the text as its title, else None.

    Generic openings ("Job description") and field lines ("Компания: ...") are
    skipped; a line that reads as a sentence is no title.
    """
    for line in text.split("\n")[:3]:
        line = line.strip().lstrip("-").strip()
        if not line:
            continue
        match = _LABEL_LINE.match(line)
        if match and _norm_key(match.group(1)) in _TITLE_LABELS:
            line = match.group(2).strip()
        elif match and _norm_key(match.group(1)) in _LABEL_TO_FIELD:
            continue  # "Компания: …" is a field, not a title
        if _norm_key(line) in _GENERIC_FIRST_LINES:
            continue
        if len(line) <= 90 and len(line.split()) <= 12 and not line.endswith("."):
            return line
        return None
    return None


# --------------------------------------------------------------------------- dates

_ISO_DATE = re.compile(r"(\d{4})-(\d{2})-(\d{2})")


_DATE_FORMATS = ("%Y/%m/%d", "%d %B %Y", "%d %b %Y", "%B %d, %Y", "%b %d, %Y", "%Y%m%d", "%d.%m.%Y")
_ZH_DATE = re.compile(r"(\d{4})年(\d{1,2})月(\d{1,2})日")


def iso_date(value: Any) -> str | None:
    """ISO ``YYYY-MM-DD`` from common unambiguous date spellings, else None."""
    if value is None or value is pd.NaT:
        return None
    if isinstance(value, (datetime, date)):
        # isoformat pads the year to four digits; strftime("%Y") gives "999" on Linux.
        return (value.date() if isinstance(value, datetime) else value).isoformat()
    text = str(value).strip()
    if not text:
        return None
    match = _ISO_DATE.match(text) or _ZH_DATE.search(text)
    if match:
        try:
            return date(*map(int, match.groups())).isoformat()
        except ValueError:
            return None
    for fmt in _DATE_FORMATS:
        try:
            return datetime.strptime(text, fmt).date().isoformat()
        except ValueError:
            continue
    return None  # ambiguous (03/04/2024) or unknown: null, never guessed
