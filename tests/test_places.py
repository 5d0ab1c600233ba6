"""places: every location form the parser promises, written by the team (no corpus text)."""

from __future__ import annotations

import pytest
import yaml

from workbench import places
from workbench.places import ITL1_REGIONS, Place, parse_location, parse_locations

LONDON = Place("London", "London", "GB", False)


def _city_region(text, country=None):
    place = parse_location(text, country)
    return place.city, place.region


# --------------------------------------------------------------------------- London in its usual forms


@pytest.mark.parametrize("text", [
    "London", "London, UK", "London, United Kingdom", "London, England", "LONDON", "london",
    "Central London", "Central London, London, UK", "Greater London", "City of London",
    "City of London, London", "The City", "Square Mile", "London (Hybrid)", "Hybrid - London",
    "London - Hybrid", "London / Hybrid", "London, Hybrid", "Hybrid (London)", "London Area",
    "Canary Wharf, London", "London (Farringdon), hybrid", "Shoreditch", "Soho, London",
    "Westminster", "Mayfair, London W1", "North West London", "South East London", "East London",
    "London EC2A", "London EC2A 4NE", "EC2A 4NE", "London SW1A 1AA", "Croydon", "Bromley, Kent",
    "Uxbridge, Middlesex", "Kingston upon Thames", "Hammersmith and Fulham", "Tower Hamlets",
    "London Borough of Hackney", "Royal Borough of Kensington and Chelsea", "Heathrow",
    "King's Cross, London", "Kings Cross", "St Paul's", "Wembley",
])
def test_london_written_any_usual_way_is_one_city(text):
    assert parse_location(text) == LONDON
    assert parse_location(text, "GB") == LONDON


def test_remote_suffix_keeps_the_city_and_says_remote():
    assert parse_location("London (Remote)") == Place("London", "London", "GB", True)
    assert parse_location("Remote - London") == Place("London", "London", "GB", True)
    assert parse_location("Manchester / Remote") == Place("Manchester", "North West", "GB", True)
    assert parse_location("Home based, North West") == Place(None, "North West", "GB", True)


def test_hybrid_is_not_remote():
    assert parse_location("London (Hybrid)").remote is False
    assert parse_location("Leeds - hybrid working").remote is False


def test_all_32_boroughs_and_the_city_are_london():
    # The 32 London boroughs and the City of London, listed here independently of the gazetteer.
    boroughs = [
        "Barking and Dagenham", "Barnet", "Bexley", "Brent", "Bromley", "Camden", "Croydon", "Ealing",
        "Enfield", "Greenwich", "Hackney", "Hammersmith and Fulham", "Haringey", "Harrow", "Havering",
        "Hillingdon", "Hounslow", "Islington", "Kensington and Chelsea", "Kingston upon Thames",
        "Lambeth", "Lewisham", "Merton", "Newham", "Redbridge", "Richmond upon Thames", "Southwark",
        "Sutton", "Tower Hamlets", "Waltham Forest", "Wandsworth", "Westminster", "City of London"]
    assert len(boroughs) == 33
    for name in boroughs:
        assert parse_location(name) == LONDON, name
        assert parse_location(f"{name}, London") == LONDON, name


@pytest.mark.parametrize("district", [
    "Canary Wharf", "Shoreditch", "Westminster", "Soho", "Farringdon", "Clerkenwell", "Holborn",
    "Marylebone", "Fitzrovia", "Covent Garden", "Moorgate", "Bishopsgate", "Aldgate", "Whitechapel",
    "Stratford", "Hammersmith", "Chiswick", "Battersea", "Brixton", "Camden Town", "Paddington",
    "Victoria", "Waterloo", "London Bridge", "Bermondsey", "Old Street", "Angel", "Islington",
])
def test_common_london_districts(district):
    assert parse_location(district) == LONDON
    assert parse_location(f"{district}, London") == LONDON


# --------------------------------------------------------------------------- other UK forms


