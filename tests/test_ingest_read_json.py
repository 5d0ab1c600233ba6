"""Tests for workbench.ingest.read_json: JSON, JSON Lines and JSON-LD JobPosting."""

from __future__ import annotations

import dataclasses
import json

import pandas as pd
import pytest
from ingest_samples import RUSSIAN, write

from workbench.ingest import ingest_paths
from workbench.ingest.read_json import JsonlReader, loads, render_salary


def _jobposting(title, salary=None, **extra):
    posting = {
        "@context": "https://schema.org",
        "@type": "JobPosting",
        "title": title,
        "description": "<p>Grow <b>key</b> accounts.</p><ul><li>Own renewals</li></ul>",
        "hiringOrganization": {"@type": "Organization", "name": "Acme Ltd"},
        "jobLocation": {"@type": "Place", "address": {"@type": "PostalAddress",
                                                      "addressLocality": "Leeds", "addressCountry": "GB"}},
        "datePosted": "2026-10-01T09:00:00Z",
    }
    if salary:
        posting["baseSalary"] = salary
    posting.update(extra)
    return posting


def test_jsonld_list_single_and_graph(tmp_path):
    salary = {"@type": "MonetaryAmount", "currency": "USD",
              "value": {"@type": "QuantitativeValue", "minValue": 50000, "maxValue": 70000, "unitText": "YEAR"}}
    write(tmp_path / "list.json", json.dumps([_jobposting("Account Manager", salary), _jobposting("AE")]))
    write(tmp_path / "single.json", json.dumps(_jobposting("Account Director")))
    write(tmp_path / "graph.json", json.dumps({"@graph": [{"@type": "WebPage"}, _jobposting("KAM")]}))
    write(tmp_path / "bad.json", '[{"title": "x",}]')
    result = ingest_paths(tmp_path, progress=False)
    postings = result.postings.set_index("title")
    manager = postings.loc["Account Manager"]
    assert manager["salary_raw"] == "USD 50000-70000 per year"
    assert json.loads(manager["salary_structured"]) == {
        "currency": "USD", "min": 50000.0, "max": 70000.0, "value": None, "unit": "year"}
    assert manager["text"] == "Grow key accounts.\n- Own renewals"
    assert (manager["company"], manager["location"], manager["country"], manager["date_posted"]) == (
        "Acme Ltd", "Leeds, GB", "GB", "2026-10-01")
    assert manager["source"].endswith("list.json#0")
    assert postings.loc["Account Director", "source"].endswith("single.json")
    assert postings.loc["KAM", "source"].endswith("graph.json#0")
    assert pd.isna(postings.loc["AE", "salary_raw"])
    assert len(result.rejects) == 1 and "malformed JSON at line 1" in result.rejects["reason"].iloc[0]


def test_empty_list_graph_without_postings_and_other_types_are_listed(tmp_path):
    write(tmp_path / "empty.json", "[]")
    write(tmp_path / "graph.json", json.dumps({"@graph": [{"@type": "WebPage"}]}))
    write(tmp_path / "org.json", json.dumps([{"@type": "Organization", "name": "Acme"}, 7]))
    reasons = ingest_paths(tmp_path, progress=False).rejects.set_index("source")["reason"]
    base = tmp_path.as_posix()
    assert reasons[f"{base}/empty.json"] == "empty JSON list; no postings to ingest"
    assert reasons[f"{base}/graph.json"].startswith("JSON-LD @graph holds no JobPosting")
    assert reasons[f"{base}/org.json#0"].startswith("not a job posting (found 'Organization')")
    assert reasons[f"{base}/org.json#1"].startswith("not a job posting (found 'int')")


@pytest.mark.parametrize(
    ("base", "text", "structured"),
    [
        ({"currency": "GBP", "value": {"value": 40000.0, "unitText": "YEAR"}}, "GBP 40000 per year",
         {"currency": "GBP", "min": None, "max": None, "value": 40000.0, "unit": "year"}),
        ({"currency": "EUR", "value": {"minValue": 20, "maxValue": 20}, "unitText": "HOUR"}, "EUR 20 per hour",
         {"currency": "EUR", "min": 20.0, "max": 20.0, "value": None, "unit": "hour"}),
        ({"currency": "USD", "value": 12.5}, "USD 12.5", {"currency": "USD", "min": None, "max": None,
                                                          "value": 12.5, "unit": None}),
        ("£30k", "£30k", None),
        ({"currency": "USD"}, None, None),
        (None, None, None),
    ],
)
def test_render_salary(base, text, structured):
    rendered, as_json = render_salary(base)
    assert rendered == text
    assert (json.loads(as_json) if as_json else None) == structured


def test_render_salary_joins_a_list_of_amounts():
    text, as_json = render_salary([{"currency": "GBP", "value": 40000}, {"currency": "GBP", "value": {}}])
    assert text == "GBP 40000" and len(json.loads(as_json)) == 1


