"""Role records: single postings, multi-role documents and pay-mention attachment."""

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from workbench.cli import app
from workbench.structure import analyse, attach_mentions, structured_text

POSTING = """Account Manager - Media Agency
We are looking for an Account Manager to join our client services team. You will report to the Account Director.

Responsibilities
- Act as day-to-day contact for a portfolio of retail clients
- Prepare monthly performance reports for clients
- Negotiate renewals and contract terms

Requirements
- 3-5 years of agency account management experience
- Bachelor's degree in marketing
- Fluent English

Salary £40,000 - £45,000
"""

COMPARISON = """Account Manager vs Account Director: what is the difference?

Account Manager
The account manager is the day-to-day contact for clients and keeps them satisfied.
Responsibilities
- Keep in touch with clients every week
- Report on progress to senior staff
Salary
On average an account manager earns $55,000 a year.

Account Director
The account director leads the account team and owns the commercial relationship.
Requirements
- 8-10 years of agency experience
Salary
An account director earns around $110,000 a year.
"""

RECORD_KEYS = {"role", "spans", "sections", "responsibilities", "time_allocation", "time_allocation_check",
               "skills", "experience_years", "education", "languages"}


def test_single_posting_gives_one_record_spanning_the_text():
    (rec,) = analyse(POSTING)
    assert set(rec) == RECORD_KEYS
    assert rec["spans"] == [(0, len(POSTING))]
    assert (rec["role"]["label"], rec["role"]["level"]) == ("Account Manager", 2)
    assert [r["section"] for r in rec["responsibilities"]] == ["Responsibilities"] * 3
    assert rec["responsibilities"][2]["category"] == "negotiation_contracts"
    assert rec["experience_years"] == {"min": 3, "max": 5}
    assert rec["education"] == "bachelor"
    assert rec["languages"] == ["English"]
    assert rec["time_allocation_check"] == {"total": None, "status": "none"}


def test_title_argument_wins_over_the_text():
    (rec,) = analyse(POSTING, title="Senior Account Manager")
    assert rec["role"]["level"] == 3


def test_title_header_field_is_read():
    (rec,) = analyse("Title: Client Services Director\nDescription: Lead the client services department.")
    assert rec["role"]["level"] == 5


def test_reporting_line_does_not_split_a_posting():
    assert len(analyse(POSTING)) == 1


def test_comparison_is_split_per_role_and_pay_attached():
    records = analyse(COMPARISON)
    labels = [(r["role"]["label"], r["role"]["level"]) for r in records]
    assert labels == [("Account Manager", 2), ("Account Director", 4)]
    am, ad = records
    assert am["responsibilities"] and all("clients" in r["text"] or "Report" in r["text"]
                                          for r in am["responsibilities"])
    assert ad["experience_years"] == {"min": 8, "max": 10}
    assert am["experience_years"] is None
    spans = [(COMPARISON.find(s), COMPARISON.find(s) + len(s)) for s in ("$55,000", "$110,000")]
    assert attach_mentions(records, spans) == [0, 1]


def test_headings_still_open_their_roles_in_a_text_without_blank_lines():
    # Ingest hands text over this way (blank lines dropped): a short line after a line
    # that ends a sentence, above a longer one, is still a heading.
    flat = "\n".join(line for line in COMPARISON.split("\n") if line.strip())
    records = analyse(flat)
    assert [(r["role"]["label"], r["role"]["level"]) for r in records] == \
        [("Account Manager", 2), ("Account Director", 4)]
    spans = [(flat.find("$55,000"), flat.find("$55,000") + 7), (flat.find("$110,000"), flat.find("$110,000") + 8)]
    assert attach_mentions(records, spans) == [0, 1]


def test_attach_mentions_nearest_preceding_and_none():
    records = [{"spans": [(0, 100)]}, {"spans": [(200, 300)]}]
    assert attach_mentions(records, [(50, 60), (250, 260), (120, 130), (900, 910)]) == [0, 1, 0, None]
    assert attach_mentions([], [(0, 1)]) == [None]


def test_raw_html_is_read_through_the_ingest_converter():
    html = "<h2>Account Manager</h2><p><b>Job Duties:</b></p><ul><li>Manage accounts</li><li>Record changes</li></ul>"
    (rec,) = analyse(html)
    assert structured_text(html) == "Account Manager\nJob Duties:\n- Manage accounts\n- Record changes"
    assert rec["spans"] == [(0, len(structured_text(html)))]
    assert len(rec["responsibilities"]) == 2


PROFILES_HTML = """<html><body>
<h2>Account Manager</h2><ul><li>Keep in touch with every client of the portfolio each week</li>
<li>Report on progress and spend to the senior team every month</li>
<li>Salary: on average an account manager earns $55,000 a year</li></ul>
<h2>Account Director</h2><ul><li>Lead the account team and own the commercial relationship</li>
<li>Bring 8-10 years of agency experience to the largest clients</li>
<li>Salary: an account director earns around $110,000 a year</li></ul></body></html>"""


def test_raw_html_describing_two_roles_is_split_like_its_structured_text():
    records = analyse(PROFILES_HTML)
    labels = [(r["role"]["label"], r["role"]["level"]) for r in records]
    assert labels == [("Account Manager", 2), ("Account Director", 4)]
    assert records[1]["experience_years"] == {"min": 8, "max": 10}
    work = structured_text(PROFILES_HTML)
    assert records == analyse(work)  # the records of the text ingest would have stored
    spans = [(work.find(s), work.find(s) + len(s)) for s in ("$55,000", "$110,000")]
    assert attach_mentions(records, spans) == [0, 1]


def test_empty_text():
    (rec,) = analyse("")
    assert rec["role"]["level"] is None
    assert rec["responsibilities"] == []


def test_role_named_after_a_colon_is_not_a_role_heading():
    text = ("Account Director\nLead our biggest client team.\nYour manager: Group Account Director\n"
            + "You will own the plan and the budget. " * 30)
    records = analyse(text, title="Account Director")
    assert [(r["role"]["label"], r["role"]["level"]) for r in records] == [("Account Director", 4)]


WRAPPED_ARTICLE = """# From executive to director: the client-side ladder

Readers often ask how the Account Manager job differs from the Account Director one. The answer
depends on the agency, but the pattern below holds in most of the firms we spoke to this year.

## 1. Account Manager

The Account Manager runs the client's projects day to day, keeps the budget honest and reports
results every month. Most vacancies want three to five years of experience.

Typical pay: £38,000 - £44,000.

## 2. Senior or Key Account Manager

A Senior Account Manager or Key Account Manager looks after the largest clients and negotiates
renewals. Expect to need five years or more of experience.

## 3. Account Director

The Account Director owns the portfolio's profit and loss and leads the team. Eight to ten years
of experience is usual.

Typical pay: £70,000 - £80,000.

## How we collected the figures

We read vacancies posted between July and October and spoke to four recruiters.
"""


def test_hard_wrapped_article_is_split_by_headings_and_synonyms_stay_together():
    records = analyse(WRAPPED_ARTICLE)
    roles = [(r["role"]["label"], r["role"]["level"]) for r in records]
    assert ("Account Manager", 2) in roles and ("Account Director", 4) in roles
    assert [level for _, level in roles].count(3) == 1  # "Senior or Key Account Manager" is one role
    by_level = {r["role"]["level"]: r for r in records}
    assert by_level[2]["experience_years"] == {"min": 3, "max": 5}
    assert by_level[4]["experience_years"] == {"min": 8, "max": 10}
    spans = [(WRAPPED_ARTICLE.find(s), WRAPPED_ARTICLE.find(s) + 7) for s in ("£38,000", "£70,000")]
    owners = attach_mentions(records, spans)
    assert [records[i]["role"]["level"] for i in owners] == [2, 4]
    # The closing methodology section is outside every role span.
    tail = WRAPPED_ARTICLE.find("We read vacancies")
    assert all(not (a <= tail < b) for r in records for a, b in r["spans"])


