"""Seniority that reconciles its evidence: stated totals against dated history, the career stage
(students, graduates, first roles, internships), jobs held while studying, the latest title, and
texts that lost their line breaks or their punctuation."""

from __future__ import annotations

from datetime import date

import pytest

from skillmatch.analysis import find_years_claims
from skillmatch.models import Seniority
from skillmatch.scoring import estimate_seniority
from skillmatch.taxonomy import Taxonomy

RULES = Taxonomy.default().seniority
AS_OF = date(2024, 12, 31)


def _resume(text: str, as_of: date = AS_OF) -> Seniority:
    return estimate_seniority(text, RULES, kind="resume", as_of=as_of)


# (text, level, a fragment of the reason)
RECONCILED = [
    # a stated total far beyond the dated career, or beyond 50 years, is distrusted
    (
        "Summary: 35 years of experience in data.\n\nEXPERIENCE\n"
        "Data Analyst, Acme, Jan 2021 - Present\n\nEDUCATION\nBSc Statistics, 2017 - 2020\n",
        "mid",
        "'35 years' distrusted (beyond the dated career)",
    ),
    (
        "Software engineer with 60 years of experience.\nEngineer, Acme, 2019 - 2021\n",
        "mid",
        "'60 years' distrusted (over 50 years)",
    ),
    # a stated total the career allows stands in where the dated history runs to "present"
    (
        "Backend engineer, 8 years of experience.\n\nEXPERIENCE\n"
        "Senior Engineer, Acme, Mar 2023 - Present\n",
        "senior",
        "8 years stated ('8 years') beside 1.8 years of dated work history",
    ),
    # ... and a closed dated history beside no total keeps its own years
    (
        "EXPERIENCE\nData Engineer, Acme, Jan 2016 - Dec 2018\nPython (5 years)\n",
        "mid",
        "3.0 years of dated work history",
    ),
]


@pytest.mark.parametrize(("text", "level", "reason"), RECONCILED)
def test_stated_totals_are_checked_against_dated_history(text: str, level: str, reason: str):
    result = _resume(text)
    assert result.level == level
    assert reason in result.reason


def test_lost_punctuation_reads_25_years_as_two_and_a_half() -> None:
    words = " ".join(["Handled client testing projects for banking and telecom domains"] * 12)
    text = (
        f"Test engineer with 25 years of experience in software testing {words} "
        "Work Experience Software Test Engineer Wipro Pune February 2022 to Present "
        "Education BSc Nagpur University 2016 to 2019 Skills Selenium SQL JIRA"
    )
    result = _resume(text, as_of=date(2023, 6, 30))
    assert "'25 years' read as 2.5 (punctuation lost)" in result.reason
    assert (result.level, result.years) == ("mid", 2.5)


@pytest.mark.parametrize(
    "text",
    [
        "I am 25 years old and eager to learn.",
        "Aged 31 years, married.",
        "Sold TVs with a 5 years warranty.",
        "Signed a 3 years contract with the client.",
        "Stock options with a 25% one year cliff and monthly vesting.",
        "Options vesting over 4 years.",
        "Managed a 10 year lease portfolio.",
    ],
)
def test_years_bound_to_things_that_are_not_experience_never_count(text: str) -> None:
    assert [c for c in find_years_claims(text) if c.experience] == []
    assert _resume(text).years is None


