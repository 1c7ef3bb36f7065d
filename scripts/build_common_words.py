"""Regenerate the shipped table of common English words from wordfreq, or check it.

The matcher asks whether a word is ordinary English (wordfreq's Zipf frequency of at least
2.5: "closure" is not a misspelt Clojure) and the taxonomy linter whether an alias is a common
word (Zipf 3.0). Importing wordfreq and loading its list took most of a second on the first
match, so the words that can reach those levels ship as package data
(``src/skillmatch/data/common_words.txt``), read by :func:`skillmatch.vocabulary.english_zipf`,
and wordfreq is needed only here and in the tests that check the table against it.

The file keeps wordfreq's own form: one line per frequency bucket, ``<centibels> <words...>``,
where a word's frequency is ``10 ** (-centibels / 100)`` exactly as wordfreq computes it. Only
the buckets at or above ``MIN_ZIPF`` - 0.1 are kept: a word (or a word of several tokens, whose
frequency is below each token's) made of rarer tokens cannot reach ``MIN_ZIPF``.

    .venv/bin/python scripts/build_common_words.py --write   # after upgrading wordfreq
    .venv/bin/python scripts/build_common_words.py --check   # exit 1 when out of date
"""

from __future__ import annotations

import argparse
from pathlib import Path

from skillmatch.vocabulary import MIN_ZIPF

REPO = Path(__file__).resolve().parents[1]
OUTPUT = REPO / "src" / "skillmatch" / "data" / "common_words.txt"
_MARGIN = 0.1


def table_text() -> str:
    """Return the text of ``common_words.txt`` as wordfreq's installed English list makes it."""
    from importlib.metadata import version

    from wordfreq import cB_to_zipf, get_frequency_list

    lines = [
        "# Common English words and their frequency buckets. GENERATED - do not edit by hand.",
        f"# From wordfreq {version('wordfreq')} ('en', 'best'): the word "
        f"frequency data of wordfreq by Robyn Speer,",
        "# CC BY-SA 4.0 (https://creativecommons.org/licenses/by-sa/4.0/); this subset is shared",
        "# under the same licence. Regenerate with .venv/bin/python scripts/build_common_words.py",
        f"# Each line: centibels, then the words of frequency 10 ** (-centibels / 100);"
        f" buckets down to Zipf {MIN_ZIPF - _MARGIN:g}.",
    ]
    for index, bucket in enumerate(get_frequency_list("en", "best")):
        if cB_to_zipf(-index) < MIN_ZIPF - _MARGIN:
            break
        assert not any(" " in word for word in bucket), "a word with a space"
        if bucket:
            lines.append(f"{index} " + " ".join(bucket))
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    """Regenerate the common-word table (``--write``) or check it (``--check``)."""
    parser = argparse.ArgumentParser(prog="scripts/build_common_words.py", description=main.__doc__)
    group = parser.add_mutually_exclusive_group(required=True)
    group.add_argument("--write", action="store_true")
    group.add_argument("--check", action="store_true")
    options = parser.parse_args(argv)
    text = table_text()
    if options.write:
        OUTPUT.write_text(text, encoding="utf-8")
        print(f"wrote {OUTPUT.relative_to(REPO)} ({len(text.splitlines()) - 5} buckets)")
        return 0
    if OUTPUT.read_text(encoding="utf-8") != text:
        print(f"{OUTPUT.relative_to(REPO)} is out of date: run this script with --write")
        return 1
    print(f"{OUTPUT.relative_to(REPO)} is up to date")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
