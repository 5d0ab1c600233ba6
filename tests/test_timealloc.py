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


# --- regressions: a whole "% of time" list is read, whatever its activities say ---

@pytest.mark.parametrize(
    "text",
    [
        # label: NN% lines whose label starts with "Growing" / holds "growth"
        "Time split\n\n- Looking after clients: 35%\n- Running projects: 25%\n- Insight and reporting: 15%\n"
        "- Growing current accounts: 15%\n- Team coordination: 10%\n",
        "How your time is split:\n- Main client relationships: 30%\n- Account growth and cross-selling: 25%\n"
        "- Renewals and negotiation: 15%\n- Leading the team: 20%\n- Forecasts and reporting: 10%\n",
        # NN% first, one per line, the line after a "Growing ..." item
        "Main activities (% of time)\n30% Looking after clients\n25% Running projects\n15% Insight and reporting\n"
        "20% Growing current accounts\n10% Team coordination\n",
        # one-line description: inline run with a "Growing ..." item in the middle
        "What you will do, with % of time Looking after clients 35% Running projects 25% Insight and reporting "
        "15% Growing current accounts 15% Team coordination 10% About you: 3+ years in account management.",
    ],
)
def test_list_items_about_growth_are_not_dropped(text):
    r = extract_time_allocation(text)
    assert len(r["items"]) == 5
    assert (r["total"], r["status"]) == (100.0, "exact")
    assert any(i["activity"].lower().startswith(("growing", "account growth")) for i in r["items"])


def test_growth_targets_outside_a_time_list_stay_excluded():
    text = "Grow revenue 20% year on year. Time split:\n- Client work: 50%\n- Admin: 50%\n"
    assert shares(extract_time_allocation(text)) == [("Client work", 50.0), ("Admin", 50.0)]
    assert extract_time_allocation("A bonus of 10-15% and an increase of sales 20%.")["status"] == "none"


def test_shares_in_one_sentence_keep_their_own_activities():
    text = ("In a normal week you would spend about 50% of your time with clients, 30% on account planning "
            "and the remaining 20% coaching the junior team. Salary up to 20% bonus.")
    assert shares(extract_time_allocation(text)) == [
        ("with clients", 50.0), ("account planning", 30.0), ("coaching the junior team", 20.0)]


@pytest.mark.parametrize(
    "text",
    [
        "要求能适应经常出差（约40%的工作时间在外地）",
        "Travel up to 40% of the time across the region.",
        "Командировки до 30% времени по Приволжскому округу.",
        "You can work from home 20% of the time.",
    ],
)
def test_a_lone_travel_or_remote_share_is_not_a_duty_split(text):
    assert extract_time_allocation(text) == {"items": [], "total": None, "status": "none"}


def test_a_travel_share_inside_a_split_is_kept():
    r = extract_time_allocation("Time split:\n- Client visits and travel: 20%\n- Reporting: 80%\n")
    assert shares(r) == [("Client visits and travel", 20.0), ("Reporting", 80.0)]
    r = extract_time_allocation("Around 60% of your time goes to client work and 40% of your time to travelling.")
    assert [i["raw_share"] for i in r["items"]] == [60.0, 40.0]
    # A split plus a separate travel note: the note is left out of the split.
    r = extract_time_allocation("Time split:\n- Clients 70%\n- Reporting 30%\n\nTravel up to 25% of the time.")
    assert (r["total"], r["status"]) == (100.0, "exact")


def test_shares_on_one_line_each_take_their_own_activity():
    text = ("Account Manager role, London, hybrid working, great team: client meetings 40% of time; "
            "reporting 30% of time; admin 30% of time")
    out = extract_time_allocation(text)
    assert [i["activity"] for i in out["items"]] == ["client meetings", "reporting", "admin"]
    assert out["status"] == "exact"
    # A flattened list ("X (30% of time) Y (25% of time) ..."): each activity starts after
    # the previous share instead of at the start of the text.
    flat = ("Duties and % of time Key client relationships (40% of time) Account growth and upselling "
            "(35% of time) Reporting (25% of time)")
    assert [i["activity"] for i in extract_time_allocation(flat)["items"]][1:] == [
        "Account growth and upselling", "Reporting"]


