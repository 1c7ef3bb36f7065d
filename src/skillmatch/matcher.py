"""The facade: text in, :class:`~skillmatch.models.MatchResult` out.

It wires the pieces and holds little logic of its own: normalize the text (keeping offsets),
tokenize it with spaCy, find mentions, score them, and build the frozen result.

>>> from skillmatch import SkillMatcher
>>> matcher = SkillMatcher.default()
>>> result = matcher.match("5+ years of Python; deployed PyTorch models to production on AWS.")
>>> [s.skill_id for s in result.skills]  # doctest: +SKIP
['python', 'production-deployment', 'pytorch', 'aws']
"""

from __future__ import annotations

import logging
from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from datetime import date
from pathlib import Path
from typing import Literal, cast, overload

from spacy.language import Language

from skillmatch import gaming, scoring
from skillmatch.matching import RawMention, SkillIndex, find_mentions
from skillmatch.models import Flag, MatchResult, Mention, Requirement, SkillHit, TextKind
from skillmatch.readers import Document
from skillmatch.taxonomy import Taxonomy
from skillmatch.text import NormalizedText, normalize
from skillmatch.tokenizer import blank_pipeline, table_tokenizer

__all__ = ["SkillMatcher"]

log = logging.getLogger("skillmatch")


class SkillMatcher:
    """Match a taxonomy's skills in texts. Build one with :meth:`default` or :meth:`from_taxonomy`.

    The constructor is cheap and only stores what it is given; the classmethods load.
    """

    def __init__(
        self, taxonomy: Taxonomy, index: SkillIndex, nlp: Language, *, fuzzy: bool = True
    ) -> None:
        self.taxonomy = taxonomy
        self.nlp = nlp
        self.fuzzy = fuzzy
        self._index = index
        self._signal_levels = {s.id: s.level for s in taxonomy.signals}
        self._skills = {s.id: s for s in taxonomy.skills}
        self._tokenize = table_tokenizer(nlp)

    @classmethod
    def default(cls, *, fuzzy: bool = True) -> SkillMatcher:
        """Return a matcher on the default "What is AI Engineer" taxonomy (no network)."""
        return cls.from_taxonomy(Taxonomy.default(), fuzzy=fuzzy)

    @classmethod
    def from_taxonomy(
        cls,
        taxonomy: Taxonomy | str | Path,
        *,
        nlp: Language | None = None,
        fuzzy: bool = True,
    ) -> SkillMatcher:
        """Return a matcher on a taxonomy object or file (YAML or JSON).

        ``nlp`` is any spaCy pipeline whose tokenizer should be used; by default a blank English
        pipeline. Its tokens are read chunk by chunk into a token table (see
        :mod:`skillmatch.tokenizer`), not through Docs. ``fuzzy=False`` matches only exact and
        normalized forms.
        """
        tax = taxonomy if isinstance(taxonomy, Taxonomy) else Taxonomy.load(taxonomy)
        pipeline = nlp if nlp is not None else blank_pipeline()
        return cls(tax, SkillIndex.build(tax, pipeline, fuzzy=fuzzy), pipeline, fuzzy=fuzzy)

    def match(
        self,
        text: str,
        *,
        as_of: date | None = None,
        kind: TextKind | None = None,
        id: str | None = None,
        hidden_spans: Sequence[tuple[int, int]] = (),
    ) -> MatchResult:
        """Find the skills in ``text``, with evidence, coverage, seniority and roles.

        ``as_of`` is the date the text was written ("Present" means that day; today when not
        given). ``kind`` is ``"resume"`` or ``"job"``; guessed from the text when not given.
        ``hidden_spans`` are character ranges a reader cannot see (hidden text in a PDF): their
        mentions are reported as ``hidden`` and do not count.
        """
        if not isinstance(text, str):
            raise TypeError(f"match() takes a str, not {type(text).__name__}")
        norm = normalize(text)
        return self._result(
            norm,
            find_mentions(self._index, self._tokenize(norm.text)),
            as_of=as_of,
            kind=kind,
            id=id,
            hidden_spans=hidden_spans,
        )

    def match_document(self, doc: Document, *, kind: TextKind | None = None) -> MatchResult:
        """Match a document from :mod:`skillmatch.readers`, keeping its id, date and warnings.

        ``kind`` is as in :meth:`match` (guessed from the text when not given).
        """
        result = self.match(
            doc.text, as_of=doc.as_of, id=doc.id, hidden_spans=doc.hidden_spans, kind=kind
        )
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
        as_of: date | None = ...,
    ) -> Iterator[MatchResult]: ...

    @overload
    def pipe(
        self,
        texts: Iterable[tuple[str, object]],
        *,
        as_tuples: Literal[True],
        n_process: int = ...,
        batch_size: int = ...,
        as_of: date | None = ...,
    ) -> Iterator[tuple[MatchResult, object]]: ...

    def pipe(
        self,
        texts: Iterable[str] | Iterable[tuple[str, object]],
        *,
        as_tuples: bool = False,
        n_process: int = 1,
        batch_size: int = 16,
        as_of: date | None = None,
    ) -> Iterator[MatchResult] | Iterator[tuple[MatchResult, object]]:
        """Match many texts lazily, in input order; each result equals ``match(text)``.

        With ``as_tuples=True`` the input is ``(text, context)`` pairs and so is the output,
        to carry a file name or row id through. ``n_process > 1`` runs worker processes that
        send back results (not spaCy Docs), ``batch_size`` texts at a time: small batches keep
        both workers busy to the end.
        """
        if n_process > 1:
            from skillmatch.batch import parallel_map

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

    # ----------------------------------------------------------------------------------------

    def _result(
        self,
        norm: NormalizedText,
        found: tuple[list[RawMention], list[RawMention]],
        *,
        as_of: date | None,
        kind: TextKind | None,
        id: str | None,
        hidden_spans: Sequence[tuple[int, int]],
    ) -> MatchResult:
        text = norm.original
        raw_skills, raw_signals = found
        kind = kind or scoring.detect_kind(text)
        mentions = [self._mention(norm, m, hidden_spans, kind) for m in raw_skills]
        signals = [
            self._mention(norm, m, hidden_spans) for m in raw_signals if m.status == "counted"
        ]
        by_skill: dict[str, list[Mention]] = defaultdict(list)
        excluded: list[Mention] = []
        for m in mentions:
            if m.status == "counted":
                by_skill[m.skill_id].append(m)
            else:
                excluded.append(m)
        years = scoring.skill_years(text, by_skill, as_of=as_of)
        unsupported = gaming.unsupported_skills(text, by_skill)
        flags = gaming.gaming_flags(text, by_skill, unsupported)
        capped = set(unsupported)
        hits = [
            self._hit(skill_id, ms, years.get(skill_id), kind, capped=skill_id in capped)
            for skill_id, ms in by_skill.items()
        ]
        coverage = scoring.coverage(self.taxonomy, by_skill)
        seniority = scoring.estimate_seniority(
            text,
            self.taxonomy.seniority,
            kind=kind,
            signals=signals,
            signal_levels=self._signal_levels,
            as_of=as_of,
        )
        warnings: list[Flag] = list(flags)
        if hidden_spans:
            warnings.append(
                Flag(
                    code="hidden-text",
                    message="the document holds text a reader cannot see; not scored",
                )
            )
        return MatchResult(
            id=id,
            kind=kind,
            text=text,
            skills=hits,
            excluded=excluded,
            signals=signals,
            coverage=coverage,
            seniority=seniority,
            roles=scoring.role_scores(self.taxonomy, coverage),
            warnings=warnings,
            taxonomy=self.taxonomy.name,
        )

    def _mention(
        self,
        norm: NormalizedText,
        m: RawMention,
        hidden_spans: Sequence[tuple[int, int]],
        kind: TextKind | None = None,
    ) -> Mention:
        """Build a mention in the original text's offsets; in a job posting, with how strongly
        it is asked for."""
        start, end = norm.span_to_original(m.start, m.end)
        status = m.status
        if any(s < end and start < e for s, e in hidden_spans):
            status = "hidden"
        extra: dict[str, Requirement] = {}
        if kind == "job" and status == "counted":
            extra["requirement"] = scoring.requirement_of(norm.original, start, end)
        elif kind == "job" and status == "negated":
            extra["requirement"] = "negated"
        # Validated, though valid by construction: pydantic-core validates a flat model faster
        # than model_construct builds one in Python.
        return Mention(
            skill_id=m.target,
            start=start,
            end=end,
            text=norm.original[start:end],
            matched=m.matched,
            method=m.method,
            score=m.score,
            status=status,
            **extra,
        )

    def _hit(
        self,
        skill_id: str,
        mentions: list[Mention],
        years: float | None,
        kind: TextKind,
        *,
        capped: bool = False,
    ) -> SkillHit:
        skill = self._skills[skill_id]
        best = max(m.score for m in mentions)
        requirement = None
        if kind == "job":
            reqs = {m.requirement for m in mentions}
            requirement = "required" if "required" in reqs else "preferred"
        return SkillHit(
            skill_id=skill_id,
            name=skill.name,
            categories=list(skill.categories),
            score=min(best, gaming.UNSUPPORTED_SCORE) if capped else best,
            mentions=mentions,
            years=years,
            requirement=requirement,
        )
