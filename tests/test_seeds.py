"""Scored check of the five shared seeds against hand-written facts.

Each fact is checked twice: on workbench.structure given the raw file, and through the
product path (`workbench extract`: the ingest reader, then extraction), which is what
a user runs and what hands structure a text without blank lines.
"""

import json
from pathlib import Path

import pytest
import yaml
from typer.testing import CliRunner

from workbench.cli import app

from workbench.config import SEEDS
from workbench.sections import parse_sections
from workbench.structure import analyse, attach_mentions
from workbench.taxonomy import load_taxonomy

EXPECTED = yaml.safe_load((Path(__file__).parent / "data" / "seeds_expected.yaml").read_text(encoding="utf-8"))

pytestmark = pytest.mark.skipif(not SEEDS.is_dir(), reason=f"seed folder {SEEDS} not present")


def _seed(key: str) -> str:
    path = SEEDS / EXPECTED[key]["file"]
    if not path.is_file():
        pytest.skip(f"seed {path.name} not present")
    # Seed 004 holds a stray binary byte: replace it rather than fail.
    return path.read_text(encoding="utf-8", errors="replace")


def _role_of(record):
    return {"label": record["role"]["label"], "level": record["role"]["level"]}


def test_seed_000_account_director_time_split():
    exp = EXPECTED["000"]
    records = analyse(_seed("000"))
    assert len(records) == exp["records"]
    (rec,) = records
    assert _role_of(rec) == exp["role"]
    items = rec["time_allocation"]
    assert [i["raw_share"] for i in items] == exp["time_allocation"]["raw_shares"]
    assert rec["time_allocation_check"] == {"total": exp["time_allocation"]["total"],
                                            "status": exp["time_allocation"]["status"]}
    assert sum(i["share"] for i in items) == pytest.approx(100)
    for item, start in zip(items, exp["time_allocation"]["activities_start"]):
        assert item["activity"].startswith(start)
    areas = set(load_taxonomy().areas) - {"other"}
    assert all(i["category"] in areas for i in items)


def test_seed_001_competency_profile():
    exp = EXPECTED["001"]
    (rec,) = analyse(_seed("001"))
    assert len(rec["responsibilities"]) == exp["responsibilities"]
    assert {s["name"]: s["level"] for s in rec["skills"]} == exp["skills"]
    assert len(rec["skills"]) == len(exp["skills"])


def test_seed_002_labelled_sections():
    exp = EXPECTED["002"]
    text = _seed("002")
    sections = [s for s in parse_sections(text) if s["items"] and s["heading"]]
    assert len(sections) == exp["sections_with_items"]
    items = [i for s in sections for i in s["items"]]
    assert len(items) == exp["labelled_items"]
    assert all(i["label"] for i in items)
    (rec,) = analyse(text)
    assert _role_of(rec) == exp["role"]
    # Every labelled item is a responsibility under its label; one whose sentences state
    # separate duties gives one responsibility per sentence (the label stays on the first).
    labels = {r["text"].split(":", 1)[0] for r in rec["responsibilities"]}
    assert all(i["label"] in labels for i in items)
    assert exp["labelled_items"] <= len(rec["responsibilities"]) <= exp["labelled_items"] + 5
    areas = set(load_taxonomy().areas)
    assert all(r["category"] in areas for r in rec["responsibilities"])


def test_seed_002_held_out_area_accuracy():
    exp = EXPECTED["002"]
    (rec,) = analyse(_seed("002"))
    scored = hits = 0
    for resp in rec["responsibilities"]:
        label = resp["text"].split(":", 1)[0]
        if label in exp["held_out_areas"]:
            scored += 1
            hits += resp["category"] == exp["held_out_areas"][label]
    assert scored >= len(exp["held_out_areas"])
    assert hits / scored >= exp["held_out_min_accuracy"]


def test_seed_003_html_account_manager():
    exp = EXPECTED["003"]
    records = analyse(_seed("003"))
    assert len(records) == exp["records"]
    (rec,) = records
    assert _role_of(rec) == exp["role"]
    essential = [r for r in rec["responsibilities"] if r["section"] == "Essential Functions"]
    assert len(essential) >= exp["essential_functions_min"]
    assert rec["experience_years"] == exp["experience_years"]
    assert rec["education"] == exp["education"]


