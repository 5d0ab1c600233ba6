"""The statistical area model: trained on team-written lines only, scored as scikit-learn scores, cached."""

from __future__ import annotations

import csv

import numpy as np
import pytest
from scipy.sparse import diags
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.svm import LinearSVC

from workbench import area_model, config
from workbench.errors import EvaluationError
from workbench.taxonomy import load_taxonomy

AREAS = tuple(load_taxonomy().areas)

LINES = [
    ("Negotiate contract terms and renewals with procurement", "negotiation_contracts"),
    ("Draft and review master service agreements", "negotiation_contracts"),
    ("Вести переговоры по условиям договоров", "negotiation_contracts"),
    ("Prepare weekly pipeline reports and forecasts", "reporting_forecasting"),
    ("Build dashboards tracking account KPIs", "reporting_forecasting"),
    ("Готовить ежемесячные отчеты", "reporting_forecasting"),
    ("Coach and mentor junior account managers", "team_leadership"),
    ("Hire and onboard new members of the sales team", "team_leadership"),
    ("负责团队建设和人员培养", "team_leadership"),
]


def _write(path, rows):
    with path.open("w", encoding="utf-8", newline="") as handle:
        w = csv.writer(handle)
        w.writerow(["text", "language", "area"])
        w.writerows([(t, "en", a) for t, a in rows])
    return path


def test_training_lines_are_the_team_sets_in_data_labelled():
    assert area_model.TRAINING_FILES == config.AREA_TRAINING
    assert all(p.parent == config.LABELLED or p.parent.parent == config.LABELLED for p in area_model.TRAINING_FILES)
    assert area_model.TRAINING_FILES[0].is_file()  # responsibilities.csv; the first file is required


def test_scores_equal_scikit_learn_s_own_on_the_same_features(tmp_path):
    path = _write(tmp_path / "lines.csv", LINES)
    model = area_model.train(AREAS, (path,))
    texts = [t for t, _ in LINES]
    # An independent restatement: the vectoriser and classifier scikit-learn fits, scored by scikit-learn.
    vec = TfidfVectorizer(analyzer=area_model.line_features, norm=None, min_df=2)
    scale = diags([1 / (5.0 * len(t.lower().split())) for t in texts])
    svc = LinearSVC(C=1.0, random_state=0).fit(scale @ vec.fit_transform(texts), [a for _, a in LINES])
    probe = ["Negotiate renewals and contract terms", "Weekly reports on pipeline forecasts for the team",
             "Переговоры по договорам", "unrelated words only"]
    want = svc.decision_function(diags([1 / (5.0 * len(t.lower().split())) for t in probe]) @ vec.transform(probe))
    got = np.array([model.decision(t) for t in probe])
    for j, area in enumerate(svc.classes_):
        assert got[:, AREAS.index(area)] == pytest.approx(want[:, j], abs=1e-9)
    # An area with no training line gets a fixed negative score, so the model never picks it.
    assert got[:, AREAS.index("other")] == pytest.approx([-1.0] * len(probe))
    assert model.trained_on == {"lines.csv": len(LINES)}


def test_the_model_alone_reads_the_three_languages():
    model = area_model.load_model(AREAS)
    for text, area in [("Negotiate pricing and renewal terms with the customer's procurement team",
                        "negotiation_contracts"),
                       ("Проводить собеседования и обучать новых сотрудников отдела", "team_leadership"),
                       ("编制月度销售报表", "reporting_forecasting")]:
        assert AREAS[int(np.argmax(model.decision(text)))] == area, text
    assert sum(model.trained_on.values()) >= 251


def test_bad_training_lines_are_refused_with_the_reason(tmp_path):
    with pytest.raises(EvaluationError, match="missing"):
        area_model.train(AREAS, (tmp_path / "absent.csv",))
    bad = _write(tmp_path / "bad.csv", LINES + [("Sell things", "selling")])
    with pytest.raises(EvaluationError, match="unknown area"):
        area_model.train(AREAS, (bad,))