@pytest.mark.parametrize("text, city, region", [
    ("Manchester", "Manchester", "North West"),
    ("Manchester, Greater Manchester", "Manchester", "North West"),
    ("Manchester, Greater Manchester, UK", "Manchester", "North West"),
    ("Birmingham, West Midlands", "Birmingham", "West Midlands"),
    ("Leeds, West Yorkshire", "Leeds", "Yorkshire and The Humber"),
    ("Newcastle", "Newcastle upon Tyne", "North East"),
    ("Newcastle upon Tyne, Tyne & Wear", "Newcastle upon Tyne", "North East"),
    ("Cardiff, South Glamorgan", "Cardiff", "Wales"),
    ("Glasgow, Lanarkshire", "Glasgow", "Scotland"),
    ("Edinburgh City Centre", "Edinburgh", "Scotland"),
    ("Belfast, County Antrim", "Belfast", "Northern Ireland"),
    ("Bristol, Avon", "Bristol", "South West"),
    ("Reading, Berkshire", "Reading", "South East"),
    ("Cambridge, Cambridgeshire", "Cambridge", "East of England"),
    ("Nottingham, Nottinghamshire", "Nottingham", "East Midlands"),
    ("Stoke-on-Trent", "Stoke-on-Trent", "West Midlands"),
    ("Stoke on Trent", "Stoke-on-Trent", "West Midlands"),
    ("St. Albans, Herts", "St Albans", "East of England"),
    ("Saint Albans", "St Albans", "East of England"),
    ("Shrewsbury, Shropshire (field-based, covering the Midlands and the North West)",
     "Shrewsbury", "West Midlands"),
    # a district of a city is the city; a separate town is its own city
    ("Headingley, Leeds", "Leeds", "Yorkshire and The Humber"),
    ("Hulme, Manchester", "Manchester", "North West"),
    ("Morley, Leeds", "Leeds", "Yorkshire and The Humber"),
    ("Atherton, Manchester", "Atherton", "North West"),
    ("Salford Quays, Manchester", "Salford", "North West"),
    ("Clifton, Bristol", "Bristol", "South West"),
    ("Manchester Science Park", "Manchester", "North West"),
    # a named city later in the text wins over a same-named district elsewhere
    ("Hyde Park, Leeds", "Leeds", "Yorkshire and The Humber"),
    ("Piccadilly, Manchester", "Manchester", "North West"),
    ("Cowley, Uxbridge", "London", "London"),
    ("Cowley, Oxford", "Oxford", "South East"),
])
def test_uk_city_and_region(text, city, region):
    assert _city_region(text) == (city, region)
    assert parse_location(text).country == "GB"


@pytest.mark.parametrize("text, region", [
    ("Berkshire", "South East"), ("Surrey", "South East"), ("Kent", "South East"),
    ("Essex", "East of England"), ("Hertfordshire", "East of England"),
    ("Greater Manchester", "North West"), ("West Yorkshire", "Yorkshire and The Humber"),
    ("Tyne and Wear", "North East"), ("West Midlands", "West Midlands"),
    ("Nottinghamshire", "East Midlands"), ("South Gloucestershire", "South West"),
    ("West Lothian", "Scotland"), ("Scotland", "Scotland"), ("Wales", "Wales"),
    ("Northern Ireland", "Northern Ireland"), ("South Wales", "Wales"), ("North West", "North West"),
    ("East Anglia", "East of England"), ("Middlesex", "London"), ("County Durham", "North East"),
])
def test_a_county_or_region_gives_the_region_and_no_city(text, region):
    assert parse_location(text) == Place(None, region, "GB", False)


@pytest.mark.parametrize("text, city, region", [
    ("M1 1AE", None, "North West"),
    ("Manchester M1", "Manchester", "North West"),
    ("Birmingham B2 4QA", "Birmingham", "West Midlands"),
    ("Leeds LS1", "Leeds", "Yorkshire and The Humber"),
    ("G2 1DY", None, "Scotland"),
    ("EH1 1YZ", None, "Scotland"),
    ("CF10 1EP", None, "Wales"),
    ("BT1 5GS", None, "Northern Ireland"),
    ("Bristol BS1 6QH", "Bristol", "South West"),
    ("W1D 3QF", "London", "London"),
    ("WC2N 5DU", "London", "London"),
    ("SE1 9SG", "London", "London"),
    ("NW1", "London", "London"),
    ("N1 9GU", "London", "London"),
    ("E14 5AB", "London", "London"),
    ("SW1A", "London", "London"),
    ("S1 2HH", None, None),  # Sheffield's area reaches into Derbyshire: no region from it alone
])
def test_postcodes(text, city, region):
    assert _city_region(text) == (city, region)


