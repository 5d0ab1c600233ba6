"""The team's odd-input corpus (tests/fixtures/odd_input/manifest.yaml): every case is read
correctly or listed with its reason, and postings + rejects == inputs, case by case and for
the whole corpus at once (whole and in slices of two rows)."""

from __future__ import annotations

import dataclasses
import json
import os
import shutil
import subprocess
import sys
import zipfile
from collections.abc import Callable
from pathlib import Path

import pandas as pd
import pytest
import yaml

from workbench import config
from workbench.ingest import ingest_paths, iter_postings

HERE = Path(__file__).resolve().parent / "fixtures" / "odd_input"
MANIFEST = yaml.safe_load((HERE / "manifest.yaml").read_text(encoding="utf-8"))["cases"]
CASES = {case["name"]: case for case in MANIFEST}

EN = ("We are a Leeds agency looking for an Account Manager to look after a portfolio of retail clients. "
      "You will plan campaigns, report on results and grow the accounts you run.")

# --------------------------------------------------------------------------- generators
# Each writes its case under ``folder`` and returns the path to ingest.

MAKERS: dict[str, Callable[[Path], Path]] = {}


def maker(name: str):
    def register(fn):
        MAKERS[name] = fn
        return fn
    return register


def _deep_page(depth: int) -> str:
    return ("<html><head><title>Page</title></head><body><h1>Account Manager</h1>" + "<div>" * depth
            + "<p><b>Salary:</b> £30k</p><ul><li>Plan campaigns</li><li>Report results</li></ul>Deep text"
            + "</div>" * depth + "<p>After the nesting</p></body></html>")


for _depth in (300, 3000, 100000):
    maker(f"deep_html_{_depth}")(lambda folder, d=_depth: _write(folder / f"deep_{d}.html", _deep_page(d)))


def _write(path: Path, data: str | bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
    return path


@maker("deep_html_as_txt")
def _deep_as_txt(folder: Path) -> Path:
    return _write(folder / "deep_page.txt", _deep_page(5000))


@maker("html_huge_text_node")
def _huge_text_node(folder: Path) -> Path:
    body = ("account " * 1_312_500) + "tail of the huge paragraph"  # 10.5 MB of text in one node
    return _write(folder / "huge.html", f"<html><body><h1>Account Manager</h1><p>{body}</p></body></html>")


@maker("big_one_line_text")
def _big_line(folder: Path) -> Path:
    return _write(folder / "one_line.txt", "Account Manager " + "x" * 30_000)


@maker("csv_row_over_limit")
def _csv_big_row(folder: Path) -> Path:
    return _write(folder / "rows.csv", "title,description\nA,We are hiring in Leeds\nB," + "x" * 30_000
                  + "\nC,Join us in Hull\n")


@maker("jsonl_line_over_limit")
def _jsonl_big_line(folder: Path) -> Path:
    lines = [{"title": "A", "description": "We are hiring."}, {"title": "B", "description": "x" * 30_000},
             {"title": "C", "description": "Join us."}]
    return _write(folder / "lines.jsonl", "\n".join(json.dumps(line) for line in lines) + "\n")


def _jobposting(i: int, description: str = EN) -> dict:
    return {"@context": "https://schema.org", "@type": "JobPosting", "title": f"Account Manager {i}",
            "description": description, "hiringOrganization": {"@type": "Organization", "name": f"Agency {i}"},
            "baseSalary": {"@type": "MonetaryAmount", "currency": "GBP",
                           "value": {"@type": "QuantitativeValue", "minValue": 30000 + i, "unitText": "YEAR"}}}


@maker("json_big_array")
def _json_array(folder: Path) -> Path:
    return _write(folder / "array.json", json.dumps([_jobposting(i) for i in range(40)], indent=1))


@maker("json_big_array_cut")
def _json_array_cut(folder: Path) -> Path:
    text = json.dumps([_jobposting(i) for i in range(40)], indent=1)
    cut = text.index('"Account Manager 30"') + len('"Account Manager 30"')
    return _write(folder / "cut.json", text[:cut])  # the download stopped inside item 30


@maker("json_stream_item_over_limit")
def _json_item_too_big(folder: Path) -> Path:
    items = [_jobposting(0), _jobposting(1, "x" * 30_000), _jobposting(2)]
    return _write(folder / "items.json", json.dumps(items))


@maker("json_single_object_over_limit")
def _json_object_too_big(folder: Path) -> Path:
    return _write(folder / "one.json", json.dumps(_jobposting(0, "x" * 30_000)))


@maker("json_nested_too_deep")
def _json_deep(folder: Path) -> Path:
    return _write(folder / "deep.json", "[" * 100_000 + "]" * 100_000)


@maker("xlsx_wrong_dimension")
def _xlsx_dimension(folder: Path) -> Path:
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["Title", "Company", "Description", "Location"])
    for i in range(5):
        sheet.append([f"Account Manager {i}", "Acme", EN, "Leeds"])
    path = folder / "dimension.xlsx"
    folder.mkdir(parents=True, exist_ok=True)
    workbook.save(path)
    _rewrite_member(path, "xl/worksheets/sheet1.xml", lambda xml: xml.replace(b'ref="A1:D6"', b'ref="A1:B2"'))
    return path


