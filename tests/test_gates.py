"""Literal gates: the words a pattern's matches start with, and searches that skip to them."""

import re

import pytest

from workbench import role_titles, roles, sections, structure, timealloc
from workbench.gates import Gated, Keys, required_literals, required_words, scripts


def test_required_literals_are_the_words_each_branch_opens_with():
    assert required_literals(re.compile(r"\bbank|\bdeposit|银行")) == ("bank", "deposit", "银行")
    assert required_literals(re.compile(r"\b(?:sr|snr)\b\.?")) == ("snr", "sr")
    assert required_literals(re.compile(r"(?<![\w])insur(?:er|ance)")) == ("insurance", "insurer")


@pytest.mark.parametrize("pattern", [r"[ab]c", r"(?:senior\s+)?account", r"\w+ing", r"a|\d", r"(?:|x)y"])
def test_a_pattern_without_a_literal_opening_has_no_gate(pattern):
    assert required_literals(re.compile(pattern)) is None


def test_required_words_are_held_anywhere_in_a_match():
    # Led by \b and a class, but each branch holds a word somewhere: the longest is kept.
    assert required_words(re.compile(r"\bin[\s-]person\b|\bon[\s-]?site\b|\bsit\b")) == ("person", "sit", "site")
    assert required_words(re.compile(r"(?:ab)+c|x\d")) == ("ab", "x")
    assert required_words(re.compile(r"\w+|person")) is None  # a branch may hold no word
    assert required_words(re.compile(r"[ab]?\d")) is None


def test_a_pattern_that_ignores_case_has_no_gate():
    assert required_literals(re.compile(r"\bbank", re.IGNORECASE)) is None
    assert Gated(re.compile(r"\bbank", re.IGNORECASE)).search("BANK").group() == "BANK"


def test_search_started_at_the_word_still_sees_the_character_before_it():
    # \b and lookbehinds read the text before the first occurrence of the word.
    assert Gated(r"\bab").search("cab ab").start() == 4
    assert Gated(r"(?<!x)ab").search("xab ab").start() == 4
    assert Gated(r"^ab").search("x ab") is None
    assert Gated(r"\bbank").search("no such word") is None


def test_search_keeps_pos_and_endpos():
    gated = Gated(r"\bbank")
    text = "bank one, bank two"
    assert gated.search(text, 1).start() == 10
    assert gated.search(text, 1, 12) is None
    assert gated.search(text, 0, 4).span() == (0, 4)


def test_the_cue_lists_searched_in_a_posting_head_have_gates():
    for gated in (roles._BANK_CUES, roles._FINANCE_CUES, roles._SUPPORT_DESK, roles._SECRETARIAL_CUES,
                  roles._SELLING_CUES, roles._INSURER_CUES, roles._KYC_CUES, roles._APPOINTMENT_CUES):
        assert gated.keys


def test_sub_skips_a_text_without_the_words_and_replaces_as_the_pattern_does():
    gated = Gated(r"\bacct\b\.?")
    assert gated.sub("account", "senior acct. manager") == "senior account manager"
    assert gated.sub("account", "senior manager") == "senior manager"


def _gated_patterns():
    found = [v for v in vars(roles).values() if isinstance(v, Gated)]
    found += [rx for rx, _ in roles._ABBREVIATIONS] + [rx for rx, _ in roles._SEGMENT_PHRASES]
    found += [rx for rx, *_ in role_titles._TITLE_OCCUPATIONS]
    return found + [timealloc._CONDITION_ACTIVITY, structure._OTHER_DUTIES_RE,
                    structure._NOT_HOLDER_ANYWHERE_RE,
                    structure._DUTY_SENTENCE]