@pytest.mark.parametrize("text, country", [
    ("Remote", None), ("Remote", "GB"), ("Fully remote", "GB"), ("Home-based", "GB"),
    ("Work from home", "GB"),
])
def test_remote_alone_names_no_place(text, country):
    assert parse_location(text, country) == Place(None, None, country, True)


@pytest.mark.parametrize("text", ["UK", "United Kingdom", "Great Britain", "England", "UK Wide",
                                  "Multiple locations", "Various locations, UK", "Nationwide"])
def test_country_or_several_places_gives_no_city(text):
    place = parse_location(text, "GB")
    assert (place.city, place.region, place.country) == (None, None, "GB")


def test_multiple_locations_without_a_country():
    assert parse_location("Multiple locations") == Place(None, None, None, False)


def test_alternatives_keep_only_what_they_agree_on():
    assert _city_region("London or Manchester") == (None, None)
    assert _city_region("Leeds / Bradford") == (None, "Yorkshire and The Humber")
    assert _city_region("London / Remote") == ("London", "London")


# --------------------------------------------------------------------------- unknown stays unknown


def test_unknown_parts_are_none_never_invented():
    assert parse_location("Little Snoring") == Place(None, None, None, False)
    assert parse_location("Little Snoring", "GB") == Place(None, None, "GB", False)
    assert parse_location("Little Snoring, Norfolk") == Place(None, "East of England", "GB", False)
    assert parse_location("10 Downing Street, London") == LONDON
    assert parse_location("Flexible") == Place(None, None, None, False)


@pytest.mark.parametrize("value", [None, "", "   ", float("nan")])
def test_missing_text_gives_an_empty_place(value):
    assert parse_location(value) == Place()
    assert parse_location(value, "GB") == Place(None, None, "GB", False)


def test_shared_names_are_settled_by_context_or_left_empty():
    # Newport: Wales, the Isle of Wight and Shropshire. Richmond: London and North Yorkshire.
    assert parse_location("Newport") == Place("Newport", None, "GB", False)
    assert _city_region("Newport, Gwent") == ("Newport", "Wales")
    assert _city_region("Newport, Isle of Wight") == ("Newport", "South East")
    assert _city_region("Richmond") == (None, None)
    assert _city_region("Richmond, North Yorkshire") == ("Richmond", "Yorkshire and The Humber")
    assert _city_region("Richmond, London") == ("London", "London")
    # Boston: Lincolnshire and Massachusetts; the posting's country decides.
    assert parse_location("Boston") == Place()
    assert parse_location("Boston", "GB") == Place("Boston", "East Midlands", "GB", False)
    assert parse_location("Boston", "US") == Place("Boston", "Massachusetts", "US", False)
    assert parse_location("Boston, Lincolnshire", "US") == Place("Boston", "East Midlands", "GB", False)


def test_the_text_outranks_the_posting_country():
    assert parse_location("New York, NY", "GB") == Place("New York", "New York", "US", False)
    assert parse_location("Paris, France", "GB") == Place("Paris", None, "FR", False)
    assert parse_location("London, ON") == Place(None, "Ontario", "CA", False)


# --------------------------------------------------------------------------- US


@pytest.mark.parametrize("text, city, state", [
    ("New York, NY", "New York", "New York"),
    ("New York", "New York", "New York"),
    ("NYC", "New York", "New York"),
    ("Brooklyn, NY", "New York", "New York"),
    ("Austin, TX", "Austin", "Texas"),
    ("Austin, Texas", "Austin", "Texas"),
    ("Austin, TX 78701", "Austin", "Texas"),
    ("San Francisco, CA", "San Francisco", "California"),
    ("Chicago, IL, USA", "Chicago", "Illinois"),
    ("Washington, DC", "Washington", "District of Columbia"),
    ("Boise, ID", "Boise", "Idaho"),
    # a town the gazetteer lacks is taken from the 'City, ST' convention
    ("Bentonville, AR", "Bentonville", "Arkansas"),
    ("Paris, TX", "Paris", "Texas"),
    ("Birmingham, AL", "Birmingham", "Alabama"),
    ("Kansas City, MO", "Kansas City", "Missouri"),
])
def test_us_city_and_state(text, city, state):
    assert parse_location(text) == Place(city, state, "US", False)


def test_us_city_shared_by_two_states_keeps_the_state_empty():
    assert parse_location("Kansas City, US") == Place("Kansas City", None, "US", False)
    assert parse_location("Portland", "US") == Place("Portland", None, "US", False)


