"""The words of dates, one table per language: month names, "since", "until", "present".

:mod:`skillmatch.analysis.dates` builds its patterns from these tables and nothing else, so a
language is a new entry in each table, not new code. Words are lowercase; a trailing dot after an
abbreviation ("sept.", "févr.") is always allowed; blanks in a phrase match any blanks.

>>> MONTHS["de"]["märz"], MONTHS["es"]["dic"], MONTHS["fr"]["août"]
(3, 12, 8)
"""

from __future__ import annotations

import re

__all__ = [
    "JOINER_PATTERN",
    "MONTHS",
    "MONTH_PATTERN",
    "MONTH_YEAR_JOINERS",
    "OPEN_ENDS",
    "OPEN_END_PATTERN",
    "RANGE_SEPARATORS",
    "SEASONS",
    "SEASON_PATTERN",
    "SINCE",
    "SINCE_PATTERN",
    "all_words",
    "alternation",
    "month_number",
    "season_month",
]

MONTHS: dict[str, dict[str, int]] = {
    "en": {
        "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4,
        "apr": 4, "may": 5, "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8,
        "september": 9, "sept": 9, "sep": 9, "october": 10, "oct": 10, "november": 11,
        "nov": 11, "december": 12, "dec": 12,
    },
    "de": {
        "januar": 1, "jänner": 1, "jän": 1, "februar": 2, "märz": 3, "mär": 3, "mrz": 3,
        "maerz": 3, "mai": 5, "juni": 6, "juli": 7, "oktober": 10, "okt": 10, "dezember": 12,
        "dez": 12,
    },
    "es": {
        "enero": 1, "ene": 1, "febrero": 2, "marzo": 3, "abril": 4, "abr": 4, "mayo": 5,
        "junio": 6, "julio": 7, "agosto": 8, "ago": 8, "septiembre": 9, "setiembre": 9,
        "set": 9, "octubre": 10, "noviembre": 11, "diciembre": 12, "dic": 12,
    },
    "fr": {
        "janvier": 1, "janv": 1, "février": 2, "fevrier": 2, "févr": 2, "fevr": 2, "mars": 3,
        "avril": 4, "avr": 4, "juin": 6, "juillet": 7, "juil": 7, "août": 8, "aout": 8,
        "septembre": 9, "octobre": 10, "novembre": 11, "décembre": 12, "decembre": 12,
        "déc": 12,
    },
}  # fmt: skip
"""Month names and abbreviations by language (a name two languages share is listed once)."""

SEASONS: dict[str, dict[str, int]] = {
    "en": {"spring": 4, "summer": 7, "fall": 10, "autumn": 10, "winter": 1},
}
"""Seasons by language, as the month a season's range starts in."""

MONTH_YEAR_JOINERS: dict[str, tuple[str, ...]] = {"es": ("de", "del")}
"""Words that may stand between a month and its year ("enero de 2022")."""

SINCE: dict[str, tuple[str, ...]] = {
    "en": ("since",),
    "de": ("seit",),
    "es": ("desde",),
    "fr": ("depuis",),
}
"""Words that open a range with no end: "since 2020" runs to the day of writing."""

RANGE_SEPARATORS: dict[str, tuple[str, ...]] = {
    "en": ("to", "until", "till", "through", "thru"),
    "de": ("bis",),
    "es": ("a", "hasta", "al"),
    "fr": ("à", "au", "jusqu'à", "jusqu’à", "jusqu'au", "jusqu’au"),
}
"""Words between the two ends of a range (besides dashes)."""

OPEN_ENDS: dict[str, tuple[str, ...]] = {
    "en": (
        "present", "current", "currently", "now", "today", "date", "till date", "to date",
        "ongoing", "till now", "until now",
    ),
    "de": ("heute", "jetzt", "dato", "aktuell", "derzeit", "laufend", "gegenwart"),
    "es": ("actualidad", "presente", "actual", "actualmente", "hoy", "la fecha"),
    "fr": ("aujourd'hui", "aujourd’hui", "ce jour", "présent", "present", "en cours", "maintenant"),
}  # fmt: skip
"""Words that end a range at the day of writing ("2019 - present", "seit 2020 bis heute")."""


def all_words(table: dict[str, tuple[str, ...]] | dict[str, dict[str, int]]) -> list[str]:
    """Return every word of a table, all languages, longest first (for a regex alternation)."""
    words: set[str] = set()
    for entry in table.values():
        words.update(entry)
    return sorted(words, key=lambda w: (-len(w), w))


def alternation(words: list[str]) -> str:
    """Return a regex alternation of ``words`` as given; blanks in a phrase match any blanks."""
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in words)


_MONTH_NUMBER = {word: n for table in MONTHS.values() for word, n in table.items()}
_SEASON_MONTH = {word: n for table in SEASONS.values() for word, n in table.items()}

MONTH_PATTERN = rf"(?:{alternation(all_words(MONTHS))})(?![^\W\d_])\.?"
"""Any month name or abbreviation of any language, a dot after it allowed."""
SEASON_PATTERN = rf"(?:{alternation(all_words(SEASONS))})"
"""Any season of any language."""
JOINER_PATTERN = rf"(?:(?:{alternation(all_words(MONTH_YEAR_JOINERS))})\s+)?"
"""What may stand between a month and its year, blanks after it included; may be empty."""
SINCE_PATTERN = alternation(all_words(SINCE))
"""Any word of :data:`SINCE`."""
OPEN_END_PATTERN = alternation(all_words(OPEN_ENDS))
"""Any word of :data:`OPEN_ENDS`."""


def month_number(name: str) -> int:
    """Return the month a name or abbreviation of :data:`MONTHS` means ("Sept." is 9)."""
    return _MONTH_NUMBER[name.lower().rstrip(".")]


def season_month(name: str) -> int:
    """Return the month a season of :data:`SEASONS` starts its ranges in."""
    return _SEASON_MONTH[name.lower()]