def test_without_sections_only_the_sections_are_left_out():
    # Extraction does not store sections, so it skips building their public copy;
    # everything else in every record is the same.
    for text in (POSTING, COMPARISON, WRAPPED_ARTICLE):
        full = analyse(text)
        lean = analyse(text, with_sections=False)
        assert len(full) == len(lean)
        assert any(rec["sections"] for rec in full)
        for a, b in zip(full, lean):
            assert b["sections"] == []
            assert {k: v for k, v in a.items() if k != "sections"} == {k: v for k, v in b.items() if k != "sections"}


# ------------------------------------------------- a multi-role article through the product path

# Team-written, in the shape of seed 004: an article on the Account Director with a CV
# line in roubles, then a comparison whose Account Manager section quotes US-dollar pay
# before the Account Director section does.
MULTI_ROLE_RU = Path(__file__).parent / "fixtures" / "multirole_ru" / "akkaunt-menedzher-i-akkaunt-direktor.txt"
AM = ("Account Manager", 2)
AD = ("Account Director", 4)
FIGURES = {
    "180 000 руб. в месяц": AD,
    "61 000 долларов в год": AM,
    "42 000 долларов в год": AM,
    "88 000 долларов в год": AM,
    "112 000 долларов в год": AD,
    "150 000 долларов в год": AD,
}


def test_every_figure_of_a_russian_multi_role_article_keeps_its_role_through_workbench_extract():
    result = CliRunner().invoke(app, ["extract", str(MULTI_ROLE_RU)])
    assert result.exit_code == 0, result.output
    records = [json.loads(line) for line in result.stdout.splitlines() if line.strip()]
    roles = {(r["role"]["label"], r["role"]["level"]) for r in records}
    assert {AM, AD} <= roles
    owner = {}
    for record in records:
        for pay in record["salaries"]:
            figure = next((f for f in FIGURES if f in pay["text"]), None)
            assert figure is not None, f"unexpected pay mention {pay['text']!r}"
            assert figure not in owner, f"{figure} found twice"
            owner[figure] = (record["role"]["label"], record["role"]["level"])
    assert owner == FIGURES
    (director,) = [r for r in records if (r["role"]["label"], r["role"]["level"]) == AD]
    assert director["experience_years"] == {"min": 7, "max": 10}


# --------------------------------------------------------------------------- duties on real-shaped text

RUN_TOGETHER = ("Account Executive at a retail media agency. ResponsibilitiesOwn the relationship with twelve "
                "retail clientsPrepare monthly performance reports for each clientNegotiate renewals with "
                "procurement teamsRequirementsThree years of agency experienceBenefits25 days of holiday")


def test_run_together_text_gives_one_item_per_duty_and_keeps_other_sections_out():
    (rec,) = analyse(RUN_TOGETHER, title="Account Executive")
    assert [r["text"] for r in rec["responsibilities"]] == [
        "Own the relationship with twelve retail clients", "Prepare monthly performance reports for each client",
        "Negotiate renewals with procurement teams"]
    assert [r["category"] for r in rec["responsibilities"]] == [
        "client_relationship", "reporting_forecasting", "negotiation_contracts"]


def test_requirement_shaped_and_non_duty_lines_never_become_duties():
    text = ("Responsibilities\n- Manage a portfolio of retail accounts\n- Ability to work under pressure\n"
            "- Experience with Salesforce\n- Knowledge of French is a plus\n- Опыт работы от 3 лет\n"
            "- Must be eligible to work in the UK\n- Prepare quarterly business reviews\n"
            "- Competitive salary and 25 days holiday\n")
    (rec,) = analyse(text)
    assert [r["text"] for r in rec["responsibilities"]] == [
        "Manage a portfolio of retail accounts", "Prepare quarterly business reviews"]


def test_you_will_sentences_count_only_when_they_name_an_action():
    text = ("Account Manager\nYou will join a supportive team of twelve people. You will report to the Head of "
            "Sales. You will prospect new clients across the North West. You'll find a friendly office in Leeds.")
    (rec,) = analyse(text)
    assert [r["text"] for r in rec["responsibilities"]] == ["You will prospect new clients across the North West."]


def test_a_duty_list_ends_where_company_and_legal_paragraphs_follow():
    text = ("Key Responsibilities\n- Win new business across the territory\n- Coach two junior account executives\n"
            "Acme is a leading provider of retail media. It has offices in five countries and grows every year.\n"
            "Acme is an equal opportunity employer and considers all applicants.")
    (rec,) = analyse(text)
    assert [r["text"] for r in rec["responsibilities"]] == [
        "Win new business across the territory", "Coach two junior account executives"]


def test_item_offsets_point_into_the_text_when_breaks_were_restored():
    from workbench.structure import _parse_restored

    sections = _parse_restored(RUN_TOGETHER)
    for sec in sections:
        for item in sec["items"]:
            assert RUN_TOGETHER[item["start"]:].startswith(item["text"][:10])


@pytest.mark.parametrize("line", [
    "we are a growing team", "Manage accounts; we expect growth", "This is an exciting opportunity to lead",
    "Salary range is $50k", "You will be based in London", "Hybrid working available",
    "Manage the weekly forecast and report to the board", "Answer new client questions",
])
def test_company_talk_prefilter_agrees_with_its_pattern(line):
    from workbench import structure as st

    low = line.lower()
    assert st._not_holder_anywhere(low) == (st._NOT_HOLDER_ANYWHERE_RE.search(low) is not None)


# One line for each alternative of the patterns behind a substring pre-filter, and lines none matches.
PREFILTER_LINES = [
    "You'll manage key accounts", "you’ll own the pipeline", "You will drive renewals", "You are responsible for billing",
    "Responsible for the P&L", "Accountable for retention", "Your role is to grow the book", "Your role will cover EMEA",
    "The role involves travel", "The role includes reporting", "The role will own pricing", "This role will lead sales",
    "This position is key to growth", "Will be responsible for renewals", "Shall be tasked with audits",
    "Вы будете вести клиентов", "В ваши обязанности входит отчётность", "Отвечает за продажи", "Будет отвечать за план",
    "Будете отвечать за клиентов", "负责客户关系", "Be the point of contact for clients", "Be a trusted link to partners",
    "You'll need a degree", "You will enjoy great perks", "Key duties:", "Key duties：", "If you like sales, apply",
    "Can you sell?", "Experience is a plus", "Salesforce would be an advantage", "CRM skills are preferred",
    "Nice to have: Spanish", "Знание английского будет плюсом", "Опыт в B2B приветствуется", "有经验者优先",
    "You must hold a licence", "A degree is required", "Requires travel", "Have a driving licence", "Is based in Leeds",
    "Can travel weekly", "Manage the weekly forecast and report to the board", "Answer new client questions",
    "Be part of it", "beacon of growth", "Grow revenue in the region", "",
]


@pytest.mark.parametrize("line", PREFILTER_LINES)
def test_word_prefilters_agree_with_their_patterns(line):
    from workbench import structure as st

    low = line.lower()
    assert st._duty_sentence(low) == (st._DUTY_SENTENCE.search(low) is not None)
    lead_in = low.rstrip().endswith((":", "："))  # a lead-in: told apart before the pattern is tried
    assert st._not_action(low) == (st._NOT_ACTION.search(low) is not None or st._question(low) or lead_in)
    assert st._requirement_tail(low) == (st._REQUIREMENT_TAIL_RE.search(low) is not None)
    assert st._requires(low) == (st._REQUIRES_RE.search(low) is not None)


def test_word_prefilters_let_every_alternative_through():
    from workbench import structure as st

    lows = [line.lower() for line in PREFILTER_LINES]
    assert sum(map(st._duty_sentence, lows)) >= 23
    assert sum(map(st._not_action, lows)) >= 6
    assert sum(map(st._requirement_tail, lows)) >= 7
    assert sum(map(st._requires, lows)) >= 5


def test_structured_text_of_the_same_text_is_converted_once():
    html = "<p>Account Manager</p><ul><li>Manage key accounts</li></ul>"
    first = structured_text(html)
    assert structured_text(html) is first
    assert "Manage key accounts" in first and "<li>" not in first
    assert structured_text("plain text") == "plain text"
    assert structured_text(html) == first  # a new text in between: converted again, same answer


