"""Link the skills of a role document to the technology catalogue, or make their spellings.

Each skill the builder reads is looked up in the :class:`~skillmatch.taxonomy.catalog.Catalog`:
by a name as written, by its key (case, spacing, ".js", a version, a plural: "Vue.js", "HTML5",
"REST APIs"), by a close spelling (rapidfuzz), then by a group ("Cloud Platforms") and last by the
words of a longer name ("Cost Optimization" is the catalogue's "cloud cost optimization"). A
linked skill takes the entry's names with their gates as aliases, and the entry's evidence, its
members and every entry below it (EKS and SageMaker below AWS) as evidence; a skill that names
one member of a family ("Trello" of the work management tools) takes that member's spellings and
gates only. A sentence bullet also takes, as evidence, the catalogue entries its sentence names
("Networking: DNS, load balancers, TLS").

A skill with no entry keeps its name and gets generated spellings: singular and plural, without a
version ("HTML5" -> "HTML"), ".js" forms, an acronym and its expansion ("Continuous Integration
(CI)"), "&" and "and", British and American "-ise/-ize" and "modelling".

``@group`` contexts of the catalogue's gates become the categories that hold that group's
skills in the taxonomy being built ("@languages" -> "@programming"), or are dropped.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from skillmatch.taxonomy.catalog import Catalog, CatalogEntry, CatalogGroup, name_key
from skillmatch.taxonomy.schema import Alias
from skillmatch.vocabulary import english_zipf

__all__ = ["LinkReport", "link_skills", "spellings"]

_FUZZY_CUTOFF = 90.0
_SMALL_WORDS = frozenset("a an and of for the to in on with &".split())  # noqa: SIM905


@dataclass
class LinkReport:
    """What the builder did with each skill: linked, generated, or could not place."""

    linked: list[tuple[str, list[str]]] = field(default_factory=list)
    generated: list[tuple[str, list[str]]] = field(default_factory=list)
    unplaced: list[tuple[str, str]] = field(default_factory=list)

    def lines(self) -> list[str]:
        """The report as lines for a person: one per skill, grouped by outcome."""
        out = [f"linked {len(self.linked)}, generated {len(self.generated)},"
               f" could not place {len(self.unplaced)}"]  # fmt: skip
        out += [f"  linked     {skill_id} -> {', '.join(refs)}" for skill_id, refs in self.linked]
        out += [
            f"  generated  {skill_id}: {', '.join(forms) or '(its name only)'}"
            for skill_id, forms in self.generated
        ]
        out += [f"  unplaced   {what}: {why}" for what, why in self.unplaced]
        return out


def link_skills(
    skills: dict[str, dict[str, Any]], categories: dict[str, dict[str, Any]], catalog: Catalog
) -> LinkReport:
    """Give each drafted skill (``id -> data`` as the builder drafts it) the catalogue's names,
    gates and evidence, or generated spellings; return what was done."""
    report = LinkReport()
    links: dict[str, tuple[list[CatalogEntry], CatalogGroup | None]] = {}
    for skill_id, skill in skills.items():
        labels = [skill["name"], *skill["aliases"]]
        entries = _entries_for(catalog, labels)
        member = None if entries else catalog.member(skill["name"])
        if member is not None:
            # One product of a family ("Trello" of the work management tools): its own
            # spellings and gates only, never its siblings'.
            family, names = member
            # and the family's names that contain the member's ("npm packages" for npm)
            words = {w for n in names for w in n.text.lower().split()}
            names += [a for a in family.names if words & set(a.text.lower().split())]
            _add_names(skill, names, {})
            report.linked.append((skill_id, [f"{family.id} (member {names[0].text!r})"]))
        group = None if entries or member else catalog.find_group(skill["name"])
        if not entries and group is None and member is None:
            entries = _by_words(catalog, skill["name"])
        links[skill_id] = (entries, group) if member is None else ([], None)
        if member is not None:
            skill["_member"] = True
    groups = _group_categories(links, skills, categories, catalog)
    for skill_id, skill in skills.items():
        entries, group = links[skill_id]
        if skill.pop("_member", False):
            continue
        named = _named_in(catalog, skill.get("description", ""), exclude=entries)
        extra = [f"+{entry.id}" for entry in named]
        if entries:
            _add_names(skill, [alias for entry in entries for alias in entry.names], groups)
            skill.setdefault("patterns", []).extend(
                pattern.model_dump() for entry in entries for pattern in entry.patterns
            )
            report.linked.append((skill_id, [entry.id for entry in entries] + extra))
        elif group is not None:
            named = [*group.entries, *named]
            report.linked.append((skill_id, [f"group {group.id}", *extra]))
        else:
            forms = [form for form in spellings(skill["name"]) if form not in skill["aliases"]]
            skill["aliases"].extend(_generated(form) for form in forms)
            report.generated.append((skill_id, forms + extra))
        terms = _evidence_of(catalog, entries) + _evidence_of(catalog, named, names=True)
        _add_evidence(skill, terms, groups)
        if not entries:
            _gate_own_names(skill_id, skill, group, catalog, report)
    return report


def _gate_own_names(
    skill_id: str,
    skill: dict[str, Any],
    group: CatalogGroup | None,
    catalog: Catalog,
    report: LinkReport,
) -> None:
    """Gate a name that is also an English word ("Networking") by the distinctive words of
    its own bullet and of its catalogue group: they must stand near it."""
    from skillmatch.taxonomy.lint import needs_gate

    risky = [a for a in skill["aliases"] if isinstance(a, str) and needs_gate(a, catalog)]
    if not risky:
        return
    sources = [skill.get("description", "")]
    if group is not None:
        sources += [alias.text for entry in group.entries for alias in entry.names[:1]]
    context = _distinctive_words(" ".join(sources))
    if not context:
        names = ", ".join(map(repr, risky))
        report.unplaced.append(
            (f"skill {skill_id!r}", f"{names} is also an English word and nothing gates it")
        )
        return
    skill["aliases"] = [
        {"text": a, "context": context} if a in risky else a for a in skill["aliases"]
    ]


def _distinctive_words(text: str) -> list[str]:
    """The words of a text that are rare in English (wordfreq Zipf < 4): "DNS", "balancers"."""
    words = re.findall(r"[A-Za-z][A-Za-z0-9+#]{2,}", text)
    return list(dict.fromkeys(w for w in words if english_zipf(w.lower()) < 4.0))


def _generated(form: str) -> str | dict[str, Any]:
    """A generated spelling; a short acronym ("CI") matches only in capitals."""
    if len(form) <= 4 and form.isupper():
        return {"text": form, "case_sensitive": True}
    return form


def _entries_for(catalog: Catalog, labels: Iterable[str]) -> list[CatalogEntry]:
    for label in labels:
        found = catalog.lookup(label)
        if found:
            return found[:1]
    return _fuzzy(catalog, next(iter(labels), ""))


def _fuzzy(catalog: Catalog, label: str) -> list[CatalogEntry]:
    from rapidfuzz import fuzz, process

    key = name_key(label)
    if len(key) < 6:
        return []
    keys = catalog.keys()
    best = process.extractOne(key, list(keys), scorer=fuzz.ratio, score_cutoff=_FUZZY_CUTOFF)
    return [catalog.entry(keys[best[0]][0])] if best else []


def _words(text: str) -> set[str]:
    return {w.rstrip("s") for w in re.findall(r"[a-z0-9+#]+", text.lower())} - _SMALL_WORDS


def _by_words(catalog: Catalog, label: str) -> list[CatalogEntry]:
    """The one entry with a name made of the label's words and at most one more."""
    wanted = _words(label)
    if len(wanted) < 2:
        return []
    found = {
        entry.id
        for entry in catalog.entries
        for alias in entry.names
        if wanted <= (words := _words(alias.text)) and len(words) <= len(wanted) + 1
    }
    return [catalog.entry(found.pop())] if len(found) == 1 else []


