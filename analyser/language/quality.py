"""Is a requirement a cross-cutting quality, and of which category?

A transparent lexicon: each category has cue patterns in the statement itself and in the
heading it sits under. A statement is a quality requirement when its cues outweigh the signs
of a business function (an actor doing something with a domain object). The lexicon is
data, so a reviewer can read and extend it.
"""

from __future__ import annotations

import re

from analyser.records import QualityCategory

_CUES: dict[QualityCategory, tuple[str, ...]] = {
    "security": (
        r"secur",
        r"authenticat",
        r"authori[sz]",
        r"password",
        r"encrypt",
        r"unauthori[sz]ed",
        r"access control",
        r"role-based",
        r"privileges?\b",
        r"confidential",
        r"privacy",
        r"tamper",
        r"malicious",
        r"intrusion",
        r"two-factor",
        r"multi-factor",
        r"single sign-on",
        r"audit (?:trail|log)",
        r"penetration",
        r"vulnerab",
        r"firewall",
        r"\btls\b",
        r"\bssl\b",
    ),
    "performance": (
        r"within \d+(?:\.\d+)? ?(?:milli)?(?:seconds?|secs?|ms|minutes?)",
        r"response time",
        r"latency",
        r"throughput",
        r"per second",
        r"concurrent",
        r"\bload\b.*\busers\b",
        r"no (?:more|longer) than \d+ ?(?:seconds?|ms)",
        r"performance",
        r"fast(?:er)?\b",
        r"in (?:less|under) (?:than )?\d+ ?(?:seconds?|ms)",
        r"\bquickly\b",
        r"within \d+ hours",
    ),
    "availability": (
        r"availab(?:le|ility) \d",
        r"\b99(?:\.\d+)?\s?%",
        r"24\s?[x/×]\s?7",
        r"uptime",
        r"downtime",
        r"fail-?over",
        r"fault[- ]toleran",
        r"back-?ups?\b",
        r"disaster recovery",
        r"recover(?:y|ed)? (?:point|time)",
        r"\bmtbf\b",
        r"redundan",
        r"\bavailability\b",
        r"reliab",
    ),
    "usability": (
        r"easy to (?:use|learn)",
        r"user[- ]friendly",
        r"intuitive",
        r"usabilit",
        r"accessib",
        r"\bwcag\b",
        r"screen reader",
        r"look and feel",
        r"\bfont\b",
        r"colou?r scheme",
        r"consistent (?:layout|look|navigation)",
        r"learn(?:ed|t)? to use",
        r"training (?:of|for) (?:new )?users",
        r"plain (?:english|language)",
        r"\bclicks?\b",
    ),
    "maintainability": (
        r"maintainab",
        r"modular",
        r"source code",
        r"coding standards?",
        r"documented code",
        r"upgrad(?:e|ed|es) (?:without|with minimal)",
        r"configurable without",
        r"maintenance (?:staff|team)",
        r"supportab",
        r"\bextensib",
    ),
    "portability": (
        r"portab",
        r"operating systems?",
        r"\b(?:windows|linux|macos|ios|android)\b",
        r"browsers? (?:such as|including|versions?)",
        r"supported browsers",
        r"platform[- ]independent",
        r"cross-platform",
    ),
    "legal": (
        r"\bcomply\b",
        r"complian",
        r"\blegislati",
        r"\bgdpr\b",
        r"data protection",
        r"\bact \d{4}\b",
        r"licen[cs]e terms",
        r"retention (?:period|policy|schedule)",
        r"freedom of information",
    ),
    "capacity": (
        r"scal(?:e|able|ability)\b",
        r"up to \d[\d,]* (?:users|records|transactions)",
        r"\bcapacity\b",
        r"storage of at least",
        r"\bvolumes?\b of",
    ),
    "operational": (
        r"operating environment",
        r"\bhosted\b",
        r"data cent(?:re|er)",
        r"server room",
        r"operat(?:e|ing) in temperatures",
    ),
}
# Headings that name a quality, word for word (a "2.5 Recovery" heading is debt recovery).
_HEADING_CUES: dict[QualityCategory, str] = {
    "security": r"\bsecurity\b|\bprivacy\b|access control",
    "performance": r"\bperformance\b|response times?",
    "availability": r"\bavailability\b|\breliability\b|business continuity|disaster recovery",
    "usability": r"\busability\b|\baccessibility\b|look and feel|human factors",
    "maintainability": r"\bmaintainability\b|\bsupportability\b",
    "portability": r"\bportability\b|\bcompatibility\b",
    "legal": r"\blegal\b|\bcompliance\b|\bregulatory\b",
    "capacity": r"\bscalability\b|\bcapacity\b",
    "operational": r"\boperational requirements\b|operating environment|\bhosting\b",
}
_STRONG: dict[QualityCategory, str] = {
    "performance": r"within \d+(?:\.\d+)? ?(?:milli)?(?:seconds?|secs?|ms|minutes?)\b"
    r"|response times?",
    "availability": r"\b99(?:\.\d+)?\s?%|24\s?[x/×]\s?7|\buptime\b",
    "security": r"\bencrypt|\bauthenticat|unauthori[sz]ed",
    "usability": r"\bwcag\b|easy to (?:use|learn)|user[- ]friendly",
}
# The verb after the modal: "shall be …", "shall meet …" state a quality;
# "shall issue …" states a function.
_QUALITY_VERB = re.compile(
    r"\b(?:shall|must|should|will|may)\s+(?:not\s+)?(?:also\s+|at all times\s+)?"
    r"(?:be(?! able)|remain|meet|comply|conform|adhere|respond|run|operate|use|have|work|load|"
    r"scale|support \d|handle|complete|take|require)\b",
    re.I,
)
_FUNCTIONAL_SECTION = re.compile(r"(?<!non)(?<!non-)(?<!non )\bfunctional\b", re.I)
# "Quality requirements" or a bare "Quality" heading; "Water quality sampling" is a function.
_QUALITY_SECTION = re.compile(
    r"non[- ]?functional|quality (?:requirements?|attributes?|characteristics?|criteria)|"
    r"^\W*(?:[\d.]+\s*)?(?:software |system |service )?qualit(?:y|ies)\W*$|"
    r"constraints?|service levels?",
    re.I,
)
_COMPILED = {category: [re.compile(cue, re.I) for cue in cues] for category, cues in _CUES.items()}
_COMPILED_STRONG = {category: re.compile(cue, re.I) for category, cue in _STRONG.items()}
_COMPILED_HEADINGS = {category: re.compile(cue, re.I) for category, cue in _HEADING_CUES.items()}


