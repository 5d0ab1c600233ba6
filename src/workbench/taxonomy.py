"""Taxonomy of account work and a lexicon classifier for responsibility lines.

The taxonomy lives in ``workbench/data/taxonomy.yaml`` (versioned; each area has
a description and weighted English, Russian and Chinese lexicons; the file's
header documents the term syntax). ``classify_responsibility`` scores every area
by the summed weights of the terms found in a line and returns the best area
with a confidence; a line that matches nothing is ``('other', low confidence)``
and is never dropped. ``evaluate`` measures precision and recall per area on a
labelled CSV (``text,language,area``).

Matching is dictionary look-ups on word tokens (plus substrings for Chinese),
not a regex alternation: a few hundred alternatives in one regex cost
microseconds per character, a token look-up costs well under one.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import yaml

from .config import LABELLED, PACKAGE_DATA

__all__ = ["TAXONOMY_PATH", "Taxonomy", "load_taxonomy", "classify_responsibility", "evaluate", "AREAS"]

TAXONOMY_PATH = PACKAGE_DATA / "taxonomy.yaml"
DEFAULT_LABELLED = LABELLED / "responsibilities.csv"

# Punctuation to blanks, then str.split: far cheaper than a tokenising regex.
_PUNCT = str.maketrans({c: " " for c in ".,;:!?()[]{}\"'/\\|–—-…•·*«»“”‘’+=<>@#$^~`，。、；：！？（）【】《》"})
_CJK_RE = re.compile(r"[\u4e00-\u9fff]")
_OTHER_CONFIDENCE = 0.1


def _norm(text: str) -> str:
    return text.lower().replace("ё", "е")


@dataclass
class _Term:
    tokens: tuple[tuple[str, bool], ...]  # (text, is_stem)
    area: str
    weight: float


@dataclass
class Taxonomy:
    """A loaded taxonomy: areas, descriptions and the look-up tables built from the lexicons."""

    version: str
    areas: list[str]
    descriptions: dict[str, str]
    exact: dict[str, list[_Term]] = field(default_factory=dict)   # first token (exact) -> terms
    stems: dict[str, list[_Term]] = field(default_factory=dict)   # first token (stem) -> terms
    stem_lengths: list[int] = field(default_factory=list)
    cjk: dict[str, tuple[str, float]] = field(default_factory=dict)  # substring -> (area, weight)
    cjk_lengths: list[int] = field(default_factory=list)
    # word -> candidate terms; words repeat across postings, so look-ups are memoised.
    memo: dict[str, tuple] = field(default_factory=dict)
    order: dict[str, int] = field(default_factory=dict)


def _parse_term(term: str) -> tuple[tuple[str, bool], ...]:
    words = _norm(term).replace("-", " ").split()
    out = []
    for w in words:
        stem = w.endswith("*")
        out.append((w.rstrip("*"), stem))
    return tuple(out)


@lru_cache(maxsize=4)
def load_taxonomy(path: str | Path | None = None) -> Taxonomy:
    """Load and index the taxonomy YAML (cached per path)."""
    path = Path(path) if path else TAXONOMY_PATH
    raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    areas = list(raw["areas"])
    tax = Taxonomy(version=str(raw["version"]), areas=areas,
                   descriptions={a: " ".join(str(raw["areas"][a]["description"]).split()) for a in areas})
    for area in areas:
        lex = raw["areas"][area].get("lexicon") or {}
        for lang, terms in lex.items():
            for term, weight in (terms or {}).items():
                term = str(term)
                if lang == "zh" or _CJK_RE.search(term):
                    tax.cjk[_norm(term)] = (area, float(weight))
                    continue
                tokens = _parse_term(term)
                if not tokens:
                    continue
                t = _Term(tokens, area, float(weight))
                first, stem = tokens[0]
                (tax.stems if stem else tax.exact).setdefault(first, []).append(t)
    for table in (tax.exact, tax.stems):
        for terms in table.values():
            terms.sort(key=lambda t: -len(t.tokens))  # longest phrase first
    tax.stem_lengths = sorted({len(k) for k in tax.stems}, reverse=True)
    tax.cjk_lengths = sorted({len(k) for k in tax.cjk}, reverse=True)
    tax.order = {a: i for i, a in enumerate(areas)}
    return tax


def _token_matches(word: str, tok: str, stem: bool) -> bool:
    if stem:
        return word.startswith(tok)
    return word == tok or (word.endswith("s") and (word[:-1] == tok or word[:-2] == tok and word.endswith("es")))


_NO_TERMS: tuple = ((), {}, ())


def _entry(tax: Taxonomy, word: str) -> tuple:
    """Terms that may start at ``word``; memoised per word.

    Returns ``(singles, by_second, stem_second)``: single-word terms as
    ``(area, weight, token)``; phrases keyed by their exact second token; phrases
    whose second token is a stem. Keying phrases by the second word means most
    words after "client" are rejected with one dict look-up.
    """
    hit = tax.memo.get(word)
    if hit is not None:
        return hit
    found: list[_Term] = []
    terms = tax.exact.get(word)
    if terms:
        found.extend(terms)
    if word.endswith("s") and len(word) > 3:
        for w in (word[:-1], word[:-2] if word.endswith("es") else None):
            if w and w in tax.exact:
                found.extend(tax.exact[w])
    for n in tax.stem_lengths:
        if n <= len(word):
            terms = tax.stems.get(word[:n])
            if terms:
                found.extend(terms)
    if not found:
        result = _NO_TERMS
    else:
        singles = tuple((t.area, t.weight, t.tokens[0][0]) for t in found if len(t.tokens) == 1)
        by_second: dict[str, list[_Term]] = {}
        stem_second: list[_Term] = []
        for t in found:
            if len(t.tokens) > 1:
                tok, stem = t.tokens[1]
                (stem_second.append(t) if stem else by_second.setdefault(tok, []).append(t))
        result = (singles, by_second, tuple(stem_second))
    if len(tax.memo) < 200_000:
        tax.memo[word] = result
    return result


def _token_matches(word: str, tok: str, stem: bool) -> bool:
    if stem:
        return word.startswith(tok)
    return word == tok or (word.endswith("s") and (word[:-1] == tok or word[:-2] == tok and word.endswith("es")))


def _rest_matches(words: list[str], i: int, term: _Term) -> bool:
    """Tokens 3.. of a phrase (tokens 1 and 2 are already known to match)."""
    toks = term.tokens
    if i + len(toks) > len(words):
        return False
    for j in range(2, len(toks)):
        tok, stem = toks[j]
        if not _token_matches(words[i + j], tok, stem):
            return False
    return True


def score_areas(text: str, tax: Taxonomy | None = None, evidence: bool = False) -> tuple[dict[str, float], list[str]]:
    """Summed term weights per area, and (when asked) the terms that fired."""
    tax = tax or load_taxonomy()
    low = _norm(text)
    scores: dict[str, float] = {}
    fired: list[str] = []
    words = low.translate(_PUNCT).split()
    memo = tax.memo
    i = 0
    n = len(words)
    while i < n:
        entry = memo.get(words[i])
        if entry is None:
            entry = _entry(tax, words[i])
        if entry is _NO_TERMS:
            i += 1
            continue
        singles, by_second, stem_second = entry
        if (by_second or stem_second) and i + 1 < n:
            w2 = words[i + 1]
            cands = by_second.get(w2)
            if w2[-1:] == "s" and by_second:
                extra = by_second.get(w2[:-1]) or (by_second.get(w2[:-2]) if w2[-2:] == "es" else None)
                if extra:
                    cands = (cands or []) + extra
            if stem_second:
                stems = [t for t in stem_second if w2.startswith(t.tokens[1][0])]
                if stems:
                    cands = (cands or []) + stems
            if cands:
                # The longest matching phrase wins; others of the same length count too.
                matched = [t for t in cands if len(t.tokens) == 2 or _rest_matches(words, i, t)]
                if matched:
                    best_len = max(len(t.tokens) for t in matched)
                    for term in matched:
                        if len(term.tokens) == best_len:
                            scores[term.area] = scores.get(term.area, 0.0) + term.weight
                            if evidence:
                                fired.append(" ".join(t for t, _ in term.tokens))
                    i += best_len
                    continue
        for area, weight, tok in singles:
            scores[area] = scores.get(area, 0.0) + weight
            if evidence:
                fired.append(tok)
        i += 1
    if tax.cjk and not low.isascii() and _CJK_RE.search(low):
        j = 0
        m = len(low)
        cjk = tax.cjk
        lengths = tax.cjk_lengths
        while j < m:
            if low[j] < "\u4e00":
                j += 1
                continue
            for length in lengths:
                hit = cjk.get(low[j:j + length])
                if hit:
                    scores[hit[0]] = scores.get(hit[0], 0.0) + hit[1]
                    if evidence:
                        fired.append(low[j:j + length])
                    j += length
                    break
            else:
                j += 1
    return scores, fired


def classify_responsibility(text: str, language: str | None = None) -> tuple[str, float]:
    """Area of account work a responsibility line belongs to, with a confidence in [0, 1].

    ``language`` is accepted for the pipeline's symmetry; the lexicons of all three
    languages are applied at once, which also handles mixed lines
    ("Вести переговоры по contract terms").
    """
    # Boilerplate lines ("Other duties as assigned") recur across postings: memoise.
    return _classify_cached(text)


@lru_cache(maxsize=65536)
def _classify_cached(text: str) -> tuple[str, float]:
    if not text or not text.strip():
        return "other", _OTHER_CONFIDENCE
    tax = load_taxonomy()
    scores, _ = score_areas(text, tax)
    if not scores:
        return "other", _OTHER_CONFIDENCE
    order = tax.order
    area, top, second = "other", 0.0, 0.0
    for a, v in scores.items():
        if v > top or v == top and order[a] < order[area]:
            area, second, top = a, top, v
        elif v > second:
            second = v
    # Margin over the runner-up times the strength of the evidence.
    margin = top / (top + second)
    strength = min(1.0, 0.45 + top / 6.0)
    return area, round(min(0.97, margin * strength), 2)


def evaluate(path: str | Path | None = None) -> dict:
    """Precision and recall of ``classify_responsibility`` on a labelled CSV.

    The CSV has columns ``text``, ``area`` and optionally ``language``. Returns
    ``{taxonomy_version, n, accuracy, micro_precision, micro_recall,
    macro_precision, macro_recall, macro_f1, per_area: {area: {precision,
    recall, f1, support}}, per_language: {lang: {n, accuracy}}, errors: [...]}``.
    Single-label classification over every area including ``other``: micro
    precision equals micro recall equals accuracy; the macro figures weigh each
    area equally and are the ones to watch.
    """
    path = Path(path) if path else DEFAULT_LABELLED
    tax = load_taxonomy()
    with open(path, encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    if not rows or "text" not in rows[0] or "area" not in rows[0]:
        raise ValueError(f"{path}: expected a CSV with columns text,area[,language]; found {list(rows[0]) if rows else 'no rows'}")
    areas = list(tax.areas)
    tp = dict.fromkeys(areas, 0)
    fp = dict.fromkeys(areas, 0)
    fn = dict.fromkeys(areas, 0)
    support = dict.fromkeys(areas, 0)
    per_lang: dict[str, list[int]] = {}
    errors = []
    for row in rows:
        gold = row["area"].strip()
        if gold not in tp:
            raise ValueError(f"{path}: unknown area {gold!r}; known areas: {', '.join(areas)}")
        pred, conf = classify_responsibility(row["text"], row.get("language"))
        support[gold] += 1
        ok = pred == gold
        lang = (row.get("language") or "und").strip()
        per_lang.setdefault(lang, [0, 0])
        per_lang[lang][0] += 1
        per_lang[lang][1] += ok
        if ok:
            tp[gold] += 1
        else:
            fp[pred] += 1
            fn[gold] += 1
            errors.append({"text": row["text"], "expected": gold, "predicted": pred, "confidence": conf})

    def ratio(a: int, b: int) -> float:
        return round(a / b, 4) if b else 0.0

    per_area = {}
    for a in areas:
        p = ratio(tp[a], tp[a] + fp[a])
        r = ratio(tp[a], tp[a] + fn[a])
        per_area[a] = {"precision": p, "recall": r, "f1": round(2 * p * r / (p + r), 4) if p + r else 0.0,
                       "support": support[a]}
    scored = [a for a in areas if support[a] or fp[a]]
    n = len(rows)
    total_tp = sum(tp.values())
    return {
        "taxonomy_version": tax.version,
        "n": n,
        "accuracy": ratio(total_tp, n),
        "micro_precision": ratio(total_tp, total_tp + sum(fp.values())),
        "micro_recall": ratio(total_tp, total_tp + sum(fn.values())),
        "macro_precision": round(sum(per_area[a]["precision"] for a in scored) / len(scored), 4) if scored else 0.0,
        "macro_recall": round(sum(per_area[a]["recall"] for a in scored) / len(scored), 4) if scored else 0.0,
        "macro_f1": round(sum(per_area[a]["f1"] for a in scored) / len(scored), 4) if scored else 0.0,
        "per_area": per_area,
        "per_language": {k: {"n": v[0], "accuracy": ratio(v[1], v[0])} for k, v in sorted(per_lang.items())},
        "errors": errors,
    }


def __getattr__(name: str):
    if name == "AREAS":
        return tuple(load_taxonomy().areas)
    raise AttributeError(name)
