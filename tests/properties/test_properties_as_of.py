"""The day a text dates itself: never an error, never before a date it names, and matching with
that day inferred is matching with it given."""

from __future__ import annotations

from datetime import date

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from skillmatch.analysis import TextLayout, infer_as_of
from skillmatch.matcher import SkillMatcher

TODAY = date(2025, 6, 1)
_MONTHS = [
    ("Jan", 1), ("February", 2), ("März", 3), ("abr.", 4), ("mai", 5), ("June", 6),
    ("juillet", 7), ("Aug", 8), ("sept.", 9), ("Oktober", 10), ("nov", 11), ("déc.", 12),
    ("diciembre", 12), ("enero", 1),
]  # fmt: skip
_WORDS = st.sampled_from(
    [
        "Data Engineer", "present", "heute", "actualidad", "aujourd'hui", "-", "–", " to ",
        " bis ", "seit", "since", "4 years of experience", "over 30 years", "EXPERIENCE\n",
        "Education\n", "BSc", "\n", ", ", " ", "Python", "2000 stores", "(", ")", "/", "'21",
        "Q3", "Summer", "12.", "19960506",
    ]
)  # fmt: skip
_DATE_PREFIXES = ("Q3", "Summer", "12.")
_DATES = st.tuples(
    st.sampled_from(_MONTHS + [("", 0)] * 4), st.integers(min_value=1960, max_value=2032)
)


@st.composite
def _dated_texts(draw: st.DrawFn) -> tuple[str, list[date]]:
    """A text of words and dates, and the first day of each date it was built with."""
    parts: list[str] = []
    named: list[date] = []
    for _ in range(draw(st.integers(min_value=1, max_value=8))):
        if draw(st.booleans()):
            (name, month), year = draw(_DATES)
            parts.append(f" {name} {year} " if name else f" {year} ")
            # A year alone right after "Q3", "Summer" or "12." is that quarter, season or month
            # (perhaps after today): the generator does not know which day it names.
            if name or not parts[:-1] or parts[-2] not in _DATE_PREFIXES:
                named.append(date(year, month or 1, 1))
        else:
            parts.append(draw(_WORDS))
    return "".join(parts), named


@settings(max_examples=300, deadline=None)
@given(_dated_texts())
def test_inferred_day_is_never_before_a_past_date_the_text_names(built: tuple[str, list[date]]):
    text, named = built
    layout = TextLayout(text)
    inferred = infer_as_of(text, claims=layout.years_claims, today=TODAY)
    past = [d for d in named if d <= TODAY]
    if past:
        assert inferred is not None
        assert inferred[0] >= max(past)
    if inferred is not None:
        assert inferred[0] <= TODAY
        assert inferred[1].startswith("text (")


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=300))
def test_inference_never_raises_on_any_text(text: str) -> None:
    inferred = infer_as_of(text, claims=TextLayout(text).years_claims, today=TODAY)
    assert inferred is None or inferred[0] <= TODAY


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_dated_texts())
def test_match_with_the_inferred_day_equals_match_with_that_day_given(
    built: tuple[str, list[date]],
) -> None:
    text, _ = built
    matcher = _matcher()
    inferred = matcher.match(text, kind="resume")
    given_day = matcher.match(text, kind="resume", as_of=inferred.seniority.as_of)
    assert given_day.seniority.as_of_source == "given"
    assert inferred.model_dump(exclude={"seniority": {"as_of_source"}}) == given_day.model_dump(
        exclude={"seniority": {"as_of_source"}}
    )


_MATCHER: list[SkillMatcher] = []


def _matcher() -> SkillMatcher:
    if not _MATCHER:
        _MATCHER.append(SkillMatcher.default())
    return _MATCHER[0]