def test_weights_are_cached_by_the_lines_hash_and_read_back_unchanged(tmp_path, monkeypatch):
    path = _write(tmp_path / "lines.csv", LINES)
    cache = tmp_path / "cache"
    first = area_model._cached_or_trained(AREAS, (path,), cache)
    (saved,) = cache.glob("area_model-*.npz")
    assert saved.name == f"area_model-{area_model.cache_key(AREAS, (path,))}.npz"

    def no_training(*args, **kwargs):
        raise AssertionError("trained although the cache holds the weights")

    monkeypatch.setattr(area_model, "train", no_training)
    again = area_model._cached_or_trained(AREAS, (path,), cache)
    for text in ("Negotiate renewals", "Готовить отчеты", "负责团队建设"):
        assert again.decision(text) == pytest.approx(first.decision(text), abs=1e-12)
    assert again.trained_on == first.trained_on
    # Changed lines are another key: the stale weights are not used.
    _write(path, LINES[:-1])
    assert area_model.cache_key(AREAS, (path,)) not in saved.name
    monkeypatch.undo()
    area_model._cached_or_trained(AREAS, (path,), cache)
    assert len(list(cache.glob("area_model-*.npz"))) == 2


def test_an_unwritable_cache_only_costs_time(tmp_path):
    path = _write(tmp_path / "lines.csv", LINES)
    blocker = tmp_path / "file"
    blocker.write_text("not a folder", encoding="utf-8")
    model = area_model._cached_or_trained(AREAS, (path,), blocker / "cache")
    assert AREAS[int(np.argmax(model.decision("Negotiate contract renewals")))] == "negotiation_contracts"


def test_only_rows_of_the_train_half_are_learnt(tmp_path):
    path = tmp_path / "lines.csv"
    with path.open("w", encoding="utf-8", newline="") as handle:
        w = csv.writer(handle)
        w.writerow(["text", "language", "area", "half"])
        w.writerows([(t, "en", a, "train") for t, a in LINES])
        w.writerow(["Plan the quarterly offsite agenda", "en", "other", "tune"])
    model = area_model.train(AREAS, (path,))
    assert model.trained_on == {"lines.csv": len(LINES)}
    assert model.decision("Plan the quarterly offsite agenda")[AREAS.index("other")] == pytest.approx(-1.0)


def test_a_chinese_token_gets_its_two_character_grams_and_others_do_not():
    chinese = area_model.line_features("负责团队建设")
    assert "c:团队" in chinese and "c:负责团" in chinese
    latin = area_model.line_features("plan it")
    assert all(len(f) > 4 for f in latin if f.startswith("c:"))  # 3- and 4-grams only ("c:" + 3)
    assert "c: pl" in latin and "c:it " in latin


# ----------------------------------------------------------------- the shipped model

def test_a_bucket_is_the_low_bits_of_the_crc32_of_the_feature():
    import zlib

    assert area_model.bucket("w:negotiate", 1 << 18) == zlib.crc32(b"w:negotiate") & ((1 << 18) - 1)
    assert area_model.bucket("c:отч", 1 << 4) == zlib.crc32("c:отч".encode()) % 16
    assert 0 <= area_model.bucket("c: pl", 1 << 18) < 1 << 18


def test_a_hashed_model_scores_as_scikit_learn_s_logistic_regression_on_the_bucketed_features():
    from sklearn.linear_model import LogisticRegression

    lines = LINES * 2  # every feature of the lines is seen twice (min_df 2)
    model = area_model.train_hashed(AREAS, lines, {"lines": len(lines)}, buckets=1 << 12)
    assert model.buckets == 1 << 12 and model.trained_on == {"lines": len(lines)}
    # An independent restatement: bucketed features, the same scaling, scikit-learn's own scores.
    vec = TfidfVectorizer(analyzer=lambda t: [area_model.bucket(f, 1 << 12) for f in area_model.line_features(t)],
                          norm=None, min_df=2)
    texts = [t for t, _ in lines]
    x = diags([1 / (5.0 * len(t.lower().split())) for t in texts]) @ vec.fit_transform(texts)
    fit = LogisticRegression(C=area_model.SHIPPED_C, max_iter=5000).fit(x, [a for _, a in lines])
    probe = ["Negotiate renewals and contract terms", "Переговоры по договорам", "unrelated words only"]
    want = fit.decision_function(diags([1 / (5.0 * len(t.lower().split())) for t in probe]) @ vec.transform(probe))
    got = np.array([model.decision(t) for t in probe])
    for j, area in enumerate(fit.classes_):
        # the stored rows are half precision
        assert got[:, AREAS.index(area)] == pytest.approx(want[:, j], abs=2e-3)
    assert got[:, AREAS.index("other")] == pytest.approx([-50.0] * len(probe))  # no line: never chosen