def test_company_values_lines_are_no_duties():
    text = ("Our values\n- Act with integrity\n- Focus on the customer every day\n- Win as one team\n\n"
            "What you'll do\n- Build the quarterly account plan for each client\n- Run weekly pipeline reviews\n")
    (rec,) = analyse(text)
    assert [r["text"] for r in rec["responsibilities"]] == [
        "Build the quarterly account plan for each client", "Run weekly pipeline reviews"]


def test_your_responsibilities_will_include_is_a_duty_sentence():
    text = ("Regional Coordinator\nWe are a small charity in Leeds. Your responsibilities will include planning "
            "volunteer rotas, booking venues and reporting attendance to the board. We offer flexible hours.")
    (rec,) = analyse(text)
    assert [r["text"] for r in rec["responsibilities"]] == [
        ("Your responsibilities will include planning volunteer rotas, booking venues and reporting attendance "
         "to the board.")]


def test_a_sub_heading_glued_between_two_duties_is_cut_out():
    text = ("Responsibilities\nClient Planning & Insight Build a quarterly plan for every client account and share "
            "it with the wider team before the review Revenue Tracking & Forecasting Prepare the monthly revenue "
            "forecast for the regional director\n")
    (rec,) = analyse(text)
    assert [r["text"] for r in rec["responsibilities"]] == [
        "Build a quarterly plan for every client account and share it with the wider team before the review",
        "Prepare the monthly revenue forecast for the regional director"]


def test_a_name_before_a_capitalised_verb_is_no_sub_heading():
    from workbench.structure import _verb_pieces

    # the name stays with the item before (no sub-heading cut out); the verb starts the next item
    line = "Report weekly results in Google Analytics Prepare the board pack"
    assert _verb_pieces(line) == ["Report weekly results in Google Analytics", "Prepare the board pack"]


def test_a_russian_line_of_duties_named_by_nouns_is_cut_at_its_commas():
    text = ("Обязанности:\n- организация доставки товара клиентам по всей области в установленные сроки, "
            "проведение еженедельных встреч с ключевыми клиентами компании, контроль дебиторской задолженности "
            "по всем закреплённым клиентам, подготовка ежемесячных отчётов для руководителя отдела продаж\n"
            "- поиск новых клиентов, ведение переговоров\n"
            "- составлять сметы на работы, согласовывать сметы с подрядчиками\n"
            "- контроль субподрядчиков (выплата авансов, расчет по актам) переписка с подрядчиками\n")
    (rec,) = analyse(text)
    assert [r["text"] for r in rec["responsibilities"]] == [
        "организация доставки товара клиентам по всей области в установленные сроки",
        "проведение еженедельных встреч с ключевыми клиентами компании",
        "контроль дебиторской задолженности по всем закреплённым клиентам",
        "подготовка ежемесячных отчётов для руководителя отдела продаж",
        "поиск новых клиентов", "ведение переговоров",
        "составлять сметы на работы", "согласовывать сметы с подрядчиками",
        "контроль субподрядчиков (выплата авансов, расчет по актам)", "переписка с подрядчиками"]


def test_a_russian_noun_list_is_not_cut_inside_brackets_between_shared_nouns_or_before_a_clause():
    from workbench.structure import _noun_pieces

    # nouns sharing one object, a list inside brackets, things named by an -ние noun, a clause's subject
    for whole in ("Прием, обработка, подготовка и контроль заявок клиентов",
                  "Работа с документами (выставление счетов, составление договоров, согласование проектов)",
                  "Выявление поставщиков: кабельная продукция, оборудование и материалы сетей",
                  "Всё это не конечный список, развитие не стоит на месте"):
        assert _noun_pieces(whole) == [whole]
    # an infinitive is cut before only in a list that opens with one
    assert _noun_pieces("помогать клиентам с выбором, работать с возражениями") == \
        ["помогать клиентам с выбором", "работать с возражениями"]
    assert _noun_pieces("ведение клиентов компании, работать с возражениями") == \
        ["ведение клиентов компании, работать с возражениями"]


def test_a_russian_requirement_line_is_not_cut_into_duties():
    text = ("Требования:\n- Опыт построения CI/CD-процессов, реализация pipeline (GitLab|Jenkins)\n"
            "Обязанности:\n- ведение клиентов компании, заключение договоров поставки\n")
    (rec,) = analyse(text)
    assert [r["text"] for r in rec["responsibilities"]] == ["ведение клиентов компании", "заключение договоров поставки"]


def test_a_listed_description_line_is_not_read_again_as_prose():
    text = ("Job Description\nWe are a regional bakery group.\n- Manage every store in the territory each month\n"
            "- Prepare the monthly sales report for the board\n")
    (rec,) = analyse(text)
    texts = [r["text"] for r in rec["responsibilities"]]
    assert len(texts) == len(set(texts))
    assert "Manage every store in the territory each month" in texts


def test_reporting_lines_places_and_recruiter_small_print_are_no_duties_and_other_duties_are():
    text = ("Responsibilities\n- Build the monthly pipeline report for the sales director\n"
            "- This role will report to our Head of Sales Operations\n"
            "- Work from our Leeds office three days a week\n- The position is fully remote within the UK\n"
            "- Your CV will be passed to our recruitment partner\n- Other duties may be assigned from time to time\n"
            "- Report to the board on the progress of each account plan\n")
    (rec,) = analyse(text)
    # "Other duties as assigned" is a duty of area other (data/labelled/duties/README.md).
    assert [r["text"] for r in rec["responsibilities"]] == [
        "Build the monthly pipeline report for the sales director", "Other duties may be assigned from time to time",
        "Report to the board on the progress of each account plan"]


def test_a_stated_share_of_travel_is_a_duty_and_a_willingness_to_travel_is_not():
    text = ("Responsibilities\n- Up to 30% travel is required to visit clients across the region\n"
            "- Willing to travel up to 50% of the time\n- Negotiate annual supply contracts\n")
    (rec,) = analyse(text)
    assert [r["text"] for r in rec["responsibilities"]] == [
        "Up to 30% travel is required to visit clients across the region", "Negotiate annual supply contracts"]


def test_a_short_item_holding_two_sentences_gives_two_duties():
    text = ("Responsibilities\n- Prepare the weekly sales forecast for the northern region. Run the Monday "
            "pipeline call with the whole team.\n- Negotiate supply terms\n")
    (rec,) = analyse(text)
    assert [r["text"] for r in rec["responsibilities"]] == [
        "Prepare the weekly sales forecast for the northern region.",
        "Run the Monday pipeline call with the whole team.", "Negotiate supply terms"]


def test_additional_responsibilities_sentences_and_promised_outcomes():
    text = ("Store Manager\nWe run twelve garden centres. Additional responsibilities include opening the store "
            "on Saturdays and counting the tills. By joining us you will be making a real difference to the "
            "town. We are looking for a manager to work at our Leeds office two days a week.")
    (rec,) = analyse(text)
    assert [r["text"] for r in rec["responsibilities"]] == [
        "Additional responsibilities include opening the store on Saturdays and counting the tills."]


def test_the_role_will_do_any_verb_but_have_join_or_report():
    text = ("Responsibilities\n- Negotiate supply terms\n\nAbout the role\nThe Contracts Manager will shepherd every "
            "supplier agreement from draft to signature. The Contracts Manager will join a team of four.")
    (rec,) = analyse(text)
    assert [r["text"] for r in rec["responsibilities"]] == [
        "Negotiate supply terms", "The Contracts Manager will shepherd every supplier agreement from draft to signature."]


def test_action_lines_of_a_job_purpose_paragraph_count_beside_a_duties_list():
    text = ("Job Purpose\nAudits supplier invoices against the agreed rate cards. Our office is in Leeds.\n"
            "Responsibilities\n- Negotiate supply terms\n")
    (rec,) = analyse(text)
    assert [r["text"] for r in rec["responsibilities"]] == [
        "Negotiate supply terms", "Audits supplier invoices against the agreed rate cards."]