def _group_categories(
    links: dict[str, tuple[list[CatalogEntry], CatalogGroup | None]],
    skills: dict[str, dict[str, Any]],
    categories: dict[str, dict[str, Any]],
    catalog: Catalog,
) -> dict[str, list[str]]:
    """Catalogue group -> the categories of the taxonomy that hold its entries (or name it)."""
    groups: dict[str, list[str]] = {}
    for skill_id, (entries, _) in links.items():
        for entry in entries:
            for category_id in skills[skill_id]["categories"]:
                groups.setdefault(entry.group, [])
                if category_id not in groups[entry.group]:
                    groups[entry.group].append(category_id)
    for category_id, category in categories.items():
        group = catalog.find_group(category["name"])
        if group is not None and category_id not in groups.setdefault(group.id, []):
            groups[group.id].append(category_id)
    return groups


def _translate(alias: Alias, groups: dict[str, list[str]]) -> dict[str, Any]:
    data = alias.model_dump(exclude_defaults=True)
    if alias.context:
        context: list[str] = []
        for word in alias.context:
            if word.startswith("@"):
                context += [f"@{c}" for c in groups.get(word[1:], []) if f"@{c}" not in context]
            elif word not in context:
                context.append(word)
        data["context"] = context
    return data


def _add_names(skill: dict[str, Any], names: list[Alias], groups: dict[str, list[str]]) -> None:
    """Add the entry's names; a gated name replaces the skill's own alias of the same text."""
    gated = {a.text.lower() for a in names if _has_gate(a)}
    own = [a for a in skill["aliases"] if _text(a).lower() not in gated]
    seen = {_text(a).lower() for a in own}
    for alias in names:
        if alias.text.lower() not in seen or alias.text.lower() in gated:
            own.append(_translate(alias, groups))
            seen.add(alias.text.lower())
    skill["aliases"] = own