def test_remote_us():
    assert parse_location("Remote, US") == Place(None, None, "US", True)
    assert parse_location("Remote - USA") == Place(None, None, "US", True)
    assert parse_location("Texas") == Place(None, "Texas", "US", False)


def test_two_letter_codes_only_in_capitals():
    assert parse_location("Austin, tx") == Place("Austin", "Texas", "US", False)  # Austin is known
    assert parse_location("Bentonville, ar") == Place()  # 'ar' in lower case is no state
    assert parse_location("Köln, DE") == Place("Cologne", None, "DE", False)
    assert parse_location("Dover, DE") == Place("Dover", "Delaware", "US", False)


# --------------------------------------------------------------------------- Russia, Belarus, China


@pytest.mark.parametrize("text, city, region, country", [
    ("Москва", "Moscow", "Moscow", "RU"),
    ("г. Москва", "Moscow", "Moscow", "RU"),
    ("Moscow", "Moscow", "Moscow", "RU"),
    ("Moscow, Russia", "Moscow", "Moscow", "RU"),
    ("Москва, м. Таганская", "Moscow", "Moscow", "RU"),
    ("Санкт-Петербург", "St Petersburg", "Saint Petersburg", "RU"),
    ("СПб", "St Petersburg", "Saint Petersburg", "RU"),
    ("Питер", "St Petersburg", "Saint Petersburg", "RU"),
    ("St Petersburg", "St Petersburg", "Saint Petersburg", "RU"),
    ("Saint Petersburg", "St Petersburg", "Saint Petersburg", "RU"),
    ("St. Petersburg, Russia", "St Petersburg", "Saint Petersburg", "RU"),
    ("Екатеринбург", "Yekaterinburg", "Sverdlovsk Oblast", "RU"),
    ("Новосибирск", "Novosibirsk", "Novosibirsk Oblast", "RU"),
    ("Казань", "Kazan", "Tatarstan", "RU"),
    ("Нижний Новгород", "Nizhny Novgorod", "Nizhny Novgorod Oblast", "RU"),
    ("Минск", "Minsk", "Minsk", "BY"),
    ("Мінск", "Minsk", "Minsk", "BY"),
    ("Minsk, Belarus", "Minsk", "Minsk", "BY"),
    ("Гомель", "Gomel", "Gomel Region", "BY"),
    ("Гродна", "Grodno", "Grodno Region", "BY"),
    ("Жодино", "Zhodino", "Minsk Region", "BY"),  # smaller towns: their roubles are BYN
    ("Полоцк", "Polotsk", "Vitebsk Region", "BY"),
    ("Рэчыца", "Rechitsa", "Gomel Region", "BY"),
    ("Slonim, Belarus", "Slonim", "Grodno Region", "BY"),
    ("北京", "Beijing", "Beijing", "CN"),
    ("北京市", "Beijing", "Beijing", "CN"),
    ("Beijing", "Beijing", "Beijing", "CN"),
    ("上海", "Shanghai", "Shanghai", "CN"),
    ("Shanghai, China", "Shanghai", "Shanghai", "CN"),
    ("上海 静安区", "Shanghai", "Shanghai", "CN"),
    ("上海市浦东新区", "Shanghai", "Shanghai", "CN"),
    ("广东省深圳市南山区", "Shenzhen", "Guangdong", "CN"),
    ("深圳", "Shenzhen", "Guangdong", "CN"),
    ("广州", "Guangzhou", "Guangdong", "CN"),
    ("杭州", "Hangzhou", "Zhejiang", "CN"),
    ("西安", "Xi'an", "Shaanxi", "CN"),
])
def test_russian_belarusian_and_chinese_cities(text, city, region, country):
    assert parse_location(text) == Place(city, region, country, False)


def test_a_street_named_after_another_city_is_not_that_city():
    # Nanjing Road is Shanghai's shopping street.
    assert parse_location("上海南京路").city == "Shanghai"
    assert parse_location("南京西路, 上海").city == "Shanghai"


def test_russian_remote_note():
    place = parse_location("Калининград (возможна удаленная работа)", "RU")
    assert place == Place("Kaliningrad", "Kaliningrad Oblast", "RU", True)
    assert parse_location("Удалённо", "RU") == Place(None, None, "RU", True)


# --------------------------------------------------------------------------- API


