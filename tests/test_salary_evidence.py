"""Pay evidence in running text (``workbench.salary.evidence``)."""

from __future__ import annotations

from workbench.salary import parse_salary

FILLER = " We are a friendly team in a modern office with good coffee and flexible working."


def text_pay(text, **kw):
    return [(m.low, m.high, m.currency, m.period) for m in
            parse_salary(text + FILLER, field=False, **kw)]


def test_money_without_pay_evidence_is_not_pay_in_running_text():
    assert text_pay("We raised $20 million from investors last year.") == []
    assert text_pay("Our 401(k) program with company matching (up to $5,000) helps you save.") == []
    assert text_pay("Projects typically range from $500k to $2m.") == []


def test_a_pay_word_in_the_clause_is_evidence():
    assert text_pay("The starting base pay for this role is between $180,000 and $250,000.") == [
        (180000, 250000, "USD", "year")]


def test_a_money_figure_with_a_written_period_is_evidence():
    assert text_pay("You will receive $24.50/hr for each shift.") == [(24.5, 24.5, "USD", "hour")]


def test_a_money_figure_alone_on_its_line_or_in_a_title_piece_is_evidence():
    assert text_pay("Data Engineer\nLondon\n£100,000\nApply now.") == [(100000, 100000, "GBP", "year")]
    assert text_pay("Data Analyst | £45,000 | Hybrid.") == [(45000, 45000, "GBP", "year")]


def test_a_heading_above_the_figure_is_evidence():
    assert text_pay("Compensation\n$95,000 - $110,000\nBenefits follow.") == [
        (95000, 110000, "USD", "year")]


def test_a_board_estimate_is_not_advertised_pay():
    assert text_pay("Senior Developer\nLondon\n£52,706\nper year - estimated\nApply now.") == []


def test_n_per_week_beside_hours_is_a_schedule():
    assert text_pay("Work 37.5 per week across our sites, hours agreed with you.") == []
    assert text_pay("Visits: 3 per day to clients in the area.") == []


def test_referral_rewards_are_not_pay_in_russian():
    assert text_pay("Реферальная программа: приведи друга и получи вознаграждение до 100 тыс. рублей.") == []


def test_evidence_kinds_of_running_text():
    from workbench.salary.evidence import _stands_alone, _text_evidence

    lw = "the base salary is $90,000.\n"
    assert _text_evidence(lw, 19, 26, "USD", None, False, False, False) == "clause"
    assert _text_evidence(lw, 19, 26, "USD", None, False, True, False) == "named"
    lw = "data analyst | £45,000 | hybrid"
    assert _stands_alone(lw, 0, 15, 22, len(lw))
    assert _text_evidence(lw, 15, 22, "GBP", None, False, False, False) == "money"
    assert _text_evidence(lw, 15, 22, None, None, False, False, False) is None


def test_tips_on_top_of_a_wage_leave_the_wage_pay_but_tips_alone_are_not_pay():
    assert text_pay("Starting pay: $18.50 per hour plus tips.") == [(18.5, 18.5, "USD", "hour")]
    assert text_pay("Wage $12 an hour and tips.") == [(12, 12, "USD", "hour")]
    assert text_pay("Pay is $16/hour with tips.") == [(16, 16, "USD", "hour")]
    assert text_pay("Servers average $200 in tips per night.") == []
    assert text_pay("Expect $300 tips per shift on average.") == []


def test_money_glued_to_the_next_word_is_a_lost_line_break_not_a_code():
    assert text_pay("Base salary $85,000OTE $120,000 in year one.") == [
        (85000, 85000, "USD", "year"), (120000, 120000, "USD", "year")]
    assert text_pay("Rate $45Schedule Monday to Friday.") == [(45, 45, "USD", "hour")]
    assert text_pay("Router model $5G for the office.") == []


def test_a_pay_heading_glued_to_up_to_or_from_keeps_the_limit():
    assert text_pay("CompensationUp to $50/hr equivalent, depending on level.") == [(None, 50, "USD", "hour")]
    assert text_pay("SalaryFrom £30,000 a year.") == [(30000, None, "GBP", "year")]
    assert text_pay("Setup to £45,000 budget.") == []


