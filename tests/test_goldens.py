"""The committed goldens match what the code makes today; a change shows its diff.

Refresh with `make goldens` (python -m workbench.goldens refresh) and commit the
diff with the change that explains it. The corpus parts skip only when
../shared/corpora is absent (WORKBENCH_SHARED points elsewhere), the seeds part
only when ../shared/seeds is.
"""

from __future__ import annotations

import json
import re

import pytest

from workbench import config, goldens


def _assert_matches(name: str) -> None:
    golden = goldens.GOLDENS[name]
    if not golden.available():
        pytest.skip(f"{golden.needs()} is absent; set WORKBENCH_SHARED to check {name}")
    stored = goldens.stored(name)
    assert stored, f"tests/goldens/{golden.filename} is missing; run `make goldens`"
    diff = goldens.diff_lines(stored, goldens.build(name), name)
    assert not diff, ("\n".join(diff) + f"\n\n{name} changed. If the change is intended, run "
                      "`make goldens` and commit the diff with the change that explains it.")


def test_salary_golden_of_team_written_strings():
    _assert_matches("salary_team")


def test_salary_golden_of_corpus_strings():
    _assert_matches("salary_corpora")


def test_extraction_snapshot_of_the_seeds():
    _assert_matches("extraction_seeds")


def test_extraction_snapshot_of_dev_corpus_postings():
    _assert_matches("extraction_corpora")


def test_extraction_snapshot_of_the_embedded_default_data():
    _assert_matches("extraction_raw")


@pytest.mark.slow
def test_rendered_report_snapshot():
    _assert_matches("report")


def test_team_golden_holds_every_labelled_string_in_full():
    lines = [json.loads(line) for line in goldens.stored("salary_team")[1:]]
    texts = {(d["src"].split("#")[0], d["text"]) for d in lines}
    for source, text, _currency, _market, _field in goldens._labelled_inputs(config.LABELLED):
        assert (source.split("#")[0], text) in texts, f"{source} is not in the golden; run make goldens"


def _strings(value):
    if isinstance(value, str):
        yield value
    elif isinstance(value, (list, tuple)):
        for item in value:
            yield from _strings(item)
    elif isinstance(value, dict):
        for item in value.values():
            yield from _strings(item)


def test_corpus_goldens_hold_no_corpus_text():
    allowed = {"src", "sha1", "currency", "market", "mentions", "key", "record", "role",
               "pay_point", "salaries", "time_allocation", "time_allocation_status",
               "responsibilities", "areas", "experience", "education", "skills", "rejected"}
    code = re.compile(r"^[A-Za-z_]{1,24}$")  # currency, period, component, field, area names ("internal_coordination")
    for name in ("salary_corpora", "extraction_corpora", "extraction_seeds"):
        lines = goldens.stored(name)
        assert lines, f"{name} golden is not committed"
        for line in lines[1:]:
            record = json.loads(line)
            assert set(record) <= allowed, (name, set(record) - allowed)
            values = [record.get(k) for k in ("mentions", "salaries", "time_allocation", "areas")]
            odd = [v for v in _strings(values) if not code.match(v)]
            assert not odd, (name, record.get("src") or record.get("key"), odd[:3])


def test_corpus_sample_is_the_tune_half_in_hash_order():
    import pandas as pd

    keys = [f"toy:{i}" for i in range(40)]
    frame = pd.DataFrame({"key": keys, "half": [("tune" if i % 3 else "holdout") for i in range(40)]})
    sample = goldens.snapshot_sample(frame, n=5)
    tune = [k for k, h in zip(keys, frame["half"]) if h == "tune"]
    import hashlib
    want = sorted(tune, key=lambda k: hashlib.sha1(k.encode()).hexdigest())[:5]
    assert list(sample["key"]) == want


def test_a_changed_line_shows_as_a_readable_diff():
    old = ['{"fields":[]}', '{"src":"a.csv#0","text":"£30k","mentions":[[0,4,30000.0]]}',
           '{"src":"a.csv#1","text":"DOE","mentions":[]}']
    new = [old[0], '{"src":"a.csv#0","text":"£30k","mentions":[[0,4,3000.0]]}', old[2]]
    diff = goldens.diff_lines(old, new, "salary_team")
    assert diff[0].startswith("--- salary_team (committed)")
    assert f"-{old[1]}" in diff and f"+{new[1]}" in diff
    assert diff[-1] == "2 lines differ"
    assert goldens.diff_lines(old, old, "salary_team") == []


def test_a_long_diff_is_cut_with_a_count():
    old = [f"line {i}" for i in range(300)]
    new = [f"line {i}!" for i in range(300)]
    diff = goldens.diff_lines(old, new, "x", limit=20)
    assert len(diff) == 22 and diff[-2].startswith("... ") and diff[-1] == "600 lines differ"


def test_report_normalisation_masks_what_changes_between_runs():
    page = ('<dt>run id</dt><dd>2026-03-16T171439-66ea16</dd><dt>as of</dt><dd>2026-03-16</dd>'
            '<dt>data fingerprint</dt><dd>351a7957</dd><div id="cell-id=66fc5b4f">'
            '<img src="data:image/png;base64,iVBORw0KGgo="> ok (3.4 s) made 2026-12-06T10:00:00Z')
    out = goldens.normalise_report(page)
    assert "<dt>run id</dt><dd><masked></dd>" in out
    assert "<dt>as of</dt><dd>2026-03-16</dd>" in out  # a parameter of the run: kept
    assert "<dt>data fingerprint</dt><dd><masked></dd>" in out
    assert "cell-id=<cell>" in out and "base64,<image>" in out
    assert "(<seconds>)" in out and "<timestamp>" in out and "66fc5b4f" not in out


def test_refresh_writes_what_check_then_accepts(tmp_path):
    done = goldens.refresh(["salary_team"], tmp_path)
    assert done["salary_team"].startswith(f"{len(goldens.build('salary_team'))} lines")
    assert goldens.check(["salary_team"], tmp_path) == {}
    path = tmp_path / "salary_team.jsonl"
    lines = path.read_text(encoding="utf-8").splitlines()
    path.write_text("\n".join(lines[:-1]) + "\n", encoding="utf-8")
    diff = goldens.check(["salary_team"], tmp_path)["salary_team"]
    assert diff[-1] == "1 lines differ" and diff[-2] == f"+{lines[-1]}"
    assert goldens.main(["check", "--only", "salary_team", "--dir", str(tmp_path)]) == 1
