"""The account-work taxonomy: file contract, classifier and evaluation."""

import csv

import pytest
import yaml

from workbench.config import LABELLED
from workbench.taxonomy import TAXONOMY_PATH, classify_responsibility, evaluate, load_taxonomy

AREAS = {"client_relationship", "growth_new_business", "financial_management", "team_leadership",
         "strategy_planning", "delivery_operations", "reporting_forecasting", "negotiation_contracts",
         "internal_coordination", "quality_process", "other"}


def test_taxonomy_file_is_versioned_and_documents_each_area_in_three_languages():
    raw = yaml.safe_load(TAXONOMY_PATH.read_text(encoding="utf-8"))
    assert raw["version"]
    assert set(raw["areas"]) == AREAS
    for area, spec in raw["areas"].items():
        assert spec["description"].strip(), area
        assert set(spec["lexicon"]) == {"en", "ru", "zh"}, area
        for lang, terms in spec["lexicon"].items():
            assert terms and all(isinstance(w, (int, float)) and w > 0 for w in terms.values()), (area, lang)


@pytest.mark.parametrize(
    ("text", "area"),
    [
        ("Negotiate annual pricing with the client's procurement team", "negotiation_contracts"),
        ("Own the account P&L and chase unpaid invoices", "financial_management"),
        ("Coach and appraise a team of three account executives", "team_leadership"),
        ("Вести переговоры и заключать договоры с клиентами", "negotiation_contracts"),
        ("Готовить ежемесячные отчеты для руководства", "reporting_forecasting"),
        ("开发新客户并完成销售指标", "growth_new_business"),
        ("负责项目预算和成本控制", "financial_management"),
    ],
)
def test_classify_examples(text, area):
    got, confidence = classify_responsibility(text)
    assert got == area
    assert 0 < confidence <= 1


def test_unmatched_line_is_other_with_low_confidence_not_dropped():
    area, confidence = classify_responsibility("Zebra crossing lollipop")
    assert area == "other"
    assert confidence < 0.3
    assert classify_responsibility("") == ("other", confidence)


def test_load_taxonomy_is_cached_and_indexed():
    tax = load_taxonomy()
    assert tax is load_taxonomy()
    assert set(tax.areas) == AREAS
    assert tax.exact and tax.stems and tax.cjk


def test_labelled_set_is_large_trilingual_and_meets_the_target():
    path = LABELLED / "responsibilities.csv"
    with open(path, encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    assert len(rows) >= 240
    assert {r["language"] for r in rows} == {"en", "ru", "zh"}
    assert {r["area"] for r in rows} == AREAS
    metrics = evaluate(path)
    assert metrics["n"] == len(rows)
    assert metrics["macro_precision"] >= 0.9
    assert metrics["macro_recall"] >= 0.9
    assert metrics["micro_precision"] >= 0.9
    assert set(metrics["per_area"]) == AREAS


def test_evaluate_counts_errors_per_area(tmp_path):
    path = tmp_path / "mini.csv"
    path.write_text("text,language,area\nNegotiate the contract,en,negotiation_contracts\n"
                    "Negotiate the contract,en,team_leadership\n", encoding="utf-8")
    metrics = evaluate(path)
    assert metrics["accuracy"] == 0.5
    assert metrics["per_area"]["negotiation_contracts"]["precision"] == 0.5
    assert metrics["per_area"]["team_leadership"]["recall"] == 0.0
    assert len(metrics["errors"]) == 1


def test_evaluate_rejects_unknown_area(tmp_path):
    path = tmp_path / "bad.csv"
    path.write_text("text,area\nx,not_an_area\n", encoding="utf-8")
    with pytest.raises(ValueError, match="unknown area"):
        evaluate(path)
