"""The facade: text in, :class:`~skillmatch.models.MatchResult` out.

It wires the pieces and holds no rules of its own: normalize the text (keeping offsets) and
tokenize it (:mod:`skillmatch.text`), find mentions (:mod:`skillmatch.matching`), read the text's
layout once (:mod:`skillmatch.analysis`), and score both into the frozen result
(:mod:`skillmatch.scoring`).

>>> from skillmatch import SkillMatcher
>>> matcher = SkillMatcher.default()
>>> result = matcher.match("5+ years of Python; deployed PyTorch models to production on AWS.")
>>> [s.skill_id for s in result.skills]  # doctest: +SKIP
['python', 'production-deployment', 'pytorch', 'aws']
"""

from __future__ import annotations

import importlib.resources
import logging
import os
import pickle
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any, Literal, cast, overload

from pydantic_core import PydanticSerializationError
from spacy.language import Language

from skillmatch._runtime import Outcome, gc_paused, ordered_map
from skillmatch.analysis import TextLayout, coerce_as_of, detect_kind
from skillmatch.matching import SkillIndex, find_mentions
from skillmatch.models import MatchResult, SkillHit, TextKind
from skillmatch.readers import Document
from skillmatch.scoring import OtherSkills, ResultBuilder
from skillmatch.taxonomy import Catalog, Taxonomy
from skillmatch.text import blank_pipeline, normalize, table_tokenizer

__all__ = ["MatcherRef", "SkillMatcher", "parallel_map"]

log = logging.getLogger("skillmatch")


