"""A statistical text classifier of duty lines into areas.

The product uses the shipped model (:data:`SHIPPED`, ``src/workbench/data/area_model.npz``): a
multinomial logistic regression over TF-IDF-weighted features of a line, its words and the
character n-grams (3 and 4 characters; 2 to 4 in a token holding Chinese, whose words are mostly
two characters) of each blank-separated token, which carry Russian endings and Chinese words
without a segmenter. It is fitted by ``python -m workbench.area_model`` (:func:`main`, which
needs the corpora, as ``workbench eval responsibilities`` does) on the team's own lines
(:data:`TRAINING_FILES`: ``responsibilities.csv``, ``duty_lines/duty_lines.csv``, ``_2`` and
``_3``; rows whose ``half`` is other than ``train`` are left out) and on the labelled duty spans
of every tuning set of ``data/labelled/duties*`` (the span's text read from the corpus by its
offsets, with its labelled area; held-out postings are never read). The fitting is
deterministic, and the file holds numbers only: each feature is known by its bucket, the low
18 bits of the CRC-32 of its name (:func:`bucket`), so no corpus text is in the repository.
A test checks that the file was fitted under the key of today's training and label files
(:func:`shipped_key`): a changed label file means fitting it again.

Measured leaving one tuning set out (the model fitted without the set it scores, blended with
the rules as the taxonomy says), the found duties of tune..tune9 got their labelled area 2,481
times of 3,537 against 2,365 with the model of team lines only (taxonomy 3.9.0 -> 3.10.0); the
per-set figures and the blend weights tried are in the taxonomy's ``blend`` notes. Features of
the word pairs and scikit-learn's own character n-grams (3-5, L2-normalised) classified up to 23
found duties better on tune..tune7, at a cost per line the product does not pay: a pair is not a
token's, so it cannot be memoised per token (below).

The shipped file also holds object heads learned from the same spans (:func:`learn_heads`;
the taxonomy gives a line whose main verb's object has such a head its tie bonus): see the
taxonomy's ``objects`` notes for how they were measured.

Without the shipped file (or for other areas) the model is a linear support-vector classifier
(scikit-learn ``LinearSVC``, one area against the rest) over the same features, fitted on the
team's lines alone at first use (:func:`train`). ``duty_lines/duty_lines_4.csv`` (661 more lines
on the same boundaries, set mostly in account, agency and sales jobs) was measured and is not
trained on: with it the found duties of the six
tuning sets got their labelled area 1,630 times of 2,420 against 1,637 without (tune 351 -> 348,
tune2 257 -> 254, tune3 273 -> 277, tune4 245 -> 241, tune5 267 -> 268, tune6 244 -> 242; on
account and sales titles 234 -> 232 of 316), a trade between sets and no gain; model weights 1.5
to 3, its lines weighted 0.5 or 1.5 and tie bonuses 3 to 5 did not change that (taxonomy 3.8.1).
Earlier (taxonomy 3.9.0) the same SVM fitted also on the tuning sets' real duties gained about
two points leaving one set out (1,854 -> 1,914 of 2,746); the gain grew by 1.5 to 2 points a
doubling of the real lines. Nor are the errors the labels' doubt: of the 318 found duties of sets
3 and 4 given another area than the first labeller's, the second labeller (``duties_area2``)
agrees with the first on 260.

Scaling. A line's feature vector is ``count * idf`` of each feature divided by
``5 * (number of blank-separated tokens)``, not L2-normalised: the score is then a
sum over tokens, so each token's share (its words and character
n-grams) is computed once and memoised, and a line costs a few dictionary
look-ups and vector additions (on the tuning halves this scaling classified as
well as L2-normalised sublinear TF-IDF). Scoring does not go through
scikit-learn.

The shipped model is read with numpy alone; a token's features are looked up by bucket, and each
word's and gram's row is memoised as it is met. Fitting the team-line model takes well under a
second, but importing scikit-learn takes longer, so its fitted weights are also written to
``config.MODEL_CACHE`` (outside the
repository) under the SHA-1 of the training files and settings, and later
processes read them from there; changed training lines mean a new key, so a
stale model is never used. :mod:`workbench.taxonomy` combines the scores with
its lexicon rules.
"""

from __future__ import annotations

import csv
import hashlib
import os
import re
import threading
import zlib
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from . import config
from .errors import EvaluationError

