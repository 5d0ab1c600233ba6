"""Section headings, bullets of every shape and labelled items."""

from workbench.ingest import html_to_text
from workbench.sections import cue_kind, heading_kind, lead_in_kind, parse_sections, split_sections


def test_bullets_of_any_glyph_are_items():
    text = "Responsibilities\n- one\n• two\n* three\n– four\n— five\n· six\n▪ seven\n1. eight\n2) nine\n"
    (section,) = parse_sections(text)
    assert section["heading"] == "Responsibilities"
    assert section["kind"] == "duties"
    assert [i["text"] for i in section["items"]] == ["one", "two", "three", "four", "five", "six", "seven",
                                                      "eight", "nine"]


def test_mangled_bullet_token_repeated_on_consecutive_lines_is_a_bullet():
    text = ("Duties\n61 Meet clients every month.\n61 Write the quarterly plan.\n61 Track invoices.\n"
            "Skills\nNegotiation: able to close.\n")
    sections = parse_sections(text)
    assert sections[0]["heading"] == "Duties"
    assert [i["text"] for i in sections[0]["items"]] == ["Meet clients every month.", "Write the quarterly plan.",
                                                         "Track invoices."]


def test_label_description_items_keep_their_label():
    text = "1. Account Director Duties\n- Deal Negotiation: Lead the commercial terms.\n- Forecasting: Own the forecast.\n"
    (section,) = parse_sections(text)
    assert section["heading"] == "Account Director Duties"
    assert section["items"][0] == {"text": "Lead the commercial terms.", "label": "Deal Negotiation"}


def test_numbered_heading_followed_by_items_is_a_heading_not_an_item():
    text = "1. Account Director Details\n- Problem Solving: Fix things.\n2. Account Director Functions\n- Lead: Do it.\n"
    sections = parse_sections(text)
    assert [s["heading"] for s in sections] == ["Account Director Details", "Account Director Functions"]
    assert all(s["kind"] == "duties" for s in sections)


def test_colon_headings_and_other_languages():
    text = ("Обязанности:\n- вести переговоры\nТребования:\n- опыт от 3 лет\nУсловия:\n- ДМС\n"
            "岗位职责：\n- 维护客户关系\n任职要求：\n- 本科以上学历\n")
    kinds = [(s["heading"], s["kind"]) for s in parse_sections(text)]
    assert kinds == [("Обязанности", "duties"), ("Требования", "requirements"), ("Условия", "benefits"),
                     ("岗位职责", "duties"), ("任职要求", "requirements")]


def test_level_lines_are_not_headings():
    text = "Skill Descriptors\nNegotiating: Knowledge of negotiation.\nLevel Extensive Experience:\n61 a\n61 b\n61 c\n"
    sections = parse_sections(text)
    assert [s["heading"] for s in sections] == ["Skill Descriptors"]


def test_raw_html_is_read_by_the_ingest_converter():
    html = ("<div><p><b>Essential Functions: </b></p><ul><li>Run the account.</li><li>Report monthly.</li></ul>"
            "<p><b>Qualifications:</b></p><ul><li>Degree</li></ul></div>")
    sections = parse_sections(html, item_offsets=True)
    assert [(s["heading"], len(s["items"])) for s in sections] == [("Essential Functions", 2), ("Qualifications", 1)]
    # offsets refer to the converted text, the one ingest would have stored
    converted = html_to_text(html)
    assert converted[sections[1]["items"][0]["start"]:].startswith("- Degree")
    assert sections == split_sections(converted, item_offsets=True)


def test_split_sections_does_not_read_html():
    text = "Duties\n- Quote <b>bold</b> in the brief\n- Report"
    (section,) = split_sections(text)
    assert [i["text"] for i in section["items"]] == ["Quote <b>bold</b> in the brief", "Report"]


def test_preamble_and_offsets():
    text = "Intro line here.\nResponsibilities\n- Do things\n"
    sections = parse_sections(text, item_offsets=True)
    assert sections[0]["heading"] is None
    assert sections[1]["start"] == text.index("Responsibilities")
    assert text[sections[1]["items"][0]["start"]:].startswith("- Do things")


def test_heading_kinds():
    assert heading_kind("What you'll do") == "duties"
    assert heading_kind("Salary and benefits") == "pay"
    assert heading_kind("Job Description") == "description"
    assert heading_kind("Random words") == "other"