def test_the_successful_candidate_will_be_responsible_for_is_a_duty_and_will_be_a_communicator_is_not():
    text = ("Field Coordinator\n\nThe successful candidate will be responsible for booking installer visits across "
            "the county. The successful candidate will be a confident communicator.")
    (rec,) = analyse(text)
    assert [r["text"] for r in rec["responsibilities"]] == [
        "The successful candidate will be responsible for booking installer visits across the county."]


def test_we_lines_of_a_duties_list_are_the_teams_work_and_we_offer_is_not():
    text = ("Responsibilities\n- We maintain and optimise the existing data platform.\n"
            "- We build scalable data pipelines in Spark.\n- We offer a generous pension.\n"
            "- We are a growing team of twelve.\n")
    (rec,) = analyse(text)
    assert [r["text"] for r in rec["responsibilities"]] == [
        "We maintain and optimise the existing data platform.", "We build scalable data pipelines in Spark."]


def test_a_requirement_glued_after_a_duty_is_cut_off_and_left_out():
    text = ("Responsibilities\n- Collaborates with subject matter experts across internal teams Ability to present "
            "and defend work to clients Mastery of regulatory processes\n")
    (rec,) = analyse(text)
    assert [r["text"] for r in rec["responsibilities"]] == [
        "Collaborates with subject matter experts across internal teams"]


def test_an_acronym_glued_to_the_next_duty_is_cut_before_the_verb():
    text = ("Responsibilities\n- Research exception items and drive them to resolution with Finance, Fraud, and "
            "ITProcess customer-level financial adjustments including debit cards and ACH\n")
    (rec,) = analyse(text)
    assert [r["text"] for r in rec["responsibilities"]] == [
        "Research exception items and drive them to resolution with Finance, Fraud, and IT",
        "Process customer-level financial adjustments including debit cards and ACH"]


def test_a_plural_or_ampersand_acronym_glued_to_the_next_duty_is_cut_before_the_verb():
    text = ("Responsibilities\n- Track quarterly churn and margin across all regional KPIsBuild and maintain the "
            "pricing models the underwriters use every week\n"
            "- Prepare the monthly cost review with the central FP&APartner with the systems team on new reports "
            "for the board\n")
    (rec,) = analyse(text)
    assert [r["text"] for r in rec["responsibilities"]] == [
        "Track quarterly churn and margin across all regional KPIs",
        "Build and maintain the pricing models the underwriters use every week",
        "Prepare the monthly cost review with the central FP&A",
        "Partner with the systems team on new reports for the board"]


def test_physical_demands_are_no_duties():
    text = ("Responsibilities\n- Plan the weekly picking rota for the warehouse team\n"
            "- Concentrating for long periods of time\n- Lift parcels of up to 30 kg onto the racking\n\n"
            "Performing multiple tasks\n- OccasionalKneeling\n- ContinuousSitting, typing and reading\n"
            "- Continuous\n")
    (rec,) = analyse(text)
    assert [r["text"] for r in rec["responsibilities"]] == ["Plan the weekly picking rota for the warehouse team"]


def test_a_russian_requirements_list_that_opens_with_tasks_holds_duties():
    text = ("Обязанности\n- Опыт сметной работы не менее 3 лет;\n- Знание нормативной базы;\n"
            "Требования: - Подготовка сметной документации по объектам;\n"
            "- Согласование смет с заказчиками;\n- Проверка актов выполненных работ;\n"
            "- Умение работать с нормативными документами;\n")
    (rec,) = analyse(text)
    assert [r["text"] for r in rec["responsibilities"]] == [
        "Подготовка сметной документации по объектам;", "Согласование смет с заказчиками;",
        "Проверка актов выполненных работ;"]


def test_a_teams_remit_a_mission_and_a_grades_level_are_no_duties():
    text = ("About the role\nThe Platform Group within the Data Office is responsible for the shared ledger. "
            "Ledger Services (LS) is a small team responsible for payments. "
            "You'll help make Acme Pay the best wallet in Europe. "
            "Exercises independent judgment within defined parameters. "
            "The analyst is responsible for the monthly close.\n")
    (rec,) = analyse(text)
    assert [r["text"] for r in rec["responsibilities"]] == ["The analyst is responsible for the monthly close."]


def test_a_russian_team_remit_is_no_duty():
    text = ("О команде\nИщем инженера в команду, которая отвечает за платёжный шлюз. Она отвечает за "
            "надёжность всех серверов.\nОбязанности\n- Настройка мониторинга серверов\n")
    (rec,) = analyse(text)
    assert [r["text"] for r in rec["responsibilities"]] == ["Настройка мониторинга серверов"]


def test_what_a_company_offers_and_talk_about_the_posting_are_no_duties():
    text = ("Responsibilities\n- Listed below are the typical duties of the job title described in this document.\n"
            "- Reconcile the supplier ledgers every month\n"
            "- Track the targets; some of it is outside of your control, so we track it with a focus on learning.\n\n"
            "Our commitment to you\n- Provide honest feedback on your applications\n"
            "- Use our network to match you to your next position\n- Give you a named consultant\n\n"
            "Job Description\n- Why Join Us?Global Impact: Work on high-profile projects that shape the industry.\n")
    (rec,) = analyse(text)
    assert [r["text"] for r in rec["responsibilities"]] == ["Reconcile the supplier ledgers every month"]


def test_they_will_work_after_the_role_sought_is_a_duty_and_they_will_receive_is_not():
    text = ("Job Purpose\nWe are looking for a Data Engineer to join our team. They will be accountable for the "
            "nightly loads. They will support the analysts by building dashboards. They will receive full training.\n"
            "Responsibilities\n- Keep the warehouse documented\n")
    (rec,) = analyse(text)
    assert [r["text"] for r in rec["responsibilities"]] == [
        "Keep the warehouse documented", "They will be accountable for the nightly loads.",
        "They will support the analysts by building dashboards."]


def test_an_organisation_as_subject_states_no_duty_and_a_role_does():
    text = ("About the team\nThe Cabinet Office supports the Prime Minister across government. "
            "The Quality Manager collaborates with the chemistry and regulatory teams on every filing.")
    (rec,) = analyse(text)
    assert [r["text"] for r in rec["responsibilities"]] == [
        "The Quality Manager collaborates with the chemistry and regulatory teams on every filing."]


def test_lead_in_clauses_before_a_duty_and_travel_stated_in_prose():
    text = ("Responsibilities\n- When needed, travel to customer sites to lead meetings and presentations\n"
            "- In collaboration with the project team, anticipate and communicate risks and delays\n\n"
            "About the role\nThe applicant should expect to travel up to 30% to customer sites. "
            "Working at the forefront of security research this Machine Learning Engineer will work within a "
            "small R&D team. This Machine Learning Engineer will receive a laptop.")
    (rec,) = analyse(text)
    assert [r["text"] for r in rec["responsibilities"]] == [
        "When needed, travel to customer sites to lead meetings and presentations",
        "In collaboration with the project team, anticipate and communicate risks and delays",
        "The applicant should expect to travel up to 30% to customer sites.",
        "Working at the forefront of security research this Machine Learning Engineer will work within a "
        "small R&D team."]


def test_negated_duties_pay_ranges_and_other_duties_as_assigned():
    text = ("Responsibilities\n- Lead Data Engineer UK Remote | £75,000 to £90,000\n"
            "- This position does not have supervisory responsibilities for direct reports\n"
            "- Sell instruments worth from £10K to £60K per deal to university labs\n"
            "- Any other duties and tasks as assigned by the manager\n")
    (rec,) = analyse(text)
    assert [r["text"] for r in rec["responsibilities"]] == [
        "Sell instruments worth from £10K to £60K per deal to university labs",
        "Any other duties and tasks as assigned by the manager"]


def test_a_line_that_opens_with_an_action_and_ends_in_a_mangled_blank_is_no_question():
    from workbench import structure as st

    assert not st._question("participating in technically focused training and team meetings?")
    assert st._question("do you enjoy taking on challenging projects?")
    assert st._question("ready to make an impact?")


