"""The shared lower-case copies and the key sets built on them."""

from __future__ import annotations

import sys
import threading

import pytest

from workbench import text as wt
from workbench.requirements import extract_education, extract_languages


def test_lower_matches_str_lower_and_same_length_keeps_offsets():
    s = "İSTANBUL Account Manager – £40k"
    assert wt.lower(s) == s.lower()
    same = wt.lower_same_length(s)
    assert len(same) == len(s)
    assert same == "İstanbul account manager – £40k"
    assert wt.same_length_utf8(s) == same.encode("utf-8")


def test_copies_follow_the_text_asked_for():
    a, b = "Account Director", "КЛИЕНТСКИЙ МЕНЕДЖЕР"
    assert wt.lower(a) == "account director"
    assert wt.lower(b) == "клиентский менеджер"
    assert wt.lower_same_length(a) == "account director"
    # An equal string that is another object gets its own (equal) copies.
    c = "".join(["Account ", "Director"])
    assert wt.lower(c) == "account director"


def test_threads_each_get_the_copies_of_their_own_text():
    """Dask workers may run several threads: the shared copy must never be another text's.

    The switch interval is cut to a microsecond so threads swap between any two bytecodes;
    a cache that stored the text and its copy in two steps fails this within a few runs.
    """
    old = sys.getswitchinterval()
    texts = [f"Account Manager {i} – fluent English, Bachelor's degree required" if i % 2 else
             f"Менеджер по работе с клиентами {i}: английский язык, высшее образование" for i in range(40)]
    expected = {t: (t.lower(), extract_languages(t), extract_education(t)) for t in texts}
    errors: list[str] = []

    def work(offset: int) -> None:
        for k in range(3000):
            t = texts[(k * 7 + offset) % len(texts)]
            if wt.lower_same_length(t) != expected[t][0] or wt.lower(t) != expected[t][0]:
                errors.append(t)
            if wt.same_length_utf8(t) != expected[t][0].encode("utf-8"):
                errors.append(t)
            if k % 10 == 0 and (extract_languages(t), extract_education(t)) != expected[t][1:]:
                errors.append(t)

    sys.setswitchinterval(1e-6)
    try:
        threads = [threading.Thread(target=work, args=(i,)) for i in range(4)]
        for th in threads:
            th.start()
        for th in threads:
            th.join()
    finally:
        sys.setswitchinterval(old)
    assert errors == []
    assert expected[texts[1]][1] == ["English"] and expected[texts[0]][1] == ["English"]
    assert expected[texts[1]][2] == "bachelor" and expected[texts[0]][2] == "bachelor"


# --------------------------------------------------------------------------- lost line breaks

_PAD = (" Filler words keep this line long enough to be read as a paragraph that lost its breaks,"
        " as whole postings often do, with one more clause so that it runs past the threshold, and"
        " then a few more words, because a paragraph of two sentences is no run-together list.")


def _restored(s: str) -> str:
    """The restored text of ``s`` (padded past the long-line threshold), without the padding."""
    text, _ = wt.restore_breaks(s + _PAD)
    assert text.endswith(_PAD)
    return text[: -len(_PAD)]


@pytest.mark.parametrize(
    ("glued", "restored"),
    [
        ("ResponsibilitiesOperate the forklift", "Responsibilities\nOperate the forklift"),
        ("RESPONSIBILITIESOperate the line", "RESPONSIBILITIES\nOperate the line"),
        ("Work with clientsPrepare monthly reports", "Work with clients\nPrepare monthly reports"),
        ("Meet clients.Prepare monthly reports", "Meet clients.\nPrepare monthly reports"),
        ("Base pay $182,000Benefits: medical", "Base pay $182,000\nBenefits: medical"),
        ("Rate: $31Schedule: days", "Rate: $31\nSchedule: days"),
        ("Pay $24.50/hrBenefits", "Pay $24.50/hr\nBenefits"),
        ("ОбязанностиРабота с клиентами", "Обязанности\nРабота с клиентами"),
        ("Grow accounts ● Prepare reports ● Own the P&L", "Grow accounts\n● Prepare reports\n● Own the P&L"),
        ("Duties · Manage clients · Report weekly", "Duties\n· Manage clients\n· Report weekly"),
        ("Manage clients - Prepare reports - Own the P&L", "Manage clients\n- Prepare reports\n- Own the P&L"),
        ("Text ➢ Item one", "Text\n➢ Item one"),
    ],
)
def test_lost_breaks_are_restored(glued, restored):
    assert _restored(glued) == restored


