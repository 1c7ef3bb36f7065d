"""Tokenization with spaCy, into a flat token table.

Matching needs each token's text, offsets and line breaks, not spaCy Docs. spaCy's tokenizer
splits text on whitespace and then each whitespace-free chunk on its own;
:class:`ChunkTokenizer` walks the chunks in Python, splits a chunk it has not seen with the
tokenizer's own affix rules (asking spaCy only when a special case may apply) and keeps the
splits. On résumés that is several times faster than making a Doc, whose blank tokenizer stops
caching at special cases such as a newline (spaCy issue 13950), and makes no vocabulary entry
per new word. The tokens are spaCy's own (tested on real texts and by hypothesis properties).

Time is linear in the text's length on any text (:mod:`skillmatch.text.affixes`); spaCy's own
split is quadratic in a chunk's length. A chunk that special cases may split and that is longer
than any word (:data:`~skillmatch.text.affixes.LONGEST_HARD_CHUNK`) is split by spaCy in pieces,
so its tokens may differ from spaCy's where a piece ends.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from itertools import chain, compress, count, filterfalse, pairwise
from typing import NamedTuple, cast

import numpy as np
import spacy
from spacy.attrs import IDX, IS_SPACE, LENGTH
from spacy.language import Language
from spacy.tokenizer import Tokenizer
from spacy.tokens import Doc

from skillmatch.text.affixes import LONGEST_HARD_CHUNK, Affixes, affix_spans, cut_pieces

__all__ = [
    "ChunkTokenizer",
    "TokenTable",
    "blank_pipeline",
    "table_tokenizer",
    "token_table",
    "tokenize_phrases",
]

_CHUNK_CACHE_SIZE = 200_000
_TABLE_ATTRS = [IDX, LENGTH, IS_SPACE]
_NEWLINE = re.compile("\n")
_PLAIN_WORDS = re.compile(r"[A-Za-z]+(?: [A-Za-z]+)*")
_STRETCH = re.compile(r"\S+(?: \S+)*")  # chunks between single spaces
_CHUNK = re.compile(r"\S+")
_FIND_EACH = 8  # up to this many distinct chunks are searched for one by one


def blank_pipeline() -> Language:
    """Return ``spacy.blank("en")``: a tokenizer and nothing to download."""
    return spacy.blank("en")


@dataclass(frozen=True, slots=True)
class TokenTable:
    """The non-space tokens of a text as parallel lists (offsets into the tokenized text).

    ``lower[i]`` is ``orth[i].lower()``, as the aliases are lowercased. ``brk[i]`` is true where
    a line break or the start of the text comes before token ``i``.
    """

    text: str
    orth: list[str]
    lower: list[str]
    starts: list[int]
    ends: list[int]
    brk: list[bool]

    def __len__(self) -> int:
        return len(self.orth)


def token_table(doc: Doc, text: str | None = None) -> TokenTable:
    """Flatten a spaCy ``Doc`` into a :class:`TokenTable`, dropping whitespace tokens.

    ``text`` is the text the doc was made from, when the caller knows it: ``doc.text`` rebuilds
    it token by token (a Token object each), which costs more than the rest of the table.
    It must equal ``doc.text`` (spaCy's own tokenizer never changes a character).
    """
    if text is None:
        text = doc.text
    # Reading attributes as one array avoids building a Token object per token (3-5x faster).
    arr = doc.to_array(_TABLE_ATTRS)
    if len(arr) == 0:
        return TokenTable(text, [], [], [], [], [])
    arr = arr[arr[:, 2] == 0]
    first = arr[:, 0].astype(np.int64)
    last = first + arr[:, 1].astype(np.int64)
    starts: list[int] = first.tolist()
    ends: list[int] = last.tolist()
    orth = [text[s:e] for s, e in zip(starts, ends, strict=True)]
    lower = [o.lower() for o in orth]
    # A break comes before token i when a newline lies between the previous token and it
    # (spaCy keeps a single newline in the previous token's trailing whitespace).
    newlines = np.array([m.start() for m in _NEWLINE.finditer(text)], dtype=np.int64)
    brk = np.ones(len(starts), dtype=bool)
    if len(starts) > 1 and len(newlines):
        brk[1:] = np.searchsorted(newlines, first[1:]) > np.searchsorted(newlines, last[:-1])
    elif len(starts) > 1:
        brk[1:] = False
    return TokenTable(text, orth, lower, starts, ends, brk.tolist())


class ChunkTokenizer:
    """Tokenize texts into :class:`TokenTable` s with a spaCy tokenizer, without making Docs.

    spaCy's tokenizer splits a text on whitespace, then splits each whitespace-free chunk on its
    own. This does the same walk in Python, splits each chunk not seen yet the way spaCy does
    (:func:`~skillmatch.text.affixes.affix_spans`; spaCy itself for the few that a special case
    may split), and keeps the splits: a Doc, with a lexeme per token, costs more than the rest
    of the table.
    A chunk's tokens depend on its neighbours only through special cases: one that holds a
    space (:func:`table_tokenizer` then makes Docs), or one matched across a single space (spaCy
    then tokenizes that stretch of chunks; see ``__init__``). Tokens are identical to
    ``token_table(make_doc(text))``.
    """

    def __init__(self, tokenizer: Tokenizer, cache_size: int = _CHUNK_CACHE_SIZE) -> None:
        self.tokenizer = tokenizer
        self.cache_size = cache_size
        # chunk -> () when it is one token, else its tokens.
        self._splits: dict[str, _Split | tuple[()]] = {}
        # spaCy also matches special cases ("(:", "):") over the affix-split tokens of the
        # whole text, and such a match may run across a single space (") :" looks like "):").
        # It never applies (its text holds a space) but it hides the matches it overlaps. So
        # for each chunk that special cases split otherwise than its affixes alone would, the
        # tokens it may start and end with are kept, and where such a chunk and a neighbour
        # could form a special case across the space, spaCy tokenizes their stretch of chunks.
        self._plain = Tokenizer(
            tokenizer.vocab,
            rules={},
            prefix_search=tokenizer.prefix_search,
            suffix_search=tokenizer.suffix_search,
            infix_finditer=tokenizer.infix_finditer,
            token_match=tokenizer.token_match,
            url_match=tokenizer.url_match,
        )
        pieces = [[t.text for t in self._plain(rule)] for rule in tokenizer.rules or {}]
        self._pairs = frozenset(pair for p in pieces for pair in pairwise(p))
        self._affixes = Affixes(tokenizer)
        self._edges: dict[str, tuple[frozenset[str], frozenset[str]]] = {}

    def _learn(self, chunks: list[str]) -> dict[str, _Split | tuple[()]]:
        """Return the splits, with the ``chunks`` not seen yet added."""
        splits = self._splits
        new = set(filterfalse(splits.__contains__, chunks))
        if not new:
            return splits
        if len(splits) + len(new) > self.cache_size:
            # New dicts, not clear(): a thread still reading the old ones keeps its chunks.
            splits = self._splits = {}
            self._edges = {}
            new = set(chunks)
        hard: list[str] = []  # chunks that a special case may split
        pieces: dict[str, list[tuple[int, int]]] = {}  # long ones go to spaCy in pieces
        for chunk in new:
            spans, special = affix_spans(self._affixes, chunk)
            if not special:
                splits[chunk] = _split(chunk, spans)
            else:
                hard.append(chunk)
                if len(chunk) > LONGEST_HARD_CHUNK:
                    pieces[chunk] = cut_pieces(chunk, spans)
        if not hard:
            return splits
        # Chunks a special case may split go to spaCy. They are split independently (a newline
        # between them stops special cases from matching across), so one Doc of them all gives
        # each chunk's tokens in turn.
        asked = [chunk[a:e] for chunk in hard for a, e in pieces.get(chunk, ((0, len(chunk)),))]
        joined = "\n".join(asked)
        final = _by_chunk(hard, pieces, _chunk_spans(self.tokenizer(joined), asked))
        plain = _by_chunk(hard, pieces, _chunk_spans(self._plain(joined), asked))
        for chunk, spans, plain_spans in zip(hard, final, plain, strict=True):
            splits[chunk] = _split(chunk, spans)
            if spans != plain_spans:
                self._edges[chunk] = (
                    frozenset(chunk[a:e] for a, e in (spans[0], plain_spans[0])),
                    frozenset(chunk[a:e] for a, e in (spans[-1], plain_spans[-1])),
                )
        return splits

    def __call__(self, text: str) -> TokenTable:
        chunks = text.split()  # the same whitespace as spaCy's (str.isspace)
        found = list(map(self._splits.get, chunks))
        if None in found:
            splits = list(map(self._learn(chunks).__getitem__, chunks))
        else:
            splits = cast("list[_Split | tuple[()]]", found)
        if not self._edges.keys().isdisjoint(chunks) and self._special_may_cross(text, chunks):
            splits = self._split_across(text, splits)
        return _table(text, chunks, splits)

    def _split_across(
        self, text: str, splits: list[_Split | tuple[()]]
    ) -> list[_Split | tuple[()]]:
        """``splits`` (one per chunk of ``text``), with spaCy's own where a special case may
        match across a space.

        spaCy matches special cases over its tokens, and no match runs across whitespace
        other than a single space (the rest are whitespace tokens, and no special case of
        this tokenizer mixes whitespace with other chars). So each stretch of chunks
        between single spaces is tokenized on its own, as part of the text it is tokenized
        the same; only stretches where a match may cross are asked.
        """
        splits = list(splits)
        k = 0
        for match in _STRETCH.finditer(text):
            stretch = match.group()
            chunks = stretch.split(" ")
            # spaCy's affix loop is quadratic in a chunk's length: a stretch with a chunk
            # longer than any word keeps its chunks' own splits
            if (
                not self._edges.keys().isdisjoint(chunks)
                and max(map(len, chunks)) <= LONGEST_HARD_CHUNK
                and self._special_may_cross(stretch, chunks)
            ):
                spans = _chunk_spans(self.tokenizer(stretch), chunks)
                splits[k : k + len(chunks)] = map(_split, chunks, spans)
            k += len(chunks)
        return splits

    def _special_may_cross(self, text: str, chunks: Iterable[str]) -> bool:
        """Whether a chunk split by a special case, and a neighbour one space away, could
        start a special-case match on one side of the space and end it on the other."""
        edges = self._edges
        found = edges.keys() & chunks
        if len(found) > _FIND_EACH:  # one walk over the chunks, not one search per chunk
            places: Iterable[tuple[str, int]] = (
                (m.group(), m.start()) for m in _CHUNK.finditer(text) if m.group() in found
            )
        else:
            places = ((chunk, at) for chunk in found for at in _places(text, chunk))
        for chunk, at in places:
            first, last = edges[chunk]
            end = at + len(chunk)
            if (_single_space(text, at - 1) and self._pair(self._before(text, at), first)) or (
                _single_space(text, end) and self._pair(last, self._after(text, end))
            ):
                return True
        return False

    def _before(self, text: str, at: int) -> frozenset[str]:
        start = at - 1
        while start > 0 and not text[start - 1].isspace():
            start -= 1
        return self._edge(text[start : at - 1], -1)

    def _after(self, text: str, end: int) -> frozenset[str]:
        stop = end + 1
        while stop < len(text) and not text[stop].isspace():
            stop += 1
        return self._edge(text[end + 1 : stop], 0)

    def _edge(self, chunk: str, side: int) -> frozenset[str]:
        """The tokens ``chunk`` may start (``side`` 0) or end (-1) with while spaCy matches."""
        if chunk in self._edges:
            return self._edges[chunk][side]
        split = self._splits.get(chunk)
        if split is None:  # learnt before the cache was renewed: ask spaCy
            return frozenset([[t.text for t in self.tokenizer(chunk)][side]])
        return frozenset([split.pieces[side] if split else chunk])

    def _pair(self, ends: frozenset[str], starts: frozenset[str]) -> bool:
        return any((a, b) in self._pairs for a in ends for b in starts)


class _Split(NamedTuple):
    """The tokens of a chunk that is not one token."""

    pieces: tuple[str, ...]  # their texts
    cuts: tuple[int, ...]  # where the tokens after the first start, in the chunk


def _split(chunk: str, spans: Sequence[tuple[int, int]]) -> _Split | tuple[()]:
    """The :class:`_Split` of ``chunk`` into tokens at ``spans``, or ``()`` for one token."""
    if len(spans) == 1:
        return ()
    return _Split(tuple(chunk[a:e] for a, e in spans), tuple(a for a, _ in spans[1:]))


def _table(text: str, chunks: list[str], splits: list[_Split | tuple[()]]) -> TokenTable:
    """The table of the tokens of ``text``, whose ``chunks`` (``text.split()``) split so.

    A token starts after whitespace or at a cut of its chunk, and ends before whitespace or
    the next cut: marked on the text's code points with numpy, that costs several times less
    than finding each chunk in the text in Python.
    """
    codes = np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
    newline = codes == 10
    space = newline | (codes == 32)
    if len(text) - np.count_nonzero(space) != sum(map(len, chunks)):
        # Other whitespace too (tab, no-break space...): mark each kind the text has.
        for ch in set(text).difference(" \n"):
            if ch.isspace():
                space |= codes == ord(ch)
    starts = ~space
    starts[1:] &= space[:-1]
    ends = ~space
    ends[:-1] &= space[1:]
    orth = chunks
    if any(splits):
        split = cast("list[_Split]", list(filter(None, splits)))  # without the ()s
        which = np.fromiter(compress(count(), splits), dtype=np.intp, count=len(split))
        cuts = [s.cuts for s in split]
        at = np.repeat(np.flatnonzero(starts)[which], list(map(len, cuts)))
        at += np.fromiter(chain.from_iterable(cuts), dtype=np.intp, count=len(at))
        starts[at] = True
        ends[at - 1] = True
        orth = []
        done = 0
        for k, s in zip(which.tolist(), split, strict=True):
            orth += chunks[done:k]
            orth += s.pieces
            done = k + 1
        orth += chunks[done:]
    first = np.flatnonzero(starts)
    line = np.cumsum(newline)[first]
    brk = np.empty(len(first), dtype=bool)
    brk[:1] = True
    brk[1:] = line[1:] != line[:-1]
    last = np.flatnonzero(ends) + 1
    lower = list(map(str.lower, orth))
    return TokenTable(text, orth, lower, first.tolist(), last.tolist(), brk.tolist())


def _chunk_spans(doc: Doc, chunks: list[str]) -> list[tuple[tuple[int, int], ...]]:
    """Split the tokens of a Doc of ``chunks`` joined by single whitespace chars, per chunk."""
    tokens = [(t.idx, t.idx + len(t.text)) for t in doc if not t.is_space]
    out = []
    k = 0
    offset = 0
    for chunk in chunks:
        end = offset + len(chunk)
        spans = []
        while k < len(tokens) and tokens[k][0] < end:
            spans.append((tokens[k][0] - offset, tokens[k][1] - offset))
            k += 1
        out.append(tuple(spans))
        offset = end + 1
    return out


def _places(text: str, chunk: str) -> Iterator[int]:
    """Where ``chunk`` stands in ``text`` as a whole chunk (whitespace or an end each side)."""
    at = text.find(chunk)
    while at >= 0:
        end = at + len(chunk)
        if (at == 0 or text[at - 1].isspace()) and (end == len(text) or text[end].isspace()):
            yield at
        at = text.find(chunk, at + 1)


def _single_space(text: str, at: int) -> bool:
    """Whether ``text[at]`` is a lone space between two chunks."""
    return (
        0 < at < len(text) - 1
        and text[at] == " "
        and not text[at - 1].isspace()
        and not text[at + 1].isspace()
    )


def table_tokenizer(nlp: Language) -> Callable[[str], TokenTable]:
    """Return the fastest function that gives ``nlp``'s tokens of a text as a :class:`TokenTable`.

    spaCy's own tokenizer, with no special case that holds whitespace, tokenizes chunk by
    chunk (:class:`ChunkTokenizer`); any other tokenizer, or a special case such as "New York",
    goes through a Doc.
    """
    tokenizer = nlp.tokenizer
    if _chunk_by_chunk(tokenizer):
        return ChunkTokenizer(tokenizer)
    return lambda text: token_table(nlp.make_doc(text))


def _chunk_by_chunk(tokenizer: object) -> bool:
    """Whether ``tokenizer`` is spaCy's own and splits each whitespace-free chunk on its own:
    no special case holds whitespace ("New York"). Rules of whitespace alone (" ", "\\n") only
    name whitespace tokens, which tables drop."""
    if not isinstance(tokenizer, Tokenizer) or type(tokenizer) is not Tokenizer:
        return False
    rules = tokenizer.rules or {}
    return not any(not r.isspace() and any(ch.isspace() for ch in r) for r in rules)


def _by_chunk(
    chunks: list[str],
    pieces: Mapping[str, list[tuple[int, int]]],
    spans: list[tuple[tuple[int, int], ...]],
) -> list[tuple[tuple[int, int], ...]]:
    """The spans of each of ``chunks`` from the spans of its pieces (one piece when it has no
    entry in ``pieces``), as ``spans`` lists them in order."""
    out = []
    k = 0
    for chunk in chunks:
        joined: list[tuple[int, int]] = []
        for at, _ in pieces.get(chunk, ((0, len(chunk)),)):
            joined.extend((a + at, e + at) for a, e in spans[k])
            k += 1
        out.append(tuple(joined))
    return out


def tokenize_phrases(nlp: Language, texts: Iterable[str]) -> dict[str, list[str]]:
    """Return the non-space token texts of each short text (aliases), as ``nlp`` splits them.

    Plain words (ASCII letters between single spaces) that no tokenizer rule touches are split
    on spaces without running spaCy, which would otherwise create a vocabulary entry per word:
    a 30,000-skill taxonomy builds several times faster. Anything else, and everything when a
    special case holds a space ("New York"), goes through spaCy.
    """
    tokenizer = nlp.tokenizer
    standard = _chunk_by_chunk(tokenizer)
    affixes = Affixes(tokenizer) if standard else None
    plain: dict[str, bool] = {}
    out: dict[str, list[str]] = {}
    for text in texts:
        if text in out:
            continue
        if standard and _PLAIN_WORDS.fullmatch(text):
            words = text.split(" ")
            assert affixes is not None
            for w in words:
                if w not in plain:
                    plain[w] = affix_spans(affixes, w) == (((0, len(w)),), False)
            if all(plain[w] for w in words):
                out[text] = words
                continue
        out[text] = [t.text for t in tokenizer(text) if not t.is_space]
    return out