def test_long_wrapped_paragraph_is_one_item():
    # A page of many short wrapped lines was quadratic (the item text grew by +=, about
    # 4 s at 250,000 lines); the lines are now joined once. make bench times extraction.
    lines = ["word"] * 200_000
    (section,) = parse_sections("\n".join(lines))
    assert len(section["items"]) == 1 and section["items"][0]["text"] == " ".join(lines)


def test_lead_in_sentence_opens_the_list_it_introduces():
    text = ("About the role\nFollowing your training and induction, you will be responsible for:\n"
            "- Covering the North of England\n- Selling to laboratories\n"
            "We are interested in speaking with scientists who have:\n- A degree in chemistry\n")
    sections = split_sections(text)
    assert [(s["kind"], len(s["items"])) for s in sections] == [("description", 0), ("duties", 2), ("requirements", 1)]


def test_sub_headings_inside_duties_stay_duties_and_a_glued_cue_ends_them():
    text = ("Responsibilities\nClient Management:\n- Own twelve retail accounts\nReporting:\n- Send weekly reports\n"
            "We offer a pension and 25 days of holiday.\nOur Culture\n- Friday lunches\n")
    sections = split_sections(text)
    assert [s["kind"] for s in sections] == ["duties", "duties", "duties", "benefits", "other"]
    assert [i["text"] for s in sections if s["kind"] == "duties" for i in s["items"]] == [
        "Own twelve retail accounts", "Send weekly reports"]


def test_heading_glued_to_its_text_is_cut_off():
    line = ("About YouWe are interested in speaking with ambitious recruitment leaders who have built teams "
            "in agencies before and want to do it again")
    (_, about) = split_sections("Intro line.\n" + line + "\n")
    assert about["heading"] == "About You" and about["kind"] == "requirements"
    assert about["items"][0]["text"].startswith("We are interested")


def test_restored_line_starts_are_items_not_wrapped_lines():
    text = "Duties\nOwn the accounts\nPrepare the reports\n"
    joined = split_sections(text)
    assert [i["text"] for i in joined[0]["items"]] == ["Own the accounts Prepare the reports"]
    split = split_sections(text, line_starts={text.index("Prepare")})
    assert [i["text"] for i in split[0]["items"]] == ["Own the accounts", "Prepare the reports"]


def test_cue_and_lead_in_kinds():
    assert cue_kind("Benefits include a car allowance") == "benefits"
    assert cue_kind("The salary range for this role is $90,000") == "pay"
    assert cue_kind("To apply, send your CV") == "other"
    assert cue_kind("Acme is an equal opportunity employer") == "other"
    assert cue_kind("Prepare weekly reports") is None
    assert lead_in_kind("In this role, you will:") == "duties"
    assert lead_in_kind("You'll bring:") == "requirements"
    assert lead_in_kind("This role may suit people working as:") == "other"


def test_a_job_title_heading_is_no_requirements_heading():
    # "Education" and "Experience" name requirements, but not inside a job title.
    assert heading_kind("Education Outreach Officer") == "other"
    assert heading_kind("Customer Experience Manager") == "other"
    assert heading_kind("Education and Experience") == "requirements"
    assert heading_kind("What you'll get to do") == "duties"
    assert heading_kind("В чем заключается работа") == "duties"


def test_a_benefits_lead_in_ending_in_include_is_benefits():
    assert lead_in_kind("Highlights of our benefits package include:") == "benefits"
    assert lead_in_kind("Your day will include:") == "duties"
    assert lead_in_kind("Key responsibilities of the role include:") == "duties"


def test_a_bullet_after_an_inline_duties_label_is_not_kept_in_the_item():
    (sec,) = [s for s in split_sections("Обязанности: - ведение клиентской базы и переговоры с клиентами\n")
              if s["kind"] == "duties"]
    assert sec["items"][0]["text"] == "ведение клиентской базы и переговоры с клиентами"


def test_a_long_title_case_heading_line_opens_its_section():
    text = ("What You'll Do\n- Prepare the weekly forecast\nAt a Minimum We Would Like You To Have\n"
            "- Three years in field sales\n")
    kinds = [(s["heading"], s["kind"]) for s in split_sections(text)]
    assert kinds == [("What You'll Do", "duties"), ("At a Minimum We Would Like You To Have", "requirements")]