def test_jsonld_location_list_remote_and_country_from_address(tmp_path):
    remote = _jobposting("Remote AM", jobLocation=None, jobLocationType="TELECOMMUTE")
    several = _jobposting("Two offices", jobLocation=["Leeds", {"address": {"addressLocality": "Lyon",
                                                                             "addressCountry": "France"}}])
    write(tmp_path / "jobs.json", json.dumps([remote, several]))
    postings = ingest_paths(tmp_path, progress=False).postings.set_index("title")
    assert postings.loc["Remote AM", "location"] == "Remote"
    assert (postings.loc["Two offices", "location"], postings.loc["Two offices", "country"]) == (
        "Leeds; Lyon, France", "FR")


def test_jsonl_flat_records_and_bad_line(tmp_path):
    lines = [
        json.dumps({"id": "a", "title": "Account Manager", "company": "Acme", "location": "Austin, TX",
                    "country": "US", "language": "en", "date_posted": "2026-09-08",
                    "description": "<h2>Account Manager</h2><p>Grow accounts.</p>", "salary_raw": "$60k"}),
        "{not json",
        "",
        json.dumps({"title": "KAM", "description": RUSSIAN, "salary_raw": None}),
    ]
    path = write(tmp_path / "part-00000.jsonl", "\n".join(lines) + "\n")
    result = ingest_paths(path, progress=False)
    assert list(result.postings["source"]) == [f"{path.as_posix()}#0", f"{path.as_posix()}#3"]
    first, second = result.postings.iloc[0], result.postings.iloc[1]
    assert (first["country"], first["language"], first["text"]) == ("US", "en", "Account Manager\nGrow accounts.")
    assert (second["language"], second["country"]) == ("ru", "RU")
    assert result.rejects["source"].tolist() == [f"{path.as_posix()}#1"]
    assert "line 2" in result.rejects["reason"].iloc[0]


def test_flat_object_without_description_names_its_keys(tmp_path):
    path = write(tmp_path / "x.jsonl", json.dumps({"title": "AM", "pay": "40k"}))
    reason = ingest_paths(path, progress=False).rejects["reason"].iloc[0]
    assert reason.startswith("no description field (keys: title, pay)")


def test_jsonl_lines_orjson_refuses_still_ingest(tmp_path):
    # orjson reads the lines; what it refuses and the json module accepts (a NaN
    # literal, an integer beyond 64 bits, a lone surrogate escape) still ingests,
    # and a broken line still names its column.
    lines = [
        '{"id": "n", "title": "Account Manager", "description": "Grow accounts.", "headcount": NaN}',
        '{"id": "b", "title": "Account Director", "description": "Lead accounts.", "ref": 123456789012345678901234}',
        '{"id": "s", "title": "Account Executive", "description": "Win clients \\ud800."}',
        '{"id": "x", "title": "Account Manager", "description": "oops"',
    ]
    path = write(tmp_path / "odd.jsonl", "\n".join(lines) + "\n")
    result = ingest_paths(path, progress=False)
    assert result.postings["title"].tolist() == ["Account Manager", "Account Director", "Account Executive"]
    assert "Win clients \ufffd." in result.postings["text"].iloc[2]  # the lone surrogate, replaced
    assert result.rejects["source"].tolist() == [f"{path.as_posix()}#3"]
    assert "malformed JSON on line 4 (column" in result.rejects["reason"].iloc[0]


def test_loads_joins_an_escaped_surrogate_pair():
    assert loads('{"a": "\\ud83d\\ude00", "b": ["\\udc00"]}') == {"a": "\U0001f600", "b": ["\ufffd"]}


def test_unreadable_json_lines_cost_one_line_each(tmp_path):
    lines = [
        '{"title": "Account Manager", "description": "We are hiring", "n": ' + "1" * 5000 + "}",
        '{"title": "Deep", "description": "We are hiring", "x": ' + "[" * 1100 + "]" * 1100 + "}",
        '{"title": "Account Director", "description": "Lead accounts."}',
    ]
    path = write(tmp_path / "odd.jsonl", "\n".join(lines) + "\n")
    result = ingest_paths(path, progress=False)
    assert result.postings["title"].tolist() == ["Account Director"]
    assert result.rejects["source"].tolist() == [f"{path.as_posix()}#0", f"{path.as_posix()}#1"]
    assert result.rejects["reason"].str.startswith("unreadable JSON on line").all()


def test_jsonld_salary_beyond_float_range_does_not_lose_the_posting(tmp_path):
    obj = {"@type": "JobPosting", "title": "Account Manager", "description": "We are hiring.",
           "baseSalary": {"currency": "USD", "value": {"minValue": int("9" * 400), "unitText": "YEAR"}}}
    path = write(tmp_path / "big.json", json.dumps(obj))
    result = ingest_paths(path, progress=False)
    assert result.postings["title"].tolist() == ["Account Manager"]


def test_jsonl_split_gives_slices_of_lines(tmp_path):
    path = write(tmp_path / "rows.jsonl", "".join(json.dumps({"title": f"T{i}", "description": "x"}) + "\n"
                                                  for i in range(5)))
    slices = JsonlReader().split(path, 2)
    assert [s.first_row for s in slices] == [0, 2, 4] and slices[0].start == 0
    assert slices[-1].end == path.stat().st_size