__all__ = ["SHIPPED", "TRAINING_FILES", "AreaModel", "bucket", "cache_key", "decision", "learn_heads", "line_features",
           "load_model", "read_shipped", "real_duty_lines", "scaled_decision", "shipped_file_key", "shipped_heads",
           "shipped_key", "train", "train_hashed", "write_shipped"]

# Team-written training lines (text, area[, language]); a file not yet present is skipped,
# the first one is required.
TRAINING_FILES = config.AREA_TRAINING
SVC_C = 1.0  # chosen on the tuning halves (set 1 tune, set 2 tune2) among 0.3, 1, 3
_CHAR_RANGE = (3, 4)  # 2-5 classified as well on the tuning sets, at twice the look-ups
# A token holding Chinese also gets its 2-grams: out of fold on duty_lines_2's Chinese lines
# 57% -> 85% right (the tuning sets hold no Chinese posting).
_CJK_LOW = 2
_CJK_RE = re.compile(r"[\u3000-\u303f\u3400-\u9fff\uff00-\uffef]")
_CHAR_MIN_DF = 2  # a feature seen in one training line only is noise
_SCALE = 5.0  # a line's features are divided by _SCALE * its token count
# Bump when the features or the fitting change: cached weights of another format are not read.
_FORMAT = 5
_WORD_RE = re.compile(r"\w+")
_MEMO_MAX = 50_000  # tokens whose summed rows are kept (about 4 MB)


def _norm(text: str) -> str:
    return text.lower().replace("ё", "е")


def _token_features(token: str) -> list[str]:
    """Features of one blank-separated, normalised token: its words (``w:``) and its
    character n-grams (``c:``), padded with a blank at both ends so openings and endings
    are features of their own."""
    out = ["w:" + w for w in _WORD_RE.findall(token)]
    padded = f" {token} "
    n_chars = len(padded)
    lo, hi = _low(token), _CHAR_RANGE[1]
    for n in range(lo, min(hi, n_chars) + 1):
        out.extend("c:" + padded[i:i + n] for i in range(n_chars - n + 1))
    return out


_W_CRC, _C_CRC = zlib.crc32(b"w:"), zlib.crc32(b"c:")  # the CRCs of the two prefixes
_FEATURE_MEMO_MAX = 100_000  # words, and grams, whose bucket rows a hashed model memoises


class _RowMemo(dict):
    """A hashed model's words (or grams) met so far -> their row (-1: none), as a model of named
    features holds its rows in a dictionary; a feature not met before is looked up by its bucket
    (``prefix`` is the CRC of its ``w:``/``c:`` prefix) when first asked for."""

    __slots__ = ("look", "mask", "prefix")

    def __init__(self, look, mask: int, prefix: int) -> None:
        super().__init__()
        self.look, self.mask, self.prefix = look, mask, prefix

    def __missing__(self, feature: str) -> int:
        # crc32(b, crc32(a)) is the CRC of a + b: the bucket of the prefixed feature.
        row = self.look(zlib.crc32(feature.encode("utf-8"), self.prefix) & self.mask, -1)
        if len(self) < _FEATURE_MEMO_MAX:
            self[feature] = row
        return row


def bucket(feature: str, buckets: int) -> int:
    """The bucket of a feature in a hashed model of ``buckets`` (a power of two) buckets: the
    low bits of the CRC-32 of its UTF-8 bytes (the same in every process and on every host)."""
    return zlib.crc32(feature.encode("utf-8")) & (buckets - 1)


def _low(token: str) -> int:
    """The shortest character n-gram of a token: 2 when it holds Chinese, else 3."""
    return _CJK_LOW if not token.isascii() and _CJK_RE.search(token) else _CHAR_RANGE[0]


def line_features(text: str) -> list[str]:
    """Every feature of ``text`` (lower-cased, ё read as е), repeats kept: the features of
    each of its tokens."""
    return [f for token in _norm(text).split() for f in _token_features(token)]


