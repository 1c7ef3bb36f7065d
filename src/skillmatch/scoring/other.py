"""Other skills: the catalogue's technologies a text names that the taxonomy does not hold.

A recruiter reading a résumé against the AI-engineer taxonomy still wants to see Java, Scala,
Terraform or Tableau. The matcher finds the technology catalogue's entries in each text
(:meth:`skillmatch.taxonomy.Catalog.as_taxonomy`, compiled once); this module keeps those the
taxonomy does not already hold and turns them into hits with evidence. They never enter
coverage, roles or fit.

An entry is held by the taxonomy when a skill has its id, or has the entry's name among its
aliases and evidence terms (the default's ``aws`` holds "Amazon SageMaker"); and a mention is
dropped where it overlaps a mention of a taxonomy skill, counted or not: "Spark SQL", which the
default reads as SQL, is no other skill, while "Spark" alone is.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from skillmatch.matching import RawMention
from skillmatch.models import Mention, SkillHit, TextKind
from skillmatch.taxonomy import Taxonomy

__all__ = ["OtherSkills", "as_written"]


# The words before a company's name when the text means the company, not its product: an
# employer ("at Salesforce", "joined Datadog"), people who come from companies ("leaders from
# Okta, Salesforce and Splunk", "alumni of Google"), backers and customers ("backed by",
# "trusted by", "customers include"). Each may head a list of capitalized names, and every name
# of the list is a company ("from Okta, Salesforce, Atlassian, Splunk").
_COMPANY_CUE = (
    r"(?:\bat|\bjoined|\bjoining"
    r"|\b(?:leaders?|engineers?|executives?|founders?|veterans?|alumni|people|experts?|"
    r"researchers?|team members?)\s+(?:from|of)"
    r"|\b(?:backed|trusted|funded|used)\s+by"
    r"|\b(?:customers?|clients?|partners?|investors?)\s+(?:include|including|like|such\s+as))"
)
_NAME = r"[A-Z][\w.&'-]*(?:\s+[A-Z][\w.&'-]*){0,2}"
_EMPLOYER = re.compile(
    _COMPANY_CUE + rf"\s+(?:{_NAME}\s*,\s*(?:(?:and|or|&)\s+)?|{_NAME}\s+(?:and|or|&)\s+)*\Z"
)
# How far back a company cue and its list may start (bounds the search per mention).
_EMPLOYER_REACH = 160


def as_written(mention: RawMention, text: str) -> bool:
    """Tell whether a mention names its entry as the entry is written, not split in two.

    A one-word name matched by its normalized form across a space or a hyphen ("Mat lab",
    "Web pack", "roll-up") is an English phrase, not the tool; "NodeJS" for "Node.js" and
    "EKS." at a sentence end are the name as written.
    """
    if mention.method != "normalized" or any(c.isspace() for c in mention.matched):
        return True
    surface = text[mention.start : mention.end]
    return not any(c.isspace() or c == "-" for c in surface)


class OtherSkills:
    """Select and report the catalogue mentions of one text that a taxonomy does not hold."""

    def __init__(self, taxonomy: Taxonomy, catalog: Taxonomy) -> None:
        names = {
            alias.text.lower()
            for skill in taxonomy.skills
            for alias in (*skill.aliases, *skill.evidence)
        }
        own = set(taxonomy.skill_ids)
        self.held = frozenset(
            entry.id for entry in catalog.skills if entry.id in own or entry.name.lower() in names
        )
        self._entries = {entry.id: entry for entry in catalog.skills}

    def select(
        self, found: Sequence[RawMention], skills: Sequence[RawMention], text: str
    ) -> list[RawMention]:
        """Return the counted catalogue mentions (``found``) the taxonomy's mentions (``skills``,
        any status) do not cover, of entries the taxonomy does not hold; ``text`` is the text
        the offsets point into."""
        taken = sorted((m.start, m.end) for m in skills)
        kept = []
        for m in found:
            if m.status != "counted" or m.target in self.held or not as_written(m, text):
                continue
            if _EMPLOYER.search(text, max(0, m.start - _EMPLOYER_REACH), m.start):
                continue  # "worked at Salesforce", "leaders from Okta": the company, not a skill
            if any(s < m.end and m.start < e for s, e in taken):
                continue
            kept.append(m)
        return kept

    def hits(self, mentions: Sequence[Mention], kind: TextKind) -> list[SkillHit]:
        """Group counted mentions into one hit per entry, in order of first mention."""
        by_entry: dict[str, list[Mention]] = {}
        for m in mentions:
            if m.status == "counted":
                by_entry.setdefault(m.skill_id, []).append(m)
        hits = []
        for entry_id, group in by_entry.items():
            entry = self._entries[entry_id]
            requirement = None
            if kind == "job":
                asked = {m.requirement for m in group}
                requirement = "required" if "required" in asked else "preferred"
            hits.append(
                SkillHit(
                    skill_id=entry_id,
                    name=entry.name,
                    categories=list(entry.categories),
                    score=max(m.score for m in group),
                    mentions=group,
                    requirement=requirement,
                )
            )
        return hits
