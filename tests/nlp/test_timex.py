"""Temporal expressions: text and publication date in, (text, type, value) out."""

from __future__ import annotations

import pytest

from presswatch.nlp.timex import extract_timexes

WEDNESDAY = "2024-11-20"


def found(text: str, published: str | None = WEDNESDAY) -> list[tuple[str, str, str]]:
    out = []
    for t in extract_timexes(text, published):
        assert text[t.span.start : t.span.end] == t.span.text
        out.append((t.span.text, t.type, t.value))
    return out


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("He spoke on Friday.", [("Friday", "DATE", "2024-11-15")]),
        ("Ukraine fired one early Tuesday.", [("Tuesday", "DATE", "2024-11-19")]),
        ("The summit is next Monday.", [("next Monday", "DATE", "2024-11-25")]),
        ("They met on April 24th.", [("April 24th", "DATE", "2024-04-24")]),
        ("Talks resume on December 2.", [("December 2", "DATE", "2024-12-02")]),
        ("It began on Feb. 24, 2022.", [("Feb. 24, 2022", "DATE", "2022-02-24")]),
        ("In April the army advanced.", [("April", "DATE", "2024-04")]),
        ("Since spring 2022 the front moved.", [("spring 2022", "DATE", "2022-SP")]),
        ("Last year was hard.", [("Last year", "DATE", "2023")]),
        ("The war must end next year.", [("next year", "DATE", "2025")]),
        ("Prices rose last month.", [("last month", "DATE", "2024-10")]),
        ("It happened two years ago.", [("two years ago", "DATE", "2022")]),
        ("after more than 1,000 days of war", [("more than 1,000 days", "DURATION", "P1000D")]),
        ("a two-week pause", [("two-week", "DURATION", "P2W")]),
        ("They are now in talks.", [("now", "DATE", "PRESENT_REF")]),
        ("He recently said so.", [("recently", "DATE", "PAST_REF")]),
        ("Profit fell in the third quarter.", [("the third quarter", "DATE", "2024-Q3")]),
        ("Russia seized Crimea in 2014.", [("2014", "DATE", "2014")]),
        ("Yesterday the shelling stopped.", [("Yesterday", "DATE", "2024-11-19")]),
        (
            "The talks start at 10 p.m. Thursday.",
            [("10 p.m. Thursday", "TIME", "2024-11-14T22:00")],
        ),
        ("Inspectors visit weekly.", [("weekly", "SET", "P1W")]),
        ("She served from 2019 to 2021.", [("from 2019 to 2021", "DATE", "2019/2021")]),
        ("the winter war of 1939-40", [("1939-40", "DATE", "1939/1940")]),
    ],
)
def test_expressions_and_values(text: str, expected: list[tuple[str, str, str]]) -> None:
    assert found(text) == expected


def test_a_year_earlier_in_quarterly_results_is_that_quarter() -> None:
    text = "Third-quarter profit rose 5% from a year earlier."
    assert ("a year earlier", "DATE", "2023-Q3") in found(text, "2024-10-26")


def test_no_anchor_leaves_the_calendar_open() -> None:
    assert found("He spoke on Friday.", None) == [("Friday", "DATE", "XXXX-XX-XX")]


@pytest.mark.parametrize(
    "text",
    [
        "He may visit Kyiv.",  # May the verb
        "They will march on the capital.",
        "The 2,014 soldiers and 1999 votes.",
        "Prices fall in many markets.",
        "He sold 1990 shares.",
    ],
)
def test_not_timexes(text: str) -> None:
    assert [t for t in found(text) if t[2] not in ("PRESENT_REF", "PAST_REF")] == []


# --- tense decides the direction of a bare weekday or month (anchor: Wednesday) --------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The minister said Tuesday that talks failed.", ("Tuesday", "DATE", "2024-11-19")),
        ("The leaders will meet on Friday.", ("Friday", "DATE", "2024-11-22")),
        ("A vote is scheduled for Monday.", ("Monday", "DATE", "2024-11-25")),
        ("The envoy planned to leave Kyiv on Thursday.", ("Thursday", "DATE", "2024-11-21")),
        ("He was to arrive on Monday.", ("Monday", "DATE", "2024-11-18")),
        ("Nothing could stop the strike on Friday.", ("Friday", "DATE", "2024-11-15")),
        ("On Tuesday, the league will publish its report.", ("Tuesday", "DATE", "2024-11-26")),
        ("The company bought the plant in February.", ("February", "DATE", "2024-02")),
        ("The summit will be held in April.", ("April", "DATE", "2025-04")),
        ("The rally is in April.", ("April", "DATE", "2024-04")),
    ],
)
def test_tense_picks_the_side_of_the_anchor(text: str, expected: tuple[str, str, str]) -> None:
    assert found(text) == [expected]