def test_seed_004_multi_role_article():
    exp = EXPECTED["004"]
    text = _seed("004")
    records = analyse(text)
    roles = [_role_of(r) for r in records]
    for wanted in exp["roles_present"]:
        assert wanted in roles
    # Every record's spans lie inside the text and do not overlap another record's.
    flat = sorted((a, b) for r in records for a, b in r["spans"])
    assert all(0 <= a < b <= len(text) for a, b in flat)
    assert all(b1 <= a2 for (_, b1), (a2, _) in zip(flat, flat[1:]))

    figures = list(exp["attachments"])
    spans = []
    for fig in figures:
        start = text.find(fig)
        assert start != -1, fig
        spans.append((start, start + len(fig)))
    owners = attach_mentions(records, spans)
    for fig, owner in zip(figures, owners):
        assert owner is not None, fig
        assert _role_of(records[owner]) == exp["attachments"][fig], fig

    stray = []
    for fig in exp["not_attached"]:
        start = text.find(fig)
        assert start != -1, fig
        stray.append((start, start + len(fig)))
    assert attach_mentions(records, stray) == [None] * len(stray)

    target = next(r for r in records if _role_of(r) == exp["experience_years"]["record"])
    assert target["experience_years"] == exp["experience_years"]["value"]


# ------------------------------------------------------------- through `workbench extract`


@pytest.fixture(scope="module")
def extracted() -> dict[str, list[dict]]:
    """Records of every seed as `workbench extract` prints them, by seed key."""
    paths = {key: SEEDS / EXPECTED[key]["file"] for key in EXPECTED}
    missing = [p.name for p in paths.values() if not p.is_file()]
    if missing:
        pytest.skip(f"seeds not present: {', '.join(missing)}")
    result = CliRunner().invoke(app, ["extract", *map(str, paths.values())])
    assert result.exit_code == 0, result.output
    records = [json.loads(line) for line in result.stdout.splitlines() if line.strip()]
    return {key: [r for r in records if r["source"] == str(path)] for key, path in paths.items()}


def test_seed_000_through_workbench_extract(extracted):
    exp = EXPECTED["000"]
    (rec,) = extracted["000"]
    assert _role_of(rec) == exp["role"]
    items = rec["time_allocation"]
    assert [i["raw_share"] for i in items] == exp["time_allocation"]["raw_shares"]
    assert rec["time_allocation_check"] == {"total": exp["time_allocation"]["total"],
                                            "status": exp["time_allocation"]["status"]}
    for item, start in zip(items, exp["time_allocation"]["activities_start"]):
        assert item["activity"].startswith(start)


def test_seed_001_through_workbench_extract(extracted):
    exp = EXPECTED["001"]
    (rec,) = extracted["001"]
    assert len(rec["responsibilities"]) == exp["responsibilities"]
    assert {s["name"]: s["level"] for s in rec["skills"]} == exp["skills"]


def test_seed_002_through_workbench_extract(extracted):
    exp = EXPECTED["002"]
    (rec,) = extracted["002"]
    assert _role_of(rec) == exp["role"]
    # As through analyse: one responsibility per labelled item, or per sentence of one
    # that states separate duties (test_seed_002_labelled_sections checks the labels).
    assert exp["labelled_items"] <= len(rec["responsibilities"]) <= exp["labelled_items"] + 5
    held_out = [r for r in rec["responsibilities"] if r["text"].split(":", 1)[0] in exp["held_out_areas"]]
    hits = sum(r["category"] == exp["held_out_areas"][r["text"].split(":", 1)[0]] for r in held_out)
    assert len(held_out) >= len(exp["held_out_areas"])
    assert hits / len(held_out) >= exp["held_out_min_accuracy"]


def test_seed_003_through_workbench_extract(extracted):
    exp = EXPECTED["003"]
    (rec,) = extracted["003"]
    assert _role_of(rec) == exp["role"]
    essential = [r for r in rec["responsibilities"] if r["section"] == "Essential Functions"]
    assert len(essential) >= exp["essential_functions_min"]
    assert rec["experience_years"] == exp["experience_years"]
    assert rec["education"] == exp["education"]


def test_seed_004_through_workbench_extract_keeps_every_figures_role(extracted):
    exp = EXPECTED["004"]
    records = extracted["004"]
    roles = [_role_of(r) for r in records]
    for wanted in exp["roles_present"]:
        assert wanted in roles
    owners: dict[str, list[dict]] = {}
    for rec in records:
        for pay in rec["salaries"]:
            for fig in [*exp["attachments"], *exp["not_attached"]]:
                if fig in pay["text"]:
                    owners.setdefault(fig, []).append(_role_of(rec))
    for fig, role in exp["attachments"].items():
        assert owners.get(fig) == [role], (fig, owners.get(fig))
    for fig in exp["not_attached"]:
        assert fig not in owners, (fig, owners[fig])
    target = next(r for r in records if _role_of(r) == exp["experience_years"]["record"])
    assert target["experience_years"] == exp["experience_years"]["value"]
