"""Skills with levels, years of experience, education and languages."""

import pytest

from workbench.requirements import extract_education, extract_experience, extract_languages, extract_requirements, extract_skills


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2-3 years' experience in hospitality", {"min": 2, "max": 3}),
        ("At least 2-3 years in account management.", {"min": 2, "max": 3}),
        ("5+ years of B2B sales experience", {"min": 5, "max": None}),
        ("Minimum of 4 years experience", {"min": 4, "max": None}),
        ("7-10 лет предыдущего опыта работы в агентстве", {"min": 7, "max": 10}),
        ("Опыт работы от 3 лет", {"min": 3, "max": None}),
        ("3年以上大客户销售经验", {"min": 3, "max": None}),
        ("三年以上工作经验", {"min": 3, "max": None}),
        ("Most vacancies want two to four years of experience.", {"min": 2, "max": 4}),
        ("Employers ask for up to two years of experience.", {"min": None, "max": 2}),
        ("Опыт работы в клиентском сервисе от 6 месяцев", {"min": 0.5, "max": None}),
    ],
)
def test_experience_years(text, expected):
    assert extract_experience(text) == expected


@pytest.mark.parametrize("text", ["We have partnered with clients for over 7 years.", "Candidates aged 25-35 years old",
                                  "Founded 20 years ago."])
def test_years_that_are_not_experience(text):
    assert extract_experience(text) is None


def test_strongest_requirement_wins():
    assert extract_experience("2 years in CRM. 5-7 years of agency experience.") == {"min": 5, "max": 7}


@pytest.mark.parametrize(
    ("text", "level"),
    [
        ("Bachelor's degree in marketing", "bachelor"),
        ("High school diploma required; Bachelor of Arts preferred.", "high_school"),
        ("MBA preferred.", "master"),
        ("Высшее образование", "bachelor"),
        ("本科及以上学历", "bachelor"),
        ("Good communicator", None),
    ],
)
def test_education(text, level):
    assert extract_education(text) == level


def test_languages():
    assert extract_languages("Fluent English and conversational German required.") == ["English", "German"]
    assert extract_languages("Владеет разговорным английским языком") == ["English"]
    assert extract_languages("英语流利，会普通话") == ["English", "Chinese"]
    assert extract_languages("Our English clients") == []


def test_competency_profile_skills_with_levels():
    text = ("Skill Descriptors\nNegotiating: Knowledge of negotiation.\nLevel Extensive Experience:\n61 a\n"
            "Industry Knowledge: Knowledge of the industry.\nLevel Working Knowledge:\n61 b\n")
    assert extract_skills(text) == [{"name": "Negotiating", "level": "Extensive Experience"},
                                    {"name": "Industry Knowledge", "level": "Working Knowledge"}]


def test_skills_section_items_without_levels():
    text = "Desired Skill(s):\n- Customer service\n- Networking\n\nOther:\n- x\n"
    assert extract_skills(text) == [{"name": "Customer service", "level": None}, {"name": "Networking", "level": None}]


@pytest.mark.parametrize("text", [
    "Desired Skill(s):\n- Customer service\n- Networking\n\nOther:\n- x\n",
    "Intro, skills matter\n## Key skills\n- Excel\n- Word\n",
    "#\n\n  \nSKILLS\n1. Planning\n2. Reporting\n",  # "#+\\s*" crosses blank lines
    "x\n#\nfoo\nSkills:\n- Python\n",  # a line between the marks and the word: no crossing
    "Ключевые навыки:\n- Excel\n- 1С\n",
    "技能要求\n1. 沟通\n2. 谈判\n",
    "ſkills: read by IGNORECASE as skills\nSkills\n- a\n",  # a folded letter: the whole text is scanned
    "Competencies\n- Negotiation\nCore skills\n- Planning\n",
    "Skills and skills\n- a\n- b\nno skills here",
])
def test_skill_headings_found_at_line_starts_are_those_of_a_whole_text_scan(text):
    from workbench import requirements

    scanned = [m.span() for m in requirements._SKILL_HEADING_RE.finditer(text)]
    assert [m.span() for m in requirements._skill_headings(text, text.lower())] == scanned
    assert extract_skills(text)


def test_requirements_dict_shape():
    r = extract_requirements("3-5 years experience. Bachelor degree. Fluent English.")
    assert r == {"experience_years": {"min": 3, "max": 5}, "education": "bachelor", "languages": ["English"]}


def test_education_in_a_text_without_sentence_breaks():
    # Full stops with no space after them: each sentence is read around its word only.
    unit = "Bachelor's degree or equivalent.Good communication skills.Manage key client accounts,"
    assert extract_education((unit * 2000)[:100_000]) == "bachelor"


@pytest.mark.parametrize("text, expected", [
    ("Experience: 2+ years. Our company has 30 years of history.", {"min": 2, "max": None}),
    ("Minimum 2 years experience; 10 years in business.", {"min": 2, "max": None}),
    ("3-5年工作经验，公司成立20年。", {"min": 3, "max": 5}),
    ("10 years in account management", {"min": 10, "max": None}),
])
def test_company_age_is_not_experience(text, expected):
    assert extract_experience(text) == expected


def test_russian_range_with_the_unit_after_both_numbers():
    assert extract_experience("Опыт работы от 1 года до 3 лет.") == {"min": 1, "max": 3}
    assert extract_experience("опыт работы 3-5 лет") == {"min": 3, "max": 5}


@pytest.mark.parametrize("text, minimum", [
    ("Minimum 3 years in business development.", 3),
    ("3+ years in operations management.", 3),
    ("2 years in trading roles.", 2),
])
def test_years_in_a_business_function_are_experience(text, minimum):
    assert extract_experience(text)["min"] == minimum