def test_a_heading_glued_inside_a_line_is_cut_out_with_its_kind():
    text = ("Responsibilities\n- Run the quarterly reviews with each client and close the actions while At Acme, "
            "You Will Enjoy Benefits Such As\n- Private health cover\n")
    sections = split_sections(text, item_offsets=True)
    assert [(s["heading"], s["kind"]) for s in sections] == [
        ("Responsibilities", "duties"), ("At Acme, You Will Enjoy Benefits Such As", "benefits")]
    assert sections[0]["items"][0]["text"] == "Run the quarterly reviews with each client and close the actions while"
    for sec in sections:
        for item in sec["items"]:
            assert text[item["start"]:].lstrip("- ").startswith(item["text"][:8])


def test_a_glued_heading_that_ends_before_the_first_item_leaves_the_item_its_verb():
    text = "- Flexible hours and a friendly office Main Duties Of The Account Manager Include Call every client monthly\n"
    sections = split_sections(text)
    assert [(s["heading"], s["kind"]) for s in sections][-1] == ("Main Duties Of The Account Manager Include", "duties")
    assert sections[-1]["items"][0]["text"] == "Call every client monthly"


def test_a_company_name_holding_benefits_is_no_glued_heading():
    text = "- Our group includes Acme Dental Benefits Holdings and its partners across the region\n"
    assert [s["kind"] for s in split_sections(text)] == ["description"]


def test_a_what_you_do_line_heads_duties_even_in_sentence_case():
    text = ("Acme Foods\nWhat you get to do every single day\nCall every store manager before noon\n"
            "Requirements\n- Two years in field sales\n")
    assert [(s["heading"], s["kind"]) for s in split_sections(text)][-2:] == [
        ("What you get to do every single day", "duties"), ("Requirements", "requirements")]
    assert cue_kind("Submit an application today and hear from us within a week") == "other"


def test_a_heading_that_kept_its_colon_is_cut_out_anywhere_in_a_line():
    text = ("Salary: £40,000 - 50,000 per year Requirements: Proven experience as a SQL developer\n"
            "Experience with Azure is a bonus Responsibilities: Maintain our SQL databases\n"
            "Develop stored procedures and queries\n")
    sections = split_sections(text, item_offsets=True)
    assert [(s["heading"], s["kind"]) for s in sections] == [
        ("Salary", "pay"), ("Requirements", "requirements"), ("Responsibilities", "duties")]
    assert [i["text"] for i in sections[-1]["items"]] == ["Maintain our SQL databases",
                                                           "Develop stored procedures and queries"]
    for sec in sections[1:]:
        for item in sec["items"]:
            assert text[item["start"]:].startswith(item["text"][:8])


def test_an_upper_case_heading_glued_after_a_sentence_opens_its_section():
    text = ("The Staff Accountant keeps the ledger. This is a remote role. ESSENTIAL FUNCTIONS & RESPONSIBILITIES:"
            "Complete monthly journal entries\nReconcile the fixed asset accounts\n")
    sections = split_sections(text)
    assert [(s["heading"], s["kind"]) for s in sections][-1] == ("ESSENTIAL FUNCTIONS & RESPONSIBILITIES", "duties")
    assert [i["text"] for i in sections[-1]["items"]] == ["Complete monthly journal entries",
                                                           "Reconcile the fixed asset accounts"]
    # An acronym before a colon is no heading.
    (only,) = split_sections("Key Responsibilities\n- Own the data model used by every analytics team across the "
                             "group, in SQL: joins, views and stored procedures\n")
    assert len(only["items"]) == 1 and only["items"][0]["text"].endswith("in SQL: joins, views and stored procedures")


def test_bold_sub_headings_inside_a_line_are_cut_out_and_the_duties_go_on():
    text = ("Key Responsibilities\n**Lead Design** : Oversee the electrical design of each project. + "
            "**Project Leadership** : Collaborate with the site teams on every delivery.\n")
    (section,) = split_sections(text)
    assert section["kind"] == "duties"
    assert [i["text"] for i in section["items"]] == ["Oversee the electrical design of each project.",
                                                     "Collaborate with the site teams on every delivery."]
    # A word stressed in a sentence stays in it.
    (plain,) = split_sections("Responsibilities\n- You will **own** the quarterly roadmap for the web team\n")
    assert plain["items"][0]["text"] == "You will **own** the quarterly roadmap for the web team"


def test_a_salary_field_line_does_not_swallow_the_lines_after_it():
    text = ("Location: Leeds\nSalary: £30,000 a year\nProject Overview: Plan the delivery route. Manage change.\n"
            "Responsibilities\n- Run the weekly depot meeting\n")
    kinds = [(s["heading"], s["kind"], [i["text"] for i in s["items"]]) for s in split_sections(text)]
    assert kinds[1] == ("Salary", "pay", ["£30,000 a year"])
    assert kinds[2][1] == "description" and kinds[2][2] == ["Plan the delivery route. Manage change."]


