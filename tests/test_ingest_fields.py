"""Tests for workbench.ingest.fields: columns, header fields, labelled lines, country, dates."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest

from workbench.ingest.fields import (
    country_code,
    first_line_title,
    infer_country,
    iso_date,
    labelled_fields,
    map_columns,
    parse_header_fields,
)


def test_map_columns_follows_synonym_priority():
    header = ["Id", "Title", "Description", "FullDescription", "LocationRaw", "Location", "SalaryRaw"]
    assert map_columns(header) == {"id": "Id", "title": "Title", "description": "FullDescription",
                                   "location": "LocationRaw", "salary_raw": "SalaryRaw"}
    assert map_columns(["Должность", "Описание", "公司名称", None]) == {
        "title": "Должность", "description": "Описание", "company": "公司名称"}


def test_parse_header_fields_reads_a_header_file():
    text = ("Title: Account Director\nWebindex: 62124303\nCompany: Migration\n"
            "Description: First paragraph.\nSecond paragraph.")
    assert parse_header_fields(text) == {"title": "Account Director", "id": "62124303", "company": "Migration",
                                         "description": "First paragraph.\nSecond paragraph."}


def test_a_header_field_ends_at_its_line_not_in_the_body_after_a_blank_line():
    text = ("Title: Account Manager\nCompany: Acme Media\nLocation: Leeds\nSalary: £30,000 - £35,000\n\n"
            "We are a Leeds agency.\nLocation: this line is body text\n\nApply now.")
    assert parse_header_fields(text) == {"title": "Account Manager", "company": "Acme Media",
                                         "location": "Leeds", "salary_raw": "£30,000 - £35,000"}


def test_a_header_field_ends_at_an_unindented_line_and_takes_an_indented_continuation():
    assert parse_header_fields("Title: Account Manager\nLocation: Leeds and\n\tBradford\nWe are hiring.") == {
        "title": "Account Manager", "location": "Leeds and Bradford"}


def test_the_description_field_runs_on_and_takes_lines_after_other_fields():
    text = ("Title: Account Director\nDescription: First paragraph.\n\nSecond paragraph.\n"
            "Salary: £60k\nThird paragraph.\nSalary: repeated, so description text")
    assert parse_header_fields(text) == {
        "title": "Account Director", "salary_raw": "£60k",
        "description": "First paragraph.\n\nSecond paragraph.\nThird paragraph.\nSalary: repeated, so description text"}


@pytest.mark.parametrize(
    "text",
    [
        "We are hiring.\nTitle: Account Manager\nDescription: x",  # free text before the fields
        "Title: Account Manager\nWe are hiring.",  # one known field only
        "Company: Acme\nLocation: Leeds",  # neither title nor description
    ],
)
def test_parse_header_fields_refuses_what_is_not_a_header_file(text):
    assert parse_header_fields(text) is None


def test_labelled_lines_near_the_top_fill_company_location_and_pay():
    text = "Аккаунт-менеджер\nКомпания: Маяк\nГород: Казань\nЗарплата: от 55 000 руб.\nКомпания: Другая"
    assert labelled_fields(text) == {"company": "Маяк", "location": "Казань", "salary_raw": "от 55 000 руб."}
    assert labelled_fields("\n" * 20 + "Company: Late") == {}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Account Manager\nWe are hiring.", "Account Manager"),
        ("Job description\nKey Account Manager\n...", "Key Account Manager"),
        ("职位名称：客户经理\n公司：苏州流光数字", "客户经理"),
        ("公司：苏州流光数字\n客户经理", "客户经理"),
        ("We are a fast-growing agency looking for an account manager.", None),
        ("", None),
    ],
)
def test_first_line_title(text, expected):
    assert first_line_title(text) == expected


def test_country_code_reads_codes_and_names():
    assert (country_code("gb"), country_code("UK"), country_code("Russia"), country_code("中国")) == (
        "GB", "GB", "RU", "CN")
    assert country_code("Atlantis") is None and country_code(None) is None


def test_infer_country_order():
    assert infer_country("uk") == "GB"
    assert infer_country(None, "Shanghai, China") == "CN"
    assert infer_country(None, None, "120 000 ₽", None, "en") == "RU"
    assert infer_country(None, None, None, "Salary £30k", "en") == "GB"
    assert infer_country(None, None, "$50k", "text", "en") is None
    assert infer_country(None, None, None, "текст", "ru") == "RU"


def test_iso_date_pads_early_years():
    assert iso_date(dt.date(999, 1, 1)) == "0999-01-01"
    assert iso_date(dt.datetime(2026, 3, 4, 10, 30)) == "2026-03-04"


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2026-10-01T09:00:00Z", "2026-10-01"),
        ("2026年3月4日", "2026-03-04"),
        ("4 March 2026", "2026-03-04"),
        ("04.03.2026", "2026-03-04"),
        ("2026-02-31", None),
        ("03/04/2026", None),  # ambiguous: never guessed
        ("", None),
        (pd.NaT, None),
        (None, None),
    ],
)
def test_iso_date_spellings(value, expected):
    assert iso_date(value) == expected


def test_belarus_from_its_towns_and_its_roubles():
    from workbench.ingest.fields import infer_country

    assert infer_country(None, "Солигорск", None, "от 1700 рублей", "ru") == "BY"
    assert infer_country(None, "Горки (Республика Беларусь)", None, "", "ru") == "BY"
    assert infer_country(None, "Жодино", None, "заработная плата 1200 бел.руб.", "ru") == "BY"
    assert infer_country(None, "Москва", None, "от 100 000 руб.", "ru") == "RU"


def test_roubles_in_a_belarusian_town_the_gazetteer_knows_are_belarusian():
    # towns the markets table's place words do not list ("Полоцк", "Жлобин"): the gazetteer says Belarus
    assert infer_country(None, "Полоцк", None, "Зп 1100-1300 р", "ru") == "BY"
    assert infer_country(None, "Жлобин", "до 2 200 руб.", None, "ru") == "BY"
    assert infer_country(None, "Казань", "до 90 000 руб.", None, "ru") == "RU"
    assert infer_country(None, None, "до 90 000 руб.", None, "ru") == "RU"