PROSE_LINES = [
    "Prepare the forecast.Run the pipeline call. Report to the board; review the plan",
    "Work with the U.S. base salary team. A. Smith leads it; we run R&D. Identify risks (e.g. AI, cloud) today",
    "负责客户关系。维护客户；跟进合同！Is this you? Great. Do you like sales and are you ready", "", "one. two. Three...  Four",
]


@pytest.mark.parametrize("text", PROSE_LINES)
def test_prose_pieces_are_the_prose_split_of_the_text(text):
    from workbench import structure as st

    assert st._prose_pieces(text) == st._PROSE_SPLIT.split(text)


def test_an_initial_or_e_g_ends_no_sentence():
    from workbench import structure as st

    assert st._prose_pieces("Covers the U.S. market and emerging tools (e.g. AI, cloud) daily. Next duty") == [
        "Covers the U.S. market and emerging tools (e.g. AI, cloud) daily.", "Next duty"]


def test_noun_sentences_between_orders_and_other_duties_in_prose_are_duties():
    # A role paragraph with no duties heading: its orders run together, a task named by a
    # noun phrase between two of them is a duty; so is "other tasks as assigned" in prose.
    text = ("Billing Analyst\n\nWe are a family-run wholesaler of garden furniture based in Kent.\n\n"
            "Reconcile supplier statements every week. Quarterly accrual preparation. "
            "Maintain the customer credit file. Chase overdue invoices with the sales office. "
            "Any other tasks as assigned by the finance manager.\n\n"
            "Our values. Honesty and a warm welcome for every customer.")
    (rec,) = analyse(text)
    assert [r["text"] for r in rec["responsibilities"]] == [
        "Reconcile supplier statements every week.", "Quarterly accrual preparation.",
        "Maintain the customer credit file.", "Chase overdue invoices with the sales office.",
        "Any other tasks as assigned by the finance manager."]


def test_a_noun_sentence_needs_orders_on_both_sides():
    text = ("Billing Analyst\n\nReconcile supplier statements every week. Maintain the customer credit file. "
            "A friendly team of accountants and administration.\n")
    (rec,) = analyse(text)
    assert [r["text"] for r in rec["responsibilities"]] == [
        "Reconcile supplier statements every week.", "Maintain the customer credit file."]


def test_a_lower_case_list_glued_together_is_cut_at_each_action_verb():
    items = ["review the monthly access logs of the payroll systems (including contractors and agency workers)",
             "support the reconciliation of the weekly pension contributions across the three schemes",
             "contribute to the design of the new expenses policy with the finance business partners",
             "maintain the register of data processing agreements held by the payroll team and its suppliers"]
    text = "Payroll Controller\n\nAs our payroll controller, you will:" + "".join(items) + "\n"
    (rec,) = analyse(text)
    found = [r["text"] for r in rec["responsibilities"]]
    assert found[-3:] == items[1:]
    assert found[0].endswith(items[0])
    # fewer than two glued verbs in a line: no cut ("transform" is not "trans" + "form")
    from workbench.structure import _lower_glued_cuts
    assert _lower_glued_cuts("we transform the ledgers " * 20) == []
    assert _lower_glued_cuts("a list of processessupport x and the staffscontribute y " * 6) != []


def test_creed_lines_apply_small_print_and_requirement_labels_in_a_duties_list_are_no_duties():
    text = ("Responsibilities\n- Plan the quarterly stock count with the warehouse team\n"
            "- Take Ownership I am accountable for what I promise.\n"
            "- Grow Together I invest in my development and in others.\n"
            "- Essential Skills/Qualifications: three years of stock control, a forklift licence\n"
            "- Demonstrate a sound understanding of the stock system and its audit trail\n"
            "- As a Stock Controller, you will\n"
            "- Upon applying for this position, you will be asked to share your availability\n"
            "- Follow us on social media for news of the depot\n"
            "- Reconcile the cycle counts against the ledger each week\n")
    (rec,) = analyse(text)
    assert [r["text"] for r in rec["responsibilities"]] == [
        "Plan the quarterly stock count with the warehouse team",
        "Reconcile the cycle counts against the ledger each week"]


def test_the_roman_numeral_i_is_no_first_person():
    from workbench import structure as st

    assert st._is_duty_shaped("Run Phase I trials with the site teams")
    assert st._is_duty_shaped("Provide Tier I support to store staff")


def test_a_candidate_lead_in_that_introduces_more_work_keeps_the_duties_going():
    text = ("What you'll do\n- Plan the weekly delivery routes for the depot\n- Agree stock levels with the branches\n\n"
            "The ideal candidate will also be able to support the following at a senior level:\n\n"
            "Coordinate the seasonal hiring of drivers with the HR team.\n"
            "Negotiate fuel card terms with the two suppliers.\n\n"
            "Experience, or willingness to learn, the following systems is required:\n\n"
            "SAP and Microsoft Dynamics route planning modules\n")
    (rec,) = analyse(text)
    assert [r["text"] for r in rec["responsibilities"]] == [
        "Plan the weekly delivery routes for the depot", "Agree stock levels with the branches",
        "Coordinate the seasonal hiring of drivers with the HR team.",
        "Negotiate fuel card terms with the two suppliers."]


def test_a_capitalised_verb_that_opens_a_job_title_cuts_no_item():
    from workbench import structure as st

    line = "We are hiring a business-minded Contract Management Manager to negotiate supplier agreements."
    assert st._verb_pieces(line) == [line]
    assert st._sought_duty(line) == "negotiate supplier agreements."
    assert st._verb_pieces("Review the rota each week Manage Salesforce records for the team") == [
        "Review the rota each week", "Manage Salesforce records for the team"]


def test_who_the_role_suits_company_talk_and_why_join_lines_are_no_duties():
    text = ("Responsibilities\n- Maintain the dbt models of the finance mart\n"
            "- This role would suit someone who enjoys solving messy data problems\n"
            "- Operating out of a modern plant in Derby, they employ over 120 people\n"
            "- Your expertise will play a critical role in the company's future\n"
            "- Working at Acme means being at the forefront of the energy transition\n"
            "- The Data Engineer will report to the Head of Data.\n"
            "- The Data Engineer will use Airflow to schedule the nightly loads.\n"
            "- Your responsibilities will include reviewing pull requests of the analysts\n\n"
            "Why Join Us?\n- Work on high-profile projects that shape the future of energy\n")
    (rec,) = analyse(text)
    assert [r["text"] for r in rec["responsibilities"]] == [
        "Maintain the dbt models of the finance mart",
        "The Data Engineer will use Airflow to schedule the nightly loads.",
        "Your responsibilities will include reviewing pull requests of the analysts"]


def test_apply_is_an_action_not_an_adverb_and_apply_now_is_applying():
    from workbench import structure as st

    assert st._opens_with_action("Apply analytical skills to rationalise the change requests")
    assert st._opens_with_action("Actively participate in the weekly planning")
    assert not st._opens_with_action("Apply now to join the team")
    assert not st._opens_with_action("Apply → Pass qualification(s) → Join a project")
    assert st._verb_pieces("Contribute to team standards on documentation Apply responsible AI practices") == [
        "Contribute to team standards on documentation", "Apply responsible AI practices"]


def test_a_duties_list_keeps_lines_opening_with_less_common_action_verbs():
    text = ("Claims Analyst\n\nResponsibilities\n"
            "- Determine whether each claim is covered by the policy\n"
            "- Extracting, cleaning and loading the monthly claims data\n"
            "- Deputise for the team leader when required\n"
            "- Sustain good relationships with the loss adjusters\n\n"
            "Requirements\n- Have 2 years of claims experience\n")
    (rec,) = analyse(text)
    assert [r["text"] for r in rec["responsibilities"]] == [
        "Determine whether each claim is covered by the policy",
        "Extracting, cleaning and loading the monthly claims data",
        "Deputise for the team leader when required",
        "Sustain good relationships with the loss adjusters"]