def test_up_to_money_in_a_snippet_title_run_into_its_body_is_the_title_pay():
    snippet = "Senior Data Engineer - London (Hybrid) - Up to £80,000 A fast-growing analytics business is"
    assert text_pay(snippet) == [(None, 80000, "GBP", "year")]
    assert text_pay("Data Analyst London (Hybrid)\nUp to £40,000 I'm working with a growing firm") == [
        (None, 40000, "GBP", "year")]
    # further into a text it needs its own evidence, as before
    body = "We build tools for analysts and their teams across the country. " * 4
    assert text_pay(body + "Up to £80,000 A fast-growing analytics business is") == []


def test_a_figure_under_an_on_target_earnings_heading_is_ote():
    found = parse_salary("About us.\n\nTotal Targeted Cash\n\n$129,000—$206,000 USD\n\nWe are a team.",
                         field=False, market="US")
    assert [(m.low, m.high, m.component) for m in found] == [(129000, 206000, "ote")]
    found = parse_salary("About us.\nCompensation\n$95,000 - $110,000\nBenefits follow.", field=False, market="US")
    assert [m.component for m in found] == ["unspecified"]


def test_a_range_cut_off_by_the_snippet_end_keeps_its_low_end_open():
    found = parse_salary("Contract Length: six months. Rate: £565 -…", field=False, market="GB")
    assert [(m.low, m.high, m.period) for m in found] == [(565, None, "day")]


def test_a_capitalised_bonus_after_a_figure_in_a_title_is_the_titles_next_item():
    title = "Data Engineer - £60,000 to 75,000 GBP Bonus Hybrid WORKING Location: London."
    found = parse_salary(title + FILLER, field=False, market="GB")
    assert [(m.low, m.high, m.component) for m in found] == [(60000, 75000, "unspecified")]
    found = parse_salary("HR Specialist - Up to £85K Bonus, Remote. Are you looking?" + FILLER, field=False, market="GB")
    assert [(m.low, m.high, m.component) for m in found] == [(None, 85000, "unspecified")]
    # in running text a bonus after a sum is that sum's name, as before
    found = parse_salary("Join us and get a £5,000 bonus when you start." + FILLER, field=False, market="GB")
    assert [m.component for m in found] == ["bonus"]


def test_expenses_perks_and_sales_volumes_are_not_pay():
    assert text_pay("Travel expenses up to £200 per day.") == []
    assert text_pay("Rate: £500 per day plus expenses.") == [(500, 500, "GBP", "day")]
    assert text_pay("Оплата обедов 500 рублей в день.", market="RU") == []
    assert text_pay("Оплата труда 80 000 рублей.", market="RU") == [(80000, 80000, "RUB", "month")]
    assert text_pay("Премия за выслугу лет 5 000 рублей.", market="RU") == []
    assert text_pay("Чаевые от 1000 рублей в день.", market="RU") == []
    assert text_pay("План продаж 5 млн рублей.", market="RU") == []
    assert text_pay("Работа с проектами от 1 млн рублей.", market="RU") == []
    assert text_pay("Менеджер по продажам, зарплата 80 000 рублей.", market="RU") == [(80000, 80000, "RUB", "month")]


def test_company_money_draws_differentials_and_others_pay_are_not_pay():
    for text in ("You will support AEs on deals ranging from $50,000 to $500,000 per year.",
                 "We went from $1M to $7M ARR in 18 months.",
                 "Series A company ($22M raised) selling analytics.",
                 "Average producer writes $250,000 in premium in year two.",
                 "Recruiters in their second year bill $400K+ on average.",
                 "Average AM gross profit: $320,000 per year",
                 "Fill orders for shifts that pay our associates $15-$19 per hour.",
                 "A monthly draw of $2,500 against commission is available.",
                 "Typical contracts are $20k-$80k per year.",
                 "Our average customer saves $40,000 per year.",
                 "Top performers earn over $200,000 in commission.",
                 "Last year our top AE earned $400,000."):
        assert text_pay(text) == [], text
    # The wage beside them stays: a shift differential is an add-on, the wage is the pay.
    assert text_pay("Wage: $17.50 per hour + $1.00 shift differential for nights.")[0] == (
        17.5, 17.5, "USD", "hour")


