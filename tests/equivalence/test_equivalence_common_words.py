"""The common-word table shipped with the package gives wordfreq's answer.

wordfreq is a development dependency only: ``scripts/build_common_words.py`` builds the table
from it, and these tests check the table against it, on the words the matcher asks about (the
lowercase tokens of normalized text that may be part of a misspelt name, ``fuzzy_word``) and the
aliases the linter asks about.
"""

from __future__ import annotations

import importlib.util
import subprocess
import sys
import unicodedata
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from skillmatch.matching.words import COMMON_WORD_ZIPF, common_part, fuzzy_word
from skillmatch.taxonomy.lint import COMMON_WORD_ZIPF as LINT_ZIPF
from skillmatch.taxonomy.lint import is_common_word
from skillmatch.vocabulary import MIN_ZIPF, english_zipf

wordfreq = pytest.importorskip("wordfreq")
ROOT = Path(__file__).resolve().parents[2]


def _asked(word: str) -> bool:
    """Whether the matcher asks ``common_part`` about this token."""
    return fuzzy_word(word)


def _token(text: str) -> str:
    """A token as the matcher sees it: of NFKC-normalized text, lowercased."""
    return unicodedata.normalize("NFKC", text).lower()


def _wordfreq_zipf(word: str) -> float:
    return float(wordfreq.zipf_frequency(word, "en"))


def test_table_is_the_build_of_the_installed_wordfreq() -> None:
    path = ROOT / "scripts" / "build_common_words.py"
    spec = importlib.util.spec_from_file_location("build_common_words", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    shipped = (ROOT / "src" / "skillmatch" / "data" / "common_words.txt").read_text("utf-8")
    assert shipped == module.table_text(), (
        "src/skillmatch/data/common_words.txt is out of date: run"
        " `.venv/bin/python scripts/build_common_words.py --write`"
    )


def test_every_word_of_the_list_the_matcher_may_ask_about_gets_wordfreqs_answer() -> None:
    words = [w for w in wordfreq.get_frequency_dict("en", "best") if _asked(w)]
    assert len(words) > 100_000
    for w in words:
        zipf = _wordfreq_zipf(w)
        assert english_zipf(w) == (zipf if zipf >= MIN_ZIPF else 0.0), w
        assert common_part(w) == (zipf >= COMMON_WORD_ZIPF), w


_COMMON = sorted(
    (w for w, f in wordfreq.get_frequency_dict("en", "best").items() if f > 1e-5 and w.isalnum()),
)[:4000]


@st.composite
def asked_tokens(draw: st.DrawFn) -> str:
    """Tokens of letters (also accented, and ß), digits and dots, often made of common words."""
    parts = draw(
        st.lists(
            st.sampled_from(_COMMON)
            | st.text(alphabet="abcdefghijklmnopqrstuvwxyzAZéüßçñ0129.", min_size=1, max_size=9),
            min_size=1,
            max_size=3,
        )
    )
    glue = draw(st.lists(st.sampled_from(["", ".", "..", "2", "2019", "3.5", "00"]), min_size=3))
    return _token("".join(p + g for p, g in zip(parts, glue, strict=False)))


@settings(max_examples=1500, deadline=None)
@given(asked_tokens())
def test_common_part_equals_wordfreq_on_the_tokens_the_matcher_asks_about(word: str) -> None:
    if not _asked(word):
        return
    assert common_part(word) == (_wordfreq_zipf(word) >= COMMON_WORD_ZIPF)


@settings(max_examples=500, deadline=None)
@given(st.from_regex(r"[A-Za-z][A-Za-z0-9]{2,11}", fullmatch=True) | st.sampled_from(_COMMON))
def test_linter_common_words_equal_wordfreq(alias: str) -> None:
    if not alias[0].isalpha():
        return
    assert is_common_word(alias) == (len(alias) <= 2 or _wordfreq_zipf(alias) >= LINT_ZIPF)


def test_matching_and_linting_never_import_wordfreq() -> None:
    script = (
        "import sys\n"
        "sys.modules['wordfreq'] = None  # importing it now raises ImportError\n"
        "from skillmatch import SkillMatcher, Taxonomy\n"
        "from skillmatch.taxonomy import lint_taxonomy\n"
        "m = SkillMatcher.default()\n"
        "r = m.match('Pyhton, Kubernates and closure-heavy Clojure; 5 years of Dockerr.')\n"
        "lint_taxonomy(Taxonomy.default())\n"
        "print(sorted(r.skill_ids))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=300, check=False
    )
    assert done.returncode == 0, done.stderr
    assert "python" in done.stdout and "kubernetes" in done.stdout