def test_third_person_role_sentences_with_an_article_a_modal_or_a_lower_case_role():
    text = ("Clinical Pharmacist\n\nAcme Health is a regional insurer with offices in Ohio.\n\n"
            "In addition, the pharmacist will serve as a resource on benefit questions for the call centre staff. "
            "This role may also assist in developing clinical strategies for formulary management. "
            "A CPM drives the quarterly formulary review with the medical directors. "
            "The recruiter will share more details about pay during the hiring process. "
            "A Disability Confident employer will offer an interview to any applicant who meets the criteria.\n\n"
            "Responsibilities\n- Review prior authorisation requests against the policy\n")
    (rec,) = analyse(text)
    assert [r["text"] for r in rec["responsibilities"]] == [
        "Review prior authorisation requests against the policy",
        "In addition, the pharmacist will serve as a resource on benefit questions for the call centre staff.",
        "This role may also assist in developing clinical strategies for formulary management.",
        "A CPM drives the quarterly formulary review with the medical directors."]


def test_a_duties_lead_in_glued_to_its_first_duty_opens_duties_even_under_benefits():
    text = ("Joining our department comes with many benefits, including:\n"
            "- 25 days annual leave\n- A generous pension\n"
            "Join the Trade Division, where you will help shape the export strategy.\n"
            "Your responsibilities will include, but aren't limited to:Lead the development of the export policy.\n"
            "Manage a pipeline of investment opportunities for the minister.\n"
            "For further information on the role, please read the role profile.\n")
    (rec,) = analyse(text)
    found = [r["text"] for r in rec["responsibilities"]]
    assert "Lead the development of the export policy." in found
    assert "Manage a pipeline of investment opportunities for the minister." in found
    assert not any("role profile" in f or "annual leave" in f for f in found)


def test_an_action_list_under_a_heading_with_a_benefit_word_holds_duties():
    text = ("Benefits Realisation & Impact\n- Define and track the benefits profiles of each project\n"
            "- Establish baselines for ongoing performance tracking\n- Data & Reporting\n"
            "- Design and maintain the Power BI dashboards\n- Improve the quality of management information\n\n"
            "Benefits\n- 25 days holiday\n- Private medical cover\n- Enjoy a free lunch on Fridays\n")
    (rec,) = analyse(text)
    assert [r["text"] for r in rec["responsibilities"]] == [
        "Define and track the benefits profiles of each project", "Establish baselines for ongoing performance tracking",
        "Design and maintain the Power BI dashboards", "Improve the quality of management information"]


def test_a_requirements_heading_glued_into_a_duty_ends_the_duties_list():
    text = ("Team Notes\n- Plan the quarterly stock counts with the depot managers.\n"
            "- Review supplier invoices against delivery notes every week.\n"
            "- Coach the two junior buyers on negotiation and forecasting. What You'll Bring- Sharp judgement: "
            "ability to weigh cost against service when choosing suppliers.\n"
            "- Clear written English to:\n- Explain pricing changes to branch staff\n- Escalate late deliveries early\n")
    (rec,) = analyse(text)
    assert [r["text"] for r in rec["responsibilities"]] == [
        "Plan the quarterly stock counts with the depot managers.",
        "Review supplier invoices against delivery notes every week.",
        "Coach the two junior buyers on negotiation and forecasting."]


def test_a_lead_in_glued_by_its_colon_and_items_glued_without_a_blank_are_cut():
    from workbench import structure as st

    assert st._verb_pieces("You'll have the chance to:Lead the rollout of the new warehouse scanners "
                           "across the northern depots") == [
        "You'll have the chance to:", "Lead the rollout of the new warehouse scanners across the northern depots"]
    assert st._duty_texts_of("Weekly stock reportUpdating/maintaining the returns log,Updating branch price lists",
                             None) == ("Weekly stock report", "Updating/maintaining the returns log",
                                       "Updating branch price lists")
    # a product name in camel case, or a path before the capital, is no join
    assert st._glued_capital_cuts("Maintain the team's OneDrive folders") == []
    assert st._glued_capital_cuts("see example.com/careersRead our values") == []


def test_a_field_label_that_swallowed_the_text_before_it_is_no_duty():
    from workbench import structure as st

    assert st._duty_texts_of("PermanentStore ManagerLeeds | Hybrid", "Yorkshire - United Kingdom Type") == ()


def test_a_question_that_offers_responsibility_gives_its_duty_and_traits_are_none():
    text = ("Your Tasks\nYou like order and quiet. You think you can be responsible for planning and running the "
            "monthly payroll for our three shops? Then you could be the perfect candidate for our team!\n"
            "You love working with numbers and you are precise.\n")
    (rec,) = analyse(text)
    assert [r["text"] for r in rec["responsibilities"]] == [
        "be responsible for planning and running the monthly payroll for our three shops"]


def test_russian_know_and_can_lines_and_tool_requirements_are_no_duties_and_short_action_nouns_are():
    text = ("Обязанности:\n- составление смет по разделам проекта;\n- чтение чертежей;\n"
            "- знать порядок согласования смет с заказчиком;\n- уметь читать чертежи;\n"
            "- Jenkins – опыт настройки сборок;\n")
    (rec,) = analyse(text)
    assert [r["text"] for r in rec["responsibilities"]] == ["составление смет по разделам проекта;", "чтение чертежей;"]


def test_this_is_a_role_where_you_work_is_a_duty_and_we_will_have_you_work_is_the_holders_work():
    text = ("About the job\nThis is a hands-on planning role where you will build the weekly delivery plan for "
            "our four depots. This is a great place to grow.\n\nResponsibilities\n"
            "- We will have you run the morning stand-up with the drivers.\n"
            "- We will rely on the planner to agree slot times with the stores.\n- We offer a company van.\n")
    (rec,) = analyse(text)
    assert [r["text"] for r in rec["responsibilities"]] == [
        "We will have you run the morning stand-up with the drivers.",
        "We will rely on the planner to agree slot times with the stores.",
        "This is a hands-on planning role where you will build the weekly delivery plan for our four depots."]


def test_whats_in_it_for_you_glued_into_a_duties_list_ends_it():
    text = ("What you'll do\n- Plan the weekly rota for the call centre team\n"
            "- Check the quality of ten calls a week per agent\n"
            "- What's in it for you Join a friendly team in our Leeds office, with training from day one and a clear "
            "path to team manager.\n"
            "- Private pension scheme\n- Share options for every employee\n")
    (rec,) = analyse(text)
    assert [r["text"] for r in rec["responsibilities"]] == [
        "Plan the weekly rota for the call centre team", "Check the quality of ten calls a week per agent"]


def test_the_paragraphs_under_a_pay_line_heading_are_read_but_not_its_pay_sentences():
    text = ("Job Description\nRemote Claims Specialist\n\nPay $17-22hr (Based on Experience)\n\n"
            "The Claims Specialist is responsible for checking hospital invoices against the agreed tariffs. "
            "The pay offered will depend on experience.\n\nRequirements\n- Two years of billing experience\n")
    (rec,) = analyse(text)
    assert [r["text"] for r in rec["responsibilities"]] == [
        "The Claims Specialist is responsible for checking hospital invoices against the agreed tariffs."]


def test_russian_you_have_and_you_can_lines_are_requirements():
    text = "Обязанности:\n- ведение переговоров с поставщиками;\n- имеете опыт закупок от 2 лет;\n- умеете работать в 1С;\n"
    (rec,) = analyse(text)
    assert [r["text"] for r in rec["responsibilities"]] == ["ведение переговоров с поставщиками;"]


def test_tasks_named_by_nouns_in_a_duties_list_are_duties_in_a_run_or_as_sentences():
    text = ("Responsibilities\n- Prepare the monthly management accounts for the board\n- Stock count reconciliation\n"
            "- Supplier statement review\n- Quarter-end closing\n- Maintain the fixed asset register\n"
            "- Payroll administration.\n- Chase overdue invoices with the sales team\n")
    (rec,) = analyse(text)
    texts = [r["text"] for r in rec["responsibilities"]]
    assert texts == ["Prepare the monthly management accounts for the board", "Stock count reconciliation",
                     "Supplier statement review", "Quarter-end closing", "Maintain the fixed asset register",
                     "Payroll administration.", "Chase overdue invoices with the sales team"]


