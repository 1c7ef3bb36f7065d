"""Rules of reading a taxonomy carries beyond its phrases: described work, technical context.

**Described work** (:class:`WorkRule`): a skill is shown where a clause pairs an action with an
object of the right kind, in any grammatical form: "deployed the models", "deployment of
models", "models are deployed", "model deployment". Actions and objects are lemmas (a word's
inflections come from spaCy's lemmatizer: "deploy" covers deployed, deploying, deploys) or
phrases of lemmas ("roll out", "to production"); "@name" refers to a family of
:class:`WorkSettings`, shared by the rules of every skill. A nominalization is a lemma of its
own, so a family lists it ("deploy", "deployment").

**Technical context** (:class:`TechnicalContext`): the words that make a stretch of text
technical. ``@technical`` in an alias's or a rule's ``context`` stands for them and for any
other skill nearby; a finer term that is also an ordinary word or name ("pandas", "Kafka"),
a short acronym ("MSK"), a proper name written in lowercase ("redshift") or a misspelling is
held to it.
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field, field_validator

from skillmatch.vocabulary import MIN_ZIPF

__all__ = ["TechnicalContext", "WorkRule", "WorkSettings"]

_ID = r"^[a-z0-9][a-z0-9._-]*$"


class _Strict(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


def _terms(value: list[str], what: str) -> list[str]:
    terms = [" ".join(term.split()) for term in value]
    if any(not term or term == "@" for term in terms):
        raise ValueError(f"{what} must not be blank")
    return terms


class WorkRule(_Strict):
    """An action and an object in one clause: evidence that the work was done or is asked for.

    ``actions`` and ``objects`` are lemmas, phrases of lemmas, or ``@family`` names. The action
    comes first with at most ``window`` words between them (the taxonomy's ``work.window`` when
    not given), or, unless ``order`` is ``action-first``, the object first with at most
    ``work.window_before`` ("model deployment", "models are deployed"); no clause break between.
    """

    id: str = Field(pattern=_ID)
    actions: list[str] = Field(min_length=1)
    objects: list[str] = Field(min_length=1)
    not_objects: list[str] = Field(
        default_factory=list,
        description=(
            "Phrases in which an object is something else ('data model', 'business model' for"
            " 'model'): an object word inside one does not count."
        ),
    )
    not_after: list[str] = Field(
        default_factory=list,
        description="Words that must not directly precede the action ('large scale', 'at scale').",
    )
    not_before: list[str] = Field(
        default_factory=list,
        description=(
            "Words that must not directly follow the action: with them it is a noun that names"
            " something else ('design patterns', 'design partners')."
        ),
    )
    through_adjuncts: bool = Field(
        default=False,
        description=(
            "Let the object stand in an adjunct of the action ('optimized the models for"
            " latency'): the taxonomy's `work.adjuncts` do not part them."
        ),
    )
    window: int | None = Field(default=None, ge=0, le=30)
    order: str = Field(default="any", pattern="^(any|action-first)$")
    context: list[str] = Field(
        default_factory=list,
        description=(
            "Words of which one must occur within `context_window` tokens of the clause, as an"
            " alias's context ('*' prefixes, '@category', '@technical')."
        ),
    )
    context_window: int = Field(default=12, ge=1, le=100)

    @field_validator("actions", "objects", "not_objects")
    @classmethod
    def _no_blank(cls, value: list[str]) -> list[str]:
        return _terms(value, "an action or object")


_CLAUSE_BREAKS = (
    ";", ":", "|", "•", "while", "whereas", "but", "although", "though", "which", "who",
    "whose", "whom", "where", "unless", "whether",
)  # fmt: skip
_ADJUNCTS = (
    "to", "for", "with", "on", "at", "by", "using", "via", "within", "across", "against", "than",
    "per", "as", "such", "including", "like", "about", "among", "around",
)  # fmt: skip


_COORDINATION = (",", "and", "or", "&", "/", "+")
_PEOPLE = (
    "engineer", "developer", "scientist", "architect", "team", "partner", "customer", "client",
    "user", "researcher", "analyst", "specialist", "expert", "manager", "lead", "owner",
    "practitioner", "professional", "community", "stakeholder", "vendor", "provider",
    "consultant", "staff", "people", "person", "colleague", "peer", "human", "individual",
    "company", "organization", "organisation", "business", "enterprise", "everyone", "anyone",
    "them", "marketer", "advertiser", "publisher", "brand", "retailer", "merchant", "seller",
    "buyer", "creator", "designer", "recruiter", "operator", "employee", "member", "worker",
    "student", "teacher", "clinician", "physician", "doctor", "nurse", "patient",
)  # fmt: skip
_ENABLERS = ("enable", "allow", "help", "empower", "let", "equip")
_OWN_PARTIES = ("us", "you", "me", "yourself", "ourselves", "to", "the team", "our team")


class WorkSettings(_Strict):
    """What the rules of described work share: word families, the window, clause breaks."""

    window: int = Field(
        default=8, ge=0, le=30, description="Most words between an action and its object."
    )
    window_before: int = Field(
        default=4,
        ge=0,
        le=30,
        description=(
            "Most words between an object and an action after it ('models were deployed');"
            " farther, the object is more often the subject of another verb."
        ),
    )
    adjuncts: list[str] = Field(
        default_factory=lambda: list(_ADJUNCTS),
        description=(
            "Words that open an adjunct: an object after one is not the action's ('trained staff"
            " on models', 'build CI/CD for models', 'built tools to deploy models'); not where a"
            " hyphen joins one to the next word ('on-device')."
        ),
    )
    nominal_suffixes: list[str] = Field(
        default_factory=lambda: ["tion", "sion", "ment", "ance", "ence", "ure"],
        description=(
            "Endings of action nouns ('deployment', 'optimization', 'architecture'): one that"
            " directly precedes its object modifies it ('deployment pipelines', 'architecture"
            " decisions') and is no action on it."
        ),
    )
    clause_breaks: list[str] = Field(
        default_factory=lambda: list(_CLAUSE_BREAKS),
        description="Tokens that end a clause: an action and its object never straddle one.",
    )
    coordination: list[str] = Field(
        default_factory=lambda: list(_COORDINATION),
        description=(
            "Tokens that join the members of a coordination ('design, build, and deploy';"
            " 'clean, efficient code'): the words an action is coordinated with, right after"
            " it, do not count toward the window to its object."
        ),
    )
    people: list[str] = Field(
        default_factory=lambda: list(_PEOPLE),
        description=(
            "Lemmas of nouns for people and groups: an object directly before one names who"
            " they are ('software engineers', 'API partners', 'model developers'), not what"
            " the action is done to."
        ),
    )
    enablers: list[str] = Field(
        default_factory=lambda: list(_ENABLERS),
        description=(
            "Lemmas of verbs that hand an action to someone else: 'our platform enables"
            " customers to deploy models', 'helps teams fine-tune models' describe the work of"
            " customers and teams; 'help us deploy' (see `own_parties`) does not."
        ),
    )
    own_parties: list[str] = Field(
        default_factory=lambda: list(_OWN_PARTIES),
        description=(
            "Words right after an enabler that keep the action the text's own: 'help us"
            " deploy', 'enable you to ship', 'help to deploy'."
        ),
    )
    families: dict[str, list[str]] = Field(
        default_factory=dict,
        description="Named lists of lemmas or phrases, used as '@name' in actions and objects.",
    )

    @field_validator("families")
    @classmethod
    def _no_blank_members(cls, value: dict[str, list[str]]) -> dict[str, list[str]]:
        return {name: _terms(terms, f"member of family {name!r}") for name, terms in value.items()}


class TechnicalContext(_Strict):
    """The words that make text nearby technical (``@technical``), and how near is near."""

    window: int = Field(default=12, ge=1, le=100)
    words: list[str] = Field(
        default_factory=list,
        description="Words (a trailing '*' makes a prefix) that make a stretch of text technical.",
    )
    ordinary_zipf: float = Field(
        default=MIN_ZIPF,
        ge=MIN_ZIPF,
        le=8,
        description=(
            "A finer term at least this frequent in English (wordfreq's Zipf scale, from the"
            " table shipped with the package, which starts at 2.5) is also an ordinary word or"
            " name ('pandas', 'Kafka') and needs technical context."
        ),
    )
    acronym_length: int = Field(
        default=4,
        ge=0,
        le=10,
        description="A finer term in capitals of at most this many letters ('MSK') needs it too.",
    )
