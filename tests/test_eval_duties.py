"""Duties on real postings: locating items, the overlap rules, the figures and the command."""

import csv
import hashlib
import math

import pytest
from typer.testing import CliRunner

from workbench import config, eval_duties
from workbench.cli import app
from workbench.errors import CorpusError

runner = CliRunner()


def half(key: str) -> str:
    """The CONVENTIONS.md split rule."""
    return "tune" if int(hashlib.sha1(key.encode("utf-8")).hexdigest()[:8], 16) % 2 == 0 else "holdout"

# A team-written posting that has lost its line breaks, as many real ones have.
TEXT = ("Account Manager\nResponsibilities\n\u2022  Own the   relationship with twelve retail clients.\n"
        "\u2022 Prepare monthly performance reports for each client.\n"
        "Requirements\n- Three years in an agency.\n")


def _span(text, phrase):
    start = text.index(phrase)
    return {"start": start, "end": start + len(phrase)}


def test_locate_items_ignores_blanks_and_finds_repeats_in_order():
    text = "Do A.\n- Call   clients daily\nDo A.\n"
    spans = eval_duties.locate_items(text, ["Do A.", "Call clients daily", "Do A.", "Absent words"])
    assert spans[0] == (0, 5)
    assert text[spans[1][0]:spans[1][1]] == "Call   clients daily"
    assert spans[2] == (text.rindex("Do A."), text.rindex("Do A.") + 5)  # the second copy, after the cursor
    assert spans[3] is None


def test_locate_items_falls_back_to_both_ends_when_the_middle_was_rewritten():
    text = "Negotiate annual renewals with the procurement &amp; legal teams across the region every quarter."
    item = "Negotiate annual renewals with the procurement & legal teams across the region every quarter."
    (span,) = eval_duties.locate_items(text, [item])
    assert span == (0, len(text))


def test_a_duty_is_found_only_by_an_item_of_its_own():
    d1 = {**_span(TEXT, "Own the   relationship with twelve retail clients."), "area": "client_relationship"}
    d2 = {**_span(TEXT, "Prepare monthly performance reports for each client."), "area": "reporting_forecasting"}
    merged = {"text": "Own the relationship with twelve retail clients. Prepare monthly performance reports "
                      "for each client.", "category": "client_relationship", "confidence": 0.9}
    duties, items = eval_duties.score_posting(TEXT, [d1, d2], [merged])
    # Non-blank characters: d1 42, d2 46, the item 89 (the bullet between them is the 89th).
    n1, n2 = (sum(not c.isspace() for c in TEXT[d["start"]:d["end"]]) for d in (d1, d2))
    assert (n1, n2) == (42, 46)
    assert [d["covered"] for d in duties] == [True, True]
    assert [d["found"] for d in duties] == [False, True]  # 42 < 44.5 <= 46
    assert items[0]["duty_share"] == pytest.approx(88 / 89)
    assert items[0]["duty_area"] == "reporting_forecasting"  # the duty holding most of it
    assert items[0]["right"] is False


def test_recall_precision_area_and_confidence_on_one_posting():
    d1 = {**_span(TEXT, "Own the   relationship with twelve retail clients."), "area": "client_relationship"}
    d2 = {**_span(TEXT, "Prepare monthly performance reports for each client."), "area": "reporting_forecasting"}
    items = [
        {"text": "Own the relationship with twelve retail clients.", "category": "client_relationship",
         "confidence": 0.85},
        {"text": "Prepare monthly performance reports for each client.", "category": "delivery_operations",
         "confidence": 0.9},
        {"text": "Three years in an agency.", "category": "other", "confidence": 0.1},
    ]
    duties, rows = eval_duties.score_posting(TEXT, [d1, d2], items)
    assert [d["found"] for d in duties] == [True, True]
    assert [d["area_ok"] for d in duties] == [True, False]
    assert [r["duty_share"] >= 0.5 for r in rows] == [True, True, False]
    assert [r["right"] for r in rows] == [True, False, False]


def test_wilson_interval_matches_the_published_formula_and_a_reference_value():
    low, high = eval_duties.wilson(8, 10)
    # Wilson (1927) score interval, z = 1.959964: 8/10 -> 0.4902 to 0.9433.
    assert (round(low, 4), round(high, 4)) == (0.4902, 0.9433)
    z, n, p = 1.959963984540054, 37, 30 / 37
    centre = (p + z * z / (2 * n)) / (1 + z * z / n)
    half_width = z / (1 + z * z / n) * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n))
    assert eval_duties.wilson(30, 37) == pytest.approx((centre - half_width, centre + half_width), abs=1e-9)
    assert all(math.isnan(v) for v in eval_duties.wilson(0, 0))


def _sha12(s):
    return hashlib.sha1(s.encode("utf-8")).hexdigest()[:12]