def test_a_lone_noun_line_between_orders_heads_them_and_sentences_are_no_task_names():
    text = ("Responsibilities\n- Agree the delivery plan with each client\nAccount Management\n"
            "- Run the quarterly business reviews\n- The position is fully remote\n- Your application review\n")
    (rec,) = analyse(text)
    texts = [r["text"] for r in rec["responsibilities"]]
    assert "Account Management" not in texts
    assert "The position is fully remote" not in texts


def test_a_short_title_case_order_is_a_duty_and_a_gerund_pair_a_sub_heading():
    from workbench import structure as st

    assert not st._is_subheading("Complete Flash Report")
    assert not st._is_subheading("Reconcile to GL")
    assert st._is_subheading("Communicating and Influencing")
    assert st._is_subheading("Drive Growth")
    assert st._is_subheading("Stakeholder Management & Insight Synthesis")


def test_a_short_list_line_is_cut_before_a_glued_order_followed_by_a_lower_case_word():
    from workbench import structure as st

    assert st._duty_texts_of("Month-end journals Reconcile to the ledger", None) == ("Reconcile to the ledger",)
    # a verb-like word before a name is no new item
    assert st._duty_texts_of("Maintain the register and open Service Partner accounts", None) == (
        "Maintain the register and open Service Partner accounts",)


def test_a_dot_after_a_blank_opens_a_name_and_no_sentence():
    from workbench import structure as st

    text = "Build services in C# .Net and .NET Core. Review pull requests.Ship weekly"
    assert st._prose_pieces(text) == st._PROSE_SPLIT.split(text) == [
        "Build services in C# .Net and .NET Core.", "Review pull requests.", "Ship weekly"]


def test_a_role_or_you_sentence_run_on_after_a_lower_case_word_starts_anew_but_not_after_what():
    from workbench import structure as st

    text = ("Deliver site surveys for each client This role will support the design lead. "
            "You will join the team What You'll Do- Plan installs")
    assert st._prose_pieces(text) == st._PROSE_SPLIT.split(text) == [
        "Deliver site surveys for each client", "This role will support the design lead.", "You will join the team What You'll Do- Plan installs"]


def test_a_hands_on_role_working_across_sites_states_duties():
    text = ("About the job\nWe are a regional facilities company with a strong name.\n"
            "This is a hands-on role working across three depots, servicing and repairing the fleet's cooling units.\n")
    (rec,) = analyse(text)
    assert [r["text"] for r in rec["responsibilities"]] == [
        "This is a hands-on role working across three depots, servicing and repairing the fleet's cooling units."]


def test_the_role_s_focus_a_core_responsibility_and_an_expected_task_are_duty_sentences():
    from workbench import structure as st

    assert st._duty_sentence("the role focuses on building the reporting layer for finance.")
    assert st._duty_sentence("a core responsibility is keeping the data catalogue current.")
    assert st._is_duty_shaped("This position is expected to manage projects across the northern region.")
    assert not st._is_duty_shaped("This position is based in Leeds.")


def test_an_order_after_a_closing_bracket_starts_a_new_item():
    from workbench import structure as st

    assert st._verb_pieces("Coordinate with suppliers and site teams (mill/site) Provide oversight of the schedule and "
                           "costs (phase 1 readiness) Drive a continuous improvement plan") == [
        "Coordinate with suppliers and site teams (mill/site)", "Provide oversight of the schedule and costs (phase 1 readiness)",
        "Drive a continuous improvement plan"]
    # not before a name or a preposition: "(EMEA) Partner in North America"
    assert len(st._verb_pieces("Work with the regional lead for accounts in Europe (EMEA) Partner in North America and Asia "
                               "on every quarterly plan")) == 1


def test_form_and_exercise_open_duties_as_verbs_but_not_as_nouns_or_headings():
    verbs = ("Responsibilities\nForm partnerships with regional distributors to open new markets\n"
             "Exercise sound judgement when approving client credit limits\n"
             "Aid the account director in preparing quarterly business reviews\n"
             "Rally the wider team behind each client launch\nShepherd new contracts through legal review\n")
    (rec,) = analyse(verbs)
    assert [r["text"] for r in rec["responsibilities"]] == verbs.splitlines()[1:]
    nouns = ("Responsibilities\nManage the monthly account reviews with each client Exercise and Wellness Perks "
             "Free gym membership for all staff\nPrepare the quarterly revenue forecast\nExercise\n"
             "Form of employment: full time\n")
    (rec,) = analyse(nouns)
    texts = [r["text"] for r in rec["responsibilities"]]
    assert texts[0].endswith("with each client Exercise and Wellness Perks Free gym membership for all staff")  # no cut
    assert not any(t.startswith(("Exercise", "Form")) for t in texts), texts


def test_a_verb_that_is_also_a_noun_opens_a_duty_only_before_its_object():
    from workbench import structure as st

    for heading in ("Exercise", "Forms", "Form of employment: full time", "Exercise and Wellness", "Aid & Relief"):
        assert not st._opens_with_action(heading), heading
    for duty in ("Forms strong partnerships with channel partners", "Exercise sound judgement on credit limits",
                 "Aid in preparing tenders"):
        assert st._opens_with_action(duty), duty


def test_a_capitalised_verb_after_a_name_starts_the_next_glued_item():
    from workbench import structure as st

    line = ("Plan each sprint with the Product Owner Promote a culture of careful testing across the squad "
            "Prepare release notes for the Service Desk Rallies feedback from pilot users into the backlog")
    assert st._verb_pieces(line) == [
        "Plan each sprint with the Product Owner", "Promote a culture of careful testing across the squad",
        "Prepare release notes for the Service Desk", "Rallies feedback from pilot users into the backlog"]
    # a job title, a noun after a name, or a name at the text's start cuts nothing
    for kept in ("Act as the Team Lead for the payments squad and mentor two juniors in code review",
                 "Work with the IT Support team on the laptop refresh and keep the asset register current",
                 "Annual Budget planning and preparation with the finance business partners each autumn",
                 "Hiring a Data Engineer who will be a key member of the analytics team in our Leeds office"):
        assert st._verb_pieces(kept) == [kept], kept


def test_teams_up_opens_a_duty_and_starts_a_glued_item():
    from workbench import structure as st

    assert st._opens_with_action("Teams up with the product owner to groom the backlog")
    assert not st._opens_with_action("Teams across the business rely on the reports")
    assert st._verb_pieces("Runs the daily stand-up and keeps it short Teams up with design on each new flow") == [
        "Runs the daily stand-up and keeps it short", "Teams up with design on each new flow"]


def test_a_russian_list_run_together_is_cut_before_each_capitalised_duty():
    text = ("Обязанности\nВести учет путевых листов водителей и других документов Обеспечивать ремонт "
            "автомобилей в срок Проверка заявок на перевозку от отделов\n")
    (rec,) = analyse(text)
    assert [r["text"] for r in rec["responsibilities"]] == [
        "Вести учет путевых листов водителей и других документов", "Обеспечивать ремонт автомобилей в срок",
        "Проверка заявок на перевозку от отделов"]


def test_prose_says_the_duty_after_a_team_joined_a_search_or_responsibilities_include():
    text = ("Stock Controller\n\nWe are searching for a Stock Controller to keep the warehouse counts right. "
            "We're looking for a planner to join our depot team and schedule the weekly deliveries. "
            "Brightwell is recruiting for a bookkeeper to join our finance office to reconcile the supplier "
            "accounts. Join our small team, where you'll run the goods-in desk every morning. "
            "Key responsibilities include counting the cages and logging the returns. "
            "The day-to-day involves walking the racking with a scanner. "
            "We are looking for someone to join our friendly team in Hull.")
    (rec,) = analyse(text)
    assert [r["text"] for r in rec["responsibilities"]] == [
        "keep the warehouse counts right.", "schedule the weekly deliveries.", "reconcile the supplier accounts.",
        "you'll run the goods-in desk every morning.",
        "Key responsibilities include counting the cages and logging the returns.",
        "The day-to-day involves walking the racking with a scanner."]


