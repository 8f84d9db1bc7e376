"""Who acts in a requirement, what it acts on, and which other systems it exchanges data with.

Heuristics over spaCy's parse, tuned for precision: an actor is a user story's persona, a
common-noun subject that is able to do something or names a person by what they do ("officer",
"borrower", "clerk"), or whom the system lets do something ("allow residents to apply"). An
external system is the named object (a proper noun or an acronym, or something called a system,
register, database, …) of "with / from / to" after a verb that exchanges data. The business
objects are what the requirement's verbs act on: their direct objects, the subjects of passive
verbs ("the licence shall be renewed"), and what is applied or paid for ("apply for a licence").
"""

from __future__ import annotations

import re

from spacy.tokens import Span, Token

from analyser.language.terms import GENERIC_TERMS

# Subjects that are the system itself, its parts or its data, or the buyer and the supplier:
# not the people and organisations who use it.
_NOT_ACTORS = GENERIC_TERMS | frozenset(
    [
        "it",
        "service",
        "database",
        "server",
        "file",
        "contractor",
        "supplier",
        "vendor",
        "bidder",
        "tenderer",
        "provider",
        "this",
        "which",
        "that",
        "each",
        "all",
    ]
)
_PERSONA = re.compile(
    r"^\s*as an?\s+([^,]{2,60}?)\s*,?\s+I\s+(?:want|need|would like|can|wish)\b", re.I
)
_LETS = frozenset(["allow", "enable", "let", "permit"])
# Nouns for people by what they do: officer, borrower, claimant, resident, clerk, manager.
_THINGS_LIKE_AGENTS = frozenset(
    [
        "order",
        "number",
        "tender",
        "letter",
        "register",
        "server",
        "folder",
        "filter",
        "paper",
        "counter",
        "parameter",
        "other",
        "content",
        "component",
        "element",
        "event",
        "calendar",
        "marker",
        "sensor",
        "monitor",
        "indicator",
        "identifier",
    ]
)
_AGENT_ENDINGS = ("er", "or", "ist", "ant", "ent", "ian", "clerk", "staff", "team", "public")
# Verbs that exchange data with another system, and the words that name one.
_EXCHANGES = frozenset(
    [
        "interface",
        "integrate",
        "interoperate",
        "exchange",
        "synchronise",
        "synchronize",
        "connect",
        "import",
        "export",
        "send",
        "receive",
        "transfer",
        "retrieve",
        "link",
        "feed",
        "share",
        "submit",
        "check",
        "verify",
        "validate",
        "query",
    ]
)
_SYSTEM_NOUNS = frozenset(
    [
        "system",
        "database",
        "register",
        "registry",
        "api",
        "service",
        "platform",
        "gateway",
        "ledger",
        "application",
        "portal",
        "interface",
    ]
)


def actors(span: Span) -> tuple[str, ...]:
    """Who acts: a user story's persona, the subject of an active verb, whom the system lets
    do something ("allow residents to …"); the system, its data and its supplier are not."""
    found: list[str] = []
    persona = _PERSONA.match(span.text)
    if persona is not None:
        found.append(re.sub(r"^(?:the|a|an)\s+", "", persona.group(1).strip().lower()))
    for token in span:
        if token.pos_ not in ("NOUN", "PROPN"):
            continue
        lets = token.head.lemma_.lower() in _LETS and any(
            child.dep_ in ("xcomp", "ccomp") for child in token.head.children
        )  # "allow residents to apply", not "allow payment by card"
        if (token.dep_ == "nsubj" and _acts(token)) or (token.dep_ in ("dobj", "obj") and lets):
            phrase = _phrase(token)
            if phrase is not None:
                found.append(phrase)
    return tuple(dict.fromkeys(found))


def _acts(subject: Token) -> bool:
    """A subject acts when it is a common noun (names and acronyms are mostly systems) that
    is able to do something ("officers shall be able to …") or names a person by what they do
    ("the clerk shall record …", "applicants can upload …")."""
    if subject.pos_ != "NOUN" or subject.is_upper:
        return False
    verb = subject.head
    if any(child.lower_ == "able" for child in verb.children):
        return True
    lemma = subject.lemma_.lower()
    return (
        verb.pos_ == "VERB"
        and lemma.endswith(_AGENT_ENDINGS)
        and not lemma.endswith("ment")
        and lemma not in _THINGS_LIKE_AGENTS
    )


def _phrase(token: Token) -> str | None:
    head = token.lemma_.lower()
    if not token.is_alpha or head in _NOT_ACTORS or len(head) < 3:
        return None
    modifiers = [
        child.text.lower()
        for child in token.children
        if child.dep_ == "compound" and child.is_alpha and child.i < token.i
    ]
    return " ".join([*modifiers, head])


def external_systems(span: Span) -> tuple[str, ...]:
    """Systems a requirement exchanges data with: the object of "with / from / to" after an
    exchange verb, when it is named (a proper noun or an acronym) or called a system."""
    found: list[str] = []
    for token in span:
        if token.lemma_.lower() not in _EXCHANGES or token.pos_ not in ("VERB", "NOUN"):
            continue
        for preposition in token.subtree:
            if preposition.dep_ != "prep" or preposition.lower_ not in ("with", "from", "to"):
                continue
            for target in preposition.children:
                if target.dep_ != "pobj":
                    continue
                words = [t for t in target.subtree if t.dep_ not in ("det", "punct", "poss")]
                words = [t for t in words if t.i <= target.i]
                named = any(t.pos_ == "PROPN" or (t.is_upper and len(t) > 1) for t in words)
                if named or target.lemma_.lower() in _SYSTEM_NOUNS:
                    found.append(" ".join(t.text for t in words))
    return tuple(dict.fromkeys(found))


def business_objects(span: Span) -> tuple[str, ...]:
    """What the requirement acts on: the direct objects of its verbs, the subjects of its
    passive verbs, and the objects of "for" after a verb ("pay for a licence"), as lemmatised
    noun phrases; the system, its users, generic words and pronouns are not objects."""
    found: list[str] = []
    for token in span:
        if token.pos_ not in ("NOUN", "PROPN"):
            continue
        verb = token.head
        direct = token.dep_ in ("dobj", "obj", "nsubjpass") and verb.pos_ in ("VERB", "AUX")
        purpose = (
            token.dep_ == "pobj"
            and verb.lower_ == "for"
            and verb.head.pos_ == "VERB"
        )
        if not (direct or purpose):
            continue
        phrase = _object_phrase(token)
        if phrase is not None:
            found.append(phrase)
    return tuple(dict.fromkeys(found))


def _object_phrase(token: Token) -> str | None:
    # "data" and "media" as written, not the lemmatiser's "datum" and "medium" (as in terms)
    head = token.lower_ if token.lower_ in ("data", "media") else token.lemma_.lower()
    if not token.is_alpha or head in _NOT_OBJECTS or len(head) < 3:
        return None
    modifiers = [
        child.lemma_.lower()
        for child in token.children
        if child.dep_ in ("compound", "amod")
        and child.is_alpha
        and child.i < token.i
        and child.pos_ in ("NOUN", "PROPN")
        and child.lemma_.lower() not in _NOT_OBJECTS
    ]
    return " ".join([*modifiers[-1:], head])


# Not business objects: the system and its parts, the people it serves (actors), pronouns.
_NOT_OBJECTS = _NOT_ACTORS | frozenset(
    ["user", "customer", "staff", "member", "people", "person", "one", "everything", "anything"]
)
