"""Read taxonomy and overlay files safely, and explain what is wrong with them in one line.

YAML or JSON, refusing missing, empty, huge or non-UTF-8 files, YAML anchors and aliases ("billion
laughs") and keys given twice; pydantic's errors become one line naming the file, the place, the
bad value and the fix. Every problem raises :class:`~skillmatch.errors.TaxonomyError`.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, ValidationError

from skillmatch.errors import TaxonomyError

__all__ = [
    "MAX_FILE_BYTES",
    "describe_validation_error",
    "parse_data_text",
    "parse_shipped_yaml",
    "read_data_file",
    "short_repr",
]

MAX_FILE_BYTES = 5 * 1024 * 1024
"""Taxonomy files larger than this are refused (a taxonomy is a few hundred kilobytes)."""


def read_data_file(path: str | Path, *, what: str = "taxonomy") -> Any:
    """Read and parse a YAML or JSON file, refusing missing, empty, huge or aliased files.

    ``what`` names the kind of file in messages ("taxonomy", "overlay"). Raises
    :class:`TaxonomyError`.
    """
    file = Path(path)
    if not file.exists():
        raise TaxonomyError(
            f"{path}: no such {what} file; check the path (relative paths start at {Path.cwd()})"
        )
    if not file.is_file():
        raise TaxonomyError(f"{path}: is not a file; give the path of a {what} YAML or JSON file")
    size = file.stat().st_size
    if size > MAX_FILE_BYTES:
        raise TaxonomyError(
            f"{path}: the {what} file is {size} bytes, over the limit of {MAX_FILE_BYTES};"
            " split it or remove generated content"
        )
    try:
        text = file.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as exc:
        raise TaxonomyError(
            f"{path}: byte {exc.start} is not UTF-8 ({exc.object[exc.start : exc.start + 1]!r});"
            f" save the {what} file as UTF-8"
        ) from None
    except OSError as exc:
        raise TaxonomyError(
            f"{path}: cannot be read ({exc.strerror}); check its permissions"
        ) from None
    return parse_data_text(text, source=str(path), what=what, json_file=file.suffix == ".json")


def parse_data_text(
    text: str, *, source: str, what: str = "taxonomy", json_file: bool = False
) -> Any:
    """Parse YAML or JSON text (JSON when ``json_file`` or the text starts with ``{``)."""
    if not text.strip():
        raise TaxonomyError(
            f"{source}: the {what} file is empty; it needs at least 'name', 'categories' and"
            " 'skills'"
            if what == "taxonomy"
            else f"{source}: the {what} file is empty; remove it or add entries"
        )
    _refuse_deep_nesting(text, source, what)
    if json_file or text.lstrip().startswith("{"):
        try:
            return json.loads(text)
        except RecursionError:
            raise TaxonomyError(
                f"{source}: nested too deeply to read; a {what} needs a few levels"
            ) from None
        except json.JSONDecodeError as exc:
            raise TaxonomyError(
                f"{source}: line {exc.lineno}, column {exc.colno}: invalid JSON ({exc.msg});"
                " fix the syntax there"
            ) from None
    _refuse_yaml_aliases(text, source)
    try:
        return yaml.load(text, Loader=_UniqueKeyLoader)  # a SafeLoader subclass
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        where = f"line {mark.line + 1}, column {mark.column + 1}: " if mark else ""
        problem = exc.problem or exc.context or "invalid YAML"
        if problem.startswith("duplicate key"):
            raise TaxonomyError(f"{source}: {where}{problem}; keep only one of them") from None
        raise TaxonomyError(
            f"{source}: {where}invalid YAML ({problem}); fix the syntax there (quote values"
            " that contain ': ' or start with '@', '*', '&' or '!')"
        ) from None
    except yaml.YAMLError as exc:
        raise TaxonomyError(f"{source}: invalid YAML ({exc}); fix the syntax") from None
    except RecursionError:
        raise TaxonomyError(f"{source}: nested too deeply to read; fix the file") from None


_MAX_NESTING = 100
_BRACKETS = re.compile(r"[\[\]{}]")


def _refuse_deep_nesting(text: str, source: str, what: str) -> None:
    """Refuse brackets nested deeper than any taxonomy needs before a parser sees them: YAML's
    scanner is quadratic in the depth and both parsers recurse (a 20,000-deep file hung)."""
    depth = deepest = 0
    for match in _BRACKETS.finditer(text):
        depth = depth + 1 if match.group() in "[{" else max(depth - 1, 0)
        deepest = max(deepest, depth)
        if deepest > _MAX_NESTING:
            line = text.count("\n", 0, match.start()) + 1
            raise TaxonomyError(
                f"{source}: line {line}: brackets nested over {_MAX_NESTING} levels deep; "
                f"a {what} needs a few levels: fix the file"
            )


def _refuse_yaml_aliases(text: str, source: str, *, loader: type[Any] = yaml.SafeLoader) -> None:
    try:
        for event in yaml.parse(text, Loader=loader):
            anchor = getattr(event, "anchor", None)
            if isinstance(event, yaml.AliasEvent) or anchor is not None:
                line = event.start_mark.line + 1 if event.start_mark else 0
                raise TaxonomyError(
                    f"{source}: line {line}: YAML anchor or alias {'&' + str(anchor)!r} is not"
                    " allowed (it can expand to a huge document); write the values out in full"
                )
    except yaml.YAMLError:
        return  # the real parse below reports the syntax error with its place


class _UniqueKeyLoader(yaml.SafeLoader):
    """A SafeLoader that refuses a key given twice in one mapping (YAML keeps the last)."""


def _construct_unique_mapping(loader: yaml.SafeLoader, node: yaml.MappingNode) -> dict[Any, Any]:
    seen: set[Any] = set()
    for key_node, _ in node.value:
        key = loader.construct_object(key_node)
        if isinstance(key, (str, int, float, bool)) and key in seen:
            raise yaml.constructor.ConstructorError(
                None,
                None,
                f"duplicate key {key!r} (YAML would keep only the last)",
                key_node.start_mark,
            )
        seen.add(key)
    return loader.construct_mapping(node)


_UniqueKeyLoader.add_constructor(
    yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_unique_mapping
)


def parse_shipped_yaml(text: str, *, source: str) -> Any:
    """Parse YAML text that ships with the package (the default taxonomy), fast when it can.

    The same data and the same checks as :func:`parse_data_text` (anchors and aliases refused,
    duplicate keys refused), read with libyaml when PyYAML has it.
    """
    fast_loader = _fast_unique_key_loader()
    if fast_loader is None:
        return parse_data_text(text, source=source)
    # The shipped file is our own: libyaml parses it several times faster than the pure-Python
    # parser (same data, same duplicate-key check); user files keep the pure-Python parser,
    # whose error messages the taxonomy errors quote.
    _refuse_yaml_aliases(text, source, loader=fast_loader)
    return yaml.load(text, Loader=fast_loader)


def _fast_unique_key_loader() -> type[Any] | None:
    """Return a libyaml SafeLoader that refuses duplicate keys, or None without libyaml."""
    base: type[Any] | None = getattr(yaml, "CSafeLoader", None)
    if base is None:
        return None
    loader: type[Any] = type("_CUniqueKeyLoader", (base,), {})
    tag = yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG
    loader.add_constructor(tag, _construct_unique_mapping)
    return loader


def describe_validation_error(exc: ValidationError, source: str, root: type[BaseModel]) -> str:
    """Turn a pydantic error into one line: the file, the place, the bad value, the fix.

    ``root`` is the model that was validated (``Taxonomy``, ``Overlay``...); it lets the message
    list the keys allowed where an unknown key was found.
    """
    parts = []
    errors = exc.errors(include_url=False)
    for error in errors[:3]:
        loc = " -> ".join(str(part) for part in error["loc"] if not _is_union_tag(part))
        message = error["msg"].removeprefix("Value error, ")
        kind = error["type"]
        value = error.get("input")
        if kind == "extra_forbidden":
            key = str(error["loc"][-1])
            allowed = _allowed_keys(root, error["loc"][:-1])
            parts.append(
                f"{loc}: unknown key {key!r}; remove it or fix its spelling"
                + (f" (allowed keys: {', '.join(allowed)})" if allowed else "")
            )
        elif kind == "missing":
            parts.append(f"{loc}: required key is missing; add it")
        elif kind == "value_error" and not loc:
            parts.append(message)
        else:
            where = f"{loc}: " if loc else ""
            parts.append(f"{where}{message}, got {short_repr(value)}")
    more = f" (and {len(errors) - 3} more errors)" if len(errors) > 3 else ""
    return f"{source}: " + "; ".join(parts) + more


def _is_union_tag(part: Any) -> bool:
    return isinstance(part, str) and part in {"function-before[_from_string(), Alias]"}


def _allowed_keys(root: type[BaseModel], loc: tuple[Any, ...]) -> list[str]:
    """Name the keys the model at ``loc`` accepts, walking down from ``root``."""
    model = root
    for part in loc:
        if isinstance(part, int) or _is_union_tag(part):
            continue
        field = model.model_fields.get(str(part))
        if field is None:
            return []
        nested = _model_of(field.annotation)
        if nested is None:
            return []
        model = nested
    return list(model.model_fields)


def _model_of(annotation: Any) -> type[BaseModel] | None:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in getattr(annotation, "__args__", ()):
        found = _model_of(arg)
        if found is not None:
            return found
    return None


def short_repr(value: Any, limit: int = 60) -> str:
    """Return ``repr(value)``, cut to ``limit`` characters with "..." (for error messages)."""
    text = repr(value)
    return text if len(text) <= limit else text[: limit - 3] + "..."
