"""Tests for workbench.ingest.json_stream: big JSON documents one item at a time."""

from __future__ import annotations

import json

import pytest
from ingest_samples import write

from workbench.ingest.json_stream import JsonStreamError, first_character, iter_items


def test_items_of_an_array_come_one_by_one_with_their_size(tmp_path):
    items = [{"title": f"Account Manager {i}", "pay": 30000.5 + i, "n": i} for i in range(5)]
    path = write(tmp_path / "a.json", "\ufeff" + json.dumps(items))
    got = list(iter_items(path, "utf-8", "item"))
    assert [item for item, _ in got] == items  # floats stay floats, ints ints (no Decimal)
    assert all(size >= 0 for _, size in got) and sum(size for _, size in got) <= path.stat().st_size


def test_a_graph_streams_its_items_and_another_encoding_is_read(tmp_path):
    doc = {"@context": "https://schema.org", "@graph": [{"@type": "JobPosting", "title": "Аккаунт-менеджер"}]}
    path = write(tmp_path / "g.json", json.dumps(doc, ensure_ascii=False).encode("cp1251"))
    assert [item for item, _ in iter_items(path, "cp1251", "@graph.item")] == doc["@graph"]
    assert first_character(path, "cp1251") == "{"
    assert first_character(write(tmp_path / "b.json", "\ufeff  \n [1]"), "utf-8") == "["


def test_a_document_cut_short_raises_after_the_items_before_it(tmp_path):
    path = write(tmp_path / "cut.json", '[{"a": 1}, {"b": 2}, {"c": ')
    seen = []
    with pytest.raises(JsonStreamError, match="parse error|Incomplete"):
        for item, _ in iter_items(path, "utf-8", "item"):
            seen.append(item)
    assert seen == [{"a": 1}, {"b": 2}]