class SkillMatcher:
    """Match a taxonomy's skills in texts. Build one with :meth:`default` or :meth:`from_taxonomy`.

    The constructor is cheap and only stores what it is given; the classmethods load.
    """

    def __init__(
        self,
        taxonomy: Taxonomy,
        index: SkillIndex,
        nlp: Language,
        *,
        fuzzy: bool = True,
        other_skills: bool = True,
    ) -> None:
        self.taxonomy = taxonomy
        self.nlp = nlp
        self.fuzzy = fuzzy
        self.other_skills = other_skills
        self._index = index
        self._tokenize = table_tokenizer(nlp)
        self._results = ResultBuilder(taxonomy)
        self._others: tuple[SkillIndex, OtherSkills] | None = None

    @classmethod
    def default(cls, *, fuzzy: bool = True, other_skills: bool = True) -> SkillMatcher:
        """Return a matcher on the default "What is AI Engineer" taxonomy (no network)."""
        return cls.from_taxonomy(Taxonomy.default(), fuzzy=fuzzy, other_skills=other_skills)

    @classmethod
    def from_taxonomy(
        cls,
        taxonomy: Taxonomy | str | Path,
        *,
        nlp: Language | None = None,
        fuzzy: bool = True,
        other_skills: bool = True,
    ) -> SkillMatcher:
        """Return a matcher on a taxonomy object or file (YAML or JSON).

        ``nlp`` is any spaCy pipeline whose tokenizer should be used; by default a blank English
        pipeline. Its tokens are read chunk by chunk into a token table (see
        :mod:`skillmatch.text.tokenize`), not through Docs. ``fuzzy=False`` matches only exact and
        normalized forms. ``other_skills=False`` skips the technology catalogue (the
        technologies the taxonomy does not hold, ``MatchResult.other_skills``); the catalogue
        is compiled on the first text that needs it, once per pipeline.
        """
        tax = taxonomy if isinstance(taxonomy, Taxonomy) else Taxonomy.load(taxonomy)
        pipeline = nlp if nlp is not None else blank_pipeline()
        index = SkillIndex.build(tax, pipeline, fuzzy=fuzzy)
        with gc_paused():  # the tables of a large taxonomy: many small objects, no cycles
            return cls(tax, index, pipeline, fuzzy=fuzzy, other_skills=other_skills)

    def match(
        self,
        text: str,
        *,
        as_of: date | str | None = None,
        kind: TextKind | None = None,
        id: str | None = None,
        hidden_spans: Sequence[tuple[int, int]] = (),
    ) -> MatchResult:
        """Find the skills in ``text``, with evidence, coverage, seniority and roles.

        ``as_of`` is the date the text was written ("Present" means that day): a ``date``, a
        ``datetime`` or an ISO string ("2024-09-01"); anything else raises ``TypeError``. When
        not given, the text dates itself (the latest date it names, or a stated total beside a
        range that ends "present"), else it is today; ``result.seniority.as_of`` and
        ``.as_of_source`` say which day was used and why. ``kind`` is ``"resume"`` or
        ``"job"``; guessed from the text when not given. ``hidden_spans`` are character ranges
        a reader cannot see (hidden text in a PDF): their mentions are reported as ``hidden``
        and do not count.
        """
        if not isinstance(text, str):
            raise TypeError(f"match() takes a str, not {type(text).__name__}")
        return self._match(text, coerce_as_of(as_of), None, kind, id, hidden_spans)

    def _match(
        self,
        text: str,
        as_of: date | None,
        as_of_source: str | None,
        kind: TextKind | None,
        id: str | None,
        hidden_spans: Sequence[tuple[int, int]],
    ) -> MatchResult:
        norm = normalize(text)
        toks = self._tokenize(norm.text)
        found = find_mentions(self._index, toks)
        others = self._other_skills()
        # Dates, years and titles nobody can see are no evidence: the layout reads the text
        # with hidden ranges blanked (same offsets).
        visible = _blanked(text, hidden_spans) if hidden_spans else text
        layout = TextLayout(
            visible, as_of=as_of, as_of_source=as_of_source, rules=self.taxonomy.seniority
        )
        return self._results.build(
            layout,
            norm,
            found,
            kind=kind or detect_kind(layout),
            id=id,
            hidden_spans=hidden_spans,
            others=find_mentions(others[0], toks)[0] if others else (),
            other_skills=others[1] if others else None,
        )

    def _other_skills(self) -> tuple[SkillIndex, OtherSkills] | None:
        """The compiled catalogue and what this taxonomy holds of it (made on first use)."""
        if not self.other_skills:
            return None
        if self._others is None:
            catalog = _catalog_index(self.nlp)
            self._others = (catalog, OtherSkills(self.taxonomy, catalog.taxonomy))
        return self._others

    def find_skills(
        self, text: str, *, hidden_spans: Sequence[tuple[int, int]] = ()
    ) -> list[SkillHit]:
        """Find the skills in ``text`` with their evidence, and nothing else: the fast path.

        The hits are those of ``match(text, kind="resume").skills`` (same mentions, offsets,
        methods and scores, in the same order) without ``years``, which needs the text's dates:
        no kind, dates, seniority, coverage or roles are worked out, and in a posting no hit says
        whether it is required. Use it where only the skills matter (tagging, search indexing).

        >>> [h.skill_id for h in SkillMatcher.default().find_skills("Python and PyTorch")]
        ['python', 'pytorch']
        """
        if not isinstance(text, str):
            raise TypeError(f"find_skills() takes a str, not {type(text).__name__}")
        norm = normalize(text)
        found = find_mentions(self._index, self._tokenize(norm.text))
        return self._results.skills(text, norm, found, hidden_spans=hidden_spans)

    def match_document(
        self, doc: Document, *, kind: TextKind | None = None, as_of: date | str | None = None
    ) -> MatchResult:
        """Match a document from :mod:`skillmatch.readers`, keeping its id, date and warnings.

        ``kind`` is as in :meth:`match` (guessed from the text when not given). The day the text
        was written is, first found: the document's own ``as_of`` column (a JSONL or CSV
        record), ``as_of`` here, the file's metadata (PDF, DOCX), the text's dates, today.
        """
        given = coerce_as_of(as_of, caller="match_document")
        doc_as_of, source = doc.as_of, doc.as_of_source
        if given is not None and (doc_as_of is None or source != "given"):
            doc_as_of, source = given, "given"
        result = self._match(doc.text, doc_as_of, source, kind, doc.id, doc.hidden_spans)
        if not doc.warnings:
            return result
        warnings = list(doc.warnings) + [w for w in result.warnings if w.code != "hidden-text"]
        return result.model_copy(update={"warnings": warnings})

    @overload
    def pipe(
        self,
        texts: Iterable[str],
        *,
        as_tuples: Literal[False] = ...,
        n_process: int = ...,
        batch_size: int = ...,
        as_of: date | str | None = ...,
    ) -> Iterator[MatchResult]: ...

    @overload
    def pipe(
        self,
        texts: Iterable[tuple[str, object]],
        *,
        as_tuples: Literal[True],
        n_process: int = ...,
        batch_size: int = ...,
        as_of: date | str | None = ...,
    ) -> Iterator[tuple[MatchResult, object]]: ...

    def pipe(
        self,
        texts: Iterable[str] | Iterable[tuple[str, object]],
        *,
        as_tuples: bool = False,
        n_process: int = 1,
        batch_size: int = 16,
        as_of: date | str | None = None,
    ) -> Iterator[MatchResult] | Iterator[tuple[MatchResult, object]]:
        """Match many texts lazily, in input order; each result equals ``match(text)``.

        With ``as_tuples=True`` the input is ``(text, context)`` pairs and so is the output,
        to carry a file name or row id through. ``n_process > 1`` runs worker processes that
        send back results (not spaCy Docs), ``batch_size`` texts at a time: small batches keep
        both workers busy to the end. ``as_of`` is as in :meth:`match`, for every text.
        """
        as_of = coerce_as_of(as_of, caller="pipe")
        if n_process > 1:
            return parallel_map(
                self,
                texts,
                as_tuples=as_tuples,
                n_process=n_process,
                batch_size=batch_size,
                as_of=as_of,
            )
        if as_tuples:
            pairs = cast(Iterable[tuple[str, object]], texts)
            return ((self.match(t, as_of=as_of), ctx) for t, ctx in pairs)
        return (self.match(t, as_of=as_of) for t in cast(Iterable[str], texts))


