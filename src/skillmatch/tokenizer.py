"""Tokenization with spaCy: a fast blank English tokenizer and a flat token table.

spaCy's blank tokenizer stops caching chunks once a document hits a special case such as a
newline (spaCy issue 13950), and caches at most 10,000 chunks: on résumés that makes it about
5-15x slower than it needs to be. :func:`fast_tokenizer` removes the special-case rules whose
split the affix rules produce anyway and enlarges the cache. The tokens stay identical (tested on
real and generated texts, and by a hypothesis property).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass

import numpy as np
import spacy
from spacy.attrs import IDX, IS_SPACE, LENGTH
from spacy.language import Language
from spacy.tokenizer import Tokenizer
from spacy.tokens import Doc

__all__ = [
    "ChunkTokenizer",
    "TokenTable",
    "blank_pipeline",
    "fast_tokenizer",
    "table_tokenizer",
    "token_table",
    "tokenize_phrases",
]

_CACHE_SIZE = 1_000_000
_CHUNK_CACHE_SIZE = 200_000
_TABLE_ATTRS = [IDX, LENGTH, IS_SPACE]
_NEWLINE = re.compile("\n")
_PLAIN_WORDS = re.compile(r"[A-Za-z]+(?: [A-Za-z]+)*")


# Where a dropped rule could still matter: next to the affixes that spaCy splits off.
_CONTEXTS = (
    "{}", "{}.", "{},", "{}:", "{};", "{}!", "{}?", "({})", "{})", "({}", '"{}"', "'{}'",
    "{}'s", "{}-", "-{}", "{}/", "/{}", "{}...", "{}.)", "[{}]", "{}%", "${}", "#{}", "{}°",
    "°{}", "{}\n", "\n{}",
)  # fmt: skip


def _like(tokenizer: Tokenizer, rules: dict[str, object]) -> Tokenizer:
    return Tokenizer(
        tokenizer.vocab,
        rules=rules,
        prefix_search=tokenizer.prefix_search,
        suffix_search=tokenizer.suffix_search,
        infix_finditer=tokenizer.infix_finditer,
        token_match=tokenizer.token_match,
        url_match=tokenizer.url_match,
    )


def _split(tokenizer: Tokenizer, text: str) -> list[str]:
    return [t.text for t in tokenizer(text)]


def fast_tokenizer(tokenizer: Tokenizer) -> Tokenizer:
    """Drop the special cases that never change a split and enlarge the cache, in place.

    A rule is dropped only if, without it, its text splits the same alone and beside every
    affix in ``_CONTEXTS`` ("°c." splits differently once the rule "°c" is gone: kept).
    """
    rules = dict(tokenizer.rules or {})
    reference = _like(tokenizer, rules)
    plain = _like(tokenizer, {})
    dropped = {
        key
        for key, pieces in rules.items()
        if _split(plain, key) == [p[65] if 65 in p else p.get("ORTH") for p in pieces]
    }
    expected = {
        ctx.format(k): _split(reference, ctx.format(k)) for k in dropped for ctx in _CONTEXTS
    }
    changed = True
    while changed:
        trial = _like(tokenizer, {k: v for k, v in rules.items() if k not in dropped})
        unsafe = {
            key
            for key in dropped
            for ctx in _CONTEXTS
            if _split(trial, ctx.format(key)) != expected[ctx.format(key)]
        }
        changed = bool(unsafe)
        dropped -= unsafe
    tokenizer.rules = {k: v for k, v in rules.items() if k not in dropped}
    tokenizer.max_cache_size = _CACHE_SIZE
    return tokenizer


def blank_pipeline() -> Language:
    """Return ``spacy.blank("en")`` with the fast tokenizer: nothing to download."""
    nlp = spacy.blank("en")
    fast_tokenizer(nlp.tokenizer)
    return nlp


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
    own: a chunk's tokens never depend on its neighbours (unless a special case holds a space,
    which :func:`table_tokenizer` checks). This does the same walk in Python, asks spaCy only
    for chunks it has not seen, and keeps their splits: a Doc, with a lexeme per token, costs
    more than the rest of the table. Tokens are identical to ``token_table(make_doc(text))``.
    """

    def __init__(self, tokenizer: Tokenizer, cache_size: int = _CHUNK_CACHE_SIZE) -> None:
        self.tokenizer = tokenizer
        self.cache_size = cache_size
        # chunk -> () when it is one token, else the (start, end) of its tokens in the chunk.
        self._splits: dict[str, tuple[tuple[int, int], ...]] = {}

    def _split(self, chunk: str) -> tuple[tuple[int, int], ...]:
        spans = tuple((t.idx, t.idx + len(t.text)) for t in self.tokenizer(chunk) if not t.is_space)
        if spans == ((0, len(chunk)),):
            spans = ()
        if len(self._splits) >= self.cache_size:
            self._splits.clear()
        self._splits[chunk] = spans
        return spans

    def __call__(self, text: str) -> TokenTable:
        orth: list[str] = []
        starts: list[int] = []
        ends: list[int] = []
        brk: list[bool] = []
        splits = self._splits
        offset = 0
        for line in text.split("\n"):
            pos = 0
            first = True
            for chunk in line.split():  # the same whitespace as spaCy's (str.isspace)
                pos = line.find(chunk, pos)
                start = offset + pos
                spans = splits.get(chunk)
                if spans is None:
                    spans = self._split(chunk)
                if not spans:
                    orth.append(chunk)
                    starts.append(start)
                    ends.append(start + len(chunk))
                    brk.append(first)
                else:
                    for a, e in spans:
                        orth.append(chunk[a:e])
                        starts.append(start + a)
                        ends.append(start + e)
                        brk.append(first)
                        first = False
                first = False
                pos += len(chunk)
            offset += len(line) + 1
        return TokenTable(text, orth, [o.lower() for o in orth], starts, ends, brk)