_TEXTS = (
    ("We are a bank. Banking and wealth clients; deposits. Call centre and help desk support. The payroll, "
     "month-end and VAT ledger. Book meetings and qualify inbound leads; generate new leads. Insurance policies. "
     "Sells SaaS; quota; selling. PA diary and calendar; secretarial. KYC / AML, anti-money laundering, compliance. "
     "Enterprise customers, mid-market and SMB; small and mid-sized; small business. Senior acct exec, sr. AM, KAM."),
    ("Работа в банке, страховой компании, колл-центр, продажи, бухгалтерия, секретарь. 银行 存款 理财 保险 销售 财务 秘书 "
     "呼叫中心 售后 在线客服 业绩 签单 大客户"),
    ("sitting and standing; in-person, on site, onsite hybrid working; working from home, travel 20%, "
     "physical dexterity, ways of working, work style, home-based, офис, удалённо, 出差 在家 outreach, research"),
    ("abank xbank bank_ banking pa. pa, spa panel audit auditor kycx xkyc sales-driven pre-sales sales engineer "
     "patient accounts billing clerk inside sales associate retail sales call center account planner kyc payroll"),
    ("be the main point of contact. you will own it; you'll report, this role is new. other duties as assigned and "
     "additional tasks required. the role involves travel; will be responsible for x. вы будете; 负责. equal "
     "employment opportunity, e-verify, drug-free, without regard to national origin; privacy notice. "
     "brother duties as assigned; unequal opportunity; theother tasks needed; your responsibilities include"),
    ("we're hiring. at acme, we are proud; an exciting opportunity, a rare opportunity and this unique opportunity. "
     "works under close supervision; salary range; is based in leeds, the role is located at home, matters to us, "
     "reserves the right, not intended to be, qualifies for, is eligible, hybrid working, , our great team is, suits "
     "someone, ideal for a candidate, right fit for. answer: we. awe, swe're; unexciting opportunity; theright fit for"),
)


@pytest.mark.parametrize("gated", _gated_patterns(), ids=lambda g: g.pattern[:40])
def test_every_gated_pattern_of_the_roles_finds_what_its_regex_finds(gated):
    for text in _TEXTS:
        for pos in range(0, len(text), 7):
            expected = gated.rx.search(text, pos)
            got = gated.search(text, pos)
            assert (got and (got.span(), got.lastindex)) == (expected and (expected.span(), expected.lastindex))
        assert gated.sub("#", text) == gated.rx.sub("#", text)


def test_a_group_that_ignores_case_inside_has_no_gate():
    assert required_literals(re.compile(r"(?i:bank)")) is None
    assert required_literals(re.compile(r"x(?i:bank)")) == ("x",)


def test_the_duty_and_company_talk_patterns_of_structure_are_tried_only_where_a_word_starts():
    for gated in (structure._NOT_HOLDER_ANYWHERE_RE, structure._OTHER_DUTIES_RE, structure._DUTY_SENTENCE):
        assert gated.keys, gated.pattern
    assert "we" in structure._NOT_HOLDER_ANYWHERE_RE.keys and ", our " in structure._NOT_HOLDER_ANYWHERE_RE.keys


def test_keys_skip_the_scripts_a_text_lacks_and_keep_their_order():
    keys = Keys(("опыт", "experience", "经验", "years"))
    assert keys.possible("5 years of experience") == ("experience", "years")  # ASCII: no lead bytes read
    assert keys.possible("5 years’ experience") == ("experience", "years")  # "’" is not Cyrillic or Chinese
    assert keys.possible("опыт от 5 лет") == ("опыт", "experience", "years")
    assert keys.possible("Опыт 5年") == ("опыт", "experience", "years")  # "年" does not open "经"
    assert keys.possible("Опыт, 工作经验") == keys.keys


def test_scripts_are_read_once_per_text_for_every_key_set():
    Keys(("время",)), Keys(("时间",))
    text = "Время: 40%"
    found = scripts(text)
    assert {"в".encode()[:1], "р".encode()[:1]} <= found  # Cyrillic lead bytes (of the lower-cased copy)
    assert "时".encode()[:1] not in found
    assert scripts(text) is scripts(text)
    assert scripts("plain ascii") == frozenset()


def test_keys_skip_only_keys_that_cannot_occur():
    keys = Keys(["english", "английск", "英语", "français"])
    assert keys.possible("Fluent English") == ("english",)
    assert keys.possible("Английский язык, £30k") == ("english", "английск")
    assert keys.possible("英语流利") == ("english", "英语")
    assert keys.possible("Le français – indispensable") == ("english", "français")
    # Every key that occurs in a text is among the possible ones.
    for text in ("English and 英语 and английский", "français, English", "нет"):
        low = text.lower()
        assert {k for k in keys.keys if k in low} <= set(keys.possible(text))