@pytest.fixture()
def mini_set(tmp_path):
    """A corpus file in hh_ru's layout and a labelled set over it, all team-written."""
    corpora = tmp_path / "corpora" / "hh_ru"
    corpora.mkdir(parents=True)
    texts = {
        "101": "Обязанности:\n- Вести переговоры с клиентами о ценах.\n- Готовить еженедельные отчеты.\n"
               "Требования:\n- Опыт продаж от 2 лет.\n",
        "102": "Мы предлагаем:\n- Офис в центре города.\n",
    }
    with (corpora / "hh_ru_vacancies.csv").open("w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(["vacancy_id", "title", "employer", "area", "description_text"])
        for vid, text in texts.items():
            w.writerow([vid, "Менеджер по продажам", "ООО Ромашка", "Москва", text])
    labels = tmp_path / "labels"
    labels.mkdir()
    duties = [("101", "Вести переговоры с клиентами о ценах.", "negotiation_contracts"),
              ("101", "Готовить еженедельные отчеты.", "reporting_forecasting")]
    with (labels / "postings.csv").open("w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(["corpus", "id", "field", "text_sha1", "title_is_account_role", "n_duties", "note", "half"])
        w.writerow(["hh_ru", "101", "description_text", _sha12(texts["101"]), "true", 2, "", half("hh_ru:101")])
        w.writerow(["hh_ru", "102", "description_text", _sha12(texts["102"]), "true", 0, "", half("hh_ru:102")])
        w.writerow(["hh_ru", "999", "description_text", "0" * 12, "true", 0, "", half("hh_ru:999")])
    with (labels / "duties.csv").open("w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(["corpus", "id", "start", "end", "span_sha1", "area", "half"])
        for vid, phrase, area in duties:
            a = texts[vid].index(phrase)
            w.writerow(["hh_ru", vid, a, a + len(phrase), _sha12(phrase), area, half(f"hh_ru:{vid}")])
    return tmp_path / "corpora", labels


def test_evaluate_runs_the_product_path_and_lists_unusable_labels(mini_set):
    corpora, labels = mini_set
    result = eval_duties.evaluate("hh_ru", corpora=corpora, labels_dir=labels)
    assert result.unusable == [{"corpus": "hh_ru", "id": "999", "reason": "id not in the corpus file"}]
    assert len(result.duties) == 2 and result.duties["found"].all()
    assert set(result.items["text"]) == {"Вести переговоры с клиентами о ценах.", "Готовить еженедельные отчеты."}
    assert (result.items["duty_share"] == 1.0).all()
    rows = eval_duties.summarise(result)
    assert {r["half"] for r in rows} == {"tune", "holdout"}
    total = sum(r["recall"]["n"] for r in rows)
    assert total == 2


def test_a_changed_corpus_text_makes_the_posting_unusable_not_wrong(mini_set, tmp_path):
    corpora, labels = mini_set
    path = corpora / "hh_ru" / "hh_ru_vacancies.csv"
    path.write_text(path.read_text(encoding="utf-8").replace("еженедельные", "ежемесячные"), encoding="utf-8")
    result = eval_duties.evaluate("hh_ru", corpora=corpora, labels_dir=labels)
    reasons = {u["id"]: u["reason"] for u in result.unusable}
    assert reasons["101"].startswith("text_sha1 differs")
    assert result.duties.empty


def test_holdout_failures_are_hidden_unless_asked(mini_set):
    corpora, labels = mini_set
    result = eval_duties.evaluate("hh_ru", corpora=corpora, labels_dir=labels)
    result.duties["found"] = False  # make every duty a failure in both halves
    shown = eval_duties.format_eval(result, verbose=True)
    hidden_half = "holdout"
    assert f"failures, {hidden_half} half" not in shown
    assert "failures, holdout half" in eval_duties.format_eval(result, show_holdout_failures=True)


def test_unknown_corpus_is_a_clear_error():
    with pytest.raises(CorpusError, match="use one of linkedin_us, uk_ads, hh_ru or all"):
        eval_duties.evaluate("glassdoor")


def test_cli_needs_a_file_or_a_corpus():
    result = runner.invoke(app, ["eval", "responsibilities"])
    assert result.exit_code == 2 and "--corpus" in result.output


@pytest.mark.skipif(not (config.CORPORA / "hh_ru").is_dir(), reason="../shared/corpora is not beside this checkout")
def test_cli_scores_a_real_corpus_and_keeps_holdout_failures_hidden():
    result = runner.invoke(app, ["eval", "responsibilities", "--corpus", "hh_ru", "--verbose"])
    assert result.exit_code == 0, result.output
    assert "hh_ru        tune" in result.output and "hh_ru        holdout" in result.output
    assert "failures, holdout half" not in result.output


def _write_set(folder, rows, texts, half_of):
    """A labelled set in ``folder``: ``rows`` are ``(id, phrase, area)`` over the hh_ru ``texts``."""
    folder.mkdir()
    with (folder / "postings.csv").open("w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(["corpus", "id", "field", "text_sha1", "title_is_account_role", "n_duties", "note", "half"])
        for vid in sorted({r[0] for r in rows}):
            n = sum(r[0] == vid for r in rows)
            w.writerow(["hh_ru", vid, "description_text", _sha12(texts[vid]), "true", n, "", half_of(vid)])
    with (folder / "duties.csv").open("w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(["corpus", "id", "start", "end", "span_sha1", "area", "half"])
        for vid, phrase, area in rows:
            a = texts[vid].index(phrase)
            w.writerow(["hh_ru", vid, a, a + len(phrase), _sha12(phrase), area, half_of(vid)])


def test_a_second_set_is_read_beside_the_first_as_tune2_with_its_failures_shown(mini_set, tmp_path):
    corpora, labels = mini_set
    text = "Обязанности:\n- Готовить коммерческие предложения.\n- Посещать выставки.\n"
    path = corpora / "hh_ru" / "hh_ru_vacancies.csv"
    with path.open("a", encoding="utf-8", newline="") as fh:
        csv.writer(fh).writerow(["201", "Менеджер по продажам", "ООО Лютик", "Минск", text])
    set2 = tmp_path / "labels2"
    _write_set(set2, [("201", "Готовить коммерческие предложения.", "growth_new_business"),
                      ("201", "Посещать выставки.", "other")], {"201": text}, lambda vid: "tune2")
    result = eval_duties.evaluate("hh_ru", corpora=corpora, labels_dir=[labels, set2])
    assert sorted(result.postings["id"]) == ["101", "102", "201"]
    rows = {r["half"]: r for r in eval_duties.summarise(result)}
    assert set(rows) == {"tune", "holdout", "tune2"}
    assert rows["tune2"]["postings"] == 1 and rows["tune2"]["recall"]["n"] == 2
    assert rows["tune"]["recall"]["n"] + rows["holdout"]["recall"]["n"] == 2  # set 1 unchanged
    result.duties["found"] = False  # every duty a failure
    shown = eval_duties.format_eval(result, verbose=True)
    assert "failures, tune2 half" in shown and "Посещать выставки." in shown
    assert "failures, holdout half" not in shown


def test_the_default_sets_are_the_labelled_sets_and_bad_halves_or_repeats_are_refused(mini_set, tmp_path):
    assert eval_duties.LABELS_DIRS == (config.LABELLED / "duties", config.LABELLED / "duties2",
                                       config.LABELLED / "duties3", config.LABELLED / "duties4",
                                       config.LABELLED / "duties5", config.LABELLED / "duties6",
                                       config.LABELLED / "duties7", config.LABELLED / "duties8",
                                       config.LABELLED / "duties9",
                                       config.LABELLED / "duties10")
    postings, duties = eval_duties.load_labels()
    assert set(postings["half"]) == {"tune", "holdout", "tune2", "tune3", "tune4", "tune5", "tune6", "tune7", "tune8", "tune9", "tune10"}
    assert (duties.loc[duties["half"] == "tune2"].shape[0], postings["half"].eq("tune2").sum()) == (422, 45)
    assert (duties.loc[duties["half"] == "tune3"].shape[0], postings["half"].eq("tune3").sum()) == (459, 45)
    assert (duties.loc[duties["half"] == "tune4"].shape[0], postings["half"].eq("tune4").sum()) == (453, 45)
    assert (duties.loc[duties["half"] == "tune5"].shape[0], postings["half"].eq("tune5").sum()) == (422, 45)
    assert (duties.loc[duties["half"] == "tune6"].shape[0], postings["half"].eq("tune6").sum()) == (435, 45)
    assert (duties.loc[duties["half"] == "tune7"].shape[0], postings["half"].eq("tune7").sum()) == (380, 45)
    assert (duties.loc[duties["half"] == "tune8"].shape[0], postings["half"].eq("tune8").sum()) == (420, 45)
    assert (duties.loc[duties["half"] == "tune9"].shape[0], postings["half"].eq("tune9").sum()) == (477, 45)
    assert (duties.loc[duties["half"] == "tune10"].shape[0], postings["half"].eq("tune10").sum()) == (221, 45)
    _, labels = mini_set
    with pytest.raises(CorpusError, match="postings labelled in two sets: hh_ru:101"):
        eval_duties.load_labels([labels, labels])
    odd = tmp_path / "odd"
    _write_set(odd, [("101", "Вести переговоры", "negotiation_contracts")],
               {"101": "Вести переговоры"}, lambda vid: "later")
    with pytest.raises(CorpusError, match="unknown half 'later'"):
        eval_duties.load_labels(odd)
