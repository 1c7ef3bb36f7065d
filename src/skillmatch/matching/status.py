"""Whether a mention counts: negation ("no Kubernetes needed") and other parties ("owned by a
separate web team"). Every cue word and the decision are here.

A cue reaches only within its sentence (or bullet) and clause, and only so many tokens; most
mentions have no cue word within reach at all, and are counted without a closer look.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

from skillmatch.matching.candidates import RawMention
from skillmatch.matching.words import SENTENCE_END
from skillmatch.models import Status
from skillmatch.text import TokenTable

__all__ = [
    "CLAUSE_BREAKS",
    "CUE_REACH",
    "DELEGATION",
    "HANDED_OFF",
    "NEGATION_CUES",
    "NEGATION_FALSE_NEXT",
    "NEG_CUES",
    "NOT_AFTER",
    "NOT_NEEDED",
    "STATUS_CUES",
    "TEAM",
    "list_head",
    "sentence_bounds",
    "set_statuses",
    "status_of",
]

# The cue words, one table per language: another language is another entry of each table.
NEGATION_CUES: dict[str, dict[str, int]] = {
    "en": {"no": 8, "not": 12, "n't": 12, "never": 8, "without": 3, "nor": 4, "neither": 6},
    "de": {"kein": 8, "keine": 8, "keinen": 8, "keiner": 8, "keinerlei": 8, "nicht": 12,
           "nie": 8, "niemals": 8, "ohne": 3},
    "es": {"sin": 3, "nunca": 8, "jamás": 8, "ningún": 6, "ninguna": 6, "ninguno": 6},
    "fr": {"pas": 8, "aucun": 6, "aucune": 6, "jamais": 8, "sans": 3},
}  # fmt: skip
"""Negation cues by language, each with its reach in tokens ("no" is English and Spanish)."""
NEGATION_FALSE_NEXT: dict[str, set[str]] = {
    "en": {"only", "just", "limited", "matter", "least", "longer", "necessarily", "always",
           "means", "sql", "-", "doubt", "exception"},
    "de": {"nur", "zuletzt", "unbedingt", "immer"},
    "es": {"solo", "sólo", "solamente", "obstante", "duda"},
    "fr": {"seulement", "uniquement", "doute", "toujours", "forcément"},
}  # fmt: skip
"""Words after a cue that make it no negation ("not only", "nicht nur", "sans doute")."""
NOT_AFTER: dict[str, set[str]] = {"en": {"not", "n't"}, "de": {"nicht"}, "es": {"no"},
                                  "fr": {"pas"}}  # fmt: skip
"""Negations after the skill that, with a word of :data:`NOT_NEEDED`, exclude it."""
NOT_NEEDED: dict[str, set[str]] = {
    "en": {"required", "needed", "necessary", "expected", "essential", "mandatory", "a",
           "needed."},
    "de": {"erforderlich", "notwendig", "nötig", "benötigt", "vorausgesetzt", "zwingend"},
    "es": {"requerido", "requerida", "necesario", "necesaria", "obligatorio", "es"},
    "fr": {"requis", "requise", "nécessaire", "obligatoire", "exigé", "exigée"},
}  # fmt: skip
"""Words that, after "not", say a skill is not asked for ("X is not required")."""
CLAUSE_BREAKS: dict[str, set[str]] = {
    "en": {"but", "however", "though", "although", "while", "whereas", "using", "with", "via",
           "which", "that", "who", "because", "since", "so", "if", "then", "we", "i", "–", "—"},
    "de": {"aber", "jedoch", "sondern", "obwohl", "während", "weil"},
    "es": {"pero", "aunque", "sino", "mientras", "porque"},
    "fr": {"mais", "cependant", "pourtant", "tandis", "parce"},
}  # fmt: skip
"""Words that end the clause a cue reaches over."""


def _merged(table: dict[str, set[str]]) -> frozenset[str]:
    return frozenset(word for words in table.values() for word in words)


_CLAUSE_BREAK = _merged(CLAUSE_BREAKS)
NEG_CUES = {cue: reach for cues in NEGATION_CUES.values() for cue, reach in cues.items()}
_NEG_REACH = max(NEG_CUES.values())  # the longest reach of any cue
_NEG_FALSE = _merged(NEGATION_FALSE_NEXT)
_NOT_AFTER = _merged(NOT_AFTER)
_NOT_NEEDED = _merged(NOT_NEEDED)
TEAM = frozenset({"team", "teams", "department", "squad"})
_TEAM_TRAITS = frozenset({"player", "players"})  # "a good team player" names no team
_TEAM_VERBS = frozenset(
    {
        "trains", "train", "uses", "use", "owns", "own", "handles", "handle", "builds", "build",
        "runs", "run", "maintains", "maintain", "manages", "manage", "does", "do", "writes",
        "write", "takes", "take", "looks", "look", "produces", "produce", "deploys", "deploy",
    }
)  # fmt: skip
DELEGATION = (
    ("owned", "by"), ("handled", "by"), ("managed", "by"), ("done", "by"), ("run", "by"),
    ("produced", "by"), ("belongs", "to"), ("belong", "to"), ("'s", "job"),
    ("another",), ("separate",), ("partner",), ("partner's",), ("other",),
)  # fmt: skip
_PARTY_REACH = 12
HANDED_OFF = (("stays", "with"), ("stay", "with"), ("is", "owned", "by"), ("is", "handled", "by"))
# Both kinds of cue by first word: (cue, whether it hands off by itself or needs a team after it).
_PARTY_CUES: dict[str, list[tuple[tuple[str, ...], bool]]] = defaultdict(list)
for _handed in HANDED_OFF:
    _PARTY_CUES[_handed[0]].append((_handed, True))
for _delegated in DELEGATION:
    _PARTY_CUES[_delegated[0]].append((_delegated, False))
_PARTY_CUE_FIRST = frozenset(_PARTY_CUES)


CUE_REACH = max(_NEG_REACH, _PARTY_REACH)  # no cue is looked for farther from a mention
# Every word that a cue check below looks for: a mention of tokens i..j-1 with none of them in
# i - CUE_REACH .. j + CUE_REACH - 1 is counted.
STATUS_CUES = frozenset(NEG_CUES).union(TEAM, _PARTY_CUE_FIRST)


def sentence_bounds(toks: TokenTable, i: int, j: int) -> tuple[int, int]:
    """The start of token ``i``'s sentence and the end (exclusive) of token ``j - 1``'s, as far
    as ``CUE_REACH`` tokens away: no cue is looked for beyond, so only that window is read.

    A sentence ends at a line break or after a sentence-ending token ('.', ';', '•', ...).
    """
    lower, brk = toks.lower, toks.brk
    lo = max(0, i - CUE_REACH)
    for k in range(i, lo, -1):
        if brk[k] or lower[k - 1] in SENTENCE_END:
            lo = k
            break
    hi = min(len(lower), j + CUE_REACH)
    for k in range(j, hi):
        if brk[k] or lower[k] in SENTENCE_END:
            hi = k
            break
    return lo, hi


def status_of(toks: TokenTable, i: int, j: int, negation: bool, party: bool) -> Status:
    """The status of the mention of tokens ``i..j-1``; ``negation`` and ``party`` say whether
    the text holds a negation cue, and a team word or a hand-off cue (without, none can apply).
    """
    lo, hi = sentence_bounds(toks, i, j)
    lower = toks.lower
    if negation:
        head = list_head(toks, i)
        neg_lo = lo if head == i else sentence_bounds(toks, head, j)[0]
        if _negated(lower, neg_lo, hi, head, j):
            return "negated"
    if party and _other_party(lower, lo, hi, i, j):
        return "other-party"
    return "counted"


_LIST_SEPARATORS = frozenset({",", "/", "or", "and", "nor", "&"})
_LIST_ITEM = 3  # tokens of one item of a list ("Google Cloud Platform")
_LIST_REACH = 60  # tokens a list reaches back from an item
# A clause break that a negation cue right before it governs: "no experience with X",
# "not familiar with X" (the cue at most this many tokens before the break word).
_GOVERNED_BREAK = frozenset({"with"})
_GOVERNED_WITHIN = 2


def list_head(toks: TokenTable, i: int) -> int:
    """The first token of the list whose item starts at token ``i`` ("Kubernetes, Docker or
    AWS": the head of AWS's list is Kubernetes), or ``i`` when it is not in a list.

    A negation cue before a list negates every item ("No experience with Kubernetes, Docker
    or AWS"), so its reach is measured to the head of the list, not to each item. A list stays
    within one line and sentence and ``_LIST_REACH`` tokens; an item is at most ``_LIST_ITEM``
    tokens.
    """
    lower, brk = toks.lower, toks.brk
    head = i
    k = i - 1
    stop = max(0, i - _LIST_REACH)  # bounded, so a text of one endless list stays linear
    while k >= stop and lower[k] in _LIST_SEPARATORS and not brk[k + 1]:
        m = k - 1
        while (
            m >= stop
            and k - m <= _LIST_ITEM
            and not brk[m + 1]
            and lower[m] not in _LIST_SEPARATORS
            and lower[m] not in _CLAUSE_BREAK
            and lower[m] not in NEG_CUES
            and lower[m] not in SENTENCE_END
            and lower[m] not in ("(", ")")
        ):
            m -= 1
        if m == k - 1 or k - m > _LIST_ITEM:
            break  # no item before the separator, or one too long to be a list item
        head = m + 1
        k = m
    return head


def _negated(lower: list[str], lo: int, hi: int, head: int, j: int) -> bool:
    # A cue before the mention, in the same clause and within its reach, measured to the head
    # of the list the mention is in; a cue inside parentheses ("PHP (procedural, not OO),
    # MySQL") stays inside them.
    inside = 0
    for k in range(head - 1, max(lo, head - _NEG_REACH) - 1, -1):
        w = lower[k]
        if w == ")":
            inside += 1
        elif w == "(" and inside:
            inside -= 1
        if inside or w == "(":
            continue
        if w in _CLAUSE_BREAK and not (
            w in _GOVERNED_BREAK
            and any(lower[c] in NEG_CUES for c in range(max(lo, k - _GOVERNED_WITHIN), k))
        ):
            break
        reach = NEG_CUES.get(w)
        if reach is not None and head - k <= reach:
            nxt = lower[k + 1] if k + 1 < len(lower) else ""
            if nxt in _NEG_FALSE or (w == "no" and nxt == "."):
                continue
            return True
    # "X is not required", "X not needed", "X: not required".
    for k in range(j, min(hi, j + 6)):
        w = lower[k]
        if w in _CLAUSE_BREAK:
            break
        if w in _NOT_AFTER and k + 1 < hi and lower[k + 1] in _NOT_NEEDED:
            return True
    return False


def _other_party(lower: list[str], lo: int, hi: int, i: int, j: int) -> bool:
    """Whether the clause gives the skill to someone else: another team, a partner."""
    # The skill names a team: "the SQL Server Reporting team"; not "Web Services -Good Team
    # player".
    for k in range(j, min(hi, j + 2)):
        if lower[k] in TEAM:
            if k + 1 == len(lower) or lower[k + 1] not in _TEAM_TRAITS:
                return True
            break
    # A team is the subject doing the work: "our ML team trains the models in PyTorch".
    before = max(lo, i - _PARTY_REACH)
    if not TEAM.isdisjoint(lower[before:i]):
        for k in range(before, i):
            if lower[k] in TEAM:
                for v in lower[k + 1 : min(j, k + 5)]:
                    if v in _TEAM_VERBS:
                        return True
                    if v not in (",", "who", "that", "which", "then", "also"):
                        break
    # Work handed to others near the mention: "owned by a separate web team",
    # "model training stays with research".
    near = lower[before : min(hi, j + _PARTY_REACH)]
    if _PARTY_CUE_FIRST.isdisjoint(near):
        return False
    for k, w in enumerate(near):
        for cue, handed_off in _PARTY_CUES.get(w, ()):
            end = k + len(cue)
            if tuple(near[k:end]) != cue:
                continue
            if handed_off or not TEAM.isdisjoint(near[end : end + 6]):
                return True
    return False


def set_statuses(toks: TokenTable, vocab: set[str], mentions: Iterable[RawMention]) -> None:
    """Set the status of each mention of ``toks`` (whose distinct lowercase words are ``vocab``)
    that a negation or another party takes out; the others stay counted."""
    # Which cues the text holds at all: most texts have none of some kind.
    negation = not vocab.isdisjoint(NEG_CUES)
    party = not vocab.isdisjoint(TEAM) or any(vocab.issuperset(c) for c in HANDED_OFF)
    if not (negation or party):
        return
    # Only a mention with a cue word within reach can be anything but counted.
    lower = toks.lower
    for m in mentions:
        start = list_head(toks, m.i) if negation else m.i
        if not STATUS_CUES.isdisjoint(lower[max(0, start - CUE_REACH) : m.j + CUE_REACH]):
            m.status = status_of(toks, m.i, m.j, negation, party)
