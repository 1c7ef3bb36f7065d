"""Stated years and dated ranges: every form people write, and what is not experience."""

from __future__ import annotations

from datetime import date

import pytest

from skillmatch.analysis import find_date_ranges, find_years_claims, merge_intervals, total_years

AS_OF = date(2025, 3, 1)


@pytest.mark.parametrize(
    ("phrase", "years"),
    [
        ("7+ years of experience", 7),
        ("five years of experience", 5),
        ("3-5 years of experience", 3),
        ("3–5 yrs experience", 3),
        ("over a decade of experience", 10),
        ("10+ years in software", 10),
        ("at least 4 years of experience", 4),
        ("2 years' experience", 2),
        ("twenty years of experience", 20),
        ("twelve years building platforms", 12),
        ("2 years 10 months of experience", 2 + 10 / 12),
        ("18 months of experience", 1.5),
        ("about two and a half years of professional experience", 2.5),
        ("0-2 years of experience", 0),
        ("up to 2 years of experience", 0),
        # a singular unit is still a duration when experience or a preposition follows
        ("3 year experience", 3),
        ("3 year IT experience", 3),
        ("3 year in banking", 3),
    ],
)
def test_years_claim_reads_every_form(phrase: str, years: float) -> None:
    text = f"Summary: {phrase}, mostly on payments."
    claims = [c for c in find_years_claims(text) if c.experience]
    assert len(claims) == 1
    assert claims[0].value == pytest.approx(years)
    assert text[claims[0].start : claims[0].end] in phrase


@pytest.mark.parametrize(
    "text",
    [
        "Built a 5-year diabetes risk model.",
        "Our founder is 20 years old.",
        "Taught a class of 3 year olds.",
        "Created four year academic plans with students.",
        "Two Year Varsity Diving: 2 year captain.",
        "Starter for all four years of college.",
        "PARALEGAL EXPERIENCE:  11/91 to 3/92",
        "We moved offices 3 years ago.",
        "Top sales agent three years running.",
        "Contract: 3 months, remote.",
        "Indexed over 15 years of project documents.",
        "Two years, three rotations of eight months each.",
    ],
)
def test_years_claim_ignores_durations_that_are_not_experience(text: str) -> None:
    assert [c for c in find_years_claims(text) if c.experience] == []