def _write_big_array(path, n, *, broken=False, negative_at=None):
    import workbench.ingest.read_json as read_json

    items = []
    for i in range(n):
        item = _jobposting(f"Account Manager {i}")
        if i == negative_at:
            item["baseSalary"] = {"currency": "GBP", "value": {"value": -35000, "unitText": "YEAR"}}
        items.append(json.dumps(item))
    text = "[\n" + ",\n".join(items) + ("\n" if broken else "\n]")
    if broken:
        text = text[: text.rindex('"title"')] + '"title": }'
    write(path, text)
    return read_json


def test_a_json_array_over_the_threshold_is_streamed_with_the_same_postings(tmp_path, monkeypatch):
    read_json = _write_big_array(tmp_path / "big.json", 50)
    whole = ingest_paths(tmp_path / "big.json", progress=False).postings
    monkeypatch.setattr(read_json, "STREAM_ABOVE", 1000)  # the file is ~25 KB: now streamed
    streamed = ingest_paths(tmp_path / "big.json", progress=False).postings
    pd.testing.assert_frame_equal(streamed, whole)
    assert streamed["source"].iloc[49].endswith("big.json#49")


def test_a_streamed_array_cut_short_keeps_the_items_before_and_says_where(tmp_path, monkeypatch):
    read_json = _write_big_array(tmp_path / "cut.json", 20, broken=True)
    monkeypatch.setattr(read_json, "STREAM_ABOVE", 1000)
    result = ingest_paths(tmp_path / "cut.json", progress=False)
    assert len(result.postings) == 19
    (reject,) = result.rejects.to_dict("records")
    assert reject["source"].endswith("cut.json#19")
    assert reject["reason"].startswith("malformed JSON after item 19")
    assert "the 19 item(s) before it were ingested" in reject["reason"]


def test_negative_and_non_numeric_structured_pay_refuse_the_item(tmp_path):
    bad = [
        _jobposting("Object", {"currency": "GBP", "value": {"value": {"x": 1}, "unitText": "HOUR"}}),
        _jobposting("Not money", {"x": 1}),
        _jobposting("Negative", {"currency": "GBP", "value": -35000}),
        _jobposting("Negative text", {"currency": "GBP", "value": {"value": "-35000", "unitText": "YEAR"}}),
        _jobposting("Backwards", {"currency": "GBP", "value": {"minValue": 50000, "maxValue": 30000}}),
        _jobposting("Fine", {"currency": "GBP", "value": {"minValue": "30,000", "maxValue": 40000}}),
    ]
    write(tmp_path / "pay.json", json.dumps(bad))
    write(tmp_path / "flat.json", json.dumps([{"title": "Flat", "description": "We hire.", "salary": -35000},
                                              {"title": "Flat object", "description": "We hire.", "salary": {"x": 1}},
                                              {"title": "Flat amount", "description": "We hire.",
                                               "salary": {"currency": "GBP", "value": 30000}}]))
    result = ingest_paths(tmp_path, progress=False)
    assert sorted(result.postings["title"]) == ["Fine", "Flat amount"]
    assert result.postings.set_index("title").loc["Flat amount", "salary_raw"] == "GBP 30000"
    reasons = result.rejects.set_index("source")["reason"].to_dict()
    base = tmp_path.as_posix()
    assert reasons[f"{base}/pay.json#0"].startswith("pay refused: baseSalary value.value holds an object")
    assert reasons[f"{base}/pay.json#1"].startswith("pay refused: baseSalary is {'x': 1}, not a MonetaryAmount")
    assert reasons[f"{base}/pay.json#2"].startswith("pay refused: baseSalary value holds a negative amount (-35000)")
    assert reasons[f"{base}/pay.json#3"].startswith("pay refused: baseSalary value.value holds a negative amount")
    assert "minValue (50000) above its maxValue (30000)" in reasons[f"{base}/pay.json#4"]
    assert reasons[f"{base}/flat.json#0"].startswith("pay refused: pay field 'salary' holds a negative amount")
    assert reasons[f"{base}/flat.json#1"].startswith("pay refused: pay field 'salary' is {'x': 1}")
    assert len(reasons) == 7


def test_a_json_lines_line_over_the_limit_is_listed_without_being_held(tmp_path, monkeypatch):
    from workbench import config

    monkeypatch.setattr(config, "SETTINGS", dataclasses.replace(config.SETTINGS, max_file_mb=0.001))  # 1,000 bytes
    line = json.dumps({"title": "Big", "description": "x" * 2000})
    path = write(tmp_path / "big.jsonl", json.dumps({"title": "Small", "description": "We hire."}) + "\n" + line + "\n")
    result = ingest_paths(path, progress=False)
    assert result.postings["title"].tolist() == ["Small"]
    assert result.rejects["reason"].iloc[0].startswith("line too large: 0.0 MB, over the 0.0 MB limit")