def test_a_written_model_reads_back_with_the_same_scores_and_key(tmp_path):
    model = area_model.train_hashed(AREAS, LINES * 2, {"lines": 18}, buckets=1 << 12)
    path = tmp_path / "model.npz"
    area_model.write_shipped(model, "0123abcd", path)
    again = area_model.read_shipped(AREAS, path)
    for text in ("Negotiate renewals", "Готовить отчеты", "负责团队建设", ""):
        assert again.decision(text) == pytest.approx(model.decision(text), abs=1e-12)
    assert again.trained_on == {"lines": 18} and again.buckets == 1 << 12
    assert area_model.shipped_file_key(path) == "0123abcd"
    assert area_model.read_shipped(AREAS[:-1], path) is None  # another taxonomy's areas
    assert area_model.read_shipped(AREAS, tmp_path / "absent.npz") is None


def test_the_product_uses_the_shipped_model_fitted_on_the_labelled_lines_in_the_repository():
    # A changed training file or label file means the model must be fitted again
    # (python -m workbench.area_model) and committed with it.
    assert area_model.shipped_file_key() == area_model.shipped_key(AREAS)
    model = area_model.load_model(AREAS)
    assert model.buckets == area_model.SHIPPED_BUCKETS
    assert model.trained_on["tuning duty spans"] > 2500
    assert {k: v for k, v in model.trained_on.items() if k != "tuning duty spans"} == \
        {p.name: n for p, n in zip(area_model.TRAINING_FILES, (251, 961, 1071, 909))}


@pytest.mark.skipif(not (config.CORPORA / "uk_ads").is_dir(), reason="needs the shared corpora")
def test_the_real_duty_lines_are_the_spans_of_the_tuning_halves_only():
    from workbench import eval_duties

    _, duties = eval_duties.load_labels()
    tuning = duties[duties["half"] != "holdout"]
    lines = area_model.real_duty_lines()
    assert len(lines) == len(tuning)
    assert [a for _, a in lines].count("growth_new_business") == int((tuning["area"] == "growth_new_business").sum())
    assert all(t.strip() == t and t for t, _ in lines)


def test_learned_heads_keep_words_seen_often_enough_with_one_area_mostly():
    lines = [("a", "x")] * 4 + [("b", "y")] + [("c", "z")] * 4 + [("d", "w")] * 3 + [("none", "x")] * 9
    heads = {"a": "h1", "b": "h1", "c": "h2", "d": "h2", "none": None}
    learned = area_model.learn_heads(lines, heads.get)
    # h1: 5 lines, 4 of one area (80%); h2: 7 lines, 4 of one area (57%); lines with no head are skipped.
    assert learned == {"h1": "x"}
    assert area_model.learn_heads(lines, heads.get, n_min=6) == {}
    assert area_model.learn_heads(lines, heads.get, purity=0.5) == {"h1": "x", "h2": "z"}


def test_the_shipped_file_holds_the_learned_heads(tmp_path):
    model = area_model.train_hashed(AREAS, LINES * 2, {"lines": 18}, buckets=1 << 12)
    path = tmp_path / "m.npz"
    area_model.write_shipped(model, "k", path, heads={"budget": "financial_management", "договоров": "negotiation_contracts"})
    assert area_model.shipped_heads(AREAS, path) == {"budget": "financial_management", "договоров": "negotiation_contracts"}
    assert area_model.shipped_heads(AREAS[:-1], path) == {} and area_model.shipped_heads(AREAS, tmp_path / "no.npz") == {}
    shipped = area_model.shipped_heads(AREAS)
    assert shipped.get("improvement") == "quality_process" and len(shipped) > 20