def test_many_shares_without_separators_stay_short():
    # 2,000 shares with no sentence break: each activity is one clause, not the text so far.
    out = extract_time_allocation("travel 10% of time " * 2000)
    assert all(len(i["activity"]) <= 200 for i in out["items"])


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("You will spend 60% of your time on client meetings and 40% on new business.",
         [("client meetings", 60.0), ("new business", 40.0)]),
        ("You will spend 70% of your time on the road and 30% in the office.",
         [("the road", 70.0), ("the office", 30.0)]),
        ("Около 60% времени — встречи с клиентами, 40% — работа с документами.",
         [("встречи с клиентами", 60.0), ("работа с документами", 40.0)]),
        ("将60%的时间用于客户拜访，40%用于内部沟通。", [("客户拜访", 60.0), ("内部沟通", 40.0)]),
        ("Time: 50% clients, 50% admin", [("clients", 50.0), ("admin", 50.0)]),
    ],
)
def test_a_second_share_continues_the_sentence_of_a_share_of_time(text, expected):
    out = extract_time_allocation(text)
    assert shares(out) == expected
    assert out["status"] == "exact"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Spend 60% of your time with clients. We grew 40% last year.", [("with clients", 60.0)]),
        ("You will spend 80% of your time with customers, 70% of whom are in the public sector.",
         [("with customers", 80.0)]),
        ("You will spend 50% of your time with key accounts, which generate 80% of our revenue.",
         [("with key accounts, which generate", 50.0)]),
        ("将60%的时间用于客户拜访。团队中80%为硕士。", [("客户拜访", 60.0)]),
    ],
)
def test_a_later_percentage_joins_a_share_only_when_it_reads_like_one(text, expected):
    """Same sentence, an activity word after it, and no more than 100 together."""
    assert shares(extract_time_allocation(text)) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Time: 50% clients",  # one share after "Time:" is not a split
        "Working time: Monday to Friday, 9:00-18:00. Pay: 60% fixed salary, 40% variable.",
        "Full time: yes. Our clients: 60% retail, 40% wholesale.",
        "Time: 9am-5pm. OTE split 60% basic / 40% variable.",
        "Travel up to 30% of the time across a territory that delivers 60% of company revenue.",
        "需要30%的时间出差。薪资结构：底薪70%，绩效30%。",
    ],
)
def test_time_labels_pay_mixes_and_travel_are_not_splits(text):
    assert extract_time_allocation(text) == {"items": [], "total": None, "status": "none"}


# --- precision: conditions, perks and lone shares (issue 15; team-written examples) ---


@pytest.mark.parametrize(
    "text",
    [
        "You are required to work on-site 75% of the time.",
        "Physical demands: Occasionally 0-30% of time lifting boxes up to 20 kg.",
        "Remain in a stationary position 75%.",
        "About 75% of our business is B2B.",
        "401(k) with a 5% company match.",
        "Hybrid working: remotely 70% of the time, 30% team days in the Leeds office.",
        "We expect everyone to spend a minimum of 60% of their working time in the office.",
        "Staff spend at least 50% of their time in our offices each week.",
        "Sitting 60%, standing 30%, walking 10% of the shift.",
        "Innovation time: we give you 10% of your time for your own projects.",
        "Our tool saves up to 30% of a clinician's working time.",
        "Гибридный формат (удаленно 70% времени, 30% - встречи с командой в офисе).",
        "Работа в офисе (возможно 10% рабочего времени вне офиса).",
        "Expected to spend 60% of their time in the office.",
    ],
)
def test_conditions_perks_and_facts_are_not_time_splits(text):
    assert extract_time_allocation(text) == {"items": [], "total": None, "status": "none"}


def test_a_lone_share_of_time_is_kept_as_written_not_normalised():
    r = extract_time_allocation("You will spend 35% of your time on client meetings.")
    assert [(i["raw_share"], i["share"]) for i in r["items"]] == [(35.0, 35.0)]
    assert (r["total"], r["status"]) == (35.0, "incomplete")
    # A lone share in running text with no activity of its own is no split at all.
    assert extract_time_allocation("The team gave 40% of its time to the launch last year.")["status"] == "none"


def test_one_share_under_a_time_split_heading_is_a_split():
    r = extract_time_allocation("Main activities (% of time)\n- Looking after the client portfolio 80%\n")
    assert [(i["activity"], i["raw_share"], i["share"]) for i in r["items"]] == [
        ("Looking after the client portfolio", 80.0, 80.0)]


def test_two_kinds_of_work_adding_up_to_a_whole_are_a_split():
    r = extract_time_allocation("Duties\n- Run the assays\n- Approximately 50% bench work - 50% desk work\n")
    assert [i["raw_share"] for i in r["items"]] == [50.0, 50.0]
    # Two shares of something other than work are not.
    assert extract_time_allocation("Our accounts are 50% retail - 50% wholesale.")["status"] == "none"


def test_shares_after_their_activities_each_take_the_sentence_before():
    text = ("Key duties\nBuild the churn models. 20%Run the pricing experiments. 30%"
            "Report results to the board. 50%\nQualifications\nA degree")
    assert shares(extract_time_allocation(text)) == [
        ("Build the churn models", 20.0), ("Run the pricing experiments", 30.0),
        ("Report results to the board", 50.0)]


def test_last_of_a_character_class_is_the_last_rfind_of_its_characters():
    from workbench.timealloc import _CLAUSE_STARTS, _last_of

    text = "Lead: clients (40%); reports. 客户沟通：30%！ Travel? no\nadmin 10%"
    chars = ".!?;\n。！？；:(（："
    for lo in range(0, len(text), 3):
        for hi in range(lo, len(text) + 4, 2):
            assert _last_of(_CLAUSE_STARTS, text, lo, hi) == max(text.rfind(c, lo, hi) for c in chars)


@pytest.mark.parametrize("text", [
    "duties and % of time\nclient meetings | 40\nreports | 60", "time: 40% clients", "- time: 40%", "x  time: 3",
    "(time：20%)", "time spent 30%, time is split; percentage of time", "распределение рабочего времени 50% времени",
    "工作时间比例 时间分配 时间占比", "%%% of   the\ntime   time", "full-time, part-time; overtime 10%", "",
    ">\t time: a", "a\ttime: b", "time", "%", "percent of  time  and % рабочего времени",
])
def test_markers_are_the_patterns_finditer(text):
    from workbench.timealloc import _MARKER_LOW, _markers

    for s in (text, text * 3, text.replace(" ", "\n")):
        assert [m.span() for m in _markers(s)] == [m.span() for m in _MARKER_LOW.finditer(s)]