# (text, reason fragment): the career stage makes these entry whatever their years say
ENTRY = [
    (
        "EDUCATION\nBachelor of Science in Computer Science, State University\n"
        "Expected graduation: May 2025\n\nEXPERIENCE\n"
        "Web Developer, Acme, 2019 - Present\nHelp Desk Technician, Beta, 2016 - 2019\n",
        "studies still ('Expected graduation')",
    ),
    (
        "Final-year B.Tech student at IIT Delhi, looking for an internship.\nPython, SQL\n",
        "studies still ('Final-year B.Tech student')",
    ),
    (
        "EDUCATION\nBSc Data Science, University of Bath, 2022 - present\n\nEXPERIENCE\n"
        "Barista, Café Nero, Jan 2023 - Present\n",
        "studies still ('2022 - present')",
    ),
    (
        "Recent graduate in economics seeking my first role in data analysis.\n"
        "EDUCATION\nBA Economics, University of Leeds, 2020 - 2024\n",
        "at the start of a career ('Recent graduate')",
    ),
    (
        "Looking for an entry-level position as a data analyst. Python, SQL, Tableau.",
        "at the start of a career ('Looking for an entry-level position')",
    ),
    (
        "Seeking an entry-level position in software testing.\n\nEXPERIENCE\n"
        "Team Leader/Laborer, Motorsports, Bowling Green, April 2021 - July 2023\n",
        "asks for a first role ('Seeking an entry-level position')",
    ),
    (
        "RESUME PROFILE  Outstanding student with experience in print journalism seeks a"
        " position in publishing.\nEDUCATION\nB.A. Communication Studies, UMKC\n\n"
        "EXPERIENCE\nNewspaper Staff Member, The Daily, Aug 2022 - present\n"
        "Features editor, campus newspaper, Aug 2020 - Aug 2022\n",
        "introduces a student ('Outstanding student')",
    ),
    (
        "EXPERIENCE\nData Science Intern, Acme, Jun 2023 - Aug 2023\n"
        "Machine Learning Intern, Beta, Jun 2022 - Aug 2022\n",
        "internships and jobs while studying only",
    ),
    (
        "EXPERIENCE\nWerkstudentin Data Analytics, Acme GmbH, Apr 2021 - Mar 2024\n\n"
        "EDUCATION\nM.Sc. Informatik, TU München, 2021 - 2024\n",
        "internships and jobs while studying only",
    ),
    (
        "EDUCATION\nB.E. Electronics, Anna University, Chennai (2019-2023)\nHSC (2017-2019)\n"
        "\nPROJECTS\nRFID attendance system\n",
        "studies and no work history",
    ),
]


@pytest.mark.parametrize(("text", "reason"), ENTRY)
def test_students_graduates_first_roles_and_interns_are_entry(text: str, reason: str) -> None:
    result = _resume(text)
    assert result.level == "entry"
    assert reason in result.reason


def test_jobs_held_while_studying_full_time_do_not_count() -> None:
    text = (
        "EXPERIENCE\nAssistant Professor, Shoolini Institute, Sep 2024 - Present\n"
        "Project Associate, Shoolini University, Jan 2019 - Jan 2021\n\n"
        "EDUCATION\nPhD in Microbiology, Shoolini University, Sep 2017 - Sep 2024\n"
    )
    result = _resume(text)
    assert result.level == "entry"
    assert "1 role(s) held while studying left out" in result.reason
    held = [e for e in result.evidence if e.detail.startswith("held while studying")]
    assert [e.text for e in held] == ["Jan 2019 - Jan 2021"]


@pytest.mark.parametrize(
    "education",
    [
        # the dates stand in a column of their own; the degree is on the line below its date
        "June 2024\nNorthwestern University, Evanston, IL\nMaster of Science in Higher Education",
        # the date stands on the school's line, the degree below it
        "Northwestern University, June 2024, Evanston, IL\nMaster of Science in Education",
    ],
)
def test_a_degree_on_the_lines_around_its_date_is_a_study(education: str) -> None:
    text = f"EDUCATION\n{education}\n\nEXPERIENCE\nAlumni Career Mentor, July 2022 - Present\n"
    result = _resume(text)
    assert result.level == "entry"
    assert "1 role(s) held while studying left out" in result.reason


@pytest.mark.parametrize("heading", ["Academic Positions", "Academic Appointments"])
def test_academic_positions_are_work_not_studies(heading: str) -> None:
    text = (
        "EDUCATION\nPh.D. Political Science, University of Southern California, 1991\n\n"
        f"{heading.upper()}\nProfessor of Political Science, State University, 1999 - present\n"
        "Assistant Professor, State University, 1991 - 1999\n"
    )
    result = _resume(text)
    assert result.level == "senior"
    assert "held while studying" not in result.reason