@dataclass
class AreaModel:
    """The fitted model: the areas (in the taxonomy's order), each feature's row of
    ``idf * weight / _SCALE`` per area, the intercepts, and the training line counts."""

    areas: tuple[str, ...]
    rows: dict
    intercept: np.ndarray
    trained_on: dict[str, int]
    # 0: ``rows`` is keyed by feature (``w:word``, ``c:gram``); else by the feature's bucket
    # (:func:`bucket`, of ``buckets`` buckets), as in the shipped model.
    buckets: int = 0

    def __post_init__(self) -> None:
        # The rows split by kind and keyed without the prefix (no string is built to look
        # one up). Each token met so far owns a row of ``_table`` (its features' rows summed):
        # a line's score is then one gather-and-sum over the rows of its tokens.
        # Each feature is a row index of ``_weights`` (a token's rows are gathered in one step).
        features = list(self.rows)
        self._weights = np.array([self.rows[f] for f in features]) if features \
            else np.zeros((0, len(self.areas)))
        if self.buckets:  # the words and grams met so far -> their rows (filled as they are met)
            look, mask = {int(b): i for i, b in enumerate(features)}.get, self.buckets - 1
            self._words, self._chars = _RowMemo(look, mask, _W_CRC), _RowMemo(look, mask, _C_CRC)
        else:
            self._words = {f[2:]: i for i, f in enumerate(features) if f.startswith("w:")}
            self._chars = {f[2:]: i for i, f in enumerate(features) if f.startswith("c:")}
        self._table = np.zeros((1024, len(self.areas)))
        self._used = 1  # row 0 stays zero: a token with no known feature
        self._tokens: dict[str, int] = {}
        self._intercept_list = np.asarray(self.intercept, dtype=float).tolist()

    def _token_row(self, token: str) -> int:
        """The ``_table`` row of a token's summed feature rows (0 when it has none); memoised."""
        # A token of letters and digits only is its one word (what _WORD_RE would find).
        words = (token,) if token.isalnum() else _WORD_RE.findall(token)
        padded = f" {token} "
        n_chars = len(padded)
        grams = [padded[i:i + n] for n in range(_low(token), min(_CHAR_RANGE[1], n_chars) + 1)
                 for i in range(n_chars - n + 1)]
        if self.buckets:  # -1: a feature with no row
            hits = [r for r in map(self._words.__getitem__, words) if r >= 0]
            hits += [r for r in map(self._chars.__getitem__, grams) if r >= 0]
        else:
            hits = [r for r in map(self._words.get, words) if r is not None]
            hits += [r for r in map(self._chars.get, grams) if r is not None]
        # The same rows in the same order as summing the feature rows one by one: the same sums.
        row = self._tokens[token] = self._append(np.add.reduce(self._weights.take(hits, axis=0), axis=0)) if hits else 0
        return row

    def _append(self, values: np.ndarray) -> int:
        if self._used + 1 >= len(self._table):
            self._table = np.concatenate([self._table, np.zeros_like(self._table)])
        self._table[self._used] = values
        self._used += 1
        return self._used - 1

    def _sum(self, tokens: list[str]) -> np.ndarray:
        """The summed ``_table`` rows of ``tokens`` (a non-empty list)."""
        memo = self._tokens
        if len(memo) + len(tokens) > _MEMO_MAX:  # a full memo starts again
            memo.clear()
            self._used = 1
        rows = list(map(memo.get, tokens))
        if None in rows:
            rows = [r if r is not None else self._token_row(t) for r, t in zip(rows, tokens)]
        return np.add.reduce(self._table.take(rows, axis=0), axis=0)

    def decision(self, text: str) -> np.ndarray:
        """The score of every area for ``text`` (higher is likelier; 0 is the margin)."""
        tokens = _norm(text).split()
        if not tokens:
            return self.intercept.copy()
        return self.intercept + self._sum(tokens) / len(tokens)

    def scaled_decision(self, text: str, scale: float) -> list[float]:
        """``(decision(text) * scale).tolist()``, the same numbers computed on Python floats
        (faster for the handful of areas)."""
        tokens = _norm(text).split()
        if not tokens:
            return [v * scale for v in self._intercept_list]
        n = len(tokens)
        return [(c + v / n) * scale for c, v in zip(self._intercept_list, self._sum(tokens).tolist())]


def _read_lines(paths: tuple[Path, ...], areas: tuple[str, ...]) -> tuple[list[str], list[str], dict[str, int]]:
    texts, labels, counts = [], [], {}
    for k, path in enumerate(paths):
        if not path.is_file():
            if k == 0:
                raise EvaluationError(f"the area model's training lines are missing: {path}; "
                                      "run from the project folder (data/labelled holds them)")
            continue
        with path.open(encoding="utf-8", newline="") as handle:
            rows = [r for r in csv.DictReader(handle) if r.get("half") in (None, "", "train")]
        bad = [r.get("area") for r in rows if r.get("area") not in areas or not (r.get("text") or "").strip()]
        if bad:
            raise EvaluationError(f"{path}: {len(bad)} row(s) without text or with an unknown area "
                                  f"(first {bad[0]!r}); areas: {', '.join(areas)}")
        texts += [r["text"] for r in rows]
        labels += [r["area"] for r in rows]
        counts[path.name] = len(rows)
    return texts, labels, counts


