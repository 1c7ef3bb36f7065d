"""The day a text was written: given, the file's own date, the text's dates, else today."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import pytest

from skillmatch.analysis import TextLayout, coerce_as_of, infer_as_of, latest_date
from skillmatch.matcher import SkillMatcher
from skillmatch.readers import Document

TODAY = date(2025, 6, 1)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (date(2024, 9, 1), date(2024, 9, 1)),
        (datetime(2024, 9, 1, 17, 45), date(2024, 9, 1)),
        ("2024-09-01", date(2024, 9, 1)),
        ("2024-09-01T08:30:00", date(2024, 9, 1)),
        (" 2024-09-01 ", date(2024, 9, 1)),
        (None, None),
    ],
)
def test_as_of_accepts_a_date_a_datetime_or_an_iso_string(value: object, expected: object) -> None:
    assert coerce_as_of(value) == expected


@pytest.mark.parametrize("value", [20240901, 2024.9, b"2024-09-01", "yesterday", "01/09/2024", []])
def test_match_with_an_as_of_that_is_no_date_raises_type_error_at_the_call(
    matcher: SkillMatcher, value: object
) -> None:
    with pytest.raises(TypeError, match=r"match\(\).*as_of"):
        matcher.match("Data Engineer, Jan 2019 - Present", as_of=value)  # type: ignore[arg-type]


def test_match_reads_an_iso_string_as_its_day(matcher: SkillMatcher) -> None:
    text = "EXPERIENCE\nData Engineer, Acme, Sep 2020 - present\n"
    by_string = matcher.match(text, as_of="2024-09-01", kind="resume")
    by_date = matcher.match(text, as_of=date(2024, 9, 1), kind="resume")
    assert by_string == by_date
    assert (by_string.seniority.as_of, by_string.seniority.as_of_source) == (
        date(2024, 9, 1),
        "given",
    )


@pytest.mark.parametrize(
    ("text", "expected", "why"),
    [
        ("Engineer, Acme, March 2019 - May 2023", date(2023, 12, 31), "latest date 'May 2023'"),
        ("BSc 2012 - 2016\nAWS certified, June 2021", date(2021, 12, 31), "'June 2021'"),
        ("Engineer, Jan 2019 - Present", date(2019, 12, 31), "'Jan 2019'"),
        ("Graduating May 2031\nIntern, Acme, 2022", date(2022, 12, 31), "'2022'"),
        (
            "4 years of experience\nML Engineer, Sep 2020 - present",
            date(2024, 9, 1),
            "'4 years' stated beside 'Sep 2020 - present'",
        ),
        (
            "Five years of experience in data.\nAnalyst, Jun 2016 - Dec 2018\n"
            "Engineer, Jan 2019 - now",
            date(2021, 6, 1),
            "'Five years' stated beside 'Jan 2019 - now'",
        ),
        ("Opened our store in 2021: 2000 stores later", date(2021, 12, 31), "'2021'"),
    ],
)
def test_text_dates_itself(text: str, expected: date, why: str) -> None:
    layout = TextLayout(text)
    assert layout.as_of == expected
    assert why in layout.as_of_source and layout.as_of_source.startswith("text (")


@pytest.mark.parametrize(
    "text",
    [
        "Python, SQL and Kubernetes; no dates here.",
        "Graduating May 2031",  # a plan, not the day of writing
        "ISBN 978-3-16-148410-0, 19960506",
    ],
)
def test_text_without_a_past_date_dates_nothing(text: str) -> None:
    assert infer_as_of(text, today=TODAY) is None
    layout = TextLayout(text)
    assert layout.as_of == date.today()
    assert layout.as_of_source == "today (the text names no date)"


def test_stated_total_beyond_today_is_not_the_day_of_writing() -> None:
    text = "30 years of experience\nEngineer, Jan 2020 - present"
    inferred = infer_as_of(text, claims=TextLayout(text).years_claims, today=TODAY)
    assert inferred == (date(2020, 12, 31), "text (latest date 'Jan 2020')")


@pytest.mark.parametrize(
    ("metadata", "expected", "source"),
    [
        (date(2024, 3, 5), date(2024, 3, 5), "metadata (PDF ModDate)"),
        # older than a date the text names: a template's date, not the résumé's
        (date(2000, 1, 1), date(2022, 12, 31), "text (latest date 'May 2022')"),
    ],
)
def test_file_metadata_dates_the_text_unless_older_than_the_text(
    matcher: SkillMatcher, metadata: date, expected: date, source: str
) -> None:
    text = "EXPERIENCE\nData Engineer, Acme, May 2022 - Present\n"
    doc = Document(
        id="cv", text=text, source="cv.pdf", as_of=metadata, as_of_source="metadata (PDF ModDate)"
    )
    seniority = matcher.match_document(doc, kind="resume").seniority
    assert seniority.as_of == expected
    assert seniority.as_of_source.startswith(source)


def test_as_of_given_to_match_document_overrides_the_files_date_not_a_records(
    matcher: SkillMatcher,
) -> None:
    text = "EXPERIENCE\nData Engineer, Acme, May 2022 - Present\n"
    from_file = Document(
        id="a", text=text, source="a.pdf", as_of=date(2024, 1, 1), as_of_source="metadata (PDF)"
    )
    from_record = Document(id="b", text=text, source="b.jsonl:line 1", as_of=date(2023, 1, 1))
    assert matcher.match_document(from_file, as_of="2025-01-01").seniority.as_of == date(2025, 1, 1)
    assert matcher.match_document(from_record, as_of="2025-01-01").seniority.as_of == date(
        2023, 1, 1
    )


def test_latest_date_ignores_dates_after_today() -> None:
    point = latest_date("BSc 2012 - 2016; PhD expected 2031", today=TODAY)
    assert point is not None and point.last == date(2016, 12, 31)


def test_diego_example_pdf_is_mid_with_no_option(matcher: SkillMatcher) -> None:
    from skillmatch.readers import read_document

    path = Path(__file__).parents[2] / "examples" / "resumes" / "diego_ramirez_mid.pdf"
    result = matcher.match_document(read_document(path), kind="resume")
    assert result.seniority.level == "mid"
    assert result.seniority.as_of_source.startswith("text (")
    assert "older than the text" in result.seniority.as_of_source