CATEGORIES: tuple[QualityCategory, ...] = tuple(_CUES)


def classify_quality(text: str, section: tuple[str, ...] = ()) -> QualityCategory | None:
    """Return the quality category of a requirement, or ``None`` for a functional one.

    Examples:
        >>> classify_quality("The portal shall respond to searches within 2 seconds.")
        'performance'
        >>> classify_quality("The system shall let a clerk renew a loan.")
        >>> classify_quality("The service shall be available 99.5% of the time.")
        'availability'
    """
    scores = cue_scores(text)
    heading = " ".join(section)
    for category, cue in _COMPILED_HEADINGS.items():
        if cue.search(heading):
            scores[category] += 2
    best = max(scores, key=lambda category: scores[category])
    quality_section = in_quality_section(section)
    if scores[best] == 0:
        return "operational" if quality_section else None
    stated = quality_section or states_quality(text)
    return best if scores[best] >= (1 if stated else 2) else None


def cue_scores(text: str) -> dict[QualityCategory, int]:
    """How strongly the statement itself names each quality (cues count 1, strong cues 2 more).

    Examples:
        >>> cue_scores("Pages shall load within 2 seconds.")["performance"]
        3
    """
    scores = {category: _count(patterns, text) for category, patterns in _COMPILED.items()}
    for category, pattern in _COMPILED_STRONG.items():
        scores[category] += 2 * len(pattern.findall(text))
    return scores


def states_quality(text: str) -> bool:
    """The verb after the modal states a property ("shall be …"), not a function."""
    return _QUALITY_VERB.search(text) is not None


def heading_category(section: tuple[str, ...]) -> QualityCategory | None:
    """The quality the innermost heading naming one names, word for word ("3.4 Security")."""
    for heading in reversed(section):
        for category, cue in _COMPILED_HEADINGS.items():
            if cue.search(heading):
                return category
    return None


def in_quality_section(section: tuple[str, ...]) -> bool:
    """The innermost heading that names a kind of requirement decides."""
    for heading in reversed(section):
        if _FUNCTIONAL_SECTION.search(heading):
            return False
        if _QUALITY_SECTION.search(heading):
            return True
    return False


def _count(patterns: list[re.Pattern[str]], text: str) -> int:
    return sum(1 for pattern in patterns if pattern.search(text))