@pytest.mark.parametrize(
    "kept",
    [
        "£35k basic, OTE £60k, car allowance",
        "Use your iPhone and eBay at McDonald's",
        "Build PowerPoint decks, update LinkedIn and JavaScript",
        "Join PointClickCare. PointClickCare is growing",
        "WalkMe and SpotOn and DevOps and AdRoll and MacBook",
        "薪资：25-35K·13薪",
        "£30,000 - £35,000 per annum, Monday - Friday",
        "see www.LinkedIn.com/jobs or jobs@ExampleCorp.com",
        "e.g.The client, Dr.Smith, U.S.Army",
        "**Bold** heading and salary* with a footnote",
        "Знание TeamCity, ClickHouse, Yandex.Cloud и *nix систем",
        "Python, spaCy, jQuery, iLandMan and Win10Pro",
    ],
)
def test_names_figures_and_dashes_are_not_breaks(kept):
    assert _restored(kept) == kept


def test_short_lines_are_left_alone():
    assert wt.lost_breaks("ResponsibilitiesOperate the forklift") == []
    assert wt.restore_breaks("Short line\nResponsibilitiesOperate") == ("Short line\nResponsibilitiesOperate", [])


def test_restored_offsets_map_back_to_the_original():
    text = "ResponsibilitiesOperate the forklift safely ● Keep the yard clean.$182,000Benefits" + _PAD
    restored, inserted = wt.restore_breaks(text)
    assert restored.count("\n") == 3 and len(inserted) == 2  # the blank before "●" became the break
    assert len(restored) == len(text) + len(inserted)
    for i, ch in enumerate(restored):
        j = wt.original_offset(inserted, i)
        assert ch == "\n" or text[j] == ch
    assert wt.original_offset(inserted, restored.index("Operate")) == text.index("Operate")
    assert wt.original_offset(inserted, restored.index("Benefits")) == text.index("Benefits")


def test_plus_bullets_and_bold_headings_inside_a_line():
    assert _restored("Apply now. **Responsibilities** + Achieve the annual target + Grow the account base") == (
        "Apply now.\n**Responsibilities**\n+ Achieve the annual target\n+ Grow the account base")
    assert _restored("Base £30k + Commission on every deal") == "Base £30k + Commission on every deal"  # one "+"


def test_restored_offset_is_the_inverse_of_original_offset():
    text = "ResponsibilitiesOperate the line clientsPrepare reports" + _PAD
    restored, inserted = wt.restore_breaks(text)
    for i, ch in enumerate(text):
        assert restored[wt.restored_offset(inserted, i)] == ch


def test_without_bullets_lines_over_120_characters_are_read_for_figures():
    # The salary engine's reading (bullets=False): a figure run into the next word in a line
    # of 120-250 characters is restored; item breaks wait for lines over 250.
    line = ("Compensation for this role is listed below and depends on location and experience, "
            "the range is $60,000 - $90,000Note that the range may change.")
    assert 120 < len(line) <= 250
    restored, _ = wt.restore_breaks(line, bullets=False)
    assert "$90,000\nNote" in restored
    assert wt.lost_breaks(line) == []


def test_in_link_reads_the_word_around_the_position_as_a_whole_scan_did():
    from workbench.text import _in_link

    def plain(text, pos):  # the word from the last blank or line break before pos to the next blank
        a = max(text.rfind(" ", 0, pos), text.rfind("\n", 0, pos)) + 1
        b = text.find(" ", pos)
        word = text[a:len(text) if b == -1 else b]
        return "://" in word or "www." in word or "@" in word or ".com" in word

    texts = ["see https://acme.com/jobs\nApply at jobs@acme.com or www.acme.co.uk today",
             "no link here\nat all", "line\nhttp://x.org/a b\n\nc.com", "one long line without any break " * 5]
    for text in texts:
        for pos in range(len(text)):
            assert _in_link(text, pos) == plain(text, pos), (text, pos)
    assert _in_link(texts[0], texts[0].index("acme.com/jobs"))
    assert not _in_link(texts[1], 3)