def _has_gate(alias: Alias) -> bool:
    return bool(
        alias.case_sensitive
        or alias.context
        or alias.exact_only
        or alias.not_near
        or alias.not_before
        or alias.not_after
        or alias.unambiguous
    )


def _add_evidence(skill: dict[str, Any], terms: list[Alias], groups: dict[str, list[str]]) -> None:
    evidence = skill.setdefault("evidence", [])
    seen = {_text(a).lower() for a in [*skill["aliases"], *evidence]}
    for alias in terms:
        if alias.text.lower() not in seen:
            term = _translate(alias, groups)
            if not _has_gate(alias) and (
                _ONE_LOWER_WORD.fullmatch(alias.text) or len(name_key(alias.text)) < 8
            ):
                # A finer product's short or one-word name only as written: "Sinon" is not
                # "Sinan", "unittest" not "unit test", "Core ML" not "Corel" (a final full stop
                # splits off a lowercase word anyway).
                term["exact_only"] = True
            evidence.append(term)
            seen.add(alias.text.lower())


_ONE_LOWER_WORD = re.compile(r"[A-Za-z0-9][A-Za-z0-9.+#-]*[a-z]")


def _text(alias: Any) -> str:
    return alias if isinstance(alias, str) else str(alias["text"])


def _evidence_of(
    catalog: Catalog, entries: list[CatalogEntry], *, names: bool = False
) -> list[Alias]:
    """The evidence terms and members of entries (and their names, with ``names``), then
    the names, evidence and members of every entry below them."""
    terms: list[Alias] = []
    for entry in entries:
        terms += [*entry.names, *entry.evidence] if names else entry.evidence
        terms += entry.members
    for entry in entries:
        for below in catalog.descendants(entry.id):
            terms += [*below.names, *below.evidence, *below.members]
    return terms