@pytest.mark.parametrize(
    ("phrase", "begin", "finish"),
    [
        ("Jan 2019 – Present", date(2019, 1, 1), AS_OF),
        ("2016-2018", date(2016, 7, 1), date(2018, 7, 1)),
        ("2016 – 2018", date(2016, 7, 1), date(2018, 7, 1)),
        ("03/2015 - 06/2017", date(2015, 3, 1), date(2017, 7, 1)),
        ("August 2016 to Present", date(2016, 8, 1), AS_OF),
        ("Since 2020", date(2020, 7, 1), AS_OF),
        ("Apr 2022 – Present", date(2022, 4, 1), AS_OF),
        ("2021–present", date(2021, 7, 1), AS_OF),
        ("Sept. 2019 - Current", date(2019, 9, 1), AS_OF),
        ("Q3 2018 – Q1 2020", date(2018, 7, 1), date(2020, 4, 1)),
        ("Jun–Aug 2024", date(2024, 6, 1), date(2024, 9, 1)),
        ("2023–24", date(2023, 7, 1), date(2024, 7, 1)),
        ("September 2017 onwards", date(2017, 9, 1), AS_OF),
        ("May 2010 - till date", date(2010, 5, 1), AS_OF),
        ("Jan 2010-Sept 2013", date(2010, 1, 1), date(2013, 10, 1)),
        # a month joined to its year, with a day, quoted years, full numeric dates, "/"
        ("May/2008 - May/2016", date(2008, 5, 1), date(2016, 6, 1)),
        ("Jan-2014 to Jun-2015", date(2014, 1, 1), date(2015, 7, 1)),
        ("Dec' 2015 to Sept' 2016", date(2015, 12, 1), date(2016, 10, 1)),
        ("Feb '2011-June 2014", date(2011, 2, 1), date(2014, 7, 1)),
        ("01st Oct 2015 - till date", date(2015, 10, 1), AS_OF),
        ("5th October, 2015 till date", date(2015, 10, 1), AS_OF),
        ("June 30, 2019 - Present", date(2019, 6, 1), AS_OF),
        ("18/06/2014 - Present", date(2014, 6, 1), AS_OF),
        ("04-09-2003 to 19-12-2007", date(2003, 4, 1), date(2008, 1, 1)),
        ("8/1/2008 - 1/1/2012", date(2008, 8, 1), date(2012, 2, 1)),
        ("Feb 2011/Now", date(2011, 2, 1), AS_OF),
        ("2015/2016", date(2015, 7, 1), date(2016, 7, 1)),
        # German
        ("März 2018 bis heute", date(2018, 3, 1), AS_OF),
        ("seit 04/2021", date(2021, 4, 1), AS_OF),
        ("Seit Januar 2020", date(2020, 1, 1), AS_OF),
        ("Okt. 2015 – Dez. 2019", date(2015, 10, 1), date(2020, 1, 1)),
        ("Mai 2019 - Juli 2021", date(2019, 5, 1), date(2021, 8, 1)),
        ("2017 bis 2020", date(2017, 7, 1), date(2020, 7, 1)),
        # Spanish
        ("enero 2022 – actualidad", date(2022, 1, 1), AS_OF),
        ("sept. 2019 – dic. 2021", date(2019, 9, 1), date(2022, 1, 1)),
        ("enero de 2020 a diciembre de 2021", date(2020, 1, 1), date(2022, 1, 1)),
        ("Desde marzo 2021", date(2021, 3, 1), AS_OF),
        ("ago. 2018 - presente", date(2018, 8, 1), AS_OF),
        ("2019 hasta la fecha", date(2019, 7, 1), AS_OF),
        # French
        ("janv. 2020 à ce jour", date(2020, 1, 1), AS_OF),
        ("févr. 2017 – août 2019", date(2017, 2, 1), date(2019, 9, 1)),
        ("2018 - aujourd'hui", date(2018, 7, 1), AS_OF),
        ("depuis 2019", date(2019, 7, 1), AS_OF),
        ("septembre 2016 au juin 2018", date(2016, 9, 1), date(2018, 7, 1)),
        ("Juil. 2021 – présent", date(2021, 7, 1), AS_OF),
    ],
)
def test_date_range_reads_every_form(phrase: str, begin: date, finish: date) -> None:
    text = f"Data Engineer, Acme — {phrase}\n"
    (found,) = find_date_ranges(text, as_of=AS_OF)
    assert text[found.start : found.end] == phrase
    assert (found.begin, found.finish) == (begin, finish)


@pytest.mark.parametrize(
    "text",
    [
        "Graduated in 2019.",
        "Founded 1994",
        "2019-03 release",
        "Call 123-345-7890",
        "32/13/2019 - 01/01/2020",
        "June 2019",
        "Fall 2014   30 students",
        "5.10  10",
        "£2.7bn revenue in 2018/19",
        "Higher Secondary School, 75%, 1999  Date of Birth: 11th April 1983",
        "Graduated 2012  Current Address: 3 Main Street",
    ],
)
def test_date_range_needs_two_ends(text: str) -> None:
    assert find_date_ranges(text, as_of=AS_OF) == []


def test_overlapping_ranges_merge_before_counting() -> None:
    a = (date(2018, 1, 1), date(2021, 1, 1))
    b = (date(2020, 1, 1), date(2022, 1, 1))
    c = (date(2023, 1, 1), date(2024, 1, 1))
    assert merge_intervals([c, b, a]) == [(date(2018, 1, 1), date(2022, 1, 1)), c]
    assert total_years([a, b, c]) == pytest.approx(5.0, abs=0.01)


def test_a_language_is_a_table_of_words() -> None:
    """Every month name of every language's table reads as its month, with its dot or not."""
    from skillmatch.analysis.calendar_words import MONTHS

    for language, months in MONTHS.items():
        for name, number in months.items():
            for written in (name, name.capitalize(), f"{name}."):
                text = f"{written} 2019 - {written} 2020"
                (found,) = find_date_ranges(text, as_of=AS_OF)
                assert found.begin == date(2019, number, 1), (language, written)


def test_an_open_end_before_a_field_on_the_next_line_still_ends_the_range() -> None:
    text = "Analyst, Acme\nApril 2017 to Present\n\nLocation: Pune, India\n"
    (found,) = find_date_ranges(text, as_of=AS_OF)
    assert (text[found.start : found.end], found.finish) == ("April 2017 to Present", AS_OF)