def test_a_post_at_a_school_for_over_ten_years_is_no_study() -> None:
    text = (
        "EXPERIENCE\nConsultant, Acme Analytics, 2005 - 2015\n\n"
        "ACADEMIC\nLecturer, University of Verona, 2000 - present\n"
    )
    result = _resume(text)
    assert result.level == "senior"
    assert "held while studying" not in result.reason


def test_in_house_training_in_the_education_section_is_no_study() -> None:
    text = (
        "Summary: 9 years of experience in advertising.\n"
        "EXPERIENCE\n2016 - Present: Print Copywriter, Saatchi & Saatchi\n"
        "EDUCATION\n2016 - Present: In house training on web copywriting\n"
        "2010 - 2014: Bachelor of Arts in Journalism, University of Idaho\n"
    )
    result = _resume(text)
    assert result.level == "senior"
    assert "held while studying" not in result.reason


def test_years_stated_that_only_jobs_held_while_studying_explain_are_entry() -> None:
    text = (
        "Summary: 2 years of experience in IT support.\n\n"
        "EXPERIENCE\nLab Monitor, City College, 2022 - 2024\n\n"
        "EDUCATION\nComputer Systems Diploma, City College, 2022 - 2024\n"
    )
    result = _resume(text)
    assert result.level == "entry"
    assert "'2 years' are the jobs held while studying" in result.reason


@pytest.mark.parametrize(
    "text",
    [
        # five years and more are a career, whatever the text asks for
        "Seeking an entry-level position in data science.\n\nEXPERIENCE\n"
        "Accountant, Deloitte, 2015 - 2023\n",
        # a student of a graduate degree may bring a career to it
        "MBA student with eight years in finance.\nEDUCATION\nMBA, INSEAD, 2024 - present\n"
        "\nEXPERIENCE\nAnalyst, Barclays, 2016 - 2019\nAnalyst, HSBC, 2019 - 2024\n",
    ],
)
def test_asking_for_a_first_role_or_studying_does_not_undo_a_career(text: str) -> None:
    assert _resume(text).level == "senior"


@pytest.mark.parametrize(
    "header", ["Graduate Assistant, Dept. of Biology", "Resident Assistant", "Peer Tutor"]
)
def test_student_jobs_are_not_work_years(header: str) -> None:
    result = _resume(f"EXPERIENCE\n{header}, Ohio State University, 2021 - 2024\n")
    assert result.level == "entry"
    assert "internships and jobs while studying only" in result.reason


def test_a_dated_course_beside_an_undated_degree_is_no_study() -> None:
    # the degree on the next line has a year of its own; the bootcamp's year is no graduation
    text = (
        "EXPERIENCE\nData Analyst - Nordlicht Logistik, Hamburg   Feb 2022 - present\n\n"
        "EDUCATION\nMachine Learning Bootcamp (Python, scikit-learn), 2024.\n"
        "B.A. Business Administration, Universität Hamburg, 2019.\n"
    )
    result = _resume(text)
    assert result.level == "mid"
    assert "held while studying" not in result.reason


def test_a_job_beside_part_time_studies_counts() -> None:
    text = (
        "EXPERIENCE\nData Engineer, Acme, Jan 2019 - Dec 2023\n\n"
        "EDUCATION\nMBA (part-time), Open University, 2020 - 2023\n"
    )
    assert _resume(text).level == "mid"


@pytest.mark.parametrize(
    "header",
    ["Graduate Engineer Trainee, Tata Steel", "Management Trainee, HSBC", "Graduate Programme"],
)
def test_full_time_trainee_and_graduate_programmes_count_as_work(header: str) -> None:
    text = f"EXPERIENCE\n{header}, Jan 2021 - Dec 2023\n"
    result = _resume(text)
    assert result.years == pytest.approx(3.0, abs=0.05)
    assert result.level == "mid"


