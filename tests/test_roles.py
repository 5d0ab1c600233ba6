"""Role family and level from titles in English, Russian and Chinese."""

import pytest

from workbench.config import LEVELS
from workbench.roles import FAMILIES, classify_role, find_role_mentions


@pytest.mark.parametrize(
    ("title", "family", "level"),
    [
        ("Account Executive", "account_management", 1),
        ("Account Coordinator (12-month contract)", "account_management", 1),
        ("Junior Account Manager", "account_management", 1),
        ("Account Manager", "account_management", 2),
        ("Senior Account Manager", "account_management", 3),
        ("Key Account Manager - FMCG", "key_accounts", 3),
        ("Major Account Manager", "key_accounts", 3),
        ("Account Director, managed networks services, Bracknell", "account_management", 4),
        ("Group Account Director", "account_management", 5),
        ("Client Services Director", "client_services", 5),
        ("Head of Accounts", "account_management", 5),
        ("аккаунт-директор", "account_management", 4),
        ("Аккаунт-менеджер", "account_management", 2),
        ("Директор по работе с клиентами", "account_management", 4),
        ("Менеджер по работе с ключевыми клиентами", "key_accounts", 3),
        ("Менеджер по работе с клиентами", "account_management", 2),
        ("Старший менеджер по работе с клиентами", "account_management", 3),
        ("Директор по работе с клиентами группы", "account_management", 5),
        ("客户经理", "account_management", 2),
        ("大客户经理", "key_accounts", 3),
        ("客户总监", "account_management", 4),
        ("客户专员", "account_management", 1),
        ("客户服务总监", "client_services", 5),
        ("客户群总监", "client_services", 5),
    ],
)
def test_title_gives_family_and_level(title, family, level):
    role = classify_role(title)
    assert (role["family"], role["level"]) == (family, level)
    assert role["level"] in LEVELS
    assert role["evidence"]
    assert role["confidence"] >= 0.8


@pytest.mark.parametrize("title", ["Accountant", "Senior Accountant", "Главный бухгалтер", "会计", "Accounting Manager"])
def test_accountant_is_not_an_account_role(title):
    role = classify_role(title)
    assert role["family"] == "other"
    assert role["level"] is None


def test_russian_account_director_is_level_four_but_english_client_services_director_is_five():
    assert classify_role("Директор по работе с клиентами")["level"] == 4
    assert classify_role("Client Services Director")["level"] == 5


def test_vague_title_falls_back_to_the_text():
    text = "We are hiring an Account Manager. The Account Manager looks after ten retail clients."
    role = classify_role("Manager, Clients", text)
    assert (role["level"], role["label"]) == (2, "Account Manager")
    assert role["confidence"] < 0.9


def test_unknown_role_gets_no_level():
    role = classify_role("Warehouse Operative", "Pick and pack orders in our depot.")
    assert role["family"] == "other"
    assert role["level"] is None
    assert role["label"] is None


def test_sales_and_delivery_titles_have_family_but_no_level():
    assert classify_role("Sales Manager") == {**classify_role("Sales Manager"), "family": "sales", "level": None}
    assert classify_role("Delivery Manager")["family"] == "delivery"
    assert classify_role("Delivery Manager")["level"] is None


def test_families_are_the_documented_set():
    assert set(FAMILIES) == {"account_management", "key_accounts", "client_services", "sales", "delivery", "other"}


def test_mentions_are_found_with_offsets():
    text = "Менеджер по работе с клиентами подчиняется директору по работе с клиентами."
    mentions = find_role_mentions(text)
    assert [m.level for m in mentions] == [2, 4]
    for m in mentions:
        assert text[m.start:m.end] == m.text


def test_modifier_before_anchor_makes_the_longer_title():
    mentions = find_role_mentions("She was promoted to senior key account manager last year.")
    assert [m.label for m in mentions] == ["Key Account Manager"]
    assert mentions[0].text == "key account manager"
    mentions = find_role_mentions("She was promoted to senior account manager last year.")
    assert [(m.label, m.level) for m in mentions] == [("Senior Account Manager", 3)]
    assert mentions[0].text == "senior account manager"


@pytest.mark.parametrize(
    ("title", "family", "level"),
    [
        ("Аккаунт-координатор", "account_management", 1),
        ("Client Service Director", "client_services", 5),
        ("Client Services Director", "client_services", 5),
        # An English title in brackets naming a higher role settles the Russian ambiguity.
        ("Директор по работе с клиентами (Client Service Director)", "client_services", 5),
        ("Директор по работе с клиентами (Client Services Director)", "client_services", 5),
        ("Директор по работе с клиентами (Account Director)", "account_management", 4),
        ("Аккаунт-директор (Account Director)", "account_management", 4),
        ("Младший аккаунт-менеджер (Account Executive)", "account_management", 1),
    ],
)
def test_bracketed_english_titles_and_coordinators(title, family, level):
    role = classify_role(title)
    assert (role["family"], role["level"]) == (family, level)


def test_quoted_title_in_the_text_keeps_its_modifier():
    text = "Мы открываем вакансию «Group Account Director». Вы будете руководить аккаунт-директорами."
    assert classify_role(None, text)["level"] == 5
    assert [m.text for m in find_role_mentions("the «Senior Account Manager» role")] == ["Senior Account Manager"]


def test_text_fallback_prefers_the_bracketed_english_title():
    text = ("Открываем вакансию «Директор по работе с клиентами (Client Service Director)». "
            "Вы будете руководить аккаунт-директорами.")
    assert classify_role(None, text)["level"] == 5


def test_level_accuracy_on_synthetic_postings():
    from workbench import synth
    from workbench.structure import analyse

    postings = list(synth.generate(1500, seed=7))
    with_title = sum(classify_role(p["title"], p["description"])["level"] == synth.TITLE_LEVEL[p["title"]]
                     for p in postings)
    # Without the title field the pipeline reads the role from the (structured) text.
    text_only = sum(analyse(p["description"])[0]["role"]["level"] == synth.TITLE_LEVEL[p["title"]]
                    for p in postings)
    assert with_title == len(postings)
    assert text_only >= 0.99 * len(postings)


@pytest.mark.parametrize("title, family, level", [
    ("PA to Account Director", "other", None),
    ("Executive Assistant to the Client Services Director", "other", None),
    ("Assistant Account Director", "account_management", 3),
    ("Associate Account Director", "account_management", 3),
    ("Deputy Account Director", "account_management", 3),
    ("客户经理助理", "account_management", 1),
    ("Account Director", "account_management", 4),
])
def test_titles_that_assist_or_deputise_are_not_the_role_itself(title, family, level):
    role = classify_role(title)
    assert (role["family"], role["level"]) == (family, level)
