"""Tests for workbench.ingest.decoding: whole files, and lines in their own encodings."""

from __future__ import annotations

import pytest
from ingest_samples import CHINESE, ENGLISH, RUSSIAN, write

from workbench.ingest.decoding import decode_text, read_text_file
from workbench.ingest.detection import detect_encoding

UTF8_LINE = "Менеджер по работе с клиентами, зарплата £30k\n"
CP1251_LINE = "Требуется менеджер в компанию «ПРАВ», опыт от двух лет\n"
GBK_LINE = "负责客户关系维护，月薪一万五\n"


def _decoded(raw: bytes) -> tuple[str, str]:
    return decode_text(raw, detect_encoding(raw))


def test_read_text_file_gives_text_or_a_reason(tmp_path):
    good = write(tmp_path / "good.txt", RUSSIAN.encode("cp1251"))
    assert read_text_file(good) == (RUSSIAN, "cp1251", None)
    empty = write(tmp_path / "empty.txt", b"  \n")
    text, encoding, why = read_text_file(empty)
    assert (text, encoding) == (None, None) and why.startswith("empty file (3 bytes")
    pdf = write(tmp_path / "cv.txt", b"%PDF-1.7 ...")
    assert read_text_file(pdf)[2].startswith("binary file: looks like a PDF document")
    missing = read_text_file(tmp_path / "gone.txt")
    assert missing[2].startswith("cannot read the file")


@pytest.mark.parametrize(
    ("text", "encoding"),
    [(RUSSIAN, "cp1251"), (CHINESE, "gbk"), (ENGLISH, "utf-8"), (RUSSIAN + CHINESE, "utf-8")],
)
def test_a_file_in_one_encoding_is_decoded_whole(text, encoding):
    assert decode_text(text.encode(encoding), encoding) == (text, encoding)


@pytest.mark.parametrize(
    ("raw", "expected", "label"),
    [
        (UTF8_LINE.encode() + CP1251_LINE.encode("cp1251") * 3, UTF8_LINE + CP1251_LINE * 3, "utf-8+cp1251"),
        (CP1251_LINE.encode("cp1251") * 3 + UTF8_LINE.encode(), CP1251_LINE * 3 + UTF8_LINE, "utf-8+cp1251"),
        (UTF8_LINE.encode() * 20 + GBK_LINE.encode("gbk") * 2, UTF8_LINE * 20 + GBK_LINE * 2, None),
    ],
)
def test_lines_in_different_encodings_are_each_decoded_in_their_own(raw, expected, label):
    text, found = _decoded(raw)
    assert text == expected
    assert found == label if label else found.startswith("utf-8+g")  # gbk or its superset gb18030


def test_a_stray_legacy_byte_among_utf8_characters_keeps_both():
    text, label = _decoded(b"Salary \xc2\xa330k \xe2\x80\x93 don\x92t\nok\n")
    assert (text, label) == ("Salary £30k – don’t\nok\n", "utf-8+cp1252")


def test_a_bom_is_dropped_and_utf16_is_decoded_whole():
    assert decode_text(b"\xef\xbb\xbfAccount", "utf-8") == ("Account", "utf-8")
    assert decode_text("Менеджер\n".encode("utf-16"), "utf-16") == ("Менеджер\n", "utf-16")


def test_a_mixed_file_is_read_as_one_posting_with_both_parts_right(tmp_path):
    from workbench.ingest import ingest_paths

    path = write(tmp_path / "mixed.txt", UTF8_LINE.encode() + b"\n" + CP1251_LINE.encode("cp1251") * 2)
    result = ingest_paths(path, progress=False)
    (posting,) = result.postings.to_dict("records")
    assert posting["encoding"] == "utf-8+cp1251"
    assert "«ПРАВ»" in posting["text"] and "£30k" in posting["text"] and "\ufffd" not in posting["text"]


def test_a_legacy_line_that_is_valid_utf8_by_chance_stays_in_the_file_encoding():
    # GBK's 职位 (D6 B0 CE BB) is also valid UTF-8 (a Hebrew point and a Greek lambda).
    text = "职位名称：客户专员 (Account Executive)\n公司名称：上海青禾广告有限公司\n" + CHINESE
    assert "职位".encode("gbk").decode("utf-8") == "\u05b0\u03bb"
    assert decode_text(text.encode("gbk"), "gbk") == (text, "gbk")
    # and a cp1251 file whose lines are all valid cp1251 Russian reads as one encoding
    assert decode_text(RUSSIAN.encode("cp1251"), "cp1251") == (RUSSIAN, "cp1251")
