"""'% of time' duty splits: shapes, languages, exclusions and status."""

import pytest

from workbench.timealloc import extract_time_allocation


def shares(result):
    return [(i["activity"], i["raw_share"]) for i in result["items"]]


def test_inline_run_after_marker():
    text = ("Main activities % of time Win new work in the region 40% Write the account plan 20% "
            "Lead the service team 40% OTHER REQUIREMENTS apply.")
    r = extract_time_allocation(text)
    assert shares(r) == [("Win new work in the region", 40.0), ("Write the account plan", 20.0),
                         ("Lead the service team", 40.0)]
    assert (r["total"], r["status"]) == (100.0, "exact")


def test_one_per_line_and_table_rows():
    text = "Time split:\n- Client meetings - 50%\n- Reporting - 30%\n- Admin - 19%\n"
    r = extract_time_allocation(text)
    assert shares(r) == [("Client meetings", 50.0), ("Reporting", 30.0), ("Admin", 19.0)]
    assert r["status"] == "within_tolerance"
    table = "Account planning | 30%\nClient calls | 50%\nBudget control | 20%"
    assert extract_time_allocation(table)["status"] == "exact"


def test_shares_are_normalised_and_raw_kept():
    r = extract_time_allocation("Time allocation:\n- Client work 60%\n- Reporting 30%\n")
    assert r["status"] == "incomplete"
    assert [i["share"] for i in r["items"]] == [pytest.approx(66.67), pytest.approx(33.33)]
    assert [i["raw_share"] for i in r["items"]] == [60.0, 30.0]


def test_over_status():
    r = extract_time_allocation("% of time\n- Sales 60%\n- Service 50%\n")
    assert r["status"] == "over"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("You will spend 35% of your time on client meetings.", [("client meetings", 35.0)]),
        ("Около 40% времени занимает работа с клиентами.", [("работа с клиентами", 40.0)]),
        ("将35%的时间用于客户沟通。", [("客户沟通", 35.0)]),
        ("Prepare weekly reports (20% of time)", [("Prepare weekly reports", 20.0)]),
    ],
)
def test_sentences_that_say_time(text, expected):
    assert shares(extract_time_allocation(text)) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Achieve 120% of target and earn 10% commission.",
        "Более 90% удовлетворенности клиентов.",
        "Grow revenue 20% year on year; 95% satisfaction; 100% remote.",
        "Бонус до 30% от оклада.",
        "No percentages here at all.",
    ],
)
def test_percentages_that_are_not_time_shares_are_excluded(text):
    assert extract_time_allocation(text) == {"items": [], "total": None, "status": "none"}


def test_each_activity_is_mapped_to_an_area():
    r = extract_time_allocation("% of time\n- Negotiate contracts 50%\n- Coach the team 50%\n")
    assert [i["category"] for i in r["items"]] == ["negotiation_contracts", "team_leadership"]
    assert all(0 < i["confidence"] <= 1 for i in r["items"])


def test_table_under_percent_header_without_percent_signs():
    text = "Activity | % of time\nClient meetings | 40\nAccount planning | 35\nReporting | 25\n\nOther text 12"
    r = extract_time_allocation(text)
    assert shares(r) == [("Client meetings", 40.0), ("Account planning", 35.0), ("Reporting", 25.0)]
    assert r["status"] == "exact"


def test_bare_numbers_that_do_not_add_up_are_not_a_split():
    text = "Activity | % of time\nOffices | 3\nStaff | 12\n"
    assert extract_time_allocation(text)["status"] == "none"


def test_capitalised_activity_after_the_number_is_not_mistaken_for_a_score():
    text = "% of time:\n40% Retention campaigns\n60% Growth planning\n"
    assert shares(extract_time_allocation(text)) == [("Retention campaigns", 40.0), ("Growth planning", 60.0)]
