"""Loading, validating and saving taxonomies; every error message names file, place and value."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from skillmatch.errors import TaxonomyError
from skillmatch.taxonomy import Taxonomy

TINY = """\
name: tiny
categories:
  - id: lang
    name: Languages
skills:
  - id: python
    name: Python
    categories: [lang]
    aliases: [Python, {text: Py, case_sensitive: true}]
"""


def _write(tmp_path: Path, text: str, name: str = "tax.yaml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def _error(path: Path) -> str:
    with pytest.raises(TaxonomyError) as info:
        Taxonomy.load(path)
    message = str(info.value)
    assert "\n" not in message
    assert str(path) in message
    return message


def test_load_reads_a_small_yaml_taxonomy(tmp_path: Path) -> None:
    taxonomy = Taxonomy.load(_write(tmp_path, TINY))
    assert taxonomy.skill("python").aliases[1].case_sensitive is True
    assert [s.id for s in taxonomy.skills_in("lang")] == ["python"]


def test_yaml_and_json_dumps_load_back_equal(tmp_path: Path) -> None:
    taxonomy = Taxonomy.default()
    assert Taxonomy.load(_write(tmp_path, taxonomy.dump_yaml())) == taxonomy
    assert Taxonomy.load(_write(tmp_path, taxonomy.dump_json(), "t.json")) == taxonomy


def test_default_taxonomy_has_the_contract_ids() -> None:
    taxonomy = Taxonomy.default()
    assert len(taxonomy.categories) == 8
    assert len(taxonomy.skills) == 30
    assert taxonomy.skill("multimodal-ai").categories == ["modern-ai", "emerging-tech"]
    assert Taxonomy.default() is taxonomy


def test_lookup_of_unknown_id_names_it() -> None:
    with pytest.raises(KeyError, match="'cobol'"):
        Taxonomy.default().skill("cobol")


def test_missing_file_names_the_path(tmp_path: Path) -> None:
    message = _error(tmp_path / "absent.yaml")
    assert "no such taxonomy file" in message


def test_empty_file_says_what_it_needs(tmp_path: Path) -> None:
    message = _error(_write(tmp_path, "  \n"))
    assert "empty" in message and "'skills'" in message


def test_yaml_that_is_not_a_mapping_names_the_type(tmp_path: Path) -> None:
    message = _error(_write(tmp_path, "- python\n- go\n"))
    assert "must be a mapping" in message and "list" in message and "'python'" in message


def test_bad_yaml_names_the_line(tmp_path: Path) -> None:
    message = _error(_write(tmp_path, "name: tiny\ncategories: [\n  - id: x\n"))
    assert "invalid YAML" in message and "line " in message


def test_bad_json_names_line_and_column(tmp_path: Path) -> None:
    message = _error(_write(tmp_path, '{"name": "x",\n "skills": }', "t.json"))
    assert "line 2, column" in message and "invalid JSON" in message


def test_unknown_key_names_the_place_and_the_allowed_keys(tmp_path: Path) -> None:
    text = TINY.replace("{text: Py, case_sensitive: true}", "{text: Py, casesensitive: true}")
    message = _error(_write(tmp_path, text))
    assert "skills -> 0 -> aliases -> 1 -> casesensitive" in message
    assert "unknown key 'casesensitive'" in message and "case_sensitive" in message


def test_duplicate_ids_name_both_places(tmp_path: Path) -> None:
    text = TINY + "  - id: python\n    name: Python again\n    categories: [lang]\n"
    message = _error(_write(tmp_path, text))
    assert "skills -> 1 -> id" in message and "'python'" in message and "skills -> 0" in message


def test_duplicate_yaml_key_is_refused(tmp_path: Path) -> None:
    message = _error(_write(tmp_path, "name: a\nname: b\n"))
    assert "duplicate key 'name'" in message and "line 2" in message


def test_unknown_category_names_skill_and_reference(tmp_path: Path) -> None:
    message = _error(_write(tmp_path, TINY.replace("categories: [lang]", "categories: [langs]")))
    assert "skills -> 0 -> categories -> 0" in message
    assert "'langs'" in message and "'lang'" in message


def test_wrong_type_names_place_and_value(tmp_path: Path) -> None:
    text = TINY.replace("    name: Python\n", "    name: Python\n    fuzzy: maybe\n")
    message = _error(_write(tmp_path, text))
    assert "skills -> 0 -> fuzzy" in message and "'maybe'" in message


def test_blank_alias_is_refused_with_its_place(tmp_path: Path) -> None:
    message = _error(_write(tmp_path, TINY.replace("[Python,", "['  ',")))
    assert "skills -> 0 -> aliases -> 0" in message and "blank" in message


def test_yaml_anchor_bomb_is_refused(tmp_path: Path) -> None:
    bomb = 'a: &a ["x", "x"]\nb: &b [*a, *a]\nc: &c [*b, *b]\nname: *c\n'
    message = _error(_write(tmp_path, bomb))
    assert "anchor or alias" in message and "line 1" in message


def test_oversized_file_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("skillmatch.taxonomy.files.MAX_FILE_BYTES", 100)
    message = _error(_write(tmp_path, TINY))
    assert "over the limit of 100" in message


def test_taxonomy_error_is_a_value_error(tmp_path: Path) -> None:
    with pytest.raises(ValueError):
        Taxonomy.load(tmp_path / "nope.yaml")


def test_json_schema_describes_the_format() -> None:
    schema = Taxonomy.json_schema()
    assert set(schema["required"]) >= {"name", "categories", "skills"}
    assert "case_sensitive" in schema["$defs"]["Alias"]["properties"]
    json.dumps(schema)


@settings(max_examples=60, deadline=None)
@given(st.text(max_size=200))
def test_from_dict_on_any_text_mapping_raises_only_taxonomy_error(text: str) -> None:
    try:
        Taxonomy.from_dict({"name": text, "categories": text, "skills": [text]}, source="x")
    except TaxonomyError as exc:
        assert str(exc).startswith("x: ")
