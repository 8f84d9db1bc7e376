"""Who acts in a requirement, and which other systems it exchanges data with (segment stage).

Heuristics over spaCy's parse, tuned for precision: an actor is a user story's persona, a
common-noun subject that is able to do something or names a person by what they do ("officer",
"borrower", "clerk"), or whom the system lets do something ("allow residents to apply"). An
external system is the named object (a proper noun or an acronym, or something called a system,
register, database, …) of "with / from / to" after a verb that exchanges data.
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