def test_a_past_date_more_than_ten_months_back_yields_to_the_nearest() -> None:
    # "said" is past, but last year's Dec. 15 is 11 months back: the coming one is meant
    assert found("Officials said the deal closes on Dec. 15.") == [
        ("Dec. 15", "DATE", "2024-12-15")
    ]


# --- parts of days ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The blast hit on Friday morning.", ("Friday morning", "TIME", "2024-11-15TMO")),
        ("They met Monday afternoon.", ("Monday afternoon", "TIME", "2024-11-18TAF")),
        ("He spoke Sunday evening.", ("Sunday evening", "TIME", "2024-11-17TEV")),
        ("Troops crossed Saturday night.", ("Saturday night", "TIME", "2024-11-16TNI")),
        ("The talks end this evening.", ("this evening", "TIME", "2024-11-20TEV")),
        ("Shares fell yesterday morning.", ("yesterday morning", "TIME", "2024-11-19TMO")),
        ("By mid-afternoon the fighting stopped.", ("mid-afternoon", "TIME", "2024-11-20TAF")),
        ("He will leave at 4 in the morning.", ("4 in the morning", "TIME", "2024-11-21T04:00")),
    ],
)
def test_parts_of_days(text: str, expected: tuple[str, str, str]) -> None:
    assert found(text) == [expected]


def test_clock_with_time_zone_and_date() -> None:
    text = "The offer runs until 5 p.m. EST, Nov. 6, or midnight Friday."
    assert found(text, "1989-10-30") == [
        ("5 p.m. EST, Nov. 6", "TIME", "1989-11-06T17:00"),
        ("midnight Friday", "TIME", "1989-10-27T24:00"),
    ]


# --- months and years relative to another year; years and decades in words -------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("In June last year the army fell back.", ("June last year", "DATE", "2023-06")),
        ("In January this year prices rose.", ("January this year", "DATE", "2024-01")),
        ("They join in April next year.", ("April next year", "DATE", "2025-04")),
        ("It beat last year's record.", ("last year", "DATE", "2023")),
        ("Keating was convicted in nineteen ninety-one.", ("nineteen ninety-one", "DATE", "1991")),
        ("the approach of the year two thousand", ("the year two thousand", "DATE", "2000")),
        (
            "January nineteen ninety-seven. A bomb.",
            ("January nineteen ninety-seven", "DATE", "1997-01"),
        ),
        ("prices seen in the winter of 1994", ("the winter of 1994", "DATE", "1994-WI")),
        ("Unrest grew in the 1990s.", ("the 1990s", "DATE", "199")),
        ("Hate groups fell through the nineties.", ("the nineties", "DATE", "199")),
        ("a fad of the '80s", ("the '80s", "DATE", "198")),
        ("a 20th century democrat", ("20th century", "DATE", "19")),
        ("the 11th century temple", ("the 11th century", "DATE", "10")),
        ("Cuba won independence in 1898.", ("1898", "DATE", "1898")),
        ("Unrest in late-November spread.", ("late-November", "DATE", "2024-11")),
    ],
)
def test_calendar_expressions(text: str, expected: tuple[str, str, str]) -> None:
    assert found(text) == [expected]


def test_the_week_of_a_date_is_that_week() -> None:
    assert found("a hearing the week of March 6", "2000-02-24") == [
        ("the week of March 6", "DATE", "2000-W10")
    ]


def test_a_year_closing_a_sentence_is_still_a_year() -> None:
    text = "He filed objections in 1995, claiming immunity."
    assert found(text) == [("1995", "DATE", "1995")]


# --- durations -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "In the last twenty four hours it fell.",
            ("the last twenty four hours", "DURATION", "PT24H"),
        ),
        ("They stayed in camps for 2 1/2 years.", ("2 1/2 years", "DURATION", "P2Y6M")),
        ("She spent about 5 1/2 hours in Nairobi.", ("about 5 1/2 hours", "DURATION", "PT5H30M")),
        (
            "But a minute and a half later he called.",
            ("a minute and a half", "DURATION", "PT1M30S"),
        ),
        ("It took one and a half years.", ("one and a half years", "DURATION", "P1Y6M")),
        ("The strike lasted half an hour.", ("half an hour", "DURATION", "PT30M")),
        ("It won't change for a couple of years.", ("a couple of years", "DURATION", "P2Y")),
        (
            "The base is leased for at least 20 more years.",
            ("at least 20 more years", "DURATION", "P20Y"),
        ),
        (
            "Prices are at their lowest for almost two decades.",
            ("almost two decades", "DURATION", "P20Y"),
        ),
        (
            "Abortion foes were routine over the past decade.",
            ("the past decade", "DURATION", "P10Y"),
        ),
        ("For weeks the rallies went on.", ("weeks", "DURATION", "PXW")),
        ("Kidnappings grew in recent years.", ("recent years", "DURATION", "PXY")),
        ("Growth slows in the coming months.", ("the coming months", "DURATION", "PXM")),
        ("a decades-long battle", ("decades-long", "DURATION", "PXY")),
        ("Eight trading days after the crash", ("Eight trading days", "DURATION", "P8D")),
    ],
)
def test_durations(text: str, expected: tuple[str, str, str]) -> None:
    assert found(text) == [expected]