def train(areas: tuple[str, ...], paths: tuple[Path, ...] = TRAINING_FILES) -> AreaModel:
    """Fit the model on the team-written lines of ``paths`` (see the module notes)."""
    from scipy.sparse import diags
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.svm import LinearSVC

    texts, labels, counts = _read_lines(paths, areas)
    vectoriser = TfidfVectorizer(analyzer=line_features, norm=None, min_df=_CHAR_MIN_DF)
    x = diags([1.0 / (_SCALE * max(1, len(_norm(t).split()))) for t in texts]) @ vectoriser.fit_transform(texts)
    svc = LinearSVC(C=SVC_C, random_state=0).fit(x.tocsr(), labels)
    coef = np.zeros((svc.coef_.shape[1], len(areas)))
    intercept = np.full(len(areas), -1.0)  # an area with no training line is never chosen by the model
    classes = list(svc.classes_)
    for j, area in enumerate(areas):
        if area in classes:
            coef[:, j] = svc.coef_[classes.index(area)]
            intercept[j] = svc.intercept_[classes.index(area)]
    coef *= (vectoriser.idf_ / _SCALE)[:, None]
    rows = {f: coef[i] for f, i in vectoriser.vocabulary_.items()}
    return AreaModel(tuple(areas), rows, intercept, counts)


# ----------------------------------------------------------------- the shipped model
#
# The model the product uses is fitted once, by ``python -m workbench.area_model`` (see
# :func:`main`), and committed as numbers only: :data:`SHIPPED` holds, per feature bucket
# (:func:`bucket`), the rows of ``idf * weight / _SCALE``, with the intercepts and the key of
# what it was fitted on (:func:`shipped_key`); no text. It is a multinomial logistic regression
# over the features above, fitted on the team's lines (:data:`TRAINING_FILES`) and on the duty
# spans of every tuning set of ``data/labelled/duties*`` (the text of each span, read from the
# corpora by its offsets, with its labelled area; the held-out half is never read), each line
# weighing one. Measured leaving one tuning set out (fitted without the set it scores, combined
# with the rules as the taxonomy's ``blend`` says): see the taxonomy's ``blend`` notes.
SHIPPED = Path(__file__).parent / "data" / "area_model.npz"
SHIPPED_BUCKETS = 1 << 18
SHIPPED_C = 10.0
SHIPPED_MIN_DF = 2
_SHIPPED_FORMAT = 2  # 2: the file also holds the learned object heads
# Learned object heads (:func:`learn_heads`): a head word read in at least HEAD_MIN tuning duties,
# at least HEAD_PURITY of them of one area.
HEAD_MIN = 5
HEAD_PURITY = 0.8


def real_duty_lines(corpora: Path | None = None) -> list[tuple[str, str]]:
    """``(text, area)`` of every labelled duty span of the tuning halves of the duty sets
    (``eval_duties.LABELS_DIRS``), read from the corpora; held-out postings are skipped unread.
    A posting whose text or spans no longer match their hashes is an error."""
    from . import eval_duties

    corpora = Path(corpora) if corpora else config.CORPORA
    postings, duties = eval_duties.load_labels()
    postings = postings[postings["half"] != "holdout"]
    lines: list[tuple[str, str]] = []
    for name in eval_duties.CORPORA:
        kept, unusable = eval_duties._checked_postings(name, postings, duties, corpora)
        if unusable:
            raise EvaluationError(f"labelled duty postings that cannot be read: {unusable[:3]}")
        for p in kept:
            lines += [(p["text"][d["start"]:d["end"]], d["area"]) for d in p["duties"]]
    return lines


def shipped_key(areas: tuple[str, ...]) -> str:
    """SHA-1 of what the shipped model depends on in the repository: its settings, the areas,
    the team's training files and the duty sets' label files."""
    from . import eval_duties

    h = hashlib.sha1(repr((_SHIPPED_FORMAT, _FORMAT, SHIPPED_BUCKETS, SHIPPED_C, SHIPPED_MIN_DF, _CHAR_RANGE,
                           _CJK_LOW, _SCALE, areas, HEAD_MIN, HEAD_PURITY)).encode())
    files = [*TRAINING_FILES, *(d / n for d in eval_duties.LABELS_DIRS for n in ("postings.csv", "duties.csv"))]
    for path in files:
        if path.is_file():
            h.update(path.parent.name.encode() + b"/" + path.name.encode() + b"\0" + path.read_bytes())
    return h.hexdigest()[:16]


