"""Build a taxonomy from a role document, then merge a curated overlay onto it.

A role document is plain text shaped like "What is AI Engineer" (headings on their own lines,
bullets starting with ``•``, ``-``, ``*``, ``▪``...) or Markdown (``#`` headings). The builder
reads the document's *shape*, not its wording:

- a **list bullet** ``Label: a, b, c`` becomes a category ``Label`` with one skill per item
  (``JavaScript/TypeScript`` is two skills, ``CI/CD pipelines`` one);
- **sentence bullets** ``Label: a sentence`` under a heading become skills of a category named
  after the heading, the sentence being the skill's description;
- a heading that names a level and its years (``Entry Level (0-2 years)``) makes its bullets
  level signals and its years a seniority band;
- a heading about roles (``Traditional Roles vs AI Engineer``) makes its bullets role profiles;
- sections without label bullets, and sections about companies, salaries or markets, are left
  out; an overlay's ``exclude_sections`` / ``include_sections`` override that guess.

Ids are slugs of the labels, every word kept ("State & Data" -> ``state-and-data``); an
acronym followed by a generic noun is named by the acronym ("ETL processes" -> ``etl``). Each
skill is then linked to the technology catalogue (:mod:`skillmatch.taxonomy.link`): it takes the
entry's spellings, gates and finer terms, or gets generated spellings when there is no entry.
The overlay (:class:`~skillmatch.taxonomy.overlay.Overlay`, a YAML
file such as the repository's ``taxonomy/overlay.yaml``) maps labels to other ids and adds
aliases, evidence terms, patterns, weights and seniority words by id.

The builder reads only the document and overlay it is given (a path or the text itself); it
knows no place of its own. ``scripts/build_default_taxonomy.py`` in the repository regenerates
the shipped default (``src/skillmatch/data/default.yaml``) from ``taxonomy/``.

>>> taxonomy = build_taxonomy("Skills\\n\\n- Languages: Python, Go\\n")
>>> [(s.id, s.categories) for s in taxonomy.skills]
[('python', ['languages']), ('go', ['languages'])]
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from skillmatch.errors import TaxonomyError
from skillmatch.models import Level
from skillmatch.taxonomy.catalog import Catalog
from skillmatch.taxonomy.link import LinkReport, link_skills
from skillmatch.taxonomy.overlay import Overlay, apply_overlay, as_overlay
from skillmatch.taxonomy.roles import derived_weights
from skillmatch.taxonomy.schema import LevelBand, Taxonomy

__all__ = [
    "MAX_DOCUMENT_BYTES",
    "build_report",
    "build_taxonomy",
    "category_slug",
    "parse_document",
    "slugify",
]

logger = logging.getLogger("skillmatch")

MAX_DOCUMENT_BYTES = 1024 * 1024

# -- reading the document ------------------------------------------------------------------------

_BULLET = re.compile(r"^\s*(?:[•▪◦‣●○■□·–—*+-]|\d{1,2}[.)])\s+(?P<body>\S.*)$")
_MD_HEADING = re.compile(r"^\s{0,3}#{1,6}\s+(?P<text>.+?)\s*#*\s*$")
_LABEL = re.compile(r"^(?P<label>[^:]{1,60}?):\s+(?P<body>\S.*)$")
_EMPHASIS = re.compile(r"(\*\*|__|`)")
_YEARS_RANGE = re.compile(
    r"(\d+(?:\.\d+)?)\s*(?:-|–|—|to)\s*(\d+(?:\.\d+)?)\s*\+?\s*(?:years|yrs)?"
)
_YEARS_PLUS = re.compile(r"(\d+(?:\.\d+)?)\s*\+")
_LEVEL_WORDS: dict[str, Level] = {
    "entry": "entry",
    "junior": "entry",
    "beginner": "entry",
    "graduate": "entry",
    "mid": "mid",
    "intermediate": "mid",
    "senior": "senior",
    "advanced": "senior",
    "expert": "senior",
    "lead": "senior",
    "principal": "senior",
}
_ROLE_HEADING = re.compile(r"\broles?\b", re.IGNORECASE)
# Title words of every built taxonomy: English words, not the role's.
_TITLES: dict[Level, list[str]] = {
    "entry": "intern internship trainee graduate junior jr apprentice entry-level student".split(),  # noqa: SIM905
    "mid": ["mid-level", "intermediate"],
    "senior": "senior sr staff principal lead head director vp chief distinguished cto".split(),  # noqa: SIM905
}
_TITLE_TRAPS = [
    *("senior management", "senior leadership", "senior stakeholders", "lead generation"),
    *("lead time", "lead to", "head office", "graduate degree", "chief of staff"),
]
# Words of sections about the job market rather than skills (companies, pay, demand).
_BUSINESS_WORDS = frozenset(
    """salary salaries pay compensation market markets demand growth grown industry industries
    company companies employers startups enterprises consulting career careers security outlook
    hiring jobs opportunities""".split()  # noqa: SIM905 - a word list reads better as text
)
_FUNCTION_WORDS = frozenset("with of for to from in on by other all the a an into as".split())  # noqa: SIM905
_GENERIC_HEADS = frozenset(
    "pipeline pipelines process processes system systems tool tools framework frameworks".split()  # noqa: SIM905
)


@dataclass
class _Bullet:
    text: str
    line: int
    label: str | None = None
    body: str = ""


@dataclass
class _Section:
    heading: str
    line: int
    bullets: list[_Bullet] = field(default_factory=list)
    paragraphs: list[str] = field(default_factory=list)


@dataclass
class _Document:
    title: str
    description: str
    sections: list[_Section]


def parse_document(text: str) -> _Document:
    """Split a role document into headed sections of bullets and paragraphs."""
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    markdown = any(_MD_HEADING.match(line) for line in lines)
    sections: list[_Section] = []
    title = ""
    current: _Section | None = None
    for number, raw in enumerate(lines, start=1):
        line = _EMPHASIS.sub("", raw).strip()
        if not line:
            continue
        bullet = _BULLET.match(line)
        heading = _MD_HEADING.match(raw) if markdown else None
        if heading or (not markdown and not bullet and _looks_like_heading(line)):
            heading_text = _EMPHASIS.sub("", heading.group("text")) if heading else line
            title = title or heading_text.strip()
            current = _Section(heading=heading_text.strip(), line=number)
            sections.append(current)
            continue
        if current is None:
            current = _Section(heading="", line=number)
            sections.append(current)
        if bullet:
            current.bullets.append(_split_label(bullet.group("body").strip(), number))
        else:
            current.paragraphs.append(line)
    description = next((p for s in sections for p in s.paragraphs), "")
    return _Document(title=title, description=description, sections=sections)


def _looks_like_heading(line: str) -> bool:
    words = line.split()
    return (
        len(words) <= 10
        and len(line) <= 80
        and line[-1] not in ".:;,!?"
        and (line[0].isupper() or line[0].isdigit())
    )


def _split_label(text: str, line: int) -> _Bullet:
    found = _LABEL.match(text)
    if found and len(found.group("label").split()) <= 6:
        return _Bullet(
            text=text, line=line, label=found.group("label").strip(), body=found.group("body")
        )
    return _Bullet(text=text, line=line)


def _list_items(body: str) -> list[str] | None:
    """Return the items of a list bullet body, or None when the body is a sentence."""
    body = body.strip().rstrip(".")
    parts = [re.sub(r"^(?:and|or|&)\s+", "", part.strip()) for part in re.split(r"[,;]", body)]
    parts = [part for part in parts if part]
    if len(parts) < 2:
        return None
    first = parts[0].split()[0]
    if first[:1].isupper() and first[1:].islower() and first.lower().endswith("ing"):
        return None  # "Training, fine-tuning, and optimizing ML models" is a sentence
    for part in parts:
        words = part.split()
        if len(words) > 4 or any(word.lower() in _FUNCTION_WORDS for word in words):
            return None
    items: list[str] = []
    for part in parts:
        items.extend(_split_slash(part))
    return items


def _split_slash(item: str) -> list[str]:
    """Split "JavaScript/TypeScript" in two; keep "CI/CD pipelines" and "PL/SQL" whole."""
    if " " in item or "/" not in item:
        return [item]
    pieces = item.split("/")
    if all(len(p) >= 2 and not p.isupper() and p[:1].isalpha() for p in pieces):
        return pieces
    return [item]


def slugify(label: str) -> str:
    """Return the id of a label: lowercase words joined by '-' ("CI/CD" -> "ci-cd").

    >>> slugify("scikit-learn"), slugify("Modern AI Engineering (2025)")
    ('scikit-learn', 'modern-ai-engineering')
    """
    label = re.sub(r"\([^)]*\d[^)]*\)", " ", label)  # "(2025)", "(0-2 years)"
    label = label.replace("+", " plus ").replace("#", " sharp ").replace("&", " and ")
    slug = re.sub(r"[^a-z0-9.]+", "-", label.lower()).strip("-.")
    return re.sub(r"-{2,}", "-", slug) or "item"


def category_slug(heading: str) -> str:
    """Return the id of a category heading: every word, without a year or a range of years.

    An overlay's ``ids`` gives a heading a shorter id where one is wanted (the default maps
    "Modern AI Engineering (2025)" to ``modern-ai``).

    >>> category_slug("Modern AI Engineering (2025)"), category_slug("State & Data")
    ('modern-ai-engineering', 'state-and-data')
    >>> category_slug("ML Frameworks"), category_slug("Core Competencies")
    ('ml-frameworks', 'core-competencies')
    """
    return slugify(heading)


def _short_form(label: str) -> str:
    """Name "ETL processes" and "RAG Systems" by their acronym; leave other labels alone."""
    words = label.split()
    if len(words) >= 2 and words[-1].lower() in _GENERIC_HEADS:
        head = words[:-1]
        if all(re.fullmatch(r"[A-Z0-9][A-Z0-9/&.-]*[A-Z0-9]", word) for word in head):
            return " ".join(head)
    return label


def _clean_heading(heading: str) -> str:
    return re.sub(r"\s*\([^)]*\d[^)]*\)\s*", " ", heading).strip()


def _level_of(heading: str) -> Level | None:
    words = re.findall(r"[a-z]+", heading.lower())
    if not any(word in {"level", "levels", "years", "yrs"} for word in words) and not (
        _YEARS_RANGE.search(heading) or _YEARS_PLUS.search(heading)
    ):
        return None
    for word in words:
        if word in _LEVEL_WORDS:
            return _LEVEL_WORDS[word]
    return None


def _band_of(heading: str, level: Level) -> LevelBand | None:
    found = _YEARS_RANGE.search(heading)
    if found:
        return LevelBand(level=level, min_years=float(found[1]), max_years=float(found[2]))
    plus = _YEARS_PLUS.search(heading)
    if plus:
        return LevelBand(level=level, min_years=float(plus[1]), max_years=None)
    return None


def _is_business(section: _Section) -> bool:
    """Tell a section about companies, pay or demand from one about skills."""
    heading_words = set(re.findall(r"[a-z]+", section.heading.lower()))
    if heading_words & _BUSINESS_WORDS:
        return True
    texts = [bullet.text for bullet in section.bullets]
    hits = sum(
        1
        for text in texts
        if set(re.findall(r"[a-z]+", text.lower())) & _BUSINESS_WORDS or re.search(r"[$€£%]", text)
    )
    return bool(texts) and hits * 2 > len(texts)


# -- building ------------------------------------------------------------------------------------


@dataclass
class _Draft:
    ids: dict[str, str]
    categories: dict[str, dict[str, Any]] = field(default_factory=dict)
    skills: dict[str, dict[str, Any]] = field(default_factory=dict)
    signals: dict[str, dict[str, Any]] = field(default_factory=dict)
    roles: dict[str, dict[str, Any]] = field(default_factory=dict)
    bands: list[LevelBand] = field(default_factory=list)

    def id_for(self, label: str, *, short: bool = True) -> str:
        mapped = self.ids.get(label.strip().lower())
        if mapped:
            return mapped
        return slugify(_short_form(label) if short else label)

    def category(self, label: str, description: str = "") -> str:
        category_id = self.ids.get(label.strip().lower()) or category_slug(label)
        taken = self.categories.get(category_id)
        if taken is not None and taken["name"] != _clean_heading(label):
            category_id = slugify(label)  # two headings share their first words: keep them apart
        if category_id not in self.categories:
            name = _clean_heading(label)
            self.categories[category_id] = {
                "id": category_id,
                "name": name,
                "description": description,
            }
        return category_id

    def skill(self, label: str, category_id: str, description: str = "") -> None:
        skill_id = self.id_for(label)
        short = _short_form(label)
        entry = self.skills.setdefault(
            skill_id,
            {
                "id": skill_id,
                "name": short,
                "categories": [],
                "description": description,
                "aliases": [],
            },
        )
        if category_id not in entry["categories"]:
            entry["categories"].append(category_id)
        for text in dict.fromkeys([label, short]):
            if text.lower() not in {alias.lower() for alias in entry["aliases"]}:
                entry["aliases"].append(text)


def build_taxonomy(
    doc_path_or_text: str | Path,
    *,
    overlay: str | Path | Overlay | dict[str, Any] | None = None,
    name: str | None = None,
    catalog: Catalog | None = None,
    link: bool = True,
) -> Taxonomy:
    """Build a taxonomy from a role document (a path or the text itself) and an overlay.

    ``overlay`` is a path to an overlay file, a parsed mapping or an :class:`Overlay`. ``name``
    replaces the document's title as the taxonomy name. Skills are linked to ``catalog`` (the
    packaged :class:`Catalog` when not given) unless ``link=False`` or the overlay says
    ``catalog: false``. Raises :class:`TaxonomyError` when the document is missing or names no
    skills, or when the overlay refers to unknown ids.

    >>> taxonomy = build_taxonomy("taxonomy/what-is-ai-engineer.txt")  # doctest: +SKIP
    >>> len(taxonomy.categories), len(taxonomy.skills), len(taxonomy.signals)  # doctest: +SKIP
    (8, 30, 12)
    """
    return build_report(doc_path_or_text, overlay=overlay, name=name, catalog=catalog, link=link)[0]


def build_report(
    doc_path_or_text: str | Path,
    *,
    overlay: str | Path | Overlay | dict[str, Any] | None = None,
    name: str | None = None,
    catalog: Catalog | None = None,
    link: bool = True,
) -> tuple[Taxonomy, LinkReport]:
    """Build a taxonomy as :func:`build_taxonomy` does and say what was done with each skill:
    linked to the catalogue, given generated spellings, or not placed (sections and roles
    left out)."""
    source, text = _read_document(doc_path_or_text)
    patch = as_overlay(overlay)
    document = parse_document(text)
    draft = _Draft(ids={label.strip().lower(): value for label, value in patch.ids.items()})
    excluded = {heading.strip().lower() for heading in patch.exclude_sections}
    included = {heading.strip().lower() for heading in patch.include_sections}
    role_bullets: list[_Bullet] = []
    report = LinkReport()
    for section in document.sections:
        if _read_section(section, draft, excluded, included, role_bullets):
            report.unplaced.append((f"section {section.heading!r}", "names no skills; left out"))
    if not draft.skills:
        raise TaxonomyError(
            f"{source}: the document names no skills; write bullets such as"
            " '- Programming: Python, Go' or '- Model Development: training models' under headings"
        )
    if link and patch.catalog is not False:
        linked = link_skills(draft.skills, draft.categories, catalog or Catalog.default())
        report.linked, report.generated = linked.linked, linked.generated
    for bullet in role_bullets:
        role_id = draft.id_for(bullet.label or bullet.text)
        weights = derived_weights(
            f"{bullet.label or ''} {bullet.body}", draft.categories, draft.skills
        )
        if role_id not in patch.roles and not any(weight == 1.0 for weight in weights.values()):
            report.unplaced.append(
                (f"role {role_id!r}", "its words name none of the categories; left out")
            )
            continue
        draft.roles[role_id] = {
            "id": role_id,
            "name": bullet.label or bullet.text,
            "description": bullet.body,
            "categories": weights,
        }
    # Title words are English, not the role's: every built taxonomy reads "Senior", "Intern".
    seniority: dict[str, Any] = {"titles": _TITLES, "title_traps": _TITLE_TRAPS}
    if draft.bands:
        seniority["bands"] = sorted(draft.bands, key=lambda band: band.min_years)
    data = {
        "name": name or patch.name or document.title or source,
        "description": patch.description or document.description,
        "categories": list(draft.categories.values()),
        "skills": list(draft.skills.values()),
        "signals": list(draft.signals.values()),
        "roles": list(draft.roles.values()),
        "seniority": seniority,
    }
    if patch.version:
        data["version"] = patch.version
    taxonomy = Taxonomy.from_dict(data, source=source)
    built = apply_overlay(taxonomy, patch, source="overlay") if overlay is not None else taxonomy
    logger.info(
        "built taxonomy %r from %s: %d categories, %d skills, %d signals, %d roles",
        built.name,
        source,
        len(built.categories),
        len(built.skills),
        len(built.signals),
        len(built.roles),
    )
    return built, report


def _read_section(
    section: _Section,
    draft: _Draft,
    excluded: set[str],
    included: set[str],
    role_bullets: list[_Bullet],
) -> bool:
    """Read one section into the draft; return True when it was left out for naming no skills
    (not when the overlay excludes it or it has no bullets)."""
    heading = section.heading.strip().lower()
    clean = _clean_heading(section.heading).lower()
    if not section.bullets or heading in excluded or clean in excluded:
        return False
    forced = heading in included or clean in included
    level = _level_of(section.heading)
    if level is not None:
        band = _band_of(section.heading, level)
        if band is not None:
            draft.bands.append(band)
        for bullet in section.bullets:
            signal_id = draft.id_for(bullet.text)
            draft.signals[signal_id] = {"id": signal_id, "name": bullet.text, "level": level}
        return False
    labelled = [bullet for bullet in section.bullets if bullet.label]
    if not labelled or (not forced and _is_business(section)):
        logger.debug("left out section %r: it names no skills", section.heading)
        return True
    if _ROLE_HEADING.search(section.heading):
        role_bullets.extend(labelled)
        return False
    for bullet in labelled:
        assert bullet.label is not None
        items = _list_items(bullet.body)
        if items is not None:
            category_id = draft.category(bullet.label)
            for item in items:
                draft.skill(item, category_id)
        else:
            category_id = draft.category(section.heading, " ".join(section.paragraphs))
            draft.skill(bullet.label, category_id, bullet.body.strip())
    return False


def _read_document(doc: str | Path) -> tuple[str, str]:
    if isinstance(doc, Path) or ("\n" not in doc and len(doc) < 1000 and Path(doc).suffix):
        path = Path(doc)
        if not path.is_file():
            raise TaxonomyError(
                f"{doc}: no such role document; check the path, or pass the document's text"
            )
        size = path.stat().st_size
        if size > MAX_DOCUMENT_BYTES:
            raise TaxonomyError(
                f"{doc}: the role document is {size} bytes, over the limit of"
                f" {MAX_DOCUMENT_BYTES}; a role document is a page or two of text"
            )
        try:
            text = path.read_text(encoding="utf-8-sig")
        except UnicodeDecodeError as exc:
            raise TaxonomyError(
                f"{doc}: byte {exc.start} is not UTF-8; save the role document as UTF-8 text"
            ) from None
        source = str(doc)
    else:
        text, source = str(doc), "<document>"
    if not text.strip():
        raise TaxonomyError(
            f"{source}: the role document is empty; give headings and bullets naming skills"
        )
    return source, text