def _rewrite_member(path: Path, member: str, change) -> None:
    with zipfile.ZipFile(path) as source:
        members = [(info, source.read(info)) for info in source.infolist()]
    assert member in {info.filename for info, _ in members}
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
        for info, data in members:
            target.writestr(info, change(data) if info.filename == member else data)


@maker("xlsx_negative_pay")
def _xlsx_pay(folder: Path) -> Path:
    import xlsxwriter

    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "pay.xlsx"
    workbook = xlsxwriter.Workbook(path)  # as Excel writes: texts in a shared-strings table
    sheet = workbook.add_worksheet("Ads")
    for r, row in enumerate([["Title", "Description", "Salary"], ["Account Manager", EN, -35000],
                             ["Account Executive", EN, 25000]]):
        sheet.write_row(r, 0, row)
    workbook.close()
    return path


maker("xlsx_not_a_zip")(lambda folder: _write(folder / "text.xlsx", "Account Manager, not a workbook"))
maker("docx_not_a_zip")(lambda folder: _write(folder / "text.docx", "Account Manager, not a document"))


@maker("docx_header_fields")
def _docx_headers(folder: Path) -> Path:
    from docx import Document

    document = Document()
    for line in ("Title: Account Manager", "Location: Leeds", "Salary: £30,000", "", EN):
        document.add_paragraph(line)
    folder.mkdir(parents=True, exist_ok=True)
    document.save(folder / "headers.docx")
    return folder / "headers.docx"


def _posting_file(path: Path) -> Path:
    return _write(path, f"Account Manager\n{EN}")


@maker("folder_linked_subfolder")
def _linked(folder: Path) -> Path:
    _posting_file(folder / "elsewhere" / "linked.txt")
    _posting_file(folder / "in" / "own.txt")
    (folder / "in" / "link").symlink_to(folder / "elsewhere", target_is_directory=True)
    return folder / "in"


@maker("folder_link_loop")
def _loop(folder: Path) -> Path:
    _posting_file(folder / "in" / "a.txt")
    (folder / "in" / "loop").symlink_to(folder / "in", target_is_directory=True)
    return folder / "in"


@maker("folder_two_links_one_folder")
def _two_links(folder: Path) -> Path:
    _posting_file(folder / "elsewhere" / "linked.txt")
    (folder / "in").mkdir()
    for name in ("first", "second"):
        (folder / "in" / name).symlink_to(folder / "elsewhere", target_is_directory=True)
    return folder / "in"


@maker("folder_broken_link")
def _broken(folder: Path) -> Path:
    (folder / "in").mkdir(parents=True)
    (folder / "in" / "gone.txt").symlink_to(folder / "nowhere.txt")
    return folder / "in"


@maker("folder_pipe")
def _pipe(folder: Path) -> Path:
    (folder / "in").mkdir(parents=True)
    os.mkfifo(folder / "in" / "pipe.txt")
    return folder / "in"


@maker("folder_unreadable_subfolder")
def _locked_folder(folder: Path) -> Path:
    _posting_file(folder / "in" / "ok.txt")
    _posting_file(folder / "in" / "locked" / "inside.txt")
    os.chmod(folder / "in" / "locked", 0o000)
    return folder / "in"


@maker("folder_unreadable_file")
def _locked_files(folder: Path) -> Path:
    _posting_file(folder / "in" / "secret.txt")
    _write(folder / "in" / "secret.csv", "title,description\nA,We are hiring\n")
    for name in ("secret.txt", "secret.csv"):
        os.chmod(folder / "in" / name, 0o000)
    return folder / "in"


# --------------------------------------------------------------------------- running a case


def materialise(case: dict, folder: Path) -> Path:
    """Write the case under ``folder``; the path to ingest."""
    if "file" in case:
        return Path(shutil.copy(HERE / "files" / case["file"], _write(folder / case["file"], b"")))
    return MAKERS[case["make"]](folder)


@pytest.fixture
def case_settings(monkeypatch):
    """Apply a case's settings (size limit, streaming threshold) for the test."""
    def apply(case: dict) -> None:
        settings = case.get("settings", {})
        if "max_file_mb" in settings:
            monkeypatch.setattr(config, "SETTINGS",
                                dataclasses.replace(config.SETTINGS, max_file_mb=settings["max_file_mb"]))
        if "stream_above" in settings:
            import workbench.ingest.read_json as read_json

            monkeypatch.setattr(read_json, "STREAM_ABOVE", settings["stream_above"])
    return apply