def test_results_are_cached_per_distinct_text_and_country():
    first = parse_location("Canary Wharf, London", "GB")
    assert parse_location("Canary Wharf, London", "GB") is first
    assert parse_location("Canary Wharf, London", "US") == first  # the text decides here
    places.clear_cache()
    assert parse_location("Canary Wharf, London", "GB") == first


def test_country_hint_forms():
    assert parse_location("Remote", "uk").country == "GB"
    assert parse_location("Remote", "EU").country is None  # the euro area is no country
    assert parse_location("Paris", "EU") == Place("Paris", None, "FR", False)


def test_parse_locations_maps_over_texts():
    assert parse_locations(["London", None, "Leeds"], "GB") == [
        LONDON, Place(None, None, "GB", False), Place("Leeds", "Yorkshire and The Humber", "GB", False)]


def test_place_is_immutable():
    with pytest.raises(AttributeError):
        parse_location("London").city = "Paris"


# --------------------------------------------------------------------------- the gazetteer file


@pytest.fixture(scope="module")
def gazetteer():
    return yaml.safe_load(places.gazetteer_path().read_text(encoding="utf-8"))


def test_gazetteer_has_the_twelve_itl1_regions(gazetteer):
    assert len(ITL1_REGIONS) == 12
    assert list(gazetteer["uk"]["regions"]) == [
        "North East", "North West", "Yorkshire and The Humber", "East Midlands", "West Midlands",
        "East of England", "London", "South East", "South West", "Wales", "Scotland", "Northern Ireland"]
    assert places.preload() > 3000


def test_every_town_a_district_or_alias_points_to_is_listed(gazetteer):
    towns = {t for spec in gazetteer["uk"]["regions"].values() for t in spec["towns"]}
    for region, spec in gazetteer["uk"]["regions"].items():
        for town in (spec.get("districts") or {}):
            assert town in spec["towns"], (region, town)
        for alias, town in (spec.get("aliases_of_towns") or {}).items():
            assert town in towns, (region, alias, town)


def test_postcode_areas_are_listed_once_and_london_has_its_eight(gazetteer):
    areas = [a for group in gazetteer["uk"]["postcode_areas"].values() for a in group]
    assert len(areas) == len(set(areas))
    assert {"E", "EC", "N", "NW", "SE", "SW", "W", "WC"} <= set(gazetteer["uk"]["postcode_areas"]["London"])
    assert len(areas) >= 120  # the UK's geographic postcode areas (121 in use, GY/JE/IM not UK)


def test_us_states_and_city_codes(gazetteer):
    states = gazetteer["us"]["states"]
    assert len([c for c in states if c not in ("DC", "PR")]) == 50
    for city, codes in gazetteer["us"]["cities"].items():
        for code in codes if isinstance(codes, list) else [codes]:
            assert code in states, (city, code)


def test_no_name_means_two_towns_of_one_region():
    # Two towns of one name in one region would cancel each other out (city None).
    for key, entries in places._index().names.items():
        towns = {(e.region, e.country, e.city) for e in entries if e.city}
        by_region = {(region, country) for region, country, _ in towns}
        assert len(by_region) == len(towns), (key, towns)


def test_yaml_words_stay_strings(gazetteer):
    # YAML 1.1 reads a bare NO or ON as a boolean: Norway's code and Ontario's must be quoted.
    from workbench.markets import country_names

    assert country_names()["NO"]["codes"] == ["NO"]
    assert "ON" in gazetteer["abroad"]["regions"]["CA"]["Ontario"]


@pytest.mark.parametrize("text, country", [
    ("Austin, TX", "US"),
    ("New York, NY", "US"),
    ("Springfield, Illinois", "US"),
    ("San Juan, PR", "US"),  # a territory
    ("Remote, US", "US"),
    ("United States", "US"),
    ("USA", "US"),
    ("Leeds, England", "GB"),
    ("Cardiff, Wales", "GB"),
    ("Belfast, Northern Ireland", "GB"),
    ("Remote - United Kingdom", "GB"),
    ("UK", "GB"),
])
def test_named_country_from_a_country_or_its_division(text, country):
    assert places.named_country(text) == country


@pytest.mark.parametrize("text", [
    "London", "Manchester", "Boston", "Paris", "Moscow",  # a city alone never names the country
    "Remote", "Hybrid", "", None, float("nan"),
    "Boston, MA or Leeds, England",  # the alternatives disagree
])
def test_named_country_is_none_from_a_bare_city_or_nothing(text):
    assert places.named_country(text) is None