# --- vague references ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Prices will soon fall.", ("soon", "DATE", "FUTURE_REF")),
        ("It may soon seek an indictment.", ("soon", "DATE", "FUTURE_REF")),
        ("They plan an offering in the near future.", ("the near future", "DATE", "FUTURE_REF")),
        ("It hurts holders in the short term.", ("the short term", "DATE", "FUTURE_REF")),
        ("Return the boy as soon as possible.", ("as soon as possible", "DATE", "FUTURE_REF")),
        ("They are financed at a later date.", ("a later date", "DATE", "FUTURE_REF")),
        ("It hurts market makers more these days.", ("these days", "DATE", "PRESENT_REF")),
    ],
)
def test_vague_references(text: str, expected: tuple[str, str, str]) -> None:
    assert found(text) == [expected]


# --- financial periods (anchor: a Thursday in late October 1989, Q3 reported) -----------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("It earned $2 in the year-ago quarter.", ("the year-ago quarter", "DATE", "1988-Q3")),
        (
            "In the year-earlier third quarter it lost.",
            ("the year-earlier third quarter", "DATE", "1988-Q3"),
        ),
        ("In the 1988 period, it earned $2.", ("the 1988 period", "DATE", "1988-Q3")),
        (
            "effective in next year's first quarter",
            ("next year's first quarter", "DATE", "1990-Q1"),
        ),
        (
            "through the first two quarters of 1990",
            ("the first two quarters of 1990", "DATE", "1990-H1"),
        ),
        ("earnings for the last half of 1989", ("the last half of 1989", "DATE", "1989-H2")),
        ("In fiscal 1989, it had sales of $40 million.", ("fiscal 1989", "DATE", "1989")),
        ("For the year ended Sept. 30, net rose.", ("the year", "DURATION", "P1Y")),
        ("The stock hit a high for the year.", ("the year", "DATE", "1989")),
        ("Staff falls by 6,000 by year end.", ("year end", "DATE", "1989")),
        ("Sales for the full year were $6 billion.", ("the full year", "DATE", "1989")),
    ],
)
def test_financial_periods(text: str, expected: tuple[str, str, str]) -> None:
    assert [t for t in found(text, "1989-10-26") if t[0] != "Sept. 30"] == [expected]


# --- weekends, holidays, recurrences ---------------------------------------------------


def test_the_weekend_before_and_after_the_anchor() -> None:
    assert found("Evidence arrived over the weekend.") == [("the weekend", "DATE", "2024-W46-WE")]
    assert found("Traders squared positions ahead of the weekend.") == [
        ("the weekend", "DATE", "2024-W47-WE")
    ]


def test_holidays() -> None:
    assert found("He was found on Thanksgiving Day.", "2000-01-07") == [
        ("Thanksgiving Day", "DATE", "1999-11-25")
    ]
    assert found("a major theme from now to Election Day", "1998-10-26")[-1] == (
        "Election Day",
        "DATE",
        "1998-11-03",
    )
    assert found("Protesters prayed as Easter week began.", "2000-04-17") == [
        ("Easter week", "DATE", "2000-W16")
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The third flight departs each Thursday.", ("each Thursday", "SET", "XXXX-WXX-4")),
        ("Flights leave on Tuesday nights.", ("Tuesday nights", "SET", "XXXX-WXX-2TNI")),
        ("Orangemen march each July.", ("each July", "SET", "XXXX-07")),
    ],
)
def test_recurrences(text: str, expected: tuple[str, str, str]) -> None:
    assert found(text) == [expected]


# --- anaphoric dates: relative to the last date mentioned -----------------------------


def test_anaphoric_dates_follow_the_last_date() -> None:
    text = "He fled to Florida in June 1998 and returned later that year."
    assert found(text)[-1] == ("later that year", "DATE", "1998")
    text = "On May 22, 1995, he was promoted, and the following year he left."
    assert found(text)[-1] == ("the following year", "DATE", "1996")
    text = "The strike began on Oct. 12, 2023. The next morning the talks resumed."
    assert found(text)[-1] == ("The next morning", "DATE", "2023-10-13")