def test_piece_rates_placed_workers_client_prices_and_living_costs_are_not_pay():
    for text in ("Setters earn $60 per appointment kept and $150 per closed deal.",
                 "You will recruit and place forklift drivers earning $21-$24 per hour.",
                 "Each client pays $85 per hour for our bookkeeping service.",
                 "We charge customers $1,200 per month for the managed plan.",
                 "The typical client contract is $30,000 per year.",
                 "A one-bedroom rental near the office averages $1,650 per month.",
                 "Group life insurance of 3x base salary up to $400,000.",
                 "Up to $750 for each friend you refer who stays 90 days.",
                 "Applicants earning under $45,000 in their current job are welcome.",
                 "Our branch does $3M in annual sales.",
                 "Our senior reps average $160K in total earnings."):
        assert text_pay(text, market="US") == [], text
    for text in ("Доплата за работу в выходные — 300 рублей в час.",
                 "Доход лучших менеджеров по продажам — от 250 000 рублей.",
                 "Аренда квартиры рядом с офисом — от 35 000 рублей в месяц.",
                 "Клиенты экономят до 150 000 рублей в год."):
        assert text_pay(text, market="RU") == [], text
    # The job's own pay beside such words stays pay.
    assert text_pay("Hiring warehouse associates earning $18-$20 per hour.", market="US") == [
        (18, 20, "USD", "hour")]
    assert text_pay("Salary: $52,000 per year plus $90 per closed deal.", market="US")[0] == (
        52000, 52000, "USD", "year")
    assert text_pay("Base salary $70,000; life insurance at 2x salary.", market="US") == [
        (70000, 70000, "USD", "year")]


def test_quotas_deal_sizes_perks_and_prices_in_bullet_lists_are_not_pay():
    for text in ("- Carry a $2.4M annual net-new quota",
                 "- Typical deal: $1.8M over 2 years",
                 "- ACV $25K-$60K, 45-day cycles",
                 "- Track record of $2M+ annual bookings",
                 "You will run SOWs up to $900K with two coordinators.",
                 "- Renewals typically $30K-$120K per year per district",
                 "- $900 home office stipend and a $600 wellness budget",
                 "• $2,500 professional development allowance",
                 "- Staff room rate of $59/night at our resorts"):
        assert text_pay("Account Manager\nDenver, CO\n\n" + text + "\n", market="US") == [], text
    for text in ("• внешние тренинги и конференции до 90 000 руб. в год;",
                 "Средний проект — 4–5 млн руб.",
                 "Аренда крана обходится клиенту от 600 BYN в сутки."):
        assert text_pay("Менеджер по продажам\n" + text + "\n", market="RU") == [], text


def test_a_salary_followed_by_plus_relocation_stays_pay():
    assert text_pay("Salary £34,000 plus relocation package.", market="GB") == [(34000, 34000, "GBP", "year")]
    assert text_pay("Salary: $66,000 per year plus relocation assistance.", market="US") == [
        (66000, 66000, "USD", "year")]
    assert text_pay("A $3,000 relocation bonus is offered.", market="US") == []


def test_an_order_size_is_not_pay_in_russian():
    assert text_pay("Средний размер заказа — от 5 000 BYN.", currency="BYN", market="BY") == []


def test_a_board_headers_pay_line_is_pay_without_a_currency_sign():
    from workbench.salary.evidence import board_header_figure

    text = ("Data Analyst\n ❮ back to last search\n\n Redcentric\n\nBirmingham, West Midlands\n\n"
            " 38000\n\nPermanent \nPart time \n\nApply for this job")
    assert text_pay(text, currency="GBP", market="GB") == [(38000, 38000, "GBP", "year")]
    at = text.index("38000")
    assert board_header_figure(text.lower(), at, at + 5)
    # Not below the header, not without the job type line, not beside other words.
    assert text_pay("Team\n\n" + "x" * 400 + "\n\n 38000\n\nPermanent", currency="GBP", market="GB") == []
    assert text_pay("Data Analyst\n\nLeeds\n\n 38000\n\nApply now", currency="GBP", market="GB") == []
    assert text_pay("Data Analyst\n\nLeeds\n\nWe have 38000\n\nPermanent", currency="GBP", market="GB") == []


