"""Tests for workbench.ingest.read_html: web pages as postings."""

from __future__ import annotations

from ingest_samples import write

from workbench.ingest import ingest_paths
from workbench.ingest.read_html import HtmlReader


def test_page_gives_title_text_and_labelled_fields(tmp_path):
    page = ("<h2>Аккаунт-координатор</h2><div><p><b>Компания:</b> Маяк</p><p><b>Город:</b> Казань</p>"
            "<p><b>Зарплата:</b> от 55 000 руб.</p><p>Мы ищем аккаунт-координатора в команду.</p></div>")
    write(tmp_path / "ru.html", page)
    ru = ingest_paths(tmp_path, progress=False).postings.iloc[0]
    assert (ru["title"], ru["company"], ru["location"], ru["salary_raw"], ru["country"]) == (
        "Аккаунт-координатор", "Маяк", "Казань", "от 55 000 руб.", "RU")
    assert ru["source_format"] == "html"
    assert ru["text"].split("\n")[:2] == ["Аккаунт-координатор", "Компания: Маяк"]


def test_complete_html_with_missing_body_close_is_truncated(tmp_path):
    write(tmp_path / "a.html", "<html><body><p>Account Manager role</p></html>")
    result = ingest_paths(tmp_path, progress=False)
    assert result.postings.empty
    assert "never closed" in result.rejects["reason"].iloc[0]


def test_page_cut_inside_a_tag_is_rejected_with_the_snippet():
    (kind, row), = HtmlReader().read_text("<html><body><h1>Account Manager</h1><p>We are looking for<a hr",
                                          "cut.htm", "utf-8")
    assert kind == "reject"
    assert row["reason"].startswith("truncated HTML: the file ends inside a tag ('<a hr')")


def test_page_without_text_is_rejected():
    (kind, row), = HtmlReader().read_text("<html><body><script>x()</script></body></html>", "a.html", "utf-8")
    assert kind == "reject" and row["reason"].startswith("no text left after removing markup")


def test_htm_extension_and_cp1251_page(tmp_path):
    page = "<html><body><h1>Менеджер по продажам</h1><p>Опыт работы от 3 лет.</p></body></html>"
    write(tmp_path / "ru.htm", page.encode("cp1251"))
    posting = ingest_paths(tmp_path, progress=False).postings.iloc[0]
    assert (posting["encoding"], posting["title"], posting["language"]) == ("cp1251", "Менеджер по продажам", "ru")
