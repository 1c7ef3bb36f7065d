"""The technology catalogue: every entry's examples match it and its look-alikes do not; the file
and its schema."""

from __future__ import annotations

import importlib.resources

import pytest

from skillmatch.errors import TaxonomyError
from skillmatch.matching import SkillIndex, find_mentions
from skillmatch.scoring import as_written
from skillmatch.taxonomy import Catalog
from skillmatch.taxonomy.catalog import name_key
from skillmatch.taxonomy.files import parse_data_text
from skillmatch.text import blank_pipeline, normalize, table_tokenizer

CATALOG = Catalog.default()
EXAMPLES = [(e.id, text) for e in CATALOG.entries for text in e.examples]
LOOKALIKES = [(e.id, text) for e in CATALOG.entries for text in e.lookalikes]


@pytest.fixture(scope="module")
def found_in():  # type: ignore[no-untyped-def]
    """The catalogue entries a text names, as other skills are found (exact spellings, gates,
    negation and other parties, no one-word name split in two)."""
    nlp = blank_pipeline()
    index = SkillIndex.build(CATALOG.as_taxonomy(), nlp, fuzzy=False)
    tokenize = table_tokenizer(nlp)

    def found(text: str) -> set[str]:
        norm = normalize(text).text
        mentions, _ = find_mentions(index, tokenize(norm))
        return {m.target for m in mentions if m.status == "counted" and as_written(m, norm)}

    return found


def test_catalogue_has_at_least_600_entries_each_with_an_example_and_a_lookalike() -> None:
    assert len(CATALOG.entries) >= 600
    assert all(entry.examples and entry.lookalikes for entry in CATALOG.entries)


@pytest.mark.parametrize(("entry_id", "text"), EXAMPLES, ids=[f"{i}:{t[:30]}" for i, t in EXAMPLES])
def test_catalogue_example_matches_its_entry(found_in, entry_id: str, text: str) -> None:  # type: ignore[no-untyped-def]
    assert entry_id in found_in(text)


@pytest.mark.parametrize(
    ("entry_id", "text"), LOOKALIKES, ids=[f"{i}:{t[:30]}" for i, t in LOOKALIKES]
)
def test_catalogue_lookalike_does_not_match_its_entry(found_in, entry_id: str, text: str) -> None:  # type: ignore[no-untyped-def]
    assert entry_id not in found_in(text)


@pytest.mark.parametrize(
    ("text", "absent"),
    [
        ("Volunteer keeper for the red pandas.", "pandas"),
        ("Duty manager at Vue Cinemas.", "vue"),
        ("React quickly to complaints.", "react"),
        ("Taught Kafka, Orwell and Woolf.", "kafka"),
        ("MSK physiotherapist in a busy clinic.", "msk"),
        ("Applied kinesio tape to the knee.", "kinesis"),
        ("Measured galaxy redshift at the observatory.", "redshift"),
        ("Documenting GCS and pupil response hourly.", "gcs"),
        ("Chroma key compositing for the shoot.", "vector-databases"),
        ("She is our go-to person.", "go"),
        ("Led R&D for the product team.", "r"),
        ("Grew up in the Rust Belt.", "rust"),
        ("Students excel at sports.", "excel"),
        ("Word of mouth brought most clients.", "word"),
        ("Access to the building needs a card.", "access"),
        ("Head Chef at a busy restaurant.", "chef"),
        ("Puppet show for the children.", "puppet"),
        ("Salt Lake City office.", "saltstack"),
        ("Ideas that spark joy.", "spark"),
        ("A swift reply to every customer.", "swift"),
        ("Julia from HR will call you.", "julia"),
        ("Captain of the Dart team at the pub.", "dart"),
        ("Express your ideas clearly.", "express"),
        ("A Tableau of the Last Supper.", "tableau"),
    ],
)
def test_issue_lookalikes_are_no_catalogue_technology(found_in, text: str, absent: str) -> None:  # type: ignore[no-untyped-def]
    assert absent not in found_in(text)


def test_shipped_catalogue_passes_the_strict_reader() -> None:
    """The fast loader skips the anchor and duplicate-key checks: the file must pass them."""
    text = (
        importlib.resources.files("skillmatch")
        .joinpath("data", "catalog.yaml")
        .read_text(encoding="utf-8")
    )
    strict = Catalog.from_dict(parse_data_text(text, source="catalog.yaml"))
    assert strict.model_dump() == CATALOG.model_dump()


def test_name_is_an_alias_unless_a_gated_alias_of_the_same_text_stands_for_it() -> None:
    react = CATALOG.entry("react").names
    assert [a.text for a in react].count("React") == 1
    assert next(a for a in react if a.text == "React").case_sensitive
    assert CATALOG.entry("kubernetes").names[0].text == "Kubernetes"


def test_parents_and_descendants() -> None:
    assert CATALOG.entry("eks").parents == ["aws", "kubernetes"]
    assert "eks" in {e.id for e in CATALOG.children("kubernetes")}
    assert {"sagemaker", "eks", "lambda"} <= {e.id for e in CATALOG.descendants("aws")}


@pytest.mark.parametrize(
    ("label", "entry_id"),
    [("Vue.js", "vue"), ("VueJS", "vue"), ("HTML5", "html"), ("CSS3", "css"), ("React", "react")],
)
def test_lookup_by_name_or_key(label: str, entry_id: str) -> None:
    assert [e.id for e in CATALOG.lookup(label)] == [entry_id]


def test_group_found_by_the_headings_that_name_it() -> None:
    group = CATALOG.find_group("Cloud Platforms")
    assert group is not None and group.id == "cloud"
    assert CATALOG.find_group("Recipes") is None


def test_name_key_drops_spacing_js_ending_version_and_plural() -> None:
    assert name_key("Node JS") == name_key("Node.js") == "node"
    assert name_key("REST APIs") == "restapi" and name_key("C++") == "c++"


def _catalog(**entry: object) -> dict[str, object]:
    base = {"id": "x", "name": "Xylo", "examples": ["Xylo"], "lookalikes": ["Xyl"]}
    return {"groups": [{"id": "g", "name": "G", "entries": [{**base, **entry}]}]}


def test_context_name_expands_and_an_unknown_one_is_an_error() -> None:
    data = _catalog(aliases=[{"text": "X", "case_sensitive": True, "context": ["$dev", "y"]}])
    catalog = Catalog.from_dict({**data, "contexts": {"dev": ["code", "API"]}})
    assert catalog.entry("x").aliases[0].context == ["code", "API", "y"]
    with pytest.raises(TaxonomyError, match=r"unknown context '\$dev'"):
        Catalog.from_dict(data)


def test_unknown_parent_and_missing_lookalike_are_errors() -> None:
    with pytest.raises(TaxonomyError, match="parents: unknown entry 'nope'"):
        Catalog.from_dict(_catalog(parents=["nope"]))
    with pytest.raises(TaxonomyError, match="lookalikes"):
        Catalog.from_dict(_catalog(lookalikes=[]))


def test_a_member_is_found_under_its_familys_name(found_in) -> None:  # type: ignore[no-untyped-def]
    family, names = CATALOG.member("Bulma") or (None, [])
    assert family is not None and family.name == "UI component libraries"
    assert [a.text for a in names] == ["Bulma"]
    assert "ui-component-libraries" in found_in("Styled the admin pages with Bulma.")
