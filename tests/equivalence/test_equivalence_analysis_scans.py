"""The fast scans of text analysis find exactly what the plain patterns they replace find."""

from __future__ import annotations

from hypothesis import example, given, settings
from hypothesis import strategies as st

from skillmatch.analysis import find_years_claims

# Pieces that the date and years patterns read, glued with and without blanks: the fast scans
# (anchors, windows) must find exactly what a plain finditer of the pattern finds.
_SCAN_PIECES = st.sampled_from(
    [
        "Jan", "sept.", "June", "summer", "Q3", "q1", "since", "from", "to", "-", "–", " - ",
        "2019", "2020", "1999", "'19", "’21", "03/", "12.", "/2018", "5", "3", "10", "one",
        "two", "a minimum of", "over", "up to", "~", "+", "and a half", "years", "Yrs", "yr",
        "months", "mos", "mo", "year", "present", "onwards", "Python", "I", "at", "of", ".",
        "more than", "at least", "minimum", "min.", "about", "approx.", "close to", "less than",
        "under", "fewer than", "nearly", "twelve", "twenty", "Autumn", "fall", "Dec", "OCT",
        ",", "(", ")", "/", " ", "  ", "\n", "\t", "ſ", "x", "_",
    ]
)  # fmt: skip


@settings(max_examples=400, deadline=None)
@given(st.lists(_SCAN_PIECES, max_size=30).map("".join))
@example("since  jun - aug , 2019 - present")  # the most pieces before a range's anchor
@example("from Jun – Aug , '19")
@example("a minimum of 3 and a half + - 5 + years")  # the most pieces before a unit
@example("x 12 . 2019 / 03 / 20 Q2 2020 ~5 mos")
@example("ſa minimum of5years")  # no folded form: the units are found with IGNORECASE
def test_fast_scans_find_what_the_patterns_find(text: str) -> None:
    from skillmatch.analysis import dates as _dates
    from skillmatch.text import ScanText
    from skillmatch.text.scan import anchored_scan

    def spans(matches: object) -> list[tuple[int, int, dict[str, str | None]]]:
        return [(m.start(), m.end(), m.groupdict()) for m in matches]  # type: ignore[attr-defined]

    assert spans(_dates.range_matches(text)) == spans(_dates._RANGE_RE.finditer(text))
    claims = [(c.start, c.end) for c in find_years_claims(text)]
    years = [m.span() for m in _dates._YEARS_RE.finditer(text)]
    assert set(claims) <= set(years) | {m.span() for m in _dates._DECADE_RE.finditer(text)}
    units = _dates._unit_anchors(ScanText(text))
    fast = anchored_scan(
        _dates._YEARS_RE, ScanText(text), units, _dates._YEARS_PIECES, _dates._YEARS_START
    )
    assert spans(fast) == spans(_dates._YEARS_RE.finditer(text))


def test_folded_text_lines_up_with_ignorecase_over_all_of_unicode() -> None:
    """Every character but the breakers lowercases to one character that keeps its word-ness,
    and matches an ASCII letter under IGNORECASE exactly when it lowercases to that letter."""
    import re
    import string
    import sys

    from skillmatch.text.scan import FOLD_BREAKERS, ScanText

    letter, word = re.compile("[a-z]", re.IGNORECASE), re.compile(r"\w")
    for code in range(sys.maxunicode + 1):
        c = chr(code)
        if c in FOLD_BREAKERS or 0xD800 <= code <= 0xDFFF:
            continue
        low = c.lower()
        assert len(low) == 1, c
        assert bool(word.match(c)) == bool(word.match(low)), c
        assert bool(letter.match(c)) == (low in string.ascii_lowercase), c
    assert ScanText("Senior ſ").folded is None and ScanText("Senior").folded == "senior"


_TITLE_PIECES = st.sampled_from(
    [
        "Senior", "SR.", "jr.", "Lead", "leadership", "head", "intern", "internal", "Engineer II",
        "engineer  2", "mid-level", "Mid Level", "new grad", "new-grads", "VP", "cto", "é", "-",
        ".", "/", " ", "\n", "(", "_", "x", "2",
    ]
)  # fmt: skip


@settings(max_examples=300, deadline=None)
@given(st.lists(_TITLE_PIECES, max_size=25).map("".join))
def test_title_word_starts_hold_every_match(text: str) -> None:
    from skillmatch.text.scan import ScanText, compile_words, scan, word_starts

    lists = (
        ("senior", "sr", "sr.", "lead", "head", "vp", "CTO"),
        ("mid-level", "mid level", "engineer II", "engineer 2"),
        ("intern", "jr.", "new grad", "new grads"),
    )
    starts = word_starts(lists).starts(ScanText(text))
    assert starts is not None
    for words, at in zip(lists, starts, strict=True):
        pattern = compile_words(words)
        assert pattern is not None
        fast = [m.span() for m in scan(pattern, text, at)]
        assert fast == [m.span() for m in pattern.finditer(text)]