def _blanked(text: str, spans: Sequence[tuple[int, int]]) -> str:
    """``text`` with the ``spans`` turned to spaces (line breaks kept), offsets unchanged."""
    chars = list(text)
    for start, end in spans:
        for k in range(max(start, 0), min(end, len(chars))):
            if chars[k] != "\n":
                chars[k] = " "
    return "".join(chars)


_CATALOGS: dict[str, SkillIndex] = {}


def _catalog_index(nlp: Language) -> SkillIndex:
    """The technology catalogue compiled with ``nlp``'s tokenizer (exact spellings only): once
    per tokenizer in a process, and kept on disk between processes.

    Compiling reads and validates the catalogue and tokenizes its thousands of names; a fresh
    process that has done so once before loads the compiled index instead. The file is keyed
    by the catalogue's bytes, the tokenizer's settings, the matching code and the versions of
    spaCy and Python, so a change to any of them compiles again. ``SKILLMATCH_CACHE_DIR`` names the
    folder (default ``$XDG_CACHE_HOME/skillmatch`` or ``~/.cache/skillmatch``); set it to an
    empty string to keep nothing on disk.
    """
    key = _catalog_key(nlp)
    index = _CATALOGS.get(key)
    if index is None:
        index = _load_compiled(key)
        if index is None:
            index = SkillIndex.build(Catalog.default().as_taxonomy(), nlp, fuzzy=False)
            _store_compiled(key, index)
        _CATALOGS[key] = index
    return index


def _catalog_key(nlp: Language) -> str:
    """The catalogue, the tokenizer's settings, the matching code and the versions, hashed."""
    import hashlib
    import sys

    import spacy

    package = importlib.resources.files("skillmatch")
    parts = [package.joinpath("data", "catalog.yaml").read_bytes(), _tokenizer_bytes(nlp)]
    matching = package.joinpath("matching")
    parts += [f.read_bytes() for f in sorted(matching.iterdir(), key=str) if f.name.endswith(".py")]
    parts.append(f"{spacy.__version__} {sys.version_info[:2]}".encode())
    digest = hashlib.sha256()
    for part in parts:
        digest.update(hashlib.sha256(part).digest())
    return digest.hexdigest()[:40]


def _tokenizer_bytes(nlp: Language) -> bytes:
    to_bytes = getattr(nlp.tokenizer, "to_bytes", None)
    # a tokenizer that cannot say its settings is known by its identity, in this process only
    return to_bytes() if callable(to_bytes) else f"id {id(nlp.tokenizer)}".encode()


def _cache_file(key: str) -> Path | None:
    folder = os.environ.get("SKILLMATCH_CACHE_DIR")
    if folder == "":
        return None
    if folder is None:
        base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
        folder = str(Path(base) / "skillmatch")
    return Path(folder) / f"catalog-{key}.pickle"


def _load_compiled(key: str) -> SkillIndex | None:
    path = _cache_file(key)
    if path is None or not path.is_file():
        return None
    try:
        with path.open("rb") as handle:
            index = pickle.load(handle)
    except Exception as exc:  # a torn or foreign file: compile again
        log.debug("compiled catalogue %s unreadable (%s); compiling again", path, exc)
        return None
    if not isinstance(index, SkillIndex) or not set(SkillIndex.__dataclass_fields__) <= set(
        vars(index)
    ):
        return None
    return index


