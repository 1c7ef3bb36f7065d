"""Negation in German, Spanish and French: the cue tables of ``matching.status``, per language."""

from __future__ import annotations

import pytest

from skillmatch.matcher import SkillMatcher


@pytest.mark.parametrize(
    ("text", "skill"),
    [
        ("Keine Erfahrung mit AWS.", "aws"),
        ("Ich habe keinerlei Erfahrung mit Kubernetes.", "kubernetes"),
        ("Noch nie mit Docker gearbeitet.", "docker"),
        ("AWS ist nicht erforderlich.", "aws"),
        ("Sin experiencia en Kubernetes.", "kubernetes"),
        ("No tengo experiencia con Kubernetes.", "kubernetes"),
        ("Nunca he usado Docker.", "docker"),
        ("Docker no es necesario.", "docker"),
        ("Pas d'expérience en Kubernetes.", "kubernetes"),
        ("Je n'ai pas d'expérience en Docker.", "docker"),
        ("Aucune expérience avec AWS.", "aws"),
        ("Kubernetes : pas requis.", "kubernetes"),
    ],
)
def test_negation_cues_of_other_languages_exclude_the_skill(
    matcher: SkillMatcher, text: str, skill: str
) -> None:
    result = matcher.match(text, kind="resume")
    assert skill not in result.skill_ids
    assert (skill, "negated") in {(m.skill_id, m.status) for m in result.excluded}


@pytest.mark.parametrize(
    ("text", "skill"),
    [
        ("Nicht nur Python, sondern auch Go.", "python"),
        ("Sans doute Python et Docker.", "docker"),
        ("No solo Python: también Docker.", "python"),
        ("Keine Angst vor neuen Themen, aber AWS täglich.", "aws"),
    ],
)
def test_look_alike_negations_leave_the_skill_counted(
    matcher: SkillMatcher, text: str, skill: str
) -> None:
    assert skill in matcher.match(text, kind="resume").skill_ids


def test_a_language_is_an_entry_of_each_table() -> None:
    from skillmatch.matching import status

    languages = set(status.NEGATION_CUES)
    assert languages >= {"en", "de", "es", "fr"}
    for table in (status.NEGATION_FALSE_NEXT, status.NOT_AFTER, status.NOT_NEEDED):
        assert set(table) == languages
    assert all(cue in status.NEG_CUES for cues in status.NEGATION_CUES.values() for cue in cues)