def table_tokenizer(nlp: Language) -> Callable[[str], TokenTable]:
    """Return the fastest function that gives ``nlp``'s tokens of a text as a :class:`TokenTable`.

    spaCy's own tokenizer, with no special case that holds whitespace, tokenizes chunk by
    chunk (:class:`ChunkTokenizer`); any other tokenizer, or a special case such as "New York",
    goes through a Doc.
    """
    tokenizer = nlp.tokenizer
    # Rules of whitespace alone (" ", "\\n") only name whitespace tokens, which tables drop.
    if isinstance(tokenizer, Tokenizer) and type(tokenizer) is Tokenizer:
        rules = tokenizer.rules or {}
        if not any(not r.isspace() and any(ch.isspace() for ch in r) for r in rules):
            return ChunkTokenizer(tokenizer)
    return lambda text: token_table(nlp.make_doc(text))


def _plain_word(tokenizer: Tokenizer, word: str) -> bool:
    """Whether spaCy's tokenizer would keep ``word`` (ASCII letters) as one token.

    It splits a chunk only by a special case, a prefix, a suffix, an infix or a token/URL
    match; when none applies the chunk is one token.
    """
    if word in (tokenizer.rules or {}):
        return False
    for search in (tokenizer.prefix_search, tokenizer.suffix_search):
        if search is not None and search(word) is not None:
            return False
    if tokenizer.infix_finditer is not None and next(tokenizer.infix_finditer(word), None):
        return False
    return not any(m is not None and m(word) for m in (tokenizer.token_match, tokenizer.url_match))


def tokenize_phrases(nlp: Language, texts: Iterable[str]) -> dict[str, list[str]]:
    """Return the non-space token texts of each short text (aliases), as ``nlp`` splits them.

    Plain words (ASCII letters between single spaces) that no tokenizer rule touches are split
    on spaces without running spaCy, which would otherwise create a vocabulary entry per word:
    a 30,000-skill taxonomy builds several times faster. Anything else goes through spaCy.
    """
    tokenizer = nlp.tokenizer
    standard = type(tokenizer) is Tokenizer
    plain: dict[str, bool] = {}
    out: dict[str, list[str]] = {}
    for text in texts:
        if text in out:
            continue
        if standard and _PLAIN_WORDS.fullmatch(text):
            words = text.split(" ")
            for w in words:
                if w not in plain:
                    plain[w] = _plain_word(tokenizer, w)
            if all(plain[w] for w in words):
                out[text] = words
                continue
        out[text] = [t.text for t in tokenizer(text) if not t.is_space]
    return out