def train_hashed(areas: tuple[str, ...], lines: list[tuple[str, str]], trained_on: dict[str, int],
                 buckets: int = SHIPPED_BUCKETS) -> AreaModel:
    """The shipped kind of model fitted on ``lines`` (see the notes above); its rows are rounded
    to half precision, as they are stored."""
    from scipy.sparse import diags
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression

    texts = [t for t, _ in lines]
    vectoriser = TfidfVectorizer(analyzer=lambda t: [bucket(f, buckets) for f in line_features(t)], norm=None,
                                 min_df=SHIPPED_MIN_DF)
    x = diags([1.0 / (_SCALE * max(1, len(_norm(t).split()))) for t in texts]) @ vectoriser.fit_transform(texts)
    fit = LogisticRegression(C=SHIPPED_C, max_iter=5000).fit(x.tocsr(), [a for _, a in lines])
    classes = list(fit.classes_)
    coef = np.zeros((len(vectoriser.idf_), len(areas)))
    intercept = np.full(len(areas), -50.0)  # an area with no line is never chosen
    for j, area in enumerate(areas):
        if area in classes:
            coef[:, j] = fit.coef_[classes.index(area)]
            intercept[j] = fit.intercept_[classes.index(area)]
    coef = (coef * (vectoriser.idf_ / _SCALE)[:, None]).astype(np.float16).astype(float)
    rows = {int(b): coef[i] for b, i in sorted(vectoriser.vocabulary_.items())}
    return AreaModel(tuple(areas), rows, np.round(intercept, 6), trained_on, buckets)


def learn_heads(lines: list[tuple[str, str]], head_of, n_min: int = HEAD_MIN,
                purity: float = HEAD_PURITY) -> dict[str, str]:
    """Object heads that name an area: ``head_of(text)`` (the taxonomy's
    :func:`~workbench.taxonomy.object_head`) of every ``(text, area)`` line counted, and each
    head word seen in at least ``n_min`` lines, at least ``purity`` of them of one area, kept
    with that area (sorted by word)."""
    counts: dict[str, dict[str, int]] = {}
    for text, area in lines:
        head = head_of(text)
        if head:
            by_area = counts.setdefault(head, {})
            by_area[area] = by_area.get(area, 0) + 1
    out = {}
    for head, by_area in sorted(counts.items()):
        area, n = max(sorted(by_area.items()), key=lambda kv: kv[1])
        total = sum(by_area.values())
        if total >= n_min and n >= purity * total:
            out[head] = area
    return out


def write_shipped(model: AreaModel, key: str, path: Path = SHIPPED, heads: dict[str, str] | None = None) -> None:
    keys = sorted(model.rows)
    heads = heads or {}
    np.savez_compressed(path, areas=np.array(model.areas, dtype=str), intercept=model.intercept,
                        head_words=np.array(list(heads), dtype=str), head_areas=np.array(list(heads.values()), dtype=str),
                        buckets=np.array([model.buckets]), features=np.array(keys, dtype=np.int32),
                        rows=np.array([model.rows[k] for k in keys], dtype=np.float16), key=np.array([key]),
                        trained_files=np.array(list(model.trained_on), dtype=str),
                        trained_rows=np.array(list(model.trained_on.values()), dtype=np.int64))


def read_shipped(areas: tuple[str, ...], path: Path = SHIPPED) -> AreaModel | None:
    """The shipped model, or None when there is none for ``areas``."""
    if not path.is_file():
        return None
    with np.load(path, allow_pickle=False) as z:
        if tuple(z["areas"].tolist()) != areas:
            return None
        rows = dict(zip(z["features"].tolist(), z["rows"].astype(float)))
        trained = dict(zip(z["trained_files"].tolist(), (int(n) for n in z["trained_rows"])))
        return AreaModel(areas, rows, z["intercept"], trained, int(z["buckets"][0]))


def shipped_heads(areas: tuple[str, ...], path: Path = SHIPPED) -> dict[str, str]:
    """The learned object heads of the shipped file (head word -> area; empty without a file
    for ``areas``, or one written before heads were learned)."""
    if not path.is_file():
        return {}
    with np.load(path, allow_pickle=False) as z:
        if tuple(z["areas"].tolist()) != areas or "head_words" not in z.files:
            return {}
        return dict(zip(z["head_words"].tolist(), z["head_areas"].tolist()))