_HEADER_PIECES = st.sampled_from(
    [
        "BSc", "b. sc", "M.S.", "m.s", "Ph.D", "PHD", "master’s", "Masters", "MBA", "student",
        "students", "University", "universidade", "School", "-", "x", "_", "2", ".", "ſ", "K",
        "\n", " ", "  ", "intern", "Internship", "teaching  assistant", "engineer", "Data", "é",
        "/", "(",
    ]
)  # fmt: skip


def _line_spans(text: str) -> list[tuple[int, int]]:
    """Every run of whole lines of ``text``: from a line start to a line end."""
    starts = [0] + [i + 1 for i, c in enumerate(text) if c == "\n"]
    ends = [i for i, c in enumerate(text) if c == "\n"] + [len(text)]
    return [(s, e) for s in starts for e in ends if s <= e]


@settings(max_examples=300, deadline=None)
@given(st.lists(_HEADER_PIECES, max_size=20).map("".join))
def test_header_cue_searches_find_what_a_search_of_the_header_finds(text: str) -> None:
    from skillmatch.analysis import roles
    from skillmatch.text.scan import ScanText, compile_words, find_words

    source = ScanText(text)
    cues = [
        (roles._EDUCATION_CUES, roles._EDUCATION_CUE_STARTS),
        (roles._SCHOOL_CUES, roles._SCHOOL_CUE_STARTS),
    ]
    lists = [("intern", "internship", "trainee", "teaching assistant"), ("engineer", "data")]
    for start, end in _line_spans(text):
        header = text[start:end]
        for cue, cue_starts in cues:
            assert roles._cue_in(cue, cue_starts, source, start, end) == bool(cue.search(header))
        for words in lists:
            pattern = compile_words(words)
            assert pattern is not None
            fast = [m.span() for m in find_words(words, source, start, end)]
            assert fast == [
                (s + start, e + start) for s, e in (m.span() for m in pattern.finditer(header))
            ]


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.sampled_from(["ab", "x", "Dév", "2019", " - ", " ", "_", "\n", "é1"]), max_size=20
    ).map("".join)
)
def test_edge_runs_are_the_first_and_last_letter_runs_of_a_line(text: str) -> None:
    from skillmatch.analysis import roles
    from skillmatch.text import ScanText

    for start, end in _line_spans(text):
        if "\n" in text[start:end]:
            continue
        runs = list(roles._LETTER_RUN.finditer(text, start, end))
        first_ends, last_starts = roles._edge_runs(ScanText(text), start, end)
        assert first_ends == [m.end() for m in runs[:2]]
        assert last_starts == [m.start() for m in runs[::-1][:2]]


@settings(max_examples=300, deadline=None)
@given(
    st.lists(st.text("abs.-", min_size=1, max_size=5), min_size=1, max_size=8),
    st.text("abs.-", max_size=7),
)
def test_trie_of_words_matches_what_their_alternation_matches(words: list[str], text: str) -> None:
    import re

    from skillmatch.text import scan

    trie = re.compile(f"(?:{scan._trie(words)})(?!a|b|s)")
    flat = re.compile(
        "(?:{})(?!a|b|s)".format("|".join(map(re.escape, sorted(words, key=len, reverse=True))))
    )
    assert [m.span() for m in trie.finditer(text)] == [m.span() for m in flat.finditer(text)]
    assert all(re.fullmatch(scan._trie(words), w) for w in words)


_CUE_PIECES = st.sampled_from(
    [
        "We", "we're", "WHAT", "you", "You'll", "your profile", "requirements", "nice to have",
        "apply", "applications", "about the role", "join us", "the role", "The ideal candidate",
        "must have", "visa sponsorship", "I", "I'm", "my", "resume", "references available",
        "curriculum vitae", "a.b+c@x.io", "@", "me@", "x-y@z.com", "·", "•", "-", ".", "+", "_",
        " ", "\n", "’", "'", "é", "ſ", "İ", "a", "1",
    ]
)  # fmt: skip


@settings(max_examples=300, deadline=None)
@given(st.lists(_CUE_PIECES, max_size=25).map("".join))
def test_cue_counts_equal_the_patterns_counts(text: str) -> None:
    from skillmatch.analysis import kind
    from skillmatch.text import ScanText

    assert kind._job_cue_count(ScanText(text)) == len(kind._JOB_CUES.findall(text))
    assert kind._resume_cue_count(ScanText(text)) == len(kind._RESUME_CUES.findall(text))


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=" \n\t;.!?a\u2029", max_size=30))
def test_posting_segment_breaks_are_the_lookbehind_patterns(text: str) -> None:
    import re

    from skillmatch.analysis import PostingIndex
    from skillmatch.text import ScanText

    breaks = [m.start() for m in re.finditer(r"[\n;]|(?<=[.!?])\s", text)]
    assert PostingIndex(ScanText(text)).left == breaks
