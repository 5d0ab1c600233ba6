"""Tests for workbench.ingest.html: the one HTML -> structured-text converter."""

from __future__ import annotations

import pytest

from workbench.ingest.html import (
    _fatal_error,
    flatten_html,
    html_title,
    html_to_text,
    html_truncation,
    parse_html,
    tree_text,
)


def test_html_to_text_keeps_structure():
    html = (
        "<html><head><title>t</title><style>p{}</style></head><body>"
        "<script>alert(1)</script><h2>Account Manager</h2>"
        "<p><b>Position Summary: </b></p><p>Serve clients &amp; grow<br>accounts.</p>"
        "<p><strong>Duties</strong></p><ul><li>Own the <b>relationship</b></li><li>Report</li></ul>"
        "<div>Pay &pound;40,000</div><!-- hidden --></body></html>"
    )
    assert html_to_text(html).split("\n") == [
        "Account Manager",
        "Position Summary:",
        "Serve clients & grow",
        "accounts.",
        "Duties",
        "- Own the relationship",
        "- Report",
        "Pay £40,000",
    ]


def test_bold_inside_a_sentence_does_not_make_a_heading():
    assert html_to_text("<p>Grow <b>key</b> accounts.</p><p><span><strong>Skills</strong></span></p>") == (
        "Grow key accounts.\nSkills")


def test_table_cells_stay_on_their_row():
    html = "<table><tr><td>Base</td><td>£40,000</td></tr><tr><th>Bonus</th><td>10%</td></tr></table>"
    assert html_to_text(html) == "Base £40,000\nBonus 10%"


@pytest.mark.parametrize("empty", ["", "   \n", None])
def test_empty_input_gives_empty_text(empty):
    assert html_to_text(empty) == ""


def test_xml_declaration_and_control_characters_are_dropped():
    html = '<?xml version="1.0" encoding="utf-8"?><html><body><p>Account\x07 Manager</p></body></html>'
    assert html_to_text(html) == "Account Manager"


def test_deeply_nested_markup_keeps_its_text():
    html = "<div>" * 200 + "<b>Account Director</b>" + "</div>" * 200
    assert html_to_text(html) == "Account Director"


@pytest.mark.parametrize("depth", [255, 300, 1500, 2100, 20000])
def test_markup_nested_beyond_every_parser_limit_keeps_its_text_and_lines(depth):
    # 256: libxml2's default limit; 2,048: its limit with huge_tree; 1,000: Python's recursion.
    html = ("<html><head><title>Page</title></head><body><h1>Account Manager</h1>" + "<div>" * depth
            + "<p><b>Salary:</b> £30k</p><ul><li>One</li><li>Two</li></ul>Deep text" + "</div>" * depth
            + "<p>After the nesting</p></body></html>")
    assert html_to_text(html).split("\n") == [
        "Account Manager", "Salary: £30k", "- One", "- Two", "Deep text", "After the nesting"]
    assert html_title(parse_html(html)) == "Account Manager"


def test_libxml2_fatal_error_is_read_from_its_log():
    from lxml import etree

    parser = etree.HTMLParser()  # without huge_tree: gives up at 256 levels
    etree.fromstring("<div>" * 300 + "x" + "</div>" * 300, parser)
    assert "Excessive depth" in _fatal_error(parser)
    etree.fromstring("<p>fine <b>page</p>", parser)
    assert _fatal_error(parser) is None


def test_flatten_html_keeps_headings_items_title_and_breaks_and_drops_scripts():
    flat = flatten_html("<title>T &amp; C</title><h2>Role<h3>inner</h3></h2><script>x()</script>"
                        "<div><li>a &lt; b</li></div><td>cell</td>")
    assert flat == ("<html><head><title>T &amp; C</title></head><body><h2>Role<br>inner<br></h2>"
                    "<br><li>a &lt; b</li><br> cell</body></html>")


def test_html_title_prefers_h1_then_h2_then_title():
    assert html_title(parse_html("<title>Page</title><h2>Second</h2><h1> Account  Director </h1>")) == (
        "Account Director")
    assert html_title(parse_html("<title>Page</title><h2>Second</h2>")) == "Second"
    assert html_title(parse_html("<title>Page</title><p>text</p>")) == "Page"
    assert html_title(parse_html("<p>text</p>")) is None


def test_tree_text_reads_the_body_of_a_parsed_page():
    doc = parse_html("<html><head><title>Not body</title></head><body><li>One</li></body></html>")
    assert tree_text(doc) == "- One"


@pytest.mark.parametrize(
    ("html", "fragment"),
    [
        ("<html><body><p>Account Manager", "<html> is opened but never closed"),
        ("<html><body><p>Account Manager</p><a href='x", "ends inside a tag"),
        ("<html><body><p>Account</p><!-- note <b>old</b>", "ends inside an HTML comment"),
        ("<html><body><p>Account Manager role</p></html>", "<body> is opened but never closed"),
    ],
)
def test_html_truncation_says_why(html, fragment):
    assert fragment in html_truncation(html)


def test_complete_page_is_not_truncated():
    assert html_truncation("<html><body><p>Account Manager</p></body></html>") is None
    assert html_truncation("<p>A fragment without html or body tags</p>") is None
