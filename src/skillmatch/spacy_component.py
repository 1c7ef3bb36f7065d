"""skillmatch as a spaCy pipeline component: ``nlp.add_pipe("skillmatch")``.

The factory is registered through the ``spacy_factories`` entry point, so an installed
skillmatch is found by any pipeline, also by :func:`spacy.load` on a saved one::

    import spacy
    nlp = spacy.blank("en")                    # or any pipeline: the component reads doc.text
    nlp.add_pipe("skillmatch", config={"taxonomy": "my-taxonomy.yaml"})   # default: AI engineer
    doc = nlp("Deployed PyTorch models to production on AWS.")
    [(s.text, s.label_, s._.skillmatch.method) for s in doc.spans["skills"]]
    doc._.skillmatch.seniority.level          # the full MatchResult

What the component sets on each Doc:

* ``doc.spans["skills"]`` (the key is the ``spans_key`` setting): one span per counted mention,
  label = skill id, widened to the pipeline's token boundaries where a mention starts or ends
  inside a token. ``span._.skillmatch`` is its :class:`~skillmatch.models.Mention` (``method``,
  ``score``, ``matched``, exact character offsets).
* ``doc._.skillmatch``: the :class:`~skillmatch.models.MatchResult`, equal to
  ``SkillMatcher.match(doc.text)`` on the same taxonomy.

The result is kept in ``doc.user_data`` as plain JSON-ready data, so Docs keep it through
``Doc.to_bytes``, ``DocBin`` and ``nlp.pipe(..., n_process=2)``; ``doc._.skillmatch`` rebuilds
the model on each access (keep it in a variable). ``nlp.to_disk`` writes the taxonomy into the
component's folder, so ``spacy.load`` gives the same results on a machine without the file.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc, Span

from skillmatch.errors import TaxonomyError
from skillmatch.matcher import SkillMatcher
from skillmatch.models import MatchResult, Mention, TextKind
from skillmatch.taxonomy import Taxonomy

__all__ = ["SkillmatchComponent", "make_skillmatch"]

_DATA = "skillmatch_data"
_TAXONOMY_FILE = "taxonomy.json"


def _doc_result(doc: Doc) -> MatchResult | None:
    data = doc._.get(_DATA)
    return None if data is None else MatchResult.model_validate({**data, "text": doc.text})


def _span_mention(span: Span) -> Mention | None:
    data = span.doc._.get(_DATA)
    if data is None:
        return None
    for hit in data["skills"]:
        if hit["skill_id"] != span.label_:
            continue
        for m in hit["mentions"]:
            if span.start_char <= m["start"] and m["end"] <= span.end_char:
                return Mention.model_validate(m)
    return None


def _register_extensions() -> None:
    if not Doc.has_extension(_DATA):
        Doc.set_extension(_DATA, default=None)
    if not Doc.has_extension("skillmatch"):
        Doc.set_extension("skillmatch", getter=_doc_result)
    if not Span.has_extension("skillmatch"):
        Span.set_extension("skillmatch", getter=_span_mention)


_register_extensions()


class SkillmatchComponent:
    """The pipeline component: matches ``doc.text`` and records skills, spans and the result.

    ``taxonomy`` is a taxonomy file (YAML or JSON) or ``None`` for the default one. A file that
    does not exist yet is looked for when the first Doc comes, unless the component is loaded
    from disk (``spacy.load``), which brings its own copy.
    """

    def __init__(
        self,
        name: str = "skillmatch",
        *,
        taxonomy: str | None = None,
        fuzzy: bool = True,
        kind: TextKind | None = None,
        spans_key: str = "skills",
    ) -> None:
        self.name = name
        self.fuzzy = fuzzy
        self.kind = kind
        self.spans_key = spans_key
        self._source = taxonomy
        self._taxonomy: Taxonomy | None = None
        self._matcher: SkillMatcher | None = None
        if taxonomy is None:
            self._taxonomy = Taxonomy.default()
        elif Path(taxonomy).exists():
            self._taxonomy = Taxonomy.load(taxonomy)  # a bad file fails here, at add_pipe

    @property
    def matcher(self) -> SkillMatcher:
        """The matcher, built on first use (a few tenths of a second)."""
        if self._matcher is None:
            if self._taxonomy is None:
                raise TaxonomyError(
                    f"{self._source}: no such taxonomy file for the skillmatch component; give "
                    'an existing file in config={"taxonomy": ...}, or None for the default'
                )
            self._matcher = SkillMatcher.from_taxonomy(self._taxonomy, fuzzy=self.fuzzy)
        return self._matcher

    def __call__(self, doc: Doc) -> Doc:
        """Match ``doc.text`` and set ``doc.spans[spans_key]`` and the result on ``doc``."""
        result = self.matcher.match(doc.text, kind=self.kind)
        return self._annotate(doc, result)

    def pipe(self, docs: Iterable[Doc], *, batch_size: int = 128) -> Iterable[Doc]:
        """Annotate a stream of Docs, in order (what ``nlp.pipe`` calls)."""
        for doc in docs:
            yield self(doc)

    def _annotate(self, doc: Doc, result: MatchResult) -> Doc:
        spans = []
        for hit in result.skills:
            for m in hit.mentions:
                span = doc.char_span(m.start, m.end, label=hit.skill_id, alignment_mode="expand")
                if span is not None:
                    spans.append(span)
        doc.spans[self.spans_key] = spans
        doc._.set(_DATA, result.model_dump(mode="json", exclude={"text"}))
        return doc

    def __getstate__(self) -> dict[str, Any]:
        # A worker process rebuilds the matcher from the taxonomy rather than unpickle its index.
        state = self.__dict__.copy()
        state["_matcher"] = None
        return state

    def to_disk(self, path: str | Path, *, exclude: Iterable[str] = ()) -> None:
        """Write the taxonomy into ``path`` (a folder), so the saved pipeline carries it."""
        folder = Path(path)
        folder.mkdir(parents=True, exist_ok=True)
        if self._taxonomy is None:
            self.matcher  # noqa: B018 - raises the missing-file error
        assert self._taxonomy is not None
        (folder / _TAXONOMY_FILE).write_text(self._taxonomy.dump_json(), encoding="utf-8")

    def from_disk(self, path: str | Path, *, exclude: Iterable[str] = ()) -> SkillmatchComponent:
        """Load the taxonomy that :meth:`to_disk` wrote (``spacy.load`` calls this)."""
        folder = Path(path)
        self._taxonomy = Taxonomy.load(folder / _TAXONOMY_FILE)
        self._matcher = None
        return self


@Language.factory(
    "skillmatch",
    default_config={"taxonomy": None, "fuzzy": True, "kind": None, "spans_key": "skills"},
    assigns=["doc.spans", "doc._.skillmatch"],
)
def make_skillmatch(
    nlp: Language,
    name: str,
    taxonomy: str | None,
    fuzzy: bool,
    kind: str | None,
    spans_key: str,
) -> SkillmatchComponent:
    """Create the ``skillmatch`` component (the ``spacy_factories`` entry point names this)."""
    if kind not in (None, "resume", "job"):
        raise ValueError(f'kind must be "resume", "job" or None (guess), not {kind!r}')
    return SkillmatchComponent(
        name,
        taxonomy=taxonomy,
        fuzzy=fuzzy,
        kind="job" if kind == "job" else "resume" if kind == "resume" else None,
        spans_key=spans_key,
    )