def test_a_board_headers_pay_line_after_ingest_collapsed_its_blank_lines():
    text = "Data Analyst\n❮ back to last search\nRedcentric\nBirmingham\n38000\nPermanent\nPart time\nApply"
    assert text_pay(text, currency="GBP", market="GB") == [(38000, 38000, "GBP", "year")]
    # A figure on the first line, or with a job type line that says more, is not that line.
    assert text_pay("38000\nPermanent", currency="GBP", market="GB") == []
    assert text_pay("Leeds\n38000\nPermanent staff are entitled to leave", currency="GBP", market="GB") == []


def test_money_in_millions_is_the_size_of_a_business_not_a_wage():
    assert text_pay("You will carry a $1.2M annual number and work with two SDRs.") == []
    assert text_pay("Loan sizes: $1M - $25M") == []
    assert text_pay("- Build event programs from $250K to $2M each") == []
    assert text_pay("Средний объект заказчика — 4–9 млн руб.") == []
    # a pay word right beside the figure still names it
    assert text_pay("Зарплата от 2,4 млн руб. в год.") == [(2400000, None, "RUB", "year")]


def test_a_price_per_thing_is_not_pay_but_pay_per_hour_or_visit_is():
    assert text_pay("Each school pays $6 - $9 per student per year for the license.") == []
    assert text_pay("Pricing: $49 - $199 per seat per month") == []
    assert text_pay("Earn $300 for every dealership you sign up this quarter.") == []
    assert text_pay("Pay: $24 - $28 per hour") == [(24, 28, "USD", "hour")]
    assert text_pay("Home care aides earn $30 per visit.") != []
    # a period glued to the next line's word is still a period ("per hourSchedule")
    assert text_pay("Pay: $19.00 - $22.50 per hourSchedule: Monday to Friday") == [(19, 22.5, "USD", "hour")]


def test_a_single_figure_with_a_multiplier_in_a_sentence_needs_pay_evidence():
    assert text_pay("Grow accounts that average around $45K in spend.") == []
    assert text_pay("Data Analyst\nLondon\n£45k\nApply now.") == [(45000, 45000, "GBP", "year")]
    assert text_pay("Expected salary around $45K for this role.") == [(45000, 45000, "USD", "year")]


def test_money_inside_a_noun_phrase_names_something_else():
    assert text_pay("Everyone gets a $750 wellness credit every January.") == []
    assert text_pay("Our reps each carry a $450K yearly target.") == []
    assert text_pay("Franchisees pay the $38,000 opening fee up front.") == []
    # a pay noun in the phrase keeps it pay
    assert text_pay("You'll start on a $58,000 starting salary with reviews twice a year.") == [
        (58000, 58000, "USD", "year")]
    assert text_pay("We offer a $62,000 base plus commission.")[0] == (62000, 62000, "USD", "year")


def test_in_prose_money_with_no_pay_word_needs_the_sentence_to_speak_of_the_role():
    head = "Account Manager\nBrightwell Systems | Austin, TX\n\nAbout the job\n"
    assert text_pay(head + "Our partners typically commit $20,000-$45,000 per month to campaigns with us.") == []
    assert text_pay(head + "Most renewals land between $30,000 and $95,000 in first-year value.") == []
    assert text_pay(head + "We're offering $96,000–$112,000 depending on experience.") == [
        (96000, 112000, "USD", "year")]
    assert text_pay(head + "New hires usually start between $57,000 and $66,000.") == [(57000, 66000, "USD", "year")]
    assert text_pay(head + "Expected range: $91,000-$104,000") == [(91000, 104000, "USD", "year")]
    assert text_pay(head + "$67,000 - $79,000 + annual bonus")[0] == (67000, 79000, "USD", "year")
    # a title run into its body keeps its pay ("... (Hybrid) £41,000 - £47,000 Benefits ...")
    assert text_pay("Data Analyst Leeds (Hybrid) £41,000 - £47,000 Benefits We are recruiting for a client.")[0] == (
        41000, 47000, "GBP", "year")


def test_a_bare_figure_before_a_plural_noun_counts_things():
    assert text_pay("We're hiring to grow our customer base of 250 dental clinics across Ohio.") == []
    assert text_pay("Basic 28000 depending on experience, plus overtime.") != []


def test_a_markets_average_wage_is_not_this_jobs_pay():
    assert text_pay("Средняя зарплата в Гродно — 1 900 руб., у нас выше.", market="BY") == []
    assert text_pay("The median salary in Denver is $61,000, and we pay above it.") == []