def _without_root_file_access() -> None:
    """In the child before exec: drop CAP_DAC_OVERRIDE and CAP_DAC_READ_SEARCH from the
    bounding set, so file permissions apply to the program as to any user (CI runs as root)."""
    import ctypes

    libc = ctypes.CDLL(None, use_errno=True)
    for capability in (1, 2):
        if libc.prctl(24, capability, 0, 0, 0) != 0:  # PR_CAPBSET_DROP
            raise OSError(ctypes.get_errno(), "prctl(PR_CAPBSET_DROP) failed")


def _ingest_in_child(path: Path) -> tuple[pd.DataFrame, pd.DataFrame]:
    code = ("import sys; from workbench.ingest import ingest_paths; r = ingest_paths(sys.argv[1], progress=False);"
            "r.postings.to_json(sys.argv[2]); r.rejects.to_json(sys.argv[3])")
    out = path.parent / "out"
    out.mkdir(mode=0o777, exist_ok=True)
    run = subprocess.run([sys.executable, "-c", code, str(path), str(out / "p.json"), str(out / "r.json")],
                         capture_output=True, text=True, timeout=120,
                         preexec_fn=_without_root_file_access if os.geteuid() == 0 else None)
    assert run.returncode == 0, run.stderr
    return pd.read_json(out / "p.json"), pd.read_json(out / "r.json")


def _matches(value, expected) -> bool:
    if isinstance(expected, dict):
        return isinstance(value, str) and expected["contains"] in value
    return value == expected


def check_case(case: dict, postings: pd.DataFrame, rejects: pd.DataFrame) -> None:
    """Counts, reasons and fields of one case's outcome against its manifest entry."""
    name = case["name"]
    assert len(postings) + len(rejects) == case["inputs"], (name, postings["source"].tolist(),
                                                             rejects.values.tolist())
    assert len(postings) == case["postings"], (name, rejects.values.tolist())
    reasons = rejects.sort_values("source", kind="stable")["reason"].tolist()
    expected = case.get("rejects", [])
    assert len(reasons) == len(expected), (name, reasons)
    for reason, text in zip(reasons, expected):
        assert text in reason, (name, reason)
        assert len(reason) > len(text) and ("; " in reason or " — " in reason), (name, reason)  # says what to do
    for row, fields in zip(postings.to_dict("records"), case.get("check", [])):
        for field, value in fields.items():
            assert _matches(row[field], value), (name, field, row[field])


@pytest.mark.parametrize("name", sorted(CASES))
def test_every_odd_input_is_read_or_listed_with_its_reason(name, tmp_path, case_settings):
    case = CASES[name]
    case_settings(case)
    path = materialise(case, tmp_path / "case")
    try:
        if case.get("permissions"):
            postings, rejects = _ingest_in_child(path)
        else:
            result = ingest_paths(path, progress=False)
            postings, rejects = result.postings, result.rejects
    finally:
        for root, dirs, files in os.walk(tmp_path):
            for entry in dirs + files:
                full = os.path.join(root, entry)
                if not os.path.islink(full):
                    os.chmod(full, 0o755)
    check_case(case, postings, rejects)


def test_the_corpus_has_at_least_forty_cases_each_with_its_outcome():
    assert len(CASES) == len(MANIFEST) >= 40
    for case in MANIFEST:
        assert ("file" in case) != ("make" in case), case["name"]
        assert "file" not in case or (HERE / "files" / case["file"]).is_file(), case["name"]
        assert "make" not in case or case["make"] in MAKERS, case["name"]
        assert case["inputs"] == case["postings"] + len(case.get("rejects", [])), case["name"]
        assert case.get("about"), case["name"]
    committed = {p.name for p in (HERE / "files").iterdir()}
    assert committed == {case["file"] for case in MANIFEST if "file" in case}  # no file without its outcome


def _whole_corpus(tmp_path: Path) -> tuple[Path, int, int]:
    """Every case that needs no settings or permissions in one folder; (folder, inputs, postings)."""
    root = tmp_path / "corpus"
    inputs = postings = 0
    for case in MANIFEST:
        if case.get("settings") or case.get("permissions") or case["name"].startswith("folder_"):
            continue
        materialise(case, root / case["name"])
        inputs += case["inputs"]
        postings += case["postings"]
    return root, inputs, postings


@pytest.mark.slow
def test_the_whole_corpus_at_once_and_in_slices_of_two_rows_accounts_for_every_input(tmp_path):
    root, inputs, expected_postings = _whole_corpus(tmp_path)
    whole = ingest_paths(root, progress=False)
    assert len(whole.postings) == expected_postings
    assert len(whole.postings) + len(whole.rejects) == inputs
    assert whole.rejects["reason"].str.len().min() > 0
    chunks = list(iter_postings(root, chunk_size=2))
    sliced = pd.concat([p for p, _ in chunks], ignore_index=True)
    sliced_rejects = pd.concat([r for _, r in chunks], ignore_index=True)
    assert sorted(sliced["source"]) == sorted(whole.postings["source"])
    assert sorted(sliced_rejects["source"]) == sorted(whole.rejects["source"])
    assert sliced["posting_id"].is_unique