def test_the_role_will_inside_a_sentence_takes_of_and_and_in_its_name_and_a_lower_case_holder():
    text = ("Partnerships\n\nReporting to the VP of Sales, the Head of Channel and Alliances will own the reseller "
            "programme. As part of the finance team, the consultant will prepare the month-end journals. "
            "Since last year the company will open two new sites.")
    (rec,) = analyse(text)
    assert [r["text"] for r in rec["responsibilities"]] == [
        "Reporting to the VP of Sales, the Head of Channel and Alliances will own the reseller programme.",
        "As part of the finance team, the consultant will prepare the month-end journals."]


def test_pay_offered_the_posting_closing_and_remote_work_are_no_duties():
    text = ("Responsibilities\n- Reconcile the supplier statements every month\n"
            "- The final compensation offered will depend on skills and location\n"
            "- Offers given will reflect the candidate's experience\n"
            "- This job posting will close on 3 March.\n"
            "- The application window for this role closes on 3 March.\n"
            "- Acme is not responsible for any fees related to unsolicited resumes.\n"
            "- This position will be performed fully remote.\n"
            "- The working pattern for this position is Fully Virtual.\n"
            "- The position is mostly remote, with two office days a month.\n")
    (rec,) = analyse(text)
    assert [r["text"] for r in rec["responsibilities"]] == ["Reconcile the supplier statements every month"]


def test_action_lines_that_open_a_skills_or_requirements_list_are_duties():
    text = ("Planning Analyst\n\nEssential Skills\n"
            "- Maintaining the weekly plan for the three depots\n"
            "- Producing the monthly service report for the board\n"
            "- Coordinating stock moves between the depots and the suppliers\n"
            "- Experience with SAP or a similar planning tool\n"
            "- Strong written English\n\n"
            "Requirements\n- Run a planning tool such as SAP\n- Two years in logistics\n")
    (rec,) = analyse(text)
    assert [r["text"] for r in rec["responsibilities"]] == [
        "Maintaining the weekly plan for the three depots", "Producing the monthly service report for the board",
        "Coordinating stock moves between the depots and the suppliers"]


def test_a_lead_in_saying_what_you_will_do_in_this_role_heads_duties():
    text = ("Payments Administrator\n\nIn this role, you'll make an impact in the following ways:\n"
            "- Daily reconciliation of the client cash accounts\n"
            "- Administration of the loan portfolios\n")
    (rec,) = analyse(text)
    assert [r["text"] for r in rec["responsibilities"]] == [
        "Daily reconciliation of the client cash accounts", "Administration of the loan portfolios"]


def test_a_one_word_heading_glued_to_the_sentence_after_it_is_left_out():
    from workbench import structure as st

    assert st._without_heading("RoleThe Data Engineer will own the nightly loads.") == (
        "The Data Engineer will own the nightly loads.", None)
    assert st._without_heading("The OpportunityYou'll run the payroll.") == ("You'll run the payroll.", None)
    assert st._without_heading("RequirementsFive years in payroll.") == ("Five years in payroll.", "requirements")
    assert st._without_heading("Roles and teams vary.") == ("Roles and teams vary.", None)
    text = ("Data Engineer\n\nAbout\nRoleThe Data Engineer will own the nightly loads from the finance systems. "
            "The Lead Engineer / Technical Lead will set the coding standards of the team.\n")
    (rec,) = analyse(text)
    assert [r["text"] for r in rec["responsibilities"]] == [
        "The Data Engineer will own the nightly loads from the finance systems.",
        "The Lead Engineer / Technical Lead will set the coding standards of the team."]


def test_a_sought_role_clause_that_is_a_pitch_is_no_duty():
    from workbench import structure as st

    assert st._sought_duty("We are looking for someone to help shape it.") is None
    assert st._sought_duty("We are seeking an analyst to help lead in our Retirement area!") is None
    assert st._sought_duty("We are seeking an analyst to work for a company with its eyes on the future?") is None
    assert st._sought_duty("We are seeking an analyst to reconcile the pension accounts.") == \
        "reconcile the pension accounts."


def test_russian_traits_knowledge_and_years_asked_are_requirements_in_a_duties_list():
    text = ("Обязанности\n- Разработка разделов проектной документации;\n"
            "- Работа в проектных организациях не менее 3-х лет;\n- базовые знания SQL;\n"
            "- Целеустремленность, фокус на результате;\n- Адаптивность и обучаемость;\n"
            "- Гибкость в работе;\n")
    (rec,) = analyse(text)
    assert [r["text"] for r in rec["responsibilities"]] == ["Разработка разделов проектной документации;"]


def test_not_lines_field_values_you_need_to_and_a_named_company_after_a_clause_are_no_duties():
    text = ("Responsibilities\n- Review the agent's pull requests before each release\n"
            "- Not writing the code from scratch\n- Contract Full time\n"
            "- You need to understand where the models fail\n"
            "- Operating at the heart of the energy market, Brightwell builds tools for traders\n"
            "- Founded in 2001, Northgate serves three hundred councils\n"
            "- Working with the CFO, prepare the quarterly forecast\n"
            "- Acme's EEO Policy and Know your rights notices apply\n")
    (rec,) = analyse(text)
    assert [r["text"] for r in rec["responsibilities"]] == [
        "Review the agent's pull requests before each release", "Working with the CFO, prepare the quarterly forecast"]


def test_a_stack_label_lists_tools_not_duties():
    text = "Responsibilities\n- Build the booking service\n- Core stack: Python, React, Postgres and Kafka\n"
    (rec,) = analyse(text)
    assert [r["text"] for r in rec["responsibilities"]] == ["Build the booking service"]


def test_a_list_of_ing_orders_is_cut_before_each_one_even_after_a_name():
    from workbench.structure import _verb_pieces

    line = ("Creating databases on Azure Configuring security and access controls Azure Administration "
            "Configuring backups and recovery policies")
    assert _verb_pieces(line) == ["Creating databases on Azure",
                                  "Configuring security and access controls Azure Administration",
                                  "Configuring backups and recovery policies"]
    # once a list has been cut before an "-ing" order, a later one after a name is cut too
    assert _verb_pieces("Database Design Designing the table structures Creating databases on Azure "
                        "Configuring security") == ["Database Design Designing the table structures",
                                                    "Creating databases on Azure", "Configuring security"]
    # outside such a list an "-ing" word after a name stays ("... with Google Analytics Reporting tools")
    assert _verb_pieces("Report weekly results in Google Analytics Reporting tools and dashboards") == \
        ["Report weekly results in Google Analytics Reporting tools and dashboards"]


def test_a_russian_list_of_capitalised_nouns_of_action_that_lost_its_breaks_is_cut():
    text = ("Обязанности:\nСоставление договоров подряда с Заказчиками Составление актов выполненных работ - ПНР "
            "Составление дефектных актов (Оборудование, Материалы) Оформление ведомостей Заказчика\n")
    (rec,) = analyse(text)
    assert [r["text"] for r in rec["responsibilities"]] == [
        "Составление договоров подряда с Заказчиками", "Составление актов выполненных работ - ПНР",
        "Составление дефектных актов (Оборудование, Материалы)", "Оформление ведомостей Заказчика"]


def test_a_job_description_label_inside_a_requirements_section_is_read_as_prose():
    text = ("Experience: 8 to 15 years in integration work\nJob Description: As an API Developer and member of the "
            "team, this person will be responsible for technology leadership on customer projects.\n")
    (rec,) = analyse(text)
    assert [r["text"] for r in rec["responsibilities"]] == [
        "As an API Developer and member of the team, this person will be responsible for technology leadership on "
        "customer projects."]


def test_career_talk_and_qualities_named_by_a_noun_are_no_duties():
    from workbench.structure import _is_duty_shaped

    for line in ("Now, you'll build a career at the forefront of hybrid cloud and AI, working with leading clients.",
                 "You'll collaborate with top professionals, gain hands on experience with new tools, and deliver impact.",
                 "In-depth understanding of foundation models and large language models",
                 "Extensive expertise in statistical analysis and six sigma methodologies",
                 "Background in data science, IT consulting, or a related field.",
                 "A resilient individual with a strong work ethic and an organised approach to a busy workload."):
        assert not _is_duty_shaped(line), line
    assert _is_duty_shaped("Build career development frameworks for the engineering team")
