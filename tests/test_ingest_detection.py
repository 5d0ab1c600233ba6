"""Tests for workbench.ingest.detection: encoding, language, binary and HTML sniffing."""

from __future__ import annotations

import random

import pytest
from ingest_samples import CHINESE, ENGLISH, RUSSIAN, write

from workbench.ingest.detection import (
    binary_reason,
    decode_bytes,
    detect_encoding,
    detect_language,
    file_encoding,
    looks_like_html,
)


@pytest.mark.parametrize(
    "text",
    [
        RUSSIAN,
        "Аккаунт-директор",
        "Привет",
        "Москва",
        "ООО «Ромашка» ищет менеджера по продажам",
        "Требования: высшее образование, опыт от 2 лет",
    ],
)
def test_cp1251_russian_is_detected(text):
    assert detect_encoding(text.encode("cp1251")) == "cp1251"


@pytest.mark.parametrize(
    "text",
    [CHINESE, "客户总监", "上海", "北京市朝阳区", "销售经理，月薪一万", "以上", "深圳"],
)
def test_gbk_chinese_is_detected(text):
    assert detect_encoding(text.encode("gbk")) == "gbk"


def test_cp1251_and_gbk_told_apart_on_many_generated_texts():
    ru_words = ("менеджер клиент продажи опыт работы зарплата требования обязанности компания "
                "отдел развитие переговоры договор ключевой аккаунт директор проект бюджет").split()
    zh_words = ("客户 经理 销售 负责 公司 要求 工作 经验 以上 学历 沟通 能力 团队 管理 市场 开发 "
                "维护 薪资 月薪 年终奖 上海 北京 深圳 岗位职责").split()
    rng = random.Random(7)
    wrong = []
    for _ in range(400):
        n = rng.randint(1, 12)
        ru = " ".join(rng.choice(ru_words) for _ in range(n))
        zh = "".join(rng.choice(zh_words) for _ in range(n))
        if detect_encoding(ru.encode("cp1251")) != "cp1251":
            wrong.append(ru)
        if detect_encoding(zh.encode("gbk")) != "gbk":
            wrong.append(zh)
    assert wrong == []


def test_utf8_with_and_without_bom_and_with_a_stray_byte():
    assert detect_encoding(ENGLISH.encode("utf-8")) == "utf-8"
    assert detect_encoding(b"\xef\xbb\xbf" + RUSSIAN.encode("utf-8")) == "utf-8"
    assert detect_encoding(RUSSIAN.encode("utf-8")) == "utf-8"
    stray = RUSSIAN.encode("utf-8") * 5
    stray = stray[:200] + b"\xff" + stray[200:]
    assert detect_encoding(stray) == "utf-8"
    assert detect_encoding("Café résumé for the role".encode("cp1252")) == "cp1252"


def test_a_sample_cut_inside_a_character_is_still_utf8():
    raw = RUSSIAN.encode("utf-8")
    cut = raw[:-1]  # the last letter loses its second byte
    assert detect_encoding(cut) == "utf-8"


def test_utf16_bom_and_decoding_strips_the_utf8_bom():
    assert detect_encoding("Account Manager".encode("utf-16")) == "utf-16"
    assert decode_bytes(b"\xef\xbb\xbfAccount", "utf-8") == "Account"
    assert decode_bytes(b"ab\xffcd", "utf-8") == "ab\ufffdcd"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (ENGLISH, "en"),
        (RUSSIAN, "ru"),
        (CHINESE, "zh"),
        ("Nous recherchons un responsable de compte pour notre équipe et les clients", "und"),
        ("", "und"),
        ("12345 ---", "und"),
        ("Account Manager", "en"),
        ("职位描述\n" + ENGLISH * 3, "en"),
        ("客户经理 KPI CRM", "zh"),
    ],
)
def test_detect_language(text, expected):
    assert detect_language(text) == expected


@pytest.mark.parametrize(
    ("raw", "fragment"),
    [
        (b"%PDF-1.7 ...", "a PDF document"),
        (b"PK\x03\x04rest", "a ZIP archive"),
        (b"\xd0\xcf\x11\xe0legacy", "legacy Office"),
        (b"text" + b"\x00" * 50, "NUL bytes"),
        (b"a\x01b\x02" * 40, "control bytes"),
    ],
)
def test_binary_reason_names_what_the_bytes_are(raw, fragment):
    assert fragment in binary_reason(raw)


def test_text_with_a_few_control_bytes_or_a_utf16_bom_is_not_binary():
    assert binary_reason(ENGLISH.encode("utf-8") + b"\x01") is None
    assert binary_reason("Account Manager".encode("utf-16")) is None


def test_file_encoding_reads_the_head_of_a_line_file(tmp_path):
    path = write(tmp_path / "rows.csv", ("title,description\n" + "A,Мы ищем менеджера\n" * 10).encode("cp1251"))
    assert file_encoding(path) == ("cp1251", None)
    assert file_encoding(write(tmp_path / "blank.csv", b"\n\n"))[1].startswith("empty file (no rows)")
    assert "binary file" in file_encoding(write(tmp_path / "zip.csv", b"PK\x03\x04..."))[1]


@pytest.mark.parametrize(
    ("text", "min_tags", "expected"),
    [
        ("<!DOCTYPE html><title>x</title>", 3, True),
        ("  <html lang='en'>", 3, True),
        ("<p>one</p><p>two</p><br>", 3, True),
        ("<p>one</p><p>two</p>", 3, False),
        ("Grow accounts<br>Keep clients", 1, True),
        ("Salary < 40k and > 30k", 1, False),
        ("Use <Ctrl> to select", 1, False),
    ],
)
def test_looks_like_html(text, min_tags, expected):
    assert looks_like_html(text, min_tags=min_tags) is expected