def test_a_lower_case_label_in_a_list_is_an_item_of_it_not_a_heading():
    text = "Условия:\n- сложные и интересные задачи: высоконагруженные сервисы\n- ДМС для сотрудников\n"
    (section,) = split_sections(text)
    assert section["kind"] == "benefits"
    assert len(section["items"]) == 2


def test_the_experience_of_users_or_customers_names_a_topic_not_a_requirement():
    assert heading_kind("Web Experience Reviews") == "other"
    assert heading_kind("Customer Experience") == "other"
    assert heading_kind("Relevant Experience") == "requirements"
    assert heading_kind("Customer Experience Required") == "requirements"
    assert lead_in_kind("Web Experience Roadmap Lead:") != "requirements"


def test_a_heading_glued_to_a_short_first_item_is_cut_off():
    text = "What You'll Be DoingDesign and maintain the backend services behind every order\n- Review code weekly\n"
    sections = split_sections(text)
    assert [(s["heading"], s["kind"]) for s in sections] == [("What You'll Be Doing", "duties")]
    assert sections[0]["items"][0]["text"] == "Design and maintain the backend services behind every order"


def test_hh_template_headings_and_candidate_task_sub_headings():
    from workbench.sections import heading_kind, split_sections

    assert heading_kind("Что нужно делать") == "duties"
    assert heading_kind("Что важно знать и уметь") == "requirements"
    assert heading_kind("Что будет конкурентным преимуществом") == "requirements"
    assert heading_kind("Наши преимущества") == "benefits"
    text = ("Responsibilities:\n- Agree the hiring plan with each manager\nCandidate Sourcing:\n"
            "- Source candidates on job boards and by referral\nWhat You Have:\n- Three years in recruitment\n")
    kinds = [(s["heading"], s["kind"]) for s in split_sections(text)]
    assert kinds == [("Responsibilities", "duties"), ("Candidate Sourcing", "duties"), ("What You Have", "requirements")]


def test_a_heading_that_ends_a_line_heads_the_lines_after_it_when_it_names_a_kind():
    # a bold run ending a line, a colon heading glued to the word before it, and a lead-in glued to an item
    bold = ("We build aircraft engines and wireless systems for every cockpit. **_Safer flying._** **Key responsibilities**\n"
            "- Definition and management of optical system requirements and budgets\n"
            "- Participation in design reviews, verification and validation\n")
    sections = split_sections(bold)
    assert sections[-1]["kind"] == "duties"
    assert [i["text"] for i in sections[-1]["items"]][-1] == "Participation in design reviews, verification and validation"
    colon = ("Key Skills & Experience:\n• Experience with Docker and Linux\n• Curiosity for new tools within AI and MLOpsKey "
             "Responsibilities:\n• Build and deliver machine learning systems for clients\n")
    assert [(s["kind"], len(s["items"])) for s in split_sections(colon)][-1] == ("duties", 1)
    lead = ("Key responsibilities:\n- Coach analytics engineers through code reviews\n- Promote modern engineering "
            "standards and reusable patterns What you’ll need to do the role:\n- Strong BI experience across the Microsoft stack\n")
    kinds = [(s["kind"], [i["text"] for i in s["items"]]) for s in split_sections(lead)]
    assert kinds[0] == ("duties", ["Coach analytics engineers through code reviews",
                                   "Promote modern engineering standards and reusable patterns"])
    assert kinds[-1] == ("requirements", ["Strong BI experience across the Microsoft stack"])
    # a bold name or phrase that ends a line and names no kind stays in its line
    assert len(split_sections("Join us as our new **Senior Optical Engineer**\n- Design the telescope mounts\n")) == 1


def test_a_name_defined_by_its_acronym_is_no_glued_heading():
    from workbench.sections import _glued_runs

    line = ("Collaborate with client stakeholders to identify and prioritise Key User Requirements (KURs) Design and "
            "develop data-driven applications and features aligned to user needs")
    assert _glued_runs(line) == []
    assert _glued_runs("Manage the weekly depot meetings for the team Key Duties And Responsibilities Build the "
                       "monthly delivery plan") != []


def test_a_curly_apostrophe_names_the_same_heading_kind():
    assert heading_kind("What you’ll need") == heading_kind("What you'll need") == "requirements"