def shipped_file_key(path: Path = SHIPPED) -> str | None:
    """The key the shipped model was fitted under (None without one)."""
    if not path.is_file():
        return None
    with np.load(path, allow_pickle=False) as z:
        return str(z["key"][0])


def main() -> None:
    """Fit the shipped model on the team's lines and the tuning duty spans and write it
    (``python -m workbench.area_model``; needs the corpora, as ``workbench eval responsibilities``)."""
    from .taxonomy import load_taxonomy, object_head

    areas = tuple(load_taxonomy().areas)
    texts, labels, counts = _read_lines(TRAINING_FILES, areas)
    real = real_duty_lines()
    counts["tuning duty spans"] = len(real)
    model = train_hashed(areas, list(zip(texts, labels)) + real, counts)
    heads = learn_heads(real, object_head)
    write_shipped(model, shipped_key(areas), heads=heads)
    print(f"{SHIPPED}: {len(model.rows)} buckets, trained on {counts}; {len(heads)} learned object heads")


_LOCK = threading.Lock()
_MODELS: dict[tuple[str, ...], AreaModel] = {}


def load_model(areas: tuple[str, ...]) -> AreaModel:
    """The model for ``areas``: the shipped one (:data:`SHIPPED`), else one trained on the
    team's lines at first use (or read from the cache of an earlier process trained on the
    same lines); kept for the process."""
    model = _MODELS.get(areas)
    if model is None:
        with _LOCK:
            model = _MODELS.get(areas)
            if model is None:
                model = _MODELS[areas] = read_shipped(areas) or _cached_or_trained(areas, TRAINING_FILES,
                                                                                   config.MODEL_CACHE)
    return model


def decision(text: str, areas: tuple[str, ...]) -> np.ndarray:
    """Scores of every area of ``areas`` (in that order) for one line."""
    return load_model(areas).decision(text)


def scaled_decision(text: str, areas: tuple[str, ...], scale: float) -> list[float]:
    """``decision(text, areas) * scale`` as a list of floats (the same numbers)."""
    return load_model(areas).scaled_decision(text, scale)


def cache_key(areas: tuple[str, ...], paths: tuple[Path, ...]) -> str:
    """SHA-1 of what the fitted weights depend on: the format and settings, the areas
    and the bytes of every training file present."""
    h = hashlib.sha1(repr((_FORMAT, SVC_C, _CHAR_RANGE, _CJK_LOW, _CHAR_MIN_DF, _SCALE, areas)).encode())
    for path in paths:
        if path.is_file():
            h.update(path.name.encode() + b"\0" + path.read_bytes())
    return h.hexdigest()[:16]


def _cached_or_trained(areas: tuple[str, ...], paths: tuple[Path, ...], cache: Path) -> AreaModel:
    """The model read from ``cache`` when its key matches, else trained and written there
    (a cache that cannot be read or written is only slower, never an error)."""
    target = cache / f"area_model-{cache_key(areas, paths)}.npz"
    if target.is_file():
        try:
            return _read(target, areas)
        except (OSError, ValueError, KeyError):
            pass
    model = train(areas, paths)
    try:
        cache.mkdir(parents=True, exist_ok=True)
        tmp = cache / f".{target.stem}.{os.getpid()}.npz"
        _write(model, tmp)
        os.replace(tmp, target)
    except OSError:
        pass
    return model


def _write(model: AreaModel, path: Path) -> None:
    features = list(model.rows)
    np.savez(path, areas=np.array(model.areas, dtype=str), intercept=model.intercept,
             features=np.array(features, dtype=str), rows=np.array([model.rows[f] for f in features]),
             trained_files=np.array(list(model.trained_on), dtype=str),
             trained_rows=np.array(list(model.trained_on.values()), dtype=np.int64))


def _read(path: Path, areas: tuple[str, ...]) -> AreaModel:
    with np.load(path, allow_pickle=False) as z:
        if tuple(z["areas"].tolist()) != areas:
            raise ValueError("cached model of other areas")
        rows = dict(zip(z["features"].tolist(), z["rows"]))
        trained = dict(zip(z["trained_files"].tolist(), (int(n) for n in z["trained_rows"])))
        return AreaModel(areas, rows, z["intercept"], trained)


if __name__ == "__main__":
    main()