def _named_in(
    catalog: Catalog, sentence: str, *, exclude: list[CatalogEntry]
) -> list[CatalogEntry]:
    """The entries a sentence names by an ungated name (word n-grams, a plural "s" allowed)."""
    if not sentence:
        return []
    words = re.findall(r"[A-Za-z0-9][A-Za-z0-9.+#/-]*[A-Za-z0-9+#]|[A-Za-z0-9]", sentence)
    grams = {" ".join(words[i : i + n]) for n in range(1, 5) for i in range(len(words) - n + 1)}
    grams |= {g[:-1] for g in grams if g.endswith("s")}
    lower = {g.lower() for g in grams}
    skip = {e.id for e in exclude}
    found: list[CatalogEntry] = []
    for entry in catalog.entries:
        if entry.id in skip:
            continue
        for alias in entry.names:
            if alias.context or alias.not_near:
                continue
            if (alias.text in grams) if alias.case_sensitive else (alias.text.lower() in lower):
                found.append(entry)
                break
    return found


_VERSION = re.compile(r"^(?P<base>[A-Z][A-Z+#]{2,}|.*[A-Za-z]\s)v?(?P<version>\d+(?:\.\d+)*)$")
_PARENS = re.compile(r"^(?P<outer>[^()]+?)\s*\((?P<inner>[^()]+)\)$")
# Endings of words with no plural worth matching ("Optimizations", "Qualitys").
_UNCOUNTED = ("tion", "sion", "ment", "ance", "ence", "ity", "ness", "ing", "ics", "ure", "ce",
              "y", "x", "ch", "sh")  # fmt: skip
_SPELLINGS = (("isation", "ization"), ("ise", "ize"), ("ising", "izing"), ("modelling", "modeling"))


def spellings(name: str) -> list[str]:
    """Return the other ways a name is written: singular or plural, without a version, ".js"
    forms, acronym and expansion, "&" and "and", British and American spelling.

    >>> spellings("HTML5"), spellings("Python 3"), spellings("Vue.js")
    (['HTML'], ['Python'], ['Vue', 'VueJS', 'Vue JS'])
    >>> spellings("Continuous Integration (CI)")
    ['Continuous Integration', 'CI']
    >>> spellings("Design Systems"), spellings("Data Modelling"), spellings("Web3")
    (['Design System'], ['Data modeling'], [])
    """
    forms: list[str] = []
    parens = _PARENS.match(name)
    if parens:
        forms += [parens["outer"].strip(), parens["inner"].strip()]
    versioned = _VERSION.match(name)
    if versioned:
        forms.append(versioned["base"].strip())
    low = name.lower()
    if low.endswith(".js"):
        base = name[:-3]
        forms += [base, f"{base}JS", f"{base} JS"]
    elif low.endswith("js") and len(name) > 4 and name[-3] not in " .":
        forms += [f"{name[:-2]}.js", name[:-2]]
    words = name.split()
    last = words[-1] if words else ""
    if not parens and not versioned and last.isalpha():
        if last.endswith("ies") and len(last) > 4:
            forms.append(" ".join([*words[:-1], last[:-3] + "y"]))
        elif last.endswith("s") and not last.endswith("ss") and len(last) > 3:
            forms.append(" ".join([*words[:-1], last[:-1]]))
        elif len(words) > 1 and len(last) > 3 and not last.endswith(_UNCOUNTED):
            forms.append(name + "s")
    if "&" in name:
        forms.append(re.sub(r"\s*&\s*", " and ", name))
    elif " and " in name:
        forms.append(name.replace(" and ", " & "))
    for british, american in _SPELLINGS:
        for a, b in ((british, american), (american, british)):
            if a in low:
                forms.append(re.sub(a, b, name, flags=re.IGNORECASE))
                break
    return [f for f in dict.fromkeys(forms) if f and f.lower() != low]