def test_an_anaphoric_date_without_a_date_before_it_is_dropped() -> None:
    assert found("The following year he left.") == []


# --- things that are not (or not all) timexes ------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Mr. Reupke, 52 years old, will retire.",  # an age
        "a 6-year-old boy",
        "It saves $500 million a year.",  # a rate
        "Iraq imports about three-quarters of its food.",  # a fraction
        "funds hold more than a quarter of the market",
        'Baker said on ABC\'s "This Week" that he agreed.',  # titles
        "Gonzalez said on CBS's ''60 Minutes.''",
        "a picture of Gary Cooper from the film ``High Noon.''",
        "the Communist Party daily Granma",  # a newspaper
        "protesters at the annual March for Life",
        "He is now in his sixties.",
        "He sold two thousand copies.",
        "Rebels attacked soon after the vote.",
        "He was soon released.",
        "She left as soon as he arrived.",
        "the car was seen in the weeks before the shooting",
    ],
)
def test_more_non_timexes(text: str) -> None:
    assert [t for t in found(text) if t[2] != "PRESENT_REF"] == []


def test_rates_and_ages_keep_the_rest() -> None:
    assert found("guards outside every clinic, 24 hours a day") == [
        ("24 hours", "DURATION", "PT24H")
    ]
    assert found("He stepped down in March for health reasons.") == [("March", "DATE", "2024-03")]


def test_a_month_day_before_a_capitalised_word_starting_cent() -> None:
    assert found("your Oct. 23 Centennial Journal item", "1989-11-01") == [
        ("Oct. 23", "DATE", "1989-10-23")
    ]


def test_a_number_before_a_comma_is_not_a_count() -> None:
    assert found("On July 6, hours after the team returned") == [("July 6", "DATE", "2024-07-06")]


def test_weekday_with_date_takes_the_date() -> None:
    text = "The Times said in an editorial on Saturday, April 25:"
    assert found(text, "1998-04-24") == [("Saturday, April 25", "DATE", "1998-04-25")]


def test_dates_inside_web_addresses_are_not_timexes() -> None:
    text = (
        "Read the [fact sheet](https://www.whitehouse.gov/briefing-room/2023/02/21/aid/) "
        "published on February 21, 2023."
    )
    assert [t.span.text for t in extract_timexes(text, "2023-02-24")] == ["February 21, 2023"]


# --- modifiers: the part of a period meant (TIMEX3 ``mod``) ------------------------------


def modified(text: str, published: str | None = WEDNESDAY) -> list[tuple[str, str, str | None]]:
    return [(t.span.text, t.value, t.mod) for t in extract_timexes(text, published)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("It was announced late last month.", ("late last month", "2024-10", "END")),
        ("Talks resume early next year.", ("early next year", "2025", "START")),
        ("Unrest in late November spread.", ("late November", "2024-11", "END")),
        ("Prices peaked in mid-2023.", ("mid-2023", "2023", "MID")),
        ("It opens at the start of next month.", ("the start of next month", "2024-12", "START")),
        ("It ends at the end of this year.", ("the end of this year", "2024", "END")),
        ("We met in the middle of October.", ("the middle of October", "2024-10", "MID")),
        ("They arrived early this week.", ("early this week", "2024-W47", "START")),
        ("Growth slowed in early 1991.", ("early 1991", "1991", "START")),
        ("The strike was in April.", ("April", "2024-04", None)),
    ],
)
def test_modifiers_join_the_span_and_set_mod(
    text: str, expected: tuple[str, str, str | None]
) -> None:
    assert modified(text) == [expected]


@pytest.mark.parametrize(
    "text",
    [
        "It could come as early as next year.",
        "It is too late this year.",
        "They met late Monday.",  # a day keeps its own span: a time of that day
    ],
)
def test_words_that_are_no_modifier_of_a_period(text: str) -> None:
    assert all(mod is None for _, _, mod in modified(text))
    assert not any(span.lower().startswith(("early", "late")) for span, _, _ in modified(text))


def test_this_past_week_is_the_week_holding_most_of_the_last_seven_days() -> None:
    # said on a Friday: Saturday to Friday, five of the seven days in this week
    assert found("He was in Kyiv this past week.", "2024-05-17") == [
        ("this past week", "DATE", "2024-W20")
    ]
    # said on a Tuesday: most of the seven days lie in the week before
    assert found("He was in Kyiv this past week.", "2024-05-14") == [
        ("this past week", "DATE", "2024-W19")
    ]
    assert found("He was in Kyiv last week.", "2024-05-17") == [("last week", "DATE", "2024-W19")]
