"""Tests for the synthetic posting generator (issue 7). No timing asserts: speed is in bench/."""

from __future__ import annotations

import hashlib
import itertools
import json
import re
from collections import Counter

import pytest

from workbench import synth

N_MIX = 4_000


@pytest.fixture(scope="module")
def sample() -> list[dict]:
    return list(synth.generate(N_MIX, seed=1))


def _digest(paths) -> str:
    h = hashlib.sha256()
    for p in paths:
        h.update(p.name.encode())
        h.update(p.read_bytes())
    return h.hexdigest()


def test_same_seed_gives_identical_postings():
    assert list(synth.generate(300, seed=7)) == list(synth.generate(300, seed=7))


def test_different_seeds_give_different_postings():
    a = [p["description"] for p in synth.generate(50, seed=1)]
    b = [p["description"] for p in synth.generate(50, seed=2)]
    assert a != b


def test_shorter_run_is_a_prefix_of_a_longer_one():
    short = list(synth.generate(40, seed=3))
    long = list(itertools.islice(synth.generate(400, seed=3), 40))
    assert short == long


def test_generate_is_lazy():
    first = next(synth.generate(10**12, seed=1))
    assert first["id"] == "synth-1-00000000"


def test_every_posting_has_exactly_the_contract_keys(sample):
    for posting in sample:
        assert tuple(posting) == synth.KEYS


def test_field_types_and_values(sample):
    for p in sample:
        for key in synth.KEYS:
            if key == "salary_raw":
                assert p[key] is None or (isinstance(p[key], str) and p[key])
            else:
                assert isinstance(p[key], str) and p[key], key
        assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", p["date_posted"])
        assert p["country"] in {"GB", "US", "DE", "NL", "FR", "RU", "CN"}
        assert p["title"] in synth.TITLE_LEVEL


def test_ids_are_unique(sample):
    assert len({p["id"] for p in sample}) == len(sample)


def test_language_mix_is_about_70_15_15(sample):
    share = {k: v / len(sample) for k, v in Counter(p["language"] for p in sample).items()}
    assert set(share) == {"en", "ru", "zh"}
    assert share["en"] == pytest.approx(0.70, abs=0.04)
    assert share["ru"] == pytest.approx(0.15, abs=0.03)
    assert share["zh"] == pytest.approx(0.15, abs=0.03)


def test_language_matches_script(sample):
    for p in sample[:500]:
        text = p["description"]
        if p["language"] == "ru":
            assert re.search("[а-яё]", text)
        elif p["language"] == "zh":
            assert re.search("[\u4e00-\u9fff]", text)
        else:
            assert not re.search("[\u4e00-\u9fff]", text)


def test_all_five_levels_appear_in_similar_numbers(sample):
    levels = Counter(synth.TITLE_LEVEL[p["title"]] for p in sample)
    assert set(levels) == {1, 2, 3, 4, 5}
    for n in levels.values():
        assert n / len(sample) == pytest.approx(0.2, abs=0.04)


def test_currencies_and_pay_forms_of_the_default_data(sample):
    text = "\n".join(p["description"] + " " + (p["salary_raw"] or "") for p in sample)
    for marker in ("£", "$", "€", "руб.", "₽", "K·13薪", "K·14薪", "万", "千", "元",
                   "per hour", "per day", "per week", "per month", "per annum", "OTE",
                   "****k", "до вычета налогов", "на руки", "brutto", "up to", "from"):
        assert marker in text, marker


def test_some_postings_have_no_pay_and_some_carry_a_pay_field(sample):
    no_pay = [p for p in sample if re.search("Competitive|DOE|negotiable|面议|обсуждается|договоренности",
                                               p["description"]) and p["salary_raw"] is None]
    with_field = [p for p in sample if p["salary_raw"] is not None]
    assert 0.03 < len(no_pay) / len(sample) < 0.15
    assert 0.2 < len(with_field) / len(sample) < 0.45


def test_time_allocation_lists_mostly_total_100(sample):
    totals = Counter()
    for p in sample:
        if "% of time" in p["description"] or "time is split" in p["description"] \
                or "рабочего времени" in p["description"] or "时间" in p["description"]:
            shares = [int(x) for x in re.findall(r"(\d+)%", p["description"].split("Salary")[0].split("Зарплата")[0].split("薪资")[0])
                      if int(x) >= 10]
            totals[sum(shares[-6:])] += 1
    assert sum(totals.values()) > len(sample) * 0.15
    assert totals.most_common(1)[0][0] == 100


def test_descriptions_are_about_one_to_one_and_a_half_kilobytes(sample):
    sizes = sorted(len(p["description"].encode("utf-8")) for p in sample)
    median = sizes[len(sizes) // 2]
    assert 900 <= median <= 1600


def test_html_descriptions_are_html(sample):
    html = [p for p in sample if p["description"].startswith("<h2>")]
    assert len(html) > len(sample) * 0.1
    for p in html[:100]:
        assert "<ul>" in p["description"] and "</ul>" in p["description"]


def test_write_shards_by_size(tmp_path):
    paths = synth.write(2_500, seed=4, out_dir=tmp_path, shard_size=1_000)
    assert [p.name for p in paths] == ["part-00000.jsonl", "part-00001.jsonl", "part-00002.jsonl"]
    counts = [sum(1 for _ in p.open(encoding="utf-8")) for p in paths]
    assert counts == [1_000, 1_000, 500]
    assert not list(tmp_path.glob("*.tmp"))


def test_write_matches_generate_line_for_line(tmp_path):
    paths = synth.write(1_200, seed=9, out_dir=tmp_path, shard_size=500)
    lines = [line for p in paths for line in p.read_text(encoding="utf-8").splitlines()]
    expected = list(synth.generate(1_200, seed=9))
    assert [json.loads(line) for line in lines] == expected
    # the fast path writes exactly what json.dumps would
    assert lines[:200] == [json.dumps(p, ensure_ascii=False, separators=(",", ":")) for p in expected[:200]]


def test_write_is_byte_identical_for_the_same_seed(tmp_path):
    a = synth.write(1_500, seed=11, out_dir=tmp_path / "a", shard_size=600)
    b = synth.write(1_500, seed=11, out_dir=tmp_path / "b", shard_size=600)
    assert _digest(a) == _digest(b)
    c = synth.write(1_500, seed=12, out_dir=tmp_path / "c", shard_size=600)
    assert _digest(a) != _digest(c)


def test_write_is_utf8_json_lines(tmp_path):
    (path,) = synth.write(300, seed=1, out_dir=tmp_path)
    raw = path.read_bytes()
    text = raw.decode("utf-8")
    assert text.endswith("\n")
    assert "\\u04" not in text  # Cyrillic is written as UTF-8, not escaped
    for line in text.splitlines():
        assert tuple(json.loads(line)) == synth.KEYS


def test_write_zero_postings_writes_nothing(tmp_path):
    assert synth.write(0, seed=1, out_dir=tmp_path) == []
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("kwargs", [{"n": -1}, {"n": 10, "shard_size": 0}])
def test_write_rejects_bad_arguments(tmp_path, kwargs):
    with pytest.raises(ValueError):
        synth.write(seed=1, out_dir=tmp_path, **kwargs)


def test_generate_rejects_negative_n():
    with pytest.raises(ValueError):
        list(synth.generate(-1))


def test_runtime_pools_need_no_escaping():
    # the fast JSON path and the HTML shape rely on this invariant of the phrase pools
    for text in synth._runtime_strings():
        assert not any(ch < " " or ch in "\"\\&<>'" for ch in text), text