def test_latest_title_weighs_more_than_past_ones() -> None:
    text = (
        "EXPERIENCE\nMachine Learning Engineer, Acme\nMarch 2017 - Present\n"
        "Junior Developer, Beta\nJan 2016 - Feb 2017\n"
    )
    result = _resume(text)
    assert result.level == "senior"
    assert "latest title" not in result.reason  # no title on the latest role: years decide


def test_title_of_the_latest_role_decides_without_years() -> None:
    text = (
        "EXPERIENCE\nSenior Data Engineer, Acme\nResponsible for pipelines.\n"
        "Junior Developer, Beta\nBuilt web pages.\n"
    )
    # no dates: the titles alone, the highest one (no role is dated)
    assert _resume(text).level == "senior"
    dated = "EXPERIENCE\nJunior Developer, Beta, 2015\nSenior Data Engineer, Acme, 2019 - 2020\n"
    result = _resume(dated)
    assert "latest title says senior" in result.reason


def test_a_resume_that_lost_its_line_breaks_is_read_by_its_run_in_headings() -> None:
    text = (
        "Priya Kumar Pune Maharashtra Email me on Indeed Willing to relocate Anywhere "
        "Work Experience Software Test Engineer Wipro Pune Maharashtra February 2020 to Present "
        "Analyzed requirements and executed test cases for banking clients using JIRA and SQL "
        "Test Engineer Trivium Education Services Pvt Ltd  Hyderabad Telangana June 2018 to "
        "January 2020 Wrote test plans and automated regression suites in Selenium "
        "Education MBA in Finance Chandigarh university  Chandigarh August 2016 to May 2018 "
        "BBA in General management Pt Ravi Sankarshukla University August 2013 to May 2016 "
        "Skills  IT Skills  SQL  JIRA  Selenium Languages  English  Hindi"
    )
    result = _resume(text, as_of=date(2022, 12, 31))
    work = [e.text for e in result.evidence if e.kind == "date-range"]
    assert work == ["February 2020 to Present", "June 2018 to January 2020"]
    assert result.level == "mid"


def test_a_run_in_heading_of_capitals_ending_in_experience_heads_work() -> None:
    text = (
        "Alycia Turcotte PO Box 407 Hull, Ga. 30646 alycia@example.org www.legaldawgs.com "
        "ATTORNEY EXPERIENCE. Principal attorney, Davidson & Associates, 7/2015 to present. "
        "General practice: contracts, family law and civil litigation for clients across "
        "Georgia, with offices in Athens, Atlanta and Savannah; I screen all calls myself. "
        "Work Experience Litigation Assistant, Country-Wide Ins. Co., 11/2011 to 3/2012 "
        "EDUCATION John Marshall Law School: J.D. degree, Atlanta, 2013 to 2015"
    )
    result = _resume(text, as_of=date(2022, 12, 31))
    work = [e.text for e in result.evidence if e.kind == "date-range"]
    assert "7/2015 to present" in work
    assert result.level == "senior"


def test_a_student_post_that_has_ended_is_no_study_going_on() -> None:
    text = (
        "EXPERIENCE\nLab Technician, Genentech, Jan 2021 - Present\n\n"
        "RESEARCH\nUndergraduate Student Researcher, Biology Lab, Sep 2017 - May 2020\n\n"
        "EDUCATION\nB.Sc. Biology, University of Leeds, 2016 - 2020\n"
    )
    result = _resume(text)
    assert result.level == "mid"
    assert "studies still" not in result.reason


def test_two_blank_separated_lines_are_lines() -> None:
    text = (
        "Jose Conner  Miami, FL  Phone: 123-345-7890    Objectives  To join a law firm as an "
        "associate.    Experience  2016-2019  Gunster Law Firm  Paralegal  Assisted with "
        "transactions, filings and client files for start-ups and public companies alike.  "
        "2019-2023  Holland LLP  Associate Attorney  Represented corporate clients in mergers. "
        "   Education  Florida International University College of Law  Juris Doctor, 2016"
        "    Skills  Microsoft Office, Excel, SPSS"
    )
    result = _resume(text, as_of=date(2023, 12, 31))
    assert result.years == pytest.approx(7.0, abs=0.1)
    assert result.level == "senior"