def _store_compiled(key: str, index: SkillIndex) -> None:
    path = _cache_file(key)
    if path is None:
        return
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        temporary = path.with_suffix(f".{os.getpid()}.tmp")
        temporary.write_bytes(pickle.dumps(index, protocol=pickle.HIGHEST_PROTOCOL))
        os.replace(temporary, path)  # readers see the old file or the whole new one
    except OSError as exc:
        log.debug("compiled catalogue not kept in %s (%s)", path, exc)


# --------------------------------------------------------------------------------------------
# pipe(n_process > 1): matching on worker processes


class MatcherRef:
    """A matcher for a worker: the object itself where processes fork, else rebuilt once.

    Pickled (for a worker that does not fork), it carries only the taxonomy and ``fuzzy``.
    """

    def __init__(self, matcher: SkillMatcher, *, inherit: bool) -> None:
        self.matcher: SkillMatcher | None = matcher if inherit else None
        self.taxonomy = matcher.taxonomy
        self.fuzzy = matcher.fuzzy
        self.other_skills = matcher.other_skills

    def __getstate__(self) -> dict[str, Any]:
        return {
            "matcher": None,
            "taxonomy": self.taxonomy,
            "fuzzy": self.fuzzy,
            "other_skills": self.other_skills,
        }

    def get(self) -> SkillMatcher:
        if self.matcher is None:
            self.matcher = SkillMatcher.from_taxonomy(
                self.taxonomy, fuzzy=self.fuzzy, other_skills=self.other_skills
            )
        return self.matcher


@dataclass
class _PipeJob:
    """What a ``pipe(n_process=...)`` worker does with a text: match it, send the result as bytes.

    The bytes are the result's JSON (only the fields that were set, so the rebuilt result has
    the same ``model_fields_set``); a text JSON cannot carry (a lone surrogate) travels pickled.
    On two cores the parent shares a core with a worker, so what it spends per result is what
    two workers lose: pydantic-core rebuilds a result from its JSON (in Rust) in about 60% of
    the time unpickling takes, and the worker writes JSON in a quarter of the time pickling
    takes. :func:`parallel_map` rebuilds a result only when it yields it; results that arrive
    ahead of their turn wait as bytes, not as dozens of nested models each, which would keep
    the parent's garbage collector busy.
    """

    ref: MatcherRef
    as_of: date | None

    def __call__(self, text: str) -> bytes:
        result = self.ref.get().match(text, as_of=self.as_of)
        try:
            return result.__pydantic_serializer__.to_json(result, exclude_unset=True)
        except PydanticSerializationError:
            return pickle.dumps(result, protocol=pickle.HIGHEST_PROTOCOL)


def _result_from(data: bytes) -> MatchResult:
    """Rebuild a result from what :class:`_PipeJob` sent: JSON, or else a pickle."""
    if data[:1] == b"{":
        return MatchResult.model_validate_json(data)
    result: MatchResult = pickle.loads(data)
    return result


def parallel_map(
    matcher: SkillMatcher,
    texts: Iterable[str] | Iterable[tuple[str, object]],
    *,
    as_tuples: bool = False,
    n_process: int = 2,
    batch_size: int = 16,
    as_of: date | None = None,
) -> Iterator[Any]:
    """Match texts on ``n_process`` worker processes, lazily, in input order (``pipe``'s engine).

    Each result equals ``matcher.match(text, as_of=as_of)``; an exception raised for a text is
    raised here, at that text. With ``as_tuples`` the contexts stay in this process. Workers
    inherit ``matcher`` where processes fork; elsewhere they rebuild it from its taxonomy (a
    custom ``nlp`` is not carried over).
    """

    def make_job(inherit: bool) -> Callable[[Any], Any]:
        return _PipeJob(MatcherRef(matcher, inherit=inherit), as_of)

    def lost(item: Any, reason: str) -> Outcome:
        return (False, RuntimeError(f"matching a text failed: {reason}"))

    def text_of(item: Any) -> Any:
        return item[0] if as_tuples else item

    for item, (ok, value) in ordered_map(
        make_job,
        texts,
        n_process=n_process,
        batch_size=max(1, batch_size),
        payload=text_of,
        lost=lost,
    ):
        if not ok:
            raise value
        result = _result_from(value)
        yield (result, item[1]) if as_tuples else result
